"""MeetingPlus (Formpipe) pages: pure functions over saved HTML.

Link discovery follows URL patterns and link texts, not CSS classes:
- council page: links to ``/committees/<council>/<meeting-slug>`` (slug opaque);
- meeting page: agenda items are list entries that start with a number; their
  attachments are links containing ``/agenda/`` (kept as found, with any ``pdf-NNNN``
  suffix); protocol documents are links containing ``/protocol/``; unsigned protocols
  (``javascript:void(0);``) are skipped.
"""
from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

from ingest.crawl.model import AgendaItem, DocumentLink, Meeting
from ingest.crawl.remiss_detect import classify
from remissvar.records import MONTH_NUMBERS
from remissvar.textnorm import fold, squash

MONTHS = MONTH_NUMBERS
_ITEM_START = re.compile(r"^\s*(\d{1,3})[.)]?\s+(\S.*)$", re.S)


class MarkupError(ValueError):
    """The page did not look like the platform's page (markup drift): fail loudly."""


def meeting_links(html: str, page_url: str) -> list[str]:
    """Meeting URLs on a council page, unique, in page order."""
    soup = BeautifulSoup(html, "html.parser")
    council_path = urlsplit(page_url).path.rstrip("/")
    out: list[str] = []
    for a in soup.find_all("a", href=True):
        href = a["href"].strip()
        if href.startswith("javascript:"):
            continue
        url = urljoin(page_url, href).split("#")[0]
        path = urlsplit(url).path.rstrip("/")
        parts = path.split("/")
        if path.startswith(council_path + "/") and len(parts) == len(council_path.split("/")) + 1:
            if url not in out:
                out.append(url)
        elif "/welcome-sv/namnder-styrelser/" in path and re.search(r"/mote-\d{4}-\d{2}-\d{2}$", path):
            if url not in out:
                out.append(url)
    return out


def read_date(text: str) -> dt.date | None:
    m = re.search(r"\b(20\d\d|19\d\d)-(\d\d)-(\d\d)\b", text)
    if m:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.search(r"\b(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+(\d{4})\b", fold(text))
    if m:
        return dt.date(int(m.group(3)), MONTHS[m.group(2)], int(m.group(1)))
    return None


def _doc_kind(title: str) -> str:
    f = fold(title)
    if "tjansteutlatande" in f:
        return "tjansteutlatande"
    if "protokoll" in f or "§" in title:
        return "protokollsutdrag"
    return "bilaga"


def parse_meeting(html: str, url: str) -> Meeting:
    soup = BeautifulSoup(html, "html.parser")
    main = soup.find("main") or soup.body or soup
    header = main.find(["h1"])
    date = None
    t = main.find("time")
    if isinstance(t, Tag) and t.get("datetime"):
        date = read_date(str(t["datetime"]))
    if date is None:
        date = read_date(header.get_text(" ") if header else main.get_text(" ")[:500])
    items: list[AgendaItem] = []
    seen_docs: set[str] = set()
    protocol_links: list[DocumentLink] = []
    for a in main.find_all("a", href=True):
        href = a["href"].strip()
        if href.startswith("javascript:") or "/protocol/" not in href:
            continue
        link = DocumentLink(urljoin(url, href), squash(a.get_text(" ")), "protokollsutdrag")
        if link.url not in [p.url for p in protocol_links]:
            protocol_links.append(link)
    heading = None
    for li in main.find_all("li"):
        # an agenda item: a list entry whose own title starts with a number
        title_el = li.find(["h2", "h3", "h4", "strong"], recursive=True)
        title_text = squash(title_el.get_text(" ")) if title_el else ""
        m = _ITEM_START.match(title_text)
        if not m:
            continue
        sec = li.find_previous(["h2"])
        heading = squash(sec.get_text(" ")) if sec else heading
        item = AgendaItem(number=m.group(1), title=squash(m.group(2)) + _details(li, title_el),
                          headings=[heading] if heading else [])
        for a in li.find_all("a", href=True):
            href = a["href"].strip()
            if href.startswith("javascript:"):
                continue
            full = urljoin(url, href)
            if "/agenda/" in href and full not in seen_docs:
                seen_docs.add(full)
                item.documents.append(DocumentLink(full, squash(a.get_text(" ")), _doc_kind(a.get_text(" "))))
            elif "/protocol/" in href and full not in seen_docs:
                seen_docs.add(full)
                item.documents.append(DocumentLink(full, squash(a.get_text(" ")), "protokollsutdrag"))
        items.append(classify(item))
    return Meeting(url=url, date=date, items=items, protocol_links=protocol_links)


def _details(li: Tag, title_el: Tag | None) -> str:
    """Text lines of the item beside its title (remitting body, dnr), links excluded."""
    extra = []
    for p in li.find_all(["p", "span", "div"], recursive=True):
        if p.find("a") or (title_el and title_el in p.parents) or p is title_el:
            continue
        t = squash(p.get_text(" "))
        if t and t not in extra:
            extra.append(t)
    return (". " + ". ".join(extra)) if extra else ""
