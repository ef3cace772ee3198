"""The synced entities, their fields as JSON, and the checks the server makes on each field.

The typed models in db/models.py are the one definition: what travels is every column except the
station's own integer key, the row's identity and its bookkeeping (`hlc`, `field_hlc`,
`updated_at`), each turned into plain JSON (dates as ISO text, bytes as base64).
"""

from __future__ import annotations

import base64
import binascii
import math
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Column, Date, DateTime, Float, Integer, LargeBinary, String, Text

from db.models import Employer, FollowUpCall, Posting, Referral, ReferralOutcome, Seeker

LOCAL_COLUMNS = frozenset({"pk", "id", "hlc", "field_hlc", "updated_at"})


@dataclass(frozen=True)
class Entity:
    name: str
    model: type
    table: str
    columns: dict[str, Column[Any]]
    # field -> entity it points at (the foreign keys a pull must bring along)
    parents: dict[str, str] = field(default_factory=dict)
    # fields that identify the same real thing under two ids: merged into one record by the server
    identity: tuple[str, ...] = ()

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(self.columns)

    def required(self) -> tuple[str, ...]:
        """Fields a new record must carry: not nullable and without a default."""
        return tuple(
            name
            for name, col in self.columns.items()
            if not col.nullable and col.default is None and col.server_default is None
        )


def _entity(name: str, model: type, parents: dict[str, str] | None = None, identity: tuple[str, ...] = ()) -> Entity:
    table = model.__table__  # type: ignore[attr-defined]
    columns = {c.name: c for c in table.columns if c.name not in LOCAL_COLUMNS}
    return Entity(name, model, table.name, columns, parents or {}, identity)


# Parents before children: a page applied in this order never points at a row not yet there.
ENTITIES: tuple[Entity, ...] = (
    _entity("employer", Employer, identity=("credit_code", "owner_id_key")),
    _entity("posting", Posting, {"employer_id": "employer"}),
    _entity("seeker", Seeker, identity=("id_key",)),
    _entity("referral", Referral, {"seeker_id": "seeker", "posting_id": "posting"}),
    _entity("referral_outcome", ReferralOutcome, {"referral_id": "referral"}),
    _entity("follow_up_call", FollowUpCall, {"referral_id": "referral"}),
)
BY_NAME: dict[str, Entity] = {e.name: e for e in ENTITIES}
BY_TABLE: dict[str, Entity] = {e.table: e for e in ENTITIES}
ORDER: dict[str, int] = {e.name: i for i, e in enumerate(ENTITIES)}


def to_json(col: Column[Any], value: Any) -> Any:
    if value is None:
        return None
    t = col.type
    if isinstance(t, DateTime):
        return value.isoformat(timespec="microseconds")
    if isinstance(t, Date):
        return value.isoformat()
    if isinstance(t, LargeBinary):
        return base64.b64encode(value).decode("ascii")
    return value


def from_json(col: Column[Any], value: Any) -> Any:
    """The Python value of a JSON field that `check` has accepted."""
    if value is None:
        return None
    t = col.type
    if isinstance(t, DateTime):
        return datetime.fromisoformat(value)
    if isinstance(t, Date):
        return date.fromisoformat(value)
    if isinstance(t, LargeBinary):
        return base64.b64decode(value)
    return value


def row_fields(entity: Entity, row: Any) -> dict[str, Any]:
    """Every synced field of an ORM row, as JSON."""
    return {name: to_json(col, getattr(row, name)) for name, col in entity.columns.items()}


MAX_BINARY = 4096
MAX_JSON_ITEMS = 64


def check(col: Column[Any], value: Any) -> str | None:
    """Why `value` cannot be this field's JSON value, or None when it can."""
    if value is None:
        return None if col.nullable else "不能为空"
    t = col.type
    ok: bool
    if isinstance(t, Boolean):
        ok = isinstance(value, bool)
    elif isinstance(t, Integer):
        ok = isinstance(value, int) and not isinstance(value, bool) and -(2**53) < value < 2**53
    elif isinstance(t, Float):
        ok = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    elif isinstance(t, DateTime | Date):
        if not isinstance(value, str) or len(value) > 32:
            return "日期格式不对"
        try:
            (datetime if isinstance(t, DateTime) else date).fromisoformat(value)
        except ValueError:
            return "日期格式不对"
        return None
    elif isinstance(t, LargeBinary):
        if not isinstance(value, str) or len(value) > MAX_BINARY:
            return "数据格式不对"
        try:
            base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            return "数据格式不对"
        return None
    elif isinstance(t, JSON):
        ok = isinstance(value, list) and len(value) <= MAX_JSON_ITEMS and all(isinstance(v, str) for v in value)
    elif isinstance(t, Text):
        ok = isinstance(value, str) and len(value) <= 10_000
    elif isinstance(t, String):
        ok = isinstance(value, str) and (t.length is None or len(value) <= t.length)
    else:  # pragma: no cover - every column type in db/models.py is handled above
        ok = False
    return None if ok else "类型或长度不对"
