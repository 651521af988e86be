"""The query-encoder service: the batch curve and the batching window.

1. In process, one thread: ms per query (CPU and wall) at batch 1, 2, 4, 8, 16 over the 44
   evaluation queries (bench/relevance.json), for the export's own graph one query at a time,
   the per-row graph the service batches with (``remissvar.onnx_rows``: same vectors), and the
   export's graph batched as it is (for reference: its vectors depend on the batch, cosine
   ~0.993).
2. The service as its own process (``remissvar encoder-service``), 1/4/8/16 concurrent clients
   sending the queries back to back: queries per second, p50/p95 ms, the mean batch, and the
   service's CPU per query, for several windows and batch limits.

    python bench/encoder_service.py [--seconds 5]

Writes bench/reports/encoder_service.md.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.loadgen import closed_loop
from bench.search_eval import pct

REPORT = ROOT / "bench" / "reports" / "encoder_service.md"
QUERIES = [q["q"] for q in json.loads((ROOT / "bench/relevance.json").read_text(encoding="utf-8"))["queries"]]
BATCHES = (1, 2, 4, 8, 16)


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process (/proc/<pid>/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def batch_curve(reps: int) -> list[str]:
    from remissvar.encoder_service import BatchEncoder
    from remissvar.query_encoders import OnnxQueryEncoder
    from remissvar.settings import Settings

    s = Settings()
    single = OnnxQueryEncoder(s.model_path)
    rows = BatchEncoder(s, per_row=True)
    plain = BatchEncoder(s, per_row=False)
    plain.per_row = True  # batched as it is, for reference
    ref = {q: single.encode_query(q) for q in QUERIES}

    def timed(fn: Callable[[list[str]], Any], b: int) -> tuple[float, float, float]:
        groups = [QUERIES[i:i + b] for i in range(0, len(QUERIES) - b + 1, b)]
        n = sum(len(g) for g in groups)
        best_cpu = best_wall = float("inf")
        worst = 1.0
        for _ in range(reps):
            c0, w0 = time.process_time(), time.perf_counter()
            for g in groups:
                out = fn(g)
                worst = min(worst, min(float(v @ ref[q]) for q, v in zip(g, out, strict=True)))
            best_cpu = min(best_cpu, (time.process_time() - c0) * 1000 / n)
            best_wall = min(best_wall, (time.perf_counter() - w0) * 1000 / n)
        return best_cpu, best_wall, worst

    lines = ["## The batch curve (in process, one thread)", "",
             f"Best of {reps} passes over the {len(QUERIES)} evaluation queries in batches of b (CPU and wall "
             "ms per query; the lowest cosine of a query's vector to the same query embedded alone).", "",
             "| batch | one at a time: CPU / wall ms per query | per-row graph (the service): CPU / wall, cosine "
             "| export's graph batched: CPU / wall, cosine |", "| ---: | ---: | ---: | ---: |"]
    curve = {}
    for b in BATCHES:
        one = timed(lambda g: [single.encode_query(q) for q in g], b)
        r = timed(rows.encode_queries, b)
        p = timed(plain.encode_queries, b)
        curve[b] = r
        lines.append(f"| {b} | {one[0]:.2f} / {one[1]:.2f} | {r[0]:.2f} / {r[1]:.2f}, {r[2]:.6f} | "
                     f"{p[0]:.2f} / {p[1]:.2f}, {p[2]:.4f} |")
        print(lines[-1], flush=True)
    return lines + [""]


def service_load(seconds: float, configs: list[tuple[float, int, int]], clients: tuple[int, ...]) -> list[str]:
    from remissvar.encoder_client import EncoderClient, ping
    from remissvar.settings import Settings

    lines = ["## Through the service (its own process, Unix socket)", "",
             f"Closed loop, {seconds:g} s per cell: each client sends the next query as soon as its vector "
             "is back. CPU: the service process's user + system time per query.", "",
             "| window ms | batch max | threads | clients | queries/s | p50 ms | p95 ms | mean batch "
             "| service CPU ms/query | failed |", "|" + " ---: |" * 10]
    for window, bmax, threads in configs:
        with tempfile.TemporaryDirectory() as d:
            sock = Path(d) / "e.sock"
            env = {**os.environ, "REMISSVAR_ENCODER_SOCKET": str(sock),
                   "REMISSVAR_ENCODER_BATCH_WINDOW_MS": str(window), "REMISSVAR_ENCODER_BATCH_MAX": str(bmax),
                   "REMISSVAR_ENCODER_SERVICE_THREADS": str(threads)}
            proc = subprocess.Popen([sys.executable, "-m", "remissvar_cli", "encoder-service"], cwd=ROOT, env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                for _ in range(300):
                    try:
                        ping(sock)
                        break
                    except OSError:
                        time.sleep(0.1)
                s = Settings(encoder_socket=sock)

                def new_client(s: Settings = s) -> Callable[[str], bool]:
                    client = EncoderClient(s, fallback=lambda: None)

                    def call(q: str) -> bool:
                        try:
                            client._ask(q)
                            return True
                        except (OSError, RuntimeError):
                            return False
                    return call

                for c in clients:
                    before, cpu0 = ping(sock), cpu_seconds(proc.pid)
                    lat, failed, el = closed_loop(new_client, QUERIES, c, seconds, max_requests=None)
                    after, cpu1 = ping(sock), cpu_seconds(proc.pid)
                    nq = after["queries"] - before["queries"]
                    mean_batch = nq / max(1, after["batches"] - before["batches"])
                    lines.append(f"| {window:g} | {bmax} | {threads} | {c} | {len(lat) / el:.0f} | "
                                 f"{pct(lat, 50):.1f} | {pct(lat, 95):.1f} | {mean_batch:.1f} | "
                                 f"{(cpu1 - cpu0) * 1000 / max(1, nq):.2f} | {failed} |")
                    print(lines[-1], flush=True)
            finally:
                proc.terminate()
                proc.wait(timeout=30)
    return lines + [""]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=5.0)
    ap.add_argument("--reps", type=int, default=5)
    args = ap.parse_args()
    lines = ["# Query-encoder service", "",
             f"`python bench/encoder_service.py`, {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores "
             f"(load average at start {os.getloadavg()[0]:.1f}: on a shared machine wall times are noisy, CPU "
             "times less so).", ""]
    lines += batch_curve(args.reps)
    configs = [(0.0, 1, 1), (0.0, 1, 2), (0.0, 16, 1), (2.0, 16, 1), (5.0, 16, 1)]  # window ms, batch max, threads
    lines += service_load(args.seconds, configs, (1, 4, 8, 16))
    REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
