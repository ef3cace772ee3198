"""The server's database: SQLite in the data dir by default, PostgreSQL for a city or province."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server.models import Counter, KeyCheck
from server.vault import KeyFileError, ServerKeys

SEQ = "seq"
POOL_SIZE = 16  # database connections per server process (and requests worked on at once)
DEPLOYMENT_KEYS = ("lookup_key", "data_key")
KEY_CHECK = "keys"


def private_sqlite_file(path: Path) -> None:
    """The database file, made 0600 before SQLite opens it (SQLite gives its -wal and -shm files
    the database file's permissions), in a directory made 0700. An older server's 0644 files are
    narrowed too."""
    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name != "posix":
        return
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if p.exists():
            p.chmod(0o600)


def make_engine(url: str) -> Engine:
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        if u.database and u.database != ":memory:":
            private_sqlite_file(Path(u.database))
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


def upgrade(engine: Engine, keys: ServerKeys) -> None:
    """Apply the server's migrations (0004 seals the personal fields of a database kept in clear
    and drops the keys it held, which `vault.open_keys` moved into the key file first), then check
    that `keys` are this database's."""
    from alembic import command

    old = legacy_keys(engine)
    if old is not None and (old["lookup_key"], old["data_key"]) != (keys.lookup_key, keys.data_key):
        raise KeyFileError("密钥文件中的密钥与服务器数据库中原有的不同：请用 vault.open_keys 从数据库迁出的密钥文件")
    cfg = alembic_config(engine)
    cfg.attributes["server_keys"] = keys
    command.upgrade(cfg, "head")
    if old is not None:
        _compact(engine)
    try:
        with Session(engine) as s, s.begin():
            if s.get(Counter, SEQ) is None:
                s.add(Counter(name=SEQ, value=0))
            if s.get(KeyCheck, KEY_CHECK) is None:
                s.add(KeyCheck(name=KEY_CHECK, value=keys.check()))
    except IntegrityError:
        pass  # another instance starting at the same moment made them first
    with Session(engine) as s:
        if s.get(KeyCheck, KEY_CHECK).value != keys.check():  # type: ignore[union-attr]
            raise KeyFileError(
                "服务器密钥文件不是这个数据库的（数据库由另一个密钥文件加密）。"
                "共用一个数据库的各服务器实例须使用同一个密钥文件：请复制第一个实例的密钥文件"
            )


def _compact(engine: Engine) -> None:
    """Rewrite the records after migration 0004 sealed them, so the clear text they held does not
    linger in free pages (SQLite, and its WAL) or in dead row versions (PostgreSQL)."""
    if engine.dialect.name == "sqlite":
        raw = engine.raw_connection()
        try:
            cur = raw.cursor()
            cur.execute("VACUUM")
            cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            cur.close()
        finally:
            raw.close()
    elif engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM FULL records")


def legacy_keys(engine: Engine) -> dict[str, bytes] | None:
    """The deployment keys a database before migration 0004 kept in its `secrets` table, or None."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("secrets"):
            return None
        rows: dict[str, bytes] = dict(conn.execute(text("SELECT name, value FROM secrets")).all())
    if not all(rows.get(name) for name in DEPLOYMENT_KEYS):
        return None
    return {name: bytes(rows[name]) for name in DEPLOYMENT_KEYS}


def sealed_database(engine: Engine) -> bool:
    """Whether this database was set up with a key file (its data cannot be read without it)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("key_check"):
            return False
        return conn.execute(select(KeyCheck.value)).first() is not None
