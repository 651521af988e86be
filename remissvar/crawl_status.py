"""The crawl status snapshot: what the crawler last saw, published for the status pages.

The pipeline writes ``<data_dir>/status/crawl.json`` after every crawl (``ingest`` owns the
crawler's own database); the web reads only this file, so it never opens the crawler's store.
"""
from __future__ import annotations

import json
import threading
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


# the parsed snapshot by path, with the file identity it was read from: a crawl's snapshot of
# 25 years of every council is ~1 MB of JSON, parsed once instead of on every status page
_READ: dict[str, tuple[tuple[int, int, int], dict[str, Any]]] = {}
_LOCK = threading.Lock()


def read_snapshot(settings: Settings) -> dict[str, Any] | None:
    """The last snapshot, or None before the first crawl. Read-only: the parsed file is shared
    until the file changes (``write_snapshot`` replaces it: a new inode)."""
    p = _path(settings)
    try:
        st = p.stat()
    except FileNotFoundError:
        return None
    ident = (st.st_ino, st.st_mtime_ns, st.st_size)
    with _LOCK:
        kept = _READ.get(str(p))
    if kept is not None and kept[0] == ident:
        return kept[1]
    data: dict[str, Any] = json.loads(p.read_text(encoding="utf-8"))
    with _LOCK:
        _READ[str(p)] = (ident, data)
    return data
