"""Alembic environment: runs on the engine handed over in config.attributes (no alembic.ini)."""

from __future__ import annotations

from alembic import context

from db import models  # noqa: F401  (registers the tables on the metadata)
from db.base import Base

config = context.config


def _include(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    # The FTS5 name index and its shadow tables are managed by hand in the migrations.
    return not (type_ == "table" and name is not None and name.startswith("seeker_name_fts"))


def run_migrations_online() -> None:
    engine = config.attributes["engine"]
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=True,
            include_object=_include,
        )
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
