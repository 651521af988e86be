"""Pipeline actors (dramatiq, Redis broker)."""
from __future__ import annotations

import logging
from pathlib import Path

import dramatiq

from ingest.broker import broker  # noqa: F401  (sets the broker before actors are declared)
from ingest.extract import ExtractError
from ingest.indexing import index_yttrande
from ingest.parse import parse_file
from remissvar.embedding import get_embedder
from remissvar.settings import get_settings
from search_api.index import es_client

log = logging.getLogger(__name__)


@dramatiq.actor(queue_name="documents", max_retries=5, min_backoff=1000, max_backoff=60000,
                throws=(ExtractError,))
def process_document(path: str, doc_id: str, source_url: str | None = None) -> int:
    """Parse, embed and index one document file. Idempotent by document id."""
    s = get_settings()
    y = parse_file(Path(path), source_url=source_url, doc_id=doc_id)
    n = index_yttrande(y, es_client(s), s, get_embedder(s), refresh=True)
    log.info("indexerade %s (%s passager)", doc_id, n)
    return n
