"""The crawl: council page -> meetings -> agenda items -> remiss answers' documents.

Fetching (``Fetcher``) is kept apart from parsing (pure functions per platform). Each
failure is recorded with its reason and the crawl goes on; a meeting page that yields no
agenda items is an error (markup drift), never an empty success.
"""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Callable, Protocol

from urllib.parse import quote

from ingest.crawl import insynsverige, meetingplus, meetingplus_api
from ingest.crawl.http import FetchError, Fetcher, HttpStatusError, Response
from ingest.crawl.meetingplus_api import ApiFormatError
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


class Renderer(Protocol):
    def render(self, url: str) -> str: ...


class Crawler:
    def __init__(self, store: RawStore, fetcher: Fetcher, *, full: bool = False,
                 on_meeting: Callable[[Source, str], None] | None = None, browser: Renderer | None = None) -> None:
        self.store = store
        self.fetcher = fetcher
        self.full = full
        self.on_meeting = on_meeting
        self.browser = browser  # headless rendering, the last resort (``crawl --browser``)

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
        refs = meetingplus_api.api_refs(html, url, src.api_paths) if src.platform == "meetingplus" else None
        if not meeting.items and refs is not None:
            meeting = self._agenda_elsewhere(src, url, meeting, parse, refs, stats)
        if not meeting.items:
            hint = "" if self.browser or src.platform != "meetingplus" else " (byggs sidan med JavaScript? prova --browser)"
            self._fail(stats, src, url, "markup_drift", "sammanträdessidan gav inga ärenden" + hint)
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
        without_protocol = [i for i in remiss if not any(d.kind == "protokollsutdrag" for d in i.documents)]
        if refs is not None and refs.protocol_zip and without_protocol:
            self._fetch_protocol_zip(src, meeting, refs, without_protocol, stats)
        self.store.save_meeting(url, src.platform, src.council, date, len(meeting.items), len(remiss), n_docs)
        # validators last: a meeting whose documents failed is fetched again next time
        self.store.save_page(url, sha, resp.etag, resp.last_modified)

    def _agenda_elsewhere(self, src: Source, url: str, meeting: Meeting, parse: Callable[[str, str], Meeting],
                          refs: meetingplus_api.ApiRefs, stats: CouncilStats) -> Meeting:
        """MeetingPlus pages whose server HTML has no agenda: the JSON endpoints the page names
        (or the source configures), then, with ``--browser``, the page rendered headless."""
        for api_url in refs.json_urls:
            try:
                resp = self.fetcher.get(api_url)
                items, date = meetingplus_api.parse_agenda_json(resp.content, api_url)
            except FetchError as e:
                self._fail(stats, src, api_url, e.reason, e.detail, url)
                continue
            except ApiFormatError as e:
                self._fail(stats, src, api_url, "api_format", str(e), url)
                continue
            self.store.clear_failures(api_url)
            if items:
                self.store.put(resp.content, "application/json")  # kept like the pages: what was read
                log.info("%s: agenda from %s (%d items)", url, api_url, len(items))
                meeting.items, meeting.date = items, meeting.date or date
                return meeting
        if self.browser is not None:
            try:
                rendered = parse(self.browser.render(url), url)
            except FetchError as e:
                self._fail(stats, src, url, e.reason, e.detail)
                return meeting
            if rendered.items:
                log.info("%s: agenda from the rendered page (%d items)", url, len(rendered.items))
                rendered.date = rendered.date or meeting.date
                return rendered
        return meeting

    def _fetch_protocol_zip(self, src: Source, meeting: Meeting, refs: meetingplus_api.ApiRefs,
                            items: list[AgendaItem], stats: CouncilStats) -> None:
        """The meeting's protocol zip, for remiss items without a protocol extract of their own:
        each PDF in it that belongs to one of those items is stored as that item's extract."""
        zip_url = refs.protocol_zip
        assert zip_url is not None
        prev = None if self.full else self.store.page_validators(zip_url)
        try:
            resp = self.fetcher.get(zip_url, etag=prev["etag"] if prev else None,
                                    last_modified=prev["last_modified"] if prev else None)
        except HttpStatusError as e:
            if e.status == 404:  # no protocol published (yet): the next crawl looks again
                log.info("%s: inget protokoll publicerat (%s)", meeting.url, zip_url)
                self.store.clear_failures(zip_url)
                return
            self._fail(stats, src, zip_url, e.reason, e.detail, meeting.url)
            return
        except FetchError as e:
            self._fail(stats, src, zip_url, e.reason, e.detail, meeting.url)
            return
        if resp.status == 304 and prev is not None:
            return
        try:
            members = meetingplus_api.zip_members(resp.content)
        except ApiFormatError as e:
            self._fail(stats, src, zip_url, "bad_zip", str(e), meeting.url)
            return
        self.store.clear_failures(zip_url)
        zip_sha, _ = self.store.put(resp.content, "application/zip")
        for name, data in members:
            member_url = f"{zip_url}#{quote(name)}"
            try:
                check_pdf(member_url, data, "application/pdf")
            except FetchError as e:
                self._fail(stats, src, member_url, e.reason, e.detail, meeting.url)
                continue
            item = meetingplus_api.match_member(name, meetingplus_api.head_text(data), items)
            if item is None:
                log.info("%s: %s hör inte till något remissärende", zip_url, name)
                continue
            self._store_document(src, meeting, item, member_url, data, name, "protokollsutdrag", resp, stats)
        self.store.save_page(zip_url, zip_sha, resp.etag, resp.last_modified)

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
        self._store_document(src, meeting, item, url, resp.content, title, kind, resp, stats)

    def _store_document(self, src: Source, meeting: Meeting, item: AgendaItem, url: str, data: bytes, title: str,
                        kind: str, resp: Response, stats: CouncilStats) -> None:
        """A checked PDF: stored once by content, with its provenance under ``url``."""
        sha, new = self.store.put(data, "application/pdf")
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
