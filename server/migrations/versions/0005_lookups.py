"""Look-ups of a person by resident ID are recorded: station, time, reason, clerk, and whom they
found (issue 16: limited per station, listed by the city with `linggong server lookups`).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "lookups",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("station_id", sa.String(36), nullable=False),
        sa.Column("station_code", sa.String(16), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.String(100), nullable=False),
        sa.Column("clerk", sa.String(30), nullable=False),
        sa.Column("via", sa.String(12), nullable=False),
        sa.Column("seeker_id", sa.String(36), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lookups")),
    )
    op.create_index("ix_lookups_station_id_at", "lookups", ["station_id", "at"])


def downgrade() -> None:
    op.drop_index("ix_lookups_station_id_at", table_name="lookups")
    op.drop_table("lookups")
