"""Employers and postings at the counter, as a clerk and a supervisor use them: keyboard only."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog

from app.services.employers import EmployerInput
from app.station import Station
from tests.conftest import MOUTAI, TODAY, posting_for
from tests.ui.test_counter import focused, type_text, wait_idle


def tab(qtbot: Any, times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)


def sign_off(qtbot: Any, window: Any, page: Any, name: str = "王主管", pin: str = "246810") -> None:
    """The supervisor types name and PIN into the dialog that opened, and presses Enter."""
    qtbot.waitUntil(lambda: page.property("supervisor_dialog") is not None)
    dialog = page.property("supervisor_dialog")
    qtbot.waitUntil(lambda: focused() is dialog.name_edit)  # the dialog takes the focus as it opens
    type_text(qtbot, dialog.name_edit, name)
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert focused() is dialog.pin_edit and dialog.error.text() == ""  # Enter moved on, checked nothing
    qtbot.keyClicks(dialog.pin_edit, pin)
    qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Return)
    wait_idle(qtbot, window)


def test_employer_then_posting_then_review_with_the_keyboard(
    qtbot: Any, window: Any, station: Station, dialogs: Any
) -> None:
    station.supervisor.set_pin("246810")
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.employers
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = window.employers.form
    assert focused() is form.kind
    tab(qtbot)
    assert focused() is form.code_edit
    qtbot.keyClicks(form.code_edit, MOUTAI.lower())
    assert "有效" in form.code_info.text()
    tab(qtbot)
    assert focused() is form.name_edit
    type_text(qtbot, focused(), "贵州茅台酒股份有限公司")
    tab(qtbot)
    type_text(qtbot, focused(), "茅台酒股份")
    tab(qtbot)
    type_text(qtbot, focused(), "李红")
    tab(qtbot)
    qtbot.keyClicks(focused(), "0851-22386002")
    tab(qtbot, 3)
    assert focused() in (form.district, form.district.lineEdit())
    type_text(qtbot, focused(), "遵义市仁怀市")
    form.terms.setFocus()
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    wait_idle(qtbot, window)
    assert station.employers.count() == 1
    assert form.employer_id is not None and "已登记单位" in window.statusBar().currentMessage()

    form.post_button.click()
    wait_idle(qtbot, window)
    assert window.tabs.currentWidget() is window.postings
    pf = window.postings.form
    assert pf.employer_edit.text().startswith("贵州茅台酒股份有限公司")
    assert focused() is pf.title_edit
    type_text(qtbot, focused(), "包装车间临时工")
    tab(qtbot)
    type_text(qtbot, focused(), "包装工")
    tab(qtbot)
    qtbot.keyClicks(focused(), "20")
    tab(qtbot)
    qtbot.keyClicks(focused(), "150")  # below the minimum for an 8-hour day
    pf.settlement.setFocus()
    qtbot.keyClick(focused(), Qt.Key.Key_Down)
    tab(qtbot)
    type_text(qtbot, focused(), "仁怀市茅台镇包装车间")
    pf.start_date.setDate(pf.start_date.date().addDays(1))
    pf.duties_edit.setFocus()
    type_text(qtbot, focused(), "成品酒装箱、贴标")
    pf.contact_phone_edit.setFocus()
    qtbot.keyClicks(focused(), "0851-22386002")
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, window)
    assert "日薪不低于156.8元" in pf.error_text("pay")
    assert focused() is pf.pay_edit
    assert station.postings.count() == 0

    pf.pay_edit.selectAll()
    qtbot.keyClicks(pf.pay_edit, "180")
    qtbot.keyClick(pf.pay_edit, Qt.Key.Key_Return)
    wait_idle(qtbot, window)
    assert station.postings.count() == 1
    assert pf.detail is not None and pf.detail.status == "draft"
    qtbot.keyClick(pf, Qt.Key.Key_F9)
    wait_idle(qtbot, window)
    assert pf.detail.status == "pending"

    assert pf.buttons["approve"].isEnabled()
    pf.buttons["approve"].setFocus()
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    sign_off(qtbot, window, window.postings)
    assert pf.detail.status == "open" and pf.detail.reviewed_by == "王主管"
    qtbot.waitUntil(lambda: window.postings.model.rowCount() == 1)
    assert "招聘中" in window.postings.model.data(window.postings.model.index(0, 9))
    assert "招聘中 1 个岗位" in window.open_label.text()
    assert not dialogs.shown


def test_wrong_pin_keeps_the_posting_pending(qtbot: Any, window: Any, station: Station, company: EmployerInput) -> None:
    station.supervisor.set_pin("246810")
    eid = station.employers.save(company, today=TODAY).employer_id
    pid = station.postings.save(posting_for(eid)).posting_id
    station.postings.submit(pid)
    window.tabs.setCurrentWidget(window.postings)
    window.postings.open_posting(pid)
    wait_idle(qtbot, window)
    window.postings.form.buttons["approve"].click()
    page = window.postings
    qtbot.waitUntil(lambda: page.property("supervisor_dialog") is not None)
    dialog = page.property("supervisor_dialog")
    qtbot.waitUntil(lambda: focused() is dialog.name_edit)
    type_text(qtbot, dialog.name_edit, "王主管")
    qtbot.keyClicks(dialog.pin_edit, "000000")
    qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and "不正确" in dialog.error.text()
    assert focused() is dialog.pin_edit
    dialog.reject()
    wait_idle(qtbot, window)
    assert station.postings.get(pid).status == "pending"


def test_banned_terms_and_missing_reason_are_flagged_beside_fields(
    qtbot: Any, window: Any, station: Station, company: EmployerInput
) -> None:
    eid = station.employers.save(company, today=TODAY).employer_id
    window.tabs.setCurrentWidget(window.postings)
    window.postings.load_employers()
    wait_idle(qtbot, window)
    window.postings.new_posting(eid)
    pf = window.postings.form
    fill = posting_for(eid)
    pf.title_edit.setText(fill.title)
    pf.job_type.setCurrentIndex(pf.job_type.findData(fill.job_type))
    pf.headcount_edit.setText("5")
    pf.pay_edit.setText("200")
    pf.settlement.setCurrentIndex(1)
    pf.place_edit.setText("仁怀市茅台镇")
    pf.duties_edit.setPlainText("装卸")
    pf.requirements_edit.setPlainText("上岗前交押金300元，扣押身份证")
    pf.contact_phone_edit.setText("13800138000")
    pf.age_max_edit.setText("45")
    pf.submit()
    wait_idle(qtbot, window)
    assert station.postings.count() == 1
    assert "押金" in pf.warning_text("requirements") and "身份证" in pf.warning_text("requirements")
    assert "理由" in pf.warning_text("limit_reason")
    assert "须主管核实放行" in pf.state.text()
    assert pf.buttons["clear_flags"].isEnabled()
    qtbot.waitUntil(lambda: window.postings.model.rowCount() == 1)
    assert "待核实" in window.postings.model.data(window.postings.model.index(0, 9))


def test_suspended_employer_cannot_post_and_staff_see_why(
    qtbot: Any, window: Any, station: Station, company: EmployerInput, dialogs: Any
) -> None:
    station.supervisor.set_pin("246810")
    eid = station.employers.save(company, today=TODAY).employer_id
    window.tabs.setCurrentWidget(window.employers)
    window.employers.open_employer(eid)
    wait_idle(qtbot, window)
    window.employers.form.suspend_button.click()
    dialog = window.employers.property("suspend_dialog")
    qtbot.waitUntil(dialog.isVisible)
    dialog.reason.setCurrentIndex(dialog.reason.findData("unpaid_wages"))
    type_text(qtbot, dialog.note, "拖欠12名工人11月工资")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    sign_off(qtbot, window, window.employers)
    form = window.employers.form
    qtbot.waitUntil(form.banner.isVisible)
    assert "拖欠工资" in form.banner.text() and "王主管" in form.banner.text()
    assert not form.post_button.isEnabled()
    qtbot.waitUntil(lambda: window.employers.model.rowCount() == 1)
    assert "已暂停" in window.employers.model.data(window.employers.model.index(0, 7))

    window.postings.load_employers()
    wait_idle(qtbot, window)
    window.postings.new_posting(eid)
    assert "暂停" in window.postings.form.employer_info.text()
    inp = posting_for(eid)
    window.postings.save(inp, None)
    wait_idle(qtbot, window)
    assert "拖欠工资" in dialogs.texts() and station.postings.count() == 0


def test_same_credit_code_opens_the_registered_employer(
    qtbot: Any, window: Any, station: Station, company: EmployerInput
) -> None:
    station.employers.save(company, today=TODAY)
    window.tabs.setCurrentWidget(window.employers)
    form = window.employers.form
    form.clear()
    qtbot.keyClicks(form.code_edit, MOUTAI)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: form.employer_id is not None)
    assert form.name_edit.text() == "贵州茅台酒股份有限公司" and "已登记" in form.notice.text()


def test_bad_credit_code_is_explained_as_it_is_typed(qtbot: Any, window: Any) -> None:
    form = window.employers.form
    form.clear()
    qtbot.keyClicks(form.code_edit, "91520000214434146X")
    assert "最后一位应为R" in form.error_text("credit_code")


def test_close_asks_why(qtbot: Any, window: Any, station: Station, company: EmployerInput, monkeypatch: Any) -> None:
    eid = station.employers.save(company, today=TODAY).employer_id
    pid = station.postings.save(posting_for(eid)).posting_id
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("单位取消招聘", True)))
    window.postings.open_posting(pid)
    wait_idle(qtbot, window)
    window.postings.form.buttons["close"].click()
    wait_idle(qtbot, window)
    got = station.postings.get(pid)
    assert got.status == "closed" and got.end_reason == "单位取消招聘"
    assert not window.postings.form.save_button.isEnabled()


@pytest.mark.parametrize("key", ["F9"])
def test_f9_does_nothing_on_a_new_posting(qtbot: Any, window: Any, station: Station, key: str) -> None:
    window.tabs.setCurrentWidget(window.postings)
    window.postings.new_posting()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F9)
    wait_idle(qtbot, window)
    assert station.postings.count() == 0


def test_unsaved_edits_are_never_submitted_silently(
    qtbot: Any, window: Any, station: Station, company: EmployerInput, dialogs: Any
) -> None:
    eid = station.employers.save(company, today=TODAY).employer_id
    pid = station.postings.save(posting_for(eid)).posting_id
    window.tabs.setCurrentWidget(window.postings)
    window.postings.open_posting(pid)
    wait_idle(qtbot, window)
    pf = window.postings.form
    pf.requirements_edit.setPlainText("入职交押金300元")
    qtbot.keyClick(pf.title_edit, Qt.Key.Key_F9)
    wait_idle(qtbot, window)
    assert "未保存" in dialogs.texts()
    assert station.postings.get(pid).status == "draft"
    assert pf.requirements_edit.toPlainText() == "入职交押金300元"  # the edit is still there to save


def test_households_of_the_same_name_are_told_apart(qtbot: Any, window: Any, station: Station) -> None:
    from tests.conftest import make_id

    ids = []
    for seq, phone in (("101", "13800138001"), ("102", "13800138002")):
        household = EmployerInput(
            kind="household", name="王女士家", owner_id_number=make_id("52010219800101", seq),
            contact_name="王芳", phone=phone, district_code="520102", terms_accepted=True,
        )  # fmt: skip
        ids.append(station.employers.save(household, today=TODAY).employer_id)
    window.postings.load_employers()
    wait_idle(qtbot, window)
    pf = window.postings.form
    for employer_id in ids:
        window.postings.new_posting(employer_id)
        assert pf.collect().employer_id == employer_id


def test_down_from_the_search_box_goes_to_the_first_result(
    qtbot: Any, window: Any, station: Station, company: EmployerInput
) -> None:
    station.employers.save(company, today=TODAY)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    page = window.employers
    qtbot.keyClicks(page.search_box, "mt")  # pinyin initials of 茅台
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.table.clearSelection()
    page.table.setCurrentIndex(page.model.index(-1, -1))
    qtbot.keyClick(page.search_box, Qt.Key.Key_Down)
    assert focused() is page.table and page.table.currentIndex().row() == 0
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    wait_idle(qtbot, window)
    assert page.form.name_edit.text() == "贵州茅台酒股份有限公司"
