"""The employer page: find an employer by name, code or initials; register, update or suspend one."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app import clock as wallclock
from app.errors import ConflictError, FormInvalid
from app.reference import EMPLOYER_KINDS, SUSPENSION_REASONS
from app.services.employers import EmployerDetail, EmployerInput, EmployerRow, EmployerSaveResult
from app.station import Station
from app.supervisor import Supervisor
from ui.counter.employer_form import EmployerForm
from ui.dialogs.supervisor import with_supervisor
from ui.errors import show_error
from ui.models.employer_table import EmployerTableModel
from ui.models.row_table import ID_ROLE
from ui.tasks import TaskRunner
from ui.widgets.record_table import DownToTable, form_scroll, record_table

SEARCH_DELAY_MS = 150


class SuspendDialog(QDialog):
    """Why an employer is suspended: the reason from a fixed list, and what happened."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("暂停发布岗位"))
        self.reason = QComboBox(self)
        for c in SUSPENSION_REASONS:
            self.reason.addItem(c.label, c.key)
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(self.tr("情况说明，如：拖欠12名工人11月工资"))
        form = QFormLayout()
        form.addRow(self.tr("暂停原因"), self.reason)
        form.addRow(self.tr("情况说明"), self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("暂停后，{name}不能再发布岗位，工作人员会看到原因。").format(name=name), self))
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.note.returnPressed.connect(self.accept)


class EmployerPage(QWidget):
    status_message = Signal(str)
    employers_changed = Signal()
    post_for_employer = Signal(str, str)  # employer id, name

    def __init__(self, station: Station, writer: TaskRunner, reader: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.station = station
        self.writer = writer
        self.reader = reader
        self._seq = 0

        self.search_box = QLineEdit(self)
        self.search_box.setPlaceholderText(self.tr("查找单位：名称 / 简称 / 信用代码 / 拼音首字母 / 联系电话"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMinimumHeight(34)
        self.kind_filter = QComboBox(self)
        self.kind_filter.addItem(self.tr("全部类型"), "")
        for c in EMPLOYER_KINDS:
            self.kind_filter.addItem(c.label, c.key)
        self.state_filter = QComboBox(self)
        for label, value in ((self.tr("全部状态"), None), (self.tr("正常"), False), (self.tr("已暂停"), True)):
            self.state_filter.addItem(label, value)
        self.hint = QLabel(self)
        self.hint.setStyleSheet("color: #546e7a;")
        self.model = EmployerTableModel(self)
        self.table = record_table(self.model, self)

        filters = QHBoxLayout()
        filters.addWidget(self.search_box, 1)
        filters.addWidget(self.kind_filter)
        filters.addWidget(self.state_filter)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.hint)
        left_layout.addWidget(self.table, 1)

        self.form = EmployerForm(station.settings.province, self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(form_scroll(self.form, self))
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.search_box.textChanged.connect(lambda _t: self._timer.start())
        self.search_box.returnPressed.connect(self._on_search_enter)
        self._down = DownToTable(self.search_box, self.table)
        self.kind_filter.currentIndexChanged.connect(self.refresh)
        self.state_filter.currentIndexChanged.connect(self.refresh)
        self.table.activated.connect(self._open_index)
        self.table.doubleClicked.connect(self._open_index)
        self.form.submitted.connect(self.save)
        self.form.known_code_typed.connect(self._check_known_code)
        self.form.known_owner_typed.connect(self._check_known_owner)
        self.form.leave_requested.connect(self.focus_search)
        self.form.suspend_button.clicked.connect(self.toggle_suspension)
        self.form.post_button.clicked.connect(self._post_for_current)

    # ---- the list --------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def new_registration(self) -> None:
        self.form.clear()

    def refresh(self) -> None:
        self._timer.stop()
        text = self.search_box.text()
        kind = str(self.kind_filter.currentData() or "")
        suspended = self.state_filter.currentData()
        self._seq += 1
        seq = self._seq

        def done(rows: list[EmployerRow]) -> None:
            if seq != self._seq:
                return
            self.model.set_rows(rows)
            self.hint.setText(
                self.tr("找到{n}家单位，回车打开").format(n=len(rows))
                if rows
                else self.tr("没有找到。按 Ctrl+N 新登记单位")
            )
            if rows:
                self.table.selectRow(0)

        self.reader.run(
            lambda: self.station.employers.search(text, kind=kind, suspended=suspended),
            done,
            lambda e: show_error(self, e),
        )

    def _on_search_enter(self) -> None:
        if self._timer.isActive():
            self.refresh()
            return
        if self.model.rowCount():
            current = self.table.currentIndex()
            self._open_index(current if current.isValid() else self.model.index(0, 0))

    def _open_index(self, index: Any) -> None:
        employer_id = self.model.data(self.model.index(index.row(), 0), ID_ROLE)
        if employer_id:
            self.open_employer(employer_id)

    # ---- the form --------------------------------------------------------------------------
    def open_employer(self, employer_id: str, notice: str = "") -> None:
        self.reader.run(
            lambda: self.station.employers.get(employer_id),
            lambda detail: self.form.load(detail, notice),
            lambda e: show_error(self, e),
        )

    def _check_known_code(self, code: str) -> None:
        def found(employer_id: str | None) -> None:
            if employer_id and self.form.employer_id is None:
                self.open_employer(employer_id, self.tr("该信用代码已登记，已打开这家单位的记录。"))

        self.reader.run(lambda: self.station.employers.find_by_credit_code(code), found, lambda e: show_error(self, e))

    def _check_known_owner(self, number: str) -> None:
        def found(employer_id: str | None) -> None:
            if employer_id and self.form.employer_id is None:
                self.open_employer(employer_id, self.tr("该雇主已登记，已打开其记录。"))

        self.reader.run(lambda: self.station.employers.find_by_owner_id(number), found, lambda e: show_error(self, e))

    def save(self, inp: EmployerInput, employer_id: str | None) -> None:
        self.form.save_button.setEnabled(False)

        def saved(result: EmployerSaveResult) -> None:
            self.form.save_button.setEnabled(True)
            name = " ".join(inp.name.split())
            message = (self.tr("已登记单位：{name}") if result.created else self.tr("已更新单位：{name}")).format(
                name=name
            )
            if result.notices:
                message += "（" + "；".join(result.notices) + "）"
            self.status_message.emit(message)
            self.employers_changed.emit()
            self.open_employer(result.employer_id)
            self.search_box.setText(name)
            self.refresh()

        def failed(exc: BaseException) -> None:
            self.form.save_button.setEnabled(True)
            if isinstance(exc, FormInvalid):
                self.form.show_errors(exc.errors)
            elif isinstance(exc, ConflictError) and exc.existing_id:
                self.open_employer(exc.existing_id, str(exc) + self.tr("，已打开这家单位的记录。"))
            else:
                show_error(self, exc)

        self.writer.run(lambda: self.station.employers.save(inp, employer_id=employer_id), saved, failed)

    def _post_for_current(self) -> None:
        detail = self.form.detail
        if detail is not None:
            self.post_for_employer.emit(detail.id, detail.name)

    def toggle_suspension(self) -> None:
        detail: EmployerDetail | None = self.form.detail
        if detail is None:
            return
        employer_id = detail.id
        services = self.station.employers

        def after(message: str) -> None:
            self.status_message.emit(message)
            self.open_employer(employer_id)
            self.refresh()
            self.employers_changed.emit()

        if detail.suspension is not None:

            def lift(boss: Supervisor) -> None:
                self.writer.run(
                    lambda: services.lift_suspension(employer_id, boss),
                    lambda _r: after(self.tr("已恢复{name}发布岗位").format(name=detail.name)),
                    lambda e: show_error(self, e),
                )

            with_supervisor(self, self.station.supervisor, self.tr("恢复{name}发布岗位").format(name=detail.name), lift)
            return

        dialog = SuspendDialog(detail.name, self)
        self.setProperty("suspend_dialog", dialog)

        def chosen() -> None:
            reason, note = str(dialog.reason.currentData()), dialog.note.text()

            def suspend(boss: Supervisor) -> None:
                self.writer.run(
                    lambda: services.suspend(employer_id, reason, note, boss, on=wallclock.today()),
                    lambda _r: after(self.tr("已暂停{name}发布岗位").format(name=detail.name)),
                    lambda e: show_error(self, e),
                )

            with_supervisor(
                self, self.station.supervisor, self.tr("暂停{name}发布岗位").format(name=detail.name), suspend
            )

        dialog.accepted.connect(chosen)
        dialog.open()
