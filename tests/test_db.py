"""Migrations on SQLite and PostgreSQL, and that they agree with the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect

import db
from models.orm import Base


def test_upgrade_creates_every_table(empty_engine: Engine) -> None:
    db.upgrade(empty_engine)
    tables = set(inspect(empty_engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert db.current_revision(empty_engine) == db.head_revision()


def test_models_and_migrations_agree(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_name": db.declared_by_models})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_downgrade_to_base_and_back(engine: Engine) -> None:
    db.downgrade(engine, "base")
    assert "source_document" not in inspect(engine).get_table_names()
    db.upgrade(engine)
    assert "source_document" in inspect(engine).get_table_names()


def test_ensure_current_is_a_no_op_at_head(engine: Engine) -> None:
    db.ensure_current(engine)
    assert db.current_revision(engine) == db.head_revision()
