"""ModernGov's web service (``mgWebService.asmx``): the addresses to ask, and what its answers list.

``GetCommittees`` lists the committees, ``GetMeetings`` a committee's meetings between two dates and
``GetMeeting`` one meeting, with its agenda items, minutes and linked documents.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlencode, urljoin, urlsplit, urlunsplit

from lxml import etree

from pipeline.errors import MinutesError

SERVICE = "mgWebService.asmx"
# what a linked document's title, or its agenda item's, says when the document is a record of decisions
MINUTES_TITLE = re.compile(
    r"(?<![\w-])minutes?(?![\w-])|\bdecision (?:notice|record|sheet|list)s?\b|\bdecisions? taken\b", re.I
)


class ListingError(MinutesError):
    """A web-service answer that cannot be read (broken XML, not the answer asked for)."""


@dataclass(frozen=True, slots=True)
class Committee:
    id: int
    title: str


@dataclass(frozen=True, slots=True)
class MeetingStub:
    """A meeting as ``GetMeetings`` lists it."""

    id: int
    date: dt.date | None
    status: str

    @property
    def cancelled(self) -> bool:
        return self.status.strip().lower() == "cancelled"


@dataclass(frozen=True, slots=True)
class LinkedDocument:
    url: str
    title: str
    item_title: str  # the agenda item's title (ownertitle)

    @property
    def is_minutes(self) -> bool:
        return bool(MINUTES_TITLE.search(self.title) or MINUTES_TITLE.search(self.item_title))


def site_root(base_url: str) -> str:
    """The site's address ending in '/', from its home page, its web service or a page of it."""
    parts = urlsplit(base_url.strip())
    path = parts.path.split(SERVICE, 1)[0]
    if not path.endswith("/"):
        head, _, last = path.rpartition("/")
        path = f"{head}/" if "." in last else f"{path}/"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def committees_url(root: str) -> str:
    return urljoin(root, f"{SERVICE}/GetCommittees")


def meetings_url(root: str, committee_id: int, since: dt.date, until: dt.date) -> str:
    query = urlencode({"lCommitteeId": committee_id, "sFromDate": f"{since:%d/%m/%Y}", "sToDate": f"{until:%d/%m/%Y}"})
    return urljoin(root, f"{SERVICE}/GetMeetings?{query}")


def meeting_url(root: str, meeting_id: int) -> str:
    return urljoin(root, f"{SERVICE}/GetMeeting?{urlencode({'lMeetingId': meeting_id})}")


def _parse(url: str, data: bytes) -> etree._Element:
    try:
        return etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        raise ListingError(url, f"broken XML: {exc.msg}") from exc


def _text(node: etree._Element, tag: str) -> str:
    found = node.find(tag)
    return (found.text or "").strip() if found is not None else ""


def _int(node: etree._Element, tag: str) -> int | None:
    value = _text(node, tag)
    return int(value) if value.isdigit() else None


def _date(value: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(value, "%d/%m/%Y").date()
    except ValueError:
        return None


def parse_committees(url: str, data: bytes) -> list[Committee]:
    """The committees a ``GetCommittees`` answer lists (deleted ones left out)."""
    root = _parse(url, data)
    if root.tag != "committees":
        raise ListingError(url, f"not a GetCommittees answer (root <{root.tag}>)")
    committees = []
    for node in root.iter("committee"):
        committee_id = _int(node, "committeeid")
        if committee_id is not None and _text(node, "committeedeleted").lower() != "true":
            committees.append(Committee(committee_id, _text(node, "committeetitle")))
    return committees


def parse_meetings(url: str, data: bytes) -> list[MeetingStub]:
    """The meetings a ``GetMeetings`` answer lists."""
    root = _parse(url, data)
    if root.tag != "getmeetings":
        raise ListingError(url, f"not a GetMeetings answer (root <{root.tag}>)")
    meetings = []
    for node in root.iter("meeting"):
        meeting_id = _int(node, "meetingid")
        if meeting_id is not None:
            meetings.append(MeetingStub(meeting_id, _date(_text(node, "meetingdate")), _text(node, "meetingstatus")))
    return meetings


def linked_documents(url: str, data: bytes) -> list[LinkedDocument]:
    """The documents a ``GetMeeting`` answer links to, each once, in order (none when it cannot be read)."""
    try:
        root = _parse(url, data)
    except ListingError:
        return []
    found: dict[str, LinkedDocument] = {}
    for node in root.iter("linkeddoc"):
        link = _text(node, "url")
        if link and _text(node, "isrestricted").lower() != "true":
            found.setdefault(link, LinkedDocument(urljoin(url, link), _text(node, "title"), _text(node, "ownertitle")))
    return list(found.values())
