"""Every district council, discovered from the city's listing pages (issue 30 point 5).

``sources.json`` configures the four councils of the mission and their predecessors; its
``listings`` name the pages where each platform lists every council (insynsverige's
``/stockholm``, MeetingPlus' ``/committees``). ``REMISSVAR_COUNCILS`` chooses what a crawl
covers: ``mission`` (the default: the configured sources), ``all`` (every stadsdelsnämnd the
listings link, configured or not), or a comma-separated list of council slugs. A council the
listings name takes its lineage from the lineage table (``remissvar.records.COUNCILS``); one the
table does not know takes its predecessors where the listings show them (a name joining two
listed councils whole), else it stands alone: its Source says so (``standalone``), and no
predecessor is guessed for it.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from urllib.parse import urlsplit

from ingest.crawl.http import Response
from ingest.crawl.lines import page_lines
from ingest.crawl.model import Listing, Source
from ingest.crawl.platforms import registry
from remissvar.records import COUNCILS, council_from_name
from remissvar.textnorm import fold, squash

MISSION = "mission"
ALL = "all"
# a district council's name as a listing prints it: "Farsta stadsdelsnämnd", "Hägersten–Älvsjö stadsdelsnämnd"
_DISTRICT = re.compile(r"^(?P<short>.+?)s?\s+stadsdelsn[äa]mnd(en)?$", re.I)


def council_slug(name: str) -> str:
    """The council table's slug for a listed name, or one made from it (hyphens, å/ä/ö folded):
    "Enskede-Årsta-Vantörs stadsdelsnämnd" -> "enskede-arsta-vantor"."""
    known = council_from_name(name)
    if known:
        return known
    m = _DISTRICT.match(squash(name))
    short = m.group("short") if m else name
    slug = re.sub(r"[^a-z0-9]+", "-", fold(squash(short)).lower()).strip("-")
    return slug


def listed_councils(html: str, page_url: str, platform: str) -> list[tuple[str, str]]:
    """(name, path) of every district council a listing page links, in page order, once each."""
    council_page = registry()[platform].council_page  # the platform's site model
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for ln in page_lines(html, page_url, listing=True):
        for lk in ln.links:
            path = urlsplit(lk.url).path.rstrip("/")
            name = squash(lk.label or ln.text)
            if not council_page.match(path) or not _DISTRICT.match(name) or path in seen:
                continue
            seen.add(path)
            out.append((name, path))
    return out


def joined_predecessors(slug: str, listed: set[str]) -> tuple[str, ...]:
    """The listed councils whose names this council's name joins, in order, when they make it up
    whole: "enskede-arsta-vantor" from "enskede-arsta" and "vantor"; () when no such split exists
    (or the council is one word)."""
    parts = slug.split("-")

    def split(i: int) -> tuple[str, ...] | None:
        if i == len(parts):
            return ()
        for j in range(len(parts), i, -1):  # the longest listed head first
            head = "-".join(parts[i:j])
            if head != slug and head in listed:
                rest = split(j)
                if rest is not None:
                    return (head, *rest)
        return None

    found = split(0) if len(parts) > 1 else None
    return found if found and len(found) >= 2 else ()


def _wanted(councils: str) -> set[str] | None:
    """None for every council ("all"); else the slugs named."""
    c = councils.strip().lower()
    if c == ALL:
        return None
    return {x.strip() for x in c.split(",") if x.strip()}


def select_sources(configured: list[Source], listings: list[Listing], councils: str,
                   get: Callable[[str], Response]) -> list[Source]:
    """The sources a crawl covers for ``REMISSVAR_COUNCILS``: the configured ones for
    ``mission``; for ``all`` or a list, the configured ones plus every council the listings
    link (discovered, never guessed), filtered to the list. A council the lineage table knows takes
    its lineage and ``standalone`` mark from there."""
    if councils.strip().lower() in ("", MISSION):
        return configured
    wanted = _wanted(councils)
    out = [s for s in configured if wanted is None or s.council in wanted]
    have = {(s.platform, s.council) for s in configured}
    have_paths = {(s.platform, s.path) for s in configured if s.path}
    found: list[tuple[Listing, str, str, str]] = []  # listing, name, path, slug
    for listing in listings:
        resp = get(listing.base_url.rstrip("/") + listing.path)
        html = resp.content.decode("utf-8", errors="replace")
        found += [(listing, name, path, council_slug(name)) for name, path in listed_councils(html, resp.url,
                                                                                              listing.platform)]
    listed = {slug for *_, slug in found} | {s.council for s in configured}
    for listing, name, path, slug in found:
        if (listing.platform, slug) in have or (listing.platform, path) in have_paths:
            continue
        if wanted is not None and slug not in wanted:
            continue
        have.add((listing.platform, slug))
        known = COUNCILS.get(slug)
        lineage = tuple(known.lineage) if known else joined_predecessors(slug, listed)
        standalone = known.standalone if known else not lineage
        out.append(Source(platform=listing.platform, council=slug, base_url=listing.base_url, path=path,
                          name=name, lineage=lineage, standalone=standalone))
    return out


def with_base(listings: list[Listing], base: dict[str, str]) -> list[Listing]:
    """The listings on other hosts (the recorded sites)."""
    return [replace(x, base_url=base.get(x.platform, x.base_url)) for x in listings]
