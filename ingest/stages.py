"""The pipeline's stages as plain functions (the dramatiq actors in ``ingest.tasks`` are a thin
layer over these): crawl one council, parse one stored answer, index one parsed record,
publish the crawl status. Each is idempotent by content hash + stage version.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlsplit

from ingest.crawl.crawler import CouncilStats
from ingest.crawl.http import Fetcher
from ingest.crawl.model import Source, load_sources
from ingest.crawl.runner import open_crawler
from ingest.crawl.store import RawStore
from ingest.crawl.summary_items import SUMMARIES
from ingest.deadletters import free_lock_of_lost_crawl, lock_held
from ingest.indexing import index_yttrande
from ingest.parse.budget import parse_task_bounded
from ingest.parse.document import PARSER_VERSION
from ingest.parse.extract import ExtractError
from ingest.parse.from_crawl import DocumentTask, answer_documents, document_task
from ingest.parse.store import ParsedStore
from ingest.remiss_linking import correct, key_store, link_record, relink, sync_index
from ingest.summaries import read_summaries
from remissvar import crawl_status, failures
from remissvar.embedding import get_embedder
from remissvar.queue import enqueue, in_broker, waiting_with_args
from remissvar.settings import Settings
from remissvar.summary_store import SummaryStore
from search_api.index import es_client, indexed_remiss_ids


@dataclass
class CrawlResult:
    stats: CouncilStats
    to_parse: list[str]  # source URLs of answers whose parsed record is missing or stale


def find_source(s: Settings, platform: str, council: str) -> Source:
    for src in load_sources(s.sources_file):
        if src.platform == platform and src.council == council:
            return src
    raise ValueError(f"ingen källa {platform}/{council}")


def allowed_hosts(s: Settings, src: Source) -> set[str]:
    hosts = set(json.loads(s.sources_file.read_text(encoding="utf-8"))["allowed_hosts"])
    hosts.add(urlsplit(src.base_url).netloc.lower())  # host[:port], as the URL gate reads the allow-list
    return hosts


def crawl_council(s: Settings, platform: str, council: str, base_url: str | None = None,
                  full: bool = False) -> CrawlResult:
    """Crawl one council on one platform (``full``: ignore the validators of earlier crawls
    and fetch everything again); record its failures; list the answers to parse."""
    src = find_source(s, platform, council)
    if base_url:
        src = replace(src, base_url=base_url)
    store = RawStore(s.data_dir)
    with open_crawler(s, store, Fetcher(allowed_hosts(s, src), min_interval=s.crawl_min_interval),
                      full=full) as crawler:
        stats = crawler.crawl([src])[council]
    # each bad document or page of this crawl is a dead letter with its reason;
    # retrying it means crawling the council again (the failed items are refetched)
    failed = {f["url"] for f in store.failures() if f["council"] == council and f["source"] == platform}
    for f in store.failures():
        if f["url"] in failed:
            failures.record_failure(f"crawl:{f['url']}", "crawl_council", [platform, council, base_url],
                                    f["reason"], f"{f['url']}: {f['detail']}")
    for d in store.documents():
        if d["council"] == council:
            failures.clear_failure(f"crawl:{d['url']}")
    if src.role == SUMMARIES:  # kommunstyrelsen/-fullmäktige: their utlåtanden read as summaries
        read_summaries(s, store, [council])
    publish_crawl_status(s, store)
    return CrawlResult(stats, stale_answers(s, store, council))


def parse_key(t: DocumentTask) -> dict[str, Any]:
    return {"sha256": t.sha256, "protocol": str(t.protocol_path.name) if t.protocol_path else None,
            "parser": PARSER_VERSION}


def stale_answers(s: Settings, store: RawStore, council: str | None = None) -> list[str]:
    """Source URLs of stored answers whose parsed record is missing or was made from other input."""
    parsed = ParsedStore(s.data_dir)
    return [t.source_url for t in answer_documents(store)
            if (council is None or t.council == council) and parse_key(t) != parsed.key(t.doc_id)]


def parse_answer(s: Settings, source_url: str) -> str:
    """Extract (OCR where needed), repair and parse one stored answer; returns its id."""
    task = document_task(RawStore(s.data_dir), source_url)
    if task is None:
        raise ExtractError(f"{source_url}: finns inte i arkivet")
    parsed = ParsedStore(s.data_dir)
    key = parse_key(task)
    if parsed.key(task.doc_id) != key:
        parsed.save(parse_task_bounded(task), key)  # a child process with time and memory limits
    return task.doc_id


def index_answer(s: Settings, doc_id: str) -> int:
    """Link one parsed record to its remiss (stable key), then chunk, embed and write it
    (idempotent: deterministic ids); answers of its group whose key changed are moved in place."""
    record = ParsedStore(s.data_dir).load(doc_id)
    es = es_client(s)
    # incremental linking on title words only: measured better than with e5 titles one answer
    # at a time (bench/link_eval.py: F1 0.935 vs 0.905, near-identical pairs apart 251 vs 239 of
    # 255); the full re-link (relink, reindex) adds e5 (0.966, 255 of 255)
    store = key_store(s, embed_titles=False)
    try:
        key = link_record(store, record)
        n = index_yttrande(record, es, s, get_embedder(s), refresh=False)
        sync_index(es, s, {m: key for m in store.members(key) if m != record.id})
    finally:
        store.close()
    return n


def relink_archive(s: Settings) -> tuple[int, int]:
    """The full re-link (``remissvar relink``): every parsed answer re-clustered with the human
    corrections applied; the index gets the changed keys in place. Returns (answers, moved)."""
    records = list(ParsedStore(s.data_dir).records())
    store = key_store(s)
    try:
        keys = relink(store, records)
    finally:
        store.close()
    return len(keys), sync_index(es_client(s), s, keys)


def correct_remiss(s: Settings, action: str, key: str, other: str | None = None,
                   answer_ids: list[str] | None = None) -> int:
    """Apply an admin's merge or split (stored apart from the index, kept across re-link and
    reindex) and move the affected answers in the index. Returns answers moved."""
    store = key_store(s, embed_titles=False)
    try:
        keys = correct(store, action, key, other, answer_ids or [])
    finally:
        store.close()
    return sync_index(es_client(s), s, keys)


def publish_crawl_status(s: Settings, store: RawStore) -> None:
    """Write the crawl snapshot the status page reads (``remissvar.crawl_status``)."""
    with store.db() as c:
        sources = [dict(r) for r in c.execute(
            "SELECT source, council, max(crawled_at) AS last_crawl, count(*) AS meetings "
            "FROM meetings GROUP BY source, council ORDER BY council, source")]
        councils = {r["council"]: r["n"] for r in c.execute(
            "SELECT council, count(*) AS n FROM provenance WHERE doc_kind = 'tjansteutlatande' GROUP BY council")}
    # each source's display name and role: kommunstyrelsen and kommunfullmäktige are sources of
    # summaries (their utlåtanden, read into the lists of bodies asked), not of answers
    configured = {(x.platform, x.council): x for x in load_sources(s.sources_file)}
    for r in sources:
        src = configured.get((r["source"], r["council"]))
        r["name"], r["role"] = (src.name, src.role) if src else (None, "answers")
    summaries = SummaryStore.open_existing(s)
    try:
        read = summaries.counts() if summaries else {}
    finally:
        if summaries:
            summaries.close()
    crawl_status.write_snapshot(s, {
        "written_at": failures.now_utc(), "sources": sources, "councils": councils,
        "completeness": store.completeness(), "failures": store.failures(),
        "source_names": {c: x.name for (_, c), x in configured.items()},
        "summaries": read,  # utlåtanden read per source (kommunstyrelsen, kommunfullmäktige)
    })


def reconcile(s: Settings) -> tuple[int, int, int]:
    """Send again what the stores say is unfinished: stored answers without a current parsed
    record, parsed records missing from the index, crawls begun and never finished; returns
    how many of each were sent. Messages can be lost when the broker goes
    away mid-send (Redis restarted while an actor was enqueuing); this sweep, run by the
    scheduler and by ``remissvar reconcile``, makes that a delay, never a loss. Idempotent."""
    store = RawStore(s.data_dir)
    # what ran out of retries while a service was away (an outage longer than the backoff) is
    # sent again, its dead letter cleared when the work succeeds (``DeadLetters``); any other
    # dead letter (a corrupt PDF, a source's 404, an error that would repeat) waits for
    # ``remissvar retry-failed``: sent by every sweep it would fail again and again
    letters = [d for d in failures.dead_letters() if not d.get("outage")]
    dead = {(d["actor"], json.dumps(d["args"][:1])) for d in letters}
    dead_ids = {d["message_id"] for d in letters}
    to_parse = [u for u in stale_answers(s, store) if ("parse_document", json.dumps([u])) not in dead]
    parsed = [y.id for y in ParsedStore(s.data_dir).records()]
    indexed = indexed_remiss_ids(es_client(s), s, parsed) if parsed else {}
    to_index = [i for i in parsed if i not in indexed and ("index_document", json.dumps([i])) not in dead]
    for url in to_parse:
        enqueue("parse_document", url)
    for doc_id in to_index:
        enqueue("index_document", doc_id)
    # a crawl that began and never finished, whose message is neither waiting, retrying nor
    # failed for good: the broker lost it (Redis went away while its retry was being sent), it
    # ran out of retries (an outage, another crawl's lock) - or it gave up behind a live lock
    to_crawl = 0
    for run in store.unfinished_crawls():
        mid = run["message_id"]
        if in_broker("crawl_council", mid) or mid in dead_ids:
            continue
        if waiting_with_args("crawl_council", [run["source"], run["council"]]):
            continue  # sent again meanwhile (retry-failed, the status page): that one will run
        # a lock whose owner the broker no longer has (this lost message's or another lost
        # one's) is no crawl under way; a running crawl's message is in the broker until acknowledged
        free_lock_of_lost_crawl(run["council"])
        if lock_held(run["council"]):
            continue
        new_id = enqueue("crawl_council", run["source"], run["council"], run["base_url"], bool(run["full"]))
        store.crawl_begun(run["source"], run["council"], run["base_url"], bool(run["full"]), new_id)
        to_crawl += 1
    return len(to_parse), len(to_index), to_crawl
