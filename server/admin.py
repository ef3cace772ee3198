"""Stations: added by an administrator, enrolled once with a one-time code, revocable.

The enrolment code and the bearer token are random, shown once, and kept only as SHA-256 hashes:
they are long random strings, so a slow password hash would add nothing.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session

from app.pinyin import name_initials
from app.reference import region_known, region_name
from db.base import utcnow
from server.models import Counter, StationRow
from server.store import SEQ
from server.vault import ServerKeys

ENROL_HOURS = 24
# Unambiguous letters and digits (no 0/O, 1/I/L): the code is read aloud or typed from a printout.
_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


class AdminError(Exception):
    """A request the administrator or station must change (the message says how)."""


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def hash_enrol_code(code: str) -> str:
    """Typed codes are forgiven case, spaces and dashes: "k7qf m2xp 9rta" is K7QF-M2XP-9RTA."""
    plain = "".join(ch for ch in code.upper() if ch.isalnum())
    return hashlib.sha256(plain.encode("utf-8")).hexdigest()


def _enrol_code() -> str:
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(12))
    return "-".join(raw[i : i + 4] for i in range(0, 12, 4))


def _default_code(s: Session, region: str) -> str:
    name = region_name(region[:4] + "00") if region_known(region[:4] + "00") else ""
    for suffix in ("市", "地区", "自治州", "州", "省"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    prefix = (name_initials(name)[:2] or "ST").upper()
    taken = set(s.scalars(select(StationRow.code).where(StationRow.code.like(prefix + "%"))))
    n = 1
    while f"{prefix}{n:02d}" in taken:
        n += 1
    return f"{prefix}{n:02d}"


@dataclass(frozen=True)
class NewStation:
    id: str
    code: str
    name: str
    region: str
    enrol_code: str
    expires: datetime


def add_station(engine: Engine, name: str, region: str, code: str = "") -> NewStation:
    name, region, code = name.strip(), region.strip(), code.strip().upper()
    if not name:
        raise AdminError("请给出站点名称（--name）")
    if not (len(region) == 6 and region.isdigit() and region_known(region)):
        raise AdminError(f"地区代码 {region} 不是有效的六位行政区划代码（GB/T 2260），例如 520100 为贵阳市")
    if code and not (code.isascii() and code.isalnum() and 2 <= len(code) <= 8):
        raise AdminError("站点代码须为2～8位字母或数字，例如 GY01")
    enrol = _enrol_code()
    expires = utcnow() + timedelta(hours=ENROL_HOURS)
    with Session(engine, expire_on_commit=False) as s, s.begin():
        code = code or _default_code(s, region)
        if s.scalar(select(StationRow).where(StationRow.code == code)) is not None:
            raise AdminError(f"站点代码 {code} 已被使用")
        row = StationRow(
            id=str(uuid.uuid4()),
            code=code,
            name=name[:100],
            region=region,
            enrol_hash=hash_enrol_code(enrol),
            enrol_expires=expires,
            key_seq=0,
        )
        s.add(row)
    return NewStation(row.id, code, row.name, region, enrol, expires)


def new_enrol_code(engine: Engine, code: str) -> NewStation:
    """A fresh one-time code for a station (a lost code, a replaced counter PC); the old token stops."""
    enrol = _enrol_code()
    expires = utcnow() + timedelta(hours=ENROL_HOURS)
    with Session(engine, expire_on_commit=False) as s, s.begin():
        row = _station(s, code)
        row.enrol_hash, row.enrol_expires, row.token_hash, row.revoked_at = hash_enrol_code(enrol), expires, None, None
    return NewStation(row.id, row.code, row.name, row.region, enrol, expires)


def _station(s: Session, code: str) -> StationRow:
    row = s.scalar(select(StationRow).where(StationRow.code == code.strip().upper()))
    if row is None:
        raise AdminError(f"没有代码为 {code} 的站点")
    return row


def revoke_station(engine: Engine, code: str) -> StationRow:
    with Session(engine, expire_on_commit=False) as s, s.begin():
        row = _station(s, code)
        row.revoked_at = utcnow()
        row.enrol_hash = None
    return row


def list_stations(engine: Engine) -> list[StationRow]:
    with Session(engine, expire_on_commit=False) as s:
        return list(s.scalars(select(StationRow).order_by(StationRow.code)))


@dataclass(frozen=True)
class Enrolment:
    station_id: str
    code: str
    name: str
    region: str
    token: str
    lookup_key: str
    data_key: str


def enrol(engine: Engine, enrol_code: str, slip_key: bytes, *, keys: ServerKeys) -> Enrolment:
    """Trade a one-time code for the station's identity, a bearer token and the deployment's keys
    (from the server's key file: `keys`)."""
    token = secrets.token_urlsafe(32)
    with Session(engine, expire_on_commit=False) as s, s.begin():
        seq = s.scalar(select(Counter).where(Counter.name == SEQ).with_for_update())
        assert seq is not None
        row = s.scalar(select(StationRow).where(StationRow.enrol_hash == hash_enrol_code(enrol_code)))
        if row is None:
            raise AdminError("登记码不对或已用过。请向管理员要一个新的登记码")
        if row.enrol_expires is None or row.enrol_expires < utcnow():
            raise AdminError("登记码已过期（24小时内有效）。请向管理员要一个新的登记码")
        seq.value += 1
        row.enrol_hash, row.enrol_expires = None, None
        row.token_hash, row.enrolled_at, row.revoked_at = hash_token(token), utcnow(), None
        row.slip_key, row.key_seq = slip_key, seq.value
        return Enrolment(
            row.id,
            row.code,
            row.name,
            row.region,
            token,
            base64.b64encode(keys.lookup_key).decode(),
            base64.b64encode(keys.data_key).decode(),
        )


def station_for_token(engine: Engine, token: str) -> Any:
    """The station holding this token (id, code, region, revoked_at), or None."""
    with engine.connect() as conn:
        return station_on(conn, token)


def station_on(conn: Connection, token: str) -> Any:
    """`station_for_token` on a connection the caller holds: a push and a pull ask it first on the
    connection they then work on, so it costs one indexed query and no connection of its own."""
    return conn.execute(_BY_TOKEN, {"token_hash": hash_token(token)}).first()


_t = StationRow.__table__.c
_BY_TOKEN = select(_t.id, _t.code, _t.region, _t.revoked_at).where(_t.token_hash == bindparam("token_hash"))


def touch(engine: Engine, station_ids: list[str]) -> None:
    """Mark these stations as seen now (one statement for all)."""
    if not station_ids:
        return
    with engine.begin() as conn:
        for i in range(0, len(station_ids), 1000):
            chunk = station_ids[i : i + 1000]
            conn.execute(update(StationRow).where(StationRow.id.in_(chunk)).values(last_seen_at=utcnow()))
