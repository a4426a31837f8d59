"""PDF: visual lines with their type and position, then blocks by layout (:mod:`pipeline.formats.layout`).

Two engines. ``fast`` (pypdfium2) reads each line with its type size, weight and position at hundreds
of pages per second; ``layout`` (pdfplumber) is slower but also reads tables as rows (action logs with
owner and deadline columns). The fast engine hands the pages that hold an action log to pdfplumber.
"""

from __future__ import annotations

import ctypes
import io
import re
from dataclasses import dataclass, replace
from typing import Any, Literal

import pdfplumber
import pypdfium2
import pypdfium2.raw as pdfium_c

from models.records import Document, RawDocument
from pipeline.errors import ConvertError
from pipeline.formats.builder import DocumentBuilder, clean_inline
from pipeline.formats.layout import Line, add_lines, drop_furniture, in_reading_order

PdfEngine = Literal["fast", "layout"]

# A line that reads like the header row of an action log: 'Action  Lead Officer  Target Date  Status'
_ACTION_TABLE_HEADER = re.compile(
    r"^(?=.{0,100}$)\s*(?:\w+\s+){0,2}actions?\b.{0,60}\b(?:owner|lead|responsible|by\s+whom|deadline|due|target\s+date|timescale)",
    re.IGNORECASE,
)
FORCE_BOLD = 0x40000  # the PDF font descriptor's ForceBold flag
BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demi")


@dataclass(frozen=True, slots=True)
class PdfSettings:
    engine: PdfEngine = "fast"


def _pdfium_reason(message: str) -> str:
    if "password" in message.lower():
        return "encrypted PDF (a password is needed to read it)"
    return f"corrupt PDF ({message.rstrip('.')})"


class _FontReader:
    """Type size and weight of a text page's characters (pdfium's C functions, one buffer reused)."""

    def __init__(self, textpage: Any) -> None:
        self.textpage = textpage
        self.raw = textpage.raw
        self.name = ctypes.create_string_buffer(96)
        self.flags = ctypes.c_int()
        self.cache: dict[tuple[bytes, int], bool] = {}

    def size(self, index: int) -> float:
        return float(pdfium_c.FPDFText_GetFontSize(self.raw, index))

    def bold(self, index: int) -> bool:
        pdfium_c.FPDFText_GetFontInfo(self.raw, index, self.name, len(self.name), ctypes.byref(self.flags))
        key = (self.name.value, self.flags.value)
        known = self.cache.get(key)
        if known is None:
            name = key[0].decode("latin-1").lower()
            known = bool(key[1] & FORCE_BOLD) or any(word in name for word in BOLD_NAMES)
            if not known:
                known = pdfium_c.FPDFText_GetFontWeight(self.raw, index) >= 600
            self.cache[key] = known
        return known


def _page_lines(page: Any, number: int) -> list[Line]:
    height = float(page.get_height())
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        aligned = len(text) == textpage.count_chars()  # one character per index: positions can be read
        fonts = _FontReader(textpage)
        lines = []
        position = 0
        for raw_line in text.split("\r\n"):
            at = position
            position += len(raw_line) + 2
            cleaned = clean_inline(raw_line)
            if not cleaned:
                continue
            if not aligned:
                lines.append(Line(cleaned, number, page_height=height))
                continue
            first = at + len(raw_line) - len(raw_line.lstrip())
            last = at + len(raw_line.rstrip()) - 1
            # loose boxes span the font's ascent and descent: the same for every glyph of a line
            left, bottom, _, top = textpage.get_charbox(first, loose=True)
            _, last_bottom, right, _ = textpage.get_charbox(last, loose=True)
            bold_first, bold_last = fonts.bold(first), fonts.bold(last)
            lines.append(
                Line(
                    cleaned,
                    number,
                    top=height - top,
                    bottom=height - bottom,
                    last_bottom=height - last_bottom,
                    x0=left,
                    x1=right,
                    size=max(fonts.size(first), fonts.size(last)),
                    bold=bold_first and bold_last,
                    bold_lead=bold_first and not bold_last,
                    page_height=height,
                    source=(first, last),
                )
            )
        return _with_cells(textpage, in_reading_order(lines))
    finally:
        textpage.close()


SPREAD = 1.6  # a line whose characters take this many times the usual width has gaps in it: columns


def _with_cells(textpage: Any, lines: list[Line]) -> list[Line]:
    """Lines set in columns ('Present:      Members of the Public:') split into their cells, with where each
    cell starts. Only lines whose characters are spread wider than the page's usual are read glyph by glyph."""
    widths = sorted((line.x1 - line.x0) / len(line.text) for line in lines if len(line.text) > 20 and line.x1)
    if not widths:
        return lines
    usual = widths[len(widths) // 2]
    result = []
    for line in lines:
        if line.source and len(line.text) >= 3 and (line.x1 - line.x0) / len(line.text) > SPREAD * usual:
            cells = _cells(textpage, line.source, usual)
            if len(cells) > 1 and all(len(text.split()) <= CELL_WORDS for text, _ in cells):
                line = replace(line, cells=tuple(t for t, _ in cells), cell_x=tuple(x for _, x in cells))
        result.append(line)
    return result


CELL_WORDS = 8  # a table's cells are short; a long run of words beside a note is text, not a table


def _cells(textpage: Any, source: tuple[int, int], usual: float) -> list[tuple[str, float]]:
    """The pieces of a line between gaps wider than three characters, each with its left edge."""
    first, last = source
    text = textpage.get_text_range(first, last - first + 1)
    cells: list[tuple[str, float]] = []
    current: list[str] = []
    start_x = 0.0
    previous_right: float | None = None
    for offset, char in enumerate(text):
        if char.isspace():
            current.append(char)
            continue
        left, _, right, _ = textpage.get_charbox(first + offset)
        if previous_right is not None and left - previous_right > 3 * usual and "".join(current).strip():
            cells.append((clean_inline("".join(current)), start_x))
            current = []
        if not "".join(current).strip():
            start_x = left
        current.append(char)
        previous_right = right
    if "".join(current).strip():
        cells.append((clean_inline("".join(current)), start_x))
    return cells


def page_lines_fast(raw: RawDocument) -> list[list[Line]]:
    try:
        pdf = pypdfium2.PdfDocument(raw.data)
    except pypdfium2.PdfiumError as exc:
        raise ConvertError(raw.uri, _pdfium_reason(str(exc))) from exc
    try:
        pages = []
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                pages.append(_page_lines(page, index + 1))
            finally:
                page.close()
        return pages
    except pypdfium2.PdfiumError as exc:
        raise ConvertError(raw.uri, _pdfium_reason(str(exc))) from exc
    finally:
        pdf.close()


def page_lines_layout(raw: RawDocument, only: set[int] | None = None) -> list[list[Line]]:
    """pdfplumber: running text, with each table's rows as rows of cells where they stand.

    With ``only`` (0-based page indices), just those pages are read (the others come back empty).
    """
    try:
        with pdfplumber.open(io.BytesIO(raw.data)) as pdf:
            return [
                _plumber_page_lines(page, index + 1) if only is None or index in only else []
                for index, page in enumerate(pdf.pages)
            ]
    except Exception as exc:  # pdfminer raises many unrelated types for bad files
        message = str(exc) or type(exc).__name__
        raise ConvertError(raw.uri, _pdfium_reason(message)) from exc


def _plumber_cells(chars: list[dict[str, Any]]) -> list[tuple[str, float]]:
    """A pdfplumber line's pieces between gaps wider than three characters, each with its left edge."""
    widths = sorted(float(c["x1"]) - float(c["x0"]) for c in chars if str(c.get("text", "")).strip())
    if not widths:
        return []
    usual = widths[len(widths) // 2]
    cells: list[tuple[str, float]] = []
    current: list[str] = []
    start_x = float(chars[0]["x0"])
    previous_right: float | None = None
    for char in chars:
        text = str(char.get("text", ""))
        gap = float(char["x0"]) - previous_right if previous_right is not None else 0.0
        if text.strip() and previous_right is not None and gap > 3 * usual:
            cells.append((clean_inline("".join(current)), start_x))
            current, start_x = [], float(char["x0"])
        elif text.strip() and gap > 0.2 * usual:
            current.append(" ")  # pdfplumber leaves out the spaces between words
        current.append(text)
        if text.strip():
            previous_right = float(char["x1"])
    cells.append((clean_inline("".join(current)), start_x))
    return [(text, x) for text, x in cells if text]


def _plumber_line(line: dict[str, Any], number: int, height: float) -> Line:
    chars = line.get("chars") or []
    names = [str(c.get("fontname", "")).lower() for c in chars[:1] + chars[-1:]]
    bold = [any(word in name for word in BOLD_NAMES) for name in names]
    size = max((float(c.get("size", 0.0)) for c in chars[:1] + chars[-1:]), default=0.0)
    cells = _plumber_cells(chars)
    if len(cells) < 2 or any(len(text.split()) > CELL_WORDS for text, _ in cells):
        cells = []
    return Line(
        clean_inline(line["text"]),
        number,
        top=float(line["top"]),
        bottom=float(line["bottom"]),
        x0=float(line["x0"]),
        x1=float(line["x1"]),
        size=size,
        bold=bool(bold) and all(bold),
        bold_lead=bool(bold) and bold[0] and not all(bold),
        page_height=height,
        cells=tuple(text for text, _ in cells),
        cell_x=tuple(x for _, x in cells),
    )


def _within(
    box: tuple[float, float, float, float], page: tuple[float, float, float, float]
) -> tuple[float, float, float, float]:
    """A table's box clipped to its page (a table drawn past the page's edge has one larger than the page)."""
    return (max(box[0], page[0]), max(box[1], page[1]), min(box[2], page[2]), min(box[3], page[3]))


def _plumber_page_lines(page: pdfplumber.page.Page, number: int) -> list[Line]:
    height = float(page.height)
    tables = page.find_tables()
    outside = page
    for table in tables:
        outside = outside.outside_bbox(_within(table.bbox, page.bbox))
    placed = [_plumber_line(line, number, height) for line in outside.extract_text_lines(return_chars=True)]
    for table in tables:
        for row, cells in zip(table.rows, table.extract(), strict=False):
            cleaned = tuple(clean_inline((cell or "").replace("\n", " ")) for cell in cells)
            if any(cleaned):
                top, bottom = float(row.bbox[1]), float(row.bbox[3])
                filled = [cell for cell in cleaned if cell]
                text = " | ".join(filled)
                placed.append(Line(text, number, top=top, bottom=bottom, page_height=height, cells=cleaned))
    placed.sort(key=lambda line: line.top)
    return [line for line in placed if line.text]


def with_action_tables(raw: RawDocument, pages: list[list[Line]]) -> list[list[Line]]:
    """Re-read with pdfplumber the pages that hold an action table, and the page after each."""
    marked = {i for i, page in enumerate(pages) if any(_ACTION_TABLE_HEADER.search(line.text) for line in page)}
    if not marked:
        return pages
    marked |= {i + 1 for i in marked if i + 1 < len(pages)}
    try:
        layout = page_lines_layout(raw, marked)
    except ConvertError:
        return pages  # the tables cannot be read as tables: their text is still there, line by line
    # the two readers may count a malformed file's pages differently: a page the other lacks stays as read
    return [layout[i] if i in marked and i < len(layout) and layout[i] else page for i, page in enumerate(pages)]


def convert_pdf(raw: RawDocument, settings: PdfSettings | None = None) -> Document:
    settings = settings or PdfSettings()
    pages = page_lines_layout(raw) if settings.engine == "layout" else with_action_tables(raw, page_lines_fast(raw))
    lines = [line for page in drop_furniture(pages) for line in page]
    builder = DocumentBuilder()
    add_lines(builder, lines)
    if not len(builder):
        raise ConvertError(raw.uri, "the PDF has no text layer (scanned? OCR is not supported)")
    return builder.build(raw.uri, raw.media_type)
