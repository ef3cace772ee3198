"""Indexes for the hall board: registrations, places offered and placements counted by day, the
newest open posts, and the open places summed from an index alone (measured on 1,000,000 people and
50,000 open posts: a board read went from 575 ms to the figure in the README).

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
    # COUNT(*) of live people registered in a period reads this index alone.
    ("seekers", "ix_seekers_deleted_created_at", ["deleted", "created_at"]),
    # Places offered in a period, or in all, summed from the index alone.
    ("postings", "ix_postings_opened_at_places", ["opened_at", "deleted", "headcount"]),
    ("postings", "ix_postings_status_opened_at", ["status", "opened_at"]),
    # Everything the open-places sum needs, so 50,000 open posts are summed without reading them.
    ("postings", "ix_postings_open_places", ["status", "deleted", "end_date", "expires_on", "employer_id", "headcount"]),
    ("referrals", "ix_referrals_status_outcome_on", ["status", "outcome_on"]),
)


def upgrade() -> None:
    for table, name, columns in NEW:
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for table, name, _columns in NEW:
        op.drop_index(name, table_name=table)
