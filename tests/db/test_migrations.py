from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from db.base import Base, managed_by_models
from db.session import _make_engine, current_revision, open_database, upgrade


def test_upgrade_creates_everything_and_models_match(tmp_path: Path) -> None:
    db = open_database(tmp_path / "a.db")
    assert current_revision(db.writer) is not None
    with db.writer.connect() as conn:
        ctx = MigrationContext.configure(
            conn,
            opts={"include_object": lambda o, n, t, r, c: managed_by_models(n, t)},
        )
        assert compare_metadata(ctx, Base.metadata) == []
        journal = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
        fks = conn.exec_driver_sql("PRAGMA foreign_keys").scalar()
    assert (journal, fks) == ("wal", 1)
    db.dispose()


def test_downgrade_to_base_and_back(tmp_path: Path) -> None:
    engine = _make_engine(f"sqlite:///{tmp_path / 'b.db'}", begin="BEGIN IMMEDIATE")
    upgrade(engine)
    upgrade_to = current_revision(engine)
    from alembic import command

    from db.session import alembic_config

    command.downgrade(alembic_config(engine), "base")
    assert current_revision(engine) is None
    upgrade(engine)
    assert current_revision(engine) == upgrade_to
    engine.dispose()


def test_opening_twice_is_idempotent(tmp_path: Path) -> None:
    open_database(tmp_path / "c.db").dispose()
    open_database(tmp_path / "c.db").dispose()
