"""Follow-up tracing: link an action to the later meeting of the same body that reports back on it.

An action names its subject with a few distinctive words, mostly proper nouns ("Gortadroma Landfill",
"Ballyneety Golf Course", "Academy Orders"), often in the heading it stands under. A later meeting's
minutes report back in a sentence or item title that names the same subject, usually with a cue such
as "gave an update", "arising from last month's meeting", "had been circulated" or "presentation".
A passage is a follow-up when it shares at least two distinctive words with the action, or one with a
report-back cue and another content word; the best passage of each later document is kept with its
score (rapidfuzz token_set_ratio over the distinctive words) as evidence.

A later meeting's action log (rows read by the action-table extractor) speaks for itself: an action
restated in one of its rows is linked to that row, and is done only when the row's status says so;
the log's rows are not read again as report-back sentences.

Tracing runs when a document is stored: its passages are matched against the open actions of earlier
meetings of its body, and its own actions against the documents of later meetings already stored, so
the order in which documents arrive does not matter.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, NamedTuple

from rapidfuzz import fuzz
from sqlalchemy import Connection, Select, bindparam, insert, select, update

from extractors.action_tables import NAME as ACTION_TABLES
from extractors.text import STOP_WORDS, split_sentences
from models import orm
from models.records import Action, Document

NAME = "followups"
VERSION = "1"
WINDOW = dt.timedelta(days=550)  # how far back a meeting may report on an action
MEETINGS_AHEAD = 3  # report-backs come within the next few meetings of the body
# Bounds that keep tracing cheap on a body with unusually many documents per meeting
MAX_OPEN_ACTIONS = 300
MAX_LATER_DOCUMENTS = 30
MAX_EARLIER_DOCUMENTS = 30  # the newest documents of the previous meetings whose open actions are traced

# Words too common in minutes to say what an action is about.
GENERIC = STOP_WORDS | {
    "meeting",
    "meetings",
    "next",
    "members",
    "member",
    "council",
    "committee",
    "board",
    "cabinet",
    "report",
    "update",
    "would",
    "will",
    "give",
    "given",
    "attend",
    "number",
    "issues",
    "issue",
    "matter",
    "matters",
    "further",
    "information",
    "presentation",
    "invited",
    "agreed",
    "held",
    "that",
    "this",
    "item",
    "officer",
    "director",
    "councillor",
    "councillors",
    "senior",
    "executive",
    "engineer",
    "chair",
    "chairman",
    "cathaoirleach",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
}
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{2,}")
REPORT_BACK = re.compile(
    r"\b(?:update|updated|arising|last\s+month|previous\s+meeting|last\s+meeting|reported\s+back|had\s+been\s+"
    r"(?:circulated|provided|sent|completed|carried\s+out)|was\s+(?:circulated|provided|presented)|presentation|"
    r"gave\s+an?|deputation|follow(?:ing|ed)?\s+up|as\s+requested|matters\s+arising)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Passage:
    """A sentence or item title of a later document, with its span in that document's text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Candidate:
    """A passage with its words worked out once, to be compared with many actions."""

    passage: Passage
    names: frozenset[str]
    words: frozenset[str]
    cue: bool


class CandidateIndex:
    """A document's candidates with, for each distinctive word, the candidates that name it: an action is
    compared only with the passages that share one of its words, in the document's order."""

    def __init__(self, found: list[Candidate]) -> None:
        self.candidates = found
        self._by_name: dict[str, list[int]] = {}
        for index, candidate in enumerate(found):
            for name in candidate.names:
                self._by_name.setdefault(name, []).append(index)

    def sharing(self, names: Iterable[str]) -> list[Candidate]:
        indices = {index for name in names for index in self._by_name.get(name, ())}
        return [self.candidates[index] for index in sorted(indices)]


@dataclass(frozen=True, slots=True)
class Match:
    passage: Passage
    score: float
    closes: bool = True  # a report-back closes the action; an action-log row only when its status says done


@dataclass(frozen=True, slots=True)
class LogRow:
    """A row of a stored action log: the action as restated there, and its stated status."""

    text: str
    start: int
    end: int
    done: bool


LOG_ROW_SIMILARITY = 80  # token_set_ratio between an action and the log row that restates it


@functools.lru_cache(maxsize=8192)
def distinctive_words(text: str, ignore: frozenset[str] = frozenset()) -> frozenset[str]:
    """Capitalised words not at a sentence start and not generic: the names of things.

    ``ignore`` holds the words of the body's own name ('Municipal District of Adare-Rathkeale'),
    which every document of that body repeats.
    """
    words = set()
    for index, match in enumerate(WORD.finditer(text)):
        word = match.group(0)
        lower = word.lower()
        if word[0].isupper() and (index > 0 or not word.istitle()) and lower not in GENERIC and lower not in ignore:
            words.add(lower)
    return frozenset(words)


@functools.lru_cache(maxsize=8192)
def content_words(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in WORD.findall(text) if len(w) >= 4 and w.lower() not in GENERIC)


def passages(text: str) -> Iterator[Passage]:
    """The sentences of a stored document's text, line by line (each line is one block)."""
    offset = 0
    for line in text.split("\n"):
        for sentence, start, end in split_sentences(line, offset):
            yield Passage(sentence, start, end)
        offset += len(line) + 1


def candidates(found: Iterable[Passage], ignore: frozenset[str] = frozenset()) -> list[Candidate]:
    """Passages that name something, with their words: the only ones a follow-up can be."""
    result = []
    for passage in found:
        names = distinctive_words(passage.text, ignore)
        if names:
            words = content_words(passage.text)
            result.append(Candidate(passage, names, words, REPORT_BACK.search(passage.text) is not None))
    return result


def best_follow_up(
    action_text: str,
    topic: str | None,
    later: Iterable[Candidate] | CandidateIndex,
    ignore: frozenset[str] = frozenset(),
) -> Match | None:
    """The passage that reports back on the action, if any."""
    subject = f"{topic or ''}. {action_text}"
    names = distinctive_words(subject, ignore)
    words = content_words(subject)
    if not names:
        return None
    if isinstance(later, CandidateIndex):
        later = later.sharing(names)  # the others share no name with the action
    best: Match | None = None
    for candidate in later:
        shared_names = names & candidate.names
        if not shared_names:
            continue
        shared_words = (words & candidate.words) - shared_names
        if len(shared_names) >= 2 or (candidate.cue and shared_words):
            score = float(fuzz.token_set_ratio(" ".join(sorted(names)), " ".join(sorted(shared_names))))
            score += 10.0 if candidate.cue else 0.0
            if best is None or score > best.score:
                best = Match(candidate.passage, score)
    return best


def best_log_row(action_text: str, rows: Iterable[LogRow]) -> Match | None:
    """The action-log row that restates the action, if any."""
    best: Match | None = None
    for row in rows:
        score = float(fuzz.token_set_ratio(action_text, row.text, processor=str.lower))
        if score >= LOG_ROW_SIMILARITY and (best is None or score > best.score):
            best = Match(Passage(row.text, row.start, row.end), score, closes=row.done)
    return best


def log_rows(actions: Iterable[Action]) -> list[LogRow]:
    """The rows of a document's action logs among its extracted actions."""
    return [
        LogRow(a.text, a.evidence.span[0], a.evidence.span[1], a.status == "done")
        for a in actions
        if a.evidence.extractor == ACTION_TABLES
    ]


def _stored_log_rows(connection: Connection, document_id: int) -> list[LogRow]:
    rows = connection.execute(LOG_ROWS_OF, {"document": document_id}).all()
    return [LogRow(text, start, end, status == "done") for text, start, end, status in rows]


def _outside_rows(found: list[Candidate], rows: list[LogRow], text: str) -> CandidateIndex:
    """Candidates not on a line of the action log (a row speaks through its status, not as a sentence)."""
    if not rows:
        return CandidateIndex(found)
    lines = [(text.rfind("\n", 0, row.start) + 1, row.end) for row in rows]
    return CandidateIndex([c for c in found if not any(start <= c.passage.start < end for start, end in lines)])


def _follow_up(
    text: str, topic: str | None, rows: list[LogRow], found: CandidateIndex, ignore: frozenset[str]
) -> Match | None:
    return best_log_row(text, rows) or best_follow_up(text, topic, found, ignore)


def _meeting_of(connection: Connection, document_id: int) -> MeetingRef | None:
    row = connection.execute(MEETING_OF, {"document": document_id}).first()
    if row is None or row.date is None:
        return None
    return MeetingRef(int(row.body_id), row.date, str(row.name))


def _record(connection: Connection, links: list[tuple[int, int, Match]]) -> None:
    """Store (action id, document id, match) links; the actions whose match closes them are done."""
    if not links:
        return
    connection.execute(
        INSERT_FOLLOW_UPS,
        [
            {
                "action_id": action_id,
                "document_id": document_id,
                "text": match.passage.text,
                "score": match.score,
                "span_start": match.passage.start,
                "span_end": match.passage.end,
                "extractor": NAME,
                "extractor_version": VERSION,
            }
            for action_id, document_id, match in links
        ],
    )
    done = sorted({action_id for action_id, _, match in links if match.closes})
    if done:
        connection.execute(CLOSE_ACTIONS, {"actions": done})


_CACHE: OrderedDict[tuple[int, str, frozenset[str]], tuple[CandidateIndex, list[LogRow]]] = OrderedDict()
CACHE_SIZE = 256


def _stored(
    connection: Connection, document_id: int, sha: str, ignore: frozenset[str]
) -> tuple[CandidateIndex, list[LogRow]]:
    """A stored document's candidates and action-log rows, worked out once per process (keyed by its sha256)."""
    key = (document_id, sha, ignore)
    if key in _CACHE:
        _CACHE.move_to_end(key)
        return _CACHE[key]
    text = connection.execute(TEXT_OF, {"document": document_id}).scalar() or ""
    rows = _stored_log_rows(connection, document_id)
    found = _CACHE[key] = (_outside_rows(candidates(passages(text), ignore), rows, text), rows)
    if len(_CACHE) > CACHE_SIZE:
        _CACHE.popitem(last=False)
    return found


# a body name that many councils use: without its council, the name alone does not say whose meetings they are
GENERIC_BODY = re.compile(
    r"^(?:(?:Full|Parish|Town|Community|City|District|County|Borough)\s+)?(?:Council|Cabinet|Executive)$", re.I
)


def source_scope(uri: str, body: str, council_id: int | None) -> str | None:
    """The documents a generic body's meetings are compared with when its council is unknown: those from the
    same site or folder ('Parish Council' minutes of two parishes are not one body's meetings)."""
    if council_id is not None or not GENERIC_BODY.match(body):
        return None
    if "://" in uri:
        scheme, rest = uri.split("://", 1)
        return f"{scheme}://{rest.split('/', 1)[0]}/"
    return str(PurePath(uri).parent) + "/"


class MeetingRef(NamedTuple):
    body_id: int
    date: dt.date
    body_name: str


MEETING = orm.table(orm.Meeting)
DOCUMENT = orm.table(orm.SourceDocument)
ACTION = orm.table(orm.Action)
BODY = orm.table(orm.Body)
FOLLOW_UP = orm.table(orm.ActionFollowUp)
# Statements built once, with bound parameters (see pipeline.store)
LOG_ROWS_OF = select(ACTION.c.text, ACTION.c.span_start, ACTION.c.span_end, ACTION.c.status).where(
    ACTION.c.document_id == bindparam("document"), ACTION.c.extractor == ACTION_TABLES
)
MEETING_OF = (
    select(MEETING.c.body_id, MEETING.c.date, BODY.c.name)
    .join(DOCUMENT, DOCUMENT.c.meeting_id == MEETING.c.id)
    .join(BODY, BODY.c.id == MEETING.c.body_id)
    .where(DOCUMENT.c.id == bindparam("document"))
)
TEXT_OF = select(DOCUMENT.c.text).where(DOCUMENT.c.id == bindparam("document"))
ACTIONS_OF = select(ACTION.c.id, ACTION.c.text, ACTION.c.topic).where(ACTION.c.document_id == bindparam("document"))
INSERT_FOLLOW_UPS = insert(FOLLOW_UP)
CLOSE_ACTIONS = update(ACTION).where(ACTION.c.id.in_(bindparam("actions", expanding=True))).values(status="done")
PREVIOUS_MEETINGS = (
    select(MEETING.c.id)
    .where(
        MEETING.c.body_id == bindparam("body_id"),
        MEETING.c.date < bindparam("date"),
        MEETING.c.date >= bindparam("since"),
    )
    .order_by(MEETING.c.date.desc())
    .limit(MEETINGS_AHEAD)
)
NEXT_MEETINGS = (
    select(MEETING.c.id)
    .where(
        MEETING.c.body_id == bindparam("body_id"),
        MEETING.c.date > bindparam("date"),
        MEETING.c.date <= bindparam("until"),
    )
    .order_by(MEETING.c.date)
    .limit(MEETINGS_AHEAD)
)


def _documents_of(meetings: Select[Any], scoped: bool) -> Select[Any]:
    """The documents of ``meetings``; when ``scoped``, only those whose URI starts with the bound prefix."""
    query = select(DOCUMENT.c.id, DOCUMENT.c.sha256).where(DOCUMENT.c.meeting_id.in_(meetings.scalar_subquery()))
    return query.where(DOCUMENT.c.uri.like(bindparam("scope"), escape="/")) if scoped else query


OPEN_EARLIER_ACTIONS = {
    scoped: select(ACTION.c.id, ACTION.c.text, ACTION.c.topic)
    .where(
        ACTION.c.document_id.in_(
            _documents_of(PREVIOUS_MEETINGS, scoped)
            .with_only_columns(DOCUMENT.c.id)
            .order_by(DOCUMENT.c.id.desc())
            .limit(MAX_EARLIER_DOCUMENTS)
            .scalar_subquery()
        ),
        ACTION.c.status == "open",
    )
    .order_by(ACTION.c.id.desc())
    .limit(MAX_OPEN_ACTIONS)
    for scoped in (False, True)
}
LATER_DOCUMENTS = {
    scoped: _documents_of(NEXT_MEETINGS, scoped).order_by(DOCUMENT.c.id).limit(MAX_LATER_DOCUMENTS)
    for scoped in (False, True)
}


def _like_prefix(prefix: str) -> str:
    """A LIKE pattern for the strings that start with ``prefix`` (escape character '/')."""
    return prefix.replace("/", "//").replace("%", "/%").replace("_", "/_") + "%"


def trace(
    connection: Connection,
    document_id: int,
    document: Document,
    rows_here: list[LogRow] | None = None,
    meeting: MeetingRef | None = None,
    scope: str | None = None,
    own: list[tuple[int, str, str | None]] | None = None,
) -> int:
    """Link follow-ups between this document and the other meetings of its body; the number of links made.

    ``rows_here`` are the rows of the document's own action logs (see :func:`log_rows`); the caller that
    has just stored the document may pass its meeting and its actions as (id, text, topic), which are
    otherwise read back. With ``scope``, only documents whose URI starts with it are compared (see
    :func:`source_scope`)."""
    rows_here = rows_here or []
    meeting = meeting or _meeting_of(connection, document_id)
    if meeting is None:
        return 0
    body_id, date, body_name = meeting
    ignore = frozenset(w.lower() for w in WORD.findall(body_name))
    links: list[tuple[int, int, Match]] = []
    window = {"body_id": body_id, "date": date, "since": date - WINDOW, "until": date + WINDOW}
    if scope:
        window["scope"] = _like_prefix(scope)
    earlier = connection.execute(OPEN_EARLIER_ACTIONS[scope is not None], window).all()
    # worked out only when needed
    here = _outside_rows(candidates(passages(document.text), ignore) if earlier else [], rows_here, document.text)
    # the same action is often restated by several documents of one meeting (minutes, decision pages): each
    # wording is matched once
    matched: dict[tuple[str, str | None], Match | None] = {}
    for action_id, text, topic in earlier:
        if (text, topic) not in matched:
            matched[text, topic] = _follow_up(text, topic, rows_here, here, ignore)
        if match := matched[text, topic]:
            links.append((action_id, document_id, match))
    if own is None:
        own = [(int(a), str(t), p) for a, t, p in connection.execute(ACTIONS_OF, {"document": document_id})]
    if not own:
        _record(connection, links)
        return len(links)
    later = connection.execute(LATER_DOCUMENTS[scope is not None], window).all()
    for later_id, sha in later:
        there, rows_there = _stored(connection, later_id, sha, ignore)
        matched = {}
        for action_id, text, topic in own:
            if (text, topic) not in matched:
                matched[text, topic] = _follow_up(text, topic, rows_there, there, ignore)
            if match := matched[text, topic]:
                links.append((action_id, later_id, match))
    _record(connection, links)
    return len(links)
