"""A load generator for the sync server: many simulated stations on loopback, each syncing as the
counter does (a push of what it registered since last time, then a pull from its cursor).

It speaks plain HTTP/1.1 over asyncio streams, one connection per sync like a counter PC, so the
generator stays light beside the server on a 2-core machine and its latencies are the server's
(connect, request, full answer read).
"""

from __future__ import annotations

import asyncio
import base64
import gzip
import random
import secrets
import statistics
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import orjson
from sqlalchemy import Engine, insert, select

from app import clock as wallclock
from app.sync.hlc import HybridLogicalClock
from server.admin import hash_token
from server.models import Counter, StationRow
from server.store import SEQ

# Guizhou's cities and prefectures: the simulated stations are spread over them.
REGIONS = ("520100", "520200", "520300", "520400", "520500", "520600", "522300", "522600", "522700")


@dataclass
class SimStation:
    code: str
    token: str
    region: str
    cursor: int
    clock: HybridLogicalClock
    # Post codes go on from a random number, so a second run against the same server makes new ones.
    posted: int = field(default_factory=lambda: random.randrange(10**7))


@dataclass
class Sample:
    kind: str  # push / pull
    ms: float
    ok: bool


@dataclass
class LoadResult:
    stations: int
    period_s: float
    seconds: float
    syncs: int
    requests: int
    errors: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    rate: float  # sync requests answered per second
    first_error: str = ""

    def line(self) -> str:
        return (
            f"{self.syncs:,} syncs ({self.requests:,} requests, {self.rate:.0f}/s) in {self.seconds:.0f} s, "
            f"{self.errors} errors; request latency p50 {self.p50_ms:.1f} ms, p95 {self.p95_ms:.1f} ms, "
            f"p99 {self.p99_ms:.1f} ms, max {self.max_ms:.0f} ms"
        )


@dataclass
class Templates:
    """Field sets of a real seeker, employer and posting (JSON), copied for each simulated change."""

    seeker: dict[str, Any]
    employer: dict[str, Any]
    posting: dict[str, Any]


def make_stations(engine: Engine, n: int, rng: random.Random) -> list[SimStation]:
    """`n` enrolled stations written straight into the server's table (enrolling 2,500 through the
    API would only time enrolment); each starts at the current head, as a station in daily use."""
    from db.base import utcnow

    stations, rows = [], []
    for i in range(n):
        token = secrets.token_urlsafe(32)
        code = f"L{i:04d}"
        region = REGIONS[i % len(REGIONS)]
        rows.append(
            {
                "id": str(uuid.uuid4()),
                "code": code,
                "name": f"模拟站 {code}",
                "region": region,
                "token_hash": hash_token(token),
                "enrolled_at": utcnow(),
                "created_at": utcnow(),
                "key_seq": 0,
            }
        )
        stations.append(SimStation(code, token, region, 0, HybridLogicalClock(code)))
    with engine.begin() as conn:
        conn.execute(insert(StationRow), rows)
        head = int(conn.execute(select(Counter.value).where(Counter.name == SEQ)).scalar_one())
    for st in stations:
        st.cursor = head
    rng.shuffle(stations)
    return stations


def _changes(st: SimStation, tpl: Templates, rng: random.Random) -> list[dict[str, Any]]:
    """What a busy counter registers between two syncs: a person or two, one time in twenty an
    employer and its post (more than a real counter does: the load errs on the heavy side)."""
    out = []
    for _ in range(rng.choice((1, 1, 2))):
        fields = dict(tpl.seeker)
        fields.update(
            id_key=secrets.token_hex(32),
            id_cipher=base64.b64encode(secrets.token_bytes(48)).decode(),
            origin_station=st.code,
            district_code=st.region[:4] + "02",
        )
        out.append(_change("seeker", fields, st))
    if rng.random() < 0.05:
        employer = dict(tpl.employer)
        employer.update(
            credit_code=None,
            owner_id_key=secrets.token_hex(32),
            origin_station=st.code,
            district_code=st.region[:4] + "02",
        )
        emp = _change("employer", employer, st)
        st.posted += 1
        posting = dict(tpl.posting)
        posting.update(
            code=f"{st.code}-P{wallclock.today():%Y%m%d}-{st.posted:08d}",
            employer_id=emp["row_id"],
            origin_station=st.code,
            district_code=st.region[:4] + "02",
            status="open",
        )
        out += [emp, _change("posting", posting, st)]
    return out


def _change(entity: str, fields: dict[str, Any], st: SimStation) -> dict[str, Any]:
    return {
        "change_id": str(uuid.uuid4()),
        "entity": entity,
        "row_id": str(uuid.uuid4()),
        "hlc": st.clock.now(),
        "fields": fields,
    }


def make_templates(station: Any) -> Templates:
    """Templates from a station holding demo data (a seeker, an employer and one of its postings)."""
    from app.sync.entities import BY_NAME, row_fields
    from db.models import Employer, Posting, Seeker

    with station.db.read() as s:
        seeker = s.scalars(select(Seeker).limit(1)).one()
        posting = s.scalars(select(Posting).limit(1)).one()
        employer = s.scalars(select(Employer).where(Employer.id == posting.employer_id)).one()
        return Templates(
            row_fields(BY_NAME["seeker"], seeker),
            row_fields(BY_NAME["employer"], employer),
            row_fields(BY_NAME["posting"], posting),
        )


class HttpError(Exception):
    pass


async def _request(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, method: str, target: str, token: str, body: bytes
) -> tuple[int, bytes]:
    head = (
        f"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n"
        f"Accept-Encoding: gzip\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    writer.write(head.encode("ascii") + body)
    status_line = await reader.readline()
    if not status_line:
        raise HttpError("connection closed")
    status = int(status_line.split()[1])
    headers: dict[str, str] = {}
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b""):
            break
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    if headers.get("transfer-encoding", "").lower() == "chunked":
        data = b""
        while True:
            size = int((await reader.readline()).split(b";")[0], 16)
            if size == 0:
                await reader.readline()
                break
            data += await reader.readexactly(size)
            await reader.readline()
    else:
        data = await reader.readexactly(int(headers.get("content-length", "0")))
    if headers.get("content-encoding") == "gzip":
        data = gzip.decompress(data)
    return status, data


@dataclass
class _Run:
    samples: list[Sample] = field(default_factory=list)
    syncs: int = 0
    errors: int = 0
    first_error: str = ""

    def fail(self, why: str) -> None:
        self.errors += 1
        if not self.first_error:
            self.first_error = why


async def _sync(host: str, port: int, st: SimStation, tpl: Templates, rng: random.Random, run: _Run) -> None:
    started = time.perf_counter()
    try:
        reader, writer = await asyncio.open_connection(host, port)
    except OSError as exc:
        run.fail(f"connect: {exc}")
        return
    try:
        body = orjson.dumps({"station_time_ms": wallclock.epoch_ms(), "changes": _changes(st, tpl, rng)})
        status, data = await _request(reader, writer, "POST", "/api/v1/sync/push", st.token, body)
        now = time.perf_counter()
        ok = status == 200 and all(a.get("status") != "refused" for a in orjson.loads(data)["acks"])
        run.samples.append(Sample("push", (now - started) * 1000, ok))
        if not ok:
            run.fail(f"push {status}: {data[:200]!r}")
            return
        more = True
        while more:
            t0 = time.perf_counter()
            status, data = await _request(
                reader, writer, "GET", f"/api/v1/sync/pull?since={st.cursor}&limit=1000", st.token, b""
            )
            ok = status == 200
            run.samples.append(Sample("pull", (time.perf_counter() - t0) * 1000, ok))
            if not ok:
                run.fail(f"pull {status}: {data[:200]!r}")
                return
            page = orjson.loads(data)
            st.cursor, more = int(page["next"]), bool(page["more"])
        run.syncs += 1
    except (OSError, HttpError, asyncio.IncompleteReadError, ValueError, KeyError) as exc:
        run.fail(f"{type(exc).__name__}: {exc}")
    finally:
        writer.close()


def _summary(run: _Run, stations: int, period: float, seconds: float) -> LoadResult:
    ms = sorted(s.ms for s in run.samples)

    def pct(q: float) -> float:
        return ms[min(len(ms) - 1, round(q * (len(ms) - 1)))] if ms else 0.0

    return LoadResult(
        stations=stations,
        period_s=period,
        seconds=seconds,
        syncs=run.syncs,
        requests=len(ms),
        errors=run.errors,
        p50_ms=round(statistics.median(ms), 2) if ms else 0.0,
        p95_ms=round(pct(0.95), 2),
        p99_ms=round(pct(0.99), 2),
        max_ms=round(ms[-1], 1) if ms else 0.0,
        rate=len(ms) / seconds if seconds else 0.0,
        first_error=run.first_error,
    )


async def _steady(
    url: str, stations: list[SimStation], tpl: Templates, *, period: float, seconds: float, seed: int
) -> LoadResult:
    """Each station syncs every `period` seconds from a random first moment, for `seconds`."""
    u = urlsplit(url)
    host, port = u.hostname or "127.0.0.1", u.port or 80
    rng = random.Random(seed)
    run = _Run()
    start = time.perf_counter()
    tasks: set[asyncio.Task[None]] = set()
    # Sync k of station i is due at offset_i + k * period.
    offsets = [rng.uniform(0, period) for _ in stations]
    rounds = int(seconds // period) + 1
    schedule = sorted(
        (o + k * period, i) for i, o in enumerate(offsets) for k in range(rounds) if o + k * period < seconds
    )
    for due, i in schedule:
        wait = start + due - time.perf_counter()
        if wait > 0:
            await asyncio.sleep(wait)
        task = asyncio.create_task(_sync(host, port, stations[i], tpl, rng, run))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
    if tasks:
        await asyncio.wait(tasks, timeout=60)
    return _summary(run, len(stations), period, time.perf_counter() - start)


async def _at_rate(url: str, stations: list[SimStation], tpl: Templates, *, rate: float, seconds: float) -> LoadResult:
    """Syncs started at a fixed rate (open loop: a slow answer does not slow the arrivals)."""
    u = urlsplit(url)
    host, port = u.hostname or "127.0.0.1", u.port or 80
    rng = random.Random(int(rate))
    run = _Run()
    start = time.perf_counter()
    tasks: set[asyncio.Task[None]] = set()
    n = int(rate * seconds)
    for j in range(n):
        wait = start + j / rate - time.perf_counter()
        if wait > 0:
            await asyncio.sleep(wait)
        task = asyncio.create_task(_sync(host, port, stations[j % len(stations)], tpl, rng, run))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
    if tasks:
        await asyncio.wait(tasks, timeout=60)
    return _summary(run, len(stations), 0.0, time.perf_counter() - start)


def _loop_run(coro: Any) -> Any:
    try:
        import uvloop

        return uvloop.run(coro)
    except ImportError:  # pragma: no cover - uvloop comes with uvicorn[standard] on Linux
        return asyncio.run(coro)


def steady(url: str, stations: list[SimStation], tpl: Templates, *, period: float, seconds: float) -> LoadResult:
    return _loop_run(_steady(url, stations, tpl, period=period, seconds=seconds, seed=7))


def highest_rate(
    url: str,
    stations: list[SimStation],
    tpl: Templates,
    *,
    start: float,
    step_seconds: float,
    p99_ms: float,
    out: Callable[[str], None],
) -> tuple[LoadResult | None, list[LoadResult]]:
    """Raise the sync rate by a quarter each step until the server falls behind, errs or its p99 passes
    `p99_ms`; the last step it held is its sustained rate."""
    best: LoadResult | None = None
    steps = []
    rate = start
    while True:
        r = _loop_run(_at_rate(url, stations, tpl, rate=rate, seconds=step_seconds))
        steps.append(r)
        kept_up = r.syncs >= 0.98 * rate * step_seconds and r.seconds <= step_seconds * 1.2
        out(f"    {rate:.0f} syncs/s offered: {r.line()}")
        if r.errors or not kept_up or r.p99_ms > p99_ms:
            return best, steps
        best = r
        rate *= 1.25
