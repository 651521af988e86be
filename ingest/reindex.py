"""Rebuild the index into a new version from stored parsed records, then swap the aliases.

Search keeps working on the old version until the swap (one atomic alias update). The remiss
keys are re-linked first (``remissvar.remiss_keys``: stable keys, corrections applied). The
boilerplate template is measured again over the whole archive (``ingest.parse.segment.learn_template``,
saved beside the parsed records for the parse stage) and every record is segmented with it:
fields and passages hold substance, the boilerplate is kept labelled.
"""
from __future__ import annotations

from tqdm import tqdm

from ingest.indexing import index_yttrande
from ingest.parse.segment import clean_record, learn_template, template_path
from ingest.parse.store import ParsedStore
from ingest.remiss_linking import key_store, relink
from remissvar.embedding import get_embedder
from remissvar.settings import Settings, get_settings
from search_api.index import create_version, current_version, es_client, swap_aliases


def reindex_all(settings: Settings | None = None, progress: bool = False) -> tuple[int | None, int, int]:
    """Returns (old version, new version, documents written)."""
    s = settings or get_settings()
    es, emb = es_client(s), get_embedder(s)
    old = current_version(es, s)
    new = (old or 0) + 1
    create_version(es, s, new, emb.dims, emb.model_id)
    records = list(ParsedStore(s.data_dir).records())
    template = learn_template(records)
    template.save(template_path(s.data_dir))
    records = [clean_record(y, template) for y in records]
    keys = key_store(s)
    try:
        relink(keys, records)  # the index is rebuilt from the key store's keys (corrections applied)
    finally:
        keys.close()
    n = 0
    for y in tqdm(records, desc=f"Bygger v{new}", unit="dok", disable=not progress):
        index_yttrande(y, es, s, emb, version=new, template=template)
        n += 1
    es.indices.refresh(index=f"{s.index_prefix}-*-v{new}")
    swap_aliases(es, s, new)
    return old, new, n
