"""Typed models of the counter's tables."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    PrimaryKeyConstraint,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, SyncedMixin, utcnow


class Seeker(SyncedMixin, Base):
    """A job seeker (求职人员). The resident ID is kept only encrypted and as a keyed hash."""

    __tablename__ = "seekers"

    # A local integer key: stable row identity for the name index (FTS rowid), never synced.
    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    name_initials: Mapped[str] = mapped_column(String(40), default="", index=True)
    id_key: Mapped[str] = mapped_column(String(64), unique=True)  # HMAC-SHA256, hex
    id_cipher: Mapped[bytes] = mapped_column(LargeBinary)
    id_masked: Mapped[str] = mapped_column(String(18))
    sex: Mapped[str] = mapped_column(String(1))  # "M" / "F", derived from the ID
    birth_date: Mapped[date] = mapped_column(Date)
    phone: Mapped[str] = mapped_column(String(11), index=True)
    phone_last4: Mapped[str] = mapped_column(String(4), index=True)
    district_code: Mapped[str] = mapped_column(String(6), default="")
    job_types: Mapped[list[str]] = mapped_column(JSON, default=list)
    skills: Mapped[str] = mapped_column(Text, default="")
    avail_from: Mapped[date | None] = mapped_column(Date, nullable=True)
    avail_to: Mapped[date | None] = mapped_column(Date, nullable=True)
    avail_slots: Mapped[list[str]] = mapped_column(JSON, default=list)
    wage_expect_cents: Mapped[int | None] = mapped_column(Integer, nullable=True)
    wage_unit: Mapped[str] = mapped_column(String(8), default="day")
    groups: Mapped[list[str]] = mapped_column(JSON, default=list)
    consent: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        Index("ix_seekers_name", "name"),
        Index("ix_seekers_updated_at", "updated_at"),
        # Lets the live-people count read a small index instead of the whole table.
        Index("ix_seekers_deleted", "deleted"),
        # The hall board counts today's and this month's registrations (migration 0006).
        Index("ix_seekers_created_at_deleted", "created_at", "deleted"),
    )


class Employer(SyncedMixin, Base):
    """An employer (用人单位): an enterprise, an individual business, or a household hiring help.

    Enterprises and individual businesses are identified by their unified social credit code;
    a household by its owner's resident ID, kept exactly as a seeker's is (encrypted + keyed hash).
    """

    __tablename__ = "employers"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))  # enterprise / individual / household
    name: Mapped[str] = mapped_column(String(100))
    short_name: Mapped[str] = mapped_column(String(20), default="")
    name_initials: Mapped[str] = mapped_column(String(60), default="")
    credit_code: Mapped[str | None] = mapped_column(String(18), nullable=True, unique=True)
    owner_id_key: Mapped[str | None] = mapped_column(String(64), nullable=True, unique=True)
    owner_id_cipher: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    owner_id_masked: Mapped[str] = mapped_column(String(18), default="")
    contact_name: Mapped[str] = mapped_column(String(30))
    phone: Mapped[str] = mapped_column(String(24))
    phone2: Mapped[str] = mapped_column(String(24), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    district_code: Mapped[str] = mapped_column(String(6), default="")
    industry: Mapped[str] = mapped_column(String(4), default="")
    terms_accepted: Mapped[bool] = mapped_column(Boolean, default=False)
    terms_accepted_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    terms_version: Mapped[str] = mapped_column(String(16), default="")
    suspended: Mapped[bool] = mapped_column(Boolean, default=False)
    suspension_reason: Mapped[str] = mapped_column(String(16), default="")
    suspension_note: Mapped[str] = mapped_column(Text, default="")
    suspended_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    suspended_by: Mapped[str] = mapped_column(String(30), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        Index("ix_employers_name", "name"),
        Index("ix_employers_deleted", "deleted"),
    )


class Posting(SyncedMixin, Base):
    """A short-term job posting (招聘岗位) with the fields a public recruitment notice must carry."""

    __tablename__ = "postings"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)  # GY01-P20261125-0001
    employer_id: Mapped[str] = mapped_column(ForeignKey("employers.id"))
    title: Mapped[str] = mapped_column(String(60))
    job_type: Mapped[str] = mapped_column(String(16))
    headcount: Mapped[int] = mapped_column(Integer)
    duties: Mapped[str] = mapped_column(Text, default="")
    requirements: Mapped[str] = mapped_column(Text, default="")
    conditions: Mapped[str] = mapped_column(Text, default="")
    pay_cents: Mapped[int] = mapped_column(Integer)
    pay_unit: Mapped[str] = mapped_column(String(8))
    settlement: Mapped[str] = mapped_column(String(12))
    meals: Mapped[bool] = mapped_column(Boolean, default=False)
    transport: Mapped[bool] = mapped_column(Boolean, default=False)
    lodging: Mapped[bool] = mapped_column(Boolean, default=False)
    benefits_note: Mapped[str] = mapped_column(String(200), default="")
    safety: Mapped[str] = mapped_column(Text, default="")
    work_place: Mapped[str] = mapped_column(String(200))
    district_code: Mapped[str] = mapped_column(String(6))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    daily_hours: Mapped[float] = mapped_column(Float)
    work_time: Mapped[str] = mapped_column(String(60), default="")
    contact_name: Mapped[str] = mapped_column(String(30))
    contact_phone: Mapped[str] = mapped_column(String(24))
    age_min: Mapped[int | None] = mapped_column(Integer, nullable=True)
    age_max: Mapped[int | None] = mapped_column(Integer, nullable=True)
    sex_limit: Mapped[str] = mapped_column(String(1), default="")  # "", "M", "F"
    limit_reason: Mapped[str] = mapped_column(String(200), default="")
    flagged_terms: Mapped[list[str]] = mapped_column(JSON, default=list)
    flags_cleared_by: Mapped[str] = mapped_column(String(30), default="")
    flags_cleared_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    status: Mapped[str] = mapped_column(String(10), default="draft")
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    reviewed_by: Mapped[str] = mapped_column(String(30), default="")
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    review_note: Mapped[str] = mapped_column(String(200), default="")
    opened_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    expires_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    end_reason: Mapped[str] = mapped_column(String(200), default="")
    source_channel: Mapped[str] = mapped_column(String(40), default="")
    # Title, employer names and place, for the bigram search index.
    search_text: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    # The list is filtered by any of these, alone or with the status, and shown newest first
    # (ORDER BY pk DESC LIMIT n): a one-column index keeps each value's rows in pk order, so the
    # newest matches are read without sorting every one (see migration 0004).
    __table_args__ = (
        Index("ix_postings_status", "status"),
        Index("ix_postings_job_type", "job_type"),
        Index("ix_postings_job_type_status", "job_type", "status"),
        Index("ix_postings_district_code", "district_code"),
        Index("ix_postings_district_status", "district_code", "status"),
        Index("ix_postings_pay_unit", "pay_unit"),
        Index("ix_postings_pay_unit_status", "pay_unit", "status"),
        Index("ix_postings_employer_id", "employer_id"),
        Index("ix_postings_status_expires", "status", "expires_on"),
        # The hall board: places offered by opening day, open places, the newest open posts first.
        Index(
            "ix_postings_board", "opened_at", "deleted", "headcount", "status", "end_date", "expires_on", "employer_id"
        ),
    )


class SeekerJobIndex(Base):
    """One row per (job type, county, person): how matching finds the people for a posting without
    reading a million JSON lists. Kept by triggers on `seekers` (migration 0005), never by hand."""

    __tablename__ = "seeker_job_index"

    job_type: Mapped[str] = mapped_column(String(16))
    district_code: Mapped[str] = mapped_column(String(6))
    seeker_pk: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        PrimaryKeyConstraint("job_type", "district_code", "seeker_pk"),
        {"sqlite_with_rowid": False},
    )


class Referral(SyncedMixin, Base):
    """A referral (推荐): one person sent to one posting, with the slip they carry.

    `status` is the latest outcome (pending / hired / not_hired / no_show / cancelled), a projection
    of the append-only `referral_outcomes`; placements and filled headcount are counted from it.
    """

    __tablename__ = "referrals"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)  # GY01-20261124-0042
    seeker_id: Mapped[str] = mapped_column(ForeignKey("seekers.id"))
    posting_id: Mapped[str] = mapped_column(ForeignKey("postings.id"))
    clerk: Mapped[str] = mapped_column(String(30))
    issued_on: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date] = mapped_column(Date)
    signature: Mapped[bytes] = mapped_column(LargeBinary)
    match_note: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(12), default="pending")
    outcome_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    start_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    agreed_pay_cents: Mapped[int | None] = mapped_column(Integer, nullable=True)
    agreed_pay_unit: Mapped[str] = mapped_column(String(8), default="")
    reason: Mapped[str] = mapped_column(String(200), default="")
    # The days a hired person works there (start date to the posting's end): overlap checks.
    work_from: Mapped[date | None] = mapped_column(Date, nullable=True)
    work_to: Mapped[date | None] = mapped_column(Date, nullable=True)

    __table_args__ = (
        Index("ix_referrals_seeker_status", "seeker_id", "status"),
        Index("ix_referrals_posting_status", "posting_id", "status"),
        Index("ix_referrals_status_valid", "status", "valid_until"),
        Index("ix_referrals_status_work_to", "status", "work_to"),
        # The hall board: people placed by day, and the newest placements.
        Index("ix_referrals_outcome_on_status", "outcome_on", "status"),
    )


class ReferralOutcome(SyncedMixin, Base):
    """An outcome recorded for a referral, or a supervisor's correction of one. Never changed."""

    __tablename__ = "referral_outcomes"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    referral_id: Mapped[str] = mapped_column(ForeignKey("referrals.id"), index=True)
    outcome: Mapped[str] = mapped_column(String(12))
    previous: Mapped[str] = mapped_column(String(12))
    outcome_on: Mapped[date] = mapped_column(Date)
    start_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    agreed_pay_cents: Mapped[int | None] = mapped_column(Integer, nullable=True)
    agreed_pay_unit: Mapped[str] = mapped_column(String(8), default="")
    reason: Mapped[str] = mapped_column(String(200), default="")
    source: Mapped[str] = mapped_column(String(12))  # counter / scan / phone
    recorded_by: Mapped[str] = mapped_column(String(30))
    corrected_by: Mapped[str] = mapped_column(String(30), default="")  # the supervisor of a correction
    note: Mapped[str] = mapped_column(String(200), default="")


class FollowUpCall(SyncedMixin, Base):
    """A follow-up phone call (跟踪回访) about a referral whose slip ran out without an outcome."""

    __tablename__ = "follow_up_calls"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    referral_id: Mapped[str] = mapped_column(ForeignKey("referrals.id"), index=True)
    called_on: Mapped[date] = mapped_column(Date)
    result: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(String(200), default="")
    called_by: Mapped[str] = mapped_column(String(30))


class StationKey(Base):
    """The public key that checks a station's slips. This station's own is added at start; others
    arrive by sync (issue 6)."""

    __tablename__ = "station_keys"

    station_code: Mapped[str] = mapped_column(String(16), primary_key=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    added_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class OutboxEntry(Base):
    """A change to a synced row, waiting to be pushed to the server (app/sync/outbox.py writes these
    in the same transaction as the change itself). Acknowledged entries are deleted; one the server
    refuses stays here as quarantined, with its reason, for staff to see."""

    __tablename__ = "outbox"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    change_id: Mapped[str] = mapped_column(String(36), unique=True)
    entity: Mapped[str] = mapped_column(String(24))
    row_id: Mapped[str] = mapped_column(String(36))
    fields: Mapped[dict[str, object]] = mapped_column(JSON)
    hlc: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    state: Mapped[str] = mapped_column(String(12), default="pending")  # pending / quarantined
    reason: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        Index("ix_outbox_entity_row_id", "entity", "row_id"),
        Index("ix_outbox_state_seq", "state", "seq"),
        # Never reuse a number: the queue's order is the order the changes were made.
        {"sqlite_autoincrement": True},
    )


class SyncState(Base):
    """Small facts about sync kept with the data they describe: the pull cursor (moved in the same
    transaction as the rows it covers), the last clock stamp, the last sync's outcome."""

    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
