"""minutes fetch: a ModernGov site (a loopback server answering with LGSF's recorded answers) fetched into the
database, conditionally, politely, and without crashing on what a site gets wrong."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from models import orm
from pipeline.fetch.http import HttpSettings, SiteClient
from pipeline.fetch.run import FetchSettings, FetchSummary, fetch_site
from tests.fake_site import XML, FakeSite, Reply, moderngov, serving

SINCE, UNTIL = dt.date(2026, 1, 1), dt.date(2026, 3, 31)
MEETING = "mgWebService.asmx/GetMeeting?lMeetingId=4967"
MINUTES = "mgConvert2PDF.aspx?ID=60860"
WORK_PROGRAMME = "mgConvert2PDF.aspx?ID=60909"
FAST = HttpSettings(requests_per_second=1000, timeout_seconds=2, retries=2, backoff_seconds=0.5, contact="tests@x")


@pytest.fixture
def site() -> Iterator[FakeSite]:
    with serving() as site:
        moderngov(site)
        yield site


def _fetch(engine: Engine, site: FakeSite, waits: list[float] | None = None, **options: object) -> FetchSummary:
    settings = FetchSettings(**{"site": site.url, "since": SINCE, "until": UNTIL, "http": FAST, **options})  # type: ignore[arg-type]
    client = SiteClient(site.url, settings.http, sleep=(waits if waits is not None else []).append)
    return fetch_site(engine, settings, client)


def _documents(engine: Engine) -> dict[str, orm.SourceDocument]:
    with Session(engine) as session:
        rows = session.execute(select(orm.SourceDocument)).scalars().all()
        session.expunge_all()
    return {row.uri: row for row in rows}


def _meetings(engine: Engine) -> list[tuple[str, str, dt.date | None]]:
    query = (
        select(orm.Council.name, orm.Body.name, orm.Meeting.date)
        .join(orm.Body, orm.Body.id == orm.Meeting.body_id)
        .join(orm.Council, orm.Council.id == orm.Body.council_id)
    )
    with Session(engine) as session:
        return sorted(tuple(row) for row in session.execute(query))  # type: ignore[misc]


def test_a_site_is_fetched_into_the_database(engine: Engine, site: FakeSite) -> None:
    summary = _fetch(engine, site)
    assert summary.failures == []
    assert (summary.meetings_seen, summary.meetings_new, summary.meetings_cancelled) == (2, 1, 1)
    assert (summary.documents_downloaded, summary.documents_stored, summary.not_modified) == (2, 1, 0)
    documents = _documents(engine)
    assert set(documents) == {site.url + MEETING, site.url + MINUTES}  # not the work programme
    meeting, minutes = documents[site.url + MEETING], documents[site.url + MINUTES]
    assert (meeting.status, meeting.media_type, meeting.etag) == ("ok", "application/xml", '"m4967"')
    assert (minutes.status, minutes.media_type, minutes.etag) == ("ok", "application/pdf", '"d60860"')
    assert minutes.last_modified == "Mon, 02 Feb 2026 09:00:00 GMT"
    assert meeting.fetched_at is not None and minutes.fetched_at is not None
    assert ("127.0.0.1", "Audit Committee", dt.date(2026, 2, 10)) in _meetings(engine)
    assert not site.requested("/mgWebService.asmx/GetMeeting") or all(
        request.param("lMeetingId") != "4966" for request in site.requested("/mgWebService.asmx/GetMeeting")
    )  # the cancelled meeting is not asked for
    meetings_asked = site.requested("/mgWebService.asmx/GetMeetings")
    assert {request.param("lCommitteeId") for request in meetings_asked} == {"312", "163", "144"}
    assert {(request.param("sFromDate"), request.param("sToDate")) for request in meetings_asked} == {
        ("01/01/2026", "31/03/2026")
    }


def test_a_second_run_downloads_nothing_the_server_says_is_unchanged(engine: Engine, site: FakeSite) -> None:
    _fetch(engine, site)
    before = _documents(engine)
    summary = _fetch(engine, site)
    assert summary.failures == []
    assert (summary.not_modified, summary.documents_downloaded, summary.meetings_unchanged) == (2, 0, 1)
    assert summary.meetings_new == summary.documents_stored == 0
    after = _documents(engine)
    assert set(after) == set(before)
    for uri, row in after.items():
        assert row.ingested_at == before[uri].ingested_at  # not stored again
        assert row.etag == before[uri].etag
        assert row.fetched_at is not None and before[uri].fetched_at is not None
        assert row.fetched_at >= before[uri].fetched_at
    asked = site.requested("/mgConvert2PDF.aspx")
    assert asked[-1].headers.get("If-None-Match") == '"d60860"'
    assert asked[-1].headers.get("If-Modified-Since") == "Mon, 02 Feb 2026 09:00:00 GMT"


def test_without_validators_the_same_bytes_are_not_stored_again(engine: Engine) -> None:
    with serving() as site:
        moderngov(site, etags=False)
        _fetch(engine, site)
        before = _documents(engine)
        summary = _fetch(engine, site)
    assert (summary.not_modified, summary.documents_downloaded, summary.meetings_unchanged) == (0, 2, 1)
    assert summary.meetings_new == summary.documents_stored == 0
    after = _documents(engine)
    assert {uri: row.ingested_at for uri, row in after.items()} == {uri: row.ingested_at for uri, row in before.items()}


def test_since_defaults_to_the_day_after_the_newest_meeting_stored(engine: Engine, site: FakeSite) -> None:
    _fetch(engine, site)
    summary = _fetch(engine, site, since=None)
    assert summary.since == dt.date(2026, 2, 11)
    assert site.requested("/mgWebService.asmx/GetMeetings")[-1].param("sFromDate") == "11/02/2026"


@pytest.mark.parametrize(("documents", "expected"), [("all", {MEETING, MINUTES, WORK_PROGRAMME}), ("none", {MEETING})])
def test_which_linked_documents_are_fetched(engine: Engine, site: FakeSite, documents: str, expected: set[str]) -> None:
    summary = _fetch(engine, site, documents=documents)
    assert summary.failures == []
    assert set(_documents(engine)) == {site.url + path for path in expected}


def test_the_council_is_the_one_given(engine: Engine, site: FakeSite) -> None:
    _fetch(engine, site, council="Manchester City Council", committees=(144,))
    assert _meetings(engine)[0][:2] == ("Manchester City Council", "Audit Committee")
    assert not site.requested("/mgWebService.asmx/GetCommittees")


def test_a_server_error_is_tried_again_after_a_wait(engine: Engine, site: FakeSite) -> None:
    pdf = site.routes["/mgConvert2PDF.aspx?ID=60860"][0]
    site.route("/mgConvert2PDF.aspx?ID=60860", Reply(500, b"oops"), Reply(503, b"busy"), pdf)
    waits: list[float] = []
    summary = _fetch(engine, site, waits)
    assert summary.failures == []
    assert waits == [0.5, 1.0]  # exponential backoff
    assert _documents(engine)[site.url + MINUTES].status == "ok"


def test_too_many_requests_waits_as_long_as_the_site_asks(engine: Engine, site: FakeSite) -> None:
    listing = site.routes["/mgWebService.asmx/GetCommittees"][0]
    site.route("/mgWebService.asmx/GetCommittees", Reply(429, b"slow down", {"Retry-After": "7"}), listing)
    waits: list[float] = []
    summary = _fetch(engine, site, waits)
    assert summary.failures == []
    assert 7.0 in waits
    assert summary.meetings_new == 1


def test_a_slow_answer_times_out_and_is_recorded_as_failed(engine: Engine, site: FakeSite) -> None:
    site.route("/mgConvert2PDF.aspx?ID=60860", Reply(body=b"%PDF-1.4 late", delay=1.0))
    http = HttpSettings(requests_per_second=1000, timeout_seconds=0.2, retries=1, backoff_seconds=0.01)
    summary = _fetch(engine, site, http=http)
    assert len(summary.failures) == 1
    assert summary.failures[0].startswith(site.url + MINUTES + ": timed out")
    assert "gave up after 2 tries" in summary.failures[0]
    row = _documents(engine)[site.url + MINUTES]
    assert row.status == "failed" and row.error is not None and "timed out" in row.error
    assert _documents(engine)[site.url + MEETING].status == "ok"  # the rest of the run went on


def test_malformed_xml_fails_one_document_and_the_run_goes_on(engine: Engine, site: FakeSite) -> None:
    site.route(
        "/mgWebService.asmx/GetMeeting?lMeetingId=4967", Reply(body=b"<?xml version='1.0'?><meeting><oops", headers=XML)
    )
    summary = _fetch(engine, site)
    assert len(summary.failures) == 1 and "broken XML" in summary.failures[0]
    row = _documents(engine)[site.url + MEETING]
    assert row.status == "failed" and row.raw.startswith(b"<?xml")
    assert row.fetched_at is not None


def test_a_malformed_listing_is_one_failure(engine: Engine, site: FakeSite) -> None:
    site.route("/mgWebService.asmx/GetCommittees", Reply(body=b"<html><body>Service unavailable", headers=XML))
    summary = _fetch(engine, site)
    assert len(summary.failures) == 1
    assert summary.failures[0].startswith(site.url + "mgWebService.asmx/GetCommittees: ")
    assert summary.meetings_seen == 0


def test_an_oversize_download_is_refused(engine: Engine, site: FakeSite) -> None:
    http = HttpSettings(requests_per_second=1000, timeout_seconds=2, max_bytes=10_000)
    summary = _fetch(engine, site, http=http)
    assert len(summary.failures) == 1 and "too large" in summary.failures[0]
    row = _documents(engine)[site.url + MINUTES]
    assert row.status == "failed" and row.size == 0


def test_a_failed_fetch_never_overwrites_a_good_version(engine: Engine, site: FakeSite) -> None:
    _fetch(engine, site)
    site.route("/mgConvert2PDF.aspx?ID=60860", Reply(404, b"gone"))
    summary = _fetch(engine, site)
    assert summary.failures == [f"{site.url}{MINUTES}: HTTP 404"]
    assert _documents(engine)[site.url + MINUTES].status == "ok"


def test_redirects_are_followed_only_within_the_site(engine: Engine, site: FakeSite) -> None:
    pdf = site.routes["/mgConvert2PDF.aspx?ID=60860"][0]
    site.route("/mgConvert2PDF.aspx?ID=60860", Reply(302, headers={"Location": "/documents/s60860/minutes.pdf"}))
    site.route("/documents/s60860/minutes.pdf", pdf)
    site.route("/mgConvert2PDF.aspx?ID=60909", Reply(302, headers={"Location": "http://elsewhere.invalid/x.pdf"}))
    summary = _fetch(engine, site, documents="all")
    assert summary.failures == [
        f"{site.url}{WORK_PROGRAMME}: redirected off the site to http://elsewhere.invalid/x.pdf (not followed)"
    ]
    assert _documents(engine)[site.url + MINUTES].status == "ok"


def test_requests_say_who_is_asking(engine: Engine, site: FakeSite) -> None:
    _fetch(engine, site)
    agents = {request.headers.get("User-Agent") for request in site.requests}
    assert len(agents) == 1
    agent = agents.pop() or ""
    assert agent.startswith("minutes/") and "contact: tests@x" in agent
