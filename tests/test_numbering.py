"""Item numbers in any form, and items found as the document's own numbering scheme."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from extractors.numbering import follows, read_labels
from pipeline.segment import segment
from tests.test_extractors import doc


def test_labels_of_many_schemes_read_with_their_family_and_key() -> None:
    cases = {
        "84. Apologies": ("84", (84,)),
        "19.05.4 Minutes": ("19.05.4", (19, 5, 4)),  # year.month.number (a parish council's minutes)
        "C048/23 APOLOGIES FOR ABSENCE": ("C048/23", (48, 23)),
        "CAB/23/12 Budget Monitoring": ("CAB/23/12", (23, 12)),
        "CA.212": ("CA.212", (212,)),
        "31/21 Planning": ("31/21", (31, 21)),
        "Item 12 Finance": ("12", (12,)),
        "Minute 151: Declarations of Interest.": ("151", (151,)),
        "(a) Playground Advisory Group": ("a", (1,)),
        "IV. ADOPTION OF THE RESOLUTION": ("IV", (4,)),
        "5-A 2023-3237": ("5-A", (5, 1)),
        "96-12 (j) Bruce Bergman": ("96-12", (96, 12)),
    }
    for line, (text, key) in cases.items():
        labels = read_labels(line)
        assert labels, line
        assert (labels[0].text, labels[0].key) == (text, key), line


def test_words_and_years_are_no_labels() -> None:
    for line in ("A motion was made by Councillor Morgan", "I will ask at the next meeting", "2020 Budget review",
                 "10 to 11 percent of staff costs", "a) without a capital"):  # fmt: skip
        assert read_labels(line) == [] or not read_labels(line)[0].title_start, line


def test_a_letter_that_may_be_roman_has_both_readings() -> None:
    families = {label.family for label in read_labels("I. CALL TO ORDER")}
    assert families == {"L.", "R."}


@given(st.lists(st.integers(1, 60), min_size=2, max_size=6))
def test_the_next_number_follows_and_an_earlier_one_does_not(parts: list[int]) -> None:
    key = tuple(parts)
    later = (*key[:-1], key[-1] + 1)
    assert follows(key, later)
    assert not follows(later, key)
    assert not follows(key, key)


@given(st.integers(1, 998), st.sampled_from([". ", ") ", " – ", "  "]))
def test_a_number_and_title_read_back_the_number(number: int, separator: str) -> None:
    labels = read_labels(f"{number}{separator}Declarations of Interest")
    assert labels and labels[0].text == str(number)


def test_the_longest_increasing_run_is_the_scheme_and_a_list_under_an_item_is_no_item() -> None:
    document = doc(
        "Minutes of the Board",
        "1. Call to Order",
        "The meeting was called to order at 7 pm.",
        "2. Appointments",
        "The following applied:",
        "1. Mark St. John",
        "2. John Perez",
        "3. Alanna Miklie",
        "A. Review of Findings",
        "The board reviewed the findings.",
        "B. Food Carts",
        "The manager reported on the food carts.",
        "3. Adjournment",
        "The meeting adjourned at 8 pm.",
    )
    sections = segment(document)
    assert [(s.number, s.level) for s in sections] == [("1", 1), ("2", 1), ("A", 2), ("B", 2), ("3", 1)]


def test_unnumbered_minutes_split_at_their_bold_labels_or_headings() -> None:
    document = doc(
        "Minutes of Haresfield Parish Council Meeting",
        "Present: Councillors Tilsley, Bevan and Knight",
        "Minutes of the last meeting: The minutes of the previous meeting were agreed as a true record.",
        "FLOODING",
        "Councillors discussed the recent flooding arising from increased water flow through the lane.",
        "PLANNING",
        "No objection was raised to the planning application for the erection of a porch.",
        "HIGHWAYS",
        "Highways to be contacted about repair to Beacon Lane.",
    )
    assert [s.title for s in segment(document)] == ["FLOODING", "PLANNING", "HIGHWAYS"]


def test_dates_and_street_addresses_are_no_item_numbers() -> None:
    # a US school board's posting stamp and a township's address above the title; a parish's month.year.number
    assert read_labels("03/24/2026") == []
    assert read_labels("5594 N 192nd Avenue") == []
    assert read_labels("3738 Walnut Avenue, Carmichael, California 95608") == []
    assert [label.key for label in read_labels("10.25.01 | Apologies for absence")] == [(10, 25, 1)]
