"""Shared fixtures: the corpus, and databases on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, make_url, text
from sqlalchemy.exc import OperationalError

import db

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEEDS = CORPUS / "lancashire"
GOLD = ROOT / "tests" / "gold"
POSTGRES_URL = os.environ.get("MINUTES_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def minutes(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run the minutes command as a user does (in a child process), without $MINUTES_DB."""
    return subprocess.run(
        [sys.executable, "-m", "pipeline.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        env={**os.environ, "MINUTES_DB": ""},
    )


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def _postgres_available() -> str | None:
    probe = create_engine(POSTGRES_URL)
    try:
        with probe.connect() as connection:
            connection.execute(text("select 1"))
    except OperationalError as exc:
        return str(exc).splitlines()[0]
    finally:
        probe.dispose()
    return None


@pytest.fixture(scope="session")
def postgres_reason() -> str | None:
    return _postgres_available()


def _require_postgres(reason: str | None) -> None:
    if reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL is required in CI but did not answer: {reason}")
        pytest.skip(f"no PostgreSQL server answers at {POSTGRES_URL}: {reason}")


def _postgres_engine(reason: str | None) -> Iterator[Engine]:
    _require_postgres(reason)
    schema = f"minutes_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f'create schema "{schema}"'))
    # the schema travels in the URL, so the CLI run in a subprocess writes there too
    separator = "&" if "?" in POSTGRES_URL else "?"
    engine = create_engine(f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}")
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as connection:
            connection.execute(text(f'drop schema "{schema}" cascade'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, tmp_path: Path, postgres_reason: str | None) -> Iterator[Engine]:
    """An empty database of each kind, migrated to head."""
    if request.param == "sqlite":
        sqlite = db.make_engine(f"sqlite:///{tmp_path / 'test.db'}")
        db.upgrade(sqlite)
        yield sqlite
        sqlite.dispose()
        return
    for pg in _postgres_engine(postgres_reason):
        db.upgrade(pg)
        yield pg


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_engine(request: pytest.FixtureRequest, tmp_path: Path, postgres_reason: str | None) -> Iterator[Engine]:
    """A database of each kind with no tables at all."""
    if request.param == "sqlite":
        sqlite = db.make_engine(f"sqlite:///{tmp_path / 'empty.db'}")
        yield sqlite
        sqlite.dispose()
        return
    yield from _postgres_engine(postgres_reason)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def fresh_database(request: pytest.FixtureRequest, tmp_path: Path, postgres_reason: str | None) -> Iterator[str]:
    """The URL of a database of each kind that does not exist yet (a PostgreSQL database of its own, created
    empty and dropped after), for tests of what processes do to a new database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'fresh.db'}"
        return
    _require_postgres(postgres_reason)
    name = f"minutes_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'create database "{name}"'))
    try:
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'drop database "{name}" with (force)'))
        admin.dispose()
