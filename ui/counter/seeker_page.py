"""The seeker page: one search box, the results list, and the registration form beside it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.errors import ConflictError, FormInvalid
from app.services.referrals import looks_like_slip
from app.services.search import SearchKind, SearchResult, SeekerSearch
from app.services.seekers import SaveResult, SeekerDetail, SeekerInput
from app.station import Station
from app.validation.resident_id import normalize_id
from ui.counter.match_panel import MatchPanel
from ui.counter.seeker_form import SeekerForm
from ui.errors import show_error
from ui.models.seeker_table import ID_ROLE, SeekerTableModel
from ui.tasks import TaskRunner
from ui.widgets.record_table import DownToTable, form_scroll, record_table

SEARCH_DELAY_MS = 150


class SeekerPage(QWidget):
    status_message = Signal(str)
    seekers_changed = Signal()
    # A slip's QR scanned while the search box had the focus: the main window opens the referral.
    scan_requested = Signal(str)

    def __init__(self, station: Station, writer: TaskRunner, reader: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.station = station
        self.writer = writer
        self.reader = reader
        self._searcher: SeekerSearch | None = None  # created and used on the reader thread only
        self._search_seq = 0
        self._saving = False
        # Set by the main window when sync is on: asks the server for a person registered elsewhere.
        self.remote_lookup: Callable[[str, Callable[[str], None]], None] | None = None
        self.last_result: SearchResult | None = None

        self.search_box = QLineEdit(self)
        self.search_box.setPlaceholderText(self.tr("查找：身份证号 / 手机号或后4位 / 姓名 / 拼音首字母　(Ctrl+F)"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMinimumHeight(34)
        self.hint = QLabel(self)
        self.hint.setStyleSheet("color: #546e7a;")
        self.model = SeekerTableModel(self)
        self.table = record_table(self.model, self)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search_box)
        left_layout.addWidget(self.hint)
        left_layout.addWidget(self.table, 1)
        self.matches = MatchPanel("postings", station, writer, reader, self)
        left_split = QSplitter(Qt.Orientation.Vertical, self)
        left_split.addWidget(left)
        left_split.addWidget(self.matches)
        left_split.setStretchFactor(0, 2)
        left_split.setStretchFactor(1, 3)

        self.form = SeekerForm(station.settings.province, self)
        scroll = form_scroll(self.form, self)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left_split)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.search_box.textChanged.connect(lambda _t: self._timer.start())
        self.search_box.returnPressed.connect(self._on_search_enter)
        self._down = DownToTable(self.search_box, self.table)
        self.table.activated.connect(self._open_index)
        self.table.doubleClicked.connect(self._open_index)
        self.form.submitted.connect(self.save)
        self.form.known_id_typed.connect(self._check_known_id)
        self.form.leave_requested.connect(self.focus_search)
        self.setTabOrder(self.search_box, self.table)
        self.matches.status_message.connect(self.status_message)
        to_matches = QShortcut(QKeySequence("F6"), self)
        to_matches.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        to_matches.activated.connect(self.matches.focus_list)
        self.show_hint_for(None)

    # ---- searching -------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def new_registration(self) -> None:
        self.form.clear()
        self.matches.clear()

    def _search_on_reader(self, query: str) -> SearchResult:
        if self._searcher is None:
            self._searcher = self.station.searcher()
        return self._searcher.search(query)

    def run_search(self) -> None:
        self._timer.stop()
        query = self.search_box.text()
        self._search_seq += 1
        seq = self._search_seq

        def done(result: SearchResult) -> None:
            if seq == self._search_seq:  # a newer query has been typed: drop this answer
                self.last_result = result
                self.model.set_rows(result.rows)
                self.show_hint_for(result)
                if result.rows:
                    self.table.selectRow(0)

        self.reader.run(lambda: self._search_on_reader(query), done, lambda e: show_error(self, e))

    def show_hint_for(self, result: SearchResult | None) -> None:
        if result is None or result.kind is SearchKind.EMPTY:
            text = self.tr("输入完整身份证号、11位手机号、手机后4位、姓名（两个字以上）或拼音首字母；单字按姓氏查找")
        elif result.kind is SearchKind.OLD_ID:
            text = self.tr("15位一代身份证号码已停止使用，请用18位号码查找")
        elif not result.rows:
            text = self.tr("没有找到。按 Ctrl+N 新登记")
        elif result.truncated:
            text = self.tr("找到很多人，只显示前{n}位；请输入更多信息").format(n=len(result.rows))
        else:
            text = self.tr("找到{n}人，回车打开").format(n=len(result.rows))
        self.hint.setText(text)

    def _on_search_enter(self) -> None:
        if looks_like_slip(self.search_box.text()):
            self.scan_requested.emit(self.search_box.text())
            self.search_box.clear()
            return
        if self._timer.isActive():
            self.run_search()
            return
        if self.model.rowCount() >= 1:
            self._open_index(
                self.table.currentIndex() if self.table.currentIndex().isValid() else self.model.index(0, 0)
            )

    # ---- opening and saving ----------------------------------------------------------------
    def _open_index(self, index: Any) -> None:
        seeker_id = self.model.data(self.model.index(index.row(), 0), ID_ROLE)
        if seeker_id:
            self.open_seeker(seeker_id)

    def open_seeker(self, seeker_id: str, notice: str = "") -> None:
        def loaded(detail: SeekerDetail) -> None:
            self.form.load(detail, notice)
            self.matches.load(detail.id)

        self.reader.run(lambda: self.station.seekers.get(seeker_id), loaded, lambda e: show_error(self, e))

    def _check_known_id(self, number: str) -> None:
        def found(seeker_id: str | None) -> None:
            # Still the same number in a still-new form: open the registered person instead. Not
            # when this very form is being saved: on a busy machine the look-up can run after the
            # save and find the person just registered, and would pull them back into the form.
            typed = normalize_id(self.form.id_edit.text())
            still_new = self.form.seeker_id is None and typed == number and not self._saving
            if seeker_id and still_new:
                self.open_seeker(seeker_id, self.tr("该身份证号码已登记，已打开此人的记录，可直接更新。"))
            elif seeker_id is None and still_new and self.remote_lookup is not None:
                self.remote_lookup(number, elsewhere)

        def elsewhere(seeker_id: str) -> None:
            typed = normalize_id(self.form.id_edit.text())
            if self.form.seeker_id is None and typed == number and not self._saving:
                self.open_seeker(seeker_id, self.tr("此人已在其他站点登记，已从服务器调入本站，可直接更新。"))

        self.reader.run(lambda: self.station.seekers.find_id_by_number(number), found, lambda e: show_error(self, e))

    def save(self, inp: SeekerInput, seeker_id: str | None) -> None:
        self.form.save_button.setEnabled(False)
        self._saving = True

        def saved(result: SaveResult) -> None:
            self._saving = False
            self.form.save_button.setEnabled(True)
            name = inp.name.strip()
            message = (self.tr("已登记：{name}") if result.created else self.tr("已更新：{name}")).format(name=name)
            if result.notices:
                message += "（" + "；".join(result.notices) + "）"
            self.status_message.emit(message)
            self.seekers_changed.emit()
            self.form.clear()
            self.matches.clear()
            self.search_box.setText(name)
            self.run_search()
            self.focus_search()

        def failed(exc: BaseException) -> None:
            self._saving = False
            self.form.save_button.setEnabled(True)
            if isinstance(exc, FormInvalid):
                self.form.show_errors(exc.errors)
            elif isinstance(exc, ConflictError) and exc.existing_id:
                self.open_seeker(exc.existing_id, self.tr("该身份证号码已登记，已打开此人的记录，可直接更新。"))
            else:
                show_error(self, exc)

        self.writer.run(lambda: self.station.seekers.save(inp, seeker_id=seeker_id), saved, failed)

    def close_reader_resources(self) -> None:
        """Called on the reader thread at shutdown to close the search connection."""
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None
        self.matches.close_reader_resources()
