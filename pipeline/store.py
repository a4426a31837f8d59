"""Stage 6, store: write one document and its facts in one transaction.

The store runs on a Core connection, and its frequent statements are built once, at import, with
bound parameters: building SQL expressions and the ORM's unit of work cost several times what the
database itself spends on a document.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal
from weakref import WeakKeyDictionary

from sqlalchemy import (
    Connection,
    Engine,
    Executable,
    Select,
    Table,
    bindparam,
    delete,
    exists,
    func,
    insert,
    or_,
    select,
    union,
    update,
)

from extractors.names import looks_like_name, split_title
from models import orm
from models.records import Document, Evidence, Extraction, MediaType
from pipeline.extract import EXTRACTOR_VERSIONS
from pipeline.followups import MeetingRef, log_rows, source_scope, trace
from pipeline.output import to_gold_format
from pipeline.resolve import (
    IndicatorIndex,
    StoredResolution,
    indicator_key,
    one_person,
    people_fitting,
    person_key,
    person_kind,
    resolution_of,
    surname_of,
)

StoreOutcome = Literal["new", "replaced", "unchanged", "duplicate", "failed"]


COUNCIL = orm.table(orm.Council)
COUNCIL_SCOPE = orm.table(orm.CouncilScope)
BODY = orm.table(orm.Body)
MEETING = orm.table(orm.Meeting)
DOCUMENT = orm.table(orm.SourceDocument)
LOCATION = orm.table(orm.DocumentLocation)
PERSON = orm.table(orm.Person)
INDICATOR = orm.table(orm.Indicator)
ATTENDANCE = orm.table(orm.Attendance)
PERSON_ROLE = orm.table(orm.PersonRole)
ACTION = orm.table(orm.Action)
FOLLOW_UP = orm.table(orm.ActionFollowUp)
AGENDA_ITEM = orm.table(orm.AgendaItem)
RESOLUTION = orm.table(orm.Resolution)
VOTE_EVENT = orm.table(orm.VoteEvent)
PERSON_VOTE = orm.table(orm.PersonVote)
METRIC = orm.table(orm.Metric)
FACT_TABLES = tuple(orm.table(model) for model in orm.FACT_TABLES)  # each has the evidence columns


def _of_council(table: Table, query: Select[Any]) -> dict[bool, Any]:
    """``query`` over ``table`` for one council, keyed by whether the council is unknown (NULL)."""
    return {
        True: query.where(table.c.council_id.is_(None)),
        False: query.where(table.c.council_id == bindparam("council_id")),
    }


def _by_council(table: Table, *columns: str) -> dict[bool, Any]:
    """A select of ``columns`` of ``table`` for one council, keyed by whether the council is unknown (NULL)."""
    return _of_council(table, select(*(table.c[name] for name in columns)))


COUNCIL_BY_NAME = select(COUNCIL.c.id).where(COUNCIL.c.name == bindparam("name"))
INSERT_COUNCIL = insert(COUNCIL).returning(COUNCIL.c.id)
BODY_BY_NAME = {key: query.where(BODY.c.name == bindparam("name")) for key, query in _by_council(BODY, "id").items()}
INSERT_BODY = insert(BODY).returning(BODY.c.id)
MEETING_BY_DATE = {
    True: select(MEETING.c.id, MEETING.c.start_time, MEETING.c.location).where(
        MEETING.c.body_id == bindparam("body_id"), MEETING.c.date.is_(None)
    ),
    False: select(MEETING.c.id, MEETING.c.start_time, MEETING.c.location).where(
        MEETING.c.body_id == bindparam("body_id"), MEETING.c.date == bindparam("date")
    ),
}
INSERT_MEETING = insert(MEETING).returning(MEETING.c.id)
UPDATE_MEETING = update(MEETING).where(MEETING.c.id == bindparam("meeting_id"))
DOCUMENT_BY_URI = select(DOCUMENT.c.id).where(DOCUMENT.c.uri == bindparam("uri"))
DOCUMENT_AT = select(DOCUMENT.c.sha256, DOCUMENT.c.status).where(DOCUMENT.c.uri == bindparam("uri"))
LOCATED_AT = (
    select(DOCUMENT.c.sha256, DOCUMENT.c.status)
    .join(LOCATION, LOCATION.c.document_id == DOCUMENT.c.id)
    .where(LOCATION.c.uri == bindparam("uri"))
)
STORED_COPY = (
    select(DOCUMENT.c.id)
    .where(DOCUMENT.c.sha256 == bindparam("sha256"), DOCUMENT.c.status == "ok")
    .order_by(DOCUMENT.c.id)
    .limit(1)
)
FIRST_LOCATION = (
    select(LOCATION.c.uri).where(LOCATION.c.document_id == bindparam("document")).order_by(LOCATION.c.uri).limit(1)
)
INSERT_LOCATION = insert(LOCATION)
DROP_LOCATION = delete(LOCATION).where(LOCATION.c.uri == bindparam("uri"))
MOVE_DOCUMENT = update(DOCUMENT).where(DOCUMENT.c.id == bindparam("document")).values(uri=bindparam("new_uri"))
DROP_DOCUMENT = delete(DOCUMENT).where(DOCUMENT.c.id == bindparam("document"))
INSERT_DOCUMENT = insert(DOCUMENT).returning(DOCUMENT.c.id)
UPDATE_DOCUMENT = update(DOCUMENT).where(DOCUMENT.c.id == bindparam("document"))
REPORTED_ON_IN = select(FOLLOW_UP.c.action_id).where(FOLLOW_UP.c.document_id == bindparam("document"))
DELETE_FACTS = tuple(delete(table).where(table.c.document_id == bindparam("document")) for table in FACT_TABLES)
REOPEN = (
    update(ACTION)
    .where(ACTION.c.id.in_(bindparam("actions", expanding=True)), ACTION.c.id.not_in(select(FOLLOW_UP.c.action_id)))
    .values(status="open")
)
INDICATORS_AFTER = {
    key: query.where(INDICATOR.c.id > bindparam("after")).order_by(INDICATOR.c.id)
    for key, query in _by_council(INDICATOR, "key", "id").items()
}
INDICATORS_UP_TO = _of_council(
    INDICATOR, select(func.count()).select_from(INDICATOR).where(INDICATOR.c.id <= bindparam("last"))
)
INSERT_INDICATOR = insert(INDICATOR).returning(INDICATOR.c.id)
PEOPLE_BY_KEY = {
    key: query.where(PERSON.c.name_key.in_(bindparam("keys", expanding=True)))
    for key, query in _by_council(PERSON, "name_key", "id", "name").items()
}
RENAME_PERSON = update(PERSON).where(PERSON.c.id == bindparam("person")).values(name=bindparam("new_name"))
REKEY_PERSON = (
    update(PERSON)
    .where(PERSON.c.id == bindparam("person"))
    .values(name=bindparam("new_name"), name_key=bindparam("new_key"))
)
INSERT_PEOPLE = insert(PERSON).returning(PERSON.c.id, sort_by_parameter_order=True)
INSERT_AGENDA_ITEMS = insert(AGENDA_ITEM).returning(AGENDA_ITEM.c.id, sort_by_parameter_order=True)
INSERT_FACTS = {table.name: insert(table) for table in (ATTENDANCE, PERSON_ROLE)}
INSERT_RESOLUTIONS = insert(RESOLUTION).returning(RESOLUTION.c.id, sort_by_parameter_order=True)
INSERT_METRICS = insert(orm.table(orm.Metric))
INSERT_ACTIONS = insert(ACTION).returning(ACTION.c.id, sort_by_parameter_order=True)
INSERT_VOTES = insert(VOTE_EVENT).returning(VOTE_EVENT.c.id, sort_by_parameter_order=True)
INSERT_PERSON_VOTES = insert(PERSON_VOTE)
MEETING_ATTENDEES = (
    select(PERSON.c.id, PERSON.c.name_key)
    .join(ATTENDANCE, ATTENDANCE.c.person_id == PERSON.c.id)
    .where(ATTENDANCE.c.meeting_id == bindparam("meeting_id"))
    .distinct()
)
PEOPLE_BY_ID = select(PERSON.c.id, PERSON.c.name_key).where(PERSON.c.id.in_(bindparam("ids", expanding=True)))
# the shared rows a document's facts point at, and those of them nothing points at any more
MEETING_OF_DOCUMENT = select(MEETING.c.id, MEETING.c.body_id).where(
    MEETING.c.id == select(DOCUMENT.c.meeting_id).where(DOCUMENT.c.id == bindparam("document")).scalar_subquery()
)
PEOPLE_OF_DOCUMENT = union(
    select(ATTENDANCE.c.person_id).where(ATTENDANCE.c.document_id == bindparam("document")),
    select(PERSON_ROLE.c.person_id).where(PERSON_ROLE.c.document_id == bindparam("document")),
    select(ACTION.c.owner_person_id).where(
        ACTION.c.document_id == bindparam("document"), ACTION.c.owner_person_id.is_not(None)
    ),
    select(VOTE_EVENT.c.mover_id).where(
        VOTE_EVENT.c.document_id == bindparam("document"), VOTE_EVENT.c.mover_id.is_not(None)
    ),
    select(VOTE_EVENT.c.seconder_id).where(
        VOTE_EVENT.c.document_id == bindparam("document"), VOTE_EVENT.c.seconder_id.is_not(None)
    ),
    select(PERSON_VOTE.c.person_id).where(
        PERSON_VOTE.c.document_id == bindparam("document"), PERSON_VOTE.c.person_id.is_not(None)
    ),
)
INDICATORS_OF_DOCUMENT = select(METRIC.c.indicator_id).where(METRIC.c.document_id == bindparam("document")).distinct()


def _unreferenced(table: Table, *references: Any) -> Executable:
    """Delete the rows of ``table`` among the bound ``ids`` that no column of ``references`` points at."""
    return delete(table).where(
        table.c.id.in_(bindparam("ids", expanding=True)),
        *(~exists().where(reference == table.c.id) for reference in references),
    )


DROP_UNREFERENCED = {  # in this order: a meeting goes before its body is looked at
    "meetings": _unreferenced(
        MEETING, DOCUMENT.c.meeting_id, AGENDA_ITEM.c.meeting_id, ATTENDANCE.c.meeting_id, VOTE_EVENT.c.meeting_id
    ),
    "bodies": _unreferenced(BODY, MEETING.c.body_id),
    "people": _unreferenced(
        PERSON,
        ATTENDANCE.c.person_id,
        PERSON_ROLE.c.person_id,
        ACTION.c.owner_person_id,
        VOTE_EVENT.c.mover_id,
        VOTE_EVENT.c.seconder_id,
        PERSON_VOTE.c.person_id,
    ),
    "indicators": _unreferenced(INDICATOR, METRIC.c.indicator_id),
}


@dataclass(frozen=True, slots=True)
class StoredBytes:
    uri: str
    data: bytes
    sha256: str
    media_type: MediaType | None


def _scalar(connection: Connection, statement: Executable, params: Mapping[str, Any]) -> Any:
    return connection.execute(statement, params).scalar()


@dataclass(frozen=True, slots=True)
class SharedRows:
    """The meetings, bodies, people and indicators a replaced version's facts pointed at: each is deleted
    once nothing points at it any more (the new version may well point at it again)."""

    meetings: list[int] = field(default_factory=list)
    bodies: list[int] = field(default_factory=list)
    people: list[int] = field(default_factory=list)
    indicators: list[int] = field(default_factory=list)


def _shared_rows(connection: Connection, document_id: int) -> SharedRows:
    params = {"document": document_id}
    meeting = connection.execute(MEETING_OF_DOCUMENT, params).first()
    return SharedRows(
        meetings=[int(meeting.id)] if meeting else [],
        bodies=[int(meeting.body_id)] if meeting and meeting.body_id is not None else [],
        people=[int(id_) for id_ in connection.execute(PEOPLE_OF_DOCUMENT, params).scalars()],
        indicators=[int(id_) for id_ in connection.execute(INDICATORS_OF_DOCUMENT, params).scalars()],
    )


def drop_unreferenced(connection: Connection, shared: SharedRows) -> None:
    """Delete those of ``shared`` that nothing points at now: rows only a replaced version had made."""
    for kind, statement in DROP_UNREFERENCED.items():
        ids = getattr(shared, kind)
        dropped = connection.execute(statement, {"ids": ids}).rowcount if ids else 0
        if dropped and kind == "indicators":  # the indicators read for later documents hold one that is gone
            forget_read_rows(connection.engine)


def _clear_facts(connection: Connection, document_id: int) -> SharedRows:
    """Delete a document's facts; the shared rows they pointed at are returned, to be dropped if unreferenced."""
    shared = _shared_rows(connection, document_id)
    reported_on = connection.execute(REPORTED_ON_IN, {"document": document_id}).scalars().all()
    for statement in DELETE_FACTS:
        connection.execute(statement, {"document": document_id})
    if reported_on:  # actions whose only report-back was in the replaced version are open again
        connection.execute(REOPEN, {"actions": list(reported_on)})
    return shared


def _holds(connection: Connection, uri: str, sha256: str) -> bool:
    """Whether ``uri`` is already a place of a stored document (status ok) with these bytes."""
    for query in (DOCUMENT_AT, LOCATED_AT):
        row = connection.execute(query, {"uri": uri}).first()
        if row is not None:
            return bool(row.sha256 == sha256 and row.status == "ok")
    return False


def _release(connection: Connection, uri: str) -> int | None:
    """``uri`` is about to hold other bytes: it stops being another document's location, and a document stored
    at it whose bytes are also found elsewhere moves there, facts and all. The id of the document row left
    at ``uri``, to rewrite, if any."""
    connection.execute(DROP_LOCATION, {"uri": uri})
    found = _scalar(connection, DOCUMENT_BY_URI, {"uri": uri})
    if found is None:
        return None
    elsewhere = _scalar(connection, FIRST_LOCATION, {"document": found})
    if elsewhere is None:
        return int(found)
    connection.execute(DROP_LOCATION, {"uri": elsewhere})
    connection.execute(MOVE_DOCUMENT, {"document": found, "new_uri": elsewhere})
    return None


def store_copy(connection: Connection, uri: str, sha256: str) -> StoreOutcome | None:
    """When a stored document (status ok) has these very bytes, ``uri`` becomes one of its locations instead
    of a document of its own: 'unchanged' when it already was, else 'duplicate' (whatever ``uri`` held
    before is released, its facts and the rows only they used deleted). None when no document has them."""
    if _holds(connection, uri, sha256):
        return "unchanged"
    copy = _scalar(connection, STORED_COPY, {"sha256": sha256})
    if copy is None:
        return None
    left = _release(connection, uri)
    if left is not None:
        shared = _clear_facts(connection, left)
        connection.execute(DROP_DOCUMENT, {"document": left})
        drop_unreferenced(connection, shared)
    connection.execute(INSERT_LOCATION, {"uri": uri, "document_id": copy, "seen_at": dt.datetime.now(dt.UTC)})
    return "duplicate"


def _document_row(
    connection: Connection, stored: StoredBytes, status: str, fields: dict[str, Any]
) -> tuple[int, bool, SharedRows]:
    """Write the document's row (with ``fields``), clearing the facts of the version it replaces; returns
    its id, whether it is new, and the shared rows the replaced facts pointed at."""
    values = {
        "sha256": stored.sha256,
        "raw": stored.data,
        "size": len(stored.data),
        "media_type": stored.media_type,
        "status": status,
        "ingested_at": dt.datetime.now(dt.UTC),
        "fetched_at": None,
        "etag": None,
        "last_modified": None,
        **fields,
    }
    found = _release(connection, stored.uri)
    if found is None:
        return int(connection.execute(INSERT_DOCUMENT, {"uri": stored.uri, **values}).scalar_one()), True, SharedRows()
    shared = _clear_facts(connection, found)
    connection.execute(UPDATE_DOCUMENT, {"document": found, **values})
    return found, False, shared


RECORD_FETCH = update(DOCUMENT).where(DOCUMENT.c.uri == bindparam("at_uri"))


@dataclass(frozen=True, slots=True)
class FetchRecord:
    """When a document was fetched from a site, and the HTTP validators its server gave (``minutes fetch``)."""

    fetched_at: dt.datetime
    etag: str | None = None
    last_modified: str | None = None


def record_fetch(connection: Connection, uri: str, fetched: FetchRecord) -> None:
    """Note on the document stored at ``uri`` (if any) when it was fetched and its validators."""
    values = {"fetched_at": fetched.fetched_at, "etag": fetched.etag, "last_modified": fetched.last_modified}
    connection.execute(RECORD_FETCH, {"at_uri": uri, **values})


def record_failure(connection: Connection, stored: StoredBytes, error: str) -> StoreOutcome:
    """Record that the file at ``stored.uri`` could not be read, keeping its bytes and the reason. A document
    already stored from these very bytes (another process read them) is kept as it is."""
    if _holds(connection, stored.uri, stored.sha256):
        return "failed"
    fields = {
        "error": error,
        "text": None,
        "extraction": None,
        "extracted_with": None,
        "doc_type": None,
        "meeting_id": None,
    }
    _, _, shared = _document_row(connection, stored, "failed", fields)
    drop_unreferenced(connection, shared)
    return "failed"


def _get_or_insert(
    connection: Connection, lookup: Executable, params: dict[str, Any], add: Executable, values: dict[str, Any]
) -> int:
    found = _scalar(connection, lookup, params)
    if found is None:
        found = connection.execute(add, values).scalar_one()
    return int(found)


@dataclass
class _KnownIndicators:
    """The stored indicators of one council as last read: their index, how many, and the highest id."""

    index: IndicatorIndex
    count: int = 0
    last_id: int = -(2**31)

    def read(self, rows: Iterable[Any]) -> None:
        for key, id_ in rows:
            self.index.add(str(key), int(id_))
            self.count, self.last_id = self.count + 1, max(self.last_id, int(id_))


# The indicators earlier documents read, per engine and council (the councils of the latest documents), so
# that a document reads only those added since. Only rows read from the database enter it, never a document's
# own before its commit.
_KNOWN_INDICATORS: WeakKeyDictionary[Engine, OrderedDict[int | None, _KnownIndicators]] = WeakKeyDictionary()
COUNCILS_KEPT = 16


def forget_read_rows(engine: Engine) -> None:
    """Forget the indicators read for earlier documents: the next document reads them all again."""
    _KNOWN_INDICATORS.pop(engine, None)


def _stored_indicators(connection: Connection, council_id: int | None) -> IndicatorIndex:
    """The council's stored indicators. Those read for an earlier document still stand when the database
    holds as many up to the highest id read; then only the newer are read. Otherwise (an id that committed
    late, an indicator deleted with the last document that used it, a database rebuilt under the same
    engine) all are."""
    unknown = council_id is None
    councils = _KNOWN_INDICATORS.setdefault(connection.engine, OrderedDict())
    known = councils.get(council_id)
    if known is not None:
        councils.move_to_end(council_id)
        up_to = connection.execute(INDICATORS_UP_TO[unknown], {"council_id": council_id, "last": known.last_id})
        if up_to.scalar_one() != known.count:
            known = None
    if known is None:
        known = councils[council_id] = _KnownIndicators(IndicatorIndex())
        if len(councils) > COUNCILS_KEPT:
            councils.popitem(last=False)
    known.read(connection.execute(INDICATORS_AFTER[unknown], {"council_id": council_id, "after": known.last_id}))
    return known.index


class _Resolver:
    """Shared records (people, indicators) of one council, looked up or created in bulk for one document."""

    def __init__(self, connection: Connection, council_id: int | None) -> None:
        self.connection = connection
        self.council_id = council_id
        self.unknown_council = council_id is None
        self.council = {"council_id": council_id}
        self._indicators: IndicatorIndex | None = None  # the stored ones and, above them, the document's new ones

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
        rows = self.connection.execute(
            PEOPLE_BY_KEY[self.unknown_council], {**self.council, "keys": list(wanted)}
        ).all()
        ids = {str(key): int(id_) for key, id_, _ in rows}
        longer = [
            {"person": id_, "new_name": wanted[key][0]} for key, id_, name in rows if len(wanted[key][0]) > len(name)
        ]
        if longer:
            self.connection.execute(RENAME_PERSON, longer)
        ids.update(self._same_surname([key for key in wanted if key not in ids], wanted))
        new = [key for key in wanted if key not in ids]
        if new:
            created = self.connection.execute(
                INSERT_PEOPLE,
                [
                    {
                        "council_id": self.council_id,
                        "name": wanted[k][0],
                        "name_key": k,
                        "kind": person_kind(wanted[k][1]),
                    }
                    for k in new
                ],
            ).scalars()
            ids.update(zip(new, created, strict=True))
        return ids

    def _same_surname(self, keys: list[str], wanted: dict[str, tuple[str, str | None]]) -> dict[str, int]:
        """'Driver' is the council's one Driver ('A Driver'); 'A Driver' takes over a record known only as 'Driver'.

        With two people of that surname nothing is merged: the surname alone stays a record of its own
        rather than a guess.
        """
        if not keys:
            return {}
        known: dict[str, list[tuple[str, int]]] = {}
        for id_, key in self.of_surnames({key.split("|")[0] for key in keys}):
            known.setdefault(key.split("|")[0], []).append((key, id_))
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
                self.connection.execute(REKEY_PERSON, {"person": id_, "new_name": wanted[key][0], "new_key": key})
                found[key] = id_
        return found

    def of_surnames(self, surnames: Iterable[str]) -> list[tuple[int, str]]:
        """The council's people, as (id, name_key), of any of ``surnames`` (keys' surname parts)."""
        wanted = sorted({surname for surname in surnames if surname})
        if not wanted:
            return []
        query = _by_council(PERSON, "id", "name_key")[self.unknown_council].where(
            or_(*(PERSON.c.name_key.like(f"{surname}|%") for surname in wanted))  # folded: letters and spaces only
        )
        return [(int(id_), str(key)) for id_, key in self.connection.execute(query, self.council)]

    def indicator(self, text: str) -> int:
        if self._indicators is None:
            self._indicators = IndicatorIndex(base=_stored_indicators(self.connection, self.council_id))
        key = indicator_key(text) or text.lower()
        found = self._indicators.match(key)
        if found is not None:
            return found
        id_ = int(
            self.connection.execute(
                INSERT_INDICATOR, {"council_id": self.council_id, "name": text, "key": key}
            ).scalar_one()
        )
        self._indicators.add(key, id_)
        return id_


SCOPE_COUNCIL = (
    select(COUNCIL.c.id, COUNCIL.c.provisional)
    .join(COUNCIL_SCOPE, COUNCIL_SCOPE.c.council_id == COUNCIL.c.id)
    .where(COUNCIL_SCOPE.c.scope == bindparam("scope"))
)
INSERT_SCOPE = insert(COUNCIL_SCOPE)
MOVE_SCOPE = update(COUNCIL_SCOPE).where(COUNCIL_SCOPE.c.scope == bindparam("at_scope"))
NAME_COUNCIL = update(COUNCIL).where(COUNCIL.c.id == bindparam("council_id"))
INSERT_PROVISIONAL = insert(COUNCIL).values(provisional=True).returning(COUNCIL.c.id)


def council_scope(uri: str) -> str:
    """The folder (or a web address's directory) a document came from: the documents that share it are
    one council's unless they say otherwise."""
    return uri.rsplit("/", 1)[0] if "/" in uri else ""


def _council(connection: Connection, uri: str, named: str | None) -> int:
    """The council a document belongs to: the one it names (or the user named), else its folder's.

    A folder whose documents have named no council yet has a provisional council of its own, named
    after the folder; the first document there that names its council gives it that name. So two
    councils' documents never share a council because neither names it, whatever the order of ingest.
    """
    scope = council_scope(uri)
    mapped = connection.execute(SCOPE_COUNCIL, {"scope": scope}).first()
    if named:
        existing = _scalar(connection, COUNCIL_BY_NAME, {"name": named})
        if existing is None and mapped is not None and mapped.provisional:
            connection.execute(NAME_COUNCIL, {"council_id": mapped.id, "name": named, "provisional": False})
            return int(mapped.id)
        council_id = int(existing) if existing is not None else _scalar(connection, INSERT_COUNCIL, {"name": named})
        if mapped is None:
            connection.execute(INSERT_SCOPE, {"scope": scope, "council_id": council_id})
        elif mapped.provisional:
            connection.execute(MOVE_SCOPE, {"at_scope": scope, "council_id": council_id})
        return int(council_id)
    if mapped is not None:
        return int(mapped.id)
    council_id = int(_scalar(connection, INSERT_PROVISIONAL, {"name": _free_name(connection, scope)}))
    connection.execute(INSERT_SCOPE, {"scope": scope, "council_id": council_id})
    return council_id


def _free_name(connection: Connection, scope: str) -> str:
    """A provisional council's name: its folder's, with a number when another council has that name."""
    base = scope.rstrip("/").rsplit("/", 1)[-1] or "(no folder)"
    name, number = f"{base} (unnamed council)", 1
    while _scalar(connection, COUNCIL_BY_NAME, {"name": name}) is not None:
        number += 1
        name = f"{base} (unnamed council {number})"
    return name


def _meeting(
    connection: Connection, extraction: Extraction, uri: str, council: str | None = None
) -> tuple[int, int | None, MeetingRef | None]:
    """The document's council id, meeting id and (for the follow-up tracer) its meeting's body and date."""
    info = extraction.meeting
    council_id = _council(connection, uri, info.council or council)
    if not info.body and not info.meeting_date:
        return council_id, None, None
    body_name = info.body or "(unknown body)"
    body = {"council_id": council_id, "name": body_name}
    body_id = _get_or_insert(connection, BODY_BY_NAME[False], body, INSERT_BODY, body)
    meeting = {"body_id": body_id, "date": info.meeting_date}
    found = connection.execute(MEETING_BY_DATE[info.meeting_date is None], meeting).first()
    if found is None:
        meeting_id = int(
            connection.execute(
                INSERT_MEETING, {**meeting, "start_time": info.meeting_time, "location": info.location}
            ).scalar_one()
        )
    else:
        meeting_id, start_time, location = int(found[0]), found[1], found[2]
        missing = {
            column: value
            for column, value, known in (
                ("start_time", info.meeting_time, start_time),
                ("location", info.location, location),
            )
            if value and not known
        }
        if missing:
            connection.execute(UPDATE_MEETING, {"meeting_id": meeting_id, **missing})
    ref = MeetingRef(body_id, info.meeting_date, body_name) if info.meeting_date else None
    return council_id, meeting_id, ref


def store_extraction(
    connection: Connection,
    stored: StoredBytes,
    document: Document,
    extraction: Extraction,
    council: str | None = None,
) -> StoreOutcome:
    """Replace the document's row and facts; the caller owns the transaction. ``council`` is the council
    the user says the document is of, for documents that do not name theirs. Bytes that a stored document
    already has make ``stored.uri`` another location of that document (see :func:`store_copy`)."""
    copied = store_copy(connection, stored.uri, stored.sha256)
    if copied is not None:
        return copied
    return _write(connection, stored, document, extraction, council)


def store_again(
    connection: Connection, stored: StoredBytes, document: Document, extraction: Extraction
) -> StoreOutcome:
    """A stored document's facts extracted again from its own bytes (by newer extractors) in place of its old
    ones: 'replaced', or 'unchanged' when ``stored.uri`` no longer holds those bytes (ingested meanwhile)."""
    if tuple(connection.execute(DOCUMENT_AT, {"uri": stored.uri}).first() or ()) != (stored.sha256, "ok"):
        return "unchanged"
    return _write(connection, stored, document, extraction)


def _write(
    connection: Connection,
    stored: StoredBytes,
    document: Document,
    extraction: Extraction,
    council: str | None = None,
) -> StoreOutcome:
    # the meeting first, so that the document's row is written once, whole
    council_id, meeting_id, meeting = _meeting(connection, extraction, stored.uri, council)
    fields = {
        "error": None,
        "text": document.text,
        "doc_type": extraction.meeting.doc_type,
        "meeting_id": meeting_id,
        "extraction": to_gold_format(extraction),
        "extracted_with": EXTRACTOR_VERSIONS,
    }
    document_id, is_new, shared = _document_row(connection, stored, "ok", fields)
    own_actions = _store_facts(connection, document_id, meeting_id, extraction, _Resolver(connection, council_id))
    if meeting is not None:
        scope = source_scope(stored.uri, meeting.body_name, council_id)
        trace(connection, document_id, document, log_rows(extraction.actions), meeting, scope, own_actions)
    drop_unreferenced(connection, shared)  # after the new facts: a row they use again keeps its id
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
    connection: Connection, doc_id: int, meeting_id: int | None, extraction: Extraction, resolver: _Resolver
) -> list[tuple[int, str, str | None]]:
    """Every fact of one document, one bulk insert per table; returns the actions as (id, text, topic)."""
    stored_items = _store_agenda_items(connection, doc_id, meeting_id, extraction)
    items = stored_items.first_by_number()
    people = resolver.people(
        [(a.name, a.role) for a in extraction.attendees] + [(p.name, p.role) for p in extraction.people]
    )
    owners = {action.owner: _owner_matches(extraction, action.owner) for action in extraction.actions}
    people |= resolver.people([(names[0], None) for names in owners.values() if len(names) == 1])
    rows: dict[str, list[dict[str, object]]] = {
        "attendance": [
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
        "person_role": [
            {"person_id": people[person_key(m.name)], "role": m.role, **_evidence(doc_id, m.evidence)}
            for m in extraction.people
            if person_key(m.name) in people
        ],
    }
    for table, values in rows.items():
        if values:  # executemany: one statement for all the document's rows
            connection.execute(INSERT_FACTS[table], values)
    metrics = [
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
    ]
    if metrics:
        connection.execute(INSERT_METRICS, metrics)
    resolutions = _store_resolutions(connection, doc_id, items, extraction)
    attendees = {people[key] for key in (person_key(a.name) for a in extraction.attendees) if key in people}
    voters = _voters(connection, resolver, meeting_id, attendees, extraction)
    _store_votes(connection, doc_id, meeting_id, stored_items, resolutions, voters, extraction)
    return _store_actions(connection, doc_id, items, people, owners, extraction)


def _store_resolutions(
    connection: Connection, doc_id: int, items: dict[str | None, int], extraction: Extraction
) -> list[StoredResolution]:
    if not extraction.resolutions:
        return []
    values = [
        {"agenda_item_id": items.get(r.item), "item_number": r.item, "text": r.text, **_evidence(doc_id, r.evidence)}
        for r in extraction.resolutions
    ]
    ids = connection.execute(INSERT_RESOLUTIONS, values).scalars().all()
    return [
        StoredResolution(int(id_), r.item, r.text, r.evidence.span[0])
        for id_, r in zip(ids, extraction.resolutions, strict=True)
    ]


@dataclass(frozen=True, slots=True)
class _Voters:
    """The people, as (id, name_key), that the names of a document's votes may be, tier by tier."""

    attendees: list[tuple[int, str]]
    council: list[tuple[int, str]]

    def person(self, name: str | None) -> int | None:
        return one_person(name, self.attendees, self.council) if name else None


def _vote_names(extraction: Extraction) -> set[str]:
    movers = {name for v in extraction.votes for name in (v.mover, v.seconder) if name}
    return movers | {n.name for v in extraction.votes for n in v.named}


def _voters(
    connection: Connection, resolver: _Resolver, meeting_id: int | None, attendees: set[int], extraction: Extraction
) -> _Voters:
    """The meeting's attendees (of every document of the meeting; this document's when it has no meeting),
    then the council's known people of the surnames no attendee has. Never another council's."""
    names = _vote_names(extraction)
    if not names:
        return _Voters([], [])
    if meeting_id is not None:
        rows = connection.execute(MEETING_ATTENDEES, {"meeting_id": meeting_id}).all()
    else:
        rows = connection.execute(PEOPLE_BY_ID, {"ids": sorted(attendees)}).all() if attendees else []
    present = [(int(id_), str(key)) for id_, key in rows]
    unplaced = {surname_of(name) for name in names if not people_fitting(name, present)}
    return _Voters(present, resolver.of_surnames(unplaced))


def _store_votes(
    connection: Connection,
    doc_id: int,
    meeting_id: int | None,
    items: _StoredItems,
    resolutions: list[StoredResolution],
    voters: _Voters,
    extraction: Extraction,
) -> None:
    """Each vote event, linked to its agenda item, resolution, mover and seconder, and its named votes."""
    if not extraction.votes:
        return
    values = [
        {
            "meeting_id": meeting_id,
            "agenda_item_id": items.at(v.item, v.evidence.span[0]),
            "item_number": v.item,
            "motion": v.motion or None,
            "result": v.result,
            "for_count": v.for_count,
            "against_count": v.against_count,
            "abstain_count": v.abstain_count,
            "mover_text": v.mover,
            "mover_id": voters.person(v.mover),
            "seconder_text": v.seconder,
            "seconder_id": voters.person(v.seconder),
            "resolution_id": resolution_of(v, resolutions),
            **_evidence(doc_id, v.evidence),
        }
        for v in extraction.votes
    ]
    ids = connection.execute(INSERT_VOTES, values).scalars().all()
    named = [
        {
            "vote_event_id": int(id_),
            "person_id": voters.person(n.name),
            "name": n.name,
            "option": n.option,
            **_evidence(doc_id, n.evidence),
        }
        for id_, v in zip(ids, extraction.votes, strict=True)
        for n in v.named
    ]
    if named:
        connection.execute(INSERT_PERSON_VOTES, named)


def _store_actions(
    connection: Connection,
    doc_id: int,
    items: dict[str | None, int],
    people: dict[str, int],
    owners: dict[str | None, list[str]],
    extraction: Extraction,
) -> list[tuple[int, str, str | None]]:
    if not extraction.actions:
        return []
    values = [
        {
            "agenda_item_id": items.get(a.item),
            "item_number": a.item,
            "text": a.text,
            "owner_text": a.owner,
            "owner_person_id": people.get(person_key(owners[a.owner][0])) if len(owners[a.owner]) == 1 else None,
            "owner_candidates": "; ".join(owners[a.owner]) if len(owners[a.owner]) > 1 else None,
            "requester_text": a.requester,
            "due": a.due,
            "status": a.status or "open",
            "topic": a.topic,
            **_evidence(doc_id, a.evidence),
        }
        for a in extraction.actions
    ]
    ids = connection.execute(INSERT_ACTIONS, values).scalars().all()
    return [(int(id_), a.text, a.topic) for id_, a in zip(ids, extraction.actions, strict=True)]


@dataclass(frozen=True, slots=True)
class _StoredItems:
    """A document's stored agenda items as (number, where its evidence starts, id), in document order."""

    rows: list[tuple[str | None, int, int]]

    def first_by_number(self) -> dict[str | None, int]:
        """The id of the first item with each number."""
        first: dict[str | None, int] = {}
        for number, _, id_ in self.rows:
            first.setdefault(number, id_)
        return first

    def at(self, number: str | None, start: int) -> int | None:
        """The item numbered ``number`` that a fact starting at ``start`` stands under: the last so numbered
        that starts before it ('A' under item 8, not the 'A' under item 2); failing that the first so numbered.
        An unnumbered fact stands under the unnumbered heading before it, if there is one."""
        numbered = [(item_start, id_) for item_number, item_start, id_ in self.rows if item_number == number]
        before = [id_ for item_start, id_ in numbered if item_start <= start]
        if before:
            return before[-1]
        return numbered[0][1] if numbered and number is not None else None


def _store_agenda_items(
    connection: Connection, doc_id: int, meeting_id: int | None, extraction: Extraction
) -> _StoredItems:
    """Insert the agenda items; return them with their ids."""
    if not extraction.agenda_items:
        return _StoredItems([])
    ids = connection.execute(
        INSERT_AGENDA_ITEMS,
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
    ).scalars()
    return _StoredItems(
        [(item.number, item.evidence.span[0], int(id_)) for item, id_ in zip(extraction.agenda_items, ids, strict=True)]
    )


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
