"""Plain text and Markdown: decode whatever the encoding, then one block per line."""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable

from charset_normalizer import from_bytes

from models.records import Document, RawDocument
from pipeline.errors import ConvertError
from pipeline.formats.builder import SENTENCE_END, DocumentBuilder, clean_inline, line_kind, strip_bullet
from pipeline.formats.layout import PAGE_NUMBER, Line
from pipeline.formats.layout import add_lines as add_laid_out

# ModernGov printed minutes mark each agenda item with <AI1> ... </AI1>.
_ITEM_MARKER = re.compile(r"^\s*</?AI\d+>\s*$", re.IGNORECASE)
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_MD_TABLE_RULE = re.compile(r"^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?$")  # '|---|:-:|', '|-|-|'
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n---\s*\n", re.DOTALL)
_HIDDEN_HTML = re.compile(r"<(\w+)[^>]*display:\s*none[^>]*>.*?</\1>", re.DOTALL)
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
_PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
_DIGITS = re.compile(r"\d+")
_BLOCK_START = re.compile(r"^\s*(?:#{1,6}\s|[-*+•·]\s|\d{1,3}[.)]\s|\(?[a-z]{1,3}\)\s|\|)")
_ITEM_NUMBER = re.compile(r"^\(?\d{1,3}[.)]?$")  # '**2.**' on a line of its own
_SCAN_NOTE = re.compile(r"^\s*\*?\s*Scanned page\b.*$", re.I)


def decode(raw: RawDocument) -> str:
    """Bytes to text: UTF-8 when valid, else the best guess among the legacy encodings.

    Never fails on a bad byte; raises :class:`ConvertError` for data that is not text.
    """
    data = raw.data
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _decode_legacy(data)
    if _looks_binary(text):
        raise ConvertError(raw.uri, "binary data, not text")
    return text


def _decode_legacy(data: bytes) -> str:
    best = from_bytes(data[:200_000]).best()
    encoding = best.encoding if best is not None else "cp1252"
    if encoding in {"ascii", "utf_8"}:
        encoding = "cp1252"
    try:
        return data.decode(encoding, errors="replace")
    except LookupError:
        return data.decode("cp1252", errors="replace")


CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffd]")


def _looks_binary(text: str) -> bool:
    sample = text[:20_000]
    if not sample:
        return False
    return len(CONTROL_CHARACTERS.findall(sample)) / len(sample) > 0.05


def add_lines(builder: DocumentBuilder, lines: Iterable[str], markdown: bool = False) -> None:
    """Add plain lines to ``builder``, one block each, skipping item markers and blanks."""
    for original in lines:
        if _ITEM_MARKER.match(original):
            continue
        line = clean_inline(original)
        if not line:
            continue
        if markdown:
            _add_markdown_line(builder, line)
            continue
        line, bulleted = strip_bullet(line)
        builder.add("list_item" if bulleted else line_kind(line), line)


def _add_markdown_line(builder: DocumentBuilder, line: str) -> None:
    line = _MD_EMPHASIS.sub(r"\2", line)
    if heading := _MD_HEADING.match(line):
        level = len(heading.group(0).strip())
        builder.add("heading", _MD_HEADING.sub("", line).rstrip("#").strip(), level=level)
    elif line.startswith("|"):
        if not _MD_TABLE_RULE.match(line):
            cells = _row_cells(line.strip())
            builder.add_row(cells, table=len(cells) > 1)  # a Markdown table's row, whatever its cells hold
    else:
        text, bulleted = strip_bullet(line)
        builder.add("list_item" if bulleted else line_kind(text), text)


def _row_cells(row: str) -> list[str]:
    """A Markdown table row's cells, empty ones kept: '|A. Hopkins||' has two."""
    inner = row[1:] if row.startswith("|") else row
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return inner.split("|")


def markdown_lines(text: str) -> list[str]:
    """Markdown as logical lines: front matter, HTML tags, rules and page numbers gone, paragraphs unwrapped.

    Markdown made from PDFs keeps the PDF's line breaks; in Markdown, lines without a blank line between
    them are one paragraph, so they are joined, except where a line starts a heading, list item or table
    row, or is a short title line ('Gortadroma Landfill' above its paragraph). Some converters put a blank
    line after every PDF line: a line that plainly goes on ('... a public consultation meeting had' /
    'been held ...') is joined across it too.
    """
    text = _FRONT_MATTER.sub("", text, count=1)
    text = html.unescape(_MD_LINK.sub(r"\1", _HTML_TAG.sub("", _HIDDEN_HTML.sub("", text))))
    logical: list[str] = []
    joinable = False
    after_rule = False
    for line in text.splitlines():
        stripped = line.strip()
        if _MD_RULE.match(line) or _SCAN_NOTE.match(stripped):
            after_rule, joinable = True, False
            continue
        if not stripped:
            joinable = False  # a blank line ends the paragraph, unless the next line plainly goes on
            continue
        if after_rule and _PAGE_NUMBER.match(stripped):
            continue  # the page number under a page break
        after_rule = False
        stripped = _MD_EMPHASIS.sub(r"\2", _MD_QUOTE.sub("", stripped))
        if callout := _MD_CALLOUT.match(stripped):  # '> [!abstract]- Present:': a callout's title, a line of its own
            if callout.group("title"):
                logical.append(callout.group("title"))
            joinable = False
            continue
        starts_block = bool(_BLOCK_START.match(line) or _BLOCK_START.match(stripped) or _ITEM_NUMBER.match(stripped))
        goes_on = (joinable or (logical and _goes_on(logical[-1], stripped))) and not starts_block
        if goes_on and not _is_title_line(logical[-1]):
            logical[-1] = f"{logical[-1].rstrip()} {stripped}"
        else:
            logical.append(stripped)
        joinable = not line.endswith("  ") and not _MD_HEADING.match(line) and not stripped.startswith("|")
    return logical


_MD_QUOTE = re.compile(r"^(?:>\s?)+")  # a block quote's markers
_MD_CALLOUT = re.compile(r"^\[![A-Za-z]+\][+-]?\s*(?P<title>.*)$")  # '[!NOTE]', '[!abstract]- Present:'
WRAPPED_LINE = 60  # characters: a line this long without closing punctuation was wrapped
_JOINING_END = re.compile(r"(?:,|\b(?:of|the|and|in|to|at|for|on|by|with|from|a|an|that|had|has|was|were|be))$", re.I)


def _goes_on(previous: str, line: str) -> bool:
    """'... meeting had' then 'been held ...'; 'OF THE' then 'METROPOLITAN DISTRICT'; a list ending in a comma."""
    if previous.rstrip().endswith((".", ":", ";", "!", "?", '"', "”")):
        return False
    if line[:1].islower() or line[:1] == "(" or _JOINING_END.search(previous):
        return True
    if len(previous) >= WRAPPED_LINE and not previous.isupper():
        return True  # a full-width line that stops mid-sentence was wrapped by the PDF
    return previous.isupper() and line.isupper()  # a heading broken over lines


def _is_title_line(line: str) -> bool:
    """'Gortadroma Landfill', '4. Travel and Transportation', '2. Corporate Services:': a title, not a sentence."""
    title = re.sub(r"^\d{1,3}[.)]?\s+", "", line.strip()).rstrip(":")
    words = title.split()
    return 0 < len(words) <= 6 and not title.endswith(SENTENCE_END) and title[:1].isupper()


CHAR_WIDTH = 6.0  # points given to one character of plain text, to lay it out like a page
LINE_PITCH = 12.0  # points between two lines of plain text
# a repeated line that carries a page number: 'November 5, 2024. City Council Minutes Page/1', 'Page 3 of 9'
_PAGED = re.compile(r"\bpage\s*/?\s*\d|\b\d+\s+of\s+\d+\b", re.IGNORECASE)


def text_lines(text: str) -> list[Line]:
    """Plain text as laid-out lines: indentation as position, blank lines as space, form feeds as pages.

    Text made from PDFs (pdftotext) keeps the PDF's lines; read as a page, the same layout rules that
    join a PDF's lines into paragraphs join these.
    """
    lines: list[Line] = []
    for page_number, page in enumerate(text.split("\f"), start=1):
        row = 0
        blank = False
        for original in page.splitlines():
            row += 1
            if _ITEM_MARKER.match(original) or not original.strip():
                blank = blank or not original.strip()
                continue
            expanded = original.expandtabs(8)
            cleaned = clean_inline(expanded)
            if not cleaned:
                continue
            indent = len(expanded) - len(expanded.lstrip())
            top = row * LINE_PITCH
            lines.append(
                Line(
                    cleaned,
                    page_number,
                    top=top - LINE_PITCH,
                    bottom=top,
                    x0=indent * CHAR_WIDTH,
                    x1=(indent + len(cleaned)) * CHAR_WIDTH,
                    size=10.0,
                    blank_before=blank,
                )
            )
            blank = False
    return _without_running_lines(lines)


def _without_running_lines(lines: list[Line]) -> list[Line]:
    """Page numbers at a page's first or last line, and lines with a page number that recur (a running
    footer), dropped. A number alone inside a page is kept: it may be an item's ('35/20', '174.')."""
    counts = Counter(_DIGITS.sub("#", line.text.lower()) for line in lines)
    edges = {id(line) for index, line in enumerate(lines) if _at_page_edge(lines, index)}
    return [
        line
        for line in lines
        if not (id(line) in edges and PAGE_NUMBER.match(line.text) and not _ITEM_LIKE.match(line.text))
        and not (counts[_DIGITS.sub("#", line.text.lower())] >= 2 and _PAGED.search(line.text))
    ]


_ITEM_LIKE = re.compile(r"^\d{1,4}\s*/\s*\d{1,4}$")  # '35/20': a minute number (a page would be 'N of M')


def _at_page_edge(lines: list[Line], index: int) -> bool:
    line = lines[index]
    before = lines[index - 1] if index else None
    after = lines[index + 1] if index + 1 < len(lines) else None
    return before is None or after is None or before.page != line.page or after.page != line.page


def convert_text(raw: RawDocument) -> Document:
    text = decode(raw)
    builder = DocumentBuilder()
    if raw.media_type == "text/markdown":
        add_lines(builder, markdown_lines(text), markdown=True)
    else:
        add_laid_out(builder, text_lines(text))
    if not len(builder):
        raise ConvertError(raw.uri, "no text")
    return builder.build(raw.uri, raw.media_type)
