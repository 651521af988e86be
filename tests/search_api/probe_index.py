"""A small passage index with the project's analysis and mapping, for tests that look at what
Elasticsearch itself makes of a few sentences (stems, compound parts, OCR forms, exact rules)."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from elasticsearch import Elasticsearch

from search_api.index import index_body, index_name

# the fields every passage must have, with values no test looks at
BASE = {"yttrande_id": "y", "ordinal": 0, "kind": "k", "remiss_id": "r", "position": "p"}


@contextmanager
def probe_index(es: Elasticsearch, settings: Any, kind: str, docs: dict[str, dict[str, Any]]) -> Iterator[str]:
    """The index ``<prefix>-<kind>-v1`` holding ``docs`` (id -> fields over ``BASE``), refreshed;
    deleted afterwards."""
    name = index_name(settings, kind, 1)
    es.indices.delete(index=name, ignore_unavailable=True)
    es.indices.create(index=name, **index_body("passager", 384, "probe"))
    for i, fields in docs.items():
        es.index(index=name, id=i, document={**BASE, "id": i, **fields})
    es.indices.refresh(index=name)
    try:
        yield name
    finally:
        es.indices.delete(index=name, ignore_unavailable=True)
