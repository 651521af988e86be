"""Query encoder cost against its quality (issue 18): the C engine, the int8 ONNX export (the
default), the distilled static encoder, the 4-layer student (when distilled: ``python -m
remissvar.encoder_distill``, about an hour; then ``--encoders engine,onnx,static,student``), and
the query-vector cache under a realistic repeat rate.

For each encoder: ms per query (serial, the relevance queries, after a warm-up), agreement with
the engine's vectors (cosine), and the search evaluation's nDCG@10 (bench/search_eval.py run
with REMISSVAR_QUERY_ENCODER=<encoder>, sharing one evaluation index). The cache row replays
a query stream where a share of requests repeat a recent query (paging, facet clicks, feeds).

Usage: .venv/bin/python bench/encoder_eval.py [--out bench/reports/encoder_eval.md]
       [--encoders engine,onnx,static,student]
Builds missing encoders first (python -m remissvar.encoder_build); needs the services.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import expected, meets, publish, regression_flag
from bench.search_eval import pct
from remissvar.settings import Settings


def queries() -> list[str]:
    data = json.loads((ROOT / "bench/relevance.json").read_text(encoding="utf-8"))
    return [q["q"] for q in data["queries"]]


def time_encoder(encode: Callable[[str], object], qs: list[str], passes: int = 3) -> list[float]:
    for q in qs:
        encode(q)
    ms = []
    for _ in range(passes):
        for q in qs:
            t = time.perf_counter()
            encode(q)
            ms.append((time.perf_counter() - t) * 1000)
    return ms


def search_ndcg(encoder: str) -> dict[str, float]:
    """nDCG@10 per mode from bench/search_eval.py with this encoder (evaluation index reused)."""
    env = {**os.environ, "REMISSVAR_QUERY_ENCODER": encoder}
    out = subprocess.run([sys.executable, str(ROOT / "bench/search_eval.py"), "--reuse", "--out",
                          f"/tmp/search_eval_{encoder}.md"], env=env, capture_output=True, text=True, check=True)
    got = {}
    for mode in ("keyword", "semantic", "hybrid"):
        m = re.search(rf"^\| {mode} \| ([0-9.]+) \|", out.stdout, re.M)
        if m:
            got[mode] = float(m.group(1))
    return got


def cached_cost(encode: Callable[[str], object], stream: list[str], size: int = 1024) -> tuple[float, float]:
    """(hit rate, mean ms per request) of an LRU of query vectors in front of ``encode``."""
    cache: OrderedDict[str, object] = OrderedDict()
    hits = 0
    t = time.perf_counter()
    for q in stream:
        if q in cache:
            cache.move_to_end(q)
            hits += 1
            continue
        cache[q] = encode(q)
        if len(cache) > size:
            cache.popitem(last=False)
    return hits / len(stream), (time.perf_counter() - t) * 1000 / len(stream)


def repeat_stream(qs: list[str], n: int, repeat_share: float, seed: int = 7) -> list[str]:
    """A stream where ``repeat_share`` of requests repeat one of the last 20 queries (paging,
    facets, back button) and the rest are new queries (unique variants of the relevance ones)."""
    rng = random.Random(seed)
    out: list[str] = []
    for i in range(n):
        if out and rng.random() < repeat_share:
            out.append(rng.choice(out[-20:]))
        else:
            out.append(f"{rng.choice(qs)} {i}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(ROOT / "bench/reports/encoder_eval.md"))
    ap.add_argument("--encoders", default="engine,onnx,static")
    ap.add_argument("--repeat-share", type=float, default=0.3)
    args = ap.parse_args()
    from remissvar.embedding import get_query_encoder
    from remissvar.encoder_build import build_onnx, build_static, build_student

    base = Settings()
    names = args.encoders.split(",")
    if "onnx" in names:
        build_onnx(base.model_path)
    if "static" in names:
        build_static(base.model_path)
    if "student" in names:
        build_student(base.model_path)  # its weights from remissvar.encoder_distill
    qs = queries()
    engine = get_query_encoder(Settings(query_encoder="engine"))
    ref = {q: engine.encode_query(q) for q in qs}
    rows = []
    for name in names:
        enc = get_query_encoder(Settings.model_validate({"query_encoder": name}))
        ms = time_encoder(enc.encode_query, qs)
        cos = [float(enc.encode_query(q) @ ref[q]) for q in qs]
        nd = search_ndcg(name)
        rows.append({"encoder": name, "p50": pct(ms, 50), "p95": pct(ms, 95), "mean": statistics.mean(ms),
                     "cos_mean": statistics.mean(cos), "cos_min": min(cos), **{f"ndcg_{k}": v for k, v in nd.items()}})
    stream = repeat_stream(qs, 2000, args.repeat_share)
    hit, cached_ms = cached_cost(engine.encode_query, stream)
    lines = ["# Query encoders: cost against quality", "",
             f"{len(qs)} relevance queries, serial, 3 passes after a warm-up; nDCG@10 from bench/search_eval.py.", "",
             "| encoder | p50 ms | p95 ms | cosine to engine (mean / min) | keyword nDCG@10 | semantic nDCG@10 | "
             "hybrid nDCG@10 |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        lines.append(f"| {r['encoder']} | {r['p50']:.2f} | {r['p95']:.2f} | {r['cos_mean']:.4f} / {r['cos_min']:.4f} | "
                     f"{r.get('ndcg_keyword', float('nan')):.3f} | {r.get('ndcg_semantic', float('nan')):.3f} | "
                     f"{r.get('ndcg_hybrid', float('nan')):.3f} |")
    lines += ["", f"Query-vector cache (LRU 1024) in front of the engine, stream of 2000 requests of which "
              f"{args.repeat_share:.0%} repeat a recent query: hit rate {hit:.1%}, "
              f"mean {cached_ms:.2f} ms per request."]
    want = expected("encoder_eval")
    lines += ["", "Against bench/runs.json:"]
    for r in rows:
        for key, figure in (("hybrid_ndcg@10", r.get("ndcg_hybrid")), ("cosine_min", r["cos_min"]),
                            ("cosine_mean", r["cos_mean"])):
            exp = want.get(r["encoder"], {}).get(key)
            if exp is not None and figure is not None:
                flag = regression_flag(meets(figure, exp))
                lines.append(f"- {r['encoder']} {key}: {figure:.4f} (expected {exp}){flag}")
    publish(lines, args.out)
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
