"""What a saved page yields, for people who run the crawler against the live sites.

``page_items(html, url)``: the JSON object ``remissvar items`` prints for one page
(``{"url","date","items":[…]}``; the platform is chosen from the URL).
``probe(url, fetcher, fixtures_dir)``: fetch one page politely (the crawler's allow-list,
robots.txt and rate limit), report what was recognised and what was not (lines no rule
read, remiss items without documents, a missing date), and save the page under
``fixtures_dir`` so that a real page becomes a test in one step.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ingest.crawl.http import Fetcher
from ingest.crawl.model import Meeting
from ingest.crawl.platforms import platform_for_url


class UnknownPlatformError(ValueError):
    """No platform recognises the URL."""


def parse_page(html: str, url: str) -> Meeting:
    platform = platform_for_url(url)
    if platform is None:
        raise UnknownPlatformError(f"ingen plattform känner igen {url}")
    return platform.parse_meeting(html, url)


def meeting_json(meeting: Meeting) -> dict[str, Any]:
    items = []
    for i in meeting.items:
        items.append({
            "number": i.number, "title": i.title, "heading": i.heading, "status": i.status, "is_remiss": i.is_remiss,
            "cue": i.cue, "remitting_body": i.remitting_body, "remitting_dnr": i.remitting_dnr, "dnr": i.dnr,
            "motion": i.motion, "summary": i.summary, "protocol_text": i.protocol_text,
            "documents": [asdict(d) for d in i.documents],
        })
    return {"url": meeting.url, "date": meeting.date.isoformat() if meeting.date else None, "items": items}


def page_items(html: str, url: str) -> dict[str, Any]:
    return meeting_json(parse_page(html, url))


def items_stream(lines: Iterable[str]) -> Iterator[dict[str, Any]]:
    """``{"url","html"}`` JSON lines in, one result object per line out (errors as ``{"url","error"}``)."""
    for raw in lines:
        if not raw.strip():
            continue
        url = None
        try:
            obj = json.loads(raw)
            url = obj.get("url") if isinstance(obj, dict) else None
            yield page_items(str(obj["html"]), str(obj["url"]))
        except (ValueError, KeyError, TypeError) as e:
            yield {"url": url, "error": f"{type(e).__name__}: {e}"}


def fixture_name(url: str) -> str:
    """A file name for a page: host, path and query folded to safe characters."""
    p = urlsplit(url)
    stem = re.sub(r"[^A-Za-z0-9._=-]+", "_", f"{p.hostname or 'page'}{p.path}" + (f"_{p.query}" if p.query else ""))
    return stem.strip("_")[:180] + ".html"


def probe(url: str, fetcher: Fetcher, fixtures_dir: Path) -> dict[str, Any]:
    """Fetch one page, parse it, save it; a report of what was and was not recognised."""
    resp = fetcher.get(url)
    html = resp.content.decode("utf-8", errors="replace")
    fixtures_dir.mkdir(parents=True, exist_ok=True)
    saved = fixtures_dir / fixture_name(url)
    saved.write_text(html, encoding="utf-8")
    (fixtures_dir / (saved.stem + ".url")).write_text(url + "\n", encoding="utf-8")
    meeting = parse_page(html, url)
    result = meeting_json(meeting)
    remiss = [i for i in meeting.items if i.is_remiss]
    return {
        "url": url, "saved": str(saved), "date": result["date"], "date_missing": meeting.date is None,
        "items": len(meeting.items), "remiss_items": len(remiss),
        "remiss_without_documents": [f"{i.number or '-'} {i.title}" for i in remiss if not i.documents],
        "remiss_without_remittent": [f"{i.number or '-'} {i.title}" for i in remiss if not i.remitting_body],
        "unmatched_lines": meeting.unmatched, "protocol_links": [d.url for d in meeting.protocol_links],
        "paragraphs": sorted(meeting.paragraphs, key=lambda n: int(n)),
        "result": result, "probed_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
