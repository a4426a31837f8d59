"""Document type, council, body, meeting date, time and venue."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from extractors.dates import DAY_MONTH, DAY_MONTH_YEAR, MONTH_DAY_YEAR, find_date, month_number
from extractors.vocabulary import alternation, load
from models.records import DocType, Document, Evidence, MeetingInfo, Section

NAME = "meeting"
VERSION = "1"

HEAD_CHARS = 1500
_COUNCIL = re.compile(
    r"^(?:The\s+)?(?:(?:Royal\s+)?(?:[A-Z][\w'’.-]*\s+)+?)(?:(?:County|Borough|City|District|Town|"
    r"Parish|Metropolitan(?:\s+Borough)?)\s+)?Council$"
)
BODY_NOUN = (
    r"(?:Sub-Committee|Subcommittee|Committee|Board|Panel|Cabinet|Council|Forum|"
    r"Partnership|Commission|Executive|Assembly|Group)\b"
)
# In running text only decision-making nouns name the body ('Support Group' is usually someone else).
GOVERNING_NOUN = r"(?:Sub-Committee|Subcommittee|Committee|Board|Panel|Cabinet|Council|Commission|Executive)\b"
_CAP = r"[A-Z][\w'’&-]*"
_JOIN = r"(?:and|&|of|on|for|in|the)"
# the lookahead rejects at once the positions no name can start at
BODY_PHRASE = re.compile(
    rf"\b(?=[A-Z])((?:{_CAP} +(?:{_JOIN} +)*)*{GOVERNING_NOUN}(?: +(?:on|for|of) +(?:{_CAP} ?)+)?)"
    # 'Democratic Services Committee Manager' is a job, not a body
    r"(?! +(?:Manager|Officer|Clerk|Administrator|Secretary|Support|Co-?ordinator|Advisor|Adviser)\b)"
)
# A phrase that starts like this names a person or role, not the body: 'Leader of the Council'
NOT_BODY_START = re.compile(
    r"^(?:Members?|Councillors?|Cllrs?|Chair(?:man)?|Officers?|Minutes|Leader|Deputy|Chief|Director|Head|Mayor|"
    r"Portfolio|Cabinet\s+Member|Clerk|Secretary)\b"
)
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DATE_WORDS = rf"{WEEKDAY},?\s+\d{{1,2}}(?:st|nd|rd|th)?\s+[A-Z][a-z]+,?\s+\d{{4}}"
# ModernGov meeting pages: 'Cabinet - Thursday, 17th March, 2011 7.00 pm', or the body on the line above the date.
MEETING_HEADING = re.compile(rf"^(?P<body>[^\n]{{3,150}}?)\s+[-–]\s+(?P<date>{_DATE_WORDS})")
# and without the weekday, the whole line: 'People Scrutiny Panel – 6 December 2011' (North Lincolnshire)
PLAIN_MEETING_HEADING = re.compile(
    r"^(?P<body>[^\n]{3,150}?)\s+[-–]\s+(?P<date>\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+,?\s+\d{4})\s*$"
)
DATE_LINE = re.compile(rf"^(?P<date>{_DATE_WORDS})")
TIME_DATE_LINE = re.compile(
    r"^\d{1,2}(?:[.:]\d{2})?\s*[ap]\.?m\.?\s*\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\s+\d{4}\s*$", re.I
)
NUMERIC_DATE_LINE = re.compile(r"^(?P<date>\d{1,2}/\d{1,2}/\d{4})\b")
DECISION_LINE = re.compile(r"^(?P<date>\d{2}/\d{2}/\d{4})\s+[-–]\s+\S")
GLUED_TIME = re.compile(r"(?<=[ap]m)(?=\d)", re.I)  # '4.00pm1 July 2021'
PREVIOUS_MINUTES = re.compile(r"\b(?:confirm|approve|approved|agreed|signed|correct\s+record|last|previous)\b", re.I)
_DETERMINER = re.compile(r"^(?:The|This|That|A|An|Each|Every|Its|Their|Our|Full)\s+")
_LABELLED_BODY = re.compile(r"^(?:Decision Maker|Decision maker|Committee|Meeting of|Body|Meeting)\s*:\s*(?P<body>.+)$")
_DECIDED_AT = re.compile(
    r"^(?:Decided at meeting|Made at meeting|Meeting):\s*(?P<date>[\d/.-]+)\s*[-–]\s*"
    r"(?P<body>.+?)(?:\s*\(Item\s+\w+\))?$"
)
_LABELLED_DATE = re.compile(
    r"^(?:Date of decision|Date of meeting|Meeting date|Date|Decided at meeting|Made at meeting|Meeting)"
    r"\s*:\s*(?P<value>.+)$",
    re.IGNORECASE,
)
_MINUTES_OF = re.compile(
    # 'Minutes of the Meeting held on ...', 'MINUTES OF PROCEEDINGS AT MEETING OF THE MUNICIPAL DISTRICT OF X IN ...'
    r"\bMinutes\s+of\s+(?:proceedings\s+(?:at|of)\s+)?(?:the\s+|a\s+|an\s+)?(?:(?:Ordinary|Extraordinary|Special|"
    r"Annual|Statutory|Full|Virtual|Remote|Hybrid|Reconvened|Monthly)\s+)*(?:Meeting|meeting)"
    r"(?:\s+of\s+(?:the\s+)?(?P<body>.+?))?\s+"
    # 'held on', 'held via Zoom on', 'which took place at'
    r"(?:(?:held|which took place|convened)(?:\s+\w+){0,3}?\s+(?:on|at|in)|in|at|on)\b(?P<rest>.*)$"
    # or the heading alone, its date on the next line: 'Minutes of the Meeting of the Parish Council'
    r"|\bMinutes\s+of\s+the\s+(?:(?:Ordinary|Extraordinary|Special|Annual|Statutory|Full|Monthly)\s+)*"
    r"(?:Meeting|meeting)\s+of\s+(?:the\s+)?(?P<alone>[A-Z][^,.;:]{2,80})$",
    re.IGNORECASE,
)
_TIME = re.compile(
    r"\b(?:at|commencing at|from)\s+(?P<time>\d{1,2}(?:[.:]\d{2})?\s*(?:[ap]\.?m\.?|noon))", re.IGNORECASE
)
_VENUE = re.compile(r"\b(?:in|at)\s+(?P<venue>(?:the\s+)?[A-Z].+?)\s*\.?$")


def _head_lines(document: Document) -> list[tuple[str, int]]:
    lines: list[tuple[str, int]] = []
    for block in document.blocks:
        if block.start > HEAD_CHARS and len(lines) > 8:
            break
        lines.append((document.block_text(block), block.start))
    return lines


DECISION_LABELS = re.compile(
    r"^(?:Decision Maker|Decision status|Date of decision|Decided at meeting)\s*:"
    r"|^.{0,60}\b(?:RECORD OF DECISION|Record of Decision|DECISION TO BE TAKEN BY|Decision to be taken by|"
    r"NOTICE OF DECISION|Notice of Decision|DECISION NOTICE|Decision Notice|OFFICER DECISION|Officer Decision)\b",
    re.M,
)
MINUTES_TITLE = re.compile(
    r"\b(?:minutes|disposition\s+of\s+items|meeting\s+report|action\s+summary|summary\s+of\b.{0,60}\bmeeting|"
    r"proceedings)\b",
    re.I,
)


def _meeting_heading(document: Document) -> tuple[str, dt.date, int] | None:
    """Body and date from a ModernGov meeting heading, with the body's offset."""
    lines = _head_lines(document)[:10]
    for index, (line, start) in enumerate(lines):
        heading = MEETING_HEADING.match(line) or PLAIN_MEETING_HEADING.match(line)
        if heading:
            found = find_date(heading.group("date"))
            # without a weekday the line must name a body ('People Scrutiny Panel'), not just anything
            body = clean_body(heading.group("body"), need_noun=heading.re is PLAIN_MEETING_HEADING)
            if found and body:
                return body, found[0], start
        dated = DATE_LINE.match(line)
        if dated and index > 0:
            found = find_date(dated.group("date"))
            previous, previous_start = lines[index - 1]
            body = clean_body(previous, need_noun=False) if len(previous) < 120 else None
            if found and body:
                return body, found[0], previous_start
        if index > 0 and len(line) <= 40 and TIME_DATE_LINE.match(line):
            # 'Policy & Resources Committee' above '4.00pm1 July 2021'
            found = find_date(GLUED_TIME.sub(" ", line))
            previous, previous_start = lines[index - 1]
            body = clean_body(previous, need_noun=True) if len(previous) < 120 else None
            if found and body:
                return body, found[0], previous_start
    return None


def doc_type(document: Document) -> DocType:
    head = [text.lower() for text, _ in _head_lines(document)[:6]]
    text = document.text
    if document.media_type == "application/xml":
        return "minutes"
    if any(line.startswith("decision details") for line in head) or DECISION_LABELS.search(text):
        return "decision"
    if any(line.endswith("agenda item") or line.startswith(("minutes:", "issue - meetings")) for line in head[:3]):
        return "agenda_item"
    if any(line.startswith("issue - decisions") for line in head[:3]):
        return "decision"
    if any(
        line.startswith(("agenda and minutes", "agenda and draft minutes", "agenda, decisions and minutes"))
        for line in head
    ):
        return "minutes"
    head_text = "\n".join(text for text, _ in _head_lines(document))
    if MINUTES_TITLE.search(head_text) or re.search(r"\bpresent\s*:", head_text, re.IGNORECASE):
        return "minutes"
    if re.search(r"^(?:Present|PRESENT|Attendees)\b", text, re.MULTILINE) and re.search(
        r"\bRESOLVED\b", text, re.IGNORECASE
    ):
        return "minutes"
    if len(re.findall(r"\bRESOLVED\b", text)) >= 2 and _meeting_heading(document):
        return "minutes"
    return "report"


def settle_doc_type(kind: DocType, attendees: int, resolutions: int, votes: int) -> DocType:
    """A 'report' that records who attended, or decisions and votes, is a meeting's minutes."""
    if kind == "report" and (attendees >= 2 or votes >= 1 or resolutions >= 2):
        return "minutes"
    return kind


def council_name(document: Document) -> str | None:
    for line, _ in _head_lines(document)[:8]:
        line = line.strip()
        if len(line) < 80 and _COUNCIL.match(line):
            return line
    return None


def clean_body(phrase: str, need_noun: bool = False) -> str | None:
    """A body's name without determiners; with ``need_noun``, None unless it ends like a body's name."""
    phrase = _DETERMINER.sub("", phrase.strip(" .,;:–-"))
    phrase = re.sub(r"\s+", " ", phrase)
    if NOT_BODY_START.match(phrase):
        return None
    if not re.search(rf"{BODY_NOUN}", phrase):
        return None if need_noun else (phrase or None)
    words = phrase.split()
    if len(words) < 2 and words[0] not in {"Cabinet", "Council", "Executive"}:
        return None
    return phrase


def _body_from_labels(document: Document) -> tuple[str, int] | None:
    for block in document.blocks:
        line = document.block_text(block)
        for pattern in (_DECIDED_AT, _LABELLED_BODY):
            match = pattern.match(line)
            if match:
                body = clean_body(match.group("body"))
                if body:
                    return body, block.start + match.start("body")
    return None


# parish minutes: 'Minutes of Parish Council 22 November 2023', 'Minutes of the Parish Council Meeting held on ...'
_MINUTES_OF_BODY = re.compile(
    r"^Minutes\s+(?:of|for)\s+(?:the\s+|a\s+)?(?P<body>[A-Z][\w'’&-]*(?:\s+(?:of\s+|and\s+|&\s+)?[A-Z][\w'’&-]*){0,6}?)"
    r"\s+(?:[Mm]eeting\b|\d|held\b)"
)


def _body_from_minutes_heading(document: Document, council: str | None) -> tuple[str, int] | None:
    lines = _head_lines(document)
    for index, (line, start) in enumerate(lines):
        if (titled := _MINUTES_OF_BODY.match(line)) and (body := clean_body(titled.group("body"), need_noun=True)):
            return body, start + titled.start("body")
        match = _MINUTES_OF.search(line)
        if not match:
            continue
        named = "body" if match.group("body") else "alone" if match.group("alone") else None
        if named:
            body = clean_body(match.group(named))
            if body:
                return body, start + match.start(named)
        for previous, previous_start in reversed(lines[:index]):
            if previous != council and len(previous) < 120 and not previous.endswith("."):
                body = clean_body(previous, need_noun=True)
                if body:
                    return body, previous_start
    return None


def _body_from_phrases(document: Document, council: str | None) -> tuple[str, int] | None:
    for match in BODY_PHRASE.finditer(document.text):
        body = clean_body(match.group(1))
        if body and body != council and len(body.split()) >= 2:
            return body, match.start(1)
    return None


def body_name(document: Document, council: str | None, sections: tuple[Section, ...] = ()) -> tuple[str | None, int]:
    if document.facts.body:
        return document.facts.body, 0
    heading = _meeting_heading(document)
    for finder in (
        _body_from_labels,
        lambda d: (heading[0], heading[2]) if heading else None,
        lambda d: body_from_title(title_lines(d, sections)),
        lambda d: _body_from_minutes_heading(d, council),
    ):
        found = finder(document)
        if found and (tidy := _tidy_body(found[0])):
            return tidy, found[1]
    if council and document.text.lstrip().startswith(council):
        minutes_heading = _body_from_minutes_heading(document, None)
        if minutes_heading and minutes_heading[0] == council:
            return council, minutes_heading[1]
    found = _body_from_phrases(document, council) or _body_acting(document)
    if found and (tidy := _tidy_body(found[0])):
        return tidy, found[1]
    return None, 0


# a one-word body named as it decides: 'The Cabinet received the Council’s performance report' (Cardiff)
BODY_ACTING = re.compile(
    r"(?:^|(?<=[.:]\s))The\s+(?P<body>Cabinet|Executive)\s+(?:received|noted|considered|agreed|resolved|approved|"
    r"endorsed|discussed)\b",
    re.M,
)


def _body_acting(document: Document) -> tuple[str, int] | None:
    acting = BODY_ACTING.search(document.text)
    return (acting.group("body"), acting.start("body")) if acting else None


def meeting_date(
    document: Document, kind: DocType, first_item: int | None = None, sections: tuple[Section, ...] = ()
) -> tuple[dt.date | None, int]:
    """The meeting's date: a labelled date, a ModernGov heading, or the minutes' heading line.

    Lines from ``first_item`` on belong to agenda items: 'Minutes of the meeting held on 16 July 2020'
    there is the title of the item approving another meeting's minutes.
    """
    if document.facts.meeting_date:
        return document.facts.meeting_date, 0
    order = date_order(document.text)
    generic: tuple[dt.date, int] | None = None
    for block in document.blocks:
        line = document.block_text(block)
        match = _LABELLED_DATE.match(line)
        if match:
            found = find_date(match.group("value"), order=order)
            if not found:
                continue
            if not line.lower().startswith("date:"):
                return found[0], block.start + match.start("value") + found[1][0]
            if generic is None and block.start <= HEAD_CHARS:
                # a bare 'Date:' comes after the title's own date ('Date: 03/22/2020' may be a record's)
                generic = found[0], block.start + match.start("value") + found[1][0]
    heading = _meeting_heading(document)
    if heading:
        return heading[1], heading[2]
    titled = date_from_title(document, title_lines(document, sections))
    if titled:
        return titled
    if generic:
        return generic
    for line, start in _head_lines(document):
        if dated := DECISION_LINE.match(line):  # ModernGov 'Issue - decisions': '24/06/2021 - To confirm ...'
            found = find_date(dated.group("date"))
            if found:
                return found[0], start
    if kind != "minutes":
        return None, 0
    for line, start in _head_lines(document):
        if first_item is not None and start >= first_item:
            break
        if PREVIOUS_MINUTES.search(line):
            continue  # 'To confirm the minutes of the meeting held on ...' dates another meeting
        # 'Minutes of the meeting held on ...', 'Minutes of Parish Council 22 November 2023'
        if _MINUTES_OF.search(line) or re.search(
            r"\bheld\s+on\b|\bmeeting\b|^Minutes\s+(?:of|for)\b", line, re.IGNORECASE
        ):
            found = find_date(GLUED_TIME.sub(" ", line))
            if found:
                return found[0], start + found[1][0]
    for line, start in _head_lines(document):
        if first_item is not None and start >= first_item:
            break
        if (dated := DATE_LINE.match(line) or NUMERIC_DATE_LINE.match(line)) and (
            found := find_date(dated.group("date"))
        ):
            # under the heading: 'Thursday 22nd September 2016, The Old School, Kings Caple', '24/02/2014 am 6:30 pm'
            return found[0], start
    return None, 0


def time_and_venue(document: Document) -> tuple[str | None, str | None]:
    if document.facts.meeting_time or document.facts.location:
        return document.facts.meeting_time, document.facts.location
    for line, _ in _head_lines(document):
        if not _MINUTES_OF.search(line) and not re.search(r"\bheld\b", line, re.IGNORECASE):
            continue
        time = _TIME.search(line)
        if time:
            venue = _VENUE.search(line, time.end())
            return " ".join(time.group("time").split()), venue.group("venue") if venue else None
    return None, None


def extract_meeting(document: Document, sections: tuple[Section, ...] = ()) -> MeetingInfo:
    kind = doc_type(document)
    council = council_name(document)
    body, body_at = body_name(document, council, sections)
    date, _ = meeting_date(document, kind, sections[0].span[0] if sections else None, sections)
    time, venue = time_and_venue(document)
    return MeetingInfo(
        doc_type=kind,
        council=council,
        body=body,
        meeting_date=date,
        meeting_time=time,
        location=venue,
        evidence=Evidence((body_at, body_at + len(body or "")), NAME, VERSION),
    )


# --- the title: body and date read from the lines that open any document ------------------------------


@dataclass(frozen=True, slots=True)
class TitleLine:
    text: str
    start: int


def title_lines(document: Document, sections: tuple[Section, ...] = ()) -> list[TitleLine]:
    """The lines that open the document, up to its first item, attendance list or run of prose."""
    # the first item with a title (a number alone at the top, from a page's margin, is no item's start)
    first_item = next((s.span[0] for s in sections if len(s.title.split()) >= 2), len(document.text))
    lines: list[TitleLine] = []
    for block in document.blocks[:TITLE_BLOCKS]:
        text = document.block_text(block)
        if block.start >= first_item and lines:
            break
        if block.start > TITLE_CHARS and len(lines) >= 3:
            break
        if block.kind == "paragraph" and len(text.split()) > 30 and len(lines) >= 4:
            lines.append(TitleLine(text[:300], block.start))
            break
        if lines and BUSINESS_STARTS.match(text):
            break  # 'Minutes:', 'Items': the page's business begins
        lines.append(TitleLine(text[:300], block.start))
    return lines


TITLE_BLOCKS = 30
BUSINESS_STARTS = re.compile(r"^(?:Minutes|Decision|Items?|No\.\s+Item|Agenda items?)\s*:?$", re.IGNORECASE)
MEETING_WORDS = re.compile(r"(?i)\b(?:meeting|held|minutes|session|hearing|convened|called\s+to\s+order|agenda)\b")
TITLE_CHARS = 1800


@functools.cache
def _title_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    vocabulary = load("meetings")
    noun = alternation(n for group in vocabulary["body_nouns"].values() for n in group)
    kinds = alternation(vocabulary["kind_words"])
    openers = alternation(vocabulary["title_openers"])
    opener = re.compile(rf"^\W*(?i:{openers})\b[\s:,-]*")
    kind = re.compile(rf"\b(?i:{kinds})\b\s*")
    # 'meeting of the Riverside Township Planning Commission', 'the Riverside Free Library Board was called to order'
    of_body = re.compile(
        rf"(?i:\bmeeting\s+of\s+(?:the\s+)?)(?P<body>(?:[A-Z&][\w'’&./-]*\s+|(?i:of|and|for|the|on|in|&)\s+)*?(?i:{noun}))"
        r"(?=\s+(?i:held|on|at|in|which|convened|commencing|was|were|called)\b|\s*[,.(–—-]|\s*$)"
    )
    # a body named in a line: '... Township Board Meeting', 'RIVERSIDE COUNTY COUNCIL', 'Planning Commission'
    ends_body = re.compile(
        rf"(?P<body>(?:[\w'’&./-]+\s+)*?(?i:{noun})(?:\s+(?i:of|on|for)\s+(?:the\s+)?[A-Z][\w'’&-]*(?:\s+(?:[A-Z&][\w'’&-]*|and|of))*)?)"
        r"(?=\s*(?:(?i:meeting|minutes|agenda)\b|[-–—:,(|]|$))"
    )
    return opener, kind, of_body, ends_body


DATE_TAIL = re.compile(r"\s*[-–—,:|]?\s*(?:(?:on\s+)?" + WEEKDAY + r",?\s+)?\d.*$|\s*[-–—,]\s*[A-Z][a-z]+\s+\d{1,2}.*$")


@functools.cache
def _document_words() -> re.Pattern[str]:
    alternation = "|".join(re.escape(w) for w in load("meetings")["document_words"])
    return re.compile(rf"^.*\b(?i:{alternation})\b\s+(?=\S)")


TRAILING_DOCUMENT = re.compile(r"\s+(?i:meeting|minutes|agenda|notes|proceedings)\b.*$")


def _tidy_body(phrase: str) -> str | None:
    opener, kind, _, _ = _title_patterns()
    phrase = opener.sub("", phrase.strip())
    phrase = DATE_TAIL.sub("", phrase)
    phrase = TRAILING_DOCUMENT.sub("", phrase)
    phrase = _document_words().sub("", phrase)
    phrase = kind.sub("", phrase)
    phrase = re.sub(r"^(?:(?i:the)\s+)", "", phrase)
    # 'Riverside City & County Council’s Travel and Transportation SPC': the body, not its council
    phrase = re.sub(r"^.*?\b(?:Council|Authority|District)['’]s\s+", "", phrase)
    phrase = " ".join(phrase.split()).strip(" .,:;-–—")
    words_ = phrase.split()
    if not words_ or len(words_) > 14 or NOT_BODY_START.match(phrase):
        return None
    return phrase


def _body_line(text: str) -> str | None:
    """A line that names a body ('CORPORATE PARENTING PANEL – 10th December 2024', 'Planning Commission')."""
    _, _, _, ends_body = _title_patterns()
    cleaned = _tidy_body(text)
    if not cleaned or len(cleaned) > 120:
        return None
    match = ends_body.fullmatch(cleaned) or ends_body.match(cleaned)
    if match is None or match.end() < len(cleaned) - 1:
        return None
    return _tidy_body(match.group("body"))


def body_from_title(lines: list[TitleLine]) -> tuple[str, int] | None:
    """The body as the title names the meeting: 'Minutes of the Regular Meeting of the X', 'X Meeting
    Minutes', or the most specific line that is a body's name ('CABINET' under 'RIVERSIDE COUNTY COUNCIL')."""
    _, _, of_body, _ = _title_patterns()
    for line in lines:
        for match in of_body.finditer(line.text):
            body = _tidy_body(match.group("body"))
            if body:
                return body, line.start + match.start("body")
    named = [(body, line.start) for line in lines if (body := _body_line(line.text))]
    if not named:
        government = next((line for line in lines if _government_line(line.text)), None)
        return (government.text.strip(), government.start) if government else None
    dated = next((line.start for line in lines if find_date(line.text)), None)
    if dated is not None and any(start <= dated for _, start in named):
        return max((n for n in named if n[1] <= dated), key=lambda n: n[1])  # the body nearest above the date
    return named[0]


@functools.cache
def _government_pattern() -> re.Pattern[str]:
    alternation = "|".join(re.escape(w) for w in load("meetings")["government_of"])
    return re.compile(rf"^(?:{alternation})\s+[A-Z][\w'’. -]{{1,40}}$")


def _government_line(text: str) -> bool:
    return bool(_government_pattern().match(text.strip()))


YEAR = re.compile(r"\b(?:19|20)\d\d\b")
ORDER_WINDOW = 40  # characters before a year in which its day and month are written


@functools.lru_cache(maxsize=8)
def date_order(text: str) -> str:
    """'mdy' where the document writes month before day ('July 10, 2023'), else 'dmy'. Only the text just
    before each year is read: a year is rarer than the word boundaries a date pattern would be tried at."""
    month_first = day_first = 0
    head = text[:20000]
    for year in YEAR.finditer(head):
        start = max(0, year.start() - ORDER_WINDOW)
        window = head[start : year.end()]
        month_first += any(m.end() == len(window) for m in MONTH_DAY_YEAR.finditer(window))
        day_first += any(m.end() == len(window) for m in DAY_MONTH_YEAR.finditer(window))
    return "mdy" if month_first > day_first else "dmy"


@functools.cache
def _other_dates() -> re.Pattern[str]:
    return re.compile(rf"(?i:{alternation(load('meetings')['other_dates'])})")


def date_from_title(document: Document, lines: list[TitleLine]) -> tuple[dt.date, int] | None:
    """The first full date of the title lines that is not another meeting's or a document's own date; a day
    and month without a year ('Monday 10th October') take the year the document's dates mostly have."""
    order = date_order(document.text)
    for line in itertools.chain(lines, _joined_lines(lines)):
        if _other_dates().search(line.text) or (_is_prose(line.text) and not MEETING_WORDS.search(line.text)):
            continue
        found = find_date(GLUED_TIME.sub(" ", _year_repaired(line.text).replace("- -", " ")), order=order)
        if found:
            return found[0], line.start + found[1][0]
    year = _usual_year(document.text)
    for line in lines:
        if year is None or _other_dates().search(line.text):
            continue
        match = DAY_MONTH.search(line.text)
        if match and (month := month_number(match.group("month"))):
            try:
                return dt.date(year, month, int(match.group("day"))), line.start + match.start()
            except ValueError:
                continue
    called = CALLED_ON.search(document.text[:4000])
    before = document.text[max(0, called.start() - 80) : called.end()] if called else ""
    if called and not _other_dates().search(before) and not _approving_minutes().search(before):
        found = find_date(called.group("date"), order=order)
        if found:
            return found[0], called.start("date")
    return None


def _joined_lines(lines: list[TitleLine]) -> Iterator[TitleLine]:
    """Title lines joined in twos and threes: a date broken over lines ('MONDAY 1st' / 'OCTOBER 2018', or a
    PDF's superscript on a line of its own: 'held on Wednesday 10' / 'th' / 'October 2012')."""
    return (
        TitleLine(" ".join(line.text for line in lines[index : index + size]), lines[index].start)
        for size in (2, 3)
        for index in range(len(lines) - size + 1)
    )


YEAR_WITH_LETTER_O = re.compile(r"\b([12])[Oo](\d\d)\b")


def _year_repaired(text: str) -> str:
    """'4 MARCH 2O24' typed with the letter O: the year it means, at the same length."""
    return YEAR_WITH_LETTER_O.sub(r"\g<1>0\2", text)


@functools.cache
def _approving_minutes() -> re.Pattern[str]:
    verbs = "|".join(re.escape(v) for v in load("meetings")["minutes_verbs"])
    return re.compile(rf"(?i:\b(?:{verbs})\w*\b[^.]*\bminutes\b)")


def _is_prose(text: str) -> bool:
    """A sentence of the minutes' text rather than a title line: many words, and closing punctuation."""
    return len(text.split()) >= 8 and text.rstrip().endswith((".", ";"))


def _usual_year(text: str) -> int | None:
    years = [int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", text[:8000])]
    return max(set(years), key=years.count) if years else None


CALLED_ON = re.compile(
    r"(?i:called\s+the|called\s+to\s+order|held\s+on|meeting\s+(?:of|on))[^.\n]{0,80}?(?P<date>[A-Z][a-z]+\s+\d{1,2},?\s+\d{4}|\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+,?\s+\d{4})"
)
