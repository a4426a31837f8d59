"""A polite HTTP client for one site: a descriptive User-Agent, a request rate per host, one connection,
retries with exponential backoff (Retry-After honoured), a timeout per request, a size limit per download,
conditional GETs and redirects only within the site."""

from __future__ import annotations

import datetime as dt
import email.utils
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from pipeline.errors import MinutesError

CONTACT_ENV = "MINUTES_CONTACT"
RETRIED_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 5


class FetchError(MinutesError):
    """A URL could not be fetched: refused, timed out, too large, an error status, a redirect off the site."""


@dataclass(frozen=True, slots=True)
class HttpSettings:
    """How politely a site is fetched."""

    contact: str | None = None  # an address the site's owners can write to, sent in the User-Agent
    requests_per_second: float = 1.0  # per host
    timeout_seconds: float = 30.0  # for each request: connecting, and each wait for bytes
    max_bytes: int = 25 * 1024 * 1024  # per download
    retries: int = 4  # after the first try, on timeouts, 429 and 5xx
    backoff_seconds: float = 2.0  # the first wait; doubled at each retry
    max_wait_seconds: float = 300.0  # the longest wait, Retry-After included

    def __post_init__(self) -> None:
        if self.requests_per_second <= 0:
            raise ValueError("requests_per_second must be positive")
        if self.timeout_seconds <= 0 or self.max_bytes <= 0 or self.retries < 0:
            raise ValueError("timeout_seconds and max_bytes must be positive, retries not negative")

    @property
    def user_agent(self) -> str:
        contact = self.contact or os.environ.get(CONTACT_ENV) or "no contact given"
        return f"minutes/0.1 (reads published council minutes into a database; contact: {contact})"


@dataclass(frozen=True, slots=True)
class Validators:
    """What a server said identifies a version of a resource, sent back to ask whether it changed."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


@dataclass(frozen=True, slots=True)
class Fetched:
    """A response: its bytes (none when ``not_modified``) and what identifies this version of them."""

    url: str
    content: bytes
    content_type: str | None
    validators: Validators
    fetched_at: dt.datetime
    not_modified: bool = False


@dataclass
class RateLimiter:
    """At most ``per_second`` requests to each host; ``clock`` and ``sleep`` are injectable for tests."""

    per_second: float
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _last: dict[str, float] = field(default_factory=dict)

    def wait(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            delay = last + 1 / self.per_second - self.clock()
            if delay > 0:
                self.sleep(delay)
        self._last[host] = self.clock()


def same_site(url: str, site: str) -> bool:
    """Whether ``url`` is on ``site`` (same scheme, host and port)."""
    a, b = urlsplit(url), urlsplit(site)
    return (a.scheme, a.hostname, a.port) == (b.scheme, b.hostname, b.port)


def retry_after(value: str | None, now: dt.datetime) -> float | None:
    """The seconds a Retry-After header asks for (a number, or an HTTP date), None when absent or unreadable."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - now).total_seconds())


class _Retry(Exception):
    """One try failed in a way worth trying again; ``wait`` is what the server asked for, if it did."""

    def __init__(self, reason: str, wait: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.wait = wait


class SiteClient:
    """GETs within one site, one at a time over one connection. Use as a context manager."""

    def __init__(
        self,
        site: str,
        settings: HttpSettings | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.site = site
        self.settings = settings or HttpSettings()
        self.sleep = sleep
        self.limiter = RateLimiter(self.settings.requests_per_second, clock, sleep)
        self.requests = 0
        self._http = httpx.Client(
            headers={"User-Agent": self.settings.user_agent},
            timeout=httpx.Timeout(self.settings.timeout_seconds),
            limits=httpx.Limits(max_connections=1, max_keepalive_connections=1),
            follow_redirects=False,
        )

    def __enter__(self) -> SiteClient:
        return self

    def __exit__(self, *_: object) -> None:
        self._http.close()

    def get(self, url: str, validators: Validators | None = None) -> Fetched:
        """GET ``url`` (on the site), following redirects within it; raises :class:`FetchError` with the reason."""
        if not same_site(url, self.site):
            raise FetchError(url, f"not on the site {self.site} (not fetched)")
        for attempt in range(self.settings.retries + 1):
            try:
                return self._follow(url, validators or Validators())
            except _Retry as retry:
                if attempt == self.settings.retries:
                    raise FetchError(url, f"{retry.reason} (gave up after {attempt + 1} tries)") from None
                self.sleep(self._backoff(attempt, retry.wait))
        raise AssertionError("unreachable")

    def _backoff(self, attempt: int, asked: float | None) -> float:
        wait = asked if asked is not None else self.settings.backoff_seconds * 2**attempt
        return min(wait, self.settings.max_wait_seconds)

    def _follow(self, url: str, validators: Validators) -> Fetched:
        """The answer at ``url`` or where it redirects within the site; it keeps the address asked for."""
        at = url
        for _ in range(MAX_REDIRECTS + 1):
            with self._response(at, validators) as response:
                if response.status_code not in REDIRECT_STATUSES:
                    return self._read(url, response)
                target = urljoin(at, response.headers.get("Location", ""))
            if not same_site(target, self.site):
                raise FetchError(url, f"redirected off the site to {target} (not followed)")
            at = target
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")

    @contextmanager
    def _response(self, url: str, validators: Validators) -> Iterator[httpx.Response]:
        self.limiter.wait(urlsplit(url).hostname or "")
        self.requests += 1
        try:
            with self._http.stream("GET", url, headers=validators.headers()) as response:
                yield response
        except httpx.TimeoutException as exc:
            raise _Retry(f"timed out ({type(exc).__name__})") from exc
        except httpx.TransportError as exc:
            raise _Retry(f"connection failed: {type(exc).__name__}: {exc}") from exc

    def _read(self, url: str, response: httpx.Response) -> Fetched:
        now = dt.datetime.now(dt.UTC)
        status = response.status_code
        if status in RETRIED_STATUSES:
            raise _Retry(f"HTTP {status}", retry_after(response.headers.get("Retry-After"), now))
        validators = Validators(response.headers.get("ETag"), response.headers.get("Last-Modified"))
        if status == 304:
            return Fetched(url, b"", None, validators, now, not_modified=True)
        if status != 200:
            raise FetchError(url, f"HTTP {status}")
        content = self._body(url, response)
        return Fetched(url, content, response.headers.get("Content-Type"), validators, now)

    def _body(self, url: str, response: httpx.Response) -> bytes:
        limit = self.settings.max_bytes
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(url, f"too large ({int(declared) / 1e6:.1f} MB; the limit is {limit / 1e6:.1f} MB)")
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise FetchError(url, f"too large (over the limit of {limit / 1e6:.1f} MB)")
            chunks.append(chunk)
        return b"".join(chunks)
