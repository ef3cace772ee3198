"""Sync in the counter: a worker of its own, a timer, the status-bar line, enrolment and the list of
changes the server sent back.

The UI thread never waits for the network: every sync, look-up and enrolment runs on the "sync"
worker. The status line says online or offline, when the last sync finished, how many changes
wait, and the last error in plain words; it says 已同步 only when nothing waits.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from app import clock as wallclock
from app.errors import SyncError, SyncKind
from app.i18n import translate
from app.practice import demo_refusal
from app.station import Station
from app.sync import state
from app.sync.client import (
    ENTITY_LABELS,
    LAST_ERROR,
    LAST_OK,
    SKEW,
    SyncClient,
    SyncResult,
    clock_warning,
    enroll,
    queue_counts,
)
from db.models import OutboxEntry
from ui.tasks import TaskRunner
from ui.widgets.field_form import ERROR_STYLE

log = logging.getLogger("linggong.ui.sync")

COUNT_POLL_MS = 3000


class SyncController(QObject):
    """Runs sync every `settings.sync_interval_seconds` and on demand; keeps `label` up to date."""

    synced = Signal(object)  # SyncResult
    changed = Signal()

    def __init__(self, station: Station, reader: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.station = station
        self.reader = reader
        self.runner = TaskRunner("sync", self)
        self.client: SyncClient | None = None
        self.label = QPushButton()
        self.label.setFlat(True)
        self.label.setCursor(Qt.CursorShape.PointingHandCursor)
        self.label.clicked.connect(self.show_quarantine)
        self.busy = False
        self.online: bool | None = None
        self.last_ok = ""
        self.error = ""
        self.skew_ms = 0
        self.pending = 0
        self.quarantined = 0
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.sync_now)
        self.count_timer = QTimer(self)
        self.count_timer.setInterval(COUNT_POLL_MS)
        self.count_timer.timeout.connect(self.refresh_counts)
        self.count_timer.start()
        self._load_state()
        self.start()

    # ---- state ---------------------------------------------------------------------------------
    def enrolled(self) -> bool:
        return bool(self.station.settings.station_id)

    def start(self) -> None:
        if self.enrolled():
            self.timer.setInterval(max(10, self.station.settings.sync_interval_seconds) * 1000)
            self.timer.start()
            QTimer.singleShot(1500, self.sync_now)
        self.render()

    def _load_state(self) -> None:
        def read() -> tuple[str, str, int, tuple[int, int]]:
            with self.station.db.read() as s:
                facts = (state.get(s, LAST_OK), state.get(s, LAST_ERROR), int(state.get(s, SKEW, "0") or 0))
            return (*facts, queue_counts(self.station.db))

        def got(r: tuple[str, str, int, tuple[int, int]]) -> None:
            self.last_ok, self.error, self.skew_ms, (self.pending, self.quarantined) = r
            self.render()

        self.reader.run(read, got, lambda _e: None)

    def refresh_counts(self) -> None:
        def got(counts: tuple[int, int]) -> None:
            if counts != (self.pending, self.quarantined):
                self.pending, self.quarantined = counts
                self.render()

        self.reader.run(lambda: queue_counts(self.station.db), got, lambda _e: None)

    # ---- syncing -------------------------------------------------------------------------------
    def _client(self) -> SyncClient:
        if self.client is None:
            self.client = SyncClient(self.station)
        return self.client

    def sync_now(self) -> None:
        if self.busy or not self.enrolled():
            if not self.enrolled():
                self.render()
            return
        self.busy = True
        self.render()
        self.runner.run(lambda: self._client().sync(), self._done, self._failed)

    def _done(self, result: SyncResult) -> None:
        self.busy, self.online, self.error = False, True, ""
        self.last_ok, self.skew_ms = result.finished_at, result.skew_ms
        self.pending, self.quarantined = result.pending, result.quarantined
        self.render()
        self.synced.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        if not isinstance(exc, SyncError):
            log.exception("sync failed unexpectedly", exc_info=exc)
            self.error = self.tr("同步出错：{what}").format(what=type(exc).__name__)
        else:
            self.error = exc.message
            self.online = not exc.offline
            if exc.kind in (SyncKind.REVOKED, SyncKind.UNKNOWN_STATION):
                self.timer.stop()  # nothing will change until the administrator acts
        self.refresh_counts()
        self.render()

    def lookup(self, id_number: str, found: Callable[[str], None]) -> None:
        """Ask the server for a person registered elsewhere (full ID number typed at the counter)."""
        if not self.enrolled() or self.online is False:
            return
        id_key = self.station.keys.id_key(id_number)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, SyncError) and exc.offline:
                self.online = False
                self.render()
            elif isinstance(exc, SyncError) and exc.code == "lookup_limit":
                self.error = exc.message  # the clerk must know why the person was not fetched
                self.render()

        def got(seeker_id: str | None) -> None:
            if seeker_id:
                found(seeker_id)

        self.runner.run(lambda: self._client().lookup_seeker(id_key), got, failed)

    # ---- the status line -----------------------------------------------------------------------
    def status_text(self) -> tuple[str, str]:
        """(text, tooltip) of the status-bar line."""
        if self.station.practice:
            return self.tr("练习数据（不连接服务器）"), self.tr("练习数据目录里的演示数据不能登记，也不会同步")
        if not self.enrolled():
            return self.tr("未连接服务器（单机使用）"), self.tr("在“设置 → 连接同步服务器…”中登记后自动同步")
        parts: list[str] = []
        when = _local_time(self.last_ok)
        if self.busy:
            parts.append(self.tr("⟳ 正在同步…"))
        elif self.error:
            parts.append(("○ " if self.online is False else "⚠ ") + self.error)
        elif self.pending == 0 and self.last_ok:
            parts.append(self.tr("● 已同步 {when}").format(when=when))
        else:
            parts.append(self.tr("● 在线") if self.online else self.tr("○ 尚未同步"))
        if self.pending:
            parts.append(self.tr("待上传 {n} 条").format(n=self.pending))
        if self.last_ok and (self.pending or self.error or self.busy):
            parts.append(self.tr("上次同步 {when}").format(when=when))
        if self.quarantined:
            parts.append(self.tr("被退回 {n} 条（点此查看）").format(n=self.quarantined))
        tip = ""
        if abs(self.skew_ms) > 5 * 60 * 1000:
            warning = clock_warning(self.skew_ms)
            parts.append("⚠ " + warning)
            tip = warning
        return " · ".join(parts), tip

    def render(self) -> None:
        text, tip = self.status_text()
        self.label.setText(text)
        self.label.setToolTip(tip or self.tr("按 F12 立即同步"))
        red = self.error and self.online is not False
        self.label.setStyleSheet("color: #b3261e;" if red or self.quarantined else "")
        self.changed.emit()

    # ---- dialogs -------------------------------------------------------------------------------
    def show_quarantine(self) -> None:
        if not self.quarantined:
            if self.enrolled():
                self.sync_now()
            return
        QuarantineDialog(self.station, self.parent() if isinstance(self.parent(), QWidget) else None).exec()  # type: ignore[arg-type]

    def shutdown(self) -> None:
        self.timer.stop()
        self.count_timer.stop()
        self.runner.shutdown()
        if self.client is not None:
            self.client.close()


def _local_time(iso: str) -> str:
    if not iso:
        return ""
    try:
        at = wallclock.to_local(datetime.fromisoformat(iso))
    except ValueError:
        return ""
    return at.strftime("%H:%M") if at.date() == wallclock.today() else at.strftime("%m-%d %H:%M")


class QuarantineDialog(QDialog):
    """Changes the server refused, each with its reason: the clerk re-enters what matters."""

    def __init__(self, station: Station, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("被服务器退回的修改"))
        self.resize(820, 360)
        with station.db.read() as s:
            rows = list(
                s.execute(
                    select(OutboxEntry.created_at, OutboxEntry.entity, OutboxEntry.fields, OutboxEntry.reason)
                    .where(OutboxEntry.state == "quarantined")
                    .order_by(OutboxEntry.seq)
                )
            )
        intro = QLabel(
            self.tr("以下修改未被服务器接收（其余修改已正常同步）。请核对原因，在相应页面重新录入需要保留的内容。"),
            self,
        )
        intro.setWordWrap(True)
        table = QTableWidget(len(rows), 4, self)
        table.setHorizontalHeaderLabels([self.tr("时间"), self.tr("类型"), self.tr("内容"), self.tr("退回原因")])
        for i, (at, entity, fields, reason) in enumerate(rows):
            label = translate("Sync", ENTITY_LABELS[entity]) if entity in ENTITY_LABELS else entity
            summary = _summary(fields)
            for j, text in enumerate((_local_time(at.isoformat()), label, summary, reason)):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                table.setItem(i, j, item)
        table.resizeColumnsToContents()  # the content column was cut to a few characters
        table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.table = table


def _summary(fields: dict[str, Any]) -> str:
    """What the change was about, without personal data (no ID numbers, no phones)."""
    shown = []
    for key in ("name", "title", "code", "status", "outcome"):
        if isinstance(fields.get(key), str) and fields[key]:
            value = fields[key]
            if key == "name" and len(value) >= 2:
                value = value[0] + "*" * (len(value) - 1)
            shown.append(value)
    hidden = [k for k in fields if k not in ("name", "title", "code", "status", "outcome")]
    return " ".join(shown) + (f"（{len(hidden)} 项）" if hidden else "")


class EnrolDialog(QDialog):
    """设置 → 连接同步服务器: the server's address and the one-time code from the administrator."""

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setWindowTitle(self.tr("连接同步服务器"))
        settings = controller.station.settings
        self.url = QLineEdit(settings.server_url or "https://", self)
        self.url.setMinimumWidth(360)
        self.code = QLineEdit(self)
        # The whole line add-station printed: the typed code and the server certificate's fingerprint.
        self.code.setPlaceholderText("XXXX-XXXX-XXXX/sha256:…")
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("服务器地址"), self.url)
        form.addRow(self.tr("登记码"), self.code)
        note = QLabel(
            self.tr(
                "登记码由市（州）管理员在服务器上添加本站点时生成，24小时内有效，只能用一次；"
                "请把整行复制过来，后半段“/sha256:…”是服务器证书的指纹，本站凭它认出真的服务器。"
                "登记后本站已有的记录会在首次同步时上传。"
            ),
            self,
        )
        note.setWordWrap(True)
        if settings.station_id:
            note.setText(
                note.text()
                + self.tr("\n本站已登记为 {code}；用新的登记码可重新登记（如更换电脑后）。").format(
                    code=settings.station_code
                )
            )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("登记"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.result_text = ""
        # Said before anything is typed; enroll() refuses again whatever the dialog shows.
        self.refusal = demo_refusal(controller.station.db, controller.station.data.root)
        if self.refusal is not None:
            self._error(self.refusal)
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)

    def submit(self) -> None:
        url, code = self.url.text().strip(), self.code.text().strip()
        if not code:
            self._error(self.tr("请填写登记码"))
            return
        self.buttons.setEnabled(False)
        self.message.setStyleSheet("")
        self.message.setText(self.tr("正在登记…"))
        station = self.controller.station

        def done(result: Any) -> None:
            self.buttons.setEnabled(True)
            self.result_text = self.tr("已登记为站点 {code}（{name}）。").format(
                code=result.station_code, name=result.name
            )
            self.controller.client = None  # a new token
            self.controller.error = ""
            self.controller.start()
            self.accept()

        def failed(exc: BaseException) -> None:
            self.buttons.setEnabled(True)
            self._error(exc.message if isinstance(exc, SyncError) else str(exc))

        self.controller.runner.run(lambda: enroll(station, url, code), done, failed)

    def _error(self, text: str) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(text)
