"""Actions for auditors: who owns what, by when, and whether a later meeting reported back.

``minutes actions`` lists them; ``minutes action ID`` shows one with its evidence sentence and its
trail of follow-ups. "overdue" is not stored: it is an open action whose due date has passed.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any, Literal

from sqlalchemy import Engine, Select, func, or_, select
from sqlalchemy.orm import Session

from models import orm
from pipeline.inert import LIKE_ESCAPE, csv_row, like_contains

Status = Literal["open", "done", "overdue"]


@dataclass(frozen=True, slots=True)
class ActionRow:
    id: int
    date: dt.date | None
    body: str | None
    item: str | None
    owner: str | None
    owner_candidates: tuple[str, ...]  # the people an ambiguous owner may be
    requester: str | None
    due: str | None
    status: Status
    text: str
    topic: str | None
    document: str
    span: tuple[int, int]
    follow_ups: int


@dataclass(frozen=True, slots=True)
class FollowUp:
    date: dt.date | None
    body: str | None
    document: str
    span: tuple[int, int]
    text: str
    score: float


@dataclass(frozen=True, slots=True)
class ActionDetail:
    action: ActionRow
    owner_person: str | None
    owner_kind: str | None
    owner_roles: tuple[str, ...]
    sentence: str
    follow_ups: tuple[FollowUp, ...]


def due_date(due: str | None) -> dt.date | None:
    """'2018-06' -> 2018-06-30 (the end of the month); '2018-06-15' -> that day."""
    if not due:
        return None
    try:
        if len(due) == 7:
            year, month = int(due[:4]), int(due[5:7])
            return dt.date(year, month, calendar.monthrange(year, month)[1])
        return dt.date.fromisoformat(due)
    except ValueError:
        return None


def status_of(stored: str, due: str | None, today: dt.date) -> Status:
    if stored == "done":
        return "done"
    deadline = due_date(due)
    return "overdue" if deadline is not None and deadline < today else "open"


def _query() -> Select[orm.Action, str, dt.date | None, str, Any]:
    follow_ups = (
        select(orm.ActionFollowUp.action_id, func.count().label("n")).group_by(orm.ActionFollowUp.action_id).subquery()
    )
    return (
        select(orm.Action, orm.SourceDocument.uri, orm.Meeting.date, orm.Body.name, func.coalesce(follow_ups.c.n, 0))
        .join(orm.SourceDocument, orm.SourceDocument.id == orm.Action.document_id)
        .outerjoin(orm.Meeting, orm.Meeting.id == orm.SourceDocument.meeting_id)
        .outerjoin(orm.Body, orm.Body.id == orm.Meeting.body_id)
        .outerjoin(follow_ups, follow_ups.c.action_id == orm.Action.id)
    )


def _row(action: orm.Action, uri: str, date: dt.date | None, body: str | None, n: Any, today: dt.date) -> ActionRow:
    return ActionRow(
        id=action.id,
        date=date,
        body=body,
        item=action.item_number,
        owner=action.owner_text,
        owner_candidates=tuple(action.owner_candidates.split("; ")) if action.owner_candidates else (),
        requester=action.requester_text,
        due=action.due,
        status=status_of(action.status, action.due, today),
        text=action.text,
        topic=action.topic,
        document=uri,
        span=(action.span_start, action.span_end),
        follow_ups=int(n),
    )


def list_actions(
    engine: Engine,
    owner: str | None = None,
    body: str | None = None,
    status: Status | None = None,
    today: dt.date | None = None,
) -> list[ActionRow]:
    """Actions, oldest meeting first, filtered by owner (name, role or linked person), body and status."""
    today = today or dt.date.today()
    query = _query()
    if owner:
        named = like_contains(owner)
        person = select(orm.Person.id).where(orm.Person.name.ilike(named, escape=LIKE_ESCAPE))
        query = query.where(
            or_(orm.Action.owner_text.ilike(named, escape=LIKE_ESCAPE), orm.Action.owner_person_id.in_(person))
        )
    if body:
        query = query.where(orm.Body.name.ilike(like_contains(body), escape=LIKE_ESCAPE))
    with Session(engine) as session:
        rows = [_row(action, uri, date, name, n, today) for action, uri, date, name, n in session.execute(query)]
    if status:
        rows = [r for r in rows if r.status == status]
    return sorted(rows, key=lambda r: (r.date is None, r.date or dt.date.min, r.document, r.span))


def action_detail(engine: Engine, action_id: int, today: dt.date | None = None) -> ActionDetail | None:
    today = today or dt.date.today()
    with Session(engine) as session:
        found = session.execute(_query().where(orm.Action.id == action_id)).first()
        if found is None:
            return None
        action, uri, date, name, n = found
        row = _row(action, uri, date, name, n, today)
        document = session.get(orm.SourceDocument, action.document_id)
        text = (document.text if document else None) or ""
        person = session.get(orm.Person, action.owner_person_id) if action.owner_person_id else None
        roles = (
            tuple(
                r
                for r in session.scalars(
                    select(orm.PersonRole.role).where(orm.PersonRole.person_id == person.id).distinct()
                )
                if r
            )
            if person
            else ()
        )
        trail = session.execute(
            select(orm.ActionFollowUp, orm.SourceDocument.uri, orm.Meeting.date, orm.Body.name)
            .join(orm.SourceDocument, orm.SourceDocument.id == orm.ActionFollowUp.document_id)
            .outerjoin(orm.Meeting, orm.Meeting.id == orm.SourceDocument.meeting_id)
            .outerjoin(orm.Body, orm.Body.id == orm.Meeting.body_id)
            .where(orm.ActionFollowUp.action_id == action_id)
            .order_by(orm.Meeting.date)
        ).all()
        follow_ups = tuple(
            FollowUp(date, body, uri, (f.span_start, f.span_end), f.text, f.score) for f, uri, date, body in trail
        )
        return ActionDetail(
            action=row,
            owner_person=person.name if person else None,
            owner_kind=person.kind if person else None,
            owner_roles=roles,
            sentence=_sentence_around(text, action.span_start, action.span_end),
            follow_ups=follow_ups,
        )


def _sentence_around(text: str, start: int, end: int) -> str:
    """The line (block) holding the evidence span: the sentence as the minutes wrote it, with its context."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return text[line_start : line_end if line_end != -1 else len(text)]


def actions_csv(rows: Sequence[ActionRow]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        ["id", "date", "body", "item", "owner", "requester", "due", "status", "follow_ups", "text", "document"]
    )
    for r in rows:
        writer.writerow(
            csv_row(
                [
                    r.id,
                    r.date.isoformat() if r.date else "",
                    r.body or "",
                    r.item or "",
                    r.owner or "",
                    r.requester or "",
                    r.due or "",
                    r.status,
                    r.follow_ups,
                    r.text,
                    r.document,
                ]
            )
        )
    return buffer.getvalue()


def _jsonable(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


def to_json(value: ActionDetail | Sequence[ActionRow]) -> str:
    data = asdict(value) if isinstance(value, ActionDetail) else [asdict(row) for row in value]
    return json.dumps(_jsonable(data), indent=2, ensure_ascii=False)
