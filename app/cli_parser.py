"""argparse in Chinese: the `linggong` command's help, usage and errors for a market's IT person.

Our own help texts are written in Chinese where the parser is built. What argparse itself prints
(the usage line, section titles, "-h", and its error messages) is put into Chinese here.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any, NoReturn

# argparse's error messages (Python 3.11–3.13 wordings), as patterns and their Chinese.
_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), chinese)
    for pattern, chinese in (
        (
            r"^argument (?P<arg>.+?): invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)$",
            "{arg} 没有 {value} 这一项，可选：{choices}",
        ),
        (r"^argument (?P<arg>.+?): invalid (?P<type>\w+) value: (?P<value>.+)$", "{arg} 的值 {value} 无效"),
        (r"^argument (?P<arg>.+?): expected one argument$", "{arg} 后面缺少一个值"),
        (r"^argument (?P<arg>.+?): expected at most one argument$", "{arg} 后面最多一个值"),
        (r"^argument (?P<arg>.+?): not allowed with argument (?P<other>.+)$", "{arg} 不能和 {other} 一起用"),
        (r"^the following arguments are required: (?P<args>.+)$", "缺少参数：{args}"),
        (r"^unrecognized arguments: (?P<args>.+)$", "无法识别的参数：{args}"),
        (r"^argument (?P<arg>.+?): (?P<why>.+)$", "{arg}：{why}"),  # our own checks say why in Chinese
    )
)


def chinese_error(message: str) -> str:
    for pattern, chinese in _ERRORS:
        found = pattern.match(message)
        if found:
            return chinese.format(**found.groupdict())
    return message


class _Formatter(argparse.HelpFormatter):
    def _format_action(self, action: argparse.Action) -> str:
        if isinstance(action, argparse._SubParsersAction):  # the commands, without a "命令" line above them
            return "".join(self._format_action(choice) for choice in action._get_subactions())
        return super()._format_action(action)

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix if prefix is not None else "用法：")


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose subcommands are Parsers too, speaking Chinese."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "位置参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    def add_subparsers(self, **kwargs: Any) -> Any:
        kwargs.setdefault("title", "命令")
        kwargs.setdefault("metavar", "命令")
        return super().add_subparsers(**kwargs)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{chinese_error(message)}\n")
