"""Writing what the server sent into the station's database: pulled records, aliases, push acks.

All of it runs inside one write transaction per page or batch, marked `sync_apply` so the outbox
hook queues nothing. Two rules keep local work safe:

* a field with an unacknowledged local change is never overwritten (the change goes up first and
  the server's answer settles it);
* a record is merged field by field by app/sync/merge.py, the rule the server uses too.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Column, Table, bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from app.sync.entities import BY_NAME, ENTITIES, ORDER, Entity, from_json, to_json
from app.sync.hlc import stamp_key
from app.sync.merge import BASE, merge_into
from app.validation.resident_id import birth_month, remask
from db.models import OutboxEntry, StationKey

log = logging.getLogger("linggong.sync")


def _default(col: Column[Any]) -> Any:
    d = col.default
    if d is None:
        return None
    arg = getattr(d, "arg", None)
    if callable(arg):
        try:
            return arg()
        except TypeError:
            return arg(None)
    return arg


def pending_fields(s: Session, entity: str, ids: Sequence[str]) -> dict[str, set[str]]:
    """Fields of these rows with local changes the server has not acknowledged yet."""
    out: dict[str, set[str]] = defaultdict(set)
    for chunk in _chunks(list(ids), 500):
        rows = s.execute(
            select(OutboxEntry.row_id, OutboxEntry.fields).where(
                OutboxEntry.state == "pending", OutboxEntry.entity == entity, OutboxEntry.row_id.in_(chunk)
            )
        )
        for row_id, fields in rows:
            out[row_id].update(fields)
    return out


def _chunks(items: Sequence[Any], n: int) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


def _local_rows(s: Session, ent: Entity, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    table = ent.model.__table__  # type: ignore[attr-defined]
    cols = [table.c.id, table.c.hlc, table.c.field_hlc, *(table.c[name] for name in ent.columns)]
    out = {}
    for chunk in _chunks(list(ids), 500):
        for row in s.execute(select(*cols).where(table.c.id.in_(chunk))).mappings():
            out[row["id"]] = dict(row)
    return out


def _coarse_birth(value: Any) -> Any:
    return birth_month(date.fromisoformat(value)).isoformat() if isinstance(value, str) and value else value


def _remask(value: Any) -> Any:
    return remask(value) if isinstance(value, str) else value


# What a station keeps in clear of an ID number (app/validation/resident_id.py) holds for what it
# pulls too: a record last written by a station of an older version still carries the whole birth
# date or the old mask on the server, and is coarsened on arrival.
_KEPT: dict[tuple[str, str], Callable[[Any], Any]] = {
    ("seeker", "birth_date"): _coarse_birth,
    ("seeker", "id_masked"): _remask,
    ("employer", "owner_id_masked"): _remask,
}


def _as_kept(entity: str, fields: dict[str, Any]) -> dict[str, Any]:
    for (ent, name), coarsen in _KEPT.items():
        if ent == entity and name in fields:
            fields[name] = coarsen(fields[name])
    return fields


def _full_stamps(field_hlc: dict[str, str], hlc: str) -> dict[str, str]:
    return field_hlc if BASE in field_hlc else {BASE: hlc, **field_hlc}


def apply_records(s: Session, records: Sequence[dict[str, Any]]) -> int:
    """Merge records from the server (parents first); returns how many rows changed here."""
    by_entity: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in records:
        if r.get("entity") in BY_NAME:
            by_entity[r["entity"]].append(r)
    changed = 0
    for ent in ENTITIES:
        batch = by_entity.get(ent.name)
        if batch:
            changed += _apply_entity(s, ent, _latest_per_id(batch))
    return changed


def _latest_per_id(batch: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for r in batch:
        seen[r["id"]] = r  # a parent sent again beside its newer self: merging both is the same
    return list(seen.values())


def _apply_entity(s: Session, ent: Entity, batch: list[dict[str, Any]]) -> int:
    table = ent.model.__table__  # type: ignore[attr-defined]
    ids = [r["id"] for r in batch]
    local = _local_rows(s, ent, ids)
    pending = pending_fields(s, ent.name, ids)
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    for r in batch:
        incoming = _as_kept(ent.name, {k: v for k, v in r["fields"].items() if k in ent.columns})
        stamps = _full_stamps(dict(r.get("field_hlc") or {}), r["hlc"])
        row = local.get(r["id"])
        if row is None:
            values = {
                name: from_json(col, incoming[name]) if name in incoming else _default(col)
                for name, col in ent.columns.items()
            }
            values.update(b_id=r["id"], hlc=r["hlc"], field_hlc=dict(r.get("field_hlc") or {}))
            inserts.append(values)
            continue
        data = {name: to_json(col, row[name]) for name, col in ent.columns.items()}
        diff, field_hlc, row_hlc = merge_into(
            ent.name, data, row["field_hlc"] or {}, row["hlc"], incoming, stamps, skip=pending.get(r["id"], set())
        )
        if field_hlc is row["field_hlc"] or (field_hlc == (row["field_hlc"] or {}) and row_hlc == row["hlc"]):
            continue
        updates.append(
            {
                "b_id": r["id"],
                "hlc": row_hlc,
                "field_hlc": field_hlc,
                **{name: from_json(ent.columns[name], v) for name, v in diff.items()},
            }
        )
    inserts = _without_clashes(s, ent, inserts)
    if inserts:
        s.execute(insert(table).values(id=bindparam("b_id")), inserts)
    # Rows differ in which fields changed: one UPDATE per distinct set of fields.
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for u in updates:
        groups[tuple(sorted(k for k in u if k != "b_id"))].append(u)
    for keys, rows in groups.items():
        stmt = update(table).where(table.c.id == bindparam("b_id")).values({k: bindparam(k) for k in keys})
        s.execute(stmt, rows)
    return len(inserts) + len(updates)


def _without_clashes(s: Session, ent: Entity, inserts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Leave out new rows whose unique identity (an ID number, a code) a different local row already
    holds: that local row is still on its way up, and the server will merge the two; its answer
    brings the merged row here."""
    table = ent.model.__table__  # type: ignore[attr-defined]
    keep = inserts
    for name in ("id_key", "code", "credit_code", "owner_id_key"):
        if name not in ent.columns or not keep:
            continue
        values = [r[name] for r in keep if r.get(name)]
        taken: set[Any] = set()
        for chunk in _chunks(values, 500):
            taken.update(s.scalars(select(table.c[name]).where(table.c[name].in_(chunk))))
        if taken:
            for r in keep:
                if r.get(name) in taken:
                    log.warning("%s %s held locally under another id; left for the server to merge", ent.name, name)
            keep = [r for r in keep if r.get(name) not in taken]
    return keep


# ---- aliases -------------------------------------------------------------------------------------
def apply_alias(s: Session, entity: str, old: str, new: str) -> None:
    """Rename a local row `old` to `new` (the server merged them), or fold it into a local `new`."""
    ent = BY_NAME.get(entity)
    if ent is None or old == new:
        return
    table = ent.model.__table__  # type: ignore[attr-defined]
    has_old = s.execute(select(table.c.pk).where(table.c.id == old)).first() is not None
    if not has_old:
        return
    s.connection().exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    has_new = s.execute(select(table.c.pk).where(table.c.id == new)).first() is not None
    for child in ENTITIES:
        for fk, parent in child.parents.items():
            if parent == entity:
                ct = child.model.__table__  # type: ignore[attr-defined]
                s.execute(update(ct).where(ct.c[fk] == old).values({fk: new}))
    if has_new:
        # The merged record is already here; the old copy goes (its fields were merged on the server).
        s.execute(delete(table).where(table.c.id == old))
    else:
        s.execute(update(table).where(table.c.id == old).values(id=new))
    # Changes still queued for the old id now belong to the new one.
    for entry in s.scalars(select(OutboxEntry).where(OutboxEntry.state == "pending")):
        if entry.entity == entity and entry.row_id == old:
            entry.row_id = new
        refs = (
            {fk for fk, parent in BY_NAME[entry.entity].parents.items() if parent == entity}
            if (entry.entity in BY_NAME)
            else set()
        )
        if any(entry.fields.get(fk) == old for fk in refs):
            entry.fields = {k: (new if k in refs and v == old else v) for k, v in entry.fields.items()}
    log.info("%s %s merged into %s", entity, old, new)


def apply_keys(s: Session, keys: Sequence[dict[str, Any]]) -> None:
    import base64

    for k in keys:
        code, key = str(k["code"]), base64.b64decode(k["public_key"])
        row = s.get(StationKey, code)
        if row is None:
            s.add(StationKey(station_code=code, public_key=key))
        elif row.public_key != key:
            row.public_key = key


# ---- acknowledgements ------------------------------------------------------------------------------
def apply_acks(s: Session, entries: Sequence[Any], acks: Sequence[dict[str, Any]]) -> tuple[int, int]:
    """Settle pushed entries (outbox rows: seq, change_id, entity, row_id): acknowledged ones leave
    the queue (taking the server's value where it differs), refused ones are quarantined with the
    reason. Returns (acknowledged, refused)."""
    by_id = {a.get("change_id"): a for a in acks}
    done: list[tuple[Any, str, dict[str, Any]]] = []
    refused: list[dict[str, Any]] = []
    for entry in entries:
        ack = by_id.get(entry.change_id)
        if ack is None:
            continue  # not answered: stays queued, sent again next time
        if ack.get("status") == "refused":
            refused.append({"b_seq": entry.seq, "reason": str(ack.get("reason", ""))[:500]})
            log.warning("change %s to %s refused by the server", entry.change_id, entry.entity)
            continue
        row_id = str(ack.get("row_id") or entry.row_id)
        if row_id != entry.row_id:
            apply_alias(s, entry.entity, entry.row_id, row_id)
        done.append((entry, row_id, ack))
    # Plain statements on the queue's table: a thousand entries settle in two statements, not by
    # loading each into the session.
    s.flush()
    outbox: Table = OutboxEntry.__table__  # type: ignore[assignment]
    if refused:
        s.execute(
            update(outbox)
            .where(outbox.c.seq == bindparam("b_seq"))
            .values(state="quarantined", reason=bindparam("reason")),
            refused,
        )
    # The acknowledged entries leave the queue together, before the server's values are taken
    # (a field whose change is still queued keeps the station's value).
    seqs = [entry.seq for entry, _, _ in done]
    for chunk in _chunks(seqs, 500):
        s.execute(delete(outbox).where(outbox.c.seq.in_(chunk)))
    for entry, row_id, ack in done:
        current, stamps = ack.get("current") or {}, ack.get("stamps") or {}
        if current:
            _settle(s, entry.entity, row_id, current, stamps)
    return len(done), len(refused)


def _settle(s: Session, entity: str, row_id: str, current: dict[str, Any], stamps: dict[str, str]) -> None:
    ent = BY_NAME.get(entity)
    if ent is None:
        return
    row = _local_rows(s, ent, [row_id]).get(row_id)
    if row is None:
        return
    incoming = _as_kept(entity, {k: v for k, v in current.items() if k in ent.columns and k in stamps})
    skip = pending_fields(s, entity, [row_id]).get(row_id, set())
    data = {name: to_json(col, row[name]) for name, col in ent.columns.items()}
    # The server's answer is the merged truth for these fields: take it unless newer local edits wait.
    field_hlc = dict(row["field_hlc"] or {})
    if BASE not in field_hlc:
        field_hlc[BASE] = row["hlc"]
    values: dict[str, Any] = {}
    for name, value in incoming.items():
        if name in skip:
            continue
        field_hlc[name] = stamps[name]
        if data.get(name) != value:
            values[name] = from_json(ent.columns[name], value)
    table = ent.model.__table__  # type: ignore[attr-defined]
    hlc = max([row["hlc"], *(stamps[n] for n in incoming if n not in skip)], key=stamp_key)
    s.execute(update(table).where(table.c.id == row_id).values(hlc=hlc, field_hlc=field_hlc, **values))


def sort_records(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(records, key=lambda r: ORDER.get(r.get("entity", ""), 99))
