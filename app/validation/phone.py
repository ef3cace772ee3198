"""Mainland mobile numbers: 11 digits starting 1[3-9], tolerant of spaces, dashes and +86."""

from __future__ import annotations

import re
import unicodedata

from app.errors import ValidationError
from app.i18n import translate

_MOBILE = re.compile(r"1[3-9]\d{9}")
_NOISE = re.compile(r"[\s\-()（）.]")


def normalize_mobile(text: str, *, field: str = "phone") -> str:
    raw = _NOISE.sub("", unicodedata.normalize("NFKC", text))
    if raw.startswith("+86"):
        raw = raw[3:]
    elif raw.startswith("0086"):
        raw = raw[4:]
    elif raw.startswith("86") and len(raw) == 13:
        raw = raw[2:]
    if not raw:
        raise ValidationError(field, translate("Validation", "请输入手机号码"))
    if not raw.isdigit():
        raise ValidationError(field, translate("Validation", "手机号码只能包含数字"))
    if len(raw) != 11:
        raise ValidationError(field, translate("Validation", "手机号码应为11位，现在是{n}位").format(n=len(raw)))
    if not _MOBILE.fullmatch(raw):
        raise ValidationError(field, translate("Validation", "手机号码应以13至19开头"))
    return raw


def mask_phone(phone: str) -> str:
    """138****5678"""
    if len(phone) != 11:
        return "*" * len(phone)
    return phone[:3] + "****" + phone[7:]
