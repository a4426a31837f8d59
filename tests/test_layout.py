"""Conversion that keeps layout: PDF type and spacing, columns, running headers; Word styles, list numbers
and tables; plain text laid out as a page. Real documents from the corpus and small rendered ones."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.shared import Pt
from fpdf import FPDF

from pipeline.convert import convert
from pipeline.formats.layout import Line, Typography, drop_furniture, paragraphs
from pipeline.formats.text import text_lines
from pipeline.load import load
from pipeline.segment import segment
from tests.conftest import CORPUS


def _blocks(path: Path) -> list[tuple[str, str]]:
    document = convert(load(path))
    return [(block.kind, document.block_text(block)) for block in document.blocks]


def _render(path: Path, pages: list[list[tuple[str, str, int]]]) -> Path:
    """A PDF whose lines are (text, style, size), with the same header and a page number on every page."""

    class Minutes(FPDF):
        def header(self) -> None:
            self.set_font("helvetica", size=8)
            self.cell(0, 6, "Planning Committee - 4 March 2024")
            self.ln(10)

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("helvetica", size=8)
            self.cell(0, 6, f"Page {self.page_no()} of {len(pages)}", align="C")

    pdf = Minutes()
    for lines in pages:
        pdf.add_page()
        for text, style, size in lines:
            pdf.set_font("helvetica", style=style, size=size)
            pdf.multi_cell(0, size * 0.5, text)
            pdf.ln(3)
    pdf.output(str(path))
    return path


def test_pdf_headings_by_weight_and_size_and_paragraphs_by_spacing(tmp_path: Path) -> None:
    wrapped = (
        "Apologies for absence were received from Councillor Jones and Councillor Smith, who were attending a "
        "conference on behalf of the Council, and from Councillor Patel."
    )
    path = _render(
        tmp_path / "minutes.pdf",
        [
            [("MINUTES", "B", 16), ("1. Apologies for Absence", "B", 11), (wrapped, "", 11)],
            [("2. Declarations of Interest", "B", 11), ("None were declared.", "", 11)],
        ],
    )
    blocks = _blocks(path)
    assert ("heading", "1. Apologies for Absence") in blocks
    assert ("heading", "2. Declarations of Interest") in blocks
    assert any(kind == "paragraph" and text == wrapped for kind, text in blocks)  # one paragraph, lines joined
    texts = " ".join(text for _, text in blocks)
    assert "Page 1 of 2" not in texts and "Planning Committee - 4 March 2024" not in texts  # running furniture
    document = convert(load(path))
    heading = next(b for b in document.blocks if document.block_text(b) == "MINUTES")
    item = next(b for b in document.blocks if document.block_text(b).startswith("1. Apologies"))
    assert heading.level < item.level and item.bold


def test_lines_a_pdf_reader_joined_are_split_by_where_they_end() -> None:
    # pdfium gives 'Kent Fathers, the' and the line below it as one line when a hyphen joined them
    lines = [
        Line("a multi-agency father inclusive practice guide through the collaboration of Kent Fathers, the", 1, 0, 10,
             last_bottom=24, x0=72, x1=520, size=12),
        Line("charity Dads Unlimited, and Young Apprentices.", 1, 26, 38, x0=72, x1=300, size=12),
    ]  # fmt: skip
    assert len(list(paragraphs(lines, Typography.of(lines)))) == 1


def test_running_headers_go_by_repetition_at_the_page_edges() -> None:
    pages = [
        [
            Line("Cabinet - 30 January 2025", n, 10, 20, page_height=800),
            Line(f"Minute {n}", n, 300, 310, page_height=800),
            Line(f"Page {n}", n, 780, 790, page_height=800),
        ]
        for n in (1, 2, 3)
    ]
    kept = [line.text for page in drop_furniture(pages) for line in page]
    assert kept == ["Minute 1", "Minute 2", "Minute 3"]


def test_columns_of_an_attendance_table_in_a_real_pdf() -> None:
    # a parish council's minutes: 'Present:' and 'Members of the Public:' side by side, names under each
    document = convert(load(CORPUS / "souldern-pc" / "souldern-pc-2025-10-30-minutes.pdf"))
    rows = [document.block_text(b) for b in document.blocks if b.kind == "table_row"]
    assert "Present: | Members of the Public:" in rows
    assert "Kate Green (KG) | Cllr Gareth Epps" in rows


def test_real_pdf_minutes_keep_their_numbered_headings() -> None:
    # printed minutes of a county council's cabinet: '84. Apologies' ... '92. ...'
    document = convert(load(CORPUS / "kent-cc" / "kent-cc-2025-01-30-minutes.pdf"))
    assert [s.number for s in segment(document)] == [str(n) for n in range(84, 93)]


def test_word_headings_bold_labels_tables_and_list_numbers(tmp_path: Path) -> None:
    word = docx.Document()
    word.add_heading("Minutes of the Parish Council Meeting", level=1)
    for title in ("CALL TO ORDER", "APPROVAL OF THE MINUTES"):
        word.add_paragraph(title, style="List Number")
    label = word.add_paragraph()
    run = label.add_run("Flooding:")
    run.bold = True
    run.font.size = Pt(11)
    label.add_run(" Councillors discussed the recent flooding.")
    table = word.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "MEMBERS PRESENT", "OFFICERS"
    table.cell(1, 0).text, table.cell(1, 1).text = "Councillor Allard", "Mr. M. Jack, Chief Operating Officer"
    path = tmp_path / "minutes.docx"
    word.save(str(path))
    document = convert(load(path))
    texts = [(b.kind, document.block_text(b)) for b in document.blocks]
    assert texts[0] == ("heading", "Minutes of the Parish Council Meeting")
    assert ("list_item", "1. CALL TO ORDER") in texts or ("heading", "1. CALL TO ORDER") in texts
    assert any(text == "2. APPROVAL OF THE MINUTES" for _, text in texts)  # Word's own numbers, computed
    flooding = next(b for b in document.blocks if document.block_text(b).startswith("Flooding:"))
    assert flooding.bold_lead and not flooding.bold
    assert ("table_row", "Councillor Allard | Mr. M. Jack, Chief Operating Officer") in texts


def test_real_word_minutes_with_roman_list_numbers() -> None:
    # a port district's board minutes: items numbered by Word (I. to X.), lettered sub-items under two
    document = convert(load(CORPUS / "port-of-alsea-or" / "port-of-alsea-or-2018-06-28-minutes.docx"))
    numbers = [s.number for s in segment(document)]
    assert numbers[:7] == ["I", "II", "III", "IV", "V", "VI", "VII"]
    assert numbers.count("A") == 2 and "X" in numbers
    assert "1" not in numbers  # the list of applicants under VII.A is no item


def test_plain_text_from_a_pdf_is_laid_out_as_a_page() -> None:
    text = (
        "CALL TO ORDER\n"
        "The meeting was called to order at 6:31 p.m. by President Marx, who noted that\n"
        "five Board Members are present.\n"
        "\n"
        "35/20\n"
        "Apologies for absence\n"
        "\f"
        "                              Page 2 of 9\n"
    )
    lines = text_lines(text)
    assert [line.text for line in lines][:3] == [
        "CALL TO ORDER",
        "The meeting was called to order at 6:31 p.m. by President Marx, who noted that",
        "five Board Members are present.",
    ]
    assert "35/20" in [line.text for line in lines]  # a minute number alone on its line is no page number
    assert all("Page 2" not in line.text for line in lines)
    assert lines[3].blank_before
