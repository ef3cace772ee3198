"""The referral page: every referral by code and status, and the follow-up list (待回访) of slips that
ran out with no outcome. Enter opens a referral, or in the follow-up list records a call."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import clock as wallclock
from app.reference import REFERRAL_STATUSES
from app.services.referrals import ReferralRow
from app.station import Station
from ui.dialogs.follow_up import FollowUpDialog
from ui.dialogs.referral import ReferralDialog
from ui.errors import show_error
from ui.models.referral_table import ReferralTableModel
from ui.models.row_table import ID_ROLE
from ui.tasks import TaskRunner
from ui.widgets.record_table import DownToTable, record_table

FILTER_DELAY_MS = 150
LIST_LIMIT = 500
FOLLOW_UP_KEY = "Ctrl+R"


class ReferralPage(QWidget):
    reprint_requested = Signal(str)  # referral id
    status_message = Signal(str)
    referrals_changed = Signal()

    def __init__(self, station: Station, writer: TaskRunner, reader: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.station = station
        self.writer = writer
        self.reader = reader
        self._seq = 0
        self.dialog: ReferralDialog | FollowUpDialog | None = None  # the one open now, if any

        self.search_box = QLineEdit(self)
        self.search_box.setPlaceholderText(self.tr("推荐编号，如 GY01-20261124-0042 或其中一段　(Ctrl+F)"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMinimumHeight(34)
        self.status_filter = QComboBox(self)
        self.status_filter.addItem(self.tr("全部状态"), "")
        for c in REFERRAL_STATUSES:
            self.status_filter.addItem(c.label, c.key)
        self.follow_up_button = QPushButton(self.tr("待回访 ({key})").format(key=FOLLOW_UP_KEY), self)
        self.follow_up_button.setCheckable(True)
        # One box for both states, so the checked look (the list is the follow-up list) never clips the text.
        self.follow_up_button.setStyleSheet(
            "QPushButton { padding: 5px 12px; border: 1px solid #b0bec5; border-radius: 3px; background: #fafafa; }"
            " QPushButton:focus { border-color: #1e88e5; }"
            " QPushButton:checked { background: #ffe0b2; color: #e65100; border-color: #ffb74d; }"
        )
        self.follow_up_button.setToolTip(self.tr("介绍信已过期、仍未反馈结果的推荐，逐个电话回访"))
        self.call_button = QPushButton(self.tr("记录回访…"), self)
        self.open_button = QPushButton(self.tr("打开"), self)
        self.reprint_button = QPushButton(self.tr("重新打印 (Ctrl+P)"), self)
        self.hint = QLabel(self)
        self.hint.setStyleSheet("color: #546e7a;")
        self.model = ReferralTableModel(self)
        self.table = record_table(self.model, self)
        self.table.setObjectName("referral_list")

        filters = QHBoxLayout()
        filters.addWidget(self.search_box, 1)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.follow_up_button)
        actions = QHBoxLayout()
        actions.addWidget(self.hint, 1)
        for button in (self.open_button, self.call_button, self.reprint_button):
            button.setAutoDefault(False)
            actions.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FILTER_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.search_box.textChanged.connect(lambda _t: self._timer.start())
        self.search_box.returnPressed.connect(self._on_search_enter)
        self._down = DownToTable(self.search_box, self.table)
        self.status_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.follow_up_button.toggled.connect(self._follow_up_toggled)
        self.table.activated.connect(self._activate)
        self.table.doubleClicked.connect(self._activate)
        self.open_button.clicked.connect(lambda: self.open_referral(self.current_id()))
        self.call_button.clicked.connect(lambda: self.record_call(self.current_id()))
        self.reprint_button.clicked.connect(self.reprint_current)
        for key, slot in ((FOLLOW_UP_KEY, self.follow_up_button.toggle), ("Ctrl+P", self.reprint_current)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        selection = self.table.selectionModel()
        selection.currentChanged.connect(lambda _now, _before: self._enable_buttons())
        self.setTabOrder(self.search_box, self.table)
        self._enable_buttons()

    # ---- the list --------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        """Fresh each time the page comes to the front: outcomes are recorded from other pages too,
        and a slip runs out of date while the counter is open."""
        super().showEvent(event)
        self.refresh()

    @property
    def follow_up_mode(self) -> bool:
        return self.follow_up_button.isChecked()

    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def refresh(self) -> None:
        """Run the current list again on the reader; an answer overtaken by a newer one is dropped."""
        self._timer.stop()
        code = self.search_box.text().strip()
        follow_up = self.follow_up_mode
        status = "" if follow_up else str(self.status_filter.currentData() or "")
        today = wallclock.today()
        referrals = self.station.referrals
        self._seq += 1
        seq = self._seq
        keep = self.current_id()

        def fetch() -> list[ReferralRow]:
            if follow_up:
                return referrals.rows(code=code, overdue_on=today, limit=LIST_LIMIT)  # follow_ups(today), by code
            return referrals.rows(status=status, code=code, limit=LIST_LIMIT)

        def done(rows: list[ReferralRow]) -> None:
            if seq != self._seq:
                return
            self.model.mark_overdue = not follow_up  # there every row is overdue: red would say nothing
            self.model.set_rows(rows)
            self._show_hint(rows, follow_up)
            if rows:
                index = next((i for i, r in enumerate(rows) if r.id == keep), 0)
                self.table.selectRow(index)
            self._enable_buttons()

        self.reader.run(fetch, done, lambda e: show_error(self, e))

    def _show_hint(self, rows: list[ReferralRow], follow_up: bool) -> None:
        if follow_up:
            if not rows:
                text = self.tr("没有待回访的推荐：过期的介绍信都已有结果")
            else:
                text = self.tr("待回访{n}条：介绍信已过期仍未反馈。回车记录回访").format(n=len(rows))
        elif not rows:
            text = self.tr("没有符合条件的推荐记录")
        elif len(rows) >= LIST_LIMIT:
            text = self.tr("只显示最新的{n}条推荐，请输入编号或选择状态").format(n=LIST_LIMIT)
        else:
            text = self.tr("共{n}条推荐，回车打开").format(n=len(rows))
        self.hint.setText(text)

    def _follow_up_toggled(self, on: bool) -> None:
        self.status_filter.setEnabled(not on)
        self.refresh()
        self.table.setFocus()

    def _on_search_enter(self) -> None:
        if self._timer.isActive():
            self.refresh()
            return
        if self.model.rowCount():
            current = self.table.currentIndex()
            self._activate(current if current.isValid() else self.model.index(0, 0))

    def current_id(self) -> str:
        index = self.table.currentIndex()
        if not index.isValid():
            return ""
        return str(self.model.data(self.model.index(index.row(), 0), ID_ROLE) or "")

    def _enable_buttons(self) -> None:
        has_row = bool(self.current_id())
        self.open_button.setEnabled(has_row)
        self.reprint_button.setEnabled(has_row)
        self.call_button.setEnabled(has_row and self.follow_up_mode)
        self.call_button.setText(self.tr("记录回访 (Enter)") if self.follow_up_mode else self.tr("记录回访…"))
        self.open_button.setText(self.tr("打开") if self.follow_up_mode else self.tr("打开 (Enter)"))

    # ---- opening ---------------------------------------------------------------------------
    def _activate(self, index: Any) -> None:
        referral_id = self.model.data(self.model.index(index.row(), 0), ID_ROLE)
        if not referral_id:
            return
        if self.follow_up_mode:
            self.record_call(referral_id)
        else:
            self.open_referral(referral_id)

    def _dialog_open(self) -> bool:
        # Enter and a double click can both arrive for one gesture: one dialog is enough.
        return self.dialog is not None and self.dialog.isVisible()

    def open_referral(self, referral_id: str, notice: str = "", source: str = "counter") -> ReferralDialog | None:
        if not referral_id or self._dialog_open():
            return None
        dialog = ReferralDialog(self.station, self.writer, self.reader, referral_id, self, notice=notice, source=source)
        dialog.changed.connect(self._changed)
        dialog.reprint_requested.connect(self.reprint_requested)
        self._show_dialog(dialog)
        return dialog

    def record_call(self, referral_id: str) -> FollowUpDialog | None:
        if not referral_id or self._dialog_open():
            return None
        dialog = FollowUpDialog(self.station, self.writer, self.reader, referral_id, self)
        dialog.changed.connect(self._changed)
        dialog.status_message.connect(self.status_message)
        self._show_dialog(dialog)
        return dialog

    def _show_dialog(self, dialog: ReferralDialog | FollowUpDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda _r: self._dialog_closed(dialog))
        dialog.open()

    def _dialog_closed(self, dialog: QWidget) -> None:
        if self.dialog is dialog:
            self.dialog = None
        self.table.setFocus()

    def _changed(self) -> None:
        self.referrals_changed.emit()
        self.refresh()

    def reprint_current(self) -> None:
        referral_id = self.current_id()
        if referral_id:
            self.reprint_requested.emit(referral_id)
