"""Which figures measure something: the gate between a number in the text and a performance metric.

Minutes are full of numbers that measure nothing: licence and item numbers, vote tallies ('7-0'), ages,
addresses, sizes of a building, payments and grants. A figure is kept when its surroundings say it is a
measure (``vocabulary/figures.toml``): not an identifier, a tally, an age or a size; a sum of money only
in a sentence about spending against a plan (an overspend, savings, a forecast).
"""

from __future__ import annotations

import functools
import re

from extractors.vocabulary import alternation, words
from models.records import Metric

CURRENCIES = frozenset({"GBP", "USD", "EUR", "CAD", "AUD", "NZD"})
TALLY = re.compile(r"\d\s*[-–—]\s*\d|\(\s*\d+\s*(?:[-–—]|to)\s*\d+\s*\)")


def _phrase_pattern(phrases: tuple[str, ...], *, at_end: bool) -> re.Pattern[str]:
    phrase = alternation(phrases)
    if at_end:
        return re.compile(rf"(?:^|[\s(/-])(?:{phrase})\W{{0,3}}$", re.IGNORECASE)
    return re.compile(rf"^\W{{0,2}}(?:{phrase})(?!\w)", re.IGNORECASE)


@functools.cache
def _identifier_before() -> re.Pattern[str]:
    return _phrase_pattern(words("figures", "identifier_before"), at_end=True)


@functools.cache
def _size_after() -> re.Pattern[str]:
    return _phrase_pattern(words("figures", "unit_after_not_measure"), at_end=False)


@functools.cache
def _money_cues() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{alternation(words('figures', 'money_measure_cues'))})", re.IGNORECASE)


@functools.cache
def _money_transaction() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{alternation(words('figures', 'money_transaction_cues'))})\b", re.IGNORECASE)


@functools.cache
def _members_of_the_body() -> frozenset[str]:
    return frozenset(words("figures", "members_of_the_body"))


@functools.cache
def _counted() -> frozenset[str]:
    return frozenset(w.lower() for w in words("figures", "counted"))


WORD = re.compile(r"[A-Za-z][\w'’-]*")


def _counts_the_body(before: str, after: str) -> bool:
    """'five Board Members are present', 'three fellow Members', 'four (4) members of Council': the body's
    own members counted, not people served."""
    found = [word.lower() for word in WORD.findall(after)[:4]]
    if "members" not in found and "member" not in found:
        return False
    at = found.index("members") if "members" in found else found.index("member")
    near = found[:at] + [word.lower() for word in WORD.findall(before)[-2:]] + found[at + 1 : at + 3]
    return any(word in _members_of_the_body() for word in near)


def _counts_something(before: str, after: str) -> bool:
    """'20 calls', '9 mental health related calls', '22,866 young people voting': a counted noun of the
    vocabulary within four words after the number; or before it, in a table's row ('Drug Offences 634')."""
    found = WORD.findall(after)[:4]
    if any(word.lower().strip("'’") in _counted() for word in found):
        return True
    line = before.rsplit("\n", 1)[-1]
    return not WORD.search(after.split("\n", 1)[0][:12]) and any(
        word.lower() in _counted() for word in WORD.findall(line)[-4:]
    )


@functools.cache
def _change_before() -> re.Pattern[str]:
    return _phrase_pattern(words("figures", "change_before"), at_end=True)


@functools.cache
def _period_after() -> re.Pattern[str]:
    return re.compile(rf"^\s*(?:{alternation(words('figures', 'period_after'))})", re.IGNORECASE)


def _dated_or_compared(before: str, after: str) -> bool:
    """'increased from 116 in March 2017', '1,920 at the end of quarter 2': a count compared or dated."""
    return bool(_period_after().match(after)) and bool(_change_before().search(before))


# the numbers of a list after the word that makes them identifiers: 'Options 2, 3, 4 and', 'items 2 (2.1), 4 (2.4),'
LISTED_BEFORE = re.compile(r"(?:\d+(?:\.\d+)?(?:\s*\([^)]{0,6}\))?\s*(?:,|&|and|–|-)\s*)+$")
MONTH_BEFORE = re.compile(
    r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+$"
)  # 'September 28 and 29', 'May 8, 9, 11'
COMPOUND_AFTER = re.compile(r"^[-‑][A-Za-z]")  # 'a five-minute break', 'the 24-hour portion', 'Ten-ton'
TABLE_ROW_NUMBER = re.compile(r"(?:^|\n)[\s|>]*$")  # a row's first cell: '4 | Amendment to ...'
SUB_CLAUSE_AFTER = re.compile(r"^\s?\((?:[a-z]{1,3}|\d+(?:\.\d+)?)\)")  # '54956.9(d)(4)', 'items 2 (2.1)'
LEGISLATION_AFTER = re.compile(
    r"^\s+of\s+(?:the\s+)?(?:[A-Z][\w’']*\s+){1,6}(?:Act|Regulations?|Code|Order|Rules)\b"
)  # '17 of the Children Act 1989'
FINITE_VERB = re.compile(r"\s(?:were|was|are|is|has|have|had)\s")
HEADING_AFTER = re.compile(r"^\s+(?:[A-Z][a-z]|\d+(?:st|nd|rd|th)\s)")  # '8.1 8th Report of ...'
CENTS = re.compile(r"\d\.\d\d$")  # '439.56': a sum in a table of payments, not a count


def _heading_number(before: str, after: str, written: str, line_rest: str) -> bool:
    """A number opening its line before a capitalised word: '113.1 Noted that ...', '10 Finance'; not a
    sentence that starts with a count ('9 County Matter applications were determined')."""
    if not (TABLE_ROW_NUMBER.search(before) and HEADING_AFTER.match(after)):
        return False
    return "." in written or not FINITE_VERB.search(line_rest)


def _identifier(before: str, after: str, written: str, line_rest: str) -> bool:
    """A number that names or places something: an item, a clause, a day, a row, a reference."""
    listed = LISTED_BEFORE.sub("", before)
    if _identifier_before().search(listed) or MONTH_BEFORE.search(listed):
        return True
    if re.search(r"[=/\\]\s*$", before) or CENTS.search(written):
        return True
    if TABLE_ROW_NUMBER.search(before) and re.match(r"^\s*\|", after):
        return True
    if written[:1].isdigit() and (SUB_CLAUSE_AFTER.match(after) or _heading_number(before, after, written, line_rest)):
        return True  # '54956.9(d)(4)'; a minute's own number opening its line: '113.1 Noted that ...'
    if before.endswith("(") and after.startswith(")") and "." in written:
        return True  # '(4.4) 2024 CEAP'
    return bool(LEGISLATION_AFTER.match(after))


ADDRESS_AFTER = re.compile(
    r"^\s*(?:[-–]\s*\d+\s*)?(?:[A-Z][a-z]+\.?\s+){0,3}(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|Way|Drive|Dr|"
    r"Lane|Ln|Place|Pl|Square|Sq|Court|Ct|Terrace|Crescent|Close|Hwy|Highway|Pkwy|Parkway)\b\.?"
)


@functools.cache
def _performance_cues() -> re.Pattern[str]:
    return re.compile(rf"(?i)(?:\b|(?<=\d))(?:{alternation(words('figures', 'performance_cues'))})\b")


@functools.cache
def _policy_cues() -> re.Pattern[str]:
    return re.compile(rf"(?i)\b(?:{alternation(words('figures', 'policy_cues'))})")


INDICATOR_LINE = re.compile(r"(?:^|\n)[A-Z][^\n.;:]{3,100}?\s[–—-]\s+[\d.,]+\s*%?\s*$")
CHANGE_TO = re.compile(
    r"(?i)\b(?:increased|decreased|rose|fell|dropped|improved|declined|reduced|up|down)\s+(?:from|to)\s+$"
)
RATE_UNITS = frozenset({"percent", "percentage_points", "days", "weeks", "months", "years", "hours", "minutes"})


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    right_stop = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    return text[left : min(right_stop) if right_stop else len(text)]


def is_measure(metric: Metric, text: str, in_minutes: bool = False, money_gate: bool = False) -> bool:
    """Whether ``metric``, found in the document ``text``, reports a measure rather than naming a thing.
    In minutes a bare count must also count something the vocabulary knows (calls, visits, people ...), and a
    rate or a sum of money must stand in a sentence about performance (``money_gate`` alone: only the money)."""
    start, end = metric.evidence.span
    before = text[max(0, start - 40) : start]
    after = text[end : end + 40]
    if "#" in before[-4:]:
        return False
    if (in_minutes or money_gate) and metric.unit in CURRENCIES:
        # the cue stands in the figure's own clause: 'a forecast overspend of £6m', 'savings of £2m'
        around = text[max(0, start - 80) : end + 40]
        return bool(_money_cues().search(around)) and not _money_transaction().search(
            _sentence_around(text, start, end)
        )
    if in_minutes and metric.unit in RATE_UNITS:
        # a rate, share or duration in minutes: a measure where the sentence reports performance, not a rule;
        # or a line of indicators and their values ('Visits within timescale – 85%')
        sentence = _sentence_around(text, start, end)
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        if INDICATOR_LINE.search(line) or CHANGE_TO.search(before):
            return True
        return bool(_performance_cues().search(sentence)) and not _policy_cues().search(sentence)
    if metric.unit == "count":
        line_end = text.find("\n", end)
        line_rest = text[end : line_end if line_end >= 0 else len(text)]
        if _identifier(before, after, text[start:end], line_rest) or _size_after().search(after):
            return False
        if COMPOUND_AFTER.match(after) or _counts_the_body(before, after):
            return False
        if TALLY.search(text[max(0, start - 3) : end + 8]):
            return False  # '7-0', '(5-2)': a vote's tally
        if re.search(r"[A-Za-z][-‑]?\Z", before) or re.match(r"^[A-Za-z]", after):
            return False  # inside a code: 'B6355', 'LB99282', 'LB‑99612'
        if not re.search(r"[a-z]{3}", metric.indicator):
            return False  # nothing counted: 'License#: LB', 's'
        if ADDRESS_AFTER.match(after) or re.match(r"0\d", text[start:end]):
            return False  # '185 - 187 State St.', 'MA 02109'
        if in_minutes and not (_counts_something(before, after) or _dated_or_compared(before, after)):
            return False
    return True
