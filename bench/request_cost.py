"""Where one search request's time goes, part by part, at one client (no load).

For the keyword and the hybrid path, on the bench corpus (the recorded sites' answers), this
times the whole ``SearchService.search`` call and each part of it run alone: the ranking
search, the exact search, the facet aggregations, the deadline lookup, the query embedding,
and the JSON a view would write. Elasticsearch's own ``took`` is printed beside the wall time,
so what the engine costs shows apart from the client's round trip.

A second table counts CPU instead of wall time: this process's CPU (all its threads) and
Elasticsearch's (its process, from /proc for a local node, else the nodes stats API) per request, for the keyword
and hybrid pages, the kNN search alone and the query embedding. When every core is busy (5 and
20 clients on 2 cores) latency and throughput follow CPU per request, so this table bounds the
hybrid/keyword ratios that any request path can reach on this machine (issue 18).

    python bench/request_cost.py            # builds the corpus once (prefix remissvar-cost)
    python bench/request_cost.py --rounds 200

Writes bench/reports/request_cost.md.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import expected, meets, regression_flag
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


def es_cpu_ms(es: Any) -> float:
    """Elasticsearch's process CPU so far, ms over every node: from /proc when the node runs on
    this machine (exact; the nodes stats figure is refreshed only about once a second), else
    from the nodes stats API."""
    total = 0.0
    remote = []
    for node_id, node in es.nodes.info(metric="process")["nodes"].items():
        proc = Path(f"/proc/{node['process']['id']}")
        try:  # the pid is this machine's Elasticsearch only if its command line says so
            if b"org.elasticsearch" not in (proc / "cmdline").read_bytes():
                raise OSError("another process")
            fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # in a container or on another host
            remote.append(node_id)
            continue
        total += (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")
    if remote:
        stats = es.nodes.stats(metric="process")["nodes"]
        total += sum(stats[n]["process"]["cpu"]["total_in_millis"] for n in remote if n in stats)
    return total


def cpu_cost(es: Any, fn: Callable[[], Any], rounds: int) -> tuple[float, float]:
    """(ms of this process's CPU, ms of Elasticsearch's CPU) per call, over ``rounds`` calls."""
    e0, c0 = es_cpu_ms(es), time.process_time()
    for _ in range(rounds):
        fn()
    return (time.process_time() - c0) * 1000 / rounds, (es_cpu_ms(es) - e0) / rounds


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
    lines += cpu_table(svc, each, rounds)
    text = "\n".join(lines) + "\n"
    REPORT.write_text(text, encoding="utf-8")
    print(text)


def cpu_table(svc: SearchService, each: Callable[[Callable[[str], Any]], Callable[[], Any]],
              rounds: int) -> list[str]:
    """CPU per request (this process + Elasticsearch) and the ratio bound it sets at saturation."""
    from remissvar.query_encoders import EncoderMissingError, OnnxQueryEncoder

    def busy_hybrid(q: str) -> Any:
        with svc._counted():  # as if another search ran in the process: both halves in one msearch
            return svc.search(SearchRequest(q=q, mode="hybrid"))

    vectors: dict[str, list[float]] = {}

    def knn_only(q: str) -> Any:  # the kNN search with the vector already there
        if q not in vectors:
            vectors[q] = svc._embed(q)[0]
        return svc.es.search(index=svc.passages, body=svc._knn_search(vectors[q], CANDIDATES, [], ids_only=True))

    rows: list[tuple[str, Callable[[], Any]]] = [
        ("search() keyword, whole", each(lambda q: svc.search(SearchRequest(q=q, mode="keyword")))),
        ("search() hybrid, whole (alone: embedding beside the keyword half)",
         each(lambda q: svc.search(SearchRequest(q=q, mode="hybrid")))),
        ("search() hybrid, whole (beside others: both halves in one msearch)", each(busy_hybrid)),
        ("kNN search alone (k = 100, doc values for the grouping)", each(knn_only)),
        ("query embedding (the configured encoder)",
         each(lambda q: svc.embedder.encode_query(q) if svc.embedder else None)),
    ]
    try:
        student = OnnxQueryEncoder(svc.settings.model_path, which="student")
        rows.append(("query embedding (the 4-layer student)", each(student.encode_query)))
    except EncoderMissingError:
        pass
    qs = queries()
    for q in qs:  # the vectors of knn_only, outside the measurement
        knn_only(q)
    for _, fn in rows:  # warm-up: a freshly started Elasticsearch runs cold (its JIT) for a while
        for _ in range(3 * len(qs)):
            fn()
    # rows interleaved, one pass over the queries each, ``rounds`` times: medians per row
    passes: dict[str, list[tuple[float, float]]] = {name: [] for name, _ in rows}
    for _ in range(max(1, rounds // len(qs))):
        for name, fn in rows:
            passes[name].append(cpu_cost(svc.es, fn, len(qs)))
    cost = {name: (statistics.median(p for p, _ in xs), statistics.median(e for _, e in xs))
            for name, xs in passes.items()}
    lines = ["", "## CPU per request", "",
             f"{rounds} requests per row, one after another, in passes over the {len(qs)} queries with the "
             "rows interleaved (medians of the passes); CPU of this process (all threads) and of Elasticsearch "
             "(its process), ms per request.", "",
             "| part | this process ms | Elasticsearch ms | total ms |", "| --- | ---: | ---: | ---: |"]
    for name, (py, es_ms) in cost.items():
        lines.append(f"| {name} | {py:.1f} | {es_ms:.1f} | {py + es_ms:.1f} |")
    total = {name: py + es_ms for name, (py, es_ms) in cost.items()}
    keyword = total["search() keyword, whole"]
    hybrid = total["search() hybrid, whole (beside others: both halves in one msearch)"]
    embed = total["query embedding (the configured encoder)"]
    knn = total["kNN search alone (k = 100, doc values for the grouping)"]
    lines += ["", f"With every core busy a mode's latency and throughput follow these totals: hybrid / keyword "
              f"= **{hybrid / keyword:.2f}×** here; without the embedding (a free encoder) "
              f"{(hybrid - embed) / keyword:.2f}×. Issue 18's 1.3× at 5 clients leaves hybrid "
              f"{0.3 * keyword:.1f} ms of CPU beyond keyword's; the kNN search alone costs {knn:.1f} ms and the "
              f"embedding {embed:.1f} ms."]
    bound = expected("request_cost").get("hybrid_keyword_cpu_ratio_max")
    if bound is not None:
        lines += ["", f"- hybrid / keyword CPU per request: {hybrid / keyword:.2f}× (expected ≤ {bound}×)"
                      f"{regression_flag(meets(hybrid / keyword, bound, at_most=True))}"]
    return lines


if __name__ == "__main__":
    main()
