"""Scheduler decisions and a re-index that swaps the alias while search keeps working."""
from __future__ import annotations

import datetime as dt
import threading

import pytest

from ingest.crawl.model import Source
from ingest.deadletters import council_lock, lock_held
from ingest.scheduler import due_sources

SRC = [Source("meetingplus", "sodermalm", "http://x", "/c/s", "S"),
       Source("meetingplus", "farsta", "http://x", "/c/f", "F")]


def test_due_sources_follow_the_cron_schedule():
    now = dt.datetime(2026, 11, 24, 3, 30)
    assert due_sources(SRC, "0 3 * * *", {}, now) == SRC  # never run: due
    last = {"meetingplus:sodermalm": dt.datetime(2026, 11, 24, 3, 0),
            "meetingplus:farsta": dt.datetime(2026, 11, 23, 2, 0)}
    assert [s.council for s in due_sources(SRC, "0 3 * * *", last, now)] == ["farsta"]


@pytest.mark.services  # the lock is in Redis
def test_one_crawl_per_council_at_a_time():
    with council_lock("sodermalm") as first:
        assert first and lock_held("sodermalm")
        with council_lock("sodermalm") as second:
            assert not second
    assert not lock_held("sodermalm")


def test_reindex_builds_a_new_version_and_swaps_while_search_works(tmp_path, es, embedder, seed_records, monkeypatch):
    from ingest.indexing import index_yttrande
    from ingest.parse.store import ParsedStore
    from ingest.reindex import reindex_all
    from remissvar.settings import Settings
    from search_api.index import alias_name, current_version, delete_all
    from search_api.search.models import SearchRequest
    from search_api.search.service import SearchService

    s = Settings(data_dir=tmp_path / "data", index_prefix="remissvar-reidx")
    parsed = ParsedStore(s.data_dir)
    delete_all(es, s)
    try:
        for y in seed_records.values():
            index_yttrande(y, es, s, embedder, refresh=True)
            parsed.save(y, {"test": True})
        assert current_version(es, s) == 1
        svc = SearchService(es, s, embedder)
        errors: list[Exception] = []
        stop = threading.Event()

        def keep_searching() -> None:
            while not stop.is_set():
                try:
                    r = svc.search(SearchRequest(q="facebookgrupper", mode="keyword"))
                    assert r.groups and r.groups[0].answers[0].council == "sodermalm"
                except Exception as e:
                    errors.append(e)

        t = threading.Thread(target=keep_searching)
        t.start()
        old, new, n = reindex_all(s)
        stop.set()
        t.join()
        assert (old, new, n) == (1, 2, 2)
        assert errors == []
        assert list(es.indices.get_alias(name=alias_name(s, "passager"))) == ["remissvar-reidx-passager-v2"]
        assert es.count(index=alias_name(s, "yttranden"))["count"] == 2
    finally:
        delete_all(es, s)


@pytest.mark.services  # the lock is in Redis
def test_a_retried_crawl_takes_back_its_own_lock():
    """Redis went away while a crawl held its council's lock, so the release failed: the retry of
    the same message (same id) takes the lock back; any other message still finds it busy."""
    with council_lock("skarholmen", owner="message-1") as got:
        assert got
        with council_lock("skarholmen", owner="message-2") as other:
            assert not other
        with council_lock("skarholmen", owner="message-1") as again:
            assert again  # the same message, retried
    assert not lock_held("skarholmen")


@pytest.mark.services  # the queues are the real Redis broker's
def test_a_crawl_round_is_followed_by_one_relink_once_its_work_is_done(settings, monkeypatch):
    """Issue 30.6: the pipeline links each answer as it comes; after a round of crawls, once the
    crawl, parse and index queues are empty, the scheduler sends one re-link - none while the
    round's crawls still wait, and not one per tick."""
    import json

    import redis

    from ingest import scheduler

    r = redis.Redis.from_url(settings.redis_url)

    def clear() -> None:
        for q in ("crawl", "parse", "index", "admin"):
            r.delete(f"dramatiq:{q}.msgs", f"dramatiq:{q}.DQ.msgs")

    def actors(q: str) -> list[str]:
        return sorted(json.loads(v)["actor_name"] for v in r.hvals(f"dramatiq:{q}.msgs"))

    ticks: list[list[str]] = []

    def between_ticks(_seconds: float) -> None:
        ticks.append(actors("admin"))
        if len(ticks) == 2:  # after the second tick the round's crawls are worked off
            r.delete("dramatiq:crawl.msgs")

    clear()
    monkeypatch.setattr("ingest.scheduler.time.sleep", between_ticks)
    try:
        assert scheduler.run(SRC, "0 3 * * *", iterations=4, reconcile_every=0) == 2
        assert ticks[0] == [] and ticks[1] == []  # the crawls wait: no re-link
        assert ticks[2] == ["relink"]  # the round is done: one re-link
        assert actors("admin") == ["relink"]  # and only one
    finally:
        clear()


def test_round_done_reads_the_round_queues_only():
    from ingest.scheduler import round_done

    assert round_done({"crawl": 0, "parse": 0, "index": 0, "admin": 2})
    assert not round_done({"crawl": 0, "parse": 1, "index": 0})
