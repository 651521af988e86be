"""Meeting platforms behind one small protocol: list meetings, parse a meeting, find its protocol.

The crawler loop (``ingest.crawl.crawler``) names no platform: it looks the source's
``platform`` up in ``PLATFORMS``. A third platform (another municipality's archive, a new
MeetingPlus installation with other paths) is one more package here plus its
``sources.json`` entries.
"""
from __future__ import annotations

import datetime as dt
from typing import Protocol

from ingest.crawl.grammar import FilingHints
from ingest.crawl.http import Response
from ingest.crawl.model import AgendaItem, Meeting, MeetingRef, Source


class Client(Protocol):
    """What a platform may ask of the network: the crawler's polite fetcher (allow-list,
    robots.txt, rate limit), GET and form POST."""

    def get(self, url: str) -> Response: ...

    def post(self, url: str, data: dict[str, str]) -> Response: ...


class Platform(Protocol):
    name: str
    drift_hint: str  # appended to a "no items" failure (what to try next)

    def owns(self, url: str) -> bool:
        """Whether a page URL is this platform's (``remissvar items -`` chooses by it)."""
        ...

    def list_meetings(self, src: Source, client: Client) -> list[MeetingRef]:
        """Every meeting the council's pages list (all years), canonical and unique."""
        ...

    def parse_meeting(self, html: str, url: str, *, council: str | None = None,
                      hints: FilingHints | None = None) -> Meeting:
        """A meeting page's items (pure: the saved page alone)."""
        ...

    def agenda_sources(self, html: str, url: str, src: Source) -> list[str]:
        """Where else the agenda of a page without one can be read (JSON endpoints)."""
        ...

    def parse_agenda(self, data: bytes, url: str) -> tuple[list[AgendaItem], dt.date | None]:
        """Items (and the date, when stated) from one of ``agenda_sources``."""
        ...

    def protocol_urls(self, html: str, url: str, meeting: Meeting, src: Source) -> list[str]:
        """The full protocol(s) of a held meeting to fetch (PDF or zip); empty when the page
        prints its paragraphs itself."""
        ...


def platforms() -> dict[str, Platform]:
    from ingest.crawl.platforms.insynsverige import Insynsverige
    from ingest.crawl.platforms.meetingplus import MeetingPlus

    return {p.name: p for p in (MeetingPlus(), Insynsverige())}


def platform_for_url(url: str) -> Platform | None:
    for p in platforms().values():
        if p.owns(url):
            return p
    return None
