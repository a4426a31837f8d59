"""Action tables: action logs and trackers whose columns give the action, its owner, deadline and status.

Minutes and "Matters arising" reports often list actions as a table (HTML, Markdown or PDF) under a
header row such as ``Action | Lead Officer | Target Date | Status``. A header row is recognised by
its column names: an action column and at least an owner or a deadline column. Each following row of
the same table is one action, read cell by cell through the header's columns, so an empty owner cell
stays empty rather than shifting the next cell into its place. A row with a single filled cell is a
sub-heading of the table (a theme or a meeting date), and becomes the topic of the rows below it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Literal

from extractors.dates import MONTH_ONLY, parse_date, resolve_month
from extractors.names import split_title
from extractors.text import item_number_at
from models.records import Action, ActionStatus, Block, Document, Evidence, Section

NAME = "action_tables"
VERSION = "1"

Column = Literal["action", "owner", "due", "status"]

# Column names as councils print them; matched against the whole header cell, case-insensitively.
_COLUMN_NAMES: tuple[tuple[Column, re.Pattern[str]], ...] = (
    (
        "owner",
        re.compile(
            r"(?:action(?:ed)?\s+(?:by|owner)|(?:lead|responsible|accountable)(?:\s+(?:officers?|members?|person|"
            r"persons?|body|directorate|service))?|owners?|(?:officers?|person)(?:\s+responsible)?|responsibility|"
            r"by\s+whom|who|assigned\s+to|allocated\s+to|lead\s+/\s+owner)"
        ),
    ),
    (
        "due",
        re.compile(
            r"(?:(?:target|due|deadline|completion|review)(?:\s+(?:date|by))?|date\s+(?:due|for\s+completion|"
            r"to\s+be\s+completed)|by\s+when|when|time\s*scales?|(?:to\s+be\s+)?completed\s+by|deadline\s+date)"
        ),
    ),
    (
        "status",
        re.compile(
            r"(?:(?:current\s+)?status|rag(?:\s+status)?|progress(?:\s+(?:update|to\s+date|/\s*comments?))?|"
            r"updates?|outcome|comments?|response|position|open\s*/\s*closed)"
        ),
    ),
    (
        "action",
        re.compile(
            r"(?:(?:agreed\s+|outstanding\s+)?actions?(?:\s+(?:required|agreed|points?|to\s+be\s+taken|"
            r"description|details))?|description(?:\s+of\s+action)?|task|decision\s*/\s*action|recommendations?|"
            r"issues?(?:\s+/\s+action)?)"
        ),
    ),
)
_DONE = re.compile(r"^(?:completed?|closed|done|achieved|actioned|discharged|implemented)\b", re.I)
_NO_OWNER = re.compile(r"^(?:n/?a|none|-+|–|tbc|tbd|\?)$", re.I)
_MEETING = re.compile(r"\bmeeting\b", re.I)


@dataclass(frozen=True, slots=True)
class Header:
    columns: dict[Column, int]  # column -> cell index

    @property
    def width(self) -> int:
        return max(self.columns.values()) + 1


def column_of(cell: str) -> Column | None:
    """The column a header cell names, or None."""
    cleaned = re.sub(r"[^\w/ ]+", " ", cell.replace("(s)", "s")).strip().lower()
    cleaned = " ".join(cleaned.split())
    for column, pattern in _COLUMN_NAMES:
        if pattern.fullmatch(cleaned):
            return column
    return None


def read_header(cells: list[str]) -> Header | None:
    """A header row names an action column and an owner or a deadline column."""
    columns: dict[Column, int] = {}
    for index, cell in enumerate(cells):
        column = column_of(cell)
        if column and column not in columns:
            columns[column] = index
    if "action" in columns and ("owner" in columns or "due" in columns):
        return Header(columns)
    return None


def _cells(document: Document, block: Block) -> list[str]:
    return [document.text[start:end] for start, end in block.cells]


def _owner(cell: str) -> str | None:
    cell = cell.strip(" .;")
    if not cell or _NO_OWNER.match(cell):
        return None
    name, _ = split_title(cell)
    return name or cell


def due_date(cell: str, reference: dt.date | None) -> str | None:
    """A deadline cell as an ISO date or month: '31/03/2020', 'June 2019', 'the June meeting'."""
    if date := parse_date(cell):
        return date.isoformat()
    if match := MONTH_ONLY.search(cell):
        year = int(match.group("year")) if match.group("year") else None
        return resolve_month(match.group("month"), reference, year)
    return None


def status_of(cell: str) -> ActionStatus:
    return "done" if _DONE.match(cell.strip()) else "open"


def _tables(document: Document) -> Iterator[tuple[Header, list[Block]]]:
    """Each action table: its header and the rows below it, up to the end of the table."""
    blocks = document.blocks
    index = 0
    while index < len(blocks):
        block = blocks[index]
        header = read_header(_cells(document, block)) if len(block.cells) > 1 else None
        index += 1
        if header is None:
            continue
        rows = []
        while index < len(blocks) and blocks[index].cells:
            if read_header(_cells(document, blocks[index])):
                break  # a second table starts
            rows.append(blocks[index])
            index += 1
        yield header, rows


def _row_action(
    document: Document, header: Header, row: Block, sections: tuple[Section, ...], meeting_date: dt.date | None
) -> Action | None:
    cells = row.cells
    if len(cells) < header.width:
        return None  # a merged row: not one action in the header's columns
    start, end = cells[header.columns["action"]]
    text = document.text[start:end].strip().rstrip(".;")
    if not text:
        return None

    def cell(column: Column) -> str:
        at = header.columns.get(column)
        return document.text[cells[at][0] : cells[at][1]] if at is not None else ""

    status = status_of(cell("status")) if "status" in header.columns else None
    return Action(
        text,
        _owner(cell("owner")),
        None,
        item_number_at(sections, row.start),
        due_date(cell("due"), meeting_date),
        Evidence((start, start + len(text)), NAME, VERSION),
        status=status,
    )


def extract_table_actions(
    document: Document, sections: tuple[Section, ...], meeting_date: dt.date | None
) -> tuple[list[Action], set[int]]:
    """The actions of every action table, and the start offsets of the blocks they were read from."""
    found: list[Action] = []
    used: set[int] = set()
    for header, rows in _tables(document):
        topic: str | None = None
        for row in rows:
            filled = [text for text in _cells(document, row) if text]
            used.add(row.start)
            if len(filled) == 1 and len(header.columns) > 1:
                topic = filled[0]  # a sub-heading inside the table
                continue
            action = _row_action(document, header, row, sections, meeting_date)
            if action is not None:
                found.append(action if topic is None or _MEETING.search(topic) else replace(action, topic=topic))
    return found, used
