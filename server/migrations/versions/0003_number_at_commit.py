"""Records and aliases are numbered just before their push commits (written unnumbered first), so
the numbering lock is held for two statements instead of the whole push; the change log no longer
keeps a number (a replayed change answers with its record's current one).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("records", "aliases"):
        with op.batch_alter_table(table) as batch:
            batch.alter_column("seq", existing_type=sa.BigInteger(), nullable=True)
    with op.batch_alter_table("changes") as batch:
        batch.drop_column("seq")


def downgrade() -> None:
    with op.batch_alter_table("changes") as batch:
        batch.add_column(sa.Column("seq", sa.BigInteger(), nullable=True))
    for table in ("records", "aliases"):
        with op.batch_alter_table(table) as batch:
            batch.alter_column("seq", existing_type=sa.BigInteger(), nullable=False)
