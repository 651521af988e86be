"""A dramatiq message goes through the real Redis broker and is processed by a worker."""
from __future__ import annotations

import pytest
import redis
from dramatiq import Worker

from tests.conftest import SODERMALM_SEED

pytestmark = pytest.mark.services  # real Elasticsearch/Redis or the converted model


def test_message_through_redis_is_processed(settings, es, seeded_index):
    from ingest.tasks import broker, process_document
    from search_api.index import alias_name

    assert broker.client.connection_pool.connection_kwargs["db"] == 15
    broker.flush_all()
    es.delete(index=alias_name(settings, "yttranden"), id="seed-000", refresh=True)
    msg = process_document.send(str(SODERMALM_SEED), "seed-000", None)
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
    assert msg.message_id
    doc = es.get(index=alias_name(settings, "yttranden"), id="seed-000")
    assert doc["_source"]["council"] == "sodermalm"


def test_web_side_enqueue_reaches_the_worker_by_name(settings, es, seeded_index):
    """remissvar.queue.enqueue (what web and CLI use, without importing the pipeline) addresses the
    worker's actor by name: the worker processes it like a message sent by the actor itself."""
    from ingest.tasks import broker, process_document
    from remissvar.queue import enqueue
    from search_api.index import alias_name

    broker.flush_all()
    es.delete(index=alias_name(settings, "yttranden"), id="seed-000", refresh=True)
    enqueue("process_document", str(SODERMALM_SEED), "seed-000", None)
    r = redis.Redis.from_url(settings.redis_url)
    assert r.hlen(f"dramatiq:{process_document.queue_name}.msgs") == 1
    worker = Worker(broker, worker_threads=1)
    worker.start()
    try:
        broker.join(process_document.queue_name, timeout=120_000)
        worker.join()
    finally:
        worker.stop()
    assert es.get(index=alias_name(settings, "yttranden"), id="seed-000")["_source"]["council"] == "sodermalm"
