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
from pathlib import Path
from urllib.parse import urlsplit

import requests

ROOT = Path(__file__).resolve().parent.parent
MAX_REQUESTS = 5000


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
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    deadline = time.monotonic() + args.seconds

    def client(i: int) -> None:
        nonlocal errors
        s = requests.Session()
        n = i
        while time.monotonic() < deadline:
            with lock:
                if len(latencies) + errors >= MAX_REQUESTS:
                    return
            q = queries[n % len(queries)]
            n += args.clients
            t0 = time.perf_counter()
            try:
                r = s.get(args.url + "/api/search", params={"q": q, "mode": args.mode}, timeout=30)
                ok = r.status_code == 200
            except requests.RequestException:
                ok = False
            dt = (time.perf_counter() - t0) * 1000
            with lock:
                if ok:
                    latencies.append(dt)
                else:
                    errors += 1

    t0 = time.monotonic()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - t0
    print(json.dumps({"mode": args.mode, "clients": args.clients, "latencies_ms": latencies, "errors": errors,
                      "elapsed_s": elapsed}))


if __name__ == "__main__":
    main()
