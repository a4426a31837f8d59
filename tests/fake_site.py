"""A loopback HTTP server (127.0.0.1, a port of its own) that answers from a script, for the fetch tests."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "fetch"
RECORDED_SITE = b"https://democracy.manchester.gov.uk/"  # the site the recorded fixtures came from


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering


@dataclass(frozen=True)
class Request:
    path: str
    headers: dict[str, str]

    def param(self, name: str) -> str | None:
        return dict(parse_qsl(urlsplit(self.path).query)).get(name)


class FakeSite:
    """Routes are a path with the query parameters that must match ('/a.aspx?ID=1'); each gives its replies in
    turn, the last one again and again. A reply with an ETag is answered 304 when the request's If-None-Match
    names it, as a server does."""

    def __init__(self) -> None:
        self.routes: dict[str, list[Reply]] = {}
        self.requests: list[Request] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"

    def route(self, target: str, *replies: Reply) -> None:
        self.routes[target] = list(replies)

    def requested(self, path: str) -> list[Request]:
        return [request for request in self.requests if urlsplit(request.path).path == path]

    def reply_for(self, target: str) -> Reply:
        for route, replies in self.routes.items():
            if _matches(route, target):
                return replies.pop(0) if len(replies) > 1 else replies[0]
        return Reply(404, b"not found")


def _matches(route: str, target: str) -> bool:
    wanted, got = urlsplit(route), urlsplit(target)
    params = dict(parse_qsl(got.query))
    return wanted.path == got.path and all(params.get(k) == v for k, v in parse_qsl(wanted.query))


def _handler(site: FakeSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            site.requests.append(Request(self.path, dict(self.headers.items())))
            reply = site.reply_for(self.path)
            time.sleep(reply.delay)
            etag = reply.headers.get("ETag")
            if etag and self.headers.get("If-None-Match") == etag:
                reply = Reply(304, b"", {"ETag": etag})
            try:
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)
            except OSError:  # the client gave up waiting
                self.close_connection = True

        def log_message(self, *_: object) -> None:
            pass

    return Handler


@contextmanager
def serving() -> Iterator[FakeSite]:
    site = FakeSite()
    thread = threading.Thread(target=site.server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        site.server.shutdown()
        site.server.server_close()
        thread.join()


def fixture(name: str, site: FakeSite) -> bytes:
    """A recorded answer, its links pointing at ``site`` instead of the site it was recorded from."""
    return (FIXTURES / name).read_bytes().replace(RECORDED_SITE, site.url.encode())


XML = {"Content-Type": "text/xml; charset=utf-8"}
NO_MEETINGS = b'<?xml version="1.0" encoding="utf-8"?>\n<getmeetings><meetingscount> 0</meetingscount></getmeetings>\n'
MINUTES_PDF = (
    Path(__file__).resolve().parent.parent / "corpus/mueller-township-mi/mueller-township-mi-2024-01-24-minutes.pdf"
)
OTHER_PDF = Path(__file__).resolve().parent.parent / (
    "corpus/lincoln-township-mi/lincoln-township-mi-2011-03-15-budget-workshop-minutes.pdf"
)


def moderngov(site: FakeSite, etags: bool = True) -> None:
    """Answer as the recorded ModernGov site does: three committees, the Audit Committee's two meetings (one
    cancelled), the other's minutes and work programme as PDFs."""

    def tagged(tag: str, headers: dict[str, str]) -> dict[str, str]:
        return {**headers, "ETag": f'"{tag}"'} if etags else headers

    service = "/mgWebService.asmx"
    site.route(f"{service}/GetCommittees", Reply(body=fixture("committees.xml", site), headers=XML))
    site.route(f"{service}/GetMeetings?lCommitteeId=144", Reply(body=fixture("meetings.xml", site), headers=XML))
    site.route(f"{service}/GetMeetings", Reply(body=NO_MEETINGS, headers=XML))
    meeting = fixture("meeting_with_minutes.xml", site)
    site.route(f"{service}/GetMeeting?lMeetingId=4967", Reply(body=meeting, headers=tagged("m4967", XML)))
    site.route(
        f"{service}/GetMeeting?lMeetingId=4966", Reply(body=fixture("meeting_no_minutes.xml", site), headers=XML)
    )
    pdf = {"Content-Type": "application/pdf", "Last-Modified": "Mon, 02 Feb 2026 09:00:00 GMT"}
    site.route("/mgConvert2PDF.aspx?ID=60860", Reply(body=MINUTES_PDF.read_bytes(), headers=tagged("d60860", pdf)))
    site.route("/mgConvert2PDF.aspx?ID=60909", Reply(body=OTHER_PDF.read_bytes(), headers=tagged("d60909", pdf)))
