"""Where the keyword result page's time goes at a million passages: its Elasticsearch request
taken apart, part by part, on the index ``bench/scale_keyword.py --keep`` leaves.

The page's search (the exact block: exact clause, k hits, highlights, the 'filtered' counts and
six multi-select facets, each with an answer count per bucket) is captured from
``SearchService.search`` and sent again with one part removed or changed at a time; each
variant is timed over the evaluation queries (one client, warm, the variants of each query sent
one after the other: p50/p95 over the passes),
and the full request once with ``profile: true`` (the aggregations' share of the shard time).

    python bench/scale_profile.py [--passes 3] [--ranking] [--analysis baseline]

``--ranking`` takes the ranking list's search apart instead (``passages_ranked``: the any-word
clause, k hits, highlights; per-field clauses removed one kind at a time); ``--analysis
baseline`` reads the index of ``bench/scale_keyword.py --analysis baseline --keep`` (without
issue 27's analysis) with the queries of that run.

Prints a table; writes bench/reports/scale_profile.md (``--ranking``: scale_profile_ranking.md;
the baseline's with ``_baseline`` added).
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


def _clauses(b: Body) -> list[Body]:
    """The per-field clauses of the ranking search's any-word ``bool``."""
    return list(b["query"]["bool"]["must"][0]["bool"]["should"])


def _keep(b: Body, keep: Callable[[Body], bool]) -> Body:
    b["query"]["bool"]["must"][0]["bool"]["should"] = [c for c in _clauses(b) if keep(c)]
    return b


def _field(c: Body) -> str:
    inner = c.get("match") or c.get("term") or {}
    return next(iter(inner), "")


def _fuzzy(c: Body) -> bool:
    return "fuzziness" in next(iter((c.get("match") or {}).values()), {})


def no_parts_fields(b: Body) -> Body:
    """The ``*.parts`` clauses (compound parts, issue 27) left out."""
    return _keep(b, lambda c: not _field(c).endswith(".parts"))


def parts_not_whole(b: Body) -> Body:
    """The stemmed whole-word clauses left out, their ``*.parts`` twins kept (a part index that
    holds the whole words too answers the same words)."""
    return _keep(b, lambda c: _field(c) not in ("text", "remiss_title") or _fuzzy(c))


def no_fuzzy(b: Body) -> Body:
    return _keep(b, lambda c: not _fuzzy(c))


def no_folded(b: Body) -> Body:
    """The folded clauses (exact, not fuzzy) left out."""
    return _keep(b, lambda c: not (_field(c).endswith("_folded") and not _fuzzy(c)))


def no_titles(b: Body) -> Body:
    return _keep(b, lambda c: "title" not in _field(c))


def no_ranking_parts_highlight(b: Body) -> Body:
    """The passage highlight with the words' own match alone (no coined-compound or OCR clauses)."""
    from search_api.search.highlight import HIGHLIGHT_FIELD

    t = b.get("highlight", {}).get("fields", {}).get(HIGHLIGHT_FIELD)
    if t:
        t["highlight_query"] = t["highlight_query"]["bool"]["should"][0]
    return b


def as_matches(b: Body) -> Body:
    """The ranking clause as per-field ``match`` clauses (before it was sent as its terms)."""
    b["query"]["bool"]["must"][0] = b.pop("_matches")
    return b


RANKING_VARIANTS: list[Callable[[Body], Body]] = [
    as_matches, no_highlight, no_ranking_parts_highlight, no_parts_fields, parts_not_whole, no_fuzzy, no_folded,
    no_titles,
]


def no_exact_hits(b: Body) -> Body:
    b["size"] = 0
    b.pop("highlight", None)
    return b


def unwrapped_facets(b: Body) -> Body:
    """Facets without their multi-select filter where it filters nothing (no facet chosen: the
    benchmark's case), and the 'filtered' counts at the top level likewise."""
    for k in _facets(b):
        agg = b["aggs"][k]
        if not agg["filter"]["bool"]["filter"]:
            b["aggs"][k] = agg["aggs"]["f"]
    flt = b["aggs"].get("filtered")
    if flt and not flt["filter"]["bool"]["filter"]:
        del b["aggs"]["filtered"]
        b["aggs"].update(flt["aggs"])
    return b


VARIANTS: list[Callable[[Body], Body]] = [
    no_highlight, no_facets, no_counts, no_aggs, no_exact_hits, no_bucket_answer_counts, no_parts_fields,
    unwrapped_facets, threshold(10000), sampled(0.1), sampled(0.02),
]


ORDINAL_FIELDS = ["yttrande_id", "remiss_id", "council_keys", "position", "remiss_body", "remiss_body_key",
                  "motion_parties", "kind"]


def refresh_cost(es: Any, index: str, bodies: dict[str, Body], queries: list[str], n: int, report: Path) -> None:
    """The page's request right after a refresh that added passages (a new segment: the global
    ordinals of the facet and count fields are rebuilt by the first search that aggregates, or at
    the refresh when eager), lazily and eagerly, alternating; each refresh adds 20 passages copied
    from the index under new ids. Writes ``<report>`` with ``_refresh`` added."""
    from elasticsearch import helpers

    mapping = es.indices.get_mapping(index=index)
    props = next(iter(mapping.values()))["mappings"]["properties"]
    fields = [f for f in ORDINAL_FIELDS if props.get(f, {}).get("type") == "keyword"]
    seed = es.search(index=index, size=20, query={"match_all": {}})["hits"]["hits"]
    out: dict[bool, list[tuple[float, float, float]]] = {False: [], True: []}
    for i in range(2 * n):
        eager = i % 2 == 1
        es.indices.put_mapping(index=index, properties={f: {"type": "keyword", "eager_global_ordinals": eager}
                                                        for f in fields})
        docs = [{"_index": index, "_id": f"probe-{i}-{h['_id']}", "_source": h["_source"]} for h in seed]
        helpers.bulk(es, docs)
        t0 = time.perf_counter()
        es.indices.refresh(index=index)
        refresh_ms = (time.perf_counter() - t0) * 1000
        q = queries[i % len(queries)]
        t0 = time.perf_counter()
        r = es.search(index=index, **copy.deepcopy(bodies[q]))
        out[eager].append((refresh_ms, (time.perf_counter() - t0) * 1000, float(r["took"])))
        print(eager, out[eager][-1], flush=True)
    es.indices.put_mapping(index=index, properties={f: {"type": "keyword", "eager_global_ordinals": False}
                                                    for f in fields})
    lines = ["# Global ordinals: built by the first search after a refresh, or at the refresh", "",
             f"`python bench/scale_profile.py --refresh-cost {n}` on `{index}` "
             f"({es.count(index=index)['count']:,} passages after the probes): {n} refreshes each way, "
             "alternating; each adds 20 passages (a new segment), then one page request (the next evaluation "
             f"query). Fields: {', '.join(fields)}.", "",
             "| global ordinals | refresh p50 ms | first page p50 ms | first page max ms | took p50 ms |",
             "| --- | ---: | ---: | ---: | ---: |"]
    for eager in (False, True):
        rows = out[eager]
        lines.append(f"| {'eager' if eager else 'lazy (default)'} | {pct([r[0] for r in rows], 50):.0f} | "
                     f"{pct([r[1] for r in rows], 50):.0f} | {max(r[1] for r in rows):.0f} | "
                     f"{pct([r[2] for r in rows], 50):.0f} |")
    report.with_name(report.stem + "_refresh.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--passes", type=int, default=3)
    ap.add_argument("--ranking", action="store_true", help="the ranking list's search instead of the page's")
    ap.add_argument("--analysis", choices=("sv", "baseline"), default="sv")
    ap.add_argument("--refresh-cost", type=int, default=0, metavar="N",
                    help="instead: the first page after each of N refreshes that add a few passages, with "
                         "global ordinals built lazily and eagerly (adds passages to the kept index)")
    args = ap.parse_args()
    from contextlib import nullcontext

    from bench.analysis_baseline import baseline_queries
    from remissvar.settings import Settings
    from search_api.index import es_client
    from search_api.search.models import Filters, SearchRequest
    from search_api.search.service import SearchService

    baseline = args.analysis == "baseline"
    s = Settings(index_prefix="remissvar-scalekwbase" if baseline else "remissvar-scalekw",
                 query_cache_size=0, index_shards=2)
    want = "bm25" if args.ranking else "exact"
    report = REPORT.with_name(REPORT.stem + ("_ranking" if args.ranking else "")
                              + ("_baseline" if baseline else "") + ".md")
    es = es_client(s, request_timeout=600)
    svc = SearchService(es, s, None)
    queries = [q["q"] for q in json.loads((ROOT / "bench/relevance.json").read_text(encoding="utf-8"))["queries"]]
    n_docs = es.count(index=svc.passages)["count"]
    bodies: dict[str, Body] = {}
    real = svc._msearch

    def capture(searches: list[tuple[str, Body]]) -> dict[str, dict[str, Any]]:
        for kind, body in searches:
            if kind == want:
                bodies[current] = copy.deepcopy(body)
                if args.ranking:
                    from search_api.search.builders import KeywordQuery
                    bodies[current]["_matches"] = KeywordQuery(current).clause()
        return real(searches)

    svc._msearch = capture  # type: ignore[method-assign]
    with baseline_queries() if baseline else nullcontext():
        for current in queries:
            if args.ranking:
                svc.passages_ranked(current, "keyword", Filters(include_synthetic=True), k=20)
            else:
                svc.search(SearchRequest(q=current, mode="keyword", filters=Filters(include_synthetic=True)))
    svc._msearch = real  # type: ignore[method-assign]

    per_query: dict[str, float] = {}

    def run(variants: list[Callable[[Body], Body] | None]) -> dict[str, tuple[float, float, float]]:
        """Every variant of a query sent one after the other (the order reversed every other
        pass), so that a change in the machine's load falls on all of them alike; p50/p95 over
        all passes, and Elasticsearch's took p50, by variant."""
        ms: dict[str, list[float]] = {}
        took: dict[str, list[float]] = {}
        for p in range(args.passes):
            for q in queries:
                for t in (variants if p % 2 == 0 else variants[::-1]):
                    name = "the request as it is" if t is None else t.__name__
                    b = copy.deepcopy(bodies[q])
                    if t:
                        b = t(b)
                    b.pop("_matches", None)
                    t0 = time.perf_counter()
                    r = es.search(index=svc.passages, **b)
                    ms.setdefault(name, []).append((time.perf_counter() - t0) * 1000)
                    took.setdefault(name, []).append(float(r["took"]))
                    if t is None:
                        per_query[q] = min(per_query.get(q, float("inf")), ms[name][-1])
        return {n: (pct(v, 50), pct(v, 95), pct(took[n], 50)) for n, v in ms.items()}

    if args.refresh_cost:
        refresh_cost(es, svc.passages, bodies, queries, args.refresh_cost, report)
        return
    hits = [es.count(index=svc.passages, query=bodies[q]["query"])["count"] for q in queries]
    flags = (" --ranking" if args.ranking else "") + (" --analysis baseline" if baseline else "")
    lines = ["# The " + ("ranking list's" if args.ranking else "result page's") + " Elasticsearch request at scale"
             + (" (without issue 27's analysis)" if baseline else ""), "",
             f"`python bench/scale_profile.py{flags}`: {n_docs:,} passages (the index of "
             f"`bench/scale_keyword.py{' --analysis baseline' if baseline else ''} --keep`), "
             f"{len(queries)} queries; matches of {'the any-word' if args.ranking else 'the exact'} clause per query: "
             f"p50 {pct(hits, 50):,.0f}, max {max(hits):,}. One client, {args.passes} passes, the variants of each "
             "query sent one after the other; "
             "'took' is Elasticsearch's own time.", "",
             "| variant | p50 ms | p95 ms | took p50 ms |", "| --- | ---: | ---: | ---: |"]
    variants: list[Callable[[Body], Body] | None] = [None, *(RANKING_VARIANTS if args.ranking else VARIANTS)]
    for name, (p50, p95, took50) in run(variants).items():
        lines.append(f"| {name} | {p50:.1f} | {p95:.1f} | {took50:.0f} |")
    slow = sorted(per_query, key=lambda q: -per_query[q])[:6]
    lines += ["", "Slowest queries as they are (best of the passes, ms; matches):", ""]
    lines += [f"- {q!r}: {per_query[q]:.1f} ms, {hits[queries.index(q)]:,}" for q in slow]
    # ES's profile of the heaviest query: time per aggregation and in the query
    heavy = slow[0] if args.ranking else max(queries, key=lambda q: hits[queries.index(q)])
    heavy_body = {k: v for k, v in bodies[heavy].items() if k != "_matches"}
    prof = es.search(index=svc.passages, profile=True, **heavy_body)["profile"]["shards"]
    agg_ns: dict[str, int] = {}
    clause_ns: dict[str, int] = {}
    query_ns = 0

    def walk(node: Body, depth: int) -> None:
        """Time per clause of the query tree, down to the per-field matches."""
        if depth:
            key = f"{'  ' * (depth - 1)}{node['type']}: {node['description'][:90]}"
            clause_ns[key] = clause_ns.get(key, 0) + int(node["time_in_nanos"])
        if depth < 3:
            for child in node.get("children", []):
                walk(child, depth + 1)

    for sh in prof:
        for srch in sh.get("searches", []):
            for top in srch.get("query", []):
                walk(top, 0)
        for a in sh.get("aggregations", []):
            agg_ns[a["description"]] = agg_ns.get(a["description"], 0) + int(a["time_in_nanos"])
        for srch in sh.get("searches", []):
            query_ns += sum(int(x["time_in_nanos"]) for x in srch.get("query", []))
            query_ns += int(srch.get("collector", [{}])[0].get("time_in_nanos", 0))
    which = "slowest query" if args.ranking else "query with the most matches"
    lines += ["", f"`profile: true` on the {which} ({heavy!r}, {hits[queries.index(heavy)]:,} passages), summed "
              "over shards:", "", "| part | ms |", "| --- | ---: |", f"| query and collectors | {query_ns / 1e6:.1f} |"]
    lines += [f"| aggregation `{k}` | {v / 1e6:.1f} |" for k, v in sorted(agg_ns.items(), key=lambda kv: -kv[1])]
    lines += [f"| `{k}` | {v / 1e6:.1f} |" for k, v in clause_ns.items()]
    report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
