"""Quoted performance figures: value, unit, indicator, comparator and period.

Each number in a sentence is read with its unit (%, £m, per 10,000, days, ...). The words
between the previous number and this one say what it is compared with ("national (62.0)",
"from 1,288"); a bare number in brackets after a comparator takes the unit of the sentence's
first figure. Dates, times, years, ages, item numbers and numbers inside names are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from extractors.indicators import abbreviations, indicator_name
from extractors.measures import is_measure
from extractors.numbers import (
    CURRENCIES,
    NUMERAL,
    WORD_NUMBERS,
    apply_multiplier,
    parse_numeral,
    parse_word_number,
)
from extractors.text import alternation, split_sentences
from models.records import Comparator, DocType, Document, Evidence, Metric, Section

NAME = "metrics"
VERSION = "1"

_WORDS = alternation(w for w in WORD_NUMBERS if w not in {"one", "hundred"})
# A figure in digits, with its currency or a unit written against it. Case-sensitive but for the letters of
# the units: case-folding every character costs more than the rest of the scan.
NUMERIC = re.compile(
    rf"(?P<currency>[£€$])\s?(?P<money>{NUMERAL})\s?(?P<mult>(?i:bn|billion|million|m|k))?\b"
    rf"|(?=[-+−–\d])(?<![\w/.£€$:-])(?P<num>{NUMERAL})(?P<glued>(?i:kg|km|mph|tonnes))?(?![\w/]|\.\d|-\d|:\d)"
)
FIGURE_CHARACTER = re.compile(r"[\d£€$]")  # none in a sentence: no NUMERIC match is possible
CASE_MATES = str.maketrans({"İ": "i", "ı": "i", "ſ": "s", "\u212a": "k"})  # 'ſix' is 'six' to re.IGNORECASE
# A number word, found in the sentence written in lower case (the opening lookahead rejects most positions).
NUMBER_WORD = re.compile(rf"(?=[efnst])\b(?P<word>{_WORDS})\b(?!-year-old)")
PERCENT_AFTER = re.compile(r"^\s?(?:%|per\s?cent\b|percent\b)")
POINTS_AFTER = re.compile(r"^\s?(?:%\s*)?percentage\s+points?\b", re.I)
# '77.8 children looked after per 10,000', '50.3 (children with ... per 10,000 population)', '45.7 (per 10,000)'
RATE_AFTER = re.compile(r"^\s?\(?[^.;:()\d]{0,80}?\bper\s+(?P<base>1,?000|10,?000|100,?000)\b", re.I)
RATE_BEFORE = re.compile(r"\bper\s+(?P<base>1,?000|10,?000|100,?000)\s*[-–:]\s*$", re.I)  # 'per 10,000 – 85.0'
# A duration that describes something rather than measures it: 'the first six months', 'a robust two week ...'
DURATION_DESCRIPTOR_BEFORE = re.compile(
    r"\b(?:a|an|first|last|next|past|new|for|over|every|each|robust|initial)\s+(?:[a-z]+\s+)?$", re.I
)
NOTICE_AFTER = re.compile(r"['’]?\s*notice\b", re.I)
# 'three, six, nine and twelve months', '6 – 12 months': the numbers before the unit are durations too
DURATION_LIST_AFTER = re.compile(
    rf"(?:\s*(?:,|and|or|to|–|-|&)\s*(?:\d+|{_WORDS}))+\s+(?P<unit>days|weeks|months|years)\b", re.I
)
SCHEDULE_BEFORE = re.compile(
    r"\b(?:at|a|an|first|last|next|past|for|over|every|each|after|within)\s+(?:the\s+)?$", re.I
)
COMPARATOR_WORDS = re.compile(r"\b(?:national|regional|statistical|neighbou?rs?|England|target|average)\b", re.I)
DURATION_AFTER = re.compile(r"^[\s-]?(?:working\s+)?(?P<unit>days?|weeks?|months?|years?)\b", re.I)
SCORE_AFTER = re.compile(r"^\s?(?:points?\b|score\b)", re.I)
MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
PERIOD_BEFORE_BRACKET = re.compile(rf"\b(?:{MONTH}|Q[1-4]|20\d\d(?:/\d\d)?)\s*\($")  # 'between June (5,268)'
# what may stand just before a number that is not a metric
SKIP_BEFORE = re.compile(
    rf"(?=[A-Zabfgpst\d\-–])(?:\b(?:aged?|ages|Quarter|Q|[Ss]tage|KS|[Gg]rades?|Year|Years|Attainment|Progress|Item|"
    rf"Minute|Page|Paragraph|Para|Appendix|[Pp]eriod|Section|Tier|Level|Phase|Band|Room|No|Number|Tel|"
    rf"telephone|CR|Ward|Priority|Schedule|Annex|Recommendation|between|{MONTH})\s?"
    rf"|\b(?:from|to|and|-|–)\s(?={MONTH})|\d[/.-]|[A-Z]{{2,}}|\bper\s"
    rf"|\b(?:aged?|ages)\s+\d+\s*(?:to|-|–|and)\s?)$",
)
# ordinals and dates ('9th', '30 & 31 October', '9™ SEPTEMBER' as OCR reads '9th'), times, ages
SKIP_AFTER = re.compile(
    rf"^(?:\s?(?:st|nd|rd|th)\b|\s?(?:[ap]\.?m\.?|o'clock)\b|(?:\s*(?:&|and|-|–)\s*\d{{1,2}})?[*\u2122\u201d\u2019\x22]?\s+{MONTH}\b|/\d|"
    r"\s?-\s?\d|\s+(?:years?\s+old|year-olds?)\b|\s?(?:am|pm)\b|\+\s+(?:age|years?)\b)",
    re.IGNORECASE,
)
YEAR = re.compile(r"^(?:19|20)\d\d$")
DEFINITE_BEFORE = re.compile(r"(?=[tihobaTIHOBA])\b(?:the|these|those|its|their|his|her|our|both|all)\s$", re.I)
DEMONSTRATIVE_BEFORE = re.compile(r"\b(?:these|those)\s$", re.I)  # 'in these 3 districts': a known set
COMPARATORS: tuple[tuple[re.Pattern[str], Comparator], ...] = (
    (
        re.compile(r"statistical\s+neighbou?rs?|comparator\s+authorities|similar\s+authorities", re.I),
        "statistical_neighbours",
    ),
    # not 'in the region of £6,300' (about)
    (
        re.compile(r"\bregional(?:ly)?\b|(?<!in\sthe\s)(?<!in\s)\bregion\b(?!\s+of\b)|\bNorth\s+West\b", re.I),
        "regional",
    ),
    (re.compile(r"\bnational(?:ly)?\b|\bEngland\b|\bthe\s+UK\b|\ball\s+authorities\b", re.I), "national"),
    (re.compile(r"\btargets?\b|\baim\b|\bambition\b|\bgoal\b", re.I), "target"),
    (
        re.compile(
            r"\bprevious\b|\blast\s+(?:year|quarter|month)\b|\bfrom\s*$|\bcompared\s+(?:to|with)\b|"
            r"\bdown\s+from\b|\bup\s+from\b|\bsame\s+period\s+last\b",
            re.I,
        ),
        "previous",
    ),
)
# Words one of which each comparator's pattern needs: on ASCII text (where case-insensitive matching is plain
# lower-casing) a pattern none of whose words occurs is not run.
COMPARATOR_NEEDS: tuple[tuple[str, ...], ...] = (
    ("statistical", "comparator", "similar"),
    ("region", "north"),
    ("national", "england", "uk", "authorities"),
    ("target", "aim", "ambition", "goal"),
    ("previous", "last", "from", "compared", "down", "up", "same"),
)
COMPARED_AFTER = re.compile(
    r"^\s?%?\)?\s*(?P<who>for\s+(?:all\s+authorities|England|comparator\s+authorities|similar\s+authorities|"
    r"statistical\s+neighbou?rs|the\s+(?:region|North\s+West|UK))|nationally|regionally)\b",
    re.I,
)
FROM_TO = re.compile(r"^\s*(?:\([^)]*\)\s*)?,?\s*to\s+(?:around\s+|approximately\s+)?[£€$(]?$")
# a target met or missed is no figure's comparator: '76 percent of Performance Indicators that had a target were
# meeting their target ... and 90 percent were projected to ...'; 'against a target of 80%' still is
TARGET_STATUS = re.compile(
    r"\b(?:meet(?:ing|s)?|met|achiev(?:e|es|ed|ing)|hit(?:ting)?|miss(?:ed|ing)?|(?:had|have|has|with)\s+a|on|off)\s+"
    r"(?:their\s+|its\s+|the\s+|a\s+)?targets?\b(?!\s+of\b)",
    re.I,
)
STRONG_BREAK = re.compile(r"\s[–—-]\s|;")
CURRENT = re.compile(r"\bcurrent(?:ly)?\b", re.I)
# 'compared to 2015 (1,709) and 2016 (1,693)': a figure joined to the one before continues its comparison
CONTINUATION = re.compile(r"^\)?\s*(?:,|and|or)\s+(?:in\s+)?(?:20\d\d(?:/\d\d)?|Q[1-4]|[A-Z][a-z]+)?\s*\(?$")
PERIOD = re.compile(
    r"(?=[teQq2JFMASOND])\b(?:(?:the\s+)?end\s+of\s+)?(?:Q[1-4](?:\s+(?:of\s+)?20\d\d/\d\d)?|[Qq]uarter\s+(?:[1-4]|one|two|three|four)"
    r"(?:\s+(?:of\s+)?20\d\d/\d\d)?|20\d\d/\d\d|20\d\d-\d\d|" + MONTH + r"(?:\s+20\d\d)?|20\d\d)\b"
)
# Numbers that refer to a place in a document, not a quantity: 'Item 19 (minute 294)', 'Items 15 and 17',
# 'resolutions 1, 2 and 4', 'recommendations (1 to 6)', 'Section 100(A)(4)', 'Agenda Item No. 5'.
REFERENCE_BEFORE = re.compile(
    # the lookahead lets the search skip, in one step, every position no alternative can start at
    r"(?=[imsparcgnqIMSPARCGNQ)])(?:\b(?:items?|minutes?|sections?|paragraphs?|paras?|appendix|appendices|pages?|resolutions?|"
    r"recommendations?|annex|schedule|part|chapter|clause|article|regulations?|rules?|indicators?|grades?|rooms?|"
    r"standing\s+orders?|no)\.?\s*\(?(?:\d+[a-z]?\)?\s*(?:,|and|to|-|–|&)\s*\(?)*"
    r"|\bquarter\s+|\bages?\s+(?:of\s+)?(?:\d+\s*(?:to|or|-|–|and)\s*)?|\)\(|\bQ[1-4]\s)$",
    re.I,
)
# File sizes, street numbers, names and who came: 'PDF 216 KB', '169 Union Street', '12 Week Improvement Plan',
# '9 members of the public', 'Audio recording – 36 minutes 17 seconds'
NOT_A_FIGURE_AFTER = re.compile(
    r"^(?:\s?(?:KB|MB|GB|Kb|Mb)\b|\s+members?\s+of\s+(?:the\s+)?(?:public|press)\b|\s+minutes?\s+\d+\s+seconds?\b"
    r"|[\s-](?:Day|Week|Month|Year)s?\s+[A-Z]|\s+(?:[A-Z][a-z]+\s+)?(?:Street|Road|Lane|Avenue|Way|Drive|Place|Square|"
    r"Crescent|Terrace)\b)"
)
DURATIONS = frozenset({"days", "weeks", "months", "years"})
LIST_MARKER_AFTER = re.compile(r"^(?:[.)]|$)")
ITEM_TITLE_AFTER = re.compile(r"^\s+[A-Z]")  # '43 Performance Reporting', '1.4 RESOLVED: ...'
# '9 County Matter minerals and waste (i.e. major) applications were determined' is a sentence, not an item title
FINITE_VERB = re.compile(r"\s(?:were|was|are|is|has|have|had)\s")
NAME_WORD_AFTER = re.compile(r"^\s+[A-Z][a-z]")
YEAR_RANGE = re.compile(r"^20\d\d\d\d$")  # '202223': 2022/23 written without the slash
PHONE_NUMBER = re.compile(r"\b0\d{2,4}\s$")  # '01902 554003': the number after an area code
PHONE_SERVICES = frozenset({"111", "999", "101", "112"})
PHONE_SERVICE_AFTER = re.compile(r"^\s+(?:phone|telephone|call|service|number|line|contact|non-emergency)\b", re.I)
NHS_BEFORE = re.compile(r"\bNHS\s$")
PHONE_LABEL = re.compile(r"(?=[TtPp])\b(?:Tel|Telephone|Phone)\b", re.I)
NAME_WORD_BEFORE = re.compile(r"([A-Z][a-z]+)\s$")
# a short line that states a figure is data, not a heading: 'Rate of CLA per 10,000 – 85.0', '... 48.2%'
FIGURE_IN_HEADING = re.compile(r"[%£]|\s[–-]\s*\d")
PHRASE_BEFORE = 40  # characters
PHRASE_AFTER = 40  # characters, up to the clause's end
CLAUSE_END = re.compile(r"[;:]|[,.](?:\s|$)|\s[-–]\s")
TARGET_AFTER = re.compile(r"^\s?(?:%\s)?target\b", re.I)


@dataclass(frozen=True, slots=True)
class _Found:
    value: float
    unit: str
    start: int
    end: int  # end of the figure including its unit


def _unit_after(sentence: str, end: int) -> tuple[str, int] | None:
    rest = sentence[end:]
    if match := POINTS_AFTER.match(rest):
        return "percentage_points", end + match.end()
    if match := PERCENT_AFTER.match(rest):
        return "percent", end + match.end()
    if match := DURATION_AFTER.match(rest):
        unit = match.group("unit").lower()
        return (unit if unit.endswith("s") else unit + "s"), end + match.end()
    if match := RATE_AFTER.match(rest):
        return "per_" + match.group("base").replace(",", ""), end + match.end()
    if SCORE_AFTER.match(rest):
        return "score", end
    return None


def _in_address(sentence: str, start: int, end: int) -> bool:
    """Inside a web or e-mail address: 'https://teams.microsoft.com/...%22Tid%22...', 'a.b@council.gov.uk'."""
    token_start = sentence.rfind(" ", 0, start) + 1
    token_end = sentence.find(" ", end)
    token = sentence[token_start : token_end if token_end != -1 else len(sentence)]
    return "://" in token or "@" in token or "www." in token or len(token) > 40


def _skip(sentence: str, start: int, end: int, raw: str) -> bool:
    before, after = sentence[max(0, start - 20) : start], sentence[end:]
    if SKIP_BEFORE.search(before) or SKIP_AFTER.match(after):
        return True
    if REFERENCE_BEFORE.search(sentence, max(0, start - 60), start) or NOT_A_FIGURE_AFTER.match(after):
        return True
    if start <= 1 and (
        LIST_MARKER_AFTER.match(after) or (ITEM_TITLE_AFTER.match(after) and not FINITE_VERB.search(after))
    ):
        return True  # '1. Apologies', '(2) Endorsed ...', '43 Performance Reporting ...'
    if YEAR_RANGE.match(raw) or _in_address(sentence, start, end):
        return True
    if DEMONSTRATIVE_BEFORE.search(before) or (not raw[:1].isdigit() and DEFINITE_BEFORE.search(before)):
        return True  # 'meetings between the four Chairs', 'investigate the two issues raised': a known set
    if raw[:1].isupper() and not raw[:1].isdigit() and NAME_WORD_AFTER.match(after):
        return True  # a number word inside a name: 'Six Town Housing'

    if YEAR.match(raw) and not PERCENT_AFTER.match(after):
        return True
    if PHONE_LABEL.search(sentence, max(0, start - 40), start) or PHONE_NUMBER.search(before):
        return True
    if raw in PHONE_SERVICES and (PHONE_SERVICE_AFTER.match(after) or NHS_BEFORE.search(before)):
        return True  # 'the proposed non-emergency 111 phone contact', 'NHS 111'
    # a number right after a capitalised name word: "Attainment 8", "Progress 8"
    word_before = NAME_WORD_BEFORE.search(before)
    if word_before and NAME_WORD_AFTER.match(after):
        return True  # 'Public 10 Minutes', 'Stage 1 Report': a number between the words of a name
    return bool(word_before and start - len(word_before.group(0)) > 0 and not PERCENT_AFTER.match(after))


class _Candidate(NamedTuple):
    start: int
    end: int
    raw: str  # the number as written, without currency or unit
    in_words: bool
    currency: str | None = None
    multiplier: str | None = None
    glued: str | None = None  # a unit written against the figure


def _candidates(sentence: str) -> list[_Candidate]:
    """The numbers of a sentence, in digits or in words, in order; no two overlap."""
    found = []
    if FIGURE_CHARACTER.search(sentence):
        for match in NUMERIC.finditer(sentence):
            start, end = match.span()
            if currency := match.group("currency"):
                found.append(_Candidate(start, end, match.group("money"), False, currency, match.group("mult")))
            else:
                found.append(_Candidate(start, end, match.group("num"), False, glued=match.group("glued")))
    # in lower case, with the four letters outside ASCII that a case-insensitive match takes for ASCII ones
    # written as those (the only letter whose lower case is longer, 'İ', among them): positions do not move
    lowered = sentence.translate(CASE_MATES).lower()
    words = [
        _Candidate(match.start(), match.end(), sentence[match.start() : match.end()], True)
        for match in NUMBER_WORD.finditer(lowered)
    ]
    if not words:
        return found
    merged: list[_Candidate] = []
    for candidate in sorted(found + words):
        if not merged or candidate.start >= merged[-1].end:
            merged.append(candidate)
    return merged


def _restated_in_digits(sentence: str, words: _Candidate, digits: _Candidate) -> bool:
    """'twenty-one (21) days', 'three (3) minutes': the figure in digits repeats the one in words."""
    return (
        words.in_words
        and not digits.in_words
        and sentence[words.end : digits.start].strip() == "("
        and sentence[digits.end : digits.end + 1] == ")"
    )


def _figures(sentence: str) -> list[_Found]:
    found: list[_Found] = []
    skip_until = 0  # the end of a list of durations that describes a schedule or a span
    previous: _Candidate | None = None
    for candidate in _candidates(sentence):
        start, end, raw = candidate.start, candidate.end, candidate.raw
        restated = previous is not None and _restated_in_digits(sentence, previous, candidate)
        previous = candidate
        if start < skip_until or restated:
            continue
        if candidate.currency:
            value = apply_multiplier(parse_numeral(raw), candidate.multiplier)
            found.append(_Found(value, CURRENCIES[candidate.currency], start, end))
            continue
        if _skip(sentence, start, end, raw):
            continue
        number = parse_word_number(raw) if candidate.in_words else parse_numeral(raw)
        if number is None:
            continue
        # a unit written against the figure: 'from 85kg to 90kg'
        unit = (candidate.glued.lower(), end) if candidate.glued else _unit_after(sentence, end)
        if unit is None and (listed := DURATION_LIST_AFTER.match(sentence, end)):
            if SCHEDULE_BEFORE.search(sentence, max(0, start - 30), start):
                skip_until = listed.end()  # 'scheduled at three, six, nine and twelve months', 'the next 6 – 12 months'
                continue
            unit = listed.group("unit").lower(), end
        rate_before = RATE_BEFORE.search(sentence, max(0, start - 30), start)
        if unit is None and rate_before:
            unit = "per_" + rate_before.group("base").replace(",", ""), end
        if unit is None:
            found.append(_Found(number, "count", start, end))
        elif unit[0] in DURATIONS and (
            DURATION_DESCRIPTOR_BEFORE.search(sentence, max(0, start - 30), start)
            or NOTICE_AFTER.match(sentence, unit[1])
        ):
            continue  # 'the first six months', 'with two weeks’ notice'
        else:
            found.append(_Found(number, unit[0], start, unit[1]))
    return found


def _inherit_units(sentence: str, figures: list[_Found]) -> list[_Found]:
    """A comparator's bare figure takes the unit of the sentence's own figure.

    'national (62.0)' after '77.8 ... per 10,000' is also per 10,000; so is 'the regional rate of 54.8'.
    In a sentence about a score ('the average Attainment 8 score ... (45.4)') bare figures are scores.
    """
    result: list[_Found] = []
    for figure in figures:
        if figure.unit == "count":
            bracketed = (
                sentence[figure.start - 1 : figure.start] == "(" and sentence[figure.end : figure.end + 1] == ")"
            )
            previous_end = result[-1].end if result else 0
            compared = COMPARATOR_WORDS.search(sentence, previous_end, figure.start)
            dated = PERIOD_BEFORE_BRACKET.search(sentence, max(0, figure.start - 20), figure.start)
            if result and result[0].unit != "count" and (compared or (bracketed and len(result) == 1 and not dated)):
                figure = _Found(figure.value, result[0].unit, figure.start, figure.end)
            elif bracketed and re.search(r"\bscore\b", sentence[: figure.start], re.I):
                figure = _Found(figure.value, "score", figure.start, figure.end)
        result.append(figure)
    return result


def _comparator(between: str, after: str) -> Comparator | None:
    """What the figure is compared as: said right after it ('3.8% for comparator authorities'), else the
    cue nearest before it ('similar with national rate), improvement from 78%' is the previous figure)."""
    if stated := COMPARED_AFTER.match(after):
        return _cue(stated.group("who"))
    if TARGET_AFTER.match(after):
        return "target"
    nearest: tuple[int, Comparator] | None = None
    low = between.lower() if between.isascii() else None
    for (pattern, comparator), needs in zip(COMPARATORS, COMPARATOR_NEEDS, strict=True):
        if low is not None and not any(word in low for word in needs):
            continue
        for match in pattern.finditer(between):
            if nearest is None or match.end() > nearest[0]:
                nearest = (match.end(), comparator)
    if nearest is None:
        return None
    if nearest[1] == "previous" and CURRENT.search(between, nearest[0]):
        return None  # 'compared to the current total of 1,179': the figure is today's
    return nearest[1]


def _cue(text: str) -> Comparator | None:
    for pattern, comparator in COMPARATORS:
        if pattern.search(text):
            return comparator
    return None


def _periods(sentence: str) -> list[re.Match[str]]:
    return list(PERIOD.finditer(sentence))


def _period(periods: list[re.Match[str]], figure: _Found, until: int, default: str | None) -> str | None:
    """The period written within 40 characters after the figure and before ``until`` (the next figure),
    else the last one before it."""
    after = next((p for p in periods if figure.end <= p.start() < min(until, figure.end + 40)), None)
    if after:
        return after.group(0)
    befores = [p for p in periods if p.end() <= figure.start]
    return befores[-1].group(0) if befores else default


def _phrase(sentence: str, figure: _Found) -> str:
    """The words around a figure that state it: up to 40 characters before it and the clause's next few
    words after it ('6 new in-house foster carers recruited', '10 (91%) of these were determined')."""
    start = max(0, figure.start - PHRASE_BEFORE)
    if start > 0 and sentence[start - 1] != " ":
        start = sentence.find(" ", start, figure.start) + 1 or start  # from a word's start
    window = sentence[figure.end : figure.end + PHRASE_AFTER]
    clause_end = CLAUSE_END.search(window)
    if clause_end:
        window = window[: clause_end.start()]
    elif len(window) == PHRASE_AFTER:
        window = window[: window.rfind(" ")] if " " in window else ""
    end = figure.end + len(window)
    return sentence[start:end].strip(" ,;(")


def _document_period(document: Document) -> str | None:
    head = document.text[:600]
    match = PERIOD.search(head)
    return match.group(0) if match else None


def _last_clause(between: str) -> str:
    """The text after the last dash or semicolon, across which no comparator cue reaches ('set aside last year
    for enforcement – with two ...'); a dash just before the figure joins a label to it ('National – 62.0')."""
    parts = STRONG_BREAK.split(between)
    while len(parts) > 1 and not parts[-1].strip():
        parts = [*parts[:-2], parts[-2] + " "]
    return parts[-1]


def _comparators(sentence: str, figures: list[_Found]) -> list[Comparator | None]:
    """What each figure of a sentence is compared as, from the words between it and the figure before."""
    comparators: list[Comparator | None] = []
    previous_end = 0
    for figure in figures:
        between = sentence[previous_end : figure.start]
        if comparators and comparators[-1] == "target" and (named := TARGET_AFTER.match(between)):
            between = between[named.end() :]  # 'the 5 day target for all faults (4.39 days)': the word was the 5's
        clause = _last_clause(between)
        tail = clause[-120:]
        if "target" in tail.lower():  # TARGET_STATUS needs the word
            tail = TARGET_STATUS.sub(" ", tail)
        comparator = _comparator(tail[-60:], sentence[figure.end : figure.end + 40])
        if comparator is None and comparators and comparators[-1] and CONTINUATION.match(between):
            comparator = comparators[-1]
        comparators.append(comparator)
        previous_end = figure.end
    return comparators


def _sentence_metrics(
    sentence: str,
    offset: int,
    default_period: str | None,
    expand: dict[str, str],
    heading: str | None = None,
    before: str | None = None,
) -> list[Metric]:
    """The figures of one sentence; ``heading`` names what a sentence opening with its figure measures
    ('Children Protection Plans' above '1194 (48.2 per 10,000), reduced from 1296 ...'); ``before`` is
    the indicator of the previous sentence's own figure, which a sentence of comparators alone
    continues ('..., takes longer than the national (558 days), regional (565 days) ...')."""
    figures = _inherit_units(sentence, _figures(sentence))
    if not figures:
        return []
    comparators = _comparators(sentence, figures)
    periods = _periods(sentence)
    alone = all(comparators)  # a sentence of comparators alone
    found: list[Metric] = []
    own_indicator: str | None = None  # the sentence's own figure's indicator, shared with its comparators
    previous_end = 0
    for index, (figure, comparator) in enumerate(zip(figures, comparators, strict=True)):
        next_start = figures[index + 1].start if index + 1 < len(figures) else len(sentence)
        between = sentence[previous_end : figure.start]
        if comparator is not None and own_indicator is not None:
            indicator = own_indicator
        elif comparator is not None and before is not None and not found and alone:
            indicator = own_indicator = before
        elif comparator is not None and found and found[-1].comparator == comparator and alone:
            indicator = found[
                -1
            ].indicator  # 'a target to recycle 50% of household waste ..., with the longer-term target to exceed 60%'
        elif comparator is None and found and found[-1].comparator == "previous" and FROM_TO.match(between):
            indicator = own_indicator = found[-1].indicator  # 'improved from 717 days (2012-15) to 619 days'
        else:
            known = own_indicator or (found[-1].indicator if found else before)
            indicator = indicator_name(sentence, figure.start, figure.end, figure.unit, previous_end, expand, known)
            if not indicator and heading:
                indicator = heading
            own_indicator = own_indicator or (indicator if comparator is None else None)
        found.append(
            Metric(
                indicator=indicator,
                value=figure.value,
                unit=figure.unit,
                comparator=comparator,
                period=_period(periods, figure, next_start, default_period),
                text=_phrase(sentence, figure),
                evidence=Evidence((offset + figure.start, offset + figure.end), NAME, VERSION),
            )
        )
        previous_end = figure.end
    return found


def extract_metrics(
    document: Document, sections: tuple[Section, ...], doc_type: DocType | None = None
) -> tuple[Metric, ...]:
    """Every figure of the document that measures something (:func:`extractors.measures.is_measure`); none
    from an item's heading ('41 (6) UNPLANNED CARE AND MAJOR TRAUMA'). In minutes a figure
    must also read as a measure in its sentence: minutes are full of numbers that measure nothing."""
    headings = [section.heading_span for section in sections]
    found = [
        metric
        for metric in _metrics(document)
        if not any(start <= metric.evidence.span[0] < end for start, end in headings)
    ]
    strict = doc_type == "minutes"
    money = True  # a sum of money is mostly what is spent or granted: only one measured against a plan counts
    return tuple(metric for metric in found if is_measure(metric, document.text, in_minutes=strict, money_gate=money))


def _metrics(document: Document) -> list[Metric]:
    default_period = _document_period(document)
    expand = abbreviations(document.text)
    metrics: list[Metric] = []
    heading: str | None = None
    for block in document.blocks:
        text = document.block_text(block)
        if block.kind == "heading" and len(text) < 60 and not FIGURE_IN_HEADING.search(text):
            heading = text if len(text.split()) <= 8 else None
            continue
        before: str | None = None
        for sentence, offset, _ in split_sentences(text, block.start):
            found = _sentence_metrics(sentence, offset, default_period, expand, heading, before)
            own = [m.indicator for m in found if m.comparator is None]
            before = own[-1] if own else None
            metrics.extend(found)
    return metrics
