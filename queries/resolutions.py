"""Resolutions: what was decided, where and when."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from models import orm
from queries.common import Where, by_date, filtered, with_meeting


@dataclass(frozen=True, slots=True)
class ResolutionRow:
    id: int
    council: str | None
    body: str | None
    date: dt.date | None
    item: str | None
    text: str
    document: str
    span: tuple[int, int]


def resolutions(
    engine: Engine,
    council: str | None = None,
    body: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[ResolutionRow]:
    """Resolutions, oldest meeting first (undated last, then in document order), of ``council`` and
    ``body`` (part of their names) between ``since`` and ``until``."""
    query = select(orm.Resolution, orm.Council.name, orm.Body.name, orm.Meeting.date, orm.SourceDocument.uri)
    query = filtered(with_meeting(query, orm.Resolution.document_id), Where(council, body, since, until))
    with Session(engine) as session:
        rows = [
            ResolutionRow(r.id, council_name, body_name, date, r.item_number, r.text, uri, (r.span_start, r.span_end))
            for r, council_name, body_name, date, uri in session.execute(query)
        ]
    return sorted(rows, key=lambda r: (*by_date(r.date), r.document, r.span))
