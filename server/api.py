"""The HTTP API (FastAPI): enrolment, push, pull, lookup, stats, health and metrics.

Each instance holds no state but its metrics (added up across workers), so several can share one
PostgreSQL behind a load balancer; a station's token is looked up on every request, so a revoked or
re-coded station is refused at once by every worker. No API docs are served (app.openapi() has the
document), and /metrics asks for its own token. Every body is checked by pydantic; bad input answers
4xx with a message in {"detail": {"code", "message"}}, never 5xx.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import gc
import gzip
import hmac
import logging
import random
import threading
import time
import zlib
from collections import deque
from collections.abc import AsyncIterator, Callable
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
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app import __version__
from app import clock as wallclock
from app.sync.hlc import HybridLogicalClock
from server import admin, sync
from server.metrics import Metrics
from server.models import Record, StationRow
from server.store import POOL_SIZE
from server.vault import ServerKeys

log = logging.getLogger("linggong.server")

MAX_BODY = 32 * 1024 * 1024
MAX_CHANGES = 1000
# The most a request body may hold, by path (a push's changes; an enrolment's few hundred bytes);
# every other route takes no body worth the name.
BODY_LIMITS = {"/api/v1/sync/push": MAX_BODY, "/api/v1/enrol": 4096}
DEFAULT_BODY_LIMIT = 16 * 1024
# Cursors and sequence numbers are BIGINT columns: a larger query value is refused, not sent to the database.
MAX_SEQ = 2**63 - 1


def _json(content: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(orjson.dumps(content), status_code=status, media_type="application/json", headers=headers)


def _problem(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> HTTPException:
    return HTTPException(status_code=status, detail={"code": code, "message": message}, headers=headers)


class EnrolIn(BaseModel):
    code: str = Field(min_length=4, max_length=40, description="the one-time enrolment code")
    slip_public_key: str = Field(max_length=200, description="the station's slip key, base64")


class LookupIn(BaseModel):
    id_key: str = Field(pattern="^[0-9a-f]{64}$", description="HMAC of the normalised ID number, hex")
    reason: str = Field(min_length=2, max_length=100, description="why: the person is at the counter with the card")
    clerk: str = Field(default="", max_length=30, description="the clerk who asked")


class ChangeIn(BaseModel):
    change_id: str = Field(min_length=8, max_length=36)
    entity: str = Field(max_length=24)
    row_id: str = Field(min_length=1, max_length=36)
    hlc: str = Field(min_length=5, max_length=40)
    fields: dict[str, Any]


class PushIn(BaseModel):
    station_time_ms: int = Field(ge=0, lt=2**53, description="the station's clock when it sent the batch")
    changes: list[ChangeIn] = Field(max_length=MAX_CHANGES)


class ProblemDetail(BaseModel):
    code: str
    message: str = Field(description="why, in Chinese, for the clerk or the administrator")


class ProblemOut(BaseModel):
    """Every refusal and every error: {"detail": {"code", "message"}}."""

    detail: ProblemDetail


# In the OpenAPI: any 4xx or 5xx answer carries a ProblemOut (in place of FastAPI's own 422 shape).
PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    "4XX": {"model": ProblemOut, "description": "refused: the reason is in detail.message"},
    "5XX": {"model": ProblemOut, "description": "unavailable for now: try again (see Retry-After)"},
}


def body_limit(path: str) -> int:
    return BODY_LIMITS.get(path, DEFAULT_BODY_LIMIT)


class LimitBodies:
    """Refuse a body longer than its route takes with 413 before anything else reads it, login
    included: a Content-Length too big at once, a chunked body as soon as it passes the limit. The
    body is read here (never more than the limit) and handed on whole."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = body_limit(scope.get("path", ""))
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and not declared.isdigit():
            await _send_problem(send, 400, "bad_request", "请求头 Content-Length 不对", close=True)
            return
        if declared is not None and int(declared) > limit:
            await _send_problem(send, 413, "too_large", f"请求太大（此处最多 {limit} 字节）", close=True)
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await _send_problem(send, 413, "too_large", f"请求太大（此处最多 {limit} 字节）", close=True)
                return
            if chunk:
                chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        del chunks
        await self.app(scope, _replaying(body, receive), send)


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
        # LimitBodies outside has read the body whole and within its route's limit; the same limit
        # holds for what it inflates to.
        limit = body_limit(scope.get("path", ""))
        body = b""
        more = True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
        try:
            inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
            plain = inflater.decompress(body, limit + 1)
            if len(plain) <= limit and not inflater.eof:
                raise ValueError("truncated")
        except (zlib.error, ValueError, gzip.BadGzipFile):
            await _send_problem(send, 400, "bad_gzip", "请求内容的 gzip 压缩不完整或已损坏")
            return
        if len(plain) > limit:
            await _send_problem(send, 413, "too_large", f"请求解压后太大（此处最多 {limit} 字节）")
            return
        # The scope itself is changed, not a copy: the router records the matched route in it, and
        # the metrics middleware outside reads it from there.
        scope["headers"] = [
            (k, v) for k, v in scope["headers"] if k.lower() not in (b"content-encoding", b"content-length")
        ]
        scope["headers"].append((b"content-length", str(len(plain)).encode()))
        await self.app(scope, _replaying(plain, receive), send)


def _replaying(body: bytes, receive: Receive) -> Receive:
    """A receive that hands the app `body`, read already, as the whole request, then what follows."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


async def _send_problem(
    send: Send,
    status: int,
    code: str,
    message: str,
    headers: list[tuple[bytes, bytes]] | None = None,
    *,
    close: bool = False,
) -> None:
    body = orjson.dumps({"detail": {"code": code, "message": message}})
    sent = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *(headers or [])]
    if close:
        # The rest of the body is not read: the connection cannot carry another request.
        sent.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": sent})
    await send({"type": "http.response.body", "body": body})


# pydantic's reasons in Chinese, for the ones bad queries and bodies meet; any other keeps its English.
_WHY_ZH = {
    "missing": "缺少",
    "int_parsing": "须为整数",
    "int_type": "须为整数",
    "string_type": "须为文字",
    "less_than_equal": "不能大于 {le}",
    "less_than": "须小于 {lt}",
    "greater_than_equal": "不能小于 {ge}",
    "greater_than": "须大于 {gt}",
    "string_too_short": "太短（至少 {min_length} 字）",
    "string_too_long": "太长（最多 {max_length} 字）",
    "too_long": "太多（最多 {max_length} 项）",
    "list_type": "须为列表",
    "dict_type": "须为对象",
    "model_type": "须为对象",
    "json_invalid": "不是有效的 JSON",
    "json_type": "不是有效的 JSON",
}


_FRAMEWORK_ZH = {
    400: ("bad_request", "请求内容无法读取（须为 UTF-8 编码的 JSON）"),
    404: ("not_found", "没有这个地址"),
    405: ("method_not_allowed", "这个地址不接受这种请求方法"),
}


def _why_zh(error: Any) -> str:
    template = _WHY_ZH.get(error.get("type", ""))
    if template is None:
        return str(error.get("msg", ""))
    try:
        return template.format(**(error.get("ctx") or {}))
    except (KeyError, IndexError, ValueError):
        return str(error.get("msg", ""))


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


@dataclass(frozen=True)
class ShedPolicy:
    """How much sync work one server process takes on before it refuses the rest (Admission)."""

    limit: int = 4  # sync requests at work at once to begin with; adapted between min_limit and max_limit
    # The floor on a machine so busy that one sync alone takes a quarter of the target: 1 kept the
    # admitted p99 near it there, 2 served more (one request's database round trips overlap
    # another's Python) at twice the p99.
    min_limit: int = 1
    max_limit: int = POOL_SIZE
    wait_ms: float = 25.0  # the longest expected wait for a free place that is still worth queueing
    target_ms: float = 100.0  # the p99 an admitted request should keep
    # Places are taken away while the mean time in a place is above this share of the target, and
    # added while it is below the lower one and every place is in use (a sync's p99 ran 3-5 times
    # its mean under load).
    shrink_above: float = 0.25
    grow_below: float = 0.15
    # The mean follows about the last 1/smoothing requests: a few slow ones (a burst, a moment when
    # the machine is busy with something else) do not take places away from a server that keeps up.
    smoothing: float = 0.03
    retry_after: tuple[int, int] = (2, 10)  # seconds, drawn at random: refused stations come back spread out
    prefixes: tuple[str, ...] = ("/api/v1/sync/",)


class Admission:
    """Load shedding in front of the sync routes. Past its capacity the server used to queue without
    limit (p99 23 s at the province's load); now a request is admitted only if it can start at once
    or its expected wait for a place is short, and otherwise answered 503 with Retry-After at once,
    before its body is read. The number of places follows the time requests take: fewer when they
    take more than a quarter of the target on average (the machine is slower or busier than
    thought), more while they are quick and every place is in use. Health, metrics, enrolment and
    look-ups are never shed. Plain ASGI on the event loop: no lock, since everything here runs on
    the loop's thread."""

    def __init__(self, app: ASGIApp, metrics: Metrics, policy: ShedPolicy | None = None) -> None:
        self.app = app
        self.metrics = metrics
        self.policy = policy or ShedPolicy()
        self.limit = float(min(self.policy.limit, self.policy.max_limit))
        self.running = 0
        self.waiting: deque[asyncio.Future[None]] = deque()
        self.ewma_ms = 10.0  # how long an admitted request has taken, smoothed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not str(scope.get("path", "")).startswith(self.policy.prefixes):
            await self.app(scope, receive, send)
            return
        if not await self._admit():
            self.metrics.count("linggong_requests_shed_total")
            low, high = self.policy.retry_after
            await _send_problem(
                send,
                503,
                "busy",
                "服务器繁忙，稍后自动重试",
                headers=[(b"retry-after", str(random.randint(low, high)).encode())],
            )
            return
        started = time.perf_counter()
        try:
            await self.app(scope, receive, send)
        finally:
            self._done((time.perf_counter() - started) * 1000)

    async def _admit(self) -> bool:
        places = max(1, int(self.limit))
        if self.running < places and not self.waiting:
            self.running += 1
            return True
        # Places free up about every ewma/places ms: queue only what should start within wait_ms.
        expected_ms = (len(self.waiting) + 1) * self.ewma_ms / places
        if expected_ms > self.policy.wait_ms:
            return False
        turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.waiting.append(turn)
        try:
            await turn
        except asyncio.CancelledError:
            if turn.done() and not turn.cancelled():
                self._done(None)  # given a place just as the request was cancelled
            else:
                with suppress(ValueError):
                    self.waiting.remove(turn)
            raise
        return True

    def _done(self, ms: float | None) -> None:
        p = self.policy
        if ms is not None:
            self.ewma_ms += p.smoothing * (ms - self.ewma_ms)
            if self.ewma_ms > p.target_ms * p.shrink_above:
                self.limit = max(float(min(p.min_limit, p.max_limit)), self.limit * 0.98)
            elif self.ewma_ms < p.target_ms * p.grow_below and self.running >= int(self.limit):
                self.limit = min(float(p.max_limit), self.limit + 0.1)
        self.running -= 1
        while self.waiting and self.running < max(1, int(self.limit)):
            turn = self.waiting.popleft()
            if not turn.done():
                self.running += 1
                turn.set_result(None)


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


def _bearer(authorization: str | None) -> str:
    if not authorization or not authorization.startswith("Bearer "):
        raise _problem(401, "no_token", "本站尚未在服务器登记（缺少凭证）")
    return authorization.removeprefix("Bearer ").strip()


def _station_of(row: Any) -> sync.StationInfo:
    """The station of a token's row (admin.station_on); 401 or 403 for none or a revoked one."""
    if row is None:
        raise _problem(401, "unknown_station", "服务器不认识本站的凭证：本站可能已被重新登记。请向管理员要新的登记码")
    if row.revoked_at is not None:
        raise _problem(403, "revoked", "本站已被管理员停用，不能再同步。本机数据仍保留，请联系管理员")
    return sync.StationInfo(row.id, row.code, row.region)


def authorize(token: str) -> Callable[[Connection], sync.StationInfo]:
    """The check of `token` on the connection a push or pull then works on (in the push's own
    transaction): revoking or re-coding a station takes effect on its very next request."""
    return lambda conn: _station_of(admin.station_on(conn, token))


async def current_station(request: Request, authorization: Annotated[str | None, Header()] = None) -> sync.StationInfo:
    """The station a request comes from, by its bearer token: asked of the database every time (one
    indexed query), so revoking or re-coding a station takes effect on its very next request."""
    token = _bearer(authorization)
    return _station_of(await run_in_threadpool(admin.station_for_token, request.app.state.engine, token))


StationDep = Annotated[sync.StationInfo, Depends(current_station)]


class _KnownTokens:
    """Tokens this process has seen belong to a station. A push's body is read only after its token
    is known (an unknown one is asked of the database first, and refused), so no one without a
    token makes the server parse a body; whether the station may still push is asked again in the
    push's transaction, and a token refused there is forgotten. Bounded: emptied when full."""

    def __init__(self, most: int = 20_000) -> None:
        self.most = most
        self.hashes: set[str] = set()

    def __contains__(self, token: str) -> bool:
        return admin.hash_token(token) in self.hashes

    def add(self, token: str) -> None:
        if len(self.hashes) >= self.most:
            self.hashes.clear()
        self.hashes.add(admin.hash_token(token))

    def discard(self, token: str) -> None:
        self.hashes.discard(admin.hash_token(token))


def create_app(
    engine: Engine,
    keys: ServerKeys,
    *,
    metrics: Metrics | None = None,
    metrics_token: str | None = None,
    shed: ShedPolicy | None = None,
) -> FastAPI:
    """The server for one database (already migrated with `keys`, read from its key file). /metrics
    answers only with `metrics_token` as its bearer token, and not at all (404) without one; `shed`
    says when sync requests are refused rather than queued (ShedPolicy's defaults)."""

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # As many requests at work at once as the database pool has connections: more only queue
        # for a connection while holding a thread (and, past the pool, open and close connections).
        anyio.to_thread.current_default_thread_limiter().total_tokens = POOL_SIZE
        # What is loaded by now (the framework, the drivers, the compiled statements) lives as long
        # as the process: frozen out of the collector, whose full passes walked all of it (300,000
        # objects, about 100 ms here, with every request of the process waiting).
        gc.collect()
        gc.freeze()
        yield

    app = FastAPI(
        title="Linggong central server",
        version=__version__,
        description="Sync for odd-job market stations (零工市场/零工驿站): enrol, push, pull, lookup.",
        lifespan=lifespan,
        # The API's map is no one's business but ours: off, app.openapi() still builds it.
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        responses=PROBLEM_RESPONSES,
    )
    metrics = metrics or Metrics()
    app.state.engine = engine
    app.state.metrics = metrics
    clock = HybridLogicalClock("server")
    seen = _Seen(SEEN_EVERY_SECONDS)

    # Level 6 compresses a pull page about as well as 9 in half the time.
    app.add_middleware(GZipMiddleware, minimum_size=2048, compresslevel=1)
    app.add_middleware(GunzipRequests)
    # Inside the body limit (a body too big is refused before it waits for a place) and Observe
    # (refusals are counted and carry the clock), outside the gzip layers (a refused push is not
    # inflated).
    app.add_middleware(Admission, metrics=metrics, policy=shed)
    app.add_middleware(LimitBodies)

    app.add_middleware(Observe, metrics=metrics)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        message = f"请求内容不对：{where} {_why_zh(first)}".strip()
        return _json({"detail": {"code": "bad_request", "message": message}}, 422)

    @app.exception_handler(StarletteHTTPException)
    async def _refused(_request: Request, exc: StarletteHTTPException) -> Response:
        # Ours carry {"code", "message"}; the framework's own (a body it cannot read, an unknown
        # path or method) get one in the same shape.
        detail: Any = exc.detail
        if not isinstance(detail, dict):
            code, message = _FRAMEWORK_ZH.get(exc.status_code, ("bad_request", "请求不对"))
            detail = {"code": code, "message": message}
        return _json({"detail": detail}, exc.status_code, headers=dict(exc.headers or {}))

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

    # Not in the API's map: Prometheus's, behind its own token (a 404 when none is set).
    @app.get("/metrics", tags=["ops"], response_class=PlainTextResponse, include_in_schema=False)
    def metrics_text(authorization: Annotated[str | None, Header()] = None) -> Response:
        if not metrics_token:
            raise _problem(404, "not_found", "本服务器未开启指标")
        given = (authorization or "").removeprefix("Bearer ").strip().encode()
        if not hmac.compare_digest(given, metrics_token.encode()):
            raise _problem(401, "no_token", "指标需要指标凭证（数据目录里的 metrics.token）")
        return PlainTextResponse(metrics.render(), media_type="text/plain; version=0.0.4")

    @app.post("/api/v1/enrol", tags=["stations"])
    def enrol(body: EnrolIn) -> Response:
        try:
            key = base64.b64decode(body.slip_public_key, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise _problem(422, "bad_request", "签名公钥格式不对") from exc
        try:
            e = admin.enrol(engine, body.code, key, keys=keys)
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

    known = _KnownTokens()

    @app.post("/api/v1/sync/push", tags=["sync"], openapi_extra=_json_body(PushIn))
    async def push(request: Request, authorization: Annotated[str | None, Header()] = None) -> Response:
        token = _bearer(authorization)
        if token not in known:
            await current_station(request, authorization)  # 401/403 before the body is read
            known.add(token)
        station_ms, changes = _push_body(await request.body())
        try:
            return await run_in_threadpool(_push, station_ms, changes, token)
        except HTTPException:  # revoked or re-coded since: its next body is not read
            known.discard(token)
            raise

    def _push(station_ms: int, changes: list[sync.IncomingChange], token: str) -> Response:
        now_ms = wallclock.epoch_ms()
        acks = sync.push(engine, authorize(token), changes, clock, now_ms, keys=keys)
        applied = sum(1 for a in acks if a["status"] != "refused" and not a.get("replayed"))
        metrics.count("linggong_changes_applied_total", applied)
        metrics.count("linggong_changes_refused_total", sum(1 for a in acks if a["status"] == "refused"))
        return _json({"acks": acks, "server_time_ms": now_ms, "clock_skew_ms": station_ms - now_ms})

    @app.get("/api/v1/sync/pull", tags=["sync"])
    def pull(
        authorization: Annotated[str | None, Header()] = None,
        since: Annotated[int, Query(ge=0, le=MAX_SEQ)] = 0,
        limit: Annotated[int, Query(ge=1, le=5000)] = 1000,
        open_upto: Annotated[int, Query(ge=0, le=MAX_SEQ, description="sent back from a first pull's answer")] = 0,
    ) -> Response:
        token = _bearer(authorization)
        # The token is checked on the connection the pull then reads on (one connection, one hop).
        with sync.reading(engine) as conn:
            me = authorize(token)(conn)
            page = sync.pull_on(conn, me, since, limit, open_upto, keys=keys)
        # Every sync ends with a pull: "last seen" for list-stations.
        admin.touch(engine, seen.mark(me.id))
        metrics.count("linggong_records_served_total", len(page["records"]))
        page["server_time_ms"] = wallclock.epoch_ms()
        return _json(page)

    @app.get("/api/v1/sync/digest", tags=["sync"])
    def digest(
        me: StationDep,
        cursor: Annotated[int, Query(ge=0, le=MAX_SEQ, description="the station's pull cursor")],
        open_upto: Annotated[int, Query(ge=0, le=MAX_SEQ, description="as sent with pulls")] = 0,
    ) -> Response:
        """Per table, how many records of its scope the station should hold and a hash of their ids
        and stamps; {"stale": true} when it has something to pull first."""
        return _json(sync.digest(engine, me, cursor, open_upto))

    @app.post("/api/v1/seekers/lookup", tags=["sync"])
    def lookup(body: LookupIn, me: StationDep) -> Response:
        """A person registered elsewhere, by id_key (in the body: it never appears in a URL or an
        access log). Recorded with the reason and clerk; limited per station (403 lookup_limit)."""
        try:
            found = sync.lookup_seeker(engine, me, body.id_key, body.reason.strip(), body.clerk.strip(), keys=keys)
        except sync.LookupLimit as exc:
            raise _problem(403, "lookup_limit", str(exc)) from exc
        if found is None:
            raise _problem(404, "not_found", "服务器上没有这个身份证号码的登记")
        return _json(found)

    @app.get("/api/v1/stats", tags=["stats"])
    def stats(me: StationDep) -> Response:
        """Figures of the station's own region only (its stations, open posts and placements)."""
        prefix = sync.region_prefix(me.region)
        in_region = Record.district.like(prefix + "%")
        with engine.connect() as conn:
            by_entity = dict(
                conn.execute(
                    select(Record.entity, func.count())
                    .where(~Record.deleted, Record.entity.in_(("employer", "posting")), in_region)
                    .group_by(Record.entity)
                ).all()
            )
            open_region = conn.execute(
                select(func.count()).where(
                    Record.entity == "posting", Record.status == "open", in_region, ~Record.deleted
                )
            ).scalar_one()
            posting = Record.__table__.alias("posting")
            placed = conn.execute(
                select(func.count())
                .select_from(Record.__table__.join(posting, posting.c.id == Record.parent_id))
                .where(Record.entity == "referral", Record.status == "hired", posting.c.district.like(prefix + "%"))
            ).scalar_one()
            stations = conn.execute(
                select(func.count()).select_from(StationRow).where(StationRow.region.like(prefix + "%"))
            ).scalar_one()
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
