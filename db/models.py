"""Typed models of the counter's tables."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, DateTime, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, SyncedMixin


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
    )
