"""Named loggers to a rotating file in the data dir, with personal data scrubbed as a safety net."""

from __future__ import annotations

import logging
import re
from logging.handlers import RotatingFileHandler
from pathlib import Path

# Anything that looks like a resident ID or a mainland mobile number never reaches a log line.
_ID_RE = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)|(?<!\d)\d{15}(?!\d)")
_PHONE_RE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


def scrub(text: str) -> str:
    return _PHONE_RE.sub("[phone]", _ID_RE.sub("[id]", text))


class ScrubbingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))


LOG_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


def close_logging() -> None:
    """Detach and close the `linggong` hierarchy's handlers (their files can then be moved or deleted)."""
    root = logging.getLogger("linggong")
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()


def setup_logging(
    log_dir: Path, *, level: int = logging.INFO, console: bool = False, file_name: str = "linggong.log"
) -> Path:
    """Log the `linggong` hierarchy to log_dir/`file_name` (1 MB × 5 files).

    A program that runs beside the counter (the hall board) logs to a file of its own: two
    processes rotating one file would lose lines.
    """
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / file_name
    close_logging()
    root = logging.getLogger("linggong")
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(ScrubbingFormatter(LOG_FORMAT))
    root.addHandler(handler)
    if console:
        stream = logging.StreamHandler()
        stream.setFormatter(ScrubbingFormatter("%(levelname)s %(name)s: %(message)s"))
        stream.setLevel(logging.WARNING)
        root.addHandler(stream)
    root.setLevel(level)
    root.propagate = False
    return path
