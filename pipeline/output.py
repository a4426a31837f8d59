"""The gold format (``../shared/gold/README.md``): what ``minutes extract --format json`` prints."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from models.records import Evidence, Extraction, Vote


def _span(evidence: Evidence) -> list[int]:
    return [evidence.span[0], evidence.span[1]]


def to_gold_format(extraction: Extraction, with_spans: bool = True) -> dict[str, Any]:
    """One JSON-ready object per document; records carry ``span`` when ``with_spans``."""

    def record(fields: dict[str, Any], evidence: Evidence) -> dict[str, Any]:
        return {**fields, "span": _span(evidence)} if with_spans else fields

    meeting = extraction.meeting
    return {
        "doc": Path(extraction.uri).name,
        "doc_type": meeting.doc_type,
        "body": meeting.body,
        "meeting_date": meeting.meeting_date.isoformat() if meeting.meeting_date else None,
        "attendees": [
            record({"name": a.name, "role": a.role, "status": a.status, "chair": a.chair}, a.evidence)
            for a in extraction.attendees
        ],
        "people": [record({"name": p.name, "role": p.role}, p.evidence) for p in extraction.people],
        "agenda_items": [record({"number": i.number, "title": i.title}, i.evidence) for i in extraction.agenda_items],
        "resolutions": [record({"item": r.item, "text": r.text}, r.evidence) for r in extraction.resolutions],
        "actions": [
            record({"owner": a.owner, "text": a.text, "item": a.item, "due": a.due}, a.evidence)
            for a in extraction.actions
        ],
        "metrics": [
            record(
                {
                    "indicator": m.indicator,
                    "value": m.value,
                    "unit": m.unit,
                    "comparator": m.comparator,
                    "period": m.period,
                    "text": m.text,
                },
                m.evidence,
            )
            for m in extraction.metrics
        ],
        "votes": [
            record(
                {
                    "item": v.item,
                    "motion": v.motion,
                    "result": v.result,
                    "for": v.for_count,
                    "against": v.against_count,
                    "abstain": v.abstain_count,
                    "mover": v.mover,
                    "seconder": v.seconder,
                    **({"named": _named(v)} if v.named else {}),
                },
                v.evidence,
            )
            for v in extraction.votes
        ],
    }


def _named(vote: Vote) -> dict[str, list[str]]:
    named: dict[str, list[str]] = {}
    for person in vote.named:
        named.setdefault(person.option, []).append(person.name)
    return named
