"""Item numbers in whatever form a document prints them, and how one follows another.

A label is read at the start of a line: '84.', '19.05.4', 'C048/23', 'CAB/23/12', '31/21', 'Item 12',
'(a)', 'IV.', 'B.', '5-A', '05-091'. Each label gets a *family* (its shape: the letters it opens with,
the kinds of its parts and what separates them, its brackets) and a *key* (its parts as numbers), so
that a document's own numbering scheme can be found as the longest run of one family whose keys
increase, whatever the scheme is. Nothing here knows any one council's scheme.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from extractors.vocabulary import load, words

ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
MAX_STEP = 6  # how far one item's number may jump past the one before (items withdrawn or taken elsewhere)


@dataclass(frozen=True, slots=True)
class Label:
    """An item number as printed (``text``, without its closing mark) and where the title starts."""

    text: str
    family: str
    key: tuple[int, ...]
    title_start: int
    closed: bool  # followed by '.', ')' or ':' (a bare number may be a quantity or a year)


def _roman(text: str) -> int | None:
    low = text.lower()
    if not low or any(c not in ROMAN_VALUES for c in low):
        return None
    total = 0
    for index, char in enumerate(low):
        value = ROMAN_VALUES[char]
        following = ROMAN_VALUES[low[index + 1]] if index + 1 < len(low) else 0
        total += -value if value < following else value
    if total <= 0 or total > 60:
        return None
    return total


@functools.cache
def _pattern() -> re.Pattern[str]:
    leads = "|".join(re.escape(word) for word in sorted(words("numbering", "lead_words"), key=len, reverse=True))
    separators = "".join(re.escape(s) for s in load("numbering")["title_separators"])
    return re.compile(
        rf"^(?P<lead>(?:{leads})(?![A-Za-z])\s*)?"
        r"(?P<open>\()?"
        r"(?P<body>"
        r"[A-Z]{1,5}[ ./]?\d{1,4}(?:[./-]\d{1,4}){0,3}[a-z]?"  # C048/23, CAB/23/12, GP21/07, P/142, CA.212
        r"|\d{1,4}(?:[./-]\d{1,4}){0,3}(?:[.-]?[A-Za-z](?![A-Za-z]))?"  # 84, 19.05.4, 05-091, 4a, 5-A, 5.A
        r"|[IVXLC]{1,6}|[ivxlc]{1,6}"  # roman numerals
        r"|[A-Za-z]"  # letters
        r")"
        r"(?P<close>\.\)|[.):])?"
        rf"(?P<gap>\s*(?:[{separators}]\s+)?)"
        r"(?=\S|$)"
    )


_PART = re.compile(r"\d+|[A-Za-z]+|[^\dA-Za-z]")


def _shape(body: str) -> tuple[str, tuple[int, ...], tuple[str, ...]] | None:
    """The body's shape ('D.D.D'), its key, and its other readings' (shape, key) where letters may be roman."""
    shape, key = [], []
    prefix = re.match(r"^[A-Z]{1,5}(?=[ ./]?\d)", body)
    rest = body[prefix.end() :] if prefix else body
    if prefix:
        shape.append(prefix.group(0) + "~")
    for part in _PART.findall(rest):
        if part.isdigit():
            shape.append("D")
            key.append(int(part))
        elif part.isalpha():
            if len(part) > 1:
                value = _roman(part)
                if value is None:
                    return None
                shape.append("R" if part.isupper() else "r")
                key.append(value)
            else:
                shape.append("L" if part.isupper() else "l")
                key.append(ord(part.lower()) - ord("a") + 1)
        else:
            shape.append(part if part != " " else "_")
    return "".join(shape), tuple(key), ()


def read_labels(line: str) -> list[Label]:
    """The readings of an item number opening ``line`` (two where a letter may also be a roman numeral:
    'I.' is the ninth letter or the first roman number); [] where the line opens with none."""
    match = _pattern().match(line)
    if not match:
        return []
    body = match.group("body")
    opened, closed = bool(match.group("open")), match.group("close") or ""
    if opened and ")" not in closed:
        return []
    rest = line[match.end() :]
    if not _title_can_follow(body, closed, rest, bool(match.group("lead"))):
        return []
    shaped = _shape(body)
    if shaped is None:
        return []
    shape, key, _ = shaped
    bracket = ("(" if opened else "") + (closed[-1:] if closed else "")
    lead = "K" if match.group("lead") else ""
    family = f"{lead}{shape}{bracket}"
    labels = [Label(body, family, key, match.end(), bool(closed))]
    if len(body) == 1 and body.lower() in ROMAN_VALUES:  # 'I.', 'V.', 'X.', 'C.': a letter or a roman numeral
        roman_shape = "R" if body.isupper() else "r"
        labels.append(Label(body, f"{lead}{roman_shape}{bracket}", (ROMAN_VALUES[body.lower()],), match.end(), True))
    return labels


NUMERIC_DATE = re.compile(r"\d{1,2}[/.]\d{1,2}[/.](?:19|20)\d\d")  # not year.month.number: "10.25.01"


@functools.cache
def _street_words() -> frozenset[str]:
    return frozenset(word.lower() for word in load("numbering")["street_words"])


def _street_address(rest: str) -> bool:
    """'N 192nd Avenue', 'Walnut Avenue, Carmichael': a street's name after the house number."""
    return any(word.strip(",.").lower() in _street_words() for word in rest.split()[:4])


def _title_can_follow(body: str, closed: str, rest: str, led: bool) -> bool:
    """What follows a label must read as a title (or nothing: a number on a line of its own)."""
    if not closed and not led and NUMERIC_DATE.fullmatch(body):
        return False  # '03/24/2026': a date on a line of its own
    if not rest:
        return bool(closed) or led or any(c.isdigit() for c in body)
    first = rest[0]
    if first.islower():
        return False
    if not closed and not led:
        low, high = load("numbering")["year_range"]
        if body.isdigit() and low <= int(body) <= high:
            return False  # '2020 Budget' opens with a year
        if body.isalpha():
            return False  # 'A Motion', 'I will': a word, not a number, without a closing mark
        if body.isdigit() and _street_address(rest):
            return False  # '5594 N 192nd Avenue': an address
        if re.fullmatch(r"\d{1,3}", body) and not (first.isupper() or first in "\"'‘“("):
            return False
    return True


def follows(previous: tuple[int, ...], key: tuple[int, ...]) -> bool:
    """Whether ``key`` can be the number after ``previous`` in one scheme: the first part where they differ
    grows by at most :data:`MAX_STEP` ('19.05.4' -> '19.05.5', 'C048/23' -> 'C049/23', 'A' -> 'B')."""
    if len(previous) != len(key):
        return False
    for before, now in zip(previous, key, strict=True):
        if now == before:
            continue
        return 0 < now - before <= MAX_STEP
    return False


def opens_scheme(key: tuple[int, ...], parent: tuple[int, ...] | None = None) -> bool:
    """Whether ``key`` can be the first number of a scheme: 1, 'a', 'i'; '5.1' under item 5."""
    if parent is not None and len(key) == len(parent) + 1 and key[: len(parent)] == parent:
        return key[-1] <= 2
    return key[-1] <= 2
