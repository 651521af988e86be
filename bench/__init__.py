"""Benchmarks; expected figures of every run in bench/runs.json."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def expected(run: str) -> dict[str, Any]:
    """The expected figures of one run in bench/runs.json (empty when it has none)."""
    runs = json.loads((Path(__file__).resolve().parent / "runs.json").read_text(encoding="utf-8"))
    return dict(runs.get(run, {}).get("expected", {}))


def meets(value: float, want: float | None, at_most: bool = False, tolerance: float = 0.005) -> bool:
    """``value`` holds its expected figure (none expected: holds): at least ``want`` less the
    tolerance (a rounding step of the reports), or with ``at_most`` not above it."""
    if want is None:
        return True
    return value <= want if at_most else value >= want - tolerance


def publish(lines: list[str], out: str | Path | None) -> str:
    """A run's report: its lines joined, written to ``out`` (folders made; None: not written)
    and printed."""
    report = "\n".join(lines) + "\n"
    if out:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_text(report, encoding="utf-8")
    print(report)
    return report


def regression_flag(ok: bool) -> str:
    """The marker a report puts after a figure that missed its expected value."""
    return "" if ok else "  **REGRESSION**"
