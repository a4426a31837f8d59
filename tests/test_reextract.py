"""minutes reextract: stored documents that older extractors read are extracted again, once, each alone."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import Engine, delete, select, update

from models import orm
from pipeline.ingest import ingest
from pipeline.reextract import reextract
from tests.conftest import minutes, seed
from tests.test_locations import _counts, _url


def _stored(engine: Engine, tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "minutes"
    folder.mkdir()
    first, second = (Path(shutil.copy(seed(prefix), folder)) for prefix in ("001", "003"))
    assert ingest([str(folder)], engine).new == 2
    return first, second


def _as_if_older_extractors_read(engine: Engine, path: Path, **values: object) -> None:
    """Another version recorded, and a kind of fact the current extractors find that those did not."""
    with engine.begin() as connection:
        document = orm.SourceDocument
        document_id = connection.execute(select(document.id).where(document.uri == str(path))).scalar_one()
        connection.execute(
            update(document).where(document.id == document_id).values(extracted_with="metrics:0", **values)
        )
        connection.execute(delete(orm.Metric).where(orm.Metric.document_id == document_id))


def test_documents_older_extractors_read_are_extracted_again_once(engine: Engine, tmp_path: Path) -> None:
    first, _ = _stored(engine, tmp_path)
    as_ingested = _counts(engine)
    _as_if_older_extractors_read(engine, first)
    assert _counts(engine)["metric"] < as_ingested["metric"]
    result = minutes("reextract", "--db", _url(engine))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "1 documents extracted again, 1 already current, 0 failed\n"
    assert _counts(engine) == as_ingested
    again = reextract(engine)
    assert (again.extracted, again.current, again.failed) == (0, 2, 0)
    assert _counts(engine) == as_ingested


def test_a_document_that_cannot_be_extracted_again_keeps_its_facts(engine: Engine, tmp_path: Path) -> None:
    first, _ = _stored(engine, tmp_path)
    _as_if_older_extractors_read(engine, first, raw=b"")
    kept = _counts(engine)
    summary = reextract(engine)
    assert (summary.extracted, summary.failed) == (0, 1)
    assert summary.errors == [f"{first}: its bytes are not stored"]
    assert _counts(engine) == kept
