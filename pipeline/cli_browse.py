"""The read commands (``minutes search``, ``meetings``, ``meeting``, ``resolutions``, ``people``, ``person``,
``documents``, ``indicators``): each parses its options, calls one function of :mod:`queries` and prints
the rows as a table, CSV or JSON. Text from documents never acts as markup or as a spreadsheet formula."""

from __future__ import annotations

import datetime as dt
import html
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import fields
from typing import Annotated, Any, NoReturn, TypeVar, cast

import typer
from rich.markup import escape
from rich.table import Table
from sqlalchemy import Engine

import db
from pipeline.cli_support import DbOption, clip, date_option, error, one_of, open_engine, out, write_rows
from queries.common import rows_csv, to_json
from queries.documents import DocumentRow, documents
from queries.indicators import IndicatorRow, indicators
from queries.meetings import MeetingDetail, MeetingRow, meeting, meetings
from queries.people import PersonDetail, PersonRow, people, person
from queries.resolutions import ResolutionRow, resolutions
from queries.search import KINDS, Hit, Kind, rebuild, search

T = TypeVar("T")
FORMATS = ("table", "csv", "json")
DETAIL_FORMATS = ("table", "json")
MARK = re.compile(r"<mark>(.*?)</mark>")
TEXT_WIDTH = 80

FormatOption = Annotated[str, typer.Option("--format", help="table, csv or json.")]
CouncilOption = Annotated[str | None, typer.Option("--council", help="Only this council (part of its name).")]
BodyOption = Annotated[str | None, typer.Option("--body", help="Committee or board (part of its name).")]
SinceOption = Annotated[str | None, typer.Option("--since", help="Meetings on or after this date (YYYY-MM-DD).")]
UntilOption = Annotated[str | None, typer.Option("--until", help="Meetings on or before this date (YYYY-MM-DD).")]


def _read(url: str | None, question: Callable[[Engine], T]) -> T:
    """The answer of ``question`` from the database at ``url`` (brought to the newest migration first)."""
    engine = open_engine(url)
    db.ensure_current(engine)
    try:
        return question(engine)
    finally:
        engine.dispose()


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return "; ".join(_text(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return clip(str(value), TEXT_WIDTH)


def _print_rows(output_format: str, rows: Sequence[Any], row_type: type[Any], columns: tuple[str, ...]) -> None:
    """Rows as CSV and JSON (every field) or as a table of ``columns``."""
    write_rows(
        output_format,
        lambda: rows_csv(row_type, rows),
        lambda: to_json(list(rows)),
        columns,
        [tuple(_text(getattr(row, name)) for name in columns) for row in rows],
    )


def snippet_markup(snippet: str) -> str:
    """A hit's HTML snippet as rich markup: the text shown as it is, each match in bold."""
    parts = MARK.split(snippet)  # text, match, text, match, ...
    shown = [escape(html.unescape(part)) for part in parts]
    return "".join(f"[bold]{part}[/bold]" if i % 2 else part for i, part in enumerate(shown))


def _print_hits(hits: Sequence[Hit]) -> None:
    table = Table("kind", "id", "date", "council", "body", "snippet")
    for h in hits:
        place = (h.kind, str(h.id), _text(h.date), _text(h.council), _text(h.body))
        table.add_row(*(escape(cell) for cell in place), snippet_markup(h.snippet))
    out.print(table)


def search_command(
    query: Annotated[str, typer.Argument(help='Words (stemmed) and "quoted phrases"; all must be found.')],
    url: DbOption = None,
    kind: Annotated[str | None, typer.Option("--kind", help="resolution, item, action, vote or document.")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="How many hits, best first.")] = 20,
    council: CouncilOption = None,
    body: BodyOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    output_format: FormatOption = "table",
) -> None:
    """Full-text search of resolutions, agenda items, actions, vote motions and whole documents."""
    one_of(output_format, FORMATS, "--format")
    one_of(kind, KINDS, "--kind")
    first, last = date_option(since, "--since"), date_option(until, "--until")
    wanted = cast(Kind | None, kind)
    hits = _read(url, lambda engine: search(engine, query, wanted, limit, council, body, first, last))
    if output_format == "table":
        _print_hits(hits)
    elif output_format == "csv":
        sys.stdout.write(rows_csv(Hit, hits))
    else:
        sys.stdout.write(to_json(hits) + "\n")


def meetings_command(
    url: DbOption = None,
    council: CouncilOption = None,
    body: BodyOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    output_format: FormatOption = "table",
) -> None:
    """Meetings, oldest first, with how many documents, agenda items and resolutions each has."""
    one_of(output_format, FORMATS, "--format")
    first, last = date_option(since, "--since"), date_option(until, "--until")
    rows = _read(url, lambda engine: meetings(engine, council, body, first, last))
    columns = ("id", "date", "council", "body", "documents", "items", "resolutions")
    _print_rows(output_format, rows, MeetingRow, columns)


def _print_section(title: str, lines: Sequence[Any]) -> None:
    """One part of a meeting or a person: a table of its lines' fields, or 'none'."""
    if not lines:
        out.print(f"{escape(title)}: none")
        return
    table = Table(*(f.name for f in fields(lines[0])), title=escape(title), title_justify="left")
    for line in lines:
        table.add_row(*(escape(_text(getattr(line, f.name))) for f in fields(line)))
    out.print(table)


def _print_detail(heading: str, sections: dict[str, Sequence[Any]]) -> None:
    out.print(escape(heading))
    for title, lines in sections.items():
        _print_section(title, lines)


def _not_found(what: str, ident: int) -> NoReturn:
    error(f"no {what} {ident}")
    raise typer.Exit(1)


def meeting_command(
    meeting_id: Annotated[int, typer.Argument(help="The meeting's id, as `minutes meetings` lists it.")],
    url: DbOption = None,
    output_format: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """One meeting: agenda items, attendance, resolutions, votes, actions, figures and source documents."""
    one_of(output_format, DETAIL_FORMATS, "--format")
    detail: MeetingDetail | None = _read(url, lambda engine: meeting(engine, meeting_id))
    if detail is None:
        _not_found("meeting", meeting_id)
    if output_format == "json":
        sys.stdout.write(to_json(detail) + "\n")
        return
    m = detail.meeting
    place = ", ".join(p for p in (detail.start_time, detail.location) if p)
    heading = f"meeting {m.id}: {_text(m.date) or '(undated)'}  {m.body or ''}  {m.council or ''}  {place}"
    parts = ("items", "attendance", "resolutions", "votes", "actions", "figures", "documents")
    _print_detail(heading, {part: getattr(detail, part) for part in parts})


def resolutions_command(
    url: DbOption = None,
    council: CouncilOption = None,
    body: BodyOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    output_format: FormatOption = "table",
) -> None:
    """Resolutions, oldest meeting first, with their council, body, meeting date and document."""
    one_of(output_format, FORMATS, "--format")
    first, last = date_option(since, "--since"), date_option(until, "--until")
    rows = _read(url, lambda engine: resolutions(engine, council, body, first, last))
    _print_rows(output_format, rows, ResolutionRow, ("id", "date", "council", "body", "item", "text"))


def people_command(
    name: Annotated[str | None, typer.Argument(help="Part of a name.")] = None,
    url: DbOption = None,
    council: CouncilOption = None,
    output_format: FormatOption = "table",
) -> None:
    """People the minutes name, with roles, meetings attended, actions owned and named votes cast."""
    one_of(output_format, FORMATS, "--format")
    rows = _read(url, lambda engine: people(engine, name, council))
    columns = ("id", "name", "council", "kind", "roles", "meetings", "present", "actions", "votes")
    _print_rows(output_format, rows, PersonRow, columns)


def person_command(
    person_id: Annotated[int, typer.Argument(help="The person's id, as `minutes people` lists it.")],
    url: DbOption = None,
    output_format: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """One person: roles, attendance record, actions owned and votes moved, seconded or cast."""
    one_of(output_format, DETAIL_FORMATS, "--format")
    detail: PersonDetail | None = _read(url, lambda engine: person(engine, person_id))
    if detail is None:
        _not_found("person", person_id)
    if output_format == "json":
        sys.stdout.write(to_json(detail) + "\n")
        return
    p = detail.person
    heading = f"person {p.id}: {p.name}  {p.kind or ''}  {p.council or ''}  {'; '.join(p.roles)}"
    _print_detail(heading, {"attendance": detail.attendance, "actions": detail.actions, "votes": detail.votes})


def documents_command(
    url: DbOption = None,
    status: Annotated[str | None, typer.Option("--status", help="ok or failed.")] = None,
    council: CouncilOption = None,
    body: BodyOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    output_format: FormatOption = "table",
) -> None:
    """Source documents with their status and, for a failed one, the reason."""
    one_of(output_format, FORMATS, "--format")
    one_of(status, ("ok", "failed"), "--status")
    first, last = date_option(since, "--since"), date_option(until, "--until")
    rows = _read(url, lambda engine: documents(engine, status, council, body, first, last))
    _print_rows(output_format, rows, DocumentRow, ("id", "uri", "status", "doc_type", "date", "body", "error"))


def indicators_command(
    text: Annotated[str | None, typer.Argument(help="Words of the indicator's name, in any order.")] = None,
    url: DbOption = None,
    council: CouncilOption = None,
    output_format: FormatOption = "table",
) -> None:
    """Known indicators with how many figures quote them, their units, councils and first and last meetings."""
    one_of(output_format, FORMATS, "--format")
    rows = _read(url, lambda engine: indicators(engine, text, council))
    _print_rows(output_format, rows, IndicatorRow, ("id", "name", "council", "figures", "units", "first", "last"))


def reindex_command(url: DbOption = None) -> None:
    """Build the full-text search index again from the stored rows."""
    _read(url, rebuild)
    out.print("search index rebuilt")


COMMANDS: dict[str, Callable[..., None]] = {
    "search": search_command,
    "meetings": meetings_command,
    "meeting": meeting_command,
    "resolutions": resolutions_command,
    "people": people_command,
    "person": person_command,
    "documents": documents_command,
    "indicators": indicators_command,
}
