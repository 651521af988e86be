"""The crawl: council page -> meetings -> agenda items -> remiss answers' documents.

Fetching (``Fetcher``) is kept apart from parsing (pure functions per platform). Each
failure is recorded with its reason and the crawl goes on; a meeting page that yields no
agenda items is an error (markup drift), never an empty success.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import quote

from ingest.crawl import protocol_files as api
from ingest.crawl.grammar import FilingHints, classify
from ingest.crawl.http import Fetcher, FetchError, HttpStatusError, Response
from ingest.crawl.model import AgendaItem, Meeting, MeetingRef, Source
from ingest.crawl.platforms import Client, Platform, platforms
from ingest.crawl.platforms.common import match_paragraph, split_paragraphs
from ingest.crawl.protocol_files import ApiFormatError
from ingest.crawl.store import Provenance, RawStore, item_json, now
from ingest.crawl.summary_items import SUMMARIES, summary_items
from ingest.parse.extract import ExtractError
from remissvar.records import DocumentKind
from remissvar.remiss_fields import filing_class

log = logging.getLogger(__name__)


@dataclass
class CouncilStats:
    meetings_listed: int = 0
    meetings_crawled: int = 0
    meetings_unchanged: int = 0
    meetings_upcoming: int = 0
    meetings_cancelled: int = 0
    remiss_items: int = 0
    remiss_without_documents: int = 0
    remiss_without_remittent: int = 0
    protocols_unpublished: int = 0
    documents_new: int = 0
    documents_unchanged: int = 0
    summaries: int = 0  # entries with an utlåtande (kommunstyrelsen, kommunfullmäktige)
    failures: list[str] = field(default_factory=list)

    def add(self, other: CouncilStats) -> None:
        for k in ("meetings_listed", "meetings_crawled", "meetings_unchanged", "meetings_upcoming",
                  "meetings_cancelled", "remiss_items", "remiss_without_documents", "remiss_without_remittent",
                  "protocols_unpublished", "documents_new", "documents_unchanged", "summaries"):
            setattr(self, k, getattr(self, k) + getattr(other, k))
        self.failures += other.failures


class ContentError(FetchError):
    reason = "content_mismatch"


class TruncatedPdfError(FetchError):
    reason = "truncated_pdf"


def name_of_zip(members: list[tuple[str, bytes]]) -> bool:
    """Whether protocol members came out of a zip (named) rather than one PDF (unnamed)."""
    return any(name for name, _ in members)


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
        self.client: Client = fetcher  # GET and form POST through the gate, robots.txt and rate limit
        self.platforms: dict[str, Platform] = platforms()

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
        platform = self.platforms[src.platform]
        try:
            refs = platform.list_meetings(src, self.client)
        except FetchError as e:
            self._fail(stats, src, e.url, e.reason, e.detail)
            return stats
        council_url = src.base_url.rstrip("/") + (src.path or (src.discover_url or ""))
        if not refs and not src.path:
            self._fail(stats, src, council_url, "not_discovered", f"ingen länk {list(src.discover)} på listsidan")
            return stats
        if not refs:
            self._fail(stats, src, council_url, "markup_drift", "inga sammanträden hittades på nämndsidan")
            return stats
        stats.meetings_listed = len(refs)
        # the council's filing classes, learned from its pages that have headings (this crawl's and earlier ones')
        hints = self._hints(src.council)
        deferred: list[tuple[MeetingRef, Meeting, str, Response]] = []
        for ref in refs:
            self.store.list_meeting(ref.url, src.platform, src.council)
            if ref.date:
                self.store.date_meeting(ref.url, ref.date.isoformat())
            if self.on_meeting:
                self.on_meeting(src, ref.url)
            if ref.cancelled:
                stats.meetings_cancelled += 1
                self.store.cancel_meeting(ref.url)
                continue
            got = self._read_meeting(src, platform, ref, stats, hints)
            if got is None:
                continue
            meeting, html, resp = got
            if not meeting.has_headings and any(not i.is_remiss for i in meeting.items):
                deferred.append((ref, meeting, html, resp))  # read again once the council's hints are learned
                continue
            if meeting.has_headings:
                examples = [(i.number or "", filing_class(i.dnr), i.is_remiss) for i in meeting.items if i.dnr]
                labelled = [(n, c, r) for n, c, r in examples if c is not None]
                self.store.save_filing_examples(ref.url, src.council, labelled)
                hints = self._hints(src.council)
            self._store_meeting(src, platform, meeting, html, resp, stats)
        for _, meeting, html, resp in deferred:
            for item in meeting.items:
                if not item.is_remiss:
                    classify(item, page_has_headings=False, council=src.council, hints=hints)
            self._store_meeting(src, platform, meeting, html, resp, stats)
        return stats

    def _hints(self, council: str) -> FilingHints:
        hints = FilingHints()
        for cls, is_remiss in self.store.filing_examples(council):
            hints.learn_class(council, cls, is_remiss)
        return hints

    def _read_meeting(self, src: Source, platform: Platform, ref: MeetingRef, stats: CouncilStats,
                      hints: FilingHints) -> tuple[Meeting, str, Response] | None:
        url = ref.url
        prev = None if self.full else self.store.page_validators(url)
        try:
            resp = self.fetcher.get(url, etag=prev["etag"] if prev else None,
                                    last_modified=prev["last_modified"] if prev else None)
        except FetchError as e:
            self._fail(stats, src, url, e.reason, e.detail)
            return None
        if resp.status == 304 and prev is not None:
            if not self._has_failures(url):
                stats.meetings_unchanged += 1
                return None
            html = self.store.path_of(prev["sha256"]).read_text(encoding="utf-8", errors="replace")
        else:
            html = resp.content.decode("utf-8", errors="replace")
        self.store.clear_failures(url)
        meeting = platform.parse_meeting(html, url, council=src.council, hints=hints)
        meeting.date = meeting.date or ref.date  # the listing's date (URL or label) when the page has none
        if not meeting.items and meeting.date and meeting.date > dt.date.today():
            stats.meetings_upcoming += 1  # agenda not published yet: not crawled, not an error
            if meeting.date:
                self.store.date_meeting(url, meeting.date.isoformat())
            return None
        if not meeting.items:
            meeting = self._agenda_elsewhere(src, platform, url, meeting, html, stats)
        if not meeting.items:
            hint = "" if self.browser else platform.drift_hint
            self._fail(stats, src, url, "markup_drift", "sammanträdessidan gav inga ärenden" + hint)
            return None
        return meeting, html, resp

    def _store_meeting(self, src: Source, platform: Platform, meeting: Meeting, html: str, resp: Response,
                       stats: CouncilStats) -> None:
        url = meeting.url
        sha, _ = self.store.put(html.encode("utf-8"), "text/html")
        stats.meetings_crawled += 1
        if src.role == SUMMARIES:  # kommunstyrelsen/-fullmäktige: their utlåtanden, read as summaries
            remiss = summary_items(meeting)
            stats.summaries += len(remiss)
        else:
            remiss = [i for i in meeting.items if i.is_remiss]
            stats.remiss_items += len(remiss)
            stats.remiss_without_documents += sum(1 for i in remiss if not i.documents)
            stats.remiss_without_remittent += sum(1 for i in remiss if not i.remitting_body)
        n_docs = sum(len(i.documents) for i in remiss)
        date = meeting.date.isoformat() if meeting.date else None
        waiting = [i for i in remiss if i.protocol_text is None
                   and not any(d.kind == DocumentKind.PROTOKOLLSUTDRAG for d in i.documents)]
        if waiting and meeting.date and meeting.date <= dt.date.today() and src.role != SUMMARIES:
            self._fetch_protocols(src, meeting, platform.protocol_urls(html, url, meeting, src), waiting, stats)
        for item in remiss:
            for doc in item.documents:
                self._fetch_document(src, meeting, item, doc.url, doc.label, doc.kind, stats)
        self.store.save_meeting(url, src.platform, src.council, date, len(meeting.items), len(remiss), n_docs)
        # validators last: a meeting whose documents failed is fetched again next time
        self.store.save_page(url, sha, resp.etag, resp.last_modified)

    def _agenda_elsewhere(self, src: Source, platform: Platform, url: str, meeting: Meeting, html: str,
                          stats: CouncilStats) -> Meeting:
        """Pages whose server HTML has no agenda: the JSON endpoints the page names (or the
        source configures), then, with ``--browser``, the page rendered headless."""
        for api_url in platform.agenda_sources(html, url, src):
            try:
                resp = self.fetcher.get(api_url)
                items, date = platform.parse_agenda(resp.content, api_url)
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
                rendered = platform.parse_meeting(self.browser.render(url), url, council=src.council)
            except FetchError as e:
                self._fail(stats, src, url, e.reason, e.detail)
                return meeting
            if rendered.items:
                log.info("%s: agenda from the rendered page (%d items)", url, len(rendered.items))
                rendered.date = rendered.date or meeting.date
                return rendered
        return meeting

    def _fetch_protocols(self, src: Source, meeting: Meeting, urls: list[str], items: list[AgendaItem],
                         stats: CouncilStats) -> None:
        """The meeting's full protocol (a PDF, or a zip of PDFs; 404/500 = not published yet):
        each waiting remiss item gets its § paragraph (matched by title and number); a zip
        member that is one item's extract is stored as that item's protokollsutdrag."""
        for purl in urls:
            prev = None if self.full else self.store.page_validators(purl)
            try:
                resp = self.fetcher.get(purl, etag=prev["etag"] if prev else None,
                                        last_modified=prev["last_modified"] if prev else None)
            except HttpStatusError as e:
                if e.status in (404, 500):  # no protocol published (yet): the next crawl looks again
                    log.info("%s: inget protokoll publicerat (%s, HTTP %d)", meeting.url, purl, e.status)
                    stats.protocols_unpublished += 1
                    self.store.clear_failures(purl)
                    continue
                self._fail(stats, src, purl, e.reason, e.detail, meeting.url)
                continue
            except FetchError as e:
                self._fail(stats, src, purl, e.reason, e.detail, meeting.url)
                continue
            if resp.status == 304 and prev is not None:
                data = self.store.path_of(prev["sha256"]).read_bytes()
            else:
                data = resp.content
            if data[:4] == b"PK\x03\x04":
                try:
                    members = api.zip_members(data)
                except ApiFormatError as e:
                    self._fail(stats, src, purl, "bad_zip", str(e), meeting.url)
                    continue
            else:
                members = [("", data)]
            self.store.clear_failures(purl)
            # a zip is kept as read; a PDF is stored (once) as the meeting's protocol below
            zipped = name_of_zip(members)
            sha = self.store.put(data, "application/zip")[0] if zipped else hashlib.sha256(data).hexdigest()
            for name, body in members:
                member_url = f"{purl}#{quote(name)}" if name else purl
                try:
                    check_pdf(member_url, body, "application/pdf")
                except FetchError as e:
                    self._fail(stats, src, member_url, e.reason, e.detail, meeting.url)
                    continue
                try:  # in a child under the peek budget: a hostile PDF costs seconds, not the worker
                    text = api.head_text(body, pages=400)
                except ExtractError as e:
                    # recorded (the meeting is read again next crawl); the crawl goes on without
                    # its text: a zip member may still match by its name, a whole protocol is kept
                    # for the parse stage, which judges it under its own budget
                    self._fail(stats, src, member_url, e.reason, str(e), meeting.url)
                    text = ""
                paragraphs = split_paragraphs(text)
                if name:  # a zip member: one extract per item, told by title in its name or first page
                    item = api.match_member(name, text[:3000], items)
                    if item is not None:
                        item.protocol_text = item.protocol_text or match_paragraph(item, paragraphs) or text
                        self._store_document(src, meeting, item, member_url, body, name,
                                             DocumentKind.PROTOKOLLSUTDRAG, resp, stats)
                    else:
                        log.info("%s: %s hör inte till något remissärende", purl, name)
                    continue
                for item in items:
                    item.protocol_text = item.protocol_text or match_paragraph(item, paragraphs)
                self._store_document(src, meeting, None, member_url, body, "Protokoll", DocumentKind.PROTOKOLL,
                                     resp, stats)
            self.store.save_page(purl, sha, resp.etag, resp.last_modified)
            if all(i.protocol_text for i in items):
                return

    def _has_failures(self, meeting_url: str) -> bool:
        with self.store.db() as c:
            row = c.execute("SELECT count(*) FROM failures WHERE meeting_url = ?", (meeting_url,)).fetchone()
        return bool(row[0])

    def _fetch_document(self, src: Source, meeting: Meeting, item: AgendaItem, url: str, title: str, kind: DocumentKind,
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

    def _store_document(self, src: Source, meeting: Meeting, item: AgendaItem | None, url: str, data: bytes,
                        title: str, kind: DocumentKind, resp: Response, stats: CouncilStats) -> None:
        """A checked PDF: stored once by content, with its provenance under ``url``."""
        sha, new = self.store.put(data, "application/pdf")
        if new:
            stats.documents_new += 1
        else:
            stats.documents_unchanged += 1
        self.store.record(Provenance(
            url=url, sha256=sha, source=src.platform, council=src.council, meeting_url=meeting.url,
            meeting_date=meeting.date.isoformat() if meeting.date else None, item_number=item.number if item else None,
            item_title=item.title if item else "", item_json=item_json(item) if item else "{}", doc_title=title,
            doc_kind=kind, fetched_at=now(),
            etag=resp.etag, last_modified=resp.last_modified,
        ))
