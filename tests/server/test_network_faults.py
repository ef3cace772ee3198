"""Cut connections, busy answers and a server restart in the middle of syncs: once the network is
back, station and server hold the same records, each once."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text

from app.errors import SyncError, SyncKind
from app.services.employers import EmployerInput
from app.services.seekers import SeekerInput
from app.station import open_station
from app.sync.client import SyncClient, enroll, read_token
from app.sync.transport import Transport
from server import admin
from server.models import Record
from tests.conftest import make_id, open_posting, seeker_like
from tests.server.conftest import LiveServer, start_server
from tests.server.flaky import FlakyProxy
from tests.server.helpers import count


def _enrolled(root: Path, srv: LiveServer, url: str, sleeps: list[float]) -> tuple[object, SyncClient]:
    new = admin.add_station(srv.engine, root.name, "520000")
    station = open_station(root)
    enroll(station, srv.url, new.enrol_code)
    station.close()
    station = open_station(root)
    transport = Transport(
        url,
        read_token(station.data.keys),
        timeout=5,
        attempts=5,
        backoff=0.02,
        max_wait=1.0,
        keepalive=False,
        sleep=lambda s: (sleeps.append(s), time.sleep(min(s, 0.05))),
    )
    return station, SyncClient(station, transport=transport)


def _sync_until_done(client: SyncClient, tries: int = 60) -> None:
    for _ in range(tries):
        try:
            if client.sync().complete:
                return
        except SyncError as exc:
            assert exc.offline or exc.kind is SyncKind.SERVER, exc.message
    raise AssertionError("sync never completed")


def _same_everywhere(station: object, srv: LiveServer) -> None:
    with station.db.read() as s:  # type: ignore[attr-defined]
        local = {
            t: set(s.execute(text(f"SELECT id || '@' || hlc FROM {t}")).scalars())
            for t in ("seekers", "postings", "employers", "referrals")
        }
    entity = {"seekers": "seeker", "postings": "posting", "employers": "employer", "referrals": "referral"}
    with srv.engine.connect() as conn:
        for table, name in entity.items():
            server = {f"{i}@{h}" for i, h in conn.execute(select(Record.id, Record.hlc).where(Record.entity == name))}
            assert local[table] == server, f"{table} differ between station and server"


def test_cuts_and_busy_answers_end_identical(
    tmp_path: Path, live_server: LiveServer, person: SeekerInput, company: EmployerInput
) -> None:
    proxy = FlakyProxy(live_server.port, seed=7, cut_request=0.15, cut_response=0.2, busy=0.15)
    sleeps: list[float] = []
    station, client = _enrolled(tmp_path / "a", live_server, proxy.url, sleeps)
    try:
        station.supervisor.set_pin("246810")
        boss = station.supervisor.verify("王主管", "246810")
        employer = station.employers.save(company).employer_id
        postings = [open_posting(station, boss, employer) for _ in range(3)]
        for n in range(120):
            sid = station.seekers.save(seeker_like(person, n)).seeker_id
            if n % 10 == 0:
                station.referrals.refer(sid, postings[n % 3], clerk="张三")
            if n % 15 == 0:
                try:
                    client.sync()
                except SyncError as exc:
                    assert exc.offline or exc.kind is SyncKind.SERVER, (exc.kind, exc.message)
        proxy.calm()
        _sync_until_done(client)
        _sync_until_done(client)
        assert count(station, "outbox") == 0
        _same_everywhere(station, live_server)
        assert proxy.stats["cut_request"] and proxy.stats["cut_response"] and proxy.stats["busy"]
        assert 1.0 in sleeps, "Retry-After: 1 was honoured"
    finally:
        client.close()
        station.close()
        proxy.close()


def test_a_server_restart_mid_sync_ends_identical(
    tmp_path: Path, live_server: LiveServer, person: SeekerInput, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("app.sync.client.PUSH_BATCH", 500)
    sleeps: list[float] = []
    station, client = _enrolled(tmp_path / "a", live_server, live_server.url, sleeps)
    srv = live_server
    try:
        for n in range(1500):  # three batches of pushes
            born = date(1980, 1, 1) + timedelta(days=n // 500)
            station.seekers.save(replace(person, id_number=make_id(f"520102{born:%Y%m%d}", f"{n % 500:03d}")))
        restarted = threading.Event()
        down = threading.Event()

        def restart() -> None:
            srv.stop()  # lets the request it is answering finish, then closes
            restarted.stopped_at = time.monotonic()  # type: ignore[attr-defined]
            down.set()
            time.sleep(0.3)
            restarted.srv = start_server(srv.engine, srv.keys, port=srv.port)  # type: ignore[attr-defined]
            restarted.set()

        # The server goes down while it answers the second batch; the third is sent once it is
        # down (the station meets a closed port, then the restarted server).
        real_post, posts = client.transport.post, []
        stopper = threading.Thread(target=restart)

        def post(path: str, body: object) -> object:
            posts.append(path)
            if len(posts) == 2:
                stopper.start()
            elif len(posts) == 3:
                assert down.wait(10)
            return real_post(path, body)  # type: ignore[arg-type]

        monkeypatch.setattr(client.transport, "post", post)
        try:
            client.sync()
        except SyncError as exc:
            assert exc.offline, exc.message
        sync_ended = time.monotonic()
        stopper.join()
        assert restarted.stopped_at < sync_ended, "the server went down while the sync ran"  # type: ignore[attr-defined]
        assert restarted.wait(10)
        _sync_until_done(client)
        assert count(station, "outbox") == 0
        _same_everywhere(station, srv)
        restarted.srv.stop()  # type: ignore[attr-defined]
    finally:
        client.close()
        station.close()
