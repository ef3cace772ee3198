"""The `linggong` command speaks Chinese to the IT person: help, usage and mistakes."""

from __future__ import annotations

import pytest

from app.cli import main
from app.cli_parser import chinese_error


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    out, err = capsys.readouterr()
    return int(stopped.value.code or 0), out, err


def test_help_is_in_chinese_and_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--help"], capsys)
    assert code == 0
    assert out.startswith("用法：linggong")
    assert "显示本帮助并退出" in out and "--self-test [保留目录]" in out
    for command in ("counter", "board", "demo", "import", "slip", "enroll", "sync", "server", "bench"):
        assert f"\n  {command} " in out
    assert "show this help" not in out and "positional arguments" not in out and "options:" not in out


def test_mistakes_on_the_command_line_are_said_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["frobnicate"], capsys)
    assert code == 2
    assert "linggong：错误：命令 没有 'frobnicate' 这一项，可选：'counter'" in err
    _, _, err = run(["slip"], capsys)
    assert "linggong slip：错误：缺少参数：推荐编号, --out" in err
    _, _, err = run(["board", "--screen", "two"], capsys)
    assert "--screen 的值 'two' 无效" in err
    _, _, err = run(["board", "--size", "big"], capsys)
    assert "--size：尺寸应写成" in err  # our own check's words, without argparse's English around them
    _, _, err = run(["sync", "--fast"], capsys)
    assert "无法识别的参数：--fast" in err
    assert "error:" not in err and "usage:" not in err


def test_an_unknown_argparse_message_is_passed_on_rather_than_lost() -> None:
    assert chinese_error("something new in Python 3.14") == "something new in Python 3.14"
