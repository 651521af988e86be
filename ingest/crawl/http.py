"""Polite, safe HTTP for the crawler.

Every request — pages, documents, robots.txt, each redirect hop, MeetingPlus JSON and
zips, and (through ``check``) the headless browser — passes one URL gate
(``ingest.crawl.urlgate``): strict parsing, the allow-list by host *and* port, and the
host the HTTP library will connect to. Then robots.txt (``ingest.crawl.robots``, RFC
9309: size-capped, same-origin redirects only, 5xx means "try later"), a per-host
minimum interval, a descriptive User-Agent, conditional requests (ETag /
Last-Modified), and redirects followed by hand so that every hop is gated.

Budgets per download: connect/read ``timeout`` per socket operation, an overall
``deadline`` for the whole download (a server that trickles one byte a second is cut
off: a watchdog shuts the socket down), ``max_bytes`` checked against Content-Length
and again while streaming (decoded bytes), and urllib3's retries (429/5xx, timeouts)
with ``Retry-After`` capped at ``retry_after_cap`` seconds (and never past the
deadline); every Retry-After seen is recorded in ``Fetcher.retry_after_log``.
"""
from __future__ import annotations

import email.utils
import logging
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.util.retry import Retry

from ingest.crawl.robots import MAX_BYTES as ROBOTS_MAX_BYTES
from ingest.crawl.robots import HopFailed, RawReply, RobotsCache, RobotsUnreachable
from ingest.crawl.urlgate import GatedUrl, UrlGate, UrlRefused

log = logging.getLogger(__name__)

USER_AGENT = "Remissvar/0.1 (+https://github.com/remissvar; sökbara remissvar från Stockholms stadsdelsnämnder)"
MAX_REDIRECTS = 5
DEFAULT_DEADLINE = 120.0  # seconds for one whole download (50 MiB at >= 430 kB/s)
DEFAULT_RETRY_AFTER_CAP = 30.0


class FetchError(Exception):
    reason = "fetch_failed"

    def __init__(self, url: str, detail: str) -> None:
        super().__init__(f"{url}: {detail}")
        self.url = url
        self.detail = detail


class NotAllowedError(FetchError):
    reason = "host_not_allowed"


class UnsafeUrlError(NotAllowedError):
    """Malformed or ambiguous URL (backslash, userinfo, odd IP spelling, bad port …)."""

    reason = "unsafe_url"


class RobotsDisallowedError(FetchError):
    reason = "robots_disallowed"


class RobotsUnavailableError(FetchError):
    """robots.txt answered 5xx/429, timed out or redirected elsewhere: crawl the host later."""

    reason = "robots_unavailable"


class RedirectLoopError(FetchError):
    reason = "redirect_loop"


class TooLargeDownloadError(FetchError):
    reason = "too_large"


class DeadlineExceededError(FetchError):
    reason = "deadline"


class HttpStatusError(FetchError):
    reason = "http_status"

    def __init__(self, url: str, status: int) -> None:
        super().__init__(url, f"HTTP {status}")
        self.status = status


@dataclass
class Response:
    url: str  # final URL
    status: int  # 200, or 304 when not modified
    content: bytes
    content_type: str
    etag: str | None
    last_modified: str | None
    retry_after: float | None = None  # the largest Retry-After the server sent on the way (uncapped)


# --- the overall deadline: a watchdog that shuts the download's sockets down -------------

_local = threading.local()


@dataclass
class _Watch:
    deadline: float
    socks: list[socket.socket] = field(default_factory=list)
    fired: bool = False
    retry_after: list[float] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    def add(self, sock: Any) -> None:
        if not isinstance(sock, socket.socket):
            return
        with self.lock:
            self.socks.append(sock)
            fired = self.fired
        if fired:
            _shutdown(sock)

    def fire(self) -> None:
        with self.lock:
            self.fired = True
            socks = list(self.socks)
        for s in socks:
            _shutdown(s)


def _shutdown(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


def _current_watch() -> _Watch | None:
    w = getattr(_local, "watch", None)
    return w if isinstance(w, _Watch) else None


class _WatchedHTTPConnection(HTTPConnection):
    def getresponse(self) -> Any:
        w = _current_watch()
        if w is not None:
            w.add(self.sock)
        return super().getresponse()


class _WatchedHTTPSConnection(HTTPSConnection):
    def getresponse(self) -> Any:
        w = _current_watch()
        if w is not None:
            w.add(self.sock)
        return super().getresponse()


class _WatchedPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


class _WatchedAdapter(HTTPAdapter):
    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _WatchedPool, "https": _WatchedHTTPSPool}


class _CappedRetry(Retry):
    """urllib3's Retry with Retry-After capped (``retry_after_max``), recorded, and no sleep
    past the download's deadline."""

    def get_retry_after(self, response: Any) -> float | None:
        raw = response.headers.get("Retry-After")
        try:
            value = super().get_retry_after(response)
        except urllib3.exceptions.InvalidHeader:
            value = None
        w = _current_watch()
        if raw is not None and w is not None:
            try:
                w.retry_after.append(float(self.parse_retry_after_uncapped(raw)))
            except (ValueError, urllib3.exceptions.InvalidHeader):
                pass
        if value is not None and w is not None:
            value = max(0.0, min(value, w.remaining()))
        return value

    @staticmethod
    def parse_retry_after_uncapped(raw: str) -> float:
        """Seconds the server asked for (a number or an HTTP date), before the cap."""
        if raw.strip().isdigit():
            return float(raw.strip())
        parsed = email.utils.parsedate_tz(raw)
        if parsed is None:
            raise ValueError(f"ogiltig Retry-After {raw!r}")
        return max(0.0, email.utils.mktime_tz(parsed) - time.time())

    def get_backoff_time(self) -> float:
        w = _current_watch()
        t = super().get_backoff_time()
        return max(0.0, min(t, w.remaining())) if w is not None else t


class Fetcher:
    def __init__(self, allowed_hosts: set[str], *, min_interval: float = 1.0, timeout: float = 20.0,
                 max_bytes: int = 50 * 1024 * 1024, retries: int = 3, backoff: float = 0.5,
                 respect_robots: bool = True, deadline: float = DEFAULT_DEADLINE,
                 retry_after_cap: float = DEFAULT_RETRY_AFTER_CAP) -> None:
        """``allowed_hosts``: ``host`` (default port), ``host:port`` or ``host:*`` entries."""
        self.gate = UrlGate(allowed_hosts)
        self.allowed_hosts = self.gate.hosts
        self.min_interval = min_interval
        self.timeout = timeout
        self.deadline = deadline
        self.max_bytes = max_bytes
        self.respect_robots = respect_robots
        self.retry_after_cap = retry_after_cap
        self.retry_after_log: deque[tuple[str, float]] = deque(maxlen=200)
        retry = _CappedRetry(total=retries, connect=retries, read=retries, status=retries, backoff_factor=backoff,
                             backoff_max=30, status_forcelist=(429, 500, 502, 503, 504),
                             allowed_methods=frozenset({"GET", "HEAD"}), respect_retry_after_header=True,
                             retry_after_max=int(retry_after_cap), raise_on_status=False, redirect=False)
        self.session = requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        adapter = _WatchedAdapter(max_retries=retry)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self._last: dict[str, float] = {}
        self.robots = RobotsCache(USER_AGENT)
        self._lock = threading.Lock()

    # --- the gate -------------------------------------------------------------------

    def gated(self, url: str, base: str | None = None) -> GatedUrl:
        try:
            return self.gate.check(url, base)
        except UrlRefused as e:
            cls = NotAllowedError if e.reason == "host_not_allowed" else UnsafeUrlError
            raise cls(url[:500], e.detail) from None

    def check(self, url: str) -> str:
        """What every request passes, here and in other clients (the browser): the URL gate,
        robots.txt, and the per-host rate limit. Returns the normalised URL to request."""
        g = self.gated(url)
        if not self._allowed_by_robots(g):
            raise RobotsDisallowedError(g.url, "robots.txt förbjuder hämtning")
        self._throttle(g.origin)
        return g.url

    def check_host(self, url: str) -> str:
        """The URL's origin, or NotAllowedError/UnsafeUrlError when the gate refuses it."""
        return self.gated(url).origin

    def _throttle(self, origin: str) -> None:
        with self._lock:
            wait = self._last.get(origin, 0) + self.min_interval - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            self._last[origin] = time.monotonic()

    def _allowed_by_robots(self, g: GatedUrl) -> bool:
        if not self.respect_robots:
            return True

        def hop(url: str) -> RawReply:
            try:
                gu = self.gated(url)
                self._throttle(gu.origin)
                status, headers, body = self._download(gu.url, {}, ROBOTS_MAX_BYTES, truncate=True,
                                                       deadline=min(self.deadline, 3 * self.timeout))
            except FetchError as e:
                raise HopFailed(f"{e.reason}: {e.detail}") from e
            return RawReply(gu.url, status, headers.get("Location"), body)

        def origin_of(url: str) -> str:
            try:
                return self.gated(url).origin
            except FetchError as e:
                raise HopFailed(e.detail) from e

        try:
            return self.robots.allowed(g.origin, g.url, hop, origin_of)
        except RobotsUnreachable as e:
            raise RobotsUnavailableError(g.url, f"robots.txt: {e.detail} (försöker senare)") from None

    # --- one hop --------------------------------------------------------------------

    def _download(self, url: str, headers: dict[str, str], max_bytes: int, *, truncate: bool = False,
                  deadline: float | None = None, form: dict[str, str] | None = None,
                  ) -> tuple[int, requests.structures.CaseInsensitiveDict[str], bytes]:
        """One request (no redirects followed): status, headers, body (empty for 3xx/304).
        ``truncate``: keep the first ``max_bytes`` instead of failing (robots.txt)."""
        budget = self.deadline if deadline is None else deadline
        watch = _Watch(deadline=time.monotonic() + budget)
        timer = threading.Timer(budget, watch.fire)
        timer.daemon = True
        _local.watch = watch
        timer.start()
        try:
            return self._download_watched(url, headers, max_bytes, truncate, watch, form)
        except FetchError:
            raise
        except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as e:
            if watch.fired:
                raise DeadlineExceededError(url, f"hämtningen tog mer än {budget:.0f} s") from e
            raise FetchError(url, f"{type(e).__name__}: {e}") from e
        finally:
            timer.cancel()
            _local.watch = None
            for ra in watch.retry_after:
                self.retry_after_log.append((url, ra))
                if ra > self.retry_after_cap:
                    log.warning("%s: Retry-After %.0f s, väntar högst %.0f s", url, ra, self.retry_after_cap)

    def _download_watched(self, url: str, headers: dict[str, str], max_bytes: int, truncate: bool,
                          watch: _Watch, form: dict[str, str] | None = None,
                          ) -> tuple[int, requests.structures.CaseInsensitiveDict[str], bytes]:
        timeout = (min(self.timeout, watch.remaining()), min(self.timeout, watch.remaining()))
        if timeout[0] <= 0:
            raise DeadlineExceededError(url, "ingen tid kvar")
        r = self.session.request("POST" if form is not None else "GET", url, headers=headers, data=form,
                                 timeout=timeout, allow_redirects=False, stream=True)
        try:
            if watch.retry_after:
                r.headers.setdefault("X-Remissvar-Retry-After", str(max(watch.retry_after)))
            if r.status_code != 200 and not (truncate and 200 <= r.status_code < 300):
                return r.status_code, r.headers, b""
            declared_s = r.headers.get("Content-Length") or "0"
            declared = int(declared_s) if declared_s.strip().isdigit() else 0
            if declared > max_bytes and not truncate:
                raise TooLargeDownloadError(url, f"{declared} byte > {max_bytes}")
            if r.raw is None:
                return r.status_code, r.headers, b""
            r.raw.enforce_content_length = True
            chunks: list[bytes] = []
            size = 0
            while True:
                if watch.fired or watch.remaining() <= 0:
                    raise DeadlineExceededError(url, f"hämtningen tog mer än {self.deadline:.0f} s")
                chunk = r.raw.read1(64 * 1024, decode_content=True)
                if not chunk:
                    break
                size += len(chunk)
                if size > max_bytes:
                    if truncate:
                        chunks.append(chunk[: max_bytes - (size - len(chunk))])
                        break
                    raise TooLargeDownloadError(url, f"> {max_bytes} byte")
                chunks.append(chunk)
            if watch.fired:
                raise DeadlineExceededError(url, f"hämtningen tog mer än {self.deadline:.0f} s")
            body = b"".join(chunks)
            if declared and not r.headers.get("Content-Encoding") and len(body) < declared and not truncate:
                raise FetchError(url, f"avkortat svar: {len(body)} av {declared} byte")
            return r.status_code, r.headers, body
        finally:
            r.close()

    # --- a whole fetch ----------------------------------------------------------------

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Response:
        seen: list[str] = []
        current = self.gated(url).url
        retry_after: float | None = None
        for _ in range(MAX_REDIRECTS + 1):
            if current in seen:
                raise RedirectLoopError(url, " -> ".join(seen + [current]))
            seen.append(current)
            headers = {}
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
            current = self.check(current)
            status, h, body = self._download(current, headers, self.max_bytes)
            if "X-Remissvar-Retry-After" in h:
                ra = float(h["X-Remissvar-Retry-After"])
                retry_after = ra if retry_after is None else max(retry_after, ra)
            if status in (301, 302, 303, 307, 308):
                loc = h.get("Location")
                if not loc:
                    raise FetchError(current, f"omdirigering {status} utan Location")
                current = self.gated(loc, base=current).url  # every hop through the gate
                continue
            if status == 304:
                return Response(current, 304, b"", "", etag, last_modified, retry_after)
            if status != 200:
                raise HttpStatusError(current, status)
            return Response(current, 200, body, h.get("Content-Type", ""), h.get("ETag"), h.get("Last-Modified"),
                            retry_after)
        raise RedirectLoopError(url, f"fler än {MAX_REDIRECTS} omdirigeringar")

    def post(self, url: str, data: dict[str, str]) -> Response:
        """A form POST (a legacy archive's year filter) with the same gate, robots.txt, rate
        limit, deadline and size limit as ``get``; redirects are not followed (an error)."""
        target = self.check(url)
        status, h, body = self._download(target, {}, self.max_bytes, form=data)
        if status != 200:
            raise HttpStatusError(target, status)
        return Response(target, 200, body, h.get("Content-Type", ""), None, None)
