"""The chunk + embed + write path for one structured yttrande: used by the pipeline and by reindex."""
from __future__ import annotations

from elasticsearch import Elasticsearch

from ingest.chunking import chunk_yttrande, embedding_text
from ingest.parse.segment import archive_template, clean_record, learn_template
from remissvar.boilerplate import Template
from remissvar.embedding import Embedder
from remissvar.records import Yttrande
from remissvar.settings import Settings
from search_api.index import ensure_indices, write_yttrande


def index_yttrande(y: Yttrande, es: Elasticsearch, settings: Settings, embedder: Embedder,
                   *, version: int | None = None, refresh: bool = False, template: Template | None = None) -> int:
    """Chunk, embed and write one yttrande; returns the number of passages (substance only:
    the record segmented again with the archive's boilerplate ``template``, by default the one
    measured over the parsed records, ``ingest.parse.segment.archive_template``).

    ``version`` None writes through the live aliases (made on first use); a number writes into
    that index version directly (reindex, before the alias swap).
    """
    if version is None:
        ensure_indices(es, settings, embedder.dims, embedder.model_id)
    template = template or archive_template(settings.data_dir)
    if template is not None and template.lines:
        y = clean_record(y, template)  # segmented with the archive's latest measurement (idempotent)
    passages = chunk_yttrande(y, template=template)
    vectors = embedder.encode_passages([embedding_text(y, p) for p in passages])
    write_yttrande(es, settings, y, passages, vectors, embedder.model_id, version=version, refresh=refresh)
    return len(passages)


def index_archive(records: list[Yttrande], es: Elasticsearch, settings: Settings, embedder: Embedder) -> Template:
    """Index a whole archive of parsed records as the pipeline and reindex do: the boilerplate
    template measured over all of them first (``ingest.parse.segment.learn_template``), each
    record segmented with it; the indices refreshed. Returns the template (not saved)."""
    template = learn_template(records)
    for y in records:
        index_yttrande(y, es, settings, embedder, template=template)
    es.indices.refresh(index=f"{settings.index_prefix}-*")
    return template
