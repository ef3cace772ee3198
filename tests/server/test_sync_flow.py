"""Two counters and one server: postings travel, people stay one record, nothing is lost or doubled."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from app import clock as wallclock
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
    # Closed at A, the station that released it, the change reaches B.
    a.station.postings.close(posting, "已招到人")
    a.sync()
    b.sync()
    assert b.station.postings.get(posting).status == "closed"


def test_a_new_stations_first_pull_brings_open_posts_and_what_changes_while_it_runs(
    tmp_path: Path,
    pair: tuple[Counter, Counter],
    company: EmployerInput,
    live_server: LiveServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    a, _b = pair
    employer = a.station.employers.save(company).employer_id
    first, second, third, gone = (open_posting(a.station, a.boss, employer, title=f"搬运工{i}") for i in range(4))
    a.station.postings.close(gone, "已招到人")
    a.sync()
    # A new station pulls one record a page; after its first page, A closes the post it just took.
    import app.sync.client as client_module

    monkeypatch.setattr(client_module, "PULL_PAGE", 1)
    c = enrolled_counter(tmp_path / "c", live_server.engine, live_server.url, name="白云区零工驿站")
    real_get = c.client.transport.get
    calls = 0

    def get(path: str, params: dict[str, object] | None = None) -> object:
        nonlocal calls
        calls += 1
        if calls == 2:
            a.station.postings.close(first, "岗位取消")
            a.sync()
        return real_get(path, params)

    monkeypatch.setattr(c.client.transport, "get", get)
    try:
        assert c.sync().complete
        with c.station.db.read() as s:
            from sqlalchemy import text

            have = dict(s.execute(text("SELECT id, status FROM postings")).all())
        assert have == {first: "closed", second: "open", third: "open"}, "the post closed before is not pulled"
        assert count(c.station, "employers") == 1
        assert calls >= 4
    finally:
        c.close()


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
    # The merged person's birth (first station, first time) is the earlier record's everywhere,
    # and the check after a sync agrees at both stations.
    b.sync()
    assert a.client.check() == [] and b.client.check() == []


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


def test_a_refused_change_is_quarantined_and_the_queue_moves_on(
    pair: tuple[Counter, Counter], person: SeekerInput
) -> None:
    a, _b = pair
    from sqlalchemy import insert

    from db.models import OutboxEntry

    # A change the server cannot take (a field no version has), queued before good ones.
    with a.station.db.write(sync_apply=True) as s:
        s.execute(
            insert(OutboxEntry).values(
                change_id="00000000-0000-0000-0000-000000000001",
                entity="seeker",
                row_id="x",
                fields={"shoe_size": 42},
                hlc="001795581314931.00000.GZ01",
                state="pending",
                reason="",
            )
        )
    a.station.seekers.save(person)
    result = a.sync()
    assert result.pushed == 1 and result.refused == 1 and result.quarantined == 1
    assert result.complete, "a quarantined change is not 'waiting': it is listed apart, with the reason"
    with a.station.db.read() as s:
        from sqlalchemy import select

        reason = s.scalar(select(OutboxEntry.reason).where(OutboxEntry.state == "quarantined"))
    assert reason == "未知字段：shoe_size"


def test_a_revoked_station_is_told_so_and_keeps_its_data(
    pair: tuple[Counter, Counter], person: SeekerInput, live_server: LiveServer
) -> None:
    from app.errors import SyncError, SyncKind
    from server import admin

    a, _b = pair
    a.station.seekers.save(person)
    admin.revoke_station(live_server.engine, a.station.settings.station_code)
    # At once: the very next sync is refused (tokens are not cached).
    with pytest.raises(SyncError) as refused:
        a.sync()
    assert refused.value.kind is SyncKind.REVOKED
    assert "停用" in refused.value.message and "本机数据都在" in refused.value.message
    assert count(a.station, "seekers") >= 1
    a.client.transport.token = "not-a-token"
    try:
        a.sync()
    except SyncError as exc:
        assert exc.kind is SyncKind.UNKNOWN_STATION and "登记码" in exc.message
    else:
        raise AssertionError("an unknown token must be refused")


@pytest.mark.dates
def test_a_kiosk_clock_a_day_fast_still_orders_edits_and_warns(
    pair: tuple[Counter, Counter], person: SeekerInput
) -> None:
    import time

    a, b = pair
    day = 24 * 3600 * 1000
    seeker = a.station.seekers.save(person).seeker_id
    a.sync()
    # The person comes to B's counter too: B serves them from now on and may change their record.
    assert b.client.lookup_seeker(a.station.keys.id_key(person.id_number)) == seeker
    b.station.clock._wall = lambda: wallclock.epoch_ms() + day  # type: ignore[method-assign]
    b.station.clock.offset_ms = 0
    result = b.sync()  # B learns the server's time: its stamps are corrected from here on
    assert any("本机时钟快了" in w for w in result.warnings)
    # Offline: B edits first, A a little later. The later edit (A's) must win.
    from sqlalchemy import select

    from db.models import Seeker

    with b.station.db.write() as s:
        s.scalar(select(Seeker).where(Seeker.id == seeker)).skills = "B写的技能"
    time.sleep(0.05)
    with a.station.db.write() as s:
        s.scalar(select(Seeker).where(Seeker.id == seeker)).skills = "A后写的技能"
    for c in (b, a, b, a):
        c.sync()
    assert a.station.seekers.get(seeker).skills == b.station.seekers.get(seeker).skills == "A后写的技能"
    # What the fast kiosk stamped was re-stamped by the server; the check after a sync agrees.
    assert a.client.check() == [] and b.client.check() == []


def test_demo_data_never_reaches_the_server(
    tmp_path: Path, live_server: LiveServer, capsys: pytest.CaptureFixture[str]
) -> None:
    """`linggong demo` writes into the practice folder, which refuses to enrol before the server hears
    of it; so does a station whose own database holds demo rows. The unused code then enrols the
    station's real data, which has no demo people to push."""
    from app.cli import main
    from app.errors import SyncError
    from app.services.demo import make_seekers
    from app.station import open_station
    from app.sync.client import enroll
    from server import admin

    def files(folder: Path) -> dict[str, bytes]:
        return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}

    root = tmp_path / "counter"
    new = admin.add_station(live_server.engine, "观山湖区零工市场", "520100")
    assert main(["--data-dir", str(root), "demo", "--seekers", "5", "--postings", "3", "--referrals", "2"]) == 0
    assert "练习数据目录" in capsys.readouterr().out
    assert not (root / "linggong.db").exists()  # nothing in the real data folder
    practice_keys = files(root / "practice" / "keys")
    assert main(["--data-dir", str(root), "--practice", "enroll", live_server.url, new.enrol_code]) == 4
    err = capsys.readouterr().err
    assert "练习数据目录" in err and "不带 --practice" in err and str(root) in err
    assert files(root / "practice" / "keys") == practice_keys  # no token, no deployment keys
    assert main(["--data-dir", str(root), "--practice", "sync"]) == 4
    assert "练习数据目录" in capsys.readouterr().err

    scripted = open_station(tmp_path / "scripted")
    try:
        make_seekers(scripted.db, scripted.keys, scripted.clock, 5)
        keys = files(scripted.data.keys)
        with pytest.raises(SyncError) as refused:
            enroll(scripted, live_server.url, new.enrol_code)
        assert "本站数据里有演示数据" in refused.value.message and "改名或移走" in refused.value.message
        assert files(scripted.data.keys) == keys and scripted.settings.station_id == ""
        assert count(scripted, "outbox") == 0
    finally:
        scripted.close()
    for entity in ("seeker", "employer", "posting", "referral"):
        assert server_count(live_server.engine, entity) == 0

    station = open_station(root)
    try:
        assert enroll(station, live_server.url, new.enrol_code).queued == 0
    finally:
        station.close()


def test_demo_data_at_an_enrolled_station_goes_into_its_practice_folder(
    pair: tuple[Counter, Counter], person: SeekerInput, live_server: LiveServer
) -> None:
    from app.cli import main
    from app.errors import SyncError
    from app.services.demo import make_seekers
    from app.station import open_station
    from app.sync import state

    a, _b = pair
    root = a.station.data.root
    assert main(["--data-dir", str(root), "demo", "--seekers", "5"]) == 0
    assert count(a.station, "seekers") == 0
    practice = open_station(root / "practice")
    try:
        assert practice.practice and practice.seekers.count() == 5
        # Its own keys: demo ID numbers are not even encrypted under the deployment's.
        assert practice.settings.station_id == "" and practice.keys.lookup_key != a.station.keys.lookup_key
    finally:
        practice.close()
    a.station.seekers.save(person)
    assert a.sync().complete and server_count(live_server.engine, "seeker") == 1

    # Demo rows written straight into the station's database (a script): it syncs no more.
    make_seekers(a.station.db, a.station.keys, a.station.clock, 3)
    edited = replace(person, id_number="", phone="13900000001")
    a.station.seekers.save(edited, seeker_id=a.station.seekers.find_id_by_number(person.id_number))
    with pytest.raises(SyncError) as refused:
        a.sync()
    assert "本站数据里有演示数据" in refused.value.message
    # A database marked as practice (copied into a practice folder) neither.
    with a.station.db.write(sync_apply=True) as s:
        state.put(s, state.DEMO_ROWS, "")
        state.put(s, state.PRACTICE, "1")
    with pytest.raises(SyncError) as refused:
        a.sync()
    assert "练习数据目录" in refused.value.message
    with pytest.raises(SyncError):
        a.client.lookup_seeker(a.station.keys.id_key(person.id_number))
    assert server_count(live_server.engine, "seeker") == 1
    assert count(a.station, "outbox", "state = 'pending'") == 1  # the edit waits, unsent


@pytest.mark.dates
def test_the_hall_board_shows_the_regions_posts_and_this_halls_own_counts(
    pair: tuple[Counter, Counter], company: EmployerInput, person: SeekerInput
) -> None:
    """A post released at A is on B's board and in B's "places offered" once B syncs; the people A
    registered and placed are A's figures, not B's (they are not in B's scope)."""

    from app.services.board import BoardService

    a, b = pair
    today = wallclock.today()
    employer = a.station.employers.save(company).employer_id
    posting = open_posting(a.station, a.boss, employer, today=today, headcount="7")
    code = a.station.postings.get(posting).code
    seeker = a.station.seekers.save(person).seeker_id
    ref = a.station.referrals.refer(seeker, posting, clerk="张三", today=today).id
    a.station.referrals.record_outcome(
        ref, OutcomeInput("hired", start_date=today, agreed_pay="180", agreed_pay_unit="day"), by="张三", today=today
    )
    board = BoardService(b.station.db, b.station.settings)
    try:
        before = board.snapshot()
        assert code not in {p.code for p in before.postings}
        a.sync()
        b.sync()
        after = board.snapshot()
    finally:
        board.close()
    assert code in {p.code for p in after.postings}
    assert after.open_postings == before.open_postings + 1
    assert after.today.offered == before.today.offered + 7
    assert (after.today.registered, after.today.placed) == (before.today.registered, before.today.placed)


def test_the_check_after_a_sync_finds_a_lost_row_and_pulls_it_again(
    pair: tuple[Counter, Counter], company: EmployerInput
) -> None:
    """DESIGN §5.8: a row gone from a station behind sync's back (a restored backup, a bad disk
    sector) is found by the next check, which pulls everything again; a difference that a second
    pull cannot mend is shown, and later checks do not pull everything every time."""
    from sqlalchemy import text

    from app.sync import client as client_module
    from app.sync import state

    a, b = pair
    employer = a.station.employers.save(company).employer_id
    posting = open_posting(a.station, a.boss, employer)
    a.sync()
    first = b.sync()
    assert not first.repulled and b.client.check() == []
    # B also holds a post of A's that closed after B's first pull: pulling everything again keeps
    # that first pull's scope, so the post is still expected at B.
    closed = open_posting(a.station, a.boss, employer)
    a.sync()
    b.sync()
    a.station.postings.close(closed, "已招到人")
    a.sync()
    b.sync()
    assert b.station.postings.get(closed).status == "closed" and b.client.check() == []

    def lose(sql: str) -> None:
        with b.station.db.write(sync_apply=True) as s:
            s.execute(text(sql))
            state.put(s, client_module.CHECKED_AT, "2000-01-01T00:00:00")  # the check is due

    lose(f"DELETE FROM postings WHERE id = '{posting}'")
    assert b.client.check() == ["posting"]
    result = b.sync()
    assert result.repulled and not result.warnings
    assert b.station.postings.get(posting).status == "open"
    assert b.client.check() == []
    # A row the server never had (written past the outbox): pulling again cannot mend it.
    from db.models import Employer

    copied = [c.name for c in Employer.__table__.columns if c.name not in ("pk", "id", "credit_code")]
    lose(
        f"INSERT INTO employers (id, {', '.join(copied)}) SELECT 'not-on-the-server', {', '.join(copied)}"
        f" FROM employers WHERE id = '{employer}'"
    )
    result = b.sync()
    assert result.repulled and any("用人单位" in w for w in result.warnings)
    with b.station.db.write(sync_apply=True) as s:
        state.put(s, client_module.CHECKED_AT, "2000-01-01T00:00:00")
    again = b.sync()
    assert not again.repulled and any("用人单位" in w for w in again.warnings)
