"""The hall board running: what it draws, how it follows the counter, how it copes with a bad disk."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QProcess, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QDialog

from app import clock as wallclock
from app.cli import main
from app.errors import StorageError, StorageKind
from app.services.board import BoardService, BoardSnapshot
from app.services.employers import EmployerInput
from app.services.referrals import OutcomeInput
from app.services.seekers import SeekerInput
from app.settings import Settings
from app.station import Station
from app.supervisor import Supervisor
from tests.board_data import CLEANER, seed_people_and_hires
from tests.conftest import open_posting
from ui.board import window as board_window
from ui.board.window import BoardWindow
from ui.dialogs.board_settings import BoardSettingsDialog
from ui.setup import install_translations, load_bundled_font, set_names


@pytest.fixture
def family(qapp: QApplication) -> str:
    set_names()
    install_translations(qapp, "zh_CN")
    return load_bundled_font()


class Faulty(BoardService):
    """The real service, with a switch that makes reads fail as a locked database does, or slow."""

    fail = False
    delay = 0.0

    def changed(self) -> bool:
        if self.fail:
            raise StorageError(StorageKind.LOCKED, "OperationalError")
        return super().changed()

    def snapshot(self) -> BoardSnapshot:
        time.sleep(self.delay)
        if self.fail:
            raise StorageError(StorageKind.LOCKED, "OperationalError")
        return super().snapshot()


# Boards made by a test stay alive until qtbot closes them after it, as the board program keeps its
# window until it closes. A board dropped with the test's last reference would be deleted without
# being closed, its reader still running, and not the way a hall board ever ends.
_open_boards: list[BoardWindow] = []


@pytest.fixture(autouse=True)
def _boards_live_until_closed() -> Iterator[None]:
    yield
    _open_boards.clear()


def make_board(qtbot: Any, station: Station, family: str, *, live: bool, cls: type = BoardService) -> BoardWindow:
    board = BoardWindow(cls(station.db, station.settings), family, live=live)
    qtbot.addWidget(board)
    _open_boards.append(board)
    board.resize(1920, 1080)
    return board


@pytest.fixture
def employer_id(station: Station, company: EmployerInput) -> str:
    return station.employers.save(company).employer_id


def is_blank(image: QImage) -> bool:
    colours = {image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 29)}
    return len(colours) < 5


@pytest.mark.dates
def test_no_name_id_or_phone_is_drawn_on_the_board(qtbot: Any, station: Station, boss: Supervisor, family: str) -> None:
    seeded = seed_people_and_hires(station, boss, wallclock.today())
    board = make_board(qtbot, station, family, live=False)
    board.load_now()

    for width, height in ((1920, 1080), (3840, 2160)):
        image = board.render_image(width, height)
        assert not is_blank(image)
        drawn = "\n".join(board.drawn_text())
        for secret in seeded.secrets:
            assert secret not in drawn, secret
        for masked in seeded.masked_names:
            assert masked in drawn  # the placements ticker
        assert "个人雇主" in drawn and "写字楼保洁 电话***" in drawn


@pytest.mark.dates
def test_a_posting_opened_at_the_counter_appears_on_a_running_board_within_5_seconds(
    qtbot: Any, station: Station, boss: Supervisor, employer_id: str, person: SeekerInput, family: str
) -> None:
    board = make_board(qtbot, station, family, live=True)
    board.show()
    qtbot.waitUntil(lambda: board.snapshot is not None, timeout=5000)
    assert board.snapshot is not None and board.snapshot.postings == ()

    posting = open_posting(station, boss, employer_id, today=wallclock.today(), title="月饼厂包装工", job_type=CLEANER)
    started = time.monotonic()
    qtbot.waitUntil(lambda: "月饼厂包装工" in [p.title for p in board.snapshot.postings], timeout=5000)
    assert time.monotonic() - started < 5
    board.grab()
    assert "月饼厂包装工" in board.drawn_text()
    assert "20人" in board.drawn_text()

    # A hire recorded at the counter: today's placements go up and the ticker names the person, masked.
    seeker = station.seekers.save(replace(person, job_types=[CLEANER])).seeker_id
    ref = station.referrals.refer(seeker, posting, clerk="周敏", today=wallclock.today())
    start = wallclock.today() + timedelta(days=7)  # the posting's first day
    hired = OutcomeInput("hired", start_date=start, agreed_pay="180", agreed_pay_unit="day")
    station.referrals.record_outcome(ref.id, hired, by="周敏", today=wallclock.today())
    qtbot.waitUntil(lambda: board.snapshot.today.placed == 1, timeout=5000)
    board.grab()
    assert any("张*丰" in text for text in board.drawn_text())
    assert "19人" in board.drawn_text()


def test_a_busy_database_shows_a_quiet_notice_and_the_last_figures_until_it_reads_again(
    qtbot: Any, station: Station, boss: Supervisor, employer_id: str, family: str
) -> None:
    open_posting(station, boss, employer_id, today=wallclock.today(), title="第一个岗位")
    board = make_board(qtbot, station, family, live=True, cls=Faulty)
    board.show()
    qtbot.waitUntil(lambda: board.snapshot is not None, timeout=5000)
    service = board.service
    assert isinstance(service, Faulty)

    service.fail = True
    open_posting(station, boss, employer_id, today=wallclock.today(), title="第二个岗位")
    qtbot.waitUntil(lambda: "数据库正忙" in board.frame.notice, timeout=5000)
    assert "正在显示" in board.frame.notice
    board.grab()
    assert board.frame.notice in board.drawn_text()
    assert "第一个岗位" in board.drawn_text()  # the last figures stay up

    service.fail = False
    qtbot.waitUntil(lambda: board.frame.notice == "", timeout=5000)
    assert [p.title for p in board.snapshot.postings] == ["第二个岗位", "第一个岗位"]


def test_a_slow_disk_is_mentioned_while_the_clock_keeps_going(
    qtbot: Any, station: Station, family: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(board_window, "SLOW_S", 0.3)
    monkeypatch.setattr(Faulty, "delay", 2.0)  # from the board's first read on
    board = make_board(qtbot, station, family, live=True, cls=Faulty)
    board.show()
    qtbot.waitUntil(lambda: "较慢" in board.frame.notice, timeout=5000)
    assert threading.current_thread() is threading.main_thread()  # the wait never blocked this thread
    board.service.delay = 0.0  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: board.snapshot is not None and board.frame.notice == "", timeout=8000)


def test_pages_turn_and_say_which_page_is_shown(
    qtbot: Any, station: Station, boss: Supervisor, employer_id: str, family: str
) -> None:
    for n in range(20):
        open_posting(station, boss, employer_id, today=wallclock.today(), title=f"岗位{n:02d}")
    board = make_board(qtbot, station, family, live=False)
    board.show()
    qtbot.waitExposed(board)
    board.load_now()
    board.grab()
    drawn = board.drawn_text()
    assert "第 1/3 页" in drawn and "岗位19" in drawn and "岗位11" not in drawn

    board.next_page()
    board.grab()
    drawn = board.drawn_text()
    assert "第 2/3 页" in drawn and "岗位11" in drawn and "岗位19" not in drawn

    board.next_page()
    board.next_page()
    board.grab()
    assert "第 1/3 页" in board.drawn_text()


def test_escape_leaves_full_screen_and_the_cursor_hides_when_idle(
    qtbot: Any, station: Station, family: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(board_window, "CURSOR_IDLE_MS", 200)
    board = make_board(qtbot, station, family, live=False)
    board.showFullScreen()
    qtbot.waitExposed(board)
    assert board.isFullScreen()
    qtbot.waitUntil(lambda: board.cursor().shape() == Qt.CursorShape.BlankCursor, timeout=3000)

    qtbot.keyClick(board, Qt.Key.Key_Escape)
    assert not board.isFullScreen()
    qtbot.keyClick(board, Qt.Key.Key_F11)
    assert board.isFullScreen()


@pytest.fixture
def keep_excepthook() -> Iterator[None]:
    hook = sys.excepthook
    yield
    sys.excepthook = hook


def test_snapshot_command_writes_the_first_page_at_the_size_asked(
    station: Station, boss: Supervisor, employer_id: str, tmp_path: Path, family: str, keep_excepthook: None
) -> None:
    open_posting(station, boss, employer_id, today=wallclock.today(), title="快递分拣员")
    out = tmp_path / "board.png"

    code = main(["--data-dir", str(station.data.root), "board", "--snapshot", str(out), "--size", "3840x2160"])

    assert code == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (3840, 2160)
    assert not is_blank(image)


@pytest.mark.parametrize("size", ["big", "1920*1080", "100x100"])
def test_a_bad_snapshot_size_is_refused_with_a_message(
    size: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--data-dir", str(tmp_path), "board", "--snapshot", str(tmp_path / "b.png"), "--size", size])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "1920x1080" in err or "320x240" in err


def test_the_counter_starts_the_board_as_its_own_process(
    window: Any, station: Station, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(QProcess, "startDetached", lambda program, args: started.append((program, args)) or True)
    window.open_board()
    assert len(started) == 1
    program, args = started[0]
    assert args[-3:] == ["--data-dir", str(station.data.root), "board"]

    # The same command, asked for a snapshot, really runs the board in a process of its own.
    out = tmp_path / "from-counter.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [program, *args, "--snapshot", str(out)]
    done = subprocess.run(command, check=False, env=env, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    assert QImage(str(out)).width() == 1920


def test_board_settings_follow_the_naming_rule_and_reach_a_running_board(
    qtbot: Any, window: Any, station: Station, family: str, dialogs: Any
) -> None:
    board = BoardWindow(
        BoardService(station.db, Settings.load(station.data.settings), settings_path=station.data.settings),
        family,
        live=False,
    )
    qtbot.addWidget(board)
    board.load_now()
    assert board.snapshot is not None and board.snapshot.title == "贵州省贵阳市观山湖区零工市场"

    dialog = BoardSettingsDialog(station.settings, window)
    qtbot.addWidget(dialog)
    assert dialog.district.currentData() == "520115"  # 观山湖区, the county the current title names
    dialog.name.setText("")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.message.text() == "请输入市场或驿站名称"
    dialog.name.setText("观山湖人力资源市场")
    assert "命名规范" in dialog.message.text()  # a warning, not a refusal
    dialog.district.setCurrentIndex(dialog.district.findData("520115"))
    dialog.kind.setCurrentIndex(1)
    dialog.make_name()
    assert dialog.name.text() == "贵州省贵阳市观山湖区零工驿站"
    assert dialog.message.text() == ""
    dialog.page_seconds.setValue(15)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    station.save_settings()

    assert board.service.changed() is True  # the settings file moved
    board.load_now()
    assert board.snapshot.title == "贵州省贵阳市观山湖区零工驿站"
    assert board.snapshot.page_seconds == 15
    assert board._pager.interval() == 15_000


def test_a_board_that_cannot_read_at_all_says_so_under_the_market_name(
    qtbot: Any, station: Station, family: str
) -> None:
    station.settings.market_name = "贵州省安顺市西秀区零工市场"
    board = BoardWindow(Faulty(station.db, station.settings), family, live=False)
    qtbot.addWidget(board)
    board.service.fail = True  # type: ignore[attr-defined]
    board.poll()
    qtbot.waitUntil(lambda: "数据库正忙" in board.frame.notice, timeout=5000)
    board.render_image(1920, 1080)
    drawn = board.drawn_text()
    assert "贵州省安顺市西秀区零工市场" in drawn
    assert board.frame.notice in drawn
    board.close()


def test_a_folder_without_a_station_is_refused_not_filled_with_an_empty_database(
    tmp_path: Path, family: str, keep_excepthook: None, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "not-a-station"
    code = main(["--data-dir", str(empty), "board", "--snapshot", str(tmp_path / "b.png")])
    assert code == 2
    assert "这里没有服务台的数据" in capsys.readouterr().err
    assert not (empty / "linggong.db").exists()
    assert not (tmp_path / "b.png").exists()


def test_a_data_folder_the_board_may_not_write_is_said_so_not_a_crash(
    station: Station,
    tmp_path: Path,
    keep_excepthook: None,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ui.board import app as board_app

    def read_only(log_dir: Path, **_kw: object) -> Path:
        raise PermissionError(13, "Permission denied", str(log_dir / "board.log"))  # as for another user

    monkeypatch.setattr(board_app, "setup_logging", read_only)
    code = main(["--data-dir", str(station.data.root), "board", "--snapshot", str(tmp_path / "b.png")])
    assert code == 3
    err = capsys.readouterr().err
    assert "数据目录为只读" in err and str(station.data.root) in err and "Traceback" not in err


def test_open_board_twice_does_not_start_a_second_board(
    window: Any, station: Station, dialogs: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.board.app import board_lock

    started: list[object] = []
    monkeypatch.setattr(QProcess, "startDetached", lambda program, args: started.append(args) or True)
    running = board_lock(station.data.root)  # as a running board holds it
    assert running.tryLock(0)
    window.open_board()
    assert started == []
    assert "大屏已经在运行" in dialogs.texts()
    running.unlock()
    window.open_board()
    assert len(started) == 1


def test_a_snapshot_that_fails_unexpectedly_exits_instead_of_waiting_on_a_dialog(
    station: Station, tmp_path: Path
) -> None:
    with sqlite3.connect(station.db.path) as conn:  # a damaged schema: the board's index is gone
        conn.execute("DROP INDEX ix_postings_board")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [
        sys.executable,
        "-m",
        "app",
        "--data-dir",
        str(station.data.root),
        "board",
        "--snapshot",
        str(tmp_path / "b.png"),
    ]
    done = subprocess.run(command, check=False, env=env, capture_output=True, timeout=60)
    assert done.returncode != 0
    assert "ix_postings_board" in done.stderr.decode()
    assert not (tmp_path / "b.png").exists()
