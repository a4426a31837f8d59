"""Database access: engines for SQLite or PostgreSQL, and Alembic migrations to head."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from db.search_index import is_search_index

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
DEFAULT_URL = "sqlite:///minutes.db"
ENV_VAR = "MINUTES_DB"
# PostgreSQL advisory locks (two int4 keys): one writer of documents at a time, one migrator at a time
LOCK_SPACE = 0x6D696E  # 'min'
WRITER_LOCK = 1
MIGRATOR_LOCK = 2
SQLITE_BUSY_SECONDS = 60  # how long a SQLite writer waits for another process's transaction to end


class DatabaseUnavailable(Exception):
    """The database named cannot be used: a file that does not exist, a server that does not answer."""


def database_url(url: str | None = None) -> str:
    """The URL to use: the argument, else ``$MINUTES_DB``, else ``sqlite:///minutes.db``. A bare path is a
    SQLite file; ``postgres://`` and ``postgresql://`` are PostgreSQL through psycopg."""
    url = url or os.environ.get(ENV_VAR) or DEFAULT_URL
    for scheme in ("postgres://", "postgresql://"):
        if url.startswith(scheme):
            return "postgresql+psycopg://" + url.removeprefix(scheme)
    if "://" not in url:
        return f"sqlite:///{url}"
    return url


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (None for another engine or an in-memory database)."""
    if not url.startswith("sqlite:///"):
        return None
    path = url.removeprefix("sqlite:///").split("?")[0]
    return Path(path) if path and path != ":memory:" else None


def _sqlite_pragmas(dbapi_connection: object, _: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # checkpoint the write-ahead log every ~40 MB instead of every 4 MB: an index page that each document
    # changes is copied into the database once per checkpoint, not once per few documents
    cursor.execute("PRAGMA wal_autocheckpoint=10000")
    cursor.close()


def make_engine(url: str | None = None, must_exist: bool = False) -> Engine:
    """An engine for ``url``. With ``must_exist`` (commands that only read), a SQLite file that is not
    there is refused rather than created empty."""
    url = database_url(url)
    path = sqlite_path(url)
    if must_exist and path is not None and not path.exists():
        raise DatabaseUnavailable(f"{path}: no such database (ingest documents into it first)")
    if path is not None:
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_SECONDS})
    else:
        engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def check_connection(engine: Engine) -> None:
    """Raise :class:`DatabaseUnavailable`, with one line saying why, when the database does not answer."""
    try:
        with engine.connect():
            pass
    except SQLAlchemyError as exc:
        cause = getattr(exc, "orig", None) or exc
        reason = (str(cause).strip().splitlines() or [type(cause).__name__])[0]
        raise DatabaseUnavailable(
            f"{engine.url.render_as_string(hide_password=True)}: cannot connect: {reason}"
        ) from exc


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def take_turn(connection: Connection, lock: int) -> None:
    """At the start of a transaction: wait until no other process holds ``lock``, and hold it to the end.

    PostgreSQL takes a transaction-level advisory lock; SQLite, which has one writer at a time anyway, takes
    its write lock now (BEGIN IMMEDIATE) instead of at the first write, when another process may have
    written since this transaction first read and SQLite could only refuse."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("select pg_advisory_xact_lock(:space, :lock)"), {"space": LOCK_SPACE, "lock": lock})
    elif connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE")


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """A transaction that writes documents: processes that ingest at once take turns, so that each sees
    what the others stored, as one process would."""
    with engine.begin() as connection:
        take_turn(connection, WRITER_LOCK)
        yield connection


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database to ``revision`` (every migration runs in one transaction). Processes that migrate
    one database at once take turns: the first migrates, the others then find it at ``revision``."""
    with engine.begin() as connection:
        take_turn(connection, MIGRATOR_LOCK)
        command.upgrade(alembic_config(connection), revision)


def downgrade(engine: Engine, revision: str) -> None:
    with engine.begin() as connection:
        take_turn(connection, MIGRATOR_LOCK)
        command.downgrade(alembic_config(connection), revision)


def ensure_current(engine: Engine) -> None:
    """Upgrade to head when the database is behind (a new database included)."""
    if current_revision(engine) != head_revision():
        upgrade(engine)


def declared_by_models(name: str | None, type_: str, _: object) -> bool:
    """For comparing the database with the models: every name but the search index's tables and indexes."""
    return not (type_ in ("table", "index") and is_search_index(name))
