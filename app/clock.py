"""The one clock the counter, the board and the server read "now" from; tests set it (set_clock).

Everything that asks what day or time it is goes through here — date.today(), datetime.now() and
time.time() are banned elsewhere by ruff (TID251) — so a test can pin the date and no result
depends on the day it runs. Durations and timeouts keep using time.monotonic / perf_counter.
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Protocol

# The deployment's time zone: Beijing time. A fixed UTC+8 offset rather than ZoneInfo("Asia/Shanghai")
# because China has kept one offset and no daylight saving since 1991, and because Windows has no
# system tz database (zoneinfo would need the tzdata package there). Deliberately not the machine's TZ:
# a counter PC set to UTC or to another zone still counts "today" as the market's day.
LOCAL_TZ = timezone(timedelta(hours=8), "CST")


class Clock(Protocol):
    def now(self) -> datetime:
        """The current moment as an aware UTC datetime."""
        ...


class SystemClock:
    """The machine's real clock (the only place outside bench code that reads it)."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """A clock that starts at a given moment; with tick=True it moves on with time.monotonic, so
    timeouts, retries and "seconds ago" still behave while the date stays where the test put it."""

    def __init__(self, moment: datetime, *, tick: bool = True) -> None:
        self.tick = tick
        self._lock = threading.Lock()
        self._at = _aware(moment)
        self._since = time.monotonic()

    def now(self) -> datetime:
        with self._lock:
            if not self.tick:
                return self._at
            return self._at + timedelta(seconds=time.monotonic() - self._since)

    def set(self, moment: datetime) -> None:
        """Jump to a moment (naive moments are Beijing wall-clock time)."""
        with self._lock:
            self._at, self._since = _aware(moment), time.monotonic()

    def advance(self, delta: timedelta | None = None, **units: float) -> None:
        """Move on by a timedelta or by keyword units: advance(days=1), advance(hours=2)."""
        step = (delta or timedelta()) + timedelta(**units)
        with self._lock:
            self._at += step


def _aware(moment: datetime) -> datetime:
    return (moment if moment.tzinfo else moment.replace(tzinfo=LOCAL_TZ)).astimezone(UTC)


_clock: Clock = SystemClock()


def set_clock(clock: Clock | None) -> Clock:
    """Install a clock (None: the real one again); returns the one it replaces."""
    global _clock  # the process has one clock, by design
    previous, _clock = _clock, clock or SystemClock()
    return previous


def get_clock() -> Clock:
    return _clock


def now() -> datetime:
    """The current moment, aware, in UTC."""
    return _clock.now()


def utcnow() -> datetime:
    """Naive UTC: what the databases store (created_at, updated_at, ended_at …)."""
    return _clock.now().replace(tzinfo=None)


def local_now() -> datetime:
    """Naive Beijing wall-clock time: what the board shows and what "today" is counted from."""
    return _clock.now().astimezone(LOCAL_TZ).replace(tzinfo=None)


def today() -> date:
    """The market's date (Beijing time)."""
    return local_now().date()


def epoch_ms() -> int:
    """Milliseconds since the Unix epoch: the sync protocol's wall time (HLC, x-server-time-ms)."""
    at = _clock.now()
    return (at - _EPOCH) // timedelta(milliseconds=1)


def epoch_s() -> float:
    """Seconds since the Unix epoch (time.time() as the clock sees it)."""
    return _clock.now().timestamp()


def to_utc(local: datetime) -> datetime:
    """A Beijing wall-clock time (naive, or aware in any zone) as the naive UTC the databases store."""
    return _aware(local).replace(tzinfo=None)


def to_local(utc: datetime) -> datetime:
    """A naive UTC time from a database as naive Beijing wall-clock time."""
    return utc.replace(tzinfo=UTC).astimezone(LOCAL_TZ).replace(tzinfo=None)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
