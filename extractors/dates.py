"""Dates as councils write them: '27th February, 2018', 'Tuesday 4 Oct 2018', '04/10/2018'."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?,?\s+)"
# scanned minutes read "9th" as "9™" or "9”"; a PDF's superscript may stand apart: "10 th"
_ORD = r"(?:\s?(?:st|nd|rd|th)\b|™|”|\")?"

DAY_MONTH_YEAR = re.compile(
    rf"\b{_WEEKDAY}?(?:the\s+)?(?P<day>[0-3]?\d){_ORD}\s+(?:of\s+)?(?P<month>{_MONTH})\.?,?\s+(?P<year>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
MONTH_DAY_YEAR = re.compile(
    rf"\b{_WEEKDAY}?(?P<month>{_MONTH})\.?\s+(?P<day>[0-3]?\d){_ORD},?\s+(?P<year>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
NUMERIC = re.compile(r"\b(?P<day>[0-3]?\d)[/.](?P<month>[0-3]?\d)[/.](?P<year>(?:19|20)?\d\d)\b")
ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")
DAY_MONTH = re.compile(
    rf"\b(?:the\s+)?(?P<day>[0-3]?\d){_ORD}\s+(?:of\s+)?(?P<month>{_MONTH})\b(?!\s*,?\s*(?:19|20)\d\d)",
    re.IGNORECASE,
)
MONTH_ONLY = re.compile(rf"\b(?P<month>{_MONTH})\b(?:\s+(?P<year>(?:19|20)\d\d))?")


def month_number(name: str) -> int | None:
    return MONTHS.get(name.lower().rstrip("."))


def _make(year: int, month: int | None, day: int) -> dt.date | None:
    if month is None:
        return None
    if year < 100:
        year += 2000
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_date(text: str, order: str = "dmy") -> tuple[dt.date, tuple[int, int]] | None:
    """The first full date in ``text`` and its span, or None. ``order`` says how an all-numeric date is read
    when both readings are possible: 'dmy' (04/10/2018 is 4 October, as in the UK) or 'mdy' (April 10, US)."""
    found: list[tuple[int, dt.date, tuple[int, int]]] = []
    for pattern in (DAY_MONTH_YEAR, MONTH_DAY_YEAR, NUMERIC, ISO):
        for match in pattern.finditer(text):
            month = match.group("month")
            number = int(month) if month.isdigit() else month_number(month)
            day = int(match.group("day"))
            if pattern is NUMERIC and (order == "mdy" or (number is not None and number > 12)) and day <= 12:
                number, day = day, number if number is not None else day  # month first: 3/11/2026 is 11 March
            date = _make(int(match.group("year")), number, day)
            if date is not None:
                found.append((match.start(), date, match.span()))
                break
    if not found:
        return None
    _, date, span = min(found)
    return date, span


def parse_date(text: str) -> dt.date | None:
    found = find_date(text)
    return found[0] if found else None


def resolve_month(month_name: str, reference: dt.date | None, year: int | None = None) -> str | None:
    """'June' said at a meeting on 2018-02-27 -> '2018-06' (the next June on or after it)."""
    month = month_number(month_name)
    if month is None:
        return None
    if year is None:
        if reference is None:
            return None
        year = reference.year + (1 if month < reference.month else 0)
    return f"{year:04d}-{month:02d}"


def resolve_day_month(day: int, month_name: str, reference: dt.date | None) -> str | None:
    """'the 23rd April' said at a meeting on 2018-02-27 -> '2018-04-23'."""
    month = month_number(month_name)
    if month is None or reference is None:
        return None
    year = reference.year
    date = _make(year, month, day)
    if date is not None and date < reference:
        date = _make(year + 1, month, day)
    return date.isoformat() if date else None
