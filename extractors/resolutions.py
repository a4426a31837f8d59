"""Resolutions: formal decisions ("RESOLVED – That ...", "Decision:", "The Board noted the report")."""

from __future__ import annotations

import itertools
import re

from extractors.meeting import BODY_NOUN
from extractors.text import caps_item, item_number_at, split_sentences
from models.records import Block, DocType, Document, Evidence, Resolution, Section

NAME = "resolutions"
VERSION = "1"

LEAD_IN = re.compile(
    r"^(?:\d{1,3}(?:\.\d{1,3})+\s+)?(?:It\s+was\s+)?(?:RESOLVED|Resolved|AGREED|Agreed|DECISION|Decision|DECIDED|"
    r"Decided|RESOLUTION|Resolution|UNANIMOUSLY\s+RESOLVED|Unanimously\s+resolved|RECOMMENDED|Recommended)"
    r"(?:\s*\((?:unanimously|by\s+[^)]*)\))?\s*(?:[:–—-]+\s*|\s+(?=that\b|That\b|\(|\d))",
)
LEAD_IN_ALONE = re.compile(
    # 'RESOLVED:' alone, or ending a block: 'Proposed by Councillor Keary; Seconded by ...; And Resolved:'
    # also closing a sentence: 'The Executive reviewed the performance figures ..., and RESOLVED to:' (Waverley)
    r"(?:^|[;.]\s*|,?\s+and\s+)(?:And\s+|It\s+was\s+)?(?:RESOLVED|Resolved|AGREED|Agreed|DECISION|Decision|DECIDED|Decided|"
    r"RECOMMENDED)(?:\s+that|\s+to)?\s*[:–—-]?\s*$"
)
# the last character but spaces that LEAD_IN_ALONE can end with: a block ending otherwise is not searched
LEAD_IN_ENDINGS = frozenset(":–—-DdNnto")


def _ends_with_lead_in(text: str) -> bool:
    stripped = text.rstrip()  # str.rstrip() and \s agree on what is a space
    return bool(stripped) and stripped[-1] in LEAD_IN_ENDINGS and LEAD_IN_ALONE.search(text) is not None


PART = re.compile(r"^\(?(?:\d{1,2}|[a-zA-Z]|[ivx]{1,4})[.):]\s+")
BODY_DECISION = re.compile(
    # 'The meeting agreed the minutes represented a true record' (parish minutes)
    r"^The\s+meeting\s+(?:unanimously\s+)?(?:agreed|resolved|approved)\b"
    rf"|^(?:The\s+)?(?:[A-Z][\w'’&-]*\s+){{0,6}}?{BODY_NOUN}\s+"
    r"(?:(?:unanimously|formally)\s+)?"
    r"(?:(?:noted|received|approved|agreed|endorsed|accepted|adopted|ratified|deferred|rejected|"
    r"considered\s+and\s+noted)\s+(?:the|its|this)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:report|update|minutes|recommendations?|proposals?|plan|strategy|register|programme|"
    r"information|presentation|item|decision|budget|accounts|statement|policy)s?\b"
    r"|recommended\s+that|resolved\s+that|resolved\s+to\s+[a-z]|agreed\s+that|agreed\s+to\s+(?:approve|note|endorse|"
    r"recommend|defer|refer)|approved\s+that)"
)

# 'Minutes of the meeting held on 28 November 2022 were agreed.', 'Recommendations approved.'
MINUTES_LABEL = re.compile(r"^Minutes:\s*")  # flattened ModernGov tables: 'Minutes: The Minutes of ...'
PARAGRAPH_NUMBER = re.compile(r"^\d{1,3}(?:\.\d{1,3})+\s+")  # '2.1 The minutes of the last meeting ...'
RECORD_DECISION = re.compile(
    r"^(?:\d{1,3}(?:\.\d{1,3})+\s+)?(?:The\s+)?(?:[\w,]+\s+){0,6}?minutes\b[^.]*?\b(?:were|was)\s+"
    r"(?:agreed|approved|confirmed|signed|accepted|passed|adopted)\b"
    r"|^(?:The\s+)?Recommendations?\s+(?:(?:were|was)\s+)?(?:approved|agreed|endorsed|accepted)\.?$",
    re.IGNORECASE,
)
# 'Item 6 - Percentage of referrals ... - Agreed that ...': the decision follows the item's label.
ITEM_LABEL = re.compile(r"^Item\s+\d+[a-z]?\s*[-–]\s*[^-–]{1,100}?\s+[-–]\s+")
# 'Proposal: Mrs Mitchell proposed and Mr Berry seconded payment of this subscription and the meeting unanimously
# agreed.'
PROPOSAL_AGREED = re.compile(r"^Proposal\s*:\s*(?=.*\b(?:unanimously\s+)?(?:agreed|carried|approved|resolved)\b)")
IT_WAS_RESOLVED = re.compile(r"^It\s+was\s+(?:also\s+|further\s+|unanimously\s+)?(?:resolved|agreed)\s+(?=that\b)")
QUOTED_MOTION = re.compile(r"^[\"“](?P<text>That\b.+?)[\"”]?$")
CARRIED = re.compile(
    r"^(?:This|The\s+(?:motion|recommendation|resolution))\s+was\s+(?:agreed|carried|approved)\b", re.I
)
# City of London: a discussion closed by one word in capitals, 'RECEIVED.', 'NOTED.', 'APPROVED.'
ONE_WORD_DECISION = re.compile(r"^(?:RECEIVED|NOTED|AGREED|APPROVED|ENDORSED|DEFERRED)\.?$")
NUMBERED_THAT = re.compile(r"^(?:\d{1,2}[.)]|\(\d{1,2}\))\s+[Tt]hat\b")
VOTE = re.compile(r"\b(?:carried|resolved|agreed)\b", re.I)  # 'The proposals were put to the vote and carried'


def _next_has_lead_in(document: Document, index: int) -> bool:
    """'Decision:' then 'RESOLVED: That ...': the next block carries its own lead-in."""
    following = document.blocks[index + 1 : index + 2]
    return bool(following) and LEAD_IN.match(document.block_text(following[0])) is not None


def _parts_after(document: Document, index: int) -> tuple[str, int] | None:
    """The resolution that follows a lone 'RESOLVED:' line: its parts up to a heading."""
    parts: list[str] = []
    end = document.blocks[index].end
    for block in document.blocks[index + 1 :]:
        text = document.block_text(block)
        if parts and (block.kind == "heading" or not (PART.match(text) or block.kind == "list_item")):
            break
        parts.append(text)
        end = block.end
        if not parts[-1].rstrip().endswith(":") and len(parts) == 1 and not PART.match(text):
            break
    return (" ".join(parts), end) if parts else None


def _from_lead_ins(document: Document, sections: tuple[Section, ...]) -> list[Resolution]:
    found = []
    for index, block in enumerate(document.blocks):
        text = document.block_text(block)
        lead = item.end() if (item := caps_item(text)) else 0  # '39  MINUTES – Resolved – That the minutes ...'
        match = LEAD_IN.match(text[lead:])
        if match and lead + match.end() < len(text):
            body, start, end = text[lead + match.end() :], block.start + lead + match.end(), block.end
            body, end = _with_parts(document, index, body, end)
        elif _ends_with_lead_in(text) and not _next_has_lead_in(document, index):
            following = _parts_after(document, index)
            if following is None:
                continue
            body, end = following
            start = document.blocks[index + 1].start
        else:
            continue
        found.append(_resolution(sections, body, start, end))
    return found


def _with_parts(document: Document, index: int, body: str, end: int) -> tuple[str, int]:
    """'RESOLVED: That' followed by parts '(1) ...', '(2) ...' in their own blocks; also an unfinished
    'RESOLVED that the Board notes' followed by '(a) that 80% of indicators ...'."""
    following = document.blocks[index + 1] if index + 1 < len(document.blocks) else None
    unfinished = not body.rstrip().endswith((".", ";", "!", "?")) and following is not None
    if not body.rstrip().endswith((":", "that", "That", "-", "–")) and not (
        unfinished and following is not None and PART.match(document.block_text(following))
    ):
        return body, end
    parts = [body]
    for block in document.blocks[index + 1 :]:
        text = document.block_text(block)
        # 'RESOLVED that' on a line of its own, the decision in the paragraph below (Cardiff)
        bare = len(parts) == 1 and body.strip(" :–-").lower() in ("that", "") and block.kind == "paragraph"
        if not (PART.match(text) or block.kind == "list_item" or bare):
            break
        parts.append(text)
        end = block.end
    return " ".join(parts), end


def _resolution(sections: tuple[Section, ...], body: str, start: int, end: int) -> Resolution:
    return Resolution(
        item=item_number_at(sections, start),
        text=PARAGRAPH_NUMBER.sub("", MINUTES_LABEL.sub("", " ".join(body.split()))),
        evidence=Evidence((start, end), NAME, VERSION),
    )


def _from_body_sentences(document: Document, sections: tuple[Section, ...]) -> list[Resolution]:
    found = []
    for block in document.blocks:
        if block.kind == "heading":
            continue
        for sentence, start, end in split_sentences(document.block_text(block), block.start):
            label = ITEM_LABEL.match(sentence)
            if label:
                sentence, start = sentence[label.end() :], start + label.end()
            lead_in = LEAD_IN.match(sentence)
            if label and lead_in:
                found.append(_resolution(sections, sentence[lead_in.end() :], start + lead_in.end(), end))
            elif resolved := IT_WAS_RESOLVED.match(sentence) or PROPOSAL_AGREED.match(sentence):
                # 'It was also resolved that future draft and approved minutes would be displayed on the website'
                found.append(_resolution(sections, sentence[resolved.end() :], start + resolved.end(), end))
            elif not lead_in and (BODY_DECISION.match(sentence) or RECORD_DECISION.match(sentence)):
                found.append(_resolution(sections, sentence, start, end))
    return found


def _from_motions(document: Document, sections: tuple[Section, ...]) -> list[Resolution]:
    """A quoted motion ('"That under Section 100A ..."') followed by 'This was agreed.'"""
    found = []
    for block, following in itertools.pairwise(document.blocks):
        motion = QUOTED_MOTION.match(document.block_text(block))
        if motion and CARRIED.match(document.block_text(following)):
            start = block.start + motion.start("text")
            found.append(_resolution(sections, motion.group("text"), start, start + len(motion.group("text"))))
    return found


def _after_a_vote(document: Document, resolution: Resolution) -> bool:
    """Numbered 'that' clauses right after the vote that carried them ('... put to the vote and carried')."""
    before = [b for b in document.blocks if b.end <= resolution.evidence.span[0]]
    return bool(before) and VOTE.search(document.block_text(before[-1])) is not None


def _from_numbered_decisions(document: Document, sections: tuple[Section, ...]) -> list[Resolution]:
    """A decision page's numbered decisions with no lead-in ('1. That ...', '2. That ...'): one resolution."""
    found = []
    run: list[Block] = []
    for block in [*document.blocks, None]:
        if block is not None and NUMBERED_THAT.match(document.block_text(block)):
            run.append(block)
            continue
        if run:
            text = " ".join(document.block_text(b) for b in run)
            found.append(_resolution(sections, text, run[0].start, run[-1].end))
            run = []
    return found


def extract_resolutions(
    document: Document, sections: tuple[Section, ...], doc_type: DocType | None = None
) -> tuple[Resolution, ...]:
    found = _from_lead_ins(document, sections) + _from_body_sentences(document, sections)
    found += _from_motions(document, sections)
    found += [
        _resolution(sections, text, block.start, block.end)
        for block in document.blocks
        if ONE_WORD_DECISION.match(text := document.block_text(block))
    ]
    # 'Decision' then 'I.': a part marker, not a decision
    found = [r for r in found if len(r.text) >= 12 or ONE_WORD_DECISION.match(r.text)]
    found += [
        r for r in _from_numbered_decisions(document, sections) if doc_type == "decision" or _after_a_vote(document, r)
    ]
    found.sort(key=lambda r: r.evidence.span)
    return tuple(_once_per_item(found))


def _once_per_item(found: list[Resolution]) -> list[Resolution]:
    """A ModernGov page prints an item's decision under 'Decision:' and again under 'Minutes:': one resolution."""
    seen: set[tuple[str | None, str]] = set()
    kept = []
    for resolution in found:
        key = (resolution.item, " ".join(resolution.text.lower().split()))
        if key not in seen:
            seen.add(key)
            kept.append(resolution)
    return kept
