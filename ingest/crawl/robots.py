"""robots.txt per RFC 9309, fetched through the same gate as every other request.

- 2xx: the rules, from at most ``MAX_BYTES`` (512 KiB; the RFC asks parsers to read at
  least 500 KiB and to ignore what follows).
- 3xx: followed up to five hops, each through the URL gate, and only on the same origin
  (scheme, host, port); a redirect elsewhere, or more hops, makes robots.txt count as
  unreachable.
- 4xx (except 429): "unavailable", everything may be crawled.
- 5xx, 429, a network error, a timeout or a refused redirect: "unreachable", nothing on
  the host is crawled now ("try later", ``RobotsUnavailableError``); that verdict is
  kept for ``RETRY_SECONDS`` so that one crawl does not hammer a failing host.

Rules are kept for at most 24 hours (the RFC's limit on caching).
"""
from __future__ import annotations

import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin

MAX_BYTES = 512 * 1024
MAX_REDIRECTS = 5
CACHE_SECONDS = 24 * 3600
RETRY_SECONDS = 300.0


@dataclass
class RawReply:
    """One hop as the fetcher saw it: status, Location (for 3xx) and the first bytes of the body."""

    url: str
    status: int
    location: str | None
    body: bytes


class HopFailed(Exception):
    """Raised by a hop (or the origin check) for a network error, a timeout or a refused URL."""


class RobotsUnreachable(Exception):
    """robots.txt could not be read (5xx, 429, network, refused redirect): crawl the host later."""

    def __init__(self, origin: str, detail: str) -> None:
        super().__init__(f"{origin}/robots.txt: {detail}")
        self.origin = origin
        self.detail = detail


@dataclass
class _Entry:
    parser: urllib.robotparser.RobotFileParser | None  # None: unreachable
    detail: str
    until: float


# one hop: (url) -> RawReply, the body capped at MAX_BYTES; raises HopFailed on network errors
Hop = Callable[[str], RawReply]
# checks a URL (the gate) and returns its origin; raises HopFailed on a refused URL
OriginOf = Callable[[str], str]


def parse_rules(body: bytes) -> urllib.robotparser.RobotFileParser:
    rp = urllib.robotparser.RobotFileParser()
    text = body[:MAX_BYTES].decode("utf-8", errors="replace")
    rp.parse(text.splitlines())
    return rp


class RobotsCache:
    def __init__(self, user_agent: str, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.user_agent = user_agent
        self.clock = clock
        self._cache: dict[str, _Entry] = {}

    def allowed(self, origin: str, url: str, hop: Hop, origin_of: OriginOf) -> bool:
        """Whether ``url`` (on ``origin``) may be fetched; ``RobotsUnreachable`` when robots.txt
        could not be read now."""
        entry = self._cache.get(origin)
        if entry is None or entry.until < self.clock():
            entry = self._load(origin, hop, origin_of)
            self._cache[origin] = entry
        if entry.parser is None:
            raise RobotsUnreachable(origin, entry.detail)
        return entry.parser.can_fetch(self.user_agent, url)

    def _load(self, origin: str, hop: Hop, origin_of: OriginOf) -> _Entry:
        url = origin + "/robots.txt"
        now = self.clock()
        for _ in range(MAX_REDIRECTS + 1):
            try:
                reply = hop(url)
            except HopFailed as e:  # network errors, timeouts, the gate: all "unreachable"
                return _Entry(None, f"kunde inte hämtas ({e})", now + RETRY_SECONDS)
            if 200 <= reply.status < 300:
                return _Entry(parse_rules(reply.body), "ok", now + CACHE_SECONDS)
            if reply.status in (301, 302, 303, 307, 308):
                if not reply.location:
                    return _Entry(None, f"omdirigering {reply.status} utan Location", now + RETRY_SECONDS)
                try:
                    nxt = urljoin(url, reply.location)
                    if origin_of(nxt) != origin:
                        return _Entry(None, f"omdirigeras till en annan värd ({reply.location[:200]!r})",
                                      now + RETRY_SECONDS)
                except HopFailed as e:  # the gate refused the Location
                    return _Entry(None, f"otillåten omdirigering ({e})", now + RETRY_SECONDS)
                url = nxt
                continue
            if reply.status == 429 or reply.status >= 500:
                return _Entry(None, f"HTTP {reply.status}", now + RETRY_SECONDS)
            if 400 <= reply.status < 500:
                rp = urllib.robotparser.RobotFileParser()
                rp.parse([])  # unavailable: no restrictions
                return _Entry(rp, f"HTTP {reply.status}: inga regler", now + CACHE_SECONDS)
            return _Entry(None, f"oväntat svar HTTP {reply.status}", now + RETRY_SECONDS)
        return _Entry(None, f"fler än {MAX_REDIRECTS} omdirigeringar", now + RETRY_SECONDS)
