"""How errors meet a person: expected ones as plain messages, bugs in a crash dialog. One place."""

from __future__ import annotations

import logging
import platform
import sys
import traceback
from types import TracebackType

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app import __version__
from app.errors import ConflictError, FormInvalid, InputFileError, LinggongError, NotFoundError, StorageError

log = logging.getLogger("linggong.ui.errors")


def _tr(text: str) -> str:
    return QCoreApplication.translate("Errors", text)


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """Tell the clerk what went wrong in their words; a bug gets the crash dialog."""
    if isinstance(exc, StorageError):
        log.error("storage fault: %s (%s)", exc.kind.name, exc.detail)
        QMessageBox.critical(parent, _tr("数据存储出错"), str(exc))
    elif isinstance(exc, InputFileError):
        QMessageBox.warning(parent, _tr("无法读取文件"), str(exc))
    elif isinstance(exc, ConflictError):
        QMessageBox.warning(parent, _tr("记录冲突"), str(exc))
    elif isinstance(exc, NotFoundError):
        QMessageBox.warning(parent, _tr("找不到记录"), _tr("该记录已不存在，可能已被删除或合并。"))
    elif isinstance(exc, FormInvalid):
        QMessageBox.warning(parent, _tr("无法完成操作"), "\n".join(e.message for e in exc.errors))
    elif isinstance(exc, LinggongError):
        QMessageBox.warning(parent, _tr("无法完成操作"), str(exc))
    else:
        show_crash(type(exc), exc, exc.__traceback__)


def version_text() -> str:
    return (
        f"Linggong {__version__}\nPython {platform.python_version()}\n"
        f"Qt {qVersion()} · PySide6 {pyside_version}\n{platform.platform()}"
    )


def show_crash(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    text = "".join(traceback.format_exception(exc_type, exc, tb))
    log.critical("unexpected error\n%s", text)
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        _tr("程序出错"),
        _tr("程序遇到了意外错误，需要关闭。已保存的数据不受影响。\n请把下面的详细信息发给技术支持。"),
    )
    box.setDetailedText(f"{version_text()}\n\n{text}")
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.exec()


def excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """Known errors that escaped a handler are shown plainly; a bug is shown, logged, and ends the app."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    if isinstance(exc, LinggongError):
        show_error(QApplication.activeWindow(), exc)
        return
    show_crash(exc_type, exc, tb)
    app = QApplication.instance()
    if app is not None:
        app.exit(1)


def install_excepthook() -> None:
    sys.excepthook = excepthook
