"""Alembic environment for the meetings database.

The program runs migrations itself (``recorder_app.storage.database``): it builds the Config
in code and hands over its own open Connection in ``config.attributes["connection"]``, already
inside a BEGIN IMMEDIATE transaction, so the whole upgrade commits or rolls back as one and no
second connection ever writes the file. A developer's ``alembic`` command line, with
``sqlalchemy.url`` set, gets a short-lived engine of its own instead.
"""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context
from sqlalchemy import Connection, create_engine, pool

from recorder_app.storage.orm import Base

config = context.config
target_metadata = Base.metadata

# Only the command line has an ini file; the program configures its own logging.
if config.config_file_name is not None:
    fileConfig(config.config_file_name, disable_existing_loggers=False)


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things; batch mode copies the table instead.
        render_as_batch=True,
    )
    # Inside the program's transaction this is a no-op: Alembic sees the connection is
    # already in one and leaves commit/rollback to the caller.
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("set sqlalchemy.url or pass config.attributes['connection']")
    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        with engine.connect() as connection:
            _run(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
