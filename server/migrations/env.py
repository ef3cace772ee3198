"""Alembic environment of the server: runs on the engine handed over in config.attributes."""

from __future__ import annotations

from alembic import context

from server.models import ServerBase

config = context.config


def run_migrations_online() -> None:
    engine = config.attributes["engine"]
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=ServerBase.metadata,
            render_as_batch=True,
            version_table="alembic_version",
        )
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
