"""`make i18n`: refresh resources/i18n/*.ts from the code with pyside6-lupdate, then compile .qm.

Source strings are Chinese; translators fill linggong_en.ts (Qt Linguist), and this never loses
their work: lupdate merges.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
TARGETS = ("en",)


def tool(name: str) -> str:
    return shutil.which(f"pyside6-{name}") or str(Path(sys.executable).parent / f"pyside6-{name}")


def sources() -> list[str]:
    files = sorted(p for d in ("app", "ui") for p in (ROOT / d).rglob("*.py"))
    return [str(p.relative_to(ROOT)) for p in files]


def update() -> None:
    for lang in TARGETS:
        ts = I18N / f"linggong_{lang}.ts"
        subprocess.run(
            [
                tool("lupdate"),
                *sources(),
                "-source-language",
                "zh_CN",
                "-target-language",
                lang,
                "-no-obsolete",
                "-locations",
                "none",
                "-ts",
                str(ts.relative_to(ROOT)),
            ],
            check=True,
            cwd=ROOT,
        )


def release(out_dir: Path = I18N) -> list[Path]:
    made = []
    for lang in TARGETS:
        qm = out_dir / f"linggong_{lang}.qm"
        subprocess.run(
            [tool("lrelease"), "-silent", str(I18N / f"linggong_{lang}.ts"), "-qm", str(qm)], check=True, cwd=ROOT
        )
        made.append(qm)
    return made


if __name__ == "__main__":
    update()
    release()
