"""Personal names: Chinese characters (any plane), 〇, and the middle dot of minority names."""

from __future__ import annotations

import unicodedata

from app.errors import ValidationError
from app.i18n import translate

MIDDLE_DOT = "·"
_DOT_VARIANTS = str.maketrans(dict.fromkeys("•‧・﹒．", MIDDLE_DOT))
_HAN_RANGES = (
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x2A6DF),
    (0x2A700, 0x2EE5F),
    (0x2F800, 0x2FA1F),
    (0x30000, 0x323AF),
)
MIN_LEN, MAX_LEN = 2, 30


def is_han(ch: str) -> bool:
    cp = ord(ch)
    return ch == "〇" or any(lo <= cp <= hi for lo, hi in _HAN_RANGES)


def normalize_name(text: str, *, field: str = "name") -> str:
    """Check a name and return it in stored form (dots unified, spaces removed)."""
    name = "".join(unicodedata.normalize("NFC", text).translate(_DOT_VARIANTS).split())
    if not name:
        raise ValidationError(field, translate("Validation", "请输入姓名"))
    n = len(name)  # code points: a character outside the BMP counts once
    if n < MIN_LEN or n > MAX_LEN:
        raise ValidationError(
            field, translate("Validation", "姓名应为{lo}至{hi}个字，现在是{n}个").format(lo=MIN_LEN, hi=MAX_LEN, n=n)
        )
    for ch in name:
        if ch != MIDDLE_DOT and not is_han(ch):
            raise ValidationError(field, translate("Validation", "姓名中不能有“{ch}”，请使用汉字").format(ch=ch))
    if name[0] == MIDDLE_DOT or name[-1] == MIDDLE_DOT or MIDDLE_DOT * 2 in name:
        raise ValidationError(field, translate("Validation", "间隔号“·”只能用在两个字之间"))
    return name
