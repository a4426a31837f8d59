"""Typed records that flow through the pipeline: load -> convert -> segment -> extract.

These are plain frozen dataclasses (picklable, so worker processes can return them). The
database models in :mod:`models.orm` are their persistent counterparts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

MediaType = Literal[
    "text/plain",
    "text/markdown",
    "text/html",
    "application/xml",
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
]
BlockKind = Literal["heading", "paragraph", "list_item", "table_row"]
DocType = Literal["minutes", "decision", "agenda_item", "report"]
AttendanceStatus = Literal["present", "apologies", "absent", "in_attendance", "expected"]
ActionStatus = Literal["open", "done"]
Comparator = Literal["national", "regional", "statistical_neighbours", "target", "previous"]
VoteResult = Literal["carried", "lost", "withdrawn"]
VoteOption = Literal["for", "against", "abstain", "absent"]

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class RawDocument:
    """Bytes as read from disk, before any decoding."""

    uri: str
    data: bytes
    sha256: str
    media_type: MediaType

    @property
    def size(self) -> int:
        return len(self.data)


@dataclass(frozen=True, slots=True)
class Block:
    """One structural unit of a converted document; ``start``/``end`` index ``Document.text``.

    A block made from a table row keeps the span of each of its cells, empty ones included (as
    empty spans), so that its columns line up with the header row's.

    What the layout says is kept with it: ``level`` ranks headings (1 for the largest type, 0 for
    body text), ``bold`` marks a block set wholly in bold, ``bold_lead`` one that opens with a bold
    run-in label ("Apologies: Cllr Smith"), and ``page`` the page it starts on (1-based, 0 unknown).
    """

    kind: BlockKind
    start: int
    end: int
    cells: tuple[Span, ...] = ()
    level: int = 0
    bold: bool = False
    bold_lead: bool = False
    page: int = 0


@dataclass(frozen=True, slots=True)
class StatedAttendee:
    """An attendee stated by the source's own structure (ModernGov XML), not read from prose."""

    name: str
    role: str | None
    status: AttendanceStatus


@dataclass(frozen=True, slots=True)
class StatedItem:
    """An agenda item stated by the source's own structure (ModernGov XML)."""

    number: str | None
    title: str


@dataclass(frozen=True, slots=True)
class SourceFacts:
    """Facts that a structured format states outright; extractors prefer them to guessing."""

    body: str | None = None
    meeting_date: dt.date | None = None
    meeting_time: str | None = None
    location: str | None = None
    attendees: tuple[StatedAttendee, ...] = ()
    items: tuple[StatedItem, ...] = ()


@dataclass(frozen=True, slots=True)
class Document:
    """The one structured form that every converter produces.

    ``text`` is the normalised text; every evidence span in the project indexes it.
    """

    uri: str
    media_type: MediaType
    text: str
    blocks: tuple[Block, ...]
    facts: SourceFacts = field(default_factory=SourceFacts)

    def block_text(self, block: Block) -> str:
        return self.text[block.start : block.end]


@dataclass(frozen=True, slots=True)
class Section:
    """An agenda item and its text span; ``level`` 2 for an item numbered inside another ('A.' under 'VII.')."""

    number: str | None
    title: str
    span: Span
    heading_span: Span
    level: int = 1


# --- extracted facts -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Evidence:
    span: Span
    extractor: str
    version: str


@dataclass(frozen=True, slots=True)
class MeetingInfo:
    doc_type: DocType
    council: str | None
    body: str | None
    meeting_date: dt.date | None
    meeting_time: str | None
    location: str | None
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Attendee:
    name: str
    role: str | None
    status: AttendanceStatus
    chair: bool
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class PersonMention:
    name: str
    role: str | None
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class AgendaItem:
    number: str | None
    title: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Resolution:
    item: str | None
    text: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Action:
    text: str
    owner: str | None
    requester: str | None
    item: str | None
    due: str | None  # ISO date or month ("2018-06")
    evidence: Evidence
    topic: str | None = None  # the heading it stands under ("Gortadroma Landfill"): what a follow-up will name
    status: ActionStatus | None = None  # as the source states it (an action log's status column)


@dataclass(frozen=True, slots=True)
class Metric:
    indicator: str
    value: float
    unit: str
    comparator: Comparator | None
    period: str | None
    text: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class NamedVote:
    """How one member voted on a motion, as the minutes list it."""

    name: str
    option: VoteOption
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Vote:
    """A motion whose outcome the minutes record: its words, mover and seconder, result, counts as
    printed, and the named votes when they are listed."""

    item: str | None
    motion: str | None
    result: VoteResult | None
    for_count: int | None
    against_count: int | None
    abstain_count: int | None
    mover: str | None
    seconder: str | None
    named: tuple[NamedVote, ...]
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one document."""

    uri: str
    meeting: MeetingInfo
    attendees: tuple[Attendee, ...]
    people: tuple[PersonMention, ...]
    agenda_items: tuple[AgendaItem, ...]
    resolutions: tuple[Resolution, ...]
    actions: tuple[Action, ...]
    metrics: tuple[Metric, ...]
    votes: tuple[Vote, ...] = ()
