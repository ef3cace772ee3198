"""A station opened from its data dir: settings, keys, database, clock and the services."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from app.errors import storage_guard
from app.i18n import set_language
from app.keys import KeyRing
from app.logs import setup_logging
from app.paths import DataDir
from app.services.employers import EmployerService
from app.services.matching import Matcher
from app.services.postings import PostingQuery, PostingService, WagePolicy
from app.services.referrals import ReferralService
from app.services.search import SeekerSearch
from app.services.seekers import SeekerService
from app.settings import Settings
from app.slips.qr import SlipKey
from app.supervisor import SupervisorGate
from app.sync import outbox
from app.sync import state as sync_state
from app.sync.client import adopt_identity, identity_facts
from app.sync.hlc import HybridLogicalClock
from db.session import Database, open_database

log = logging.getLogger("linggong.station")


class _CurrentKeys:
    """The station's keys as they are now: enrolment swaps them while searches stay open."""

    def __init__(self, station: Station) -> None:
        self._station = station

    def __getattr__(self, name: str) -> Any:
        return getattr(self._station.keys, name)


@dataclass
class Station:
    data: DataDir
    settings: Settings
    keys: KeyRing
    db: Database
    clock: HybridLogicalClock
    seekers: SeekerService = field(init=False)
    employers: EmployerService = field(init=False)
    postings: PostingService = field(init=False)
    slip_key: SlipKey
    supervisor: SupervisorGate = field(init=False)
    referrals: ReferralService = field(init=False)
    # A practice data folder (app/practice.py): demo data to learn with, never enrolled or synced.
    practice: bool = False

    def __post_init__(self) -> None:
        self.seekers = SeekerService(self.db, self.keys, self.clock)
        self.employers = EmployerService(self.db, self.keys, self.clock)
        policy = WagePolicy(self.settings.min_wage_hour_cents, self.settings.min_wage_month_cents)
        self.postings = PostingService(self.db, self.clock, policy, open_days=self.settings.posting_open_days)
        self.supervisor = SupervisorGate(self.settings)
        self.referrals = ReferralService(self.db, self.clock, self.slip_key, self.settings)

    def searcher(self) -> SeekerSearch:
        """A search helper for one thread (it keeps its own read connection)."""
        return SeekerSearch(self.db, cast(KeyRing, _CurrentKeys(self)))

    def posting_query(self) -> PostingQuery:
        """A posting-list helper for one thread (it keeps its own read connection)."""
        return PostingQuery(self.db)

    def matcher(self) -> Matcher:
        """A matching helper for one thread (it keeps its own read connection)."""
        return Matcher(self.db)

    def save_settings(self) -> None:
        self.settings.save(self.data.settings)

    def close(self) -> None:
        self.db.dispose()


def open_station(root: Path, *, log_to_console: bool = False) -> Station:
    """Open (creating if needed) everything a station keeps under `root`; migrate the database."""
    with storage_guard():
        data = DataDir(root).ensure()
        setup_logging(data.logs, console=log_to_console)
        settings = Settings.load(data.settings)
        set_language(settings.language)
        db = open_database(data.database)
        with db.read() as s:
            last = sync_state.last_stamp(s)
            practice = sync_state.get(s, sync_state.PRACTICE) == "1"
            KeyRing.recover(data.keys, sync_state.get(s, "keyring"))
        keys = KeyRing.open(data.keys)
        slip_key = SlipKey.open(data.keys)
    clock = HybridLogicalClock(settings.station_code, last=last, offset_ms=settings.clock_offset_ms)
    outbox.install(db, clock)
    station = Station(data, settings, keys, db, clock, slip_key, practice=practice)
    facts = identity_facts(db)
    if facts is not None:
        adopt_identity(station, facts)
    station.referrals.register_own_key()
    log.info("station %s opened%s", settings.station_code, " (practice data)" if practice else "")
    return station
