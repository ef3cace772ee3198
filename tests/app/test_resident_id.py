from datetime import date

import pytest

from app.errors import ValidationError
from app.validation.resident_id import age_from_month, mask_id, normalize_id, parse_resident_id, remask
from tests.conftest import TODAY, make_id


def test_the_standards_own_example_is_valid_and_female() -> None:
    rid = parse_resident_id("11010519491231002X", today=TODAY)
    assert rid.birth_date == date(1949, 12, 31)
    assert rid.sex == "F"
    assert rid.region == "北京市朝阳区"


def test_lower_case_x_full_width_digits_and_ime_spaces_are_normalised() -> None:
    assert parse_resident_id("11010519491231002x", today=TODAY).number == "11010519491231002X"
    assert normalize_id("１１０１０５ １９４９１２３１ ００２ｘ") == "11010519491231002X"
    assert parse_resident_id("１１０１０５　１９４９１２３１００２Ｘ", today=TODAY).sex == "F"


def test_sex_comes_from_the_17th_digit() -> None:
    assert parse_resident_id(make_id("52010219900307", "131"), today=TODAY).sex == "M"
    assert parse_resident_id(make_id("52010219900307", "132"), today=TODAY).sex == "F"


@pytest.mark.parametrize(
    ("number", "says"),
    [
        ("110105491231002", "15位"),  # first-generation card
        ("5201021990030712", "18位"),
        ("52010219900307123Y", "最后一位"),
        ("11010519491231002" + "1", "校验位"),
        (make_id("52010219900230"), "不存在"),  # 30 February
        (make_id("52010220301201"), "晚于今天"),
        (make_id("99010219900307"), "省级地区码"),
        (make_id("00010219900307"), "省级地区码"),
        (make_id("52010218800307"), "过早"),
        ("", "请输入"),
    ],
)
def test_bad_numbers_are_refused_with_a_reason(number: str, says: str) -> None:
    with pytest.raises(ValidationError) as err:
        parse_resident_id(number, today=TODAY)
    assert says in err.value.message
    assert err.value.field == "id_number"


def test_check_digit_message_names_the_expected_digit() -> None:
    with pytest.raises(ValidationError, match="应为X"):
        parse_resident_id("110105194912310021", today=TODAY)


def test_a_county_code_abolished_since_stays_valid() -> None:
    # 水城县 (520221) became 水城区 in 2020; people registered there keep the old code for life.
    rid = parse_resident_id(make_id("52022119850101"), today=TODAY)
    assert rid.notices == ()
    assert "水城县" in rid.region


def test_an_unknown_county_inside_a_real_province_is_accepted_with_a_notice() -> None:
    rid = parse_resident_id(make_id("52999919850101"), today=TODAY)
    assert len(rid.notices) == 1
    assert "贵州省" in rid.notices[0]


def test_the_mask_shows_the_region_and_nothing_of_the_date_sequence_or_check() -> None:
    assert mask_id("11010519491231002X") == "110105************"


def test_an_old_mask_keeps_only_the_region_digits_it_showed() -> None:
    assert remask("1101**********002X") == "1101**************"
    assert remask("110105************") == "110105************"  # today's mask stays as it is
    assert remask("") == ""


def test_the_birth_month_is_kept_and_ages_count_from_its_first_day() -> None:
    rid = parse_resident_id(make_id("52010219900317"), today=TODAY)
    assert rid.birth_month == date(1990, 3, 1)
    assert age_from_month(rid.birth_month, date(2026, 2, 28)) == 35
    # From the 1st of the birth month the next age is shown, before the day on the card (17 March).
    assert age_from_month(rid.birth_month, date(2026, 3, 1)) == 36
    assert rid.age_on(date(2026, 3, 1)) == 35
