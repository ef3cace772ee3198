"""Render resources/icons/linggong.svg to the PNG sizes the program and desktop entries use, and to
the Windows .ico; run after changing the SVG (`python packaging/make_icons.py`), commit the output.

The program loads the PNGs, so the bundle needs no SVG support from Qt."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "linggong.svg"))
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(str(ICONS / f"linggong-{size}.png"))
    Image.open(ICONS / "linggong-256.png").save(ICONS / "linggong.ico", sizes=[(s, s) for s in SIZES])
    print(f"wrote {len(SIZES)} PNGs and linggong.ico in {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
