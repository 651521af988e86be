"""The pipeline as dramatiq actors on Redis: a thin layer over the stage functions in
``ingest.stages``, one actor per stage.

    crawl_council ──▶ parse_document ──▶ index_document
    (crawl + fetch)   (extract, OCR,      (chunk, embed,
                       repair, parse)      write to the index)

Idempotent by content hash + stage version: a parsed record is stored under the
document's id with the key it was made from; a re-delivered or repeated message whose
key is unchanged does nothing new, and index writes use deterministic ids, so no
document or passage is ever duplicated. Changed content (a new sha at the same URL)
replaces the old version. Transient errors are retried with backoff; permanent ones
(bad documents) and exhausted retries land in the dead-letter list with their reason.
Actor and queue names come from ``remissvar.queue.ACTOR_QUEUES`` (what the web enqueues).
"""
from __future__ import annotations

import logging
import uuid
from pathlib import Path
from typing import Any

import dramatiq
from dramatiq.middleware import CurrentMessage, Retries

from ingest import stages
from ingest.crawl.model import load_sources
from ingest.crawl.store import RawStore
from ingest.deadletters import (
    PERMANENT_ERRORS,
    CrawlBusyError,
    DeadLetters,
    LockBusyError,
    council_lock,
    free_lock_of_lost_crawl,
    named_lock,
    work_key,
)
from ingest.indexing import index_yttrande
from ingest.parse.budget import parse_file_bounded
from ingest.reindex import reindex_all
from remissvar import failures
from remissvar.embedding import get_embedder
from remissvar.queue import ACTOR_QUEUES, enqueue, get_broker
from remissvar.settings import get_settings
from search_api.index import es_client

log = logging.getLogger(__name__)

broker = get_broker()  # dramatiq's global broker before any actor is declared (no connection yet)
broker.add_middleware(DeadLetters(), before=Retries)  # its after-hook runs once Retries has decided
broker.add_middleware(CurrentMessage())  # a retried crawl knows its own lock (ingest.deadletters.named_lock)

RETRY: dict[str, Any] = {"max_retries": 8, "min_backoff": 1_000, "max_backoff": 30_000}


class ReindexBusyError(LockBusyError):
    """Another reindex or re-link holds the lock: this request is not run (the running one
    rebuilds from the same stores) and is no dead letter - a retry would start a second
    rebuild of up to six hours."""


@dramatiq.actor(queue_name=ACTOR_QUEUES["crawl_council"], **RETRY, time_limit=3_600_000)
def crawl_council(platform: str, council: str, base_url: str | None = None, full: bool = False) -> dict[str, int]:
    """Crawl one council on one platform, then enqueue parsing of its new or changed answers."""
    s = get_settings()
    current = CurrentMessage.get_current_message()
    message_id = current.message_id if current else uuid.uuid4().hex
    # recorded before anything touches Redis: a crawl whose message the broker loses (Redis
    # gone while its retry was being sent) is sent again by the reconcile sweep
    runs = RawStore(s.data_dir)
    runs.crawl_begun(platform, council, base_url, full, message_id)
    free_lock_of_lost_crawl(council, message_id)  # a lock a lost crawl left is no crawl under way
    with council_lock(council, owner=message_id) as got:
        if not got:
            # never two crawls of one council at once: try again later (retried with backoff)
            raise CrawlBusyError(f"genomsökning av {council} pågår redan")
        result = stages.crawl_council(s, platform, council, base_url)
        for url in result.to_parse:
            parse_document.send(url)
    runs.crawl_done(platform, council, message_id)
    st = result.stats
    return {"meetings": st.meetings_crawled, "documents_new": st.documents_new, "failures": len(st.failures)}


@dramatiq.actor(queue_name=ACTOR_QUEUES["crawl_all"], **RETRY)
def crawl_all() -> int:
    """Enqueue a crawl of every configured source (the admin page's button)."""
    sources = load_sources(get_settings().sources_file)
    for src in sources:
        crawl_council.send(src.platform, src.council)
    return len(sources)


@dramatiq.actor(queue_name=ACTOR_QUEUES["parse_document"], **RETRY, throws=PERMANENT_ERRORS, time_limit=1_800_000)
def parse_document(source_url: str) -> str:
    """Extract (OCR where needed), repair and parse one stored answer; then enqueue indexing."""
    doc_id = stages.parse_answer(get_settings(), source_url)
    index_document.send(doc_id)
    return doc_id


@dramatiq.actor(queue_name=ACTOR_QUEUES["index_document"], **RETRY, time_limit=1_800_000)
def index_document(doc_id: str) -> int:
    """Chunk, embed and write one parsed record (idempotent: deterministic ids)."""
    return stages.index_answer(get_settings(), doc_id)


@dramatiq.actor(queue_name=ACTOR_QUEUES["process_document"], **RETRY, throws=PERMANENT_ERRORS)
def process_document(path: str, doc_id: str, source_url: str | None = None, text_is_ocr: bool = False) -> int:
    """A loose file (sample corpus): parse, embed and index in one step."""
    s = get_settings()
    y = parse_file_bounded(Path(path), source_url=source_url, doc_id=doc_id, text_is_ocr=text_is_ocr)
    return index_yttrande(y, es_client(s), s, get_embedder(s), refresh=True)


@dramatiq.actor(queue_name=ACTOR_QUEUES["reindex"], max_retries=0, time_limit=6 * 3_600_000)
def reindex() -> dict[str, int | None]:
    """Rebuild the index into a new version beside the live one, then swap (one at a time)."""
    with named_lock("reindex", ttl=6 * 3600) as got:
        if not got:
            raise ReindexBusyError("en omindexering pågår redan")
        old, new, n = reindex_all(get_settings())
    return {"old": old, "new": new, "documents": n}


@dramatiq.actor(queue_name=ACTOR_QUEUES["relink"], max_retries=0, time_limit=3_600_000)
def relink() -> dict[str, int]:
    """The full re-link of the archive's remiss keys (one at a time, as reindex)."""
    with named_lock("reindex", ttl=3600) as got:
        if not got:
            raise ReindexBusyError("en omindexering eller omlänkning pågår redan")
        answers, moved = stages.relink_archive(get_settings())
    return {"answers": answers, "moved": moved}


@dramatiq.actor(queue_name=ACTOR_QUEUES["correct_remiss"], **RETRY)
def correct_remiss(action: str, key: str, other: str | None = None, answer_ids: list[str] | None = None) -> int:
    """An admin's merge or split of remiss groups (from the web, through the queue)."""
    return stages.correct_remiss(get_settings(), action, key, other, answer_ids)


def retry_failed() -> int:
    """Send every dead letter again (same actor and arguments) and clear it."""
    n = 0
    sent: set[str] = set()
    for r in failures.dead_letters():
        key = work_key(r["actor"], r["args"], r["kwargs"])
        if key not in sent:  # several bad documents of one crawl: one new crawl
            enqueue(r["actor"], *r["args"], **r["kwargs"])
            sent.add(key)
            n += 1
        failures.clear_failure(r["message_id"])
    return n
