"""Stage 6, store: write one document and its facts in one transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from models import orm
from models.records import Document, Evidence, Extraction, MediaType
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
        for table in orm.FACT_TABLES:
            session.execute(delete(table).where(table.document_id == row.id))
    row.sha256, row.raw, row.size = stored.sha256, stored.data, len(stored.data)
    row.media_type, row.status = stored.media_type, status
    row.ingested_at = dt.datetime.now(dt.UTC)
    row.fetched_at = None
    return row, is_new


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
    """Shared records (council, body, meeting, people, indicators) for one document."""

    def __init__(self, session: Session, council_id: int | None) -> None:
        self.session = session
        self.council_id = council_id
        self._people: dict[str, orm.Person] = {}
        rows = session.execute(
            select(orm.Indicator.key, orm.Indicator.id).where(orm.Indicator.council_id.is_(council_id))
            if council_id is None
            else select(orm.Indicator.key, orm.Indicator.id).where(orm.Indicator.council_id == council_id)
        )
        self._indicators: dict[str, int] = {str(key): int(id_) for key, id_ in rows}

    def person(self, name: str, role: str | None) -> orm.Person:
        key = person_key(name)
        if key in self._people:
            return self._people[key]
        query = select(orm.Person).where(orm.Person.name_key == key)
        query = query.where(
            orm.Person.council_id.is_(None) if self.council_id is None else orm.Person.council_id == self.council_id
        )
        person = self.session.scalars(query).first()
        if person is None:
            person = orm.Person(council_id=self.council_id, name=name, name_key=key, kind=person_kind(role))
            self.session.add(person)
            self.session.flush()
        elif len(name) > len(person.name):
            person.name = name
        self._people[key] = person
        return person

    def indicator(self, text: str) -> int:
        key = indicator_key(text) or text.lower()
        found = match_indicator(key, self._indicators)
        if found is not None:
            return found
        row = orm.Indicator(council_id=self.council_id, name=text, key=key)
        self.session.add(row)
        self.session.flush()
        self._indicators[key] = row.id
        return row.id


def _meeting(session: Session, extraction: Extraction) -> tuple[int | None, int | None]:
    info = extraction.meeting
    council = _get_or_create(session, orm.Council, name=info.council) if info.council else None
    council_id = council.id if isinstance(council, orm.Council) else None
    if not info.body and not info.meeting_date:
        return council_id, None
    body = _get_or_create(session, orm.Body, council_id=council_id, name=info.body or "(unknown body)")
    assert isinstance(body, orm.Body)
    meeting = _get_or_create(session, orm.Meeting, body_id=body.id, date=info.meeting_date)
    assert isinstance(meeting, orm.Meeting)
    meeting.start_time = meeting.start_time or info.meeting_time
    meeting.location = meeting.location or info.location
    return council_id, meeting.id


def store_extraction(session: Session, stored: StoredBytes, document: Document, extraction: Extraction) -> StoreOutcome:
    """Replace the document's row and facts; the caller owns the transaction."""
    row, is_new = _document_row(session, stored, "ok")
    council_id, meeting_id = _meeting(session, extraction)
    row.error, row.text = None, document.text
    row.doc_type, row.meeting_id = extraction.meeting.doc_type, meeting_id
    row.extraction = to_gold_format(extraction)
    session.flush()
    _store_facts(session, row.id, meeting_id, extraction, _Resolver(session, council_id))
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
    items: dict[str | None, int] = {}
    for position, item in enumerate(extraction.agenda_items):
        row = orm.AgendaItem(
            meeting_id=meeting_id,
            position=position,
            number=item.number,
            title=item.title,
            **_evidence(doc_id, item.evidence),
        )
        session.add(row)
        session.flush()
        items.setdefault(item.number, row.id)
    for attendee in extraction.attendees:
        person = resolver.person(attendee.name, attendee.role)
        session.add(
            orm.Attendance(
                meeting_id=meeting_id,
                person_id=person.id,
                name=attendee.name,
                role=attendee.role,
                status=attendee.status,
                chair=attendee.chair,
                **_evidence(doc_id, attendee.evidence),
            )
        )
    for mention in extraction.people:
        person = resolver.person(mention.name, mention.role)
        session.add(orm.PersonRole(person_id=person.id, role=mention.role, **_evidence(doc_id, mention.evidence)))
    for resolution in extraction.resolutions:
        session.add(
            orm.Resolution(
                agenda_item_id=items.get(resolution.item),
                item_number=resolution.item,
                text=resolution.text,
                **_evidence(doc_id, resolution.evidence),
            )
        )
    for action in extraction.actions:
        owner_id = _owner_person(resolver, extraction, action.owner)
        session.add(
            orm.Action(
                agenda_item_id=items.get(action.item),
                item_number=action.item,
                text=action.text,
                owner_text=action.owner,
                owner_person_id=owner_id,
                requester_text=action.requester,
                due=action.due,
                status="open",
                **_evidence(doc_id, action.evidence),
            )
        )
    for metric in extraction.metrics:
        session.add(
            orm.Metric(
                indicator_id=resolver.indicator(metric.indicator),
                indicator_text=metric.indicator,
                value=metric.value,
                unit=metric.unit,
                comparator=metric.comparator,
                period=metric.period,
                text=metric.text,
                **_evidence(doc_id, metric.evidence),
            )
        )


def _owner_person(resolver: _Resolver, extraction: Extraction, owner: str | None) -> int | None:
    """Link an owner to a person record when the owner is a person named in the document."""
    if not owner:
        return None
    known = [a.name for a in extraction.attendees] + [p.name for p in extraction.people]
    key = person_key(owner)
    for name in known:
        if person_key(name).split("|")[0] == key.split("|")[0]:
            return resolver.person(name, None).id
    return None
