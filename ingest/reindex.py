"""Rebuild the index into a new version from stored parsed records, then swap the aliases.

Search keeps working on the old version until the swap (one atomic alias update).
"""
from __future__ import annotations

import json

from tqdm import tqdm

from ingest.chunking import chunk_yttrande
from remissvar.embedding import get_embedder
from remissvar.records import Yttrande
from remissvar.settings import Settings, get_settings
from search_api.index import create_version, current_version, es_client, swap_aliases, write_yttrande


def reindex_all(settings: Settings | None = None, progress: bool = False) -> tuple[int | None, int, int]:
    from ingest.tasks import parsed_dir

    s = settings or get_settings()
    es, emb = es_client(s), get_embedder(s)
    old = current_version(es, s)
    new = (old or 0) + 1
    create_version(es, s, new, emb.dims, emb.model_id)
    files = sorted(parsed_dir().glob("*.json"))
    n = 0
    for f in tqdm(files, desc=f"Bygger v{new}", unit="dok", disable=not progress):
        y = Yttrande.model_validate(json.loads(f.read_text(encoding="utf-8"))["record"])
        passages = chunk_yttrande(y)
        vectors = emb.encode_passages([p.text for p in passages])
        write_yttrande(es, s, y, passages, vectors, emb.model_id, version=new)
        n += 1
    es.indices.refresh(index=f"{s.index_prefix}-*-v{new}")
    swap_aliases(es, s, new)
    return old, new, n
