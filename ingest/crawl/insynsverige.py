"""insynsverige.se (legacy archive, about 2004–2019): pure functions over saved HTML.

A district's page lists meetings as links ``…/protokoll?date=YYYY-MM-DD``; a meeting page
has numbered agenda items under headings ("Remisser", "Remissärenden",
"Beslutsärenden" …), "Läs dokument (PDF)" links, and for held meetings the protocol
paragraphs ("§8 …") further down.
"""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

from ingest.crawl.meetingplus import read_date
from ingest.crawl.model import AgendaItem, DocumentLink, Meeting
from ingest.crawl.remiss_detect import classify
from remissvar.textnorm import fold, squash

_ITEM = re.compile(r"^\s*(\d{1,3})\.\s+(\S.*)$", re.S)
_PARA = re.compile(r"^\s*§\s*(\d{1,3})\s*(.*)$", re.S)

def meeting_links(html: str, page_url: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    base_path = urlsplit(page_url).path.rstrip("/")
    out: list[str] = []
    for a in soup.find_all("a", href=True):
        url = urljoin(page_url, a["href"].strip()).split("#")[0]
        parts = urlsplit(url)
        if parts.path.rstrip("/") == base_path + "/protokoll" and "date" in parse_qs(parts.query):
            if url not in out:
                out.append(url)
    return out

def parse_meeting(html: str, url: str) -> Meeting:
    soup = BeautifulSoup(html, "html.parser")
    main = soup.find("main") or soup.body or soup
    qs = parse_qs(urlsplit(url).query)
    date = read_date(qs.get("date", [""])[0]) or read_date(main.get_text(" ")[:400])
    items: list[AgendaItem] = []
    paragraphs: dict[str, str] = {}
    heading: str | None = None
    current: AgendaItem | None = None
    in_protocol = False
    current_para: str | None = None
    for el in main.descendants:
        if not isinstance(el, Tag):
            continue
        if el.name in ("h2", "h3"):
            heading = squash(el.get_text(" "))
            in_protocol = fold(heading).startswith("protokoll")
            current = None
            continue
        if el.name not in ("p", "li"):
            continue
        text = squash(el.get_text(" "))
        if not text:
            continue
        if in_protocol:
            pm = _PARA.match(text)
            if pm:
                current_para = pm.group(1)
                paragraphs[current_para] = el.get_text("\n").strip()
            elif current_para:
                paragraphs[current_para] += "\n\n" + el.get_text("\n").strip()
            continue
        m = _ITEM.match(text)
        if m and not el.find("a"):
            current = AgendaItem(number=m.group(1), title=squash(m.group(2)), headings=[heading] if heading else [])
            items.append(current)
            continue
        if current is not None:
            for a in el.find_all("a", href=True):
                href = a["href"].strip()
                if href.startswith("javascript:"):
                    continue
                label = squash(a.get_text(" "))
                current.documents.append(DocumentLink(urljoin(url, href), label, "tjansteutlatande"))
    for item in items:
        classify(item)
        item.protocol_text = _match_paragraph(item, paragraphs)
    return Meeting(url=url, date=date, items=items)

def _match_paragraph(item: AgendaItem, paragraphs: dict[str, str]) -> str | None:
    """The protocol paragraph that treats this item: its text starts with the item's title."""
    key = fold(item.title)[:40]
    for text in paragraphs.values():
        body = fold(squash(_PARA.sub(r"\2", text)))
        if key in body[:200]:
            return text
    return None

