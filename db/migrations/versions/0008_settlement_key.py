"""The settlement "on completion" is stored as `completion`: the old key was one character longer than
its column (String(12)), which SQLite ignores but the sync server checks, so every such posting was
refused by the server. Renamed in place (a table rebuild would drop the posting triggers); outbox
changes holding the old key are corrected and queued again under a new change id (the server
remembers the old id as refused and would answer a resend with that refusal).

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_OUTBOX = (
    "UPDATE outbox SET fields = json_set(fields, '$.settlement', '{new}'){requeue} "
    "WHERE entity = 'posting' AND json_extract(fields, '$.settlement') = '{old}'"
)
# A random version-4 UUID in SQL.
_NEW_ID = (
    "lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2)"
    " || '-8' || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))"
)


def _rename(old: str, new: str, *, requeue: bool) -> None:
    op.execute(f"UPDATE postings SET settlement = '{new}' WHERE settlement = '{old}'")
    again = f", state = 'pending', reason = '', change_id = {_NEW_ID}" if requeue else ""
    op.execute(_OUTBOX.format(old=old, new=new, requeue=again))


def upgrade() -> None:
    _rename("on_completion", "completion", requeue=True)


def downgrade() -> None:
    _rename("completion", "on_completion", requeue=False)
