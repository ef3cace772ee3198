"""Unified social credit codes: GB 32100-2015 check characters on real codes, and clear refusals."""

from __future__ import annotations

import pytest

from app.errors import ValidationError
from app.validation.credit_code import check_char, parse_credit_code

REAL_CODES = [
    "91520000214434146R",  # 贵州茅台酒股份有限公司
    "91440300708461136T",  # 深圳市腾讯计算机系统有限公司
    "914403001922038216",  # 华为技术有限公司
    "91330100799655058B",  # 阿里巴巴（中国）有限公司
    "91110108551385082Q",  # 北京小米科技有限责任公司
    "91110000100010433L",  # 中国石油化工股份有限公司
    "12100000400000624D",  # 清华大学 (registered at national level: division 100000)
]


@pytest.mark.parametrize("code", REAL_CODES)
def test_real_codes_pass(code: str) -> None:
    assert parse_credit_code(code).code == code


def test_lower_case_spaces_and_full_width_are_normalised() -> None:
    assert parse_credit_code(" ９１５２ 0000-214434146r ").code == "91520000214434146R"


@pytest.mark.parametrize("code", REAL_CODES)
def test_any_single_changed_character_is_refused(code: str) -> None:
    for i in range(18):
        wrong = code[:i] + ("1" if code[i] != "1" else "2") + code[i + 1 :]
        with pytest.raises(ValidationError):
            parse_credit_code(wrong)


def test_wrong_check_character_says_which_it_should_be() -> None:
    with pytest.raises(ValidationError) as e:
        parse_credit_code("91520000214434146X")
    assert "R" in e.value.message and e.value.field == "credit_code"


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("", "请输入"),
        ("9152000021443414", "18位，现在是16位"),
        ("91520000214434146O", "“O”"),
        ("B1520000214434146R", "登记管理部门"),
        ("91990000214434146R", "行政区划"),
    ],
)
def test_refusals_say_what_is_wrong(code: str, words: str) -> None:
    with pytest.raises(ValidationError) as e:
        parse_credit_code(code)
    assert words in e.value.message


def test_check_char_of_individual_business_code() -> None:
    body = "92520102MA6DLXJQ0"
    code = body + check_char(body)
    assert parse_credit_code(code).is_individual_business
