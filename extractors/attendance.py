"""Attendance: present, apologies, absent, in attendance, substitutes, and who chaired."""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.names import (
    CHAIR_MARK,
    ROLE_HINT,
    looks_like_name,
    same_person,
    split_chair,
    split_title,
)
from models.records import AttendanceStatus, Attendee, Document, Evidence, Section

NAME = "attendance"
VERSION = "1"

# Headings that open an attendance list, with the status of the names that follow.
LIST_HEADINGS: tuple[tuple[re.Pattern[str], AttendanceStatus], ...] = (
    (re.compile(r"^(?:Also\s+)?(?:Officers?\s+)?in\s+attendance(?:\s+were)?\s*:?", re.I), "in_attendance"),
    (re.compile(r"^(?:Also\s+present|Officers(?:\s+present)?|Officers\s+attending)\s*:?", re.I), "in_attendance"),
    (re.compile(r"^Apologies(?:\s+for\s+absence)?(?:\s+were\s+received\s+from)?\s*:", re.I), "apologies"),
    (re.compile(r"^(?:Absent|Not\s+present)\s*:?", re.I), "absent"),
    (re.compile(r"^(?:Present|Attendees|Members\s+present|Councillors\s+present)\b\s*:?", re.I), "present"),
)
ROLE_LINE = re.compile(
    r"^(?:(?:County|Borough|City|District|Town|Parish)\s+)?(?:Councillors?|Members|Co-opted\s+Members?|"
    r"Independent\s+Members?|Officers|Cllrs?)\s*:?$",
    re.I,
)
APOLOGIES_SENTENCE = re.compile(
    r"\bApologies(?:\s+for\s+(?:absence|their\s+absence|lateness))?\s+(?:were|was|had\s+been)\s+"
    r"(?:received|submitted|given|tendered|reported)\s+(?:on\s+behalf\s+of|from)\s+(?P<names>[^.]+)",
    re.I,
)
CHAIR_PHRASE = re.compile(r" (?:(?:took|was in|presided in|occupied) the Chair|\(?in the Chair\)?)")
NAME_BEFORE = re.compile(r"(?:[A-Z][\w'’-]* ){0,4}[A-Z][\w'’-]+$")
SUBSTITUTE = re.compile(r"\s*\((?:as\s+)?(?:substitute|sub)\s+(?:for\s+)?(?P<for>[^)]*)\)", re.I)
SPLIT = re.compile(r"\s*(?:,|;|\band\b|&|\|)\s*")
STOP_AT = re.compile(r"^(?:\d{1,3}[.)]?|Item\b|Minutes?\b|Declarations?\b|Apologies\s+for\s+absence$)", re.I)


def _names_in(text: str) -> list[tuple[str, str | None, bool, int]]:
    """Names in a list line: (name, title, chair, offset of the piece within ``text``)."""
    found = []
    text = SUBSTITUTE.sub("", text)
    position = 0
    for piece in SPLIT.split(text):
        offset = text.find(piece, position) if piece else position
        position = max(position, offset + len(piece))
        piece, chair = split_chair(piece.strip(" .:"))
        name, title = split_title(piece)
        name = re.sub(r"\s*\(.*?\)\s*", " ", name).strip()
        if looks_like_name(name):
            found.append((name, title, chair, max(offset, 0) + max(piece.find(name), 0)))
    return found


def _person_line(text: str) -> tuple[str, str | None] | None:
    """'Jane Smith, Head of Finance' or 'Jane Smith - Head of Finance' (one officer per line)."""
    match = re.match(r"^(?P<name>[^,–()-]+?)\s*(?:,|–|-|\()\s*(?P<role>.+?)\)?$", text)
    if not match or not ROLE_HINT.search(match.group("role")):
        return None
    if re.search(r"\bCouncillors?\b|\(|\)", match.group("role")) or CHAIR_MARK.search(text):
        return None  # a list of members with a chair mark, not one officer and a job title
    name, title = split_title(match.group("name").strip())
    if not looks_like_name(name):
        return None
    return name, title or match.group("role").strip()


def _role_of_group(heading: str) -> str | None:
    """'County Councillors' -> 'County Councillor'; other group headings give no title."""
    heading = heading.rstrip(": ")
    return re.sub(r"s$", "", heading) if "councillor" in heading.lower() else None


def _list_status(line: str) -> tuple[AttendanceStatus, str] | None:
    for pattern, status in LIST_HEADINGS:
        match = pattern.match(line)
        if match:
            return status, line[match.end() :].strip(" :")
    return None


def _from_lists(document: Document, limit: int) -> list[Attendee]:
    attendees: list[Attendee] = []
    status: AttendanceStatus | None = None
    role: str | None = None
    for block in document.blocks:
        if block.start >= limit:
            break
        line = document.block_text(block)
        opened = _list_status(line)
        if opened:
            status, rest = opened
            role = None
            offset = block.start + len(line) - len(rest)
        elif status is None:
            continue
        elif STOP_AT.match(line) or (block.kind == "paragraph" and len(line) > 160):
            status = None
            continue
        else:
            rest, offset = line, block.start
        if ROLE_LINE.match(rest):
            role = _role_of_group(rest)
            continue
        attendees.extend(_line_attendees(rest, offset, status, role))
    return attendees


def _line_attendees(text: str, offset: int, status: AttendanceStatus, role: str | None) -> list[Attendee]:
    if not text:
        return []
    person = _person_line(text)
    if person:
        return [Attendee(person[0], person[1], status, False, Evidence((offset, offset + len(text)), NAME, VERSION))]
    result = []
    for name, title, chair, at in _names_in(text):
        start = offset + at
        result.append(Attendee(name, title or role, status, chair, Evidence((start, start + len(name)), NAME, VERSION)))
    return result


def _from_sentences(document: Document) -> list[Attendee]:
    attendees = []
    for match in APOLOGIES_SENTENCE.finditer(document.text):
        names = match.group("names")
        for name, title, _, at in _names_in(names):
            start = match.start("names") + at
            attendees.append(
                Attendee(name, title, "apologies", False, Evidence((start, start + len(name)), NAME, VERSION))
            )
    return attendees


def _mark_chair(document: Document, attendees: list[Attendee]) -> list[Attendee]:
    for phrase in CHAIR_PHRASE.finditer(document.text):
        # the name just before the phrase; searched in a short window, not the whole text
        name = NAME_BEFORE.search(document.text, max(0, phrase.start() - 120), phrase.start())
        if name is None:
            continue
        who = split_title(name.group(0))[0]
        if not looks_like_name(who):
            continue
        for index, attendee in enumerate(attendees):
            if attendee.status == "present" and same_person(attendee.name, who):
                attendees[index] = replace(attendee, chair=True)
                break
    return attendees


def _dedupe(attendees: list[Attendee]) -> list[Attendee]:
    kept: list[Attendee] = []
    for attendee in attendees:
        if any(same_person(k.name, attendee.name) and k.status == attendee.status for k in kept):
            continue
        kept.append(attendee)
    return kept


def extract_attendance(document: Document, sections: tuple[Section, ...]) -> tuple[Attendee, ...]:
    if document.facts.attendees:
        return tuple(
            Attendee(a.name, a.role, a.status, False, Evidence((0, 0), NAME, VERSION)) for a in document.facts.attendees
        )
    # Attendance lists stand before the first item; "Apologies" may also be item 1.
    limit = sections[1].span[0] if len(sections) > 1 else min(len(document.text), 4000)
    attendees = _from_lists(document, limit) + _from_sentences(document)
    return tuple(_mark_chair(document, _dedupe(attendees)))
