"""People mentioned outside the attendance lists, with the role stated next to the name."""

from __future__ import annotations

import re

from extractors.names import FULL_NAME, ROLE_HINT, SURNAME, looks_like_name, same_person
from models.records import Attendee, Document, Evidence, PersonMention

NAME = "people"
VERSION = "1"

TITLED = re.compile(
    rf"\b(?P<title>County\s+Councillor|Borough\s+Councillor|City\s+Councillor|Councillor|Cllr\.?|CC)"
    rf"\s+(?P<name>(?:[A-Z]\.?\s+|[A-Z][a-z]+\s+(?={SURNAME}\b))?{SURNAME})\b"
)
NAME_ROLE = re.compile(
    rf"\b(?P<name>{FULL_NAME}),\s+(?P<role>(?:the\s+)?[A-Z][^.;:()]*?)"
    r"(?=,\s+(?:[a-z]|who\b)|\s+\(|[.;:]|\s+(?:presented|reported|confirmed|introduced|said)\b|$)"
)
NAME_PAREN_ROLE = re.compile(rf"\b(?P<name>{FULL_NAME})\s+\((?P<role>[^()]{{3,80}})\)")
LABELLED = re.compile(
    rf"^(?P<label>Report author|Author|Contact|Contact officer|Lead officer|Presented by|Officer)"
    rf"\s*:\s*(?P<name>{FULL_NAME})\b",
    re.IGNORECASE | re.MULTILINE,
)
REPORTING = re.compile(
    rf"\b(?P<name>{FULL_NAME})\s+(?:confirmed|reported|agreed|stated|informed|explained|presented|"
    r"advised|noted|outlined|responded|said|added|highlighted|commented|requested|undertook|"
    r"introduced|gave|was|had|would|will|thanked|welcomed|asked|queried|replied|provided)\b"
    rf"|\b(?:by|from|with|thanked)\s+(?P<name2>{FULL_NAME})\b"
)

LOWER_WORD = re.compile(r"\b[a-z][a-z'’-]+\b")


def _clean_role(role: str) -> str | None:
    role = " ".join(role.split()).strip(" ,")
    if len(role) > 90 or not ROLE_HINT.search(role):
        return None
    return re.sub(r"^the\s+", "", role)


def _common_words(text: str) -> frozenset[str]:
    """Words the document also writes in lower case: 'Young People' is not a name when 'young people' occurs."""
    return frozenset(LOWER_WORD.findall(text))


def _mentions(document: Document) -> list[PersonMention]:
    text = document.text
    common = _common_words(text)
    found: list[PersonMention] = []

    def add(name: str, role: str | None, start: int, titled: bool = False) -> None:
        if "\n" in name or not looks_like_name(name):
            return
        if not titled and role is None and any(word.lower() in common for word in name.split()):
            return
        found.append(PersonMention(name, role, Evidence((start, start + len(name)), NAME, VERSION)))

    for match in LABELLED.finditer(text):
        label = match.group("label").capitalize()
        add(match.group("name"), label if "author" in label.lower() else None, match.start("name"), titled=True)
    for match in NAME_ROLE.finditer(text):
        add(match.group("name"), _clean_role(match.group("role")), match.start("name"))
    for match in NAME_PAREN_ROLE.finditer(text):
        add(match.group("name"), _clean_role(match.group("role")), match.start("name"))
    for match in TITLED.finditer(text):
        title = match.group("title").rstrip(".")
        add(match.group("name"), "County Councillor" if title == "CC" else title, match.start("name"), titled=True)
    for match in REPORTING.finditer(text):
        group = "name" if match.group("name") else "name2"
        add(match.group(group), None, match.start(group))
    return found


def extract_people(document: Document, attendees: tuple[Attendee, ...]) -> tuple[PersonMention, ...]:
    """One entry per person not in the attendance lists; the first stated role wins."""
    people: list[PersonMention] = []
    for mention in sorted(_mentions(document), key=lambda m: m.evidence.span):
        if any(same_person(a.name, mention.name) for a in attendees):
            continue
        for index, known in enumerate(people):
            if same_person(known.name, mention.name):
                if known.role is None and mention.role is not None:
                    people[index] = PersonMention(known.name, mention.role, known.evidence)
                if len(mention.name) > len(known.name) and known.name in mention.name:
                    people[index] = PersonMention(mention.name, people[index].role, mention.evidence)
                break
        else:
            people.append(mention)
    return tuple(people)
