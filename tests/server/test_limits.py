"""Bad input of any size or type costs the server nothing: bodies longer than their route takes are
refused before they are read (and before login), list items and texts have a length, and query
numbers past what the database holds are a 422 with a message instead of a 500."""

from __future__ import annotations

import gzip
import uuid
from collections.abc import Iterator
from typing import Any

import anyio
import httpx
import orjson
import pytest
from sqlalchemy import Column, Engine, String, func, select

from app.sync.entities import MAX_JSON_ITEM, MAX_TEXT, checker
from app.sync.hlc import HybridLogicalClock
from db.models import Seeker
from server.api import BODY_LIMITS, MAX_BODY, create_app
from server.models import Record
from server.vault import ServerKeys
from tests.server.conftest import LiveServer
from tests.server.test_api import _enrolled, _seeker_fields

CHUNK = b"x" * 65536


class _Client:
    """Drives the app as a server would, counting what it reads of the body."""

    def __init__(self, engine: Engine, keys: ServerKeys) -> None:
        self.app = create_app(engine, keys)
        self.read = 0

    def post(self, path: str, headers: dict[str, str], chunks: Iterator[bytes]) -> tuple[int, dict[str, Any]]:
        self.read = 0
        status = 0
        body = b""

        async def receive() -> dict[str, Any]:
            chunk = next(chunks, None)
            if chunk is None:
                return {"type": "http.request", "body": b"", "more_body": False}
            self.read += len(chunk)
            return {"type": "http.request", "body": chunk, "more_body": True}

        async def send(message: dict[str, Any]) -> None:
            nonlocal status, body
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                body += message.get("body", b"")

        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "POST",
            "scheme": "http",
            "path": path,
            "raw_path": path.encode(),
            "query_string": b"",
            "root_path": "",
            "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
            "client": ("127.0.0.1", 1),
            "server": ("127.0.0.1", 80),
        }
        anyio.run(self.app, scope, receive, send)
        return status, orjson.loads(body)


def _endless() -> Iterator[bytes]:
    """More than any route takes (64 MB; bounded, so a server that reads it all still answers)."""
    for _ in range(1024):
        yield CHUNK


@pytest.mark.parametrize("path", ["/api/v1/enrol", "/api/v1/sync/push"])
def test_a_body_said_to_be_too_long_is_refused_at_once_before_login(
    server_engine: Engine, server_keys: ServerKeys, path: str
) -> None:
    client = _Client(server_engine, server_keys)
    # No token: the size is judged first, and not one byte of the 300 MB is read.
    status, doc = client.post(
        path, {"content-type": "application/json", "content-length": str(300 * 1024 * 1024)}, _endless()
    )
    assert status == 413 and "太大" in doc["detail"]["message"]
    assert client.read == 0


@pytest.mark.parametrize("path", ["/api/v1/enrol", "/api/v1/sync/push"])
def test_a_chunked_body_is_cut_off_at_its_routes_limit(
    server_engine: Engine, server_keys: ServerKeys, path: str
) -> None:
    client = _Client(server_engine, server_keys)
    _e, auth = _enrolled(server_engine, server_keys)
    status, doc = client.post(path, {**auth, "content-type": "application/json"}, _endless())
    assert status == 413 and doc["detail"]["code"] == "too_large"
    limit = BODY_LIMITS[path]
    assert limit < client.read <= limit + len(CHUNK)
    assert BODY_LIMITS["/api/v1/enrol"] <= 4096 and BODY_LIMITS["/api/v1/sync/push"] == MAX_BODY


def test_a_small_gzip_body_that_inflates_past_the_limit_is_refused(
    server_engine: Engine, server_keys: ServerKeys
) -> None:
    client = _Client(server_engine, server_keys)
    bomb = gzip.compress(b" " * (1024 * 1024))
    assert len(bomb) < BODY_LIMITS["/api/v1/enrol"]
    status, doc = client.post(
        "/api/v1/enrol",
        {"content-type": "application/json", "content-encoding": "gzip", "content-length": str(len(bomb))},
        iter([bomb]),
    )
    assert status == 413 and "太大" in doc["detail"]["message"]


def test_an_oversized_enrolment_over_the_wire_is_413_and_the_server_goes_on(live_server: LiveServer) -> None:
    def stream() -> Iterator[bytes]:
        for _ in range(128):  # 8 MB, chunked
            yield CHUNK

    try:
        r = httpx.post(
            live_server.url + "/api/v1/enrol", content=stream(), headers={"Content-Type": "application/json"}
        )
        assert r.status_code == 413 and r.json()["detail"]["message"]
    except (httpx.WriteError, httpx.RemoteProtocolError, httpx.ReadError):
        pass  # the server answered and closed while the client still wrote: it read no more
    # An honest enrolment still works afterwards.
    r = httpx.post(live_server.url + "/api/v1/enrol", json={"code": "ABCD-EFGH", "slip_public_key": ""})
    assert r.status_code == 400 and r.json()["detail"]["code"] == "bad_code"


def test_a_list_item_or_text_too_long_is_refused_with_its_reason_and_never_stored(live_server: LiveServer) -> None:
    e, auth = _enrolled(live_server.engine, live_server.keys)
    fields = _seeker_fields("b" * 64, e.code)
    fields["job_types"] = ["J01", "x" * (MAX_JSON_ITEM + 1)]
    change = {
        "change_id": str(uuid.uuid4()),
        "entity": "seeker",
        "row_id": str(uuid.uuid4()),
        "hlc": HybridLogicalClock(e.code).now(),
        "fields": fields,
    }
    r = httpx.post(
        live_server.url + "/api/v1/sync/push", json={"station_time_ms": 1, "changes": [change]}, headers=auth
    )
    assert r.status_code == 200
    [ack] = r.json()["acks"]
    assert ack["status"] == "refused" and "job_types" in ack["reason"] and str(MAX_JSON_ITEM) in ack["reason"]
    with live_server.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Record)).scalar_one() == 0
    # A list at its limits passes the check.
    assert checker(Seeker.__table__.c.job_types)(["x" * MAX_JSON_ITEM] * 64) is None


def test_a_string_column_without_a_length_still_has_one() -> None:
    check = checker(Column("free", String(), nullable=False))
    assert check("x" * MAX_TEXT) is None
    assert check("x" * (MAX_TEXT + 1))


HUGE_QUERIES = (
    "pull?since=9223372036854775808",
    "pull?open_upto=9223372036854775808",
    "pull?open_upto=1e20",
    "pull?since=100000000000000000000000000000",
    "digest?cursor=9223372036854775808",
    "digest?cursor=1e20",
    "digest?cursor=0&open_upto=99999999999999999999",
)


def test_numbers_past_what_the_database_holds_are_422_with_a_message(live_server: LiveServer) -> None:
    _e, auth = _enrolled(live_server.engine, live_server.keys)
    for query in HUGE_QUERIES:
        r = httpx.get(f"{live_server.url}/api/v1/sync/{query}", headers=auth)
        assert r.status_code == 422, (query, r.text)
        message = r.json()["detail"]["message"]
        assert message.startswith("请求内容不对") and ("不能大于" in message or "须为整数" in message), message
    # The largest cursor the database holds is still an answer, not an error.
    r = httpx.get(f"{live_server.url}/api/v1/sync/digest?cursor=9223372036854775807", headers=auth)
    assert r.status_code == 200


def test_the_frameworks_own_refusals_answer_in_the_servers_shape(
    server_engine: Engine, server_keys: ServerKeys
) -> None:
    client = _Client(server_engine, server_keys)
    status, doc = client.post("/api/v1/enrol", {"content-type": "application/json"}, iter([b"\xdc\xbb\xff4D"]))
    assert status == 400 and doc["detail"]["code"] == "bad_request" and "JSON" in doc["detail"]["message"]
    status, doc = client.post("/api/v1/nowhere", {"content-type": "application/json"}, iter([b"{}"]))
    assert status == 404 and doc["detail"]["message"] == "没有这个地址"
