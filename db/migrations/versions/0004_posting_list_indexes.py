"""Indexes for the posting list: every filter alone or with the status, newest first, without a sort.

The list is `... WHERE <filters> ORDER BY pk DESC LIMIT 500`. An index on one column holds its
entries in rowid order within each value, so SQLite walks the newest matches and stops at 500;
an index whose second column is not in the query (job_type, status) cannot give that order and
makes SQLite sort every match. (status, start_date) led the planner to sort all open postings for
a "works on" day (63 ms at 100,000 postings); an index on status alone serves that in 4 ms.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

NEW = {
    "ix_postings_status": ["status"],
    "ix_postings_job_type": ["job_type"],
    "ix_postings_district_code": ["district_code"],
    "ix_postings_pay_unit": ["pay_unit"],
    "ix_postings_pay_unit_status": ["pay_unit", "status"],
}


def upgrade() -> None:
    with op.batch_alter_table("postings") as batch_op:
        batch_op.drop_index("ix_postings_status_start")
        for name, columns in NEW.items():
            batch_op.create_index(name, columns, unique=False)


def downgrade() -> None:
    with op.batch_alter_table("postings") as batch_op:
        for name in NEW:
            batch_op.drop_index(name)
        batch_op.create_index("ix_postings_status_start", ["status", "start_date"], unique=False)
