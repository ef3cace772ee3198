"""Personal fields sealed at rest, keys out of the database: every record's names, phones, ID ciphers,
birth date, address and notes move from `records.data` into `records.sealed` (AES-GCM with the
at-rest key of the key file, server/vault.py), a person's masked name and birth band into
`records.coarse`, and the `secrets` table, whose keys `vault.open_keys` copied into the key file
before this ran, is dropped. The keys come from `store.upgrade` (config.attributes["server_keys"]).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import context, op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

BATCH = 1000


def upgrade() -> None:
    from server.vault import coarse

    keys = context.config.attributes.get("server_keys")
    if keys is None:
        raise RuntimeError("migration 0004 needs the server's keys: run it through server.store.upgrade")
    with op.batch_alter_table("records") as batch:
        batch.add_column(sa.Column("sealed", sa.LargeBinary(), nullable=True))
        batch.add_column(sa.Column("coarse", sa.JSON(), nullable=True))
    op.create_table(
        "key_check",
        sa.Column("name", sa.String(length=16), nullable=False),
        sa.Column("value", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_key_check")),
    )
    records = sa.table(
        "records",
        sa.column("id", sa.String),
        sa.column("entity", sa.String),
        sa.column("data", sa.JSON),
        sa.column("sealed", sa.LargeBinary),
        sa.column("coarse", sa.JSON),
    )
    conn = op.get_bind()
    # In id order, a thousand at a time: a province's million records never sit in memory at once.
    after = ""
    while True:
        rows = conn.execute(
            sa.select(records.c.id, records.c.entity, records.c.data)
            .where(records.c.id > after)
            .order_by(records.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            break
        after = rows[-1].id
        changed: list[dict[str, Any]] = []
        for r in rows:
            data = dict(r.data)
            clear, sealed = keys.seal(r.entity, r.id, data)
            facts = coarse(r.entity, data)
            if sealed is not None or facts is not None:
                changed.append({"b_id": r.id, "data": clear, "sealed": sealed, "coarse": facts})
        if changed:
            conn.execute(
                records.update()
                .where(records.c.id == sa.bindparam("b_id"))
                .values(data=sa.bindparam("data"), sealed=sa.bindparam("sealed"), coarse=sa.bindparam("coarse")),
                changed,
            )
    op.execute(sa.text("INSERT INTO key_check (name, value) VALUES ('keys', :v)").bindparams(v=keys.check()))
    op.drop_table("secrets")


def downgrade() -> None:
    raise NotImplementedError("the personal fields stay sealed: restore a backup taken before 0004 instead")
