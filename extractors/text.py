"""Text helpers shared by the extractors: sentences with offsets, sections by position."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from models.records import Block, Document, Section

# A sentence ends at . ! ? followed by space and a capital/digit/quote, unless the dot ends
# an abbreviation or an initial.
# a sentence's closing mark and the space after it; the mark ends the sentence (a pattern that opens with a
# character class, which the regex engine skips to quickly, instead of a lookbehind tried at every position)
_BOUNDARY = re.compile(r"[.!?]['\")\]]?\s+(?=[A-Z0-9'\"(£])")
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Cllr|Prof|No|St|Rev|Revd|Co|Ltd|etc|ie|eg|i\.e|e\.g|vs|approx|para|"
    r"Nos|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|cf|incl|Cttee)\.|\b[A-Z]\.)$"
)
_ABBREVIATION_LENGTH = 7  # 'approx.', the longest match: only the sentence's last characters are searched


# Function words trimmed from the ends of indicator names and ignored when indicators are compared.
STOP_WORDS = frozenset(
    {
        "a",
        "about",
        "also",
        "an",
        "and",
        "approximately",
        "are",
        "around",
        "as",
        "at",
        "be",
        "been",
        "being",
        "but",
        "by",
        "current",
        "currently",
        "for",
        "from",
        "had",
        "has",
        "have",
        "in",
        "into",
        "is",
        "it",
        "its",
        "latest",
        "now",
        "of",
        "on",
        "or",
        "our",
        "over",
        "overall",
        "per",
        "same",
        "some",
        "still",
        "than",
        "that",
        "the",
        "their",
        "there",
        "these",
        "this",
        "those",
        "to",
        "total",
        "under",
        "was",
        "we",
        "were",
        "which",
        "while",
        "whilst",
        "who",
        "whom",
        "with",
    }
)


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int
    end: int
    block: Block


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` grouped by first letter, much faster to scan than a flat one.

    ['two', 'ten', 'six'] -> '(?:s(?:ix)|t(?:wo|en))'; longer words come first within a group.
    """
    groups: dict[str, list[str]] = {}
    for word in sorted(set(words), key=lambda w: (-len(w), w)):
        groups.setdefault(word[:1], []).append(re.escape(word[1:]))
    return "(?:" + "|".join(f"{re.escape(first)}(?:{'|'.join(rest)})" for first, rest in sorted(groups.items())) + ")"


@functools.lru_cache(maxsize=4096)
def split_sentences(text: str, offset: int = 0) -> tuple[tuple[str, int, int], ...]:
    """(sentence, start, end) with offsets shifted by ``offset``.

    Several extractors read the same blocks sentence by sentence, so the split is cached.
    """
    return tuple(_split_sentences(text, offset))


def _split_sentences(text: str, offset: int) -> Iterator[tuple[str, int, int]]:
    start = 0
    for match in _BOUNDARY.finditer(text):
        candidate = text[start : match.start() + 1].rstrip()
        # from a position, \b still sees the character before it: the search finds what a whole-string one does
        if _ABBREVIATIONS.search(candidate, max(0, len(candidate) - _ABBREVIATION_LENGTH)):
            continue
        if candidate:
            yield candidate, offset + start, offset + start + len(candidate)
        start = match.end()
    tail = text[start:].rstrip()
    if tail:
        yield tail, offset + start, offset + start + len(tail)


def sentences(document: Document) -> Iterator[Sentence]:
    for block in document.blocks:
        text = document.block_text(block)
        for sentence, start, end in split_sentences(text, block.start):
            yield Sentence(sentence, start, end, block)


def section_at(sections: tuple[Section, ...], position: int) -> Section | None:
    """The innermost item that holds ``position``."""
    found = None
    for section in sections:
        if section.span[0] <= position < section.span[1]:
            found = section
        elif section.span[0] > position:
            break
    return found


def item_number_at(sections: tuple[Section, ...], position: int) -> str | None:
    section = section_at(sections, position)
    return section.number if section else None


# North Lincolnshire prints an item as one paragraph: '38  DECLARATIONS OF ... (IF ANY) – There were no ...'
CAPS_ITEM = re.compile(
    r"^(?P<number>\d{1,4})[.)]?\s+(?:\(\d{1,3}\)\s+)?(?P<title>[A-Z][A-Z0-9 ,'’&()/.-]*?[A-Z)])\s+[-–]\s+(?=\S)"
)


def caps_item(text: str) -> re.Match[str] | None:
    """The number and capitals title that open a paragraph holding a whole item, if they do."""
    match = CAPS_ITEM.match(text)
    if match and re.search(r"[A-Z]{3}", match.group("title")) and len(match.group("title")) <= 200:
        return match
    return None
