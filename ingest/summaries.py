"""Reading kommunstyrelsen's and kommunfullmäktige's utlåtanden: summaries of many answers.

The crawler stores their utlåtanden as ``DocumentKind.UTLATANDE`` (``ingest.crawl.summary_items``);
they are never parsed or indexed as answers. Here each one is read once per content and
reader version (text under the parse budget, in a child process like any untrusted PDF):

- its header: "Utlåtande 2025:31 RV (Dnr KS 2024/951)", the title, "Motion (2024:58) av …";
- the bodies asked and each named body's view or that it did not answer, with the sentence:
  ``remissvar.position_summaries.read_summary`` (its ``bodies_asked``: "Ärendet har
  remitterats till …", "… som har underremitterat ärendet till …"; named views from
  ``remissvar.positions``, "Övriga remissinstanser har inget att erinra" for the rest);
- the keys that tie it to the answers of its remiss (``remissvar.summary_store.link_keys``:
  the remitting dnr and the motion number, as the remiss linker keys them) and the remiss keys
  already holding answers with those keys (``RemissKeyStore.keys_with``).

The result goes to ``remissvar.summary_store.SummaryStore``; the remiss page's list of bodies
asked reads it (``search_api.asked``). A file that cannot be read is a crawl failure of its
URL (status page), and the next crawl reads it again.
"""
from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from ingest.crawl.model import load_sources
from ingest.crawl.store import RawStore
from ingest.crawl.summary_items import SUMMARIES
from ingest.parse.budget import run_bounded
from ingest.parse.extract import ExtractError, extract
from remissvar import remiss_fields as rf
from remissvar.bodies import body_key
from remissvar.position_summaries import read_summary as read_views
from remissvar.records import COUNCILS, DocumentKind, council_from_name
from remissvar.remiss_keys import RemissKeyStore
from remissvar.remiss_keys import default_store_path as key_store_path
from remissvar.sendlist import read_sendlist
from remissvar.settings import Settings
from remissvar.summary_store import SummaryBody, SummaryDoc, SummaryStore, default_store_path, link_keys
from remissvar.textnorm import fold, squash

log = logging.getLogger(__name__)
READER_VERSION = 1  # raise when this module's reading changes: every summary is read again on the next crawl


@lru_cache(maxsize=1)
def reader_version() -> int:
    """This module's version and the language rules it reads with (the sources of
    ``remissvar.positions``, ``position_cues``, ``position_summaries``, ``bodies``): a change to
    any of them reads every stored utlåtande again on the next crawl."""
    import remissvar.bodies
    import remissvar.position_cues
    import remissvar.position_summaries
    import remissvar.positions

    h = hashlib.sha256(str(READER_VERSION).encode())
    for mod in (remissvar.positions, remissvar.position_cues, remissvar.position_summaries, remissvar.bodies):
        h.update(Path(mod.__file__ or "").read_bytes())
    return int(h.hexdigest()[:12], 16)

_NUMBER = re.compile(r"^utl.tande\s+(?P<no>\d{4}\s*:\s*\d{1,4}(?:\s+[a-zåäö]{1,4})?)\b", re.I)
_HEAD_SKIP = re.compile(r"^(?:syntetisk|sida\s+\d|kommunstyrelsen\s+utl.tande)", re.I)


def _original(text: str, name: str) -> str | None:
    """The text's own spelling of a name the reader gives folded ("idrottsnamnden" ->
    "idrottsnämnden"): folding keeps every letter in place."""
    folded = fold(text).lower()
    if len(folded) != len(text):
        return None
    at = folded.find(fold(name).lower())
    return squash(text[at:at + len(name)]) if at >= 0 and name else None


def _display(name: str, text: str) -> str:
    """A body's name for the list: a district council's table name, else the text's own spelling
    with its first letter raised."""
    if body_key(name).startswith("sdn:"):
        slug = council_from_name(name)
        if slug in COUNCILS:
            return COUNCILS[slug].name
    shown = _original(text, name) or name
    return shown[:1].upper() + shown[1:]


def read_header(text: str) -> dict[str, str | None]:
    """Number, title, remitting dnr and motion number from an utlåtande's opening lines."""
    lines = [squash(x) for x in text.splitlines() if squash(x)]
    out: dict[str, str | None] = {"number": None, "title": None, "dnr": None, "motion_number": None}
    head = [ln for ln in lines[:25] if not _HEAD_SKIP.match(fold(ln))]
    for i, ln in enumerate(head):
        m = _NUMBER.match(ln)
        if not m:
            continue
        out["number"] = re.sub(r"\s+", " ", m.group("no").replace(" :", ":").replace(": ", ":"))
        dnrs = rf.find_dnrs(ln)
        out["dnr"] = dnrs[0] if dnrs else None
        rest = head[i + 1:i + 4]
        if rest and not rf.parse_motion(rest[0]):
            out["title"] = rest[0]
        break
    for ln in head:
        mi = rf.parse_motion(ln)
        if mi and mi.number:
            out["motion_number"] = mi.number
            break
    if out["dnr"] is None:
        found = next((d for ln in head[:6] for d in rf.find_dnrs(ln)), None)
        out["dnr"] = found
    return out


def read_summary(text: str, *, url: str, sha256: str, council: str, published_by: str,
                 meeting_date: str | None, label: str) -> SummaryDoc:
    """What one utlåtande says about its remiss (pure: its text and where it was found)."""
    header = read_header(text)
    flat = squash(text.replace("\n", " "))
    views = read_views(text)
    asked = list(dict.fromkeys(_display(squash(b), flat) for b in views.asked))
    listed = read_sendlist(text)
    evidence = listed[0].source if listed else ""
    bodies = []
    for o in views.positions:
        bodies.append(SummaryBody(name=_display(o.body, flat), state=o.state,
                                  position=o.position.value if o.position else None, evidence=squash(o.evidence)))
    return SummaryDoc(
        url=url, sha256=sha256, council=council, published_by=published_by, meeting_date=meeting_date,
        label=label, number=header["number"], title=header["title"], dnr=header["dnr"],
        motion_number=header["motion_number"], asked=asked, asked_evidence=evidence, bodies=bodies,
        link_keys=link_keys(header["dnr"], header["motion_number"]),
    )


def _remiss_ids(s: Settings, keys: list[str]) -> list[str]:
    """The remiss keys whose answers share a link key (none before the first answer is linked)."""
    path = key_store_path(s)
    if not keys or not path.exists():
        return []
    store = RemissKeyStore(path)
    try:
        return store.keys_with(keys)
    finally:
        store.close()


def _names(s: Settings) -> dict[str, str]:
    return {src.council: src.name for src in load_sources(s.sources_file) if src.role == SUMMARIES}


def read_summaries(s: Settings, raw: RawStore, councils: Iterable[str] | None = None) -> list[SummaryDoc]:
    """Read every stored utlåtande not yet read from its current bytes (of ``councils``, or
    all); returns what was read now. Idempotent."""
    wanted = set(councils) if councils is not None else None
    docs = [d for d in raw.documents() if d["doc_kind"] == DocumentKind.UTLATANDE.value
            and (wanted is None or d["council"] in wanted)]
    if not docs:
        return []
    names = _names(s)
    store = SummaryStore(default_store_path(s))
    read: list[SummaryDoc] = []
    try:
        for d in docs:
            if store.is_current(d["url"], d["sha256"], reader_version()):
                continue
            path: Path = raw.path_of(d["sha256"])
            try:
                pages = run_bounded(extract, path, paths=[path])
            except ExtractError as e:
                raw.fail(d["url"], d["source"], d["council"], e.reason, str(e), d["meeting_url"])
                continue
            text = "\n".join(p.text for p in pages)
            doc = read_summary(text, url=d["url"], sha256=d["sha256"], council=d["council"],
                               published_by=names.get(d["council"], d["council"]),
                               meeting_date=d["meeting_date"], label=d["doc_title"] or "Utlåtande")
            doc = SummaryDoc(**{**doc.__dict__, "remiss_ids": _remiss_ids(s, doc.link_keys)})
            store.save(doc, reader_version())
            raw.clear_failures(d["url"])
            read.append(doc)
            log.info("%s: %s läst (%d tillfrågade, %d instanser med ståndpunkt eller utan svar)",
                     d["council"], doc.label, len(doc.asked), len(doc.bodies))
    finally:
        store.close()
    return read
