import json
from pathlib import Path
from typing import Any

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


_SEEKER_SQL = (
    "INSERT INTO seekers (id, hlc, field_hlc, origin_station, deleted, created_at, updated_at, name, name_initials,"
    " id_key, id_cipher, id_masked, sex, birth_date, phone, phone_last4, district_code, job_types, skills,"
    " avail_slots, wage_unit, groups, consent, notes) VALUES (:id, :hlc, :field_hlc, 'GY01', 0,"
    " '2026-11-20 08:00:00', '2026-11-20 08:00:00', '张三', 'zs', :id, x'00', :masked, 'M', :born, '13800138000',"
    " '8000', '520102', '[]', '', '[]', 'day', '[]', 1, '')"
)
_EMPLOYER_SQL = (
    "INSERT INTO employers (id, hlc, field_hlc, origin_station, deleted, created_at, updated_at, kind, name,"
    " short_name, name_initials, credit_code, owner_id_key, owner_id_masked, contact_name, phone, phone2, address,"
    " district_code, industry, terms_accepted, terms_version, suspended, suspension_reason, suspension_note,"
    " suspended_by, notes) VALUES (:id, :hlc, '{}', 'GY01', 0, '2026-11-20 08:00:00', '2026-11-20 08:00:00',"
    " :kind, '刘家', '', '', :credit, :owner, :masked, '刘芳', '13800138001', '', '', '520102', '', 1, '', 0, '', '',"
    " '', '')"
)
OURS, THEIRS = "001763000000000.00000.GY01", "001763000000000.00000.ZY02"
LAST_SYNC = "001764000000000.00000.GY01"


def _station_at_0008(path: Path, *, synced: bool) -> Any:
    from sqlalchemy import text

    engine = _make_engine(f"sqlite:///{path}", begin="BEGIN IMMEDIATE")
    upgrade(engine, "0008")
    later = "001765000000000.00000.GY01"  # written after the last sync: still queued, not yet pushed
    seekers = [
        ("pushed", OURS, "{}", "5201**********1236", "1990-03-07"),
        ("pulled", THEIRS, "{}", "5203**********002X", "1985-10-31"),
        ("queued", later, "{}", "5201**********4561", "1992-05-17"),
        ("born on the 1st", "001763500000000.00000.GY01", json.dumps({"*": OURS}), "5201**********1238", "1990-04-01"),
        ("id fixed elsewhere", OURS, json.dumps({"birth_date": THEIRS, "id_masked": THEIRS}),
         "5226**********0011", "1972-07-15"),
    ]  # fmt: skip
    with engine.begin() as conn:
        for row_id, hlc, stamps, masked, born in seekers:
            conn.execute(
                text(_SEEKER_SQL), {"id": row_id, "hlc": hlc, "field_hlc": stamps, "masked": masked, "born": born}
            )
        conn.execute(
            text(_EMPLOYER_SQL),
            {
                "id": "household",
                "hlc": OURS,
                "kind": "household",
                "credit": None,
                "owner": "k",
                "masked": "5201**********0817",
            },
        )
        conn.execute(
            text(_EMPLOYER_SQL),
            {
                "id": "company",
                "hlc": OURS,
                "kind": "enterprise",
                "credit": "91520000214434146R",
                "owner": None,
                "masked": "",
            },
        )
        queued = {"name": "王五", "birth_date": "1992-05-17", "id_masked": "5201**********4561"}
        refused = {"birth_date": "1985-10-31", "id_masked": "5203**********002X"}
        conn.execute(
            text(
                "INSERT INTO outbox (change_id, entity, row_id, fields, hlc, created_at, state, reason) VALUES "
                "('c-1', 'seeker', 'queued', :queued, :later, '2026-11-20 08:00:00', 'pending', ''), "
                "('c-2', 'seeker', 'pulled', :refused, :ours, '2026-11-20 08:00:00', 'quarantined', '不是本站的记录')"
            ),
            {"queued": json.dumps(queued), "refused": json.dumps(refused), "later": later, "ours": OURS},
        )
        if synced:
            conn.execute(text("INSERT INTO sync_state (key, value) VALUES ('last_hlc', :v)"), {"v": LAST_SYNC})
    return engine


def test_0009_keeps_birth_months_and_region_masks_and_sends_the_fields_this_station_pushed(tmp_path: Path) -> None:
    from sqlalchemy import text

    engine = _station_at_0008(tmp_path / "e.db", synced=True)
    upgrade(engine)
    with engine.connect() as conn:
        seekers = {r.id: r for r in conn.execute(text("SELECT id, hlc, field_hlc, id_masked, birth_date FROM seekers"))}
        owner = conn.execute(text("SELECT owner_id_masked FROM employers WHERE id = 'household'")).scalar()
        company = conn.execute(text("SELECT owner_id_masked, hlc FROM employers WHERE id = 'company'")).one()
        outbox = conn.execute(text("SELECT change_id, row_id, fields, hlc, state FROM outbox ORDER BY seq")).all()
    engine.dispose()

    assert {k: (r.birth_date, r.id_masked) for k, r in seekers.items()} == {
        "pushed": ("1990-03-01", "5201**************"),
        "pulled": ("1985-10-01", "5203**************"),
        "queued": ("1992-05-01", "5201**************"),
        "born on the 1st": ("1990-04-01", "5201**************"),
        "id fixed elsewhere": ("1972-07-01", "5226**************"),
    }
    assert owner == "5201**************" and tuple(company) == ("", OURS)
    # What was queued or quarantined is coarsened where it sits, under its own change id.
    assert [(e.change_id, e.state, json.loads(e.fields)) for e in outbox[:2]] == [
        ("c-1", "pending", {"name": "王五", "birth_date": "1992-05-01", "id_masked": "5201**************"}),
        ("c-2", "quarantined", {"birth_date": "1985-10-01", "id_masked": "5203**************"}),
    ]
    # What the server already holds from this station goes again, stamped after everything before.
    sent = {e.row_id: json.loads(e.fields) for e in outbox[2:]}
    assert sent == {
        "pushed": {"birth_date": "1990-03-01", "id_masked": "5201**************"},
        "born on the 1st": {"id_masked": "5201**************"},
        "household": {"owner_id_masked": "5201**************"},
    }
    stamps = {e.hlc for e in outbox[2:]}
    assert len(stamps) == 1 and {e.state for e in outbox[2:]} == {"pending"}
    stamp = stamps.pop()
    assert stamp > "001765000000000.00000.GY01" and stamp.endswith(".GY01")
    pushed = seekers["pushed"]
    assert pushed.hlc == stamp
    assert json.loads(pushed.field_hlc) == {"*": OURS, "birth_date": stamp, "id_masked": stamp}
    assert json.loads(seekers["id fixed elsewhere"].field_hlc) == {"birth_date": THEIRS, "id_masked": THEIRS}
    # Nothing of the old values is left in the file.
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("e.db*"))
    for old in (b"1990-03-07", b"1985-10-31", b"1992-05-17", b"1236", b"002X", b"4561", b"0817"):
        assert old not in raw


def test_0009_on_a_station_that_never_synced_queues_nothing_new(tmp_path: Path) -> None:
    from sqlalchemy import text

    engine = _station_at_0008(tmp_path / "f.db", synced=False)
    upgrade(engine)
    with engine.connect() as conn:
        births = set(conn.execute(text("SELECT birth_date FROM seekers")).scalars())
        entries = conn.execute(text("SELECT change_id FROM outbox ORDER BY seq")).scalars().all()
    engine.dispose()
    assert births == {"1990-03-01", "1985-10-01", "1992-05-01", "1990-04-01", "1972-07-01"}
    assert entries == ["c-1", "c-2"]
