"""Finding a seeker from one search box: ID number, phone, last four digits, name, pinyin initials.

This is the counter's hottest read, so it runs hand-written SQL on a DBAPI connection it keeps:
SQLAlchemy's per-statement overhead is several times the cost of these point lookups. Every kind
of query is answered from an index; no query scans the table.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from app.errors import storage_guard
from app.keys import KeyRing
from app.validation.phone import mask_phone
from app.validation.resident_id import age_from_month, normalize_id
from db.name_index import compact_name, match_expression
from db.session import Database


class SearchKind(Enum):
    EMPTY = "empty"
    ID_NUMBER = "id_number"
    OLD_ID = "old_id"  # 15 digits: never stored, said so
    PHONE = "phone"
    PHONE_LAST4 = "phone_last4"
    PHONE_PREFIX = "phone_prefix"
    INITIALS = "initials"
    NAME = "name"
    SURNAME = "surname"


@dataclass(frozen=True)
class SeekerRow:
    """One line of the results list: nothing here is a full ID number or phone."""

    id: str
    name: str
    sex: str
    birth_date: date  # the 1st of the birth month: the day is not kept
    id_masked: str
    phone_masked: str
    district_code: str
    job_types: list[str]
    groups: list[str]
    updated_at: str

    def age_on(self, day: date) -> int:
        return age_from_month(self.birth_date, day)


@dataclass(frozen=True)
class SearchResult:
    query: str
    kind: SearchKind
    rows: list[SeekerRow]
    truncated: bool  # more people matched than were returned


_COLUMNS = (
    "s.id, s.name, s.sex, s.birth_date, s.id_masked, s.phone, s.district_code, s.job_types, s.groups, s.updated_at"
)
_LIVE = "s.deleted = 0"
SQL: dict[SearchKind, str] = {
    SearchKind.ID_NUMBER: f"SELECT {_COLUMNS} FROM seekers s WHERE s.id_key = ? AND {_LIVE} LIMIT ?",
    SearchKind.PHONE: f"SELECT {_COLUMNS} FROM seekers s WHERE s.phone = ? AND {_LIVE} "
    "ORDER BY s.updated_at DESC LIMIT ?",
    SearchKind.PHONE_LAST4: f"SELECT {_COLUMNS} FROM seekers s WHERE s.phone_last4 = ? AND {_LIVE} "
    "ORDER BY s.updated_at DESC LIMIT ?",
    SearchKind.PHONE_PREFIX: f"SELECT {_COLUMNS} FROM seekers s WHERE s.phone >= ? AND s.phone < ? AND {_LIVE} "
    "ORDER BY s.phone LIMIT ?",
    SearchKind.INITIALS: f"SELECT {_COLUMNS} FROM seekers s WHERE s.name_initials >= ? AND s.name_initials < ? "
    f"AND {_LIVE} ORDER BY s.name_initials, s.name LIMIT ?",
    SearchKind.SURNAME: f"SELECT {_COLUMNS} FROM seekers s WHERE s.name >= ? AND s.name < ? AND {_LIVE} "
    "ORDER BY s.name LIMIT ?",
    SearchKind.NAME: f"SELECT {_COLUMNS} FROM seeker_name_fts f JOIN seekers s ON s.pk = f.rowid "
    f"WHERE seeker_name_fts MATCH ? AND instr(replace(s.name, '·', ''), ?) > 0 AND {_LIVE} "
    "ORDER BY s.updated_at DESC LIMIT ?",
}

_DIGITS_NOISE = re.compile(r"[\s\-]")
_ID18 = re.compile(r"\d{17}[\dX]")


def _next_prefix(prefix: str) -> str:
    """The smallest string greater than every string starting with `prefix`."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def classify(query: str) -> tuple[SearchKind, tuple[Any, ...]]:
    """Decide what the clerk typed and the SQL parameters for it (the ID still in clear)."""
    text = unicodedata.normalize("NFKC", query).strip()
    if not text:
        return SearchKind.EMPTY, ()
    digits = _DIGITS_NOISE.sub("", text)
    if digits.startswith("+86"):
        digits = digits[3:]
    upper = digits.upper()
    if _ID18.fullmatch(upper):
        return SearchKind.ID_NUMBER, (normalize_id(upper),)
    if digits.isdigit():
        if len(digits) == 15:
            return SearchKind.OLD_ID, ()
        if len(digits) == 11:
            return SearchKind.PHONE, (digits,)
        if len(digits) == 4:
            return SearchKind.PHONE_LAST4, (digits,)
        if 5 <= len(digits) <= 10 and digits.startswith("1"):
            return SearchKind.PHONE_PREFIX, (digits, _next_prefix(digits))
        return SearchKind.EMPTY, ()
    if text.isascii() and text.replace(" ", "").isalpha():
        initials = text.replace(" ", "").lower()
        return SearchKind.INITIALS, (initials, _next_prefix(initials))
    name = compact_name(text)
    if len(name) == 1:
        return SearchKind.SURNAME, (name, _next_prefix(name))
    return SearchKind.NAME, (match_expression(name), name)


class SeekerSearch:
    """Answers search-box queries. Keeps one read connection; use from one thread at a time."""

    def __init__(self, db: Database, keys: KeyRing, *, limit: int = 200) -> None:
        self.db = db
        self.keys = keys
        self.limit = limit
        self._conn: Any = None

    def _connection(self) -> Any:
        if self._conn is None:
            self._conn = self.db.raw_reader()
        return self._conn.driver_connection

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def statement(self, query: str) -> tuple[SearchKind, str | None, tuple[Any, ...]]:
        """The kind, SQL and parameters a query runs (the ID number already turned into its key)."""
        kind, params = classify(query)
        if kind in (SearchKind.EMPTY, SearchKind.OLD_ID):
            return kind, None, ()
        if kind is SearchKind.ID_NUMBER:
            params = (self.keys.id_key(params[0]),)
        return kind, SQL[kind], params

    def search(self, query: str) -> SearchResult:
        kind, sql, params = self.statement(query)
        if sql is None:
            return SearchResult(query, kind, [], False)
        with storage_guard():
            raw = self._connection().execute(sql, (*params, self.limit + 1)).fetchall()
        rows = [
            SeekerRow(
                id=r[0],
                name=r[1],
                sex=r[2],
                birth_date=date.fromisoformat(r[3]),
                id_masked=r[4],
                phone_masked=mask_phone(r[5]),
                district_code=r[6],
                job_types=json.loads(r[7]),
                groups=json.loads(r[8]),
                updated_at=r[9],
            )
            for r in raw[: self.limit]
        ]
        return SearchResult(query, kind, rows, len(raw) > self.limit)
