from dataclasses import replace

import pytest

from app.services.search import SearchKind, classify
from app.services.seekers import SeekerInput
from app.station import Station
from tests.conftest import make_id


@pytest.fixture
def people(station: Station, person: SeekerInput) -> Station:
    for i, (name, phone) in enumerate(
        [
            ("张三丰", "13800138000"),
            ("张三", "13900001234"),
            ("李小龙", "13700005678"),
            ("阿依古丽·买买提", "15100009999"),
            ("单雄信", "18600001234"),
            ("欧阳娜娜", "18912345678"),
        ]
    ):
        station.seekers.save(replace(person, name=name, phone=phone, id_number=make_id("52010219900307", f"{i:03d}")))
    return station


def names(station: Station, query: str) -> list[str]:
    searcher = station.searcher()
    try:
        return sorted(r.name for r in searcher.search(query).rows)
    finally:
        searcher.close()


def test_full_id_number(people: Station) -> None:
    assert names(people, make_id("52010219900307", "002")) == ["李小龙"]
    assert names(people, make_id("52010219900307", "002").replace("", " ")) == ["李小龙"]


def test_full_phone_and_last_four(people: Station) -> None:
    assert names(people, "13800138000") == ["张三丰"]
    assert names(people, "+86 138-0013-8000") == ["张三丰"]
    assert names(people, "1234") == ["单雄信", "张三"]


def test_two_character_names_and_substrings(people: Station) -> None:
    assert names(people, "张三") == ["张三", "张三丰"]
    assert names(people, "三丰") == ["张三丰"]
    assert names(people, "小龙") == ["李小龙"]
    assert names(people, "娜娜") == ["欧阳娜娜"]


def test_longer_substrings_must_appear_in_order(people: Station) -> None:
    assert names(people, "张三丰") == ["张三丰"]
    assert names(people, "丰三张") == []


def test_minority_names_with_or_without_the_dot(people: Station) -> None:
    assert names(people, "古丽买买") == ["阿依古丽·买买提"]
    assert names(people, "古丽·买") == ["阿依古丽·买买提"]


def test_pinyin_initials_including_surname_readings(people: Station) -> None:
    assert names(people, "zsf") == ["张三丰"]
    assert names(people, "ZS") == ["张三", "张三丰"]
    assert names(people, "sxx") == ["单雄信"]  # 单 as a surname is Shàn


def test_one_character_finds_surnames(people: Station) -> None:
    assert names(people, "张") == ["张三", "张三丰"]


def test_results_are_masked(people: Station) -> None:
    searcher = people.searcher()
    row = searcher.search("张三丰").rows[0]
    searcher.close()
    assert row.phone_masked == "138****8000"
    assert "*" in row.id_masked and len(row.id_masked) == 18


def test_limit_says_when_more_matched(people: Station) -> None:
    searcher = people.searcher()
    searcher.limit = 1
    result = searcher.search("张三")
    searcher.close()
    assert len(result.rows) == 1 and result.truncated


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("", SearchKind.EMPTY),
        ("123", SearchKind.EMPTY),
        ("110105491231002", SearchKind.OLD_ID),
        ("1380013", SearchKind.PHONE_PREFIX),
        ("ｚｓｆ", SearchKind.INITIALS),
        ("11010519491231002x", SearchKind.ID_NUMBER),
    ],
)
def test_classification(query: str, kind: SearchKind) -> None:
    assert classify(query)[0] is kind


def test_phone_prefix(people: Station) -> None:
    assert names(people, "1380013") == ["张三丰"]
