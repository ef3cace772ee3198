"""Every statement the server runs for a sync reaches the big tables through an index.

A city's server holds millions of records; one push that reads all of them crawls, and under a
province's load it stops the server (a lookup written `deleted IS false` could not use the index
made for `NOT deleted`, and each push read every record once PostgreSQL had statistics). The
statements a real sync runs are caught as they run, then explained: PostgreSQL with sequential
scans priced out, so a scan in the plan means no index can serve the statement; SQLite's plan
says SCAN for a full pass.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import event, insert, select, update

from app.services.employers import EmployerInput
from app.services.referrals import OutcomeInput
from app.services.seekers import SeekerInput
from app.sync.hlc import HybridLogicalClock
from db.models import Seeker
from server import sync
from tests.conftest import TODAY, open_posting, seeker_like
from tests.server.conftest import LiveServer
from tests.server.helpers import enrolled_counter

BIG_TABLES = ("records", "changes")  # the tables the test fills


def _statements(engine: Any) -> list[tuple[str, Any]]:
    caught: list[tuple[str, Any]] = []

    @event.listens_for(engine, "before_cursor_execute")
    def catch(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, executemany: bool) -> None:
        head = statement.lstrip().split(None, 1)[0].upper()
        if not executemany and head in ("SELECT", "UPDATE", "DELETE", "WITH"):
            caught.append((statement, parameters))

    return caught


def _fill(engine: Any, n: int) -> None:
    """`n` people of fifty other stations and their changes, numbered before anything the test syncs,
    and statistics taken, as on a server in use (the planner chooses by them)."""
    from server.models import Change, Counter, Record
    from server.store import SEQ

    now = HybridLogicalClock("X").now()
    with engine.begin() as conn:
        conn.execute(
            insert(Record),
            [
                {
                    "id": f"00000000-0000-4000-8000-{i:012d}",
                    "entity": "seeker",
                    "seq": i + 1,
                    "hlc": now,
                    "data": {"name": "某某"},
                    "field_hlc": {},
                    "owner": f"station-{i % 50}",
                    "district": "520100",
                    "identity": f"{i:064x}",
                    "seeker_id": f"00000000-0000-4000-8000-{i:012d}",
                }
                for i in range(n)
            ],
        )
        conn.execute(
            insert(Change),
            [
                {
                    "change_id": str(uuid.uuid4()),
                    "station_id": f"station-{i % 50}",
                    "row_id": f"00000000-0000-4000-8000-{i:012d}",
                    "status": "applied",
                }
                for i in range(n)
            ],
        )
        conn.execute(update(Counter).where(Counter.name == SEQ).values(value=n))
    with engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.commit()


def _full_scans(engine: Any, statement: str, parameters: Any) -> list[str]:
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            plan = [r[0] for r in conn.exec_driver_sql("EXPLAIN " + statement, parameters)]
            return [line.strip() for line in plan if re.search(rf"Seq Scan on ({'|'.join(BIG_TABLES)})\b", line)]
        plan = [r[-1] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)]
        return [line for line in plan if re.fullmatch(rf"SCAN ({'|'.join(BIG_TABLES)})\b.*", line)]


def test_a_sync_reads_the_big_tables_only_through_indexes(
    tmp_path: Path, live_server: LiveServer, person: SeekerInput, company: EmployerInput
) -> None:
    engine = live_server.engine
    _fill(engine, 5_000)
    a = enrolled_counter(tmp_path / "a", engine, live_server.url, name="观山湖区零工市场")
    b = enrolled_counter(tmp_path / "b", engine, live_server.url, name="花溪区零工驿站")
    c = enrolled_counter(tmp_path / "c", engine, live_server.url, name="白云区零工驿站")
    try:
        caught = _statements(engine)
        # Posts, people, referrals and outcomes; the same person registered at two stations (a
        # merge); a person looked up from a third; a batch sent twice.
        employer = a.station.employers.save(company).employer_id
        posting = open_posting(a.station, a.boss, employer)
        a.sync()
        b.sync()
        at_a = a.station.seekers.save(person).seeker_id
        at_b = b.station.seekers.save(seeker_like(person, 0, id_number=person.id_number)).seeker_id
        ref = b.station.referrals.refer(at_b, posting, clerk="李四", today=TODAY).id
        b.station.referrals.record_outcome(ref, OutcomeInput("no_show"), by="李四", today=TODAY)
        a.station.referrals.refer(at_a, posting, clerk="张三", today=TODAY)
        for counter in (a, b, a, b):
            assert counter.sync().complete
        with a.station.db.read() as s:
            id_key = s.scalars(select(Seeker.id_key).where(Seeker.id == at_a)).one()
        assert c.client.lookup_seeker(id_key) == at_a
        info = sync.StationInfo(a.station.settings.station_id, a.station.settings.station_code, "520000")
        clock = HybridLogicalClock("server")
        again = [sync.IncomingChange(str(uuid.uuid4()), "seeker", at_a, clock.now(), {"phone": "13900009999"})]
        for _ in range(2):
            sync.push(engine, info, again, clock, clock.wall_ms(), keys=live_server.keys)
        c.sync()
    finally:
        for counter in (a, b, c):
            counter.close()
    assert len(caught) > 20
    # A station's first pull (since 0) reads the region's whole history by design.
    checked = [(st, p) for st, p in caught if not (isinstance(p, dict) and p.get("since") == 0)]
    scans = {st: found for st, p in checked if (found := _full_scans(engine, st, p))}
    assert not scans, "\n\n".join(f"{st}\n-> {found}" for st, found in scans.items())
