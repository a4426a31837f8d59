"""Ingest: files, folders and globs through every stage into the database.

Parsing and extraction run in worker processes; the main process owns the database and
writes each document in its own transaction, so one bad file never costs another.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from models import orm
from models.records import Document, Extraction, MediaType
from pipeline.convert import ConvertSettings, convert
from pipeline.errors import MinutesError
from pipeline.extract import extract
from pipeline.load import SUFFIX_TYPES, LoadSettings, raw_document, read_bytes, sha256_of
from pipeline.store import StoredBytes, StoreOutcome, record_failure, store_extraction

# Notes kept beside documents in a folder; a file named on the command line is always taken.
SKIPPED_NAMES = frozenset({"SOURCES.md", "README.md", "LICENSE.md"})


@dataclass(frozen=True, slots=True)
class Settings:
    load: LoadSettings = field(default_factory=LoadSettings)
    convert: ConvertSettings = field(default_factory=ConvertSettings)


@dataclass(frozen=True, slots=True)
class Processed:
    """What a worker returns for one file: the converted document and its facts, or an error."""

    uri: str
    sha256: str
    media_type: MediaType | None
    document: Document | None
    extraction: Extraction | None
    error: str | None


@dataclass
class IngestSummary:
    new: int = 0
    unchanged: int = 0
    replaced: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)

    def count(self, outcome: StoreOutcome) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    @property
    def total(self) -> int:
        return self.new + self.unchanged + self.replaced + self.failed


def expand_paths(arguments: Iterable[str]) -> list[Path]:
    """Files as named, folders recursively (supported types only), globs expanded; no repeats."""
    found: dict[Path, None] = {}
    for argument in arguments:
        matches = [Path(m) for m in sorted(glob.glob(argument, recursive=True))]  # noqa: PTH207 or [Path(argument)]
        for path in matches:
            if path.is_dir():
                for child in sorted(path.rglob("*")):
                    if _walkable(child):
                        found.setdefault(child.resolve(), None)
            else:
                found.setdefault(path.resolve() if path.exists() else path, None)
    return list(found)


def _walkable(path: Path) -> bool:
    return (
        path.is_file()
        and path.suffix.lower() in SUFFIX_TYPES
        and path.name not in SKIPPED_NAMES
        and not any(part.startswith(".") for part in path.parts[-3:])
    )


def process_file(path: Path, settings: Settings) -> Processed:
    """load -> convert -> extract for one file; expected failures become an error line."""
    uri, sha, media_type = str(path), "", None
    try:
        data = read_bytes(path)
        sha = sha256_of(data)
        raw = raw_document(path, data, settings.load)
        media_type = raw.media_type
        document = convert(raw, settings.convert)
        return Processed(uri, sha, media_type, document, extract(document), None)
    except MinutesError as exc:
        return Processed(uri, sha, media_type, None, None, exc.reason)
    except Exception as exc:  # an extractor bug must not stop the batch either
        return Processed(uri, sha, media_type, None, None, f"internal error: {type(exc).__name__}: {exc}")


def _store(engine: Engine, result: Processed) -> StoreOutcome:
    try:
        data = read_bytes(Path(result.uri))
    except MinutesError:
        data = b""
    stored = StoredBytes(result.uri, data, result.sha256 or sha256_of(data), result.media_type)
    if result.document is None or result.extraction is None:
        return _store_failure(engine, stored, result.error or "unknown error")
    try:
        with engine.begin() as connection:
            return store_extraction(connection, stored, result.document, result.extraction)
    except SQLAlchemyError as exc:  # the transaction rolled back; keep the bytes and the reason
        cause = getattr(exc, "orig", None) or exc
        reason = f"database error: {type(cause).__name__}: {str(cause).splitlines()[0]}"
        object.__setattr__(result, "error", reason)
        return _store_failure(engine, stored, reason)


def _store_failure(engine: Engine, stored: StoredBytes, reason: str) -> StoreOutcome:
    with engine.begin() as connection:
        return record_failure(connection, stored, reason)


def _stored_hashes(engine: Engine, paths: list[Path]) -> dict[str, str]:
    """The sha256 already stored for each of ``paths`` that the database knows, a few hundred at a time."""
    known: dict[str, str] = {}
    uris = [str(path) for path in paths]
    with Session(engine) as session:
        for chunk in range(0, len(uris), 500):
            rows = session.execute(
                select(orm.SourceDocument.uri, orm.SourceDocument.sha256).where(
                    orm.SourceDocument.uri.in_(uris[chunk : chunk + 500])
                )
            )
            known.update((str(uri), str(sha)) for uri, sha in rows)
    return known


def _is_unchanged(path: Path, known: dict[str, str]) -> bool:
    if str(path) not in known:
        return False
    try:
        return sha256_of(path.read_bytes()) == known[str(path)]
    except OSError:
        return False


def _results(paths: list[Path], settings: Settings, workers: int) -> Iterator[Processed]:
    if workers <= 1:
        for path in paths:
            yield process_file(path, settings)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: set[Future[Processed]] = set()
        queue = iter(paths)
        for path in queue:
            pending.add(pool.submit(process_file, path, settings))
            if len(pending) >= workers * 4:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                yield from (future.result() for future in done)
        for future in pending:
            yield future.result()


def ingest(
    arguments: Iterable[str],
    engine: Engine,
    workers: int = 1,
    settings: Settings | None = None,
    on_progress: Callable[[Path | str, StoreOutcome], None] | None = None,
) -> IngestSummary:
    """Ingest every document named by ``arguments``; never stops on a bad document."""
    settings = settings or Settings()
    summary = IngestSummary()
    todo = []
    paths = expand_paths(arguments)
    known = _stored_hashes(engine, paths)
    for path in paths:
        if _is_unchanged(path, known):
            summary.count("unchanged")
            if on_progress:
                on_progress(path, "unchanged")
        else:
            todo.append(path)
    for result in _results(todo, settings, max(1, workers)):
        outcome = _store(engine, result)
        summary.count(outcome)
        if outcome == "failed":
            summary.errors.append(f"{result.uri}: {result.error}")
        if on_progress:
            on_progress(result.uri, outcome)
    return summary


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)))
