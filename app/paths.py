"""Where a station keeps its files. The default mirrors QStandardPaths.AppDataLocation.

app/ cannot import Qt, so the rule is written out here; tests/ui checks that it agrees with
QStandardPaths for the organisation and application names the UI sets.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from app import APP_NAME, ORG_NAME

ENV_DATA_DIR = "LINGGONG_DATA_DIR"
# The practice data folder (demo data to learn with) inside a station's data dir.
PRACTICE_DIR = "practice"


def default_data_dir() -> Path:
    if env := os.environ.get(ENV_DATA_DIR):
        return Path(env)
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", home / "AppData" / "Roaming"))
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return base / ORG_NAME / APP_NAME


@dataclass(frozen=True)
class DataDir:
    """Everything a station keeps lives below `root`."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / "linggong.db"

    @property
    def keys(self) -> Path:
        return self.root / "keys"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def settings(self) -> Path:
        return self.root / "settings.json"

    @property
    def practice(self) -> Path:
        return self.root / PRACTICE_DIR

    def ensure(self) -> DataDir:
        for path in (self.root, self.keys, self.logs):
            path.mkdir(parents=True, exist_ok=True)
        return self
