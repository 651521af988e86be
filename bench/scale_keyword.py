"""Keyword search at a million passages: the ranking list and the full result page.

bench/scale.py builds synthetic passages with vectors (the kNN side); on 2 cores its HNSW
graph for 1M passages takes most of an hour. Keyword cost does not depend on the vectors, so
this run indexes the same kind of synthetic passages (real sentences of the corpus
recombined, three per passage, labelled synthetic) without them, force-merges, and times at
one client, cold (the first pass after the merge) and warm:

- ``passages_ranked(q, "keyword")``: the any-word ranking list (what scale.py times);
- ``search(q, mode="keyword")``: the whole result page (exact block with its highlights,
  counts and the six multi-select facets, deadlines);

then the page under 5 and 20 clients (closed loop, threads in this process).

    python bench/scale_keyword.py [--passages 1000000] [--shards 2] [--keep]

Two shards by default: one per core of the 2-core machine the figures come from, so one search
uses both (REMISSVAR_INDEX_SHARDS; README, Capacity).

Writes bench/reports/scale_keyword.md; the expected figure is in bench/runs.json.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import expected, regression_flag
from bench.loadgen import closed_loop
from bench.scale import real_sentences
from bench.search_eval import pct
from remissvar.settings import Settings

REPORT = ROOT / "bench" / "reports" / "scale_keyword.md"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--passages", type=int, default=1_000_000)
    ap.add_argument("--seconds", type=float, default=6.0, help="seconds per load cell")
    ap.add_argument("--keep", action="store_true", help="keep the index afterwards, and reuse a kept one")
    ap.add_argument("--shards", type=int, default=2,
                    help="primary shards of the passage index (REMISSVAR_INDEX_SHARDS): one per core")
    args = ap.parse_args()
    import numpy as np
    from elasticsearch import helpers

    from remissvar.records import Passage, RemissInfo, Yttrande
    from search_api.index import create_version, delete_all, es_client, index_name, swap_aliases
    from search_api.schema import PassageDoc, source
    from search_api.search.models import Filters, SearchRequest
    from search_api.search.service import SearchService

    s = Settings(index_prefix="remissvar-scalekw", query_cache_size=0, index_shards=args.shards)
    es = es_client(s, request_timeout=1800)
    meta = json.loads((s.model_path / "remissvar_model.json").read_text())
    sents = real_sentences()
    rng = random.Random(42)
    councils = ["sodermalm", "skarholmen", "farsta", "hagersten-alvsjo"]
    queries = [q["q"] for q in json.loads((ROOT / "bench/relevance.json").read_text(encoding="utf-8"))["queries"]]
    idx = index_name(s, "passager", 1)
    reuse = (args.keep and es.indices.exists(index=idx) and es.count(index=idx)["count"] == args.passages
             and int(es.indices.get_settings(index=idx)[idx]["settings"]["index"]["number_of_shards"]) == args.shards)
    if not reuse:
        delete_all(es, s)
        create_version(es, s, 1, int(meta["dimensions"]), meta["name"])
        swap_aliases(es, s, 1)
        es.indices.put_settings(index=idx, settings={"refresh_interval": "-1"})
    zero = np.zeros(int(meta["dimensions"]), dtype=np.float32)

    def gen():
        for i in range(args.passages):
            text = " ".join(sents[j] for j in rng.sample(range(len(sents)), 3))
            y = Yttrande(id=f"syn-y-{i // 8}", council=councils[i % 4], date=dt.date(2005 + i % 20, 6, 1),
                         remiss=RemissInfo(id=f"syn-r-{i // 40}", title="Syntetisk remiss"), synthetic=True)
            p = Passage(id=f"syn-{i}", yttrande_id=y.id, ordinal=i % 8, section="Syntetisk", page=1, text=text)
            doc = source(PassageDoc.from_record(y, p, zero, meta["name"]))
            doc.pop("embedding", None)  # keyword only: no vector, no HNSW graph
            yield {"_index": idx, "_id": p.id, "_source": doc}

    t0 = time.perf_counter()
    if not reuse:
        helpers.bulk(es, gen(), chunk_size=2000)
        es.indices.refresh(index=idx)
        es.indices.forcemerge(index=idx, max_num_segments=1)
    index_s = time.perf_counter() - t0
    stats = es.indices.stats(index=idx)["indices"][idx]["total"]
    svc = SearchService(es, s, None)
    everything = Filters(include_synthetic=True)

    def one_pass(fn) -> list[float]:
        out = []
        for q in queries:
            t1 = time.perf_counter()
            fn(q)
            out.append((time.perf_counter() - t1) * 1000)
        return out

    def ranking(q: str) -> object:
        return svc.passages_ranked(q, "keyword", everything, k=20)

    def page(q: str) -> object:
        return svc.search(SearchRequest(q=q, mode="keyword", filters=everything))

    rows = []
    for name, fn in (("ranking list (passages_ranked)", ranking), ("result page (search)", page)):
        cold = one_pass(fn)
        warm = one_pass(fn) + one_pass(fn) + one_pass(fn)
        rows.append((name, pct(cold, 50), pct(cold, 95), pct(warm, 50), pct(warm, 95)))
        print(rows[-1], flush=True)
    def page_client():
        def call(q: str) -> bool:  # an exception (an Elasticsearch error, a timeout) is a failed request
            try:
                page(q)
                return True
            except Exception:  # noqa: BLE001 - any failure is a failed request
                return False
        return call

    load = []
    for c in (1, 5, 20):
        ms, failed, el = closed_loop(page_client, queries, c, args.seconds, max_requests=None)
        load.append((c, pct(ms, 50), pct(ms, 95), len(ms) / el, failed))
        print(load[-1], flush=True)
    if not args.keep:
        delete_all(es, s)
    lines = ["# Keyword search at scale", "",
             f"`python bench/scale_keyword.py --passages {args.passages}`: {args.passages:,} synthetic passages "
             f"({len(sents)} real sentences recombined, three per passage, no vectors), {args.shards} shard(s), "
             "force-merged; "
             + (f"indexed and merged in {index_s:.0f} s, " if not reuse else "a kept index (--keep), ")
             + f"{stats['store']['size_in_bytes'] / 1e6:.0f} MB; "
             f"{os.cpu_count()} cores; the {len(queries)} evaluation queries of bench/relevance.json, "
             "all filters open (synthetic passages included).", "",
             "| one client | cold p50 ms | cold p95 ms | warm p50 ms | warm p95 ms |",
             "| --- | ---: | ---: | ---: | ---: |"]
    for name, c50, c95, w50, w95 in rows:
        lines.append(f"| {name} | {c50:.1f} | {c95:.1f} | {w50:.1f} | {w95:.1f} |")
    lines += ["", "Cold: the first pass after the force-merge; warm: three passes after it.", "",
              "| result page, clients | p50 ms | p95 ms | pages/s | failed |", "| ---: | ---: | ---: | ---: | ---: |"]
    for c, p50, p95, rps, failed in load:
        lines.append(f"| {c} | {p50:.1f} | {p95:.1f} | {rps:.1f} | {failed} |")
    lines += ["", "Pages/s counts successful pages only; a failed request (an error or a timeout) is in 'failed'."]
    exp = expected("scale_keyword")
    lines.append("")
    for label, got, want, at_most, unit in (
            ("Ranking list, warm p95 at one client", rows[0][4], exp.get("ranking_warm_p95_ms_max"), True, "ms"),
            ("Result page, warm p95 at one client", rows[1][4], exp.get("page_warm_p95_ms_max"), True, "ms"),
            ("Result pages per second at 20 clients", load[-1][3], exp.get("page_rps_20_min"), False, "pages/s")):
        if want is not None:
            ok = got <= want if at_most else got >= want
            lines.append(f"- {label}: {got:.1f} {unit} (expected {'≤' if at_most else '≥'} {want} {unit})"
                         f"{regression_flag(ok)}")
    text = "\n".join(lines) + "\n"
    REPORT.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
