"""What the commands share: the database option, one-line errors, options checked, rows printed."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy import Engine

import db
from pipeline.inert import printable, table_cell

out = Console()

DbOption = Annotated[
    str | None, typer.Option("--db", help="Database URL (default: $MINUTES_DB or sqlite:///minutes.db).")
]
PdfEngineOption = Annotated[
    str, typer.Option("--pdf-engine", help="fast (pypdfium2) or layout (pdfplumber, reads tables).")
]


def error(message: str) -> None:
    """One plain line on stderr (never wrapped, whatever the terminal's width)."""
    sys.stderr.write(f"error: {printable(message)}\n")


def one_of(value: str | None, choices: tuple[str, ...], option: str) -> None:
    """A usage error (exit 2) unless ``value`` is one of ``choices``."""
    if value is not None and value not in choices:
        listed = ", ".join(f"'{c}'" for c in choices[:-1]) + f" or '{choices[-1]}'"
        raise typer.BadParameter(f"must be {listed}", param_hint=option)


def open_engine(url: str | None, must_exist: bool = True) -> Engine:
    """The database, or one line and exit 2 when it is not there or does not answer."""
    try:
        engine = db.make_engine(url, must_exist=must_exist)
        db.check_connection(engine)
    except db.DatabaseUnavailable as exc:
        error(str(exc))
        raise typer.Exit(2) from exc
    return engine


def write_rows(
    output_format: str,
    as_csv: Callable[[], str],
    as_json: Callable[[], str],
    columns: tuple[str, ...],
    rows: list[tuple[str, ...]],
) -> None:
    """Print rows as CSV, JSON or a table, as --format asks."""
    if output_format == "csv":
        sys.stdout.write(as_csv())
    elif output_format == "json":
        sys.stdout.write(as_json() + "\n")
    else:
        table = Table(*columns)
        for row in rows:
            table.add_row(*(table_cell(cell) for cell in row))
        out.print(table)


def date_option(value: str | None, option: str) -> dt.date | None:
    """An ISO date (2021-02-02) given to ``option``, or a usage error (exit 2)."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter("must be a date as YYYY-MM-DD", param_hint=option) from exc


def clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
