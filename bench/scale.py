"""Scale: how index size, indexing time and query latency grow with the number of passages.

A corpus generator recombines real sentences of the corpus (the seeds and the recorded
sites' answers) into synthetic passages of three sentences, labelled ``synthetic: true``
in the index (the product never shows them). Their vectors are the normalised mean of
their sentences' embeddings (each sentence embedded once), so the vector space has the
corpus' distribution without embedding a million texts on this CPU.

Usage: .venv/bin/python bench/scale.py [--sizes 10000,100000] [--out bench/reports/scale.md]
(1,000,000 works too, but takes long on 2 cores; the default stops at 100k.)
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import publish
from bench.loadgen import closed_loop
from bench.search_eval import MODES, pct
from remissvar.settings import Settings

_HEAP_FILE = next(iter((ROOT / "var").glob("elasticsearch-*/config/jvm.options.d/heap.options")), None)
ES_HEAP = _HEAP_FILE.read_text().split()[-1].removeprefix("-Xmx") if _HEAP_FILE else "?"


def real_sentences() -> list[str]:
    from ingest.parse.extract import ExtractError, extract
    from ingest.parse.ocr_repair import repair_text
    from remissvar.textnorm import sentences

    out: list[str] = []
    for f in sorted((ROOT / "tests/fixtures/seeds").glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        out += sentences(repair_text(text).text if f.name.startswith("004") else text)
    for f in sorted((ROOT / "tests/fixtures/sites").rglob("*")):
        if f.is_file() and f.read_bytes()[:5] == b"%PDF-":
            try:
                pages = extract(f, ocr="never")
            except ExtractError:
                continue
            for p in pages:
                out += sentences(p.text)
    return [s for s in dict.fromkeys(out) if 30 <= len(s) <= 400]


def under_load(fn: Callable[[str], object], queries: list[str], clients: int,
               seconds: float) -> tuple[list[float], float]:
    """Closed loop (bench/loadgen.closed_loop): ``clients`` threads call ``fn(query)`` back to
    back for ``seconds``. Returns the latencies (ms) and the elapsed time."""
    def new_client() -> Callable[[str], bool]:
        def call(q: str) -> bool:
            fn(q)
            return True
        return call

    lat, _, elapsed = closed_loop(new_client, queries, clients, seconds, max_requests=None)
    return lat, elapsed


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--queries", type=int, default=30)
    ap.add_argument("--clients", default="1,5,20", help="concurrency levels of the load step at each size")
    ap.add_argument("--seconds", type=float, default=8.0, help="seconds per load cell")
    ap.add_argument("--out", default=str(ROOT / "bench/reports/scale.md"))
    args = ap.parse_args()
    from elasticsearch import helpers

    from remissvar.embedding import get_embedder, get_query_encoder
    from remissvar.records import Passage, RemissInfo, Yttrande
    from search_api.index import create_version, delete_all, es_client, index_name, swap_aliases
    from search_api.index.schema import PassageDoc, source
    from search_api.search.models import Filters
    from search_api.search.service import SearchService

    s = Settings(index_prefix="remissvar-scale", query_cache_size=0)  # every query embedded: the cold cost
    es, emb = es_client(s, request_timeout=120), get_embedder(s)
    sents = real_sentences()
    t0 = time.perf_counter()
    vecs = emb.encode_passages(sents)
    embed_s = time.perf_counter() - t0
    rng = random.Random(42)
    councils = ["sodermalm", "skarholmen", "farsta", "hagersten-alvsjo"]
    all_queries = [q["q"] for q in json.loads((ROOT / "bench/relevance.json").read_text(encoding="utf-8"))["queries"]]
    queries = all_queries[: args.queries]
    clients = [int(x) for x in args.clients.split(",")]
    rows = []
    delete_all(es, s)
    create_version(es, s, 1, emb.dims, emb.model_id)
    swap_aliases(es, s, 1)
    idx = index_name(s, "passager", 1)
    es.indices.put_settings(index=idx, settings={"refresh_interval": "-1"})
    have = 0
    for size in [int(x) for x in args.sizes.split(",")]:
        def gen(start: int, stop: int):
            for i in range(start, stop):
                pick = rng.sample(range(len(sents)), 3)
                v = vecs[pick].mean(axis=0)
                v = v / np.linalg.norm(v)
                text = " ".join(sents[j] for j in pick)
                c = councils[i % 4]
                y = Yttrande(id=f"syn-y-{i // 8}", council=c, date=dt.date(2005 + i % 20, 6, 1),
                             remiss=RemissInfo(id=f"syn-r-{i // 40}", title="Syntetisk remiss"), synthetic=True)
                p = Passage(id=f"syn-{i}", yttrande_id=y.id, ordinal=i % 8, section="Syntetisk", page=1, text=text)
                yield {"_index": idx, "_id": p.id, "_source": source(PassageDoc.from_record(y, p, v, emb.model_id))}
        t0 = time.perf_counter()
        helpers.bulk(es, gen(have, size), chunk_size=1000, request_timeout=300)
        es.indices.refresh(index=idx)
        es.options(request_timeout=1800).indices.forcemerge(index=idx, max_num_segments=1)
        index_s = time.perf_counter() - t0
        have = size
        stats = es.indices.stats(index=idx)["indices"][idx]["total"]
        svc = SearchService(es, s, get_query_encoder(s))
        everything = Filters(include_synthetic=True)
        lat = {}
        for mode in MODES:
            ms = []
            for q in queries:
                t1 = time.perf_counter()
                svc.passages_ranked(q, mode, everything, k=20)
                ms.append((time.perf_counter() - t1) * 1000)
            ms.sort()
            lat[mode] = (statistics.median(ms), ms[int(0.95 * (len(ms) - 1))])
        load: dict[str, dict[int, tuple[float, float, float]]] = {}
        enc = svc.embedder
        assert enc is not None
        for c in clients:
            for mode in MODES:
                ranked = partial(svc.passages_ranked, mode=mode, filters=everything, k=20)
                ms, el = under_load(ranked, all_queries, c, args.seconds)
                load.setdefault(mode, {})[c] = (pct(ms, 50), pct(ms, 95), len(ms) / el)
            ms, el = under_load(enc.encode_query, all_queries, c, args.seconds / 2)
            load.setdefault("embed", {})[c] = (pct(ms, 50), pct(ms, 95), len(ms) / el)
        rows.append({"passages": size, "index_s": index_s, "store_mb": stats["store"]["size_in_bytes"] / 1e6,
                     "lat": lat, "load": load})
        print({k: v for k, v in rows[-1].items()}, flush=True)
    delete_all(es, s)
    lines = ["# Scale", "", f"{len(sents)} real sentences (embedded in {embed_s:.1f} s) recombined into synthetic "
             "passages (labelled synthetic; vectors = normalised mean of their sentences' vectors). One shard, "
             f"force-merged; ES heap from setup ({ES_HEAP}); {os.cpu_count()} cores. Query vectors: "
             f"{type(svc.embedder).__name__}.", "",
             "## One client", "",
             "| passages | indexing s (this step) | store MB | keyword p50/p95 ms | semantic p50/p95 ms "
             "| hybrid p50/p95 ms |",
             "| ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        lines.append(f"| {r['passages']} | {r['index_s']:.0f} | {r['store_mb']:.0f} | " + " | ".join(
            f"{r['lat'][m][0]:.1f} / {r['lat'][m][1]:.1f}" for m in ("keyword", "semantic", "hybrid")) + " |")
    lines += ["", "## Under load", "",
              f"Closed loop, {args.seconds:g} s per cell, threads in one process calling the search logic "
              "(query vector + Elasticsearch + fusion; no HTTP layer, which `make bench` measures on the "
              "small corpus), "
              f"all {len(all_queries)} evaluation queries in turn. \"embed\" is the query encoder alone: the floor "
              "a semantic or hybrid query cannot beat.", "",
              "| passages | clients | keyword p50/p95 ms | semantic p50/p95 ms | hybrid p50/p95 ms | embed p50/p95 ms "
              "| hybrid req/s | hybrid p95 / keyword p95 |",
              "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        ld = r["load"]
        for c in clients:
            lines.append(f"| {r['passages']} | {c} | " + " | ".join(
                f"{ld[m][c][0]:.1f} / {ld[m][c][1]:.1f}" for m in ("keyword", "semantic", "hybrid", "embed"))
                + f" | {ld['hybrid'][c][2]:.0f} | {ld['hybrid'][c][1] / ld['keyword'][c][1]:.2f}× |")
    from bench.run_all import line_svg

    series = {f"{m}, 1 client": [(r["passages"], r["lat"][m][1]) for r in rows]
              for m in ("keyword", "semantic", "hybrid")}
    top = max(clients)
    series[f"hybrid, {top} clients"] = [(r["passages"], r["load"]["hybrid"][top][1]) for r in rows]
    svg = line_svg(series, "p95 latency vs passages", "passages", "p95 ms")
    Path(args.out).with_name("latency_vs_corpus.svg").write_text(svg, encoding="utf-8")
    last = rows[-1]
    lines += ["", "![p95 latency vs corpus size](latency_vs_corpus.svg)", "",
              f"Growth: store ≈ {last['store_mb'] * 1000 / last['passages']:.1f} KB per passage (text, folded text, "
              "384-d float vector + HNSW graph); indexing "
              + ", ".join(f"{r['index_s'] * 1000 / max(1, r['passages'] - prev):.2f} ms/passage up to {r['passages']}"
                          for r, prev in zip(rows, [0] + [x['passages'] for x in rows[:-1]], strict=True))
              + ". Latency per corpus size: the tables above."]
    publish(lines, args.out)


if __name__ == "__main__":
    main()
