"""What "today" decides, read from the clock alone: slips running out, posts expiring, ages, the board's day.

Nothing here passes a date to the services; `make test-moments` runs these at a month's last day,
New Year's Eve 23:30 Beijing time, a leap day and the eve of Spring Festival.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest

from app import clock as wallclock
from app.clock import FixedClock
from app.errors import FormInvalid
from app.services.board import BoardService
from app.services.employers import EmployerInput
from app.services.seekers import SeekerInput
from app.station import Station
from app.supervisor import Supervisor
from tests.conftest import make_id, open_posting, posting_for

pytestmark = pytest.mark.dates


@pytest.fixture
def employer_id(station: Station, company: EmployerInput) -> str:
    return station.employers.save(company).employer_id


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year without one: the birthday is kept on 1 March
        return date(day.year - years, 3, 1)


def test_a_slip_runs_out_after_its_valid_days_and_is_then_on_the_follow_up_list(
    station: Station, boss: Supervisor, employer_id: str, person: SeekerInput, clock: FixedClock
) -> None:
    today = wallclock.today()
    posting = open_posting(station, boss, employer_id, today=today)
    seeker = station.seekers.save(person).seeker_id
    ref = station.referrals.refer(seeker, posting, clerk="刘文")
    days = station.settings.referral_valid_days
    assert station.referrals.get(ref.id).valid_until == today + timedelta(days=days - 1)

    clock.advance(days=days - 1)  # the last day it is valid
    assert station.referrals.follow_ups() == []
    clock.advance(days=1)
    assert [r.code for r in station.referrals.follow_ups()] == [ref.code]


def test_an_open_post_expires_the_day_after_its_last_day(
    station: Station, boss: Supervisor, employer_id: str, clock: FixedClock
) -> None:
    today = wallclock.today()
    last = today + timedelta(days=2)
    pid = open_posting(station, boss, employer_id, today=today, start_date=today, end_date=last)
    draft = station.postings.save(posting_for(employer_id, today=today, start_date=today, end_date=last)).posting_id
    clock.advance(days=2)
    assert station.postings.expire_due() == 0  # its last day: still open
    clock.advance(days=1)
    assert station.postings.expire_due() == 2
    assert {station.postings.get(i).status for i in (pid, draft)} == {"expired"}


def test_sixteen_today_may_register_sixteen_tomorrow_may_not(station: Station, person: SeekerInput) -> None:
    today = wallclock.today()
    sixteen = _years_before(today, 16)
    tomorrow = _years_before(today + timedelta(days=1), 16)
    saved = station.seekers.save(replace(person, id_number=make_id(f"520102{sixteen:%Y%m%d}")))
    assert saved.seeker_id
    with pytest.raises(FormInvalid) as err:
        station.seekers.save(replace(person, id_number=make_id(f"520102{tomorrow:%Y%m%d}"), phone="13900000001"))
    assert "16" in err.value.by_field()["id_number"]


def test_the_boards_today_and_month_end_at_beijing_midnight(
    station: Station, person: SeekerInput, clock: FixedClock
) -> None:
    station.seekers.save(person)
    board = BoardService(station.db, station.settings)
    try:
        snap = board.snapshot()
        assert (snap.today.registered, snap.month.registered, snap.total.registered) == (1, 1, 1)

        today = wallclock.today()
        clock.set(datetime.combine(today, time(23, 59, 30)))  # Beijing time, as naive moments are
        assert board.snapshot().today.registered == 1
        next_day = today + timedelta(days=1)
        clock.set(datetime.combine(next_day, time(0, 0, 30)))
        snap = board.snapshot()
        assert snap.today.registered == 0
        assert snap.month.registered == (0 if next_day.day == 1 else 1)
        assert snap.total.registered == 1
    finally:
        board.close()
