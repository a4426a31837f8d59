"""The read commands run as a researcher runs them, on SQLite and PostgreSQL: search, meetings, meeting,
resolutions, people, person, documents, indicators and db reindex; their output escaped."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import Engine

from pipeline.ingest import ingest
from tests.conftest import CORPUS, SEEDS, minutes

DISTRICT = CORPUS / "limerick"
HOSTILE = '=HYPERLINK("http://x") zebrafish [red]alarm[/red]\n\nMinutes of the meeting\n'


@pytest.fixture
def url(engine: Engine, tmp_path: Path) -> str:
    """The database, holding a county's papers, a district's minutes and a document written to harm."""
    folder = tmp_path / "docs"
    shutil.copytree(SEEDS, folder / SEEDS.name)
    shutil.copytree(DISTRICT, folder / DISTRICT.name)
    (folder / "hostile").mkdir()
    (folder / "hostile" / "minutes.txt").write_text(HOSTILE)
    (folder / "broken").mkdir()
    (folder / "broken" / "empty.txt").write_bytes(b"")
    summary = ingest([str(p) for p in sorted(folder.rglob("*.*"))], engine, workers=1)
    assert summary.failed == 1, summary.errors
    return engine.url.render_as_string(hide_password=False)


def _json(*args: str) -> object:
    result = minutes(*args, "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_search_as_json_csv_and_table(url: str) -> None:
    hits = _json("search", '"children in care"', "--db", url, "--kind", "item")
    assert isinstance(hits, list) and len(hits) == 1
    assert hits[0]["snippet"] == "<mark>Children in Care</mark> and Care Leavers Performance Information" or (
        "<mark>Children</mark> in <mark>Care</mark>" in hits[0]["snippet"]
    )
    assert (hits[0]["body"], hits[0]["date"]) == ("Corporate Parenting Board", "2019-11-26")
    found = minutes("search", "foster", "--db", url, "--limit", "2", "--format", "csv")
    assert found.returncode == 0, found.stderr
    rows = list(csv.DictReader(io.StringIO(found.stdout)))
    assert len(rows) == 2 and all("<mark>" in row["snippet"] for row in rows)
    table = minutes("search", "landfill", "--db", url, "--council", "limerick")
    assert table.returncode == 0 and "Gortadroma" in table.stdout and "Lancashire" not in table.stdout


def test_search_output_never_acts(url: str) -> None:
    as_csv = minutes("search", "zebrafish", "--db", url, "--format", "csv")
    (row,) = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    # a spreadsheet shows it, never runs it (PostgreSQL's snippet starts at the first word, SQLite's at the '=')
    assert "HYPERLINK(" in row["snippet"] and not row["snippet"].startswith(("=", "+", "-", "@"))
    table = minutes("search", "zebrafish", "--db", url)
    assert "[red]alarm[/red]" in table.stdout  # shown, not read as markup


def test_search_usage_errors(url: str) -> None:
    assert minutes("search", "x", "--db", url, "--kind", "minutes").returncode == 2
    assert minutes("search", "x", "--db", url, "--since", "last year").returncode == 2
    missing = minutes("search", "x", "--db", "/nonexistent/minutes.db")
    assert missing.returncode == 2 and missing.stderr.startswith("error: ")


def test_meetings_and_one_meeting(url: str) -> None:
    listed = _json("meetings", "--db", url, "--council", "limerick", "--since", "2014-10-01")
    assert isinstance(listed, list) and [(m["date"], m["items"]) for m in listed] == [("2014-10-07", 8)]
    detail = _json("meeting", str(listed[0]["id"]), "--db", url)
    assert isinstance(detail, dict)
    assert detail["meeting"]["body"] == "MUNICIPAL DISTRICT OF ADARE-RATHKEALE" and len(detail["items"]) == 8
    assert detail["documents"][0]["uri"].endswith("adare-rathkeale-2014-10-07.md")
    shown = minutes("meeting", str(listed[0]["id"]), "--db", url)
    assert shown.returncode == 0 and "attendance" in shown.stdout and "resolutions" in shown.stdout
    none = minutes("meeting", "9999", "--db", url)
    assert (none.returncode, none.stderr) == (1, "error: no meeting 9999\n")


def test_resolutions_as_csv(url: str) -> None:
    result = minutes("resolutions", "--db", url, "--body", "adare", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 4 and {row["council"] for row in rows} == {"limerick (unnamed council)"}
    assert rows[0]["date"] == "2014-09-09" and rows[0]["document"].endswith(".md")


def test_people_and_one_person(url: str) -> None:
    (driver,) = _json("people", "Driver", "--db", url)  # type: ignore[misc]
    assert (driver["kind"], driver["roles"]) == ("councillor", ["County Councillor"])
    detail = _json("person", str(driver["id"]), "--db", url)
    assert isinstance(detail, dict)
    assert [(a["date"], a["status"]) for a in detail["attendance"]] == [("2018-02-27", "apologies")]
    assert minutes("person", "99999", "--db", url).returncode == 1


def test_documents_that_failed(url: str) -> None:
    (failed,) = _json("documents", "--status", "failed", "--db", url)  # type: ignore[misc]
    assert failed["uri"].endswith("empty.txt") and failed["error"]
    table = minutes("documents", "--db", url)
    assert table.returncode == 0 and "failed" in table.stdout and "ok" in table.stdout


def test_indicators_and_reindex(url: str) -> None:
    rows = _json("indicators", "looked after children", "--db", url)
    assert isinstance(rows, list)
    assert any(r["name"] == "number of looked after children" and r["figures"] >= 5 for r in rows)
    result = minutes("db", "reindex", "--db", url)
    assert result.returncode == 0 and "rebuilt" in result.stdout
    assert _json("search", "landfill", "--db", url, "--kind", "document")
