"""The HTTP API (FastAPI): enrolment, push, pull, lookup, stats, health and metrics.

Each instance holds no state but a short cache of station tokens and its own metrics, so several can
share one PostgreSQL behind a load balancer. Every body is checked by pydantic; bad input answers
4xx with a message in {"detail": {"code", "message"}}, never 5xx.
"""

from __future__ import annotations

import base64
import binascii
import gzip
import logging
import threading
import time
import zlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

import anyio.to_thread
import orjson
from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import PlainTextResponse, Response
from pydantic import BaseModel, Field, ValidationError
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from starlette.concurrency import run_in_threadpool
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app import __version__
from app import clock as wallclock
from app.sync.hlc import HybridLogicalClock
from server import admin, sync
from server.metrics import Metrics
from server.models import Record, StationRow
from server.store import POOL_SIZE

log = logging.getLogger("linggong.server")

MAX_BODY = 32 * 1024 * 1024
MAX_CHANGES = 1000
TOKEN_CACHE_SECONDS = 10.0


def _json(content: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(orjson.dumps(content), status_code=status, media_type="application/json", headers=headers)


def _problem(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> HTTPException:
    return HTTPException(status_code=status, detail={"code": code, "message": message}, headers=headers)


class EnrolIn(BaseModel):
    code: str = Field(min_length=4, max_length=40, description="the one-time enrolment code")
    slip_public_key: str = Field(max_length=200, description="the station's slip key, base64")


class ChangeIn(BaseModel):
    change_id: str = Field(min_length=8, max_length=36)
    entity: str = Field(max_length=24)
    row_id: str = Field(min_length=1, max_length=36)
    hlc: str = Field(min_length=5, max_length=40)
    fields: dict[str, Any]


class PushIn(BaseModel):
    station_time_ms: int = Field(ge=0, lt=2**53, description="the station's clock when it sent the batch")
    changes: list[ChangeIn] = Field(max_length=MAX_CHANGES)


@dataclass
class _Cached:
    info: sync.StationInfo
    at: float


class GunzipRequests:
    """Accept request bodies sent with Content-Encoding: gzip (pushes of a few hundred changes)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        if headers.get(b"content-encoding", b"").lower() != b"gzip":
            await self.app(scope, receive, send)
            return
        body = b""
        more = True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > MAX_BODY:
                await _send_problem(send, 413, "too_large", "请求太大")
                return
        try:
            inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
            plain = inflater.decompress(body, MAX_BODY + 1)
            if len(plain) > MAX_BODY or not inflater.eof:
                raise ValueError("too large or truncated")
        except (zlib.error, ValueError, gzip.BadGzipFile):
            await _send_problem(send, 400, "bad_gzip", "请求内容的 gzip 压缩不完整或已损坏")
            return
        # The scope itself is changed, not a copy: the router records the matched route in it, and
        # the metrics middleware outside reads it from there.
        scope["headers"] = [
            (k, v) for k, v in scope["headers"] if k.lower() not in (b"content-encoding", b"content-length")
        ]
        scope["headers"].append((b"content-length", str(len(plain)).encode()))
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": plain, "more_body": False}

        await self.app(scope, replay, send)


async def _send_problem(send: Send, status: int, code: str, message: str) -> None:
    body = orjson.dumps({"detail": {"code": code, "message": message}})
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


M = TypeVar("M", bound=BaseModel)


def _parse_body(model: type[M], raw: bytes) -> M:
    try:
        return model.model_validate_json(raw)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        for e in errors:
            e["loc"] = ("body", *e.get("loc", ()))
        raise RequestValidationError(errors) from None


def _push_body(raw: bytes) -> tuple[int, list[sync.IncomingChange]]:
    """A push's station time and changes. A well-formed push, as every station sends, is read by the
    JSON parser and checked here against PushIn's limits in a few plain tests (pydantic took a tenth
    of a 1,000-change push's time); anything else goes to pydantic, whose answer names the field."""
    fast = None
    with suppress(orjson.JSONDecodeError):
        fast = _well_formed_push(orjson.loads(raw))
    if fast is not None:
        return fast
    body = _parse_body(PushIn, raw)
    return body.station_time_ms, [
        sync.IncomingChange(c.change_id, c.entity, c.row_id, c.hlc, c.fields) for c in body.changes
    ]


def _well_formed_push(doc: Any) -> tuple[int, list[sync.IncomingChange]] | None:
    """PushIn's rules for a body that keeps to them exactly; None for anything pydantic should judge."""
    if type(doc) is not dict:
        return None
    at, changes = doc.get("station_time_ms"), doc.get("changes")
    if type(at) is not int or not 0 <= at < 2**53 or type(changes) is not list or len(changes) > MAX_CHANGES:
        return None
    out = []
    for c in changes:
        if type(c) is not dict:
            return None
        change_id, entity, row_id, hlc, fields = (
            c.get("change_id"),
            c.get("entity"),
            c.get("row_id"),
            c.get("hlc"),
            c.get("fields"),
        )
        if not (
            type(change_id) is str
            and 8 <= len(change_id) <= 36
            and type(entity) is str
            and len(entity) <= 24
            and type(row_id) is str
            and 1 <= len(row_id) <= 36
            and type(hlc) is str
            and 5 <= len(hlc) <= 40
            and type(fields) is dict
        ):
            return None
        out.append(sync.IncomingChange(change_id, entity, row_id, hlc, fields))
    return at, out


def _json_body(model: type[BaseModel]) -> dict[str, Any]:
    """The OpenAPI description of a JSON body parsed by hand (nested models inlined)."""
    schema = model.model_json_schema()
    defs = schema.pop("$defs", {})

    def inline(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                return inline(defs[ref.removeprefix("#/$defs/")])
            return {k: inline(v) for k, v in node.items()}
        if isinstance(node, list):
            return [inline(v) for v in node]
        return node

    return {"requestBody": {"required": True, "content": {"application/json": {"schema": inline(schema)}}}}


class Observe:
    """Times and counts every request by route for /metrics, stamps the server's clock on every
    answer, when the request came in and when the answer left (stations learn their clock's error
    from the two), and answers an unexpected error with a
    plain message instead of a traceback. Plain ASGI: Starlette's BaseHTTPMiddleware cost a
    small sync request a fifth of its time."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        received = str(wallclock.epoch_ms()).encode()
        status = 0

        async def stamped(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [
                    *message.get("headers", []),
                    (b"x-server-received-ms", received),
                    (b"x-server-time-ms", str(wallclock.epoch_ms()).encode()),
                ]
            await send(message)

        try:
            await self.app(scope, receive, stamped)
        except Exception:
            log.exception("unexpected error on %s", scope.get("path", "?"))
            if status == 0:
                await _send_problem(stamped, 500, "server_error", "服务器内部错误，已记录，请稍后再试")
            status = 500
        finally:
            path = getattr(scope.get("route"), "path", "other")
            self.metrics.observe(scope.get("method", "?"), path, status or 500, time.perf_counter() - started)


SEEN_EVERY_SECONDS = 30.0


class _Seen:
    """Stations that pulled since the last write of "last seen": written together at most every
    `every` seconds by the request that finds it due, one statement for all."""

    def __init__(self, every: float) -> None:
        self.every = every
        self.lock = threading.Lock()
        self.ids: set[str] = set()
        self.flushed = time.monotonic() - every

    def mark(self, station_id: str) -> list[str]:
        """Note a station; the stations to write now (empty until due)."""
        now = time.monotonic()
        with self.lock:
            self.ids.add(station_id)
            if now - self.flushed < self.every:
                return []
            self.flushed = now
            due, self.ids = sorted(self.ids), set()
            return due


class _TokenCache:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.entries: dict[str, _Cached] = {}


async def current_station(request: Request, authorization: Annotated[str | None, Header()] = None) -> sync.StationInfo:
    """The station a request comes from, by its bearer token (cached for a few seconds; a cached
    one is answered on the event loop, without a thread)."""
    if not authorization or not authorization.startswith("Bearer "):
        raise _problem(401, "no_token", "本站尚未在服务器登记（缺少凭证）")
    token = authorization.removeprefix("Bearer ").strip()
    cache: _TokenCache = request.app.state.tokens
    now = time.monotonic()
    with cache.lock:
        hit = cache.entries.get(token)
        if hit is not None and now - hit.at < TOKEN_CACHE_SECONDS:
            return hit.info
    row = await run_in_threadpool(admin.station_for_token, request.app.state.engine, token)
    if row is None:
        raise _problem(401, "unknown_station", "服务器不认识本站的凭证：本站可能已被重新登记。请向管理员要新的登记码")
    if row.revoked_at is not None:
        raise _problem(403, "revoked", "本站已被管理员停用，不能再同步。本机数据仍保留，请联系管理员")
    info = sync.StationInfo(row.id, row.code, row.region)
    with cache.lock:
        if len(cache.entries) > 10_000:
            cache.entries.clear()
        cache.entries[token] = _Cached(info, now)
    return info


StationDep = Annotated[sync.StationInfo, Depends(current_station)]


def create_app(engine: Engine, *, metrics: Metrics | None = None) -> FastAPI:
    """The server for one database (already migrated)."""

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # As many requests at work at once as the database pool has connections: more only queue
        # for a connection while holding a thread (and, past the pool, open and close connections).
        anyio.to_thread.current_default_thread_limiter().total_tokens = POOL_SIZE
        yield

    app = FastAPI(
        title="Linggong central server",
        version=__version__,
        description="Sync for odd-job market stations (零工市场/零工驿站): enrol, push, pull, lookup.",
        lifespan=lifespan,
    )
    metrics = metrics or Metrics()
    app.state.engine = engine
    app.state.metrics = metrics
    clock = HybridLogicalClock("server")
    app.state.tokens = _TokenCache()
    seen = _Seen(SEEN_EVERY_SECONDS)

    # Level 6 compresses a pull page about as well as 9 in half the time.
    app.add_middleware(GZipMiddleware, minimum_size=2048, compresslevel=1)
    app.add_middleware(GunzipRequests)

    app.add_middleware(Observe, metrics=metrics)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        message = f"请求内容不对：{where} {first.get('msg', '')}".strip()
        return _json({"detail": {"code": "bad_request", "message": message}}, 422)

    @app.exception_handler(OperationalError)
    async def _db_down(_request: Request, exc: OperationalError) -> Response:
        log.warning("database unavailable: %s", type(exc.orig).__name__ if exc.orig else exc)
        return _json(
            {"detail": {"code": "unavailable", "message": "服务器数据库暂时不可用，请稍后重试"}},
            503,
            headers={"Retry-After": "5"},
        )

    @app.exception_handler(DBAPIError)
    async def _db_error(_request: Request, exc: DBAPIError) -> Response:
        log.error("database error: %s", type(exc.orig).__name__ if exc.orig else exc)
        return _json(
            {"detail": {"code": "unavailable", "message": "服务器数据库出错，请稍后重试"}},
            503,
            headers={"Retry-After": "5"},
        )

    @app.get("/healthz", tags=["ops"])
    def healthz() -> Response:
        with engine.connect() as conn:
            conn.execute(select(1))
        return _json({"status": "ok", "version": __version__})

    @app.get("/metrics", tags=["ops"], response_class=PlainTextResponse)
    def metrics_text() -> Response:
        return PlainTextResponse(metrics.render(), media_type="text/plain; version=0.0.4")

    @app.post("/api/v1/enrol", tags=["stations"])
    def enrol(body: EnrolIn) -> Response:
        try:
            key = base64.b64decode(body.slip_public_key, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise _problem(422, "bad_request", "签名公钥格式不对") from exc
        try:
            e = admin.enrol(engine, body.code, key)
        except admin.AdminError as exc:
            raise _problem(400, "bad_code", str(exc)) from exc
        log.info("station %s enrolled", e.code)
        return _json(
            {
                "station_id": e.station_id,
                "code": e.code,
                "name": e.name,
                "region": e.region,
                "token": e.token,
                "lookup_key": e.lookup_key,
                "data_key": e.data_key,
            }
        )

    @app.post("/api/v1/sync/push", tags=["sync"], openapi_extra=_json_body(PushIn))
    async def push(request: Request, me: StationDep) -> Response:
        station_ms, changes = _push_body(await request.body())
        return await run_in_threadpool(_push, station_ms, changes, me)

    def _push(station_ms: int, changes: list[sync.IncomingChange], me: sync.StationInfo) -> Response:
        now_ms = wallclock.epoch_ms()
        acks = sync.push(engine, me, changes, clock, now_ms)
        applied = sum(1 for a in acks if a["status"] != "refused" and not a.get("replayed"))
        metrics.count("linggong_changes_applied_total", applied)
        metrics.count("linggong_changes_refused_total", sum(1 for a in acks if a["status"] == "refused"))
        return _json({"acks": acks, "server_time_ms": now_ms, "clock_skew_ms": station_ms - now_ms})

    @app.get("/api/v1/sync/pull", tags=["sync"])
    def pull(
        me: StationDep,
        since: Annotated[int, Query(ge=0)] = 0,
        limit: Annotated[int, Query(ge=1, le=5000)] = 1000,
        open_upto: Annotated[int, Query(ge=0, description="sent back from a first pull's answer")] = 0,
    ) -> Response:
        page = sync.pull(engine, me, since, limit, open_upto)
        # Every sync ends with a pull: "last seen" for list-stations.
        admin.touch(engine, seen.mark(me.id))
        metrics.count("linggong_records_served_total", len(page["records"]))
        page["server_time_ms"] = wallclock.epoch_ms()
        return _json(page)

    @app.get("/api/v1/sync/digest", tags=["sync"])
    def digest(
        me: StationDep,
        cursor: Annotated[int, Query(ge=0, description="the station's pull cursor")],
        open_upto: Annotated[int, Query(ge=0, description="as sent with pulls")] = 0,
    ) -> Response:
        """Per table, how many records of its scope the station should hold and a hash of their ids
        and stamps; {"stale": true} when it has something to pull first."""
        return _json(sync.digest(engine, me, cursor, open_upto))

    @app.get("/api/v1/seekers/{id_key}", tags=["sync"])
    def lookup(id_key: str, me: StationDep) -> Response:
        if not (len(id_key) == 64 and all(c in "0123456789abcdef" for c in id_key)):
            raise _problem(422, "bad_request", "id_key 须为64位十六进制")
        found = sync.lookup_seeker(engine, me, id_key)
        if found is None:
            raise _problem(404, "not_found", "服务器上没有这个身份证号码的登记")
        return _json(found)

    @app.get("/api/v1/stats", tags=["stats"])
    def stats(me: StationDep) -> Response:
        prefix = sync.region_prefix(me.region)
        with engine.connect() as conn:
            by_entity = dict(
                conn.execute(select(Record.entity, func.count()).where(~Record.deleted).group_by(Record.entity)).all()
            )
            open_region = conn.execute(
                select(func.count()).where(
                    Record.entity == "posting",
                    Record.status == "open",
                    Record.district.like(prefix + "%"),
                    ~Record.deleted,
                )
            ).scalar_one()
            placed = conn.execute(
                select(func.count()).where(Record.entity == "referral", Record.status == "hired")
            ).scalar_one()
            stations = conn.execute(select(func.count()).select_from(StationRow)).scalar_one()
        return _json(
            {
                "region": me.region,
                "stations": stations,
                "records": by_entity,
                "open_postings_in_region": open_region,
                "placements": placed,
            }
        )

    return app
