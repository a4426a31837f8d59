"""Database tables (SQLAlchemy 2.0), in Open Civic Data / Popolo terms where they fit.

council (jurisdiction) > body (organization) > meeting (event) > agenda_item; person with
person_role (membership/post); attendance; resolution; action; metric with indicator; vote_event
(a motion and its outcome) with person_vote (how each named member voted). Every
extracted fact keeps its evidence: source document, character span in the document's
normalised text, extractor name and version. Facts belong to their document and are replaced
with it; councils, bodies, meetings, people and indicators are shared across documents.
"""

from __future__ import annotations

import datetime as dt
from typing import cast

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Clipped(TypeDecorator[str]):
    """A VARCHAR whose values are cut to its length on the way in: a name or title read from a document
    can be longer than any column allows (PostgreSQL refuses it; SQLite would keep it whole)."""

    impl = String
    cache_ok = True

    def __init__(self, length: int) -> None:
        super().__init__(length)
        self.length = length

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        length = self.length
        if value is not None and length is not None and len(value) > length:
            return value[: length - 1] + "…"
        return value


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Council(Base):
    """A council. ``provisional``: no document has named it yet; it stands for the folder or site its
    documents came from (``council_scope``) and takes the name the first document of there gives."""

    __tablename__ = "council"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Clipped(200), unique=True)
    provisional: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class CouncilScope(Base):
    """The council of the documents of one folder or site (a document that names no council is its)."""

    __tablename__ = "council_scope"
    scope: Mapped[str] = mapped_column(String(1000), primary_key=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("council.id"), index=True)


class Body(Base):
    """A committee, board, cabinet or single decision maker (OCD organization)."""

    __tablename__ = "body"
    __table_args__ = (UniqueConstraint("council_id", "name", name="uq_body_council_name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int | None] = mapped_column(ForeignKey("council.id"), index=True)
    name: Mapped[str] = mapped_column(Clipped(300))


class Meeting(Base):
    """One sitting of a body (OCD event)."""

    __tablename__ = "meeting"
    __table_args__ = (UniqueConstraint("body_id", "date", name="uq_meeting_body_date"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int | None] = mapped_column(ForeignKey("body.id"), index=True)
    date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    start_time: Mapped[str | None] = mapped_column(Clipped(40))
    location: Mapped[str | None] = mapped_column(Clipped(500))


class SourceDocument(Base):
    __tablename__ = "source_document"
    id: Mapped[int] = mapped_column(primary_key=True)
    uri: Mapped[str] = mapped_column(String(2000), unique=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    media_type: Mapped[str | None] = mapped_column(Clipped(80))
    size: Mapped[int] = mapped_column(Integer)
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    fetched_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    # the HTTP validators of a document fetched from a site (minutes fetch), sent back on the next fetch
    etag: Mapped[str | None] = mapped_column(String(500))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    doc_type: Mapped[str | None] = mapped_column(Clipped(40))
    status: Mapped[str] = mapped_column(Clipped(20), index=True)  # ok | failed
    error: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str | None] = mapped_column(Text)
    extraction: Mapped[dict[str, object] | None] = mapped_column(JSON)
    extracted_with: Mapped[str | None] = mapped_column(Clipped(500))  # the extractors' versions (reextract)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"), index=True)
    meeting: Mapped[Meeting | None] = relationship()


class DocumentLocation(Base):
    """Another path or address holding a stored document's very bytes (the same sha256): one document, with
    its facts stored once, found at several places."""

    __tablename__ = "document_location"
    uri: Mapped[str] = mapped_column(String(2000), primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("source_document.id", ondelete="CASCADE"), index=True)
    seen_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Person(Base):
    __tablename__ = "person"
    __table_args__ = (UniqueConstraint("council_id", "name_key", name="uq_person_council_key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int | None] = mapped_column(ForeignKey("council.id"), index=True)
    name: Mapped[str] = mapped_column(Clipped(200))
    name_key: Mapped[str] = mapped_column(Clipped(200))
    kind: Mapped[str | None] = mapped_column(Clipped(20))  # councillor | officer


class EvidenceMixin:
    """Where a fact came from: document, span in its normalised text, extractor and version."""

    @declared_attr
    def document_id(cls) -> Mapped[int]:
        return mapped_column(ForeignKey("source_document.id", ondelete="CASCADE"), index=True)

    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)
    extractor: Mapped[str] = mapped_column(Clipped(80))
    extractor_version: Mapped[str] = mapped_column(Clipped(20))


class PersonRole(EvidenceMixin, Base):
    """A role stated next to a person's name in one document (Popolo membership/post)."""

    __tablename__ = "person_role"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    role: Mapped[str | None] = mapped_column(Clipped(300))


class AgendaItem(EvidenceMixin, Base):
    __tablename__ = "agenda_item"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    number: Mapped[str | None] = mapped_column(Clipped(40))
    title: Mapped[str] = mapped_column(Text)


class Attendance(EvidenceMixin, Base):
    __tablename__ = "attendance"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    name: Mapped[str] = mapped_column(Clipped(200))
    role: Mapped[str | None] = mapped_column(Clipped(200))
    status: Mapped[str] = mapped_column(Clipped(20))
    chair: Mapped[bool] = mapped_column(Boolean, default=False)


class Resolution(EvidenceMixin, Base):
    __tablename__ = "resolution"
    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_item.id", ondelete="CASCADE"))
    item_number: Mapped[str | None] = mapped_column(Clipped(40))
    text: Mapped[str] = mapped_column(Text)


class Action(EvidenceMixin, Base):
    __tablename__ = "action"
    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_item.id", ondelete="CASCADE"))
    item_number: Mapped[str | None] = mapped_column(Clipped(40))
    text: Mapped[str] = mapped_column(Text)
    owner_text: Mapped[str | None] = mapped_column(Clipped(300))
    owner_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    requester_text: Mapped[str | None] = mapped_column(Clipped(300))
    due: Mapped[str | None] = mapped_column(Clipped(10))  # ISO date or month
    status: Mapped[str] = mapped_column(Clipped(20), default="open")  # open | done (reported back)
    topic: Mapped[str | None] = mapped_column(Clipped(300))
    owner_candidates: Mapped[str | None] = mapped_column(Text)  # 'G. Doherty; T. McKechnie' when the owner is ambiguous
    follow_ups: Mapped[list[ActionFollowUp]] = relationship(
        back_populates="action", cascade="all, delete-orphan", passive_deletes=True
    )


class ActionFollowUp(EvidenceMixin, Base):
    """A later meeting reporting back on an action; the evidence is the report-back passage in the later document."""

    __tablename__ = "action_follow_up"
    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    score: Mapped[float] = mapped_column(Float)
    action: Mapped[Action] = relationship(back_populates="follow_ups")


class Indicator(Base):
    """A canonical performance indicator, shared by its metrics across documents."""

    __tablename__ = "indicator"
    __table_args__ = (UniqueConstraint("council_id", "key", name="uq_indicator_council_key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int | None] = mapped_column(ForeignKey("council.id"), index=True)
    name: Mapped[str] = mapped_column(Clipped(300))
    key: Mapped[str] = mapped_column(Clipped(300))


class Metric(EvidenceMixin, Base):
    __tablename__ = "metric"
    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id"), index=True)
    indicator_text: Mapped[str] = mapped_column(Clipped(300))
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(Clipped(40))
    comparator: Mapped[str | None] = mapped_column(Clipped(40))
    period: Mapped[str | None] = mapped_column(Clipped(100))
    text: Mapped[str] = mapped_column(Text)


class VoteEvent(EvidenceMixin, Base):
    """A motion whose outcome the minutes record (OCD vote event): counts as printed, mover and seconder as
    written and, where exactly one person of the meeting's council fits, linked to that person."""

    __tablename__ = "vote_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"), index=True)
    agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_item.id", ondelete="CASCADE"))
    item_number: Mapped[str | None] = mapped_column(Clipped(40))
    motion: Mapped[str | None] = mapped_column(Text)
    result: Mapped[str | None] = mapped_column(Clipped(20))  # carried | lost | withdrawn
    for_count: Mapped[int | None] = mapped_column(Integer)
    against_count: Mapped[int | None] = mapped_column(Integer)
    abstain_count: Mapped[int | None] = mapped_column(Integer)
    mover_text: Mapped[str | None] = mapped_column(Clipped(200))
    mover_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    seconder_text: Mapped[str | None] = mapped_column(Clipped(200))
    seconder_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    resolution_id: Mapped[int | None] = mapped_column(ForeignKey("resolution.id", ondelete="SET NULL"))


class PersonVote(EvidenceMixin, Base):
    """How one named member voted in a vote event (Popolo vote); ``name`` as the minutes write it."""

    __tablename__ = "person_vote"
    id: Mapped[int] = mapped_column(primary_key=True)
    vote_event_id: Mapped[int] = mapped_column(ForeignKey("vote_event.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    name: Mapped[str] = mapped_column(Clipped(200))
    option: Mapped[str] = mapped_column(Clipped(20))  # for | against | abstain | absent


def table(model: type[Base]) -> Table:
    """The Core table of ``model``, for statements that run on a connection without the ORM."""
    return cast(Table, model.__table__)


# children before the rows they refer to: a replaced document's facts are deleted in this order
FACT_TABLES: tuple[type[Base], ...] = (
    PersonVote,
    VoteEvent,
    ActionFollowUp,
    Resolution,
    Action,
    Metric,
    Attendance,
    PersonRole,
    AgendaItem,
)
