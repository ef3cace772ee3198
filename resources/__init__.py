"""Data files of the app (fonts, translations, reference data, icons): located, never imported."""

from __future__ import annotations

import sys
from pathlib import Path

# In a PyInstaller bundle the data lives under sys._MEIPASS/resources.
ROOT = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent)) / "resources"
if not ROOT.is_dir():  # installed as a package
    ROOT = Path(__file__).resolve().parent


def resource_path(*parts: str) -> Path:
    return ROOT.joinpath(*parts)
