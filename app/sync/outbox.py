"""The outbox: every change to a synced row is queued for the server in the transaction that makes it.

One pair of session hooks on the station's writer does it, so no service can forget:

* before a flush, each new or changed synced row gets a fresh clock stamp (if the service did not
  set one) and its changed fields take that stamp in `field_hlc`;
* after the flush, one outbox entry per row is inserted on the same connection, holding the
  changed fields as JSON: a crash either keeps the change and its entry, or neither.

Bulk UPDATE/DELETE statements on synced tables would slip past the flush, so they are refused;
hard deletes of synced rows too (rows are tombstoned with `deleted`). Writes made by sync itself
(applying what the server sent) run with `session.info["sync_apply"]` and queue nothing.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

from app.sync.entities import BY_TABLE, Entity, row_fields, to_json
from app.sync.hlc import HybridLogicalClock, stamp_key
from app.sync.merge import with_stamps
from db.base import utcnow
from db.models import OutboxEntry
from db.session import Database

PENDING_KEY = "_outbox_rows"


class OutboxBypassError(RuntimeError):
    """A write that would change synced rows without queueing them (a bug, not a user error)."""


def _entity_of(obj: object) -> Entity | None:
    table = getattr(obj, "__tablename__", None)
    return BY_TABLE.get(table) if table else None


def _changed_fields(entity: Entity, obj: Any) -> set[str]:
    state = inspect(obj)
    return {name for name in entity.columns if state.attrs[name].history.has_changes()}


def _before_flush(session: Session, _flush: UOWTransaction, _instances: object) -> None:
    if session.info.get("sync_apply"):
        return
    clock: HybridLogicalClock = session.info["clock"]
    queued: list[tuple[Entity, Any, set[str] | None]] = session.info.setdefault(PENDING_KEY, [])
    for obj in session.deleted:
        if _entity_of(obj) is not None:
            raise OutboxBypassError(f"synced rows are tombstoned, not deleted: {type(obj).__name__}")
    for obj in session.new:
        entity = _entity_of(obj)
        if entity is None:
            continue
        if not obj.hlc:
            obj.hlc = clock.now()
        if not obj.origin_station:
            obj.origin_station = clock.node
        obj.field_hlc = {}
        queued.append((entity, obj, None))
    for obj in session.dirty:
        entity = _entity_of(obj)
        if entity is None:
            continue
        changed = _changed_fields(entity, obj)
        if not changed:
            continue
        hist = inspect(obj).attrs["hlc"].history
        old_hlc = hist.deleted[0] if hist.deleted else obj.hlc
        if not hist.has_changes() or stamp_key(obj.hlc) <= stamp_key(old_hlc):
            obj.hlc = clock.now()
        obj.field_hlc = with_stamps(obj.field_hlc or {}, old_hlc, dict.fromkeys(changed, obj.hlc))
        queued.append((entity, obj, changed))


def _after_flush(session: Session, _flush: UOWTransaction) -> None:
    queued = session.info.pop(PENDING_KEY, None)
    if not queued:
        return
    now = utcnow()
    rows = []
    for entity, obj, changed in queued:
        if changed is None:
            fields = row_fields(entity, obj)
        else:
            fields = {name: to_json(entity.columns[name], getattr(obj, name)) for name in sorted(changed)}
        rows.append(
            {
                "change_id": str(uuid.uuid4()),
                "entity": entity.name,
                "row_id": obj.id,
                "fields": fields,
                "hlc": obj.hlc,
                "created_at": now,
                "state": "pending",
                "reason": "",
            }
        )
    session.connection().execute(insert(OutboxEntry), rows)


def _after_rollback(session: Session) -> None:
    session.info.pop(PENDING_KEY, None)


def _refuse_bulk_writes(state: ORMExecuteState) -> None:
    if not (state.is_update or state.is_delete) or state.session.info.get("sync_apply"):
        return
    for mapper in state.all_mappers:
        name = getattr(mapper.local_table, "name", "")
        if name in BY_TABLE:
            raise OutboxBypassError(f"bulk write to synced table {name}: change rows one by one")


def install(db: Database, clock: HybridLogicalClock) -> None:
    """Queue every change made through `db.write()` sessions, stamped by `clock`."""
    factory = db.write_sessions
    factory.configure(info={"clock": clock})
    event.listen(factory, "before_flush", _before_flush)
    event.listen(factory, "after_flush", _after_flush)
    event.listen(factory, "after_soft_rollback", lambda s, _t: _after_rollback(s))
    event.listen(factory, "do_orm_execute", _refuse_bulk_writes)
