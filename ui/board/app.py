"""Starting the hall board: on a chosen screen, full screen, or as a one-off PNG snapshot."""

from __future__ import annotations

import logging
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import StorageError, StorageKind, storage_guard
from app.i18n import translate
from app.logs import setup_logging
from app.paths import DataDir
from app.settings import Settings
from db.session import Database, open_database

if TYPE_CHECKING:
    from PySide6.QtCore import QLockFile

    from ui.board.window import BoardWindow

log = logging.getLogger("linggong.board")

OPEN_RETRY_S = 60  # a counter busy with a long import holds the write lock a while


@dataclass(frozen=True)
class BoardOptions:
    screen: int | None = None
    windowed: bool = False
    snapshot: Path | None = None
    size: tuple[int, int] = (1920, 1080)


def parse_size(text: str) -> tuple[int, int]:
    """'1920x1080' → (1920, 1080); ValueError with a message for anything else."""
    parts = text.lower().replace("×", "x").split("x")
    if len(parts) != 2 or not all(p.strip().isdigit() for p in parts):
        raise ValueError(translate("Board", "尺寸应写成 宽x高，例如 1920x1080（收到：{text}）").format(text=text))
    w, h = (int(p) for p in parts)
    if not (320 <= w <= 7680 and 240 <= h <= 4320):
        raise ValueError(translate("Board", "尺寸应在 320x240 与 7680x4320 之间（收到：{text}）").format(text=text))
    return w, h


def _open_database(data: DataDir) -> Database:
    deadline = time.monotonic() + OPEN_RETRY_S
    while True:
        try:
            with storage_guard():
                return open_database(data.database)
        except StorageError as exc:
            if exc.kind is not StorageKind.LOCKED or time.monotonic() > deadline:
                raise
            log.info("database busy at start; retrying")
            time.sleep(2)


def run_board(data_dir: Path, options: BoardOptions) -> int:
    if options.snapshot is not None:
        # A snapshot needs no screen: support staff run it over a remote shell too.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QMessageBox

    from app.services.board import BoardService
    from ui.board.window import BoardWindow
    from ui.errors import install_excepthook
    from ui.setup import load_bundled_font, make_application

    settings_path = DataDir(data_dir).settings
    settings = Settings.load(settings_path)
    app = make_application(sys.argv, settings.language)
    if options.snapshot is None:
        # On the screen an unexpected error gets the crash dialog; a snapshot runs unattended (a
        # support script, a remote shell), where a dialog would wait for ever: it prints and exits.
        install_excepthook()
    if not DataDir(data_dir).database.exists():
        # A wrong folder would otherwise get an empty database and the hall a board of zeros.
        message = app.translate(
            "Board", "这里没有服务台的数据：{dir}\n请先在本机打开一次服务台，或用 --data-dir 指定服务台的数据目录。"
        ).format(dir=data_dir)
        if options.snapshot is not None:
            print(message, file=sys.stderr)
        else:
            QMessageBox.critical(None, app.translate("Board", "大屏无法打开数据"), message)
        return 2
    try:
        with storage_guard():  # a read-only folder fails on the log file first
            data = DataDir(data_dir).ensure()
            setup_logging(data.logs, file_name="board.log", console=options.snapshot is not None)
        db = _open_database(data)
    except StorageError as exc:
        message = f"{exc}\n\n{data_dir}"
        if options.snapshot is not None:
            print(message, file=sys.stderr)
        else:
            QMessageBox.critical(None, app.translate("Board", "大屏无法打开数据"), message)
        return 3
    family = load_bundled_font()
    service = BoardService(db, settings, settings_path=settings_path)
    window = BoardWindow(service, family, live=options.snapshot is None)
    try:
        if options.snapshot is not None:
            return _save_snapshot(window, options)
        screens = QGuiApplication.screens()
        index = options.screen if options.screen is not None else _default_screen(len(screens))
        if not 0 <= index < len(screens):
            names = "；".join(f"{i}: {s.name()} {s.size().width()}x{s.size().height()}" for i, s in enumerate(screens))
            print(
                app.translate("Board", "没有第{n}块屏幕。可用的屏幕：{names}").format(n=index, names=names),
                file=sys.stderr,
            )
            return 2
        running = board_lock(data.root)
        if not running.tryLock(0):
            log.info("another board already runs on this data")  # a second screen may want one too
        screen = screens[index]
        window.setScreen(screen)
        window.move(screen.geometry().topLeft())
        if options.windowed:
            window.resize(1280, 720)
            window.show()
        else:
            window.showFullScreen()
        log.info("board started on screen %d", index)
        return app.exec()
    finally:
        window.close()
        db.dispose()


def board_lock(root: Path) -> QLockFile:
    """Held by a running board, so the counter's 打开大屏 does not start a second one by mistake."""
    from PySide6.QtCore import QLockFile

    lock = QLockFile(str(root / "board.lock"))
    lock.setStaleLockTime(0)  # held for weeks; a lock left by a dead process is still seen as stale
    return lock


def _default_screen(count: int) -> int:
    """A TV on the counter PC's second output is the usual case: the first screen after the primary."""
    return 1 if count > 1 else 0


def _save_snapshot(window: BoardWindow, options: BoardOptions) -> int:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    from app.errors import OutputFileError
    from app.files import write_atomic

    assert options.snapshot is not None
    try:
        window.load_now()
    except StorageError as exc:
        print(str(exc), file=sys.stderr)
        return 3
    image = window.render_image(*options.size)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; PySide6 wants str
    buffer.close()
    try:
        write_atomic(options.snapshot, bytes(data.data()))
    except OutputFileError as exc:
        print(str(exc), file=sys.stderr)
        return 3
    print(options.snapshot)
    return 0
