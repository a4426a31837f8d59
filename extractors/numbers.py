"""Numbers and units as minutes print them, normalised to floats in base units."""

from __future__ import annotations

import re

WORD_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
}
MULTIPLIERS = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "bn": 1e9,
    "b": 1e9,
    "billion": 1e9,
}
# "1,920", "11, 011" (a stray space after the comma), "77.8", "-14.2", "0.801"
# '1,920', and '1, 920' as some PDFs space it; not a list of numbers: '156, 157, 158'
NUMERAL = r"[-+−–]?(?:\d{1,3}(?:,\d{3})+|\d{1,2}(?:,\s\d{3})+|\d+)(?:\.\d+)?"
_NUMERAL_RE = re.compile(rf"^{NUMERAL}$")
CURRENCIES = {"£": "GBP", "€": "EUR", "$": "USD"}


def parse_numeral(text: str) -> float:
    """'1,920' -> 1920.0; '11, 011' -> 11011.0; '−3.5' -> -3.5. Raises ValueError otherwise."""
    cleaned = text.strip().replace("−", "-").replace("–", "-")
    if not _NUMERAL_RE.match(cleaned):
        raise ValueError(f"not a number: {text!r}")
    return float(cleaned.replace(",", "").replace(" ", ""))


def parse_word_number(text: str) -> float | None:
    """'three' -> 3.0, 'twenty one' / 'twenty-one' -> 21.0; None when not a number word."""
    words = text.lower().replace("-", " ").split()
    if not words or any(w not in WORD_NUMBERS for w in words):
        return None
    total = 0
    for word in words:
        value = WORD_NUMBERS[word]
        total = total * value if value == 100 and total else total + value
    return float(total)


def apply_multiplier(value: float, suffix: str | None) -> float:
    """£4.5m -> 4500000.0 (suffix 'm'); unknown or empty suffixes leave the value."""
    if not suffix:
        return value
    return round(value * MULTIPLIERS.get(suffix.lower().strip(), 1.0), 6)


def format_number(value: float) -> str:
    """The inverse used in tests: 1920.0 -> '1,920'; 77.8 -> '77.8'."""
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,}"
