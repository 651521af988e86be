"""The pipeline as dramatiq actors on Redis: one actor per stage.

    crawl_council ──▶ parse_document ──▶ index_document
    (crawl + fetch)   (extract, OCR,      (chunk, embed,
                       repair, parse)      write to the index)

Idempotent by content hash + stage version: a parsed record is stored under the
document's id with the key it was made from; a re-delivered or repeated message whose
key is unchanged does nothing new, and index writes use deterministic ids, so no
document or passage is ever duplicated. Changed content (a new sha at the same URL)
replaces the old version. Transient errors are retried with backoff; permanent ones
(bad documents) and exhausted retries land in the dead-letter list with their reason.
"""
from __future__ import annotations

import json
import logging
from dataclasses import replace
from pathlib import Path

import dramatiq

from ingest.broker import broker  # noqa: F401  (sets the broker before actors are declared)
from ingest.crawl.crawler import CouncilStats
from ingest.crawl.model import Source, load_sources
from ingest.crawl.store import RawStore
from ingest.crawl.to_records import DocumentTask, answer_documents, document_task, parse_task
from ingest.deadletters import PERMANENT_ERRORS, DeadLetters, clear_failure, council_lock, record_failure
from ingest.extract import ExtractError
from ingest.indexing import index_yttrande
from ingest.parse import PARSER_VERSION, parse_file
from remissvar.embedding import get_embedder
from remissvar.records import Yttrande
from remissvar.settings import get_settings
from search_api.index import es_client

log = logging.getLogger(__name__)
INDEX_VERSION_KEY = "1"  # bump when chunking/indexing changes what is written

broker.add_middleware(DeadLetters())

class CrawlBusyError(RuntimeError):
    """Another crawl of the same council holds the lock."""


RETRY = {"max_retries": 8, "min_backoff": 1_000, "max_backoff": 30_000}


def parsed_dir() -> Path:
    d = get_settings().data_dir / "parsed"
    d.mkdir(parents=True, exist_ok=True)
    return d


def parsed_path(doc_id: str) -> Path:
    return parsed_dir() / f"{doc_id}.json"


def load_parsed(doc_id: str) -> tuple[Yttrande, dict]:
    data = json.loads(parsed_path(doc_id).read_text(encoding="utf-8"))
    return Yttrande.model_validate(data["record"]), data["key"]


def _save_parsed(y: Yttrande, key: dict) -> None:
    p = parsed_path(y.id)
    tmp = p.with_suffix(".tmp")
    tmp.write_text(json.dumps({"key": key, "record": y.model_dump(mode="json")}, ensure_ascii=False), encoding="utf-8")
    tmp.replace(p)


def find_source(platform: str, council: str) -> Source:
    s = get_settings()
    for src in load_sources(s.sources_file):
        if src.platform == platform and src.council == council:
            return src
    raise ValueError(f"ingen källa {platform}/{council}")


@dramatiq.actor(queue_name="crawl", **RETRY, time_limit=3_600_000)
def crawl_council(platform: str, council: str, base_url: str | None = None, full: bool = False) -> dict:
    """Crawl one council on one platform, then enqueue parsing of its new or changed answers."""
    from ingest.crawl.http import Fetcher
    from ingest.crawl.runner import open_crawler

    s = get_settings()
    src = find_source(platform, council)
    if base_url:
        src = replace(src, base_url=base_url)
    hosts = set(json.loads(s.sources_file.read_text())["allowed_hosts"])
    from urllib.parse import urlsplit

    hosts.add(urlsplit(src.base_url).hostname or "")
    with council_lock(council) as got:
        if not got:
            # never two crawls of one council at once: try again later (retried with backoff)
            raise CrawlBusyError(f"genomsökning av {council} pågår redan")
        store = RawStore(s.data_dir)
        with open_crawler(s, store, Fetcher(hosts, min_interval=s.crawl_min_interval)) as crawler:
            stats: CouncilStats = crawler.crawl([src])[council]
        # each bad document or page of this crawl is a dead letter with its reason;
        # retrying it means crawling the council again (the failed items are refetched)
        failed = {f["url"] for f in store.failures() if f["council"] == council and f["source"] == platform}
        for f in store.failures():
            if f["url"] in failed:
                record_failure(f"crawl:{f['url']}", "crawl_council", [platform, council, base_url],
                               f["reason"], f"{f['url']}: {f['detail']}")
        for d in store.documents():
            if d["council"] == council:
                clear_failure(f"crawl:{d['url']}")
        enqueue_parsing(store, council)
    return {"meetings": stats.meetings_crawled, "documents_new": stats.documents_new, "failures": len(stats.failures)}


def enqueue_parsing(store: RawStore, council: str | None = None) -> int:
    """Send a parse message for every stored answer whose parsed record is missing or stale."""
    n = 0
    for t in answer_documents(store):
        if council and t.council != council:
            continue
        if _parse_key(t) == _existing_key(t.doc_id):
            continue
        parse_document.send(t.source_url)
        n += 1
    return n


def _parse_key(t: DocumentTask) -> dict:
    return {"sha256": t.sha256, "protocol": str(t.protocol_path.name) if t.protocol_path else None,
            "parser": PARSER_VERSION}


def _existing_key(doc_id: str) -> dict | None:
    p = parsed_path(doc_id)
    if not p.exists():
        return None
    return json.loads(p.read_text(encoding="utf-8")).get("key")


@dramatiq.actor(queue_name="parse", **RETRY, throws=PERMANENT_ERRORS, time_limit=1_800_000)
def parse_document(source_url: str) -> str:
    """Extract (OCR where needed), repair and parse one stored answer; then enqueue indexing."""
    task = document_task(RawStore(get_settings().data_dir), source_url)
    if task is None:
        raise ExtractError(f"{source_url}: finns inte i arkivet")
    key = _parse_key(task)
    if _existing_key(task.doc_id) != key:
        _save_parsed(parse_task(task), key)
    index_document.send(task.doc_id)
    return task.doc_id


@dramatiq.actor(queue_name="index", **RETRY, time_limit=1_800_000)
def index_document(doc_id: str) -> int:
    """Chunk, embed and write one parsed record (idempotent: deterministic ids)."""
    s = get_settings()
    y, _ = load_parsed(doc_id)
    return index_yttrande(y, es_client(s), s, get_embedder(s), refresh=False)


@dramatiq.actor(queue_name="parse", **RETRY, throws=PERMANENT_ERRORS)
def process_document(path: str, doc_id: str, source_url: str | None = None, text_is_ocr: bool = False) -> int:
    """A loose file (sample corpus): parse, embed and index in one step."""
    s = get_settings()
    y = parse_file(Path(path), source_url=source_url, doc_id=doc_id, text_is_ocr=text_is_ocr)
    return index_yttrande(y, es_client(s), s, get_embedder(s), refresh=True)
