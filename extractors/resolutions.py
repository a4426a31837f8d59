"""Resolutions: the formal decisions a meeting took.

Five general readers over the cue vocabulary (``vocabulary/decisions.toml``), whatever the country:

- a **lead-in** opening a block or sentence ("RESOLVED – That ...", "It was resolved to ...", "Agreed that",
  "DECISION:", "Council Resolution", "NOW, THEREFORE, BE IT RESOLVED"), the decision being what follows it
  (with the numbered parts below a lead-in that ends its line);
- a **motion that carried** (:mod:`extractors.motions`): "Moved by X, seconded by Y, to approve the
  agenda. Carried.";
- a **disposition**: an item's line that ends in (or is followed by) its outcome word ("... | ADOPTED",
  "Minutes of ... Approved.", "GRANTED");
- a **body deciding**: "The Committee noted the report", "Councillors approved a request for ...", "The
  minutes of the last meeting were agreed as a true record";
- an **agreement after a proposal**: "... proposed ... This was agreed." / "All agreed."
"""

from __future__ import annotations

import functools
import re

from extractors.motions import Motion, find_motions
from extractors.text import item_number_at, split_sentences
from extractors.vocabulary import alternation, words
from models.records import Block, DocType, Document, Evidence, Resolution, Section

NAME = "resolutions"
VERSION = "2"

MIN_TEXT = 8  # characters: shorter is a label's leftover ('I.'), not a decision


LEAD_SPACE = r"[\s,]+"  # between a lead-in's words: 'Resolved, unanimously, that'


@functools.cache
def lead_in() -> re.Pattern[str]:
    """A lead-in and what separates it from the decision: ':', a dash, 'that', 'to', '(unanimously)',
    a mover/seconder pair '(Smith/Jones)', or the end of the line."""
    return re.compile(
        rf"^(?:\d{{1,3}}(?:\.\d{{1,3}})+\s+)?(?:[^.]{{1,160}}?\s[-–—]\s+)?(?:(?:and|after\s+discussion,?)\s+)?"
        rf"(?P<lead>{alternation(words('decisions', 'lead_ins'), space=LEAD_SPACE)})"
        r"(?:\s*\((?:unanimously|nem\.?\s*con\.?|by\s+[^)]*|[^)/]{1,40}/[^)]{1,40})\))?"
        r"(?:\s*[:–—-]+\s*|\s+(?=that\b|That\b|THAT\b|to\s+[a-z]|\(|\d)|\s*$)",
    )


@functools.cache
def lead_in_ending() -> re.Pattern[str]:
    """A lead-in closing a block, the decision in the blocks below: '...; Seconded by Councillor Sheahan; And
    Resolved:', '..., and RESOLVED to:'."""
    leads = alternation(words("decisions", "lead_ins"), space=LEAD_SPACE)
    return re.compile(rf"(?:^|[;.,]\s*|\s+and\s+)(?:And\s+|and\s+)?(?:{leads})(?:\s+(?:that|to))?\s*[:–—-]?\s*$")


def _is_lead_in_only(text: str) -> bool:
    match = lead_in().match(text)
    return match is not None and not text[match.end() :].strip(" :–-")


PART = re.compile(r"^\(?(?:\d{1,2}|[a-zA-Z]|[ivx]{1,4})[.):]\s+")


def _with_parts(document: Document, index: int, body: str, end: int) -> tuple[str, int]:
    """A decision that ends with ':' or 'that', or stops short before numbered parts, takes the parts under it
    ('(1) ...', 'a) ...'): 'RESOLVED that the Board notes' over '(a) that 80% of indicators ...'."""
    following = document.blocks[index + 1] if index + 1 < len(document.blocks) else None
    bare = body.strip(" :–-").lower() in ("", "that", "to")
    unfinished = (
        bare
        or body.rstrip().endswith((":", "that", "That", "-", "–"))
        or (
            not body.rstrip().endswith((".", ";", "!", "?"))
            and following is not None
            and PART.match(document.block_text(following)) is not None
        )
    )
    if not unfinished:
        return body, end
    parts = [body] if body.strip() else []
    numbered = False
    for block in document.blocks[index + 1 : index + 40]:
        text = document.block_text(block)
        first_plain = bare and len(parts) <= 1 and not numbered
        part = PART.match(text) is not None or block.kind == "list_item"
        if not (part or first_plain):
            break
        parts.append(text)
        end = block.end
        numbered = numbered or part
        if first_plain and not part and not text.rstrip().endswith(":"):
            break
    return " ".join(parts), end


def _resolution(sections: tuple[Section, ...], text: str, start: int, end: int) -> Resolution:
    return Resolution(
        item=item_number_at(sections, start),
        text=" ".join(text.split()).strip(" ;"),
        evidence=Evidence((start, end), NAME, VERSION),
    )


LEAD_IN_TAIL = 80  # characters at a block's end in which a lead-in that closes it is looked for


def _from_lead_ins(document: Document, sections: tuple[Section, ...]) -> list[Resolution]:
    found = []
    pattern = lead_in()
    for index, block in enumerate(document.blocks):
        text = document.block_text(block)
        match = pattern.match(text)
        ending = lead_in_ending().search(text, max(0, len(text) - LEAD_IN_TAIL)) if match is None else None
        if ending is not None and index + 1 < len(document.blocks):
            body, end = _with_parts(document, index, "", block.end)
            if len(body.strip()) >= MIN_TEXT:
                found.append(_resolution(sections, body, document.blocks[index + 1].start, end))
            continue
        if match is None:
            for sentence, start, end in split_sentences(text, block.start):
                opening = pattern.match(sentence) if start > block.start else None
                low = sentence.lower()
                decided = "resolved" in low or "agreed" in low or "decided" in low
                within = MID_SENTENCE.search(sentence) if decided else None
                if opening and sentence[opening.end() :].strip():
                    found.append(_resolution(sections, sentence[opening.end() :], start + opening.end(), end))
                elif within:
                    found.append(_resolution(sections, sentence[within.end() :], start + within.end(), end))
            continue
        rest = text[match.end() :]
        following = document.blocks[index + 1] if index + 1 < len(document.blocks) else None
        if not rest.strip(" :–-") and following is not None and pattern.match(document.block_text(following)):
            continue  # 'Decision:' over 'RESOLVED: That ...': the next block says it
        body, end = _with_parts(document, index, rest, block.end)
        start = block.start + match.end() if rest.strip() else block.end
        if len(body.strip()) >= MIN_TEXT:
            found.append(_resolution(sections, body, start, end))
    return found


# 'after discussion it was resolved to adopt the policy', 'With the permission of the Mayor, it was agreed to take'
MID_SENTENCE = re.compile(
    r"\b(?:it\s+was|was\s+then|and)\s+(?:unanimously\s+|further\s+|also\s+|then\s+)?(?:resolved|agreed|decided)\s+"
    r"(?=that\b|to\s+[a-z])",
    re.IGNORECASE,
)


def _from_motions(motions: list[Motion], sections: tuple[Section, ...]) -> list[Resolution]:
    return [
        _resolution(sections, motion.text, motion.start, motion.end)
        for motion in motions
        if motion.result == "carried" and motion.text and len(motion.text) >= MIN_TEXT
    ]


@functools.cache
def _disposition() -> re.Pattern[str]:
    words_ = alternation(words("decisions", "dispositions"), space=LEAD_SPACE)
    return re.compile(rf"(?:^|[\s|–—-]|\.\s)(?P<word>{words_})[.!]?\s*(?:\([^)]*\))?\s*$|^(?P<first>{words_})\b")


DISPOSITION_TAIL = 120  # characters: a disposition word and any bracketed note after it


def _from_dispositions(document: Document, sections: tuple[Section, ...]) -> list[Resolution]:
    """An item disposed of in a word: '... | ADOPTED', 'Minutes of ... Approved.', 'GRANTED' on its own
    line under the item, 'NO VIOLATION - CORRESPONDENCE FROM THE BOARD'."""
    found = []
    pattern = _disposition()
    for index, block in enumerate(document.blocks):
        text = document.block_text(block)
        if len(text) > 600:
            continue
        # the word ends the block, or opens it: only the block's tail is searched for the first kind
        match = pattern.search(text, max(0, len(text) - DISPOSITION_TAIL)) or pattern.match(text)
        if match is None or FIELD_LABEL.match(text):
            continue
        if match.group("first") and len(text.split()) > 8:
            continue  # 'Approved the budget after ...' is a sentence, read elsewhere
        if len(text.split()) <= 3 and index > 0 and not match.group("first"):
            previous = document.blocks[index - 1]
            if previous.kind == "heading":  # 'GRANTED' under the item's title: the title's outcome
                title = document.block_text(previous)
                found.append(_resolution(sections, f"{title} {text}", previous.start, block.end))
                continue
        found.append(_resolution(sections, text, block.start, block.end))
    return found


# a page's field, not a decision: 'Decision status: Recommendations Approved'
FIELD_LABEL = re.compile(r"^(?:[\w-]+\s+){0,2}(?i:status|decision\s+maker|decision\s+status)\s*:")

BODY_NOUNS = (
    r"(?:Sub-Committee|Subcommittee|Committee|Board|Panel|Cabinet|Council|Commission|Executive|Forum|"
    r"Members|Councillors|Councilors|Commissioners|Trustees|Directors|Supervisors|PC|CC|TC|Meeting|meeting|"
    r"members|councillors|group|Group)"
)
BODY_DECISION = re.compile(
    rf"^(?:The\s+|the\s+)?(?:[A-Z][\w'’&-]*\s+){{0,6}}?{BODY_NOUNS}\s+(?:(?:unanimously|formally|then|also|duly)\s+)?"
    # taking a paper: 'noted the report', 'received the minutes' (not 'noted that ...', which is narrative)
    r"(?:(?:noted|received|considered\s+and\s+noted|accepted)\s+(?:the|its|this)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:report|update|minutes|recommendations?|proposals?|plan|strategy|register|programme|information|presentation|"
    r"decision|budget|accounts|statement|policy|position|letter|petition|briefing|response)s?\b"
    # deciding: 'approved the budget', 'agreed to write', 'resolved that'
    r"|(?:approved|agreed|endorsed|adopted|ratified|resolved|decided|supported|confirmed|recommended|voted|"
    r"authori[sz]ed|appointed|elected|granted|deferred)\b(?!\s+(?:with|by)\b))"
)
RECORD_DECISION = re.compile(
    r"^(?:\d{1,3}(?:\.\d{1,3})+\s+)?(?:[\w,’'-]+\s+){0,8}?minutes\b[^.]*?\b(?:were|was)\s+(?:[\w,]+\s+){0,4}?"
    r"(?:agreed|approved|confirmed|signed|accepted|passed|adopted)\b"
    r"|^(?:The\s+)?Recommendations?\s+(?:(?:were|was)\s+)?(?:approved|agreed|endorsed|accepted)\b(?!.*\?\s*:)",
    re.IGNORECASE,
)
AGREED_AFTER = re.compile(
    r"^(?:this|that|it|which|the\s+(?:proposal|recommendation|motion))\s+was\s+(?:unanimously\s+)?(?:agreed|approved|"
    r"carried|accepted)\b|^(?:all|members|councillors)\s+(?:were\s+)?(?:in\s+)?(?:agreed|favou?r)\b|^agreed\.?$",
    re.IGNORECASE,
)


NUMBERED_THAT = re.compile(r"^(?:\d{1,2}[.)]|\(\d{1,2}\)|[a-z][.)]|\([a-z]\))\s+[Tt]hat\b")
VOTED = re.compile(r"\b(?:put\s+to\s+(?:the\s+)?vote|carried|resolved|agreed)\b", re.I)


def _from_numbered_decisions(
    document: Document, sections: tuple[Section, ...], doc_type: DocType | None
) -> list[Resolution]:
    """Numbered decisions with no lead-in ('1. That ...', '(2) That ...'): one resolution, on a decision's
    page or right after the vote that carried them."""
    found = []
    run: list[Block] = []
    for block in [*document.blocks, None]:
        if block is not None and NUMBERED_THAT.match(document.block_text(block)):
            run.append(block)
            continue
        if run:
            before = document.blocks[document.blocks.index(run[0]) - 1] if document.blocks.index(run[0]) else None
            voted = before is not None and VOTED.search(document.block_text(before))
            if doc_type == "decision" or voted:
                text = " ".join(document.block_text(b) for b in run)
                found.append(_resolution(sections, text, run[0].start, run[-1].end))
            run = []
    return found


def _from_sentences(document: Document, sections: tuple[Section, ...]) -> list[Resolution]:
    found = []
    last_of_previous_block: tuple[str, int, int] | None = None
    for block in document.blocks:
        if block.kind == "heading":
            last_of_previous_block = None
            continue
        previous: tuple[str, int, int] | None = last_of_previous_block
        for sentence, start, end in split_sentences(document.block_text(block), block.start):
            body = RUN_IN_LABEL.sub("", sentence)
            shift = len(sentence) - len(body)
            if BODY_DECISION.match(body) or RECORD_DECISION.match(body):
                found.append(_resolution(sections, body, start + shift, end))
            elif AGREED_AFTER.match(body) and previous is not None:
                quoted = QUOTED.match(previous[0])
                text = quoted.group("text") if quoted else previous[0]
                found.append(_resolution(sections, text, previous[1], end))
            previous = (sentence, start, end)
        last_of_previous_block = previous
    return found


QUOTED = re.compile(r"^.*?[\"“](?P<text>[^\"”]{12,})[\"”]?\.?$")


# a run-in label before the sentence: 'Minutes of the last meeting: The minutes ...'
RUN_IN_LABEL = re.compile(r"^[A-Z][\w'’&/, -]{0,60}:\s+(?=[A-Z])")


def extract_resolutions(
    document: Document,
    sections: tuple[Section, ...],
    doc_type: DocType | None = None,
    motions: list[Motion] | None = None,
) -> tuple[Resolution, ...]:
    found_motions = find_motions(document, sections) if motions is None else motions
    readers = (
        _from_lead_ins(document, sections),
        _from_numbered_decisions(document, sections, doc_type),
        _from_sentences(document, sections),
        _from_dispositions(document, sections),
        _from_motions([m for m in found_motions if m.mover or doc_type != "report"], sections),
    )
    ranked = [
        (rank, r) for rank, found in enumerate(readers) for r in found if len(r.text) >= MIN_TEXT or r.text.isupper()
    ]
    ranked.sort(key=lambda x: (x[0], x[1].evidence.span[0]))  # what a surer reader found is kept first
    kept = _without_overlaps([r for _, r in ranked])
    return tuple(sorted(kept, key=lambda r: r.evidence.span))


def _without_overlaps(found: list[Resolution]) -> list[Resolution]:
    """One resolution per stretch of text: of two readers' finds over the same words, the first kept (the
    lead-in's over the motion's); and one per item and wording (a decision printed twice on a page)."""
    kept: list[Resolution] = []
    seen: set[tuple[str | None, str]] = set()
    for resolution in found:
        key = (resolution.item, " ".join(resolution.text.lower().split()))
        start, end = resolution.evidence.span
        if key in seen or any(k.evidence.span[0] < end and start < k.evidence.span[1] for k in kept):
            continue
        seen.add(key)
        kept.append(resolution)
    return kept


def is_decision_block(block: Block, document: Document) -> bool:
    """Whether a block opens with a decision's lead-in (for other readers that skip decisions)."""
    return lead_in().match(document.block_text(block)) is not None
