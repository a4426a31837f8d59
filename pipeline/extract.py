"""Stage 4, extract: run every registered extractor over one structured document."""

from __future__ import annotations

from dataclasses import replace

from extractors import action_tables, actions, agenda, attendance, meeting, metrics, people, resolutions, votes
from extractors.actions import extract_actions
from extractors.agenda import extract_agenda
from extractors.attendance import extract_attendance
from extractors.language import reads_as_known_language
from extractors.meeting import extract_meeting, settle_doc_type
from extractors.metrics import extract_metrics
from extractors.motions import find_motions
from extractors.people import extract_people
from extractors.resolutions import extract_resolutions
from extractors.votes import extract_votes
from models.records import Document, Evidence, Extraction
from pipeline.segment import agenda_descriptions, segment

# Every extractor's name and version, as stored with a document: a document stored under other versions is
# extracted again by ``minutes reextract``.
EXTRACTOR_VERSIONS = " ".join(
    f"{module.NAME}:{module.VERSION}"
    for module in (action_tables, actions, agenda, attendance, meeting, metrics, people, resolutions, votes)
)


def extract(document: Document) -> Extraction:
    """All facts of ``document``, each with its evidence span into ``document.text``."""
    sections = segment(document)
    meeting = extract_meeting(document, sections)
    if not reads_as_known_language(document.text):
        # minutes in a language the vocabulary does not hold: the meeting is kept, no fact is guessed at
        return Extraction(
            uri=document.uri,
            meeting=meeting,
            attendees=(),
            people=(),
            agenda_items=(),
            resolutions=(),
            actions=(),
            metrics=(),
            votes=(),
        )
    attendees = extract_attendance(document, sections)
    descriptions = agenda_descriptions(document, sections)
    motions = find_motions(document, sections)
    resolutions = extract_resolutions(document, sections, meeting.doc_type, motions)
    votes = extract_votes(document, sections, motions)
    kind = settle_doc_type(meeting.doc_type, len(attendees), len(resolutions), len(votes))
    meeting = replace(meeting, doc_type=kind)

    def said_at_meeting(evidence: Evidence) -> bool:
        return not any(start <= evidence.span[0] < end for start, end in descriptions)

    return Extraction(
        uri=document.uri,
        meeting=meeting,
        attendees=attendees,
        people=extract_people(document, attendees),
        agenda_items=extract_agenda(document, sections, kind),
        resolutions=resolutions,
        actions=tuple(
            a for a in extract_actions(document, sections, meeting.meeting_date) if said_at_meeting(a.evidence)
        ),
        metrics=tuple(m for m in extract_metrics(document, sections, kind) if said_at_meeting(m.evidence)),
        votes=votes,
    )
