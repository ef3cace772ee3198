"""Who may change what on the central server, tried the way a stolen or misconfigured counter PC
would: its own token, the JSON push format, ids and codes learnt or guessed (README, "Who may change
what"). Every test here passed an attack on the server of issue 6; each now fails it."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from app.errors import NotAllowed
from app.services.employers import EmployerInput
from app.services.seekers import SeekerInput
from app.sync.client import SyncClient, read_token
from app.sync.entities import BY_NAME, row_fields
from app.sync.hlc import HybridLogicalClock, format_hlc, parse_hlc
from db.models import Employer, Posting, Referral
from server import sync
from server.models import Alias, Record
from tests.conftest import TENCENT, TODAY, make_id, open_posting, seeker_like
from tests.server.conftest import LiveServer
from tests.server.helpers import Counter, enrolled_counter, quick_transport

NOT_YOURS = sync.NOT_YOURS


@pytest.fixture
def hall(tmp_path: Path, live_server: LiveServer) -> Iterator[tuple[Counter, Counter, Counter]]:
    """A and B: two stations of 贵阳市; X: a station of 云南省, another province."""
    engine, url = live_server.engine, live_server.url
    a = enrolled_counter(tmp_path / "a", engine, url, name="观山湖区零工市场", region="520100")
    b = enrolled_counter(tmp_path / "b", engine, url, name="花溪区零工驿站", region="520100")
    x = enrolled_counter(tmp_path / "x", engine, url, name="昆明市零工驿站", region="530000")
    yield a, b, x
    for c in (a, b, x):
        c.close()


def _auth(counter: Counter) -> dict[str, str]:
    return {"Authorization": f"Bearer {read_token(counter.station.data.keys)}"}


def _change(entity: str, row_id: str, fields: dict[str, Any], hlc: str = "") -> dict[str, Any]:
    return {
        "change_id": str(uuid.uuid4()),
        "entity": entity,
        "row_id": row_id,
        "hlc": hlc or HybridLogicalClock("X").now(),
        "fields": fields,
    }


def _push(url: str, counter: Counter, *changes: dict[str, Any]) -> httpx.Response:
    clock = HybridLogicalClock("X")
    r = httpx.post(
        url + "/api/v1/sync/push",
        json={"station_time_ms": clock.wall_ms(), "changes": list(changes)},
        headers=_auth(counter),
    )
    assert r.status_code == 200, r.text
    return r


def _acks(url: str, counter: Counter, *changes: dict[str, Any]) -> list[dict[str, Any]]:
    return _push(url, counter, *changes).json()["acks"]


def _server(live: LiveServer, row_id: str) -> dict[str, Any]:
    """The server's copy of a record, its sealed personal fields opened with the server's keys."""
    with live.engine.connect() as conn:
        row = conn.execute(select(Record.data, Record.sealed, Record.owner).where(Record.id == row_id)).one()
    return {**live.keys.full(row_id, dict(row.data), row.sealed), "_owner": row.owner}


def _full_row(counter: Counter, model: type, row_id: str) -> dict[str, Any]:
    ent = BY_NAME["posting" if model is Posting else "employer"]
    with counter.station.db.read() as s:
        return row_fields(ent, s.scalar(select(model).where(model.id == row_id)))  # type: ignore[attr-defined]


def test_a_station_of_another_province_can_neither_change_nor_delete_a_person(
    hall: tuple[Counter, Counter, Counter], live_server: LiveServer, person: SeekerInput
) -> None:
    a, _b, x = hall
    seeker = a.station.seekers.save(person).seeker_id
    a.sync()
    own = x.station.seekers.save(seeker_like(person, 7)).seeker_id
    x.sync()
    acks = _acks(
        live_server.url,
        x,
        _change("seeker", seeker, {"phone": "13999999999"}),
        _change("seeker", seeker, {"deleted": True}),
        _change("seeker", seeker, {"origin_station": x.station.settings.station_code}),
        _change("seeker", own, {"skills": "电焊"}),  # its own person: the rest of the batch goes through
    )
    assert [a_["status"] for a_ in acks] == ["refused", "refused", "refused", "applied"]
    assert all(a_["reason"] == NOT_YOURS for a_ in acks[:3])
    assert not any("current" in a_ for a_ in acks[:3])
    a.sync()
    shown = a.station.seekers.get(seeker)
    assert shown.phone == person.phone
    stored = _server(live_server, seeker)
    assert stored["phone"] == person.phone and not stored["deleted"]
    assert stored["origin_station"] == a.station.settings.station_code


def test_an_empty_change_with_a_tiny_stamp_gives_nothing_of_the_person_back(
    hall: tuple[Counter, Counter, Counter], live_server: LiveServer, person: SeekerInput
) -> None:
    a, _b, x = hall
    seeker = a.station.seekers.save(person).seeker_id
    a.sync()
    r = _push(live_server.url, x, _change("seeker", seeker, {}, hlc=format_hlc(1, 0, "X")))
    (ack,) = r.json()["acks"]
    assert ack["status"] == "refused" and "current" not in ack
    for secret in (person.name, person.phone, "id_cipher", "id_key"):
        assert secret not in r.text


def test_a_posting_is_changed_only_by_its_station_and_referred_to_only_within_its_region(
    hall: tuple[Counter, Counter, Counter], live_server: LiveServer, company: EmployerInput, person: SeekerInput
) -> None:
    a, b, x = hall
    employer = a.station.employers.save(company).employer_id
    posting = open_posting(a.station, a.boss, employer, district_code="520115")
    a.sync()
    b.sync()
    # B, of the same city, sees the post and refers its own person to it, but cannot close it.
    at_b = b.station.seekers.save(person).seeker_id
    b.station.referrals.refer(at_b, posting, clerk="李四", today=TODAY)
    acks = _acks(live_server.url, b, _change("posting", posting, {"status": "closed"}))
    assert acks[0]["status"] == "refused" and acks[0]["reason"] == NOT_YOURS
    result = b.sync()
    assert result.quarantined == 0 and result.pushed >= 2  # the person and the referral
    assert _server(live_server, posting)["status"] == "open"
    # B's counter says so before anything is sent.
    with pytest.raises(NotAllowed, match="只能由该站修改"):
        b.station.postings.close(posting, "已招到人")
    # X, of another province, may not point a referral at it.
    at_x = x.station.seekers.save(seeker_like(person, 3)).seeker_id
    x.sync()
    referral = _full_row_referral(b)
    attack = {k: v for k, v in referral.items() if k != "_id"}
    attack |= {"seeker_id": at_x, "code": f"{x.station.settings.station_code}-20261124-0001"}
    (ack,) = _acks(live_server.url, x, _change("referral", str(uuid.uuid4()), attack))
    assert ack["status"] == "refused" and "不在本站的范围内" in ack["reason"]
    # Nor may A, of B's city, record an outcome on B's referral: only B may.
    outcome = {
        "referral_id": referral["_id"],
        "outcome": "hired",
        "previous": "pending",
        "outcome_on": "2026-11-24",
        "source": "counter",
        "recorded_by": "某人",
    }
    (ack,) = _acks(live_server.url, a, _change("referral_outcome", str(uuid.uuid4()), outcome))
    assert ack["status"] == "refused" and "不在本站的范围内" in ack["reason"]


def _full_row_referral(counter: Counter) -> dict[str, Any]:
    from db.models import Referral

    ent = BY_NAME["referral"]
    with counter.station.db.read() as s:
        row = s.scalars(select(Referral)).first()
        assert row is not None
        return {**row_fields(ent, row), "_id": row.id}


def test_the_server_sets_where_a_record_began_and_codes_carry_the_stations_prefix(
    hall: tuple[Counter, Counter, Counter], live_server: LiveServer, company: EmployerInput
) -> None:
    a, _b, x = hall
    a_code, x_code = a.station.settings.station_code, x.station.settings.station_code
    employer = a.station.employers.save(company).employer_id
    first = open_posting(a.station, a.boss, employer)
    a.sync()
    taken = a.station.postings.get(first).code
    assert taken.startswith(a_code + "-")
    # X makes a posting claiming to be A's, and takes the code A will give its next posting.
    x_employer = x.station.employers.save(
        EmployerInput(**{**company.__dict__, "credit_code": TENCENT, "name": "深圳市腾讯计算机系统有限公司"})
    ).employer_id
    mine = open_posting(x.station, x.boss, x_employer)
    x.sync()
    fields = _full_row(x, Posting, mine)
    next_code = taken[:-4] + f"{int(taken[-4:]) + 1:04d}"
    forged = {**fields, "code": next_code, "origin_station": a_code}
    (ack,) = _acks(live_server.url, x, _change("posting", str(uuid.uuid4()), forged))
    assert ack["status"] == "refused" and f"{x_code}-" in ack["reason"]
    claimed = {**fields, "code": fields["code"][:-4] + "0099", "origin_station": a_code}
    new_id = str(uuid.uuid4())
    (ack,) = _acks(live_server.url, x, _change("posting", new_id, claimed))
    assert ack["status"] == "applied" and ack["current"]["origin_station"] == x_code
    assert _server(live_server, new_id)["origin_station"] == x_code
    # A later change to where a record began is dropped, and the station told the server's value.
    (ack,) = _acks(live_server.url, x, _change("posting", new_id, {"origin_station": a_code}))
    assert ack["current"] == {"origin_station": x_code}
    # A's own next posting takes its code as usual.
    second = open_posting(a.station, a.boss, employer)
    assert a.station.postings.get(second).code == next_code
    result = a.sync()
    assert result.complete and result.quarantined == 0


def test_a_code_changed_to_another_records_is_refused_not_retried(
    hall: tuple[Counter, Counter, Counter], live_server: LiveServer, company: EmployerInput
) -> None:
    a, _b, _x = hall
    employer = a.station.employers.save(company).employer_id
    one, two = open_posting(a.station, a.boss, employer), open_posting(a.station, a.boss, employer)
    a.sync()
    taken = a.station.postings.get(one).code
    (ack,) = _acks(live_server.url, a, _change("posting", two, {"code": taken}))
    assert ack["status"] == "refused" and "编号不能修改" in ack["reason"]


@pytest.mark.parametrize(
    "stamp",
    [
        "9.0.C",  # passed the skew check, then beat every later edit when compared as text
        "0000000000000001.00000.X",  # sixteen digits
        "000000000000001.100000.X",  # a six-digit counter
        "000000000000001.00000.",  # no node
        "000000000000001.00000.a.b",
        "-00000000000001.00000.X",
    ],
)
def test_malformed_clock_stamps_are_refused(
    hall: tuple[Counter, Counter, Counter], live_server: LiveServer, person: SeekerInput, stamp: str
) -> None:
    a, _b, _x = hall
    seeker = a.station.seekers.save(person).seeker_id
    a.sync()
    (ack,) = _acks(live_server.url, a, _change("seeker", seeker, {"skills": "叉车"}, hlc=stamp))
    assert ack["status"] == "refused" and "时间戳" in ack["reason"]
    assert _server(live_server, seeker)["skills"] != "叉车"


def test_a_stamp_at_the_counters_limit_does_not_make_later_edits_lose(
    hall: tuple[Counter, Counter, Counter], live_server: LiveServer, person: SeekerInput
) -> None:
    a, _b, _x = hall
    seeker = a.station.seekers.save(person).seeker_id
    a.sync()
    now = HybridLogicalClock("A").wall_ms()
    # A stamp a minute ahead (within the allowed skew) with its counter at the limit.
    ahead = format_hlc(now + 60_000, 99_999, "A")
    (ack,) = _acks(live_server.url, a, _change("seeker", seeker, {"skills": "一"}, hlc=ahead))
    assert ack["status"] == "applied"
    # A kiosk a day fast: the server stamps the change with its own clock, which has seen the
    # counter at its limit. Its stamp must still be well formed and win.
    fast = format_hlc(now + 24 * 3600 * 1000, 0, "A")
    (ack,) = _acks(live_server.url, a, _change("seeker", seeker, {"skills": "二"}, hlc=fast))
    stored = _server(live_server, seeker)
    assert stored["skills"] == "二"
    with live_server.engine.connect() as conn:
        hlc = conn.execute(select(Record.hlc).where(Record.id == seeker)).scalar_one()
    assert parse_hlc(hlc)[0] > now


def test_aliases_reach_only_stations_that_hold_the_record(
    hall: tuple[Counter, Counter, Counter], live_server: LiveServer, person: SeekerInput
) -> None:
    a, b, x = hall
    a.station.seekers.save(person)
    a.sync()
    b.station.seekers.save(seeker_like(person, 0, id_number=person.id_number))
    b.sync()
    with live_server.engine.connect() as conn:
        assert conn.execute(select(Alias.old_id)).first() is not None  # the two became one
    for counter, expected in ((x, 0), (b, 1)):
        r = httpx.get(live_server.url + "/api/v1/sync/pull?since=0", headers=_auth(counter))
        assert len(r.json()["aliases"]) == expected


def test_a_change_id_of_another_station_answers_nothing_of_its_record(
    hall: tuple[Counter, Counter, Counter], live_server: LiveServer, person: SeekerInput
) -> None:
    a, _b, x = hall
    seeker = a.station.seekers.save(person).seeker_id
    a.sync()
    change = _change("seeker", seeker, {"skills": "木工"})
    _acks(live_server.url, a, change)
    r = _push(live_server.url, x, {**change, "fields": {"skills": "别的"}})
    (ack,) = r.json()["acks"]
    assert ack["status"] == "refused" and "current" not in ack and "seq" not in ack
    assert person.name not in r.text


def test_an_employer_registered_at_a_second_station_stays_its_first_stations(
    hall: tuple[Counter, Counter, Counter], live_server: LiveServer, company: EmployerInput
) -> None:
    a, b, _x = hall
    at_a = a.station.employers.save(company).employer_id
    a.sync()
    # B registers the same company (the same credit code) with another phone: one employer, A's.
    at_b = b.station.employers.save(EmployerInput(**{**company.__dict__, "phone": "0851-88888888"})).employer_id
    result = b.sync()
    assert result.quarantined == 0
    with b.station.db.read() as s:
        held = s.scalar(select(Employer).where(Employer.credit_code == company.credit_code))
        assert held is not None and held.id == at_a and held.phone == company.phone
    assert at_b != at_a
    # B's own change to it is refused; B still releases its own posts for it.
    (ack,) = _acks(live_server.url, b, _change("employer", at_a, {"phone": "0851-77777777"}))
    assert ack["status"] == "refused"
    posting = open_posting(b.station, b.boss, at_a)
    assert b.sync().quarantined == 0
    assert _server(live_server, posting)["employer_id"] == at_a


def _lookup(url: str, counter: Counter, id_key: str, **extra: Any) -> httpx.Response:
    body = {"id_key": id_key, **extra}
    return httpx.post(url + "/api/v1/seekers/lookup", json=body, headers=_auth(counter))


def test_a_look_up_by_id_needs_a_reason_is_recorded_and_limited(
    tmp_path: Path,
    hall: tuple[Counter, Counter, Counter],
    live_server: LiveServer,
    person: SeekerInput,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from app.cli import main as linggong
    from server.vault import key_path, write_key_file

    a, b, x = hall
    seeker = a.station.seekers.save(person).seeker_id
    other = seeker_like(person, 1)
    a.station.seekers.save(other)
    a.sync()
    id_key = a.station.keys.id_key(person.id_number)
    assert _lookup(live_server.url, x, id_key).status_code == 422  # no reason
    # The id_key travels in the body: it appears in no URL, so in no access log.
    found = _lookup(live_server.url, x, id_key, reason="本人持身份证在窗口登记", clerk="赵六")
    assert found.status_code == 200 and found.json()["seeker_id"] == seeker
    info = sync.StationInfo(x.station.settings.station_id, x.station.settings.station_code, "530000")
    (first,) = sync.list_lookups(live_server.engine, info.code)
    assert (first.reason, first.clerk, first.via) == ("本人持身份证在窗口登记", "赵六", "lookup")
    assert first.seeker_id == seeker
    # Scanning one birth date and county for a person: a miss counts as much as a find.
    missing = [a.station.keys.id_key(seeker_like(person, n).id_number) for n in range(200, 260)]
    answers = [_lookup(live_server.url, x, k, reason="扫描").status_code for k in missing]
    limit = sync.LOOKUP_LIMITS[0][1]
    assert answers[: limit - 1] == [404] * (limit - 1)
    refused = _lookup(live_server.url, x, id_key, reason="本人在窗口")
    assert refused.status_code == 403 and refused.json()["detail"]["code"] == "lookup_limit"
    assert "上限" in refused.json()["detail"]["message"]
    # Registering a person known elsewhere finds them as a look-up does: refused past the limit too.
    x.station.seekers.save(other)
    result = x.sync()
    assert result.quarantined == 1
    # Another station's own limit is untouched, and its look-up is recorded under its code.
    assert b.client.lookup_seeker(id_key) == seeker
    url = live_server.engine.url.render_as_string(hide_password=False)
    home = tmp_path / "server"  # where the city's administrator keeps the server's key file
    home.mkdir()
    write_key_file(key_path(home), live_server.keys)
    city = ["--data-dir", str(home), "server", "--db", url]
    assert linggong([*city, "lookups", "--station", info.code]) == 0
    out = capsys.readouterr().out
    assert info.code in out and "本人持身份证在窗口登记" in out and "赵六" in out and f"共 {limit} 次" in out
    assert id_key not in out and person.id_number not in out
    assert linggong([*city, "lookups"]) == 0
    assert f"共 {limit + 1} 次" in capsys.readouterr().out


def test_stats_show_a_station_only_its_own_region(
    hall: tuple[Counter, Counter, Counter], live_server: LiveServer, company: EmployerInput
) -> None:
    a, _b, x = hall
    employer = a.station.employers.save(company).employer_id
    open_posting(a.station, a.boss, employer, district_code="520115")
    a.sync()
    mine = httpx.get(live_server.url + "/api/v1/stats", headers=_auth(a)).json()
    theirs = httpx.get(live_server.url + "/api/v1/stats", headers=_auth(x)).json()
    assert mine["stations"] == 2 and mine["open_postings_in_region"] == 1
    assert theirs["stations"] == 1 and theirs["open_postings_in_region"] == 0
    assert theirs["records"] == {}


def test_records_made_before_enrolment_take_the_stations_code_and_their_slips_still_scan(
    tmp_path: Path, live_server: LiveServer, company: EmployerInput, person: SeekerInput
) -> None:
    from app.station import open_station
    from app.sync.client import enroll
    from server import admin

    station = open_station(tmp_path / "s")
    try:
        assert station.settings.station_code == "GY01"  # what a new counter calls itself
        station.supervisor.set_pin("246810")
        boss = station.supervisor.verify("王主管", "246810")
        employer = station.employers.save(company).employer_id
        posting = open_posting(station, boss, employer)
        seeker = station.seekers.save(person).seeker_id
        ref = station.referrals.refer(seeker, posting, clerk="李四", today=TODAY)
        with station.db.read() as s:
            printed = station.referrals.qr_text(s.scalars(select(Referral).where(Referral.id == ref.id)).one())
        assert ref.code.startswith("GY01-")
        new = admin.add_station(live_server.engine, "白云区零工驿站", "520100", code="GY07")
        enroll(station, live_server.url, new.enrol_code)
    finally:
        station.close()
    station = open_station(tmp_path / "s")
    client = SyncClient(station, transport=quick_transport(live_server.url, read_token(station.data.keys)))
    try:
        result = client.sync()
        assert result.complete and result.quarantined == 0
        assert station.postings.get(posting).code.startswith("GY07-P")
        assert _server(live_server, ref.id)["code"] == "GY07-" + ref.code[5:]
        # The slip printed before enrolment, with its old code, opens the referral at this counter.
        assert station.referrals.scan(printed, today=TODAY).referral.id == ref.id
    finally:
        client.close()
        station.close()


def test_registering_a_household_known_elsewhere_is_a_look_up(
    hall: tuple[Counter, Counter, Counter], live_server: LiveServer
) -> None:
    # A household employer is known by its owner's ID number: finding it by that number is finding a
    # person, recorded and limited as a look-up is (its record carries the owner's ID cipher).
    a, _b, x = hall
    household = EmployerInput(
        kind="household",
        name="刘家（家政）",
        owner_id_number=make_id("52010219850611", "234"),
        contact_name="刘芳",
        phone="13800138001",
        district_code="520102",
        terms_accepted=True,
    )
    at_a = a.station.employers.save(household).employer_id
    a.sync()
    x.station.employers.save(household)
    assert x.sync().quarantined == 0
    (found,) = sync.list_lookups(live_server.engine, x.station.settings.station_code)
    assert (found.via, found.seeker_id) == ("register", at_a)
