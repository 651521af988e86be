"""The crawl status snapshot: what the crawler last saw, published for the status pages.

The pipeline writes ``<data_dir>/status/crawl.json`` after every crawl (``ingest`` owns the
crawler's own database); the web reads only this file, so it never opens the crawler's store.
"""
from __future__ import annotations

import json
from typing import Any

from remissvar.settings import Settings


def _path(settings: Settings) -> Any:
    return settings.data_dir / "status" / "crawl.json"


def write_snapshot(settings: Settings, snapshot: dict[str, Any]) -> None:
    """Replace the snapshot atomically."""
    p = _path(settings)
    p.parent.mkdir(parents=True, exist_ok=True)
    tmp = p.with_suffix(".tmp")
    tmp.write_text(json.dumps(snapshot, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(p)


def read_snapshot(settings: Settings) -> dict[str, Any] | None:
    """The last snapshot, or None before the first crawl."""
    p = _path(settings)
    if not p.exists():
        return None
    data: dict[str, Any] = json.loads(p.read_text(encoding="utf-8"))
    return data
