"""Embedding throughput: passages per second for the chosen model per batch size, on this
machine's CPU and, when torch sees one, on the GPU (the pipeline picks the GPU by itself:
REMISSVAR_EMBED_DEVICE=auto). Also the query encoder the search process uses.

Usage: .venv/bin/python bench/embed_throughput.py [--batches 1,8,32,128] [--texts 512]
Writes bench/reports/embed_throughput.md.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--batches", default="1,8,32,128")
    ap.add_argument("--texts", type=int, default=512)
    ap.add_argument("--out", default=str(ROOT / "bench/reports/embed_throughput.md"))
    args = ap.parse_args()
    import torch

    from bench.scale import real_sentences
    from remissvar.embedding import Embedder, get_query_encoder
    from remissvar.settings import get_settings

    s = get_settings()
    sents = real_sentences()
    # passage-sized texts (three sentences, ~60 words), as the chunker makes them
    texts = [" ".join(sents[(i + k) % len(sents)] for k in range(3)) for i in range(args.texts)]
    devices = ["cpu"] + (["cuda"] if torch.cuda.is_available() else [])
    rows = []
    for dev in devices:
        for bs in (int(b) for b in args.batches.split(",")):
            emb = Embedder(s.model_path, batch_size=bs, device=dev)
            emb.encode_passages(texts[:bs])  # warm-up
            if dev == "cuda":
                torch.cuda.synchronize()
            t0 = time.perf_counter()
            emb.encode_passages(texts)
            if dev == "cuda":
                torch.cuda.synchronize()
            dt = time.perf_counter() - t0
            rows.append((dev, bs, len(texts) / dt))
            print(rows[-1], flush=True)
    enc = get_query_encoder(s)
    qs = [t[:80] for t in texts[:200]]
    enc.encode_query(qs[0])
    t0 = time.perf_counter()
    for q in qs:
        enc.encode_query(q)
    q_ms = (time.perf_counter() - t0) * 1000 / len(qs)
    name = torch.cuda.get_device_name(0) if torch.cuda.is_available() else "none"
    lines = ["# Embedding throughput", "",
             f"Model `{s.model_name}`, {len(texts)} passage-sized texts (three real sentences each), fp32. "
             f"CPU: {__import__('os').cpu_count()} cores, torch threads {torch.get_num_threads()}; GPU: {name}.", "",
             "| device | batch size | passages/s |", "| --- | ---: | ---: |"]
    lines += [f"| {d} | {b} | {r:.1f} |" for d, b, r in rows]
    lines += ["", f"Query encoder of the search process ({type(enc).__name__}): {q_ms:.1f} ms per query "
              "(one at a time, 80-character queries)."]
    if len(devices) == 1:
        lines += ["", "No GPU on this machine: the GPU rows appear when the script runs where torch sees CUDA."]
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
