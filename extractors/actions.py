"""Actions: who agreed, was asked or is to do what, by when; what is to come back to a meeting."""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal, NamedTuple

from extractors.dates import MONTHS, resolve_day_month, resolve_month
from extractors.names import FULL_NAME, TITLE, split_title
from extractors.text import item_number_at, split_sentences
from models.records import Action, Document, Evidence, Section

NAME = "actions"
VERSION = "1"

_OWNER = (
    rf"(?:(?:{TITLE})\s+)?{FULL_NAME}|(?:the\s+)?(?:[A-Z][\w'’&-]*\s+){{0,5}}(?:Director|Head|Manager|"
    r"Officer|Chief\s+Executive|Leader|Clerk|Team|Board|Committee|Cabinet|Council|Lead)"
    r"(?:\s+(?:of|for)\s+(?:[A-Z][\w'’&-]*\s?)+)?"
)


class Rule(NamedTuple):
    """One way minutes phrase an action.

    ``trigger`` is a cheap test run first: most sentences hold no action, and the full pattern (an owner's
    name before a verb) is too costly to search in every sentence. ``text`` says where the action text is:
    the ``text`` group, everything from the start of the match, or the whole sentence.
    """

    trigger: re.Pattern[str]
    pattern: re.Pattern[str]
    text: Literal["group", "match", "sentence"]


RULES: tuple[Rule, ...] = (
    Rule(
        re.compile(
            r"\b(?:agreed|undertook|offered|promised|asked|would|will|is\s+to|are\s+to|was\s+to)\s+(?:to\s+)?[a-z]"
        ),
        re.compile(
            rf"(?P<owner>{_OWNER})(?:,[^,]+,)?\s+(?:agreed|undertook|offered|promised|"
            r"was\s+asked|were\s+asked|would|will|is\s+to|are\s+to|was\s+to)\s+(?P<text>(?:to\s+)?"
            r"(?!be\b)[a-z].+)"
        ),
        "group",
    ),
    Rule(
        re.compile(r"\b(?:looking\s+into|investigating|reviewing|meeting\s+with|working\s+on)\b"),
        re.compile(
            rf"(?P<owner>{_OWNER})\s+(?:was|were|is|are)\s+(?:currently\s+)?"
            r"(?:looking\s+into|investigating|reviewing|meeting\s+with|working\s+on)\b.+"
        ),
        "match",
    ),
    Rule(
        re.compile(r"\bconfirmed\s+that\s+(?:management\s+)?action\s+was\s+being\s+taken"),
        re.compile(rf"(?P<owner>{_OWNER})\s+confirmed\s+that\s+(?:management\s+)?action\s+was\s+being\s+taken.*"),
        "match",
    ),
    Rule(
        re.compile(
            r"\bbe\s+(?:presented|brought|submitted|provided|circulated|reported|considered|made\s+available)\b"
        ),
        re.compile(
            r"(?P<text>\b(?:a|an|the)\s+(?:further\s+|full\s+|detailed\s+|progress\s+|update\s+)?"
            r"(?:report|update|briefing|paper|plan|recovery\s+plan|presentation)\b[^.]*?\b(?:would|will|"
            r"should|to)\s+be\s+(?:presented|brought|submitted|provided|circulated|reported|"
            r"considered|made\s+available)\b[^.]*)",
            re.I,
        ),
        "group",
    ),
    Rule(
        re.compile(r"\brequested\s+that\b"),
        re.compile(r"\brequested\s+that\s+[^.]+?\s+be\s+(?:presented|brought|provided|circulated|submitted)\b"),
        "sentence",
    ),
    Rule(re.compile(r"^ACTIONS?\b", re.I), re.compile(r"^ACTIONS?\s*[:–-]\s*(?P<text>.+)", re.I), "group"),
    Rule(
        re.compile(r"\bexpected\s+to\b"),
        re.compile(rf"(?P<owner>{_OWNER})\s+(?:were|was)\s+expected\s+to\s+[^.]+"),
        "match",
    ),
    Rule(
        re.compile(r"\bmonitored\s+by\b"),
        re.compile(
            rf"\bwould\s+be\s+(?:closely\s+)?monitored\s+by\s+(?:the\s+)?(?P<owner>{_OWNER})"
            rf"(?:\s+and\s+(?:{_OWNER}))?"
        ),
        "sentence",
    ),
)
DUE_MEETING = re.compile(
    rf"\b(?:the\s+)?(?P<month>{'|'.join(m.capitalize() for m in MONTHS)})\b"
    r"(?:\s+(?P<year>20\d\d))?(?:\s+[A-Z][\w]*)*\s+meeting\b"
)
DUE_BY = re.compile(
    rf"\b(?:by|before|in|from)\s+(?:the\s+)?(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+)?"
    rf"(?P<month>{'|'.join(m.capitalize() for m in MONTHS)})\b(?:\s+(?P<year>20\d\d))?"
)
ACTION_LIST = re.compile(r"\b(?:actions?|following\s+actions)\b[^.]*(?:including|include|:)\s*:?$", re.I)
NOT_OWNER = re.compile(r"^(?:It|There|This|That|These|Members?|Officers)$")


def _due(text: str, reference: dt.date | None) -> str | None:
    if match := DUE_MEETING.search(text):
        year = int(match.group("year")) if match.group("year") else None
        return resolve_month(match.group("month"), reference, year)
    if match := DUE_BY.search(text):
        year = int(match.group("year")) if match.group("year") else None
        if match.group("day"):
            if year:
                return resolve_day_month(int(match.group("day")), match.group("month"), dt.date(year, 1, 1))
            return resolve_day_month(int(match.group("day")), match.group("month"), reference)
        return resolve_month(match.group("month"), reference, year)
    return None


def _owner(raw: str | None) -> str | None:
    if not raw:
        return None
    name, _ = split_title(raw.strip())
    name = re.sub(r"^the\s+", "", name)
    return None if NOT_OWNER.match(name) else name


def _from_sentences(document: Document, sections: tuple[Section, ...], reference: dt.date | None) -> list[Action]:
    found = []
    for block in document.blocks:
        if block.kind == "heading":
            continue
        for sentence, start, _ in split_sentences(document.block_text(block), block.start):
            for rule in RULES:
                match = rule.trigger.search(sentence) and rule.pattern.search(sentence)
                if not match:
                    continue
                owner = _owner(match.groupdict().get("owner"))
                if rule.text == "group":
                    text = match.group("text")
                elif rule.text == "match":
                    text = sentence[match.start() :]
                else:
                    text = sentence
                    owner = None if "requested that" in text else owner
                at = start + sentence.find(text)
                found.append(
                    Action(
                        text.strip().rstrip("."),
                        owner,
                        None,
                        item_number_at(sections, at),
                        _due(text, reference),
                        Evidence((at, at + len(text)), NAME, VERSION),
                    )
                )
                break
    return found


def _from_action_lists(document: Document, sections: tuple[Section, ...]) -> list[Action]:
    """Bullets that follow a sentence announcing actions ('... a number of actions including:')."""
    found = []
    blocks = document.blocks
    for index, block in enumerate(blocks):
        if block.kind == "list_item" or not ACTION_LIST.search(document.block_text(block)):
            continue
        for item in blocks[index + 1 :]:
            if item.kind != "list_item":
                break
            text = document.block_text(item).rstrip(";.")
            found.append(
                Action(
                    text,
                    None,
                    None,
                    item_number_at(sections, item.start),
                    None,
                    Evidence((item.start, item.start + len(text)), NAME, VERSION),
                )
            )
    return found


def extract_actions(
    document: Document, sections: tuple[Section, ...], meeting_date: dt.date | None
) -> tuple[Action, ...]:
    found = _from_sentences(document, sections, meeting_date) + _from_action_lists(document, sections)
    found.sort(key=lambda a: a.evidence.span)
    return tuple(found)
