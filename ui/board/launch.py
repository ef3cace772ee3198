"""Starting the hall board, and the practice counter, from the counter as processes of their own."""

from __future__ import annotations

import sys
from pathlib import Path


def linggong_command(*args: str) -> tuple[str, list[str]]:
    """The program and arguments that run `linggong` with `args`.

    A frozen build (issue 7) is the `linggong` program itself; from source it is this Python with
    `-m app`.
    """
    if getattr(sys, "frozen", False):
        return sys.executable, list(args)
    return sys.executable, ["-m", "app", *args]


def board_command(data_dir: Path) -> tuple[str, list[str]]:
    """The program and arguments that run `linggong board` on this station's data."""
    return linggong_command("--data-dir", str(data_dir), "board")


def practice_command(data_dir: Path) -> tuple[str, list[str]]:
    """The program and arguments that open the practice counter of the station in `data_dir`."""
    return linggong_command("--data-dir", str(data_dir), "--practice", "counter")
