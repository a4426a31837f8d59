"""Stage 4, extract: run every registered extractor over one structured document."""

from __future__ import annotations

from extractors.actions import extract_actions
from extractors.agenda import extract_agenda
from extractors.attendance import extract_attendance
from extractors.meeting import extract_meeting
from extractors.metrics import extract_metrics
from extractors.people import extract_people
from extractors.resolutions import extract_resolutions
from models.records import Document, Extraction
from pipeline.segment import segment


def extract(document: Document) -> Extraction:
    """All facts of ``document``, each with its evidence span into ``document.text``."""
    sections = segment(document)
    meeting = extract_meeting(document, sections)
    attendees = extract_attendance(document, sections)
    return Extraction(
        uri=document.uri,
        meeting=meeting,
        attendees=attendees,
        people=extract_people(document, attendees),
        agenda_items=extract_agenda(document, sections, meeting.doc_type),
        resolutions=extract_resolutions(document, sections, meeting.doc_type),
        actions=extract_actions(document, sections, meeting.meeting_date),
        metrics=extract_metrics(document, sections),
    )
