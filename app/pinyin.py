"""Pinyin initials of names (zsf → 张三丰), with the surname readings of common heteronyms."""

from __future__ import annotations

from functools import cache

from pypinyin import Style, lazy_pinyin

# Characters read differently as a surname than in ordinary words.
_SURNAME_INITIALS = {
    "单": "s",
    "曾": "z",
    "解": "x",
    "仇": "q",
    "区": "o",
    "朴": "p",
    "查": "z",
    "盖": "g",
    "乐": "y",
    "覃": "q",
    "翟": "z",
    "尉": "y",
    "缪": "m",
    "繁": "p",
    "句": "g",
    "种": "c",
    "长": "c",
    "重": "c",
    "秘": "b",
    "万": "w",
    "沈": "s",
    "柏": "b",
    "薄": "b",
    "贾": "j",
}


@cache
def _char_initial(ch: str) -> str:
    letters = lazy_pinyin(ch, style=Style.FIRST_LETTER, errors="ignore")
    return letters[0][:1].lower() if letters and letters[0] else ""


def name_initials(name: str) -> str:
    chars = [ch for ch in name if ch != "·"]
    if not chars:
        return ""
    first = _SURNAME_INITIALS.get(chars[0]) or _char_initial(chars[0])
    return first + "".join(_char_initial(ch) for ch in chars[1:])
