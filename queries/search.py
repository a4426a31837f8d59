"""Full-text search over resolutions, agenda item titles, actions, vote motions and whole documents.

Words are stemmed ('foster' finds 'fostering'); words in double quotes are a phrase ('"children in
care"'); every word and phrase must be found. Hits are ranked by the engine's own relevance (SQLite FTS5
bm25, PostgreSQL ts_rank), the same rank broken by kind then id, so that one database gives one order.
SQLite and PostgreSQL stem alike but do not weigh alike, and PostgreSQL leaves out stop words ('the',
'after'), so a query of common words may find more on SQLite.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import ColumnElement, Connection, Engine, Select, bindparam, column, func, literal_column, select, table
from sqlalchemy.orm import InstrumentedAttribute

from db.search_index import SEARCHED, TEXT_SEARCH_CONFIG, Searched, tsvector
from db.search_index import rebuild as rebuild_index
from models import orm
from queries.common import Where, filtered, with_meeting, with_meeting_of_document

Kind = Literal["resolution", "item", "action", "vote", "document"]
KINDS: tuple[Kind, ...] = ("resolution", "item", "action", "vote", "document")
MODELS: dict[Kind, type[orm.Base]] = {
    "resolution": orm.Resolution,
    "item": orm.AgendaItem,
    "action": orm.Action,
    "vote": orm.VoteEvent,
    "document": orm.SourceDocument,
}
INDEXES: dict[str, Searched] = {s.table: s for s in SEARCHED}
# the snippet's match markers, as the engines write them; never in a document's normalised text
START, STOP = "\x02", "\x03"
# PostgreSQL's headline drops what its parser reads as a tag ('<script>'): angle brackets stand in for
# characters of the private use area while it runs
ANGLES = {"<": "\ue000", ">": "\ue001"}
SNIPPET_WORDS = 16
PG_CONFIG: ColumnElement[Any] = literal_column(f"'{TEXT_SEARCH_CONFIG}'::regconfig")
PG_HEADLINE = f'StartSel="{START}", StopSel="{STOP}", MaxWords={SNIPPET_WORDS}, MinWords=6, MaxFragments=1'
QUOTED = re.compile(r'"([^"]*)"')
WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Terms:
    """A query read as words and phrases, every one of which a hit holds."""

    words: tuple[str, ...]
    phrases: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.words or self.phrases)


@dataclass(frozen=True, slots=True)
class Hit:
    kind: Kind
    id: int  # of the resolution, agenda item, action, vote event or source document
    council: str | None
    body: str | None
    date: dt.date | None  # the meeting's
    snippet: str  # HTML-escaped text around the match, each matched word in <mark>...</mark>
    document: str
    score: float  # the engine's relevance, higher first; comparable within one engine only


def parse(query: str) -> Terms:
    """'"children in care" foster' -> phrase 'children in care' and word 'foster'. Only letters and digits
    count, so nothing in a query is ever read as the engines' own query syntax."""
    phrases = [" ".join(WORD.findall(quoted)) for quoted in QUOTED.findall(query)]
    words = WORD.findall(QUOTED.sub(" ", query))
    words += [phrase for phrase in phrases if " " not in phrase and phrase]
    return Terms(tuple(dict.fromkeys(words)), tuple(p for p in dict.fromkeys(phrases) if " " in p))


def fts5_expression(terms: Terms) -> str:
    """The FTS5 MATCH expression: each word and phrase quoted, all of them required."""
    return " ".join(f'"{part}"' for part in (*terms.words, *terms.phrases))


def phrase_pattern(phrase: str) -> str:
    """A PostgreSQL regular expression for a phrase's words next to each other, each word's stem-like start
    followed by any ending: PostgreSQL's phrase query alone leaves a gap for a stop word, any stop word
    ('children on care' for "children in care"), where FTS5 wants the phrase's own words."""
    starts = [re.escape(word[: max(3, len(word) - 3)]) + r"\w*" for word in phrase.split()]
    return r"\m" + r"\W+".join(starts)


def _tsquery(terms: Terms) -> ColumnElement[Any]:
    parts = [func.plainto_tsquery(PG_CONFIG, bindparam(None, w)) for w in terms.words]
    parts += [func.phraseto_tsquery(PG_CONFIG, bindparam(None, p)) for p in terms.phrases]
    combined: ColumnElement[Any] = parts[0]
    for part in parts[1:]:
        combined = combined.op("&&")(part)
    return combined


def _model_of(kind: Kind) -> tuple[Any, Searched]:
    model: Any = MODELS[kind]
    return model, INDEXES[model.__tablename__]


def _in_context(query: Select[Any], kind: Kind, model: Any) -> Select[Any]:
    if kind == "document":
        return with_meeting_of_document(query)
    return with_meeting(query, model.document_id)


def _ranked(connection: Connection, kind: Kind, terms: Terms, where: Where, limit: int) -> list[tuple[float, int]]:
    """The best ``limit`` matches of one kind: (score, id), best first."""
    model, index = _model_of(kind)
    ident: InstrumentedAttribute[int] = model.id
    if connection.dialect.name == "sqlite":
        fts = table(index.fts, column("rowid"))
        score: ColumnElement[Any] = -func.bm25(literal_column(index.fts))
        query = (
            select(score.label("score"), ident)
            .select_from(model)
            .join(fts, fts.c.rowid == ident)
            .where(literal_column(index.fts).op("MATCH")(fts5_expression(terms)))
        )
    else:
        vector: ColumnElement[Any] = literal_column(tsvector(f"{index.table}.{index.column}"))
        tsquery = _tsquery(terms)
        score = func.ts_rank(vector, tsquery)
        query = select(score.label("score"), ident).select_from(model).where(vector.op("@@")(tsquery))
        for phrase in terms.phrases:
            query = query.where(getattr(model, index.column).op("~*")(phrase_pattern(phrase)))
    query = filtered(_in_context(query, kind, model), where).order_by(score.desc(), ident).limit(limit)
    return [(float(s), int(i)) for s, i in connection.execute(query)]


def _snippets(connection: Connection, kind: Kind, terms: Terms, ids: Sequence[int]) -> dict[int, str]:
    """Each hit's text around its match, as the engine marks it."""
    model, index = _model_of(kind)
    if connection.dialect.name == "sqlite":
        fts = table(index.fts, column("rowid"))
        snippet = func.snippet(literal_column(index.fts), 0, START, STOP, "…", SNIPPET_WORDS)
        query: Select[Any] = (
            select(fts.c.rowid, snippet)
            .where(literal_column(index.fts).op("MATCH")(fts5_expression(terms)))
            .where(fts.c.rowid.in_(ids))
        )
    else:
        text: ColumnElement[Any] = func.coalesce(getattr(model, index.column), "")
        for angle, stand_in in ANGLES.items():
            text = func.replace(text, angle, stand_in)
        query = select(model.id, func.ts_headline(PG_CONFIG, text, _tsquery(terms), PG_HEADLINE)).where(
            model.id.in_(ids)
        )
    return {int(i): str(s or "") for i, s in connection.execute(query)}


def marked_html(snippet: str) -> str:
    """An engine's snippet as HTML: the text escaped, runs of white space one space, matches in <mark>."""
    for angle, stand_in in ANGLES.items():
        snippet = snippet.replace(stand_in, angle)
    text = html.escape(" ".join(snippet.split()))
    return text.replace(START, "<mark>").replace(STOP, "</mark>")


def _places(connection: Connection, kind: Kind, ids: Sequence[int]) -> dict[int, tuple[Any, ...]]:
    """Each hit's council, body, meeting date and document."""
    model, _ = _model_of(kind)
    query = select(model.id, orm.Council.name, orm.Body.name, orm.Meeting.date, orm.SourceDocument.uri)
    query = _in_context(query.select_from(model), kind, model).where(model.id.in_(ids))
    return {int(row[0]): tuple(row[1:]) for row in connection.execute(query)}


def _hits(connection: Connection, kind: Kind, terms: Terms, scored: Sequence[tuple[float, int]]) -> list[Hit]:
    if not scored:
        return []
    ids = [i for _, i in scored]
    snippets, places = _snippets(connection, kind, terms, ids), _places(connection, kind, ids)
    return [
        Hit(
            kind=kind,
            id=i,
            council=places[i][0],
            body=places[i][1],
            date=places[i][2],
            snippet=marked_html(snippets.get(i, "")),
            document=places[i][3],
            score=s,
        )
        for s, i in scored
    ]


def search(
    engine: Engine,
    query: str,
    kind: Kind | None = None,
    limit: int = 20,
    council: str | None = None,
    body: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[Hit]:
    """The ``limit`` best hits of ``query`` (words and "phrases", see the module), of one ``kind`` or all,
    in meetings of ``council`` and ``body`` (part of their names) between ``since`` and ``until``."""
    terms = parse(query)
    if not terms or limit < 1:
        return []
    where = Where(council, body, since, until)
    kinds = (kind,) if kind else KINDS
    with engine.connect() as connection:
        scored = [(s, k, i) for k in kinds for s, i in _ranked(connection, k, terms, where, limit)]
        best = sorted(scored, key=lambda hit: (-round(hit[0], 9), KINDS.index(hit[1]), hit[2]))[:limit]
        hits = {
            (hit.kind, hit.id): hit
            for k in kinds
            for hit in _hits(connection, k, terms, [(s, i) for s, kk, i in best if kk == k])
        }
    return [hits[(k, i)] for _, k, i in best]


def rebuild(engine: Engine) -> None:
    """Build the search index again from the stored rows."""
    with engine.begin() as connection:
        rebuild_index(connection)
