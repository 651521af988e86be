"""The crawl -> parse door: stored raw documents with their provenance (``ingest.crawl.store``) to
the parse stage's tasks (``DocumentTask``) and structured yttranden. The only parse module that
reads the crawl's store."""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ingest.crawl.store import RawStore
from ingest.parse.document import parse_file
from ingest.parse.extract import extract
from ingest.parse.structure import remiss_identity
from remissvar.records import AgendaRef, DocumentKind, MotionInfo, Section, Yttrande, stable_id

AGENDA_SUMMARY = "Sammanfattning i dagordningen"
Row = Mapping[str, Any] | sqlite3.Row  # a provenance row, from the store or as a dict


@dataclass
class DocumentTask:
    """One answer document to parse: what the pipeline's parse stage receives."""

    doc_id: str
    path: Path
    source_url: str
    council: str
    meeting_date: str | None
    item: dict[str, Any]
    protocol_path: Path | None
    sha256: str
    attachments: list[str] = field(default_factory=list)  # sha256 of the item's other files (remiss material)
    first_seen: str | None = None  # when the raw store first stored the document (ISO)


def document_id(url: str) -> str:
    """Stable id of a source document: its path and query, not its host (mirrors, replays)."""
    parts = urlsplit(url)
    return "doc-" + stable_id(parts.path + ("?" + parts.query if parts.query else ""))


def _task(store: RawStore, d: Row, prot: Row | None, attachments: list[str]) -> DocumentTask:
    return DocumentTask(
        doc_id=document_id(d["url"]), path=store.path_of(d["sha256"]), source_url=d["url"],
        council=d["council"], meeting_date=d["meeting_date"], item=json.loads(d["item_json"] or "{}"),
        protocol_path=store.path_of(prot["sha256"]) if prot else None, sha256=d["sha256"],
        attachments=attachments, first_seen=store.first_seen(d["sha256"]),
    )


def _attachments(docs: Sequence[Row]) -> dict[tuple[str, str | None], list[str]]:
    """The other files (bilagor: the motion, the remiss letter, the draft) of each item, by content."""
    out: dict[tuple[str, str | None], list[str]] = {}
    for d in docs:
        if d["doc_kind"] == DocumentKind.BILAGA.value:
            out.setdefault((d["meeting_url"], d["item_number"]), []).append(d["sha256"])
    return {k: sorted(set(v)) for k, v in out.items()}


def answer_documents(store: RawStore) -> list[DocumentTask]:
    """Every stored tjänsteutlåtande, with the protocol extract of its item when there is one."""
    docs = store.documents()
    protocols = {(d["meeting_url"], d["item_number"]): d for d in docs if d["doc_kind"] == "protokollsutdrag"}
    attachments = _attachments(docs)
    out = []
    seen: set[str] = set()
    for d in docs:
        if d["doc_kind"] != "tjansteutlatande" or d["sha256"] in seen:
            continue  # the same bytes under two URLs are one document
        seen.add(d["sha256"])
        key = (d["meeting_url"], d["item_number"])
        out.append(_task(store, d, protocols.get(key), attachments.get(key, [])))
    return out


def document_task(store: RawStore, url: str) -> DocumentTask | None:
    """The task of one stored answer, looked up by its source URL."""
    d = store.provenance(url)
    if d is None or d["doc_kind"] != "tjansteutlatande":
        return None
    return _task(store, d, store.protocol_extract(d["meeting_url"], d["item_number"]),
                 store.item_attachments(d["meeting_url"], d["item_number"]))


def agenda_ref(task: DocumentTask) -> AgendaRef | None:
    """The agenda item the answer was listed under, as printed (what the remiss linker compares)."""
    item = task.item
    if not item.get("title"):
        return None
    own = [ln for ln in (item.get("lines") or []) if ln] + ([item["summary"]] if item.get("summary") else [])
    return AgendaRef(title=item["title"], lines=own, attachment_sha256=task.attachments,
                     meeting_date=dt.date.fromisoformat(task.meeting_date) if task.meeting_date else None)


def parse_task(task: DocumentTask) -> Yttrande:
    """Parse one document; the crawl's provenance fills what the document leaves out."""
    protocol_text = task.item.get("protocol_text")
    if task.protocol_path is not None:
        protocol_text = "\n".join(p.text for p in extract(task.protocol_path))
    y = parse_file(task.path, source_url=task.source_url, doc_id=task.doc_id, protocol_text=protocol_text,
                   council=task.council)
    y.council = task.council  # the source says whose answer it is
    if task.first_seen:
        y.first_seen = dt.datetime.fromisoformat(task.first_seen.replace("Z", "+00:00"))
    if y.date is None and task.meeting_date:
        y.date = dt.date.fromisoformat(task.meeting_date)
    r = y.remiss
    item = task.item
    if r.body is None and item.get("remitting_body"):
        r.body = item["remitting_body"]
    if r.motion is None and item.get("motion"):
        r.motion = MotionInfo(**item["motion"])
    if r.title is None and item.get("title"):
        r.title = item["title"]
    if r.dnr is None and item.get("remitting_dnr"):
        r.dnr = item["remitting_dnr"]
    r.id = remiss_identity(r.dnr, r.motion, r.title)
    y.agenda = agenda_ref(task)
    summary = (item.get("summary") or "").strip()
    if summary and summary not in y.text:
        # the agenda's summary of the item (often the administration's view): searchable with the answer
        y.sections.append(Section(name=AGENDA_SUMMARY, text=summary))
        y.text = (y.text + "\n\n" + summary).strip()
    return y
