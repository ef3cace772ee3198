"""The app's one clock: Beijing's day whatever the moment's zone, and a test clock that still ticks."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta

from app import clock as wallclock
from app.clock import FixedClock


def test_the_day_turns_at_beijing_midnight_not_utcs(clock: FixedClock) -> None:
    clock.tick = False
    clock.set(datetime(2026, 12, 31, 15, 59, 59, tzinfo=UTC))
    assert (wallclock.today(), wallclock.local_now().hour) == (date(2026, 12, 31), 23)
    clock.advance(seconds=1)
    assert wallclock.today() == date(2027, 1, 1)
    assert wallclock.utcnow() == datetime(2026, 12, 31, 16, 0)  # what the databases store: naive UTC
    assert wallclock.now().tzinfo is UTC
    assert wallclock.epoch_ms() == int(datetime(2026, 12, 31, 16, 0, tzinfo=UTC).timestamp()) * 1000


def test_a_naive_moment_is_beijing_time_and_converts_both_ways(clock: FixedClock) -> None:
    clock.tick = False
    clock.set(datetime(2028, 2, 29, 7, 30))
    assert wallclock.utcnow() == datetime(2028, 2, 28, 23, 30)
    assert wallclock.to_local(datetime(2028, 2, 28, 23, 30)) == datetime(2028, 2, 29, 7, 30)
    assert wallclock.to_utc(datetime(2028, 2, 29, 7, 30)) == datetime(2028, 2, 28, 23, 30)


def test_a_fixed_clock_ticks_so_timeouts_still_pass_unless_told_not_to() -> None:
    ticking = FixedClock(datetime(2027, 2, 5, 23, 59, 59, 950000))
    still = FixedClock(datetime(2027, 2, 5, 23, 59, 59, 950000), tick=False)
    time.sleep(0.1)
    assert ticking.now().astimezone(wallclock.LOCAL_TZ).date() == date(2027, 2, 6)  # Spring Festival
    assert still.now() == datetime(2027, 2, 5, 15, 59, 59, 950000, tzinfo=UTC)
    still.advance(timedelta(days=1), hours=1)
    assert still.now() == datetime(2027, 2, 6, 16, 59, 59, 950000, tzinfo=UTC)
