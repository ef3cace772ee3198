"""Referrals at the counter: the list, one referral's outcome, corrections and follow-up calls — keyboard only."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget
from sqlalchemy import select

from app import clock as wallclock
from app.services.employers import EmployerInput
from app.services.referrals import OutcomeInput
from app.services.seekers import SeekerInput
from app.station import Station
from app.supervisor import Supervisor
from db.models import ReferralOutcome
from tests.conftest import open_posting
from tests.ui.test_counter import focused, type_text, wait_idle
from tests.ui.test_employers_postings import sign_off
from ui.counter.referral_page import ReferralPage
from ui.dialogs.follow_up import FollowUpDialog
from ui.dialogs.referral import ReferralDialog
from ui.setup import install_translations, load_bundled_font, set_names
from ui.tasks import TaskRunner

SERVER = "4-03-02-05"  # the person's job type


class Desk(QWidget):
    """The referral page on its own, with the writer and reader threads a main window would give it."""

    def __init__(self, station: Station) -> None:
        super().__init__()
        self.writer = TaskRunner("db-write", self)
        self.reader = TaskRunner("db-read", self)
        self.page = ReferralPage(station, self.writer, self.reader, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page)


@pytest.fixture
def desk(qtbot: Any, qapp: QApplication, station: Station) -> Iterator[Desk]:
    set_names()
    qapp.setFont(load_bundled_font())
    install_translations(qapp, "zh_CN")
    station.settings.clerk_name = "刘文"
    w = Desk(station)
    qtbot.addWidget(w)
    w.resize(1200, 700)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.writer.shutdown()
    w.reader.shutdown()


def refer(
    station: Station,
    boss: Supervisor,
    company: EmployerInput,
    person: SeekerInput,
    *,
    headcount: str = "2",
    today: date | None = None,
) -> tuple[str, str]:
    """A referral of `person` made `today` (the clock's unless given) to a posting opened that day,
    which starts a week later and runs a month; its id and the posting's."""
    today = today or wallclock.today()
    employer_id = station.employers.save(company, today=today).employer_id
    posting_id = open_posting(
        station, boss, employer_id, today=today, job_type=SERVER, district_code="520102", headcount=headcount,
        title="宴会服务员",
    )  # fmt: skip
    seeker_id = station.seekers.save(person, today=today).seeker_id
    return station.referrals.refer(seeker_id, posting_id, clerk="刘文", today=today).id, posting_id


def open_first(qtbot: Any, desk: Desk) -> ReferralDialog:
    """Enter on the first row of the list opens its referral; the dialog takes the focus."""
    page = desk.page
    page.refresh()
    qtbot.waitUntil(lambda: page.model.rowCount() >= 1)
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.dialog
    assert isinstance(dialog, ReferralDialog)
    qtbot.waitUntil(lambda: dialog.detail is not None and focused() is not None and focused().window() is dialog)
    return dialog


@pytest.mark.dates
def test_a_hire_is_recorded_with_the_keyboard_and_fills_the_posting(
    qtbot: Any, desk: Desk, station: Station, boss: Supervisor, company: EmployerInput, person: SeekerInput
) -> None:
    ref_id, posting_id = refer(station, boss, company, person, headcount="1")
    dialog = open_first(qtbot, desk)
    assert dialog.status.text() == "待反馈"
    assert "宴会服务员" in dialog.facts["posting"].text() and "138****8000" in dialog.facts["seeker"].text()
    assert "520102************" in dialog.facts["seeker"].text()  # the ID masked too

    qtbot.keyClick(focused(), Qt.Key.Key_F5)
    form = dialog.form
    qtbot.waitUntil(lambda: form.isVisible() and focused() is form.pay_edit)
    assert form.pay_unit.currentData() == "day"  # the posting's unit
    qtbot.keyClicks(form.pay_edit, "180")
    qtbot.keyClick(form.pay_edit, Qt.Key.Key_Return)
    wait_idle(qtbot, desk)

    assert dialog.status.text() == "已录用"
    assert "已登记为“已录用”" in dialog.confirmation.text() and dialog.confirmation.isVisible()
    assert not form.isVisible()
    assert [h.what for h in dialog.history_model._rows] == ["推荐", "已录用"]
    got = station.referrals.get(ref_id)
    # The start date offered is today moved into the posting's dates (they begin a week from today).
    offered = max(wallclock.today(), station.postings.get(posting_id).start_date)
    assert (got.status, got.agreed_pay_cents, got.start_date) == ("hired", 18000, offered)
    assert station.postings.get(posting_id).status == "filled"
    qtbot.waitUntil(lambda: desk.page.model.data(desk.page.model.index(0, 7)) == "已录用")  # the list refreshed
    assert not dialog.buttons["hired"].isVisible() and dialog.buttons["correct"].isVisible()


def test_a_hire_without_pay_is_explained_beside_the_pay_and_writes_nothing(
    qtbot: Any, desk: Desk, station: Station, boss: Supervisor, company: EmployerInput, person: SeekerInput
) -> None:
    ref_id, _ = refer(station, boss, company, person)
    dialog = open_first(qtbot, desk)
    qtbot.keyClick(focused(), Qt.Key.Key_F5)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    wait_idle(qtbot, desk)

    assert dialog.form.error_text("agreed_pay") == "请填写约定工资"
    qtbot.waitUntil(lambda: focused() is dialog.form.pay_edit)
    assert station.referrals.get(ref_id).status == "pending"
    assert dialog.status.text() == "待反馈" and not dialog.confirmation.isVisible()


def test_esc_backs_out_of_the_form_then_closes(
    qtbot: Any, desk: Desk, station: Station, boss: Supervisor, company: EmployerInput, person: SeekerInput
) -> None:
    refer(station, boss, company, person)
    dialog = open_first(qtbot, desk)
    qtbot.keyClick(focused(), Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: focused() is dialog.form.reason and dialog.form.isVisible())
    qtbot.keyClick(focused(), Qt.Key.Key_F8)  # changed her mind: cancel instead
    qtbot.waitUntil(lambda: focused() is dialog.form.reason_edit and not dialog.form.reason.isVisible())
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert dialog.isVisible() and not dialog.form.isVisible()
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: desk.page.dialog is None)


def test_not_hired_needs_a_reason_and_a_scanned_slip_records_its_source(
    qtbot: Any, desk: Desk, station: Station, boss: Supervisor, company: EmployerInput, person: SeekerInput
) -> None:
    ref_id, _ = refer(station, boss, company, person)
    dialog = desk.page.open_referral(ref_id, notice="此介绍信已扫码", source="scan")
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.detail is not None)
    assert dialog.notice.text() == "此介绍信已扫码" and "核验" in dialog.heading.text()
    dialog.activateWindow()
    dialog.buttons["not_hired"].setFocus()
    qtbot.keyClick(focused(), Qt.Key.Key_F6)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    wait_idle(qtbot, desk)
    assert dialog.form.error_text("reason") == "请选择未录用原因"
    qtbot.keyClick(dialog.form.reason, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.form.reason, Qt.Key.Key_Return)
    wait_idle(qtbot, desk)
    assert station.referrals.get(ref_id).reason == "skills"
    with station.db.read() as s:
        assert s.scalars(select(ReferralOutcome.source)).all() == ["scan"]


@pytest.mark.dates
def test_a_correction_needs_the_supervisor_and_keeps_both_in_the_history(
    qtbot: Any, desk: Desk, station: Station, boss: Supervisor, company: EmployerInput, person: SeekerInput
) -> None:
    ref_id, posting_id = refer(station, boss, company, person, headcount="1")
    start = wallclock.today() + timedelta(days=7)  # the posting's first day
    hire = OutcomeInput("hired", start_date=start, agreed_pay="180", agreed_pay_unit="day")
    station.referrals.record_outcome(ref_id, hire, by="刘文")
    assert station.postings.get(posting_id).status == "filled"
    dialog = open_first(qtbot, desk)
    assert dialog.status.text() == "已录用" and "约定工资 180 元/天" in dialog.facts["outcome"].text()
    assert not dialog.buttons["hired"].isVisible()

    qtbot.keyClick(focused(), Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.form.isVisible()  # nothing to edit before the supervisor signs
    sign_off(qtbot, desk, dialog)
    form = dialog.form
    assert form.isVisible() and "王主管" in form.title.text()
    qtbot.waitUntil(lambda: focused() is form.outcome)  # the dialog is active again
    assert form.pay_edit.text() == "180"  # a correction starts from what is recorded
    qtbot.keyClick(form.outcome, Qt.Key.Key_Down)  # 已录用 → 未录用
    assert form.reason.isVisible() and not form.pay_edit.isVisible()
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: focused() is form.reason)
    qtbot.keyClick(form.reason, Qt.Key.Key_Down)
    qtbot.keyClick(form.reason, Qt.Key.Key_Down)
    qtbot.keyClick(form.reason, Qt.Key.Key_Down)  # 工资待遇未谈拢
    qtbot.keyClick(form.reason, Qt.Key.Key_Return)
    wait_idle(qtbot, desk)
    assert form.error_text("note") == "请写明更正原因"  # the service's word, beside the note
    qtbot.waitUntil(lambda: focused() is form.note_edit)
    assert station.referrals.get(ref_id).status == "hired"

    type_text(qtbot, form.note_edit, "用人单位来电：未谈拢工资")
    qtbot.keyClick(form.note_edit, Qt.Key.Key_Return)
    wait_idle(qtbot, desk)
    got = station.referrals.get(ref_id)
    assert (got.status, got.reason) == ("not_hired", "pay")
    assert [h.what for h in got.history] == ["推荐", "已录用", "更正为未录用（原为已录用）"]
    assert got.history[-1].by == "刘文 / 王主管"
    assert dialog.status.text() == "未录用" and "王主管" in dialog.confirmation.text()
    assert [h.what for h in dialog.history_model._rows] == [h.what for h in got.history]
    assert station.postings.get(posting_id).status == "open"  # the hire that filled it is gone


def test_a_wrong_pin_opens_no_correction(
    qtbot: Any, desk: Desk, station: Station, boss: Supervisor, company: EmployerInput, person: SeekerInput
) -> None:
    ref_id, _ = refer(station, boss, company, person)
    station.referrals.record_outcome(ref_id, OutcomeInput("no_show"), by="刘文")
    dialog = open_first(qtbot, desk)
    dialog.buttons["correct"].click()
    qtbot.waitUntil(lambda: dialog.property("supervisor_dialog") is not None)
    sup = dialog.property("supervisor_dialog")
    qtbot.waitUntil(lambda: focused() is sup.name_edit)
    type_text(qtbot, sup.name_edit, "王主管")
    qtbot.keyClicks(sup.pin_edit, "000000")
    qtbot.keyClick(sup.pin_edit, Qt.Key.Key_Return)
    assert "不正确" in sup.error.text()
    sup.reject()
    assert not dialog.form.isVisible() and station.referrals.get(ref_id).status == "no_show"


@pytest.mark.dates
def test_follow_up_list_records_a_call_and_keeps_the_referral_listed(
    qtbot: Any, desk: Desk, station: Station, boss: Supervisor, company: EmployerInput, person: SeekerInput
) -> None:
    ref_id, _ = refer(station, boss, company, person, today=wallclock.today() - timedelta(days=4))  # ran out 2 days ago
    page = desk.page
    page.refresh()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.data(page.model.index(0, 7)) == "待反馈（已过期）"
    page.focus_search()
    qtbot.keyClick(focused(), Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert page.follow_up_mode and not page.status_filter.isEnabled()
    wait_idle(qtbot, desk)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and "待回访1条" in page.hint.text())

    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.dialog
    assert isinstance(dialog, FollowUpDialog)
    qtbot.waitUntil(lambda: dialog.detail is not None and focused() is dialog.form.result)
    assert dialog.facts["phone"].text() == "13800138000"  # in full: the clerk dials it
    for _ in range(5):  # 已上岗, 未录用, 未去应聘, 已联系…, 无人接听
        qtbot.keyClick(dialog.form.result, Qt.Key.Key_Down)
    assert dialog.form.result.currentData() == "no_answer"
    assert not dialog.form.pay_edit.isVisible()
    qtbot.keyClick(dialog.form.result, Qt.Key.Key_Return)
    wait_idle(qtbot, desk)
    qtbot.waitUntil(lambda: page.dialog is None)

    [row] = station.referrals.follow_ups(wallclock.today())
    assert (row.calls, row.last_call) == (1, "无人接听")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.model.data(page.model.index(0, 9)) == "1次 · 无人接听")
    assert station.referrals.get(ref_id).status == "pending"


@pytest.mark.dates
def test_a_call_that_learns_of_a_hire_records_it_and_clears_the_list(
    qtbot: Any, desk: Desk, station: Station, boss: Supervisor, company: EmployerInput, person: SeekerInput
) -> None:
    ref_id, _ = refer(station, boss, company, person, today=wallclock.today() - timedelta(days=4))
    page = desk.page
    page.follow_up_button.setChecked(True)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.call_button.click()
    dialog = page.dialog
    assert isinstance(dialog, FollowUpDialog)
    qtbot.waitUntil(lambda: dialog.detail is not None and focused() is dialog.form.result)
    qtbot.keyClick(dialog.form.result, Qt.Key.Key_Down)  # 已上岗
    assert dialog.form.pay_edit.isVisible() and dialog.form.start_date.isVisible()
    qtbot.keyClick(dialog.form.result, Qt.Key.Key_Return)
    wait_idle(qtbot, desk)
    assert dialog.form.error_text("agreed_pay") == "请填写约定工资"
    assert station.referrals.get(ref_id).history[-1].what == "推荐"  # not even the call was kept

    dialog.form.pay_edit.setFocus()
    qtbot.keyClicks(dialog.form.pay_edit, "200")
    qtbot.keyClick(dialog.form.pay_edit, Qt.Key.Key_Return)
    wait_idle(qtbot, desk)
    got = station.referrals.get(ref_id)
    assert [h.what for h in got.history] == ["推荐", "回访：已上岗", "已录用"]
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert "没有待回访" in page.hint.text()


def test_ctrl_p_asks_for_a_reprint(
    qtbot: Any, desk: Desk, station: Station, boss: Supervisor, company: EmployerInput, person: SeekerInput
) -> None:
    ref_id, _ = refer(station, boss, company, person)
    page = desk.page
    page.refresh()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.table.setFocus()
    page.table.selectRow(0)
    with qtbot.waitSignal(page.reprint_requested, timeout=1000) as row_blocker:
        qtbot.keyClick(page.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert row_blocker.args == [ref_id]

    dialog = open_first(qtbot, desk)
    with qtbot.waitSignal(dialog.reprint_requested, timeout=1000) as dialog_blocker:
        qtbot.keyClick(focused(), Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert dialog_blocker.args == [ref_id]


def test_the_code_box_finds_a_referral(
    qtbot: Any, desk: Desk, station: Station, boss: Supervisor, company: EmployerInput, person: SeekerInput
) -> None:
    refer(station, boss, company, person)
    page = desk.page
    page.focus_search()
    qtbot.keyClicks(page.search_box, "0002")
    qtbot.waitUntil(lambda: "没有符合条件" in page.hint.text())
    page.search_box.clear()
    qtbot.keyClicks(page.search_box, "20261124-0001")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    qtbot.keyClick(page.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(page.dialog, ReferralDialog))


def test_a_cancellation_needs_its_reason_typed(
    qtbot: Any, desk: Desk, station: Station, boss: Supervisor, company: EmployerInput, person: SeekerInput
) -> None:
    ref_id, _ = refer(station, boss, company, person)
    dialog = open_first(qtbot, desk)
    qtbot.keyClick(focused(), Qt.Key.Key_F8)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    wait_idle(qtbot, desk)
    assert dialog.form.error_text("reason_text") == "请写明取消原因"  # beside the box it is typed in
    qtbot.waitUntil(lambda: focused() is dialog.form.reason_edit)
    type_text(qtbot, dialog.form.reason_edit, "求职者已另找到工作")
    qtbot.keyClick(dialog.form.reason_edit, Qt.Key.Key_Return)
    wait_idle(qtbot, desk)
    got = station.referrals.get(ref_id)
    assert (got.status, got.reason) == ("cancelled", "求职者已另找到工作")
    assert dialog.status.text() == "已取消" and "求职者已另找到工作" in dialog.facts["outcome"].text()


def test_no_show_needs_nothing_more(
    qtbot: Any, desk: Desk, station: Station, boss: Supervisor, company: EmployerInput, person: SeekerInput
) -> None:
    ref_id, _ = refer(station, boss, company, person)
    dialog = open_first(qtbot, desk)
    qtbot.keyClick(focused(), Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: focused() is dialog.form.note_edit)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    wait_idle(qtbot, desk)
    assert station.referrals.get(ref_id).status == "no_show"
    qtbot.waitUntil(lambda: focused() is dialog.buttons["correct"])  # what is left to do with it
