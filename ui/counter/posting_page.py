"""The posting page: the filtered list of postings, and the form that registers, reviews and ends them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.errors import FormInvalid
from app.reference import POSTING_STATUSES, WAGE_UNITS, job_types
from app.services.employers import EmployerRow
from app.services.postings import (
    PostingDetail,
    PostingFilter,
    PostingInput,
    PostingQuery,
    PostingRow,
    PostingSaveResult,
)
from app.station import Station
from app.supervisor import Supervisor
from ui.counter.match_panel import MatchPanel
from ui.counter.posting_form import PostingForm
from ui.dialogs.supervisor import with_supervisor
from ui.errors import show_error
from ui.models.posting_table import PostingTableModel
from ui.models.row_table import ID_ROLE
from ui.tasks import TaskRunner
from ui.widgets.field_form import combo_code, district_combo, from_qdate, optional_date_edit, set_combo_code
from ui.widgets.record_table import DownToTable, form_scroll, record_table

FILTER_DELAY_MS = 150
LIST_LIMIT = 500


class PostingPage(QWidget):
    status_message = Signal(str)
    postings_changed = Signal()

    def __init__(self, station: Station, writer: TaskRunner, reader: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.station = station
        self.writer = writer
        self.reader = reader
        self._query: PostingQuery | None = None  # created and used on the reader thread only
        self._seq = 0

        self.search_box = QLineEdit(self)
        self.search_box.setPlaceholderText(self.tr("查找岗位：岗位名称 / 单位 / 地点 / 编号"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMinimumHeight(34)
        self.status_filter = QComboBox(self)
        self.status_filter.addItem(self.tr("全部状态"), "")
        for c in POSTING_STATUSES:
            self.status_filter.addItem(c.label, c.key)
        self.type_filter = QComboBox(self)
        self.type_filter.addItem(self.tr("全部工种"), "")
        for t in job_types():
            self.type_filter.addItem(t.label, t.code)
        self.district_filter = district_combo(station.settings.province, self, self.tr("全部区县"))
        set_combo_code(self.district_filter, "")
        self.unit_filter = QComboBox(self)
        self.unit_filter.addItem(self.tr("全部计薪方式"), "")
        for c in WAGE_UNITS:
            self.unit_filter.addItem(c.label, c.key)
        self.day_filter = optional_date_edit(self, self.tr("不限"))
        self.hint = QLabel(self)
        self.hint.setStyleSheet("color: #546e7a;")
        self.model = PostingTableModel(self)
        self.table = record_table(self.model, self)

        filters = QHBoxLayout()
        for w in (self.status_filter, self.type_filter, self.district_filter, self.unit_filter):
            filters.addWidget(w)
        filters.addWidget(QLabel(self.tr("工作日"), self))
        filters.addWidget(self.day_filter)
        filters.addStretch(1)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search_box)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.hint)
        left_layout.addWidget(self.table, 1)
        self.matches = MatchPanel("seekers", station, writer, reader, self)
        left_split = QSplitter(Qt.Orientation.Vertical, self)
        left_split.addWidget(left)
        left_split.addWidget(self.matches)
        left_split.setStretchFactor(0, 3)
        left_split.setStretchFactor(1, 2)

        self.form = PostingForm(station.settings.province, self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left_split)
        splitter.addWidget(form_scroll(self.form, self, 600))
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FILTER_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.search_box.textChanged.connect(lambda _t: self._timer.start())
        self.search_box.returnPressed.connect(self._on_search_enter)
        self._down = DownToTable(self.search_box, self.table)
        for combo in (self.status_filter, self.type_filter, self.unit_filter):
            combo.currentIndexChanged.connect(lambda _i: self._timer.start())
        self.district_filter.currentTextChanged.connect(lambda _t: self._timer.start())
        self.day_filter.dateChanged.connect(lambda _d: self._timer.start())
        self.table.activated.connect(self._open_index)
        self.table.doubleClicked.connect(self._open_index)
        self.form.submitted.connect(self.save)
        self.form.action_requested.connect(self.act)
        self.form.leave_requested.connect(self.focus_search)
        self.matches.status_message.connect(self.status_message)
        self.matches.referred.connect(lambda _id: self.postings_changed.emit())
        to_matches = QShortcut(QKeySequence("F6"), self)
        to_matches.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        to_matches.activated.connect(self.matches.focus_list)
        submit = QShortcut(QKeySequence("F9"), self)
        submit.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        submit.activated.connect(self._submit_shortcut)

    def _submit_shortcut(self) -> None:
        if self.form.buttons["submit"].isEnabled():
            self.act("submit")

    # ---- the list --------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def new_posting(self, employer_id: str = "") -> None:
        self.form.clear()
        self.matches.clear()
        if employer_id:
            self.form.choose_employer(employer_id)
            self.form.title_edit.setFocus()

    def current_filter(self) -> PostingFilter:
        return PostingFilter(
            status=str(self.status_filter.currentData() or ""),
            job_type=str(self.type_filter.currentData() or ""),
            district_code=combo_code(self.district_filter),
            pay_unit=str(self.unit_filter.currentData() or ""),
            work_on=from_qdate(self.day_filter.date()),
            text=self.search_box.text(),
            limit=LIST_LIMIT,
        )

    def _run_query(self, f: PostingFilter) -> list[PostingRow]:
        if self._query is None:
            self._query = self.station.posting_query()
        return self._query.run(f)

    def refresh(self) -> None:
        self._timer.stop()
        f = self.current_filter()
        self._seq += 1
        seq = self._seq

        def done(rows: list[PostingRow]) -> None:
            if seq != self._seq:
                return
            self.model.set_rows(rows)
            if not rows:
                self.hint.setText(self.tr("没有符合条件的岗位"))
            elif len(rows) >= LIST_LIMIT:
                self.hint.setText(self.tr("只显示最新的{n}个岗位，请缩小筛选范围").format(n=LIST_LIMIT))
            else:
                self.hint.setText(self.tr("共{n}个岗位，回车打开").format(n=len(rows)))
            if rows:
                self.table.selectRow(0)

        self.reader.run(lambda: self._run_query(f), done, lambda e: show_error(self, e))

    def load_employers(self) -> None:
        """Refresh the employers the form offers (on the reader; a few thousand at most per station)."""

        def done(rows: list[EmployerRow]) -> None:
            self.form.set_employers(rows)

        self.reader.run(lambda: self.station.employers.search("", limit=20_000), done, lambda e: show_error(self, e))

    def _on_search_enter(self) -> None:
        if self._timer.isActive():
            self.refresh()
            return
        if self.model.rowCount():
            current = self.table.currentIndex()
            self._open_index(current if current.isValid() else self.model.index(0, 0))

    def _open_index(self, index: Any) -> None:
        posting_id = self.model.data(self.model.index(index.row(), 0), ID_ROLE)
        if posting_id:
            self.open_posting(posting_id)

    # ---- the form --------------------------------------------------------------------------
    def open_posting(self, posting_id: str, notice: str = "") -> None:
        postings = self.station.postings

        def fetch() -> tuple[PostingDetail, dict[str, str]]:
            detail = postings.get(posting_id)
            return detail, postings.warnings_for(detail)

        def loaded(result: tuple[PostingDetail, dict[str, str]]) -> None:
            self.form.load(result[0], notice)
            self.form.show_warnings(result[1])
            if result[0].status == "open":
                self.matches.load(posting_id)
            else:
                self.matches.clear(self.tr("只有招聘中的岗位才能推荐人员。"))

        self.reader.run(fetch, loaded, lambda e: show_error(self, e))

    def save(self, inp: PostingInput, posting_id: str | None) -> None:
        self.form.save_button.setEnabled(False)

        def saved(result: PostingSaveResult) -> None:
            self.form.save_button.setEnabled(True)
            message = (self.tr("已保存岗位 {code}（草稿）") if result.created else self.tr("已更新岗位 {code}")).format(
                code=result.code
            )
            self.status_message.emit(message)
            self.postings_changed.emit()
            self.open_posting(result.posting_id, "；".join(result.notices))
            self.refresh()

        def failed(exc: BaseException) -> None:
            self.form.save_button.setEnabled(True)
            if isinstance(exc, FormInvalid):
                self.form.show_errors(exc.errors)
            else:
                show_error(self, exc)

        self.writer.run(lambda: self.station.postings.save(inp, posting_id=posting_id), saved, failed)

    def act(self, action: str) -> None:
        detail = self.form.detail
        if detail is None:
            return
        if action in ("submit", "approve") and self.form.has_unsaved_changes():
            QMessageBox.information(
                self,
                self.tr("有未保存的修改"),
                self.tr("表单有未保存的修改。请先按回车保存，再提交或发布。"),
            )
            return
        pid, code, postings = detail.id, detail.code, self.station.postings

        def run(work: Callable[[], object], message: str) -> None:
            def done(_r: object) -> None:
                self.status_message.emit(message)
                self.postings_changed.emit()
                self.open_posting(pid)
                self.refresh()

            def failed(exc: BaseException) -> None:
                if isinstance(exc, FormInvalid):
                    self.form.show_errors(exc.errors)
                show_error(self, exc)

            self.writer.run(work, done, failed)

        def supervised(what: str, then: Callable[[Supervisor], None]) -> None:
            with_supervisor(self, self.station.supervisor, what, then)

        match action:
            case "submit":
                run(lambda: postings.submit(pid), self.tr("岗位 {code} 已提交审核").format(code=code))
            case "approve":
                supervised(
                    self.tr("审核通过并发布岗位 {code}").format(code=code),
                    lambda boss: run(
                        lambda: postings.approve(pid, boss), self.tr("岗位 {code} 已发布").format(code=code)
                    ),
                )
            case "clear_flags":
                supervised(
                    self.tr("核实岗位 {code} 中须核实的内容并放行").format(code=code),
                    lambda boss: run(lambda: postings.clear_flags(pid, boss), self.tr("已放行")),
                )
            case "return":
                note = self._ask_text(self.tr("退回修改"), self.tr("退回原因："))
                if note is not None:
                    supervised(
                        self.tr("退回岗位 {code}").format(code=code),
                        lambda boss: run(
                            lambda: postings.return_to_draft(pid, boss, note),
                            self.tr("岗位 {code} 已退回").format(code=code),
                        ),
                    )
            case "filled":
                run(lambda: postings.mark_filled(pid), self.tr("岗位 {code} 已招满").format(code=code))
            case "close":
                reason = self._ask_text(self.tr("关闭岗位"), self.tr("关闭原因："))
                if reason is not None:
                    run(lambda: postings.close(pid, reason), self.tr("岗位 {code} 已关闭").format(code=code))

    def _ask_text(self, title: str, label: str) -> str | None:
        text, ok = QInputDialog.getText(self, title, label)
        return text if ok else None

    def expire_due(self) -> None:
        """Take postings past their expiry day off the list (at start and every hour)."""

        def done(n: int) -> None:
            if n:
                self.status_message.emit(self.tr("{n}个岗位已到期下架").format(n=n))
                self.refresh()

        self.writer.run(self.station.postings.expire_due, done, lambda e: show_error(self, e))

    def close_reader_resources(self) -> None:
        if self._query is not None:
            self._query.close()
            self._query = None
        self.matches.close_reader_resources()
