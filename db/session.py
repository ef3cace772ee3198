"""Opening the counter's SQLite database: pragmas, one writer engine, one reader engine, migrations."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from db.name_index import name_grams

log = logging.getLogger("linggong.db")

BUSY_TIMEOUT_MS = 5000
CACHE_KIB = 64 * 1024
MMAP_BYTES = 1024 * 1024 * 1024


def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.execute("PRAGMA foreign_keys = ON")
    # A larger page cache and memory-mapped reads: index lookups on a million people stay in memory
    # instead of one read() system call per B-tree page.
    cur.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    cur.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
    # The name-index triggers call a function defined here; allow it where the build defaults
    # to an untrusted schema.
    cur.execute("PRAGMA trusted_schema = ON")
    cur.close()
    dbapi_conn.create_function("lg_name_grams", 1, name_grams, deterministic=True)


def _make_engine(url: str, *, begin: str) -> Engine:
    engine = create_engine(
        url,
        # The driver's own transaction handling is off; SQLAlchemy's begin event below decides.
        connect_args={"isolation_level": None, "check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
        poolclass=NullPool if ":memory:" in url else None,
    )
    event.listen(engine, "connect", _on_connect)

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql(begin)

    return engine


@dataclass
class Database:
    """A counter database: `write()` for the single writer, `read()` for queries."""

    path: Path
    writer: Engine
    reader: Engine

    def __post_init__(self) -> None:
        self.write_sessions = sessionmaker(self.writer, expire_on_commit=False)
        self._read_sessions = sessionmaker(self.reader, expire_on_commit=False)

    @contextmanager
    def write(self, **info: Any) -> Iterator[Session]:
        """A session whose transaction takes the write lock at once and commits on success.

        `info` goes into the session's own `info` (copied, never shared with other sessions)."""
        with self.write_sessions(info=info) as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._read_sessions() as session:
            yield session

    def raw_reader(self) -> Any:
        """A pooled DBAPI connection for hot read paths (search); close() returns it to the pool."""
        return self.reader.raw_connection()

    def dispose(self) -> None:
        self.writer.dispose()
        self.reader.dispose()


def open_database(path: Path, *, migrate: bool = True) -> Database:
    """Open (and create or upgrade) the database at `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{path}"
    db = Database(path, _make_engine(url, begin="BEGIN IMMEDIATE"), _make_engine(url, begin="BEGIN"))
    if migrate:
        upgrade(db.writer)
    return db


def alembic_config(engine: Engine) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(engine), revision)


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()
