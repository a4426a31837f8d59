"""Motions: what was moved, by whom, who seconded it, how it was voted on and whether it carried.

Minutes of every country record a motion in a few sentences around a handful of cue phrases
(``vocabulary/decisions.toml``): a mover ("Moved by X", "X moved", "On the proposal of X",
"after motion by X", "X (motion)"), a seconder ("seconded by Y", "Y seconded the motion"), an outcome
("Motion carried 5-0", "The motion was lost", "Carried unanimously"), counts ("7-0", "For: 21",
"Yeas 7") and named votes ("AYES: Smith, Jones  NOES: Brown", "Babcock – aye"). The cue phrases are
compiled into a few patterns once; a motion is assembled from consecutive sentences of one item: it
opens at a mover (or at an outcome with no motion before it) and takes the seconder, outcome, counts
and named votes that follow, until the next motion or item.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from extractors.names import is_person_name, split_titles
from extractors.text import item_number_at, split_sentences
from extractors.vocabulary import alternation, load
from models.records import Document, Section, VoteOption, VoteResult

# A name as a motion clause writes it: titles, initials, particles ('Vice Mayor Reynolds', 'M. Prest',
# 'Councilmember van Overbeek', 'Cmhlr. Ó Ceallaigh', 'GD', 'Dick').
_WORD = r"(?:[A-ZÀ-ÝÓ][\w'’.-]*|(?:van|von|de|del|der|la|le|di|da|du|st\.?)(?=\s+[A-Z])|[a-z]{1,3}[A-Z][\w'’-]+)"


def name_group(group: str) -> str:
    return rf"(?P<{group}>{_WORD}(?:\s+{_WORD}){{0,5}})"


@dataclass(frozen=True, slots=True)
class Patterns:
    mover_before: re.Pattern[str]
    mover_after: re.Pattern[str]
    seconder_before: re.Pattern[str]
    seconder_after: re.Pattern[str]
    pair: re.Pattern[str]
    outcome: re.Pattern[str]
    named_label: re.Pattern[str]
    inline_vote: re.Pattern[str]
    results: dict[str, VoteResult]
    options: dict[str, VoteOption]
    # lower-case words one of which a sentence must hold before the pattern of that name is tried on it
    mover_cues: tuple[str, ...]
    seconder_cues: tuple[str, ...]
    outcome_cues: tuple[str, ...]


@functools.cache
def patterns() -> Patterns:
    vocabulary = load("decisions")
    mover, seconder = vocabulary["mover"], vocabulary["seconder"]
    results: dict[str, VoteResult] = {}
    result: VoteResult
    for result in ("carried", "lost", "withdrawn"):
        for phrase in vocabulary["results"][result]:
            results[" ".join(phrase.lower().split())] = result
    options: dict[str, VoteOption] = {}
    option: VoteOption
    for option in ("for", "against", "abstain", "absent"):
        for label in vocabulary["named"][option]:
            options.setdefault(label.lower(), option)
    name = name_group("who")
    outcome_words = alternation(list(results))
    return Patterns(
        # cue phrases in any case, names with their capitals
        mover_before=re.compile(rf"\b(?i:{alternation(mover['before'])})\s*:?\s+(?:(?i:by)\s+)?{name}"),
        mover_after=re.compile(rf"{name}\s+(?i:{alternation(mover['after'])})(?!\w)"),
        seconder_before=re.compile(rf"\b(?i:{alternation(seconder['before'])})\s*:?\s+(?:(?i:by)\s+)?{name}"),
        seconder_after=re.compile(rf"{name}\s+(?i:{alternation(seconder['after'])})(?!\w)"),
        # '(Smith/Jones)', '(Cr Smith / Cr Jones)': mover and seconder in brackets
        pair=re.compile(rf"\(\s*{name_group('a')}\s*/\s*{name_group('b')}\s*\)"),
        outcome=re.compile(
            r"(?:^|\b(?:motion|amendment|resolution|recommendation|proposal|vote)\b[^.;]{0,40}?\b"
            r"|\b(?:it|this|which|that)\s+(?:(?:was|were)\s+)?(?:(?:duly|then|unanimously|also|formally)\s+)?"
            r"|\b(?:was|were|been|is|are)\s+(?:(?:duly|then|unanimously|also|formally)\s+)?"
            r"|\b(?:meeting|council|committee|board|members|all|everyone)\s+(?:(?:then|unanimously|duly)\s+)?"
            r"|^(?:the\s+)?(?:substantive\s+|original\s+|amended\s+)?(?:motion|amendment)\s+)"
            rf"(?P<result>{outcome_words})\b",
            re.I,
        ),
        named_label=re.compile(
            rf"(?:^|(?<=[\s.;]))(?P<label>{alternation(list(options))})\s*(?:\(\d+\))?\s*[:–—-]\s*", re.IGNORECASE
        ),
        inline_vote=re.compile(
            rf"{name_group('voter')}(?:\s*[–—-]\s*|\s+(?=(?i:aye|yea|nay)\b))"
            r"(?P<vote>(?i:aye|yes|yea|nay|no|abstain(?:ed)?|absent))\b"
        ),
        results=results,
        options=options,
        mover_cues=_cues([*mover["before"], *mover["after"]]),
        seconder_cues=_cues([*seconder["before"], *seconder["after"]]),
        outcome_cues=_cues(list(results)),
    )


def _cues(phrases: list[str]) -> tuple[str, ...]:
    """The longest word of each phrase, lower case, stripped of brackets: a word the phrase cannot be without."""
    return tuple(sorted({max(phrase.lower().strip("()").split(), key=len) for phrase in phrases}))


def _holds(text: str, cues: tuple[str, ...]) -> bool:
    low = text.lower()
    return any(cue in low for cue in cues)


# 'carried by unanimous voice vote – 5': all of five for
UNANIMOUS_COUNT = re.compile(
    r"(?i)\bunanimous(?:ly)?\b[^.;]{0,30}?[–—-]\s*(?P<n>\d{1,2})\b|\bunanimous(?:ly)?\s*\((?P<m>\d{1,2})\)"
)
COUNTS = re.compile(
    r"(?<![\d/.:-])\(?\[?(?P<for>\d{1,3})\s*[-–—]\s*(?P<against>\d{1,3})(?:\s*[-–—]\s*(?P<abstain>\d{1,3}))?"
    r"(?:\s*[-–—]\s*\d{1,3})?\]?\)?"
    r"(?![\d/:-]|\.\d)"
)
LABELLED_COUNT = re.compile(
    r"\b(?:(?P<label>for|in\s+favou?r|yeas?|ayes?|against|nays?|noes|opposed|abstentions?|abstain(?:ed|ing)?)"
    r"\s*[:=]?\s*\(?(?P<n>\d{1,3})\b\)?|(?P<n2>\d{1,3})\s+(?:votes?\s+)?(?P<label2>for|in\s+favou?r|against|abstentions?|abstained))",
    re.I,
)
# what stands between a motion clause and the motion's words: 'to approve ...', 'that the minutes ...'
MOTION_TEXT = re.compile(r"\b(?:to|that)\s+(?=\S)", re.I)
TRAILING_OUTCOME = re.compile(
    r"[.;,]?\s*(?:the\s+)?motion\s+(?:was\s+)?(?:carried|passed|failed|approved|lost)\b.*$", re.I
)
MOTION_UNIT_LIMIT = 5  # sentences after a mover in which its seconder and outcome are looked for


@dataclass(slots=True)
class Motion:
    """A motion as assembled from the sentences that record it; ``span`` covers them."""

    start: int
    end: int
    text: str | None = None
    mover: str | None = None
    seconder: str | None = None
    result: VoteResult | None = None
    counts: tuple[int | None, int | None, int | None] = (None, None, None)
    named: list[tuple[str, VoteOption, int, int]] = field(default_factory=list)
    item: str | None = None
    units: int = 0
    roll_call_sides: set[str] = field(default_factory=set)  # the options a roll call labels ('AYES', 'NOES')
    polling: bool = False  # within a recorded vote's lists ('For (16)', names, 'Against (41)', names, ...)

    @property
    def recorded(self) -> bool:
        """Whether the minutes record what became of the motion."""
        return self.result is not None or any(c is not None for c in self.counts) or bool(self.named)


@dataclass(frozen=True, slots=True)
class Unit:
    text: str
    start: int
    end: int
    block: int


def _units(document: Document) -> Iterator[Unit]:
    for index, block in enumerate(document.blocks):
        for sentence, start, end in split_sentences(document.block_text(block), block.start):
            yield Unit(sentence, start, end, index)


def _clean_name(raw: str) -> str | None:
    """A mover's or seconder's name without titles and trailing words ('Councilmember Morgan to give' ->
    'Morgan'); initials as written ('GD')."""
    words = raw.split()
    stop = {"to", "that", "and", "the", "was", "were", "moved", "seconded", "for", "with", "on", "at", "in"}
    if words and (words[0].lower() in _not_names() or words[0].lower() in patterns().results):
        return None
    kept = []
    for word in words:
        if word.lower() in stop:
            break
        kept.append(word)
    name = split_titles(" ".join(kept).strip(" ,.;:")).name.strip(" ,.;:")
    if not name:
        return None
    if re.fullmatch(r"[A-Z]{2,4}", name) or is_person_name(name):
        return name
    first = name.split()[0]
    return first if is_person_name(first) else None


@functools.cache
def _not_names() -> frozenset[str]:
    return frozenset(
        {
            "motion",
            "the",
            "this",
            "that",
            "it",
            "carried",
            "passed",
            "seconded",
            "moved",
            "approved",
            "unanimously",
            "a",
            "an",
            "council",
            "committee",
            "board",
            "commission",
            "staff",
            "all",
            "members",
            "there",
            "on",
            "by",
        }
    )


def _who(match: re.Match[str] | None, group: str = "who") -> tuple[str | None, int]:
    if match is None:
        return None, -1
    return _clean_name(match.group(group)), match.end(group)


def _mover(text: str) -> tuple[str | None, int, int]:
    """The mover's name, where the clause naming them starts, and where it ends."""
    p = patterns()
    if not _holds(text, p.mover_cues):
        return None, -1, -1
    before = p.mover_before.search(text)
    after = p.mover_after.search(text)
    for match in sorted((m for m in (before, after) if m), key=lambda m: m.start()):
        name = _clean_name(match.group("who"))
        if name:
            return name, match.start(), match.end()
    return None, -1, -1


def _seconder(text: str) -> tuple[str | None, int, int]:
    p = patterns()
    if not _holds(text, p.seconder_cues):
        return None, -1, -1
    for match in sorted(
        (m for m in (p.seconder_before.search(text), p.seconder_after.search(text)) if m), key=lambda m: m.start()
    ):
        name = _clean_name(match.group("who"))
        if name:
            return name, match.start(), match.end()
    return None, -1, -1


def _result(text: str) -> VoteResult | None:
    if not _holds(text, patterns().outcome_cues):
        return None
    match = patterns().outcome.search(text)
    if match is None:
        return None
    return patterns().results.get(" ".join(match.group("result").lower().split()))


def _labelled(text: str) -> dict[str, int]:
    """Counts that carry their side's label ('For (16)', 'Ayes: 5', '3 against')."""
    labelled: dict[str, int] = {}
    for match in LABELLED_COUNT.finditer(text):
        label = (match.group("label") or match.group("label2") or "").lower()
        number = int(match.group("n") or match.group("n2"))
        key = (
            "for"
            if label.startswith(("for", "in", "yea", "aye"))
            else "abstain"
            if label.startswith("abst")
            else "against"
        )
        labelled.setdefault(key, number)
    return labelled


def _counts(text: str) -> tuple[int | None, int | None, int | None]:
    labelled = _labelled(text)
    if labelled:
        return labelled.get("for"), labelled.get("against"), labelled.get("abstain")
    if _result(text) is not None or re.search(r"\bvote\b", text, re.I):
        tally = COUNTS.search(text)
        if tally:
            abstain = tally.group("abstain")
            return int(tally.group("for")), int(tally.group("against")), int(abstain) if abstain else None
    unanimous = UNANIMOUS_COUNT.search(text)
    if unanimous:
        return int(unanimous.group("n") or unanimous.group("m")), 0, None
    return None, None, None


def _sides(unit: Unit) -> set[str]:
    """The options a roll call's labels name, listed names or not ('NOES: None' names the side)."""
    p = patterns()
    if not _opens_with_label(unit.text):
        return set()
    labels = list(p.named_label.finditer(unit.text))
    return {p.options[label.group("label").lower()] for label in labels if label.group("label").lower() in p.options}


def _opens_with_label(text: str) -> bool:
    """Whether a roll call's label ('AYES:', 'For (16)') stands within the sentence's first three characters."""
    label = patterns().named_label
    return any(label.match(text, at) for at in range(min(3, len(text))))


def _named(unit: Unit) -> list[tuple[str, VoteOption, int, int]]:
    """Named votes: 'AYES: Bennett, Morgan NOES: None', 'Babcock – aye, Dolby – aye', 'Crockett-yes'."""
    from extractors.attendance import read_names  # one list reader for attendance and votes

    p = patterns()
    found: list[tuple[str, VoteOption, int, int]] = []
    labels = list(p.named_label.finditer(unit.text)) if _opens_with_label(unit.text) else []
    if labels:
        for index, label in enumerate(labels):
            end = labels[index + 1].start() if index + 1 < len(labels) else len(unit.text)
            listed = p.options.get(label.group("label").lower())
            if listed is None:
                continue
            names = unit.text[label.end() : end]
            for person in read_names(names, unit.start + label.end()):
                found.append((person.name, listed, person.start, person.end))
        return found
    if not INLINE_VOTE_CUE.search(unit.text):
        return found
    for match in p.inline_vote.finditer(unit.text):
        name = _clean_name(match.group("voter"))
        if name:
            option = _option(match.group("vote"))
            found.append((name, option, unit.start + match.start("voter"), unit.start + match.end("voter")))
    return found


# 'Babcock – aye', 'Crockett-yes'; or a name and 'aye' in a list: 'Dick aye, Gary aye, Jan aye'
INLINE_VOTE_CUE = re.compile(
    r"[–—-]\s*(?i:aye|yes|yea|nay|no|abstain|absent)\b|\b[A-Z][\w'’-]+\s+(?i:aye|yea|nay)\s*[,.;]"
)


def _option(vote: str) -> VoteOption:
    """'aye', 'yes' -> for; 'nay', 'no' -> against; 'abstained' -> abstain; 'absent'."""
    vote = vote.lower()
    if vote in ("aye", "yes", "yea"):
        return "for"
    if vote in ("nay", "no"):
        return "against"
    return "abstain" if vote.startswith("abstain") else "absent"


def _motion_text(text: str, clauses_end: int, clauses_start: int) -> str | None:
    """The words moved: after the mover/seconder clauses ('... seconded by Y to approve the agenda'), or
    the sentence before them ('The minutes ... were proposed by X'; 'Approved ... after motion by X')."""
    after = text[clauses_end:].strip(" ,;:–-")
    tail = re.sub(r"^\([^)]*\)\s*", "", after).strip(" ,;:–-")
    tail = TRAILING_OUTCOME.sub("", tail).strip(" .,;")
    if len(tail.split()) >= 2:
        return tail
    before = text[:clauses_start].strip(" ,;:–-")
    before = re.sub(r"\b(?:was|were|is|are)\s*$", "", before).strip(" ,")
    before = re.sub(r"\s*(?:after|upon|on)\s*$", "", before).strip(" ,")
    return before if len(before.split()) >= 2 else (after.strip(" .") or None)


MOVED_WORDS = re.compile(r"^(?:to|that)\s+\S+\s+\S", re.I)


def _moved_between(text: str, mover_end: int, seconder_start: int) -> str | None:
    """The words moved between the mover's and the seconder's clauses: 'Dick makes a motion to approve
    amended minutes, Gary seconds the motion', 'Motion by X to adopt the budget, seconded by Y'."""
    if mover_end < 0 or seconder_start <= mover_end:
        return None
    between = text[mover_end:seconder_start].strip(" ,;:–-")
    between = re.sub(r"[,;]?\s*(?:and|with)?\s*$", "", between).strip(" ,;:–-")
    return between if MOVED_WORDS.match(between) else None


def _opening(unit: Unit, item: str | None) -> Motion | None:
    """A motion opened by this sentence's mover (or bracketed mover/seconder pair)."""
    text = unit.text
    mover, m_start, m_end = _mover(text)
    seconder, s_start, s_end = _seconder(text)
    pair = patterns().pair.search(text)
    if mover is None and pair is not None:
        mover, seconder = _clean_name(pair.group("a")), _clean_name(pair.group("b"))
        m_start, m_end = pair.start(), pair.end()
    if mover is None:
        return None
    starts = [s for s in (m_start, s_start) if s >= 0]
    ends = [e for e in (m_end, s_end) if e >= 0]
    motion = Motion(unit.start, unit.end, mover=mover, seconder=seconder, item=item, units=1)
    motion.text = _moved_between(text, m_end, s_start) or _motion_text(text, max(ends), min(starts))
    motion.result = _result(text[max(ends) :]) or (_result(text[: min(starts)]) if min(starts) > 0 else None)
    motion.counts = _counts(text)
    return motion


def _takes(motion: Motion, unit: Unit) -> bool:
    """Whether a sentence after a motion goes on recording it (its seconder, outcome, counts, votes)."""
    return motion.units < MOTION_UNIT_LIMIT


def _cell_option(document: Document, span: tuple[int, int]) -> VoteOption | None:
    return patterns().options.get(document.text[span[0] : span[1]].strip().rstrip(":").strip().lower())


def _roll_call_tables(document: Document) -> tuple[set[int], dict[int, list[tuple[str, VoteOption, int, int]]]]:
    """Roll calls set as tables, a column per option ('Yeas: | Absent:' over rows of names): the header rows'
    block indexes, and the named votes of each row under a header."""
    from extractors.attendance import read_names  # one list reader for attendance and votes

    headers: set[int] = set()
    rows: dict[int, list[tuple[str, VoteOption, int, int]]] = {}
    columns: list[VoteOption | None] = []
    for index, block in enumerate(document.blocks):
        if block.kind != "table_row" or not block.cells:
            columns = []
            continue
        options = [_cell_option(document, cell) for cell in block.cells]
        filled = [option for option, (start, end) in zip(options, block.cells, strict=True) if end > start]
        if filled and all(filled):
            headers.add(index)
            columns = options
            continue
        if not columns:
            continue
        named = [
            (person.name, option, person.start, person.end)
            for (start, end), option in zip(block.cells, columns, strict=False)
            if option is not None
            for person in read_names(document.text[start:end], start)
        ]
        rows[index] = named
    return headers, rows


def find_motions(document: Document, sections: tuple[Section, ...]) -> list[Motion]:
    motions: list[Motion] = []
    current: Motion | None = None
    previous: Unit | None = None
    headers, table_votes = _roll_call_tables(document)
    for unit in _units(document):
        if current is not None and (unit.block in headers or unit.block in table_votes):
            current.named.extend(table_votes.pop(unit.block, []))
            current.polling, current.end = True, max(current.end, unit.end)
            continue  # a row of a roll call set as a table
        item = item_number_at(sections, unit.start)
        if current is not None and (current.item != item or not _takes(current, unit)):
            motions.append(current)
            current = None
        opened = _opening(unit, item)
        if opened is not None:
            if current is not None:
                if _is_bare_clause(opened) and not current.mover and current.units <= 1:
                    # 'The minutes ... were approved.' then 'Proposed by GD and seconded by RW.'
                    current.mover, current.seconder = opened.mover, opened.seconder or current.seconder
                    current.end, current.units = unit.end, current.units + 1
                    previous = unit
                    continue
                motions.append(current)
            elif (
                previous is not None
                and _is_bare_clause(opened)
                and (result := _result(previous.text))
                and _stands_as_decision(previous.text)
            ):
                opened.text, opened.start, opened.result = previous.text.rstrip(" ."), previous.start, result
            current = opened
            previous = unit
            continue
        if current is not None:
            _absorb(current, unit)
        else:
            result = _result(unit.text)
            named = _named(unit)
            if result is not None and _stands_as_decision(unit.text):
                current = Motion(unit.start, unit.end, text=unit.text.rstrip(" ."), result=result, item=item, units=1)
                current.counts = _counts(unit.text)
            elif named:
                current = Motion(unit.start, unit.end, item=item, units=1, named=named)
        previous = unit
    if current is not None:
        motions.append(current)
    for motion in motions:
        if motion.result is None:
            motion.result = _result_from_votes(motion)
    return [m for m in motions if m.recorded or (m.mover and m.seconder)]


def _result_from_votes(motion: Motion) -> VoteResult | None:
    """What the printed votes say became of a motion whose outcome is not written: more for than against
    ('5-0', 'Ayes 4, Nays 1'), or every named member for ('Dick aye, Gary aye, Jan aye')."""
    in_favour, against, _ = motion.counts
    if in_favour is not None and against is not None and in_favour != against:
        return "carried" if in_favour > against else "lost"
    options = [option for _, option, _, _ in motion.named]
    if options and all(option == "for" for option in options):
        return "carried"
    return None


VOTE_WORDS = re.compile(
    r"\b(?:motion|moved|seconded|vote[ds]?|voting|show\s+of\s+hands|unanimous(?:ly)?|nem\.?\s*con|roll\s+call|"
    r"in\s+favou?r|proposed|proposal)\b",
    re.I,
)


def is_vote(motion: Motion) -> bool:
    """A motion put to the meeting: one with a mover or seconder, counts or named votes, or written as a
    vote ('carried unanimously', 'put to the vote'); a decision reported without any of that is not."""
    if motion.mover or motion.seconder or motion.named or any(c is not None for c in motion.counts):
        return True
    return motion.result is not None and bool(VOTE_WORDS.search(motion.text or ""))


def _is_bare_clause(motion: Motion) -> bool:
    """'Proposed by GD and seconded by RW.': who moved and seconded, without the words moved."""
    return motion.text is None or len(motion.text.split()) <= 2


DECIDABLE = re.compile(
    r"\b(?:minutes|agenda|report|recommendations?|proposals?|motion|application|resolution|policy|budget|item|"
    r"request|plan|appointment|accounts?|financials?|bills?|warrants?|consent|calendar|contract|ordinance|by-?law|"
    r"amendment|nomination|precept|grant|award|payments?|quotes?|tender|bid|lease|agreement|schedule|dates?|"
    r"subscription|variance|permit|licen[cs]e|expenses?|invoices?|transfer|purchase)\b",
    re.I,
)


def _stands_as_decision(text: str) -> bool:
    """An outcome sentence with a subject of its own that a meeting decides on ('The minutes ... were
    approved', 'The accounts were approved'), not 'Motion carried.' nor 'Apologies were accepted', nor a
    report's news ('19 children have been adopted')."""
    words = text.split()
    if len(words) < 4 or re.match(r"^(?:the\s+)?(?:motion|amendment|it|this|which|carried|passed)\b", text, re.I):
        return False
    if re.match(r"^(?:apolog|declarations?|no\s+declarations?)", text, re.I):
        return False
    outcome = patterns().outcome.search(text)
    return outcome is not None and DECIDABLE.search(text[: outcome.start()]) is not None


MOTION_WORDS_OPENING = re.compile(r"^(?:That|THAT)\s+(?P<words>\S.*)$", re.S)


def _absorb(motion: Motion, unit: Unit) -> None:
    text = unit.text
    if _is_bare_clause(motion) and (words_moved := MOTION_WORDS_OPENING.match(text)):
        # 'Motion made by X' / 'Seconded by Y' / 'That the Minutes ... BE APPROVED.': the words come after
        motion.text = words_moved.group("words").rstrip(" .")
    if motion.seconder is None:
        seconder, _, _ = _seconder(text)
        motion.seconder = seconder
    if motion.result is None:
        motion.result = _result(text)
    labelled = _labelled(text)
    if labelled and any(c is not None for c in motion.counts):
        # 'For (16)', then 'Against (41)', then 'Abstain (0)' under one another: one count per line
        ayes, noes, abstentions = motion.counts
        motion.counts = (
            ayes if ayes is not None else labelled.get("for"),
            noes if noes is not None else labelled.get("against"),
            abstentions if abstentions is not None else labelled.get("abstain"),
        )
    elif all(c is None for c in motion.counts):
        motion.counts = _counts(text)
        tally = COUNTS.match(text)
        if motion.result is not None and all(c is None for c in motion.counts) and tally:
            # 'Motion Carried' at a line's end, '4-1-1. Nays: ...' at the next: the tally of that outcome
            abstain = tally.group("abstain")
            motion.counts = int(tally.group("for")), int(tally.group("against")), int(abstain) if abstain else None
    motion.named.extend(_named(unit))
    motion.roll_call_sides |= _sides(unit)
    motion.end = max(motion.end, unit.end)
    if labelled or _opens_with_label(text):
        motion.polling = True
    elif motion.result is not None:
        motion.polling = False
    if not motion.polling:
        motion.units += 1  # the lists of a recorded vote, however long, do not use up the sentences allowed


def with_result(motion: Motion, result: VoteResult | None) -> Motion:
    return replace(motion, result=result)
