"""One follow-up call (跟踪回访) on a referral whose slip ran out with no outcome: who to call, what
they said, and — when the call learns it — the outcome, recorded together with the call."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QGridLayout, QLabel, QVBoxLayout, QWidget

from app import clock as wallclock
from app.errors import FormInvalid
from app.services.referrals import ReferralDetail
from app.station import Station
from ui.dialogs.referral import (
    EXPIRED_COLOUR,
    KEY_STYLE,
    OUTCOMES,
    DialogTasks,
    OutcomeForm,
    clerk_name,
    history_table,
    posting_pay_unit,
)
from ui.errors import show_error
from ui.models.referral_table import HistoryTableModel
from ui.tasks import TaskRunner


@dataclass(frozen=True)
class CallSheet:
    """What the clerk needs to make the call: the referral, and the number to dial in full."""

    referral: ReferralDetail
    phone: str


class FollowUpDialog(QDialog):
    changed = Signal()
    status_message = Signal(str)

    def __init__(
        self, station: Station, writer: TaskRunner, reader: TaskRunner, referral_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.station = station
        self.writer = writer
        self.reader = reader
        self.referral_id = referral_id
        self.detail: ReferralDetail | None = None
        self.tasks = DialogTasks(self)
        self.setWindowTitle(self.tr("跟踪回访"))
        self.setMinimumWidth(640)

        self.heading = QLabel(self.tr("正在读取…"), self)
        self.heading.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.facts: dict[str, QLabel] = {}
        facts = QGridLayout()
        facts.setHorizontalSpacing(12)
        for r, (key, label) in enumerate(
            (
                ("seeker", self.tr("求职者")),
                ("phone", self.tr("电话")),
                ("posting", self.tr("岗位")),
                ("valid", self.tr("有效期至")),
            )
        ):
            name = QLabel(label, self)
            name.setStyleSheet(KEY_STYLE)
            name.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            value = QLabel(self)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            facts.addWidget(name, r, 0)
            facts.addWidget(value, r, 1)
            self.facts[key] = value
        facts.setColumnStretch(1, 1)
        self.facts["phone"].setStyleSheet("font-size: 14pt; font-weight: bold;")

        self.history_model = HistoryTableModel(self)
        self.history = history_table(self.history_model, self)
        self.history.setMinimumHeight(90)
        self.history.setMaximumHeight(160)
        self.form = OutcomeForm(self, call=True)
        self.form.start("call", self.tr("本次回访"))
        self.form.back_button.setText(self.tr("取消 (Esc)"))
        self.form.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(facts)
        layout.addWidget(self.history)
        layout.addWidget(self.form)

        self.form.submitted.connect(self.save)
        self.form.leave_requested.connect(self.reject)

        referrals, seekers = station.referrals, station.seekers

        def fetch() -> CallSheet:
            detail = referrals.get(referral_id)
            return CallSheet(detail, seekers.get(detail.seeker_id).phone)

        def failed(exc: BaseException) -> None:
            self.heading.setText(self.tr("无法打开推荐记录"))
            show_error(self, exc)

        self.tasks.run(reader, fetch, self._loaded, failed)

    # ---- showing and saving ----------------------------------------------------------------
    def _loaded(self, sheet: object) -> None:
        assert isinstance(sheet, CallSheet)
        d = self.detail = sheet.referral
        self.heading.setText(self.tr("跟踪回访 {code}").format(code=d.code))
        self.facts["seeker"].setText(f"{d.seeker_name}　{d.seeker_id_masked}")
        self.facts["phone"].setText(sheet.phone)
        self.facts["posting"].setText(
            self.tr("{title}　{employer}　{pay}").format(
                title=d.posting_title, employer=d.employer_name, pay=d.pay_text
            )
        )
        valid = d.valid_until.isoformat()
        if d.expired(wallclock.today()):
            valid = self.tr("{day}（已过期，{status}）").format(day=valid, status=d.status_text)
            self.facts["valid"].setStyleSheet(f"color: {EXPIRED_COLOUR};")
        self.facts["valid"].setText(valid)
        self.form.start(
            "call",
            self.tr("本次回访"),
            d,
            pay_hint=self.tr("岗位标价 {pay}").format(pay=d.pay_text),
            unit=posting_pay_unit(d),
        )
        self.history_model.set_rows(list(d.history))
        self.history.resizeRowsToContents()
        if d.status != "pending":
            self.form.show_notice(self.tr("此推荐已有结果“{status}”，无需回访").format(status=d.status_text))
            self.form.back_button.setEnabled(True)
            self.form.setEnabled(True)
            self.form.set_busy(True)
            self.form.back_button.setFocus()
            return
        self.form.setEnabled(True)
        self.form.focus_first()

    def save(self) -> None:
        if self.detail is None or self.tasks.pending:
            return
        referrals, referral_id, clerk = self.station.referrals, self.referral_id, clerk_name(self.station)
        result, note = self.form.call_result(), self.form.call_note()
        outcome = self.form.collect() if result in OUTCOMES else None

        def work() -> ReferralDetail:
            return referrals.record_call(referral_id, result, by=clerk, note=note, outcome=outcome)

        def saved(detail: object) -> None:
            assert isinstance(detail, ReferralDetail)
            self.form.set_busy(False)
            self.status_message.emit(
                self.tr("已记录 {code} 的回访：{result}").format(
                    code=detail.code, result=self.form.result.currentText()
                )
            )
            self.changed.emit()
            self.accept()

        def failed(exc: BaseException) -> None:
            self.form.set_busy(False)
            if isinstance(exc, FormInvalid):
                self.form.show_errors(exc.errors)
                return
            show_error(self, exc)
            self.changed.emit()  # the list may be stale (an outcome recorded elsewhere)
            self.reject()

        self.form.set_busy(True)
        self.tasks.run(self.writer, work, saved, failed)
