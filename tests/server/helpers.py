"""Stations enrolled with a live server, for the sync tests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, func, select, text

from app.station import Station, open_station
from app.supervisor import Supervisor
from app.sync.client import SyncClient, enroll
from app.sync.transport import Transport
from server import admin


@dataclass
class Counter:
    """A counter PC: its station and its sync client."""

    station: Station
    client: SyncClient
    boss: Supervisor

    def sync(self):  # type: ignore[no-untyped-def]
        return self.client.sync()

    def close(self) -> None:
        self.client.close()
        self.station.close()


def quick_transport(url: str, token: str = "") -> Transport:
    return Transport(url, token, timeout=10.0, attempts=4, backoff=0.05, max_wait=1.0)


def enrolled_counter(root: Path, engine: Engine, url: str, *, name: str, region: str = "520000") -> Counter:
    new = admin.add_station(engine, name, region)
    station = open_station(root)
    try:
        enroll(station, url, new.enrol_code)
    finally:
        station.close()
    return reopen(root, url)


def reopen(root: Path, url: str) -> Counter:
    station = open_station(root)
    station.supervisor.set_pin("246810")
    boss = station.supervisor.verify("王主管", "246810")
    from app.sync.client import read_token

    client = SyncClient(station, transport=quick_transport(url, read_token(station.data.keys)))
    return Counter(station, client, boss)


def count(station: Station, table: str, where: str = "1=1") -> int:
    with station.db.read() as s:
        return int(s.execute(text(f"SELECT count(*) FROM {table} WHERE {where}")).scalar_one())


def server_count(engine: Engine, entity: str) -> int:
    from server.models import Record

    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).where(Record.entity == entity)).scalar_one())
