"""MeetingPlus (Stockholm 2019–), hosts ``edokmeetings.stockholm.se`` and
``meetingspublic.stockholm.se`` serving the same paths: one source, one canonical URL per meeting.

Committee page ``/committees/<slug>``: meetings ``…/mote-YYYY-MM-DD`` (``-installt`` when
cancelled; the date also in the link's label), plus non-meeting links such as
``/representatives`` that are ignored. Meeting page, read as rendered lines
(``../shared/README.md``): each agenda entry's number (or ``§ N`` once the protocol is out)
on its own line before the title — or number and title together in a collapsible header
(button, heading, aria label) — then summary paragraphs, ``Bilagor`` and the attachment
links; entries whose header is not in the text at all start with their summary; free-text
entries have no number. The Protokoll tab links the full signed protocol (``/protocol/``);
``javascript:void(0);`` / "Inget protokoll har publicerats" when unsigned.
"""
from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag

from ingest.crawl import grammar
from ingest.crawl.grammar import FilingHints
from ingest.crawl.lines import Line, Link, page_lines
from ingest.crawl.model import AgendaItem, DocumentLink, Meeting, MeetingRef, Source
from ingest.crawl.platforms import Client, Registration
from ingest.crawl.platforms.common import MeetingPage, canonical, council_path, label_date, read_date, url_date
from ingest.crawl.platforms.meetingplus import api
from remissvar.records import DocumentKind
from remissvar.textnorm import fold

HOSTS = ("edokmeetings.stockholm.se", "meetingspublic.stockholm.se")
_MEETING_SLUG = re.compile(r"^(mote-\d{4}-\d{2}-\d{2}(?:-installt)?|[\w-]*\d[\w-]*)$")
_NOT_MEETINGS = ("representatives", "members", "ledamoter", "documents", "dokument", "agenda", "protocol")
_SKIP = ("hoppa over navigering", "inget protokoll har publicerats", "ladda ner allt", "oppna kallelse")


def meeting_refs(html: str, page_url: str, base_url: str, committee_path: str) -> list[MeetingRef]:
    """Meetings a committee page links, unique by canonical URL, in page order."""
    council = committee_path.rstrip("/")
    slug = council.rsplit("/", 1)[-1]
    out: list[MeetingRef] = []
    for ln in page_lines(html, page_url, listing=True):
        for lk in ln.links:
            path = urlsplit(lk.url).path.rstrip("/")
            if path.startswith(council + "/"):
                rest = path[len(council) + 1:]
            else:
                m = re.match(rf"^/welcome-sv/namnder-styrelser/{re.escape(slug)}/([^/]+)$", path)
                if not m:
                    continue
                rest = m.group(1)
            if "/" in rest or rest in _NOT_MEETINGS or not _MEETING_SLUG.match(rest):
                continue
            url = canonical(base_url.rstrip("/") + council + "/" + rest, base_url)
            if url in [r.url for r in out]:
                continue
            d = url_date(url) or label_date(lk.aria) or label_date(lk.label) or label_date(ln.text)
            out.append(MeetingRef(url, d, cancelled=rest.endswith("-installt")))
    return out


def _page_date(html: str, url: str) -> dt.date | None:
    d = url_date(url)
    if d:
        return d
    soup = BeautifulSoup(html, "html.parser")
    t = soup.find("time")
    if isinstance(t, Tag) and t.get("datetime"):
        d = read_date(str(t["datetime"]))
        if d:
            return d
    main = soup.find("main") or soup.body or soup
    return read_date(main.get_text(" ")[:800])


def _is_attachment(url: str) -> bool:
    low = url.lower()
    return "/agenda/" in low or "/protocol/" in low or bool(re.search(r"pdf(-\d+)?(\?|$)", low))


def _full_protocol(url: str, label: str) -> bool:
    return "/protocol/" in url.lower() and not re.search(r"§\s?\d", label) and "utdrag" not in fold(label)


class _Page(MeetingPage):
    """A MeetingPlus meeting page: the Kallelse tab's entries, the Protokoll tab's files."""

    def __init__(self, url: str, date: dt.date | None) -> None:
        super().__init__(url, date)
        self.state = "agenda"  # | "protocol" (the Protokoll tab)
        self.title_group: int | None = None  # the list entry the current item's title stands in
        self.in_bilagor = False  # after the current item's "Bilagor"
        self.extracts: list[tuple[str, DocumentLink]] = []  # "(Signerad) Protokoll § N omedelbar justering"

    def start(self, number: str | None, title: str, group: int | None) -> None:
        self.current = AgendaItem(number=number, title=title, heading=self.heading)
        self.title_group = group

    def extract(self, lk: Link, t: str) -> bool:
        n = grammar.protocol_extract(lk.label or t)
        if n is None:
            return False
        self.extracts.append((n, DocumentLink(lk.url, lk.label or t, DocumentKind.PROTOKOLLSUTDRAG)))
        return True

    def close(self) -> None:
        super().close()
        self.in_bilagor = False

    def keep(self, item: AgendaItem) -> None:
        self.seen_numbers.add(re.sub(r"\D", "", item.number or ""))
        if not item.title:  # header not in the text: the attachment's link text, else the summary
            first = next((d.label for d in item.documents
                          if d.kind != DocumentKind.PROTOKOLLSUTDRAG and d.label), None)
            item.title = first or (item.summary or "")[:160]
        if item.number is None and not item.documents and not self.items:
            self.meeting.unmatched.append(item.title)  # before the agenda: navigation, notices
        elif item.title or item.documents:
            self.items.append(item)

    def line(self, ln: Line) -> None:
        t = ln.text
        f = fold(t).rstrip(" :")
        if f in _SKIP:
            return
        # the Protokoll tab: a label, or a link that opens the tab (``a#openProtocol``), not a file
        if f == "protokoll" and not any(_is_attachment(lk.url) for lk in ln.links):
            self.close()
            self.state = "protocol"
            return
        if f in ("kallelse", "dagordning", "arendelista", "foredragningslista") and not ln.links:
            self.close()
            self.state = "agenda"
            return
        attachments = [lk for lk in ln.links if _is_attachment(lk.url)]
        if self.state == "protocol" and (grammar.number_only(t) or (ln.header and grammar.item_line(t))) \
                and not attachments:
            self.state = "agenda"  # "Protokoll" was a tab label above the agenda, not the tab's content
        if self.state == "protocol":
            for lk in attachments:
                if not self.extract(lk, t):
                    self.meeting.protocol_links.append(DocumentLink(lk.url, lk.label or t, DocumentKind.PROTOKOLL))
            return
        if self.heading_line(ln) or self.number_line(t, documents=bool(attachments)):
            return
        if self.pending is not None and t and not attachments:  # the title may itself be a link
            self.start(self.pending, t, ln.group)
            self.pending = None
            return
        il = grammar.item_line(t) if not attachments else None
        if self.decision_point(il, t):
            return
        if il and (ln.header or il[1][:1].isupper()):
            self.close()
            self.start(il[0], il[1], ln.group)
            return
        if grammar.is_documents_marker(t) and not ln.links:
            if self.current is None:
                self.start(None, "", ln.group)
            self.in_bilagor = True
            return
        if attachments:
            self.attachments(ln, t)
            return
        if not t:
            return
        if self.current is None and ln.group is None and not self.items:
            self.meeting.unmatched.append(t)  # before the first entry: committee, date, notices
            return
        # prose after an entry's attachments, or in another list entry, starts an entry whose
        # number and title are not in the text: it starts with its summary
        if self.current is None or self.in_bilagor or (
                ln.group is not None and self.title_group is not None and ln.group != self.title_group):
            self.close()
            self.start(None, "", ln.group)
        self.own_line(t)

    def attachments(self, ln: Line, t: str) -> None:
        """A line of attachment links: the current item's files, its own protocol extract, the
        full protocol, or another paragraph's extract (routed at the end)."""
        if self.current is None:
            self.start(None, "", ln.group)
        assert self.current is not None
        self.in_decision = False
        for lk in ln.links:
            n = grammar.protocol_extract(lk.label or t)
            own = n is not None and re.sub(r"\D", "", self.current.number or "") == n  # the item's own extract
            if not _is_attachment(lk.url) or (not own and self.extract(lk, t)):
                continue
            if _full_protocol(lk.url, lk.label):
                self.meeting.protocol_links.append(DocumentLink(lk.url, lk.label or t, DocumentKind.PROTOKOLL))
            elif lk.url not in [d.url for d in self.current.documents]:
                label = lk.label or t
                self.current.documents.append(DocumentLink(lk.url, label, grammar.document_kind(lk.url, label)))

    def end(self) -> None:
        for number, link in self.extracts:  # an extract goes to its paragraph's item, else stays with the meeting
            target = grammar.route_extract(self.items, number)
            if target is None:
                self.meeting.protocol_links.append(link)
            elif link.url not in [d.url for d in target.documents]:
                target.documents.append(link)


def parse_meeting(html: str, url: str, *, council: str | None = None, hints: FilingHints | None = None) -> Meeting:
    return _Page(url, _page_date(html, url)).parse(page_lines(html, url), council=council, hints=hints)


class MeetingPlus:
    name = "meetingplus"
    drift_hint = " (byggs sidan med JavaScript? prova --browser)"

    def owns(self, url: str) -> bool:
        p = urlsplit(url)
        return (p.hostname or "") in HOSTS or "/committees/" in p.path or "/namnder-styrelser/" in p.path

    def list_meetings(self, src: Source, client: Client) -> list[MeetingRef]:
        path = council_path(src, client)
        if path is None:
            return []
        resp = client.get(src.base_url.rstrip("/") + path)
        return meeting_refs(resp.content.decode("utf-8", errors="replace"), resp.url, src.base_url, path)

    def parse_meeting(self, html: str, url: str, *, council: str | None = None,
                      hints: FilingHints | None = None) -> Meeting:
        return parse_meeting(html, url, council=council, hints=hints)

    def agenda_sources(self, html: str, url: str, src: Source) -> list[str]:
        return api.api_refs(html, url, src.api_paths).json_urls

    def parse_agenda(self, data: bytes, url: str) -> tuple[list[AgendaItem], dt.date | None]:
        return api.parse_agenda_json(data, url)

    def protocol_urls(self, html: str, url: str, meeting: Meeting, src: Source) -> list[str]:
        urls = [p.url for p in meeting.protocol_links]
        z = api.api_refs(html, url, src.api_paths).protocol_zip
        if z and z not in urls:
            urls.append(z)
        return urls


REGISTRATION = Registration(MeetingPlus(), council_page=re.compile(r"^/committees/[a-z0-9-]+$"),
                            recorded_site="meetingplus")
