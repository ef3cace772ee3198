"""Application set-up: names, the bundled CJK font, translations."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSize, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from app import APP_NAME, ORG_NAME, __version__, i18n
from resources import resource_path

log = logging.getLogger("linggong.ui")

FONT_FILE = ("fonts", "wqy-microhei.ttc")
BUNDLED_FAMILY = "WenQuanYi Micro Hei"  # the family in FONT_FILE; asked for even if it failed to load


def set_names() -> None:
    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)


def load_bundled_font() -> str:
    """Register the bundled CJK font, so Chinese shows on a machine without one; returns its family."""
    font_id = QFontDatabase.addApplicationFont(str(resource_path(*FONT_FILE)))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        log.error("bundled font could not be loaded")
        return BUNDLED_FAMILY
    return families[0]


def install_translations(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Qt's own strings in the UI language, and ours when it is not the source language (zh_CN)."""
    i18n.set_language(language)
    QLocale.setDefault(QLocale(language))
    translators: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    candidates = [(f"qtbase_{language}", qt_dir)]
    if language != i18n.DEFAULT_LANGUAGE:
        candidates.append((f"linggong_{language}", str(resource_path("i18n"))))
    for name, directory in candidates:
        translator = QTranslator(app)
        if translator.load(name, directory):
            app.installTranslator(translator)
            translators.append(translator)
        elif name.startswith("linggong"):
            log.warning("translation %s missing", name)
    i18n.install_translator(QCoreApplication.translate)
    return translators


ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def app_icon() -> QIcon:
    """The program's icon at every size drawn (PNG: the bundle carries no SVG support); every
    window, the counter's, the board's and the dialogs', shows it."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(resource_path("icons", f"linggong-{size}.png")), QSize(size, size))
    return icon


def make_application(argv: list[str], language: str) -> QApplication:
    set_names()
    QGuiApplication.setDesktopFileName(APP_NAME)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    family = load_bundled_font()
    font = QFont(family)
    font.setPointSize(11)
    app.setFont(font)
    app.setWindowIcon(app_icon())
    app.setProperty("linggong_translators", install_translations(app, language))
    return app
