"""Votes for readers: what was moved, by whom, how it ended and, for one person, how they voted.

``minutes votes`` lists vote events, filtered by person, council, body, result and meeting date. A
person matches by the name the minutes write (mover, seconder or a named vote) or by the name of the
person record the vote links to, part of either, in any case.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import ColumnElement, Engine, Select, or_, select
from sqlalchemy.orm import Session, aliased

from models import orm
from pipeline.inert import csv_row
from queries.common import Where, by_date, filtered, named_like, to_json

Result = Literal["carried", "lost", "withdrawn"]
RESULTS: tuple[Result, ...] = ("carried", "lost", "withdrawn")

MOVER = aliased(orm.Person, name="mover")
SECONDER = aliased(orm.Person, name="seconder")
# a vote event with its document's uri, meeting date, body, council, and the names of its mover and seconder
VoteSelect = Select[orm.VoteEvent, str, dt.date | None, str, str, str, str]


@dataclass(frozen=True, slots=True)
class VoteRow:
    id: int
    date: dt.date | None
    council: str | None
    body: str | None
    item: str | None
    motion: str | None
    result: str | None
    for_count: int | None
    against_count: int | None
    abstain_count: int | None
    mover: str | None  # as written
    mover_person: str | None  # the person record it links to
    seconder: str | None
    seconder_person: str | None
    option: str | None  # with a person filter: how they voted ('for', 'against', ...), when the minutes name it
    document: str
    span: tuple[int, int]


@dataclass(frozen=True, slots=True)
class VoteFilter:
    person: str | None = None
    council: str | None = None
    body: str | None = None
    result: Result | None = None
    since: dt.date | None = None
    until: dt.date | None = None


def _query() -> VoteSelect:
    return (
        select(
            orm.VoteEvent,
            orm.SourceDocument.uri,
            orm.Meeting.date,
            orm.Body.name,
            orm.Council.name,
            MOVER.name,
            SECONDER.name,
        )
        .join(orm.SourceDocument, orm.SourceDocument.id == orm.VoteEvent.document_id)
        .outerjoin(orm.Meeting, orm.Meeting.id == orm.VoteEvent.meeting_id)
        .outerjoin(orm.Body, orm.Body.id == orm.Meeting.body_id)
        .outerjoin(orm.Council, orm.Council.id == orm.Body.council_id)
        .outerjoin(MOVER, MOVER.id == orm.VoteEvent.mover_id)
        .outerjoin(SECONDER, SECONDER.id == orm.VoteEvent.seconder_id)
    )


def _their_named_votes(person: str) -> ColumnElement[bool]:
    """A named vote of the person: the name as written, or the linked person's name, holds ``person``."""
    people = select(orm.Person.id).where(named_like(orm.Person.name, person))
    return or_(named_like(orm.PersonVote.name, person), orm.PersonVote.person_id.in_(people))


def _took_part(person: str) -> ColumnElement[bool]:
    """The vote event was moved, seconded or voted on by the person."""
    voted = select(orm.PersonVote.vote_event_id).where(_their_named_votes(person))
    return or_(
        named_like(orm.VoteEvent.mover_text, person),
        named_like(orm.VoteEvent.seconder_text, person),
        named_like(MOVER.name, person),
        named_like(SECONDER.name, person),
        orm.VoteEvent.id.in_(voted),
    )


def _filtered(query: VoteSelect, wanted: VoteFilter) -> VoteSelect:
    if wanted.person:
        query = query.where(_took_part(wanted.person))
    if wanted.result:
        query = query.where(orm.VoteEvent.result == wanted.result)
    return filtered(query, Where(wanted.council, wanted.body, wanted.since, wanted.until))


def _options(session: Session, person: str, vote_ids: Sequence[int]) -> dict[int, str]:
    """How the person voted in each of the vote events: 'for', or 'for; against' when the name fits two voters."""
    found: dict[int, set[str]] = {}
    query = select(orm.PersonVote.vote_event_id, orm.PersonVote.option).where(
        orm.PersonVote.vote_event_id.in_(vote_ids), _their_named_votes(person)
    )
    for vote_id, option in session.execute(query):
        found.setdefault(int(vote_id), set()).add(str(option))
    return {vote_id: "; ".join(sorted(options)) for vote_id, options in found.items()}


def list_votes(
    engine: Engine,
    person: str | None = None,
    council: str | None = None,
    body: str | None = None,
    result: Result | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[VoteRow]:
    """Vote events, oldest meeting first, filtered by person (part of a name), council, body (part of
    their names), result and meeting date (``since`` and ``until`` inclusive)."""
    query = _filtered(_query(), VoteFilter(person, council, body, result, since, until))
    with Session(engine) as session:
        found = session.execute(query).all()
        options = _options(session, person, [row[0].id for row in found]) if person and found else {}
    rows = [_row(*row, options.get(row[0].id)) for row in found]
    return sorted(rows, key=lambda r: (by_date(r.date), r.document, r.span))


def _row(
    vote: orm.VoteEvent,
    uri: str,
    date: dt.date | None,
    body: str | None,
    council: str | None,
    mover: str | None,
    seconder: str | None,
    option: str | None,
) -> VoteRow:
    return VoteRow(
        id=vote.id,
        date=date,
        council=council,
        body=body,
        item=vote.item_number,
        motion=vote.motion,
        result=vote.result,
        for_count=vote.for_count,
        against_count=vote.against_count,
        abstain_count=vote.abstain_count,
        mover=vote.mover_text,
        mover_person=mover,
        seconder=vote.seconder_text,
        seconder_person=seconder,
        option=option,
        document=uri,
        span=(vote.span_start, vote.span_end),
    )


def counts_text(row: VoteRow) -> str:
    """'7-0', '16-41-0', '' when none are printed; a count not printed between others shows as '?'."""
    counts = [row.for_count, row.against_count, row.abstain_count]
    while counts and counts[-1] is None:
        counts.pop()
    return "-".join("?" if count is None else str(count) for count in counts)


CSV_COLUMNS = (
    "id",
    "date",
    "council",
    "body",
    "item",
    "result",
    "for",
    "against",
    "abstain",
    "mover",
    "seconder",
    "option",
    "motion",
    "document",
)


def votes_csv(rows: Sequence[VoteRow]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in rows:
        writer.writerow(
            csv_row(
                [
                    r.id,
                    r.date.isoformat() if r.date else "",
                    r.council or "",
                    r.body or "",
                    r.item or "",
                    r.result or "",
                    "" if r.for_count is None else r.for_count,
                    "" if r.against_count is None else r.against_count,
                    "" if r.abstain_count is None else r.abstain_count,
                    r.mover or "",
                    r.seconder or "",
                    r.option or "",
                    r.motion or "",
                    r.document,
                ]
            )
        )
    return buffer.getvalue()


def votes_json(rows: Sequence[VoteRow]) -> str:
    return to_json(list(rows))
