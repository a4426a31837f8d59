"""ModernGov web-service XML (``GetMeeting`` responses).

The response states the meeting's date, time, place, attendees and agenda items outright; they
become :class:`SourceFacts`. The items' minutes (escaped HTML) become the document's text.
"""

from __future__ import annotations

import datetime as dt

from lxml import etree

from extractors.names import split_title
from models.records import (
    AttendanceStatus,
    Document,
    RawDocument,
    SourceFacts,
    StatedAttendee,
    StatedItem,
)
from pipeline.errors import ConvertError
from pipeline.formats.builder import DocumentBuilder, clean_inline
from pipeline.formats.html import add_html

ATTENDANCE: dict[str, AttendanceStatus] = {
    "present": "present",
    "attended": "present",
    "present as substitute": "present",
    "present as expected": "present",
    "expected": "expected",
    "apologies": "apologies",
    "apologies received": "apologies",
    "sent apologies": "apologies",
    "absent": "absent",
    "not present": "absent",
    "in attendance": "in_attendance",
    "attending": "in_attendance",
}


def _text(node: etree._Element, tag: str) -> str:
    found = node.find(tag)
    if found is None or found.text is None:
        return ""
    return clean_inline(found.text)


def _date(value: str) -> dt.date | None:
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d/%m/%y"):
        try:
            return dt.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None


def _body(meeting: etree._Element) -> str | None:
    for path in ("committeetitle", "committeename", ".//linkeddoc/committeetitle", ".//refertocommittee"):
        value = _text(meeting, path)
        if value:
            return value
    return None


def _attendees(meeting: etree._Element) -> tuple[StatedAttendee, ...]:
    attendees = []
    for node in meeting.iterfind("attendees/attendee"):
        name, title = split_title(clean_inline(node.get("name", "")))
        if not name:
            continue
        status = ATTENDANCE.get((node.get("attendance") or "").strip().lower(), "expected")
        attendees.append(StatedAttendee(name=name, role=title, status=status))
    return tuple(attendees)


def _item_number(item: etree._Element) -> str | None:
    number = _text(item, "fulldisplaynumberformat") or _text(item, "minutesitemnumber")
    return number.rstrip(".").strip() or None


def convert_moderngov_xml(raw: RawDocument) -> Document:
    try:
        root = etree.fromstring(raw.data, parser=etree.XMLParser(resolve_entities=False))
    except etree.XMLSyntaxError as exc:
        raise ConvertError(raw.uri, f"broken XML: {exc.msg}") from exc
    meeting = root if root.tag == "meeting" else root.find(".//meeting")
    if meeting is None:
        raise ConvertError(raw.uri, f"not a ModernGov GetMeeting response (root <{root.tag}>)")

    builder = DocumentBuilder()
    body = _body(meeting)
    date = _date(_text(meeting, "meetingdate"))
    if body:
        builder.add("heading", body)
    if date:
        builder.add("paragraph", f"Meeting date: {date:%d %B %Y} {_text(meeting, 'meetingtime')}")
    items = []
    for item in meeting.iterfind("agendaitems/agendaitem"):
        number, title = _item_number(item), _text(item, "agendaitemtitle")
        items.append(StatedItem(number=number, title=title))
        builder.add("heading", f"{number}. {title}" if number else title)
        minutes = _text_raw(item, "minutesnonemptyhtmlbody") or _text_raw(item, "agendatext")
        if minutes:
            add_html(builder, minutes)
    facts = SourceFacts(
        body=body,
        meeting_date=date,
        meeting_time=_text(meeting, "meetingtime") or None,
        location=_text(meeting, "meetinglocation") or None,
        attendees=_attendees(meeting),
        items=tuple(items),
    )
    if not len(builder):
        raise ConvertError(raw.uri, "the meeting has no content")
    return builder.build(raw.uri, raw.media_type, facts)


def _text_raw(node: etree._Element, tag: str) -> str:
    found = node.find(tag)
    return (found.text or "").strip() if found is not None else ""
