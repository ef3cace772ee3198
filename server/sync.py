"""Push, pull and lookup on the server (DESIGN.md §5). Plain SQLAlchemy Core on one transaction each;
no web framework here, so the rules are tested directly and the API layer stays thin.

* A push applies a batch of changes in one transaction. Each change is recognised by its
  `change_id`: a resend after a lost reply changes nothing and answers as before. A change that
  cannot be applied is refused with a reason and the rest of the batch goes on.
* Every record that changes gets the next number from the `counters` row. A push takes its numbers
  last, and that row's lock until it commits, so numbers follow commit order: a pull that has seen
  number N has seen all below it. Until then a push locks only the records it changes.
* A person (or employer) pushed under a new id whose identity the server already knows is merged
  into the earlier record; the new id becomes an alias that the stations learn and remap.
* Who may change what (README, "Who may change what") is decided here from the pushing station,
  never from the body: `Pusher._may_write` and `Pusher._check_parents`. The server stamps
  `origin_station`; codes must carry the station's own prefix; a refusal names no other record.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import orjson
from sqlalchemy import (
    JSON,
    BigInteger,
    String,
    Table,
    Text,
    and_,
    any_,
    bindparam,
    cast,
    func,
    insert,
    literal,
    or_,
    select,
    text,
    union_all,
    update,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from app.sync.entities import BY_NAME, Entity
from app.sync.hlc import HybridLogicalClock, parse_hlc
from app.sync.merge import merge_into, stamp_of
from db.base import utcnow
from server.models import Adoption, Alias, Change, Counter, Lookup, Record, StationRow
from server.store import SEQ
from server.vault import ServerKeys, coarse

log = logging.getLogger("linggong.server.sync")

MAX_SKEW_MS = 5 * 60 * 1000
EVENTS = ("referral", "referral_outcome", "follow_up_call")
# Fields that say where and when a record began: a merge keeps the earlier record's, and only the
# server sets them (a station's later change to them is dropped).
BIRTH_FIELDS = frozenset({"origin_station", "created_at"})
# What a station may write, by entity: "owner" the station that created the record; "adopter" also
# a station that registered or looked up the same person (server/sync.py `_may_write`).
WRITERS = {"seeker": "adopter"}
NOT_YOURS = "这条记录由其他站点负责，本站不能修改"

R: Table = Record.__table__  # type: ignore[assignment]
records = R.c
# "Not deleted", written as the partial unique indexes say it (server/models.py), so that both
# databases look people up through them: `deleted IS false` kept PostgreSQL off the index (each push
# read every record), and SQLAlchemy's `~deleted` reads `deleted = 0` on SQLite, which SQLite does
# not match to the index either.
LIVE = text("NOT records.deleted")


@dataclass(frozen=True)
class StationInfo:
    id: str
    code: str
    region: str


@dataclass
class IncomingChange:
    change_id: str
    entity: str
    row_id: str
    hlc: str
    fields: dict[str, Any]


@dataclass
class _Rec:
    id: str
    entity: str
    hlc: str
    data: dict[str, Any]
    field_hlc: dict[str, str]
    owner: str
    seq: int = 0
    new: bool = False
    dirty: bool = False


class Refused(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def region_prefix(region: str) -> str:
    """520100 → 5201 (a city), 520000 → 52 (a province), 520115 → 520115 (a county)."""
    code = region
    while code.endswith("00") and len(code) > 2:
        code = code[:-2]
    return code


def _identity(entity: str, data: dict[str, Any]) -> str | None:
    if entity == "seeker":
        return data.get("id_key") or None
    if entity == "employer":
        if data.get("credit_code"):
            return "C:" + str(data["credit_code"])
        return data.get("owner_id_key") or None
    return None


# The one record each points at, kept in `records.parent_id`.
PARENT_FIELD = {
    "posting": "employer_id",
    "referral": "posting_id",
    "referral_outcome": "referral_id",
    "follow_up_call": "referral_id",
}


def _parent(entity: str, data: dict[str, Any]) -> str | None:
    key = PARENT_FIELD.get(entity)
    return data.get(key) if key else None


class Pusher:
    """One push: load what the batch touches, apply it in memory, write it back in a few statements."""

    def __init__(
        self, conn: Connection, station: StationInfo, clock: HybridLogicalClock, now_ms: int, keys: ServerKeys
    ) -> None:
        self.conn = conn
        self.keys = keys  # unseal what is loaded, seal what is written
        self.station = station
        self.clock = clock
        self.now_ms = now_ms
        self.now = utcnow()  # the records' and changes' time of writing
        self.recs: dict[str, _Rec] = {}
        self.aliases: dict[str, str] = {}
        self.new_aliases: list[dict[str, Any]] = []
        self.adopt: set[str] = set()
        self.adopted: set[str] = set()  # records this station adopted before this push
        self.prefix = region_prefix(station.region)
        self.lookups: list[dict[str, Any]] = []  # people found by registering them (merges)
        self.lookup_budget: int | None = None  # look-ups left to this station, read when first needed
        self.by_identity: dict[tuple[str, str], str] = {}
        self.by_code: dict[tuple[str, str], str] = {}
        self.seq = 0  # numbers this push needs; taken from the counter in `write`

    # ---- loading -------------------------------------------------------------------------------
    def _load(self, ids: Iterable[str]) -> None:
        """Read these records and lock them until the push commits (in id order, so two pushes
        locking some of the same records do not wait on each other crosswise)."""
        want = sorted(i for i in set(ids) if i and i not in self.recs)
        for chunk in _chunks(want, 500):
            rows = _many(
                self.conn,
                "load",
                lambda one_of: (
                    select(
                        records.id,
                        records.entity,
                        records.hlc,
                        records.data,
                        records.field_hlc,
                        records.owner,
                        records.seq,
                        records.sealed,
                    )
                    .where(one_of(records.id))
                    .order_by(records.id)
                    .with_for_update()
                ),
                chunk,
            )
            for r in rows:
                self.recs[r.id] = _Rec(
                    r.id,
                    r.entity,
                    r.hlc,
                    self.keys.full(r.id, r.data, r.sealed),
                    dict(r.field_hlc),
                    r.owner,
                    r.seq,
                )

    def _load_aliases(self, ids: Iterable[str]) -> None:
        want = [i for i in set(ids) if i and i not in self.aliases]
        for _ in range(4):  # an alias of an alias, rarely
            found: dict[str, str] = {}
            for chunk in _chunks(want, 500):
                found.update(
                    _many(
                        self.conn,
                        "aliases",
                        lambda one_of: select(Alias.old_id, Alias.new_id).where(one_of(Alias.old_id)),
                        chunk,
                    ).all()
                )
            self.aliases.update(found)
            want = [n for n in found.values() if n not in self.aliases]
            if not want:
                break

    def _load_adoptions(self, ids: Iterable[str]) -> None:
        want = sorted(set(ids) - self.adopted)
        for chunk in _chunks(want, 500):
            self.adopted.update(
                _many(
                    self.conn,
                    "adoptions",
                    lambda one_of: select(Adoption.seeker_id).where(
                        Adoption.station_id == bindparam("me"), one_of(Adoption.seeker_id)
                    ),
                    chunk,
                    me=self.station.id,
                ).scalars()
            )

    def resolve(self, row_id: str) -> str:
        seen = 0
        while row_id in self.aliases and seen < 8:
            row_id = self.aliases[row_id]
            seen += 1
        return row_id

    def _lookup_identity(self, entity: str, identity: str) -> str | None:
        if (entity, identity) not in self.by_identity:
            self._fetch(self.by_identity, "identities", records.identity, entity, {identity}, LIVE)
        return self.by_identity[(entity, identity)] or None

    def _lookup_code(self, entity: str, code: str) -> str | None:
        if (entity, code) not in self.by_code:
            self._fetch(self.by_code, "codes", records.code, entity, {code})
        return self.by_code[(entity, code)] or None

    def _prefetch(self, changes: Sequence[IncomingChange]) -> None:
        """The identities and codes of the records this batch creates, looked up a few hundred at a
        time instead of one query each."""
        identities: dict[str, set[str]] = {}
        codes: dict[str, set[str]] = {}
        for c in changes:
            if self.resolve(c.row_id) in self.recs:
                continue
            identity = _identity(c.entity, c.fields)
            if identity and (c.entity, identity) not in self.by_identity:
                identities.setdefault(c.entity, set()).add(str(identity))
            code = c.fields.get("code")
            if code and isinstance(code, str) and (c.entity, code) not in self.by_code:
                codes.setdefault(c.entity, set()).add(code)
        for entity, want in identities.items():
            self._fetch(self.by_identity, "identities", records.identity, entity, want, LIVE)
        for entity, want in codes.items():
            self._fetch(self.by_code, "codes", records.code, entity, want)

    def _fetch(
        self, cache: dict[tuple[str, str], str], name: str, col: Any, entity: str, want: set[str], *also: Any
    ) -> None:
        """Record ids by identity or code, a few hundred at a time; "" where there is none."""
        for chunk in _chunks(sorted(want), 500):
            cache.update(dict.fromkeys(((entity, v) for v in chunk), ""))
            found = _many(
                self.conn,
                name,
                lambda one_of: select(records.id, col.label("key")).where(
                    records.entity == bindparam("entity"), one_of(col), *also
                ),
                chunk,
                entity=entity,
            )
            for r in found:
                cache[(entity, r.key)] = r.id

    # ---- applying ------------------------------------------------------------------------------
    def apply(self, changes: Sequence[IncomingChange]) -> list[dict[str, Any]]:
        refs: set[str] = set()
        for c in changes:
            refs.add(c.row_id)
            ent = BY_NAME.get(c.entity)
            if ent is not None:
                refs.update(str(c.fields[f]) for f in ent.parents if isinstance(c.fields.get(f), str))
        self._load_aliases(refs)
        self._load(self.resolve(i) for i in refs)
        self._load_adoptions(r.id for r in self.recs.values() if r.owner != self.station.id)
        self._prefetch(changes)
        results = []
        for c in changes:
            try:
                results.append(self._apply_one(c))
            except Refused as r:
                results.append({"change_id": c.change_id, "status": "refused", "row_id": c.row_id, "reason": r.reason})
        return results

    def _stamp(self, hlc: str) -> str:
        try:
            wall, _counter, _node = parse_hlc(hlc)
        except ValueError as exc:
            raise Refused("时间戳格式不对") from exc
        if wall > self.now_ms + MAX_SKEW_MS:
            # A kiosk clock running ahead: stamped now instead, or its edit would beat every later
            # edit until the real time caught up.
            return self.clock.now()
        self.clock.observe(hlc)
        return hlc

    def _check_fields(self, ent: Entity, fields: dict[str, Any]) -> None:
        checks, limits = ent.checks, ent.text_limits
        for name, value in fields.items():
            if type(value) is str and len(value) <= limits.get(name, -1):
                continue  # a text within its limit: what `checks` would say, without the call
            run = checks.get(name)
            if run is None:
                raise Refused(f"未知字段：{name}")
            why = run(value)
            if why:
                raise Refused(f"字段 {name}：{why}")

    def _check_parents(self, ent: Entity, fields: dict[str, Any]) -> None:
        """Every record the change points at exists and may be pointed at by this station: a posting
        at an employer it can see, a referral at a person it serves and a posting it can see, an
        outcome or call at its own referral."""
        for name, parent_entity in ent.parents.items():
            if name not in fields:
                continue
            target = self.resolve(str(fields[name]))
            fields[name] = target
            parent = self.recs.get(target)
            if parent is None or parent.entity != parent_entity:
                raise Refused(f"所指的记录（{name}）服务器上没有")
            if parent_entity == "seeker" or ent.name in EVENTS[1:]:
                allowed = self._writer(parent)  # a person it serves; its own referral
            else:
                allowed = self._reader(parent)  # an employer or posting it can see
            if not allowed:
                raise Refused(f"所指的记录（{name}）不在本站的范围内")

    def _owner(self, rec: _Rec) -> bool:
        return rec.owner == self.station.id

    def _writer(self, rec: _Rec) -> bool:
        return self._owner(rec) or (WRITERS.get(rec.entity) == "adopter" and rec.id in self.adopted)

    def _reader(self, rec: _Rec) -> bool:
        """Whether the station may see this employer or posting: its own, one of its region, or
        one it registered too (an employer merged by credit code)."""
        if self._owner(rec) or rec.id in self.adopted:
            return True
        return str(rec.data.get("district_code") or "").startswith(self.prefix)

    def _may_write(self, rec: _Rec, fields: dict[str, Any]) -> None:
        if not self._writer(rec):
            raise Refused(NOT_YOURS)
        if fields.get("deleted") and not self._owner(rec):
            raise Refused("只有登记这条记录的站点能删除它")
        code = fields.get("code")
        if code is not None and code != rec.data.get("code"):
            raise Refused("编号不能修改")

    def _check_code(self, code: Any) -> None:
        if code is not None and not str(code).startswith(self.station.code + "-"):
            raise Refused(f"编号 {code} 不是本站的编号（本站编号以 {self.station.code}- 开头）")

    def _found_by_registering(self, seeker_id: str) -> None:
        """Registering a person the server knows from elsewhere finds them, as a look-up does: it is
        recorded, and counts against the station's look-ups."""
        if self.lookup_budget is None:
            self.lookup_budget = lookups_left(self.conn, self.station)
        if self.lookup_budget <= 0:
            raise Refused(LOOKUP_LIMIT_MESSAGE)
        self.lookup_budget -= 1
        self.lookups.append(_lookup_row(self.station, "在本站登记（此人已在其他站点登记）", "", "register", seeker_id))

    def _apply_one(self, c: IncomingChange) -> dict[str, Any]:
        ent = BY_NAME.get(c.entity)
        if ent is None:
            raise Refused(f"未知的数据类型：{c.entity}")
        fields = dict(c.fields)
        self._check_fields(ent, fields)
        hlc = self._stamp(c.hlc)
        self._check_parents(ent, fields)
        # What the ack compares with: where the server kept other values (the birth fields it sets,
        # a merge's earlier record) the station is told them.
        sent = dict(fields)
        row_id = self.resolve(c.row_id)
        rec = self.recs.get(row_id)
        status = "applied"
        if rec is None:
            missing = [f for f in ent.required() if f not in fields]
            if missing:
                raise Refused("服务器上没有这条记录，而这次修改不是完整的新记录")
            if fields.get("deleted"):
                raise Refused("服务器上没有这条记录，不能删除")
            if "origin_station" in ent.columns:
                fields["origin_station"] = self.station.code
            self._check_code(fields.get("code"))
            identity = _identity(ent.name, fields)
            same = self._lookup_identity(ent.name, identity) if identity else None
            if same is not None and same != row_id:
                self._load([same])
                self._load_adoptions([same])
                rec = self.recs[same]
                fields = {k: v for k, v in fields.items() if k not in BIRTH_FIELDS}
                if not self._writer(rec):
                    # The same person or employer registered here too: this station serves the person
                    # from now on (a look-up, counted) and sees the employer, which stays its first
                    # station's to change (its values come back in the ack).
                    if ent.name == "seeker" or not fields.get("credit_code"):
                        # A person, or a household known by its owner's ID number: as a look-up.
                        self._found_by_registering(same)
                    if ent.name != "seeker":
                        fields = {}
                    self.adopt.add(same)
                    self.adopted.add(same)
                self._alias(ent.name, row_id, same)
                row_id, status = same, "merged"
            else:
                code = fields.get("code")
                if code and (other := self._lookup_code(ent.name, str(code))) not in (None, row_id):
                    raise Refused(f"编号 {code} 已被另一条记录使用")
                rec = _Rec(row_id, ent.name, hlc, dict(fields), {}, self.station.id, new=True)
                self.recs[row_id] = rec
                self._touch(rec)
                if identity:
                    self.by_identity[(ent.name, identity)] = row_id
                if code:
                    self.by_code[(ent.name, str(code))] = row_id
                return _applied(c, status, rec, sent, hlc)
        elif rec.entity != ent.name:
            raise Refused("记录编号与数据类型不符")
        else:
            self._may_write(rec, fields)
            for name in BIRTH_FIELDS:
                fields.pop(name, None)
        identity = _identity(ent.name, {**rec.data, **fields})
        if identity and identity != _identity(ent.name, rec.data):
            other = self._lookup_identity(ent.name, identity)
            if other not in (None, rec.id):
                raise Refused("该身份证号码或信用代码已登记为另一条记录")
        changed, field_hlc, row_hlc = merge_into(ent.name, rec.data, rec.field_hlc, rec.hlc, fields, hlc)
        if field_hlc is not rec.field_hlc:
            rec.data.update(changed)
            rec.field_hlc, rec.hlc = field_hlc, row_hlc
            self._touch(rec)
            if identity:
                self.by_identity[(ent.name, identity)] = rec.id
        return _applied(c, status, rec, sent, hlc)

    def _touch(self, rec: _Rec) -> None:
        self.seq += 1
        rec.seq = self.seq
        rec.dirty = True

    def _alias(self, entity: str, old: str, new: str) -> None:
        self.aliases[old] = new
        self.seq += 1
        self.new_aliases.append({"old_id": old, "entity": entity, "new_id": new, "seq": self.seq})

    # ---- writing -------------------------------------------------------------------------------
    def _columns(self, rec: _Rec, key: str) -> dict[str, Any]:
        """The row of `rec`, its id under `key` ("id" for an insert, "b_id" for an update)."""
        data = rec.data
        seeker_id = None
        if rec.entity == "referral":
            seeker_id = data.get("seeker_id")
        elif rec.entity in EVENTS:
            parent = self.recs.get(str(data.get("referral_id")))
            seeker_id = parent.data.get("seeker_id") if parent else None
        clear, sealed = self.keys.seal(rec.entity, rec.id, data)
        return {
            key: rec.id,
            "entity": rec.entity,
            "seq": rec.seq,
            "hlc": rec.hlc,
            "data": clear,
            "sealed": sealed,
            "coarse": coarse(rec.entity, data),
            "field_hlc": rec.field_hlc,
            "owner": rec.owner,
            "district": str(data.get("district_code") or "")[:6],
            "identity": _identity(rec.entity, data),
            "seeker_id": seeker_id,
            "parent_id": _parent(rec.entity, data),
            "code": data.get("code"),
            "status": str(data.get("status") or "")[:12],
            "deleted": bool(data.get("deleted")),
            "updated_at": self.now,
        }

    def log(self, results: list[dict[str, Any]]) -> None:
        """Write what needs no number: look-ups, adoptions and the change log (with each ack's
        differences, worked out while the records are as this push leaves them)."""
        if self.lookups:
            self.conn.execute(insert(Lookup), self.lookups)
        if self.adopt:
            have = set(
                self.conn.execute(
                    select(Adoption.seeker_id).where(
                        Adoption.station_id == self.station.id, Adoption.seeker_id.in_(self.adopt)
                    )
                ).scalars()
            )
            rows = [{"station_id": self.station.id, "seeker_id": s} for s in self.adopt - have]
            if rows:
                self.conn.execute(insert(Adoption), rows)
        log_rows = []
        for r in results:
            if r.get("_rec") is not None:
                fields, hlc = r.pop("_fields"), r.pop("_hlc")
                current, stamps = _differences(r["_rec"], fields, hlc)
                if current:  # most acks have none: left out, the answer is a third smaller
                    r["current"], r["stamps"] = current, stamps
            log_rows.append(
                {
                    "change_id": r["change_id"],
                    "station_id": self.station.id,
                    "row_id": r["row_id"],
                    "status": r["status"],
                    "reason": r.get("reason", "")[:200],
                    "received_at": self.now,
                }
            )
        if log_rows and not _copy(self.conn, Change.__table__, log_rows):  # type: ignore[arg-type]
            self.conn.execute(insert(Change), log_rows)

    def write(self, acks: list[dict[str, Any]]) -> None:
        """Take this push's numbers and write the records and aliases that carry them, then fill in
        the acks' numbers. The numbering row stays locked from here to the commit, so this is the
        push's last work: one statement for the numbers, the rows (COPY), the commit."""
        base = _reserve(self.conn, self.seq) if self.seq else 0
        new: list[dict[str, Any]] = []
        dirty: list[dict[str, Any]] = []
        for rec in self.recs.values():
            if rec.dirty:
                rec.seq = base + rec.seq
                if rec.new:
                    new.append(self._columns(rec, "id"))
                else:
                    dirty.append(self._columns(rec, "b_id"))
        # Parents first: a referral's seeker_id column is read from its referral's record above.
        if new and not _copy(self.conn, R, new):
            self.conn.execute(insert(R), new)
        if dirty:
            stmt = update(R).where(records.id == bindparam("b_id")).values({c: bindparam(c) for c in _COLS})
            self.conn.execute(stmt, dirty)
        if self.new_aliases:
            self.conn.execute(insert(Alias), [{**a, "seq": base + a["seq"]} for a in self.new_aliases])
        for r in acks:
            rec = r.pop("_rec", None)
            if rec is not None:
                r["seq"] = rec.seq


_COLS = (
    "entity",
    "seq",
    "hlc",
    "data",
    "sealed",
    "coarse",
    "field_hlc",
    "owner",
    "district",
    "identity",
    "seeker_id",
    "parent_id",
    "code",
    "status",
    "deleted",
    "updated_at",
)


def _applied(c: IncomingChange, status: str, rec: _Rec, fields: dict[str, Any], hlc: str) -> dict[str, Any]:
    """The ack of an applied or merged change; the `_` keys are for `write` and `number`."""
    return {
        "change_id": c.change_id,
        "status": status,
        "row_id": rec.id,
        "seq": rec.seq,
        "_rec": rec,
        "_fields": fields,
        "_hlc": hlc,
    }


def _copy(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> bool:
    """Insert `rows` with PostgreSQL's COPY, in the connection's transaction (several times faster
    than executemany for the few hundred rows of a push); False on other databases."""
    if conn.dialect.name != "postgresql" or not rows:
        return False
    names = list(rows[0])
    json_at = [i for i, n in enumerate(names) if isinstance(table.c[n].type, JSON)]
    raw: Any = conn.connection.driver_connection
    sql = f"COPY {table.name} ({', '.join(names)}) FROM STDIN"
    import psycopg

    dumps = orjson.dumps
    try:
        with raw.cursor() as cur, cur.copy(sql) as copy:
            for row in rows:
                values = list(row.values())
                for i in json_at:
                    if values[i] is not None:
                        values[i] = dumps(values[i]).decode()
                copy.write_row(values)
    except psycopg.Error as exc:
        # As SQLAlchemy would raise it (a unique clash is an IntegrityError; the push runs again).
        raise DBAPIError.instance(sql, None, exc, psycopg.Error) from exc
    return True


def _differences(rec: _Rec, sent: dict[str, Any], hlc: str) -> tuple[dict[str, Any], dict[str, str]]:
    """The server's value and stamp of each sent field that did not end as sent (or lost to a merge)."""
    current: dict[str, Any] = {}
    stamps: dict[str, str] = {}
    if not rec.field_hlc and rec.hlc == hlc:
        if rec.data == sent:
            return current, stamps
        # Every field still carries this change's stamp (a new record, as most are): only values
        # can differ.
        for name, value in sent.items():
            if rec.data.get(name) != value:
                current[name], stamps[name] = rec.data.get(name), hlc
        return current, stamps
    for name, value in sent.items():
        stamp = stamp_of(rec.field_hlc, rec.hlc, name)
        if stamp != hlc or rec.data.get(name) != value:
            current[name], stamps[name] = rec.data.get(name), stamp
    return current, stamps


_STATEMENTS: dict[tuple[str, str], Any] = {}


def _many(
    conn: Connection, name: str, build: Callable[[Callable[[Any], Any]], Any], values: Sequence[str], **params: Any
) -> Any:
    """Run the statement `build` makes, where `one_of(col)` stands for "col is one of `values`".
    It is built once per kind of database and reused (building a statement cost more than running
    it); on PostgreSQL the values go as one text split by the database."""
    dialect = conn.dialect.name
    if dialect == "postgresql" and any(_SEP in v for v in values):
        return conn.execute(build(lambda col: col.in_(values)), params)  # never made by a station
    key = (dialect, name)
    stmt = _STATEMENTS.get(key)
    if stmt is None:
        if dialect == "postgresql":
            split = func.string_to_array(bindparam("ids", type_=String), literal(_SEP, String))
            stmt = build(lambda col: col == any_(split))
        else:
            stmt = build(lambda col: col.in_(bindparam("ids", expanding=True)))
        _STATEMENTS[key] = stmt
    return conn.execute(stmt, {"ids": _SEP.join(values) if dialect == "postgresql" else list(values), **params})


_SEP = "\x1f"  # the ASCII unit separator


def _chunks(items: Sequence[str], n: int) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


def _reserve(conn: Connection, n: int) -> int:
    """Take the next `n` numbers; returns the one before them. The counter's row stays locked until
    the transaction ends, so numbers are committed in order."""
    top = conn.execute(_RESERVE, {"n": n}).scalar_one()
    return int(top) - n


_RESERVE = (
    update(Counter)
    .where(Counter.name == SEQ)
    .values(value=Counter.value + bindparam("n", type_=BigInteger))
    .returning(Counter.value)
)


Authorize = Callable[[Connection], StationInfo]  # the pushing station, asked on the push's connection


def push(
    engine: Engine,
    station: StationInfo | Authorize,
    changes: Sequence[IncomingChange],
    clock: HybridLogicalClock,
    now_ms: int,
    *,
    keys: ServerKeys,
) -> list[dict[str, Any]]:
    """Apply a batch; one ack per change, in order (see the module docstring).

    Pushes from different stations run side by side: each locks only the records it changes, and
    takes the numbering lock last, for its writes and commit. Two that raced for the same new
    identity, code or change id meet at a unique index; the loser runs again and then sees the
    winner's record (merging into it, or replaying the change). `station` may be a check that
    answers it in the push's transaction (the API's check of the token), or raises."""
    for attempt in range(1, PUSH_ATTEMPTS + 1):
        try:
            return _push_once(engine, station, changes, clock, now_ms, keys)
        except (IntegrityError, OperationalError) as exc:
            if attempt == PUSH_ATTEMPTS or not _raced(exc):
                raise
            who = station.code if isinstance(station, StationInfo) else "a station"
            log.info("push from %s raced another (%s); again", who, type(exc.orig).__name__)
    raise AssertionError("unreachable")


PUSH_ATTEMPTS = 4


def _raced(exc: DBAPIError) -> bool:
    """A unique-index clash, a deadlock or a serialization failure: worth running the push again."""
    if isinstance(exc, IntegrityError):
        return True
    code = getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)
    return code in ("40P01", "40001")


def _push_once(
    engine: Engine,
    who: StationInfo | Authorize,
    changes: Sequence[IncomingChange],
    clock: HybridLogicalClock,
    now_ms: int,
    keys: ServerKeys,
) -> list[dict[str, Any]]:
    with engine.begin() as conn:
        station = who if isinstance(who, StationInfo) else who(conn)
        ids = [c.change_id for c in changes]
        earlier: dict[str, Any] = {}
        for chunk in _chunks(ids, 500):
            for row in _many(
                conn,
                "changes",
                lambda one_of: select(
                    Change.change_id, Change.status, Change.row_id, Change.reason, Change.station_id
                ).where(one_of(Change.change_id)),
                chunk,
            ):
                earlier[row.change_id] = row
        fresh, seen = [], set()
        for c in changes:
            if c.change_id not in earlier and c.change_id not in seen:
                fresh.append(c)
                seen.add(c.change_id)
        pusher = Pusher(conn, station, clock, now_ms, keys)
        results = {r["change_id"]: r for r in pusher.apply(fresh)}
        pusher.log(list(results.values()))
        acks = []
        for c in changes:
            if c.change_id in results:
                acks.append(results[c.change_id])
            else:
                acks.append(_replay(conn, station, c, earlier[c.change_id], keys, pusher.recs))
        # The numbers are taken last: the lock that makes them follow commit order is held for
        # one statement, the writes of the numbered rows and the commit.
        pusher.write(acks)
    return acks


def _replay(
    conn: Connection, station: StationInfo, c: IncomingChange, row: Any, keys: ServerKeys, recs: dict[str, _Rec]
) -> dict[str, Any]:
    """The answer to a change the server already has: the same status, with today's values (as this
    push leaves them, for a record it loaded; its number is filled in by `Pusher.write`)."""
    if getattr(row, "station_id", station.id) != station.id:
        # Another station's change id: nothing of it is told (it could only have been guessed).
        return {"change_id": c.change_id, "status": "refused", "row_id": c.row_id, "reason": "修改编号已被使用"}
    ack: dict[str, Any] = {"change_id": c.change_id, "status": row.status, "row_id": row.row_id, "replayed": True}
    if row.status == "refused":
        ack["reason"] = row.reason
        return ack
    held = recs.get(row.row_id)
    if held is not None:
        current, stamps = _differences(held, c.fields, c.hlc)
        if current:
            ack["current"], ack["stamps"] = current, stamps
        ack["_rec"] = held
        return ack
    found = conn.execute(
        select(records.hlc, records.data, records.sealed, records.field_hlc, records.entity, records.seq).where(
            records.id == row.row_id
        )
    ).first()
    if found is not None:
        ack["seq"] = found.seq
        data = keys.full(row.row_id, found.data, found.sealed)
        rec = _Rec(row.row_id, found.entity, found.hlc, data, dict(found.field_hlc), "")
        current, stamps = _differences(rec, c.fields, c.hlc)
        if current:
            ack["current"], ack["stamps"] = current, stamps
    return ack


# ---- pull --------------------------------------------------------------------------------------
def scope_parts() -> list[Any]:
    """What a station (:me, of region :prefix) pulls, in four parts. A new station's first pull
    takes, of what was there when it started (numbered up to :open_upto), only the open posts
    (their employers come along as parents), not the region's history; everything numbered after
    that comes as usual, so a post it took while open and that closed since still reaches it.
    (With :open_upto 0 every record is numbered after it.)"""
    me = bindparam("me", type_=String)
    regional = and_(
        records.entity.in_(("employer", "posting")),
        records.district.like(bindparam("prefix", type_=String)),
        or_(
            records.seq > bindparam("open_upto"),
            and_(records.entity == "posting", records.status == "open", LIVE),
        ),
    )
    adopted = select(Adoption.seeker_id).where(Adoption.station_id == me)
    mine = select(records.id).where(records.entity == "seeker", records.owner == me).union(adopted)
    return [
        regional,
        records.owner == me,
        and_(records.entity == "seeker", records.id.in_(adopted)),
        and_(records.entity.in_(EVENTS), records.seeker_id.in_(mine)),
    ]


def scope() -> Any:
    return or_(*scope_parts())


def _scope_params(station: StationInfo, open_upto: int) -> dict[str, Any]:
    return {"me": station.id, "prefix": region_prefix(station.region) + "%", "open_upto": open_upto}


def _record_json(r: Any, keys: ServerKeys) -> dict[str, Any]:
    # The JSON columns are read as text and go out as they are stored, not decoded and encoded again;
    # a record's sealed fields are joined to them as text too.
    fields = orjson.Fragment(r.data if r.sealed is None else keys.full_json(r.id, r.data, r.sealed))
    return {
        "entity": r.entity,
        "id": r.id,
        "seq": r.seq,
        "hlc": r.hlc,
        "field_hlc": orjson.Fragment(r.field_hlc),
        "fields": fields,
    }


_PULL_COLS = (
    records.id,
    records.entity,
    records.seq,
    records.hlc,
    cast(records.field_hlc, Text).label("field_hlc"),
    cast(records.data, Text).label("data"),
    records.sealed,
    records.seeker_id,
    records.parent_id,
)


def _with_parents(conn: Connection, page: list[Any], cols: tuple[Any, ...] = _PULL_COLS) -> list[Any]:
    """The page with every record it points at (a referral's posting and person, a posting's
    employer…), parents first, so the station never holds a row whose parent it lacks."""
    have = {r.id for r in page}
    out = list(page)
    want = _parent_ids(page) - have
    for _ in range(4):
        if not want:
            break
        found: list[Any] = []
        for chunk in _chunks(sorted(want), 500):
            found.extend(
                _many(conn, f"parents{len(cols)}", lambda one_of: select(*cols).where(one_of(records.id)), chunk).all()
            )
        have.update(want)
        out = found + out
        want = _parent_ids(found) - have
    return out


def _parent_ids(rows: Iterable[Any]) -> set[str]:
    """What these rows point at, from the columns kept for it: a posting's employer, a referral's
    posting and person, an outcome's or call's referral."""
    ids: set[str] = set()
    for r in rows:
        if r.parent_id:
            ids.add(r.parent_id)
        if r.entity == "referral" and r.seeker_id:
            ids.add(r.seeker_id)
    return ids


# Built once: a pull is the server's most frequent request. The head comes with the last number an
# alias and a slip key took (both indexed): most pages have neither, and skip those two queries.
_HEAD = select(Counter.value).where(Counter.name == SEQ)
_PULL_HEAD = select(
    Counter.value,
    select(func.max(Alias.seq)).scalar_subquery().label("alias_top"),
    select(func.max(StationRow.key_seq)).scalar_subquery().label("key_top"),
).where(Counter.name == SEQ)
_PULL = (
    select(*_PULL_COLS)
    .where(records.seq > bindparam("since"), records.seq <= bindparam("head"), scope())
    .order_by(records.seq)
    .limit(bindparam("limit"))
)
# Only aliases of records the station can see: the old ids of others' records are no business of it.
_ALIASES = (
    select(Alias.entity, Alias.old_id, Alias.new_id)
    .join(R, records.id == Alias.new_id)
    .where(Alias.seq > bindparam("since"), Alias.seq <= bindparam("upto"), scope())
)
_KEYS = select(StationRow.code, StationRow.slip_key).where(
    StationRow.key_seq > bindparam("since"), StationRow.key_seq <= bindparam("upto"), StationRow.slip_key.is_not(None)
)


def pull(
    engine: Engine, station: StationInfo, since: int, limit: int, open_upto: int = 0, *, keys: ServerKeys
) -> dict[str, Any]:
    """Records in the station's scope changed after `since`, oldest first, with the aliases and slip
    keys made in the same range; `next` is the cursor to send next time. A first pull (since 0)
    answers with `open_upto`, which the station sends back with the rest of its first pull."""
    # No snapshot needed: the head is read first, and every record numbered up to it was committed
    # before it (numbers follow commit order). A record renumbered by a later change meanwhile
    # leaves this page but comes in the next, which starts after `next` <= head.
    with reading(engine) as conn:
        return pull_on(conn, station, since, limit, open_upto, keys=keys)


def reading(engine: Engine) -> Connection:
    """A connection for a pull. On PostgreSQL each statement runs on its own (autocommit: no BEGIN
    and COMMIT round trips; nothing in a pull needs a snapshot); on SQLite in a plain BEGIN, not the
    BEGIN IMMEDIATE of a write (server/store.py)."""
    conn = engine.connect()
    if engine.dialect.name == "postgresql":
        return conn.execution_options(isolation_level="AUTOCOMMIT")
    return conn.execution_options(read_only=True)


def pull_on(
    conn: Connection, station: StationInfo, since: int, limit: int, open_upto: int = 0, *, keys: ServerKeys
) -> dict[str, Any]:
    """`pull` on a connection the caller holds (the API checks the station's token on it first)."""
    top = conn.execute(_PULL_HEAD).one()
    head = int(top.value)
    if since == 0 and not open_upto:
        open_upto = head
    if since >= head:
        # Nothing numbered after the cursor (records, aliases and slip keys share the counter):
        # an idle station's sync costs the head's read, not the scope query.
        return {"records": [], "aliases": [], "keys": [], "next": head, "more": False, "open_upto": open_upto}
    rows = conn.execute(
        _PULL, {"since": since, "head": head, "limit": limit + 1, **_scope_params(station, open_upto)}
    ).all()
    more = len(rows) > limit
    rows = rows[:limit]
    upto = rows[-1].seq if more else head
    aliases: Sequence[Any] = ()
    if (top.alias_top or 0) > since:
        aliases = conn.execute(_ALIASES, {"since": since, "upto": upto, **_scope_params(station, open_upto)}).all()
    slip_keys: Sequence[Any] = ()
    if (top.key_top or 0) > since:
        slip_keys = conn.execute(_KEYS, {"since": since, "upto": upto}).all()
    page = _with_parents(conn, list(rows))
    return {
        "records": [_record_json(r, keys) for r in page],
        "aliases": [{"entity": a.entity, "old": a.old_id, "new": a.new_id} for a in aliases],
        "keys": [{"code": k.code, "public_key": _b64(k.slip_key)} for k in slip_keys],
        "next": upto,
        "more": more,
        "open_upto": open_upto,
    }


_DIGEST_COLS = (records.id, records.entity, records.hlc, records.field_hlc, records.seeker_id, records.parent_id)


def digest(engine: Engine, station: StationInfo, cursor: int, open_upto: int) -> dict[str, Any]:
    """What a station whose pull cursor is `cursor` should hold: per table, a count and a hash of ids
    and stamps (app/sync/digest.py) of its scope and the records they point at, as pulls deliver
    them. Only when the station is up to date with its scope: if a record of its scope or an alias
    was numbered after `cursor`, the answer is {"stale": true} (pull, then ask again)."""
    from app.sync.digest import digest as summarise

    # One snapshot for the head, the check and the rows (SQLite's read transactions are one).
    options: dict[str, Any] = {"read_only": True}
    if engine.dialect.name == "postgresql":
        options["isolation_level"] = "REPEATABLE READ"
    with engine.connect().execution_options(**options) as conn, conn.begin():
        head = int(conn.execute(_HEAD).scalar_one())
        params = {"since": cursor, "head": head, "limit": 1, **_scope_params(station, open_upto)}
        behind = conn.execute(_PULL, params).first() is not None
        behind = behind or conn.execute(_ALIASES, {**params, "since": cursor, "upto": head}).first() is not None
        if cursor > head or behind:
            return {"stale": True, "head": head}
        # Each part through its own index (one OR over them all would read every record).
        parts = union_all(*(select(*_DIGEST_COLS).where(records.seq <= head, part) for part in scope_parts()))
        mine = {r.id: r for r in conn.execute(parts, _scope_params(station, open_upto))}
        rows = _with_parents(conn, list(mine.values()), _DIGEST_COLS)
    # Records held only because something in scope points at them are refreshed only with it:
    # counted by id, not by version (their ids go to the station, which does the same).
    parents = sorted(r.id for r in rows if r.id not in mine)
    tables = summarise(((r.entity, r.id, r.hlc, r.field_hlc) for r in rows), by_id_only=set(parents))
    return {"stale": False, "head": head, "tables": tables, "parents": parents}


LOOKUP_LIMITS = ((timedelta(hours=1), 60), (timedelta(hours=24), 300))  # per station, rolling
LOOKUP_LIMIT_MESSAGE = (
    "本站按身份证号码查询他站人员的次数已达上限（每小时60次、每天300次），请稍后再查；如确有需要请联系市级管理员"
)


def lookups_left(conn: Connection, station: StationInfo) -> int:
    """How many more look-ups the station may make now (the tightest of the rolling windows)."""
    now = utcnow()
    left = None
    for window, limit in LOOKUP_LIMITS:
        made = conn.execute(
            select(func.count()).where(Lookup.station_id == station.id, Lookup.at > now - window)
        ).scalar_one()
        left = limit - int(made) if left is None else min(left, limit - int(made))
    return max(0, left or 0)


def _lookup_row(station: StationInfo, reason: str, clerk: str, via: str, seeker_id: str | None) -> dict[str, Any]:
    return {
        "station_id": station.id,
        "station_code": station.code,
        "at": utcnow(),
        "reason": reason[:100],
        "clerk": clerk[:30],
        "via": via,
        "seeker_id": seeker_id,
    }


class LookupLimit(Exception):
    """The station has made as many look-ups as it may for now."""


def lookup_seeker(
    engine: Engine, station: StationInfo, id_key: str, reason: str, clerk: str = "", *, keys: ServerKeys
) -> dict[str, Any] | None:
    """A person registered elsewhere, found by id_key: their record and what points at it. The person
    joins this station's scope, so later changes reach it by pull. Every look-up, found or not, is
    recorded with its reason; past the station's limit none is made (LookupLimit)."""
    with engine.begin() as conn:
        # The station's row locked: two look-ups at once cannot both take the last one left.
        conn.execute(select(StationRow.id).where(StationRow.id == station.id).with_for_update())
        if lookups_left(conn, station) <= 0:
            raise LookupLimit(LOOKUP_LIMIT_MESSAGE)
        found = conn.execute(
            select(*_PULL_COLS).where(records.entity == "seeker", records.identity == id_key, LIVE)
        ).first()
        conn.execute(insert(Lookup).values(_lookup_row(station, reason, clerk, "lookup", found.id if found else None)))
        if found is None:
            return None
        if not conn.execute(
            select(Adoption.seeker_id).where(Adoption.station_id == station.id, Adoption.seeker_id == found.id)
        ).first():
            conn.execute(insert(Adoption).values(station_id=station.id, seeker_id=found.id, created_at=utcnow()))
        events = conn.execute(
            select(*_PULL_COLS).where(records.entity.in_(EVENTS), records.seeker_id == found.id).order_by(records.seq)
        ).all()
        page = _with_parents(conn, [found, *events])
    return {"records": [_record_json(r, keys) for r in page], "seeker_id": found.id}


def list_lookups(engine: Engine, station_code: str = "", since: datetime | None = None) -> list[Any]:
    """The recorded look-ups, newest first (for `linggong server lookups`)."""
    stmt = select(Lookup).order_by(Lookup.at.desc(), Lookup.id.desc())
    if station_code:
        stmt = stmt.where(Lookup.station_code == station_code.strip().upper())
    if since is not None:
        stmt = stmt.where(Lookup.at >= since)
    with engine.connect() as conn:
        return list(conn.execute(stmt).all())


def _b64(raw: bytes) -> str:
    import base64

    return base64.b64encode(raw).decode("ascii")
