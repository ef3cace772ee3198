"""Indexes for the hall board: registrations, places offered and placements counted by day.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

NEW = (
    ("seekers", "ix_seekers_created_at", ["created_at"]),
    ("postings", "ix_postings_opened_at", ["opened_at"]),
    ("referrals", "ix_referrals_status_outcome_on", ["status", "outcome_on"]),
)


def upgrade() -> None:
    for table, name, columns in NEW:
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for table, name, _columns in NEW:
        op.drop_index(name, table_name=table)
