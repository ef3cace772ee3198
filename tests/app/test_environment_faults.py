"""Disk full, locked, corrupt: each is told as what it is."""

import errno
import logging
import sqlite3
from pathlib import Path

import pytest

from app.errors import StorageError, StorageKind, classify_storage_fault, storage_guard
from app.logs import scrub
from app.services.seekers import SeekerInput
from app.station import Station, open_station


@pytest.mark.parametrize(
    ("exc", "kind"),
    [
        (sqlite3.OperationalError("database is locked"), StorageKind.LOCKED),
        (sqlite3.OperationalError("database or disk is full"), StorageKind.DISK_FULL),
        (sqlite3.DatabaseError("database disk image is malformed"), StorageKind.CORRUPT),
        (sqlite3.DatabaseError("file is not a database"), StorageKind.CORRUPT),
        (sqlite3.OperationalError("attempt to write a readonly database"), StorageKind.READ_ONLY),
        (OSError(errno.ENOSPC, "No space left on device"), StorageKind.DISK_FULL),
    ],
)
def test_faults_are_classified(exc: BaseException, kind: StorageKind) -> None:
    assert classify_storage_fault(exc) is kind


def test_bugs_are_not_disguised_as_storage_faults() -> None:
    with pytest.raises(sqlite3.IntegrityError), storage_guard():
        raise sqlite3.IntegrityError("UNIQUE constraint failed")


def test_a_corrupt_database_file_is_reported_as_corrupt(tmp_path: Path) -> None:
    root = tmp_path / "st"
    root.mkdir()
    (root / "linggong.db").write_bytes(b"this is not sqlite" * 500)
    with pytest.raises(StorageError) as err:
        open_station(root)
    assert err.value.kind is StorageKind.CORRUPT
    assert "损坏" in str(err.value)


def test_a_locked_database_is_reported_as_locked(station: Station, person: SeekerInput, monkeypatch) -> None:
    blocker = sqlite3.connect(station.data.database, timeout=0)
    blocker.execute("BEGIN IMMEDIATE")
    monkeypatch.setattr("db.session.BUSY_TIMEOUT_MS", 50)
    station.db.dispose()
    try:
        from db.session import open_database

        station.db = open_database(station.data.database, migrate=False)
        station.seekers.db = station.db
        with pytest.raises(StorageError) as err:
            station.seekers.save(person)
        assert err.value.kind is StorageKind.LOCKED
    finally:
        blocker.rollback()
        blocker.close()


def test_no_personal_data_in_the_log(station: Station, person: SeekerInput, caplog) -> None:
    caplog.set_level(logging.INFO, logger="linggong")
    saved = station.seekers.save(person)
    station.seekers.reveal_id_number(saved.seeker_id)
    logging.getLogger("linggong.test").warning("careless %s %s", person.id_number, person.phone)
    for handler in logging.getLogger("linggong").handlers:
        handler.flush()
    text = (station.data.logs / "linggong.log").read_text("utf-8")
    assert "registered" in text
    for secret in (person.id_number, person.phone, person.name):
        assert secret not in text


def test_scrub() -> None:
    assert scrub("id 11010519491231002X phone 13800138000") == "id [id] phone [phone]"
