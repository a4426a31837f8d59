"""Source documents: what was ingested, how it went and, for a failed one, why."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from models import orm
from queries.common import Where, filtered, with_meeting_of_document


@dataclass(frozen=True, slots=True)
class DocumentRow:
    id: int
    uri: str
    status: str  # ok | failed
    error: str | None  # why it failed
    doc_type: str | None
    media_type: str | None
    size: int
    council: str | None
    body: str | None
    date: dt.date | None  # the meeting's
    ingested_at: dt.datetime


def documents(
    engine: Engine,
    status: str | None = None,
    council: str | None = None,
    body: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[DocumentRow]:
    """Documents by path, of ``status`` ('ok' or 'failed', with the reason), of meetings of ``council`` and
    ``body`` (part of their names) between ``since`` and ``until``."""
    document = orm.SourceDocument
    query = select(
        document.id,
        document.uri,
        document.status,
        document.error,
        document.doc_type,
        document.media_type,
        document.size,
        orm.Council.name,
        orm.Body.name,
        orm.Meeting.date,
        document.ingested_at,
    ).select_from(document)
    query = filtered(with_meeting_of_document(query), Where(council, body, since, until))
    if status:
        query = query.where(document.status == status)
    with Session(engine) as session:
        return [DocumentRow(*row) for row in session.execute(query.order_by(document.uri))]
