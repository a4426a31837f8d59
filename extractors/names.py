"""People's names as minutes write them: titles, initials, surnames, role phrases."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from extractors.vocabulary import alternation, load, words

TITLE = (
    r"(?:(?:County|Borough|City|District|Town|Parish|Deputy)\s+)?(?:Councillors?|Cllrs?\.?|CCllr|"
    r"Alderman|Aldermen|Alderwoman)|CC|Mr\.?|Mrs\.?|Ms\.?|Miss|Dr\.?|Prof\.?|Professor|Sir|Dame|Lord|Lady|"
    r"Revd\.?(?:\s+Fr\.?)?|Rev\.?(?:\s+Fr\.?)?|Reverend|Fr\.?|The\s+Mayor|Mayor|Deputy\s+Mayor"
)
TITLE_PREFIX = re.compile(rf"^(?P<title>(?:{TITLE})(?:\s+(?:{TITLE}))?)\s+(?=[A-Z])")
SURNAME = (
    # not a word that follows names: 'Contact: Michael Walder Email: ...', 'Mark Braddock Senior Democratic ...'
    r"(?!(?:E-?mail|Tel|Telephone|Phone|Mobile|Fax|Website|Senior|Principal|Interim|Acting|Assistant|Head|Lead|"
    r"Chief|Deputy|Director|Manager|Officer|Clerk|Admin|Administrator|Proposed|Seconded|Moved|Cllrs?|Councillors?|"
    r"Rev|Revd|Fr)\b)"
    r"(?:(?:Mc|Mac|O['’]|D['’]|Ó\s|Ní\s|Nic\s)?[A-ZÀ-Ý][a-zà-ÿ]+(?:['’-][A-ZÀ-Ý]?[a-zà-ÿ]+)*)"
)
_NOT_FORENAME = (
    r"(?!(?:County|Borough|City|District|Town|Parish|Councillors?|Cllr|The|An|Any|All|Some|Other|In|At|On|"
    r"By|From|With|For|Of|Mr|Mrs|Ms|Dr|Deputy|Chief|Senior|Principal|Interim|Acting|Assistant|Head)\b)"
)
FORENAME = rf"{_NOT_FORENAME}(?:[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?|(?:[A-Z]\.){{2,4}}|[A-Z]\.?)"  # Jane, V.J., J
PERSON_NAME = rf"(?:{FORENAME}[ \t]+){{0,3}}{SURNAME}"
FULL_NAME = rf"(?=[A-ZÀ-Ý])(?<![\w.'’-])(?:{FORENAME}[ \t]+){{1,3}}{SURNAME}"
NAME_ONLY = re.compile(rf"^{PERSON_NAME}$")
CHAIR_MARK = re.compile(r"\s*\((?P<mark>(?:Vice[- ])?Chair(?:man|woman|person)?|In the Chair)\)\s*", re.IGNORECASE)
ROLE_WORDS = (
    "Head",
    "Director",
    "Manager",
    "Officer",
    "Analyst",
    "Advisor",
    "Adviser",
    "Lead",
    "Chief",
    "Executive",
    "Leader",
    "Clerk",
    "Solicitor",
    "Accountant",
    "Treasurer",
    "Coordinator",
    "Co-ordinator",
    "Consultant",
    "Commissioner",
    "Inspector",
    "Superintendent",
    "Principal",
    "Portfolio Holder",
    "Cabinet Member",
    "Secretary",
    "Engineer",
    "Planner",
    "Auditor",
    "Specialist",
    "Partner",
    "Representative",
    "Chair",
    "Chairman",
    "Vice-Chair",
    "Member",
    "Monitor",
    "Assistant",
    "Deputy",
    "Supervisor",
    "Architect",
    "Surveyor",
    "Controller",
    "President",
    "Governor",
    "Headteacher",
    "Constable",
    "Author",
    "Scrutiny",
    "Lawyer",
    "Apprentice",
    "Administrator",
    "Registrar",
    "Nurse",
    "Practitioner",
    "Strategist",
    "Worker",
    "Spokesperson",
    "Invitee",
)
ROLE_HINT = re.compile(
    r"\b(?:"
    + "|".join(re.escape(w) for w in sorted(set(ROLE_WORDS) | set(words("roles", "words")), key=len, reverse=True))
    + r")s?\b"
)
# a post written before a name: 'Tenant Representative Lulu Agate', 'Independent Member Samuel Jones'
ROLE_BEFORE_NAME = re.compile(
    r"^(?P<role>(?:[A-Z][\w-]*\s+){0,3}?(?:"
    + "|".join(ROLE_WORDS)
    + r"))\s+(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,3})$"
)
NOT_NAMES = frozenset(
    {
        "The",
        "This",
        "That",
        "These",
        "Those",
        "It",
        "There",
        "Members",
        "Committee",
        "Council",
        "Board",
        "Cabinet",
        "County",
        "Resolved",
        "Agreed",
        "Apologies",
        "Present",
        "Chair",
        "Item",
        "Minutes",
        "Report",
        "Ofsted",
        "Police",
        "Officers",
        "Councillors",
        "Council's",
        "Quarter",
        "Start",
        "Live",
        "Age",
        "Well",
        "Director",
        "Head",
        "Members'",
        "Service",
        "Services",
        "Children",
        "Children's",
        "Adult",
        "Public",
        "Health",
        "Department",
        "Local",
        "National",
        "Regional",
        "North",
        "South",
        "East",
        "West",
        "Central",
        "Care",
        "Education",
        "Social",
        "Ministry",
        "Troubled",
        "Families",
        "Supporting",
        "Corporate",
        "Business",
        # places and page furniture that look like two capitalised words
        "Suite",
        "Centre",
        "Center",
        "Street",
        "Road",
        "Building",
        "Chamber",
        "Room",
        "Avenue",
        "Approved",
        "Timescale",
        "Recommendations",
        "Square",
        "Sub-Committee",
        "Group",
        "Team",
        "Panel",
        "Partnership",
        "Forum",
    }
)


def split_title(name: str) -> tuple[str, str | None]:
    """'County Councillor Driver' -> ('Driver', 'County Councillor')."""
    name = " ".join(name.split())
    match = TITLE_PREFIX.match(name)
    if not match:
        return name, None
    title = " ".join(match.group("title").split()).rstrip(".")
    if title == "CC":
        title = "County Councillor"
    return name[match.end() :].strip(), title


IN_THE_CHAIR = re.compile(r"\s+in\s+the\s+chair\.?\s*$", re.IGNORECASE)


def split_chair(name: str) -> tuple[str, bool]:
    """'Councillor Smith (Chair)' -> ('Councillor Smith', True); 'Councillor Mrs Bromby in the chair' too;
    Vice-Chair is not the chair."""
    if unbracketed := IN_THE_CHAIR.search(name):
        return name[: unbracketed.start()].strip(), True
    match = CHAIR_MARK.search(name)
    if not match:
        return name, False
    is_chair = not match.group("mark").lower().startswith("vice")
    return (name[: match.start()] + " " + name[match.end() :]).strip(), is_chair


# Words in NOT_NAMES that are also surnames: allowed as the last word ('Donna West').
SURNAME_TOO = frozenset({"North", "South", "East", "West", "Well", "Young", "Start", "Care"})
HONORIFICS = re.compile(r"(?:\s*\b(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Prof|Professor|Lord|Lady)\b\.?)+")


def looks_like_name(text: str) -> bool:
    words = text.split()
    if not words or len(words) > 4 or not NAME_ONLY.match(text):
        return False
    if words[-1] in NOT_NAMES and not (len(words) > 1 and words[-1] in SURNAME_TOO):
        return False
    return not any(word in NOT_NAMES for word in words[:-1])


def strip_possessive(name: str) -> str:
    """ "Burnett’s" -> "Burnett"."""
    return re.sub(r"['’]s$", "", name)


def role_from_title(title: str | None) -> str | None:
    """The office in a title: 'Councillors Mrs' -> 'Councillor', 'Alderman Sir' -> 'Alderman', 'Mr' -> 'Mr'."""
    if not title:
        return None
    office = HONORIFICS.sub("", title).strip()
    if not office:
        return title
    return re.sub(r"^(.*(?:Councillor|Cllr|Alderm[ae]n))s$", r"\1", office).replace("Aldermen", "Alderman")


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case ASCII letters and spaces only: 'O’Neill-Smith' -> 'oneillsmith'."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z ]+", "", text.replace("’", "'").replace("'", "").lower()).strip()


def surname_key(name: str) -> str:
    words = fold(split_title(name)[0]).split()
    return words[-1] if words else ""


def same_person(a: str, b: str) -> bool:
    """Same surname and first names or initials that do not contradict."""
    wa, wb = fold(split_title(a)[0]).split(), fold(split_title(b)[0]).split()
    if not wa or not wb or wa[-1] != wb[-1]:
        return False
    fa, fb = wa[:-1], wb[:-1]
    return not fa or not fb or fa[0][0] == fb[0][0]


# --- titles of every convention, from extractors/vocabulary/titles.toml ------------------------------


@dataclass(frozen=True, slots=True)
class Titled:
    """A name with the titles written before it taken off: the office (a role) and the honorific."""

    name: str
    office: str | None
    honorific: str | None
    plural: bool  # 'Councillors Keller, Keary': the title holds for the names that follow


@functools.cache
def _title_words() -> tuple[re.Pattern[str], dict[str, str], frozenset[str], re.Pattern[str]]:
    vocabulary = load("titles")
    plurals: dict[str, str] = dict(vocabulary["plurals"])
    honorifics = frozenset(word.lower() for word in words("titles", "honorifics"))
    every = set(words("titles", "honorifics")) | set(words("titles", "offices")) | set(plurals)
    title = alternation(every)
    # one or more titles in a row ('County Councillor Mrs', 'Cllr. Dr'), each perhaps with a full stop
    run = re.compile(rf"^(?:(?:{title})\.?(?:\s*[–:]\s+|\s+|$))+", re.IGNORECASE)
    single = re.compile(rf"^(?:{title})\.?(?=\s|$)", re.IGNORECASE)
    return run, {key.lower(): value for key, value in plurals.items()}, honorifics, single


def split_titles(text: str) -> Titled:
    """'Cr Jane Doe' -> Jane Doe (office Cr); 'Councillors Keller' -> Keller (office Councillor, plural);
    'Mrs S Chandler' -> S Chandler (honorific Mrs). Titles are matched without regard to case, but the name
    after them must start with a capital ('Mayor Johnson', not 'mayor said')."""
    text = " ".join(text.split())
    pattern, plurals, honorifics, _ = _title_words()
    match = pattern.match(text)
    if not match or match.end() >= len(text) or not _starts_name(text[match.end() :]):
        return Titled(text, None, None, False)
    found = _titles_in(text[: match.end()])
    offices = [t for t in found if t.lower().rstrip(".") not in honorifics]
    honorific = next((t for t in found if t.lower().rstrip(".") in honorifics), None)
    plural = any(t.lower().rstrip(".") in plurals for t in offices)
    # of two offices the first is the post ('Vice Chairman Cllr. Mrs E Milner' is the Vice Chairman)
    office = plurals.get(offices[0].lower().rstrip("."), offices[0].rstrip(".")) if offices else None
    return Titled(text[match.end() :].strip(), office, honorific.rstrip(".") if honorific else None, plural)


def _starts_name(text: str) -> bool:
    first = text.split()[0] if text.split() else ""
    if first[:1].isupper():
        return True
    return first.lower() in _PARTICLES or bool(re.match(r"^[a-z]{1,3}[A-Z]", first))  # 'van Overbeek', 'deHaan'


def _titles_in(prefix: str) -> list[str]:
    """The titles of a run of them ('County Councillor Mrs' -> ['County Councillor', 'Mrs'])."""
    single = _title_words()[3]
    found = []
    rest = prefix.strip()
    while rest:
        match = single.match(rest)
        if not match:
            break
        found.append(" ".join(match.group(0).split()))
        rest = rest[match.end() :].strip()
    return found


_PARTICLES = frozenset(
    {
        "van",
        "von",
        "de",
        "der",
        "den",
        "del",
        "della",
        "di",
        "da",
        "du",
        "la",
        "le",
        "st",
        "ter",
        "ten",
        "y",
        "bin",
        "ibn",
    }
)
_NAME_WORD = re.compile(r"^(?:[A-ZÀ-ÝÓ][\w'’.-]*|[A-Z]\.?|[a-z]{1,3}[A-Z][a-z'’-]+|(?:O|D|Mc|Mac)['’][A-Z][\w'’-]*)$")


@functools.cache
def _not_name_words() -> frozenset[str]:
    return frozenset(w.lower() for w in words("roles", "not_name_words")) | frozenset(
        w.lower().rstrip(".") for w in words("roles", "post_nominals")
    )


def is_person_name(text: str) -> bool:
    """A person's name as lists write them, in any country: 'Keller', 'J. Sheahan', 'Ó Ceallaigh',
    'van Overbeek', 'deHaan', 'Kathleen M. Joyce', 'Brandram-Jones'; not posts, places or sentences."""
    words_ = text.replace("’", "'").split()
    if not 1 <= len(words_) <= 5 or len(text) > 60:
        return False
    if any(word.lower().strip(".,()") in _not_name_words() for word in words_):
        return False
    if words_[-1].lower() in _PARTICLES or any(w in NOT_NAMES for w in words_[:-1]):
        return False
    if words_[-1] in NOT_NAMES and not (len(words_) > 1 and words_[-1] in SURNAME_TOO):
        return False
    substantial = 0
    for word in words_:
        if word.lower() in _PARTICLES:
            continue
        if not _NAME_WORD.match(word) or any(ch.isdigit() for ch in word):
            return False
        if (len(word.strip(".")) >= 2 and not word.isupper()) or len(word.strip(".")) >= 3:
            substantial += 1
    return substantial >= 1 and not ROLE_HINT.search(text)


# --- given names and surnames: the US Census lists (public domain, in the `names` package) -------------


@functools.cache
def _census(file: str) -> frozenset[str]:
    from importlib import resources

    text = resources.files("names").joinpath(file).read_bytes().decode("ascii", errors="ignore")
    return frozenset(line.split()[0].lower() for line in text.splitlines() if line.strip())


@functools.cache
def given_names() -> frozenset[str]:
    """About 5,500 given names (1990 US Census), and those of the vocabulary's own list."""
    return (
        _census("dist.male.first")
        | _census("dist.female.first")
        | frozenset(w.lower() for w in words("roles", "given_names"))
    )


@functools.cache
def surnames() -> frozenset[str]:
    """About 89,000 surnames (1990 US Census)."""
    return _census("dist.all.last")


def is_given_name(word: str) -> bool:
    return fold(word) in given_names()


def is_surname(word: str) -> bool:
    return fold(word) in surnames()
