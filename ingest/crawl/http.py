"""Polite, safe HTTP for the crawler.

requests + urllib3's Retry (backoff on 429/5xx and timeouts, Retry-After honoured),
robots.txt (stdlib robotparser), a per-host minimum interval, a descriptive
User-Agent, timeouts, conditional requests (ETag / Last-Modified), size limits, and
redirects followed by hand so that every hop must be on the allow-list (no open
redirects, no loops).
"""
from __future__ import annotations

import logging
import threading
import time
import urllib.robotparser
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

log = logging.getLogger(__name__)

USER_AGENT = "Remissvar/0.1 (+https://github.com/remissvar; sökbara remissvar från Stockholms stadsdelsnämnder)"
MAX_REDIRECTS = 5


class FetchError(Exception):
    reason = "fetch_failed"

    def __init__(self, url: str, detail: str) -> None:
        super().__init__(f"{url}: {detail}")
        self.url = url
        self.detail = detail


class NotAllowedError(FetchError):
    reason = "host_not_allowed"


class RobotsDisallowedError(FetchError):
    reason = "robots_disallowed"


class RedirectLoopError(FetchError):
    reason = "redirect_loop"


class TooLargeDownloadError(FetchError):
    reason = "too_large"


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


class Fetcher:
    def __init__(self, allowed_hosts: set[str], *, min_interval: float = 1.0, timeout: float = 20.0,
                 max_bytes: int = 50 * 1024 * 1024, retries: int = 3, backoff: float = 0.5,
                 respect_robots: bool = True) -> None:
        self.allowed_hosts = {h.lower() for h in allowed_hosts}
        self.min_interval = min_interval
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.respect_robots = respect_robots
        retry = Retry(total=retries, connect=retries, read=retries, status=retries, backoff_factor=backoff,
                      backoff_max=30, status_forcelist=(429, 500, 502, 503, 504),
                      allowed_methods=frozenset({"GET", "HEAD"}), respect_retry_after_header=True,
                      raise_on_status=False, redirect=False)
        self.session = requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        adapter = HTTPAdapter(max_retries=retry)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self._last: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}
        self._lock = threading.Lock()

    def check(self, url: str) -> None:
        """What every request passes, here and in other clients (the browser): allow-list,
        robots.txt, and the per-host rate limit."""
        origin = self.check_host(url)
        if not self._allowed_by_robots(origin, url):
            raise RobotsDisallowedError(url, "robots.txt förbjuder hämtning")
        self._throttle(origin)

    def check_host(self, url: str) -> str:
        """The URL's origin, or NotAllowedError when its host is not allow-listed."""
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if parts.scheme not in ("http", "https") or host not in self.allowed_hosts:
            raise NotAllowedError(url, f"värden {host!r} är inte tillåten")
        return f"{parts.scheme}://{parts.netloc}"

    def _throttle(self, origin: str) -> None:
        with self._lock:
            wait = self._last.get(origin, 0) + self.min_interval - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            self._last[origin] = time.monotonic()

    def _allowed_by_robots(self, origin: str, url: str) -> bool:
        if not self.respect_robots:
            return True
        rp = self._robots.get(origin)
        if rp is None:
            rp = urllib.robotparser.RobotFileParser()
            try:
                r = self.session.get(origin + "/robots.txt", timeout=self.timeout)
                rp.parse(r.text.splitlines() if r.status_code == 200 else [])
            except requests.RequestException:
                rp.parse([])
            self._robots[origin] = rp
        return rp.can_fetch(USER_AGENT, url)

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Response:
        seen: list[str] = []
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            if current in seen:
                raise RedirectLoopError(url, " -> ".join(seen + [current]))
            seen.append(current)
            headers = {}
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
            self.check(current)
            try:
                r = self.session.get(current, headers=headers, timeout=self.timeout, allow_redirects=False, stream=True)
            except requests.RequestException as e:
                raise FetchError(current, f"{type(e).__name__}: {e}") from e
            if r.is_redirect or r.status_code in (301, 302, 303, 307, 308):
                loc = r.headers.get("Location")
                r.close()
                if not loc:
                    raise FetchError(current, f"omdirigering {r.status_code} utan Location")
                current = urljoin(current, loc)
                continue
            if r.status_code == 304:
                r.close()
                return Response(current, 304, b"", "", etag, last_modified)
            if r.status_code != 200:
                r.close()
                raise HttpStatusError(current, r.status_code)
            declared = int(r.headers.get("Content-Length") or 0)
            if declared > self.max_bytes:
                r.close()
                raise TooLargeDownloadError(current, f"{declared} byte > {self.max_bytes}")
            chunks, size = [], 0
            try:
                for chunk in r.iter_content(64 * 1024):
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise TooLargeDownloadError(current, f"> {self.max_bytes} byte")
                    chunks.append(chunk)
            except requests.RequestException as e:
                raise FetchError(current, f"avbruten överföring: {e}") from e
            finally:
                r.close()
            body = b"".join(chunks)
            if declared and len(body) < declared:
                raise FetchError(current, f"avkortat svar: {len(body)} av {declared} byte")
            return Response(current, 200, body, r.headers.get("Content-Type", ""),
                            r.headers.get("ETag"), r.headers.get("Last-Modified"))
        raise RedirectLoopError(url, f"fler än {MAX_REDIRECTS} omdirigeringar")
