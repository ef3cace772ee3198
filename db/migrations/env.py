"""Alembic environment: runs on the engine handed over in config.attributes (no alembic.ini)."""

from __future__ import annotations

from alembic import context

from db import models  # noqa: F401  (registers the tables on the metadata)
from db.base import Base, managed_by_models

config = context.config


def _include(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    return managed_by_models(name, type_)


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
