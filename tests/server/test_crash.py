"""Kill the station at random moments while it registers people and syncs; restart it; in the end
nothing the clerk saw saved is missing and nothing is doubled, on the station or on the server."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
from pathlib import Path

import pytest
from sqlalchemy import select, text

from app.station import open_station
from app.sync.client import SyncClient, read_token
from server import admin
from server.models import Record
from tests.server.conftest import LiveServer
from tests.server.helpers import quick_transport

KILLS = 110


@pytest.mark.slow
def test_killed_at_random_points_loses_nothing_and_doubles_nothing(tmp_path: Path, live_server: LiveServer) -> None:
    root = tmp_path / "station"
    new = admin.add_station(live_server.engine, "观山湖区零工市场", "520100")
    station = open_station(root)
    from app.sync.client import enroll

    enroll(station, live_server.url, new.enrol_code)
    station.close()
    token = read_token(root / "keys")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["app.station", "app.sync.client", "tests.server.crash_worker", "tests.conftest"])
    from tests.server.crash_worker import work

    journal = tmp_path / "journal.txt"
    rng = random.Random(20261125)
    for k in range(KILLS):
        mark = journal.stat().st_size if journal.exists() else 0
        p = ctx.Process(target=work, args=(str(root), live_server.url, token, str(journal), k * 1000, k))
        p.start()
        deadline = time.monotonic() + 30
        while b"ready" not in (journal.read_bytes()[mark:] if journal.exists() else b""):
            assert p.is_alive(), "the station failed to start again after a kill"
            assert time.monotonic() < deadline
            time.sleep(0.005)
        # The kill lands a random share of the way through the station's next few steps: on a busy
        # machine a step takes longer, so the time is measured from the station's first step done
        # (a registration or a sync) rather than fixed, or every kill would land before any.
        started = time.monotonic()
        while journal.read_bytes()[mark:].count(b"\n") < 2 and time.monotonic() < started + 5:
            assert p.is_alive()
            time.sleep(0.005)
        step = time.monotonic() - started
        time.sleep(rng.uniform(0.0, 0.35) * max(1.0, step / 0.05))
        os.kill(p.pid, signal.SIGKILL)
        p.join()

    saved: set[str] = set()
    phones: dict[str, str] = {}
    for line in journal.read_text().splitlines():
        if line.startswith("saved "):
            saved.add(line.split()[1])
        elif line.startswith("phone "):
            _, number, phone = line.split()
            phones[number] = phone
    assert len(saved) > 100

    station = open_station(root)
    client = SyncClient(station, transport=quick_transport(live_server.url, token))
    try:
        result = client.sync()
        assert result.complete and result.quarantined == 0
        keys = station.keys
        with station.db.read() as s:
            local = dict(s.execute(text("SELECT id_key, phone FROM seekers")).all())
            ids = list(s.execute(text("SELECT id FROM seekers")).scalars())
        for number in saved:
            assert keys.id_key(number) in local, "a registration the clerk saw saved is missing"
        for number, phone in phones.items():
            assert local[keys.id_key(number)] == phone, "an acknowledged correction is lost"
        assert len(ids) == len(set(ids)) == len(local)
        with live_server.engine.connect() as conn:
            rows = conn.execute(select(Record.id, Record.data, Record.sealed).where(Record.entity == "seeker"))
            server = {r.id: live_server.keys.full(r.id, r.data, r.sealed) for r in rows}
        assert sorted(server) == sorted(ids), "station and server hold the same people, once each"
        server_keys = [d["id_key"] for d in server.values()]
        assert len(server_keys) == len(set(server_keys))
        assert {d["id_key"]: d["phone"] for d in server.values()} == local
    finally:
        client.close()
        station.close()
