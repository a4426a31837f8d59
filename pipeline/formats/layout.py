"""Visual lines to blocks by what the layout says: type size, weight, spacing, markers, pages.

Converters of laid-out formats (PDF) hand over :class:`Line` records: each visual line with its page,
position and type. This module drops running headers and footers (lines that repeat at the same edge
of many pages, and page numbers), then joins lines into paragraphs only where the layout says they
belong together: the same type, the usual line spacing, no numbering or bullet opening the next line.
Headings are told by type larger than the body's, or bold, or capitals, on a short line.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from models.records import BlockKind
from pipeline.formats.builder import DocumentBuilder, strip_bullet

# A line opening with a number, letter or bullet that starts an item or a list entry: '84. Apologies',
# '19.05.4', 'C048/23', '(a)', 'IV.', 'A.', '•'. Wrapped text rarely starts like this.
MARKER = re.compile(
    r"^(?:[·•●◦▪■□‣⁃∙➢➤►]"
    r"|\(?\d{1,3}[.)](?:\s|$)"
    r"|\d{1,4}(?:[./-]\d{1,4}){1,3}\.?(?:\s|$)"
    r"|[A-Z]{1,5}[/ ]?\d{1,4}(?:[./-]\d{1,4})+\b"
    r"|\(?[a-zA-Z][.)]\s"
    r"|\(?(?:[ivx]{1,5}|[IVX]{1,5})[.)]\s"
    r"|(?:Item|ITEM|Minute|MINUTE)\s+\d"
    r")"
)
GOES_ON = re.compile(r"(?:[,&(/–-]|\b(?:and|or|of|the|to|for|in|on|at|by|with|from|a|an))$")
SENTENCE_END = re.compile(r"[.:;!?]['\")”’]?$")
PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?[-–(]?\s*\d{1,4}\s*[-–)]?(?:\s*(?:of|/)\s*\d{1,4})?$|^[-–]\s*\d{1,4}\s*[-–]$", re.IGNORECASE
)
_DIGITS = re.compile(r"\d+")
EDGE_LINES = 3  # lines at the top and at the bottom of a page that may be running headers or footers
EDGE_BAND = 0.12  # or lines within this fraction of the page height from its top or bottom edge
HEADING_WORDS = 22
HEADING_CHARS = 160


@dataclass(frozen=True, slots=True)
class Line:
    """One visual line of a laid-out page. Positions are in points from the page's top-left corner;
    ``size`` 0 means the type size is unknown (the line then reads as body text)."""

    text: str
    page: int
    top: float = 0.0
    bottom: float = 0.0
    last_bottom: float = 0.0  # where the line's last character stands: lower when the reader joined two lines
    x0: float = 0.0
    x1: float = 0.0
    size: float = 0.0
    bold: bool = False
    bold_lead: bool = False
    page_height: float = 0.0
    cells: tuple[str, ...] = ()  # a table row read by the layout engine, or a line set in columns
    cell_x: tuple[float, ...] = ()  # where each cell starts, when the reader knows
    source: tuple[int, int] | None = None  # the reader's own index of the line's first and last character
    table: bool = False  # a row of a table found by its columns (its cells may be empty but one)
    blank_before: bool = False  # plain text: a blank line stands before this one, which ends a paragraph

    @property
    def is_row(self) -> bool:
        return len(self.cells) > 1


def _furniture_key(text: str) -> str:
    return _DIGITS.sub("#", " ".join(text.lower().split()))


def _edge_indices(page: Sequence[Line]) -> set[int]:
    """Lines at a page's edges: those in the bands at its top and bottom where the page's height is known,
    else the first and last few in reading order."""
    if page and all(line.page_height for line in page):
        return {
            index
            for index, line in enumerate(page)
            if line.bottom <= line.page_height * EDGE_BAND or line.top >= line.page_height * (1 - EDGE_BAND)
        }
    order = sorted(range(len(page)), key=lambda i: page[i].top)
    return set(order[:EDGE_LINES]) | set(order[-EDGE_LINES:])


def drop_furniture(pages: Sequence[Sequence[Line]]) -> list[list[Line]]:
    """Remove running headers and footers: page numbers at a page's edge, and edge lines that repeat
    (digits aside) on at least half the pages ('Page 2 of 4', the body's name and date, 'Signed ....')."""
    pages = [[line for line in page if line.text.strip()] for page in pages]
    edges = [_edge_indices(page) for page in pages]
    counts: Counter[str] = Counter()
    for page, edge in zip(pages, edges, strict=True):
        counts.update({_furniture_key(page[i].text) for i in edge})
    threshold = max(2, (len(pages) + 1) // 2)
    repeated = {key for key, n in counts.items() if n >= threshold} if len(pages) > 1 else set()
    cleaned = []
    for page, edge in zip(pages, edges, strict=True):
        cleaned.append(
            [
                line
                for i, line in enumerate(page)
                if not (i in edge and (_furniture_key(line.text) in repeated or PAGE_NUMBER.match(line.text.strip())))
            ]
        )
    return cleaned


@dataclass(frozen=True, slots=True)
class Typography:
    """The document's body type and spacing, against which headings and paragraph breaks are told."""

    body_size: float
    pitch: float  # the usual distance between the baselines of two lines of one paragraph
    right: float  # where full lines end
    bold_body: bool = False  # most of the text is bold (or its fonts say so): bold sets nothing apart

    @classmethod
    def of(cls, lines: Sequence[Line]) -> Typography:
        sizes: Counter[float] = Counter()
        for line in lines:
            if line.size:
                sizes[round(line.size * 2) / 2] += len(line.text)
        body = sizes.most_common(1)[0][0] if sizes else 0.0
        gaps: Counter[float] = Counter()
        for previous, line in pairwise(lines):
            gap = line.bottom - (previous.last_bottom or previous.bottom)
            if line.page == previous.page and body and abs(line.size - body) < 0.6 and 0 < gap < 2.5 * body:
                gaps[round(gap * 2) / 2] += 1
        pitch = gaps.most_common(1)[0][0] if gaps else body * 1.2
        rights = sorted(line.x1 for line in lines if line.x1)
        right = rights[int(len(rights) * 0.9)] if rights else 0.0
        bold = sum(len(line.text) for line in lines if line.bold)
        return cls(body, pitch, right, bold * 2 > sum(len(line.text) for line in lines))

    def larger(self, line: Line) -> bool:
        return bool(self.body_size and line.size and line.size >= self.body_size + 0.9)

    def bold(self, line: Line) -> bool:
        return line.bold and not self.bold_body

    def stands_out(self, line: Line) -> bool:
        return self.bold(line) or self.larger(line)

    def is_short(self, line: Line, following: Line | None = None) -> bool:
        """Whether ``line`` stops short of the margin: the next line's first word would have fitted."""
        if not (self.right and line.x1 and line.text):
            return False
        char = (line.x1 - line.x0) / max(len(line.text), 1)
        word = len(following.text.split()[0]) + 1 if following is not None and following.text.strip() else 4
        return line.x1 + char * (word + 1) < self.right


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def starts_new_block(previous: Line, line: Line, style: Typography) -> bool:
    """Whether ``line`` opens a new block rather than continuing ``previous``."""
    if line.is_row or previous.is_row or line.blank_before:
        return True
    if MARKER.match(line.text) or strip_bullet(line.text)[1]:
        return True
    if line.page != previous.page:
        # a paragraph runs on over the page break only when it was left unfinished
        return bool(SENTENCE_END.search(previous.text)) or not (
            line.text[:1].islower() or not style.is_short(previous, line)
        )
    if style.stands_out(previous) != style.stands_out(line) or abs(previous.size - line.size) >= 0.9:
        return True
    gap = line.bottom - (previous.last_bottom or previous.bottom)
    if style.pitch and (gap > style.pitch * 1.4 or gap < 0):
        return True
    if _is_caps(previous.text) != _is_caps(line.text) and len(previous.text) < 80:
        return True
    # a line that stops well short of the margin ends its paragraph: a paragraph's lines run to the margin
    # but its last (a heading over its text: '1. Multi Member (Police) Report' / 'KC outlined the ...'); not
    # one that stops mid-phrase, whose next words were kept together ('..., Mrs C Head (...),' / 'Mr J Betts')
    return style.is_short(previous, line) and not GOES_ON.search(previous.text)


def join_lines(text: str, line: str) -> str:
    """Append a visual line to a paragraph, repairing a word hyphenated at the line's end."""
    if re.search(r"[a-z]-$", text) and line[:1].islower():
        return text[:-1] + line
    return f"{text} {line}"


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    first: Line
    lines: int


def paragraphs(lines: Sequence[Line], style: Typography) -> Iterator[Paragraph]:
    current: list[Line] = []
    text = ""
    for line in lines:
        if current and not starts_new_block(current[-1], line, style):
            text = join_lines(text, line.text)
            current.append(line)
            continue
        if current:
            yield Paragraph(text, current[0], len(current))
        current, text = [line], line.text
    if current:
        yield Paragraph(text, current[0], len(current))


def _heading_levels(lines: Iterable[Line], style: Typography) -> dict[float, int]:
    """Heading level by type size: 1 for the largest size used by a short line, down to the body's."""
    sizes = {round(line.size * 2) / 2 for line in lines if style.larger(line) and len(line.text) <= HEADING_CHARS}
    ranked = sorted(sizes, reverse=True)
    levels = {size: rank + 1 for rank, size in enumerate(ranked)}
    levels[round(style.body_size * 2) / 2] = len(ranked) + 1  # bold body type: the lowest heading level
    return levels


def block_kind(paragraph: Paragraph, style: Typography) -> tuple[BlockKind, int]:
    """The block's kind and heading level from its type, length and markers."""
    text, first = paragraph.text, paragraph.first
    short = len(text) <= HEADING_CHARS and len(text.split()) <= HEADING_WORDS
    if short and (style.stands_out(first) or (_is_caps(text) and paragraph.lines <= 2)):
        return "heading", 0
    if strip_bullet(text)[1]:
        return "list_item", 0
    if short and not SENTENCE_END.search(text) and paragraph.lines == 1 and len(text.split()) <= 14:
        return "heading", 0  # a short line of its own without closing punctuation
    return "paragraph", 0


COLUMN_SLACK = 8.0  # points: how far a cell may start from its column's left edge
CELL_WORDS = 8


def _column_of(x: float, columns: tuple[float, ...]) -> int | None:
    for index, left in enumerate(columns):
        if abs(x - left) <= COLUMN_SLACK:
            return index
    return None


def _aligned(line: Line, columns: tuple[float, ...]) -> tuple[str, ...] | None:
    """``line`` as a row of the table whose columns start at ``columns``, or None if it is no part of it."""
    if line.cell_x:
        placed = [""] * len(columns)
        for text, x in zip(line.cells, line.cell_x, strict=True):
            index = _column_of(x, columns)
            if index is None:
                return None
            placed[index] = f"{placed[index]} {text}".strip()
        return tuple(placed)
    index = _column_of(line.x0, columns)
    if index is None or len(line.text.split()) > CELL_WORDS or line.cells:
        return None
    following = columns[index + 1] if index + 1 < len(columns) else None
    if following is not None and line.x1 > following:
        return None  # runs across the next column: text, not a cell
    return tuple(line.text if i == index else "" for i in range(len(columns)))


def tabulate(lines: Sequence[Line], style: Typography) -> list[Line]:
    """Lines set in columns, and the short lines under them that start at a column's edge, as table rows
    with one cell per column ('Present:  Members of the Public:' over 'Nick Oakhill (NO) CHAIR   David
    Carlisle', then 'Rob Large (RL)' alone in the first column)."""
    result: list[Line] = []
    columns: tuple[float, ...] = ()
    previous: Line | None = None
    for line in lines:
        near = (
            previous is not None and line.page == previous.page and 0 <= line.top - previous.bottom <= 2.5 * style.pitch
        )
        row = _aligned(line, columns) if columns and near else None
        if row is None and line.cell_x and len(line.cell_x) > 1:
            columns = line.cell_x
            row = line.cells
        if row is None:
            columns = ()
            result.append(line)
        else:
            result.append(replace(line, cells=row, cell_x=(), text=" | ".join(c for c in row if c), table=True))
        previous = line
    return result


def add_lines(builder: DocumentBuilder, lines: Sequence[Line]) -> None:
    """Add laid-out lines to ``builder`` as paragraphs, headings (with levels), list items and rows."""
    style = Typography.of(lines)
    lines = tabulate(lines, style)
    levels = _heading_levels(lines, style)
    for paragraph in paragraphs(lines, style):
        first = paragraph.first
        if first.is_row:
            builder.add_row(first.cells, page=first.page, table=first.table)
            continue
        kind, _ = block_kind(paragraph, style)
        text = paragraph.text
        if kind == "list_item":
            text = strip_bullet(text)[0]
        level = levels.get(round(first.size * 2) / 2, 0) if kind == "heading" and style.stands_out(first) else 0
        builder.add(
            kind,
            text,
            level=level,
            bold=style.bold(first),
            bold_lead=first.bold_lead and not style.bold_body,
            page=first.page,
        )


def with_page(lines: Iterable[Line], page: int) -> list[Line]:
    return [replace(line, page=page) for line in lines]


SCRAMBLED = 0.15  # a page whose reader goes back up the page this often stores its text out of order
SAME_LINE = 2.0  # points: pieces whose tops differ by less stand on one line


def in_reading_order(page: list[Line]) -> list[Line]:
    """A page's lines top to bottom, pieces of one visual line joined left to right, when the file stores
    its text out of order (the reader keeps going back up the page, not once per column as in columns).
    Pages read in order are returned as they are."""
    if len(page) < 6 or any(line.bottom <= line.top for line in page):
        return page
    upward = sum(1 for before, line in pairwise(page) if line.top < before.top - SAME_LINE)
    if upward < 3 or upward < SCRAMBLED * len(page):
        return page
    ordered = sorted(page, key=lambda line: (line.top, line.x0))
    merged: list[Line] = [ordered[0]]
    for line in ordered[1:]:
        last = merged[-1]
        if abs(line.top - last.top) < SAME_LINE and line.x0 >= last.x1 - SAME_LINE:
            merged[-1] = _joined(last, line)
        else:
            merged.append(line)
    return merged


def _joined(left: Line, right: Line) -> Line:
    return replace(
        left,
        text=f"{left.text} {right.text}",
        x1=right.x1,
        last_bottom=right.last_bottom,
        size=max(left.size, right.size),
        bold=left.bold and right.bold,
        bold_lead=(left.bold or left.bold_lead) and not (left.bold and right.bold),
        source=None,
        cells=(),
        cell_x=(),
    )
