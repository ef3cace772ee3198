"""The whole walk-in flow with the keyboard alone, through the main window: register, see the
matching postings, refer with one key, save the slip, scan its QR back, record the hire."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app import clock as wallclock
from app.services.employers import EmployerInput
from app.station import Station
from app.supervisor import Supervisor
from tests.conftest import make_id, open_posting
from tests.ui.test_counter import type_text, wait_idle

SERVER = "4-03-02-05"


def focused() -> Any:
    return QApplication.focusWidget()


def decode_qr(pdf: Path, tmp_path: Path) -> str:
    """What a barcode scanner reads off the printed slip: render the PDF and decode its QR."""
    for tool in ("pdftoppm", "zbarimg"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is missing: install poppler-utils and zbar-tools (make test does)")
    page = str(tmp_path / "page")
    subprocess.run(["pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", str(pdf), page], check=True)
    [png] = tmp_path.glob("page*.png")
    out = subprocess.run(["zbarimg", "--raw", "-q", str(png)], capture_output=True, text=True, check=True)
    return out.stdout.splitlines()[0].strip()


@pytest.mark.dates
def test_walk_in_register_match_refer_print_scan_back_and_hire(
    qtbot: Any, window: Any, station: Station, boss: Supervisor, company: EmployerInput, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    station.settings.clerk_name = "刘文"
    today = wallclock.today()
    employer = station.employers.save(company, today=today).employer_id
    banquet = open_posting(
        station, boss, employer, today=today, title="宴会服务员", job_type=SERVER, district_code="520102",
        headcount="1", pay="200", work_time="10:00-14:00",
    )  # fmt: skip
    # Another trade: not offered.
    open_posting(station, boss, employer, today=today, title="包装工", district_code="520102")

    # 1. Register the walk-in (the form as in test_register_with_the_keyboard_alone).
    form = window.seekers.form
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(form.id_edit, make_id("52010219900307", "001"))
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    type_text(qtbot, focused(), "张三丰")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    type_text(qtbot, focused(), "13800138000")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    type_text(qtbot, focused(), "贵阳市南明区")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "ctfwy")  # pinyin initials of 餐厅服务员
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    form.consent.setFocus()
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    wait_idle(qtbot, window)
    assert station.seekers.count() == 1

    # 2. Enter on the search result opens the person; the matching postings list below.
    qtbot.waitUntil(lambda: focused() is window.seekers.search_box)
    qtbot.waitUntil(lambda: window.seekers.model.rowCount() == 1)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    panel = window.seekers.matches
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    match = panel.model.row_at(0)
    assert match.posting.id == banquet
    assert match.fit.reasons[:2] == ("工种一致", "同区")

    # 3. F6 into the matches, Enter refers: the slip opens; Ctrl+S saves its PDF.
    qtbot.keyClick(focused(), Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: focused() is panel.table)
    pdf = tmp_path / "slip.pdf"
    monkeypatch.setattr("ui.slip_print.ask_pdf_path", lambda parent, suggested: pdf)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.property("slip_dialog") is not None)
    slip = window.property("slip_dialog")
    qtbot.waitUntil(lambda: slip.page is not None)
    assert slip.data.code == f"GY01-{wallclock.today():%Y%m%d}-0001"
    qtbot.keyClick(slip, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert pdf.stat().st_size > 0
    qtbot.keyClick(slip, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not slip.isVisible())
    qtbot.waitUntil(lambda: focused() is panel.table)  # back where the clerk was
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1 and panel.model.row_at(0).referred)
    assert panel.model.display(panel.model.row_at(0), "score") == "已推荐"

    # 4. The seeker comes back with the slip: F4, the scanner types the QR text and Enter.
    scanned = decode_qr(pdf, tmp_path)
    assert scanned.startswith("LG1:" + slip.data.code + ":")
    qtbot.keyClick(window, Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: focused() is window.scan_box)
    qtbot.keyClicks(window.scan_box, scanned)
    qtbot.keyClick(window.scan_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.property("referral_dialog") is not None)
    dialog = window.property("referral_dialog")
    qtbot.waitUntil(lambda: dialog.detail is not None)
    assert dialog.status.text() == "待反馈"

    # 5. F5: hired; the pay, Enter. Headcount 1 is now filled and the person shows as working there.
    qtbot.keyClick(dialog, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: focused() is dialog.form.pay_edit)
    qtbot.keyClicks(focused(), "200")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.status.text() == "已录用")
    wait_idle(qtbot, window)
    assert station.postings.get(banquet).status == "filled"
    [ref] = station.referrals.rows()
    assert (ref.status, ref.code) == ("hired", slip.data.code)
    seeker_id = station.referrals.get(ref.id).seeker_id
    assert station.referrals.placed_text(seeker_id).startswith("在岗：茅台酒股份 宴会服务员")
    # The person's matches behind the dialog follow: the filled job is gone, where they work is shown.
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0 and "在岗：茅台酒股份 宴会服务员" in panel.note.text())


def test_a_forged_or_unknown_scan_is_explained_beside_the_scan_box(qtbot: Any, window: Any) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F4)
    qtbot.keyClicks(window.scan_box, "LG1:GY01-20261124-0042:" + "A" * 103)
    qtbot.keyClick(window.scan_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.scan_message.text() != "")
    assert "没有编号为GY01-20261124-0042的推荐记录" in window.scan_message.text()
    assert window.property("referral_dialog") is None

    qtbot.keyClicks(window.scan_box, "6901234567892")
    qtbot.keyClick(window.scan_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "6901234567892" not in window.scan_box.text() and "推荐" in window.scan_message.text())
