"""Past its capacity the server refuses sync requests at once with 503 and Retry-After instead of
queueing them; health is never refused, and a station refused once still syncs everything."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Connection, Engine

from app.services.seekers import SeekerInput
from app.sync.client import SyncClient, read_token
from app.sync.transport import Transport
from server import admin, sync
from server.api import ShedPolicy, create_app
from server.net import free_port
from server.vault import ServerKeys
from tests.conftest import seeker_like
from tests.server.helpers import enrolled_counter, server_count

# One sync request at work at a time and no queue: a second one is refused.
ONE_AT_A_TIME = ShedPolicy(limit=1, max_limit=1, wait_ms=0.0, retry_after=(3, 3))


@dataclass
class Served:
    url: str
    server: Any
    thread: threading.Thread


@pytest.fixture
def tight_server(server_engine: Engine, server_keys: ServerKeys) -> Iterator[Served]:
    import uvicorn

    port = free_port()
    app = create_app(server_engine, server_keys, shed=ONE_AT_A_TIME, metrics_token="metrics")
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    server.install_signal_handlers = lambda: None  # type: ignore[method-assign]
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "server did not start"
        time.sleep(0.02)
    yield Served(f"http://127.0.0.1:{port}", server, thread)
    server.should_exit = True
    thread.join(timeout=10)


class SlowPull:
    """sync.pull_on held for one station until released, so that it keeps the server's one place."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, station_id: str) -> None:
        self.station_id = station_id
        self.holding, self.release = threading.Event(), threading.Event()
        real = sync.pull_on

        def pull_on(conn: Connection, station: sync.StationInfo, *args: Any, **kw: Any) -> Any:
            if station.id == self.station_id:
                self.holding.set()
                assert self.release.wait(20)
            return real(conn, station, *args, **kw)

        monkeypatch.setattr(sync, "pull_on", pull_on)

    def start(self, url: str, token: str) -> threading.Thread:
        def run() -> None:
            answers.append(httpx.get(f"{url}/api/v1/sync/pull", headers=_auth(token), timeout=30).status_code)

        answers: list[int] = []
        self.answers = answers
        t = threading.Thread(target=run, daemon=True)
        t.start()
        assert self.holding.wait(15), "the slow pull never started"
        return t


def _station_token(engine: Engine, keys: ServerKeys, name: str) -> tuple[str, str]:
    new = admin.add_station(engine, name, "520000")
    e = admin.enrol(engine, new.enrol_code, os.urandom(32), keys=keys)
    return e.station_id, e.token


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_a_full_server_refuses_at_once_with_retry_after_and_still_answers_health(
    tight_server: Served, server_engine: Engine, server_keys: ServerKeys, monkeypatch: pytest.MonkeyPatch
) -> None:
    slow_id, slow_token = _station_token(server_engine, server_keys, "慢站")
    _other_id, token = _station_token(server_engine, server_keys, "二站")
    slow = SlowPull(monkeypatch, slow_id)
    holder = slow.start(tight_server.url, slow_token)
    try:
        started = time.perf_counter()
        refused = httpx.get(f"{tight_server.url}/api/v1/sync/pull", headers=_auth(token), timeout=30)
        took = time.perf_counter() - started
        assert refused.status_code == 503
        assert refused.headers["Retry-After"] == "3"
        assert refused.json()["detail"]["code"] == "busy"
        # Answered while the place is still held (the old server queued it behind the slow pull).
        assert not slow.release.is_set() and took < 2.0
        assert httpx.get(f"{tight_server.url}/healthz", timeout=30).status_code == 200
        scrape = httpx.get(f"{tight_server.url}/metrics", headers=_auth("metrics"), timeout=30).text
        assert "linggong_requests_shed_total 1.0" in scrape
    finally:
        slow.release.set()
        holder.join(30)
    assert slow.answers == [200]
    # The place is free again: the refused station is served.
    assert httpx.get(f"{tight_server.url}/api/v1/sync/pull", headers=_auth(token), timeout=30).status_code == 200


def test_a_station_refused_while_the_server_is_full_syncs_everything_after(
    tmp_path: Path,
    tight_server: Served,
    server_engine: Engine,
    server_keys: ServerKeys,
    monkeypatch: pytest.MonkeyPatch,
    person: SeekerInput,
) -> None:
    counter = enrolled_counter(tmp_path / "a", server_engine, tight_server.url, name="一站")
    slow_id, slow_token = _station_token(server_engine, server_keys, "慢站")
    try:
        for n in range(3):
            counter.station.seekers.save(seeker_like(person, n))
        slow = SlowPull(monkeypatch, slow_id)
        holder = slow.start(tight_server.url, slow_token)
        waits: list[float] = []

        def sleep(seconds: float) -> None:
            # The load falls while the station waits as told.
            waits.append(seconds)
            slow.release.set()
            holder.join(30)

        transport = Transport(tight_server.url, read_token(counter.station.data.keys), timeout=10, sleep=sleep)
        client = SyncClient(counter.station, transport=transport)
        try:
            result = client.sync()
        finally:
            client.close()
        assert waits == [3.0], "the refused push waits what Retry-After said"
        assert result.complete and result.pushed == 3 and not result.quarantined
        assert server_count(server_engine, "seeker") == 3
    finally:
        counter.close()


def _admission() -> Any:
    from server.api import Admission
    from server.metrics import Metrics

    async def app(scope: Any, receive: Any, send: Any) -> None:
        pass

    return Admission(app, Metrics(), ShedPolicy())


def _served(adm: Any, times_ms: list[float]) -> None:
    for ms in times_ms:
        adm.running += 1
        adm._done(ms)


def test_a_few_slow_requests_do_not_take_places_from_a_server_that_keeps_up() -> None:
    """A commit waiting on the disk now and then (80 ms among requests of 8 ms) left the old policy
    with one place and refusing at a rate the server could carry."""
    adm = _admission()
    start = adm.limit
    _served(adm, ([8.0] * 40 + [80.0] * 3) * 10)
    assert adm.limit >= start


def test_a_server_whose_requests_stay_slow_takes_fewer_at_once_and_recovers() -> None:
    adm = _admission()
    start = adm.limit
    _served(adm, [60.0] * 300)  # the machine is busier than thought
    assert adm.limit < start / 2
    low = adm.limit
    for _ in range(300):  # quick again, with every place in use
        adm.running = int(adm.limit)
        adm._done(5.0)
    assert adm.limit > low
