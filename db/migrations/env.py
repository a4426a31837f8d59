"""Alembic environment: runs on the connection that :func:`db.upgrade` hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine
from sqlalchemy.engine import Connection

from db import declared_by_models
from models.orm import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:  # the alembic command line, for autogenerate
        url = config.get_main_option("sqlalchemy.url") or "sqlite:///minutes.db"
        with create_engine(url).begin() as own:
            _run(own)
        return
    _run(connection)


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite needs batch mode to alter tables
        compare_type=True,
        include_name=declared_by_models,  # not the search index, which the migrations keep
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
