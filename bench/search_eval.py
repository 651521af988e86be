"""Retrieval quality and latency of keyword, semantic and hybrid search.

Builds the evaluation corpus (the recorded sites crawled and indexed into the index
prefix `remissvar-eval`), runs every query of bench/relevance.json in each mode, and
prints nDCG@10, recall@20 (document level: a ranking of answers, best passage per
answer) and p50/p95 latency per mode. Compares with the expected scores kept in
bench/runs.json (pyserini style) and says so when a figure drops.

Usage: .venv/bin/python bench/search_eval.py [--out bench/reports/search_eval.md] [--rrf-k 60]
Needs the services (make services).
"""
from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from remissvar.settings import Settings  # noqa: E402

MODES = ("keyword", "semantic", "hybrid")


def build_corpus(s: Settings) -> None:
    from ingest.crawl.runner import crawl_sources, recorded_sources
    from ingest.crawl.store import RawStore
    from ingest.crawl.to_records import answer_documents, parse_task
    from ingest.indexing import index_yttrande
    from remissvar.embedding import get_embedder
    from search_api.index import delete_all, es_client

    es, emb = es_client(s), get_embedder(s)
    delete_all(es, s)
    with ExitStack() as stack:
        sources, hosts = recorded_sources(s, stack, ports=(s.recorded_port, s.recorded_port + 1))
        crawl_sources(s, sources, hosts, min_interval=0)
    for t in answer_documents(RawStore(s.data_dir)):
        index_yttrande(parse_task(t), es, s, emb)
    es.indices.refresh(index=f"{s.index_prefix}-*")


def ndcg(ranked: list[str], rel: dict[str, int], k: int = 10) -> float:
    dcg = sum((2 ** rel.get(d, 0) - 1) / math.log2(i + 2) for i, d in enumerate(ranked[:k]))
    ideal = sorted(rel.values(), reverse=True)[:k]
    idcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall(ranked: list[str], rel: dict[str, int], k: int = 20) -> float:
    relevant = {d for d, g in rel.items() if g > 0}
    return len(relevant & set(ranked[:k])) / len(relevant) if relevant else 1.0


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))] if xs else float("nan")


def evaluate(s: Settings, rrf_k: int) -> dict:
    import search_api.queries as q
    from remissvar.embedding import get_query_encoder
    from search_api.index import es_client

    q.RRF_K = rrf_k
    judg = json.loads((ROOT / "bench/relevance.json").read_text(encoding="utf-8"))
    svc = q.SearchService(es_client(s), s, get_query_encoder(s))
    # resolve document names to yttrande ids through the index
    names: dict[str, str] = {}
    res = svc.es.search(index=svc.yttranden, size=100, _source=["council", "remiss_id"], query={"match_all": {}})
    by_key = {(h["_source"]["council"], h["_source"]["remiss_id"]): h["_id"] for h in res["hits"]["hits"]}
    for name, key in judg["documents"].items():
        names[by_key[tuple(key)]] = name
    svc.passages_ranked("uppvärmning", "hybrid")  # warm-up (model, caches)
    out: dict = {m: {"ndcg": [], "recall": [], "ms": [], "by_kind": {}} for m in MODES}
    for item in judg["queries"]:
        for m in MODES:
            t0 = time.perf_counter()
            hits = svc.passages_ranked(item["q"], m, k=100)
            ms = (time.perf_counter() - t0) * 1000
            ranked: list[str] = []
            for h in hits:
                n = names.get(h.yttrande_id, h.yttrande_id)
                if n not in ranked:
                    ranked.append(n)
            nd, rc = ndcg(ranked, item["rel"]), recall(ranked, item["rel"])
            out[m]["ndcg"].append(nd)
            out[m]["recall"].append(rc)
            out[m]["ms"].append(ms)
            out[m]["by_kind"].setdefault(item["kind"], []).append(nd)
    t0 = time.perf_counter()
    for item in judg["queries"]:
        svc.embedder.encode_query(item["q"])
    out["embed_ms"] = (time.perf_counter() - t0) * 1000 / len(judg["queries"])
    out["n_queries"] = len(judg["queries"])
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(ROOT / "bench/reports/search_eval.md"))
    ap.add_argument("--rrf-k", type=int, default=60)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        s = Settings(data_dir=Path(tmp) / "data", index_prefix="remissvar-eval", recorded_port=8811,
                     query_cache_size=0)  # latencies: every query embedded
        build_corpus(s)
        r = evaluate(s, args.rrf_k)
    lines = ["# Search evaluation", "", f"{r['n_queries']} queries (bench/relevance.json), corpus: the recorded sites' "
             "8 answers; RRF k = " + str(args.rrf_k) + ".", "",
             "| mode | nDCG@10 | recall@20 | p50 ms | p95 ms |", "| --- | ---: | ---: | ---: | ---: |"]
    summary = {}
    for m in MODES:
        nd, rc = statistics.mean(r[m]["ndcg"]), statistics.mean(r[m]["recall"])
        summary[m] = {"ndcg@10": round(nd, 3), "recall@20": round(rc, 3)}
        lines.append(f"| {m} | {nd:.3f} | {rc:.3f} | {pct(r[m]['ms'], 50):.1f} | {pct(r[m]['ms'], 95):.1f} |")
    lines += ["", f"Query embedding alone: {r['embed_ms']:.1f} ms per query (the floor of semantic and hybrid).", "",
              "nDCG@10 by query kind:", "", "| kind | " + " | ".join(MODES) + " |", "| --- |" + " ---: |" * len(MODES)]
    for kind in r["hybrid"]["by_kind"]:
        lines.append(f"| {kind} | " + " | ".join(f"{statistics.mean(r[m]['by_kind'][kind]):.3f}" for m in MODES) + " |")
    runs = json.loads((ROOT / "bench/runs.json").read_text())
    expected = runs["search_eval"]["expected"]
    lines += ["", "Against bench/runs.json:"]
    for m in MODES:
        for metric, val in summary[m].items():
            exp = expected.get(m, {}).get(metric)
            flag = "" if exp is None or val >= exp - 0.005 else "  **REGRESSION**"
            lines.append(f"- {m} {metric}: {val:.3f} (expected {exp}){flag}")
    report = "\n".join(lines) + "\n"
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
