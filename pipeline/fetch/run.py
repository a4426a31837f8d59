"""One run of ``minutes fetch``: list a site's meetings in a date range, fetch each meeting and the
documents it links to, and store them through the ingest pipeline, conditionally and idempotently."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from db import writing
from models import orm
from models.records import MediaType, RawDocument
from pipeline.errors import LoadError, MinutesError
from pipeline.fetch import moderngov
from pipeline.fetch.http import Fetched, FetchError, HttpSettings, SiteClient, Validators, same_site
from pipeline.ingest import Settings, process_raw, store_processed
from pipeline.load import SUFFIX_TYPES, sha256_of, sniff_media_type
from pipeline.store import FetchRecord, StoredBytes, StoreOutcome, record_failure, record_fetch

Documents = Literal["minutes", "all", "none"]
Platform = Literal["moderngov", "cmis"]
DEFAULT_DAYS = 365  # how far back a first fetch of a site looks when no --since is given

CONTENT_TYPES: dict[str, MediaType] = {
    "application/pdf": "application/pdf",
    "text/html": "text/html",
    "application/xhtml+xml": "text/html",
    "application/xml": "application/xml",
    "text/xml": "application/xml",
    "text/plain": "text/plain",
    "text/markdown": "text/markdown",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    ),
}


@dataclass(frozen=True, slots=True)
class FetchSettings:
    site: str
    since: dt.date | None = None  # default: the day after the newest meeting stored from the site
    until: dt.date | None = None  # default: today
    committees: tuple[int, ...] = ()  # default: every committee the site lists
    council: str | None = None  # default: the site's host name
    documents: Documents = "minutes"
    http: HttpSettings = field(default_factory=HttpSettings)
    ingest: Settings = field(default_factory=Settings)


@dataclass
class FetchSummary:
    since: dt.date | None = None
    until: dt.date | None = None
    meetings_seen: int = 0
    meetings_new: int = 0  # new or changed
    meetings_unchanged: int = 0
    meetings_cancelled: int = 0
    documents_downloaded: int = 0
    documents_stored: int = 0  # new or changed
    not_modified: int = 0  # answers 304: nothing downloaded
    requests: int = 0
    failures: list[str] = field(default_factory=list)  # 'URL: reason'
    skipped: list[str] = field(default_factory=list)  # 'URL: reason'


@dataclass
class _Run:
    """What every step of one run needs."""

    engine: Engine
    client: SiteClient
    settings: FetchSettings
    root: str
    council: str
    summary: FetchSummary
    seen: set[str] = field(default_factory=set)  # the documents fetched in this run


@dataclass(frozen=True, slots=True)
class _Known:
    """What the database holds at a URL."""

    sha256: str
    ok: bool
    validators: Validators


FetchOutcome = StoreOutcome | Literal["not_modified"]


def fetch_site(engine: Engine, settings: FetchSettings, client: SiteClient | None = None) -> FetchSummary:
    """Fetch and store a ModernGov site's meetings (and their minutes) in the settings' date range."""
    root = moderngov.site_root(settings.site)
    until = settings.until or dt.date.today()
    since = settings.since or _default_since(engine, root, until)
    summary = FetchSummary(since=since, until=until)
    with client or SiteClient(root, settings.http) as site_client:
        run = _Run(engine, site_client, settings, root, settings.council or urlsplit(root).hostname or root, summary)
        for committee_id in _committee_ids(run):
            for meeting in _meetings(run, committee_id, since, until):
                _fetch_meeting(run, meeting)
        summary.requests = site_client.requests
    return summary


def newest_meeting(engine: Engine, root: str) -> dt.date | None:
    """The date of the newest meeting stored from a document of the site at ``root``."""
    query = (
        select(func.max(orm.Meeting.date))
        .join(orm.SourceDocument, orm.SourceDocument.meeting_id == orm.Meeting.id)
        .where(orm.SourceDocument.uri.startswith(root, autoescape=True))
    )
    with Session(engine) as session:
        return session.execute(query).scalar()


def _default_since(engine: Engine, root: str, until: dt.date) -> dt.date:
    newest = newest_meeting(engine, root)
    return newest + dt.timedelta(days=1) if newest else until - dt.timedelta(days=DEFAULT_DAYS)


def _listing(run: _Run, url: str) -> bytes | None:
    """A web-service answer's bytes, or None (the failure noted) when it cannot be had."""
    try:
        return run.client.get(url).content
    except FetchError as exc:
        run.summary.failures.append(str(exc))
        return None


def _committee_ids(run: _Run) -> Iterator[int]:
    if run.settings.committees:
        yield from run.settings.committees
        return
    url = moderngov.committees_url(run.root)
    data = _listing(run, url)
    if data is None:
        return
    try:
        committees = moderngov.parse_committees(url, data)
    except MinutesError as exc:
        run.summary.failures.append(str(exc))
        return
    yield from (committee.id for committee in committees)


def _meetings(run: _Run, committee_id: int, since: dt.date, until: dt.date) -> list[moderngov.MeetingStub]:
    url = moderngov.meetings_url(run.root, committee_id, since, until)
    data = _listing(run, url)
    if data is None:
        return []
    try:
        return moderngov.parse_meetings(url, data)
    except MinutesError as exc:
        run.summary.failures.append(str(exc))
        return []


def _fetch_meeting(run: _Run, meeting: moderngov.MeetingStub) -> None:
    summary = run.summary
    summary.meetings_seen += 1
    if meeting.cancelled:
        summary.meetings_cancelled += 1
        return
    url = moderngov.meeting_url(run.root, meeting.id)
    outcome, data = _fetch_document(run, url)
    if outcome in ("new", "replaced"):
        summary.meetings_new += 1
    elif outcome in ("unchanged", "duplicate", "not_modified"):
        summary.meetings_unchanged += 1
    if data:
        for document in moderngov.linked_documents(url, data):
            _fetch_linked(run, document)


def _fetch_linked(run: _Run, document: moderngov.LinkedDocument) -> None:
    wanted = run.settings.documents
    if wanted == "none" or (wanted == "minutes" and not document.is_minutes) or document.url in run.seen:
        return
    if not same_site(document.url, run.root):
        run.summary.skipped.append(f"{document.url}: not on the site {run.root}")
        return
    outcome, _ = _fetch_document(run, document.url)
    if outcome in ("new", "replaced"):
        run.summary.documents_stored += 1


def _fetch_document(run: _Run, url: str) -> tuple[FetchOutcome | None, bytes]:
    """Fetch ``url`` (conditionally, when the database holds a good version) and store it; the outcome (None
    when it could not be fetched) and the document's bytes (those stored, when the server said 304)."""
    run.seen.add(url)
    known = _known(run.engine, url)
    try:
        fetched = run.client.get(url, known.validators if known and known.ok else None)
    except FetchError as exc:
        _record_fetch_failure(run, url, exc.reason)
        return None, b""
    if fetched.not_modified:
        run.summary.not_modified += 1
        _note_fetch(run.engine, fetched, known)
        return "not_modified", _stored_bytes(run.engine, url)
    run.summary.documents_downloaded += 1
    if known and known.ok and known.sha256 == sha256_of(fetched.content):
        _note_fetch(run.engine, fetched, known)
        return "unchanged", fetched.content
    return _store(run, fetched), fetched.content


def _store(run: _Run, fetched: Fetched) -> StoreOutcome:
    settings = run.settings.ingest
    result = process_raw(fetched.url, lambda: fetched_raw(fetched, settings.load.max_bytes), settings)
    outcome = store_processed(run.engine, result, fetched.content, run.council)
    _note_fetch(run.engine, fetched, None)
    if outcome == "failed":
        run.summary.failures.append(f"{fetched.url}: {result.error}")
    return outcome


def _record_fetch_failure(run: _Run, url: str, reason: str) -> None:
    """Note the failure; the database records it as a failed document unless it holds a good version (which
    a failure to fetch it again must not overwrite)."""
    run.summary.failures.append(f"{url}: {reason}")
    known = _known(run.engine, url)
    if known is not None and known.ok:
        return
    with writing(run.engine) as connection:
        record_failure(connection, StoredBytes(url, b"", sha256_of(b""), None), f"fetch failed: {reason}")
        record_fetch(connection, url, FetchRecord(dt.datetime.now(dt.UTC)))


def fetched_raw(fetched: Fetched, max_bytes: int) -> RawDocument:
    """The fetched bytes as a document to convert; raises :class:`LoadError` when empty, too large or of a type
    that cannot be read."""
    data = fetched.content
    if not data.strip():
        raise LoadError(fetched.url, "empty response")
    if len(data) > max_bytes:
        raise LoadError(fetched.url, f"too large ({len(data) / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.1f} MB)")
    media_type = sniff_media_type(data) or _declared_type(fetched)
    if media_type is None:
        raise LoadError(fetched.url, f"unknown type of document ({fetched.content_type or 'no Content-Type'})")
    return RawDocument(uri=fetched.url, data=data, sha256=sha256_of(data), media_type=media_type)


def _declared_type(fetched: Fetched) -> MediaType | None:
    declared = (fetched.content_type or "").split(";", 1)[0].strip().lower()
    if declared in CONTENT_TYPES:
        return CONTENT_TYPES[declared]
    path = urlsplit(fetched.url).path.lower()
    return next((kind for suffix, kind in SUFFIX_TYPES.items() if path.endswith(suffix)), None)


def _known(engine: Engine, url: str) -> _Known | None:
    columns = (
        orm.SourceDocument.sha256,
        orm.SourceDocument.status,
        orm.SourceDocument.etag,
        orm.SourceDocument.last_modified,
    )
    with Session(engine) as session:
        row = session.execute(select(*columns).where(orm.SourceDocument.uri == url)).first()
    if row is None:
        return None
    return _Known(row.sha256, row.status == "ok", Validators(row.etag, row.last_modified))


def _stored_bytes(engine: Engine, url: str) -> bytes:
    with Session(engine) as session:
        raw = session.execute(select(orm.SourceDocument.raw).where(orm.SourceDocument.uri == url)).scalar()
    return bytes(raw or b"")


def _note_fetch(engine: Engine, fetched: Fetched, known: _Known | None) -> None:
    """Record when ``fetched`` was fetched and its validators (a 304 that repeats none keeps those known)."""
    validators = fetched.validators
    if known is not None and not (validators.etag or validators.last_modified):
        validators = known.validators
    record = FetchRecord(fetched.fetched_at, validators.etag, validators.last_modified)
    with writing(engine) as connection:
        record_fetch(connection, fetched.url, record)


def fetch_report(summary: FetchSummary) -> str:
    """The run in one line."""
    return (
        f"meetings {summary.since} to {summary.until}: {summary.meetings_seen} seen, {summary.meetings_new} new, "
        f"{summary.meetings_unchanged} unchanged, {summary.meetings_cancelled} cancelled; "
        f"documents: {summary.documents_downloaded} downloaded, {summary.documents_stored} linked stored, "
        f"{summary.not_modified} not modified (304); {len(summary.failures)} failed; {summary.requests} requests"
    )
