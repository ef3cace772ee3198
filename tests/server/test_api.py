"""The server's HTTP surface and its administration, as a city's administrator and a station meet them:
bad input answers 4xx with a message (never 5xx), health and metrics, the API docs, tokens kept
hashed, the admin commands, the schema its migrations make, and pushes racing each other."""

from __future__ import annotations

import gzip
import threading
import uuid
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, func, select, text

from app.cli import main as linggong
from app.sync.hlc import HybridLogicalClock
from server import admin, sync
from server.models import Record, ServerBase, StationRow
from server.vault import ServerKeys
from tests.server.conftest import LiveServer


def _enrolled(
    engine: Engine, keys: ServerKeys, name: str = "观山湖区零工市场"
) -> tuple[admin.Enrolment, dict[str, str]]:
    new = admin.add_station(engine, name, "520100")
    e = admin.enrol(engine, new.enrol_code, b"k" * 32, keys=keys)
    return e, {"Authorization": f"Bearer {e.token}"}


def _seeker_fields(id_key: str, station: str) -> dict[str, Any]:
    return {
        "name": "张三",
        "id_key": id_key,
        "id_cipher": "AAAA",
        "id_masked": "5201**********1234",
        "sex": "M",
        "birth_date": "1990-03-07",
        "phone": "13800001234",
        "phone_last4": "1234",
        "origin_station": station,
        "created_at": "2026-11-25T08:00:00.000000",
        "deleted": False,
    }


@pytest.mark.parametrize(
    ("path", "body", "headers"),
    [
        ("/api/v1/sync/push", b"{not json", {}),
        ("/api/v1/sync/push", b'{"changes": []}', {}),
        ("/api/v1/sync/push", b'{"station_time_ms": -1, "changes": []}', {}),
        ("/api/v1/sync/push", b'{"station_time_ms": 1, "changes": [{"change_id": "x"}]}', {}),
        ("/api/v1/sync/push", b'{"station_time_ms": 1, "changes": "many"}', {}),
        ("/api/v1/sync/push", b"\x1f\x8b broken gzip", {"Content-Encoding": "gzip"}),
        ("/api/v1/enrol", b'{"code": "AB"}', {}),
        ("/api/v1/enrol", b'{"code": "ABCD-EFGH-JKLM", "slip_public_key": "%%%"}', {}),
    ],
)
def test_bad_bodies_answer_4xx_with_a_message(
    live_server: LiveServer, path: str, body: bytes, headers: dict[str, str]
) -> None:
    _e, auth = _enrolled(live_server.engine, live_server.keys)
    r = httpx.post(
        live_server.url + path, content=body, headers={**auth, "Content-Type": "application/json", **headers}
    )
    assert 400 <= r.status_code < 500, r.text
    detail = r.json()["detail"]
    assert detail["code"] and detail["message"]


def test_too_many_changes_and_bad_queries_are_refused(live_server: LiveServer) -> None:
    _e, auth = _enrolled(live_server.engine, live_server.keys)
    change = {"change_id": "c" * 36, "entity": "seeker", "row_id": "r", "hlc": "0" * 20, "fields": {}}
    r = httpx.post(
        live_server.url + "/api/v1/sync/push", json={"station_time_ms": 1, "changes": [change] * 1001}, headers=auth
    )
    assert r.status_code == 422
    for query in ("since=-1", "limit=0", "limit=999999", "since=abc", "open_upto=-5"):
        r = httpx.get(f"{live_server.url}/api/v1/sync/pull?{query}", headers=auth)
        assert r.status_code == 422, query
    r = httpx.post(
        live_server.url + "/api/v1/seekers/lookup", json={"id_key": "not-a-key", "reason": "本人在窗口"}, headers=auth
    )
    assert r.status_code == 422 and "id_key" in r.json()["detail"]["message"]
    r = httpx.get(live_server.url + "/api/v1/sync/pull", headers={"Authorization": "Bearer nobody"})
    assert r.status_code == 401 and "凭证" in r.json()["detail"]["message"]


def test_a_refused_field_is_a_refusal_in_the_ack_not_an_error(live_server: LiveServer) -> None:
    e, auth = _enrolled(live_server.engine, live_server.keys)
    fields = _seeker_fields("a" * 64, e.code)
    fields["sex"] = "MALE"
    change = {"change_id": str(uuid.uuid4()), "entity": "seeker", "row_id": str(uuid.uuid4()), "hlc": "", "fields": {}}
    change.update(hlc=HybridLogicalClock(e.code).now(), fields=fields)
    r = httpx.post(
        live_server.url + "/api/v1/sync/push", json={"station_time_ms": 1, "changes": [change]}, headers=auth
    )
    assert r.status_code == 200
    [ack] = r.json()["acks"]
    assert ack["status"] == "refused" and "sex" in ack["reason"]


def test_health_metrics_and_docs(live_server: LiveServer) -> None:
    _e, auth = _enrolled(live_server.engine, live_server.keys)
    assert httpx.get(live_server.url + "/healthz").json()["status"] == "ok"
    body = gzip.compress(b'{"station_time_ms": 1, "changes": []}')
    r = httpx.post(
        live_server.url + "/api/v1/sync/push",
        content=body,
        headers={**auth, "Content-Type": "application/json", "Content-Encoding": "gzip"},
    )
    assert r.status_code == 200 and r.json()["acks"] == []
    assert int(r.headers["x-server-received-ms"]) <= int(r.headers["x-server-time-ms"])
    metrics = live_server.server.config.app.state.metrics.render()  # type: ignore[attr-defined]
    # The route is named even for a gzipped body (it once read "other").
    assert 'linggong_http_requests_total{method="POST",route="/api/v1/sync/push",status="200"} 1.0' in metrics
    assert "linggong_http_request_seconds_bucket" in metrics
    # Served to no one (tests/server/test_transport.py), built in-process for the tests and the fuzzer.
    schema = live_server.server.config.app.openapi()  # type: ignore[attr-defined]
    push_body = schema["paths"]["/api/v1/sync/push"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert "change_id" in push_body["properties"]["changes"]["items"]["properties"]


def test_tokens_and_enrolment_codes_are_kept_hashed(server_engine: Engine, server_keys: ServerKeys) -> None:
    new = admin.add_station(server_engine, "花溪区零工驿站", "520111")
    e = admin.enrol(server_engine, new.enrol_code, b"k" * 32, keys=server_keys)
    with server_engine.connect() as conn:
        dump = " ".join(str(v) for row in conn.execute(select(StationRow.__table__)) for v in row)
    assert e.token not in dump and new.enrol_code.replace("-", "") not in dump
    assert admin.station_for_token(server_engine, e.token).code == e.code
    with pytest.raises(admin.AdminError, match="已用过"):
        admin.enrol(server_engine, new.enrol_code, b"k" * 32, keys=server_keys)


def test_admin_commands_print_the_code_last_and_take_the_database_from_the_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LINGGONG_SERVER_DB", f"sqlite:///{tmp_path / 'city.db'}")
    data = ["--data-dir", str(tmp_path / "data")]
    assert linggong([*data, "server", "add-station", "--name", "观山湖区零工市场", "--region", "520100"]) == 0
    code = capsys.readouterr().out.strip().splitlines()[-1].split("/")[0]
    assert len(code) == 14 and code.count("-") == 2
    assert linggong([*data, "server", "list-stations"]) == 0
    listed = capsys.readouterr().out
    assert "GY01" in listed and "待登记" in listed
    assert linggong([*data, "server", "revoke-station", "GY01"]) == 0
    assert "已停用" in capsys.readouterr().out
    assert linggong([*data, "server", "add-station", "--name", "x", "--region", "999999"]) == 2
    assert "行政区划代码" in capsys.readouterr().err
    assert (tmp_path / "city.db").exists() and not (tmp_path / "data" / "server.db").exists()


def test_the_migrations_make_the_models_schema(server_engine: Engine) -> None:
    with server_engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), ServerBase.metadata)
    assert diff == []


def test_stations_racing_to_register_one_person_end_with_one_record(
    server_engine: Engine, server_keys: ServerKeys
) -> None:
    """Pushes run side by side now; eight stations pushing the same new person at the same moment
    still leave one record, the others merged into it."""
    stations = []
    for i in range(8):
        e, _auth = _enrolled(server_engine, server_keys, f"驿站{i}")
        stations.append(sync.StationInfo(e.station_id, e.code, e.region))
    id_key = "b" * 64
    start = threading.Barrier(len(stations))
    acks: list[dict[str, Any]] = []
    errors: list[BaseException] = []

    def push(info: sync.StationInfo) -> None:
        clock = HybridLogicalClock(info.code)
        change = sync.IncomingChange(
            str(uuid.uuid4()), "seeker", str(uuid.uuid4()), clock.now(), _seeker_fields(id_key, info.code)
        )
        start.wait()
        try:
            acks.extend(
                sync.push(
                    server_engine, info, [change], HybridLogicalClock("server"), clock.wall_ms(), keys=server_keys
                )
            )
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=push, args=(info,)) for info in stations]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    assert sorted(a["status"] for a in acks) == ["applied"] + ["merged"] * 7
    assert len({a["row_id"] for a in acks}) == 1
    with server_engine.connect() as conn:
        people = conn.execute(select(func.count()).where(Record.entity == "seeker")).scalar_one()
        aliases = conn.execute(text("SELECT count(*) FROM aliases")).scalar_one()
    assert (people, aliases) == (1, 7)


def test_a_station_that_syncs_shows_when_it_was_last_seen(live_server: LiveServer) -> None:
    e, auth = _enrolled(live_server.engine, live_server.keys)
    [row] = [r for r in admin.list_stations(live_server.engine) if r.code == e.code]
    assert row.last_seen_at is None
    assert httpx.get(live_server.url + "/api/v1/sync/pull?since=0", headers=auth).status_code == 200
    [row] = [r for r in admin.list_stations(live_server.engine) if r.code == e.code]
    assert row.last_seen_at is not None


def test_a_bulk_push_and_small_ones_number_every_record_once_in_order(
    server_engine: Engine, server_keys: ServerKeys
) -> None:
    """A station catching up sends hundreds of changes at once (numbered as written), a busy one a
    few (numbered at commit); either way a pull from any cursor sees each record once."""
    e, _auth = _enrolled(server_engine, server_keys)
    info = sync.StationInfo(e.station_id, e.code, e.region)
    clock = HybridLogicalClock(e.code)

    def changes(n: int, start: int) -> list[sync.IncomingChange]:
        return [
            sync.IncomingChange(
                str(uuid.uuid4()), "seeker", str(uuid.uuid4()), clock.now(), _seeker_fields(f"{start + i:064x}", e.code)
            )
            for i in range(n)
        ]

    bulk = sync.push(server_engine, info, changes(120, 0), clock, clock.wall_ms(), keys=server_keys)
    small = sync.push(server_engine, info, changes(3, 10_000), clock, clock.wall_ms(), keys=server_keys)
    seqs = [a["seq"] for a in bulk + small]
    assert len(set(seqs)) == len(seqs) == 123 and seqs == sorted(seqs)
    seen: list[str] = []
    since = 0
    while True:
        page = sync.pull(server_engine, info, since, 50, keys=server_keys)
        seen += [r["id"] for r in page["records"]]
        since = page["next"]
        if not page["more"]:
            break
    assert sorted(seen) == sorted(a["row_id"] for a in bulk + small)


_text = st.text(max_size=45)
_change = st.fixed_dictionaries(
    {"change_id": _text, "entity": _text, "row_id": _text, "hlc": _text},
    optional={
        "fields": st.one_of(
            st.dictionaries(st.text(max_size=5), st.integers(-(2**53), 2**53)), st.integers(0, 9), st.none()
        )
    },
)


@settings(max_examples=300, deadline=None)
@given(
    st.fixed_dictionaries(
        {},
        optional={
            "station_time_ms": st.one_of(
                st.integers(min_value=-5, max_value=2**63), st.booleans(), st.text(max_size=3)
            ),
            "changes": st.one_of(st.lists(_change, max_size=4), st.text(max_size=3)),
        },
    )
)
def test_a_push_read_by_the_quick_path_is_what_the_schema_accepts(doc: dict[str, Any]) -> None:
    """Well-formed pushes skip pydantic; whatever they let through, the schema accepts with the same
    values, and whatever the schema refuses goes to it for the message."""
    from pydantic import ValidationError

    from server.api import PushIn, _well_formed_push

    quick = _well_formed_push(doc)
    try:
        body = PushIn.model_validate_json(orjson.dumps(doc))
    except ValidationError:
        assert quick is None
        return
    if quick is not None:
        at, changes = quick
        assert at == body.station_time_ms
        assert [(c.change_id, c.entity, c.row_id, c.hlc, c.fields) for c in changes] == [
            (c.change_id, c.entity, c.row_id, c.hlc, c.fields) for c in body.changes
        ]


def test_a_slow_answer_does_not_look_like_a_wrong_clock() -> None:
    """A server that takes 6 s over a push (a busy morning) with clocks in agreement: the station
    must not move its clock by half of it, as it did when the round trip counted as network."""
    from app.sync.client import clock_offset_ms

    # Sent at machine time 1,000,000 ms; 50 ms each way; the server worked for 6 s.
    sent, back = 100.0, 106.1  # perf_counter() readings
    reading = (1_000_050, 1_006_050, sent, back)
    assert clock_offset_ms(reading, machine_ms=1_006_100, perf_now=back) == 0
    # The same answer, read 2 s later on a busy station: still no error.
    assert clock_offset_ms(reading, machine_ms=1_008_100, perf_now=back + 2) == 0
    # A kiosk clock a day behind the server.
    day = 86_400_000
    assert clock_offset_ms((day + 1_000_050, day + 1_006_050, sent, back), 1_006_100, back) == day


def test_instances_starting_together_migrate_the_database_once(pg_required: bool, tmp_path: Path) -> None:
    """Several server instances share one PostgreSQL and one key file; started at the same moment,
    each applies the migrations at start: one does the work, the others wait for it and find
    nothing to do, and all end with the same keys."""
    import subprocess
    import sys
    import time

    from tests.server.conftest import PG_ADMIN_URL, drop_pg_database, make_pg_database, pg_available

    if not pg_available():
        if pg_required:
            pytest.fail("PostgreSQL is required (LINGGONG_REQUIRE_PG=1) but 127.0.0.1:5432 does not answer")
        pytest.skip("no PostgreSQL on 127.0.0.1:5432")
    name, admin_engine = make_pg_database()
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    # Separate processes, as instances are (alembic's context is one per process), all starting
    # the migrations at the same moment (the monotonic clock is the machine's, shared by processes).
    at = time.monotonic() + 4
    boot = (
        "import sys, time; from pathlib import Path; from server.store import make_engine, upgrade; "
        "from server.vault import open_keys; "
        f"time.sleep(max(0, {at} - time.monotonic())); e = make_engine(sys.argv[1]); "
        "upgrade(e, open_keys(e, Path(sys.argv[2])))"
    )
    key_file = tmp_path / "shared" / "server-keys.json"
    try:
        procs = [
            subprocess.Popen([sys.executable, "-c", boot, url, str(key_file)], stderr=subprocess.PIPE, text=True)
            for _ in range(4)
        ]
        errors = [err for p in procs if (err := p.communicate(timeout=120)[1]) and p.returncode != 0]
        assert errors == []
        from server.store import make_engine

        engine = make_engine(url)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM counters")).scalar_one() == 1
            assert conn.execute(text("SELECT count(*) FROM key_check")).scalar_one() == 1
        engine.dispose()
    finally:
        drop_pg_database(name, admin_engine)


def test_a_change_sent_again_beside_a_newer_one_is_answered_with_the_record_as_the_push_leaves_it(
    server_engine: Engine, server_keys: ServerKeys
) -> None:
    """A lost reply: the station sends its batch again with a newer edit of the same person. The
    resent change is answered as it was (applied, replayed) with the number and values the record
    has after this push, so the station does not take the older phone back."""
    e, _auth = _enrolled(server_engine, server_keys)
    info = sync.StationInfo(e.station_id, e.code, e.region)
    clock = HybridLogicalClock(e.code)
    row_id, first_id = str(uuid.uuid4()), str(uuid.uuid4())
    first = sync.IncomingChange(first_id, "seeker", row_id, clock.now(), _seeker_fields("c" * 64, e.code))
    [ack] = sync.push(server_engine, info, [first], clock, clock.wall_ms(), keys=server_keys)
    assert ack["status"] == "applied"
    newer = sync.IncomingChange(str(uuid.uuid4()), "seeker", row_id, clock.now(), {"phone": "13900009999"})
    again, edited = sync.push(server_engine, info, [first, newer], clock, clock.wall_ms(), keys=server_keys)
    assert again["replayed"] and again["status"] == "applied"
    assert edited["status"] == "applied" and edited["seq"] > ack["seq"]
    assert again["seq"] == edited["seq"]
    assert again["current"]["phone"] == "13900009999"
    assert not any(k.startswith("_") for a in (again, edited) for k in a)
