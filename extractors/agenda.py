"""Agenda items: numbered items of minutes, or the one titled item of a decision/item page."""

from __future__ import annotations

import re

from models.records import AgendaItem, DocType, Document, Evidence, Section

NAME = "agenda"
VERSION = "1"

PAGE_LABEL = re.compile(
    r"(?:^|>\s*)(?:Decision details|Agenda item|Issue details|Item details|Issue - meetings|Issue - decisions)$", re.I
)
FIELD_LINE = re.compile(r"^(?P<label>[A-Z][\w?'’-]*(?:\s[\w?'’-]+){0,5}):\s+(?P<value>.*)$")


def _is_field(text: str) -> bool:
    """'Decision Maker: Cabinet', 'Is subject to call in?: No' are fields; 'Public Realm Integrated Services
    Model: Business Case - Referral by Call-In Sub-Committee' is a title with a colon in it."""
    match = FIELD_LINE.match(text)
    if match is None:
        return False
    label, value = match.group("label"), match.group("value")
    return len(label.split()) <= 3 or label.endswith("?") or len(value.split()) <= 3


def page_title(document: Document) -> tuple[str, tuple[int, int]] | None:
    """The title of a one-item page: the first heading after the page's label."""
    blocks = document.blocks[:6]
    for index, block in enumerate(blocks):
        if PAGE_LABEL.match(document.block_text(block)):
            for following in blocks[index + 1 :]:
                text = document.block_text(following)
                titled = following.kind == "heading" or (len(text) <= 200 and not text.endswith((".", ";", "!", "?")))
                if titled and not text.endswith(":") and not _is_field(text):
                    return text, (following.start, following.end)
            return None
    return None


def extract_agenda(document: Document, sections: tuple[Section, ...], doc_type: DocType) -> tuple[AgendaItem, ...]:
    if doc_type == "report":
        return ()  # a report's numbered paragraphs are no agenda
    if sections:
        stated = {item.number: item.title for item in document.facts.items if item.number}
        return tuple(
            AgendaItem(s.number, stated.get(s.number or "", s.title), Evidence(s.heading_span, NAME, VERSION))
            for s in sections
        )
    if doc_type in ("decision", "agenda_item"):
        found = page_title(document)
        if found:
            return (AgendaItem(None, found[0], Evidence(found[1], NAME, VERSION)),)
    return ()
