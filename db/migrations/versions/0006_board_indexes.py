"""Indexes for the hall board: registrations, places offered and placements counted by day, the
newest open posts, and the open places summed from an index alone (on 1,000,000 people and 50,000
open posts a board read went from 575 ms to the figure in the README).

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# No index here leads with a column the counter's own queries test for equality (status, deleted):
# a station whose statistics predate these indexes would otherwise send the seeker search and the
# posting list through them (measured: a phone-last-4 search read all 1,000,000 people).
NEW = (
    # COUNT(*) of live people registered in a period reads this index alone.
    ("seekers", "ix_seekers_created_at_deleted", ["created_at", "deleted"]),
    # Places offered in a period or in all, the open posts and their places summed, the newest open
    # posts first: all from this one index, read backwards by opening time.
    (
        "postings",
        "ix_postings_board",
        ["opened_at", "deleted", "headcount", "status", "end_date", "expires_on", "employer_id"],
    ),
    ("referrals", "ix_referrals_outcome_on_status", ["outcome_on", "status"]),
)


def upgrade() -> None:
    for table, name, columns in NEW:
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for table, name, _columns in NEW:
        op.drop_index(name, table_name=table)
