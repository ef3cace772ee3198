"""Starting the hall board from the counter, as a process of its own on the second screen."""

from __future__ import annotations

import sys
from pathlib import Path


def board_command(data_dir: Path) -> tuple[str, list[str]]:
    """The program and arguments that run `linggong board` on this station's data.

    A frozen build (issue 7) is the `linggong` program itself; from source it is this Python with
    `-m app`.
    """
    if getattr(sys, "frozen", False):
        return sys.executable, ["--data-dir", str(data_dir), "board"]
    return sys.executable, ["-m", "app", "--data-dir", str(data_dir), "board"]
