"""Every test runs offscreen on a temporary data dir, at a set moment (the `clock` fixture), and no
dialog ever blocks."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.clock import FixedClock, set_clock
from app.i18n import install_translator, set_language
from app.services.employers import EmployerInput
from app.services.postings import PostingInput
from app.services.seekers import SeekerInput
from app.station import Station, open_station
from app.supervisor import Supervisor
from app.validation.resident_id import check_digit

# The moment a test run starts at, Beijing time (the date TODAY below); time goes on from there.
# `make test-moments` runs the date-sensitive tests (marker `dates`) at other moments: LINGGONG_TEST_NOW.
DEFAULT_NOW = "2026-11-24T10:00:00+08:00"


def moment_under_test() -> datetime:
    """The moment tests run at: LINGGONG_TEST_NOW (an ISO datetime with its offset) or DEFAULT_NOW."""
    text = os.environ.get("LINGGONG_TEST_NOW") or DEFAULT_NOW
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise pytest.UsageError(f"LINGGONG_TEST_NOW needs an offset, e.g. 2026-12-31T23:30:00+08:00, not {text!r}")
    return moment


# The session's time, "moment|time.monotonic() then", for this process and the ones tests start
# (the monotonic clock is the machine's): every clock made from it reads the same time.
_ANCHOR = "LINGGONG_TEST_CLOCK"


def install_test_clock() -> FixedClock:
    """The app's clock at the session's moment plus the time since, moving on in real time.

    The run starts at the moment and time goes on from there, never back: a station or server made
    by a module-scoped fixture and the stamps it wrote stay in order with the next test's. A process
    a test starts (tests/server/crash_worker.py) calls this too and reads the same time."""
    moment, since = os.environ[_ANCHOR].rsplit("|", 1)
    at = datetime.fromisoformat(moment) + timedelta(seconds=time.monotonic() - float(since))
    clock = FixedClock(at, tick=True)
    set_clock(clock)
    return clock


_travel: Any = None


def pytest_configure(config: pytest.Config) -> None:
    global _travel  # noqa: PLW0603
    moment = moment_under_test()
    os.environ.setdefault(_ANCHOR, f"{moment.isoformat()}|{time.monotonic()!r}")
    install_test_clock()  # for session- and module-scoped fixtures too
    # At a moment given by LINGGONG_TEST_NOW the process's real clock travels there as well
    # (time-machine, ticking): a stray read of it — one the ruff rule missed, or in a library — sees
    # the same day as app.clock. time.monotonic and perf_counter are left alone by time-machine.
    if os.environ.get("LINGGONG_TEST_NOW"):
        import time_machine

        _travel = time_machine.travel(moment, tick=True)
        _travel.start()


def pytest_unconfigure(config: pytest.Config) -> None:
    global _travel  # noqa: PLW0603
    if _travel is not None:
        _travel.stop()
        _travel = None


@pytest.fixture(autouse=True)
def clock() -> Iterator[FixedClock]:
    """The clock every test runs on; `clock.set(...)` / `clock.advance(days=1)` move it. After the
    test the session's time is back, whatever the test did to it."""
    yield install_test_clock()
    install_test_clock()


def make_id(prefix14: str, seq: str = "123") -> str:
    """A valid ID number from region + birth date (14 digits) and a 3-digit sequence."""
    first17 = prefix14 + seq
    return first17 + check_digit(first17)


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("LINGGONG_DATA_DIR", str(tmp_path / "default-data"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    set_language("zh_CN")
    install_translator(None)
    yield
    set_language("zh_CN")
    install_translator(None)


@pytest.fixture
def station(tmp_path: Path) -> Iterator[Station]:
    st = open_station(tmp_path / "station")
    yield st
    st.close()


@pytest.fixture
def person() -> SeekerInput:
    return SeekerInput(
        name="张三丰",
        id_number=make_id("52010219900307"),
        phone="13800138000",
        district_code="520102",
        job_types=["4-03-02-05"],
        consent=True,
        wage_expect="180",
        wage_unit="day",
    )


TODAY = date(2026, 11, 24)  # the date of DEFAULT_NOW

# Real unified social credit codes, published on the national enterprise credit system.
MOUTAI = "91520000214434146R"  # 贵州茅台酒股份有限公司
TENCENT = "91440300708461136T"  # 深圳市腾讯计算机系统有限公司


@pytest.fixture
def company() -> EmployerInput:
    return EmployerInput(
        kind="enterprise",
        name="贵州茅台酒股份有限公司",
        short_name="茅台酒股份",
        credit_code=MOUTAI,
        contact_name="李红",
        phone="0851-22386002",
        district_code="520382",
        industry="C",
        terms_accepted=True,
    )


@pytest.fixture
def boss(station: Station) -> Supervisor:
    station.supervisor.set_pin("246810")
    return station.supervisor.verify("王主管", "246810")


def posting_for(employer_id: str, *, today: date = TODAY, **changes: object) -> PostingInput:
    """A posting that starts a week after `today` and runs for a month."""
    inp = PostingInput(
        employer_id=employer_id,
        title="包装车间临时工",
        job_type="6-31-05-01",
        headcount="20",
        duties="成品酒装箱、贴标",
        pay="180",
        pay_unit="day",
        settlement="daily",
        meals=True,
        safety="发放手套、防滑鞋",
        work_place="仁怀市茅台镇包装车间",
        district_code="520382",
        start_date=today + timedelta(days=7),  # 1 December 2026 from TODAY
        end_date=today + timedelta(days=37),  # 31 December
        daily_hours="8",
        contact_name="李红",
        contact_phone="0851-22386002",
    )
    for key, value in changes.items():
        setattr(inp, key, value)
    return inp


def open_posting(
    station: Station, boss: Supervisor, employer_id: str, *, today: date = TODAY, **changes: object
) -> str:
    """A posting saved, submitted and approved on `today`: open for referrals."""
    saved = station.postings.save(posting_for(employer_id, today=today, **changes), today=today)
    station.postings.submit(saved.posting_id, today=today)
    station.postings.approve(saved.posting_id, boss, today=today)
    return saved.posting_id


def seeker_like(person: SeekerInput, n: int, **changes: object) -> SeekerInput:
    """Another person like `person` (a different ID and phone), with some fields changed."""
    inp = replace(person, id_number=make_id("52010219900307", f"{100 + n:03d}"), phone=f"139{n:08d}")
    for key, value in changes.items():
        setattr(inp, key, value)
    return inp
