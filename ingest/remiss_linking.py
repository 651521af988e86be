"""The pipeline's side of remiss linking: answers in, stable remiss keys out, index kept in step.

``remissvar.linking`` decides which answers answer one remiss; ``remissvar.remiss_keys`` keeps
the keys stable (SQLite under the data folder, apart from the index). Here: the ``AnswerRef``
of a parsed record, the incremental link of one answer (index stage), the full re-link (CLI
``remissvar relink`` and reindex), and corrections; after each, answers already in the
index whose key changed get the new key written in place (no re-embedding).
"""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence

from elasticsearch import Elasticsearch

from ingest.parse.from_crawl import DocumentTask, agenda_ref
from remissvar.embedding import title_embedder
from remissvar.linking import AnswerRef
from remissvar.records import AgendaRef, Yttrande
from remissvar.remiss_keys import RemissKeyStore, default_store_path
from remissvar.settings import Settings
from search_api.index import indexed_remiss_ids, set_remiss_id

log = logging.getLogger(__name__)
TEXT_CHARS = 4000  # the answer's opening: who sent the remiss, its dnr, the bodies asked


def answer_ref(y: Yttrande) -> AnswerRef:
    """What the linker compares: the agenda item's own wording first, the document's second."""
    r = y.remiss
    return ref_of(y.id, y.council, y.date, y.agenda, r.title or y.title, r.body, r.dnr,
                  r.motion.number if r.motion else None, y.text[:TEXT_CHARS])


def task_ref(task: DocumentTask) -> AnswerRef:
    """The same from a crawled answer before it is parsed (its agenda item only)."""
    item = task.item
    date = dt.date.fromisoformat(task.meeting_date) if task.meeting_date else None
    motion = item.get("motion") or {}
    return ref_of(task.doc_id, task.council, date, agenda_ref(task), None, item.get("remitting_body"),
                  item.get("remitting_dnr"), motion.get("number"))


def ref_of(answer_id: str, council: str | None, date: dt.date | None, agenda: AgendaRef | None,
           document_title: str | None, body: str | None, dnr: str | None, motion_number: str | None,
           text: str = "") -> AnswerRef:
    title = (agenda.title if agenda else None) or document_title or ""
    lines = list(agenda.lines) if agenda else []
    if document_title and document_title != title:
        lines.append(document_title)  # the document's own statement of what it answers
    return AnswerRef(
        id=answer_id, council=council, date=(agenda.meeting_date if agenda and agenda.meeting_date else date),
        title=title, lines=tuple(lines), text=text,
        attachment_hashes=frozenset(agenda.attachment_sha256 if agenda else ()),
        remitting_body=body, remitting_dnr=dnr, motion_number=motion_number,
    )


def key_store(s: Settings, embed_titles: bool = True) -> RemissKeyStore:
    """The store of this data folder; titles embedded with the query engine (cheap, no torch)."""
    return RemissKeyStore(default_store_path(s), embed=title_embedder(s) if embed_titles else None)


def link_record(store: RemissKeyStore, y: Yttrande) -> str:
    """Give one parsed answer its remiss key (incremental: no re-clustering) and set it on the record."""
    y.remiss.id = store.link(answer_ref(y))
    return y.remiss.id


def sync_index(es: Elasticsearch, s: Settings, keys: dict[str, str]) -> int:
    """Write each answer's current key into the index where it differs; returns answers updated."""
    have = indexed_remiss_ids(es, s, list(keys))
    changed = {a: k for a, k in keys.items() if a in have and have[a] != k}
    for answer_id, key in changed.items():
        set_remiss_id(es, s, answer_id, key)
    if changed:
        log.info("remissnycklar: %d svar fick ny nyckel i indexet", len(changed))
    return len(changed)


def group_keys(store: RemissKeyStore, keys: Iterable[str]) -> dict[str, str]:
    """Every member of these groups with its live key."""
    out: dict[str, str] = {}
    for k in keys:
        live = store.resolve(k)
        out.update({m: live for m in store.members(live)})
    return out


def relink(store: RemissKeyStore, records: Sequence[Yttrande]) -> dict[str, str]:
    """Full re-link of the archive (corrections applied; keys stable; merged keys redirect)."""
    keys = store.relink([answer_ref(y) for y in records])
    for y in records:
        y.remiss.id = keys[y.id]
    return keys


def correct(store: RemissKeyStore, action: str, key: str, other: str | None = None,
            answer_ids: Sequence[str] = ()) -> dict[str, str]:
    """An admin's merge (``key`` + ``other``) or split (``answer_ids`` out of ``key``); returns the
    affected answers with their keys (to write into the index)."""
    if action == "merge":
        if not other:
            raise ValueError("sammanslagning behöver två remissnycklar")
        return group_keys(store, [store.merge(key, other)])
    if action == "split":
        before = store.resolve(key)
        new = store.split(key, list(answer_ids))
        return group_keys(store, [before, new])
    raise ValueError(f"okänd rättelse {action!r}")
