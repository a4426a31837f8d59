"""Hostile and awkward input costs one line and a record, never the batch; output stays inert."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

import pipeline.ingest
from models import orm
from pipeline.convert import convert
from pipeline.inert import csv_cell, like_contains, printable, table_cell
from pipeline.ingest import Processed, Settings, find_documents, ingest
from pipeline.load import load
from tests.conftest import minutes, seed


def _url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def test_a_page_of_100000_nested_tags_converts(tmp_path: Path) -> None:
    page = tmp_path / "deep.html"
    page.write_text("<html><body>" + "<div>" * 100_000 + "Apologies were received." + "</div>" * 100_000)
    assert convert(load(page)).text == "Apologies were received."


def test_links_out_of_the_folder_loops_and_unreadable_types_are_skipped_with_reasons(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("root:x:0:0:root:/root:/bin/bash")
    folder = tmp_path / "minutes"
    folder.mkdir()
    (folder / "good.txt").write_text(seed("000").read_text())
    (folder / "passwd.txt").symlink_to(outside)
    (folder / "loop").symlink_to(folder)
    (folder / "budget.xls").write_bytes(b"\xd0\xcf\x11\xe0 a spreadsheet")
    (folder / "SOURCES.md").write_text("notes")
    found = find_documents([str(folder)])
    assert [p.name for p in found.files] == ["good.txt"]
    reasons = {Path(path).name: reason for path, reason in found.skipped}
    assert reasons == {
        "passwd.txt": "a link to a file outside the folder (refused)",
        "loop": "a link to a folder (not followed)",
        "budget.xls": "not a type ingest reads (.xls)",
    }
    assert find_documents([str(tmp_path / "nowhere")]).skipped == [
        (str(tmp_path / "nowhere"), "no such file or folder")
    ]


def test_a_failed_document_is_tried_again_and_counted_again(engine: Engine, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "good.txt").write_text(seed("000").read_text())
    first = minutes("ingest", str(tmp_path), "--db", _url(engine))
    assert first.returncode == 1
    assert "1 new, 0 unchanged, 0 replaced, 1 failed" in first.stdout
    again = minutes("ingest", str(tmp_path), "--db", _url(engine))
    assert again.returncode == 1
    assert "0 new, 1 unchanged, 0 replaced, 1 failed" in again.stdout
    (tmp_path / "empty.txt").write_text(seed("001").read_text())
    fixed = minutes("ingest", str(tmp_path), "--db", _url(engine))
    assert fixed.returncode == 0, fixed.stderr
    with Session(engine) as session:
        assert {r.status for r in session.scalars(select(orm.SourceDocument))} == {"ok"}


def test_a_name_with_a_newline_cannot_forge_a_line(engine: Engine, tmp_path: Path) -> None:
    forged = tmp_path / "x.txt\nerror: forged.txt: nothing.txt"
    forged.write_bytes(b"")
    result = minutes("ingest", str(forged), "--db", _url(engine))
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "\\n" in lines[0]


def _dying(path: Path, settings: Settings) -> Processed:
    """A worker that dies on one file, as one killed for its memory does."""
    if path.name == "kills-its-worker.txt":
        os._exit(9)
    return _process_file(path, settings)


_process_file = pipeline.ingest.process_file


def test_a_worker_that_dies_fails_only_its_own_document(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in range(6):
        (tmp_path / f"minutes-{number}.txt").write_text(seed("000").read_text() + f"\nCopy {number}.\n")
    (tmp_path / "kills-its-worker.txt").write_text(seed("001").read_text())
    monkeypatch.setattr(pipeline.ingest, "process_file", _dying)
    summary = ingest([str(tmp_path)], engine, workers=2)
    assert (summary.new, summary.failed) == (6, 1)
    assert summary.errors == [
        f"{tmp_path / 'kills-its-worker.txt'}: the worker reading it died (out of memory, or killed)"
    ]


def test_output_is_inert() -> None:
    assert table_cell("[/]") == "\\[/]"
    assert table_cell("[link=https://example.org]click[/link]").startswith("\\[link=")
    assert like_contains("%") == "%\\%%"
    assert like_contains("J_nes\\") == "%J\\_nes\\\\%"
    assert csv_cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert csv_cell("-2+3") == "'-2+3"
    assert csv_cell(-2.5) == -2.5
    assert csv_cell("Clerk to write") == "Clerk to write"
    assert printable("a\nb\x1bc") == "a\\nb\\x1bc"


def test_owner_filter_matches_literally(engine: Engine) -> None:
    assert minutes("ingest", str(seed("000")), str(seed("001")), "--db", _url(engine)).returncode == 0
    everything = minutes("actions", "--db", _url(engine), "--format", "json").stdout
    assert everything.count('"id"') > 0
    wildcard = minutes("actions", "--db", _url(engine), "--owner", "%", "--format", "json")
    assert wildcard.returncode == 0
    assert wildcard.stdout.count('"id"') == 0


def test_database_names_and_databases_that_are_not_there(tmp_path: Path) -> None:
    missing = tmp_path / "typo.db"
    result = minutes("stats", "--db", str(missing))
    assert result.returncode == 2
    assert result.stderr.strip() == f"error: {missing}: no such database (ingest documents into it first)"
    assert not missing.exists()  # a command that only reads never creates an empty database
    made = minutes("ingest", str(seed("000")), "--db", str(tmp_path / "bare.db"))  # a bare path is a SQLite file
    assert made.returncode == 0, made.stderr
    assert "documents (ok)" in minutes("stats", "--db", str(tmp_path / "bare.db")).stdout
    down = minutes("stats", "--db", "postgres://postgres@127.0.0.1:1/nothing")
    assert down.returncode == 2
    lines = down.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: postgresql+psycopg://postgres@127.0.0.1:1/nothing: cannot")


def _pdf(kids: str, count: int, text: str) -> bytes:
    """A one-page PDF whose page tree lists ``kids`` (a malformed tree when they are not one page)."""
    content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def test_malformed_page_trees_fail_alone_with_one_line(engine: Engine, tmp_path: Path) -> None:
    (tmp_path / "null-kid.pdf").write_bytes(_pdf("3 0 R null", 2, "Minutes of the meeting"))
    (tmp_path / "page-twice.pdf").write_bytes(_pdf("3 0 R 3 0 R", 2, "Action Lead Officer Target Date Status"))
    (tmp_path / "one-page.pdf").write_bytes(_pdf("3 0 R", 1, "Minutes of the meeting held on 4 March 2024."))
    (tmp_path / "good.txt").write_text(seed("000").read_text())
    result = minutes("ingest", str(tmp_path), "--db", _url(engine))
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 2 and all(".pdf: " in line for line in errors), result.stderr
    assert "2 new, 0 unchanged, 0 replaced, 2 failed" in result.stdout
