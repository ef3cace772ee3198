"""The hall board window: pages the open posts, ticks the clock, scrolls the placements, and
re-reads the data in the background only after something changed."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer
from PySide6.QtGui import QCursor, QImage, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QShowEvent
from PySide6.QtWidgets import QWidget

from app import clock as wallclock
from app.errors import StorageError, StorageKind
from app.i18n import QT_TRANSLATE_NOOP
from app.services.board import BoardService, BoardSnapshot
from ui.board.painter import BoardFrame, BoardLayout, BoardPainter, page_count
from ui.tasks import TaskRunner

log = logging.getLogger("linggong.board")

POLL_MS = 1000  # a change at the counter shows within about a second (the target is 5)
REFRESH_S = 60  # "3小时前", the day's counts at midnight and expiries move with the time
SLOW_S = 10  # a read taking longer than this is mentioned on the board
TICKER_MS = 40
TICKER_SPEED = 90  # pixels per second at u = 1
CURSOR_IDLE_MS = 3000


# Short reasons for the board's quiet notice; the counter shows the full StorageError message.
_REASONS = {
    StorageKind.LOCKED: QT_TRANSLATE_NOOP("Board", "数据库正忙"),
    StorageKind.DISK_FULL: QT_TRANSLATE_NOOP("Board", "磁盘已满"),
    StorageKind.CORRUPT: QT_TRANSLATE_NOOP("Board", "数据库文件损坏"),
    StorageKind.READ_ONLY: QT_TRANSLATE_NOOP("Board", "数据目录只读"),
    StorageKind.CANNOT_OPEN: QT_TRANSLATE_NOOP("Board", "数据库文件打不开"),
    StorageKind.IO: QT_TRANSLATE_NOOP("Board", "读盘出错"),
}


class BoardWindow(QWidget):
    def __init__(
        self,
        service: BoardService,
        family: str,
        *,
        live: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.painter = BoardPainter(family)
        self.frame = BoardFrame(None, title=str(service.settings.market_name))
        self.setWindowTitle(QCoreApplication.translate("Board", "零工市场大屏"))
        self.setMinimumSize(QSize(640, 360))
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setMouseTracking(True)
        self._layout: BoardLayout | None = None
        self._ticker_cycle = 0.0
        self._ticker_started = time.monotonic()
        self._last_read = 0.0  # monotonic time of the last successful read
        self._read_started: float | None = None
        self._force = True
        self._taken_at: datetime | None = None

        self._worker = TaskRunner("board-read", self)
        self._poll = self._timer(POLL_MS, self.poll)
        # The page time comes with each read (the settings may change while the board runs).
        self._pager = self._timer(10_000, self.next_page)
        self._clock = self._timer(1000, self._tick_clock)
        self._ticker = self._timer(TICKER_MS, self._tick_ticker)
        self._cursor = self._timer(CURSOR_IDLE_MS, self._hide_cursor)
        self._cursor.setSingleShot(True)
        self._live = live
        if live:
            for timer in (self._poll, self._pager, self._clock, self._ticker):
                timer.start()
            self.poll()

    def _timer(self, interval_ms: int, slot: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setInterval(interval_ms)
        timer.timeout.connect(slot)
        return timer

    # ---- data ------------------------------------------------------------------------------

    @property
    def snapshot(self) -> BoardSnapshot | None:
        return self.frame.snapshot

    def load_now(self) -> None:
        """Read the data in this thread (the snapshot command and tests): only on a board that is not
        live, whose service's connection no worker uses."""
        assert not self._live, "a live board reads on its worker"
        self._show(self.service.snapshot())

    def poll(self) -> None:
        """Every second: ask the worker whether anything changed, and read again if so."""
        now = time.monotonic()
        if self._read_started is not None:
            if now - self._read_started > SLOW_S and not self.frame.notice:
                self._set_notice(QCoreApplication.translate("Board", "数据读取较慢，正在等待…"))
            return
        force = self._force or now - self._last_read > REFRESH_S
        self._read_started = now
        service = self.service

        def work() -> BoardSnapshot | None:
            moved = service.changed()
            return service.snapshot() if moved or force else None

        self._worker.run(work, self._read_done, self._read_failed)

    def _read_done(self, snapshot: BoardSnapshot | None) -> None:
        self._read_started = None
        self._force = False
        if snapshot is None:
            if self.frame.notice:  # a slow read finished: nothing to wait for any more
                self._set_notice("")
            return
        self._last_read = time.monotonic()
        log.info("board read: %d open posts, %d placed today", snapshot.open_postings, snapshot.today.placed)
        self._show(snapshot)

    def _read_failed(self, error: BaseException) -> None:
        self._read_started = None
        self._force = True  # the change that was seen is still unread
        if isinstance(error, StorageError):
            log.warning("board read failed: %s", error.kind.name)
            reason = _REASONS.get(error.kind, _REASONS[StorageKind.IO])
        else:
            log.error("board read failed", exc_info=error)
            reason = _REASONS[StorageKind.IO]
        if self._taken_at is None:
            notice = QCoreApplication.translate("Board", "暂时读不到数据（{reason}），稍后自动重试").format(
                reason=QCoreApplication.translate("Board", reason)
            )
        else:
            notice = QCoreApplication.translate(
                "Board", "暂时读不到数据（{reason}），正在显示{time}的数据，稍后自动重试"
            ).format(reason=QCoreApplication.translate("Board", reason), time=f"{self._taken_at:%H:%M}")
        self._set_notice(notice)

    def _show(self, snapshot: BoardSnapshot) -> None:
        page_ms = snapshot.page_seconds * 1000
        if self._pager.interval() != page_ms:
            self._pager.setInterval(page_ms)
        self.frame.snapshot = snapshot
        self.frame.notice = ""
        self._taken_at = snapshot.taken_at
        self.update()

    def _set_notice(self, text: str) -> None:
        self.frame.notice = text
        self.update()

    # ---- motion ----------------------------------------------------------------------------

    def next_page(self) -> None:
        rows = self._layout.rows_per_page if self._layout else 1
        pages = page_count(self.frame.snapshot, rows)
        self.frame.page = (self.frame.page + 1) % pages
        self.update()

    def _tick_clock(self) -> None:
        now = wallclock.local_now()
        shown = self.frame.now
        self.frame.now = now
        if shown is not None and shown.date() != now.date():
            self._force = True  # a new day: today's counts start again at the next poll
        if shown is None or (shown.hour, shown.minute) != (now.hour, now.minute):
            self.update(self._layout.header.toAlignedRect() if self._layout else self.rect())

    def _tick_ticker(self) -> None:
        if self._layout is None or not self._ticker_cycle:
            return
        speed = TICKER_SPEED * self._layout.u
        self.frame.ticker_offset = ((time.monotonic() - self._ticker_started) * speed) % self._ticker_cycle
        self.update(self._layout.ticker_text.toAlignedRect())

    # ---- painting --------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        try:
            lay = self._layout
            only_ticker = lay is not None and lay.ticker_text.toAlignedRect().contains(event.rect())
            if only_ticker and lay is not None and lay.width == self.width() and lay.height == self.height():
                self.painter.paint_ticker(p, lay, self.frame)
            else:
                self._layout = self.painter.paint(p, self.width(), self.height(), self.frame)
            self._ticker_cycle = self.painter.ticker_cycle
        finally:
            p.end()

    def render_image(self, width: int, height: int) -> QImage:
        """The current frame, first page, at any size: what `--snapshot` saves."""
        image = QImage(width, height, QImage.Format.Format_RGB32)
        p = QPainter(image)
        try:
            frame = replace(self.frame, page=0, ticker_offset=0.0)
            self.painter.paint(p, width, height, frame)
        finally:
            p.end()
        return image

    def drawn_text(self) -> list[str]:
        """Every string of the last frame painted, the ticker's included."""
        return [*self.painter.drawn, *self.painter.ticker_drawn]

    # ---- screen, keys and cursor -----------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._cursor.start()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape and self.isFullScreen():
            self.showNormal()
        elif key in (Qt.Key.Key_F11, Qt.Key.Key_F):
            self.showNormal() if self.isFullScreen() else self.showFullScreen()
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space):
            self.next_page()
            self._pager.start()
        elif key == Qt.Key.Key_Q and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.close()
        else:
            super().keyPressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self.unsetCursor()
        self._cursor.start()
        super().mouseMoveEvent(event)

    def _hide_cursor(self) -> None:
        self.setCursor(QCursor(Qt.CursorShape.BlankCursor))

    def closeEvent(self, event: object) -> None:
        for timer in (self._poll, self._pager, self._clock, self._ticker, self._cursor):
            timer.stop()
        self._worker.shutdown()
        self.service.close()
        super().closeEvent(event)  # type: ignore[arg-type]
