"""Meetings: which sat, and everything one meeting's documents record."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, Select, func, select
from sqlalchemy.orm import Session

from models import orm
from queries.common import Where, by_date, filtered


@dataclass(frozen=True, slots=True)
class MeetingRow:
    id: int
    council: str | None
    body: str | None
    date: dt.date | None
    documents: int
    items: int
    resolutions: int


@dataclass(frozen=True, slots=True)
class ItemLine:
    id: int
    number: str | None
    title: str


@dataclass(frozen=True, slots=True)
class AttendeeLine:
    person_id: int
    name: str
    role: str | None
    status: str  # present | apologies | absent | in_attendance
    chair: bool


@dataclass(frozen=True, slots=True)
class ResolutionLine:
    id: int
    item: str | None
    text: str


@dataclass(frozen=True, slots=True)
class VoteLine:
    id: int
    item: str | None
    motion: str | None
    result: str | None
    for_count: int | None
    against_count: int | None
    abstain_count: int | None
    mover: str | None
    seconder: str | None


@dataclass(frozen=True, slots=True)
class ActionLine:
    id: int
    item: str | None
    owner: str | None
    due: str | None
    status: str  # as stored: open | done
    text: str


@dataclass(frozen=True, slots=True)
class FigureLine:
    id: int
    indicator: str
    value: float
    unit: str
    comparator: str | None
    period: str | None


@dataclass(frozen=True, slots=True)
class DocumentLine:
    id: int
    uri: str
    doc_type: str | None
    status: str


@dataclass(frozen=True, slots=True)
class MeetingDetail:
    meeting: MeetingRow
    start_time: str | None
    location: str | None
    items: tuple[ItemLine, ...]
    attendance: tuple[AttendeeLine, ...]
    resolutions: tuple[ResolutionLine, ...]
    votes: tuple[VoteLine, ...]
    actions: tuple[ActionLine, ...]
    figures: tuple[FigureLine, ...]
    documents: tuple[DocumentLine, ...]


def _count_of_documents(model: Any) -> Any:
    """How many ``model`` facts the meeting's documents hold (a correlated subquery)."""
    return (
        select(func.count(model.id))
        .join(orm.SourceDocument, orm.SourceDocument.id == model.document_id)
        .where(orm.SourceDocument.meeting_id == orm.Meeting.id)
        .scalar_subquery()
    )


def _query() -> Select[Any]:
    documents = select(func.count(orm.SourceDocument.id)).where(orm.SourceDocument.meeting_id == orm.Meeting.id)
    return (
        select(
            orm.Meeting.id,
            orm.Council.name,
            orm.Body.name,
            orm.Meeting.date,
            documents.scalar_subquery(),
            _count_of_documents(orm.AgendaItem),
            _count_of_documents(orm.Resolution),
        )
        .select_from(orm.Meeting)
        .outerjoin(orm.Body, orm.Body.id == orm.Meeting.body_id)
        .outerjoin(orm.Council, orm.Council.id == orm.Body.council_id)
    )


def _row(found: Any) -> MeetingRow:
    id_, council, body, date, documents, items, resolutions = found
    return MeetingRow(int(id_), council, body, date, int(documents), int(items), int(resolutions))


def meetings(
    engine: Engine,
    council: str | None = None,
    body: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[MeetingRow]:
    """Meetings, oldest first (undated last), of ``council`` and ``body`` (part of their names) between
    ``since`` and ``until``, with how many documents, agenda items and resolutions each has."""
    query = filtered(_query(), Where(council, body, since, until))
    with Session(engine) as session:
        rows = [_row(found) for found in session.execute(query)]
    return sorted(rows, key=lambda r: (*by_date(r.date), r.council or "", r.body or "", r.id))


def _of_meeting(session: Session, model: Any, meeting_id: int) -> list[Any]:
    """The ``model`` facts of the meeting's documents, in document order."""
    documents = select(orm.SourceDocument.id).where(orm.SourceDocument.meeting_id == meeting_id)
    query = select(model).where(model.document_id.in_(documents)).order_by(model.document_id, model.span_start)
    return list(session.scalars(query))


def _figures(session: Session, meeting_id: int) -> tuple[FigureLine, ...]:
    return tuple(
        FigureLine(m.id, m.indicator_text, m.value, m.unit, m.comparator, m.period)
        for m in _of_meeting(session, orm.Metric, meeting_id)
    )


def _facts(session: Session, meeting_id: int) -> dict[str, tuple[Any, ...]]:
    def of(model: Any) -> list[Any]:
        return _of_meeting(session, model, meeting_id)

    return {
        "items": tuple(ItemLine(i.id, i.number, i.title) for i in of(orm.AgendaItem)),
        "attendance": tuple(AttendeeLine(a.person_id, a.name, a.role, a.status, a.chair) for a in of(orm.Attendance)),
        "resolutions": tuple(ResolutionLine(r.id, r.item_number, r.text) for r in of(orm.Resolution)),
        "votes": tuple(
            VoteLine(
                v.id,
                v.item_number,
                v.motion,
                v.result,
                v.for_count,
                v.against_count,
                v.abstain_count,
                v.mover_text,
                v.seconder_text,
            )
            for v in of(orm.VoteEvent)
        ),
        "actions": tuple(
            ActionLine(a.id, a.item_number, a.owner_text, a.due, a.status, a.text) for a in of(orm.Action)
        ),
        "figures": _figures(session, meeting_id),
    }


def meeting(engine: Engine, meeting_id: int) -> MeetingDetail | None:
    """One meeting with its agenda items, attendance, resolutions, votes, actions, figures and source
    documents (None when there is no such meeting)."""
    with Session(engine) as session:
        found = session.execute(_query().where(orm.Meeting.id == meeting_id)).first()
        stored = session.get(orm.Meeting, meeting_id)
        if found is None or stored is None:
            return None
        row = _row(found)
        documents = session.scalars(
            select(orm.SourceDocument)
            .where(orm.SourceDocument.meeting_id == meeting_id)
            .order_by(orm.SourceDocument.id)
        )
        return MeetingDetail(
            meeting=row,
            start_time=stored.start_time,
            location=stored.location,
            documents=tuple(DocumentLine(d.id, d.uri, d.doc_type, d.status) for d in documents),
            **_facts(session, meeting_id),
        )
