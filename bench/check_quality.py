"""`make bench-quality`: every quality run of bench/runs.json, its figures against the expected
values kept there; exits 1 when one misses (a run that fails, or a REGRESSION flag in what it
prints) - so that a regression shows without someone reading nine reports.

Found the need: `parse_quality`'s labels went stale when the parser's spelling of the bodies a
remiss was sent to changed (all fields 1.00 -> 0.93), and no one re-ran it for a day. The
load figures (`make bench`) and the long runs (1M passages, encoder distillation, OCR and
worker throughput) are not here: they take from ten minutes to an hour each.

    .venv/bin/python bench/check_quality.py [RUN ...]    # about 5 minutes for all
"""
from __future__ import annotations

import json
import shlex
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUALITY_RUNS = ("crawl_items", "parse_quality", "position_eval", "link_eval", "link_eval_embeddings", "search_eval",
                "hardening", "wordform_eval", "paradigm_eval")
MARK = "REGRESSION"


def command(run: str) -> list[str]:
    """The run's command as bench/runs.json keeps it, with this interpreter."""
    runs = json.loads((ROOT / "bench" / "runs.json").read_text(encoding="utf-8"))
    argv = shlex.split(runs[run]["command"])
    return [sys.executable, *argv[1:]] if argv[0].endswith("python") else argv


def check(run: str) -> tuple[bool, float, str]:
    """Whether the run held its expected figures, its seconds, and its flagged lines (or why it failed)."""
    t0 = time.monotonic()
    done = subprocess.run(command(run), cwd=ROOT, capture_output=True, text=True)
    seconds = time.monotonic() - t0
    out = done.stdout + done.stderr
    flagged = [ln.strip() for ln in out.splitlines() if MARK in ln]
    if done.returncode != 0:
        return False, seconds, f"exit {done.returncode}: " + " | ".join(out.strip().splitlines()[-3:])
    return not flagged, seconds, " | ".join(flagged)


def main(argv: list[str]) -> int:
    runs = argv or list(QUALITY_RUNS)
    failed = 0
    print("| run | seconds | figures |\n| --- | ---: | --- |", flush=True)
    for run in runs:
        ok, seconds, detail = check(run)
        failed += not ok
        print(f"| {run} | {seconds:.0f} | {'as expected' if ok else 'MISSED: ' + detail} |", flush=True)
    print(f"\n{len(runs) - failed} of {len(runs)} runs hold their expected figures (bench/runs.json).")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
