"""People: councillors and officers the minutes name, their roles, attendance, actions and votes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, Select, func, or_, select
from sqlalchemy.orm import Session

from models import orm
from queries.common import named_like, with_meeting
from queries.meetings import ActionLine


@dataclass(frozen=True, slots=True)
class PersonRow:
    id: int
    name: str
    council: str | None
    kind: str | None  # councillor | officer
    roles: tuple[str, ...]
    meetings: int  # attendance records
    present: int  # of which present
    actions: int  # owned
    votes: int  # named votes cast


@dataclass(frozen=True, slots=True)
class AttendanceLine:
    meeting_id: int | None
    date: dt.date | None
    body: str | None
    status: str
    role: str | None
    chair: bool


@dataclass(frozen=True, slots=True)
class PersonVoteLine:
    vote_id: int
    date: dt.date | None
    body: str | None
    item: str | None
    motion: str | None
    result: str | None
    part: str  # how they took part: moved, seconded, for, against, abstain or absent


@dataclass(frozen=True, slots=True)
class PersonDetail:
    person: PersonRow
    attendance: tuple[AttendanceLine, ...]
    actions: tuple[ActionLine, ...]
    votes: tuple[PersonVoteLine, ...]


def _count(model: Any, person_column: Any, *conditions: Any) -> Any:
    return select(func.count(model.id)).where(person_column == orm.Person.id, *conditions).scalar_subquery()


def _query() -> Select[Any]:
    return (
        select(
            orm.Person,
            orm.Council.name,
            _count(orm.Attendance, orm.Attendance.person_id),
            _count(orm.Attendance, orm.Attendance.person_id, orm.Attendance.status == "present"),
            _count(orm.Action, orm.Action.owner_person_id),
            _count(orm.PersonVote, orm.PersonVote.person_id),
        )
        .select_from(orm.Person)
        .outerjoin(orm.Council, orm.Council.id == orm.Person.council_id)
    )


def _roles(session: Session, ids: list[int]) -> dict[int, tuple[str, ...]]:
    found: dict[int, set[str]] = {}
    query = select(orm.PersonRole.person_id, orm.PersonRole.role).where(orm.PersonRole.person_id.in_(ids)).distinct()
    for person_id, role in session.execute(query):
        if role:
            found.setdefault(int(person_id), set()).add(str(role))
    return {i: tuple(sorted(roles)) for i, roles in found.items()}


def _rows(session: Session, query: Select[Any]) -> list[PersonRow]:
    found = session.execute(query).all()
    roles = _roles(session, [p.id for p, *_ in found])
    return [
        PersonRow(p.id, p.name, council, p.kind, roles.get(p.id, ()), int(m), int(present), int(a), int(v))
        for p, council, m, present, a, v in found
    ]


def people(engine: Engine, name: str | None = None, council: str | None = None) -> list[PersonRow]:
    """People by council and name, with their roles and how many meetings they attended (and were present
    at), actions they own and named votes they cast; ``name`` and ``council`` match part of the names."""
    query = _query()
    if name:
        query = query.where(named_like(orm.Person.name, name))
    if council:
        query = query.where(named_like(orm.Council.name, council))
    with Session(engine) as session:
        rows = _rows(session, query)
    return sorted(rows, key=lambda r: (r.council or "", r.name.lower(), r.id))


def _attendance(session: Session, person_id: int) -> tuple[AttendanceLine, ...]:
    query = (
        select(orm.Attendance, orm.Meeting.id, orm.Meeting.date, orm.Body.name)
        .select_from(orm.Attendance)
        .outerjoin(orm.Meeting, orm.Meeting.id == orm.Attendance.meeting_id)
        .outerjoin(orm.Body, orm.Body.id == orm.Meeting.body_id)
        .where(orm.Attendance.person_id == person_id)
    )
    lines = [AttendanceLine(m, date, body, a.status, a.role, a.chair) for a, m, date, body in session.execute(query)]
    return tuple(sorted(lines, key=lambda line: (line.date is None, line.date or dt.date.min, line.meeting_id or 0)))


def _actions(session: Session, person_id: int) -> tuple[ActionLine, ...]:
    query = select(orm.Action).where(orm.Action.owner_person_id == person_id).order_by(orm.Action.id)
    return tuple(ActionLine(a.id, a.item_number, a.owner_text, a.due, a.status, a.text) for a in session.scalars(query))


def _part(vote: orm.VoteEvent, person_id: int, options: dict[int, str]) -> str:
    parts = [p for p, who in (("moved", vote.mover_id), ("seconded", vote.seconder_id)) if who == person_id]
    return "; ".join([*parts, *([options[vote.id]] if vote.id in options else [])])


def _votes(session: Session, person_id: int) -> tuple[PersonVoteLine, ...]:
    named = select(orm.PersonVote.vote_event_id, orm.PersonVote.option).where(orm.PersonVote.person_id == person_id)
    options = {int(v): str(o) for v, o in session.execute(named)}
    took_part = or_(
        orm.VoteEvent.mover_id == person_id,
        orm.VoteEvent.seconder_id == person_id,
        orm.VoteEvent.id.in_(list(options)),
    )
    query = with_meeting(select(orm.VoteEvent, orm.Meeting.date, orm.Body.name), orm.VoteEvent.document_id)
    lines = [
        PersonVoteLine(v.id, date, body, v.item_number, v.motion, v.result, _part(v, person_id, options))
        for v, date, body in session.execute(query.where(took_part))
    ]
    return tuple(sorted(lines, key=lambda line: (line.date is None, line.date or dt.date.min, line.vote_id)))


def person(engine: Engine, person_id: int) -> PersonDetail | None:
    """One person with their roles, attendance record, the actions they own and the votes they moved,
    seconded or cast (None when there is no such person)."""
    with Session(engine) as session:
        rows = _rows(session, _query().where(orm.Person.id == person_id))
        if not rows:
            return None
        return PersonDetail(
            person=rows[0],
            attendance=_attendance(session, person_id),
            actions=_actions(session, person_id),
            votes=_votes(session, person_id),
        )
