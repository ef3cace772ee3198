"""A real server for the sync tests: its database on SQLite or on PostgreSQL (a database made for the
run and dropped after it), served by uvicorn on a free loopback port in a background thread."""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, make_url, text

from server.api import create_app
from server.net import free_port, listening
from server.store import make_engine, upgrade
from server.vault import ServerKeys, make_keys

PG_ADMIN_URL = os.environ.get("LINGGONG_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def pg_available() -> bool:
    url = make_url(PG_ADMIN_URL)
    return listening(url.host or "127.0.0.1", url.port or 5432)


@pytest.fixture(scope="session")
def pg_required() -> bool:
    """CI must run the PostgreSQL tests: LINGGONG_REQUIRE_PG=1 turns a missing server into a failure."""
    return os.environ.get("LINGGONG_REQUIRE_PG") == "1"


def make_pg_database() -> tuple[str, Engine]:
    name = f"linggong_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    return name, admin


def drop_pg_database(name: str, admin: Engine) -> None:
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def server_keys() -> ServerKeys:
    """The test server's keys (a real server reads them from its key file, server/vault.py)."""
    return make_keys()


@pytest.fixture(params=["sqlite", "postgresql"])
def server_engine(
    request: pytest.FixtureRequest, tmp_path: Path, pg_required: bool, server_keys: ServerKeys
) -> Iterator[Engine]:
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'server.db'}")
        upgrade(engine, server_keys)
        yield engine
        engine.dispose()
        return
    if not pg_available():
        if pg_required:
            pytest.fail("PostgreSQL is required (LINGGONG_REQUIRE_PG=1) but 127.0.0.1:5432 does not answer")
        pytest.skip("no PostgreSQL on 127.0.0.1:5432")
    name, admin = make_pg_database()
    engine = make_engine(PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}")
    try:
        upgrade(engine, server_keys)
        yield engine
    finally:
        engine.dispose()
        drop_pg_database(name, admin)


@dataclass
class LiveServer:
    engine: Engine
    keys: ServerKeys
    url: str
    port: int
    server: object
    thread: threading.Thread

    def stop(self) -> None:
        self.server.should_exit = True  # type: ignore[attr-defined]
        self.thread.join(timeout=10)


def start_server(
    engine: Engine,
    keys: ServerKeys,
    port: int | None = None,
    *,
    tls: tuple[Path, Path] | None = None,
    metrics_token: str | None = None,
) -> LiveServer:
    """uvicorn in a thread: plain http on loopback, or https with `tls` = (certificate, key)."""
    import uvicorn

    port = port or free_port()
    config = uvicorn.Config(
        create_app(engine, keys, metrics_token=metrics_token),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        access_log=False,
        ssl_certfile=str(tls[0]) if tls else None,
        ssl_keyfile=str(tls[1]) if tls else None,
    )
    server = uvicorn.Server(config)
    server.install_signal_handlers = lambda: None  # type: ignore[method-assign]
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("server did not start")
        time.sleep(0.02)
    return LiveServer(engine, keys, f"{'https' if tls else 'http'}://127.0.0.1:{port}", port, server, thread)


@pytest.fixture
def live_server(server_engine: Engine, server_keys: ServerKeys) -> Iterator[LiveServer]:
    srv = start_server(server_engine, server_keys)
    yield srv
    srv.stop()
