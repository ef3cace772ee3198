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


def test_every_choice_fits_its_column_as_the_sync_server_checks_it() -> None:
    """A value the counter offers must pass the server's field check, or every record holding it is
    refused at sync (a posting "settled on completion" once was)."""
    from app import reference as ref
    from app.sync.entities import BY_NAME, check

    offered = {
        ("seeker", "wage_unit"): ref.WAGE_UNITS,
        ("employer", "kind"): ref.EMPLOYER_KINDS,
        ("employer", "industry"): ref.INDUSTRIES,
        ("employer", "suspension_reason"): ref.SUSPENSION_REASONS,
        ("posting", "pay_unit"): ref.WAGE_UNITS,
        ("posting", "settlement"): ref.SETTLEMENTS,
        ("posting", "status"): ref.POSTING_STATUSES,
        ("posting", "sex_limit"): ref.SEX_LIMITS,
        ("referral", "status"): ref.REFERRAL_STATUSES,
        ("referral_outcome", "outcome"): ref.REFERRAL_STATUSES,
        ("follow_up_call", "result"): ref.CALL_RESULTS,
    }
    refused = [
        (entity, field, c.key)
        for (entity, field), choices in offered.items()
        for c in choices
        if check(BY_NAME[entity].columns[field], c.key) is not None
    ]
    assert refused == []


def test_old_settlement_key_is_renamed_and_its_refused_changes_go_again(tmp_path: Path) -> None:
    from alembic import command
    from sqlalchemy import text

    from db.session import alembic_config

    engine = _make_engine(f"sqlite:///{tmp_path / 'd.db'}", begin="BEGIN IMMEDIATE")
    upgrade(engine, "0007")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO outbox (change_id, entity, row_id, fields, hlc, created_at, state, reason) VALUES "
                "('c-1', 'posting', 'p-1', '{\"settlement\": \"on_completion\", \"title\": \"搬运\"}', 'h', "
                "'2026-11-20 08:00:00', 'quarantined', '字段 settlement：类型或长度不对'), "
                "('c-2', 'posting', 'p-2', '{\"settlement\": \"daily\"}', 'h', '2026-11-20 08:00:00', 'pending', '')"
            )
        )
    command.upgrade(alembic_config(engine), "head")
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT change_id, fields, state, reason FROM outbox ORDER BY seq")).all()
    engine.dispose()
    import json
    import uuid

    first, second = rows
    assert json.loads(first.fields) == {"settlement": "completion", "title": "搬运"}
    assert (first.state, first.reason) == ("pending", "")
    assert first.change_id != "c-1" and uuid.UUID(first.change_id).version == 4
    assert tuple(second) == ("c-2", '{"settlement": "daily"}', "pending", "")
