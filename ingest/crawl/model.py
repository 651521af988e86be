"""Typed records of what the crawler finds on a meeting page."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path


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


@dataclass
class DocumentLink:
    url: str
    title: str
    kind: str = "bilaga"  # "tjansteutlatande" | "bilaga" | "protokollsutdrag"


@dataclass
class AgendaItem:
    number: str | None
    title: str
    headings: list[str] = field(default_factory=list)
    dnrs: list[str] = field(default_factory=list)
    remitting_body: str | None = None
    remitting_dnr: str | None = None
    documents: list[DocumentLink] = field(default_factory=list)
    protocol_text: str | None = None
    is_remiss_answer: bool = False


@dataclass
class Meeting:
    url: str
    date: dt.date | None
    items: list[AgendaItem] = field(default_factory=list)
    protocol_links: list[DocumentLink] = field(default_factory=list)


def load_sources(path: Path) -> list[Source]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [Source(**{**s, "api_paths": tuple(s.get("api_paths", ()))}) for s in data["sources"]]
