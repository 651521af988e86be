"""Ingest with one and with two worker processes: documents per minute through the real queue.

Starts ``dramatiq ingest.tasks --processes N --threads 1`` against the real Redis and
Elasticsearch, warms each process up (model loaded), then sends ``--copies`` x the recorded
sites' text-layer PDFs as ``process_document`` messages (parse in a child process, chunk,
embed, index) under distinct ids, and times until the queue is empty and acknowledged.
Scans are left out: their OCR is measured by bench/ocr_throughput.py.

    python bench/ingest_workers.py [--copies 4] [--workers 1,2]

Writes bench/reports/ingest_workers.md.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import redis

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import expected, regression_flag
from remissvar.settings import Settings
from search_api.index import alias_name, delete_all, es_client

REPORT = ROOT / "bench" / "reports" / "ingest_workers.md"
REDIS_DB = 13


def text_layer_pdfs() -> list[Path]:
    from ingest.parse.extract import ExtractError, extract

    out = []
    for f in sorted((ROOT / "tests/fixtures/sites").rglob("*")):
        if not f.is_file() or f.read_bytes()[:5] != b"%PDF-":
            continue
        try:
            pages = extract(f, ocr="never")
        except ExtractError:
            continue
        if sum(len(p.text) for p in pages) > 500:
            out.append(f)
    return out


def depth(r: redis.Redis) -> int:
    n = sum(int(r.hlen(f"dramatiq:{q}.msgs")) + int(r.hlen(f"dramatiq:{q}.DQ.msgs")) for q in ("parse", "index"))
    return n + sum(int(r.scard(k)) for k in r.scan_iter("dramatiq:__acks__.*"))


def wait_empty(r: redis.Redis, timeout: float = 1800) -> None:
    t0 = time.time()
    while time.time() - t0 < timeout:
        if depth(r) == 0:
            return
        time.sleep(0.2)
    raise RuntimeError("the queue did not empty")


def send(env: dict[str, str], jobs: list[tuple[str, str]]) -> None:
    code = ("import json, sys\nfrom ingest.tasks import process_document\n"
            "for path, doc_id in json.load(sys.stdin):\n    process_document.send(path, doc_id)\n")
    import json
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, input=json.dumps(jobs), text=True, check=True)


def run(n_proc: int, files: list[Path], copies: int, s: Settings, env: dict[str, str]) -> tuple[int, float]:
    r = redis.Redis.from_url(s.redis_url)
    r.flushdb()
    es = es_client(s)
    delete_all(es, s)
    log = open(Path(tempfile.gettempdir()) / f"ingest_workers_{n_proc}.log", "wb")
    worker = subprocess.Popen([sys.executable, "-m", "dramatiq", "ingest.tasks", "--processes", str(n_proc),
                               "--threads", "1", "--queues", "parse"], cwd=ROOT, env=env, stdout=log,
                              stderr=subprocess.STDOUT, start_new_session=True)
    try:
        # warm-up: every process loads the model and the fork server before the clock starts
        send(env, [(str(files[i % len(files)]), f"warm-{n_proc}-{i}") for i in range(4 * n_proc)])
        wait_empty(r)
        jobs = [(str(f), f"bench-{n_proc}-{c}-{i}") for c in range(copies) for i, f in enumerate(files)]
        t0 = time.perf_counter()
        send(env, jobs)
        wait_empty(r)
        elapsed = time.perf_counter() - t0
        es.indices.refresh(index=alias_name(s, "yttranden"))
        indexed = int(es.count(index=alias_name(s, "yttranden"))["count"])
        assert indexed == len(jobs) + 4 * n_proc, f"{indexed} indexed, {len(jobs) + 4 * n_proc} sent"
    finally:
        os.killpg(worker.pid, 15)
        worker.wait(timeout=60)
        delete_all(es, s)
    return len(jobs), elapsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=4, help="times each PDF is sent (distinct ids)")
    ap.add_argument("--workers", default="1,2", help="worker process counts to compare")
    args = ap.parse_args()
    data = Path(tempfile.mkdtemp())
    s = Settings(data_dir=data / "data", index_prefix="remissvar-ingestw",
                 redis_url=f"redis://127.0.0.1:6379/{REDIS_DB}")
    env = {**os.environ, "REMISSVAR_DATA_DIR": str(s.data_dir), "REMISSVAR_INDEX_PREFIX": s.index_prefix,
           "REMISSVAR_REDIS_URL": s.redis_url, "HF_HUB_OFFLINE": "1", "PYTHONUNBUFFERED": "1"}
    files = text_layer_pdfs()
    results = {}
    for n in (int(x) for x in args.workers.split(",")):
        docs, secs = run(n, files, args.copies, s, env)
        results[n] = (docs, secs, docs / secs * 60)
        print(f"{n} worker process(es): {docs} documents in {secs:.1f} s = {docs / secs * 60:.1f} per minute",
              flush=True)
    base = results[min(results)][2]
    lines = ["# Ingest with one and two worker processes", "",
             f"`python bench/ingest_workers.py --copies {args.copies}`, {os.cpu_count()} cores: "
             f"{len(files)} text-layer PDFs of the recorded sites x {args.copies} as `process_document` "
             "messages (parse in a child process, chunk, embed, index) through Redis, "
             "`dramatiq --processes N --threads 1`, after a warm-up per process.", "",
             "| worker processes | documents | seconds | documents/min | vs one |",
             "| ---: | ---: | ---: | ---: | ---: |"]
    for n, (docs, secs, rate) in results.items():
        lines.append(f"| {n} | {docs} | {secs:.1f} | {rate:.1f} | {rate / base:.2f}× |")
    if 2 in results and 1 in results:
        want = expected("ingest_workers")["speedup_two_workers"]
        got = results[2][2] / results[1][2]
        lines += ["", f"Two processes against one: {got:.2f}× (expected ≥ {want}×){regression_flag(got >= want)}"]
    text = "\n".join(lines) + "\n"
    REPORT.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
