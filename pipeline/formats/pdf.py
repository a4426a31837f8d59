"""PDF: text in reading order without page furniture, hyphenation at line ends repaired.

Two engines. ``fast`` (pypdfium2) reads running text at hundreds of pages per second;
``layout`` (pdfplumber) is slower but also reads tables as rows (action logs with owner and
deadline columns). The fast engine hands the pages that hold an action log to pdfplumber.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import pdfplumber
import pypdfium2

from models.records import Document, RawDocument
from pipeline.errors import ConvertError
from pipeline.formats.builder import DocumentBuilder, clean_inline, line_kind, strip_bullet

PdfEngine = Literal["fast", "layout"]

_PAGE_NUMBER = re.compile(r"^(?:page\s*)?[-–(]?\s*\d{1,4}\s*[-–)]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
_SENTENCE_END = re.compile(r"[.:;!?]['\")]?$")
# A line that reads like the header row of an action log: 'Action  Lead Officer  Target Date  Status'
_ACTION_TABLE_HEADER = re.compile(
    r"^(?=.{0,100}$)\s*(?:\w+\s+){0,2}actions?\b.{0,60}\b(?:owner|lead|responsible|by\s+whom|deadline|due|target\s+date|timescale)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class PdfSettings:
    engine: PdfEngine = "fast"
    furniture_lines: int = 3  # lines at the top and bottom of a page checked for repeats


def page_lines_fast(raw: RawDocument) -> list[list[str]]:
    try:
        pdf = pypdfium2.PdfDocument(raw.data)
    except pypdfium2.PdfiumError as exc:
        raise ConvertError(raw.uri, _pdfium_reason(str(exc))) from exc
    try:
        pages = []
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range().splitlines())
            textpage.close()
            page.close()
        return pages
    finally:
        pdf.close()


def _pdfium_reason(message: str) -> str:
    if "password" in message.lower():
        return "encrypted PDF (a password is needed to read it)"
    return f"corrupt PDF ({message.rstrip('.')})"


def page_lines_layout(raw: RawDocument, only: set[int] | None = None) -> list[list[str]]:
    """pdfplumber: running text, with each table's rows as tab-separated lines where they stand.

    With ``only``, just those pages are read (the others come back empty).
    """
    try:
        with pdfplumber.open(io.BytesIO(raw.data)) as pdf:
            return [
                _plumber_page_lines(page) if only is None or index in only else []
                for index, page in enumerate(pdf.pages)
            ]
    except Exception as exc:  # pdfminer raises many unrelated types for bad files
        message = str(exc) or type(exc).__name__
        raise ConvertError(raw.uri, _pdfium_reason(message)) from exc


def _plumber_page_lines(page: pdfplumber.page.Page) -> list[str]:
    tables = page.find_tables()
    if not tables:
        return (page.extract_text() or "").splitlines()
    outside = page
    for table in tables:
        outside = outside.outside_bbox(table.bbox)
    placed = [(line["top"], line["text"]) for line in outside.extract_text_lines()]
    for table in tables:
        for row, cells in zip(table.rows, table.extract(), strict=False):
            cleaned = [clean_inline((cell or "").replace("\n", " ")) for cell in cells]
            if any(cleaned):
                placed.append((row.bbox[1], "\t".join(cleaned)))
    placed.sort(key=lambda line: line[0])
    return [text for _, text in placed]


def with_action_tables(raw: RawDocument, pages: list[list[str]]) -> list[list[str]]:
    """Re-read with pdfplumber the pages that hold an action table, and the page after each."""
    marked = {i for i, page in enumerate(pages) if any(_ACTION_TABLE_HEADER.search(line) for line in page)}
    if not marked:
        return pages
    marked |= {i + 1 for i in marked if i + 1 < len(pages)}
    layout = page_lines_layout(raw, marked)
    return [layout[i] if i in marked else page for i, page in enumerate(pages)]


def remove_furniture(pages: list[list[str]], depth: int = 3) -> list[list[str]]:
    """Drop page numbers and the headers/footers that repeat across pages."""
    pages = [[line for line in page if line.strip()] for page in pages]
    counts: Counter[str] = Counter()
    for page in pages:
        edge = {_furniture_key(line) for line in page[:depth] + page[-depth:]}
        counts.update(edge)
    threshold = max(2, (len(pages) + 1) // 2)
    repeated = {key for key, n in counts.items() if n >= threshold} if len(pages) > 1 else set()
    cleaned = []
    for page in pages:
        top, bottom = set(range(min(depth, len(page)))), set(range(max(0, len(page) - depth), len(page)))
        edges = top | bottom
        cleaned.append(
            [
                line
                for i, line in enumerate(page)
                if not (i in edges and (_furniture_key(line) in repeated or _PAGE_NUMBER.match(line.strip())))
            ]
        )
    return cleaned


def _furniture_key(line: str) -> str:
    return _DIGITS.sub("#", " ".join(line.lower().split()))


def paragraphs(lines: Iterable[str]) -> list[str]:
    """Join visual lines into paragraphs; repair words hyphenated at a line end."""
    lines = [_clean_line(line) for line in lines]
    lines = [line for line in lines if line.strip()]
    if not lines:
        return []
    wide = sorted(len(line) for line in lines)[int(len(lines) * 0.9)]
    result: list[str] = []
    for line in lines:
        if result and _continues(result[-1], line, wide):
            previous = result[-1]
            if re.search(r"[a-z]-$", previous) and line[:1].islower():
                result[-1] = previous[:-1] + line
            else:
                result[-1] = f"{previous} {line}"
        else:
            result.append(line)
    return result


def _clean_line(line: str) -> str:
    """Clean a line but keep the tabs that separate table cells."""
    if "\t" not in line:
        return clean_inline(line)
    cells = [clean_inline(cell) for cell in line.split("\t")]
    return "\t".join(cells) if sum(1 for cell in cells if cell) > 1 else " ".join(cell for cell in cells if cell)


def _continues(previous: str, line: str, wide: int) -> bool:
    if strip_bullet(line)[1] or re.match(r"^\(?\d{1,3}[.)]\s", line):
        return False
    if _SENTENCE_END.search(previous):
        return False
    if "\t" in line or "\t" in previous:
        return False
    return len(previous) >= 0.6 * wide or line[:1].islower()


def convert_pdf(raw: RawDocument, settings: PdfSettings | None = None) -> Document:
    settings = settings or PdfSettings()
    pages = page_lines_layout(raw) if settings.engine == "layout" else with_action_tables(raw, page_lines_fast(raw))
    pages = remove_furniture(pages, settings.furniture_lines)
    builder = DocumentBuilder()
    for paragraph in paragraphs(line for page in pages for line in page):
        if "\t" in paragraph:
            builder.add_row(paragraph.split("\t"))
            continue
        text, bulleted = strip_bullet(paragraph)
        builder.add("list_item" if bulleted else line_kind(text), text)
    if not len(builder):
        raise ConvertError(raw.uri, "the PDF has no text layer (scanned? OCR is not supported)")
    return builder.build(raw.uri, raw.media_type)
