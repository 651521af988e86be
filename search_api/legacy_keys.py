"""The remiss URLs of earlier releases: before the key store (``remissvar.remiss_keys``) a remiss
was known by an identity read from its answers, ``dnr-ks-2024-951`` (the remitting body's dnr),
``motion-2012-6`` (the motion number) or ``titel-<hash>`` (the title). Those links live on in
mail, notes and other sites; this finds the remiss such a key now stands for, so the page can
redirect instead of answering 404.

The identities are computed here as the previous release's ``ingest.structure.remiss_identity``
did (tests/web/test_legacy_keys.py holds the two to the same result).
"""
from __future__ import annotations

import re
from typing import Any

from remissvar.records import stable_id
from remissvar.textnorm import fold, squash

LEGACY = re.compile(r"^(dnr|motion|titel)-[0-9a-z-]+$")
MAX_VALUES = 20_000  # distinct dnrs / titles scanned on a miss (the archive has a few thousand)


def dnr_identity(dnr: str) -> str:
    return "dnr-" + re.sub(r"[^0-9a-z]+", "-", fold(dnr)).strip("-")


def title_identity(title: str) -> str:
    norm = re.sub(r"[^0-9a-z ]+", " ", fold(title or ""))
    norm = re.sub(r"\b(remiss|av|om|svar|pa|over|yttrande)\b", " ", norm)
    return "titel-" + stable_id(squash(norm))


def is_legacy(key: str) -> bool:
    return bool(LEGACY.match(key))


def _one(es: Any, index: str, field: str, key: str, identity: Any) -> str | None:
    """The single remiss whose answers carry a ``field`` value with this identity."""
    res = es.search(index=index, size=0, query={"term": {"synthetic": False}},
                    aggs={"v": {"terms": {"field": field, "size": MAX_VALUES},
                                "aggs": {"r": {"terms": {"field": "remiss_id", "size": 2}}}}})
    found: set[str] = set()
    for b in res["aggregations"]["v"]["buckets"]:
        if identity(str(b["key"])) == key:
            found.update(str(r["key"]) for r in b["r"]["buckets"])
    return found.pop() if len(found) == 1 else None


def legacy_remiss(es: Any, index: str, key: str) -> str | None:
    """The remiss key an earlier release's key now stands for (None: unknown or ambiguous)."""
    if not is_legacy(key):
        return None
    if key.startswith("motion-"):
        m = re.fullmatch(r"motion-(\d{4})-(\d{1,4})", key)
        if not m:
            return None
        res = es.search(index=index, size=0,
                        query={"bool": {"filter": [{"term": {"motion_number": f"{m[1]}:{m[2]}"}},
                                                   {"term": {"synthetic": False}}]}},
                        aggs={"r": {"terms": {"field": "remiss_id", "size": 2}}})
        buckets = res["aggregations"]["r"]["buckets"]
        return str(buckets[0]["key"]) if len(buckets) == 1 else None
    if key.startswith("dnr-"):
        return _one(es, index, "remiss_dnr", key, dnr_identity)
    return _one(es, index, "remiss_title.raw", key, title_identity)
