"""Where one search request's time goes, part by part, at one client (no load).

For the keyword and the hybrid path, on the bench corpus (the recorded sites' answers), this
times the whole ``SearchService.search`` call and each part of it run alone: the ranking
search, the exact search, the facet aggregations, the deadline lookup, the query embedding,
and the JSON a view would write. Elasticsearch's own ``took`` is printed beside the wall time,
so what the engine costs shows apart from the client's round trip.

    python bench/request_cost.py            # builds the corpus once (prefix remissvar-cost)
    python bench/request_cost.py --rounds 200

Writes bench/reports/request_cost.md.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.search_eval import _has_corpus, build_corpus
from remissvar.embedding import get_query_encoder
from remissvar.settings import Settings
from search_api.index import es_client
from search_api.search.builders import PASSAGE_SOURCE, KeywordQuery, facet_aggs, multiselect_facet_aggs
from search_api.search.models import CANDIDATES, Filters, SearchRequest
from search_api.search.service import FACETS, SearchService

REPORT = ROOT / "bench" / "reports" / "request_cost.md"


def queries() -> list[str]:
    rel = json.loads((ROOT / "bench" / "relevance.json").read_text(encoding="utf-8"))
    return [q["q"] for q in rel["queries"]]


def timed(fn: Callable[[], Any], rounds: int) -> tuple[float, float, float]:
    """(p50 ms, p95 ms, median Elasticsearch took ms or nan)."""
    walls, tooks = [], []
    for _ in range(rounds):
        t0 = time.perf_counter()
        r = fn()
        walls.append((time.perf_counter() - t0) * 1000)
        r = getattr(r, "body", r)  # the client's response object
        if isinstance(r, dict) and "took" in r:
            tooks.append(float(r["took"]))
        elif isinstance(r, dict) and "responses" in r:
            tooks.append(max(float(x.get("took", 0)) for x in r["responses"]))
    walls.sort()
    return (walls[len(walls) // 2], walls[int(len(walls) * 0.95) - 1 if len(walls) > 1 else 0],
            statistics.median(tooks) if tooks else float("nan"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3, help="passes over the query set per part")
    args = ap.parse_args()
    s = Settings(index_prefix="remissvar-cost", recorded_port=8851, query_cache_size=0)
    if not _has_corpus(s):
        build_corpus(s)
    es = es_client(s)
    svc = SearchService(es, s, get_query_encoder(s))
    qs = queries()
    idx = svc.passages
    nf = Filters()
    base = nf.clauses(skip=FACETS)
    multi_facets = multiselect_facet_aggs({f: nf.clauses(skip=frozenset({f})) for f in FACETS})
    counts = {"answers": {"cardinality": {"field": "yttrande_id"}},
              "remisser": {"cardinality": {"field": "remiss_id"}}}

    def each(make: Callable[[str], Any]) -> Callable[[], Any]:
        state = {"i": 0}

        def run() -> Any:
            q = qs[state["i"] % len(qs)]
            state["i"] += 1
            return make(q)
        return run

    def ranking(q: str, highlight: bool = True) -> Any:
        kq = KeywordQuery(q)
        body: dict[str, Any] = {"size": CANDIDATES, "_source": PASSAGE_SOURCE, "track_total_hits": False,
                                "query": {"bool": {"must": [kq.clause()], "filter": base}}}
        if highlight:
            body["highlight"] = kq.highlight()
        return es.search(index=idx, body=body)

    def exact(q: str, highlight: bool = True) -> Any:
        kq = KeywordQuery(q)
        body: dict[str, Any] = {"size": CANDIDATES, "_source": PASSAGE_SOURCE, "track_total_hits": False,
                                "query": {"bool": {"must": [kq.exact_clause()], "filter": base}}, "aggs": counts}
        if highlight:
            body["highlight"] = kq.highlight()
        return es.search(index=idx, body=body)

    def facets(q: str) -> Any:
        kq = KeywordQuery(q)
        return es.search(index=idx, body={"size": 0, "aggs": multi_facets,
                                          "query": {"bool": {"must": [kq.exact_clause()], "filter": base}}})

    def previous_round(q: str) -> Any:
        """The keyword page's one search before issue 17: any-word ranking, highlights, six
        plain facets - no exact block, counts, multi-select facets or deadline lookup."""
        kq = KeywordQuery(q)
        return es.search(index=idx, body={"size": CANDIDATES, "_source": PASSAGE_SOURCE, "track_total_hits": False,
                                          "query": {"bool": {"must": [kq.clause()], "filter": base}},
                                          "highlight": kq.highlight(), "aggs": facet_aggs()})

    def page_search(q: str) -> Any:
        """Today's keyword page search alone (what search() sends for the words)."""
        kq = KeywordQuery(q)
        return es.search(index=idx, body={
            "size": CANDIDATES, "_source": PASSAGE_SOURCE, "track_total_hits": False,
            "query": {"bool": {"must": [kq.exact_clause()], "filter": base}}, "post_filter": {"bool": {"filter": []}},
            "highlight": kq.highlight(), "aggs": {"filtered": {"filter": {"bool": {"filter": []}}, "aggs": counts},
                                                  **multi_facets}})

    parts: list[tuple[str, Callable[[], Any]]] = [
        ("keyword page search alone (exact + highlights + counts + multi-select facets)", each(page_search)),
        ("previous round's keyword search (any word + highlights + plain facets)", each(previous_round)),
        ("search() keyword, whole", each(lambda q: svc.search(SearchRequest(q=q, mode="keyword")))),
        ("search() hybrid, whole", each(lambda q: svc.search(SearchRequest(q=q, mode="hybrid")))),
        ("ranking search (BM25 + highlight)", each(ranking)),
        ("ranking search, no highlight", each(lambda q: ranking(q, highlight=False))),
        ("exact search (+ highlight, counts)", each(exact)),
        ("exact search, no highlight", each(lambda q: exact(q, highlight=False))),
        ("facet aggregations (6, multi-select)", each(facets)),
        ("query embedding", each(lambda q: svc.embedder.encode_query(q) if svc.embedder else None)),
    ]
    for _, fn in parts:  # warm-up: caches, JIT, connection pool
        for _ in range(len(qs)):
            fn()
    rounds = args.rounds * len(qs)
    lines = ["# Where one search request's time goes", "",
             f"`python bench/request_cost.py --rounds {args.rounds}`: {rounds} requests per row, one client, "
             f"{len(qs)} queries from bench/relevance.json, corpus: the recorded sites' answers. "
             "Wall time in this process; `took` is Elasticsearch's own time for the search.", "",
             "| part | p50 ms | p95 ms | ES took ms (median) |", "| --- | ---: | ---: | ---: |"]
    for name, fn in parts:
        p50, p95, took = timed(fn, rounds)
        lines.append(f"| {name} | {p50:.1f} | {p95:.1f} | {'' if took != took else f'{took:.0f}'} |")
    text = "\n".join(lines) + "\n"
    REPORT.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
