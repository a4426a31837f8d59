"""What a quoted figure measures: a short indicator name taken from the figure's sentence.

Minutes name the indicator in a few recurring shapes, tried in this order:

1. a measure word just before the figure: "The CLA rate of 77.8", "uptake stood at 58.3%";
2. the noun phrase right after the figure: "76% of these plans were up to date", "122 children entering care";
3. the subject of the figure's clause: "The number of reablement referrals has increased by 22.5%".

A comparator's figure ("the national (62.0)") measures the same thing as the sentence's own figure,
so the metrics extractor gives it that figure's indicator. Abbreviations the document defines
("Children Looked After (CLA)") are written out.
"""

from __future__ import annotations

import re

from extractors.text import STOP_WORDS

NAME_LENGTH = 8  # words
MEASURE_WINDOW = 90  # characters before a figure searched for 'the X rate of'


_MEASURE = (
    r"rate|rates|number|numbers|percentage|proportion|total|level|levels|score|average|uptake|performance|"
    r"figure|figures|count|volume|cost|spend|spending|budget|income|caseloads?|timeliness|take-up|coverage"
)
MEASURE_WORDS = frozenset(_MEASURE.replace("?", "").split("|")) | {"caseload"}
# What joins a measure word to its figure: 'The CLA rate of 77.8', 'uptake stood at 58.3%', 'the figure of £854',
# 'caseloads had also dropped to 17'
MEASURE_TAIL = re.compile(
    r"(?:\s+\([^)]*\))?\s+"
    r"(?:of|was|is|were|are|being|at|[–—-]|(?:is|was|are|were)\s+(?:now\s+)?at|stood\s+at|remained\s+at|remains\s+at|reached|of\s+around|of\s+approximately"
    # 'the ASYE rate is lower at 49%'
    r"|(?:is|was|are|were)\s+(?:now\s+)?(?:slightly\s+|much\s+|significantly\s+)?(?:higher|lower|better|worse)\s+at"
    r"|(?:has|had)\s+(?:also\s+)?(?:risen|fallen|increased|decreased|reduced|dropped)\s+to"
    r"|(?:increased|decreased|reduced|rose|fell|dropped|improved)\s+to"
    # 'the average Attainment 8 score per pupil for the county (45.4)'
    r"|(?:per\s+\w+\s+)?(?:for|in)\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?\s*\()\s*"
    r"(?:around\s+|approximately\s+|about\s+|some\s+|just\s+(?:over|under)\s+)?[(£€$]?$",
    re.I,
)
# measure words that say nothing of what is measured on their own ('the rate', 'the figure'), unlike 'uptake'
GENERIC_MEASURES = frozenset(
    {"rate", "rates", "number", "numbers", "percentage", "proportion", "total", "level", "levels", "score"}
    | {"average", "performance", "figure", "figures", "count", "volume"}
)
BACK_REFERENCES = frozenset({"previous", "same", "this", "that", "last", "latest", "current", "overall"})
PERIOD_QUALIFIERS = frozenset({"for", "in", "during", "over", "since", "to"})
QUALIFIERS = frozenset({"of", "in", "for", "across", "within", "among", "amongst"})  # what or where is measured
MEASURE_BRACKET = re.compile(r"\s*\(\s*[£€$]?$")  # 'the county's teenage pregnancy rate (20.0 per 1,000)'
CLAUSE_BREAK = re.compile(
    r"[;:–—]|\s-\s|,\s+(?:with|while|whilst|which|compared|against|and|but|although|though|whereas)\b|\(|\),|"
    r"\bcompared\b",
    re.I,
)
# Words that end a noun phrase read rightwards from the figure.
RIGHT_STOP = re.compile(
    r"^(?:by|in|at|from|with|within|compared|than|since|during|against|between|which|this|that|and|but|"
    r"on|as|per|when|where|while|whilst|across)$",
    re.I,
)
AUXILIARY = re.compile(r"^(?:were|was|had|have|has|been|being|are|is|currently|now|still|also)$", re.I)
VERB = re.compile(
    r"^(?:is|are|was|were|has|have|had|remains?|remained|stands?|stood|increased|increases|decreased|decreases|"
    r"reduced|rose|fell|improved|dropped|declined|shows?|showed|achieved|reached|totalled|compares|compared|"
    r"continues|continued|saw|sees|equates|represents|exceeded|exceeds|received|completed|made|supported|"
    r"went|grew|dipped|peaked|resulted)$",
    re.I,
)
FRAMING = re.compile(
    r"^(?:(?:In|For|During|At|By|Over|Of|Within)\s+(?:terms\s+of\s+|relation\s+to\s+|respect\s+of\s+)?[^,]{0,70},\s*"
    r"|(?:It\s+was\s+(?:reported|noted|confirmed|explained)\s+that\s+)"
    r"|(?:Although|While|Whilst|However|Overall|Additionally|Also|Furthermore|In\s+addition),?\s+"
    r"|[^,]{0,90}?\b(?:suggests?|shows?|indicates?|reported|noted|confirmed|outlined|highlighted)\s+that\s+)",
    re.I,
)
# 'an 83% increase in e-book downloads', '22.5% rise in referrals'
CHANGE_AFTER = re.compile(
    r"\s*(?:increase|decrease|rise|fall|reduction|drop|improvement)\s+(?:in|of)\s+(?:the\s+)?(?P<what>[^,.;:()]{3,80})",
    re.I,
)
PERIOD_WORD = re.compile(
    r"^(?:Q[1-4]|quarter|month|year|January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|\d{4}(?:/\d{2})?)$",
    re.I,
)
# '50.3 (children with child protection plans per 10,000 population)': what the rate counts, from the figure on
DESCRIPTION_AFTER = re.compile(r"[\d.,]+%?\s*\((?P<what>[a-z][^()]{5,80}?)\s+per\s+1[0,]*\b")
NUMBER_OF = re.compile(r"\bnumbers?\s+of\s+(?P<what>[^,;:()]{3,120})", re.I)
CHANGE_BEFORE = re.compile(
    r"\b(?:an?|the)\s+(?:\w+\s+)?(?:decrease|increase|reduction|improvement|rise|fall|drop|deterioration)"
    r"\s+(?:for\s+(?:the\s+)?[A-Z][\w'’]*(?:\s+[A-Z][\w'’]*)*\s+)?(?:in|for|of)\s+(?:the\s+)?"
    r"(?P<what>[A-Za-z][^,;:()]{4,119}?)\s*(?:,|$|\bfrom\b)"
)
CHANGE_WORD = re.compile(r"^(?:increase|decrease|reduction|rise|fall|drop|up|down|change|improvement)s?$", re.I)
DURATION_WORD = re.compile(r"^(?:days?|weeks?|months?|years?|hours?)$", re.I)
SHARE_AFTER = re.compile(r"^\s*\([\d.]+%\)")
# a verb saying what the counted did, which names the measure ('60% reached the expected standard')
PAST_ACTION = re.compile(r"^(?:reached|achieved|attained)$", re.I)
IN_PHRASE = re.compile(r"^(?:care|need|employment|education|training|work|custody|hospital|treatment)\b")
IN_HOUSE = re.compile(r"\bin\s+house\b", re.I)  # '25% had an in house NHS scheme': one word
# a quoted name, then at most a reference and a 'from'/'of'/'at' before the figure
QUOTED_NAME = re.compile(
    r"[‘“\"'](?P<name>[^’”\"']{5,100})[’”\"']\s*(?:\[[^\]]{1,20}\]\s*)?(?:from|of|at|is|was|to)?\s*$"
)
NOT_WORD = re.compile(r"^[\d.,%£€$()/–-]+$")
ALPHANUMERIC = re.compile(r"[^\W_]")  # a character for which str.isalnum() holds (\w less the underscore)
OF_AFTER = re.compile(r"^\s*(?:\)\s*)?of\s+")
SHARE_BRACKET_CLOSES = re.compile(r"^\)\s+(?:were|was|are|is|had|have)\b")
TAIL_STOP_WORDS = STOP_WORDS | QUALIFIERS
NOT_FOLLOWING = frozenset({"the", "this", "that", "each"})
SHORT_FORM = re.compile(r"\((?P<short>[A-Z][A-Za-z]{1,6})\)")
JOINERS = frozenset({"and", "of", "the", "to", "in", "for", "&"})


def abbreviations(text: str) -> dict[str, str]:
    """Abbreviations the text defines, in capitals or not: 'Children Looked After (CLA)' gives
    {'CLA': 'children looked after'}; 'children with child protection plans (CPPs)' gives
    {'CPPs': 'child protection plans'}. The words before the bracket must spell the capitals."""
    found: dict[str, str] = {}
    for match in SHORT_FORM.finditer(text):
        short = match.group("short")
        if short in found:
            continue
        needed = [c for c in reversed(short) if c.isupper()]
        picked: list[str] = []
        for raw in reversed(text[max(0, match.start() - 150) : match.start()].split()):
            word = raw.strip(",.;:'’\"")
            if not word or not needed:
                break
            if picked and word.lower() in JOINERS:
                picked.append(word)
            elif word[0].upper() == needed[0]:
                picked.append(word)
                needed.pop(0)
            else:
                break
        if not needed:
            found[short] = " ".join(reversed(picked)).lower()
    return found


def _with_next(words: list[str]) -> list[tuple[str, str]]:
    """Each word with the one after it ('' after the last)."""
    return list(zip(words, [*words[1:], ""], strict=False))  # one longer than none: an empty list stays empty


def _ends_phrase(word: str, following: str) -> bool:
    """Whether ``word`` ends a noun phrase read rightwards; not 'in' of 'children in care'."""
    return bool(RIGHT_STOP.match(word)) and not (word.lower() == "in" and IN_PHRASE.match(following))


def _words(text: str) -> list[str]:
    """The words of a name without figures, except a number that qualifies a duration ('30 day payments')."""
    # an abbreviation defined in passing ('Superfast Broadband (SFB) coverage') is dropped; so is a word of no letters
    raw = ["" if SHORT_FORM.fullmatch(w.rstrip(".,")) else w.strip(".,'’\"()") for w in text.split()]
    return [
        word
        for word, following in _with_next(raw)
        if ALPHANUMERIC.search(word)
        and (not NOT_WORD.match(word) or (word.isdigit() and DURATION_WORD.match(following)))
    ]


def _without_periods(words: list[str]) -> list[str]:
    """'Uptake figures for 2017/18 quarter 1' -> 'Uptake figures'; 'September Key Performance Indicator for 30 day
    payments' -> '30 day payments': when a figure is for and the word 'indicator' are not what it measures."""
    lowered = [w.lower() for w in words]
    if "indicator" in lowered[:-2] and lowered[lowered.index("indicator") + 1] in ("for", "of"):
        words = words[lowered.index("indicator") + 2 :]
    while words and (PERIOD_WORD.match(words[0]) or words[0].lower() in STOP_WORDS):
        words = words[1:]
    for i in range(1, len(words) - 1):
        if words[i].lower() not in PERIOD_QUALIFIERS:
            continue
        following = [w for w in words[i + 1 : i + 3] if w.lower() not in NOT_FOLLOWING]
        if following and PERIOD_WORD.match(following[0]):
            words = words[:i]  # 'admissions for the year to end June 2017'
            break
    while words and (PERIOD_WORD.match(words[-1]) or words[-1].lower() in TAIL_STOP_WORDS):
        words = words[:-1]
    return words


def _trim(words: list[str]) -> list[str]:
    words = [w for w in words if ALPHANUMERIC.search(w)]
    while words and words[0].lower() in STOP_WORDS:
        words = words[1:]
    while words and words[-1].lower() in STOP_WORDS:
        words = words[:-1]
    return words[:NAME_LENGTH]


def _clause_before(sentence: str, start: int, previous_end: int) -> str:
    """The text from the last clause break before the figure; a bracket closed before the figure
    ('Superfast Broadband (SFB) coverage in the ... (LEP) Area is') is an aside, not a break."""
    left = sentence[previous_end:start]
    # the bracket or sign that opens the figure itself is no clause break, nor a dash between a label and its
    # figure ('Average caseload – 17 for all social workers')
    body = left.rstrip(" (£€$").rstrip("–—-")
    breaks = [b for b in CLAUSE_BREAK.finditer(body) if b.group(0) != "(" or ")" not in body[b.end() :]]
    return left[breaks[-1].end() :] if breaks else left


def _measure_before(clause: str) -> list[str] | None:
    """'The CLA rate of' -> CLA rate: the words up to a measure word that the tail joins to the figure."""
    window = clause[-MEASURE_WINDOW:]
    tail = MEASURE_TAIL.search(window) or MEASURE_BRACKET.search(window)
    if not tail:
        return None
    tail_start = len(clause) - len(window) + tail.start()
    words = clause[max(0, tail_start - 2 * MEASURE_WINDOW) : tail_start].split()
    if not words:
        return None
    if words[-1].lower().strip(".,") in MEASURE_WORDS:
        words = words[-6:]
        # 'Steady increases have resulted in current uptake being': the noun phrase after the last verb
        verbs = [i for i, w in enumerate(words[:-1]) if VERB.match(w) or AUXILIARY.match(w) or w.endswith(")")]
        words = words[verbs[-1] + 1 :] if verbs else words  # nor an aside's end: '(30 fewer pregnancies) figure of'
    elif CHANGE_WORD.match(words[-1]):
        return None  # 'an increase of 1.2 percentage points': a change, named elsewhere
    else:
        # 'the proportion of ASYEs has increased to', 'coverage in the Enterprise Partnership Area is'
        qualified = [
            i
            for i in range(max(0, len(words) - 12), len(words) - 1)
            if words[i].lower() in MEASURE_WORDS and words[i + 1].lower() in QUALIFIERS
        ]
        if not qualified or words[qualified[-1]].lower() in ("number", "numbers"):
            return None  # 'the number of children with ... (CPPs) reduced to': what is counted, read elsewhere
        measure = qualified[-1]
        start = max(0, measure - 4)
        start = max([start, *(i + 1 for i in range(start, measure) if words[i].endswith(","))])
        end = next(
            (i for i in range(measure + 1, len(words)) if VERB.match(words[i]) or AUXILIARY.match(words[i])),
            len(words),
        )
        words = words[start:end]
    words = _trim(_words(FRAMING.sub("", " ".join(words))))
    return words or None


def _refers_back(words: list[str]) -> bool:
    """'the previous quarter figure of', 'this rate': a generic measure that means the sentence's own indicator."""
    return bool(words) and all(w.lower() in GENERIC_MEASURES | BACK_REFERENCES or PERIOD_WORD.match(w) for w in words)


def _number_of(clause: str) -> list[str] | None:
    """'a reduction in the number of Slight casualties in the first six months of 2017 (1,380)':
    what is counted, read from 'the number of' up to the phrase that says where or when."""
    match = NUMBER_OF.search(clause[-MEASURE_WINDOW * 2 :])
    if not match:
        return None
    words: list[str] = []
    raws = match.group("what").split()
    for raw, following in _with_next(raws):
        if SHORT_FORM.fullmatch(raw.rstrip(".,")):
            continue  # 'children with child protection plans (CPPs)'
        word = raw.strip(".,;:'’\"()")
        # 'the number of children with ... plans', 'the number of children in care' (not 'in the first six months')
        stop = _ends_phrase(word, following) and word.lower() != "with"
        if not word or NOT_WORD.match(word) or stop or VERB.match(word) or AUXILIARY.match(word):
            break
        words.append(word)
        if raw[-1:] in ",.;:)" or len(words) >= NAME_LENGTH:
            break
    words = _trim(words)
    return ["number", "of", *words] if words else None


def _change_subject(clause: str) -> list[str] | None:
    """'suggests a decrease for the county for the time taken for children to be matched ..., from 279 days':
    what changed, named after the change word."""
    match = CHANGE_BEFORE.search(clause)
    return _trim(_words(match.group("what"))) or None if match else None


def _phrase_after(sentence: str, end: int, unit: str) -> list[str] | None:
    """'% of these plans were up to date' -> plans up to date; '122 children entering care' -> children ...;
    '128 (52%) were agency placements' -> agency placements; '60% reached the expected standard'."""
    rest = sentence[end:]
    if unit == "count" and sentence[end : end + 1] == ")" and sentence[end - 1 : end].isdigit():
        rest = rest[1:]  # 'fewer (22,486) NHS health checks were offered': the figure's own bracket closes
    if unit == "count" and (share := SHARE_AFTER.match(rest)):
        rest = rest[share.end() :]  # '128 (52%) were agency placements': the share is a figure of its own
    of = OF_AFTER.match(rest)
    if unit == "percent" and SHARE_BRACKET_CLOSES.match(rest):
        rest = rest[1:]  # '128 (52%) were agency placements': the bracket holding the share closes
    if unit in ("count", "percent") and of:
        rest = rest[of.end() :]  # 'three (25%) of the indicators have a status of Green'
    elif unit not in ("count", "percent") or rest.lstrip().startswith("("):
        return None  # '87.6% (provisional figures)': a bracket qualifies the figure, it does not name it
    words: list[str] = []
    raws = IN_HOUSE.sub("in-house", rest).split()
    for raw, following in _with_next(raws):
        word = raw.strip(".,;:'’\"()")
        if not word or NOT_WORD.match(word) or _ends_phrase(word, following):  # '45% of children in care'
            break
        if not AUXILIARY.match(word):
            words.append(word)
        if raw[-1:] in ",.;:)" or len(words) >= NAME_LENGTH:
            break
    words = _trim(words)
    if not words or (
        VERB.match(words[0]) and not (unit == "percent" and len(words) > 1 and PAST_ACTION.match(words[0]))
    ):
        return None
    return words


def _subject(clause: str) -> list[str] | None:
    """The words before the clause's first verb, after framing such as 'In terms of road safety,'."""
    text = FRAMING.sub("", clause.strip())
    before_verb: list[str] = []
    for raw in text.split():
        if VERB.match(raw.strip(".,'’\"()")):
            break
        before_verb.append(raw)
    words = _trim(_words(" ".join(before_verb)))
    if not words or words[0].lower() in {"it", "this", "there", "they", "which", "he", "she", "we"}:
        return None
    return words


def _quoted(clause: str) -> list[str] | None:
    """An indicator named in quotes just before its figures: 'the ‘residual household waste per household (kg)’
    [NI191] from 85kg to 90kg'."""
    quoted = QUOTED_NAME.search(clause[-MEASURE_WINDOW * 2 :])
    return _trim(_words(quoted.group("name"))) or None if quoted else None


def _described(sentence: str, start: int) -> list[str] | None:
    """'rate of 50.3 (children with child protection plans per 10,000 ...)': the bracket says what is counted."""
    match = DESCRIPTION_AFTER.match(sentence, start)
    return _trim(_words(match.group("what"))) or None if match else None


def indicator_name(
    sentence: str,
    start: int,
    end: int,
    unit: str,
    previous_end: int,
    expand: dict[str, str],
    known: str | None = None,
) -> str:
    """A short name for what the figure at ``sentence[start:end]`` measures; ``known`` is the indicator the
    sentence is already about, which a bare 'the previous quarter figure of' refers back to."""
    clause = _clause_before(sentence, start, previous_end)
    if change := CHANGE_AFTER.match(sentence, end):
        what = _trim(_words(change.group("what")))
        if what:
            return " ".join(["change", "in", *(_expanded(w, expand) for w in what)])[:120]
    measure = _measure_before(clause)
    if measure and _refers_back(measure):
        if known:
            return known
        measure = None
    words = (
        _described(sentence, start)
        or _quoted(clause)
        or measure
        or _number_of(clause)
        or _change_subject(clause)
        or _phrase_after(sentence, end, unit)
        or _subject(clause)
        or _trim(_words(sentence[:start]))[-NAME_LENGTH:]
    )
    if words and all(PERIOD_WORD.match(w) for w in words):
        # 'Q2', 'March': when the figure is for, not what it measures; 'an 83% increase in e-book downloads
        # (28,960 in Q2 of 2016/17 to 53,023 in Q2 ...)': the level of what changed
        if known:
            return known.removeprefix("change in ")
        words = _subject(FRAMING.sub("", sentence[:start])) or words
    if len(words) > 2 and CHANGE_WORD.match(words[0]) and words[1].lower() in ("in", "of") and unit != "percent":
        words = words[2:]  # 'an 83% increase in e-book downloads (28,960 in Q2 ...': the level of what changed
    if len(words) == 1 and CHANGE_WORD.match(words[0]):
        # 'an increase of 16%': a change in what the sentence is about
        subject = _change_subject(sentence[:start]) or _subject(FRAMING.sub("", sentence[:start]))
        if subject and not CHANGE_WORD.match(subject[0]):
            words = ["change", "in", *subject]
    words = _without_periods(words) or words
    if known and words and words[0].lower() in ("target", "targets"):
        return known  # 'the 5 day target for all faults (4.39 days)': the target's indicator
    return " ".join(_expanded(w, expand) for w in words)[:120]


def _expanded(word: str, expand: dict[str, str]) -> str:
    """'CLA' -> 'children looked after (CLA)'; a plural 'CPPs' -> 'child protection plans (CPPs)': the
    abbreviation is kept after its expansion, so the name reads in the document's words and in full."""
    if word in expand:
        return f"{expand[word]} ({word})"
    if word.endswith("s") and word[:-1] in expand:
        long = expand[word[:-1]]
        return f"{long if long.endswith('s') else long + 's'} ({word})"
    return word
