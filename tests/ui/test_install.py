"""What a market's IT person meets when installing: the version, the icon, the self-test, and the
pinned environment the frozen build is made from. (The build itself is `make dist-check`.)"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from app import __version__
from app.services.board import BoardService
from app.station import Station
from resources import resource_path
from ui import selftest
from ui.board.window import BoardWindow
from ui.setup import ICON_SIZES, load_bundled_font, make_application

ROOT = Path(__file__).resolve().parents[2]


def test_one_version_number_on_the_command_line_in_the_package_and_in_the_about_box(window: Any, dialogs: Any) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "app", "--version"], capture_output=True, text=True, check=False, cwd=ROOT
    )
    assert done.returncode == 0
    assert done.stdout.strip() == f"linggong {__version__}"
    assert version("linggong") == __version__  # pyproject reads it from app.__version__
    window.about()
    kind, _title, text = dialogs.shown[-1]
    assert kind == "about" and f"零工市场服务台 {__version__}" in text


def test_every_window_shows_the_program_icon_at_every_size(qapp: QApplication, qtbot: Any, station: Station) -> None:
    for size in ICON_SIZES:  # the PNGs are what they say (made by packaging/make_icons.py)
        image = QImage(str(resource_path("icons", f"linggong-{size}.png")))
        assert (image.width(), image.height()) == (size, size)
    assert resource_path("icons", "linggong.ico").stat().st_size > 1000  # the Windows program's icon

    app = make_application([], "zh_CN")
    sizes = sorted(s.width() for s in app.windowIcon().availableSizes())
    assert sizes == list(ICON_SIZES)
    board = BoardWindow(BoardService(station.db, station.settings), load_bundled_font(), live=False)
    qtbot.addWidget(board)
    red = board.windowIcon().pixmap(32, 32).toImage().pixelColor(16, 4)
    assert (red.red(), red.green(), red.blue()) == (0xC6, 0x28, 0x28)  # the icon's red, not Qt's default


def test_the_self_test_checks_everything_from_source_and_leaves_nothing_behind(tmp_path: Path) -> None:
    env = {**os.environ, "TMPDIR": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "app", "--self-test"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    passed = [line for line in lines if line.startswith("√ ")]
    assert [line[2:].split(":")[0] for line in passed] == [label for label, _ in selftest.CHECKS]
    assert "源码运行" in passed[0]
    assert lines[-1].startswith("自检通过：12项检查")
    assert "520102199003071236" not in done.stdout and "13800138000" not in done.stdout  # masked only
    assert not any(tmp_path.glob("linggong-selftest-*"))  # the temporary data dir is removed


def test_a_failing_check_stops_the_self_test_and_keeps_its_folder_for_support(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr("tempfile.tempdir", None)
    reached = []

    def fails(_ctx: Any) -> str:
        raise selftest.CheckFailed("缺少文件：wqy-microhei.ttc")

    monkeypatch.setattr(
        selftest,
        "CHECKS",
        [("程序", selftest.check_program), ("随附文件", fails), ("数据库", lambda c: reached.append(1) or "")],
    )
    assert selftest.run_self_test() == 1
    out = capsys.readouterr().out
    assert "√ 程序: linggong" in out
    assert "× 随附文件: 缺少文件：wqy-microhei.ttc" in out
    assert reached == []  # later checks depend on earlier ones
    kept = list(tmp_path.glob("linggong-selftest-*"))
    assert len(kept) == 1 and f"可发给技术支持：{kept[0]}" in out


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_the_build_environment_pins_every_dependency_of_the_program() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = {}
    for line in (ROOT / "packaging" / "requirements-dist.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            assert "==" in line, line
            pins[_name(line)] = line.split("==")[1].split(";")[0].strip()
    for requirement in project["dependencies"]:
        name = _name(requirement)
        assert name in pins, f"{name} is not pinned in packaging/requirements-dist.txt"
        if name not in ("uvloop", "httptools"):  # not on Windows, still pinned for Linux
            assert version(name) == pins[name], f"{name}: tests run {version(name)}, the build pins {pins[name]}"
    assert "pyinstaller" in pins
    assert not {"pyside6", "pyside6-addons", "pyqt5", "pyqt6"} & pins.keys()  # PySide6-Essentials only


def test_the_self_test_refuses_a_folder_that_is_not_new_or_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "someone's file.txt").write_text("keep me")
    assert selftest.run_self_test(tmp_path) == 2
    assert capsys.readouterr().out.strip() == f"自检需要一个空文件夹：{tmp_path}"
    assert [p.name for p in tmp_path.iterdir()] == ["someone's file.txt"]  # nothing written beside it
