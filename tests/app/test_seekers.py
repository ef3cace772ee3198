import sqlite3
from dataclasses import replace
from datetime import date, timedelta

import pytest

from app import clock as wallclock
from app.errors import ConflictError, FormInvalid
from app.services.seekers import SeekerInput
from app.station import Station
from tests.conftest import make_id


def test_register_and_read_back(station: Station, person: SeekerInput) -> None:
    result = station.seekers.save(person)
    assert result.created
    detail = station.seekers.get(result.seeker_id)
    assert detail.name == "张三丰"
    assert detail.sex == "M"
    assert detail.birth_date == date(1990, 3, 1)  # the month only: the day is not kept
    assert detail.id_masked == "520102************"
    assert detail.phone_masked == "138****8000"
    assert detail.wage_expect_cents == 18000


def test_the_id_number_is_never_stored_in_plain_text(station: Station, person: SeekerInput) -> None:
    station.seekers.save(person)
    station.close()
    blob = station.data.database.read_bytes()
    wal = station.data.database.with_name("linggong.db-wal")
    if wal.exists():
        blob += wal.read_bytes()
    assert person.id_number.encode() not in blob
    assert person.id_number[:-1].encode() not in blob  # not even the first 17 digits
    with sqlite3.connect(station.data.database) as conn:
        cipher, key = conn.execute("SELECT id_cipher, id_key FROM seekers").fetchone()
    assert station.keys.decrypt(cipher) == person.id_number
    assert len(key) == 64


def test_the_same_id_cannot_be_registered_twice(station: Station, person: SeekerInput) -> None:
    first = station.seekers.save(person)
    again = replace(person, name="张三", id_number=person.id_number.lower().replace("", " ").strip())
    with pytest.raises(ConflictError) as err:
        station.seekers.save(again)
    assert err.value.existing_id == first.seeker_id
    assert station.seekers.count() == 1


def test_typing_a_known_id_finds_the_person(station: Station, person: SeekerInput) -> None:
    saved = station.seekers.save(person)
    assert station.seekers.find_id_by_number("５２０１０２" + person.id_number[6:]) == saved.seeker_id
    assert station.seekers.find_id_by_number(make_id("52010219900307", "999")) is None


def test_update_keeps_the_id_when_not_retyped(station: Station, person: SeekerInput) -> None:
    saved = station.seekers.save(person)
    station.seekers.save(replace(person, id_number="", phone="13900001111"), seeker_id=saved.seeker_id)
    assert station.seekers.get(saved.seeker_id).phone == "13900001111"
    assert station.seekers.reveal_id_number(saved.seeker_id) == person.id_number
    assert station.seekers.count() == 1


def test_an_update_cannot_take_another_persons_id(station: Station, person: SeekerInput) -> None:
    station.seekers.save(person)
    other = station.seekers.save(replace(person, name="李四", id_number=make_id("52010219850101", "456")))
    with pytest.raises(ConflictError):
        station.seekers.save(person, seeker_id=other.seeker_id)


def test_every_problem_is_reported_at_once_and_nothing_is_saved(station: Station) -> None:
    bad = SeekerInput(name="A", id_number="5201021990", phone="123", wage_expect="abc", consent=False)
    with pytest.raises(FormInvalid) as err:
        station.seekers.save(bad)
    fields = err.value.by_field()
    assert set(fields) >= {"name", "id_number", "phone", "district_code", "job_types", "wage_expect", "consent"}
    assert station.seekers.count() == 0


@pytest.mark.dates
def test_minors_under_16_are_refused(station: Station, person: SeekerInput) -> None:
    young = (wallclock.today() - timedelta(days=15 * 365)).strftime("%Y%m%d")
    with pytest.raises(FormInvalid) as err:
        station.seekers.save(replace(person, id_number=make_id("520102" + young)))
    assert "16" in err.value.by_field()["id_number"]


def test_wage_bounds_and_dates(station: Station, person: SeekerInput) -> None:
    with pytest.raises(FormInvalid) as err:
        station.seekers.save(
            replace(
                person, wage_expect="2000", wage_unit="hour", avail_from=date(2030, 2, 1), avail_to=date(2030, 1, 1)
            )
        )
    fields = err.value.by_field()
    assert "过高" in fields["wage_expect"]
    assert "早于" in fields["avail_to"]
    ok = station.seekers.save(replace(person, wage_expect="２２.５", wage_unit="hour"))
    assert station.seekers.get(ok.seeker_id).wage_expect_cents == 2250


def test_unknown_county_notice_is_returned(station: Station, person: SeekerInput) -> None:
    result = station.seekers.save(replace(person, id_number=make_id("52999919850101")))
    assert result.notices and "贵州省" in result.notices[0]
