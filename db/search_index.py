"""The full-text search index, kept by the database itself (no write code knows of it).

SQLite: one FTS5 table per searched table (``<table>_fts``, porter stemming, external content), kept in step
by triggers, in the layout sqlite-utils and Datasette detect. PostgreSQL: a GIN index on the english
``tsvector`` of the searched column, used by queries that write the same expression.

A later migration that rebuilds a searched table in SQLite batch mode drops its triggers: run
:func:`create` for that table again after it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Connection

TEXT_SEARCH_CONFIG = "english"


@dataclass(frozen=True, slots=True)
class Searched:
    """A searched table and the column whose text is indexed."""

    table: str
    column: str

    @property
    def fts(self) -> str:
        return f"{self.table}_fts"

    @property
    def gin_index(self) -> str:
        return f"ix_{self.table}_search"


SEARCHED: tuple[Searched, ...] = (
    Searched("resolution", "text"),
    Searched("agenda_item", "title"),
    Searched("action", "text"),
    Searched("vote_event", "motion"),
    Searched("source_document", "text"),
)


def tsvector(column: str) -> str:
    """The PostgreSQL expression that is indexed; a query must write it alike to use the index."""
    return f"to_tsvector('{TEXT_SEARCH_CONFIG}', coalesce({column}, ''))"


def _sqlite_statements(s: Searched) -> list[str]:
    new = f"insert into [{s.fts}] (rowid, [{s.column}]) values (new.id, new.[{s.column}]);"
    old = f"insert into [{s.fts}] ([{s.fts}], rowid, [{s.column}]) values ('delete', old.id, old.[{s.column}]);"
    return [
        f"create virtual table [{s.fts}] using fts5 ([{s.column}], tokenize='porter unicode61', "
        f"content=[{s.table}], content_rowid='id')",
        f"create trigger [{s.table}_ai] after insert on [{s.table}] begin {new} end",
        f"create trigger [{s.table}_ad] after delete on [{s.table}] begin {old} end",
        f"create trigger [{s.table}_au] after update of [{s.column}] on [{s.table}] begin {old} {new} end",
        f"insert into [{s.fts}] ([{s.fts}]) values ('rebuild')",
    ]


def create(connection: Connection, s: Searched) -> None:
    """The index of one searched table, filled from the rows already there."""
    if connection.dialect.name == "sqlite":
        for statement in _sqlite_statements(s):
            connection.exec_driver_sql(statement)
    elif connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"create index {s.gin_index} on {s.table} using gin ({tsvector(s.column)})")


def drop(connection: Connection, s: Searched) -> None:
    if connection.dialect.name == "sqlite":
        for trigger in ("ai", "ad", "au"):
            connection.exec_driver_sql(f"drop trigger if exists [{s.table}_{trigger}]")
        connection.exec_driver_sql(f"drop table if exists [{s.fts}]")
    elif connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"drop index if exists {s.gin_index}")


def rebuild(connection: Connection) -> None:
    """Build every index again from the stored rows (after a bulk load that bypassed the triggers, say)."""
    for s in SEARCHED:
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql(f"insert into [{s.fts}] ([{s.fts}]) values ('rebuild')")
        elif connection.dialect.name == "postgresql":
            connection.exec_driver_sql(f"reindex index {s.gin_index}")


def is_search_index(name: str | None) -> bool:
    """Whether a table or index of that name belongs to the search index (which the models do not declare):
    an FTS5 table, one of its shadow tables, or a GIN index."""
    if not name:
        return False
    return any(name == s.gin_index or name == s.fts or name.startswith(f"{s.fts}_") for s in SEARCHED)
