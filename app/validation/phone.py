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


# Area code 0 + 2 or 3 digits (010, 0851), an 7- or 8-digit local number, an optional extension.
_LANDLINE = re.compile(r"(0\d{2,3})(\d{7,8})")
_EXTENSION = re.compile(r"(?:转|ext\.?|x|#)(\d{1,6})$", re.IGNORECASE)
# 0851-86811234-801: a third dash group after a full area code and local number is an extension.
_DASH_EXTENSION = re.compile(r"^(\(?0\d{2,3}\)?[-\s]?\d{7,8})-(\d{1,6})$")


def normalize_contact_phone(text: str, *, field: str = "phone") -> str:
    """A mobile (13812345678) or a landline with area code ('0851-86811234', '0851-86811234-801')."""
    folded = unicodedata.normalize("NFKC", text).strip()
    if not folded:
        raise ValidationError(field, translate("Validation", "请输入联系电话"))
    ext_match = _EXTENSION.search(folded)
    extension = ""
    if ext_match:
        extension, folded = ext_match.group(1), folded[: ext_match.start()]
    elif dash := _DASH_EXTENSION.match(folded):
        folded, extension = dash.group(1), dash.group(2)
    digits = _NOISE.sub("", folded)
    if digits.startswith("+86"):
        digits = digits[3:]
        if digits and digits[0] != "1":
            digits = "0" + digits  # +86 851 … drops the trunk 0
    if digits.startswith("1") and not extension:
        return normalize_mobile(digits, field=field)
    if not digits.isdigit():
        raise ValidationError(field, translate("Validation", "电话号码只能包含数字"))
    if not digits.startswith("0"):
        raise ValidationError(field, translate("Validation", "座机号码请带区号，例如 0851-86811234；手机号码为11位"))
    # Area codes are 010/02x (three digits) or 0xxx (four digits).
    area_len = 3 if digits[1] in "12" else 4
    area, local = digits[:area_len], digits[area_len:]
    if not (7 <= len(local) <= 8) or not _LANDLINE.fullmatch(area + local):
        raise ValidationError(
            field,
            translate("Validation", "座机号码应为区号加7至8位号码，例如 0851-86811234"),
        )
    return f"{area}-{local}" + (f"-{extension}" if extension else "")


def mask_contact_phone(phone: str) -> str:
    """138****5678 for a mobile; 0851-86****34 for a landline (an office number, still masked in lists)."""
    if "-" not in phone:
        return mask_phone(phone)
    area, local, *_ = phone.split("-")
    return f"{area}-{local[:2]}{'*' * (len(local) - 4)}{local[-2:]}"
