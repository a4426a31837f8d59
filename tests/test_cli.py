"""The minutes command, run as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

import db
from models import orm
from tests.conftest import CORPUS, minutes, seed


def _url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def test_extract_prints_the_gold_format() -> None:
    result = minutes("extract", str(seed("001")), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {
        "doc",
        "doc_type",
        "body",
        "meeting_date",
        "attendees",
        "people",
        "agenda_items",
        "resolutions",
        "actions",
        "metrics",
        "votes",
    }
    assert data["doc_type"] == "minutes"
    assert data["meeting_date"] == "2018-02-27"
    assert data["agenda_items"][0] == {
        "number": "1",
        "title": "Apologies for Absence",
        "span": data["agenda_items"][0]["span"],
    }


def test_extract_spans_index_the_normalised_text() -> None:
    text = minutes("extract", str(seed("001")), "--format", "text").stdout
    data = json.loads(minutes("extract", str(seed("001"))).stdout)
    for resolution in data["resolutions"]:
        start, end = resolution["span"]
        assert text[start:end] == resolution["text"]


def test_extract_bad_file_is_one_line(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = minutes("extract", str(empty))
    assert result.returncode == 1
    assert result.stderr.strip() == f"error: {empty}: empty file"


def test_usage_error_exits_2() -> None:
    assert minutes("extract").returncode == 2
    assert minutes("ingest", "corpus", "--workers", "-1").returncode == 2


@pytest.mark.slow
def test_ingest_corpus_then_again_is_idempotent(engine: Engine) -> None:
    first = minutes("ingest", str(CORPUS), "--db", _url(engine), "--workers", "2")
    assert first.returncode == 0, first.stderr
    documents = len([p for p in CORPUS.rglob("*.*") if p.name != "SOURCES.md"])
    assert f"{documents} new, 0 unchanged, 0 replaced, 0 failed" in first.stdout
    with Session(engine) as session:
        counts = {
            m.__tablename__: session.scalar(select(func.count()).select_from(m))
            for m in (orm.Metric, orm.Resolution, orm.AgendaItem)
        }
    second = minutes("ingest", str(CORPUS), "--db", _url(engine))
    assert f"0 new, {documents} unchanged, 0 replaced, 0 failed" in second.stdout
    with Session(engine) as session:
        again = {
            m.__tablename__: session.scalar(select(func.count()).select_from(m))
            for m in (orm.Metric, orm.Resolution, orm.AgendaItem)
        }
    assert again == counts
    stats = json.loads(minutes("stats", "--db", _url(engine), "--format", "json").stdout)
    assert stats["documents"] == {"total": documents, "ok": documents}
    assert stats["resolutions"] == counts["resolution"]


def test_changed_document_replaces_its_facts(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "minutes.txt"
    original = seed("001").read_text()
    path.write_text(original)
    assert minutes("ingest", str(path), "--db", _url(engine)).returncode == 0
    path.write_text(original.replace("Resolved:  That the Cabinet Committee note the report.", ""))
    result = minutes("ingest", str(path), "--db", _url(engine))
    assert "0 new, 0 unchanged, 1 replaced, 0 failed" in result.stdout
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(orm.Resolution)) == 3
        assert session.scalar(select(func.count()).select_from(orm.SourceDocument)) == 1


def test_bad_inputs_are_recorded_and_never_stop_the_batch(engine: Engine, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "junk.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj garbage")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04 not supported")
    (tmp_path / "big.txt").write_bytes(b"Minutes of the meeting. " * 100_000)
    good = tmp_path / "good.txt"
    good.write_text(seed("000").read_text())
    result = minutes("ingest", str(tmp_path), str(tmp_path / "notes.docx"), "--db", _url(engine), "--max-mb", "1")
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 5, result.stderr
    assert "Traceback" not in result.stderr
    assert any("big.txt: file too large" in line for line in errors)
    assert any("broken.pdf: corrupt PDF" in line for line in errors)
    assert any("notes.docx: not a readable Word document" in line for line in errors)
    assert "1 new, 0 unchanged, 0 replaced, 5 failed" in result.stdout
    with Session(engine) as session:
        rows = session.scalars(select(orm.SourceDocument)).all()
        failed = {Path(r.uri).name: r for r in rows if r.status == "failed"}
        assert failed["junk.txt"].raw == (tmp_path / "junk.txt").read_bytes()
        assert failed["junk.txt"].error == "binary data, not text"
        assert [Path(r.uri).name for r in rows if r.status == "ok"] == ["good.txt"]


def test_db_upgrade_command(tmp_path: Path) -> None:
    result = minutes("db", "upgrade", "--db", f"sqlite:///{tmp_path / 'new.db'}")
    assert result.returncode == 0
    assert f"database at revision {db.head_revision()}" in result.stdout
