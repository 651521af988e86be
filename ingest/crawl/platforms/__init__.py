"""Meeting platforms behind one small protocol: list meetings, parse a meeting, find its protocol.

The crawler loop (``ingest.crawl.crawler``), council discovery (``ingest.crawl.discovery``) and the
recorded-site replay (``recorded_servers``: ``ingest.crawl.runner.recorded_sources``, ``remissvar
serve-recorded``, the tests) name no platform: they read the registry, ``registry()``. Each
platform is one package here whose ``REGISTRATION`` holds its parser (a ``Platform``), its site
model (how a listing links a council's page) and its replay wiring (the folder of its recorded
site); ``REGISTERED`` lists the packages, in the order their recorded sites take loopback ports.
A third platform (another municipality's archive, a new MeetingPlus installation with other
paths) is one more package plus its name in ``REGISTERED`` and its ``sources.json`` entries
(docs/crawling.md: "Lägga till en plattform").
"""
from __future__ import annotations

import datetime as dt
import importlib
import re
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from ingest.crawl.grammar import FilingHints
from ingest.crawl.http import Response
from ingest.crawl.model import AgendaItem, Meeting, MeetingRef, Source
from ingest.crawl.replay import ReplayServer

if TYPE_CHECKING:
    from remissvar.settings import Settings


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


@dataclass(frozen=True)
class Registration:
    """One platform, whole: parser, site model, replay wiring."""

    parser: Platform
    council_page: re.Pattern[str]  # site model: the path of a listing's link to one council's page
    recorded_site: str  # replay: its recorded copy, a folder under Settings.recorded_sites_dir

    @property
    def name(self) -> str:
        return self.parser.name


# the platform packages; their recorded sites are served on recorded_port, recorded_port + 1, …
REGISTERED = ("meetingplus", "insynsverige")


def registry() -> dict[str, Registration]:
    """Every platform's registration by name, in ``REGISTERED`` order."""
    regs = [importlib.import_module(f"{__name__}.{pkg}").REGISTRATION for pkg in REGISTERED]
    return {r.name: r for r in regs}


def platforms() -> dict[str, Platform]:
    return {name: r.parser for name, r in registry().items()}


def recorded_ports(first: int) -> dict[str, int]:
    """The loopback port each platform's recorded site is served on (``first``, ``first + 1``, …)."""
    return {name: first + i for i, name in enumerate(registry())}


def recorded_servers(s: Settings, stack: ExitStack, *, ports: Sequence[int] | None = None,
                     faults: dict[str, str] | None = None) -> dict[str, ReplayServer]:
    """Every registered platform's recorded site served on 127.0.0.1 until ``stack`` closes, by
    name: on ``ports`` in registry order, by default ``recorded_ports(s.recorded_port)``."""
    regs = registry()
    port = dict(zip(regs, ports, strict=True)) if ports else recorded_ports(s.recorded_port)
    return {name: stack.enter_context(ReplayServer(s.recorded_sites_dir / r.recorded_site, port=port[name],
                                                   faults=faults))
            for name, r in regs.items()}


def platform_for_url(url: str) -> Platform | None:
    for p in platforms().values():
        if p.owns(url):
            return p
    return None
