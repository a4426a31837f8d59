"""Building the normalised text and its blocks, shared by every converter."""

from __future__ import annotations

import re
import unicodedata

from models.records import Block, BlockKind, Document, MediaType, SourceFacts

_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]")
BULLETS = "·•●◦▪■□‣⁃∙Ø➢➤►–-*o"
_BULLET = re.compile(r"^(?:[·•●◦▪■□‣⁃∙Ø➢➤►]|[-*–](?=\s)|o(?=\s{2,}|\t))\s*")


def clean_inline(text: str) -> str:
    """One line of text: Unicode NFC, no control characters, single spaces, trimmed."""
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub(" ", text)
    text = text.replace("\ufeff", "").replace("\u00ad", "")
    return _SPACES.sub(" ", text).strip()


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

    def add(self, kind: BlockKind, text: str) -> None:
        text = clean_inline(text)
        if not text:
            return
        if self._parts:
            self._parts.append("\n")
            self._length += 1
        start = self._length
        self._parts.append(text)
        self._length += len(text)
        self._blocks.append(Block(kind, start, self._length))

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
