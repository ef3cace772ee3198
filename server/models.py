"""The server's tables. Synced rows are kept as JSON documents with the columns that scope and
merging need pulled out beside them: the server is the meeting point of the stations' rows, and
every rule about the rows' content lives in app/ and is shared with the stations."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, Boolean, DateTime, Index, Integer, LargeBinary, MetaData, String, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from db.base import NAMING_CONVENTION, utcnow


class ServerBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class StationRow(ServerBase):
    """A station the administrator added. The token and the enrolment code are kept only hashed."""

    __tablename__ = "stations"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    region: Mapped[str] = mapped_column(String(6))
    token_hash: Mapped[str | None] = mapped_column(String(64), nullable=True, unique=True)
    enrol_hash: Mapped[str | None] = mapped_column(String(64), nullable=True, unique=True)
    enrol_expires: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    enrolled_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    last_seen_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # The station's public slip key, so every station can check its referral slips.
    slip_key: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    key_seq: Mapped[int] = mapped_column(BigInteger, default=0, index=True)


class Record(ServerBase):
    """The server's copy of one synced row (see app/sync/entities.py and app/sync/merge.py)."""

    __tablename__ = "records"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    entity: Mapped[str] = mapped_column(String(24))
    # NULL only inside the push that writes it: numbered just before its commit.
    seq: Mapped[int | None] = mapped_column(BigInteger, unique=True, nullable=True)
    hlc: Mapped[str] = mapped_column(String(40))
    data: Mapped[dict[str, object]] = mapped_column(JSON)  # the fields not sealed (server/vault.py)
    # The personal fields, sealed with the at-rest key; NULL when the record has none.
    sealed: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    # What reports and a slip's page may show of a person: {"name": "张*丰", "born": "1990-1994"}.
    coarse: Mapped[dict[str, object] | None] = mapped_column(JSON, nullable=True)
    field_hlc: Mapped[dict[str, str]] = mapped_column(JSON)
    owner: Mapped[str] = mapped_column(String(36))  # the station that first pushed it
    district: Mapped[str] = mapped_column(String(6), default="")
    # id_key of a person or a household employer; "C:" + credit code of a company
    identity: Mapped[str | None] = mapped_column(String(70), nullable=True)
    seeker_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    parent_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    code: Mapped[str | None] = mapped_column(String(32), nullable=True)
    status: Mapped[str] = mapped_column(String(12), default="")
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (
        # Unique among live records: two pushes racing to create the same person meet here.
        Index(
            "uq_records_entity_identity",
            "entity",
            "identity",
            unique=True,
            postgresql_where=text("identity IS NOT NULL AND NOT deleted"),
            sqlite_where=text("identity IS NOT NULL AND NOT deleted"),
        ),
        Index(
            "uq_records_entity_code",
            "entity",
            "code",
            unique=True,
            postgresql_where=text("code IS NOT NULL"),
            sqlite_where=text("code IS NOT NULL"),
        ),
        Index("ix_records_seeker_id", "seeker_id"),
        Index("ix_records_owner_entity", "owner", "entity"),
        Index("ix_records_entity_district_status", "entity", "district", "status"),
    )


class Change(ServerBase):
    """Every change a station pushed, by its id: a resent batch is recognised and answered the same."""

    __tablename__ = "changes"

    change_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    station_id: Mapped[str] = mapped_column(String(36))
    row_id: Mapped[str] = mapped_column(String(36))
    status: Mapped[str] = mapped_column(String(12))  # applied / merged / refused
    reason: Mapped[str] = mapped_column(String(200), default="")
    received_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Alias(ServerBase):
    """A record id merged into another (the same person registered at two stations)."""

    __tablename__ = "aliases"

    old_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    entity: Mapped[str] = mapped_column(String(24))
    new_id: Mapped[str] = mapped_column(String(36))
    seq: Mapped[int | None] = mapped_column(BigInteger, unique=True, nullable=True)  # as records.seq


class Adoption(ServerBase):
    """A person registered elsewhere whom this station looked up: their records reach it too."""

    __tablename__ = "adoptions"

    station_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seeker_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Counter(ServerBase):
    """The last sequence number handed out. Updating it locks it, so numbers are given out in commit
    order and a pull never skips a row that commits late."""

    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(16), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class KeyCheck(ServerBase):
    """A check value of the server's keys (server/vault.py), which live in a file outside the
    database: a missing or wrong key file is recognised at start instead of sealing with new keys."""

    __tablename__ = "key_check"

    name: Mapped[str] = mapped_column(String(16), primary_key=True)
    value: Mapped[str] = mapped_column(String(64))


class Lookup(ServerBase):
    """A look-up of a person by resident ID (a full number typed at a counter), found or not: who
    asked, when and why. Registering a person already known elsewhere counts as one too."""

    __tablename__ = "lookups"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True)
    station_id: Mapped[str] = mapped_column(String(36))
    station_code: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    reason: Mapped[str] = mapped_column(String(100))
    clerk: Mapped[str] = mapped_column(String(30), default="")
    via: Mapped[str] = mapped_column(String(12))  # lookup / register
    seeker_id: Mapped[str | None] = mapped_column(String(36), nullable=True)  # None: nobody found

    __table_args__ = (Index("ix_lookups_station_id_at", "station_id", "at"),)
