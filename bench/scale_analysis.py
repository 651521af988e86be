"""Issue 27's scale point: the ranking list and the result page at a million passages with the
Swedish analysis against the same run without it, on the two kept indices, timed side by side.

    python bench/scale_keyword.py --analysis baseline --keep   # index without the new analysis
    python bench/scale_keyword.py --keep                       # index with it
    python bench/scale_analysis.py [--passes 5] [--seconds 6]

On a shared machine the load moves more between two runs than the analysis does, so this
times both kept indices in one process, interleaved: each query is sent to one index and then
to the other (the order alternating per pass), at one client, warm; then the result page under
1 and 20 clients in alternating blocks (with, without, with, without). Index size and indexing
time come from the two builds' figures (bench/reports/scale_keyword*.json).

Writes bench/reports/scale_analysis.md and .json; expected figures: bench/runs.json
``scale_analysis`` (issue 27: within +15 %).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import expected, regression_flag
from bench.analysis_baseline import baseline_queries
from bench.loadgen import closed_loop, counted
from bench.search_eval import pct
from remissvar.settings import Settings

REPORT = ROOT / "bench" / "reports" / "scale_analysis.md"
PREFIXES = {"with": "remissvar-scalekw", "without": "remissvar-scalekwbase"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--passes", type=int, default=5, help="warm passes over the queries, per index")
    ap.add_argument("--seconds", type=float, default=6.0, help="seconds per load block")
    args = ap.parse_args()
    from search_api.index import es_client
    from search_api.search.models import Filters, SearchRequest
    from search_api.search.service import SearchService

    queries = [q["q"] for q in json.loads((ROOT / "bench/relevance.json").read_text(encoding="utf-8"))["queries"]]
    everything = Filters(include_synthetic=True)
    svcs: dict[str, SearchService] = {}
    for name, prefix in PREFIXES.items():
        s = Settings(index_prefix=prefix, query_cache_size=0, index_shards=2)
        svc = SearchService(es_client(s, request_timeout=600), s, None)
        n = svc.es.count(index=svc.passages)["count"]
        if n < 1_000_000:
            raise SystemExit(f"{svc.passages}: {n} passages; build it with bench/scale_keyword.py --keep "
                             f"{'--analysis baseline' if name == 'without' else ''}")
        svcs[name] = svc

    def as_run(name: str) -> AbstractContextManager[None]:
        return baseline_queries() if name == "without" else nullcontext()

    def ranking(name: str) -> Callable[[str], object]:
        return lambda q: svcs[name].passages_ranked(q, "keyword", everything, k=20)

    def page(name: str) -> Callable[[str], object]:
        return lambda q: svcs[name].search(SearchRequest(q=q, mode="keyword", filters=everything))

    def order(p: int) -> Iterator[str]:
        return iter(("with", "without") if p % 2 == 0 else ("without", "with"))

    load_before = os.getloadavg()
    one: dict[str, dict[str, list[float]]] = {"ranking": {"with": [], "without": []},
                                              "page": {"with": [], "without": []}}
    for kind, fn in (("ranking", ranking), ("page", page)):
        for name in PREFIXES:  # one warming pass each
            with as_run(name):
                for q in queries:
                    fn(name)(q)
        for p in range(args.passes):
            for q in queries:
                for name in order(p):
                    with as_run(name):
                        t0 = time.perf_counter()
                        fn(name)(q)
                        one[kind][name].append((time.perf_counter() - t0) * 1000)
        print(kind, {n: (round(pct(v, 50), 1), round(pct(v, 95), 1)) for n, v in one[kind].items()}, flush=True)

    load: dict[str, dict[int, list[tuple[list[float], int, float]]]] = {"with": {}, "without": {}}
    for clients in (1, 20):
        for p in range(2):
            for name in order(p):
                def new_client(name: str = name) -> Callable[[str], bool]:
                    return counted(page(name))
                with as_run(name):
                    load[name].setdefault(clients, []).append(
                        closed_loop(new_client, queries, clients, args.seconds, max_requests=None))
    load_after = os.getloadavg()

    def cell(name: str, clients: int) -> dict[str, float]:
        runs = load[name][clients]
        ms = [x for lat, _, _ in runs for x in lat]
        return {"p50_ms": round(pct(ms, 50), 1), "p95_ms": round(pct(ms, 95), 1),
                "pages_s": round(len(ms) / sum(el for _, _, el in runs), 1),
                "failed": sum(f for _, f, _ in runs)}

    builds = {}
    for name, f in (("with", "scale_keyword.json"), ("without", "scale_keyword_baseline.json")):
        path = ROOT / "bench" / "reports" / f
        builds[name] = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    figures: dict[str, Any] = {"at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                               "load_average_before": [round(x, 2) for x in load_before],
                               "load_average_after": [round(x, 2) for x in load_after]}
    for name in PREFIXES:
        idx = svcs[name].es.indices.stats(index=svcs[name].passages)["indices"]
        size = sum(v["total"]["store"]["size_in_bytes"] for v in idx.values())
        figures[name] = {
            "ranking_p50_ms": round(pct(one["ranking"][name], 50), 1),
            "ranking_p95_ms": round(pct(one["ranking"][name], 95), 1),
            "page_p50_ms": round(pct(one["page"][name], 50), 1),
            "page_p95_ms": round(pct(one["page"][name], 95), 1),
            "page_1": cell(name, 1), "page_20": cell(name, 20),
            "index_mb": round(size / 1e6), "index_s": builds[name].get("index_s"),
            "index_built_at": builds[name].get("built_at", builds[name].get("at")),
            "index_build_load": builds[name].get("build_load_average", builds[name].get("load_average")),
        }
    w, wo = figures["with"], figures["without"]
    ratios = {"ranking_p95": w["ranking_p95_ms"] / wo["ranking_p95_ms"],
              "page_p95": w["page_p95_ms"] / wo["page_p95_ms"],
              "ranking_p50": w["ranking_p50_ms"] / wo["ranking_p50_ms"],
              "page_p50": w["page_p50_ms"] / wo["page_p50_ms"],
              "pages_s_20": w["page_20"]["pages_s"] / wo["page_20"]["pages_s"],
              "index_mb": w["index_mb"] / wo["index_mb"]}
    figures["ratios"] = {k: round(v, 3) for k, v in ratios.items()}
    REPORT.with_suffix(".json").write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    lines = ["# The Swedish analysis at a million passages: with and without", "",
             f"`python bench/scale_analysis.py --passes {args.passes} --seconds {args.seconds:g}` at {figures['at']}: "
             "the kept indices of `bench/scale_keyword.py --keep` (with issue 27's analysis: sv_stem, compound "
             "parts in `*.parts`) and `bench/scale_keyword.py --analysis baseline --keep` (hunspell alone, no "
             "parts: bench/analysis_baseline.py), 1,000,000 synthetic passages each, 2 shards, force-merged; "
             f"the {len(queries)} queries of bench/relevance.json, each sent to one index and then the other "
             f"({args.passes} warm passes); the page under load in alternating blocks of {args.seconds:g} s. "
             f"{os.cpu_count()} cores shared with other sessions: load average {figures['load_average_before']} "
             f"before, {figures['load_average_after']} after.", "",
             "| figure | without | with | with / without |", "| --- | ---: | ---: | ---: |"]
    rows = [("ranking list p50 ms", "ranking_p50_ms", "ranking_p50"),
            ("ranking list p95 ms", "ranking_p95_ms", "ranking_p95"),
            ("result page p50 ms", "page_p50_ms", "page_p50"), ("result page p95 ms", "page_p95_ms", "page_p95")]
    lines += [f"| {label} | {wo[key]} | {w[key]} | {ratios[r]:.2f} |" for label, key, r in rows]
    for c in (1, 20):
        lines.append(f"| result page at {c} client(s): p95 ms | {wo[f'page_{c}']['p95_ms']} | "
                     f"{w[f'page_{c}']['p95_ms']} | {w[f'page_{c}']['p95_ms'] / wo[f'page_{c}']['p95_ms']:.2f} |")
        lines.append(f"| result page at {c} client(s): pages/s | {wo[f'page_{c}']['pages_s']} | "
                     f"{w[f'page_{c}']['pages_s']} | {w[f'page_{c}']['pages_s'] / wo[f'page_{c}']['pages_s']:.2f} |")
    lines.append(f"| index MB (force-merged) | {wo['index_mb']} | {w['index_mb']} | {ratios['index_mb']:.2f} |")
    if w["index_s"] and wo["index_s"]:
        lines.append(f"| indexing and merge s (its build: {wo['index_built_at']} / {w['index_built_at']}) | "
                     f"{wo['index_s']} | {w['index_s']} | {w['index_s'] / wo['index_s']:.2f} |")
    lines.append(f"| failed requests | {wo['page_1']['failed'] + wo['page_20']['failed']} | "
                 f"{w['page_1']['failed'] + w['page_20']['failed']} | |")
    lines += ["", f"Indexing time is each build's own (bench/reports/scale_keyword*.json, load average at its end "
              f"{wo['index_build_load']} / {w['index_build_load']}): a build shares the cores with whatever "
              "else runs, so it is the noisiest figure here.", ""]
    exp = expected("scale_analysis")
    for label, key, want_key in (("Ranking list p95, with / without", "ranking_p95", "ranking_p95_ratio_max"),
                                 ("Result page p95, with / without", "page_p95", "page_p95_ratio_max")):
        want = exp.get(want_key)
        if want is not None:
            lines.append(f"- {label}: {ratios[key]:.2f} (expected ≤ {want}){regression_flag(ratios[key] <= want)}")
    REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
