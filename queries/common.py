"""What the read-side queries share: where a fact sat (its document's meeting, body and council), the
filters by council, body and meeting date, and rows written out as CSV or JSON."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields, is_dataclass
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select
from sqlalchemy.orm import InstrumentedAttribute

from models import orm
from pipeline.inert import LIKE_ESCAPE, csv_row, like_contains

S = TypeVar("S", bound=Select[*tuple[Any, ...]])


@dataclass(frozen=True, slots=True)
class Where:
    """The meetings wanted: council and body by part of their names (any case), meeting date between
    ``since`` and ``until`` (inclusive). Unset fields keep every meeting, undated ones included."""

    council: str | None = None
    body: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None


def named_like(column: InstrumentedAttribute[Any], text: str) -> ColumnElement[bool]:
    """``column`` holds ``text``, in any case, its wildcards taken literally."""
    return column.ilike(like_contains(text), escape=LIKE_ESCAPE)


def with_meeting(query: S, document_id: InstrumentedAttribute[int]) -> S:
    """``query`` joined to the document of ``document_id`` and that document's meeting, body and council."""
    query = query.join(orm.SourceDocument, orm.SourceDocument.id == document_id)
    return with_meeting_of_document(query)


def with_meeting_of_document(query: S) -> S:
    """``query`` (which has ``source_document``) joined to the document's meeting, body and council."""
    return (
        query.outerjoin(orm.Meeting, orm.Meeting.id == orm.SourceDocument.meeting_id)
        .outerjoin(orm.Body, orm.Body.id == orm.Meeting.body_id)
        .outerjoin(orm.Council, orm.Council.id == orm.Body.council_id)
    )


def filtered(query: S, where: Where) -> S:
    """``query`` (joined to meeting, body and council) kept to the meetings ``where`` wants."""
    if where.council:
        query = query.where(named_like(orm.Council.name, where.council))
    if where.body:
        query = query.where(named_like(orm.Body.name, where.body))
    if where.since:
        query = query.where(orm.Meeting.date >= where.since)
    if where.until:
        query = query.where(orm.Meeting.date <= where.until)
    return query


def by_date(date: dt.date | None) -> tuple[bool, dt.date]:
    """A sort key: oldest first, undated last."""
    return (date is None, date or dt.date.min)


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return "; ".join(str(_cell(v)) for v in value)
    return value


def rows_csv(row_type: type[Any], rows: Sequence[Any]) -> str:
    """Rows of the dataclass ``row_type`` as CSV, one column per field, a list as 'a; b'; no cell starts a
    formula."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    names = [f.name for f in fields(row_type)]
    writer.writerow(names)
    for row in rows:
        writer.writerow(csv_row(_cell(getattr(row, name)) for name in names))
    return buffer.getvalue()


def _jsonable(value: object) -> object:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


def to_json(value: Any) -> str:
    """A dataclass row, or a list of them, as indented JSON (dates as ISO text)."""
    if is_dataclass(value) and not isinstance(value, type):
        data: object = asdict(value)
    else:
        data = [asdict(row) for row in value]
    return json.dumps(_jsonable(data), indent=2, ensure_ascii=False)
