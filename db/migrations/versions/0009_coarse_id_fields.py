"""What a station keeps in clear of an ID number no longer gives the number back: the birth date is
kept as its month (the 1st) and the mask shows only the region digits (5201**********123X, with the
full date beside it, left one or two numbers; see app/validation/resident_id.py). A migration has no
keys, so the new mask is what the old one showed of the region: 5201**************.

Rows are changed in place (a table rebuild would drop the seekers' triggers). The coarsened values
must also replace the full ones this station already pushed: for every field this station wrote and
the server acknowledged (stamped by this station's clock, no later than its last good sync) a change
is queued under a new stamp, later than any the station has made, so it wins the server's merge.
Fields another station wrote are left to that station's own upgrade (and are coarsened here when
pulled). Changes still queued, or quarantined, are coarsened where they sit.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC
from typing import Any

from alembic import op

from db.base import utcnow

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_REGION = 6
# (table, entity, field)
_FIELDS = (
    ("seekers", "seeker", "birth_date"),
    ("seekers", "seeker", "id_masked"),
    ("employers", "employer", "owner_id_masked"),
)


def _remask(masked: str | None) -> str | None:
    """The region digits an old mask showed, stars after them (kept here: a migration is frozen)."""
    if not masked:
        return masked
    head = masked[:_REGION]
    shown = next((i for i, c in enumerate(head) if not c.isdigit()), len(head))
    return masked[:shown] + "*" * (len(masked) - shown)


def _month(day: str | None) -> str | None:
    return day[:8] + "01" if day and len(day) >= 10 else day


def _coarse(field: str, value: Any) -> Any:
    return _month(value) if field == "birth_date" else _remask(value)


def _stamp_of(field_hlc: dict[str, str], hlc: str, name: str) -> str:
    return field_hlc.get(name) or field_hlc.get("*") or hlc


def _node(stamp: str) -> str:
    parts = stamp.split(".", 2)
    return parts[2] if len(parts) == 3 else ""


def _ms(stamp: str) -> int:
    head = stamp.split(".", 1)[0]
    return int(head) if head.isdigit() else 0


def upgrade() -> None:
    conn = op.get_bind()
    # The space the old values leave is zeroed, so they do not linger in the file's free space.
    conn.exec_driver_sql("PRAGMA secure_delete = ON")
    last_sync = conn.exec_driver_sql("SELECT value FROM sync_state WHERE key = 'last_hlc'").scalar() or ""
    node = _node(last_sync)
    if node:
        _requeue(conn, last_sync, node)
    for table, _entity, field in _FIELDS:
        rows = conn.exec_driver_sql(f"SELECT pk, {field} FROM {table}").all()
        changed = [(new, pk) for pk, old in rows if (new := _coarse(field, old)) != old]
        if changed:
            conn.exec_driver_sql(f"UPDATE {table} SET {field} = ? WHERE pk = ?", changed)
    # Queued and quarantined changes hold the fields too: coarsened where they sit.
    coarse = {(e, f) for _t, e, f in _FIELDS}
    entries = conn.exec_driver_sql("SELECT seq, entity, fields FROM outbox WHERE entity IN ('seeker', 'employer')")
    rewritten = []
    for seq, entity, text in entries.all():
        fields = json.loads(text) if text else {}
        new = {k: _coarse(k, v) if (entity, k) in coarse else v for k, v in fields.items()}
        if new != fields:
            rewritten.append((json.dumps(new), seq))
    if rewritten:
        conn.exec_driver_sql("UPDATE outbox SET fields = ? WHERE seq = ?", rewritten)
    conn.exec_driver_sql("PRAGMA secure_delete = OFF")


def _requeue(conn: Any, last_sync: str, node: str) -> None:
    """Queue the coarsened fields of this station's acknowledged writes under one new stamp."""
    newest = conn.exec_driver_sql("SELECT max(hlc) FROM outbox").scalar() or ""
    now_ms = int(utcnow().replace(tzinfo=UTC).timestamp() * 1000)
    stamp = f"{max(now_ms, _ms(last_sync) + 1, _ms(newest) + 1):015d}.{0:05d}.{node}"
    created = utcnow().isoformat(" ")
    for table in ("seekers", "employers"):
        names = [(e, f) for t, e, f in _FIELDS if t == table]
        entity = names[0][0]
        cols = ", ".join(f for _e, f in names)
        updates, entries = [], []
        for row in conn.exec_driver_sql(f"SELECT pk, id, hlc, field_hlc, {cols} FROM {table}").all():
            pk, row_id, hlc, raw = row[0], row[1], row[2] or "", row[3]
            field_hlc = json.loads(raw) if raw else {}
            send = {}
            for (_e, name), old in zip(names, row[4:], strict=True):
                new = _coarse(name, old)
                was = _stamp_of(field_hlc, hlc, name)
                if new != old and _node(was) == node and was <= last_sync:
                    send[name] = new
            if not send:
                continue
            stamps = dict(field_hlc)
            stamps.setdefault("*", hlc)
            stamps.update(dict.fromkeys(send, stamp))
            updates.append((max(hlc, stamp), json.dumps(stamps), pk))
            entries.append((str(uuid.uuid4()), entity, row_id, json.dumps(send), stamp, created))
        if updates:
            conn.exec_driver_sql(f"UPDATE {table} SET hlc = ?, field_hlc = ? WHERE pk = ?", updates)
            conn.exec_driver_sql(
                "INSERT INTO outbox (change_id, entity, row_id, fields, hlc, created_at, state, reason) "
                "VALUES (?, ?, ?, ?, ?, ?, 'pending', '')",
                entries,
            )


def downgrade() -> None:
    # The days of birth and the hidden digits are gone; the coarse values are valid as they are.
    pass
