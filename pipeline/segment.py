"""Stage 3, segment: split a document into its numbered agenda items.

Recognised headings: a number alone followed by a title ("1." / "Apologies for Absence",
as ModernGov prints minutes), a number and title together ("4. Summary of Standards",
"4 Summary"), a number and a title in capitals opening the item's paragraph ("38  MINUTES – Resolved
– That ..."), minute references ("23/45 Apologies", "CAB/23/12 Budget", "Minute 12"), and the
items a structured source states. Numbers must run in order, so numbered lists inside an
item are not taken for items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.text import caps_item
from models.records import Block, Document, Section

_NUMBER = (
    r"(?:[A-Z]{1,6}[/. ]?\d{1,4}[/.]\d{1,4}[a-z]?|[A-Z]{1,6}[/.]\d{1,4}|\d{1,3}/\d{1,4}|\d{1,3}(?:\.\d{1,2})?[a-z]?)"
)
NUMBER_ALONE = re.compile(rf"^(?:Minute\s+|Item\s+)?\(?(?P<number>{_NUMBER})[.):]?$", re.IGNORECASE)
NUMBER_TITLE = re.compile(
    # a second, agenda number may follow a minute number: 'C048/23      1.         APOLOGIES FOR ABSENCE.'
    rf"^(?:Minute\s+|Item\s+)?\(?(?P<number>{_NUMBER})[.):]?\s+(?:\d{{1,3}}[.)]\s+)?(?:[-–:]\s*)?"
    r"(?P<title>[A-Z'\"(£].*)$"
)
SHORT_HEADING = 120  # characters: a minute-numbered line this short is an item's heading even with a full stop
MAX_TITLE = 200


# ModernGov prints a link's file after its title: 'Minutes pdf icon PDF 216 KB'
FILE_NOTE = re.compile(r"\s*(?:pdf icon\s*)?PDF\s+[\d.,]+\s*[KM]B\b\s*$", re.I)


def clean_title(title: str) -> str:
    """A heading as a title: file notes and trailing dashes removed ('MINUTES -' -> 'MINUTES')."""
    return FILE_NOTE.sub("", title).strip(" -–:").removesuffix(".").rstrip()


@dataclass(frozen=True, slots=True)
class _Heading:
    number: str
    title: str
    start: int
    heading_end: int


def _in_capitals(title: str) -> bool:
    letters = [c for c in title if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _sortable(number: str) -> tuple[int, ...] | None:
    digits = re.findall(r"\d+", number)
    if not digits:
        return None
    return tuple(int(d) for d in digits)


def _title_block(document: Document, blocks: tuple[Block, ...], index: int) -> Block | None:
    if index >= len(blocks):
        return None
    block = blocks[index]
    text = document.block_text(block)
    if len(text) > MAX_TITLE or NUMBER_ALONE.match(text):
        return None
    # A number alone, then its title: a heading, or a long title that is not a sentence.
    if block.kind == "heading" or not text.rstrip().endswith((".", ":", ";")):
        return block
    return None


def _candidates(document: Document) -> list[_Heading]:
    blocks = document.blocks
    found: list[_Heading] = []
    for index, block in enumerate(blocks):
        text = document.block_text(block)
        alone = NUMBER_ALONE.match(text)
        if alone and block.kind == "heading":
            title_block = _title_block(document, blocks, index + 1)
            if title_block is not None:
                title = document.block_text(title_block)
                found.append(_Heading(alone.group("number"), title, block.start, title_block.end))
            continue
        if (caps := caps_item(text)) and block.kind in ("paragraph", "list_item"):
            found.append(
                _Heading(caps.group("number"), caps.group("title"), block.start, block.start + caps.end("title"))
            )
            continue
        together = NUMBER_TITLE.match(text)
        short_label = together is not None and text.endswith(":") and len(text.split()) <= 8  # '2. Corporate Services:'
        # a paragraph by its full stop, but an item by its minute number or its capitals:
        # '55/16 Clerk’s progress report on decisions taken at last meeting.', 'C051/23 4. PLANNING MATTERS.'
        headed = (
            together is not None
            and len(text) <= SHORT_HEADING
            and (
                "/" in together.group("number")
                or _in_capitals(together.group("title"))
                or text.startswith(("Minute ", "MINUTE "))  # 'Minute 151:  Declarations of Interest.'
            )
        )
        if together and (block.kind in ("heading", "table_row") or short_label or headed) and len(text) <= MAX_TITLE:
            title = together.group("title").split(" | ")[0].strip()
            found.append(_Heading(together.group("number"), title, block.start, block.end))
    return found


def _in_order(headings: list[_Heading]) -> list[_Heading]:
    """Keep the longest run of headings whose numbers increase (greedy, in document order)."""
    kept: list[_Heading] = []
    last: tuple[int, ...] | None = None
    for heading in headings:
        key = _sortable(heading.number)
        if key is None:
            continue
        if last is None or key > last:
            kept.append(heading)
            last = key
    return kept if len(kept) >= 2 or (kept and kept[0].number in {"1", "1."}) else []


def segment(document: Document) -> tuple[Section, ...]:
    """The document's numbered items in order, each spanning up to the next."""
    headings = _in_order(_candidates(document))
    sections = []
    for index, heading in enumerate(headings):
        end = headings[index + 1].start if index + 1 < len(headings) else len(document.text)
        sections.append(
            Section(
                number=heading.number.rstrip("."),
                title=clean_title(heading.title),
                span=(heading.start, end),
                heading_span=(heading.start, heading.heading_end),
            )
        )
    return tuple(sections)


MINUTES_LABEL = re.compile(r"^(?:Minutes|Decision|Minute|Decisions)\s*:$", re.IGNORECASE)


def agenda_descriptions(document: Document, sections: tuple[Section, ...]) -> tuple[tuple[int, int], ...]:
    """Spans of agenda text in ModernGov 'Agenda and minutes' pages: from an item's title to its 'Minutes:' label.

    That text says what the item is for ('Approximately 30 minutes will be set aside for Public Question
    Time'), not what the meeting did, so no action or figure is taken from it.
    """
    labels = [b.start for b in document.blocks if MINUTES_LABEL.match(document.block_text(b))]
    spans = []
    for section in sections:
        inside = [start for start in labels if section.heading_span[1] <= start < section.span[1]]
        if inside:
            spans.append((section.heading_span[1], inside[0]))
    return tuple(spans)
