"""The store's reading of a council's indicators across documents, on SQLite and PostgreSQL.

The store keeps the indicators it read for earlier documents and reads only the newer ones: these tests
hold it to what a full read would give when another writer adds an indicator, when an id commits after
a higher one (as concurrent transactions' ids do on PostgreSQL), and when a document is rolled back.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, func, insert, select

from models import orm
from pipeline.ingest import Settings, _store, ingest, process_file
from pipeline.resolve import indicator_key
from pipeline.store import StoredBytes, store_extraction
from tests.conftest import seed

NEW_FIGURE = "The number of unicorn sightings was 42."  # a figure whose indicator no seed has


@pytest.fixture
def documents(tmp_path: Path) -> tuple[Path, Path]:
    """A Corporate Parenting Board decision page (26 Nov 2019), and a copy with one figure more."""
    text = seed("003").read_text(encoding="utf-8")
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(text, encoding="utf-8")
    second.write_text(f"{text}\n\n{NEW_FIGURE}\n", encoding="utf-8")
    return first, second


def _unicorn_key(path: Path) -> str:
    extraction = process_file(path, Settings()).extraction
    assert extraction is not None
    texts = {m.indicator for m in extraction.metrics if m.value == 42}
    assert len(texts) == 1, texts
    return indicator_key(texts.pop())


def _council_of_indicators(engine: Engine) -> int | None:
    with engine.connect() as connection:
        councils = connection.execute(select(orm.Indicator.council_id).distinct()).scalars().all()
    assert len(councils) == 1
    return councils[0]


def _indicator_of_the_figure(engine: Engine, uri: Path) -> int:
    query = (
        select(orm.Metric.indicator_id)
        .join(orm.SourceDocument, orm.SourceDocument.id == orm.Metric.document_id)
        .where(orm.SourceDocument.uri == str(uri), orm.Metric.value == 42)
    )
    with engine.connect() as connection:
        return int(connection.execute(query).scalar_one())


@pytest.mark.parametrize("new_id", [-5, 1_000_000], ids=["committed-late", "newer"])
def test_an_indicator_another_writer_stored_is_matched(
    engine: Engine, documents: tuple[Path, Path], new_id: int
) -> None:
    """-5 stands for an id that a concurrent transaction took before the ids read, and committed after."""
    first, second = documents
    again = first.with_name("again.txt")
    again.write_bytes(first.read_bytes() + b"\n")  # other bytes (the same bytes would be one document), same facts
    assert ingest([str(first), str(again)], engine).new == 2  # the second read the indicators the first stored
    with engine.begin() as connection:
        connection.execute(
            insert(orm.Indicator).values(
                id=new_id, council_id=_council_of_indicators(engine), name="unicorns", key=_unicorn_key(second)
            )
        )
    summary = ingest([str(second)], engine)
    assert (summary.new, summary.failed) == (1, 0), summary.errors
    assert _indicator_of_the_figure(engine, second) == new_id


def test_a_rolled_back_document_leaves_no_indicator_behind(engine: Engine, documents: tuple[Path, Path]) -> None:
    first, second = documents
    assert ingest([str(first)], engine).new == 1
    with engine.connect() as connection:
        stored = connection.execute(select(func.count()).select_from(orm.Indicator)).scalar_one()
    processed = process_file(second, Settings())
    assert processed.document is not None and processed.extraction is not None
    with pytest.raises(RuntimeError), engine.begin() as connection:
        store_extraction(
            connection,
            StoredBytes(str(second), second.read_bytes(), processed.sha256, processed.media_type),
            processed.document,
            processed.extraction,
        )
        raise RuntimeError("the document's transaction rolls back")
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(orm.Indicator)).scalar_one() == stored
    assert _store(engine, processed) == "new"
    unicorns = _indicator_of_the_figure(engine, second)
    with engine.connect() as connection:
        assert connection.execute(select(orm.Indicator.key).where(orm.Indicator.id == unicorns)).scalar_one() == (
            _unicorn_key(second)
        )
