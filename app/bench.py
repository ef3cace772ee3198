"""`linggong bench`: the speed targets of the issues, measured against hand-written baselines.

Each figure times the app's own code path and, interleaved in the same run, a hand-written
sqlite3 query doing the same indexed lookup, so the ratio holds on a noisy shared machine.
"""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from app import clock as wallclock
from app.services.demo import make_seekers
from app.services.demo_postings import TRADE_NAMES, make_postings
from app.services.demo_referrals import make_referrals
from app.services.postings import PostingFilter
from app.slips import SlipData
from app.station import Station, open_station


@dataclass
class Figure:
    name: str
    p50_ms: float
    p95_ms: float
    baseline_ms: float | None
    ratio: float | None
    target: str
    p99_ms: float | None = None
    note: str = ""


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def _fetch(conn: sqlite3.Connection, sql: str, params: Any) -> None:
    conn.execute(sql, params).fetchall()


def _interleaved(name: str, target: str, runs: Sequence[tuple[Callable[[], object], Callable[[], object]]]) -> Figure:
    """Time each (app, baseline) pair back to back, after one warm-up pass over both."""
    for app, base in runs:
        app()
        base()
    app_ms, base_ms = [], []
    for app, base in runs:
        t0 = time.perf_counter()
        app()
        t1 = time.perf_counter()
        base()
        t2 = time.perf_counter()
        app_ms.append((t1 - t0) * 1000)
        base_ms.append((t2 - t1) * 1000)
    p50, b50 = statistics.median(app_ms), statistics.median(base_ms)
    return Figure(
        name=name,
        p50_ms=round(p50, 3),
        p95_ms=round(_pct(app_ms, 0.95), 3),
        baseline_ms=round(b50, 3),
        ratio=round(p50 / b50, 2) if b50 else None,
        target=target,
    )


def seeker_bench_station(work_dir: Path, n: int, *, progress: Callable[[str], None]) -> Station:
    """A station holding exactly `n` demo seekers, built once and reused by later runs."""
    root = work_dir / f"seekers-{n}"
    if root.exists():
        station = open_station(root)
        if station.seekers.count() == n:
            return station
        station.close()
        shutil.rmtree(root)
    station = open_station(root)
    started = time.perf_counter()
    progress(f"building a database of {n:,} seekers (once; reused by later runs)…")
    make_seekers(
        station.db,
        station.keys,
        station.clock,
        n,
        seed=20261124,
        progress=lambda d, t: progress(f"  {d:,}/{t:,}") if d % 200_000 == 0 else None,
    )
    progress(f"  built in {time.perf_counter() - started:.0f} s")
    with sqlite3.connect(station.data.database) as conn:
        conn.execute("ANALYZE")
    return station


def _seeker_queries(station: Station, samples: int, rng: random.Random) -> dict[str, list[str]]:
    with sqlite3.connect(station.data.database) as conn:
        max_pk = conn.execute("SELECT max(pk) FROM seekers").fetchone()[0]
        picks = rng.sample(range(1, max_pk + 1), samples)
        rows = conn.execute(
            f"SELECT id_cipher, phone, name, name_initials FROM seekers WHERE pk IN ({','.join('?' * len(picks))})",
            picks,
        ).fetchall()
    ids = [station.keys.decrypt(r[0]) for r in rows]
    names = [r[2].replace("·", "") for r in rows]
    return {
        "id_number": ids,
        "phone": [r[1] for r in rows],
        "phone_last4": [r[1][-4:] for r in rows],
        "name_full": [r[2] for r in rows],
        "name_2chars": [n[-2:] for n in names],
        "surname_1char": [n[0] for n in names],
        "pinyin_initials": [r[3] for r in rows],
    }


def bench_seeker_search(station: Station, samples: int, seed: int = 7) -> list[Figure]:
    rng = random.Random(seed)
    queries = _seeker_queries(station, samples, rng)
    searcher = station.searcher()
    baseline = sqlite3.connect(station.data.database)
    figures = []
    for kind, qs in queries.items():
        plans = [(k, sql or "", params) for k, sql, params in map(searcher.statement, qs)]
        runs = [
            (partial(searcher.search, q), partial(_fetch, baseline, sql, (*params, searcher.limit + 1)))
            for q, (_k, sql, params) in zip(qs, plans, strict=True)
        ]
        figures.append(_interleaved(f"seeker_search.{kind}", "p95 ≤ 10 ms; ≤ 2× baseline", runs))
    searcher.close()
    baseline.close()
    return figures


def posting_bench_station(work_dir: Path, n: int, *, progress: Callable[[str], None]) -> Station:
    """A station holding exactly `n` demo postings (and their employers), built once and reused."""
    root = work_dir / f"postings-{n}"
    if root.exists():
        station = open_station(root)
        if station.postings.count() == n:
            return station
        station.close()
        shutil.rmtree(root)
    station = open_station(root)
    started = time.perf_counter()
    progress(f"building a database of {n:,} postings (once; reused by later runs)…")
    made = make_postings(
        station,
        n,
        seed=20261124,
        progress=lambda d, t: progress(f"  {d:,}/{t:,}") if d % 100_000 == 0 else None,
    )
    progress(f"  {made.employers:,} employers, {made.postings:,} postings in {time.perf_counter() - started:.0f} s")
    with sqlite3.connect(station.data.database) as conn:
        conn.execute("ANALYZE")
    return station


def _posting_filters(station: Station, samples: int, rng: random.Random) -> dict[str, list[PostingFilter]]:
    """Filters a clerk uses, with values drawn from the data (so each finds what real ones would)."""
    with sqlite3.connect(station.data.database) as conn:
        max_pk = conn.execute("SELECT max(pk) FROM postings").fetchone()[0]
        picks = rng.sample(range(1, max_pk + 1), samples)
        rows = conn.execute(
            "SELECT p.job_type, p.district_code, e.name FROM postings p JOIN employers e ON e.id = p.employer_id"
            f" WHERE p.pk IN ({','.join('?' * len(picks))})",
            picks,
        ).fetchall()
    job_words = ("保洁", "搬运", "服务", "分拣", "钢筋", "采摘", "收银", "厨房", "保安", "护理")
    trade_names = [next((w for w in TRADE_NAMES if w in r[2]), r[2][:2]) for r in rows]  # 鑫源 of 贵阳鑫源物流…
    text = [rng.choice(job_words) if i % 2 else name for i, name in enumerate(trade_names)]
    today = wallclock.today()
    days = [today + timedelta(days=rng.randint(-3, 14)) for _ in rows]
    units = rng.choices(("day", "hour", "month", "piece"), weights=(60, 20, 12, 8), k=len(rows))
    types = [r[0] for r in rows]
    districts = [r[1] for r in rows]
    return {
        "status": [PostingFilter(status="open") for _ in rows],
        "status_job_type": [PostingFilter(status="open", job_type=t) for t in types],
        "status_district": [PostingFilter(status="open", district_code=d) for d in districts],
        "status_pay_unit": [PostingFilter(status="open", pay_unit=u) for u in units],
        "job_type": [PostingFilter(job_type=t) for t in types],
        "district": [PostingFilter(district_code=d) for d in districts],
        "work_on": [PostingFilter(work_on=d) for d in days],
        "status_work_on": [PostingFilter(status="open", work_on=d) for d in days],
        "text_2chars": [PostingFilter(text=t) for t in text],
        "status_text": [PostingFilter(status="open", text=t) for t in text],
        "combined": [
            PostingFilter(status="open", job_type=t, district_code=d, work_on=day)
            for t, d, day in zip(types, districts, days, strict=True)
        ],
        # Matches nothing: no draft piece-rate posting of that type and district mentions 钢筋保洁.
        "rare_no_match": [
            PostingFilter(status="draft", job_type=t, district_code=d, pay_unit="piece", text="钢筋保洁")
            for t, d in zip(types, districts, strict=True)
        ],
    }


def bench_posting_filter(station: Station, samples: int, seed: int = 11) -> list[Figure]:
    """PostingQuery.run for typical list filters against the same SQL on a plain sqlite3 connection."""
    rng = random.Random(seed)
    filters = _posting_filters(station, samples, rng)
    query = station.posting_query()
    baseline = sqlite3.connect(station.data.database)
    figures = []
    for kind, fs in filters.items():
        runs = [(partial(query.run, f), partial(_fetch, baseline, *query.statement(f))) for f in fs]
        figures.append(_interleaved(f"posting_filter.{kind}", "p95 ≤ 20 ms", runs))
    query.close()
    baseline.close()
    return figures


def match_bench_station(station: Station, postings: int, referrals: int, *, progress: Callable[[str], None]) -> date:
    """Add postings (about 70% open) and referrals to the seeker bench station once; the day they
    were made, which the matching bench takes as "today" so a database built last week still has
    its open postings in date."""
    if station.postings.count() == 0:
        started = time.perf_counter()
        progress(f"adding {postings:,} postings and {referrals:,} referrals for matching (once)…")
        make_postings(station, postings, seed=20261125)
        make_referrals(station, referrals, seed=20261125)
        with sqlite3.connect(station.data.database) as conn:
            conn.execute("ANALYZE")
        progress(f"  added in {time.perf_counter() - started:.0f} s")
    with sqlite3.connect(station.data.database) as conn:
        made = conn.execute("SELECT max(opened_at) FROM postings").fetchone()[0]
    return date.fromisoformat(str(made)[:10])


def _timed(name: str, target: str, calls: Sequence[Callable[[], object]]) -> Figure:
    for call in calls[:3]:
        call()
    ms = []
    for call in calls:
        t0 = time.perf_counter()
        call()
        ms.append((time.perf_counter() - t0) * 1000)
    return Figure(name, round(statistics.median(ms), 3), round(_pct(ms, 0.95), 3), None, None, target)


def bench_matching(
    station: Station, samples: int, today: date, seed: int = 13, *, out: Callable[[str], None] = print
) -> list[Figure]:
    """Ranking the open postings for one person, and everyone for one posting."""
    rng = random.Random(seed)
    with sqlite3.connect(station.data.database) as conn:
        max_pk = conn.execute("SELECT max(pk) FROM seekers").fetchone()[0]
        picks = rng.sample(range(1, max_pk + 1), samples)
        seekers = [r[0] for r in conn.execute(
            f"SELECT id FROM seekers WHERE pk IN ({','.join('?' * len(picks))})", picks
        )]  # fmt: skip
        live = [r[0] for r in conn.execute(
            "SELECT id FROM postings WHERE status = 'open' AND end_date >= ? AND expires_on >= ?",
            (today.isoformat(), today.isoformat()),
        )]  # fmt: skip
        people = conn.execute("SELECT count(*) FROM seekers WHERE deleted = 0").fetchone()[0]
    postings = rng.sample(live, min(samples, len(live)))
    out(f"matching: {len(live):,} open postings and {people:,} people, as of {today}")
    matcher = station.matcher()
    found: list[int] = []

    def run(fn: Callable[..., Sequence[object]], key: str) -> None:
        found.append(len(fn(key, today=today)))

    figures = [
        _timed("match.postings_for_seeker", "p95 ≤ 50 ms", [partial(run, matcher.postings_for, s) for s in seekers]),
        _timed("match.seekers_for_posting", "p95 ≤ 50 ms", [partial(run, matcher.seekers_for, p) for p in postings]),
    ]
    matcher.close()
    empty = sum(1 for n in found if n == 0)
    out(f"  {len(found)} rankings, {empty} with no match, median {statistics.median(found):.0f} results")
    return figures


def bench_slips(station: Station, samples: int, *, out: Callable[[str], None] = print) -> list[Figure]:
    """A referral slip PDF, both layouts, for real referrals of the bench station (font embedded)."""
    from app.slips.pdf import slip_pdf

    with sqlite3.connect(station.data.database) as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM referrals ORDER BY pk DESC LIMIT ?", (max(3, samples),))]
    if not ids:
        return []
    slips = [station.referrals.slip_data(i) for i in ids]
    figures = []
    for layout in ("a5", "receipt"):
        sizes: list[int] = []

        def render(data: SlipData, layout: str = layout, sizes: list[int] = sizes) -> None:
            sizes.append(len(slip_pdf(data, layout)))

        figure = _timed(f"slip_pdf.{layout}", "median ≤ 100 ms; ≤ 150 KB", [partial(render, d) for d in slips])
        figures.append(figure)
        out(f"  slip {layout}: largest PDF {max(sizes) / 1024:.1f} KB over {len(sizes)} slips")
    return figures


def bench_board(station: Station, samples: int, *, out: Callable[[str], None] = print) -> list[Figure]:
    """The hall board on the bench station: the once-a-second change check, and a full re-read."""
    from app.services.board import BoardService

    board = BoardService(station.db, station.settings)
    try:
        snap = board.snapshot()
        out(
            f"  board: {snap.open_postings:,} open posts, {snap.total.registered:,} people, "
            f"{snap.total.placed:,} placed, {len(snap.postings)} posts paged"
        )
        n = max(20, samples // 5)
        return [
            _timed("board.changed (each second)", "cheap: no table read", [board.changed] * samples),
            _timed("board.snapshot (after a change)", "1 s poll + p95 ≤ 5 s", [board.snapshot] * n),
        ]
    finally:
        board.close()


def print_table(figures: list[Figure], out: Callable[[str], None] = print) -> None:
    out(f"{'figure':<34} {'p50 ms':>9} {'p95 ms':>9} {'p99 ms':>8} {'base ms':>9} {'ratio':>6}  target")
    for f in figures:
        p99 = f"{f.p99_ms:8.1f}" if f.p99_ms is not None else f"{'-':>8}"
        base = f"{f.baseline_ms:9.3f}" if f.baseline_ms is not None else f"{'-':>9}"
        ratio = f"{f.ratio:6.2f}" if f.ratio is not None else f"{'-':>6}"
        note = f"  ({f.note})" if f.note else ""
        out(f"{f.name:<34} {f.p50_ms:9.3f} {f.p95_ms:9.3f} {p99} {base} {ratio}  {f.target}{note}")


def run(
    work_dir: Path,
    *,
    seekers: int,
    samples: int,
    json_path: Path | None,
    postings: int = 100_000,
    match_postings: int = 72_000,
    match_referrals: int = 20_000,
    sync: dict[str, Any] | None = None,
    out: Callable[[str], None] = print,
) -> list[Figure]:
    """Every figure; a bench whose database size is 0 is skipped."""
    work_dir.mkdir(parents=True, exist_ok=True)
    figures: list[Figure] = []
    if seekers > 0:
        station = seeker_bench_station(work_dir, seekers, progress=out)
        try:
            figures += bench_seeker_search(station, samples)
            if match_postings > 0:
                today = match_bench_station(station, match_postings, match_referrals, progress=out)
                figures += bench_matching(station, samples, today, out=out)
                figures += bench_slips(station, min(samples, 100), out=out)
                figures += bench_board(station, samples, out=out)
        finally:
            station.close()
    if postings > 0:
        station = posting_bench_station(work_dir, postings, progress=out)
        try:
            figures += bench_posting_filter(station, samples)
        finally:
            station.close()
    if sync is not None:
        from server import bench as sync_bench

        figures += sync_bench.run(work_dir, out=out, **sync)
    print_table(figures, out)
    if json_path is not None:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps([asdict(f) for f in figures], ensure_ascii=False, indent=2), "utf-8")
        out(f"figures written to {json_path}")
    return figures
