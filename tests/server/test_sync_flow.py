"""Two counters and one server: postings travel, people stay one record, nothing is lost or doubled."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.services.employers import EmployerInput
from app.services.referrals import OutcomeInput
from app.services.seekers import SeekerInput
from tests.conftest import TODAY, open_posting, seeker_like
from tests.server.conftest import LiveServer
from tests.server.helpers import Counter, count, enrolled_counter, server_count


@pytest.fixture
def pair(tmp_path: Path, live_server: LiveServer) -> Iterator[tuple[Counter, Counter]]:
    a = enrolled_counter(tmp_path / "a", live_server.engine, live_server.url, name="观山湖区零工市场")
    b = enrolled_counter(tmp_path / "b", live_server.engine, live_server.url, name="花溪区零工驿站")
    yield a, b
    a.close()
    b.close()


def test_a_posting_released_at_one_station_appears_at_the_other(
    pair: tuple[Counter, Counter], company: EmployerInput
) -> None:
    a, b = pair
    employer = a.station.employers.save(company).employer_id
    posting = open_posting(a.station, a.boss, employer)
    result = a.sync()
    assert result.complete and result.pushed >= 2
    b.sync()
    shown = b.station.postings.get(posting)
    assert shown.status == "open" and shown.employer_name == company.name
    # Closed at B, the change reaches A.
    b.station.postings.close(posting, "已招到人")
    b.sync()
    a.sync()
    assert a.station.postings.get(posting).status == "closed"


def test_the_same_person_registered_at_two_stations_offline_becomes_one(
    pair: tuple[Counter, Counter], person: SeekerInput, company: EmployerInput, live_server: LiveServer
) -> None:
    a, b = pair
    employer = a.station.employers.save(company).employer_id
    posting = open_posting(a.station, a.boss, employer)
    a.sync()
    b.sync()
    # Both offline: the same ID number registered at each, and each refers the person.
    at_a = a.station.seekers.save(person).seeker_id
    at_b = b.station.seekers.save(seeker_like(person, 0, id_number=person.id_number, phone="13900000001")).seeker_id
    assert at_a != at_b
    ref_a = a.station.referrals.refer(at_a, posting, clerk="张三", today=TODAY).id
    ref_b = b.station.referrals.refer(at_b, posting, clerk="李四", today=TODAY).id
    hired = OutcomeInput("hired", start_date=TODAY, agreed_pay="180", agreed_pay_unit="day")
    b.station.referrals.record_outcome(ref_b, hired, by="李四", today=TODAY)
    a.sync()
    b.sync()
    a.sync()
    assert server_count(live_server.engine, "seeker") == 1
    for c in (a, b):
        assert count(c.station, "seekers") == 1
        with c.station.db.read() as s:
            from sqlalchemy import text

            owners = set(s.execute(text("SELECT DISTINCT seeker_id FROM referrals")).scalars())
        assert owners == {at_a}, "both referrals hang on the first record"
    assert count(a.station, "referrals") == 2, "A sees B's referral of its person"
    assert count(b.station, "referrals", f"id IN ('{ref_a}', '{ref_b}')") >= 1
    assert a.station.referrals.get(ref_b).status == "hired"


def test_a_resent_batch_creates_nothing_twice(
    pair: tuple[Counter, Counter], person: SeekerInput, live_server: LiveServer
) -> None:
    a, _b = pair
    a.station.seekers.save(person)
    with a.station.db.read() as s:
        from sqlalchemy import select

        from db.models import OutboxEntry

        entries = list(s.scalars(select(OutboxEntry)))
    body = {
        "station_time_ms": 0,
        "changes": [
            {"change_id": e.change_id, "entity": e.entity, "row_id": e.row_id, "hlc": e.hlc, "fields": e.fields}
            for e in entries
        ],
    }
    first = a.client.transport.post("/api/v1/sync/push", body)  # the reply is "lost"
    again = a.client.transport.post("/api/v1/sync/push", body)
    assert [x["status"] for x in first["acks"]] == [x["status"] for x in again["acks"]]
    assert [x["seq"] for x in first["acks"]] == [x["seq"] for x in again["acks"]]
    a.sync()
    assert server_count(live_server.engine, "seeker") == 1
    assert count(a.station, "outbox") == 0
