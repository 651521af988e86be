"""Load generator: a separate process that sends search requests to the web API on
127.0.0.1 from N concurrent clients, bounded in time and in requests, and prints the
latencies as JSON. Loopback only.

Usage: python bench/loadgen.py --url http://127.0.0.1:5055 --mode hybrid --clients 5 --seconds 10
"""
from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import requests

ROOT = Path(__file__).resolve().parent.parent
MAX_REQUESTS = 5000


def counted(fn: Callable[[str], object]) -> Callable[[str], bool]:
    """``fn`` as a load client's call: any exception (an Elasticsearch error, a timeout) is a
    failed request, anything else a successful one."""
    def call(q: str) -> bool:
        try:
            fn(q)
            return True
        except Exception:  # noqa: BLE001 - any failure is a failed request
            return False
    return call


def closed_loop(new_client: Callable[[], Callable[[str], bool]], queries: list[str], clients: int, seconds: float,
                max_requests: int | None = MAX_REQUESTS) -> tuple[list[float], int, float]:
    """``clients`` threads, each with its own ``new_client()`` call, send the queries in turn
    back to back until ``seconds`` (or ``max_requests`` in all) have passed. Returns the
    latencies (ms) of successful calls, the number of failed ones, and the elapsed seconds."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(i: int) -> None:
        nonlocal errors
        call = new_client()
        n = i
        while time.monotonic() < deadline:
            with lock:
                if max_requests is not None and len(latencies) + errors >= max_requests:
                    return
            q = queries[n % len(queries)]
            n += clients
            t0 = time.perf_counter()
            ok = call(q)
            dt = (time.perf_counter() - t0) * 1000
            with lock:
                if ok:
                    latencies.append(dt)
                else:
                    errors += 1

    t0 = time.monotonic()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, errors, time.monotonic() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True)
    ap.add_argument("--mode", choices=["keyword", "semantic", "hybrid"], required=True)
    ap.add_argument("--clients", type=int, required=True)
    ap.add_argument("--seconds", type=float, default=10.0)
    args = ap.parse_args()
    host = urlsplit(args.url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("loopback only")
    queries = [q["q"] for q in json.loads((ROOT / "bench/relevance.json").read_text(encoding="utf-8"))["queries"]]

    def new_client() -> Callable[[str], bool]:
        session = requests.Session()

        def call(q: str) -> bool:
            try:
                r = session.get(args.url + "/api/search", params={"q": q, "mode": args.mode}, timeout=30)
                return r.status_code == 200
            except requests.RequestException:
                return False
        return call

    latencies, errors, elapsed = closed_loop(new_client, queries, args.clients, args.seconds)
    print(json.dumps({"mode": args.mode, "clients": args.clients, "latencies_ms": latencies, "errors": errors,
                      "elapsed_s": elapsed}))


if __name__ == "__main__":
    main()
