"""Converters: text encodings, HTML templates, ModernGov XML and PDF, on real documents."""

from __future__ import annotations

from pathlib import Path

import pytest
from fpdf import FPDF
from hypothesis import given
from hypothesis import strategies as st

from pipeline.convert import convert
from pipeline.errors import ConvertError, LoadError
from pipeline.formats.builder import clean_inline, normalise_inline
from pipeline.formats.pdf import PdfSettings, convert_pdf
from pipeline.load import LoadSettings, load, raw_document
from tests.conftest import CORPUS, seed

SEED_001 = seed("001").read_text()


def _raw(tmp_path: Path, name: str, data: bytes):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_bytes(data)
    return load(path)


def test_cp1252_text_is_decoded(tmp_path: Path) -> None:
    text = "Councillor O’Toole reported a £6m overspend – see café."
    document = convert(_raw(tmp_path, "a.txt", text.encode("cp1252")))
    assert document.text == text


def test_moderngov_item_markers_are_removed() -> None:
    document = convert(load(seed("001")))
    assert "<AI" not in document.text
    assert "Apologies for Absence" in document.text


def test_binary_junk_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConvertError, match="binary data"):
        convert(_raw(tmp_path, "junk.txt", bytes(range(256)) * 10))


def test_load_refuses_empty_large_and_unknown(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="empty file"):
        _raw(tmp_path, "e.txt", b"  \n")
    with pytest.raises(LoadError, match="too large"):
        raw_document(tmp_path / "x.txt", b"x" * 2000, LoadSettings(max_bytes=1000))
    with pytest.raises(LoadError, match="unknown file type"):
        _raw(tmp_path, "x.xyz", b"PK\x03\x04")


def _council_page(body_html: str) -> str:
    return f"""<!DOCTYPE html><html><head><title>Minutes</title><style>p{{color:red}}</style>
    <script>var tracking = 1;</script></head><body>
    <header class="site-header"><a href="/">Home</a> Lancashire County Council</header>
    <nav class="breadcrumb"><ul><li>Home</li><li>Meetings</li></ul></nav>
    <div id="modgov">{body_html}</div>
    <footer>Copyright Lancashire County Council</footer></body></html>"""


def test_html_keeps_content_and_drops_template(tmp_path: Path) -> None:
    body = (
        "<h1>Decision details</h1><h2>Corporate Parenting Board</h2>"
        "<p><span class='mgLabel'>Decision Maker: </span>Corporate Parenting Board</p>"
        "<ul><li>Visits in Timescale – 92%</li></ul>"
        "<table><tr><th>Action</th><th>Owner</th></tr><tr><td>Report back</td><td>Jane Smith</td></tr></table>"
    )
    document = convert(_raw(tmp_path, "d.html", _council_page(body).encode()))
    lines = document.text.splitlines()
    assert lines[0] == "Decision details"
    assert "Decision Maker: Corporate Parenting Board" in lines
    assert "Report back | Jane Smith" in lines
    assert "tracking" not in document.text and "Copyright" not in document.text
    assert "Breadcrumb" not in document.text and "Meetings" not in lines
    kinds = {document.block_text(b): b.kind for b in document.blocks}
    assert kinds["Visits in Timescale – 92%"] == "list_item"
    assert kinds["Report back | Jane Smith"] == "table_row"


def test_printed_minutes_html_with_item_markers(tmp_path: Path) -> None:
    body = "".join(
        f"<AI{n}><p>{n}.</p><p><b>{title}</b></p><p>{text}</p></AI{n}>"
        for n, title, text in [
            (1, "Apologies for Absence", "Apologies were received from Councillor Green."),
            (2, "Minutes", "Resolved: That the minutes be confirmed."),
        ]
    )
    document = convert(_raw(tmp_path, "m.html", _council_page(body).encode()))
    assert document.text.splitlines()[:3] == [
        "1.",
        "Apologies for Absence",
        "Apologies were received from Councillor Green.",
    ]


def test_broken_html_still_converts(tmp_path: Path) -> None:
    document = convert(_raw(tmp_path, "b.html", b"<html><body><p>Resolved: That the <b>report be noted"))
    assert document.text == "Resolved: That the report be noted"


def test_moderngov_xml_states_meeting_facts() -> None:
    document = convert(load(CORPUS / "manchester" / "audit-committee-2026-02-10.xml"))
    facts = document.facts
    assert facts.body == "Audit Committee"
    assert str(facts.meeting_date) == "2026-02-10"
    assert facts.location == "Council Antechamber, Level 2, Town Hall Extension"
    assert [(a.name, a.role, a.status) for a in facts.attendees] == [("Basil Curley", "Councillor", "expected")]
    assert [(i.number, i.title) for i in facts.items] == [("1", "Minutes"), ("9", "Work Programme")]
    assert "Work Programme for the remainder of 2025/26 municipal year." in document.text


def render_pdf(text: str, path: Path, encrypt: bool = False) -> Path:
    """Render real minutes text to a paginated PDF with a running header and page numbers."""

    class Minutes(FPDF):
        def header(self) -> None:
            self.set_font("helvetica", size=8)
            self.cell(0, 6, "Cabinet Committee on Performance Improvement - 27 February 2018")
            self.ln(8)

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("helvetica", size=8)
            self.cell(0, 6, f"Page {self.page_no()}", align="C")

    pdf = Minutes()
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    for line in text.splitlines():
        line = line.strip().replace("’", "'").replace("–", "-").replace("·", "-")
        if line and not line.startswith(("<AI", "</AI")):
            pdf.multi_cell(0, 5, line.encode("latin-1", "replace").decode("latin-1"))
            pdf.ln(1)
    if encrypt:
        pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.output(str(path))
    return path


@pytest.mark.parametrize("engine", ["fast", "layout"])
def test_pdf_text_without_page_furniture(tmp_path: Path, engine: str) -> None:
    path = render_pdf(SEED_001, tmp_path / "minutes.pdf")
    document = convert_pdf(load(path), PdfSettings(engine=engine))  # type: ignore[arg-type]
    assert "Page 2" not in document.text
    assert "Cabinet Committee on Performance Improvement - 27 February 2018" not in document.text
    assert (
        "Paul Bond agreed to take these queries away and arrange for the relevant officer to provide a response."
        in document.text
    )
    assert (
        "Resolved: That the Cabinet Committee note the updated Corporate Risk and Opportunity Register."
        in document.text
    )


def test_encrypted_pdf_is_named(tmp_path: Path) -> None:
    path = render_pdf("Minutes of the meeting", tmp_path / "locked.pdf", encrypt=True)
    with pytest.raises(ConvertError, match="encrypted PDF"):
        convert(load(path))


def test_corrupt_pdf_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConvertError, match="corrupt PDF"):
        convert(_raw(tmp_path, "c.pdf", b"%PDF-1.7\n%broken\n"))


def test_pdf_hyphenation_is_repaired() -> None:
    from pipeline.formats.layout import Line, Typography, paragraphs

    lines = [
        Line("The Committee noted that the number of looked after children had contin-", 1, 100, 112, 72, 520, 12),
        Line("ued to increase across the county during the quarter.", 1, 114, 126, 72, 400, 12),
    ]
    assert [p.text for p in paragraphs(lines, Typography.of(lines))] == [
        "The Committee noted that the number of looked after children had continued to increase "
        "across the county during the quarter."
    ]


def test_markdown_from_pdf_is_unwrapped_without_front_matter_or_page_furniture() -> None:
    from pipeline.formats.text import markdown_lines

    # the shape of the Limerick minutes: front matter, hidden spans, page breaks with numbers, hard wraps
    text = (
        '---\ndate: 2014-10-07\ncouncil_body: "Adare-Rathkeale"\n---\n\n'
        '<span data-pagefind-filter="Year" style="display:none;">2014</span>\n\n'
        "[Original file](https://www.limerick.ie/minutes.pdf)\n\n---\n"
        "*<small>Scanned page, text may contain errors. See original file for clarity</small>*  \n\n"
        "MINUTES OF PROCEEDINGS AT MEETING OF THE MUNICIPAL DISTRICT\n"
        "OF ADARE-RATHKEALE ON TUESDAY 9™ SEPTEMBER, 2014\n\n"
        "3. Environment and Water\n\nGortadroma Landfill\nMr. G. Doherty, Senior Executive Engineer gave a\n"
        "presentation on the proposed lease.\n\n---\n2\n\n"
        "4. Travel and Transportation\nMr. Brian Kennedy made a presentation.\n"
    )
    assert markdown_lines(text) == [
        "Original file",
        "MINUTES OF PROCEEDINGS AT MEETING OF THE MUNICIPAL DISTRICT OF ADARE-RATHKEALE ON TUESDAY 9™ SEPTEMBER, 2014",
        "3. Environment and Water",
        "Gortadroma Landfill",
        "Mr. G. Doherty, Senior Executive Engineer gave a presentation on the proposed lease.",
        "4. Travel and Transportation",
        "Mr. Brian Kennedy made a presentation.",
    ]


def test_markdown_with_a_blank_line_after_every_pdf_line_is_rejoined() -> None:
    from pipeline.formats.text import markdown_lines

    # Limerick, Metropolitan District minutes of 21 July 2014, as FarronF/limerick-council-meetings stores them
    text = (
        "MINUTES OF PROCEEDINGS AT SPECIAL MEETING OF THE\n\nMETROPOLITAN DISTRICT OF LIMERICK HELD IN THE\n\n"
        "EXHIBITION\n\nROOM,\n\nCITY\n\nHALL,\n\nLIMERICK, ON MONDAY, 21ST JULY, 2014 AT 09.15 A.M.\n\n"
        "PRESENT IN THE CHAIR:\n\nMayor Michael Sheahan\n\nMEMBERS PRESENT:\n\n"
        "Councillors Butler, Byrne, Clifford, Collins, Daly, Gilligan, Hourigan, Hurley, Keller,\n\n"
        "Leddin, Loftus and Sheahan\n\n**2.**\n\n**Standing Orders**\n\n"
        "It was agreed that the Meetings Administrator would circulate a draft of the Standing\n\n"
        "Orders to the Metropolitan District Party Leaders.\n"
    )
    assert markdown_lines(text) == [
        "MINUTES OF PROCEEDINGS AT SPECIAL MEETING OF THE METROPOLITAN DISTRICT OF LIMERICK HELD IN THE "
        "EXHIBITION ROOM, CITY HALL, LIMERICK, ON MONDAY, 21ST JULY, 2014 AT 09.15 A.M.",
        "PRESENT IN THE CHAIR:",
        "Mayor Michael Sheahan",
        "MEMBERS PRESENT:",
        "Councillors Butler, Byrne, Clifford, Collins, Daly, Gilligan, Hourigan, Hurley, Keller, Leddin, Loftus "
        "and Sheahan",
        "2.",
        "Standing Orders",
        "It was agreed that the Meetings Administrator would circulate a draft of the Standing Orders to the "
        "Metropolitan District Party Leaders.",
    ]


@given(st.text())
def test_the_plain_ascii_shortcut_cleans_lines_as_the_full_normaliser_does(line: str) -> None:
    assert clean_inline(line) == normalise_inline(line)


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_lines_clean_as_the_full_normaliser_does(line: str) -> None:
    assert clean_inline(line) == normalise_inline(line)


def test_markdown_callouts_and_quotes_are_titles_and_lines_and_entities_are_decoded() -> None:
    from pipeline.formats.text import markdown_lines

    # a Canadian city's minutes as Markdown: attendance in callouts, items numbered with '&nbsp;'
    text = (
        "> [!abstract]- Present:\n> E. Peloza, P. Cuddy, S. Stevenson\n\n"
        "> [!abstract]- Also Present:\n> S. Datars-Bere, A. Abraham\n\n"
        "# 1.&nbsp;&nbsp;&nbsp;Call to Order\n\n> Motion made by A. Hopkins\n\n> Seconded by S. Hillier\n"
    )
    assert markdown_lines(text) == [
        "Present:",
        "E. Peloza, P. Cuddy, S. Stevenson",
        "Also Present:",
        "S. Datars-Bere, A. Abraham",
        "# 1.\xa0\xa0\xa0Call to Order",
        "Motion made by A. Hopkins",
        "Seconded by S. Hillier",
    ]
