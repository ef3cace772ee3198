import pytest

from app.errors import ValidationError
from app.validation.names import normalize_name
from app.validation.phone import mask_contact_phone, mask_phone, normalize_contact_phone, normalize_mobile


@pytest.mark.parametrize(
    "typed",
    [
        "13800138000",
        "138 0013 8000",
        "138-0013-8000",
        "+86 138 0013 8000",
        "+8613800138000",
        "8613800138000",
        "００８６１３８００１３８０００",
        "(138)00138000",
    ],
)
def test_phones_are_tolerant_of_what_people_type(typed: str) -> None:
    assert normalize_mobile(typed) == "13800138000"


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("1380013800", "11位"),
        ("138001380001", "11位"),
        ("12800138000", "13至19"),
        ("1380013800a", "数字"),
        ("", "请输入"),
        ("0851-86801234", "11位"),
    ],
)
def test_bad_phones_say_why(typed: str, says: str) -> None:
    with pytest.raises(ValidationError, match=says):
        normalize_mobile(typed)


def test_phone_mask() -> None:
    assert mask_phone("13800138000") == "138****8000"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("张三", "张三"),
        ("阿依古丽·买买提", "阿依古丽·买买提"),
        ("阿依古丽•买买提", "阿依古丽·买买提"),  # bullet typed by some input methods
        ("阿依古丽・买买提", "阿依古丽·买买提"),  # katakana middle dot
        (" 王 小 明 ", "王小明"),
        ("吉𠮷", "吉𠮷"),  # a character outside the BMP counts as one
        ("李〇", "李〇"),
        ("欧阳" + "娜" * 28, "欧阳" + "娜" * 28),
    ],
)
def test_names_accepted_and_normalised(typed: str, stored: str) -> None:
    assert normalize_name(typed) == stored


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("张", "2至30"),
        ("张" * 31, "2至30"),
        ("Zhang San", "汉字"),
        ("张3", "“3”"),
        ("·张三", "间隔号"),
        ("张三·", "间隔号"),
        ("张··三", "间隔号"),
        ("", "请输入"),
    ],
)
def test_bad_names_say_why(typed: str, says: str) -> None:
    with pytest.raises(ValidationError, match=says):
        normalize_name(typed)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0851-86811234", "0851-86811234"),
        ("0851 8681 1234", "0851-86811234"),
        ("(0851)86811234", "0851-86811234"),
        ("+86 851 86811234", "0851-86811234"),
        ("010-12345678转801", "010-12345678-801"),
        ("0851-86811234-801", "0851-86811234-801"),
        ("138 0013 8000", "13800138000"),
    ],
)
def test_contact_phones_accept_landlines_and_mobiles(typed: str, stored: str) -> None:
    assert normalize_contact_phone(typed) == stored


@pytest.mark.parametrize(("typed", "words"), [("86811234", "区号"), ("0851-123", "7至8位"), ("", "请输入")])
def test_bad_contact_phones_are_refused_with_reason(typed: str, words: str) -> None:
    with pytest.raises(ValidationError) as e:
        normalize_contact_phone(typed)
    assert words in e.value.message


def test_landline_masked_in_lists() -> None:
    assert mask_contact_phone("0851-86811234") == "0851-86****34"
