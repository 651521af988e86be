"""Helpers both platforms use: the meeting-page loop (``MeetingPage``), dates from URLs and
labels, canonical URLs, paragraph matching, and a generic reader of ASP.NET WebForms post-backs
(hidden fields + a year ``<select>``)."""
from __future__ import annotations

import datetime as dt
import logging
import re
from typing import Protocol
from urllib.parse import parse_qs, urljoin, urlsplit, urlunsplit

from bs4 import BeautifulSoup, Tag

from ingest.crawl import grammar
from ingest.crawl.grammar import FilingHints
from ingest.crawl.http import Response
from ingest.crawl.lines import Line, page_lines
from ingest.crawl.model import AgendaItem, Meeting, MeetingRef, Source
from ingest.parse import protocol
from remissvar.records import COUNCILS, MONTH_NUMBERS
from remissvar.textnorm import fold, squash

log = logging.getLogger(__name__)


class MeetingPage:
    """One meeting page read line by line: the loop and the bookkeeping both platforms share.

    ``parse`` hands each rendered line to ``line`` (the platform's rules, in its own order),
    closes the last entry, lets ``end`` finish what the platform keeps for last, and classifies
    every item. ``close`` ends the entry being read (its summary joined, ``keep`` deciding where
    it goes). The steps both pages take between their own rules: a section heading, a number on a
    line of its own, a numbered point of an item's decision, and an item's own line or summary."""

    def __init__(self, url: str, date: dt.date | None) -> None:
        self.meeting = Meeting(url=url, date=date)
        self.items: list[AgendaItem] = []
        self.current: AgendaItem | None = None  # the entry being read
        self.summary: list[str] = []  # its summary lines so far
        self.heading: str | None = None  # the section heading above it
        self.pending: str | None = None  # a number printed on a line of its own: the title follows
        self.in_decision = False  # inside its "Förslag till beslut": numbered lines are decision points
        self.seen_numbers: set[str] = set()  # the item numbers (digits) the page has used

    def parse(self, lines: list[Line], *, council: str | None, hints: FilingHints | None) -> Meeting:
        for ln in lines:
            self.line(ln)
        self.close()
        self.end()
        for item in self.items:
            grammar.classify(item, page_has_headings=self.meeting.has_headings, council=council, hints=hints)
        self.meeting.items = self.items
        return self.meeting

    # ---- the platform's rules
    def line(self, ln: Line) -> None:
        raise NotImplementedError

    def keep(self, item: AgendaItem) -> None:
        """Where a closed entry goes: the items."""
        self.items.append(item)

    def end(self) -> None:
        """After the last line: what the platform finishes on the whole page."""

    # ---- shared steps
    def close(self) -> None:
        if self.current is not None:
            self.current.summary = squash(" ".join(self.summary)) or None
            self.keep(self.current)
        self.current, self.summary, self.in_decision = None, [], False

    def heading_line(self, ln: Line) -> bool:
        """A section heading (not a link): it closes the entry and heads the ones that follow."""
        h = grammar.heading(ln.text)
        if h and not ln.links:
            self.close()
            self.heading, self.meeting.has_headings = h, True
            return True
        return False

    def number_line(self, text: str, *, documents: bool) -> bool:
        """An item's number in a block of its own (a cell, a div, a span): its title follows."""
        n = grammar.number_only(text)
        if n and not documents:
            self.close()
            self.pending = n
            return True
        return False

    def decision_point(self, il: tuple[str, str] | None, text: str) -> bool:
        """"1 Stadsdelsnämnden överlämnar …" inside an item's decision: a point of it, not an item."""
        if il and self.current is not None and self.in_decision and grammar.is_decision_point(
                il[0], il[1], self.seen_numbers):
            self.summary.append(text)
            return True
        return False

    def own_line(self, text: str, summary: str | None = None) -> None:
        """One of the current item's own lines (remittent, dnr, status …), else its summary
        (``summary``: the line as the summary takes it, when not as printed)."""
        assert self.current is not None
        if grammar.decision_start(text):
            self.in_decision = True
        if not grammar.read_own_line(self.current, text):
            self.summary.append(text if summary is None else summary)


def read_date(text: str) -> dt.date | None:
    """The first date written as 2011-03-17 or "17 mars 2011"."""
    for m in re.finditer(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b", text):
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            continue
    w = re.search(r"\b(\d{1,2})\s+(" + "|".join(MONTH_NUMBERS) + r")\s+(\d{4})\b", fold(text))
    if w:
        try:
            return dt.date(int(w.group(3)), MONTH_NUMBERS[w.group(2)], int(w.group(1)))
        except ValueError:
            return None
    return None


def url_date(url: str) -> dt.date | None:
    """The meeting date a URL states: ``date=`` query or a ``mote-YYYY-MM-DD`` slug."""
    parts = urlsplit(url)
    q = parse_qs(parts.query).get("date")
    if q:
        d = read_date(q[0])
        if d:
            return d
    m = re.search(r"mote-((?:19|20)\d\d-\d\d-\d\d)", parts.path)
    return read_date(m.group(1)) if m else None


def canonical(url: str, base_url: str) -> str:
    """The URL on the source's own scheme and host (http/https and mirror hosts are one),
    without fragment and without ``downloadMode``."""
    p, b = urlsplit(url), urlsplit(base_url)
    query = "&".join(kv for kv in p.query.split("&") if kv and not kv.lower().startswith("downloadmode="))
    return urlunsplit((b.scheme, b.netloc, p.path.rstrip("/") or "/", query, ""))


def match_paragraph(item: AgendaItem, paragraphs: dict[str, str]) -> str | None:
    """The protocol paragraph that decided an item: the one whose heading carries the item's
    title (paragraph numbers need not equal item numbers), else the same number when the
    title words overlap."""
    key = _words(item.title)[:50].strip()
    if len(key) >= 8:
        for text in paragraphs.values():
            if key in _words(text[:400]):
                return text
    num = re.sub(r"\D", "", item.number or "")
    if num and num in paragraphs:
        head = set(_words(paragraphs[num][:300]).split())
        if len(head & set(key.split())) >= 2:
            return paragraphs[num]
    return None


def _words(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", fold(text)).strip()


def split_paragraphs(text: str) -> dict[str, str]:
    """A protocol's text as its § paragraphs, number -> paragraph text (``ingest.parse.protocol``'s
    splitter: a table of contents listing every "§ N" once more keeps the longest block)."""
    return {str(p.number): p.text for p in protocol.split_paragraphs(text) if p.number is not None}


# ---- ASP.NET WebForms post-backs -------------------------------------------------------
_YEAR = re.compile(r"(19|20)\d\d")
_DO_POSTBACK = re.compile(r"__doPostBack\(\s*['\"]([^'\"]{1,200})['\"]\s*,\s*['\"]([^'\"]{0,200})['\"]\s*\)")


class _Posts:
    """The posts of one form, one per year."""

    def __init__(self, out: list[tuple[str, dict[str, str], str]], seen: set[str], action: str,
                 hidden: dict[str, str]) -> None:
        self.out, self.seen, self.action, self.hidden = out, seen, action, hidden

    def post(self, name: str, value: str, year: str, *, event: bool) -> None:
        if year in self.seen:
            return
        self.seen.add(year)
        fields = dict(self.hidden)
        if event:  # a link's post-back: the control is the event target, the year its argument
            fields["__EVENTTARGET"], fields["__EVENTARGUMENT"] = name, value
        else:
            if "__EVENTTARGET" in fields:
                fields["__EVENTTARGET"] = name
            fields[name] = value
        self.out.append((self.action, fields, year))


def year_postbacks(html: str, page_url: str) -> list[tuple[str, dict[str, str], str]]:
    """For a page whose form filters by year (hidden ``__VIEWSTATE`` etc.): (action URL, form
    fields, year) of one post per year not already shown. The filter may be a ``<select>`` with
    options besides the years ("Välj år", "Alla år"), or no select at all: year links that post
    back (``javascript:__doPostBack('…ctrFilterByYear…','2011')``) or year radio buttons."""
    soup = BeautifulSoup(html, "html.parser")
    out: list[tuple[str, dict[str, str], str]] = []
    for form in soup.find_all("form"):
        if not isinstance(form, Tag):
            continue
        hidden = {str(i.get("name")): str(i.get("value") or "") for i in form.find_all("input")
                  if isinstance(i, Tag) and i.get("name") and str(i.get("type") or "").lower() == "hidden"}
        if not any(k.startswith("__VIEWSTATE") for k in hidden):
            continue
        action = urljoin(page_url, str(form.get("action") or page_url))
        seen: set[str] = set()

        seen_form = _Posts(out, seen, action, hidden)
        post = seen_form.post

        for sel in form.find_all("select"):
            if not isinstance(sel, Tag) or not sel.get("name"):
                continue
            options = [o for o in sel.find_all("option") if isinstance(o, Tag)]
            values = [(str(o.get("value") if o.get("value") is not None else o.get_text()).strip(),
                       squash(o.get_text()), o.has_attr("selected")) for o in options]
            # a year is the option's value or its text ("Välj år" / "Alla år" beside them are no years)
            years = [(v, t if _YEAR.fullmatch(t) else v, s) for v, t, s in values
                     if _YEAR.fullmatch(v) or _YEAR.fullmatch(t)]
            if len(years) < 2:
                continue
            for v, year, selected in years:
                if not selected:
                    post(str(sel["name"]), v, year, event=False)
        # a non-select widget: year links posting back, or year radio buttons
        for a in form.find_all("a"):
            if not isinstance(a, Tag):
                continue
            text = squash(a.get_text())
            m = _DO_POSTBACK.search(str(a.get("href") or "") + " " + str(a.get("onclick") or ""))
            if m and _YEAR.fullmatch(text) and "selected" not in " ".join(a.get("class") or []):
                post(m.group(1), m.group(2), text, event=True)
        for i in form.find_all("input"):
            if (isinstance(i, Tag) and str(i.get("type") or "").lower() == "radio" and i.get("name")
                    and _YEAR.fullmatch(str(i.get("value") or "")) and not i.has_attr("checked")):
                post(str(i["name"]), str(i["value"]), str(i["value"]), event=False)
    return out


def calendar_links(html: str, page_url: str) -> list[str]:
    """The per-year "Möteskalender" pages a council page links (a second route to every year's
    meetings besides the year filter): links labelled or addressed so, on the page's host."""
    host = urlsplit(page_url).netloc
    out: list[str] = []
    for ln in page_lines(html, page_url, listing=True):
        for lk in ln.links:
            url = lk.url
            if urlsplit(url).netloc != host:
                continue
            words = fold(f"{lk.label} {ln.text}")
            if "moteskalender" in words or "moteskalender" in fold(url) or "kalender" in fold(urlsplit(url).path):
                if url not in out:
                    out.append(url)
    return out


def listing_gap(council: str, years: set[int], era: tuple[int, int]) -> tuple[int, int] | None:
    """(first, last) year the council existed on a platform's era when its listing holds fewer
    years than that span (the year filter not read, a route missing), else ``None``."""
    c = COUNCILS.get(council)
    first = max(era[0], c.from_year or era[0]) if c else era[0]
    last = min(era[1], c.to_year or era[1]) if c else era[1]
    if first > last:
        return None
    return (first, last) if len({y for y in years if first <= y <= last}) < last - first + 1 else None


def warn_short_listing(src: Source, refs: list[MeetingRef], era: tuple[int, int]) -> tuple[int, int] | None:
    """Log a warning when a council lists fewer years than its lineage spans on this platform."""
    years = {r.date.year for r in refs if r.date}
    gap = listing_gap(src.council, years, era)
    if gap:
        log.warning("%s (%s): %d år listade av %d–%d - årsfiltret eller möteskalendern lästes inte helt",
                    src.name, src.platform, len({y for y in years if gap[0] <= y <= gap[1]}), gap[0], gap[1])
    return gap


def discover_path(html: str, page_url: str, names: tuple[str, ...]) -> str | None:
    """The path of the link on a listing page (the city's list of councils, MeetingPlus'
    committees) whose text names the council: hyphen, en dash, spaces and the genitive s alike."""
    wanted = [_name_key(n) for n in names]
    for ln in page_lines(html, page_url, listing=True):
        for lk in ln.links:
            if any(w and w == _name_key(lk.label) for w in wanted):
                return urlsplit(lk.url).path.rstrip("/") or None
    return None


def _name_key(name: str) -> str:
    words = re.sub(r"[^a-z]+", " ", fold(name)).split()
    words = [w for w in words if w not in ("stadsdelsnamnd", "stadsdelsnamnden", "sdn")]
    return " ".join(w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words)


class Fetching(Protocol):
    def get(self, url: str) -> Response: ...


def council_path(src: Source, client: Fetching) -> str | None:
    """The council's path: configured, or (slug not verified) discovered on ``discover_url``."""
    if src.path:
        return src.path
    if not (src.discover and src.discover_url):
        return None
    resp = client.get(src.base_url.rstrip("/") + src.discover_url)
    return discover_path(resp.content.decode("utf-8", errors="replace"), resp.url, src.discover)


def label_date(label: str) -> dt.date | None:
    return read_date(squash(label))
