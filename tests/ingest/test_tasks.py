"""A dramatiq message goes through the real Redis broker and is processed by a worker, whether
the pipeline's actor sent it or the web/CLI side enqueued it by actor name (remissvar.queue)."""
from __future__ import annotations

import pytest
import redis
from dramatiq import Worker

from tests.conftest import SODERMALM_SEED

pytestmark = pytest.mark.services  # real Elasticsearch/Redis or the converted model


@pytest.mark.parametrize("sender", ["actor", "queue by name"])
def test_message_through_redis_is_processed(settings, es, seeded_index, sender):
    from ingest.tasks import broker, process_document
    from remissvar.queue import enqueue
    from search_api.index import alias_name

    assert broker.client.connection_pool.connection_kwargs["db"] == 15
    broker.flush_all()
    es.delete(index=alias_name(settings, "yttranden"), id="seed-000", refresh=True)
    args = (str(SODERMALM_SEED), "seed-000", None)
    if sender == "actor":
        assert process_document.send(*args).message_id
    else:  # what web and CLI do: no import of the pipeline, the actor addressed by name
        assert enqueue("process_document", *args)
    # the message really is in Redis before any worker runs
    r = redis.Redis.from_url(settings.redis_url)
    assert r.hlen(f"dramatiq:{process_document.queue_name}.msgs") == 1
    worker = Worker(broker, worker_threads=1)
    worker.start()
    try:
        broker.join(process_document.queue_name, timeout=120_000)
        worker.join()
    finally:
        worker.stop()
    doc = es.get(index=alias_name(settings, "yttranden"), id="seed-000")
    assert doc["_source"]["council"] == "sodermalm"
