"""Keyword search during a burst of precedent searches (issue 28), against gunicorn.

The web server runs as in production (``remissvar serve``: gunicorn with the admission
worker) on the recorded sites' corpus in the real Elasticsearch. Measured:

1. keyword searches alone: ``KEYWORD_CLIENTS`` clients back to back for ``ALONE_S`` s (p95);
2. the same keyword load while ``WAVES`` waves of ``BURST`` concurrent precedent searches
   (``POST /api/precedent``, each a different paragraph of 1,000-2,000 characters: every one
   is embedded) are sent; keyword p95 during the burst, the status of every request, and
   whether each 503 carried Retry-After;
3. the web workers' RSS before, right after and ``SETTLE_S`` s after the burst.

Targets (bench/runs.json "burst"): keyword p95 during the burst <= 2x alone; a 503 appears
for precedent and never for keyword; >= 80 % of the precedent searches succeed.

Usage: .venv/bin/python bench/burst.py [--out bench/reports/burst.md]
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import expected, meets, regression_flag

KEYWORD_CLIENTS = 2
ALONE_S = 10.0
BURST = 20
WAVES = 3
SETTLE_S = 5.0


def pct(xs: list[float], p: float) -> float:
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, round(p / 100 * len(xs)) - 1))]


def paragraphs(n: int) -> list[str]:
    """``n`` different paragraphs of 1,000-2,000 characters from the seed documents."""
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests/fixtures/seeds").glob("*.txt")))
    words = text.split()
    out: list[str] = []
    for i in range(n):
        start = (i * 97) % max(1, len(words) - 400)
        size = 150 + (i * 37) % 150
        out.append(" ".join(words[start:start + size])[:2000])
    return out


def worker_rss_mb(master: int) -> list[float]:
    """RSS (MB) of each gunicorn worker (the master's children)."""
    out: list[float] = []
    try:
        kids = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    except OSError:
        return out
    for pid in kids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    out.append(round(int(line.split()[1]) / 1024, 1))
        except OSError:
            pass
    return out


class KeywordLoad:
    """``clients`` threads sending keyword searches back to back, latencies by start time."""

    def __init__(self, url: str, queries: list[str], clients: int) -> None:
        self.url, self.queries, self.clients = url, queries, clients
        self.samples: list[tuple[float, float, int]] = []  # (start, ms, status)
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self._run, args=(i,)) for i in range(clients)]

    def _run(self, i: int) -> None:
        s = requests.Session()
        n = i
        while not self.stop.is_set():
            q = self.queries[n % len(self.queries)]
            n += self.clients
            t0 = time.monotonic()
            try:
                status = s.get(self.url + "/api/search", params={"q": q, "mode": "keyword"}, timeout=30).status_code
            except requests.RequestException:
                status = 0
            self.samples.append((t0, (time.monotonic() - t0) * 1000, status))

    def __enter__(self) -> KeywordLoad:
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for t in self.threads:
            t.join()

    def window(self, t0: float, t1: float) -> list[tuple[float, float, int]]:
        return [x for x in self.samples if t0 <= x[0] < t1]


def precedent_wave(url: str, texts: list[str]) -> list[tuple[int, bool, float]]:
    """(status, Retry-After present, ms) of ``len(texts)`` precedent searches sent at once."""
    out: list[tuple[int, bool, float]] = []
    lock = threading.Lock()
    start = threading.Barrier(len(texts))

    def one(text: str) -> None:
        start.wait()
        t0 = time.monotonic()
        try:
            r = requests.post(url + "/api/precedent", json={"text": text}, timeout=60)
            got = (r.status_code, "Retry-After" in r.headers, (time.monotonic() - t0) * 1000)
        except requests.RequestException:
            got = (0, False, (time.monotonic() - t0) * 1000)
        with lock:
            out.append(got)

    threads = [threading.Thread(target=one, args=(t,)) for t in texts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


def run(url: str, master: int) -> dict[str, Any]:
    queries = [q["q"] for q in json.loads((ROOT / "bench/relevance.json").read_text(encoding="utf-8"))["queries"]]
    texts = paragraphs(BURST * WAVES + 5)
    for t in texts[-5:]:  # warm-up: the precedent path and the kNN
        requests.post(url + "/api/precedent", json={"text": t}, timeout=60)
    with KeywordLoad(url, queries, KEYWORD_CLIENTS) as load:
        time.sleep(2.0)  # warm-up, discarded
        t0 = time.monotonic()
        time.sleep(ALONE_S)
        alone = load.window(t0, time.monotonic())
        rss_before = worker_rss_mb(master)
        b0 = time.monotonic()
        waves = [precedent_wave(url, texts[w * BURST:(w + 1) * BURST]) for w in range(WAVES)]
        b1 = time.monotonic()
        during = load.window(b0, b1)
    rss_after = worker_rss_mb(master)
    time.sleep(SETTLE_S)
    rss_settled = worker_rss_mb(master)
    prec = [x for w in waves for x in w]
    statuses = Counter(s for s, _, _ in prec)
    ok_ms = [ms for s, _, ms in prec if s == 200]
    alone_ms = [ms for _, ms, s in alone if s == 200]
    during_ms = [ms for _, ms, s in during if s == 200]
    return {
        "keyword_alone": {"n": len(alone), "p50_ms": round(pct(alone_ms, 50), 1), "p95_ms": round(pct(alone_ms, 95), 1),
                          "statuses": dict(Counter(s for _, _, s in alone))},
        "keyword_during_burst": {"n": len(during), "p50_ms": round(pct(during_ms, 50), 1),
                                 "p95_ms": round(pct(during_ms, 95), 1),
                                 "statuses": dict(Counter(s for _, _, s in during))},
        "keyword_p95_ratio": round(pct(during_ms, 95) / pct(alone_ms, 95), 2),
        "precedent": {"sent": len(prec), "statuses": dict(statuses),
                      "success_share": round(statuses.get(200, 0) / len(prec), 3),
                      "503_with_retry_after": sum(1 for s, ra, _ in prec if s == 503 and ra),
                      "p50_ms_ok": round(statistics.median(ok_ms), 1) if ok_ms else None,
                      "max_ms_ok": round(max(ok_ms), 1) if ok_ms else None,
                      "by_wave": [dict(Counter(s for s, _, _ in w)) for w in waves]},
        "burst_s": round(b1 - b0, 2),
        "worker_rss_mb": {"before_burst": rss_before, "after_burst": rss_after,
                          f"after_{SETTLE_S:g}_s": rss_settled},
    }


def targets(r: dict[str, Any]) -> list[str]:
    want = expected("burst")
    prec = r["precedent"]
    kw_503 = r["keyword_during_burst"]["statuses"].get(503, 0) + r["keyword_alone"]["statuses"].get(503, 0)
    checks = [
        ("keyword p95 during / alone", r["keyword_p95_ratio"], want.get("keyword_p95_ratio_max"), True),
        ("precedent success share", prec["success_share"], want.get("precedent_success_share_min"), False),
        ("precedent 503s (with Retry-After)", prec["503_with_retry_after"], want.get("precedent_503_min"), False),
        ("keyword 503s", kw_503, want.get("keyword_503_max"), True),
    ]
    return [f"{name}: {got} (expected {'≤' if at_most else '≥'} {bound})"
            f"{regression_flag(meets(float(got), bound, at_most, tolerance=0.0))}"
            for name, got, bound, at_most in checks]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--baseline", action="store_true",
                    help="gunicorn's plain gthread worker (no admission by cost): the figures before issue 28")
    args = ap.parse_args()
    from bench.webserver import served

    extra = {"GUNICORN_CMD_ARGS": "--worker-class gthread"} if args.baseline else None
    with served("remissvar-burst", 8851, extra) as web:
        result = run(web.url, web.pid)
    text = json.dumps(result, ensure_ascii=False, indent=2)
    lines = targets(result)
    print(text)
    print("\n".join(lines))
    if args.out:
        args.out.write_text("# Keyword search during a precedent burst (issue 28)\n\n```json\n" + text + "\n```\n\n"
                            + "\n".join(f"- {ln}" for ln in lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
