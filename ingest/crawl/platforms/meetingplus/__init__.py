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
from ingest.crawl.lines import Link, page_lines
from ingest.crawl.model import AgendaItem, DocumentLink, Meeting, MeetingRef, Source
from ingest.crawl.platforms import Client, Registration
from ingest.crawl.platforms.common import canonical, council_path, label_date, read_date, url_date
from ingest.crawl.platforms.meetingplus import api
from remissvar.records import DocumentKind
from remissvar.textnorm import fold, squash

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


def parse_meeting(html: str, url: str, *, council: str | None = None, hints: FilingHints | None = None) -> Meeting:
    meeting = Meeting(url=url, date=_page_date(html, url))
    items: list[AgendaItem] = []
    current: AgendaItem | None = None
    title_group: int | None = None
    pending: str | None = None
    in_bilagor = False
    state = "agenda"
    heading: str | None = None
    summary: list[str] = []
    extracts: list[tuple[str, DocumentLink]] = []  # "(Signerad) Protokoll § N omedelbar justering"
    in_decision = False
    seen_numbers: set[str] = set()

    def extract(lk: Link, t: str) -> bool:
        n = grammar.protocol_extract(lk.label or t)
        if n is None:
            return False
        extracts.append((n, DocumentLink(lk.url, lk.label or t, DocumentKind.PROTOKOLLSUTDRAG)))
        return True

    def close() -> None:
        nonlocal current, summary, in_bilagor, in_decision
        in_decision = False
        if current is not None:
            seen_numbers.add(re.sub(r"\D", "", current.number or ""))
        if current is not None:
            current.summary = squash(" ".join(summary)) or None
            if not current.title:  # header not in the text: the attachment's link text, else the summary
                first = next((d.label for d in current.documents
                              if d.kind != DocumentKind.PROTOKOLLSUTDRAG and d.label), None)
                current.title = first or (current.summary or "")[:160]
            if current.number is None and not current.documents and not items:
                meeting.unmatched.append(current.title)  # before the agenda: navigation, notices
            elif current.title or current.documents:
                items.append(current)
        current, summary, in_bilagor = None, [], False

    for ln in page_lines(html, url):
        t = ln.text
        f = fold(t).rstrip(" :")
        if f in _SKIP:
            continue
        # the Protokoll tab: a label, or a link that opens the tab (``a#openProtocol``), not a file
        if f == "protokoll" and not any(_is_attachment(lk.url) for lk in ln.links):
            close()
            state = "protocol"
            continue
        if f in ("kallelse", "dagordning", "arendelista", "foredragningslista") and not ln.links:
            close()
            state = "agenda"
            continue
        attachments = [lk for lk in ln.links if _is_attachment(lk.url)]
        if state == "protocol" and (grammar.number_only(t) or (ln.header and grammar.item_line(t))) and not attachments:
            state = "agenda"  # "Protokoll" was a tab label above the agenda, not the tab's content
        if state == "protocol":
            for lk in ln.links:
                if _is_attachment(lk.url) and not extract(lk, t):
                    meeting.protocol_links.append(DocumentLink(lk.url, lk.label or t, DocumentKind.PROTOKOLL))
            continue
        h = grammar.heading(t)
        if h and not ln.links:
            close()
            heading, meeting.has_headings = h, True
            continue
        n = grammar.number_only(t)
        if n and not attachments:
            close()
            pending = n
            continue
        if pending is not None and t and not attachments:  # the title may itself be a link
            current = AgendaItem(number=pending, title=t, heading=heading)
            title_group, pending = ln.group, None
            continue
        il = grammar.item_line(t) if not attachments else None
        if il and current is not None and in_decision and grammar.is_decision_point(il[0], il[1], seen_numbers):
            summary.append(t)  # "1 Stadsdelsnämnden överlämnar …": a point of the item's decision
            continue
        if il and (ln.header or il[1][:1].isupper()):
            close()
            current = AgendaItem(number=il[0], title=il[1], heading=heading)
            title_group = ln.group
            continue
        if grammar.is_documents_marker(t) and not ln.links:
            if current is None:
                current = AgendaItem(number=None, title="", heading=heading)
                title_group = ln.group
            in_bilagor = True
            continue
        if attachments:
            if current is None:
                current = AgendaItem(number=None, title="", heading=heading)
                title_group = ln.group
            in_decision = False
            for lk in ln.links:
                n = grammar.protocol_extract(lk.label or t)
                own = n is not None and re.sub(r"\D", "", current.number or "") == n  # the item's own extract
                if not _is_attachment(lk.url) or (not own and extract(lk, t)):
                    continue
                if _full_protocol(lk.url, lk.label):
                    meeting.protocol_links.append(DocumentLink(lk.url, lk.label or t, DocumentKind.PROTOKOLL))
                elif lk.url not in [d.url for d in current.documents]:
                    label = lk.label or t
                    current.documents.append(DocumentLink(lk.url, label, grammar.document_kind(lk.url, label)))
            continue
        if not t:
            continue
        if current is None and ln.group is None and not items:
            meeting.unmatched.append(t)  # before the first entry: committee, date, notices
            continue
        # prose after an entry's attachments, or in another list entry, starts an entry whose
        # number and title are not in the text
        new_entry = current is None or in_bilagor or (
            ln.group is not None and title_group is not None and ln.group != title_group)
        if new_entry:
            # an entry whose number and title are not in the text: it starts with its summary
            close()
            current = AgendaItem(number=None, title="", heading=heading)
            title_group = ln.group
        assert current is not None
        if grammar.decision_start(t):
            in_decision = True
        if grammar.read_own_line(current, t):
            continue
        summary.append(t)
    close()
    for number, link in extracts:  # an extract goes to its paragraph's item, else stays with the meeting
        target = grammar.route_extract(items, number)
        if target is None:
            meeting.protocol_links.append(link)
        elif link.url not in [d.url for d in target.documents]:
            target.documents.append(link)
    for item in items:
        grammar.classify(item, page_has_headings=meeting.has_headings, council=council, hints=hints)
    meeting.items = items
    return meeting


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
