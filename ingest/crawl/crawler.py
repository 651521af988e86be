"""The crawl: council page -> meetings -> agenda items -> remiss answers' documents.

Fetching (``Fetcher``) is kept apart from parsing (pure functions per platform). Each
failure is recorded with its reason and the crawl goes on; a meeting page that yields no
agenda items is an error (markup drift), never an empty success.
"""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Callable

from ingest.crawl import insynsverige, meetingplus
from ingest.crawl.http import FetchError, Fetcher
from ingest.crawl.model import AgendaItem, Meeting, Source
from ingest.crawl.store import Provenance, RawStore, item_json, now

log = logging.getLogger(__name__)

PARSERS = {
    "meetingplus": (meetingplus.meeting_links, meetingplus.parse_meeting),
    "insynsverige": (insynsverige.meeting_links, insynsverige.parse_meeting),
}


@dataclass
class CouncilStats:
    meetings_listed: int = 0
    meetings_crawled: int = 0
    meetings_unchanged: int = 0
    meetings_upcoming: int = 0
    remiss_items: int = 0
    documents_new: int = 0
    documents_unchanged: int = 0
    failures: list[str] = field(default_factory=list)

    def add(self, other: "CouncilStats") -> None:
        for k in ("meetings_listed", "meetings_crawled", "meetings_unchanged", "meetings_upcoming", "remiss_items", "documents_new",
                  "documents_unchanged"):
            setattr(self, k, getattr(self, k) + getattr(other, k))
        self.failures += other.failures


class ContentError(FetchError):
    reason = "content_mismatch"


class TruncatedPdfError(FetchError):
    reason = "truncated_pdf"


def check_pdf(url: str, data: bytes, content_type: str) -> None:
    """A document must be a PDF by its bytes, whatever the server says, and complete."""
    if not data.lstrip()[:5] == b"%PDF-":
        raise ContentError(url, f"inte en PDF (Content-Type {content_type!r}, börjar {data[:20]!r})")
    if b"%%EOF" not in data[-2048:]:
        raise TruncatedPdfError(url, f"PDF utan slutmarkering (%%EOF), {len(data)} byte: avkortad")


class Crawler:
    def __init__(self, store: RawStore, fetcher: Fetcher, *, full: bool = False,
                 on_meeting: Callable[[Source, str], None] | None = None) -> None:
        self.store = store
        self.fetcher = fetcher
        self.full = full
        self.on_meeting = on_meeting

    def crawl(self, sources: list[Source]) -> dict[str, CouncilStats]:
        out: dict[str, CouncilStats] = {}
        for src in sources:
            stats = self.crawl_source(src)
            out.setdefault(src.council, CouncilStats()).add(stats)
        return out

    def _fail(self, stats: CouncilStats, src: Source, url: str, reason: str, detail: str,
              meeting_url: str | None = None) -> None:
        log.warning("%s %s: %s (%s)", src.council, url, reason, detail)
        self.store.fail(url, src.platform, src.council, reason, detail, meeting_url or url)
        stats.failures.append(f"{reason}: {url}")

    def crawl_source(self, src: Source) -> CouncilStats:
        stats = CouncilStats()
        links, parse = PARSERS[src.platform]
        council_url = src.base_url.rstrip("/") + src.path
        try:
            page = self.fetcher.get(council_url)
        except FetchError as e:
            self._fail(stats, src, council_url, e.reason, e.detail)
            return stats
        meetings = links(page.content.decode("utf-8", errors="replace"), page.url)
        if not meetings:
            self._fail(stats, src, council_url, "markup_drift", "inga sammanträden hittades på nämndsidan")
            return stats
        stats.meetings_listed = len(meetings)
        for url in meetings:
            self.store.list_meeting(url, src.platform, src.council)
            if self.on_meeting:
                self.on_meeting(src, url)
            self._crawl_meeting(src, url, parse, stats)
        return stats

    def _crawl_meeting(self, src: Source, url: str, parse: Callable[[str, str], Meeting], stats: CouncilStats) -> None:
        prev = None if self.full else self.store.page_validators(url)
        try:
            resp = self.fetcher.get(url, etag=prev["etag"] if prev else None,
                                    last_modified=prev["last_modified"] if prev else None)
        except FetchError as e:
            self._fail(stats, src, url, e.reason, e.detail)
            return
        if resp.status == 304 and prev is not None:
            if not self._has_failures(url):
                stats.meetings_unchanged += 1
                return
            html = self.store.path_of(prev["sha256"]).read_text(encoding="utf-8", errors="replace")
        else:
            html = resp.content.decode("utf-8", errors="replace")
        self.store.clear_failures(url)
        meeting = parse(html, url)
        if not meeting.items and meeting.date and meeting.date > dt.date.today():
            stats.meetings_upcoming += 1  # agenda not published yet: not crawled, not an error
            self.store.date_meeting(url, meeting.date.isoformat())
            return
        if not meeting.items:
            self._fail(stats, src, url, "markup_drift", "sammanträdessidan gav inga ärenden")
            return
        sha, _ = self.store.put(html.encode("utf-8"), "text/html")
        stats.meetings_crawled += 1
        remiss = [i for i in meeting.items if i.is_remiss_answer]
        stats.remiss_items += len(remiss)
        n_docs = sum(len(i.documents) for i in remiss)
        date = meeting.date.isoformat() if meeting.date else None
        for item in remiss:
            for doc in item.documents:
                self._fetch_document(src, meeting, item, doc.url, doc.title, doc.kind, stats)
        self.store.save_meeting(url, src.platform, src.council, date, len(meeting.items), len(remiss), n_docs)
        # validators last: a meeting whose documents failed is fetched again next time
        self.store.save_page(url, sha, resp.etag, resp.last_modified)

    def _has_failures(self, meeting_url: str) -> bool:
        with self.store.db() as c:
            row = c.execute("SELECT count(*) FROM failures WHERE meeting_url = ?", (meeting_url,)).fetchone()
        return bool(row[0])

    def _fetch_document(self, src: Source, meeting: Meeting, item: AgendaItem, url: str, title: str, kind: str,
                        stats: CouncilStats) -> None:
        prev = None if self.full else self.store.provenance(url)
        try:
            resp = self.fetcher.get(url, etag=prev["etag"] if prev else None,
                                    last_modified=prev["last_modified"] if prev else None)
            if resp.status == 304 and prev is not None:
                stats.documents_unchanged += 1
                return
            check_pdf(url, resp.content, resp.content_type)
        except FetchError as e:
            self._fail(stats, src, url, e.reason, e.detail, meeting.url)
            return
        sha, new = self.store.put(resp.content, "application/pdf")
        if new:
            stats.documents_new += 1
        else:
            stats.documents_unchanged += 1
        self.store.record(Provenance(
            url=url, sha256=sha, source=src.platform, council=src.council, meeting_url=meeting.url,
            meeting_date=meeting.date.isoformat() if meeting.date else None, item_number=item.number,
            item_title=item.title, item_json=item_json(item), doc_title=title, doc_kind=kind, fetched_at=now(),
            etag=resp.etag, last_modified=resp.last_modified,
        ))
