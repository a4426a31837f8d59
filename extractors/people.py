"""People mentioned outside the attendance lists, with the role stated next to the name."""

from __future__ import annotations

import functools
import re
from collections import Counter

from extractors.names import (
    FULL_NAME,
    HONORIFICS,
    ROLE_BEFORE_NAME,
    ROLE_HINT,
    SURNAME,
    is_given_name,
    is_person_name,
    looks_like_name,
    same_person,
    split_titles,
    strip_possessive,
)
from extractors.vocabulary import words
from models.records import Attendee, Document, Evidence, PersonMention

NAME = "people"
VERSION = "1"

# the lookahead rejects at once the positions no title can start at
TITLED = re.compile(
    rf"\b(?=[CBAMD])(?P<title>(?:County\s+|Borough\s+|City\s+)?Councillor|Cllr\.?|CC|Alderman|Alderwoman|Mr\.?|Mrs\.?|Ms\.?|Miss|"
    rf"Dr\.?)(?:\s+(?:Mrs|Mr|Ms|Miss|Dr|Sir|Dame)\.?)*"
    rf"\s+(?P<name>(?:(?:[A-Z]\.){{2,4}}\s*|[A-Z]\.?\s+|[A-Z][a-z]+\s+(?={SURNAME}\b)){{0,3}}{SURNAME})\b"
)
ROLE_AFTER = re.compile(
    r",\s+(?P<role>(?:the\s+)?[A-Z][^.;:()]*?)"
    r"(?=,\s+(?:[a-z]|who\b)|\s+\(|[.;:]|\s+(?:presented|reported|confirmed|introduced|said|advised|responded|"
    r"stated|explained|indicated|added|noted|commented|replied|informed|outlined|highlighted|moved|proposed|"
    r"seconded)\b|$)"
)
LABELLED = re.compile(
    rf"^(?P<label>Report author|Author|Contact|Contact officer|Lead officer|Presented by|Officer)"
    rf"\s*:\s*(?P<name>{FULL_NAME})\b",
    re.IGNORECASE | re.MULTILINE,
)
# One scan finds the candidate names; what follows or precedes each says whether it is a person.
NAME_AT = re.compile(FULL_NAME)
ROLE_TAIL = re.compile(
    r",\s+(?P<role>(?:the\s+)?[A-Z][^.;:()]*?)"
    r"(?=,\s+(?:[a-z]|who\b)|\s+\(|[.;:]|\s+(?:presented|reported|confirmed|introduced|said|advised|responded|"
    r"stated|explained|indicated|added|noted|commented|replied|informed|outlined|highlighted|moved|proposed|"
    r"seconded)\b|$)"
)
PAREN_TAIL = re.compile(r"\s+\((?P<role>[^()]{3,80})\)")
VERB_TAIL = re.compile(
    r"\s+(?:confirmed|reported|agreed|stated|informed|explained|presented|"
    r"advised|noted|outlined|responded|said|added|highlighted|commented|requested|undertook|"
    r"introduced|gave|was|had|would|will|thanked|welcomed|asked|queried|replied|provided)\b"
)
COUNCILLOR_ROLE = re.compile(
    r"\b(?:Parish|Town|District|County|Borough|City|Ward)\s+Councillor\b"
)  # '(Parish Councillor)'
IN_A_LIST = re.compile(r",\s*$")
PLACE_BEFORE = re.compile(r"\b(?:of|in|at|to|from)\s$")  # 'of Little Hadham had received': a place
AGENT_BEFORE = re.compile(r"\b(?:by|thanked|welcomed)\s+$")  # 'presented by Donna Talbot'
# 'arranged for Brian Parkinson to install it': someone asked to do something
FOR_BEFORE = re.compile(r"\bfor\s+$")
INFINITIVE_AFTER = re.compile(r"\s+to\s+[a-z]")
# 'Geoff Day from NHS North Lincolnshire': a person and the organisation they came from
FROM_ORGANISATION = re.compile(r"\s+from\s+(?:the\s+)?[A-Z]")
NOT_A_PERSON_BEFORE = re.compile(r"\b(?:the|a|an|this|that|these|those|its|their|our|on|about|regarding)\s+$", re.I)
NAME_THEN_COMMA = re.compile(rf"{FULL_NAME},")
# '\b[a-z]...' with the letter first, so that the scan skips to lower-case letters before trying the rest
LOWER_WORD = re.compile(r"[a-z](?<=\b[a-z])[a-z'’-]+\b")


@functools.cache
def _word_given_names() -> frozenset[str]:
    return frozenset(words("roles", "word_given_names"))


def _known_name(name: str, common: frozenset[str]) -> bool:
    """'Andrew Jared', 'Jeff Creed': a given name of the lists, then a surname the document never writes as a
    common word ('Grant funding' is no one)."""
    parts = name.split()
    if len(parts) < 2 or not is_given_name(parts[0]) or not is_person_name(name):
        return False
    if parts[0] in _word_given_names():
        return False
    return not any(part.lower() in common for part in parts)


ROLE_BEFORE = re.compile(
    r"(?P<role>(?:[A-Z][\w&'’-]*\s+){0,4}(?:"
    + "|".join(
        re.escape(w)
        for w in (
            "Attorney",
            "Manager",
            "Director",
            "Officer",
            "Clerk",
            "Engineer",
            "Planner",
            "Chief",
            "Superintendent",
            "Administrator",
            "Coordinator",
            "Secretary",
            "Treasurer",
            "Supervisor",
            "Consultant",
            "Counsel",
            "Chair",
            "President",
        )
    )
    + r"))\s+$"
)


def _role_before(text: str, start: int) -> str | None:
    """'City Attorney John Lam': the post written just before a name."""
    match = ROLE_BEFORE.search(text, max(0, start - 60), start)
    return match.group("role") if match else None


def _clean_role(role: str) -> str | None:
    role = " ".join(role.split()).strip(" ,")
    if len(role) > 90 or not (ROLE_HINT.search(role) or COUNCILLOR_ROLE.search(role)):
        return None
    return re.sub(r"^the\s+", "", role)


def _common_words(text: str) -> frozenset[str]:
    """Words the document also writes in lower case: 'Young People' is not a name when 'young people' occurs
    (an e-mail address, 'michael.walder@...', says nothing of the kind)."""
    counts = Counter(LOWER_WORD.findall(text))
    for token in text.split():
        if "@" in token or token.startswith(("http://", "https://", "www.")):
            counts.subtract(LOWER_WORD.findall(token))
    return frozenset(word for word, count in counts.items() if count > 0)


def _mentions(document: Document) -> list[PersonMention]:
    text = document.text
    common = _common_words(text)
    found: list[PersonMention] = []

    def add(name: str, role: str | None, start: int, titled: bool = False) -> None:
        name = strip_possessive(name)
        stripped = split_titles(name)  # 'Councilmember Daysog', 'Vice President Amarasiriwardena'
        if stripped.office or stripped.honorific:
            start += len(name) - len(stripped.name)
            role, name, titled = role or stripped.office or stripped.honorific, stripped.name, True
        if role is None and (held := ROLE_BEFORE_NAME.match(name)):  # 'Independent Member Samuel Jones'
            role, start, name = held.group("role"), start + held.start("name"), held.group("name")
        if "\n" in name or not looks_like_name(name) or HONORIFICS.fullmatch(name) or not is_person_name(name):
            return  # nor 'Mrs' alone, from 'Cllr. Mrs JMS joined the meeting'
        if (not titled or len(name.split()) > 1) and role is None and any(w.lower() in common for w in name.split()):
            return
        if not titled and role is None and NOT_A_PERSON_BEFORE.search(text, max(0, start - 12), start):
            return  # 'as the English Baccalaureate', 'a report on Academy Orders': things, not people
        found.append(PersonMention(name, role, Evidence((start, start + len(name)), NAME, VERSION)))

    for match in LABELLED.finditer(text):
        label = match.group("label").capitalize()
        add(match.group("name"), label if "author" in label.lower() else None, match.start("name"), titled=True)
    for match in NAME_AT.finditer(text):
        name, start, end = match.group(0), match.start(), match.end()
        if _known_name(name, common):
            stated = ROLE_TAIL.match(text, end) or PAREN_TAIL.match(text, end)
            role = _clean_role(stated.group("role")) if stated else None
            add(name, role or _role_before(text, start), start, titled=True)
        elif stated := ROLE_TAIL.match(text, end):
            role = _clean_role(stated.group("role"))
            # not 'Civic Suite, Gibson Building, Kings Hill, West Malling' nor 'met at Pittwood House, Scunthorpe'
            if role or not (
                IN_A_LIST.search(text, max(0, start - 3), start) or PLACE_BEFORE.search(text, max(0, start - 6), start)
            ):
                add(name, role, start)
        elif (bracket := PAREN_TAIL.match(text, end)) and (role := _clean_role(bracket.group("role"))):
            add(name, role, start)  # '(MASH)' after 'Multi-Agency Safeguarding Hub' is no role: no person
        elif (
            (VERB_TAIL.match(text, end) and not PLACE_BEFORE.search(text, max(0, start - 6), start))
            or AGENT_BEFORE.search(text, max(0, start - 10), start)
            or FROM_ORGANISATION.match(text, end)
            or (FOR_BEFORE.search(text, max(0, start - 5), start) and INFINITIVE_AFTER.match(text, end))
        ):
            add(name, None, start)
    for match in TITLED.finditer(text):
        title = match.group("title").rstrip(".")
        stated = ROLE_AFTER.match(text, match.end())
        # 'Councillor Driver, Sally Allen, Head of ...': the role after the comma is someone else's
        role = _clean_role(stated.group("role")) if stated and not NAME_THEN_COMMA.match(stated.group("role")) else None
        if role is None and not HONORIFICS.fullmatch(title):
            role = "County Councillor" if title == "CC" else title
        add(match.group("name"), role, match.start("name"), titled=True)
    return found


def extract_people(document: Document, attendees: tuple[Attendee, ...]) -> tuple[PersonMention, ...]:
    """One entry per person not in the attendance lists; the first stated role wins."""
    people: list[PersonMention] = []
    for mention in sorted(_mentions(document), key=lambda m: m.evidence.span):
        # 'Wendy Morris-Twiddy' attended: 'Cllr Wendy Morris – Twiddy' mentions no one else
        if any(same_person(a.name, mention.name) or same_person(a.name.split("-")[0], mention.name) for a in attendees):
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
