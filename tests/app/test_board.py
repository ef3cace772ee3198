"""The hall board's data: counts, the open posts, placements, change detection, no personal data."""

from __future__ import annotations

import sqlite3
import time as time_module
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app import clock as wallclock
from app.clock import FixedClock
from app.services.board import (
    BoardService,
    phone_page_url,
    posted_text,
    scrub,
    short_employer_name,
)
from app.services.employers import EmployerInput
from app.services.referrals import OutcomeInput
from app.services.seekers import SeekerInput
from app.settings import Settings
from app.station import Station
from app.supervisor import Supervisor
from tests.board_data import CLEANER, seed_people_and_hires, strings_in
from tests.conftest import open_posting, posting_for, seeker_like


@pytest.fixture
def board(station: Station) -> Iterator[BoardService]:
    service = BoardService(station.db, station.settings)
    yield service
    service.close()


@pytest.fixture
def employer_id(station: Station, company: EmployerInput) -> str:
    return station.employers.save(company).employer_id


@pytest.mark.dates
def test_nothing_personal_reaches_the_board(station: Station, boss: Supervisor, board: BoardService) -> None:
    seeded = seed_people_and_hires(station, boss, wallclock.today())

    snap = board.snapshot()

    text = "\n".join(strings_in(snap))
    for secret in seeded.secrets:
        assert secret not in text, secret
    # What does show: the masked names in the ticker, the household as a household, the title blanked.
    assert [p.name for p in snap.placements] == list(reversed(seeded.masked_names))
    assert {p.employer for p in snap.postings} == {"洁净家政", "个人雇主", "个体商户"}
    assert {"写字楼保洁 电话***", "家电清洗 电话***"} <= {p.title for p in snap.postings}


@pytest.mark.dates
def test_counts_for_today_this_month_and_in_all(
    station: Station, boss: Supervisor, employer_id: str, person: SeekerInput, board: BoardService
) -> None:
    today = wallclock.today()
    before = board.snapshot()
    posting = open_posting(station, boss, employer_id, today=today, headcount="5", job_type=CLEANER)
    seekers = [
        station.seekers.save(seeker_like(person, n, job_types=[CLEANER]), today=today).seeker_id for n in range(3)
    ]
    refs = [station.referrals.refer(s, posting, clerk="周敏", today=today) for s in seekers]
    hired = OutcomeInput("hired", start_date=today + timedelta(days=7), agreed_pay="180", agreed_pay_unit="day")
    station.referrals.record_outcome(refs[0].id, hired, by="周敏", today=today)
    station.referrals.record_outcome(refs[1].id, hired, by="周敏", today=today)
    station.referrals.record_outcome(refs[2].id, OutcomeInput("no_show"), by="周敏", today=today)

    snap = board.snapshot()

    for counts in (snap.today, snap.month, snap.total):
        assert counts.offered == 5  # the post's places, released today
        assert counts.registered == 3
        assert counts.placed == 2  # a no-show is not a placement
    assert before.total.registered == 0
    assert (snap.open_postings, snap.open_places) == (1, 3)
    assert snap.postings[0].places_left == 3
    assert snap.postings[0].pay == "¥180/天"

    # A supervisor's correction takes a placement back off the board.
    station.referrals.correct_outcome(
        refs[1].id, OutcomeInput("not_hired", reason="pay", note="核实未录用"), supervisor=boss, by="周敏"
    )
    assert board.snapshot().today.placed == 1


@pytest.mark.dates
def test_yesterdays_and_last_months_work_counts_only_in_the_longer_periods(
    station: Station, boss: Supervisor, employer_id: str, person: SeekerInput
) -> None:
    station.seekers.save(person)
    open_posting(station, boss, employer_id, today=wallclock.today(), headcount="4")
    # Seen from 40 days later: nothing today or this month, all of it in the totals.
    later = wallclock.local_now() + timedelta(days=40)
    snap = BoardService(station.db, station.settings, now=lambda: later).snapshot()
    assert (snap.today.registered, snap.month.registered, snap.total.registered) == (0, 0, 1)
    assert (snap.today.offered, snap.month.offered, snap.total.offered) == (0, 0, 4)


def test_the_day_is_beijings_not_utcs_nor_the_machines(
    station: Station, person: SeekerInput, monkeypatch: pytest.MonkeyPatch, clock: FixedClock
) -> None:
    """Guizhou is UTC+8: someone registered at 07:30 local is stored at 23:30 UTC the day before.
    A counter PC set to another time zone (here US Eastern, a POSIX rule: no tz database needed)
    still counts the market's day."""
    monkeypatch.setenv("TZ", "EST5EDT,M3.2.0,M11.1.0")
    time_module.tzset()
    try:
        seeker_id = station.seekers.save(person).seeker_id
        with station.db.write() as s:
            s.connection().exec_driver_sql(
                "UPDATE seekers SET created_at = '2026-11-24 23:30:00' WHERE id = ?", (seeker_id,)
            )
        clock.set(datetime(2026, 11, 25, 9, 0))  # Beijing time
        board = BoardService(station.db, station.settings)
        assert board.snapshot().today.registered == 1
        clock.advance(days=1)
        assert board.snapshot().today.registered == 0
        board.close()
    finally:
        monkeypatch.delenv("TZ")
        time_module.tzset()


@pytest.mark.dates
def test_only_open_posts_in_date_of_active_employers_are_shown_newest_first(
    station: Station, boss: Supervisor, employer_id: str, board: BoardService
) -> None:
    today = wallclock.today()
    first = open_posting(station, boss, employer_id, today=today, title="第一个岗位")
    second = open_posting(station, boss, employer_id, today=today, title="第二个岗位")
    closed = open_posting(station, boss, employer_id, today=today, title="已关闭岗位")
    station.postings.close(closed, "招满")
    station.postings.save(posting_for(employer_id, today=today, title="草稿岗位"))

    snap = board.snapshot()
    assert [p.title for p in snap.postings] == ["第二个岗位", "第一个岗位"]
    assert {p.code for p in snap.postings} == {station.postings.get(i).code for i in (first, second)}

    # A suspended employer's posts leave the board at once.
    station.employers.suspend(employer_id, "unpaid_wages", "拖欠11月工资", boss)
    snap = board.snapshot()
    assert snap.postings == ()
    assert (snap.open_postings, snap.open_places) == (0, 0)


@pytest.mark.dates
def test_a_board_limit_keeps_the_newest_and_counts_all(station: Station, boss: Supervisor, employer_id: str) -> None:
    for n in range(5):
        open_posting(station, boss, employer_id, today=wallclock.today(), title=f"岗位{n}")
    snap = BoardService(station.db, station.settings, limit=3).snapshot()
    assert [p.title for p in snap.postings] == ["岗位4", "岗位3", "岗位2"]
    assert snap.open_postings == 5


def test_changed_moves_only_when_another_connection_commits(
    station: Station, person: SeekerInput, board: BoardService
) -> None:
    assert board.changed() is True  # the first look always reads
    board.snapshot()
    assert board.changed() is False
    station.seekers.save(person)
    assert board.changed() is True
    assert board.changed() is False


def test_a_database_restored_from_a_backup_is_read_not_the_old_file(
    station: Station, boss: Supervisor, employer_id: str, board: BoardService
) -> None:
    open_posting(station, boss, employer_id, today=wallclock.today(), title="备份前的岗位")
    backup = station.data.root / "backup.db"
    with sqlite3.connect(station.db.path) as live, sqlite3.connect(backup) as copy:
        live.backup(copy)
    open_posting(station, boss, employer_id, today=wallclock.today(), title="备份后的岗位")
    assert board.changed()
    assert [p.title for p in board.snapshot().postings] == ["备份后的岗位", "备份前的岗位"]

    # The counter is closed and yesterday's backup put back in place, while the board runs on.
    station.db.dispose()
    for leftover in ("-wal", "-shm"):
        Path(f"{station.db.path}{leftover}").unlink(missing_ok=True)
    backup.replace(station.db.path)

    assert board.changed() is True
    assert [p.title for p in board.snapshot().postings] == ["备份前的岗位"]


def test_names_of_businesses_are_shortened_for_the_screen() -> None:
    assert short_employer_name("贵州省贵阳市观山湖区佳美餐馆") == "佳美餐馆"
    assert short_employer_name("贵阳顺达物流有限公司") == "贵阳顺达物流"
    assert short_employer_name("贵州茅台酒股份有限公司") == "贵州茅台酒"
    assert short_employer_name("观山湖区") == "观山湖区"  # never shortened to nothing


def test_free_text_loses_anything_like_a_phone_or_id_number() -> None:
    assert scrub("急招 电话 139 8501 2345") == "急招 电话 ***"
    assert scrub("联系 0851-22386002") == "联系 ***"
    assert scrub("身份证520102199003071236") == "身份证***"
    assert scrub("电话138－1234－5678") == "电话***"  # full-width dashes, as Chinese input gives them
    assert scrub("138.1234.5678，或 一三八一二三四五六七八") == "***，或 ***"
    assert scrub("１３８１２３４５６７８") == "***"
    # What a title needs stays: pay ranges, dates, counts.
    for kept in (
        "招5人，日薪180元，2026年12月",
        "月薪3000-5000元",
        "日薪 200 - 300",
        "2026-12-01开工",
        "招 10 - 20 人",
    ):
        assert scrub(kept) == kept


def test_how_recently_a_post_went_up() -> None:
    now = datetime(2026, 11, 25, 10, 0)  # local
    as_utc = wallclock.to_utc(now)  # Beijing time, as the board counts it
    assert posted_text(as_utc - timedelta(minutes=20), now) == "刚刚"
    assert posted_text(as_utc - timedelta(hours=5), now) == "5小时前"
    assert posted_text(as_utc - timedelta(hours=30), now) == "昨天"
    assert posted_text(as_utc - timedelta(days=4), now) == "4天前"


def test_an_unreadable_settings_file_keeps_the_last_title(station: Station) -> None:
    station.settings.market_name = "贵州省遵义市汇川区零工市场"
    station.save_settings()
    board = BoardService(station.db, Settings.load(station.data.settings), settings_path=station.data.settings)
    assert board.snapshot().title == "贵州省遵义市汇川区零工市场"

    station.data.settings.write_text('{"market_name": "贵州省', encoding="utf-8")  # half-written
    assert board.changed() is True  # the first look
    assert board.snapshot().title == "贵州省遵义市汇川区零工市场"  # not the default market's name

    station.settings.market_name = "贵州省遵义市汇川区零工驿站"
    station.save_settings()
    assert board.changed() is True
    assert board.snapshot().title == "贵州省遵义市汇川区零工驿站"
    board.close()


def test_a_hand_edited_page_time_that_is_not_a_number_falls_back_to_ten_seconds(station: Station) -> None:
    station.data.settings.write_text(
        '{"board_page_seconds": "十秒", "market_name": "贵州省遵义市汇川区零工市场"}', "utf-8"
    )
    settings = Settings.load(station.data.settings)
    snap = BoardService(station.db, settings).snapshot()
    assert (snap.page_seconds, snap.title) == (10, "贵州省遵义市汇川区零工市场")


def test_the_phone_page_address_follows_the_server_setting() -> None:
    assert phone_page_url("", "GY01") == ""
    assert phone_page_url("https://jy.gz.example.cn/", "GY01") == "https://jy.gz.example.cn/jobs?station=GY01"


BOARD_INDEXES = ("ix_seekers_created_at_deleted", "ix_postings_board", "ix_referrals_outcome_on_status")


def test_the_boards_indexes_never_take_over_the_counters_own_queries(
    station: Station, boss: Supervisor, employer_id: str, person: SeekerInput
) -> None:
    """With statistics gathered before the board's indexes existed — as on a station that ran ANALYZE
    — SQLite would route any query that tests an index's leading column for equality through it."""
    from app.services.postings import PostingFilter
    from app.services.search import SQL

    for n in range(3):
        station.seekers.save(seeker_like(person, n))
        open_posting(station, boss, employer_id, today=wallclock.today(), title=f"岗位{n}")
    with sqlite3.connect(station.db.path) as conn:
        conn.execute("ANALYZE")
        conn.execute("DELETE FROM sqlite_stat1 WHERE idx IN (?, ?, ?)", BOARD_INDEXES)
        # As on a big station: every analysed index looks less selective than an unanalysed one.
        conn.execute("UPDATE sqlite_stat1 SET stat = '1000000 1000' WHERE idx IS NOT NULL")
        conn.commit()
    with sqlite3.connect(station.db.path) as conn:
        conn.create_function("lg_name_grams", 1, lambda s: s)
        plans = []
        for sql in SQL.values():
            plans.append(conn.execute("EXPLAIN QUERY PLAN " + sql, [None] * sql.count("?")).fetchall())
        query = station.posting_query()
        filters = (
            PostingFilter(status="open"),
            PostingFilter(status="open", job_type=CLEANER),
            PostingFilter(work_on=wallclock.today()),
            PostingFilter(status="open", work_on=wallclock.today()),
        )
        for f in filters:
            sql, params = query.statement(f)
            plans.append(conn.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall())
        query.close()
    used = " ".join(str(step) for plan in plans for step in plan)
    for index in BOARD_INDEXES:
        assert index not in used
