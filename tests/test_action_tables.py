"""Action tables (action logs with owner, deadline and status columns) in HTML, Markdown and PDF.

No council's published action log was in the stores this project could read, so the log here is
laid out the way councils print one ("Action | Lead Officer | Target Date | Status") and filled
with the real actions of the seed minutes (Lancashire CCPI, 27 February 2018).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from fpdf import FPDF
from sqlalchemy import Engine

from extractors.action_tables import column_of, due_date, read_header
from extractors.actions import extract_actions
from models.records import RawDocument
from pipeline.formats.html import convert_html
from pipeline.formats.pdf import convert_pdf
from pipeline.segment import segment
from tests.conftest import minutes, seed

HEADER = ("Minute", "Action", "Lead Officer", "Target Date", "Status")
ROWS = (
    ("3", "A report on Academy Orders to be presented to the June meeting", "", "June 2018", "Open"),
    (
        "5",
        "Take these queries away and arrange for the relevant officer to provide a response",
        "Paul Bond",
        "",
        "Complete",
    ),
    ("6", "Meet with the Assistant Chief Constable to discuss missing children", "Amanda Hatton", "23/04/2018", "Open"),
)
INTRO = (
    "Cabinet Committee on Performance Improvement - Tuesday, 27th February, 2018 2.00 pm",
    "6. Minutes of the Meeting held on 4 October 2017",
    "Resolved: That the minutes of the meeting held on 4 October 2017 be confirmed as a correct record.",
    "7. Action sheet",
    "The Committee received the action sheet from the previous meeting.",
)
EXPECTED = [
    ("A report on Academy Orders to be presented to the June meeting", None, "2018-06", "open", "7"),
    (
        "Take these queries away and arrange for the relevant officer to provide a response",
        "Paul Bond",
        None,
        "done",
        "7",
    ),
    ("Meet with the Assistant Chief Constable to discuss missing children", "Amanda Hatton", "2018-04-23", "open", "7"),
]


def _html() -> str:
    cells = "".join(f"<th>{name}</th>" for name in HEADER)
    rows = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in ROWS)
    intro = f"<h1>{INTRO[0]}</h1><h2>{INTRO[1]}</h2><p>{INTRO[2]}</p><h2>{INTRO[3]}</h2><p>{INTRO[4]}</p>"
    return f"<html><body>{intro}<table><tr>{cells}</tr>{rows}</table><p>RESOLVED: That the report be noted.</p>"


def _table_actions(document_text: str, media: str) -> list[tuple[str, str | None, str | None, str | None, str | None]]:
    raw = RawDocument("log.html", document_text.encode(), "0" * 64, "text/html")
    document = convert_html(raw) if media == "html" else None
    assert document is not None
    sections = segment(document)
    actions = extract_actions(document, sections, dt.date(2018, 2, 27))
    return [(a.text, a.owner, a.due, a.status, a.item) for a in actions if a.evidence.extractor == "action_tables"]


def test_header_cells_name_their_columns() -> None:
    assert column_of("Lead Officer") == "owner"
    assert column_of("Action by") == "owner"
    assert column_of("Responsible Officer(s)") == "owner"
    assert column_of("Target date") == "due"
    assert column_of("By when?") == "due"
    assert column_of("Progress update") == "status"
    assert column_of("Action required") == "action"
    assert column_of("Minute") is None
    assert read_header(["Minute", "Discussion", "Action"]) is None  # an 'Action' column alone holds owners
    header = read_header(list(HEADER))
    assert header is not None and header.columns == {"action": 1, "owner": 2, "due": 3, "status": 4}


def test_deadline_cells_resolve_against_the_meeting_date() -> None:
    meeting = dt.date(2018, 2, 27)
    assert due_date("June", meeting) == "2018-06"
    assert due_date("January", meeting) == "2019-01"
    assert due_date("31/03/2018", meeting) == "2018-03-31"
    assert due_date("The June 2018 meeting", meeting) == "2018-06"
    assert due_date("Ongoing", meeting) is None


def test_html_action_log_rows_keep_their_columns() -> None:
    assert _table_actions(_html(), "html") == EXPECTED


def test_html_action_log_empty_cells_leave_the_column_empty() -> None:
    document = convert_html(RawDocument("log.html", _html().encode(), "0" * 64, "text/html"))
    first_row = next(b for b in document.blocks if "Academy Orders" in document.block_text(b))
    assert [document.text[s:e] for s, e in first_row.cells] == list(ROWS[0])


def test_markdown_action_log_through_the_cli(tmp_path: Path) -> None:
    lines = [INTRO[0], "", f"## {INTRO[1]}", "", INTRO[2], "", f"## {INTRO[3]}", "", INTRO[4], ""]
    lines.append("| " + " | ".join(HEADER) + " |")
    lines.append("|" + "---|" * len(HEADER))
    lines += ["| " + " | ".join(row) + " |" for row in ROWS]
    path = tmp_path / "action-sheet.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = minutes("extract", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    actions = json.loads(result.stdout)["actions"]
    assert [(a["text"], a["owner"], a["due"], a["item"]) for a in actions] == [
        (text, owner, due, item) for text, owner, due, _, item in EXPECTED
    ]


def _render_pdf(path: Path) -> Path:
    pdf = FPDF()
    pdf.set_font("helvetica", size=9)
    pdf.add_page()
    for line in INTRO:
        pdf.multi_cell(0, 5, line)
        pdf.ln(1)
    with pdf.table(col_widths=(12, 70, 30, 25, 20)) as table:
        for row in (HEADER, *ROWS):
            cells = table.row()
            for cell in row:
                cells.cell(cell)
    pdf.multi_cell(0, 5, "RESOLVED: That the report be noted.")
    pdf.output(str(path))
    return path


def test_pdf_action_log_is_read_as_a_table_by_the_fast_engine(tmp_path: Path) -> None:
    path = _render_pdf(tmp_path / "action-sheet.pdf")
    document = convert_pdf(RawDocument(str(path), path.read_bytes(), "0" * 64, "application/pdf"))
    actions = extract_actions(document, segment(document), dt.date(2018, 2, 27))
    found = [(a.text, a.owner, a.due, a.status, a.item) for a in actions if a.evidence.extractor == "action_tables"]
    assert found == EXPECTED
    assert "RESOLVED: That the report be noted." in document.text


def test_action_log_status_and_owner_reach_the_database(tmp_path: Path) -> None:
    path = _render_pdf(tmp_path / "action-sheet.pdf")
    db = f"sqlite:///{tmp_path / 'm.db'}"
    assert minutes("ingest", str(path), "--db", db).returncode == 0
    result = minutes("actions", "--db", db, "--status", "done", "--format", "json")
    assert result.returncode == 0, result.stderr
    done = json.loads(result.stdout)
    assert [(a["owner"], a["text"][:30]) for a in done] == [("Paul Bond", "Take these queries away and ar")]


def _later_log(path: Path) -> Path:
    """The action sheet as the committee's next meeting (21 June 2018) would receive it."""
    lines = [
        "Cabinet Committee on Performance Improvement - Thursday, 21st June, 2018 2.00 pm",
        "",
        "## 1. Apologies",
        "",
        "None were received.",
        "",
        "## 2. Action sheet",
        "",
        "The Committee received the action sheet from the meeting held on 27 February 2018.",
        "",
        "| " + " | ".join(HEADER) + " |",
        "|" + "---|" * len(HEADER),
        *("| " + " | ".join(row) + " |" for row in ROWS),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("later_first", [False, True])
def test_a_later_action_log_closes_only_the_actions_it_marks_complete(
    engine: Engine, tmp_path: Path, later_first: bool
) -> None:
    url = engine.url.render_as_string(hide_password=False)
    minutes_of_february = tmp_path / seed("001").name  # one folder: one council's documents
    minutes_of_february.write_text(seed("001").read_text(encoding="utf-8"), encoding="utf-8")
    log_of_june = _later_log(tmp_path / "ccpi-2018-06-21.md")
    for path in (log_of_june, minutes_of_february) if later_first else (minutes_of_february, log_of_june):
        assert minutes("ingest", str(path), "--db", url).returncode == 0
    rows = json.loads(minutes("actions", "--db", url, "--format", "json").stdout)
    february = [row for row in rows if row["date"] == "2018-02-27"]
    paul_bond = next(row for row in february if row["text"].startswith("agreed to take these queries away"))
    assert (paul_bond["status"], paul_bond["follow_ups"]) == ("done", 1)
    academy_orders = next(row for row in february if row["text"].startswith("a report on Academy Orders"))
    assert academy_orders["follow_ups"] == 1 and academy_orders["status"] != "done"  # the log says Open
    detail = json.loads(minutes("action", str(paul_bond["id"]), "--db", url, "--format", "json").stdout)
    assert detail["follow_ups"][0]["document"].endswith("ccpi-2018-06-21.md")
