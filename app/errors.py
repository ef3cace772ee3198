"""The error hierarchy. Services raise these; only ui/ decides how a person sees them."""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum

from sqlalchemy.exc import DBAPIError

from app.i18n import QT_TRANSLATE_NOOP, translate


class LinggongError(Exception):
    """Base of every error the app expects and can explain."""


class ValidationError(LinggongError):
    """Bad input in one field; `message` is ready to show next to the field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class FormInvalid(LinggongError):
    """Every problem of a form at once, so each can be shown by its field."""

    def __init__(self, errors: list[ValidationError]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors

    def by_field(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for e in self.errors:
            out.setdefault(e.field, e.message)
        return out


class ConflictError(LinggongError):
    """The change collides with an existing record (e.g. the same resident ID)."""

    def __init__(self, message: str, existing_id: str | None = None) -> None:
        super().__init__(message)
        self.existing_id = existing_id


class NotFoundError(LinggongError):
    pass


class NotAllowed(LinggongError):
    """The action is refused by a rule (a suspended employer, a posting that is not pending, a wrong
    supervisor PIN); the message says which rule and what to do."""


class InputFileError(LinggongError):
    """A file given to a command cannot be read at all."""


class OutputFileError(LinggongError):
    """A file the user asked for (a template, a report) cannot be written."""


def output_file_error(path: object, exc: OSError) -> OutputFileError:
    if exc.errno == errno.ENOSPC:
        why = translate("Storage", "磁盘已满")
    elif exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        why = translate("Storage", "没有写入权限，或文件正被其他程序（如 Excel）打开")
    else:
        why = translate("Storage", "路径无效或磁盘出错")
    return OutputFileError(translate("Storage", "无法写入文件 {p}：{why}").format(p=path, why=why))


class StorageKind(Enum):
    LOCKED = QT_TRANSLATE_NOOP("Storage", "数据库正被其他程序占用（已锁定），请稍后重试。")
    DISK_FULL = QT_TRANSLATE_NOOP("Storage", "磁盘已满，数据未能保存。请清理磁盘空间后重试。")
    CORRUPT = QT_TRANSLATE_NOOP("Storage", "数据库文件已损坏，请联系技术人员从备份恢复。")
    READ_ONLY = QT_TRANSLATE_NOOP("Storage", "数据目录为只读，数据未能保存。请检查目录权限。")
    CANNOT_OPEN = QT_TRANSLATE_NOOP("Storage", "无法打开数据库文件，请检查数据目录是否存在且可写。")
    IO = QT_TRANSLATE_NOOP("Storage", "读写磁盘时出错，数据未能保存。")


class StorageError(LinggongError):
    """The environment failed the database: shown as what it is, never as a traceback."""

    def __init__(self, kind: StorageKind, detail: str = "") -> None:
        super().__init__(translate("Storage", kind.value))
        self.kind = kind
        self.detail = detail


def classify_storage_fault(exc: BaseException) -> StorageKind | None:
    """Which environment fault an exception from SQLite or the OS stands for, if any."""
    if isinstance(exc, DBAPIError):
        exc = exc.orig if exc.orig is not None else exc
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            return StorageKind.DISK_FULL
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return StorageKind.READ_ONLY
        return StorageKind.IO
    if not isinstance(exc, sqlite3.Error):
        return None
    text = str(exc).lower()
    for needle, kind in (
        ("locked", StorageKind.LOCKED),
        ("busy", StorageKind.LOCKED),
        ("disk is full", StorageKind.DISK_FULL),
        ("malformed", StorageKind.CORRUPT),
        ("not a database", StorageKind.CORRUPT),
        ("readonly", StorageKind.READ_ONLY),
        ("read-only", StorageKind.READ_ONLY),
        ("unable to open", StorageKind.CANNOT_OPEN),
        ("disk i/o", StorageKind.IO),
    ):
        if needle in text:
            return kind
    return None


@contextmanager
def storage_guard() -> Iterator[None]:
    """Turn SQLite and OS faults into StorageError; let bugs through as they are."""
    try:
        yield
    except (DBAPIError, sqlite3.Error, OSError) as exc:
        kind = classify_storage_fault(exc)
        if kind is None:
            raise
        raise StorageError(kind, type(exc).__name__) from exc


class SyncKind(Enum):
    OFFLINE = "offline"  # no connection, DNS, timeouts: retried later
    BUSY = "busy"  # the server answered 429/503 and asked to wait
    SERVER = "server"  # the server failed (5xx) or answered nonsense
    NOT_ENROLLED = "not_enrolled"  # this station has no token
    UNKNOWN_STATION = "unknown_station"  # the server does not know the token
    REVOKED = "revoked"  # the administrator stopped this station
    REFUSED = "refused"  # a 4xx with the server's message (a bad enrolment code…)


class SyncError(LinggongError):
    """Sync could not finish; `message` says why in the user's language. Local data is untouched."""

    def __init__(self, kind: SyncKind, message: str, *, retry_after: float | None = None, code: str = "") -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.retry_after = retry_after
        self.code = code  # the server's own name for a refusal ("not_found", "lookup_limit"…)

    @property
    def offline(self) -> bool:
        return self.kind in (SyncKind.OFFLINE, SyncKind.BUSY)
