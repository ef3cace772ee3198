"""The sync server's figures for `make bench` (issue 6), measured against a real server process on
PostgreSQL: a database made for the run and dropped after it, a `linggong server` started on a free
loopback port, real stations pushing and pulling through it.

* push: 10,000 changes from one station, end to end (outbox read, HTTP, the server's transaction,
  the acks settled on the station), against inserting the rows the push stored into a table of the
  same shape in the same PostgreSQL with plain executemany, in the same run.
* first pull: a new station's first pull of 100,000 open postings of its region, against selecting
  the same rows from PostgreSQL and inserting them into an empty station database with plain
  executemany, in the same run.
* load: many simulated stations, each syncing (a small push, then a pull) every 30 s, for a bounded
  time; then a stepped rate (refined by halving) to find the highest sustained sync rate, its
  headroom over the province's need, and twice that rate for a bounded time: what the server admits
  stays fast, the rest is refused at once, and every refused station syncs once the load falls.
All load goes to the server on 127.0.0.1, bounded in count and time.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine, create_engine, text

from app import clock as wallclock
from server.net import free_port, listening

PG_ADMIN_URL = os.environ.get("LINGGONG_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def pg_available(url: str = PG_ADMIN_URL) -> bool:
    from sqlalchemy.engine import make_url

    u = make_url(url)
    return listening(u.host or "127.0.0.1", u.port or 5432)


@contextmanager
def pg_database(prefix: str = "linggong_bench") -> Iterator[str]:
    """A new PostgreSQL database for the run (its URL), dropped afterwards."""
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@dataclass
class ServerProcess:
    url: str
    proc: subprocess.Popen[bytes]

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def start_server(db_url: str, data_dir: Path, *, workers: int = 1) -> ServerProcess:
    """`linggong server` as a city runs it, in its own process(es)."""
    port = free_port()
    cmd = [sys.executable, "-m", "app", "--data-dir", str(data_dir), "server", "--db", db_url, "--port", str(port)]
    # Plain http on loopback, as the figures before TLS were taken (the stations keep their
    # connections open, so TLS adds little after the first handshake).
    cmd += ["--workers", str(workers), "--plain-http"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
            raise RuntimeError(f"the server did not start: {err.strip()[-500:]}")
        try:
            if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                return ServerProcess(url, proc)
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    proc.kill()
    raise RuntimeError("the server did not answer /healthz within 60 s")


Out = Callable[[str], None]


def _station(root: Path, code: str) -> Any:
    from app.station import open_station

    if root.exists():
        shutil.rmtree(root)
    station = open_station(root)
    station.settings.station_code = code
    station.clock.node = code
    station.save_settings()
    return station


def enrolled_station(
    root: Path, engine: Engine, url: str, code: str, *, region: str, fill: Callable[[Any], None]
) -> Any:
    """A station with data made by `fill` before enrolment (so all of it is queued for the first push)."""
    from app.station import open_station
    from app.sync.client import enroll
    from server import admin

    station = _station(root, code)
    try:
        fill(station)
        new = admin.add_station(engine, f"测速站 {code}", region, code)
        enroll(station, url, new.enrol_code)
    finally:
        station.close()
    return open_station(root)


def analyse(engine: Engine) -> None:
    """VACUUM ANALYZE, as autovacuum does on a city's server after a large load (the PostgreSQL here
    runs with autovacuum off): the planner then chooses by the real table, as in production."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE"))


# ---- push ---------------------------------------------------------------------------------------
@dataclass
class PushRun:
    changes: int
    push_s: float
    baseline_s: float


def _filled_with(n: int, seed: int) -> Callable[[Any], None]:
    """A station's worth of work: employers and postings, then people up to `n` records in all."""
    from app.services.demo import make_seekers
    from app.services.demo_postings import make_postings

    def fill(station: Any) -> None:
        # Load-test rows, meant to be pushed: not marked as demo data (which may not enrol).
        made = make_postings(station, max(1, n // 5), seed=seed, marked=False)
        make_seekers(
            station.db, station.keys, station.clock, n - made.employers - made.postings, seed=seed, marked=False
        )

    return fill


def _plain_insert(db_url: str, station_id: str) -> float:
    """The baseline: the rows this station's push stored in `records`, inserted again into a table of
    the same shape and indexes with psycopg's plain executemany, in one transaction."""
    import psycopg

    dsn = db_url.replace("postgresql+psycopg://", "postgresql://", 1)
    with psycopg.connect(dsn) as conn:
        types: dict[str, str] = dict(
            conn.execute(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'records' "
                "ORDER BY ordinal_position"
            ).fetchall()
        )
        cols = list(types)
        conn.execute("CREATE TABLE IF NOT EXISTS bench_plain (LIKE records INCLUDING ALL)")
        conn.commit()
        # JSON columns travel as their text, as the server writes them.
        listed = ", ".join(f"{c}::text" if types[c] in ("json", "jsonb") else c for c in cols)
        rows = conn.execute(f"SELECT {listed} FROM records WHERE owner = %s", (station_id,)).fetchall()
        sql = f"INSERT INTO bench_plain ({', '.join(cols)}) VALUES ({', '.join(['%s'] * len(cols))})"
        started = time.perf_counter()
        with conn.cursor() as cur:
            cur.executemany(sql, rows)
        conn.commit()
        return time.perf_counter() - started


def bench_push(
    work: Path, engine: Engine, db_url: str, url: str, *, changes: int, runs: int, out: Out
) -> list[PushRun]:
    """`runs` stations each push `changes` records made offline, timed end to end; each run's
    baseline is timed right after it, so both see the machine in the same state."""
    from app.sync.client import SyncClient, SyncResult, queue_counts

    results = []
    for i in range(runs):
        code = f"PU{i + 1:02d}"
        station = enrolled_station(
            work / code, engine, url, code, region="520100", fill=_filled_with(changes, seed=101 + i)
        )
        client = SyncClient(station)
        try:
            queued, _ = queue_counts(station.db)
            result = SyncResult()
            started = time.perf_counter()
            client.push_all(result)
            push_s = time.perf_counter() - started
            left, quarantined = queue_counts(station.db)
            if result.pushed != queued or left or quarantined:
                raise RuntimeError(f"push bench: {queued} queued, {result.pushed} acknowledged, {left} left")
            station_id = station.settings.station_id
        finally:
            client.close()
            station.close()
        baseline_s = _plain_insert(db_url, station_id)
        out(f"  push {queued:,} changes: {push_s:.2f} s; plain executemany of the same rows {baseline_s:.2f} s")
        results.append(PushRun(queued, push_s, baseline_s))
    return results


# ---- first pull ---------------------------------------------------------------------------------
@dataclass
class PullRun:
    open_postings: int
    records: int
    seconds: float
    baseline_s: float = 0.0


def _plain_copy(db_url: str, station_root: Path, work: Path) -> float:
    """The first pull's baseline: the rows the station holds after it, selected from PostgreSQL by id
    and inserted into the same tables of an empty station database with sqlite3's executemany, in one
    transaction (no merge, no conversion but JSON values kept as text). Fields the server keeps
    sealed are opened with its keys, as anything reading the rows must."""
    import psycopg

    from app.paths import DataDir
    from app.sync.entities import BY_NAME
    from db.base import utcnow
    from db.session import _on_connect as station_connection
    from server.vault import key_path, read_key_file

    # (table, entity, columns) of the tables a first pull fills, parents first
    models: dict[str, Any] = {name: BY_NAME[name].model for name in ("employer", "posting")}
    tables = [(m.__table__.name, name, list(BY_NAME[name].columns)) for name, m in models.items()]
    with sqlite3.connect(DataDir(station_root).database) as pulled:
        ids = {name: [r[0] for r in pulled.execute(f"SELECT id FROM {table}")] for table, name, _ in tables}
    empty = _station(work / "PLAIN", "PLN1")
    path = empty.data.database
    empty.close()
    dsn = db_url.replace("postgresql+psycopg://", "postgresql://", 1)
    now = utcnow().isoformat(sep=" ")
    keys = read_key_file(key_path(work / "server"))
    started = time.perf_counter()
    with psycopg.connect(dsn) as pg, sqlite3.connect(path) as lite:
        # The station's own connection settings and the SQL function its name-index triggers call.
        station_connection(lite, None)
        for table, name, cols in tables:
            sql = (
                f"INSERT INTO {table} (id, hlc, field_hlc, updated_at, {', '.join(cols)}) "
                f"VALUES ({', '.join(['?'] * (len(cols) + 4))})"
            )
            rows = pg.execute(
                "SELECT id, hlc, field_hlc::text, data::text, sealed FROM records WHERE entity = %s AND id = ANY(%s)",
                (name, ids[name]),
            ).fetchall()
            values = []
            for rid, hlc, field_hlc, data, sealed in rows:
                fields = keys.full(rid, json.loads(data), sealed)
                values.append(
                    (
                        rid,
                        hlc,
                        field_hlc,
                        now,
                        *(
                            json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v
                            for v in (fields.get(c) for c in cols)
                        ),
                    )
                )
            lite.executemany(sql, values)
        lite.commit()
    return time.perf_counter() - started


def _seed_postings(work: Path, engine: Engine, url: str, postings: int, out: Out) -> int:
    """The region's postings on the server, as a station would have pushed them (the server's own
    push code, called in-process to save the bench time). Returns how many are open."""
    from sqlalchemy import func, select

    from app.services.demo_postings import make_postings
    from app.sync.hlc import HybridLogicalClock
    from db.models import OutboxEntry
    from server import sync
    from server.models import Record
    from server.vault import key_path, read_key_file

    def fill(station: Any) -> None:
        # About 70% of demo postings are open: made so that `postings` of them are.
        make_postings(station, postings * 10 // 7 + 10, seed=202, marked=False)

    started = time.perf_counter()
    source = enrolled_station(work / "SRC", engine, url, "SRC1", region="520000", fill=fill)
    keys = read_key_file(key_path(work / "server"))  # the server's, as `run` made them
    try:
        info = sync.StationInfo(source.settings.station_id, "SRC1", "520000")
        clock = HybridLogicalClock("server")
        after = 0
        while True:
            with source.db.read() as s:
                rows = list(
                    s.scalars(select(OutboxEntry).where(OutboxEntry.seq > after).order_by(OutboxEntry.seq).limit(1000))
                )
            if not rows:
                break
            after = rows[-1].seq
            changes = [sync.IncomingChange(e.change_id, e.entity, e.row_id, e.hlc, e.fields) for e in rows]
            acks = sync.push(engine, info, changes, clock, wallclock.epoch_ms(), keys=keys)
            refused = [a for a in acks if a["status"] == "refused"]
            if refused:
                raise RuntimeError(f"seeding refused: {refused[0]['reason']}")
    finally:
        source.close()
    analyse(engine)
    with engine.connect() as conn:
        open_count = conn.execute(
            select(func.count()).where(Record.entity == "posting", Record.status == "open")
        ).scalar_one()
    out(f"  server seeded with {open_count:,} open postings in {time.perf_counter() - started:.0f} s")
    return int(open_count)


def bench_first_pull(work: Path, engine: Engine, db_url: str, url: str, *, postings: int, out: Out) -> PullRun:
    """A new station of the province enrols and pulls: every open posting and its employer."""
    from app.sync.client import SyncClient, SyncResult

    open_count = _seed_postings(work, engine, url, postings, out)
    station = enrolled_station(work / "NEW1", engine, url, "NEW1", region="520000", fill=lambda _s: None)
    client = SyncClient(station)
    try:
        result = SyncResult()
        started = time.perf_counter()
        client.pull_all(result)
        seconds = time.perf_counter() - started
        have = station.postings.count()
    finally:
        client.close()
        station.close()
    if have < open_count:
        raise RuntimeError(f"first pull: {have:,} postings arrived of {open_count:,} open")
    baseline_s = _plain_copy(db_url, work / "NEW1", work)
    out(
        f"  first pull: {have:,} postings ({result.pulled:,} records with their employers) in {seconds:.1f} s; "
        f"the same rows selected from PostgreSQL into SQLite with plain executemany {baseline_s:.1f} s"
    )
    return PullRun(have, result.pulled, seconds, baseline_s)


# ---- capacity, headroom and overload ------------------------------------------------------------
PROVINCE_RATE = 2500 / 30  # a province's stations, each syncing every 30 s
TARGET_MS = 100.0


def bench_capacity(url: str, sims: list[Any], templates: Any, *, step_seconds: float, out: Out) -> list[Any]:
    """The highest sustained rate, its headroom over the province's need, and twice that rate."""
    from app.bench import Figure
    from server import loadgen

    out(
        f"  the highest sustained sync rate (steps of 1.25× refined twice by halving, each held for "
        f"{step_seconds:.0f} s; held: p99 ≤ {TARGET_MS:.0f} ms, no errors, ≤ 2% refused or late):"
    )
    best, _steps = loadgen.highest_rate(
        url, sims, templates, start=10.0, step_seconds=step_seconds, p99_ms=TARGET_MS, out=out
    )
    if best is None:
        out("  not even the first step held: no capacity figures")
        return []
    best_rate = best.offered / best.seconds
    headroom = best_rate / PROVINCE_RATE
    out(f"  headroom: {best_rate:.0f} syncs/s against the province's {PROVINCE_RATE:.1f}/s = {headroom:.2f}×")
    figures = [
        Figure(
            "sync highest sustained rate",
            best.p50_ms,
            best.p95_ms,
            None,
            None,
            "measured",
            p99_ms=best.p99_ms,
            note=f"{best_rate:.0f} syncs/s = {best.rate:.0f} requests/s",
        ),
        Figure(
            "sync headroom over 2,500 stations/30 s",
            best.p50_ms,
            best.p95_ms,
            None,
            round(headroom, 2),
            "≥ 1.5×",
            p99_ms=best.p99_ms,
            note=f"{best_rate:.0f} syncs/s against {PROVINCE_RATE:.1f}/s",
        ),
    ]
    rate = 2 * best_rate
    seconds = max(step_seconds, 15.0)
    out(f"  twice that rate, {rate:.0f} syncs/s for {seconds:.0f} s; refused syncs come back after Retry-After:")
    over = loadgen.at_rate(url, sims, templates, rate=rate, seconds=seconds, retry=True, drain_s=120.0)
    out(f"    {over.line()}")
    out(f"    every station synced {over.settle_s:.1f} s after the load fell ({over.unfinished} never did)")
    if over.first_error:
        out(f"    first error: {over.first_error}")
    figures += [
        Figure(
            "sync at 2× capacity: admitted",
            over.p50_ms,
            over.p95_ms,
            None,
            None,
            "p99 ≤ 100 ms, 0 errors",
            p99_ms=over.p99_ms,
            note=f"{rate:.0f} syncs/s offered; {over.errors} errors, {over.requests:,} requests answered",
        ),
        Figure(
            "sync at 2× capacity: refused",
            over.refused_p50_ms,
            over.refused_max_ms,
            None,
            None,
            "p99 ≤ 10 ms (503 + Retry-After)",
            p99_ms=over.refused_p99_ms,
            note=f"{over.refused:,} refusals (p95 column: the slowest)",
        ),
        Figure(
            "sync at 2× capacity: all synced after",
            round(over.settle_s * 1000, 1),
            round(over.settle_s * 1000, 1),
            None,
            None,
            "every station synced",
            note=f"after the load fell; {over.syncs:,} of {over.offered:,} syncs done, {over.unfinished} not",
        ),
    ]
    return figures


# ---- the whole sync bench -------------------------------------------------------------------------
def run(
    work: Path,
    *,
    changes: int = 10_000,
    runs: int = 3,
    postings: int = 100_000,
    stations: int = 2_500,
    seconds: float = 60.0,
    period: float = 30.0,
    step_seconds: float = 10.0,
    workers: int = 2,
    out: Out = print,
) -> list[Any]:
    """Every sync figure as app.bench Figures; nothing (and a line saying why) without PostgreSQL."""
    from app.bench import Figure
    from server import loadgen
    from server.store import make_engine, upgrade
    from server.vault import key_path, open_keys

    if not pg_available():
        out(f"sync bench skipped: no PostgreSQL answers at {PG_ADMIN_URL} (set LINGGONG_BENCH_PG)")
        return []
    work = work / "sync"
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    figures: list[Figure] = []
    with pg_database() as db_url:
        engine = make_engine(db_url)
        upgrade(engine, open_keys(engine, key_path(work / "server")))
        server = start_server(db_url, work / "server", workers=workers)
        out(f"sync server on PostgreSQL, {workers} worker process(es), at {server.url}")
        try:
            if changes > 0 and runs > 0:
                pushes = bench_push(work, engine, db_url, server.url, changes=changes, runs=runs, out=out)
                push_ms = [p.push_s * 1000 for p in pushes]
                base_ms = [p.baseline_s * 1000 for p in pushes]
                p50, b50 = statistics.median(push_ms), statistics.median(base_ms)
                figures.append(
                    Figure(
                        f"sync push {changes:,} changes",
                        round(p50, 1),
                        round(max(push_ms), 1),
                        round(b50, 1),
                        round(p50 / b50, 2),
                        "≤ 5 s and ≤ 4× executemany",
                        note=f"median of {runs} stations; baseline: the same rows, plain executemany",
                    )
                )
            if postings > 0:
                pulled = bench_first_pull(work, engine, db_url, server.url, postings=postings, out=out)
                figures.append(
                    Figure(
                        f"sync first pull {pulled.open_postings:,} postings",
                        round(pulled.seconds * 1000, 1),
                        round(pulled.seconds * 1000, 1),
                        round(pulled.baseline_s * 1000, 1),
                        round(pulled.seconds / pulled.baseline_s, 2) if pulled.baseline_s else None,
                        "≤ 30 s and ≤ 4× plain",
                        note=f"{pulled.records:,} records with their employers; baseline: the same rows "
                        "selected from PostgreSQL, executemany into SQLite",
                    )
                )
            if stations > 0:
                tpl_station = _station(work / "TPL", "TPL1")
                try:
                    _filled_with(40, seed=303)(tpl_station)
                    templates = loadgen.make_templates(tpl_station)
                finally:
                    tpl_station.close()
                sims = loadgen.make_stations(engine, stations, random.Random(11))
                analyse(engine)
                out(f"  {stations:,} simulated stations, each syncing every {period:.0f} s for {seconds:.0f} s…")
                steady = loadgen.steady(server.url, sims, templates, period=period, seconds=seconds)
                out(f"  {steady.line()}")
                if steady.first_error:
                    out(f"  first error: {steady.first_error}")
                figures.append(
                    Figure(
                        f"sync {stations:,} stations every {period:.0f} s",
                        steady.p50_ms,
                        steady.p95_ms,
                        None,
                        None,
                        "no errors, p99 ≤ 100 ms",
                        p99_ms=steady.p99_ms,
                        note=f"{steady.errors} errors, {steady.refused} refused, {steady.syncs:,} syncs, "
                        f"{steady.rate:.0f} requests/s",
                    )
                )
                figures += bench_capacity(server.url, sims, templates, step_seconds=step_seconds, out=out)
        finally:
            server.stop()
            engine.dispose()
    return figures
