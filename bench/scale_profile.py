"""Where the keyword result page's time goes at a million passages: its Elasticsearch request
taken apart, part by part, on the index ``bench/scale_keyword.py --keep`` leaves.

The page's search (the exact block: exact clause, k hits, highlights, the 'filtered' counts and
six multi-select facets, each with an answer count per bucket) is captured from
``SearchService.search`` and sent again with one part removed or changed at a time; each
variant is timed over the evaluation queries (one client, warm, best of the passes' p50/p95),
and the full request once with ``profile: true`` (the aggregations' share of the shard time).

    python bench/scale_profile.py [--passes 3]

Prints a table; writes bench/reports/scale_profile.md.
"""
from __future__ import annotations

import argparse
import copy
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.search_eval import pct

REPORT = ROOT / "bench" / "reports" / "scale_profile.md"
Body = dict[str, Any]


def _facets(body: Body) -> list[str]:
    return [k for k in body.get("aggs", {}) if k != "filtered"]


def no_highlight(b: Body) -> Body:
    b.pop("highlight", None)
    return b


def no_facets(b: Body) -> Body:
    for k in _facets(b):
        del b["aggs"][k]
    return b


def no_counts(b: Body) -> Body:
    b["aggs"].pop("filtered", None)
    return b


def no_aggs(b: Body) -> Body:
    b.pop("aggs", None)
    return b


def no_bucket_answer_counts(b: Body) -> Body:
    """Facet buckets counted in passages (doc_count), not answers (a cardinality per bucket)."""
    for k in _facets(b):
        b["aggs"][k]["aggs"]["f"].pop("aggs", None)
    return b


def hint(h: str) -> Callable[[Body], Body]:
    def f(b: Body) -> Body:
        for k in _facets(b):
            docs = b["aggs"][k]["aggs"]["f"].get("aggs", {}).get("docs")
            if docs:
                docs["cardinality"]["execution_hint"] = h
        for c in b["aggs"].get("filtered", {}).get("aggs", {}).values():
            c["cardinality"]["execution_hint"] = h
        return b
    f.__name__ = f"cardinality_{h}"
    return f


def threshold(n: int) -> Callable[[Body], Body]:
    def f(b: Body) -> Body:
        for k in _facets(b):
            docs = b["aggs"][k]["aggs"]["f"].get("aggs", {}).get("docs")
            if docs:
                docs["cardinality"]["precision_threshold"] = n
        return b
    f.__name__ = f"bucket_precision_{n}"
    return f


def sampled(p: float) -> Callable[[Body], Body]:
    """The aggregations over a random sample of the matches (random_sampler): counts approximate."""
    def f(b: Body) -> Body:
        b["aggs"] = {"sample": {"random_sampler": {"probability": p, "seed": 1}, "aggs": b["aggs"]}}
        return b
    f.__name__ = f"sampled_{p:g}"
    return f


def no_exact_hits(b: Body) -> Body:
    b["size"] = 0
    b.pop("highlight", None)
    return b


VARIANTS: list[Callable[[Body], Body]] = [
    no_highlight, no_facets, no_counts, no_aggs, no_exact_hits, no_bucket_answer_counts,
    hint("direct"), hint("global_ordinals"), threshold(100), sampled(0.1), sampled(0.02),
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--passes", type=int, default=3)
    args = ap.parse_args()
    from remissvar.settings import Settings
    from search_api.index import es_client
    from search_api.search.models import Filters, SearchRequest
    from search_api.search.service import SearchService

    s = Settings(index_prefix="remissvar-scalekw", query_cache_size=0, index_shards=2)
    es = es_client(s, request_timeout=600)
    svc = SearchService(es, s, None)
    queries = [q["q"] for q in json.loads((ROOT / "bench/relevance.json").read_text(encoding="utf-8"))["queries"]]
    n_docs = es.count(index=svc.passages)["count"]
    bodies: dict[str, Body] = {}
    real = svc._msearch

    def capture(searches: list[tuple[str, Body]]) -> dict[str, dict[str, Any]]:
        for kind, body in searches:
            if kind == "exact":
                bodies[current] = copy.deepcopy(body)
        return real(searches)

    svc._msearch = capture  # type: ignore[method-assign]
    for current in queries:
        svc.search(SearchRequest(q=current, mode="keyword", filters=Filters(include_synthetic=True)))
    svc._msearch = real  # type: ignore[method-assign]

    def run(transform: Callable[[Body], Body] | None) -> tuple[float, float, float]:
        best50 = best95 = float("inf")
        took: list[float] = []
        for _ in range(args.passes):
            ms = []
            for q in queries:
                b = copy.deepcopy(bodies[q])
                if transform:
                    b = transform(b)
                t0 = time.perf_counter()
                r = es.search(index=svc.passages, **b)
                ms.append((time.perf_counter() - t0) * 1000)
                took.append(float(r["took"]))
            best50, best95 = min(best50, pct(ms, 50)), min(best95, pct(ms, 95))
        return best50, best95, pct(took, 50)

    hits = [es.count(index=svc.passages, query=bodies[q]["query"])["count"] for q in queries]
    lines = ["# The result page's Elasticsearch request at scale", "",
             f"`python bench/scale_profile.py`: {n_docs:,} passages (the index of `bench/scale_keyword.py --keep`), "
             f"{len(queries)} queries; matches of the exact clause per query: p50 {pct(hits, 50):,.0f}, "
             f"max {max(hits):,}. One client, best of {args.passes} passes; 'took' is Elasticsearch's own time.", "",
             "| variant | p50 ms | p95 ms | took p50 ms |", "| --- | ---: | ---: | ---: |"]
    for t in [None, *VARIANTS]:
        p50, p95, took50 = run(t)
        lines.append(f"| {'the page as it is' if t is None else t.__name__} | {p50:.1f} | {p95:.1f} | {took50:.0f} |")
        print(lines[-1], flush=True)
    # ES's profile of the heaviest query: time per aggregation and in the query
    heavy = max(queries, key=lambda q: hits[queries.index(q)])
    prof = es.search(index=svc.passages, profile=True, **bodies[heavy])["profile"]["shards"]
    agg_ns: dict[str, int] = {}
    query_ns = 0
    for sh in prof:
        for a in sh.get("aggregations", []):
            agg_ns[a["description"]] = agg_ns.get(a["description"], 0) + int(a["time_in_nanos"])
        for srch in sh.get("searches", []):
            query_ns += sum(int(x["time_in_nanos"]) for x in srch.get("query", []))
            query_ns += int(srch.get("collector", [{}])[0].get("time_in_nanos", 0))
    lines += ["", f"`profile: true` on the query with the most matches ({heavy!r}, {max(hits):,} passages), summed "
              "over shards:", "", "| part | ms |", "| --- | ---: |", f"| query and collectors | {query_ns / 1e6:.1f} |"]
    lines += [f"| aggregation `{k}` | {v / 1e6:.1f} |" for k, v in sorted(agg_ns.items(), key=lambda kv: -kv[1])]
    REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
