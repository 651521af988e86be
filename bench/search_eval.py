"""Retrieval quality and latency of keyword, semantic and hybrid search.

Builds the evaluation corpus (the recorded sites crawled and indexed into the index
prefix `remissvar-eval`), runs every query of bench/relevance.json in each mode, and
prints nDCG@10, recall@20 (document level: a ranking of answers, best passage per
answer) and p50/p95 latency per mode. Compares with the expected scores kept in
bench/runs.json (pyserini style) and says so when a figure drops.

Also: hybrid with and without the semantic floor, the ranking the search page shows (exact
block, then "Liknande innehåll"), the negative queries (no exact block expected) and the
floor's calibration (score distributions and a sweep over floors).

Usage: .venv/bin/python bench/search_eval.py [--out bench/reports/search_eval.md] [--rrf-k 60]
       [--semantic-floor 0.8] [--reuse]
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
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import expected, meets, publish, regression_flag
from remissvar.settings import Settings
from search_api.search.models import Filters, Mode

MODES: tuple[Mode, ...] = ("keyword", "semantic", "hybrid")


def build_corpus(s: Settings) -> None:
    from ingest.crawl.runner import crawl_sources, recorded_sources
    from ingest.crawl.store import RawStore
    from ingest.indexing import index_archive
    from ingest.parse.from_crawl import answer_documents, parse_task
    from remissvar.embedding import get_embedder
    from search_api.index import delete_all, es_client

    es, emb = es_client(s), get_embedder(s)
    delete_all(es, s)
    with ExitStack() as stack:
        sources, hosts = recorded_sources(s, stack, ports=(s.recorded_port, s.recorded_port + 1))
        crawl_sources(s, sources, hosts, min_interval=0)
    # as the pipeline and reindex do: the boilerplate template measured over the archive, then applied
    index_archive([parse_task(t) for t in answer_documents(RawStore(s.data_dir))], es, s, emb)


def _has_corpus(s: Settings) -> bool:
    from search_api.index import count, es_client

    return count(es_client(s), s, "yttranden") > 0


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


def _doc_ranking(hits: list, names: dict[str, str]) -> list[str]:
    ranked: list[str] = []
    for h in hits:
        n = names.get(h.yttrande_id, h.yttrande_id)
        if n not in ranked:
            ranked.append(n)
    return ranked


def evaluate(s: Settings, rrf_k: int, floor: float | None) -> dict:
    from remissvar.embedding import get_query_encoder
    from search_api.index import es_client
    from search_api.search.fusion import rrf
    from search_api.search.grouping import group_passages
    from search_api.search.models import SearchRequest
    from search_api.search.service import SearchService

    judg = json.loads((ROOT / "bench/relevance.json").read_text(encoding="utf-8"))
    es, enc = es_client(s), get_query_encoder(s)
    svc = SearchService(es, s, enc, rrf_k=rrf_k, semantic_floor=floor)
    # the same engine without the floor, with a query-vector cache (no latencies measured with it)
    cached = s.model_copy(update={"query_cache_size": 1024})
    nofloor = SearchService(es, cached, enc, rrf_k=rrf_k, semantic_floor=None)
    # resolve document names to yttrande ids through the index
    names: dict[str, str] = {}
    res = svc.es.search(index=svc.yttranden, size=100, source={"includes": ["council", "remiss_id"]},
                         query={"match_all": {}})
    by_key = {(h["_source"]["council"], h["_source"]["remiss_id"]): h["_id"] for h in res["hits"]["hits"]}
    missing = []
    for name, key in judg["documents"].items():
        if tuple(key) in by_key:
            names[by_key[tuple(key)]] = name
        else:  # the crawl did not produce it: its judgements count as misses, and the report says so
            missing.append(name)
    svc.passages_ranked("uppvärmning", "hybrid")  # warm-up (model, caches)
    out: dict = {m: {"ndcg": [], "recall": [], "ms": [], "by_kind": {}} for m in MODES}
    out["hybrid_nofloor"] = {"ndcg": [], "recall": []}
    out["page"] = {"ndcg": [], "recall": []}
    calib: dict[str, list[float]] = {"relevant_best": [], "nonrelevant_best": [], "negative_top": []}
    floors = [round(0.70 + 0.01 * i, 2) for i in range(26)]
    sweep_ndcg: dict[float, list[float]] = {f: [] for f in floors}
    sweep_page: dict[float, list[float]] = {f: [] for f in floors}
    for item in judg["queries"]:
        for m in MODES:
            t0 = time.perf_counter()
            hits = svc.passages_ranked(item["q"], m, k=100)
            ms = (time.perf_counter() - t0) * 1000
            ranked = _doc_ranking(hits, names)
            nd, rc = ndcg(ranked, item["rel"]), recall(ranked, item["rel"])
            out[m]["ndcg"].append(nd)
            out[m]["recall"].append(rc)
            out[m]["ms"].append(ms)
            out[m]["by_kind"].setdefault(item["kind"], []).append(nd)
        # one retrieval without the floor gives the keyword and kNN lists: hybrid without floor,
        # the calibration and the floor sweep are computed from them (the floor only cuts the kNN list)
        r = nofloor._retrieve(item["q"], "hybrid", Filters(), k=100, exact_block=False)
        on_page = nofloor._retrieve(item["q"], "hybrid", Filters(), k=100)  # what a result page gets
        doc_of = {i: names.get(src["yttrande_id"], src["yttrande_id"]) for i, src in r.sources.items()}
        ranked = list(dict.fromkeys(doc_of[src["id"]] for src, _, _ in r.ranked))
        out["hybrid_nofloor"]["ndcg"].append(ndcg(ranked, item["rel"]))
        out["hybrid_nofloor"]["recall"].append(recall(ranked, item["rel"]))
        exact = set(on_page.exact_ids)
        exact_groups = group_passages([x for x in on_page.ranked if x[0]["id"] in exact])
        exact_docs = [doc_of.get(a.best.id, a.yttrande_id) for g in exact_groups for a in g.answers]
        for f in floors:
            knn = [i for i in r.rankings.get("knn", []) if r.similarities[i] >= f]
            fused = rrf([r.rankings.get("bm25", []), knn], k=rrf_k)
            order = list(dict.fromkeys(doc_of[i] for i in sorted(fused, key=lambda i: -fused[i])))
            sweep_ndcg[f].append(ndcg(order, item["rel"]))
            # the page with f as the display floor of "Liknande innehåll"
            shown = SearchService(es, cached, enc, rrf_k=rrf_k, semantic_floor=None, similar_floor=f)
            similar = shown.similar_groups(r, {g.remiss_id for g in exact_groups})
            page = exact_docs + [doc_of.get(a.best.id, a.yttrande_id) for g in similar for a in g.answers]
            sweep_page[f].append(ndcg(list(dict.fromkeys(page)), item["rel"]))
        # what the search page shows: the exact block, then "Liknande innehåll"
        resp = svc.search(SearchRequest(q=item["q"], mode="hybrid", size=50))
        page = [names.get(a.yttrande_id, a.yttrande_id) for g in resp.groups + resp.similar for a in g.answers]
        out["page"]["ndcg"].append(ndcg(list(dict.fromkeys(page)), item["rel"]))
        out["page"]["recall"].append(recall(list(dict.fromkeys(page)), item["rel"]))
        # calibration: the best cosine of a relevant and of a non-relevant answer (no floor)
        best: dict[str, float] = {}
        for i in r.rankings.get("knn", []):
            best[doc_of[i]] = max(best.get(doc_of[i], -1.0), r.similarities[i])
        rel = [v for n, v in best.items() if item["rel"].get(n, 0) > 0]
        non = [v for n, v in best.items() if item["rel"].get(n, 0) == 0]
        if rel:
            calib["relevant_best"].append(max(rel))
        if non:
            calib["nonrelevant_best"].append(max(non))
    negatives = []
    for item in judg.get("negatives", []):
        resp = svc.search(SearchRequest(q=item["q"], mode="hybrid"))
        r = nofloor._retrieve(item["q"], "semantic", Filters(), k=10)
        top = max(r.similarities.values(), default=-1.0)
        calib["negative_top"].append(top)
        negatives.append({"q": item["q"], "kind": item["kind"], "exact": resp.total_groups,
                          "similar": len(resp.similar), "top_cosine": top})
    out["negatives"] = negatives
    out["calibration"] = calib
    out["sweep"] = [{"floor": f, "hybrid_ndcg": statistics.mean(sweep_ndcg[f]),
                     "page_ndcg": statistics.mean(sweep_page[f]),
                     "negatives_with_similar": sum(1 for t in calib["negative_top"] if t >= f),
                     "queries_losing_relevant": sum(1 for t in calib["relevant_best"] if t < f)} for f in floors]
    t0 = time.perf_counter()
    assert svc.embedder is not None
    for item in judg["queries"]:
        svc.embedder.encode_query(item["q"])
    out["embed_ms"] = (time.perf_counter() - t0) * 1000 / len(judg["queries"])
    out["n_queries"] = len(judg["queries"])
    out["missing"] = missing
    out["similar_floor"] = svc.similar_floor
    return out


def _remiss_matches(src: Any, draft: dict[str, Any]) -> bool:
    """A hit answers the draft's remiss: its dnr, or its title, as the archive prints them."""
    from remissvar.textnorm import fold

    def norm(t: str | None) -> str:
        t = " ".join(fold(t or "").lower().split())
        return t[len("remiss av "):] if t.startswith("remiss av ") else t

    def get(key: str) -> str | None:
        v = src.get(key) if isinstance(src, dict) else getattr(src, key, None)
        return str(v) if v else None

    if not draft.get("remiss"):
        return False
    if get("remiss_dnr") and norm(get("remiss_dnr")).replace(" ", "") == norm(draft["remiss"]).replace(" ", ""):
        return True
    a, b = norm(get("remiss_title")), norm(draft.get("remiss_title"))
    return bool(a) and bool(b) and (a in b or b in a)


def precedent_calibration(svc: Any) -> dict[str, Any]:
    """The measured distributions the precedent bands are set from (search_api.search.precedent),
    independent of the blind drafts: unrelated paragraphs (bench/data/precedent_calibration.jsonl)
    against their best passage; the archive's own passages as paragraphs against the best passage
    of the same remiss (another passage of the same answer, or another answer)."""
    from search_api.search.precedent import POOL, background, calibrated
    from search_api.search.service import cosine_from_score

    def scored(text: str) -> list[tuple[float, dict[str, Any]]]:
        v = [float(x) for x in svc.embedder.encode_query(text)]
        res = svc.es.search(index=svc.passages, size=POOL, source=["id", "remiss_id", "yttrande_id"],
                            knn={"field": "embedding", "query_vector": v, "k": POOL, "num_candidates": 2 * POOL})
        cos = [cosine_from_score(float(h["_score"])) for h in res["hits"]["hits"]]
        bg = background(cos)
        return [(calibrated(c, bg), h["_source"]) for c, h in zip(cos, res["hits"]["hits"], strict=True)]

    unrelated = []
    for line in (ROOT / "bench/data/precedent_calibration.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            unrelated.append(max(sc for sc, _ in scored(json.loads(line)["text"])))
    res = svc.es.search(index=svc.passages, size=2000, source=["id", "remiss_id", "text"], query={"match_all": {}})
    relevant = []
    for h in res["hits"]["hits"]:
        p = h["_source"]
        if len(p["text"]) < 80:
            continue
        same = [sc for sc, src in scored(p["text"]) if src["remiss_id"] == p["remiss_id"] and src["id"] != p["id"]]
        if same:
            relevant.append(max(same))
    return {"unrelated": unrelated, "relevant": relevant}


def precedent_eval(svc: Any) -> dict[str, Any]:
    """The blind drafts (bench/data/precedent_drafts.jsonl): an off-topic draft gets no hits and a
    message; an on-topic draft finds its remiss among the first three hits. Drafts whose remiss has
    no answer in the evaluated archive are counted apart (they should get no hits either)."""
    drafts = [json.loads(x) for x in (ROOT / "bench/data/precedent_drafts.jsonl").read_text(encoding="utf-8")
              .splitlines() if x.strip()]
    res = svc.es.search(index=svc.yttranden, size=1000, source=["remiss_dnr", "remiss_title"],
                        query={"match_all": {}})
    archive = [h["_source"] for h in res["hits"]["hits"]]
    rows = []
    for d in drafts:
        r = svc.precedent_search(d["text"])
        present = d["expect"] == "remiss" and any(_remiss_matches(a, d) for a in archive)
        kind = "on" if present else ("absent" if d["expect"] == "remiss" else "off")
        rank = next((i + 1 for i, h in enumerate(r.hits) if _remiss_matches(h, d)), None)
        ok = (rank is not None and rank <= 3) if kind == "on" else (not r.hits and bool(r.message))
        rows.append({"id": d["id"], "kind": kind, "hits": len(r.hits), "rank": rank, "ok": ok,
                     "top": round(r.hits[0].score, 3) if r.hits else None,
                     "band": r.bands.get(r.hits[0].id) if r.hits else None})
    return {"rows": rows}


def precedent_report(cal: dict[str, Any], ev: dict[str, Any]) -> tuple[list[str], dict[str, Any]]:
    from search_api.search.precedent import BACKGROUND_CAP, FLOOR, LIK, MYCKET_LIK

    def dist(xs: list[float]) -> str:
        return (f"min {min(xs):.3f}, p10 {pct(xs, 10):.3f}, p25 {pct(xs, 25):.3f}, median {pct(xs, 50):.3f}, "
                f"p90 {pct(xs, 90):.3f}, max {max(xs):.3f}" if xs else "-")

    rows = ev["rows"]
    on = [r for r in rows if r["kind"] == "on"]
    off = [r for r in rows if r["kind"] == "off"]
    absent = [r for r in rows if r["kind"] == "absent"]
    summary = {"on_topic_top3": round(sum(r["ok"] for r in on) / len(on), 3) if on else 1.0,
               "off_topic_no_hits": round(sum(r["ok"] for r in off) / len(off), 3) if off else 1.0}
    lines = ["", "## Precedent (issue 29)", "",
             "Calibration (calibrated score = 2 x cosine - background, the mean cosine of the 50 nearest "
             f"passages capped at {BACKGROUND_CAP}):", "",
             f"- unrelated paragraphs' best score ({len(cal['unrelated'])}, bench/data/precedent_calibration.jsonl): "
             f"{dist(cal['unrelated'])}",
             f"- relevant pairs' best score ({len(cal['relevant'])}, the archive's passages against their remiss): "
             f"{dist(cal['relevant'])}",
             f"- bands in use: floor {FLOOR} (nothing shown under it), lik from {LIK}, "
             f"mycket lik from {MYCKET_LIK}", "",
             f"Blind drafts (bench/data/precedent_drafts.jsonl): on-topic with the remiss first three: "
             f"{sum(r['ok'] for r in on)}/{len(on)}; off-topic without hits and with a message: "
             f"{sum(r['ok'] for r in off)}/{len(off)}; drafts whose remiss is not in the evaluated archive: "
             f"{len(absent)}, {sum(1 for r in absent if not r['hits'])} of them without hits.", "",
             "| draft | kind | hits | rank of its remiss | top score | band |",
             "| --- | --- | ---: | ---: | ---: | --- |"]
    for r in rows:
        flag = "" if r["ok"] or r["kind"] == "absent" else " **miss**"
        lines.append(f"| {r['id']} | {r['kind']} | {r['hits']} | {r['rank'] or '-'} | {r['top'] or '-'} | "
                     f"{r['band'] or '-'}{flag} |")
    return lines, summary


def _precedent_run(s: Settings) -> tuple[dict[str, Any], dict[str, Any]]:
    from remissvar.embedding import get_query_encoder
    from search_api.index import es_client
    from search_api.search.service import SearchService

    svc = SearchService(es_client(s), s, get_query_encoder(s))
    return precedent_calibration(svc), precedent_eval(svc)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(ROOT / "bench/reports/search_eval.md"))
    ap.add_argument("--rrf-k", type=int, default=60)
    ap.add_argument("--semantic-floor", type=float, default=None,
                    help="cosine floor of kNN neighbours (default: the service's calibrated SEMANTIC_FLOOR)")
    ap.add_argument("--reuse", action="store_true", help="keep the evaluation index of an earlier run if present")
    args = ap.parse_args()
    from search_api.search.service import SEMANTIC_FLOOR

    floor = SEMANTIC_FLOOR if args.semantic_floor is None else args.semantic_floor
    with tempfile.TemporaryDirectory() as tmp:
        s = Settings(data_dir=Path(tmp) / "data", index_prefix="remissvar-eval", recorded_port=8811,
                     query_cache_size=0)  # latencies: every query embedded
        if not (args.reuse and _has_corpus(s)):
            build_corpus(s)
        r = evaluate(s, args.rrf_k, floor)
        r["precedent"] = _precedent_run(s)
    lines = ["# Search evaluation", "", f"{r['n_queries']} queries (bench/relevance.json), corpus: the recorded sites' "
             "answers; RRF k = " + str(args.rrf_k) + f"; semantic floor (cosine) = {floor}.", "",
             "| mode | nDCG@10 | recall@20 | p50 ms | p95 ms |", "| --- | ---: | ---: | ---: | ---: |"]
    summary: dict[str, dict[str, Any]] = {}
    for m in MODES:
        nd, rc = statistics.mean(r[m]["ndcg"]), statistics.mean(r[m]["recall"])
        summary[m] = {"ndcg@10": round(nd, 3), "recall@20": round(rc, 3)}
        lines.append(f"| {m} | {nd:.3f} | {rc:.3f} | {pct(r[m]['ms'], 50):.1f} | {pct(r[m]['ms'], 95):.1f} |")
    if r["missing"]:
        lines += ["", "**Judged answers missing from the crawled corpus** (counted as misses): "
                  + ", ".join(r["missing"]) + "."]
    lines += ["", f"Query embedding alone: {r['embed_ms']:.1f} ms per query (the floor of semantic and hybrid).", "",
              "nDCG@10 by query kind:", "", "| kind | " + " | ".join(MODES) + " |", "| --- |" + " ---: |" * len(MODES)]
    for kind in r["hybrid"]["by_kind"]:
        lines.append(f"| {kind} | " + " | ".join(f"{statistics.mean(r[m]['by_kind'][kind]):.3f}" for m in MODES) + " |")
    nf, pg = r["hybrid_nofloor"], r["page"]
    lines += ["", "The semantic floor (issue 17):", "",
              "| ranking | nDCG@10 | recall@20 |", "| --- | ---: | ---: |",
              f"| hybrid without floor | {statistics.mean(nf['ndcg']):.3f} | {statistics.mean(nf['recall']):.3f} |",
              f"| hybrid with fusion floor {floor} | {statistics.mean(r['hybrid']['ndcg']):.3f} | "
              f"{statistics.mean(r['hybrid']['recall']):.3f} |",
              f"| search page (exact block, then Liknande innehåll above {r['similar_floor']}) | "
              f"{statistics.mean(pg['ndcg']):.3f} | "
              f"{statistics.mean(pg['recall']):.3f} |"]
    summary["hybrid_nofloor"] = {"ndcg@10": round(statistics.mean(nf["ndcg"]), 3)}
    summary["page"] = {"ndcg@10": round(statistics.mean(pg["ndcg"]), 3)}
    cal = r["calibration"]

    def dist(xs: list[float]) -> str:
        return (f"min {min(xs):.3f}, p10 {pct(xs, 10):.3f}, median {pct(xs, 50):.3f}, max {max(xs):.3f}"
                if xs else "–")

    lines += ["", "Calibration (cosine of the best kNN passage per answer, floor off):", "",
              f"- best relevant answer per query ({len(cal['relevant_best'])}): {dist(cal['relevant_best'])}",
              f"- best non-relevant answer per query ({len(cal['nonrelevant_best'])}): {dist(cal['nonrelevant_best'])}",
              f"- top passage of a negative query ({len(cal['negative_top'])}): {dist(cal['negative_top'])}",
              "", "Floor sweep: as the fusion floor (hybrid nDCG@10), and as the display floor of Liknande "
              "innehåll (the search page's nDCG@10 and the negative queries that would still show the block).", "",
              "| floor | hybrid nDCG@10 | page nDCG@10 | negatives showing Liknande innehåll | queries whose best "
              "relevant answer falls below |", "| ---: | ---: | ---: | ---: | ---: |"]
    for row in r["sweep"]:
        lines.append(f"| {row['floor']:.2f} | {row['hybrid_ndcg']:.3f} | {row['page_ndcg']:.3f} | "
                     f"{row['negatives_with_similar']} | {row['queries_losing_relevant']} |")
    neg = r["negatives"]
    with_exact = [n for n in neg if n["exact"]]
    with_similar = [n for n in neg if n["similar"]]
    lines += ["", f"Negative queries ({len(neg)}, bench/relevance.json `negatives`): "
              f"{len(with_exact)} with an exact-match block, {len(with_similar)} with a Liknande innehåll block.", "",
              "| query | kind | exact remisser | similar remisser | top cosine |", "| --- | --- | ---: | ---: | ---: |"]
    for n in neg:
        lines.append(f"| {n['q']} | {n['kind']} | {n['exact']} | {n['similar']} | {n['top_cosine']:.3f} |")
    summary["negatives"] = {"with_exact_block": len(with_exact), "with_similar_block": len(with_similar)}
    prec_lines, summary["precedent"] = precedent_report(*r["precedent"])
    lines += prec_lines
    want = expected("search_eval")
    lines += ["", "Against bench/runs.json:"]
    for part, metrics in summary.items():
        for metric, val in metrics.items():
            exp = want.get(part, {}).get(metric)
            lines.append(f"- {part} {metric}: {val} (expected {exp})"
                         f"{regression_flag(meets(val, exp, part == 'negatives'))}")
    publish(lines, args.out)


if __name__ == "__main__":
    main()
