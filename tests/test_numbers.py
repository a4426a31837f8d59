"""Property tests for the number, date and name normalisers."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from extractors.dates import find_date
from extractors.metrics import extract_metrics
from extractors.numbers import apply_multiplier, format_number, parse_numeral, parse_word_number
from models.records import Block, Document


@given(st.integers(min_value=0, max_value=10**12))
def test_formatted_integers_read_back(value: int) -> None:
    assert parse_numeral(format_number(float(value))) == value


@given(st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False))
def test_formatted_decimals_read_back(value: object) -> None:
    number = float(value)  # type: ignore[arg-type]
    assert abs(parse_numeral(format_number(number)) - number) < 1e-9


ONES = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def in_words(value: int, joiner: str) -> str:
    """1..99 as minutes write them: 'seven', 'fifteen', 'forty-five', 'ninety nine'."""
    if value < 10:
        return ONES[value - 1]
    if value < 20:
        return TEENS[value - 10]
    tens, ones = divmod(value, 10)
    return TENS[tens - 2] + (joiner + ONES[ones - 1] if ones else "")


@given(st.integers(min_value=1, max_value=99), st.sampled_from([" ", "-"]))
def test_word_numbers_read_back(value: int, joiner: str) -> None:
    assert parse_word_number(in_words(value, joiner)) == value


@given(
    st.decimals(min_value=1, max_value=9999, places=1, allow_nan=False),
    st.sampled_from(
        [
            ("{} %", "percent", 1.0),
            ("{}%", "percent", 1.0),
            ("{} per cent", "percent", 1.0),
            ("{} per 10,000 population", "per_10000", 1.0),
            ("£{}m", "GBP", 1_000_000.0),
            ("£{}", "GBP", 1.0),
            ("{} days", "days", 1.0),
        ]
    ),
)
def test_quoted_figures_read_back_with_their_unit(value: object, form: tuple[str, str, float]) -> None:
    template, unit, scale = form
    number = float(value)  # type: ignore[arg-type]
    text = f"The forecast overspend stood at {template.format(format_number(number))} this quarter."
    document = Document("x.txt", "text/plain", text, (Block("paragraph", 0, len(text)),))
    found = [(m.value, m.unit) for m in extract_metrics(document, ())]
    assert len(found) == 1
    assert found[0][1] == unit and abs(found[0][0] - number * scale) < 1e-6 * max(1.0, number * scale)


def test_money_multipliers() -> None:
    assert apply_multiplier(4.5, "m") == 4_500_000.0
    assert apply_multiplier(0.801, "m") == 801_000.0
    assert parse_numeral("11, 011") == 11011.0


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_dates_read_back_in_council_formats(date: dt.date) -> None:
    for text in (
        f"{date.day} {date:%B %Y}",
        f"{date:%A}, {date.day}th {date:%B}, {date.year}",
        f"{date:%d/%m/%Y}",
        date.isoformat(),
    ):
        found = find_date(f"held on {text} at 2pm")
        assert found is not None and found[0] == date, text


@given(st.text(max_size=300))
def test_no_text_crashes_the_metric_extractor(text: str) -> None:
    document = Document("x.txt", "text/plain", text, (Block("paragraph", 0, len(text)),))
    for metric in extract_metrics(document, ()):
        assert metric.evidence.span[0] <= metric.evidence.span[1] <= len(text)
