"""MeetingPlus' JSON side: pure functions over saved bytes.

MeetingPlus renders parts of a meeting page with JavaScript from JSON endpoints under
``/api/v2.0/meetings/<id>/…`` and serves a zip of a meeting's protocol documents under
``/api/v2.0/meetings/<id>/download/Protocol``. The crawler reads the server HTML first
(``platforms.meetingplus.parse_meeting``); where that yields no agenda, it uses these:

- ``api_refs``: the meeting id and the API URLs the page itself names (attributes, inline
  scripts), plus the source's configured endpoint templates filled with that id. Nothing
  is built from titles.
- ``parse_agenda_json``: agenda items from an API response. The live response format
  could not be observed from here, so the reader is deliberately *schema-tolerant*: it
  walks the JSON for objects that look like agenda items (a title, a number or a numbered
  title) and collects document URLs under them by the same URL patterns the HTML parser
  uses (``/agenda/``, ``/protocol/``, ``.pdf``). Key names are matched loosely
  (``title``/``name``/``heading``/``rubrik`` …), so a renamed field does not silently
  drop items; an answer with no recognisable items yields none, which the crawler
  reports as markup drift.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from ingest.crawl import grammar
from ingest.crawl.model import AgendaItem, DocumentLink
from ingest.crawl.protocol_files import ApiFormatError
from remissvar.textnorm import fold, squash

API_MEETING = re.compile(r"/api/v\d+(?:\.\d+)?/meetings/(\d+)(?:/[\w./%-]*)?", re.I)
_NUMBERED = re.compile(r"^\s*(?:§\s*)?(\d{1,3})[.)]?\s+(\S.*)$", re.S)
TITLE_KEYS = ("title", "name", "heading", "rubrik", "titel", "namn", "subject", "caption", "rubric", "arende", "label")
NUMBER_KEYS = ("number", "itemnumber", "nr", "no", "ordinal", "paragraph", "paragraf", "arendenummer", "position")
TEXT_KEYS = ("description", "text", "summary", "beskrivning", "subtitle", "details", "body", "note")
URL_KEYS = ("url", "href", "link", "lank", "downloadurl", "fileurl", "path", "uri", "src")
DATE_KEYS = ("date", "startdate", "meetingdate", "start", "datum", "starttime", "from")


@dataclass
class ApiRefs:
    meeting_id: str | None
    json_urls: list[str] = field(default_factory=list)
    protocol_zip: str | None = None


def api_refs(html: str, page_url: str, templates: tuple[str, ...] = ()) -> ApiRefs:
    """The meeting id and API URLs named on a meeting page (hrefs, data attributes, scripts)."""
    soup = BeautifulSoup(html, "html.parser")
    texts = [str(v) for tag in soup.find_all(True) for value in tag.attrs.values()
             for v in (value if isinstance(value, list) else [value])]
    texts += [script.get_text() for script in soup.find_all("script")]
    matches = [m for t in texts for m in API_MEETING.finditer(t)]
    found = [m.group(0) for m in matches]
    ids = [m.group(1) for m in matches]
    ids += [str(tag["data-meeting-id"]).strip() for tag in soup.select("[data-meeting-id]")]
    ids = [i for i in dict.fromkeys(ids) if i.isdigit()]
    refs = ApiRefs(meeting_id=ids[0] if len(ids) == 1 else None)
    for u in dict.fromkeys(found):
        full = urljoin(page_url, u)
        if "/download/" in u.lower():
            if u.lower().rstrip("/").endswith("/download/protocol"):
                refs.protocol_zip = refs.protocol_zip or full
        elif full not in refs.json_urls:
            refs.json_urls.append(full)
    if refs.meeting_id:
        base = f"{urlsplit(page_url).scheme}://{urlsplit(page_url).netloc}"
        for t in templates:
            u = urljoin(base, t.format(id=refs.meeting_id))
            if u not in refs.json_urls:
                refs.json_urls.append(u)
        if refs.protocol_zip is None:
            # the one documented MeetingPlus download path, from the id the page states
            refs.protocol_zip = f"{base}/api/v2.0/meetings/{refs.meeting_id}/download/Protocol"
    return refs


def _norm(key: str) -> str:
    return re.sub(r"[^a-z]", "", fold(key))


def _pick(obj: dict[str, Any], keys: tuple[str, ...]) -> Any:
    by = {_norm(k): v for k, v in obj.items()}
    for k in keys:
        v = by.get(k)
        if v not in (None, "", [], {}):
            return v
    return None


def _is_doc_url(v: str) -> bool:
    low = v.lower().split("?")[0]
    return "/agenda/" in low or "/protocol/" in low or low.endswith(".pdf") or bool(re.search(r"pdf(-\d+)?$", low))


def _documents(obj: Any, base_url: str, title: str = "") -> list[DocumentLink]:
    out: list[DocumentLink] = []
    if isinstance(obj, dict):
        t = _pick(obj, TITLE_KEYS)
        here = squash(str(t)) if isinstance(t, (str, int)) else title
        for k, v in obj.items():
            if isinstance(v, str) and _norm(k) in URL_KEYS and _is_doc_url(v):
                out.append(_link(urljoin(base_url, v.strip()), here))
            elif isinstance(v, (dict, list)):
                out += _documents(v, base_url, here)
    elif isinstance(obj, list):
        for v in obj:
            out += _documents(v, base_url, title)
    return out


def _link(url: str, title: str) -> DocumentLink:
    return DocumentLink(url, title, grammar.document_kind(url, title))


def _as_item(obj: dict[str, Any]) -> tuple[str | None, str] | None:
    t = _pick(obj, TITLE_KEYS)
    if not isinstance(t, str) or not t.strip():
        return None
    title = squash(t)
    n = _pick(obj, NUMBER_KEYS)
    num = str(n).strip().lstrip("§ ") if isinstance(n, (int, str)) else ""
    m = _NUMBERED.match(title)
    if num.isdigit():
        return num, (squash(m.group(2)) if m and m.group(1) == num else title)
    if m:
        return m.group(1), squash(m.group(2))
    return None


def parse_agenda_json(data: bytes | str, base_url: str) -> tuple[list[AgendaItem], dt.date | None]:
    """Agenda items (classified as remiss answers or not) and the meeting date, if stated."""
    try:
        doc = json.loads(data)
    except (ValueError, UnicodeDecodeError) as e:
        raise ApiFormatError(f"inte JSON: {e}") from e
    items: list[AgendaItem] = []
    seen: set[tuple[str | None, str]] = set()

    def walk(obj: Any, headings: list[str], top: bool = False) -> None:
        if isinstance(obj, list):
            for v in obj:
                walk(v, headings)
            return
        if not isinstance(obj, dict):
            return
        found = _as_item(obj)
        if found and found not in seen:
            seen.add(found)
            number, title = found
            text = _pick(obj, TEXT_KEYS)
            item = AgendaItem(number=number, title=title, heading=headings[-1] if headings else None)
            summary = []
            for sentence in re.split(r"(?<=\.)\s+", squash(text)) if isinstance(text, str) else []:
                if sentence and not grammar.read_own_line(item, sentence):
                    summary.append(sentence)
            item.summary = " ".join(summary) or None
            for d in _documents(obj, base_url, title):
                if d.url not in [x.url for x in item.documents]:
                    item.documents.append(d)
            items.append(grammar.classify(item, page_has_headings=bool(headings)))
            return
        heading = None if top else _pick(obj, TITLE_KEYS)  # the meeting's own name is no heading
        sub = headings + [squash(heading)] if isinstance(heading, str) and heading.strip() else headings
        for v in obj.values():
            walk(v, sub)

    walk(doc, [], top=True)
    return items, _find_date(doc)


def _find_date(obj: Any, depth: int = 0) -> dt.date | None:
    if depth > 3:
        return None
    if isinstance(obj, dict):
        for k, v in obj.items():
            if _norm(k) in DATE_KEYS and isinstance(v, str):
                m = re.match(r"(\d{4})-(\d{2})-(\d{2})", v.strip())
                if m:
                    return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        for v in obj.values():
            if isinstance(v, dict):
                d = _find_date(v, depth + 1)
                if d:
                    return d
    return None
