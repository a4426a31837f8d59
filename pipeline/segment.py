"""Stage 3, segment: split a document into its agenda items, by the document's own numbering.

No pattern per numbering scheme: every line that opens with an item number of any form is a
candidate (:mod:`extractors.numbering`), weighed by how much it looks like a heading (layout: heading
type, bold, capitals, a short title on its own line). The document's scheme is the run of one family of
numbers, in document order, whose keys increase and whose members carry the most weight; a run of
numbered lines with nothing between them is a list, not items, and counts for less. Headings numbered
inside an item in a scheme of their own ('A.', 'B.' under 'VII.'; '5.1' under '5') are items too. A
document that numbers nothing but opens its business with headings or bold labels is split at those.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from extractors.numbering import Label, follows, opens_scheme, read_labels
from extractors.vocabulary import words
from models.records import Block, Document, Section

MAX_TITLE = 200
TITLE_WORDS = 16  # a heading's title is short; a numbered paragraph runs on
# ModernGov prints a link's file after its title: 'Minutes pdf icon PDF 216 KB'
FILE_NOTE = re.compile(r"\s*(?:pdf icon\s*)?PDF\s+[\d.,]+\s*[KM]B\b\s*$", re.I)
SENTENCE_END = (".", ";", "!", "?")


def clean_title(title: str) -> str:
    """A heading as a title: file notes and trailing dashes removed ('MINUTES -' -> 'MINUTES')."""
    return FILE_NOTE.sub("", title).strip(" -–:|").removesuffix(".").rstrip()


@dataclass(frozen=True, slots=True)
class Candidate:
    """A block that opens with an item number: the number, its title and how heading-like it is."""

    index: int  # the block's index
    label: Label
    title: str
    start: int
    heading_end: int
    weight: float
    body: bool = False  # the block goes on past the title with the item's text


def _in_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _heading_weight(block: Block, title: str) -> float:
    """1 for a heading by layout; less for a numbered paragraph whose words run on past a title."""
    if block.kind == "heading" or block.bold or block.level:
        return 1.0
    if block.kind == "table_row":
        return 0.8
    short = len(title.split()) <= TITLE_WORDS and not title.endswith(SENTENCE_END)
    if short or _in_capitals(title.split(" - ")[0]):
        return 0.8
    if block.bold_lead:
        return 0.7
    return 0.25


def _title_after(document: Document, index: int) -> tuple[str, int] | None:
    """A number on a line of its own takes the next block as its title."""
    if index + 1 >= len(document.blocks):
        return None
    following = document.blocks[index + 1]
    text = document.block_text(following)
    if len(text) > MAX_TITLE or read_labels(text) or text[:1].islower():
        return None
    return text, following.end


# the item's number printed under its title: 'Apologies and Substitutes' / '(Item 1)'
NUMBER_UNDER_TITLE = re.compile(r"^\(\s*(?:Item|Minute|Agenda\s+item)\s+(?P<number>\w{1,6})\s*\)$", re.IGNORECASE)


def _number_under_title(document: Document, index: int) -> Candidate | None:
    match = NUMBER_UNDER_TITLE.match(document.block_text(document.blocks[index]))
    if match is None or index == 0:
        return None
    title_block = document.blocks[index - 1]
    title = document.block_text(title_block)
    labels = read_labels(match.group("number") + ".")
    if not labels or len(title) > MAX_TITLE or title_block.kind not in ("heading", "paragraph"):
        return None
    label = labels[0]
    numbered = Label(match.group("number"), "(K)" + label.family, label.key, 0, True)
    return Candidate(index, numbered, clean_title(title), title_block.start, title_block.end, 1.0)


def candidates(document: Document) -> list[Candidate]:
    found: list[Candidate] = []
    for index, block in enumerate(document.blocks):
        text = document.block_text(block)
        if under := _number_under_title(document, index):
            found.append(under)
            continue
        if block.kind == "table_row" and block.cells:
            text = " ".join(document.text[s:e] for s, e in block.cells if e > s)
        for label in read_labels(text):
            rest = text[label.title_start :].strip()
            heading_end = block.end
            if not rest:
                following = _title_after(document, index)
                if following is None:
                    continue
                rest, heading_end = following
                weight = 1.0
            else:
                led = label.family.startswith("K")  # 'Minute 151:', 'Item 12': the word says it is an item
                # a second number after the minute number ('C052/23 5. TO RECEIVE ...') is the agenda's own
                second = re.match(r"^\(?\d{1,3}[.)]\s+", rest)
                if second:
                    rest = rest[second.end() :]
                title_end = _title_end(rest)
                weight = max(_heading_weight(block, rest[:title_end]), 0.8 if led else 0.0)
                if title_end < len(rest):
                    heading_end = block.start + label.title_start + title_end
                rest = rest[:title_end]
            body = heading_end < block.end - 1
            found.append(Candidate(index, label, clean_title(rest), block.start, heading_end, weight, body))
    return found


CAPITALS_THEN_TEXT = re.compile(r"^(?P<title>[^a-z]{3,}?)\s+[–—-]\s+(?=\S*[a-z])")


def _title_end(rest: str) -> int:
    """Where a title ends inside a block that goes on with the item's text ('38 MINUTES – Resolved – That')."""
    capitals = CAPITALS_THEN_TEXT.match(rest)
    if capitals and any(c.isalpha() for c in capitals.group("title")):
        return capitals.end("title")  # 'DECLARATIONS OF INTEREST – There were no declarations.'
    if len(rest) <= MAX_TITLE and (len(rest.split()) <= TITLE_WORDS or not rest.endswith(SENTENCE_END)):
        return len(rest)
    for separator in (" – ", " - ", ". ", ": "):
        at = rest.find(separator)
        if 0 < at <= MAX_TITLE:
            return at
    return min(len(rest), MAX_TITLE)


def best_chain(found: list[Candidate], restart: tuple[int, ...] | None = None) -> list[Candidate]:
    """The heaviest run of one family whose keys increase, in document order (a small dynamic programme
    per family). With ``restart``, the run must open the scheme (a sub-numbering inside an item)."""
    by_family: dict[str, list[Candidate]] = {}
    for candidate in found:
        by_family.setdefault(candidate.label.family, []).append(candidate)
    best: list[Candidate] = []
    best_score = 0.0
    for members in by_family.values():
        chain, score = _heaviest_run(members, restart)
        if score > best_score or (score == best_score and chain and best and chain[0].start < best[0].start):
            best, best_score = chain, score
    return best


def _heaviest_run(members: list[Candidate], restart: tuple[int, ...] | None) -> tuple[list[Candidate], float]:
    score: list[float] = []
    back: list[int] = []
    keys: dict[int, list[tuple[int, ...]]] = {}
    for member in members:
        keys.setdefault(member.index, []).append(member.label.key)
    for j, candidate in enumerate(members):
        in_list = not candidate.body and _listed(candidate, keys)
        opening = restart is None or opens_scheme(candidate.label.key, restart or None)
        score.append(candidate.weight if opening else float("-inf"))
        back.append(-1)
        for i in range(j):
            if members[i].index < candidate.index and follows(members[i].label.key, candidate.label.key):
                factor = 0.5 if in_list else 1.0  # a line of a list links weakly, whichever number came before
                factor += 0.01  # of two runs as heavy, the longer
                if _step(members[i].label.key, candidate.label.key) > 1:
                    factor *= 0.5  # a number skipped: a weaker link than the next number
                total = score[i] + candidate.weight * factor
                if total > score[j]:
                    score[j], back[j] = total, i
    if not score or max(score) <= 0:
        return [], 0.0
    end = max(range(len(members)), key=lambda k: (score[k], -k))
    chain = []
    while end >= 0:
        chain.append(members[end])
        end = back[end]
    chain.reverse()
    return chain, max(score)


def _listed(candidate: Candidate, keys: dict[int, list[tuple[int, ...]]]) -> bool:
    """A line whose neighbour above or below carries the number before or after its own: a list."""
    index, key = candidate.index, candidate.label.key
    above = any(follows(other, key) for other in keys.get(index - 1, ()))
    return above or any(follows(key, other) for other in keys.get(index + 1, ()))


def _step(previous: tuple[int, ...], key: tuple[int, ...]) -> int:
    for before, now in zip(previous, key, strict=True):
        if now != before:
            return now - before
    return 0


def _is_list(chain: list[Candidate], found: list[Candidate]) -> bool:
    """Numbered lines of one family that stand one under another, with no text between: a list."""
    indices = {c.index for c in found if c.label.family == chain[0].label.family}
    adjacent = sum(1 for c in chain if c.index + 1 in indices or c.index - 1 in indices)
    return adjacent * 2 > len(chain)


def _accepted(chain: list[Candidate]) -> bool:
    if len(chain) == 2 and all(c.body for c in chain) and _step(chain[0].label.key, chain[1].label.key) > 1:
        return False  # 'Item 3 – ... recommended ...', 'Item 6 – ... agreed ...': items cited in the text of one
    if len(chain) >= 2:
        return sum(c.weight for c in chain) >= 1.2
    return len(chain) == 1 and chain[0].weight >= 1.0


def _sub_items(found: list[Candidate], top: list[Candidate], end: int) -> list[Candidate]:
    """Headings numbered in a scheme of their own inside each item ('A.', 'B.' under 'VII.')."""
    used = {id(c) for c in top}
    subs: list[Candidate] = []
    bounds = [c.start for c in top] + [end]
    families_of_top = {c.label.family for c in top}
    for parent, (start, stop) in zip(top, pairwise(bounds), strict=False):
        inside = [
            c
            for c in found
            if start < c.start < stop
            and id(c) not in used
            and c.weight >= 1.0
            and c.label.family not in families_of_top
        ]
        while inside:
            chain = best_chain(inside, restart=parent.label.key)
            if not chain or not _is_list(chain, inside):
                break
            family = chain[0].label.family
            inside = [c for c in inside if c.label.family != family]
        else:
            chain = []
        if chain and (len(chain) >= 2 or opens_scheme(chain[0].label.key, parent.label.key)):
            subs.extend(chain)
    return subs


def _label_headings(document: Document) -> list[Candidate]:
    """Unnumbered items: headings set apart by layout, or bold/capitals run-in labels ('Flooding: ...')."""
    skip = {word.lower() for word in words("attendance", "label_only")}
    found = []
    for index, block in enumerate(document.blocks):
        text = document.block_text(block)
        label = _run_in_label(text)
        if block.kind == "heading" and (block.bold or block.level or _in_capitals(text)) and len(text) <= MAX_TITLE:
            title, end = text, block.end
        elif label and (block.bold_lead or _in_capitals(label)):
            title, end = label, block.start + len(label)
        else:
            continue
        if clean_title(title).lower() in skip:
            continue
        empty = Label("", "", (), 0, False)
        found.append(Candidate(index, empty, clean_title(title), block.start, end, 1.0))
    return found


RUN_IN = re.compile(r"^(?P<label>[A-Z][\w'’&/,-]*(?:\s+[\w'’&/,-]+){0,7})\s*:\s+\S")


def _run_in_label(text: str) -> str | None:
    match = RUN_IN.match(text)
    return match.group("label") if match else None


def _unnumbered(document: Document) -> list[Candidate]:
    found = _label_headings(document)
    if len(found) < 3:
        return []
    # the title lines at the top are the document's heading, not its items
    first_body = next(
        (b.start for b in document.blocks if b.kind == "paragraph" and len(document.block_text(b).split()) >= 8),
        0,
    )
    return [c for c in found if c.start >= first_body or c.index > 3]


def segment(document: Document) -> tuple[Section, ...]:
    """The document's items in order, each spanning up to the next item of its level or above."""
    if document.facts.items and not document.blocks:
        return ()
    found = candidates(document)
    top = best_chain(found)
    if not _accepted(top):
        top = []
    subs = _sub_items(found, top, len(document.text)) if top else []
    if not top and not any(c.weight >= 0.8 for c in found):
        unnumbered = _unnumbered(document)
        return _sections(document, [(c, 1) for c in unnumbered], number=False)
    return _sections(document, sorted([(c, 1) for c in top] + [(c, 2) for c in subs], key=lambda x: x[0].start))


def _sections(document: Document, ordered: list[tuple[Candidate, int]], number: bool = True) -> tuple[Section, ...]:
    sections = []
    for position, (candidate, level) in enumerate(ordered):
        end = len(document.text)
        for following, following_level in ordered[position + 1 :]:
            if following_level <= level:
                end = following.start
                break
        sections.append(
            Section(
                number=candidate.label.text.rstrip(".") if number else None,
                title=candidate.title,
                span=(candidate.start, end),
                heading_span=(candidate.start, candidate.heading_end),
                level=level,
            )
        )
    return tuple(sections)


MINUTES_LABEL = re.compile(r"^(?:Minutes|Decision|Minute|Decisions)\s*:$", re.IGNORECASE)


def agenda_descriptions(document: Document, sections: tuple[Section, ...]) -> tuple[tuple[int, int], ...]:
    """Spans of agenda text in ModernGov 'Agenda and minutes' pages: from an item's title to its 'Minutes:' label.

    That text says what the item is for ('Approximately 30 minutes will be set aside for Public Question
    Time'), not what the meeting did, so no action or figure is taken from it.
    """
    labels = [b.start for b in document.blocks if MINUTES_LABEL.match(document.block_text(b))]
    spans = []
    for section in sections:
        inside = [start for start in labels if section.heading_span[1] <= start < section.span[1]]
        if inside:
            spans.append((section.heading_span[1], inside[0]))
    return tuple(spans)
