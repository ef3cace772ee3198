"""The declarative base with a naming convention, and the columns every synced row carries."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app import clock as wallclock

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Naive UTC from the app's one clock (app/clock.py), so tests can set it."""
    return wallclock.utcnow()


def new_uuid() -> str:
    return str(uuid.uuid4())


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class SyncedMixin:
    """Identity and change stamp of a row that travels between stations and the server.

    `id` is made by the station that creates the row, so two offline stations never collide;
    `hlc` is the hybrid-logical-clock stamp of the last change; `deleted` is a tombstone.
    """

    id: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    hlc: Mapped[str] = mapped_column(String(40), default="")
    origin_station: Mapped[str] = mapped_column(String(16), default="")
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    field_hlc: Mapped[dict[str, str]] = mapped_column(JSON, default=dict, server_default="{}")


# FTS5 indexes (and their shadow tables) that the migrations create by hand; autogenerate skips them.
HAND_MANAGED_TABLES = ("seeker_name_fts", "posting_text_fts")


def managed_by_models(name: str | None, type_: str) -> bool:
    return not (type_ == "table" and name is not None and name.startswith(HAND_MANAGED_TABLES))
