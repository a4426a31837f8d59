"""Stage 6, store: write one document and its facts in one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, cast

from sqlalchemy import ColumnElement, Table, delete, insert, or_, select, update
from sqlalchemy.orm import Session

from extractors.names import looks_like_name, split_title
from models import orm
from models.records import Document, Evidence, Extraction, MediaType
from pipeline.followups import MeetingRef, log_rows, source_scope, trace
from pipeline.output import to_gold_format
from pipeline.resolve import indicator_key, match_indicator, person_key, person_kind

StoreOutcome = Literal["new", "replaced", "unchanged", "failed"]


@dataclass(frozen=True, slots=True)
class StoredBytes:
    uri: str
    data: bytes
    sha256: str
    media_type: MediaType | None


def find_document(session: Session, uri: str) -> orm.SourceDocument | None:
    return session.scalars(select(orm.SourceDocument).where(orm.SourceDocument.uri == uri)).first()


def _document_row(session: Session, stored: StoredBytes, status: str) -> tuple[orm.SourceDocument, bool]:
    row = find_document(session, stored.uri)
    is_new = row is None
    if row is None:
        row = orm.SourceDocument(uri=stored.uri)
        session.add(row)
    else:
        reported_on = session.scalars(
            select(orm.ActionFollowUp.action_id).where(orm.ActionFollowUp.document_id == row.id)
        ).all()
        for table in orm.FACT_TABLES:
            session.execute(delete(table).where(table.document_id == row.id))
        _reopen(session, reported_on)
    row.sha256, row.raw, row.size = stored.sha256, stored.data, len(stored.data)
    row.media_type, row.status = stored.media_type, status
    row.ingested_at = dt.datetime.now(dt.UTC)
    row.fetched_at = None
    return row, is_new


def _reopen(session: Session, action_ids: Iterable[int]) -> None:
    """Actions whose only report-back was in a replaced document are open again."""
    still_reported = select(orm.ActionFollowUp.action_id)
    session.execute(
        update(orm.Action)
        .where(orm.Action.id.in_(list(action_ids)), orm.Action.id.not_in(still_reported))
        .values(status="open")
    )


def record_failure(session: Session, stored: StoredBytes, error: str) -> StoreOutcome:
    row, _ = _document_row(session, stored, "failed")
    row.error, row.text, row.extraction = error, None, None
    row.doc_type, row.meeting_id = None, None
    return "failed"


def _get_or_create(session: Session, model: type, defaults: dict[str, object] | None = None, **keys: object) -> object:
    found = session.scalars(select(model).filter_by(**keys)).first()
    if found is None:
        found = model(**keys, **(defaults or {}))
        session.add(found)
        session.flush()
    return found


class _Resolver:
    """Shared records (people, indicators) of one council, looked up or created in bulk for one document."""

    def __init__(self, session: Session, council_id: int | None) -> None:
        self.session = session
        self.council_id = council_id
        rows = session.execute(select(orm.Indicator.key, orm.Indicator.id).where(self._of_council(orm.Indicator)))
        self._indicators: dict[str, int] = {str(key): int(id_) for key, id_ in rows}

    def _of_council(self, model: type[orm.Person] | type[orm.Indicator]) -> ColumnElement[bool]:
        column = model.council_id
        return column.is_(None) if self.council_id is None else column == self.council_id

    def people(self, names: Iterable[tuple[str, str | None]]) -> dict[str, int]:
        """Person ids by ``person_key`` for (name, role) pairs: one query for the known, one insert for the new.

        A person keeps the longest spelling of their name seen so far ('Atkinson' -> 'Alan Atkinson').
        """
        wanted: dict[str, tuple[str, str | None]] = {}
        for name, role in names:
            key = person_key(name)
            if key and (key not in wanted or len(name) > len(wanted[key][0])):
                wanted[key] = (name, role)
        if not wanted:
            return {}
        rows = self.session.execute(
            select(orm.Person.name_key, orm.Person.id, orm.Person.name).where(
                self._of_council(orm.Person), orm.Person.name_key.in_(wanted)
            )
        ).all()
        ids = {str(key): int(id_) for key, id_, _ in rows}
        longer = [{"id": id_, "name": wanted[key][0]} for key, id_, name in rows if len(wanted[key][0]) > len(name)]
        if longer:
            self.session.execute(update(orm.Person), longer)
        ids.update(self._same_surname([key for key in wanted if key not in ids], wanted))
        new = [key for key in wanted if key not in ids]
        if new:
            created = self.session.scalars(
                insert(orm.Person).returning(orm.Person.id, sort_by_parameter_order=True),
                [
                    {
                        "council_id": self.council_id,
                        "name": wanted[k][0],
                        "name_key": k,
                        "kind": person_kind(wanted[k][1]),
                    }
                    for k in new
                ],
            ).all()
            ids.update(zip(new, created, strict=True))
        return ids

    def _same_surname(self, keys: list[str], wanted: dict[str, tuple[str, str | None]]) -> dict[str, int]:
        """'Driver' is the council's one Driver ('A Driver'); 'A Driver' takes over a record known only as 'Driver'.

        With two people of that surname nothing is merged: the surname alone stays a record of its own
        rather than a guess.
        """
        if not keys:
            return {}
        surnames = {key.split("|")[0] for key in keys}
        known: dict[str, list[tuple[str, int]]] = {}
        rows = self.session.execute(
            select(orm.Person.name_key, orm.Person.id).where(
                self._of_council(orm.Person), or_(*(orm.Person.name_key.like(f"{s}|%") for s in surnames))
            )
        )
        for key, id_ in rows:
            known.setdefault(str(key).split("|")[0], []).append((str(key), int(id_)))
        found: dict[str, int] = {}
        for key in keys:
            surname, initial = key.split("|")
            same = known.get(surname, [])
            if len(same) != 1:
                continue
            other_key, id_ = same[0]
            if not initial:
                found[key] = id_  # 'Driver' -> the one Driver
            elif not other_key.split("|")[1]:
                # the record known by surname only now has an initial: 'Driver' -> 'A Driver'
                self.session.execute(
                    update(orm.Person).where(orm.Person.id == id_).values(name_key=key, name=wanted[key][0])
                )
                found[key] = id_
        return found

    def indicator(self, text: str) -> int:
        key = indicator_key(text) or text.lower()
        found = match_indicator(key, self._indicators)
        if found is not None:
            return found
        id_ = self.session.execute(
            insert(orm.Indicator).values(council_id=self.council_id, name=text, key=key).returning(orm.Indicator.id)
        ).scalar_one()
        self._indicators[key] = id_
        return id_


def _meeting(session: Session, extraction: Extraction) -> tuple[int | None, int | None, MeetingRef | None]:
    """The document's council id, meeting id and (for the follow-up tracer) its meeting's body and date."""
    info = extraction.meeting
    council = _get_or_create(session, orm.Council, name=info.council) if info.council else None
    council_id = council.id if isinstance(council, orm.Council) else _council_of_body(session, info.body)
    if not info.body and not info.meeting_date:
        return council_id, None, None
    if council_id is not None and info.body:
        _claim_body(session, council_id, info.body)
    body = _get_or_create(session, orm.Body, council_id=council_id, name=info.body or "(unknown body)")
    assert isinstance(body, orm.Body)
    meeting = _get_or_create(session, orm.Meeting, body_id=body.id, date=info.meeting_date)
    assert isinstance(meeting, orm.Meeting)
    meeting.start_time = meeting.start_time or info.meeting_time
    meeting.location = meeting.location or info.location
    ref = MeetingRef(body.id, info.meeting_date, body.name) if info.meeting_date else None
    return council_id, meeting.id, ref


def _claim_body(session: Session, council_id: int, body_name: str) -> None:
    """A body first met on pages that never named its council joins the council a later page names.

    Its people move with it: each person record of no council seen only in that body's documents joins
    the council, merged into the council's record with the same key when there is one.
    """
    orphan = session.scalars(select(orm.Body).where(orm.Body.name == body_name, orm.Body.council_id.is_(None))).first()
    if (
        orphan is None
        or session.scalars(
            select(orm.Body.id).where(orm.Body.name == body_name, orm.Body.council_id == council_id)
        ).first()
    ):
        return
    orphan.council_id = council_id
    documents = select(orm.SourceDocument.id).join(orm.Meeting).where(orm.Meeting.body_id == orphan.id)
    elsewhere = select(orm.Attendance.person_id).where(orm.Attendance.document_id.not_in(documents))
    people = session.scalars(
        select(orm.Person).where(
            orm.Person.council_id.is_(None),
            orm.Person.id.not_in(elsewhere),
            or_(
                orm.Person.id.in_(select(orm.Attendance.person_id).where(orm.Attendance.document_id.in_(documents))),
                orm.Person.id.in_(select(orm.PersonRole.person_id).where(orm.PersonRole.document_id.in_(documents))),
            ),
        )
    ).all()
    for person in people:
        twin = session.scalars(
            select(orm.Person).where(orm.Person.council_id == council_id, orm.Person.name_key == person.name_key)
        ).first()
        if twin is None:
            person.council_id = council_id
            continue
        for model, column in (
            (orm.Attendance, orm.Attendance.person_id),
            (orm.PersonRole, orm.PersonRole.person_id),
            (orm.Action, orm.Action.owner_person_id),
        ):
            session.execute(update(model).where(column == person.id).values({column.key: twin.id}))
        session.delete(person)
    session.flush()


def _council_of_body(session: Session, body: str | None) -> int | None:
    """A page that never names its council (a decision page) belongs to the council of the one body of that name."""
    if not body:
        return None
    councils = session.scalars(
        select(orm.Body.council_id).where(orm.Body.name == body, orm.Body.council_id.is_not(None)).distinct()
    ).all()
    return councils[0] if len(councils) == 1 else None


def store_extraction(session: Session, stored: StoredBytes, document: Document, extraction: Extraction) -> StoreOutcome:
    """Replace the document's row and facts; the caller owns the transaction."""
    # the meeting first: its lookups flush the session, and the document's row is then written once, whole
    council_id, meeting_id, meeting = _meeting(session, extraction)
    row, is_new = _document_row(session, stored, "ok")
    row.error, row.text = None, document.text
    row.doc_type, row.meeting_id = extraction.meeting.doc_type, meeting_id
    row.extraction = to_gold_format(extraction)
    session.flush()
    _store_facts(session, row.id, meeting_id, extraction, _Resolver(session, council_id))
    session.flush()
    if meeting is not None:
        scope = source_scope(stored.uri, meeting.body_name, council_id)
        trace(session, row.id, document, log_rows(extraction.actions), meeting, scope)
    return "new" if is_new else "replaced"


def _evidence(document_id: int, evidence: Evidence) -> dict[str, object]:
    return {
        "document_id": document_id,
        "span_start": evidence.span[0],
        "span_end": evidence.span[1],
        "extractor": evidence.extractor,
        "extractor_version": evidence.version,
    }


def _store_facts(
    session: Session, doc_id: int, meeting_id: int | None, extraction: Extraction, resolver: _Resolver
) -> None:
    """Every fact of one document, one bulk insert per table."""
    items = _store_agenda_items(session, doc_id, meeting_id, extraction)
    people = resolver.people(
        [(a.name, a.role) for a in extraction.attendees] + [(p.name, p.role) for p in extraction.people]
    )
    owners = {action.owner: _owner_matches(extraction, action.owner) for action in extraction.actions}
    people |= resolver.people([(names[0], None) for names in owners.values() if len(names) == 1])
    rows: list[tuple[type[orm.Base], list[dict[str, object]]]] = [
        (
            orm.Attendance,
            [
                {
                    "meeting_id": meeting_id,
                    "person_id": people[person_key(a.name)],
                    "name": a.name,
                    "role": a.role,
                    "status": a.status,
                    "chair": a.chair,
                    **_evidence(doc_id, a.evidence),
                }
                for a in extraction.attendees
                if person_key(a.name) in people
            ],
        ),
        (
            orm.PersonRole,
            [
                {"person_id": people[person_key(m.name)], "role": m.role, **_evidence(doc_id, m.evidence)}
                for m in extraction.people
                if person_key(m.name) in people
            ],
        ),
        (
            orm.Resolution,
            [
                {
                    "agenda_item_id": items.get(r.item),
                    "item_number": r.item,
                    "text": r.text,
                    **_evidence(doc_id, r.evidence),
                }
                for r in extraction.resolutions
            ],
        ),
        (
            orm.Action,
            [
                {
                    "agenda_item_id": items.get(a.item),
                    "item_number": a.item,
                    "text": a.text,
                    "owner_text": a.owner,
                    "owner_person_id": people.get(person_key(owners[a.owner][0]))
                    if len(owners[a.owner]) == 1
                    else None,
                    "owner_candidates": "; ".join(owners[a.owner]) if len(owners[a.owner]) > 1 else None,
                    "requester_text": a.requester,
                    "due": a.due,
                    "status": a.status or "open",
                    "topic": a.topic,
                    **_evidence(doc_id, a.evidence),
                }
                for a in extraction.actions
            ],
        ),
        (
            orm.Metric,
            [
                {
                    "indicator_id": resolver.indicator(m.indicator),
                    "indicator_text": m.indicator,
                    "value": m.value,
                    "unit": m.unit,
                    "comparator": m.comparator,
                    "period": m.period,
                    "text": m.text,
                    **_evidence(doc_id, m.evidence),
                }
                for m in extraction.metrics
            ],
        ),
    ]
    for model, values in rows:
        if values:  # Core executemany on the table: no per-row ORM bookkeeping
            session.execute(insert(cast(Table, model.__table__)), values)


def _store_agenda_items(
    session: Session, doc_id: int, meeting_id: int | None, extraction: Extraction
) -> dict[str | None, int]:
    """Insert the agenda items; return the id of the first item with each number."""
    if not extraction.agenda_items:
        return {}
    ids = session.scalars(
        insert(orm.AgendaItem).returning(orm.AgendaItem.id, sort_by_parameter_order=True),
        [
            {
                "meeting_id": meeting_id,
                "position": position,
                "number": item.number,
                "title": item.title,
                **_evidence(doc_id, item.evidence),
            }
            for position, item in enumerate(extraction.agenda_items)
        ],
    ).all()
    items: dict[str | None, int] = {}
    for item, id_ in zip(extraction.agenda_items, ids, strict=True):
        items.setdefault(item.number, id_)
    return items


def _owner_matches(extraction: Extraction, owner: str | None) -> list[str]:
    """The people of the document an action owner may refer to.

    A named owner ('Paul Bond', 'Lee') is matched on surname; a role ('Senior Executive Officer') on the
    roles the attendance list and people mentions give. One match links the action to that person; more
    than one is recorded as the candidates, not guessed between.
    """
    if not owner:
        return []
    named = [(a.name, a.role) for a in extraction.attendees] + [(p.name, p.role) for p in extraction.people]
    if looks_like_name(split_title(owner)[0]):
        surname = person_key(owner).split("|")[0]
        matches = {name for name, _ in named if person_key(name).split("|")[0] == surname}
    else:
        role = owner.lower().removeprefix("the ").strip()
        matches = {name for name, held in named if held and held.lower().startswith(role)}
    return sorted(matches)
