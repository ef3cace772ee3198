"""A record's identity (a person's ID key, an employer's credit code) and its code (a posting's or
referral's number) are unique among live records. Pushes from different stations now run side by
side; two racing to create the same person meet here, and the loser merges on its retry.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

LIVE_IDENTITY = "identity IS NOT NULL AND NOT deleted"
HAS_CODE = "code IS NOT NULL"


def upgrade() -> None:
    op.drop_index("ix_records_entity_identity", table_name="records")
    op.drop_index("ix_records_entity_code", table_name="records")
    op.create_index(
        "uq_records_entity_identity",
        "records",
        ["entity", "identity"],
        unique=True,
        postgresql_where=sa.text(LIVE_IDENTITY),
        sqlite_where=sa.text(LIVE_IDENTITY),
    )
    op.create_index(
        "uq_records_entity_code",
        "records",
        ["entity", "code"],
        unique=True,
        postgresql_where=sa.text(HAS_CODE),
        sqlite_where=sa.text(HAS_CODE),
    )


def downgrade() -> None:
    op.drop_index("uq_records_entity_code", table_name="records")
    op.drop_index("uq_records_entity_identity", table_name="records")
    op.create_index("ix_records_entity_code", "records", ["entity", "code"])
    op.create_index("ix_records_entity_identity", "records", ["entity", "identity"])
