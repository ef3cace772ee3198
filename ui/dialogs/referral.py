"""One referral at the counter: what it is, what came of it, its history, and recording the outcome.

The outcome form (`OutcomeForm`) shows the fields of one outcome at a time; the follow-up call
dialog reuses it with the call's result on top. Work runs on the station's writer and reader
threads; the dialog opens with open() and never blocks the event loop.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import clock as wallclock
from app.errors import FormInvalid, ValidationError
from app.reference import CALL_RESULTS, NOT_HIRED_REASONS, REFERRAL_STATUSES, WAGE_UNITS, label_of
from app.services.postings import status_label as posting_status
from app.services.postings import yuan
from app.services.referrals import OutcomeInput, ReferralDetail, pay_text
from app.station import Station
from app.supervisor import Supervisor
from ui.dialogs.supervisor import with_supervisor
from ui.errors import show_error
from ui.models.referral_table import HistoryTableModel
from ui.tasks import TaskRunner
from ui.widgets.field_form import NOTICE_STYLE, FieldForm, from_qdate, to_qdate
from ui.widgets.record_table import record_table

OUTCOMES = ("hired", "not_hired", "no_show", "cancelled")
CONFIRM_STYLE = "background: #e8f5e9; color: #1b5e20; padding: 6px; border: 1px solid #a5d6a7;"
FORM_BOX_STYLE = "#outcome_box { border: 1px solid #b0bec5; border-radius: 4px; background: #fafafa; }"
STATUS_COLOURS = {
    "pending": "#0d47a1",
    "hired": "#1b5e20",
    "not_hired": "#6d4c41",
    "no_show": "#6d4c41",
    "cancelled": "#616161",
}
EXPIRED_COLOUR = "#b71c1c"
KEY_STYLE = "color: #607d8b;"


def clerk_name(station: Station) -> str:
    """The clerk at this counter; "" lets the service refuse with its own message."""
    return station.settings.clerk_name.strip()


def posting_pay_unit(d: ReferralDetail) -> str:
    return d.posting_pay_unit


def history_table(model: HistoryTableModel, parent: QWidget) -> QTableView:
    table = record_table(model, parent)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # read-only: Tab goes between the actions
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setWordWrap(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class DialogTasks:
    """A dialog's work on the writer and reader threads. A closed dialog is deleted only once every
    answer is in, so no answer arrives at a deleted widget and `changed` still reaches the lists."""

    def __init__(self, dialog: QDialog) -> None:
        self.dialog = dialog
        self.pending = 0
        self.closed = False
        dialog.finished.connect(self._finished)

    def run(
        self,
        runner: TaskRunner,
        work: Callable[[], object],
        done: Callable[[object], None],
        failed: Callable[[BaseException], None],
    ) -> None:
        self.pending += 1

        def ok(result: object) -> None:
            self.pending -= 1
            done(result)
            self._delete_when_idle()

        def bad(exc: BaseException) -> None:
            self.pending -= 1
            failed(exc)
            self._delete_when_idle()

        runner.run(work, ok, bad)

    def _finished(self, _result: int) -> None:
        self.closed = True
        self._delete_when_idle()

    def _delete_when_idle(self) -> None:
        if self.closed and self.pending == 0:
            self.dialog.deleteLater()


class OutcomeForm(FieldForm):
    """What came of a referral. `start(mode)` shows one outcome's fields (hired / not_hired /
    no_show / cancelled), "correct" adds the outcome to change to, and with `call=True` the form
    begins with a follow-up call's result, which decides the outcome fields. Enter saves; Esc backs out."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None, *, call: bool = False) -> None:
        super().__init__(parent)
        self.mode = ""
        self.title.setStyleSheet("font-size: 12pt; font-weight: bold;")
        self._form = form = self.new_form_layout()

        self.result = QComboBox(self)
        self.result.addItem(self.tr("（请选择）"), "")
        for c in CALL_RESULTS:
            self.result.addItem(c.label, c.key)
        self.add_field(form, "result", self.tr("回访结果"), self.result)
        self.outcome = QComboBox(self)
        for c in REFERRAL_STATUSES:
            if c.key in OUTCOMES:
                self.outcome.addItem(c.label, c.key)
        self.add_field(form, "outcome", self.tr("更正为"), self.outcome)

        self.start_date = self.date_edit(optional=False)
        self.start_date.setMaximumWidth(160)
        self.add_field(form, "start_date", self.tr("上岗日期"), self.start_date)
        self.pay_edit = QLineEdit(self)
        self.pay_edit.setMaximumWidth(120)
        self.pay_unit = QComboBox(self)
        for c in WAGE_UNITS:
            self.pay_unit.addItem(c.label, c.key)
        self.pay_hint = QLabel(self)
        self.pay_hint.setStyleSheet(KEY_STYLE)
        pay_row = self.row_of([self.pay_edit, self.pay_unit, self.pay_hint])
        self.add_field(form, "agreed_pay", self.tr("约定工资"), pay_row, self.pay_edit)
        self.share_lines("agreed_pay_unit", "agreed_pay")
        self.reason = QComboBox(self)
        self.reason.addItem(self.tr("（请选择）"), "")
        for c in NOT_HIRED_REASONS:
            self.reason.addItem(c.label, c.key)
        self.add_field(form, "reason", self.tr("未录用原因"), self.reason)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setPlaceholderText(self.tr("如：求职者已另找到工作"))
        self.add_field(form, "reason_text", self.tr("取消原因"), self.reason_edit)
        self.note_edit = QLineEdit(self)
        self.add_field(form, "note", self.tr("备注"), self.note_edit)

        self.save_button = QPushButton(self.tr("保存 (Enter)"), self)
        self.back_button = QPushButton(self.tr("返回 (Esc)"), self)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.notice)
        layout.addLayout(form)
        layout.addLayout(buttons)

        self.set_field_visible("result", call)
        self._call = call
        self.result.currentIndexChanged.connect(lambda _i: self._show_fields())
        self.outcome.currentIndexChanged.connect(lambda _i: self._show_fields())
        self.save_button.clicked.connect(self.submit)
        self.back_button.clicked.connect(self.leave_requested)

    # ---- which fields ----------------------------------------------------------------------
    def chosen_outcome(self) -> str:
        """The outcome the form would record now: "" for a call that learnt none."""
        if self._call:
            key = str(self.result.currentData() or "")
            return key if key in OUTCOMES else ""
        if self.mode == "correct":
            return str(self.outcome.currentData() or "")
        return self.mode

    def _show_fields(self) -> None:
        chosen = self.chosen_outcome()
        self.set_field_visible("outcome", self.mode == "correct")
        self.set_field_visible("start_date", chosen == "hired")
        self.set_field_visible("agreed_pay", chosen == "hired")
        self.set_field_visible("reason", chosen == "not_hired")
        self.set_field_visible("reason_text", chosen == "cancelled")
        label = self._form.labelForField(self._holders["note"][1])
        if isinstance(label, QLabel):
            label.setText(self.tr("更正原因") if self.mode == "correct" else self.tr("备注"))
        self.note_edit.setPlaceholderText(
            self.tr("必填：为什么更正，如：用人单位来电说明") if self.mode == "correct" else ""
        )

    def start(
        self, mode: str, title: str, detail: ReferralDetail | None = None, *, pay_hint: str = "", unit: str = ""
    ) -> None:
        """Empty fields for `mode` (pay in `unit`, the posting's); a correction starts from what is recorded."""
        self.mode = mode
        self.title.setText(title)
        self.clear_errors()
        self.show_notice("")
        self.result.setCurrentIndex(0)
        today = wallclock.today()
        if detail is not None:  # a start inside the posting's dates, today where it can be
            today = min(max(today, detail.issued_on, detail.posting_start), detail.posting_end)
        self.start_date.setDate(to_qdate(today))
        self.pay_edit.clear()
        self.pay_unit.setCurrentIndex(max(0, self.pay_unit.findData(unit or "day")))
        self.pay_hint.setText(pay_hint)
        self.reason.setCurrentIndex(0)
        self.reason_edit.clear()
        self.note_edit.clear()
        if mode == "correct" and detail is not None:
            self.outcome.setCurrentIndex(max(0, self.outcome.findData(detail.status)))
            if detail.start_date:
                self.start_date.setDate(to_qdate(detail.start_date))
            if detail.agreed_pay_cents:
                self.pay_edit.setText(yuan(detail.agreed_pay_cents))
                self.pay_unit.setCurrentIndex(max(0, self.pay_unit.findData(detail.agreed_pay_unit)))
            if detail.status == "not_hired":
                self.reason.setCurrentIndex(max(0, self.reason.findData(detail.reason)))
            elif detail.status == "cancelled":
                self.reason_edit.setText(detail.reason)
        self._show_fields()

    def focus_first(self) -> None:
        first: QWidget = {
            "hired": self.pay_edit,
            "not_hired": self.reason,
            "cancelled": self.reason_edit,
        }.get(self.mode, self.note_edit)
        if self._call:
            first = self.result
        elif self.mode == "correct":
            first = self.outcome
        first.setFocus()

    # ---- values and messages ---------------------------------------------------------------
    def collect(self) -> OutcomeInput:
        chosen = self.chosen_outcome()
        hired = chosen == "hired"
        reason = ""
        if chosen == "not_hired":
            reason = str(self.reason.currentData() or "")
        elif chosen == "cancelled":
            reason = self.reason_edit.text()
        return OutcomeInput(
            outcome=chosen,
            start_date=from_qdate(self.start_date.date()) if hired else None,
            agreed_pay=self.pay_edit.text() if hired else "",
            agreed_pay_unit=str(self.pay_unit.currentData() or "") if hired else "",
            reason=reason,
            note="" if self._call else self.note_edit.text(),
        )

    def call_result(self) -> str:
        return str(self.result.currentData() or "")

    def call_note(self) -> str:
        return self.note_edit.text()

    def show_errors(self, errors: list[ValidationError], warnings: dict[str, str] | None = None) -> None:
        # A cancellation's reason is typed, not chosen: its message goes beside the text box.
        if self.chosen_outcome() == "cancelled":
            errors = [ValidationError("reason_text", e.message) if e.field == "reason" else e for e in errors]
        super().show_errors(errors, warnings)

    def set_busy(self, busy: bool) -> None:
        self.save_button.setEnabled(not busy)

    def submit(self) -> None:
        if self.save_button.isEnabled() and self.isVisible():
            self.submitted.emit()


class ReferralDialog(QDialog):
    """A referral opened from the list or by scanning its slip (`source` "scan" or "counter")."""

    changed = Signal()
    reprint_requested = Signal(str)

    def __init__(
        self,
        station: Station,
        writer: TaskRunner,
        reader: TaskRunner,
        referral_id: str,
        parent: QWidget | None = None,
        notice: str = "",
        source: str = "counter",
    ) -> None:
        super().__init__(parent)
        self.station = station
        self.writer = writer
        self.reader = reader
        self.referral_id = referral_id
        self.source = source
        self.detail: ReferralDetail | None = None
        self._notice = notice
        self.tasks = DialogTasks(self)
        self.setWindowTitle(self.tr("推荐记录"))
        self.setMinimumWidth(760)

        self.heading = QLabel(self.tr("正在读取…"), self)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.status = QLabel(self)
        self.status.setObjectName("referral_status")
        self.status.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(NOTICE_STYLE)
        self.notice.hide()
        self.confirmation = QLabel(self)
        self.confirmation.setWordWrap(True)
        self.confirmation.setStyleSheet(CONFIRM_STYLE)
        self.confirmation.hide()

        self.facts: dict[str, QLabel] = {}
        facts = QGridLayout()
        facts.setHorizontalSpacing(12)
        facts.setVerticalSpacing(4)
        rows = (
            (("seeker", self.tr("求职者")),),
            (("posting", self.tr("岗位")),),
            (("employer", self.tr("用人单位")),),
            (("pay", self.tr("薪资")), ("dates", self.tr("工作日期"))),
            (("issued", self.tr("推荐日期")), ("valid", self.tr("有效期至"))),
            (("clerk", self.tr("经办人")),),
            (("match", self.tr("推荐理由")),),
            (("outcome", self.tr("结果")),),
        )
        for r, row in enumerate(rows):
            for c, (key, label) in enumerate(row):
                name = QLabel(label, self)
                name.setStyleSheet(KEY_STYLE)
                name.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
                value = QLabel(self)
                value.setWordWrap(True)
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                value.setObjectName(f"fact_{key}")
                facts.addWidget(name, r, c * 2)
                facts.addWidget(value, r, c * 2 + 1, 1, 3 if len(row) == 1 else 1)
                self.facts[key] = value
        facts.setColumnStretch(1, 1)
        facts.setColumnStretch(3, 1)

        self.buttons: dict[str, QPushButton] = {
            "hired": QPushButton(self.tr("已录用 (F5)"), self),
            "not_hired": QPushButton(self.tr("未录用 (F6)"), self),
            "no_show": QPushButton(self.tr("未到岗 (F7)"), self),
            "cancelled": QPushButton(self.tr("取消推荐 (F8)"), self),
            "correct": QPushButton(self.tr("更正结果… (Ctrl+E)"), self),
            "reprint": QPushButton(self.tr("重新打印 (Ctrl+P)"), self),
        }
        shortcuts = {"hired": "F5", "not_hired": "F6", "no_show": "F7", "cancelled": "F8", "correct": "Ctrl+E",
                     "reprint": "Ctrl+P"}  # fmt: skip
        self.close_button = QPushButton(self.tr("关闭 (Esc)"), self)
        actions = QHBoxLayout()
        for key, button in self.buttons.items():
            # A QShortcut rather than the button's own, which clicks 100 ms later (animateClick).
            shortcut = QShortcut(QKeySequence(shortcuts[key]), self)
            shortcut.activated.connect(lambda b=button: self._press(b))
            button.setObjectName(f"action_{key}")
            actions.addWidget(button)
            if key == "cancelled":
                actions.addSpacing(12)
        self.buttons["hired"].clicked.connect(lambda: self.begin("hired"))
        self.buttons["not_hired"].clicked.connect(lambda: self.begin("not_hired"))
        self.buttons["no_show"].clicked.connect(lambda: self.begin("no_show"))
        self.buttons["cancelled"].clicked.connect(lambda: self.begin("cancelled"))
        self.buttons["correct"].clicked.connect(self.correct)
        self.buttons["reprint"].clicked.connect(lambda: self.reprint_requested.emit(self.referral_id))
        actions.addStretch(1)
        actions.addWidget(self.close_button)
        self.close_button.clicked.connect(self.reject)

        self.form = OutcomeForm(self)
        self.form_box = QFrame(self)
        self.form_box.setObjectName("outcome_box")
        self.form_box.setStyleSheet(FORM_BOX_STYLE)
        box_layout = QVBoxLayout(self.form_box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.addWidget(self.form)
        self.form_box.hide()
        self._supervisor: Supervisor | None = None

        self.history_model = HistoryTableModel(self)
        self.history = history_table(self.history_model, self)
        self.history.setMinimumHeight(130)

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.status)
        history_title = QLabel(self.tr("历史记录"), self)
        history_title.setStyleSheet("font-weight: bold;")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(self.confirmation)
        layout.addLayout(facts)
        layout.addSpacing(4)
        layout.addLayout(actions)
        layout.addWidget(self.form_box)
        layout.addWidget(history_title)
        layout.addWidget(self.history, 1)

        self.form.submitted.connect(self.save)
        self.form.leave_requested.connect(self.back_out)
        self._enable(None)
        self.reload()

    @property
    def busy(self) -> bool:
        return self.tasks.pending > 0

    # ---- showing ---------------------------------------------------------------------------
    def reload(self) -> None:
        referrals, referral_id = self.station.referrals, self.referral_id

        def failed(exc: BaseException) -> None:
            if self.detail is None:
                self.heading.setText(self.tr("无法打开推荐记录"))
            show_error(self, exc)

        self.tasks.run(self.reader, lambda: referrals.get(referral_id), self._loaded, failed)

    def _loaded(self, detail: object) -> None:
        assert isinstance(detail, ReferralDetail)
        self.show_detail(detail)

    def show_detail(self, d: ReferralDetail) -> None:
        first = self.detail is None
        self.detail = d
        today = wallclock.today()
        heading = self.tr("推荐 {code}").format(code=d.code)
        if self.source == "scan":
            heading += self.tr("　<span style='font-size: 11pt; color: #1b5e20;'>✔ 介绍信已扫码核验</span>")
        self.heading.setText(heading)
        expired = d.expired(today)
        status = d.status_text + (self.tr("（已过期）") if expired else "")
        colour = EXPIRED_COLOUR if expired else STATUS_COLOURS.get(d.status, "#263238")
        self.status.setText(status)
        self.status.setStyleSheet(f"font-size: 20pt; font-weight: bold; color: {colour};")
        notice = self._notice
        if not notice and expired:
            notice = self.tr("此介绍信已于{day}过期，仍可登记结果").format(day=d.valid_until.isoformat())
        self.notice.setText(notice)
        self.notice.setVisible(bool(notice))

        posting = f"{d.posting_title}（{d.posting_code}）"
        if d.posting_status != "open":
            posting += self.tr(" · 岗位{status}").format(status=posting_status(d.posting_status))
        facts = {
            "seeker": f"{d.seeker_name}　{d.seeker_id_masked}　{d.seeker_phone_masked}",
            "posting": posting,
            "employer": d.employer_name,
            "pay": d.pay_text,
            "dates": d.work_dates,
            "issued": d.issued_on.isoformat(),
            "valid": d.valid_until.isoformat(),
            "clerk": d.clerk,
            "match": d.match_note or "—",
            "outcome": self.outcome_text(d),
        }
        for key, text in facts.items():
            self.facts[key].setText(text)
        self.facts["valid"].setStyleSheet(f"color: {EXPIRED_COLOUR};" if expired else "")
        self.history_model.set_rows(list(d.history))
        self.history.resizeRowsToContents()
        self._enable(d)
        if first:
            self._focus_actions()

    def outcome_text(self, d: ReferralDetail) -> str:
        if d.status == "pending":
            return self.tr("等待反馈")
        parts = [d.status_text]
        if d.outcome_on:
            parts.append(self.tr("{day}登记").format(day=d.outcome_on.isoformat()))
        if d.status == "hired":
            if d.start_date:
                parts.append(self.tr("{day}上岗").format(day=d.start_date.isoformat()))
            if d.agreed_pay_cents:
                parts.append(self.tr("约定工资 {pay}").format(pay=pay_text(d.agreed_pay_cents, d.agreed_pay_unit)))
        elif d.status == "not_hired" and d.reason:
            parts.append(label_of(NOT_HIRED_REASONS, d.reason))
        elif d.reason:
            parts.append(d.reason)
        return " · ".join(parts)

    def _enable(self, d: ReferralDetail | None) -> None:
        pending = d is not None and d.status == "pending"
        idle = not self.busy
        for key in OUTCOMES:
            self.buttons[key].setVisible(d is None or pending)
            self.buttons[key].setEnabled(pending and idle)
        self.buttons["correct"].setVisible(d is not None and not pending)
        self.buttons["correct"].setEnabled(d is not None and not pending and idle)
        self.buttons["reprint"].setEnabled(d is not None)
        self.form.set_busy(not idle)

    @staticmethod
    def _press(button: QPushButton) -> None:
        if button.isVisible() and button.isEnabled():
            button.click()

    def _focus_actions(self) -> None:
        for key in (*OUTCOMES, "correct"):
            if self.buttons[key].isVisible() and self.buttons[key].isEnabled():
                self.buttons[key].setFocus()
                return
        self.close_button.setFocus()

    def confirm(self, text: str) -> None:
        self.confirmation.setText(text)
        self.confirmation.setVisible(bool(text))

    # ---- the outcome form ------------------------------------------------------------------
    def begin(self, outcome: str) -> None:
        """Open the form for an outcome of a pending referral (F5–F8)."""
        d = self.detail
        if d is None or d.status != "pending" or self.busy:
            return
        titles = {
            "hired": self.tr("登记为已录用"),
            "not_hired": self.tr("登记为未录用"),
            "no_show": self.tr("登记为未到岗"),
            "cancelled": self.tr("取消推荐"),
        }
        self._supervisor = None
        self.confirm("")
        self.form.start(
            outcome,
            titles[outcome],
            d,
            pay_hint=self.tr("岗位标价 {pay}").format(pay=d.pay_text),
            unit=posting_pay_unit(d),
        )
        self.form_box.show()
        self.form.focus_first()

    def correct(self) -> None:
        """A recorded outcome is changed only with a supervisor's sign-off, which lasts for this form."""
        d = self.detail
        if d is None or d.status == "pending" or self.busy:
            return

        def signed(boss: Supervisor) -> None:
            if self.detail is None or self.detail.status == "pending":
                return
            self._supervisor = boss
            self.confirm("")
            self.form.start(
                "correct",
                self.tr("更正结果（主管 {name} 已确认）").format(name=boss.name),
                self.detail,
                pay_hint=self.tr("岗位标价 {pay}").format(pay=self.detail.pay_text),
                unit=posting_pay_unit(self.detail),
            )
            self.form_box.show()
            self.activateWindow()  # back from the sign-off dialog
            self.form.focus_first()

        with_supervisor(
            self,
            self.station.supervisor,
            self.tr("更正推荐 {code} 的结果（现为“{status}”）").format(code=d.code, status=d.status_text),
            signed,
        )

    def back_out(self) -> None:
        self._supervisor = None
        self.form.clear_errors()
        self.form_box.hide()
        self._focus_actions()

    def save(self) -> None:
        d = self.detail
        if d is None or self.busy or not self.form_box.isVisible():
            return
        referrals, referral_id, clerk = self.station.referrals, self.referral_id, clerk_name(self.station)
        inp = self.form.collect()
        if self.form.mode == "correct":
            boss = self._supervisor
            if boss is None:
                return

            def work() -> ReferralDetail:
                return referrals.correct_outcome(referral_id, inp, supervisor=boss, by=clerk)

            message = self.tr("已更正为“{status}”（主管 {name}）")
        else:
            source = self.source

            def work() -> ReferralDetail:
                return referrals.record_outcome(referral_id, inp, by=clerk, source=source)

            message = self.tr("已登记为“{status}”")

        def saved(result: object) -> None:
            assert isinstance(result, ReferralDetail)
            self._notice = ""
            self.form_box.hide()
            self.show_detail(result)
            name = self._supervisor.name if self._supervisor else ""
            self._supervisor = None
            self.confirm(message.format(status=result.status_text, name=name))
            self._focus_actions()
            self.changed.emit()

        def failed(exc: BaseException) -> None:
            self._enable(self.detail)
            if isinstance(exc, FormInvalid):
                self.form.show_errors(exc.errors)
                return
            show_error(self, exc)
            self.form_box.hide()
            self._supervisor = None
            self.reload()  # another counter may have recorded it first: show what is true now

        self.tasks.run(self.writer, work, saved, failed)
        self._enable(d)

    # ---- keys ------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Esc backs out of an open form first; a second Esc closes the dialog.
        if event.key() == Qt.Key.Key_Escape and self.form_box.isVisible():
            self.back_out()
            event.accept()
            return
        super().keyPressEvent(event)
