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
TALLY = re.compile(r"\d\s*[-–—]\s*\d|\(\s*\d+\s*[-–—]\s*\d+\s*\)")


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
def _counted() -> frozenset[str]:
    return frozenset(w.lower() for w in words("figures", "counted"))


WORD = re.compile(r"[A-Za-z][\w'’-]*")


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
        return bool(_money_cues().search(text[max(0, start - 80) : end + 40]))
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
        if _identifier_before().search(before) or _size_after().search(after):
            return False
        if TALLY.search(text[max(0, start - 3) : end + 4]):
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
