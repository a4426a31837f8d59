"""Building the normalised text and its blocks, shared by every converter."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import replace

from models.records import Block, BlockKind, Document, MediaType, SourceFacts, Span

SPACE_CHARACTERS = " \t\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000"
# a run of spaces becomes one space: only runs that are not already a single ' ' are rewritten, which is
# what makes the substitution cheap on ordinary lines
_SPACES = re.compile(rf"[{SPACE_CHARACTERS}]{{2,}}|[{SPACE_CHARACTERS[1:]}]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]")
SENTENCE_END = (".", ";", ",", ":", "?", "!")
BULLETS = "·•●◦▪■□‣⁃∙Ø➢➤►–-*o"
_BULLET = re.compile(r"^(?:[·•●◦▪■□‣⁃∙Ø➢➤►]|[-*–](?=\s)|o(?=\s{2,}|\t))\s*")


def clean_inline(text: str) -> str:
    """One line of text: Unicode NFC, no control characters, single spaces, trimmed."""
    if text.isascii() and text.isprintable() and "  " not in text:
        return text.strip()  # the common case, with nothing to normalise
    return normalise_inline(text)


def normalise_inline(text: str) -> str:
    """:func:`clean_inline` without its shortcut for plain ASCII lines."""
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub(" ", text)
    text = text.replace("\ufeff", "").replace("\u00ad", "")
    return _SPACES.sub(" ", text).strip()


def line_kind(line: str) -> BlockKind:
    """Guess a plain line's role: a short line without closing punctuation is a heading."""
    words = line.split()
    if len(words) <= 14 and len(line) <= 110 and not line.endswith(SENTENCE_END):
        return "heading"
    if re.fullmatch(r"\(?[0-9]{1,3}[.)]?", line):
        return "heading"
    return "paragraph"


def strip_bullet(line: str) -> tuple[str, bool]:
    """Remove a leading bullet; say whether there was one."""
    match = _BULLET.match(line)
    if match and match.end() < len(line):
        return line[match.end() :], True
    return line, False


class DocumentBuilder:
    """Accumulates blocks into one normalised text (blocks separated by a newline)."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._blocks: list[Block] = []
        self._length = 0

    def add(
        self,
        kind: BlockKind,
        text: str,
        *,
        level: int = 0,
        bold: bool = False,
        bold_lead: bool = False,
        page: int = 0,
    ) -> None:
        text = clean_inline(text)
        if not text:
            return
        if self._parts:
            self._parts.append("\n")
            self._length += 1
        start = self._length
        self._parts.append(text)
        self._length += len(text)
        self._blocks.append(Block(kind, start, self._length, level=level, bold=bold, bold_lead=bold_lead, page=page))

    def add_row(self, cells: Sequence[str], *, page: int = 0, table: bool = False) -> None:
        """A table row: its non-empty cells joined by ' | ', every cell's span kept on the block.

        A row with one non-empty cell reads as the line it is (a heading or a paragraph), unless ``table``
        says it belongs to a table (a name alone in the first column of an attendance table).
        """
        cleaned = [clean_inline(cell) for cell in cells]
        filled = [cell for cell in cleaned if cell]
        if not filled:
            return
        text = " | ".join(filled)
        kind: BlockKind = "table_row" if len(filled) > 1 or table else line_kind(text)
        self.add(kind, text, page=page)
        start = self._blocks[-1].start
        spans: list[Span] = []
        at = start
        for cell in cleaned:
            if cell:
                spans.append((at, at + len(cell)))
                at += len(cell) + len(" | ")
            else:
                spans.append((max(start, at - len(" | ")),) * 2)
        self._blocks[-1] = replace(self._blocks[-1], cells=tuple(spans))

    def __len__(self) -> int:
        return len(self._blocks)

    def build(self, uri: str, media_type: MediaType, facts: SourceFacts | None = None) -> Document:
        return Document(
            uri=uri,
            media_type=media_type,
            text="".join(self._parts),
            blocks=tuple(self._blocks),
            facts=facts or SourceFacts(),
        )
