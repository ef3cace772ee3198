"""Offline-first sync on the station: the outbox, the sync state, and each synced row's field stamps.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

SYNCED = ("seekers", "employers", "postings", "referrals", "referral_outcomes", "follow_up_calls")


def upgrade() -> None:
    for table in SYNCED:
        # ADD COLUMN with a constant default: SQLite changes only the schema, not the million rows.
        with op.batch_alter_table(table, recreate="never") as batch:
            batch.add_column(sa.Column("field_hlc", sa.JSON(), server_default="{}", nullable=False))
    op.create_table(
        "outbox",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("change_id", sa.String(36), nullable=False),
        sa.Column("entity", sa.String(24), nullable=False),
        sa.Column("row_id", sa.String(36), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("hlc", sa.String(40), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_outbox")),
        sa.UniqueConstraint("change_id", name=op.f("uq_outbox_change_id")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_outbox_entity_row_id", "outbox", ["entity", "row_id"])
    op.create_index("ix_outbox_state_seq", "outbox", ["state", "seq"])
    op.create_table(
        "sync_state",
        sa.Column("key", sa.String(32), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sync_state")),
    )


def downgrade() -> None:
    op.drop_table("sync_state")
    op.drop_index("ix_outbox_state_seq", "outbox")
    op.drop_index("ix_outbox_entity_row_id", "outbox")
    op.drop_table("outbox")
    for table in SYNCED:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("field_hlc")
