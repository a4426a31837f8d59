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


@given(st.integers(min_value=1, max_value=99))
def test_word_numbers(value: int) -> None:
    words = {
        1: "one",
        2: "two",
        3: "three",
        7: "seven",
        12: "twelve",
        20: "twenty",
        21: "twenty one",
        45: "forty-five",
        99: "ninety nine",
    }
    if value in words:
        assert parse_word_number(words[value]) == value


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
