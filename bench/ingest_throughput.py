"""Ingest throughput on this machine's CPU, split by stage: fetch, extract, OCR, parse,
embed, index; documents per minute with and without OCR; peak RSS of the process.

Crawls the recorded sites (127.0.0.1, no politeness delay) into a temporary data dir and
processes every answer document --rounds times (the index writes are idempotent, so
later rounds measure the steady state with the model loaded).

Usage: .venv/bin/python bench/ingest_throughput.py [--rounds 3] [--out bench/reports/ingest.md]
Needs the services (make services).
"""
from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import publish
from remissvar.settings import Settings


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--out", default=str(ROOT / "bench/reports/ingest.md"))
    args = ap.parse_args()

    from ingest.chunking import chunk_yttrande
    from ingest.crawl.runner import crawl_sources, recorded_sources
    from ingest.crawl.store import RawStore
    from ingest.parse.extract import EmptyDocumentError, extract
    from ingest.parse.from_crawl import answer_documents
    from ingest.parse.ocr_repair import repair_text
    from ingest.parse.structure import parse_structure
    from remissvar.embedding import get_embedder
    from search_api.index import delete_all, ensure_indices, es_client, write_yttrande

    with tempfile.TemporaryDirectory() as tmp:
        s = Settings(data_dir=Path(tmp) / "data", index_prefix="remissvar-benchingest", recorded_port=8821)
        es = es_client(s)
        delete_all(es, s)
        t0 = time.perf_counter()
        with ExitStack() as stack:
            sources, hosts = recorded_sources(s, stack, ports=(8821, 8822))
            stats, store = crawl_sources(s, sources, hosts, min_interval=0)
        fetch_s = time.perf_counter() - t0
        n_fetched = sum(x.documents_new for x in stats.values())
        t0 = time.perf_counter()
        emb = get_embedder(s)
        load_s = time.perf_counter() - t0
        ensure_indices(es, s, emb.dims, emb.model_id)
        tasks = answer_documents(RawStore(s.data_dir))
        rows: dict[str, dict[str, list[float]]] = {"text": {}, "ocr": {}}
        for _ in range(args.rounds):
            for t in tasks:
                times: dict[str, float] = {}
                a = time.perf_counter()
                try:
                    pages = extract(t.path, ocr="never")
                    kind = "ocr" if any(len(p.text.strip()) < 40 for p in pages) else "text"
                except EmptyDocumentError:  # no text layer at all: a scan
                    kind = "ocr"
                times["extract"] = time.perf_counter() - a
                if kind == "ocr":
                    a = time.perf_counter()
                    pages = extract(t.path)
                    pages = [p.model_copy(update={"text": repair_text(p.text).text}) for p in pages]
                    times["ocr"] = time.perf_counter() - a
                a = time.perf_counter()
                y = parse_structure(pages, source_url=t.source_url)
                y.id = t.doc_id
                passages = chunk_yttrande(y)
                times["parse"] = time.perf_counter() - a
                a = time.perf_counter()
                vecs = emb.encode_passages([p.text for p in passages])
                times["embed"] = time.perf_counter() - a
                a = time.perf_counter()
                write_yttrande(es, s, y, passages, vecs, emb.model_id)
                times["index"] = time.perf_counter() - a
                times["total"] = sum(times.values())
                for k, v in times.items():
                    rows[kind].setdefault(k, []).append(v)
        delete_all(es, s)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lines = ["# Ingest throughput (CPU)", "",
             f"{len(tasks)} answer documents of the recorded sites, {args.rounds} rounds; model load {load_s:.1f} s; "
             f"fetch of {n_fetched} documents + meeting pages over loopback: {fetch_s:.2f} s.", "",
             "| documents | n | extract s | OCR + repair s | parse s | embed s | index s | total s/doc | docs/min |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for kind, r in rows.items():
        if not r:
            continue
        m = {k: statistics.mean(v) for k, v in r.items()}
        label = "scanned (OCR)" if kind == "ocr" else "text layer"
        lines.append(f"| {label} | {len(r['total'])} | {m['extract']:.3f} | "
                     f"{m.get('ocr', 0):.2f} | {m['parse']:.3f} | {m['embed']:.3f} | {m['index']:.3f} | "
                     f"{m['total']:.2f} | {60 / m['total']:.0f} |")
    allt = rows["text"].get("total", []) + rows["ocr"].get("total", [])
    lines += ["", f"Mixed, as in this corpus: {60 * len(allt) / sum(allt):.0f} documents/min.",
              f"Peak RSS of this process (model, parser, client): {rss_mb:.0f} MB."]
    publish(lines, args.out)


if __name__ == "__main__":
    main()
