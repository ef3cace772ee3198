"""Two stations editing the same person offline, and the posting's own station editing it, syncing in
any order, end with the same values on both stations and on the server (a property-based test)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.services.employers import EmployerInput
from app.station import Station, open_station
from app.supervisor import Supervisor
from app.sync.client import SyncClient, enroll, read_token
from app.sync.entities import BY_NAME, to_json
from app.sync.transport import Transport
from db.models import Posting, Seeker
from server import admin
from server.models import Record
from server.store import make_engine, upgrade
from server.vault import make_keys
from tests.conftest import MOUTAI, make_id, open_posting
from tests.server.conftest import drop_pg_database, make_pg_database, pg_available, start_server


@dataclass
class City:
    engine: Any
    app: Any
    stations: list[Station]
    clients: list[SyncClient]
    boss: Supervisor
    employer_id: str = ""


def _transport(url: str, token: str) -> Transport:
    return Transport(url, token, attempts=1)


def _city(tmp: Path, url: str) -> Iterator[City]:
    engine = make_engine(url)
    keys = make_keys()
    upgrade(engine, keys)
    srv = start_server(engine, keys)
    stations, clients = [], []
    for i in range(2):
        new = admin.add_station(engine, f"站{i}", "520000")
        st_ = open_station(tmp / f"s{i}")
        enroll(st_, srv.url, new.enrol_code)
        stations.append(st_)
        clients.append(SyncClient(st_, transport=_transport(srv.url, read_token(st_.data.keys))))
    stations[0].supervisor.set_pin("246810")
    boss = stations[0].supervisor.verify("王主管", "246810")
    city = City(engine, srv, stations, clients, boss)
    company = EmployerInput(
        kind="enterprise",
        name="贵州茅台酒股份有限公司",
        short_name="茅台酒股份",
        credit_code=MOUTAI,
        contact_name="李红",
        phone="0851-22386002",
        district_code="520382",
        industry="C",
        terms_accepted=True,
    )
    city.employer_id = stations[0].employers.save(company).employer_id
    yield city
    for c in clients:
        c.close()
    for s in stations:
        s.close()
    srv.stop()
    engine.dispose()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def city(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[City]:
    tmp = tmp_path_factory.mktemp("city")
    if request.param == "sqlite":
        yield from _city(tmp, f"sqlite:///{tmp / 'server.db'}")
        return
    if not pg_available():
        pytest.skip("no PostgreSQL on 127.0.0.1:5432")
    name, admin_engine = make_pg_database()
    try:
        yield from _city(tmp, f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}")
    finally:
        drop_pg_database(name, admin_engine)


POSTING_EDITS = {
    "title": st.sampled_from(["装卸工", "搬运工", "包装工", "理货员"]),
    "headcount": st.integers(1, 30),
    "status": st.sampled_from(["open", "filled", "closed"]),
    "work_time": st.sampled_from(["08:00-12:00", "13:00-17:00", ""]),
}
SEEKER_EDITS = {
    "phone": st.sampled_from(["13800000001", "13900000002", "13700000003"]),
    "notes": st.text(alphabet="会电焊叉车夜班", max_size=6),
    "skills": st.sampled_from(["电焊", "叉车", "木工", ""]),
}
# A posting is changed only by the station that released it (station 0); the person by both, since
# station 1 looked them up (README, "Who may change what").
op = st.one_of(
    st.tuples(st.just("posting"), st.just(0), st.sampled_from(sorted(POSTING_EDITS))).flatmap(
        lambda t: POSTING_EDITS[t[2]].map(lambda v: (*t, v))
    ),
    st.tuples(st.just("seeker"), st.integers(0, 1), st.sampled_from(sorted(SEEKER_EDITS))).flatmap(
        lambda t: SEEKER_EDITS[t[2]].map(lambda v: (*t, v))
    ),
    st.tuples(st.just("sync"), st.integers(0, 1), st.none(), st.none()),
)

_person_no = iter(range(100, 999))


def _values(station: Station, model: type, row_id: str, fields: list[str]) -> dict[str, Any]:
    ent = BY_NAME["posting" if model is Posting else "seeker"]
    with station.db.read() as s:
        row = s.scalar(select(model).where(model.id == row_id))  # type: ignore[attr-defined]
        return {f: to_json(ent.columns[f], getattr(row, f)) for f in fields}


def _server_values(city: City, row_id: str, fields: list[str]) -> dict[str, Any]:
    with city.engine.connect() as conn:
        row = conn.execute(select(Record.data, Record.sealed).where(Record.id == row_id)).one()
    data = city.app.keys.full(row_id, row.data, row.sealed)
    return {f: data.get(f) for f in fields}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=st.lists(op, min_size=1, max_size=12))
def test_offline_edits_converge_whatever_the_sync_order(city: City, ops: list[tuple[str, int, Any, Any]]) -> None:
    a, _b = city.stations
    posting_id = open_posting(a, city.boss, city.employer_id)
    n = next(_person_no)
    from app.services.seekers import SeekerInput

    person = SeekerInput(
        name="张三丰",
        id_number=make_id("52010219900307", f"{n:03d}"),
        phone="13800138000",
        district_code="520102",
        job_types=["4-03-02-05"],
        consent=True,
        wage_expect="180",
        wage_unit="day",
    )
    seeker_id = a.seekers.save(person).seeker_id
    city.clients[0].sync()
    city.clients[1].sync()
    assert city.clients[1].lookup_seeker(a.keys.id_key(person.id_number)) == seeker_id

    # The edits happen in list order, a few ms apart on clocks that agree with the server's: the
    # last edit of a field is the newest, whichever station made it and whenever it syncs.
    expected: dict[tuple[str, str], Any] = {}
    for kind, who, name, value in ops:
        station = city.stations[who]
        if kind == "sync":
            city.clients[who].sync()
            continue
        model = Posting if kind == "posting" else Seeker
        with station.db.write() as s:
            row = s.scalar(select(model).where(model.id == (posting_id if kind == "posting" else seeker_id)))  # type: ignore[attr-defined]
            if getattr(row, name) == value:
                continue  # the same value again is no edit
            setattr(row, name, value)
        time.sleep(0.003)
        key = (kind, name)
        if not (key == ("posting", "status") and expected.get(key) == "closed"):
            expected[key] = value  # (a closed posting stays closed)
    for _ in range(2):
        for c in city.clients:
            result = c.sync()
            assert result.quarantined == 0
    pf, sf = sorted(POSTING_EDITS), sorted(SEEKER_EDITS)
    posting_views = [_values(s, Posting, posting_id, pf) for s in city.stations] + [
        _server_values(city, posting_id, pf)
    ]
    seeker_views = [_values(s, Seeker, seeker_id, sf) for s in city.stations] + [_server_values(city, seeker_id, sf)]
    assert posting_views[0] == posting_views[1] == posting_views[2]
    assert seeker_views[0] == seeker_views[1] == seeker_views[2]
    for (kind, name), value in expected.items():
        view = posting_views[0] if kind == "posting" else seeker_views[0]
        assert view[name] == value, f"{kind}.{name}: the newest edit wins"
    # The check after a sync (DESIGN §5.8) agrees: each holds what the server says it should.
    for c in city.clients:
        assert c.check() == []
