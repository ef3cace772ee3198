"""A copy of the server's database is worth nothing to a thief: personal fields sealed, keys in a 0600
file outside it, the database file private, and an older server's clear data migrated."""

from __future__ import annotations

import base64
import json
import stat
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
from sqlalchemy import Engine, insert, inspect, select, text

from app.cli import main as linggong
from app.services.employers import EmployerInput
from app.services.seekers import SeekerInput
from app.sync.hlc import HybridLogicalClock
from db.models import Employer, Seeker
from server import sync
from server.models import Record
from server.store import alembic_config, make_engine, upgrade
from server.vault import KeyFileError, ServerKeys, make_keys, open_keys, read_key_file
from tests.conftest import TODAY, make_id, open_posting
from tests.server.conftest import (
    PG_ADMIN_URL,
    LiveServer,
    drop_pg_database,
    make_pg_database,
    pg_available,
)
from tests.server.helpers import enrolled_counter


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def stolen(engine: Engine) -> bytes:
    """Everything a thief of the database gets: on SQLite the files' bytes (with the WAL), on
    PostgreSQL every column of every table as text, as pg_dump writes them."""
    if engine.dialect.name == "sqlite":
        db = Path(str(engine.url.database))
        return b"".join(p.read_bytes() for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm")) if p.exists())
    out = []
    with engine.connect() as conn:
        for table in inspect(conn).get_table_names():
            cols = [c["name"] for c in inspect(conn).get_columns(table)]
            row_text = ", ".join(f"coalesce(\"{c}\"::text, '')" for c in cols)
            for row in conn.execute(text(f"SELECT concat_ws(' | ', {row_text}) FROM \"{table}\"")).scalars():
                out.append(row)
    return "\n".join(out).encode("utf-8")


def _forms(secret: str) -> list[bytes]:
    """A value as it may sit in a dump: plain UTF-8, or JSON-escaped (\\u5f20…)."""
    return [secret.encode("utf-8"), json.dumps(secret)[1:-1].encode("ascii")]


def _key_forms(keys: ServerKeys) -> list[bytes]:
    out = []
    for key in (keys.lookup_key, keys.data_key, keys.at_rest_key):
        out += [key, base64.b64encode(key), key.hex().encode(), base64.urlsafe_b64encode(key).rstrip(b"=")]
    return out


def assert_nothing_readable(dump: bytes, secrets: list[str], keys: ServerKeys) -> None:
    for secret in secrets:
        for form in _forms(secret):
            assert form not in dump, f"{secret} is readable in the server's database"
    for form in _key_forms(keys):
        assert form not in dump, "a key of the key file is in the server's database"


def test_a_stolen_server_database_holds_no_name_phone_id_or_key(
    tmp_path: Path, live_server: LiveServer, person: SeekerInput, company: EmployerInput
) -> None:
    """People, a household employer and a referral synced from a station: the server's database,
    read raw, shows none of their names, phones, ID numbers, notes or the ID ciphers, nor any key;
    a pull still gives the station every field back."""
    engine = live_server.engine
    a = enrolled_counter(tmp_path / "a", engine, live_server.url, name="观山湖区零工市场")
    try:
        people = [
            replace(person, notes="腰椎间盘突出，不能搬重物", skills="会开叉车，持证十年"),
            replace(person, name="欧阳娜娜", id_number=make_id("52011519851231", "046"), phone="13698765432"),
        ]
        ids = [a.station.seekers.save(p).seeker_id for p in people]
        owner = make_id("52010219700101", "555")
        household = EmployerInput(
            kind="household",
            name="刘秀英",
            owner_id_number=owner,
            contact_name="刘秀英",
            phone="13899990000",
            address="观山湖区金阳南路6号3栋2单元",
            district_code="520102",
            terms_accepted=True,
        )
        a.station.employers.save(household)
        employer = a.station.employers.save(company).employer_id
        posting = open_posting(a.station, a.boss, employer)
        a.station.referrals.refer(ids[0], posting, clerk="李四", today=TODAY)
        assert a.sync().complete
        with a.station.db.read() as s:
            held = {r.id: r for r in s.scalars(select(Seeker))}
            ciphers = [base64.b64encode(r.id_cipher).decode() for r in held.values()]
            ciphers += [
                base64.b64encode(e.owner_id_cipher).decode() for e in s.scalars(select(Employer)) if e.owner_id_cipher
            ]
        secrets = [p.name for p in people] + [p.id_number for p in people] + [p.phone for p in people]
        secrets += ["刘秀英", owner, "13899990000", "金阳南路6号", "腰椎间盘突出", "会开叉车", *ciphers]
        dump = stolen(engine)
        assert "观山湖区零工市场".encode() in dump and b"520102" in dump  # the dump reads what is there
        assert_nothing_readable(dump, secrets, live_server.keys)

        # What reports may read without the key: the masked name and birth band beside the clear
        # county, sex and groups.
        with engine.connect() as conn:
            shown = dict(conn.execute(select(Record.id, Record.coarse).where(Record.entity == "seeker")).all())
        assert shown[ids[0]] == {"name": "张*丰", "born": "1990-1994"}
        assert shown[ids[1]] == {"name": "欧**娜", "born": "1985-1989"}

        # The station gets every field back, decrypted, by pull.
        info = sync.StationInfo(a.station.settings.station_id, a.station.settings.station_code, "520000")
        page = orjson.loads(orjson.dumps(sync.pull(engine, info, 0, 1000, keys=live_server.keys)))  # as sent
        pulled = {r["id"]: r["fields"] for r in page["records"] if r["entity"] == "seeker"}
        for i, p in zip(ids, people, strict=True):
            assert pulled[i]["name"] == p.name and pulled[i]["phone"] == p.phone
            assert pulled[i]["birth_date"] == held[i].birth_date.isoformat()
            assert pulled[i]["notes"] == p.notes and pulled[i]["skills"] == p.skills
            assert base64.b64decode(pulled[i]["id_cipher"]) == held[i].id_cipher
            assert a.station.keys.decrypt(base64.b64decode(pulled[i]["id_cipher"])) == p.id_number
    finally:
        a.close()


def test_a_second_station_looking_a_person_up_gets_their_fields_in_clear(
    tmp_path: Path, live_server: LiveServer, person: SeekerInput
) -> None:
    engine = live_server.engine
    a = enrolled_counter(tmp_path / "a", engine, live_server.url, name="观山湖区零工市场")
    b = enrolled_counter(tmp_path / "b", engine, live_server.url, name="花溪区零工驿站")
    try:
        seeker_id = a.station.seekers.save(replace(person, notes="会说布依语")).seeker_id
        assert a.sync().complete
        assert b.client.lookup_seeker(a.station.keys.id_key(person.id_number)) == seeker_id
        with b.station.db.read() as s:
            got = s.scalars(select(Seeker).where(Seeker.id == seeker_id)).one()
        assert (got.name, got.phone, got.notes) == (person.name, person.phone, "会说布依语")
        assert b.station.keys.decrypt(got.id_cipher) == person.id_number
    finally:
        a.close()
        b.close()


def test_the_server_keeps_its_keys_in_a_private_file_and_its_database_private(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`linggong server` on a data dir: the database 0600 (an older 0644 file narrowed), the data dir
    0700, the keys in a 0600 file there; started again without that file, it refuses and says
    where the file must go, instead of making new keys."""
    monkeypatch.delenv("LINGGONG_SERVER_DB", raising=False)
    monkeypatch.delenv("LINGGONG_SERVER_KEYS", raising=False)
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    (data / "server.db").touch(mode=0o644)
    args = ["--data-dir", str(data), "server"]
    assert linggong([*args, "add-station", "--name", "观山湖区零工市场", "--region", "520100"]) == 0
    capsys.readouterr()
    key_file = data / "server-keys.json"
    assert _mode(key_file) == 0o600 and _mode(data) == 0o700
    for name in ("server.db", "server.db-wal", "server.db-shm"):
        if (data / name).exists():
            assert _mode(data / name) == 0o600, name
    keys = read_key_file(key_file)
    engine = make_engine(f"sqlite:///{data / 'server.db'}")
    assert_nothing_readable(stolen(engine), [], keys)
    engine.dispose()

    key_file.rename(tmp_path / "moved.json")
    assert linggong([*args, "list-stations"]) == 2
    err = capsys.readouterr().err
    assert "找不到密钥文件" in err and str(key_file) in err
    assert not key_file.exists()
    # The file from the environment's path works; another server's keys are refused.
    monkeypatch.setenv("LINGGONG_SERVER_KEYS", str(tmp_path / "moved.json"))
    assert linggong([*args, "list-stations"]) == 0
    assert "GY01" in capsys.readouterr().out
    other = tmp_path / "other.json"
    from server.vault import write_key_file

    write_key_file(other, make_keys())
    monkeypatch.setenv("LINGGONG_SERVER_KEYS", str(other))
    assert linggong([*args, "list-stations"]) == 2
    assert "不是这个数据库的" in capsys.readouterr().err


# ---- an older server (migration 0003) migrated ---------------------------------------------------
@pytest.fixture(params=["sqlite", "postgresql"])
def old_url(request: pytest.FixtureRequest, tmp_path: Path, pg_required: bool) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'old' / 'server.db'}"
        return
    if not pg_available():
        if pg_required:
            pytest.fail("PostgreSQL is required (LINGGONG_REQUIRE_PG=1) but 127.0.0.1:5432 does not answer")
        pytest.skip("no PostgreSQL on 127.0.0.1:5432")
    name, admin = make_pg_database()
    try:
        yield PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        drop_pg_database(name, admin)


def _old_server(engine: Engine, people: int) -> tuple[dict[str, bytes], dict[str, dict[str, Any]]]:
    """A database as a server before 0004 left it: the keys in `secrets`, every field in clear."""
    from alembic import command

    command.upgrade(alembic_config(engine), "0003")
    old_keys = {"lookup_key": b"L" * 32, "data_key": b"D" * 32}
    hlc = HybridLogicalClock("GY01").now()
    rows: dict[str, dict[str, Any]] = {}
    for i in range(people):
        rows[str(uuid.UUID(int=i + 1))] = {
            "name": f"张{i}丰",
            "id_key": f"{i:064x}",
            "id_cipher": base64.b64encode(b"cipher-" + str(i).encode()).decode(),
            "id_masked": "5201**********123X",
            "sex": "M",
            "birth_date": "1990-03-07",
            "phone": f"138{i:08d}",
            "phone_last4": f"{i:04d}"[-4:],
            "district_code": "520102",
            "groups": ["disabled"] if i % 2 else [],
            "notes": f"第{i}号的病历",
        }
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO counters (name, value) VALUES ('seq', :n)"), {"n": people})
        for name, value in old_keys.items():
            conn.execute(text("INSERT INTO secrets (name, value) VALUES (:n, :v)"), {"n": name, "v": value})
        conn.execute(
            insert(Record),
            [
                {
                    "id": rid,
                    "entity": "seeker",
                    "seq": n + 1,
                    "hlc": hlc,
                    "data": data,
                    "field_hlc": {},
                    "owner": "station-1",
                    "district": "520102",
                    "identity": data["id_key"],
                    "status": "",
                    "deleted": False,
                    "updated_at": datetime(2026, 11, 24, 8, 0),
                }
                for n, (rid, data) in enumerate(rows.items())
            ],
        )
    return old_keys, rows


def test_an_older_server_is_migrated_keys_into_the_file_and_people_sealed(old_url: str, tmp_path: Path) -> None:
    """A server that kept its keys in the database and every field in clear: at the next start the
    keys move to the key file (the stations' keys unchanged), every record is sealed in batches,
    the secrets table is gone, and the records read back as they were."""
    engine = make_engine(old_url)
    try:
        old_keys, rows = _old_server(engine, 2_500)
        key_file = tmp_path / "keys" / "server-keys.json"
        keys = open_keys(engine, key_file)
        assert (keys.lookup_key, keys.data_key) == (old_keys["lookup_key"], old_keys["data_key"])
        assert _mode(key_file) == 0o600
        upgrade(engine, keys)
        with engine.connect() as conn:
            assert not inspect(conn).has_table("secrets")
            stored = {r.id: keys.full(r.id, r.data, r.sealed) for r in conn.execute(select(Record))}
        assert stored == rows
        secrets = [d["name"] for d in rows.values()] + [d["phone"] for d in rows.values()]
        secrets += [d["id_cipher"] for d in rows.values()] + [d["notes"] for d in rows.values()]
        dump = stolen(engine)
        assert b"520102" in dump and b"disabled" in dump
        assert_nothing_readable(dump, secrets, keys)
        for value in old_keys.values():
            assert value not in dump and base64.b64encode(value) not in dump

        info = sync.StationInfo("station-1", "GY01", "520000")
        page = orjson.loads(orjson.dumps(sync.pull(engine, info, 0, 5000, keys=keys)))
        assert {r["id"]: r["fields"] for r in page["records"]} == rows

        # Started again: the same keys from the file, nothing to migrate. Without the file it
        # refuses rather than make new keys over sealed data.
        assert open_keys(engine, key_file) == keys
        upgrade(engine, keys)
        key_file.unlink()
        with pytest.raises(KeyFileError, match="找不到密钥文件"):
            open_keys(engine, key_file)
        assert not key_file.exists()
    finally:
        engine.dispose()


def test_keys_that_are_not_the_old_servers_are_refused_before_anything_is_sealed(old_url: str, tmp_path: Path) -> None:
    engine = make_engine(old_url)
    try:
        _old_keys, rows = _old_server(engine, 3)
        with pytest.raises(KeyFileError, match="不同"):
            upgrade(engine, make_keys())
        with engine.connect() as conn:
            assert inspect(conn).has_table("secrets")
            assert {r.id: r.data for r in conn.execute(select(Record.id, Record.data))} == rows
    finally:
        engine.dispose()
