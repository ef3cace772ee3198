"""The server's database: SQLite in the data dir by default, PostgreSQL for a city or province."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server.models import Counter, Secret

SEQ = "seq"
POOL_SIZE = 16  # database connections per server process (and requests worked on at once)
DEPLOYMENT_KEYS = ("lookup_key", "data_key")


def make_engine(url: str) -> Engine:
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        if u.database and u.database != ":memory:":
            Path(u.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"isolation_level": None, "check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA synchronous = NORMAL")
            cur.execute("PRAGMA busy_timeout = 30000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _begin(conn: Any) -> None:
            # A transaction that may write takes the lock at once (no upgrade deadlocks); reads
            # ask for a plain BEGIN with execution_options(read_only=True).
            conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get("read_only") else "BEGIN IMMEDIATE")

        return engine
    # No pre-ping (a round trip before every request): a connection found dead after a database
    # restart fails that one request with 503 and Retry-After, and the pool is renewed.
    return create_engine(url, pool_size=POOL_SIZE, max_overflow=4, pool_recycle=1800)


def alembic_config(engine: Engine) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine) -> None:
    """Apply the server's migrations, then make the deployment's keys if this is a new server."""
    from alembic import command

    command.upgrade(alembic_config(engine), "head")
    try:
        with Session(engine) as s, s.begin():
            if s.get(Counter, SEQ) is None:
                s.add(Counter(name=SEQ, value=0))
            for name in DEPLOYMENT_KEYS:
                if s.get(Secret, name) is None:
                    s.add(Secret(name=name, value=secrets.token_bytes(32)))
    except IntegrityError:
        pass  # another instance starting at the same moment made them first


def deployment_keys(s: Session) -> dict[str, bytes]:
    rows = s.execute(select(Secret.name, Secret.value).where(Secret.name.in_(DEPLOYMENT_KEYS))).all()
    return {name: value for name, value in rows}  # noqa: C416
