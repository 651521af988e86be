"""Benchmarks; expected figures of every run in bench/runs.json."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def expected(run: str) -> dict[str, Any]:
    """The expected figures of one run in bench/runs.json (empty when it has none)."""
    runs = json.loads((Path(__file__).resolve().parent / "runs.json").read_text(encoding="utf-8"))
    return dict(runs.get(run, {}).get("expected", {}))


def regression_flag(ok: bool) -> str:
    """The marker a report puts after a figure that missed its expected value."""
    return "" if ok else "  **REGRESSION**"
