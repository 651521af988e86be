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


def _work_off(broker, *queues: str) -> None:
    """A real worker on the real broker until the queues (and their retry queues) are empty."""
    worker = Worker(broker, worker_threads=1)
    worker.start()
    try:
        for q in queues:
            broker.join(q, timeout=120_000)
        worker.join()
    finally:
        worker.stop()


def test_a_message_that_fails_for_good_in_the_worker_is_a_dead_letter(settings, tmp_path):
    """A permanent error (a file that is no PDF: ExtractError, thrown without retries) and
    exhausted retries (a parsed record that is not there) are recorded, with reason and attempts,
    by the worker's broker as configured in ingest.tasks — fails when the dead-letter middleware
    runs before Retries has marked the message failed (dramatiq calls after-hooks in reverse)."""
    from ingest.tasks import broker, index_document, process_document
    from remissvar import failures

    broker.flush_all()
    failures.client().delete(failures.KEY)
    bad = tmp_path / "trasig.pdf"
    bad.write_bytes(b"inte en pdf, trots namnet")
    permanent = process_document.send(str(bad), "trasig-000", None)
    exhausted = index_document.send_with_options(args=("finns-inte-000",), max_retries=1, min_backoff=10,
                                                 max_backoff=20)
    try:
        _work_off(broker, process_document.queue_name, index_document.queue_name)
        letters = {d["message_id"]: d for d in failures.dead_letters()}
        assert set(letters) == {permanent.message_id, exhausted.message_id}
        p, e = letters[permanent.message_id], letters[exhausted.message_id]
        assert (p["actor"], p["args"], p["reason"], p["attempts"], p["permanent"]) == (
            "process_document", [str(bad), "trasig-000", None], "not_a_pdf", 1, True)
        assert (e["actor"], e["args"], e["reason"], e["attempts"], e["permanent"]) == (
            "index_document", ["finns-inte-000"], "FileNotFoundError", 2, False)
        # the same work failing again under a new message id (the sweep's): one record, the latest
        again = index_document.send_with_options(args=("finns-inte-000",), max_retries=0)
        _work_off(broker, index_document.queue_name)
        assert {d["message_id"] for d in failures.dead_letters()} == {permanent.message_id, again.message_id}
        # removed by hand (retry-failed, the status page): its work's entry goes with it
        failures.clear_failure(again.message_id)
        assert again.message_id.encode() not in failures.client().hvals(failures.WORK_KEY)
    finally:
        failures.client().delete(failures.KEY)
        broker.flush_all()


def test_a_dead_letter_is_cleared_when_the_same_work_succeeds(settings, es, seeded_index, tmp_path):
    """The file was missing (a dead letter); sent again once it is there, the work succeeds and
    its dead letter goes - the failures page shows what is still failing, not what was fixed -
    also when the arguments were written out differently (a default given or left out: the
    scheduler and the sweep send a crawl so). A failure found inside an actor (no queue: one
    bad document of a crawl) stays."""
    import shutil

    from ingest.tasks import broker, process_document
    from remissvar import failures

    broker.flush_all()
    failures.client().delete(failures.KEY)
    path = tmp_path / "svar.txt"
    args = (str(path), "seed-000", None)
    failures.record_failure("crawl:http://x/doc.pdf", "process_document", list(args), "truncated_pdf", "x")
    try:
        first = process_document.send(str(path), "seed-000")  # source_url left to its default
        _work_off(broker, process_document.queue_name)
        assert {d["message_id"] for d in failures.dead_letters()} == {first.message_id, "crawl:http://x/doc.pdf"}
        shutil.copy(SODERMALM_SEED, path)
        process_document.send(*args)
        _work_off(broker, process_document.queue_name)
        assert [d["message_id"] for d in failures.dead_letters()] == ["crawl:http://x/doc.pdf"]
    finally:
        failures.client().delete(failures.KEY)
        broker.flush_all()


def test_a_crawl_that_gave_up_waiting_for_a_council_lock_is_no_dead_letter():
    """Another crawl of the council held the lock through every retry: the crawl is still
    recorded as begun, and the sweep sends it again when the lock is free (reconcile's tests);
    a dead letter would hold it back until someone ran retry-failed."""
    import dramatiq
    from dramatiq.broker import MessageProxy

    from ingest.deadletters import CrawlBusyError, DeadLetters
    from ingest.tasks import ReindexBusyError, broker
    from remissvar import failures

    failures.client().delete(failures.KEY)
    # nor a second reindex asked for while one runs: retried by hand it would start another
    for exc in (CrawlBusyError("genomsökning av farsta pågår redan"), ReindexBusyError("en omindexering pågår redan"),
                RuntimeError("något annat")):
        message = MessageProxy(dramatiq.Message(queue_name="crawl", actor_name="crawl_council",
                                                args=("meetingplus", "farsta"), kwargs={}, options={"retries": 9}))
        message.fail()
        DeadLetters().after_process_message(broker, message, exception=exc)
    try:
        assert [d["reason"] for d in failures.dead_letters()] == ["RuntimeError"]
    finally:
        failures.client().delete(failures.KEY, failures.WORK_KEY)


def test_a_failure_in_an_outage_is_told_from_one_that_would_repeat():
    """What the reconcile sweep sends again (a service away) and what waits for retry-failed."""
    import elastic_transport
    import redis.exceptions

    from ingest.deadletters import is_outage

    def raised_from(cause: BaseException) -> BaseException:
        try:
            try:
                raise cause
            except BaseException as inner:
                raise RuntimeError("indexering misslyckades") from inner
        except RuntimeError as outer:
            return outer

    assert is_outage(elastic_transport.ConnectionError("Connection refused"))
    assert is_outage(redis.exceptions.ConnectionError("Error 111 connecting"))
    assert is_outage(TimeoutError()) and is_outage(raised_from(elastic_transport.ConnectionTimeout("timed out")))
    assert not is_outage(KeyError("remiss_id")) and not is_outage(FileNotFoundError("x.json"))
    assert not is_outage(raised_from(ValueError("bad record")))
