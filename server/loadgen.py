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
    kind: str  # push / pull / refused (503 with Retry-After: the server shedding load)
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
    offered: int = 0  # syncs started
    refused: int = 0  # requests answered 503 with Retry-After (not counted in `requests` or the latencies)
    refused_p50_ms: float = 0.0
    refused_p99_ms: float = 0.0
    refused_max_ms: float = 0.0
    unfinished: int = 0  # syncs that never completed (refused without retry, failed, or still waiting)
    settle_s: float = 0.0  # from the last sync started until the last one completed

    def line(self) -> str:
        shed = (
            f"; {self.refused:,} refused, refusal p50 {self.refused_p50_ms:.1f} ms, p99 {self.refused_p99_ms:.1f} ms"
            if self.refused
            else ""
        )
        return (
            f"{self.syncs:,} of {self.offered:,} syncs ({self.requests:,} requests, {self.rate:.0f}/s) in "
            f"{self.seconds:.0f} s, {self.errors} errors; request latency p50 {self.p50_ms:.1f} ms, "
            f"p95 {self.p95_ms:.1f} ms, p99 {self.p99_ms:.1f} ms, max {self.max_ms:.0f} ms{shed}"
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
) -> tuple[int, dict[str, str], bytes]:
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
    return status, headers, data


@dataclass
class _Run:
    samples: list[Sample] = field(default_factory=list)
    syncs: int = 0
    errors: int = 0
    first_error: str = ""
    last_done: float = 0.0  # perf_counter() when the last sync completed

    def fail(self, why: str) -> None:
        self.errors += 1
        if not self.first_error:
            self.first_error = why


class _Shed(Exception):
    """The server refused a request (503 with Retry-After) as often as the sync tries it."""


TRANSPORT_ATTEMPTS = 4  # as app/sync/transport.py: then the sync fails and waits for the next one


class _Connection:
    """One station's connection for one sync; a refused request is sent again on a new connection
    after the Retry-After the server gave, as the counter's transport does, `attempts` times in all
    (None: until it is answered)."""

    def __init__(self, host: str, port: int, st: SimStation, run: _Run, *, attempts: int | None) -> None:
        self.host, self.port, self.st, self.run, self.attempts = host, port, st, run, attempts
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def call(self, kind: str, method: str, target: str, body: bytes, started: float | None = None) -> bytes:
        """The answer's body (status 200); raises _Shed, HttpError or OSError."""
        tries = 0
        while True:
            tries += 1
            t0 = started if started is not None else time.perf_counter()
            started = None
            if self.streams is None:
                self.streams = await asyncio.open_connection(self.host, self.port)
            status, headers, data = await _request(*self.streams, method, target, self.st.token, body)
            ms = (time.perf_counter() - t0) * 1000
            if status == 503 and headers.get("retry-after", "").isdigit():
                self.run.samples.append(Sample("refused", ms, True))
                self.close()
                if self.attempts is not None and tries >= self.attempts:
                    raise _Shed
                await asyncio.sleep(int(headers["retry-after"]))
                continue
            self.run.samples.append(Sample(kind, ms, status == 200))
            if status != 200:
                raise HttpError(f"{kind} {status}: {data[:200]!r}")
            return data

    def close(self) -> None:
        if self.streams is not None:
            self.streams[1].close()
            self.streams = None


async def _sync(
    host: str,
    port: int,
    st: SimStation,
    tpl: Templates,
    rng: random.Random,
    run: _Run,
    *,
    attempts: int | None = TRANSPORT_ATTEMPTS,
) -> None:
    started = time.perf_counter()
    conn = _Connection(host, port, st, run, attempts=attempts)
    try:
        body = orjson.dumps({"station_time_ms": wallclock.epoch_ms(), "changes": _changes(st, tpl, rng)})
        data = await conn.call("push", "POST", "/api/v1/sync/push", body, started)
        refused = [a for a in orjson.loads(data)["acks"] if a.get("status") == "refused"]
        if refused:
            run.fail(f"push refused a change: {refused[0]!r:.200}")
            return
        more = True
        while more:
            data = await conn.call("pull", "GET", f"/api/v1/sync/pull?since={st.cursor}&limit=1000", b"")
            page = orjson.loads(data)
            st.cursor, more = int(page["next"]), bool(page["more"])
        run.syncs += 1
        run.last_done = time.perf_counter()
    except _Shed:
        pass
    except (OSError, HttpError, asyncio.IncompleteReadError, ValueError, KeyError) as exc:
        run.fail(f"{type(exc).__name__}: {exc}")
    finally:
        conn.close()


def _pct(ms: list[float], q: float) -> float:
    return ms[min(len(ms) - 1, round(q * (len(ms) - 1)))] if ms else 0.0


def _summary(run: _Run, stations: int, period: float, seconds: float, offered: int, last_start: float) -> LoadResult:
    ms = sorted(s.ms for s in run.samples if s.kind != "refused")
    shed = sorted(s.ms for s in run.samples if s.kind == "refused")

    def pct(q: float) -> float:
        return _pct(ms, q)

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
        offered=offered,
        refused=len(shed),
        refused_p50_ms=round(statistics.median(shed), 2) if shed else 0.0,
        refused_p99_ms=round(_pct(shed, 0.99), 2),
        refused_max_ms=round(shed[-1], 1) if shed else 0.0,
        unfinished=offered - run.syncs,
        settle_s=round(max(0.0, run.last_done - last_start), 2),
    )


async def _steady(
    url: str, stations: list[SimStation], tpl: Templates, *, period: float, seconds: float, seed: int
) -> LoadResult:
    """Each station syncs every `period` seconds from a random first moment, for `seconds`; a request
    refused is tried as often as the counter's transport tries it, then that sync is left unfinished."""
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
    last_start = time.perf_counter()
    if tasks:
        await asyncio.wait(tasks, timeout=60)
    return _summary(run, len(stations), period, time.perf_counter() - start, len(schedule), last_start)


async def _at_rate(
    url: str,
    stations: list[SimStation],
    tpl: Templates,
    *,
    rate: float,
    seconds: float,
    retry: bool = False,
    drain_s: float = 60.0,
) -> LoadResult:
    """Syncs started at a fixed rate (open loop: a slow answer does not slow the arrivals). A refused
    sync is given up unless `retry` (then it comes back after Retry-After until it is done, as the
    station's later attempts and syncs would, for at most `drain_s` after the last start)."""
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
        st = stations[j % len(stations)]
        task = asyncio.create_task(_sync(host, port, st, tpl, rng, run, attempts=None if retry else 1))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
    last_start = time.perf_counter()
    if tasks:
        await asyncio.wait(tasks, timeout=drain_s)
        for task in list(tasks):
            task.cancel()
    return _summary(run, len(stations), 0.0, last_start - start, n, last_start)


def _loop_run(coro: Any) -> Any:
    try:
        import uvloop

        return uvloop.run(coro)
    except ImportError:  # pragma: no cover - uvloop comes with uvicorn[standard] on Linux
        return asyncio.run(coro)


def steady(url: str, stations: list[SimStation], tpl: Templates, *, period: float, seconds: float) -> LoadResult:
    return _loop_run(_steady(url, stations, tpl, period=period, seconds=seconds, seed=7))


def at_rate(
    url: str,
    stations: list[SimStation],
    tpl: Templates,
    *,
    rate: float,
    seconds: float,
    retry: bool = False,
    drain_s: float = 60.0,
) -> LoadResult:
    return _loop_run(_at_rate(url, stations, tpl, rate=rate, seconds=seconds, retry=retry, drain_s=drain_s))


def holds(r: LoadResult, p99_ms: float) -> bool:
    """The server kept up with the rate: no errors, at most 2% of syncs unfinished (refused or late),
    and the p99 of what it answered within the target."""
    return not r.errors and r.unfinished <= 0.02 * r.offered and r.settle_s <= 5.0 and r.p99_ms <= p99_ms


def highest_rate(
    url: str,
    stations: list[SimStation],
    tpl: Templates,
    *,
    start: float,
    step_seconds: float,
    p99_ms: float,
    out: Callable[[str], None],
    refine: int = 2,
    max_steps: int = 16,
) -> tuple[LoadResult | None, list[LoadResult]]:
    """Raise the sync rate by a quarter each step until the server falls behind, errs, sheds or its
    p99 passes `p99_ms`, then halve the gap between the last rate held and the first missed `refine`
    times; the highest rate held is its sustained rate. Refused syncs are not retried here."""
    best: LoadResult | None = None
    best_rate, failed_rate = 0.0, 0.0
    steps: list[LoadResult] = []
    rate = start
    while len(steps) < max_steps:
        r = at_rate(url, stations, tpl, rate=rate, seconds=step_seconds)
        steps.append(r)
        ok = holds(r, p99_ms)
        out(f"    {rate:.0f} syncs/s offered: {'held' if ok else 'missed'}; {r.line()}")
        if not ok:
            failed_rate = rate
            break
        best, best_rate = r, rate
        rate *= 1.25
    for _ in range(refine if best is not None and failed_rate else 0):
        rate = (best_rate + failed_rate) / 2
        r = at_rate(url, stations, tpl, rate=rate, seconds=step_seconds)
        steps.append(r)
        ok = holds(r, p99_ms)
        out(f"    {rate:.0f} syncs/s offered: {'held' if ok else 'missed'}; {r.line()}")
        if ok:
            best, best_rate = r, rate
        else:
            failed_rate = rate
    return best, steps
