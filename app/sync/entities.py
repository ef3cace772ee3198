"""The synced entities, their fields as JSON, and the checks the server makes on each field.

The typed models in db/models.py are the one definition: what travels is every column except the
station's own integer key, the row's identity and its bookkeeping (`hlc`, `field_hlc`,
`updated_at`), each turned into plain JSON (dates as ISO text, bytes as base64).
"""

from __future__ import annotations

import base64
import binascii
import functools
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Column, Date, DateTime, Float, Integer, LargeBinary, String

from db.models import Employer, FollowUpCall, Posting, Referral, ReferralOutcome, Seeker

LOCAL_COLUMNS = frozenset({"pk", "id", "hlc", "field_hlc", "updated_at"})

MAX_BINARY = 4096
MAX_JSON_ITEMS = 64
# Each item of a list field: job-type codes, time slots, group keys and flagged words are all short.
MAX_JSON_ITEM = 64
# A Text column, and a String column declared without a length.
MAX_TEXT = 10_000


def check(col: Column[Any], value: Any) -> str | None:
    """Why `value` cannot be this field's JSON value, or None when it can."""
    return checker(col)(value)


Check = Callable[[Any], "str | None"]
_WRONG = "类型或长度不对"


def checker(col: Column[Any]) -> Check:
    """The check of one column's JSON values, decided once per column (the server runs it on every
    field of every change it receives)."""
    nullable = bool(col.nullable)
    t = col.type

    def none_or(ok: Callable[[Any], bool], why: str = _WRONG) -> Check:
        def run(value: Any) -> str | None:
            if value is None:
                return None if nullable else "不能为空"
            return None if ok(value) else why

        return run

    if isinstance(t, Boolean):
        return none_or(lambda v: type(v) is bool)
    if isinstance(t, Integer):
        return none_or(lambda v: type(v) is int and -(2**53) < v < 2**53)
    if isinstance(t, Float):
        return none_or(lambda v: type(v) in (int, float) and math.isfinite(v))
    if isinstance(t, DateTime | Date):
        parse = datetime.fromisoformat if isinstance(t, DateTime) else date.fromisoformat
        return none_or(lambda v: isinstance(v, str) and len(v) <= 32 and _parses(parse, v), "日期格式不对")
    if isinstance(t, LargeBinary):
        return none_or(lambda v: isinstance(v, str) and len(v) <= MAX_BINARY and _base64(v), "数据格式不对")
    if isinstance(t, JSON):
        return none_or(
            lambda v: (
                isinstance(v, list)
                and len(v) <= MAX_JSON_ITEMS
                and all(isinstance(x, str) and len(x) <= MAX_JSON_ITEM for x in v)
            ),
            f"须为不超过{MAX_JSON_ITEMS}项的文字列表，每项不超过{MAX_JSON_ITEM}字",
        )
    if isinstance(t, String):  # Text is a String too
        limit = MAX_TEXT if t.length is None else t.length
        null_why = None if nullable else "不能为空"

        # Most fields are short texts: checked in one call, not two.
        def text(v: Any) -> str | None:
            if type(v) is str:
                return None if len(v) <= limit else _WRONG
            return null_why if v is None else _WRONG

        return text
    return none_or(lambda _v: False)  # pragma: no cover - every column type in db/models.py is handled above


def _parses(parse: Callable[[str], object], value: str) -> bool:
    try:
        parse(value)
    except ValueError:
        return False
    return True


def _base64(value: str) -> bool:
    try:
        base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return False
    return True


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
    # field -> the server's check of its JSON value
    checks: dict[str, Check] = field(default_factory=dict)

    @functools.cached_property
    def text_limits(self) -> dict[str, int]:
        """The length limit of each text field: most values a server checks are texts, and a text
        within its limit needs no call of its check (`checks` still judges everything else)."""
        return {
            name: (MAX_TEXT if col.type.length is None else col.type.length)
            for name, col in self.columns.items()
            if isinstance(col.type, String) and not isinstance(col.type, JSON)
        }

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(self.columns)

    @functools.cached_property
    def _required(self) -> tuple[str, ...]:
        return tuple(
            name
            for name, col in self.columns.items()
            if not col.nullable and col.default is None and col.server_default is None
        )

    def required(self) -> tuple[str, ...]:
        """Fields a new record must carry: not nullable and without a default."""
        return self._required


def _entity(name: str, model: type, parents: dict[str, str] | None = None, identity: tuple[str, ...] = ()) -> Entity:
    table = model.__table__  # type: ignore[attr-defined]
    columns = {c.name: c for c in table.columns if c.name not in LOCAL_COLUMNS}
    return Entity(
        name, model, table.name, columns, parents or {}, identity, {n: checker(c) for n, c in columns.items()}
    )


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
