"""The parts of minutes fetch on their own: the ModernGov listings, the rate limit, Retry-After, and the CLI."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from models import orm
from pipeline.fetch import moderngov
from pipeline.fetch.http import HttpSettings, RateLimiter, retry_after, same_site
from tests.conftest import minutes
from tests.fake_site import FIXTURES, FakeSite, Reply, serving
from tests.fake_site import moderngov as moderngov_site

SITE = "https://democracy.example.gov.uk/"


def _read(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_committees_are_listed() -> None:
    committees = moderngov.parse_committees("u", _read("committees.xml"))
    assert [c.id for c in committees] == [312, 163, 144]
    assert committees[-1].title == "Audit Committee"


def test_meetings_are_listed_with_their_status() -> None:
    meetings = moderngov.parse_meetings("u", _read("meetings.xml"))
    assert [(m.id, m.date, m.cancelled) for m in meetings] == [
        (4966, dt.date(2026, 1, 13), True),
        (4967, dt.date(2026, 2, 10), False),
    ]


def test_linked_documents_say_which_are_minutes() -> None:
    documents = moderngov.linked_documents("u", _read("meeting_with_minutes.xml"))
    assert [(d.url.rsplit("=", 1)[-1], d.is_minutes) for d in documents] == [("60860", True), ("60909", False)]
    assert moderngov.linked_documents("u", b"<meeting><oops") == []


@pytest.mark.parametrize(
    "title", ["Printed minutes", "Minutes of the last meeting", "Decision Notice", "Record of decisions taken"]
)
def test_records_of_decisions_count_as_minutes(title: str) -> None:
    assert moderngov.LinkedDocument("u", title, "Any item").is_minutes


@pytest.mark.parametrize("title", ["DRAFT WP FEBRUARY 2026", "Agenda frontsheet", "Appendix 1 - minute-taker job spec"])
def test_other_documents_do_not(title: str) -> None:
    assert not moderngov.LinkedDocument("u", title, "Work Programme").is_minutes


def test_listing_that_is_not_the_answer_asked_for_is_refused() -> None:
    with pytest.raises(moderngov.ListingError, match="not a GetMeetings answer"):
        moderngov.parse_meetings("u", _read("committees.xml"))


@pytest.mark.parametrize(
    "given",
    [SITE, SITE.rstrip("/"), SITE + "mgWebService.asmx", SITE + "mgListCommittees.aspx?bcr=1", SITE + "ieDocHome.aspx"],
)
def test_the_site_root_is_found_from_any_of_its_addresses(given: str) -> None:
    assert moderngov.site_root(given) == SITE


def test_web_service_addresses() -> None:
    url = moderngov.meetings_url(SITE, 144, dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert (
        url == SITE + "mgWebService.asmx/GetMeetings?lCommitteeId=144&sFromDate=01%2F01%2F2026&sToDate=31%2F03%2F2026"
    )
    assert moderngov.meeting_url(SITE, 4967) == SITE + "mgWebService.asmx/GetMeeting?lMeetingId=4967"


def test_same_site_means_scheme_host_and_port() -> None:
    assert same_site(SITE + "a.pdf", SITE)
    assert not same_site("http://democracy.example.gov.uk/a.pdf", SITE)
    assert not same_site("https://evil.example/a.pdf", SITE)


def test_the_rate_limit_spaces_requests_to_one_host() -> None:
    now = [100.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    limiter = RateLimiter(2.0, clock=lambda: now[0], sleep=sleep)
    limiter.wait("a")
    limiter.wait("a")
    limiter.wait("b")  # another host does not wait for this one
    now[0] += 1.0
    limiter.wait("a")
    assert waits == [0.5]


def test_retry_after_as_seconds_or_a_date() -> None:
    now = dt.datetime(2026, 2, 2, 9, 0, tzinfo=dt.UTC)
    assert retry_after("120", now) == 120.0
    assert retry_after("Mon, 02 Feb 2026 09:00:30 GMT", now) == 30.0
    assert retry_after("soon", now) is None
    assert retry_after(None, now) is None


def test_settings_validate_themselves() -> None:
    with pytest.raises(ValueError, match="requests_per_second"):
        HttpSettings(requests_per_second=0)


def test_the_user_agent_carries_the_contact_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MINUTES_CONTACT", "clerk@example.org")
    assert "contact: clerk@example.org" in HttpSettings().user_agent


@pytest.fixture
def site() -> Iterator[FakeSite]:
    with serving() as site:
        moderngov_site(site)
        yield site


def _url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


FAST = ("--since", "2026-01-01", "--until", "2026-03-31", "--rate", "200", "--retries", "0")


def test_fetch_through_the_cli(engine: Engine, site: FakeSite) -> None:
    first = minutes("fetch", site.url, "--db", _url(engine), *FAST, "--council", "Manchester City Council")
    assert first.returncode == 0, first.stderr
    assert "2 seen, 1 new, 0 unchanged, 1 cancelled" in first.stdout
    assert "2 downloaded" in first.stdout
    second = minutes("fetch", site.url, "--db", _url(engine), *FAST)
    assert second.returncode == 0, second.stderr
    assert "2 seen, 0 new, 1 unchanged" in second.stdout
    assert "0 downloaded" in second.stdout and "2 not modified (304)" in second.stdout
    with Session(engine) as session:
        rows = session.execute(select(orm.SourceDocument.uri, orm.SourceDocument.etag)).all()
        councils = session.execute(select(orm.Council.name)).scalars().all()
    assert sorted(rows) == [
        (site.url + "mgConvert2PDF.aspx?ID=60860", '"d60860"'),
        (site.url + "mgWebService.asmx/GetMeeting?lMeetingId=4967", '"m4967"'),
    ]
    assert councils == ["Manchester City Council"]


def test_a_failure_is_one_line_and_exit_1(tmp_path: Path, site: FakeSite) -> None:
    site.route("/mgConvert2PDF.aspx?ID=60860", Reply(500, b"down"))
    result = minutes("fetch", site.url, "--db", str(tmp_path / "m.db"), *FAST)
    assert result.returncode == 1
    assert result.stderr == f"error: {site.url}mgConvert2PDF.aspx?ID=60860: HTTP 500 (gave up after 1 tries)\n"
    assert "1 failed" in result.stdout


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    result = minutes("fetch", "http://127.0.0.1:9/", "--documents", "some", "--db", str(tmp_path / "m.db"))
    assert result.returncode == 2
    result = minutes("fetch", "http://127.0.0.1:9/", "--since", "yesterday", "--db", str(tmp_path / "m.db"))
    assert result.returncode == 2
