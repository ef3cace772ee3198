"""Resident identity numbers as GB 11643-1999 defines them."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

from app import clock as wallclock
from app.errors import ValidationError
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.reference import province_name, region_known, region_name

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_SEPARATORS = str.maketrans("", "", " \t\u3000-_")
EARLIEST_BIRTH = date(1900, 1, 1)


def normalize_id(text: str) -> str:
    """Full-width digits and spaces from a Chinese input method become plain; x becomes X."""
    return unicodedata.normalize("NFKC", text).translate(_SEPARATORS).upper()


def check_digit(first17: str) -> str:
    return _CHECK[sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True)) % 11]


# What a station keeps in clear of an ID number is the mask below, the sex and the birth year and
# month (birth_month): the region, the day of birth (28-31), the sequence (500 of one sex) and the
# check character stay hidden, which leaves 14,000-15,500 numbers for each person (showing the
# check character would cut that to about 1,300; showing any digit of the date or the sequence
# by ten or more). tests/app/test_id_exposure.py counts them as an attacker would.
MASK_SHOWN = 6


def mask_id(number: str) -> str:
    """520102************: the region where the number was issued, nothing of the date or sequence."""
    if len(number) < MASK_SHOWN:
        return "*" * len(number)
    return number[:MASK_SHOWN] + "*" * (len(number) - MASK_SHOWN)


def remask(masked: str) -> str:
    """Today's mask from an older one (5201**********123X -> 5201**************), with no key: the
    region digits it showed, nothing after them."""
    if not masked:
        return ""
    head = masked[:MASK_SHOWN]
    shown = next((i for i, c in enumerate(head) if not c.isdigit()), len(head))
    return masked[:shown] + "*" * (len(masked) - shown)


def birth_month(born: date) -> date:
    """The birth date as kept: the 1st of its month (the day would narrow the number down)."""
    return born.replace(day=1)


def age_from_month(month: date, day: date) -> int:
    """The age on `day` of someone born in `month` (a date on the 1st, as kept): the birthday is
    taken as the 1st, so within the birth month the age shown may be one year ahead of the card."""
    return day.year - month.year - (day.month < month.month)


@dataclass(frozen=True)
class ResidentId:
    number: str
    birth_date: date
    sex: str  # "M" or "F"
    region_code: str
    notices: tuple[str, ...] = ()

    @property
    def masked(self) -> str:
        return mask_id(self.number)

    @property
    def birth_month(self) -> date:
        return birth_month(self.birth_date)

    @property
    def region(self) -> str:
        return region_name(self.region_code)

    def age_on(self, day: date) -> int:
        b = self.birth_date
        return day.year - b.year - ((day.month, day.day) < (b.month, b.day))


def parse_resident_id(text: str, *, today: date | None = None, field: str = "id_number") -> ResidentId:
    """Validate and decode an ID number; raises ValidationError with a message for the clerk."""
    today = today or wallclock.today()
    number = normalize_id(text)

    def fail(message: str) -> ValidationError:
        return ValidationError(field, message)

    if not number:
        raise fail(translate("Validation", "请输入身份证号码"))
    if len(number) == 15 and number.isdigit():
        raise fail(translate("Validation", "这是15位的第一代身份证号码，已停止使用。请出示18位的第二代身份证。"))
    if len(number) != 18:
        raise fail(translate("Validation", "身份证号码应为18位，现在是{n}位").format(n=len(number)))
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise fail(translate("Validation", "身份证号码前17位应为数字，最后一位为数字或X"))
    if province_name(number[:2]) is None:
        raise fail(translate("Validation", "身份证号码前两位{code}不是有效的省级地区码").format(code=number[:2]))
    try:
        birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise fail(translate("Validation", "身份证号码中的出生日期{d}不存在").format(d=number[6:14])) from None
    if birth > today:
        raise fail(translate("Validation", "身份证号码中的出生日期{d}晚于今天").format(d=birth.isoformat()))
    if birth < EARLIEST_BIRTH:
        raise fail(translate("Validation", "身份证号码中的出生日期{d}过早").format(d=birth.isoformat()))
    expected = check_digit(number[:17])
    if number[17] != expected:
        raise fail(translate("Validation", "身份证号码校验位不正确，请逐位核对（应为{c}）").format(c=expected))
    notices: list[str] = []
    if not region_known(number[:6]):
        notices.append(
            translate("Validation", "地区码{code}不在行政区划代码表中，已按{province}接受，请核对证件").format(
                code=number[:6], province=province_name(number[:2])
            )
        )
    sex = "M" if int(number[16]) % 2 else "F"
    return ResidentId(number, birth, sex, number[:6], tuple(notices))


SEX_LABELS = {"M": QT_TRANSLATE_NOOP("Reference", "男"), "F": QT_TRANSLATE_NOOP("Reference", "女")}


def sex_label(sex: str) -> str:
    return translate("Reference", SEX_LABELS.get(sex, sex))
