"""insynsverige.se, the legacy archive (about 2001–2019): one page per meeting.

Listing: ``/stockholm-<district>`` links ``…/protokoll?date=`` and ``…/dagordning?date=``
(http and https), older years behind the year filter's post-back. Meeting page, read as
rendered lines (``../shared/README.md``): preamble, then items ``<number> <title>`` (no
period after the number) under optional section headings, each followed by any of its own
lines (remittent, "Yttrande till", ``Dnr``, status, handläggare, summary, ``Ärendedokument``
+ ``Läs dokument (PDF)``), then ``Bilagor till protokoll`` (attendance files: the protocol's,
not an item's) and the ``§N`` protocol paragraphs of a held meeting.
"""
from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qs, urlsplit

from ingest.crawl import grammar
from ingest.crawl.grammar import FilingHints
from ingest.crawl.lines import Line, page_lines
from ingest.crawl.model import AgendaItem, DocumentLink, Meeting, MeetingRef, Source
from ingest.crawl.platforms import Client, Registration
from ingest.crawl.platforms.common import (
    MeetingPage,
    calendar_links,
    canonical,
    council_path,
    label_date,
    match_paragraph,
    read_date,
    url_date,
    warn_short_listing,
    year_postbacks,
)
from remissvar.records import DocumentKind
from remissvar.textnorm import fold, squash

_KINDS = ("protokoll", "dagordning")
ERA = (2001, 2019)  # the years the legacy archive holds ("about 2001–2019")


def meeting_refs(html: str, page_url: str, base_url: str, path: str) -> list[MeetingRef]:
    """Meetings a council page links, one per date (``protokoll`` preferred over ``dagordning``),
    on the source's canonical host."""
    by_date: dict[str, tuple[int, MeetingRef]] = {}
    order: list[str] = []
    for ln in page_lines(html, page_url, listing=True):
        for lk in ln.links:
            parts = urlsplit(lk.url)
            kind = parts.path.rstrip("/").rsplit("/", 1)[-1]
            if kind not in _KINDS or parts.path.rstrip("/") != path.rstrip("/") + "/" + kind:
                continue
            d = url_date(lk.url) or label_date(lk.aria) or label_date(lk.label or ln.text)
            if "date" not in parse_qs(parts.query) or d is None:
                continue
            ref = MeetingRef(canonical(lk.url, base_url), d, cancelled="installt" in fold(lk.label + " " + ln.text))
            rank = _KINDS.index(kind)
            key = d.isoformat()
            if key not in by_date:
                order.append(key)
                by_date[key] = (rank, ref)
            elif rank < by_date[key][0]:
                by_date[key] = (rank, ref)
    return [by_date[k][1] for k in order]


def _is_document(url: str, label: str) -> bool:
    f = fold(label)
    low = url.lower()
    return ("documenthandler" in low or low.split("?")[0].endswith(".pdf") or "las dokument" in f
            or "/dokument/" in low)


class _Page(MeetingPage):
    """An insynsverige meeting page: the agenda, then "Bilagor till protokoll", then the § paragraphs."""

    def __init__(self, url: str, date: dt.date | None) -> None:
        super().__init__(url, date)
        self.state = "agenda"  # -> "attachments" (Bilagor till protokoll) -> "protocol" (§N paragraphs)
        self.para: str | None = None  # the § paragraph being read
        self.plain_numbers = False  # items numbered "12", not "§ 12"
        self.tab = "kallelse"  # the meeting page's tab: "kallelse" | "protokoll"

    def line(self, ln: Line) -> None:
        t = ln.text
        meeting = self.meeting
        if meeting.date is None:
            meeting.date = read_date(t) if re.search(r"(?i)sammanträde|datum", t) else None
        if self.state == "agenda" and grammar.is_protocol_attachments(t):
            self.close()
            self.state = "attachments"
            return
        pm = grammar.PARAGRAPH.match(t)
        # "§N" after plain-numbered items (or repeating an item's number) opens the protocol;
        # on pages that number their items "§ 20" the first ones are items
        if pm and (self.state != "agenda" or pm.group("num") in self.seen_numbers or self.plain_numbers):
            self.close()
            self.state, self.para = "protocol", pm.group("num")
            meeting.paragraphs[self.para] = t
            return
        if self.state == "protocol" and self.para is not None:
            meeting.paragraphs[self.para] += "\n" + t
            return
        if self.state == "attachments":
            for lk in ln.links:
                meeting.protocol_links.append(DocumentLink(lk.url, lk.label or t, DocumentKind.BILAGA))
            if not ln.links:
                meeting.unmatched.append(t)
            return
        if fold(t).rstrip(" :") in ("kallelse", "protokoll") and len(t) < 20:  # the page's tabs
            self.close()
            self.tab = fold(t).rstrip(" :")
            return
        whole = [lk for lk in ln.links if grammar.is_whole_document_link(lk.label or t)]
        if whole:  # "Ladda ner som PDF": the whole kallelse or protocol, never the last item's
            for lk in whole:
                kind = DocumentKind.PROTOKOLL if self.tab == "protokoll" else DocumentKind.BILAGA
                meeting.protocol_links.append(DocumentLink(lk.url, lk.label or t, kind))
            return
        docs_here = [lk for lk in ln.links if _is_document(lk.url, lk.label)]
        if self.heading_line(ln) or self.number_line(t, documents=bool(docs_here)):
            return
        il = grammar.item_line(t) if self.pending is None else None
        if not docs_here and self.decision_point(il, t):
            return
        if il or (self.pending is not None and t and not grammar.heading(t)):
            self.close()
            number, title = il if il else (self.pending or "", t)
            self.pending = None
            for lk in docs_here:  # a document link printed on the title's line is not part of the title
                title = title.replace(lk.label, "").strip() if lk.label else title
            self.seen_numbers.add(re.sub(r"\D", "", number))
            self.plain_numbers = self.plain_numbers or not number.startswith("§")
            self.current = AgendaItem(number=number, title=title.rstrip(), heading=self.heading)
            _links(self.current, ln)
            return
        if self.current is None:
            if t:
                meeting.unmatched.append(t)  # preamble: breadcrumb, date, place, intro
            return
        if docs_here:
            self.in_decision = False
            _links(self.current, ln)
            return
        if grammar.is_documents_marker(t) or not t:
            self.in_decision = self.in_decision and not t
            return
        self.own_line(t, t.lstrip("*• ").strip())

    def end(self) -> None:
        if not self.items and self.meeting.paragraphs:
            # a held meeting's page without an agenda list: the paragraphs are its items
            for num, text in self.meeting.paragraphs.items():
                first, _, rest = text.partition("\n")
                head = grammar.PARAGRAPH.match(first)
                self.items.append(AgendaItem(number="§" + num, title=(head.group("title") if head else first).strip(),
                                             summary=squash(rest) or None, protocol_text=text))


def parse_meeting(html: str, url: str, *, council: str | None = None, hints: FilingHints | None = None) -> Meeting:
    meeting = _Page(url, url_date(url)).parse(page_lines(html, url), council=council, hints=hints)
    for item in meeting.items:
        if item.protocol_text is None:
            item.protocol_text = match_paragraph(item, meeting.paragraphs)
    return meeting


def _links(item: AgendaItem, ln: Line) -> None:
    for lk in ln.links:
        if _is_document(lk.url, lk.label) and lk.url not in [d.url for d in item.documents]:
            item.documents.append(DocumentLink(lk.url, lk.label or ln.text, grammar.document_kind(lk.url, lk.label)))


class Insynsverige:
    name = "insynsverige"
    drift_hint = ""

    def owns(self, url: str) -> bool:
        p = urlsplit(url)
        return "insynsverige" in (p.hostname or "") or bool(re.match(r"^/[^/]+/(protokoll|dagordning)$", p.path))

    def list_meetings(self, src: Source, client: Client) -> list[MeetingRef]:
        path = council_path(src, client)
        if path is None:
            return []
        page_url = src.base_url.rstrip("/") + path
        resp = client.get(page_url)
        html = resp.content.decode("utf-8", errors="replace")
        refs = meeting_refs(html, resp.url, src.base_url, path)
        seen = {r.date for r in refs}

        def add(more: list[MeetingRef]) -> None:
            for ref in more:
                if ref.date not in seen:
                    seen.add(ref.date)
                    refs.append(ref)

        for action, fields, _year in year_postbacks(html, resp.url):
            r = client.post(action, fields)
            add(meeting_refs(r.content.decode("utf-8", errors="replace"), r.url, src.base_url, path))
        # the per-year "Möteskalender": a second route to every year's meetings
        for url in calendar_links(html, resp.url):
            r = client.get(url)
            add(meeting_refs(r.content.decode("utf-8", errors="replace"), r.url, src.base_url, path))
        warn_short_listing(src, refs, ERA)
        return refs

    def parse_meeting(self, html: str, url: str, *, council: str | None = None,
                      hints: FilingHints | None = None) -> Meeting:
        return parse_meeting(html, url, council=council, hints=hints)

    def agenda_sources(self, html: str, url: str, src: Source) -> list[str]:
        return []

    def parse_agenda(self, data: bytes, url: str) -> tuple[list[AgendaItem], dt.date | None]:
        return [], None

    def protocol_urls(self, html: str, url: str, meeting: Meeting, src: Source) -> list[str]:
        return []  # the paragraphs are printed on the meeting page


REGISTRATION = Registration(Insynsverige(), council_page=re.compile(r"^/stockholm-[a-z0-9]+$"),
                            recorded_site="insynsverige")
