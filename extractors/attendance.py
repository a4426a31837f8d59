"""Attendance: who was present, sent apologies, was absent or in attendance, and who chaired.

Three general readers, whatever the country:

- **lists under a heading**: any present-type heading of the vocabulary (``vocabulary/attendance.toml``:
  present, roll call, apologies, absent, in attendance, staff, others, leave of absence ...) opens a list
  that runs on its own line or on the lines below it, until a line that is no list of names. A table
  whose header row holds such headings gives each column its status.
- **sentences**: "Apologies for absence were received from ...", "with Wray, Thornton and Ensign present",
  "Board members present were ...", "... was absent".
- **the chair**: "(Chair)" in a list, "in the Chair", "chaired by", "called the meeting to order".

A list is split at commas, semicolons, "and", "&" and line ends; each piece is a name with its titles
(``vocabulary/titles.toml``) and roles taken off and kept as its role ("Cr Jane Doe" is Jane Doe, role
Cr; "Randy Marx Board President"; "Sara Strickler, President"; "Director of Finance (Mr. T. Gilligan)").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from extractors.names import ROLE_HINT, is_person_name, same_person, split_titles
from extractors.vocabulary import alternation, load, words
from models.records import AttendanceStatus, Attendee, Block, Document, Evidence, Section

NAME = "attendance"
VERSION = "2"

SCAN_LIMIT = 15_000  # characters: attendance stands at the head of minutes (or in their first items)
HEADLESS_LIMIT = 6_000  # characters: a members' list without a heading stands at the very head
STATUSES: tuple[AttendanceStatus, ...] = ("in_attendance", "apologies", "absent", "present")


@dataclass(frozen=True, slots=True)
class Opener:
    status: AttendanceStatus
    start: int  # where the heading starts in the text searched
    end: int  # where its names may start
    post: str | None = None  # a heading that is a post ('Clerk:') gives it to the names under it
    chair: bool = False  # 'PRESENT IN THE CHAIR:'


@functools.cache
def _heading_pattern() -> re.Pattern[str]:
    """Every heading of the vocabulary, longest first, as one alternation with a group per status."""
    groups = []
    headings = load("attendance")["headings"]
    for status in STATUSES:
        phrases = alternation((p for group in headings[status].values() for p in group), space=r"[\s-]+")
        groups.append(f"(?P<{status}>{phrases})")
    return re.compile(r"(?:" + "|".join(groups) + r")", re.IGNORECASE)


# what may stand before a heading: a bullet, an item number or two ('C048/23 1. APOLOGIES', '1. ROLL CALL -')
LEADER = re.compile(
    r"^(?:[-•·o*]\s+|[\uf0b7\uf0a7\uf076]\s*)?(?:(?:\(?\d{1,4}(?:[./-]\d{1,4})*[.)]?|[A-Z]{1,4}\s?\d{1,4}[./]\d{1,4}|[A-Z][.)])\s+){0,2}"
)
# what closes a heading: a colon or dash, or the end of the line
HEADING_CLOSE = re.compile(r"\s*(?:[:–—-]+|\.(?=\s*$))\s*|\s*$")
# a heading that may run straight into its names without a colon ('Present Margaret Carey', 'PRESENT Councillors')
BARE_HEADINGS = frozenset({"present", "apologies", "absent", "in attendance", "also present", "roll call"})


def _heading_post(heading: str) -> str | None:
    """A heading that names a post gives it to the names under it: 'Clerk:', 'Statutory Co-opted Members:'."""
    heading = " ".join(heading.split())
    if re.search(r"(?i)present|attend|absent|apolog|roll|excused|regrets|leave", heading):
        return None
    singular = re.sub(r"s$", "", heading)
    if ROLE_HINT.fullmatch(singular) or (len(heading.split()) >= 2 and ROLE_HINT.search(singular)):
        return singular
    return None


def _opener_at(text: str) -> Opener | None:
    """A heading opening ``text`` (after a bullet or item number), with its status."""
    lead = LEADER.match(text)
    at = lead.end() if lead else 0
    match = _heading_pattern().match(text, at)
    if not match:
        return None
    status = next(s for s in STATUSES if match.group(s))
    heading = " ".join(match.group(0).lower().split())
    closed = HEADING_CLOSE.match(text, match.end())
    post = _heading_post(match.group(0))
    chair = "chair" in heading
    if closed and (closed.group(0).strip() or closed.end() == len(text)):
        return Opener(status, match.start(), closed.end(), post, chair)
    if heading in BARE_HEADINGS and text[match.end() : match.end() + 1] == " ":
        rest = text[match.end() :].lstrip()
        if rest[:1].isupper() and not _is_sentence(rest) and not re.match(r"^\w+\s*:", rest):
            return Opener(status, match.start(), len(text) - len(rest))
    return None


@functools.cache
def _embedded_pattern() -> re.Pattern[str]:
    """A heading inside a line, after names: '... Reynolds, Coolidge Absent: None'."""
    return re.compile(rf"(?<=[\w.)])\s+(?P<heading>{_heading_pattern().pattern})\s*:")


def _split_embedded(text: str) -> list[tuple[str, int]]:
    """A line cut where another heading starts inside it ('... Tiernan Apologies: None Officials Present:')."""
    pieces, start = [], 0
    if ":" not in text:
        return [(text.rstrip(), 0)] if text.strip() else []
    for match in _embedded_pattern().finditer(text):
        at = match.start("heading")
        if at > start and len(text[start:at].split()) >= 3:
            pieces.append((text[start:at], start))
            start = at
    pieces.append((text[start:], start))
    return [(piece.rstrip(), at) for piece, at in pieces if piece.strip()]


@functools.cache
def _empty_words() -> frozenset[str]:
    return frozenset(w.lower() for w in words("attendance", "empty"))


VERBS = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|said|called|reported|noted|agreed|asked|met|held|can|may|"
    r"discussed|stated|presented|explained|participate|attend|attended|thanked|welcomed)\b",
    re.IGNORECASE,
)


def _is_sentence(text: str) -> bool:
    """Prose rather than a list: a verb among many small words."""
    words_ = text.split()
    lower = sum(1 for w in words_ if w[:1].islower())
    return bool(VERBS.search(text)) and lower >= 3 and lower * 2 > len(words_) * 0.6


# --- one piece of a list ------------------------------------------------------------------------------

CHAIR_MARK = re.compile(
    r"\s*[(\[](?P<mark>(?:Vice[- ]|Deputy\s+)?Chair(?:man|woman|person)?|In\s+the\s+Chair|Presiding|Mayor)[)\]]"
    r"|,?\s+(?P<trailing>in\s+the\s+chair|presiding)\b",
    re.IGNORECASE,
)
BRACKETS = re.compile(r"\s*\((?P<inside>[^()]*)\)")
COUNT_TAIL = re.compile(r"\s*[–-]\s*\d{1,2}\.?$|\s*\(\d{1,2}\)\.?$")
INITIALS_TAIL = re.compile(r"\s+(?P<initials>[A-Z][A-Za-z]{1,3})$")
LEADING_JUNK = re.compile(r"^(?:and|from|by|also|with|[-•·o*])\s+", re.IGNORECASE)
NOTE_TAIL = re.compile(
    r"\s+(?:e[-’']?mail|tel\b|telephone|phone|mobile|arrived|left|joined|departed|attended|via|by\s+(?:phone|video|zoom|teams)|remotely|virtually|online|"
    r"\(?(?:remote|virtual)|due\s+to|because|owing\s+to|who\s|for\s+item|from\s+item|until|at\s+\d|late\b)"
    r".*$",
    re.IGNORECASE,
)
SPACED_HYPHEN = re.compile(r"(?<=[a-z])\s+[–-]\s+(?=[A-Z][a-z'’]+$)")
TITLE_DASH = re.compile(r"^(?P<title>(?:Councillors?|Cllrs?|Members|Commissioners|Trustees|Directors))\s*[–:-]\s+")
ROLE_THEN_BRACKETED_NAME = re.compile(r"^(?P<role>[A-Z][^()]{2,120}?)\s*\((?P<name>[^()]{2,60})\)$")


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    start: int


SEPARATORS = re.compile(
    r"\s*(?:[,;|\n]|\band\b|&|\s{3,}|\t"
    r"|(?<=[a-z]{2}|.\))(?<!Mrs)(?<!Mr)(?<!Ms)(?<!Dr)(?<!Cllr)(?<!Rev)(?<!Revd)(?<!Prof)(?<!St)(?<!Fr)(?<!Jr)(?<!Sr)"
    r"(?<!Clr)(?<!Cr)(?<!Cmhlr)\.\s+(?=[A-Z]))\s*"
    # a bracket closing before the next name ('Cafferty (Chair) Appich (...)'), or only the next name's title
    # ('Cllr A Brooker Cllr C Evans', printed without commas)
    r"|(?<=\))\s+(?=[A-Z])"
    r"|(?<=[a-z'’])(?<!County)(?<!Borough)(?<!Town)(?<!District)(?<!Parish)(?<!Chairman)(?<!Chair)(?<!Mayor)(?<!Clerk)"
    r"\s+(?=(?:County\s+|Borough\s+|Town\s+|District\s+)?(?:Cllrs?|Councillor|Rev|Revd)\.?\s+(?:(?:Mrs|Mr|Ms|Dr|Fr)\.?\s+)?[A-Z])"
)
# officials listed by post with the name in brackets: 'Director, Customer Services (Ms. J. Cotter Coughlan), ...'
POST_THEN_NAME = re.compile(r"(?<=\))\s*[,;]\s*(?:and\s+)?")


def _pieces(text: str) -> list[Piece]:
    """A list split at commas, semicolons, 'and', '&', '|', full stops and line ends; brackets are never
    split. A list of posts each followed by a bracketed name is split after each bracket only."""
    masked = re.sub(r"\([^()]*\)", lambda m: "(" + "_" * (len(m.group(0)) - 2) + ")", text)
    bracketed = [m for m in BRACKETS.finditer(text) if _is_bracketed_name(m.group("inside"))]
    separators = POST_THEN_NAME if len(bracketed) >= 2 and masked.rstrip(" .;,").endswith(")") else SEPARATORS
    pieces: list[Piece] = []
    start = 0
    joined = False  # the piece before was split off at '&' or 'and'
    bounds = [(m.start(), m.end(), m.group(0).strip()) for m in separators.finditer(masked)] + [
        (len(text), len(text), "")
    ]
    for at, after, mark in bounds:
        piece = Piece(text[start:at], start)
        before, current = BRACKETS.sub(" ", pieces[-1].text) if pieces else "", BRACKETS.sub(" ", piece.text)
        if (
            joined
            and pieces
            and _ends_in_post(before)
            and (_is_role_only(current) or (_is_role_only(before) and len(current.split()) == 1))
        ):
            # 'Director of Development & Infrastructure', 'Clerk and Executive Officer to the Council': one post
            pieces[-1] = Piece(text[pieces[-1].start : at], pieces[-1].start)
        else:
            pieces.append(piece)
        joined = mark in ("&", "and")
        start = after
    return [q for p in pieces if p.text.strip() for q in _split_at_initials(p)]


def _is_bracketed_post(inside: str) -> bool:
    """'(Director of Service)', '(SBC)', '(PLACE Consulting)' are posts or bodies; '(due to mayoral business)',
    '(substituted by Cllr Wainwright)', '(via VC)', '(J)' are notes or initials."""
    if not inside or re.fullmatch(r"[A-Z]\.?", inside) or not inside[:1].isupper():
        return False
    if ROLE_HINT.search(inside):
        return True
    return not re.search(r"\b(?:by|to|for|from|via|due|leave|until|absent|late|left|present|attended)\b", inside, re.I)


def _ends_in_post(text: str) -> bool:
    words_ = text.strip(" .").split()
    return bool(words_) and bool(ROLE_HINT.search(" ".join(words_[-3:])))


def _is_bracketed_name(inside: str) -> bool:
    titled = split_titles(inside.strip(" ."))
    return bool(titled.office or titled.honorific) and is_person_name(titled.name)


INITIALS_TOKEN = re.compile(r"(?<=[a-z)])\s+(?P<initials>[A-Z][A-Za-z]{1,3})(?:\s+|$)(?=[A-Z]|$)")


def _split_at_initials(piece: Piece) -> list[Piece]:
    """'Margaret Carey MCa Kenny Combe KC': members listed each with the initials the minutes use for them."""
    parts, start = [], 0
    for match in INITIALS_TOKEN.finditer(piece.text):
        head = piece.text[start : match.start()]
        if _initials_fit(head, match.group("initials")):
            parts.append(Piece(head, piece.start + start))
            start = match.end()
    if not parts:
        return [piece]
    tail = piece.text[start:]
    if tail.strip():
        parts.append(Piece(tail, piece.start + start))
    return parts


def _initials_fit(name: str, initials: str) -> bool:
    letters = [w[0] for w in re.sub(r"\([^)]*\)", " ", name).replace("-", " ").split() if w[:1].isupper()]
    return bool(letters) and initials[0] == letters[0] and sum(c.isupper() for c in initials) >= 2


def _is_role_only(text: str) -> bool:
    """'President', 'City Clerk', 'Cabinet Member for Integrated Children's Services', 'Visitor': a post
    with no name in it (not 'Randy Marx Board President', nor 'City Manager John Doe')."""
    stripped = text.strip(" .")
    if not stripped or (not ROLE_HINT.search(stripped) and stripped.lower() not in _extra_roles()):
        return False
    titled = split_titles(stripped)
    if titled.office and is_person_name(titled.name):
        return False
    words_ = stripped.split()
    return _trailing_role(words_) is None and _leading_role(words_) is None


def _leading_role(words_: list[str]) -> int | None:
    """Where a name written after a post starts ('Chief Superintendent David Sheahan', 'City Manager John Doe')."""
    for k in range(1, len(words_) - 1):
        rest = " ".join(words_[k:])
        if (
            ROLE_HINT.search(words_[k - 1])
            and words_[k][:1].isupper()
            and len(words_) - k >= 2
            and is_person_name(rest)
        ):
            return k
    return None


@functools.cache
def _extra_roles() -> frozenset[str]:
    return frozenset(
        {"visitor", "resident", "chairman", "chair", "mayor", "speaker", "treasurer", "secretary", "clerk"}
    )


@dataclass(frozen=True, slots=True)
class Listed:
    name: str
    role: str | None
    chair: bool
    start: int
    end: int


ROLE_JOINERS = frozenset({"of", "for", "and", "the", "&", "to", "on", "in"})


def _trailing_role(words_: list[str]) -> int | None:
    """Where a role written after a name without a comma starts ('Randy Marx Board President', 'Tom R. Gray
    General Manager'): a name of two or three words (not ending in an initial) is preferred to one word."""
    fits = []
    if re.fullmatch(r"[A-Z]{3,}", words_[0]):
        return None  # 'PCC Link Officer', 'RWA Manager': an organisation's post
    for k in range(1, len(words_)):
        tail = words_[k:]
        name = " ".join(words_[:k])
        if not (tail[0][:1].isupper() and ROLE_HINT.search(" ".join(tail)) and is_person_name(name)):
            continue
        if not all(w[:1].isupper() or w.lower() in ROLE_JOINERS for w in tail):
            continue
        initial_last = len(words_[k - 1].strip(".")) == 1
        fits.append((2 <= k <= 3 and not initial_last, -abs(k - 2), k))
    return max(fits)[2] if fits else None


def _drop_initials(name: str) -> str:
    """'Margaret Carey MCa', 'Kenny Combe KC': the initials the minutes use for the member, after the name."""
    match = INITIALS_TAIL.search(name)
    if match and _initials_fit(name[: match.start()], match.group("initials")):
        return name[: match.start()]
    return name


def _read_piece(piece: Piece) -> tuple[Listed | None, str | None, bool]:
    """A piece as a person (name, role, chair and where the name stands), or the role of the person before
    it, and whether its title holds for the pieces that follow ('Councillors Keller')."""
    raw = piece.text
    text = LEADING_JUNK.sub("", raw.strip(" .:;"))
    text = re.sub(r"^(?:The|the)\s+(?=[A-Z])", "", text)
    text = SPACED_HYPHEN.sub("-", text)  # 'Cllr Wendy Morris – Twiddy' is Morris-Twiddy
    text = TITLE_DASH.sub(r"\g<title> ", text)  # 'Councillors – Keith Austin'
    chair = False
    for mark in CHAIR_MARK.finditer(text):
        label = (mark.group("mark") or mark.group("trailing") or "").lower()
        chair = chair or not label.startswith(("vice", "deputy"))
    text = CHAIR_MARK.sub("", text)
    text = COUNT_TAIL.sub("", text)
    role = None
    bracketed = ROLE_THEN_BRACKETED_NAME.match(text)
    if bracketed and ROLE_HINT.search(bracketed.group("role")):  # 'Director of Finance (Mr. T. Gilligan)'
        inner = split_titles(bracketed.group("name").strip(" ."))
        if is_person_name(inner.name):
            return _listed(raw, piece.start, inner.name, bracketed.group("role").strip(" ,"), chair), None, False
    text = _post_nominals().sub("", text)
    for bracket in BRACKETS.finditer(text):
        inside = bracket.group("inside").strip()
        if _initials_fit(text[: bracket.start()], inside) and re.fullmatch(r"[A-Z][A-Za-z]{1,3}", inside):
            continue  # the initials the minutes use for the member: 'Penny Brandram-Jones (PBJ)'
        if role is None and _is_bracketed_post(inside):
            role = inside  # a post or the body someone comes from: '(Director of Service)', '(SBC)'
    # a bracketed initial tells two members of one surname apart: 'Collins (J)' is kept whole
    text = BRACKETS.sub(lambda m: m.group(0) if re.fullmatch(r"[A-Z]\.?", m.group("inside").strip()) else " ", text)
    text = " ".join(text.split()).strip(" ,.")
    text = NOTE_TAIL.sub("", text).strip(" ,.")
    if not text or text.lower() in _empty_words():
        return None, None, False
    if _is_role_only(text):
        return None, text, False
    titled = split_titles(text)
    name, office = titled.name, titled.office
    name = _drop_initials(name)
    words_ = name.split()
    if not is_person_name(name):
        cut, lead = _trailing_role(words_), _leading_role(words_)
        if lead is not None and (cut is None or cut < 2):
            role, name = role or " ".join(words_[:lead]), split_titles(" ".join(words_[lead:])).name
        elif cut is not None:
            role, name = role or " ".join(words_[cut:]), " ".join(words_[:cut])
    if not is_person_name(re.sub(r"\s*\([A-Z]\.?\)", "", name)):
        return None, None, titled.plural
    if office and office.lower() in ("chairman", "chair", "chairwoman", "chairperson"):
        chair = True
    if role and role.lower() in ("chairman", "chair", "chairwoman", "chairperson"):
        chair = True
    return _listed(raw, piece.start, name, role or office or titled.honorific, chair), None, titled.plural


def _listed(raw: str, offset: int, name: str, role: str | None, chair: bool) -> Listed:
    start, end = _locate(raw, name)
    return Listed(name, role, chair, offset + start, offset + end)


def _locate(raw: str, name: str) -> tuple[int, int]:
    exact = raw.find(name)
    if exact >= 0:
        return exact, exact + len(name)
    first = raw.find(name.split()[0])
    last_word = name.split()[-1]
    last = raw.rfind(last_word)
    if first >= 0 and last >= first:
        return first, last + len(last_word)
    return 0, len(raw.rstrip())


def read_names(text: str, offset: int = 0, group_role: str | None = None) -> list[Listed]:
    """The people of a list, each with its role; a plural title ('Councillors', 'Board Members') holds for
    the names after it until another title; a post after a name is its role ('Sara Strickler, President')."""
    found: list[Listed] = []
    held = group_role
    for piece in _pieces(text):
        listed, role_only, plural = _read_piece(piece)
        if role_only is not None:
            if (
                found
                and (found[-1].role is None or found[-1].role in _honorifics() or _is_title(found[-1].role))
                and (piece.start - found[-1].end < 6)
            ):
                post_ = role_only.strip(" .")
                chaired = post_.lower() in ("chairman", "chair", "chairwoman", "chairperson")
                found[-1] = replace(found[-1], role=post_, chair=found[-1].chair or chaired)
            continue
        if listed is None:
            continue
        titled = split_titles(piece.text.strip(" .:;"))
        if plural and titled.office:
            held = titled.office
        elif titled.office:
            held = None
        role = listed.role
        if role is None or (role in _honorifics() and held):
            role = held or role
        found.append(replace(listed, role=role, start=offset + listed.start, end=offset + listed.end))
    return found


@functools.cache
def _post_nominals() -> re.Pattern[str]:
    letters = "|".join(re.escape(w) for w in sorted(words("roles", "post_nominals"), key=len, reverse=True))
    return re.compile(rf"(?:,?\s+(?:{letters}))+(?=\s*(?:\(|$))")


@functools.cache
def _honorifics() -> frozenset[str]:
    return frozenset(words("titles", "honorifics"))


def _names_list_share(text: str) -> float:
    pieces = _pieces(text)
    if not pieces:
        return 0.0
    good = sum(1 for piece in pieces if _read_piece(piece)[0] is not None or _read_piece(piece)[1] is not None)
    return good / len(pieces)


def is_names_list(text: str) -> bool:
    if text.strip(" .").lower() in _empty_words():
        return True
    if _is_sentence(text) and len(text) > 40:
        return False
    return _names_list_share(text) >= 0.5


# --- lists under headings -----------------------------------------------------------------------------


def _attendees(listed: list[Listed], status: AttendanceStatus) -> Iterator[Attendee]:
    for person in listed:
        yield Attendee(
            person.name, person.role, status, person.chair, Evidence((person.start, person.end), NAME, VERSION)
        )


def _header_statuses(document: Document, block: Block) -> list[AttendanceStatus] | None:
    """A table row whose cells are headings ('MEMBERS PRESENT | CITY PUBLIC SERVICE'): each column's status."""
    if block.kind != "table_row" or len(block.cells) < 2:
        return None
    statuses: list[AttendanceStatus | None] = []
    for start, end in block.cells:
        cell = document.text[start:end]
        opener = _opener_at(cell)
        heading = opener is not None and opener.end >= len(cell.rstrip(" :"))
        if not heading and cell.strip() and not (_in_capitals(cell) or cell.rstrip().endswith(":")):
            return None  # a cell of names: the row is a heading and its names, read as a line
        statuses.append(opener.status if heading and opener else None)
    if not any(statuses):
        return None
    # a column beside the members' with a heading of its own (the council's officers): in attendance
    return [status or "in_attendance" for status in statuses]


def _is_title(role: str) -> bool:
    """'Cllr', 'Councillor', 'Mr': a title written before a name, which a post written after it outranks."""
    return split_titles(role + " X").name == "X"


def _group_title(text: str) -> str | None:
    """'County Councillors', 'Co-opted Members:' alone on a line: a plural title, as its singular."""
    titled = split_titles(text.strip(" :") + " X")
    return titled.office if titled.plural and titled.name == "X" else None


def _chaired(listed: list[Listed], chair: bool) -> list[Listed]:
    return [replace(person, chair=True) for person in listed] if chair else listed


def _ends_list(block: Block, text: str) -> bool:
    """A line that closes a list: a label of another kind ('Executive Secretary:'), a heading in capitals."""
    if text.rstrip().endswith(":"):
        return True
    return block.kind == "heading" and _in_capitals(text) and "," not in text and len(text.split()) >= 2


def _in_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def _from_lists(document: Document, limit: int, item_starts: frozenset[int]) -> list[Attendee]:
    found: list[Attendee] = []
    status: AttendanceStatus | None = None
    post: str | None = None
    chair = False  # the names under 'PRESENT IN THE CHAIR:' chair the meeting
    columns: list[AttendanceStatus] | None = None
    for block in document.blocks:
        if block.start >= limit:
            break
        text = document.block_text(block)
        if header := _header_statuses(document, block):
            columns, status, post = header, header[0], None  # a row of one cell goes on in the first column
            continue
        if columns and block.kind == "table_row":
            for (start, end), column_status in zip(block.cells, columns, strict=False):
                found.extend(_attendees(read_names(document.text[start:end], start), column_status))
            continue
        columns = None
        opened = False
        for part, at in _split_embedded(text):
            opener = _opener_at(part)
            if opener is not None:
                status, post, opened, chair = opener.status, opener.post, True, opener.chair
                rest = part[opener.end :]
                if rest.strip():
                    found.extend(
                        _attendees(_chaired(read_names(rest, block.start + at + opener.end, post), chair), status)
                    )
                    chair = False
                continue
            if status is None:
                continue
            group = _group_title(part)
            if group:
                post = group  # 'County Councillors' on a line of its own: the title of the names below it
                continue
            starts_item = block.start in item_starts and not opened
            if starts_item or _ends_list(block, part) or not is_names_list(part):
                status = None
                continue
            found.extend(_attendees(_chaired(read_names(part, block.start + at, post), chair), status))
            chair = False
    return found


# --- sentences ----------------------------------------------------------------------------------------

# a list of names in a sentence: it ends at a full stop, except one after an initial or a title ('Mrs. L.M. Phillips')
_NAMES = (
    r"(?P<names>[A-Za-z](?:[^.;:\n]|\.(?=\s*[A-Z]\.|\s+[A-Z][a-z]*\s))"
    r"(?:[^.;:\n]|(?<=\b[A-Z])\.|(?<=Mrs)\.|(?<=Mr)\.|(?<=Ms)\.|(?<=Dr)\.){0,400}?)"
)
SENTENCES: tuple[tuple[re.Pattern[str], AttendanceStatus], ...] = (
    (
        re.compile(
            r"\b(?:an\s+)?apolog(?:y|ies)(?:\s+for\s+(?:absence|lateness|their\s+absence))?\s+(?:were|was|had\s+been)\s+"
            r"(?:also\s+)?(?:received|submitted|given|tendered|reported|noted|accepted|intimated|presented)\s+"
            rf"(?:on\s+behalf\s+of|from|by)\s+{_NAMES}(?=[.;]|\s+who\b|,\s+who\b|\s+(?:and\s+)?(?:were|was)\b|$)",
            re.IGNORECASE | re.MULTILINE,
        ),
        "apologies",
    ),
    (
        re.compile(rf"\b(?:there\s+were\s+)?apologies(?:\s+for\s+absence)?\s+from\s+{_NAMES}(?=[.;]|$)", re.I | re.M),
        "apologies",
    ),
    (  # 'apologies for absence from A; and for lateness from B': B came
        re.compile(rf"\bapologies\b[^.]{{0,400}}?\bfor\s+lateness\s+from\s+{_NAMES}(?=[.;]|$)", re.I | re.M),
        "present",
    ),
    (
        re.compile(rf"\bthe\s+apologies\s+of\s+{_NAMES}\s+(?:were|was)\s+(?:noted|received|accepted)\b", re.I | re.M),
        "apologies",
    ),
    (
        re.compile(
            rf"\bwith\s+{_NAMES}\s+(?:being\s+)?present\b|\b(?:(?:board|council|committee)\s+)?members\s+present\s+"
            rf"(?:were|was)\s+{_NAMES.replace('names', 'names2')}(?=[.;]|$)|\battending\s+(?:the\s+meeting\s+)?were\s+"
            rf"{_NAMES.replace('names', 'names3')}(?=[.;]|$)",
            re.IGNORECASE | re.MULTILINE,
        ),
        "present",
    ),
    (
        re.compile(
            rf"(?:^|(?<=[:.]\s)){_NAMES}\s+(?:were|was)\s+(?:also\s+(?:present|in\s+attendance)|in\s+attendance)\b",
            re.M,
        ),
        "in_attendance",
    ),
    (re.compile(rf"(?:^|(?<=[:.]\s)){_NAMES}\s+(?:were|was)\s+(?:all\s+)?present\b", re.M), "present"),
    (re.compile(rf"(?:^|(?<=[.:]\s)){_NAMES}\s+(?:was|were)\s+(?:absent|not\s+present)\b", re.M), "absent"),
    (re.compile(rf"(?:^|(?<=[.:]\s)){_NAMES}\s+(?:was|were)\s+excused\b", re.M), "apologies"),
    (
        re.compile(
            rf"(?:^|(?<=[.:]\s)){_NAMES}\s+(?:attended|was\s+present|were\s+present)\s+as\s+(?:a\s+)?substitutes?\b",
            re.M,
        ),
        "present",
    ),
)


# words one of which a line must hold before the sentence patterns are tried on it (they never cross a line)
SENTENCE_CUES = ("apolog", "present", "attend", "absent", "excused", "substitut", "lateness")


def _from_sentences(document: Document, limit: int) -> list[Attendee]:
    found: list[Attendee] = []
    head = document.text[:limit]
    for start, end in _lines_with(head, SENTENCE_CUES):
        for pattern, status in SENTENCES:
            for match in pattern.finditer(head, start, end):
                group = next(g for g in ("names", "names2", "names3") if g in pattern.groupindex and match.group(g))
                names = match.group(group)
                if _is_sentence(names) and len(names) > 60:
                    continue
                found.extend(_attendees(read_names(names, match.start(group)), status))
    return found


# --- who chaired --------------------------------------------------------------------------------------

CHAIRED = re.compile(
    r"\b(?:chaired\s+by|presided\s+over\s+by|called\s+to\s+order\s+(?:at\s+[\d:.]+\s*[ap]\.?m\.?\s+)?by)\s+"
    r"(?:the\s+)?(?P<a>[A-Z][\w'’. -]{1,60}?)(?=[,.;(]|\s+(?:at|who|and|on|in)\b|$)"
    r"|(?P<b>[A-Z][\w'’. -]{1,60}?)\s+(?i:called\s+the\s+(?:\w+\s+){0,4}?meeting\s+to\s+order|convened\s+the\s+meeting|"
    r"took\s+the\s+chair|was\s+in\s+the\s+chair|presided|opened\s+the\s+meeting)\b",
    re.M,
)


CHAIR_CUES = ("chair", "presided", "called", "convened", "opened")


def _lines_with(text: str, cues: tuple[str, ...]) -> Iterator[tuple[int, int]]:
    """Where each line of ``text`` that holds one of the lower-case ``cues`` starts and ends."""
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        low = line.lower()
        if any(cue in low for cue in cues):
            yield start, end
        start = end + 1


def _mark_chair(document: Document, attendees: list[Attendee], limit: int) -> list[Attendee]:
    if any(a.chair for a in attendees):
        return attendees
    head = document.text[:limit]
    for match in (m for line in _lines_with(head, CHAIR_CUES) for m in CHAIRED.finditer(head, *line)):
        who = split_titles((match.group("a") or match.group("b")).strip()).name
        for index, attendee in enumerate(attendees):
            if attendee.status == "present" and same_person(attendee.name, who):
                attendees[index] = replace(attendee, chair=True)
                return attendees
    return attendees


def _dedupe(attendees: list[Attendee]) -> list[Attendee]:
    kept: list[Attendee] = []
    for attendee in attendees:
        twin = next((i for i, k in enumerate(kept) if same_person(k.name, attendee.name)), None)
        if twin is not None and (kept[twin].status == attendee.status or attendee.status == "in_attendance"):
            if attendee.chair and not kept[twin].chair:
                kept[twin] = replace(kept[twin], chair=True)
            continue
        kept.append(attendee)
    return kept


MEMBERS_LINE = re.compile(
    r"^(?:(?:County|Borough|City|District|Town|Parish)\s+)?(?:Councillors?|Cllrs?\.?|Councilmembers?|Crs?\.?|"
    r"Commissioners|Trustees|Directors)\s+[A-Z]"
)


def _from_members_lines(document: Document, limit: int) -> list[Attendee]:
    """Members listed with no heading: 'Councillor G Carpenter (in the Chair); Councillors Hanton, Bensley
    ...' (with the chair marked), or each with the initials the minutes use for them ('Penny Brandram-Jones
    (PBJ), Andrew Eames (AE), ...')."""
    found: list[Attendee] = []
    for block in document.blocks:
        if block.start >= limit:
            break
        text = document.block_text(block)
        if len(text) > 800 or _opener_at(text) or _is_sentence(text):
            continue
        initialled = re.findall(r"\(([A-Z][A-Za-z]{1,3})\)", text)
        members = len(initialled) >= 2 or (MEMBERS_LINE.match(text) is not None and CHAIR_MARK.search(text) is not None)
        if not members and not (found and len(initialled) == 1):
            continue
        listed = read_names(text, block.start)
        if found and len(initialled) == 1 and len(listed) == 1 and listed[0].role:
            found.extend(_attendees(listed, "in_attendance"))  # 'Liz Parry-Jones (LPJ) Clerk' under the members
            continue
        if members and len(listed) >= 2:
            found.extend(_attendees(listed, "present"))
    return found


def extract_attendance(document: Document, sections: tuple[Section, ...]) -> tuple[Attendee, ...]:
    if document.facts.attendees:
        return tuple(
            Attendee(a.name, a.role, a.status, False, Evidence((0, 0), NAME, VERSION)) for a in document.facts.attendees
        )
    limit = max(SCAN_LIMIT, sections[3].span[0] if len(sections) > 3 else 0)
    limit = min(limit, len(document.text))
    item_starts = frozenset(s.span[0] for s in sections)
    attendees = _from_lists(document, limit, item_starts) + _from_sentences(document, limit)
    first_item = sections[0].span[0] if sections else len(document.text)
    attendees += _from_members_lines(document, min(limit, HEADLESS_LIMIT, max(first_item, 400)))
    attendees.sort(key=lambda a: a.evidence.span)
    kept = _mark_chair(document, _dedupe(attendees), limit)
    return tuple(replace(a, chair=False) if a.chair and a.status != "present" else a for a in kept)
