"""Attendance: present, apologies, absent, in attendance, substitutes, and who chaired."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import NamedTuple

from extractors.names import (
    CHAIR_MARK,
    HONORIFICS,
    PERSON_NAME,
    ROLE_BEFORE_NAME,
    ROLE_HINT,
    ROLE_WORDS,
    looks_like_name,
    role_from_title,
    same_person,
    split_chair,
    split_title,
)
from extractors.text import split_sentences
from models.records import AttendanceStatus, Attendee, Document, Evidence, Section

NAME = "attendance"
VERSION = "1"

# Headings that open an attendance list, with the status of the names that follow.
LIST_HEADINGS: tuple[tuple[re.Pattern[str], AttendanceStatus], ...] = (
    (
        re.compile(r"^(?:Also\s+)?(?:(?:Officers?|Officials?)\s+)?in\s+attendance(?:\s+were)?\s*:?", re.I),
        "in_attendance",
    ),
    (re.compile(r"^(?:Also\s+present|Officers(?:\s+present)?|Officers\s+attending)\s*:?", re.I), "in_attendance"),
    (
        # 'Apologies:', or a heading alone: 'C048/23 1. APOLOGIES FOR ABSENCE.', '- APOLOGIES FOR ABSENCE'
        re.compile(r"^Apologies(?:\s+for\s+absence)?(?:\s+were\s+received\s+from)?(?:\s*:|\.?$)", re.I),
        "apologies",
    ),
    (
        re.compile(r"^(?:Absent|Not\s+present|Non[- ]attendance|(?:Councillors|Members)\s+not\s+present)\s*:?", re.I),
        "absent",
    ),
    (
        re.compile(
            r"^(?:Present(?:\s+in\s+the\s+Chair)?|Attendees|Attended\s+by|Members\s+present|Councillors\s+present|"
            r"Those\s+(?:attending|present)|Attending)\b"
            r"\s*:?",
            re.I,
        ),
        "present",
    ),
)
_GROUP = (
    r"(?:(?:County|Borough|City|District|Town|Parish)\s+)?(?:Councillors?|Members|(?:Statutory\s+)?Co-opted\s+Members?|"
    r"Independent\s+Members?|Officers|Cllrs?)"
)
ROLE_LINE = re.compile(rf"^{_GROUP}\s*:?$", re.I)
# 'Statutory Co-opted Members: Mr N Craven and Mrs A Dunkerley (Parent Governor Representative) and ...'
GROUP_THEN_NAMES = re.compile(rf"^(?P<group>{_GROUP})\s*:\s*(?P<names>\S.*)$", re.I)
# "Apologies for absence were (also) received from", "An apology ... was received from", "There were apologies
# for absence from": the names run to the end of the sentence, a "who" clause or "; and for lateness".
APOLOGIES_SENTENCE = re.compile(
    r"(?=[AaTt])(?i:\b(?:an\s+)?apolog(?:y|ies)(?:\s+for\s+(?:absence|their\s+absence))?\s+(?:were|was|had\s+been)\s+"
    r"(?:also\s+)?(?:received|submitted|given|tendered|reported|noted|accepted|intimated)\s+(?:on\s+behalf\s+of|from)"
    r"|\bthere\s+were\s+(?:also\s+)?apologies(?:\s+for\s+absence)?\s+(?:received\s+)?from"
    r"|^apologies(?:\s+for\s+absence)?\s+from"
    r"|\bthe\s+apologies\s+of)"  # 'the apologies of Councillors Guest, and White were noted'
    r"\s+(?P<names>[^\n]+?)(?=(?<![A-Z])(?<!\bMrs)(?<!\bMr)(?<!\bMs)(?<!\bDr)\.(?:\s|$)|;\s+and\s+for\b|,?\s+who\b"
    r"|,\s+(?:both|each)\b|\s+were\s+(?:delayed|late)\b|\s+(?:were|was)\s+(?:noted|received|accepted)\b|$)",
    re.M,
)
SUBSTITUTE_SENTENCE = re.compile(
    r"^(?P<names>(?:Councillors?|Cllrs?\.?)\s+[^\n]+?)\s+(?:attended|was\s+present|were\s+present)\s+as\s+"
    r"(?:a\s+|the\s+)?substitutes?\s+for\b",
    re.M,
)
# 'Councillor G Carpenter (in the Chair); Councillors Hanton, Bensley, ...': a members' list with no heading.
MEMBERS_LINE = re.compile(r"^(?:(?:County|Borough|City|District|Town)\s+)?(?:Councillors?|Cllrs?\.?)\s+[A-Z]")
CHAIR_PHRASE = re.compile(r" (?:(?:took|was in|presided in|occupied) the Chair|\(?in the Chair\)?)")
NAME_BEFORE = re.compile(r"(?:[A-Z][\w'’-]* ){0,4}[A-Z][\w'’-]+$")
SUBSTITUTE = re.compile(r"\s*\((?:as\s+)?(?:substitute[ds]?|sub)\s+(?:for|by)?\s*(?P<for>[^)]*)\)", re.I)
CHAIR_HEADING = re.compile(r"^Present\s+in\s+the\s+Chair\b", re.I)
ROLE_THEN_NAME = re.compile(r"(?:^|(?<=\))\s*,?\s*(?:and\s+)?)(?P<role>[A-Z][^()]{2,120}?)\s*\((?P<name>[^()]{2,60})\)")
GROUP_TITLE = re.compile(r"^(?:\w+\s+)?(?:Councillors|Cllrs|Aldermen)\b")  # one title for a whole list
CHAIR_POST = re.compile(r"chair(?:man|woman|person)?", re.I)  # not Vice-Chair
CHAIRED_AFTER_COMMA = re.compile(rf",\s*{CHAIR_POST.pattern}\b", re.I)
ROLE_ONLY = re.compile(r"^(?:Vice[- ])?(?:Chair(?:man|woman|person)?|Clerk|Parish\s+Clerk|Treasurer|Secretary)$", re.I)
# a double-barrelled surname written with a spaced dash, at the end of a list's piece
SPACED_HYPHEN = re.compile(rf"(?<=[a-z])\s+[–-]\s+(?=(?!(?:{'|'.join(ROLE_WORDS)})\b)[A-Z][a-z'’]+$)")
# a line of posts with no names: 'Director of Development & Infrastructure, Director of Finance' (Highland)
POSTS_ONLY = re.compile(
    r"^(?:Depute\s+|Deputy\s+|Assistant\s+|Interim\s+)?(?:Chief\s+Executive|Director|Head|Monitoring\s+Officer|"
    r"Solicitor|Clerk)\b(?!.*\b(?:Mrs|Mr|Ms|Miss|Dr|Cllr|Councillor)\b)(?!.*\()"
)
ALSO_PRESENT = re.compile(r"^(?P<names>.+?)\s+(?:were|was)\s+(?:also\s+)?(?:present|in\s+attendance)\.?$")
REASON_TAIL = re.compile(r"\s+(?:due\s+to|because\s+of|owing\s+to)\b.*$", re.I)
# a post before a titled name: 'The Vice Chairman Cllr. Mrs E Milner', 'The Acting Clerk Mrs C Mason'
POST_THEN_TITLED = re.compile(
    r"^(?:The\s+)?(?P<post>(?:(?:Vice|Deputy|Acting|Assistant|Town|Parish|Interim)\s+)*(?:Chair(?:man|woman|person)?|"
    r"Mayor|Clerk|Treasurer|Secretary))\s+(?P<rest>(?:Cllr\.?|Councillor|Mrs|Mr|Ms|Miss|Dr)\.?\s.+)$"
)
GROUP_DASH = re.compile(r"^(?:Councillors|Cllrs)\s*[–:-]\s*")
PARENTHESES = re.compile(r"\s*\((?P<inside>[^()]*)\)")
POST_NOMINALS = re.compile(r"(?:\s+(?:MBE|OBE|CBE|KBE|DBE|AM|MP|MEP|MS|MSP|JP|DL|KC|QC|BEM))+$")
# names in a list: commas, 'and', or a bracket closing before the next name ('Cafferty (Chair) Appich (...)')
SPLIT = re.compile(
    r"\s*(?:,|;|\band\b|&|\|)\s*|(?<=\))\s+(?=[A-Z])"
    # or only the next title: 'Cllr A Brooker Cllr C Evans Cllr Mrs S Murray County Cllr A Tudor' (from a PDF)
    # (not inside 'County Councillor', nor after a post: 'The Vice Chairman Cllr. Mrs E Milner')
    r"|(?<=[a-z'’])(?<!County)(?<!Borough)(?<!Town)(?<!Chairman)(?<!Chairwoman)(?<!Chair)(?<!Mayor)(?<!Clerk)"
    r"\s+(?=(?:County\s+|Borough\s+|Town\s+)?(?:Cllrs?|Councillor|Rev|Revd)\.?\s+(?:(?:Mrs|Mr|Ms|Dr|Fr)\.?\s+)?[A-Z])"
)
# what may stand before a heading: a bullet, a minute number, or two ('C048/23      1.         APOLOGIES')
MINUTE_NUMBER = re.compile(
    r"^(?:[-•·]\s+)?(?:(?:\d{1,4}(?:[./]\d{1,4})?[.)]?|[A-Z]{1,4}\s?\d{1,4}[./]\d{1,4})\s+){0,2}(?=[A-Z])"
)
LATE_LIST_LIMIT = 8000  # characters
STOP_AT = re.compile(
    r"^(?:\d{1,3}[.)]?|[A-Z]{1,4}\s?\d{1,4}/\d{1,4}\b|Item\b|Minutes?\b|Declarations?\b|Agenda\b|"
    r"Apologies\s+for\s+absence$"
    # a sentence ends the list: 'The panel met at Pittwood House, Scunthorpe.', 'Mr B Lobban in the Chair'
    r"|(?:The|This|It)\s+[\w-]+(?:\s+[\w-]+)?\s+(?:met|was|were|had|has|is|are)\b|.{3,60}\bin\s+the\s+chair\.?$)",
    re.I,
)


TITLED_NAME_THEN_ROLE = re.compile(
    rf"^(?P<name>(?:Mrs|Mr|Ms|Miss|Dr)\.?\s+{PERSON_NAME})\s+"
    r"(?P<role>(?:Clerk|Assistant|Senior|Principal|Deputy|Chief|Head|Director|Manager|Officer|Interim|Acting|Lead|Admin|"
    r"Administrator|Finance|Parish\s+Clerk|"
    r"Responsible\s+Financial\s+Officer)\b.*)$"
)


def _split_list(text: str) -> list[tuple[str, int]]:
    """Pieces of a names list with their offsets; commas inside brackets do not split ('(Solicitor, Nplaw)')."""
    masked = re.sub(r"\([^()]*\)", lambda m: "(" + "_" * (len(m.group(0)) - 2) + ")", text)
    pieces = []
    start = 0
    for separator in SPLIT.finditer(masked):
        pieces.append((text[start : separator.start()], start))
        start = separator.end()
    pieces.append((text[start:], start))
    return pieces


class Listed(NamedTuple):
    """A name in a list, with its title or role, whether it chaired, and where it stands in the list's text."""

    name: str
    title: str | None
    chair: bool
    start: int
    end: int


def _locate(raw: str, name: str) -> tuple[int, int]:
    """Where ``name`` is written in ``raw``: from its first word to its last ('Morris – Twiddy' for
    'Morris-Twiddy'), not inside a title ('Cllr. Mrs C Silvester' -> 'C Silvester')."""
    if (exact := re.search(rf"(?<![\w.]){re.escape(name)}(?![\w])", raw)) is not None:
        return exact.start(), exact.end()
    words = re.split(r"[\s-]+", name)
    first = re.search(rf"(?<![\w.]){re.escape(words[0])}", raw)
    if first is None:
        return 0, len(raw)
    last = raw.rfind(words[-1], first.start())
    return first.start(), (last + len(words[-1]) if last >= 0 else first.end())


def _names_in(text: str) -> list[Listed]:
    """Names in a list: name, title or bracketed role, chair, and the name's place within ``text``.

    A title written once for the list ('Councillors Hanton, Bensley and Bird') applies to every name.
    """
    found = []
    text = SUBSTITUTE.sub(lambda m: " " * len(m.group(0)), text)
    group_title: str | None = None
    if dashed := GROUP_DASH.match(text):  # 'Councillors – Keith Austin(Chair), Joyce Austin, ...'
        group_title = "Councillor"
        text = " " * dashed.end() + text[dashed.end() :]
    for raw, offset in _split_list(text):
        piece, chair = split_chair(raw.strip(" .:"))
        piece = SPACED_HYPHEN.sub("-", piece)  # 'Cllr Wendy Morris – Twiddy' is Morris-Twiddy
        piece = REASON_TAIL.sub("", piece)  # 'Cllr. N Vant due to business commitments'
        post = None
        # 'The Vice Chairman Cllr. Mrs E Milner', 'The Acting Clerk Mrs C Mason'
        if held_post := POST_THEN_TITLED.match(piece):
            post, piece = held_post.group("post"), held_post.group("rest")
            chair = chair or bool(CHAIR_POST.fullmatch(post))
        role = None
        for bracket in PARENTHESES.finditer(piece):
            if role is None and ROLE_HINT.search(bracket.group("inside")):
                role = bracket.group("inside").strip()
        piece = PARENTHESES.sub(" ", piece).strip()
        piece = re.sub(r"^(?:from|and)\s+", "", piece)
        if role is None and (titled := TITLED_NAME_THEN_ROLE.match(piece)):
            piece, role = titled.group("name"), titled.group("role")  # 'Mr D L Nicholson Deputy Parish Clerk'
        name, title = split_title(piece)
        name = POST_NOMINALS.sub("", name).strip(" ,")
        if not title and (held := ROLE_BEFORE_NAME.match(name)):
            role, name = role or held.group("role"), held.group("name")  # 'Tenant Representative Lulu Agate'
        title = role_from_title(title)
        if GROUP_TITLE.search(piece):
            group_title = title
        elif title and not HONORIFICS.fullmatch(title):
            group_title = None
        elif group_title:
            title = group_title  # 'Councillors Mrs. P. Drake, ... Ms. S. Sivagnanam and S.T. Wiliam'
        if looks_like_name(name):
            start, end = _locate(raw, name)
            found.append(Listed(name, role or post or title or group_title, chair, offset + start, offset + end))
        elif found and ROLE_ONLY.match(piece):  # 'Cllr S. Hinson, Chairman': the post of the name before
            found[-1] = found[-1]._replace(title=piece, chair=found[-1].chair or bool(CHAIR_POST.fullmatch(piece)))
    return found


def _is_names_list(line: str) -> bool:
    """A long line that is still a list of names (with bracketed roles), not narrative."""
    if _roles_then_names(line):
        return True
    names = _names_in(line)
    return len(names) >= 2 and len(line) / len(names) <= 70


def _person_line(text: str) -> tuple[str, str | None] | None:
    """'Jane Smith, Head of Finance' or 'Jane Smith - Head of Finance' (one officer per line); with a
    title, the role may follow without a comma ('Mr W Grosvenor Clerk and Executive Officer to ...')."""
    if titled := TITLED_NAME_THEN_ROLE.match(text):
        name, _ = split_title(titled.group("name"))
        return name, titled.group("role").split(",")[0].strip()
    match = re.match(r"^(?P<name>[^,–()-]+?)\s*(?:,|–|-|\()\s*(?P<role>.+?)\)?$", text)
    if not match or not ROLE_HINT.search(match.group("role")):
        return None
    if re.search(
        r"\bCouncillors?\b|\(|\)|\b(?:Mrs|Mr|Ms|Miss|Dr)\.?\s+[A-Z]", match.group("role")
    ) or CHAIR_MARK.search(text):
        return None  # a list of members with a chair mark, or of officers, not one officer and a job title
    name, title = split_title(match.group("name").strip())
    if not looks_like_name(name):
        return None
    stated = match.group("role").strip()
    return name, stated if not title or HONORIFICS.fullmatch(title) else title  # 'Mr D Thomas, PCC Link Officer'


def _role_of_group(heading: str) -> str | None:
    """'County Councillors' -> 'County Councillor'; other group headings give no title."""
    heading = heading.rstrip(": ")
    return re.sub(r"s$", "", heading) if "councillor" in heading.lower() else None


def _list_status(line: str) -> tuple[AttendanceStatus, str] | None:
    """The status a heading line opens, and the names on the line after it; a minute number may lead
    ('46. Apologies: Cllrs Sue Olivant, Paul Willoughby.')."""
    numbered = MINUTE_NUMBER.match(line)
    heading = line[numbered.end() :] if numbered else line
    for pattern, status in LIST_HEADINGS:
        match = pattern.match(heading)
        if match:
            return status, heading[match.end() :].strip(" :.")
    return None


def _from_lists(document: Document, limit: int, inline_only: bool = False) -> list[Attendee]:
    """Attendees of the lists under 'Present:', 'Apologies:' ... headings before ``limit``; with
    ``inline_only``, only names on a heading's own line ('45. Attended by: Cllrs Fay Moon (Chairman), ...')."""
    attendees: list[Attendee] = []
    status: AttendanceStatus | None = None
    role: str | None = None
    chair_next = False  # 'PRESENT IN THE CHAIR:' with the name on the next line
    for block in document.blocks:
        if block.start >= limit:
            break
        line = document.block_text(block)
        opened = _list_status(line)
        if chair_next:
            attendees.extend(replace(a, chair=True) for a in _line_attendees(line, block.start, "present", None))
            chair_next = False
            continue
        if opened and CHAIR_HEADING.match(line):  # 'PRESENT IN THE CHAIR: Councillor Tom Neville'
            attendees.extend(
                replace(a, chair=True)
                for a in _line_attendees(opened[1], block.start + line.find(opened[1]), "present", None)
            )
            status, chair_next = None, not opened[1]
            continue
        if opened:
            status, rest = opened
            role = None
            offset = block.start + line.index(rest) if rest else block.end
            if inline_only:
                attendees.extend(_line_attendees(rest, offset, status, None))
                status = None
                continue
        elif status is None:
            continue
        elif stated := _also_present(line, block.start):
            # 'The Town Clerk, Mrs. L.M. Phillips, ... were also present.', 'Mr D Thomas, ..., was in attendance.'
            attendees.extend(stated)
            continue
        elif STOP_AT.match(line) or (block.kind == "paragraph" and len(line) > 160 and not _is_names_list(line)):
            status = None
            continue
        else:
            rest, offset = line, block.start
        if ROLE_LINE.match(rest):
            role = _role_of_group(rest)
            continue
        if grouped := GROUP_THEN_NAMES.match(rest):
            group_role = _role_of_group(grouped.group("group")) or re.sub(r"s$", "", grouped.group("group"))
            names_at = offset + grouped.start("names")
            attendees.extend(_line_attendees(grouped.group("names"), names_at, status, group_role))
            continue
        attendees.extend(_line_attendees(rest, offset, status, role))
    return attendees


def _also_present(line: str, offset: int) -> list[Attendee]:
    """Officers and guests in sentences of their own: 'Mr D Thomas, PCC Link Officer, was in attendance.
    County Cllrs D Bryan, T Evans and T Tudor were in attendance.'"""
    found: list[Attendee] = []
    sentences = split_sentences(line, offset)
    if not sentences or not all(ALSO_PRESENT.match(sentence) for sentence, _, _ in sentences):
        return []
    for sentence, start, _ in sentences:
        also = ALSO_PRESENT.match(sentence)
        assert also is not None
        person = _person_line(also.group("names"))
        if person:
            at, end = _locate(also.group("names"), person[0])
            span = (start + at, start + end)
            found.append(Attendee(person[0], person[1], "in_attendance", False, Evidence(span, NAME, VERSION)))
        else:
            found.extend(_line_attendees(also.group("names"), start, "in_attendance", None))
    return found


def _roles_then_names(text: str) -> list[tuple[str, str, int]]:
    """'Director of Finance, Motor Tax and ICT (Mr. T. Gilligan), Senior Executive Officer (Brian Kennedy)':
    officials listed by role with the name in brackets, as Irish councils write them. (name, role, offset)."""
    found = []
    for match in ROLE_THEN_NAME.finditer(text):
        name, _ = split_title(match.group("name").strip())
        name = name.strip(" .")
        # the role holds a job word and the bracket a name: not 'Appich (Joint Opposition Spokesperson)'
        if looks_like_name(name) and ROLE_HINT.search(match.group("role")) and not ROLE_HINT.search(name):
            at = match.start("name") + _locate(match.group("name"), name)[0]
            found.append((name, " ".join(match.group("role").split()).strip(" ,"), at))
    return found if len(found) >= 2 else []


# a sentence after the names: 'Cllr H Allsopp (leave). The meeting accepted these as proper reasons ...'
SENTENCE_AFTER_NAMES = re.compile(r"\.\s+(?=(?:The|This|These|It|All|Members|There|They)\b)")


def _line_attendees(text: str, offset: int, status: AttendanceStatus, role: str | None) -> list[Attendee]:
    if after := SENTENCE_AFTER_NAMES.search(text):
        text = text[: after.start()]
    if not text or POSTS_ONLY.match(text):
        return []
    officials = _roles_then_names(text)
    if officials:
        return [
            Attendee(name, title, status, False, Evidence((offset + at, offset + at + len(name)), NAME, VERSION))
            for name, title, at in officials
        ]
    person = _person_line(text)
    if person:
        chair = status == "present" and bool(CHAIRED_AFTER_COMMA.search(text))  # 'Cllr S. Hinson, Chairman'
        start, end = _locate(text, person[0])
        return [Attendee(person[0], person[1], status, chair, Evidence((offset + start, offset + end), NAME, VERSION))]
    result = []
    for listed in _names_in(text):
        # the group's role says more than an honorific: 'Co-opted Members: Mr N Craven' is a co-opted member
        title = listed.title
        held = role if role and (not title or HONORIFICS.fullmatch(title)) else title or role
        span = (offset + listed.start, offset + listed.end)
        result.append(Attendee(listed.name, held, status, listed.chair, Evidence(span, NAME, VERSION)))
    return result


def _from_sentences(document: Document) -> list[Attendee]:
    """Attendance stated in sentences: apologies, and substitutes who attended."""
    attendees = []
    sentences: tuple[tuple[re.Pattern[str], AttendanceStatus], ...] = (
        (APOLOGIES_SENTENCE, "apologies"),
        (SUBSTITUTE_SENTENCE, "present"),
    )
    for pattern, status in sentences:
        for match in pattern.finditer(document.text):
            for listed in _names_in(match.group("names")):
                span = (match.start("names") + listed.start, match.start("names") + listed.end)
                attendees.append(Attendee(listed.name, listed.title, status, False, Evidence(span, NAME, VERSION)))
    return attendees


def _from_members_lines(document: Document, limit: int) -> list[Attendee]:
    """A line listing members with a chair mark and no 'Present:' heading (CMIS meeting pages)."""
    attendees: list[Attendee] = []
    for block in document.blocks:
        if block.start >= limit:
            break
        line = document.block_text(block)
        if MEMBERS_LINE.match(line) and CHAIR_MARK.search(line):
            names = _names_in(line)
            if len(names) >= 3:
                attendees.extend(
                    Attendee(
                        listed.name,
                        listed.title,
                        "present",
                        listed.chair,
                        Evidence((block.start + listed.start, block.start + listed.end), NAME, VERSION),
                    )
                    for listed in names
                )
    return attendees


INITIALLED = re.compile(
    r"^(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){1,3})\s*\((?P<initials>[A-Z]{2,5})\)(?:\s+(?P<role>[A-Z].*))?$"
)


def _initials(name: str) -> str:
    return "".join(part[0] for word in name.split() for part in word.split("-") if part[:1].isupper())


def _from_initialled_lines(document: Document, limit: int) -> list[Attendee]:
    """Members listed with no heading, each with the initials the minutes use for them (Kings Caple):
    'Penny Brandram-Jones (PBJ), Andrew Eames (AE), ...'; a post after the initials marks an officer in
    attendance ('Liz Parry-Jones (LPJ) Clerk')."""
    attendees: list[Attendee] = []
    for block in document.blocks:
        if block.start >= limit:
            break
        line = document.block_text(block)
        if ")" not in line or len(line) > 600:
            continue
        pieces: list[tuple[str, int]] = []
        for piece, at in _split_list(line):
            piece = piece.strip(" .")
            if pieces and ROLE_ONLY.match(piece):  # 'Liz Parry-Jones (LPJ) Clerk' split after the bracket
                pieces[-1] = (pieces[-1][0] + " " + piece, pieces[-1][1])
            elif piece:
                pieces.append((piece, at))
        matches = [(INITIALLED.match(piece), piece, at) for piece, at in pieces]
        if not all(
            m and looks_like_name(m.group("name")) and _initials(m.group("name")) == m.group("initials")
            for m, _, _ in matches
        ) or len(matches) < (1 if attendees else 2):
            continue  # a list of two names or more, or one officer's line right after such a list
        for match, _, at in matches:
            assert match is not None
            name, role = match.group("name"), match.group("role")
            start = block.start + at + line[at:].find(name)
            status: AttendanceStatus = "in_attendance" if role else "present"
            attendees.append(Attendee(name, role, status, False, Evidence((start, start + len(name)), NAME, VERSION)))
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
    listed = _from_lists(document, limit) + _from_members_lines(document, limit)
    if not listed:
        listed = _from_initialled_lines(document, limit)
    if not listed and limit < LATE_LIST_LIMIT:
        # an agenda printed above the minutes ends the usual limit early: a heading with its names on the
        # same line still says who attended
        listed = _from_lists(document, min(len(document.text), LATE_LIST_LIMIT), inline_only=True)
    attendees = listed + _from_sentences(document)
    return tuple(_mark_chair(document, _dedupe(attendees)))
