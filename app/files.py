"""Writing files whole or not at all."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from app.errors import output_file_error


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


# Read once: a temporary file is made private (0600); the file that replaces the user's gets the
# mode any program would give it, or keeps the mode the old file had.
_UMASK = _umask()


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o666 & ~_UMASK


def write_atomic(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """Write to a temporary file beside `path`, flush it to disk, then replace `path`.

    A failure leaves `path` as it was and raises OutputFileError saying why in the user's words.
    `mode` fixes the permissions (0600 for keys); without it the file gets the usual ones.
    """
    if mode is None:
        mode = _mode_for(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as exc:
        raise output_file_error(path, exc) from exc
    try:
        if mode is not None and hasattr(os, "fchmod"):
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        Path(tmp).replace(path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise output_file_error(path, exc) from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
