"""Alembic environment of the server: runs on the engine handed over in config.attributes."""

from __future__ import annotations

from alembic import context

from server.models import ServerBase

config = context.config
MIGRATION_LOCK = 0x4C47_5356  # "LGSV": the advisory lock held while migrating


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
            if connection.dialect.name == "postgresql":
                # Instances sharing a database may start together: one migrates, the others wait
                # here and then find nothing to do (the lock ends with this transaction).
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
            context.run_migrations()


run_migrations_online()
