"""Typed records of what the crawler finds on a meeting page."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from remissvar.records import DocumentKind


@dataclass(frozen=True)
class Source:
    """One council on one platform: the only thing a new council needs."""

    platform: str  # "meetingplus" | "insynsverige"
    council: str  # slug in remissvar.records.COUNCILS
    base_url: str  # "https://meetingspublic.stockholm.se"
    path: str  # "/committees/sodermalms-stadsdelsnamnd" or "/stockholm-sodermalm"
    name: str  # display name
    # MeetingPlus JSON endpoints to try where a meeting page's HTML has no agenda, as
    # templates over the meeting id the page states, e.g. "/api/v2.0/meetings/{id}/agenda"
    api_paths: tuple[str, ...] = ()
    # names the council has on the city's listing page, for a slug not verified: the
    # crawler reads the listing (``discover_url``) and takes the link labelled so
    discover: tuple[str, ...] = ()
    discover_url: str | None = None
    # "answers": a council whose remiss answers are archived; "summaries": kommunstyrelsen /
    # kommunfullmäktige, whose utlåtanden are read for the bodies asked and their views
    # (ingest.summaries), never indexed as answers
    role: str = "answers"
    # a discovered council's predecessors: the lineage table's (remissvar.records.COUNCILS), or for a
    # council the table does not know, where the listings show them (a name joining two listed
    # councils: "Rinkeby-Kista" <- Rinkeby, Kista); else it stands alone (``standalone``): no
    # predecessor is guessed
    lineage: tuple[str, ...] = ()
    standalone: bool = False


@dataclass
class DocumentLink:
    url: str
    label: str
    kind: DocumentKind = DocumentKind.BILAGA


@dataclass
class AgendaItem:
    """One agenda entry as the page prints it, with the fields its own lines give."""

    number: str | None  # as printed: "12", "12 A", "4 ½", "§ 14"; None for unnumbered entries
    title: str
    heading: str | None = None  # the section heading above it, if the page has headings
    status: str | None = None  # "Bordlagt ärende", "Återremitterat ärende", "Omedelbar justering" …
    is_remiss: bool = False
    cue: str | None = None  # why it reads as a remiss answer ("rubrik", "remiss", "motion", "diarieklass" …)
    remitting_body: str | None = None
    remitting_dnr: str | None = None
    dnr: str | None = None  # the council's own dnr
    motion: dict[str, Any] | None = None  # {"number", "authors", "parties"} (remissvar.records.MotionInfo)
    summary: str | None = None  # the item's summary text (searchable; often the administration's view)
    handlaggare: str | None = None
    lines: list[str] = field(default_factory=list)  # its own remittent / "Yttrande till" lines as printed
    documents: list[DocumentLink] = field(default_factory=list)
    protocol_text: str | None = None  # the protocol paragraph (§) that decided it, when published
    # the evidence of the remiss decision, in order: "rubrik: Remisser", "egen verksamhet: rådets
    # protokoll (åsidosätter rubriken)", "remittent: Trafiknämnden" …
    why: list[str] = field(default_factory=list)


@dataclass
class Meeting:
    url: str
    date: dt.date | None
    items: list[AgendaItem] = field(default_factory=list)
    protocol_links: list[DocumentLink] = field(default_factory=list)  # full protocol / attendance files
    paragraphs: dict[str, str] = field(default_factory=dict)  # "§N" paragraphs printed on the page
    has_headings: bool = False
    unmatched: list[str] = field(default_factory=list)  # lines no rule read (probe reports them)


@dataclass(frozen=True)
class MeetingRef:
    """A meeting as a council listing names it."""

    url: str  # canonical (the source's scheme and host)
    date: dt.date | None
    cancelled: bool = False


def load_sources(path: Path) -> list[Source]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [Source(**{**s, "api_paths": tuple(s.get("api_paths", ())), "discover": tuple(s.get("discover", ())),
                      "lineage": tuple(s.get("lineage", ()))})
            for s in data["sources"]]


@dataclass(frozen=True)
class Listing:
    """A page where a platform lists every council (``ingest.crawl.discovery``)."""

    platform: str
    base_url: str
    path: str  # "/stockholm", "/committees"


def load_listings(path: Path) -> list[Listing]:
    """The city's listing pages per platform (``sources.json``'s ``listings``)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return [Listing(**x) for x in data.get("listings", [])]
