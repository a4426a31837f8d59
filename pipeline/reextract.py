"""Reextract: extract stored documents again, from their stored bytes, when the extractors have changed since.

A document stored under other extractor versions than the current ones (``source_document.extracted_with``)
is converted and extracted again and its facts replaced, each in its own transaction; running it again does
nothing until the extractors change. A document that cannot be extracted again keeps its facts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import Engine, bindparam, func, or_, select
from sqlalchemy.exc import SQLAlchemyError

from db import writing
from models import orm
from models.records import Document, Extraction, RawDocument
from pipeline.convert import ConvertSettings, convert
from pipeline.errors import MinutesError
from pipeline.extract import EXTRACTOR_VERSIONS, extract
from pipeline.store import StoredBytes, store_again

DOCUMENT = orm.table(orm.SourceDocument)
OUTDATED = (
    DOCUMENT.c.status == "ok",
    or_(DOCUMENT.c.extracted_with.is_(None), DOCUMENT.c.extracted_with != EXTRACTOR_VERSIONS),
)
OUTDATED_IDS = select(DOCUMENT.c.id).where(*OUTDATED).order_by(DOCUMENT.c.id)
CURRENT = (
    select(func.count())
    .select_from(DOCUMENT)
    .where(DOCUMENT.c.status == "ok", DOCUMENT.c.extracted_with == EXTRACTOR_VERSIONS)
)
STORED = select(DOCUMENT.c.uri, DOCUMENT.c.raw, DOCUMENT.c.sha256, DOCUMENT.c.media_type).where(
    DOCUMENT.c.id == bindparam("document")
)


Outcome = Literal["extracted", "current", "failed"]


@dataclass
class ReextractSummary:
    extracted: int = 0  # extracted again, facts replaced
    current: int = 0  # already extracted by the current extractors
    failed: int = 0  # could not be extracted again: the document keeps its facts
    errors: list[str] = field(default_factory=list)

    def count(self, outcome: Outcome) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)


def reextract(engine: Engine, settings: ConvertSettings | None = None) -> ReextractSummary:
    """Extract again every stored document that older extractors read; never stops on a bad one."""
    summary = ReextractSummary()
    with engine.connect() as connection:
        outdated = [int(id_) for id_ in connection.execute(OUTDATED_IDS).scalars()]
        summary.current = int(connection.execute(CURRENT).scalar_one())
    for document_id in outdated:
        outcome, error = _extract_again(engine, document_id, settings or ConvertSettings())
        summary.count(outcome)
        if error:
            summary.errors.append(error)
    return summary


def _extract_again(engine: Engine, document_id: int, settings: ConvertSettings) -> tuple[Outcome, str]:
    """Extract one stored document again and store its facts: the outcome, and the error line of a failure."""
    with engine.connect() as connection:
        row = connection.execute(STORED, {"document": document_id}).first()
    if row is None:  # gone meanwhile (its path now holds a copy of another document)
        return "current", ""
    stored = StoredBytes(row.uri, row.raw, row.sha256, row.media_type)
    read = _read(stored, settings)
    if isinstance(read, str):
        return "failed", f"{row.uri}: {read}"
    try:
        with writing(engine) as connection:
            outcome = store_again(connection, stored, *read)
    except SQLAlchemyError as exc:
        cause: Any = getattr(exc, "orig", None) or exc
        return "failed", f"{row.uri}: database error: {type(cause).__name__}: {str(cause).splitlines()[0]}"
    # 'unchanged': ingested again meanwhile, by the current extractors
    return ("extracted" if outcome == "replaced" else "current"), ""


def _read(stored: StoredBytes, settings: ConvertSettings) -> tuple[Document, Extraction] | str:
    """The stored bytes converted and extracted, or the reason they cannot be."""
    if not stored.data or stored.media_type is None:
        return "its bytes are not stored"
    try:
        document = convert(RawDocument(stored.uri, stored.data, stored.sha256, stored.media_type), settings)
        return document, extract(document)
    except MinutesError as exc:
        return exc.reason
    except Exception as exc:  # an extractor bug: the document keeps its facts, the batch goes on
        return f"internal error: {type(exc).__name__}: {exc}"
