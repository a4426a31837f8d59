"""One document per set of bytes, wherever it is found; a replaced document leaves nothing of its own behind."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import Engine, func, select

from models import orm
from pipeline.ingest import ingest
from tests.conftest import minutes, seed

COUNTED = (
    orm.SourceDocument,
    orm.DocumentLocation,
    orm.Meeting,
    orm.Body,
    orm.Person,
    orm.Indicator,
    *orm.FACT_TABLES,
)


def _url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def _counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            model.__tablename__: connection.execute(select(func.count()).select_from(model)).scalar_one()
            for model in COUNTED
        }


def _folder(root: Path, *prefixes: str) -> Path:
    root.mkdir(parents=True)
    for prefix in prefixes:
        shutil.copy(seed(prefix), root)
    return root


def test_a_copied_folder_is_stored_once(engine: Engine, tmp_path: Path) -> None:
    original = _folder(tmp_path / "minutes", "001", "003")
    once = ingest([str(original)], engine)
    assert once.new == 2
    alone = _counts(engine)
    copy = tmp_path / "elsewhere" / "minutes"
    shutil.copytree(original, copy)
    result = minutes("ingest", str(original), str(copy), "--db", _url(engine))
    assert result.returncode == 0, result.stderr
    assert "4 documents: 0 new, 2 unchanged, 0 replaced, 0 failed, 2 duplicate" in result.stdout
    assert _counts(engine) == {**alone, "document_location": 2}
    again = ingest([str(original), str(copy)], engine)
    assert (again.unchanged, again.duplicate, again.new) == (4, 0, 0)


def test_copies_in_one_batch_are_one_document(engine: Engine, tmp_path: Path) -> None:
    first = _folder(tmp_path / "a", "003")
    second = _folder(tmp_path / "b", "003")
    summary = ingest([str(first), str(second)], engine)
    assert (summary.new, summary.duplicate) == (1, 1)
    counts = _counts(engine)
    assert (counts["source_document"], counts["document_location"]) == (1, 1)


def test_a_copy_whose_bytes_change_becomes_a_document_of_its_own(engine: Engine, tmp_path: Path) -> None:
    first = _folder(tmp_path / "a", "003")
    second = _folder(tmp_path / "b", "003")
    ingest([str(first), str(second)], engine)
    changed = second / seed("003").name
    changed.write_bytes(seed("002").read_bytes())
    summary = ingest([str(first), str(second)], engine)
    assert (summary.unchanged, summary.new) == (1, 1)
    counts = _counts(engine)
    assert (counts["source_document"], counts["document_location"], counts["meeting"]) == (2, 0, 2)


def test_a_document_whose_path_changes_stays_at_its_copy(engine: Engine, tmp_path: Path) -> None:
    first = _folder(tmp_path / "a", "003")
    second = _folder(tmp_path / "b", "003")
    ingest([str(first), str(second)], engine)
    with engine.connect() as connection:
        kept = connection.execute(select(orm.SourceDocument.id)).scalar_one()
    (first / seed("003").name).write_bytes(seed("002").read_bytes())
    assert ingest([str(first)], engine).new == 1
    with engine.connect() as connection:
        uris = dict(connection.execute(select(orm.SourceDocument.id, orm.SourceDocument.uri)).all())
        facts = connection.execute(
            select(func.count()).select_from(orm.Metric).where(orm.Metric.document_id == kept)
        ).scalar_one()
    assert uris[kept] == str(second / seed("003").name)  # the same row, facts and all, now at the copy
    assert facts > 0
    assert _counts(engine)["document_location"] == 0


def test_replacing_a_document_leaves_no_orphans(engine: Engine, tmp_path: Path) -> None:
    """The bytes of one document (one body and meeting, its people and indicators) become another's and
    back: what is stored then is what the first alone gave."""
    path = tmp_path / "minutes" / "decision.txt"
    path.parent.mkdir()
    path.write_bytes(seed("002").read_bytes())
    assert ingest([str(path)], engine).new == 1
    alone = _counts(engine)
    path.write_bytes(seed("003").read_bytes())
    assert ingest([str(path)], engine).replaced == 1
    assert _counts(engine) != alone
    path.write_bytes(seed("002").read_bytes())
    assert ingest([str(path)], engine).replaced == 1
    assert _counts(engine) == alone


def test_a_document_that_now_fails_leaves_no_orphans(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "minutes" / "decision.txt"
    path.parent.mkdir()
    path.write_bytes(seed("003").read_bytes())
    ingest([str(path)], engine)
    path.write_bytes(b"")
    assert ingest([str(path)], engine).failed == 1
    assert _counts(engine) == {table: int(table == "source_document") for table in _counts(engine)}


def test_shared_rows_another_document_uses_are_kept(engine: Engine, tmp_path: Path) -> None:
    folder = tmp_path / "minutes"
    folder.mkdir()
    (folder / "minutes.txt").write_bytes(seed("003").read_bytes())
    (folder / "decision.txt").write_bytes(seed("003").read_bytes() + b"\n")  # other bytes, the same meeting
    ingest([str(folder)], engine)
    both = _counts(engine)
    (folder / "decision.txt").write_bytes(b"")
    assert ingest([str(folder)], engine).failed == 1
    after = _counts(engine)
    assert {table: after[table] for table in ("meeting", "body", "person", "indicator")} == {
        table: both[table] for table in ("meeting", "body", "person", "indicator")
    }
    assert after["metric"] * 2 == both["metric"]
