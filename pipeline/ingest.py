"""Ingest: files, folders and globs through every stage into the database.

Parsing and extraction run in worker processes; the main process owns the database and
writes each document in its own transaction, so one bad file never costs another.
"""

from __future__ import annotations

import glob
import os
import resource
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from db import writing
from models import orm
from models.records import Document, Extraction, MediaType, RawDocument
from pipeline.convert import ConvertSettings, convert
from pipeline.errors import MinutesError
from pipeline.extract import extract
from pipeline.load import SUFFIX_TYPES, LoadSettings, raw_document, read_bytes, sha256_of
from pipeline.store import StoredBytes, StoreOutcome, forget_read_rows, record_failure, store_copy, store_extraction

# Notes kept beside documents in a folder; a file named on the command line is always taken.
SKIPPED_NAMES = frozenset({"SOURCES.md", "README.md", "LICENSE.md"})


@dataclass(frozen=True, slots=True)
class Settings:
    load: LoadSettings = field(default_factory=LoadSettings)
    convert: ConvertSettings = field(default_factory=ConvertSettings)
    council: str | None = None  # the council of documents that do not name theirs (ingest --council)


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
    duplicate: int = 0  # the same bytes as a stored document: the path is recorded as another location of it
    errors: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # 'PATH: reason' for each file met and not read

    def count(self, outcome: StoreOutcome) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    @property
    def total(self) -> int:
        return self.new + self.unchanged + self.replaced + self.failed + self.duplicate


@dataclass
class Found:
    """The files an ingest will read, and those it met but will not, each with the reason."""

    files: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)


def find_documents(arguments: Iterable[str]) -> Found:
    """Files as named, folders recursively, globs expanded, no repeats. In a folder, files of a type
    ingest cannot read, links that leave the folder and links to folders are skipped with a reason;
    hidden files and the notes kept beside documents (SOURCES.md) are passed over."""
    found = Found()
    seen: dict[Path, None] = {}
    for argument in arguments:
        matches = [Path(m) for m in sorted(glob.glob(argument, recursive=True))]  # noqa: PTH207
        if not matches:
            found.skipped.append((argument, "no such file or folder"))
        for path in matches:
            if path.is_dir() and not path.is_symlink():
                _walk_folder(path, seen, found)
            else:
                seen.setdefault(path.resolve() if path.exists() else path, None)
    found.files = list(seen)
    return found


def _walk_folder(folder: Path, seen: dict[Path, None], found: Found) -> None:
    root = folder.resolve()
    for child in sorted(folder.rglob("*")):
        if any(part.startswith(".") for part in child.relative_to(folder).parts) or child.name in SKIPPED_NAMES:
            continue
        reason = _refused(child, root)
        if reason:
            found.skipped.append((str(child), reason))
        elif child.is_file():
            seen.setdefault(child.resolve(), None)


def _refused(path: Path, root: Path) -> str | None:
    """Why a path met in a folder is not read (None: it is read, or it is a plain folder)."""
    if path.is_symlink():
        if not path.exists():
            return "a link to nothing"
        if path.is_dir():
            return "a link to a folder (not followed)"
        if not path.resolve().is_relative_to(root):
            return "a link to a file outside the folder (refused)"
    if path.is_dir():
        return None
    if path.suffix.lower() not in SUFFIX_TYPES:
        return f"not a type ingest reads ({path.suffix.lower() or 'no extension'})"
    return None


def process_file(path: Path, settings: Settings) -> Processed:
    """load -> convert -> extract for one file; expected failures become an error line."""
    return process_raw(str(path), lambda: raw_document(path, read_bytes(path), settings.load), settings)


def process_raw(uri: str, load_raw: Callable[[], RawDocument], settings: Settings) -> Processed:
    """convert -> extract for the document ``load_raw`` gives (a file read, bytes fetched); expected failures,
    its own included, become an error line."""
    sha, media_type = "", None
    try:
        raw = load_raw()
        sha, media_type = raw.sha256, raw.media_type
        document = convert(raw, settings.convert)
        return Processed(uri, sha, media_type, document, extract(document), None)
    except MinutesError as exc:
        return Processed(uri, sha, media_type, None, None, exc.reason)
    except MemoryError:
        return Processed(uri, sha, media_type, None, None, "too large to read in the memory a worker may use")
    except RecursionError:
        return Processed(uri, sha, media_type, None, None, "nested too deeply to read")
    except Exception as exc:  # an extractor bug must not stop the batch either
        return Processed(uri, sha, media_type, None, None, f"internal error: {type(exc).__name__}: {exc}")


def _store(engine: Engine, result: Processed, council: str | None = None) -> StoreOutcome:
    try:
        data = read_bytes(Path(result.uri))
    except MinutesError:
        data = b""
    return store_processed(engine, result, data, council)


def store_processed(engine: Engine, result: Processed, data: bytes, council: str | None = None) -> StoreOutcome:
    """Store what was read from ``data`` (its facts, or the failure with the bytes), each in its own
    transaction."""
    stored = StoredBytes(result.uri, data, result.sha256 or sha256_of(data), result.media_type)
    if result.document is None or result.extraction is None:
        return _store_failure(engine, stored, result.error or "unknown error")
    try:
        return _store_document(engine, stored, result.document, result.extraction, council)
    except SQLAlchemyError as exc:  # the transaction rolled back; keep the bytes and the reason
        cause = getattr(exc, "orig", None) or exc
        reason = f"database error: {type(cause).__name__}: {str(cause).splitlines()[0]}"
        object.__setattr__(result, "error", reason)
        return _store_failure(engine, stored, reason)


def _store_document(
    engine: Engine, stored: StoredBytes, document: Document, extraction: Extraction, council: str | None
) -> StoreOutcome:
    """One document's transaction, tried once more when it breaks a unique key or a reference: what this
    process read before (the indicators it keeps) may have changed under it."""
    try:
        with writing(engine) as connection:
            return store_extraction(connection, stored, document, extraction, council)
    except IntegrityError:
        forget_read_rows(engine)
    with writing(engine) as connection:
        return store_extraction(connection, stored, document, extraction, council)


def _store_failure(engine: Engine, stored: StoredBytes, reason: str) -> StoreOutcome:
    with writing(engine) as connection:
        return record_failure(connection, stored, reason)


def _store_copy(engine: Engine, path: Path, sha256: str) -> StoreOutcome | None:
    with writing(engine) as connection:
        return store_copy(connection, str(path), sha256)


STORED_AT = select(orm.SourceDocument.uri, orm.SourceDocument.sha256).where(
    orm.SourceDocument.status != "failed"  # a failed document is tried again
)
LOCATED_AT = select(orm.DocumentLocation.uri, orm.SourceDocument.sha256).join(
    orm.SourceDocument, orm.SourceDocument.id == orm.DocumentLocation.document_id
)
STORED_SHAS = select(orm.SourceDocument.sha256).where(orm.SourceDocument.status == "ok")


def _stored_hashes(engine: Engine, paths: list[Path]) -> dict[str, str]:
    """The sha256 already stored for each of ``paths`` that the database knows (as a document's path or as
    another location of one), a few hundred at a time."""
    known: dict[str, str] = {}
    uris = [str(path) for path in paths]
    with Session(engine) as session:
        for chunk in range(0, len(uris), 500):
            some = uris[chunk : chunk + 500]
            for query, column in ((STORED_AT, orm.SourceDocument.uri), (LOCATED_AT, orm.DocumentLocation.uri)):
                known.update((str(uri), str(sha)) for uri, sha in session.execute(query.where(column.in_(some))))
    return known


def _stored_shas(engine: Engine, shas: list[str]) -> set[str]:
    """Those of ``shas`` that a stored document (status ok) has."""
    found: set[str] = set()
    with Session(engine) as session:
        for chunk in range(0, len(shas), 500):
            query = STORED_SHAS.where(orm.SourceDocument.sha256.in_(shas[chunk : chunk + 500]))
            found.update(str(sha) for sha in session.execute(query).scalars())
    return found


def _sha_of(path: Path) -> str | None:
    try:
        return sha256_of(path.read_bytes())
    except OSError:
        return None


WORKER_MEMORY_BYTES = 3 * 1024**3  # address space a worker may use: a file that needs more fails alone


def _limit_worker_memory(limit: int) -> None:
    """In each worker: cap its address space, so that a file that inflates without end fails with a
    MemoryError in that worker instead of taking the machine's memory."""
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))


def _pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, initializer=_limit_worker_memory, initargs=(WORKER_MEMORY_BYTES,))


def _results(paths: list[Path], settings: Settings, workers: int) -> Iterator[Processed]:
    if workers <= 1:
        for path in paths:
            yield process_file(path, settings)
        return
    queue = list(reversed(paths))
    while queue:
        broken: list[Path] = []
        with _pool(workers) as pool:
            pending: dict[Future[Processed], Path] = {}
            while queue or pending:
                while queue and len(pending) < workers * 4:
                    path = queue.pop()
                    pending[pool.submit(process_file, path, settings)] = path
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    path = pending.pop(future)
                    try:
                        yield future.result()
                    except BrokenProcessPool:
                        broken.append(path)
                if broken:
                    broken += list(pending.values())  # every document in flight shared the dead pool
                    break
        # which of them killed its worker is unknown: each is read again alone, and the batch goes on
        for path in broken:
            yield _alone(path, settings)


def _alone(path: Path, settings: Settings) -> Processed:
    """Read one file in a pool of its own: if its worker dies again, the file is the cause."""
    with _pool(1) as pool:
        try:
            return pool.submit(process_file, path, settings).result()
        except BrokenProcessPool:
            reason = "the worker reading it died (out of memory, or killed)"
            return Processed(str(path), "", None, None, None, reason)


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
    found = find_documents(arguments)
    summary.skipped = [f"{path}: {reason}" for path, reason in found.skipped]
    todo = []
    for path, outcome in _already_stored(engine, found.files):
        if outcome is None:
            todo.append(path)
            continue
        summary.count(outcome)
        if on_progress:
            on_progress(path, outcome)
    for result in _results(todo, settings, max(1, workers)):
        outcome = _store(engine, result, settings.council)
        summary.count(outcome)
        if outcome == "failed":
            summary.errors.append(f"{result.uri}: {result.error}")
        if on_progress:
            on_progress(result.uri, outcome)
    return summary


def _already_stored(engine: Engine, paths: list[Path]) -> Iterator[tuple[Path, StoreOutcome | None]]:
    """Each path with 'unchanged' when the database holds its bytes at that path, 'duplicate' when it holds
    them at another (the path is recorded as another location of that document), None when it must be read."""
    shas = {path: _sha_of(path) for path in paths}
    known = _stored_hashes(engine, paths)
    copies = _stored_shas(engine, sorted({sha for sha in shas.values() if sha}))
    for path, sha in shas.items():
        if sha is None:
            yield path, None  # unreadable: reading it gives the reason
        elif known.get(str(path)) == sha:
            yield path, "unchanged"
        else:
            yield path, _store_copy(engine, path, sha) if sha in copies else None


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)))
