"""Demo referrals: people sent to postings of their own job type, with a realistic mix of outcomes,
so the lists, the follow-up queue and the hall board's placement counts have something true to show.

Referrals whose slip is still valid are mostly waiting for an outcome; older ones were mostly
answered (hired about half the time), and some still wait, for follow-up calls. Hires never pass a
posting's headcount, and each referral is signed with the station's slip key like a real one.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from app import clock as wallclock
from app.errors import storage_guard
from app.services.demo import MARK_DEMO_SQL
from app.services.demo_postings import _stamp
from app.slips.qr import referral_message
from app.station import Station
from db.base import new_uuid

DEMO_REFERRALS = 120
CLERKS = ("刘文", "陈静", "杨帆", "吴敏")
# Outcomes of referrals whose slip has run out.
ANSWERED = (("hired", 45), ("not_hired", 20), ("no_show", 14), ("cancelled", 5), ("pending", 16))
NOT_HIRED = ("skills", "conditions", "pay", "full", "declined")
CANCEL_REASONS = ("求职者已另找到工作", "求职者临时有事", "用人单位取消招聘")

REFERRAL_SQL = (
    "INSERT INTO referrals (id, code, seeker_id, posting_id, clerk, issued_on, valid_until, signature, match_note,"
    " status, outcome_on, start_date, agreed_pay_cents, agreed_pay_unit, reason, work_from, work_to, hlc,"
    " origin_station, deleted, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?,"
    " ?, ?, 0, ?, ?)"
)
OUTCOME_SQL = (
    "INSERT INTO referral_outcomes (id, referral_id, outcome, previous, outcome_on, start_date, agreed_pay_cents,"
    " agreed_pay_unit, reason, source, recorded_by, corrected_by, note, hlc, origin_station, deleted, created_at,"
    " updated_at) VALUES (?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, '', '', ?, ?, 0, ?, ?)"
)


def make_referrals(
    station: Station,
    n: int,
    *,
    seed: int = 1,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Insert up to `n` referrals for open and filled postings in one transaction; say how many."""
    if n <= 0:
        return 0
    today = today or wallclock.today()
    rng = random.Random(seed * 104729 + 3)
    valid_days = max(1, station.settings.referral_valid_days)
    node = station.clock.node
    with storage_guard(), station.db.read() as s:
        sql = s.connection().exec_driver_sql
        postings = [
            tuple(r)
            for r in sql(
                "SELECT id, job_type, headcount, pay_cents, pay_unit, start_date, end_date, opened_at"
                " FROM postings WHERE status IN ('open', 'filled') AND opened_at IS NOT NULL AND deleted = 0"
                " AND id NOT IN (SELECT posting_id FROM referrals)"
            )
        ]
        codes = {str(r[0]) for r in sql("SELECT code FROM referrals")}
    if not postings:
        return 0
    rng.shuffle(postings)
    rows: list[tuple[object, ...]] = []
    outcomes: list[tuple[object, ...]] = []
    seq: dict[date, int] = {}
    placed: set[str] = set()  # one job at a time each, so nobody is hired into clashing days
    conn_pick = station.db.raw_reader()
    try:
        for posting_id, job_type, headcount, pay_cents, pay_unit, start, end, opened in postings:
            if len(rows) >= n:
                break
            people = [
                r[0]
                for r in conn_pick.execute(
                    "SELECT s.id FROM seeker_job_index j JOIN seekers s ON s.pk = j.seeker_pk"
                    " WHERE j.job_type = ? LIMIT 40",
                    (job_type,),
                ).fetchall()
            ]
            if not people:
                continue
            opened_on = datetime.fromisoformat(str(opened)).date()
            start_d, end_d = date.fromisoformat(str(start)), date.fromisoformat(str(end))
            hires_left = max(0, int(headcount) - 1)
            for seeker_id in rng.sample(people, min(len(people), rng.randint(1, 4), n - len(rows))):
                latest = min(today, end_d)
                issued = opened_on + timedelta(days=rng.randint(0, max(0, (latest - opened_on).days)))
                issued = min(issued, today)
                valid_until = issued + timedelta(days=valid_days - 1)
                seq[issued] = seq.get(issued, 0) + 1
                code = f"{node}-{issued:%Y%m%d}-{seq[issued]:04d}"
                while code in codes:
                    seq[issued] += 1
                    code = f"{node}-{issued:%Y%m%d}-{seq[issued]:04d}"
                codes.add(code)
                ref_id = new_uuid()
                if valid_until >= today:
                    status = rng.choices(("pending", "hired"), weights=(75, 25))[0]
                else:
                    status = rng.choices([k for k, _ in ANSWERED], weights=[w for _, w in ANSWERED])[0]
                if status == "hired" and (hires_left == 0 or seeker_id in placed):
                    status = "not_hired"
                clerk = rng.choice(CLERKS)
                stamp = _stamp(datetime.combine(issued, datetime.min.time()) + timedelta(hours=rng.randint(8, 16)))
                outcome_on = None if status == "pending" else min(today, issued + timedelta(days=rng.randint(0, 3)))
                start_date = max(start_d, issued + timedelta(days=1)) if status == "hired" else None
                if start_date is not None and start_date > end_d:
                    status, start_date = "not_hired", None
                reason = (
                    rng.choice(NOT_HIRED)
                    if status == "not_hired"
                    else rng.choice(CANCEL_REASONS)
                    if status == "cancelled"
                    else ""
                )
                hired = status == "hired"
                hires_left -= hired
                if hired:
                    placed.add(seeker_id)
                signature = station.slip_key.sign(referral_message(code, ref_id, seeker_id, posting_id, valid_until))
                rows.append((
                    ref_id, code, seeker_id, posting_id, clerk, issued.isoformat(), valid_until.isoformat(), signature,
                    status, outcome_on.isoformat() if outcome_on else None,
                    start_date.isoformat() if start_date else None, pay_cents if hired else None,
                    pay_unit if hired else "", reason, start_date.isoformat() if start_date else None,
                    end_d.isoformat() if hired else None, station.clock.now(), node, stamp, stamp,
                ))  # fmt: skip
                if outcome_on is not None:
                    outcomes.append((
                        new_uuid(), ref_id, status, outcome_on.isoformat(),
                        start_date.isoformat() if start_date else None, pay_cents if hired else None,
                        pay_unit if hired else "", reason, rng.choice(("counter", "scan", "phone")), clerk,
                        station.clock.now(), node, stamp, stamp,
                    ))  # fmt: skip
            if progress:
                progress(len(rows), n)
    finally:
        conn_pick.close()
    _insert(station, rows, outcomes)
    return len(rows)


def _insert(station: Station, rows: list[tuple[object, ...]], outcomes: list[tuple[object, ...]]) -> None:
    with storage_guard():
        conn = station.db.writer.raw_connection()
        try:
            raw: Any = conn.driver_connection
            raw.execute("BEGIN IMMEDIATE")
            try:
                raw.execute(MARK_DEMO_SQL)
                raw.executemany(REFERRAL_SQL, rows)
                raw.executemany(OUTCOME_SQL, outcomes)
                raw.execute("COMMIT")
            except BaseException:
                raw.execute("ROLLBACK")
                raise
        finally:
            conn.close()


