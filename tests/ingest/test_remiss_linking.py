"""Remiss keys in the pipeline: answers of one remiss share a key in the index; an admin's
merge and split (stored apart from the index) survive a reindex; merged-away keys redirect."""
from __future__ import annotations

import datetime as dt

import pytest

from remissvar.records import AgendaRef

pytestmark = pytest.mark.services


@pytest.fixture()
def linked(tmp_path, es, embedder, seed_records):
    from ingest.parse.store import ParsedStore
    from remissvar.settings import Settings
    from search_api.index import delete_all

    s = Settings(data_dir=tmp_path / "data", index_prefix="remissvar-link")
    delete_all(es, s)
    sod = seed_records["sodermalm"].model_copy(deep=True)
    sod.agenda = AgendaRef(title="Remiss av motion om att ge stadsdelsnämnder i uppdrag att driva lokala "
                                 "facebookgrupper", lines=["Remiss från kommunstyrelsen"],
                           meeting_date=dt.date(2025, 1, 16))
    far = sod.model_copy(deep=True)
    far.id, far.council = "farsta-fb", "farsta"
    far.agenda = AgendaRef(title="Motion om att ge stadsdelsnämnder i uppdrag att driva lokala facebookgrupper "
                                 "- yttrande till kommunstyrelsen", meeting_date=dt.date(2025, 1, 23))
    ska = seed_records["skarholmen"].model_copy(deep=True)
    store = ParsedStore(s.data_dir)
    for y in (sod, far, ska):
        store.save(y, {"test": True})
    yield s, sod.id, far.id, ska.id
    delete_all(es, s)


def _keys(es, s):
    from search_api.index import alias_name

    es.indices.refresh(index=[alias_name(s, "passager"), alias_name(s, "yttranden")])
    yt = {h["_id"]: h["_source"]["remiss_id"] for h in es.search(index=alias_name(s, "yttranden"), size=50,
                                                                  source=["remiss_id"])["hits"]["hits"]}
    passages = es.search(index=alias_name(s, "passager"), size=1000, source=["yttrande_id", "remiss_id"])
    for h in passages["hits"]["hits"]:  # every passage carries its answer's key
        assert h["_source"]["remiss_id"] == yt[h["_source"]["yttrande_id"]]
    return yt


def test_corrections_survive_reindex_and_old_keys_redirect(es, linked):
    from ingest import stages
    from ingest.reindex import reindex_all
    from remissvar.remiss_keys import RemissKeyStore, default_store_path

    s, sod, far, ska = linked
    for doc_id in (sod, far, ska):
        stages.index_answer(s, doc_id)
    keys = _keys(es, s)
    assert keys[sod] == keys[far] != keys[ska]  # two councils, one remiss; another remiss apart
    fb, policy = keys[sod], keys[ska]

    # an admin says Farsta's answer belongs to another remiss: it moves, in place
    assert stages.correct_remiss(s, "split", fb, answer_ids=[far]) == 1
    keys = _keys(es, s)
    assert keys[sod] == fb and keys[far] not in (fb, policy)
    reindex_all(s)  # re-link + rebuild: the split stays, Södermalm keeps its key
    after = _keys(es, s)
    assert after[sod] == fb and after[far] == keys[far]

    # an admin merges the policy remiss into the facebook one: the older key survives
    stages.correct_remiss(s, "merge", fb, policy)
    keys = _keys(es, s)
    assert keys[ska] == keys[sod] == fb
    reindex_all(s)
    assert _keys(es, s)[ska] == fb
    store = RemissKeyStore(default_store_path(s))
    try:
        assert store.resolve(policy) == fb  # the old URL's key redirects
    finally:
        store.close()


def test_reconcile_sends_again_what_is_unfinished(tmp_path, es, seed_records):
    """A parsed record missing from the index (its index message was lost) is sent again."""
    import redis

    from ingest.parse.store import ParsedStore
    from ingest.stages import reconcile
    from remissvar.settings import Settings
    from search_api.index import delete_all

    s = Settings(data_dir=tmp_path / "data", index_prefix="remissvar-reconcile")
    delete_all(es, s)
    ParsedStore(s.data_dir).save(seed_records["skarholmen"], {"test": True})
    r = redis.Redis.from_url(s.redis_url)
    r.delete("dramatiq:index.msgs")
    assert reconcile(s) == (0, 1, 0)
    assert r.hlen("dramatiq:index.msgs") == 1
    r.delete("dramatiq:index.msgs")


def test_reconcile_sends_again_a_lost_crawl_once_and_leaves_dead_letters(tmp_path, es, seed_records):
    """A crawl that began and whose message the broker lost (Redis went away while its retry was
    being sent) is sent again, once; what is dead-lettered is left to retry-failed."""
    import json

    import redis

    from ingest.crawl.store import RawStore
    from ingest.parse.store import ParsedStore
    from ingest.stages import reconcile
    from remissvar import failures
    from remissvar.settings import Settings
    from search_api.index import delete_all

    s = Settings(data_dir=tmp_path / "data", index_prefix="remissvar-reconcile")
    delete_all(es, s)
    r = redis.Redis.from_url(s.redis_url)
    for q in ("crawl", "index"):
        r.delete(f"dramatiq:{q}.msgs", f"dramatiq:{q}.DQ.msgs")
    store = RawStore(s.data_dir)
    store.crawl_begun("insynsverige", "farsta", "http://127.0.0.1:1", False, "lost-message")
    store.crawl_begun("meetingplus", "skarholmen", None, True, "dead-message")
    failures.record_failure("dead-message", "crawl_council", ["meetingplus", "skarholmen", None], "http_500", "x")
    ParsedStore(s.data_dir).save(seed_records["skarholmen"], {"test": True})
    failures.record_failure("dead-index", "index_document", [seed_records["skarholmen"].id], "boom", "x")
    try:
        assert reconcile(s) == (0, 0, 1)
        sent = [json.loads(v) for v in r.hvals("dramatiq:crawl.msgs")]
        assert [(m["actor_name"], m["args"]) for m in sent] == [
            ("crawl_council", ["insynsverige", "farsta", "http://127.0.0.1:1", False])]
        # the store now names the new message, which waits in the queue: not sent twice
        assert [c["message_id"] for c in store.unfinished_crawls() if c["council"] == "farsta"] == [
            sent[0]["message_id"]]
        assert reconcile(s) == (0, 0, 0)
        store.crawl_done("insynsverige", "farsta", sent[0]["message_id"])
        assert [c["council"] for c in store.unfinished_crawls()] == ["skarholmen"]
    finally:
        failures.clear_failure("dead-message")
        failures.clear_failure("dead-index")
        for q in ("crawl", "index"):
            r.delete(f"dramatiq:{q}.msgs", f"dramatiq:{q}.DQ.msgs")


def test_reconcile_sends_again_what_ran_out_of_retries_in_an_outage_only(tmp_path, es, seed_records):
    """An index message that ran out of retries while Elasticsearch was away (an outage longer
    than the backoff) is sent again by the sweep; one that ran out on an error that would repeat
    (a KeyError: a bug, a bad record) waits for retry-failed, as permanent failures do; a crawl
    already sent again (by retry-failed or the status page: another message id) is not sent a
    second time."""
    import json

    import redis

    from ingest.crawl.store import RawStore
    from ingest.parse.store import ParsedStore
    from ingest.stages import reconcile
    from remissvar import failures
    from remissvar.queue import enqueue
    from remissvar.settings import Settings
    from search_api.index import delete_all

    s = Settings(data_dir=tmp_path / "data", index_prefix="remissvar-reconcile-transient")
    delete_all(es, s)
    r = redis.Redis.from_url(s.redis_url)
    for q in ("crawl", "index", "parse"):
        r.delete(f"dramatiq:{q}.msgs", f"dramatiq:{q}.DQ.msgs")
    parsed = ParsedStore(s.data_dir)
    parsed.save(seed_records["skarholmen"], {"test": True})
    parsed.save(seed_records["sodermalm"], {"test": True})
    def letter(message_id: str, doc_id: str, reason: str, work: str, outage: bool) -> failures.Failure:
        return failures.Failure(message_id=message_id, actor="index_document", args=[doc_id], reason=reason,
                                work=work, outage=outage, queue="index", kwargs={}, error="x",
                                at=failures.now_utc(), attempts=9, permanent=False)

    failures.put(letter("outage", seed_records["skarholmen"].id, "ConnectionError", "w1", outage=True))
    failures.put(letter("would-repeat", seed_records["sodermalm"].id, "KeyError", "w2", outage=False))
    store = RawStore(s.data_dir)
    store.crawl_begun("insynsverige", "farsta", "http://127.0.0.1:1", False, "failed-crawl")
    resent = enqueue("crawl_council", "insynsverige", "farsta", "http://127.0.0.1:1", False)  # retry-failed's
    try:
        assert reconcile(s) == (0, 1, 0)
        sent = [json.loads(v)["args"] for v in r.hvals("dramatiq:index.msgs")]
        assert sent == [[seed_records["skarholmen"].id]]
        assert [json.loads(v)["message_id"] for v in r.hvals("dramatiq:crawl.msgs")] == [resent]
    finally:
        failures.clear_failure("outage")
        failures.clear_failure("would-repeat")
        failures.client().hdel(failures.WORK_KEY, "w1", "w2")
        for q in ("crawl", "index", "parse"):
            r.delete(f"dramatiq:{q}.msgs", f"dramatiq:{q}.DQ.msgs")


def test_a_crawl_frees_the_lock_a_lost_crawl_left_but_waits_for_a_live_one(tmp_path, es):
    """The crawl of the council's other platform finds the lock a lost crawl left (Redis went
    away mid-crawl; its message is gone from the broker): it frees it instead of retrying until
    its retries run out. A lock whose owner's message is in the broker (running) stays."""
    import json

    import redis

    from ingest.deadletters import free_lock_of_lost_crawl, lock_held
    from remissvar.settings import Settings

    s = Settings(data_dir=tmp_path / "data", index_prefix="remissvar-lost-lock")
    r = redis.Redis.from_url(s.redis_url)
    r.delete("dramatiq:crawl.msgs", "dramatiq:crawl.DQ.msgs")
    try:
        r.set("remissvar:lock:crawl:farsta", "lost-crawl", ex=3600)
        assert not free_lock_of_lost_crawl("farsta", "lost-crawl")  # its own: a retry takes it back
        assert free_lock_of_lost_crawl("farsta", "next-crawl") and not lock_held("farsta")
        r.set("remissvar:lock:crawl:farsta", "running-crawl", ex=3600)
        r.hset("dramatiq:crawl.msgs", "x1", json.dumps({"message_id": "running-crawl", "actor_name": "crawl_council",
                                                      "args": ["meetingplus", "farsta"]}))
        assert not free_lock_of_lost_crawl("farsta", "next-crawl") and lock_held("farsta")
        assert not free_lock_of_lost_crawl("skarholmen", "next-crawl")  # no lock at all
    finally:
        r.delete("remissvar:lock:crawl:farsta", "dramatiq:crawl.msgs")


def test_reconcile_frees_the_lock_a_lost_crawl_left_behind(tmp_path, es):
    """Redis went away mid-crawl: the lock's release failed, the append-only file kept it, the
    crawl's message was lost. The sweep frees that lock (its owner is no longer in the broker)
    and sends the crawl again; a lock held by a running crawl of the council (its message in the
    broker) is left alone."""
    import json

    import redis

    from ingest.crawl.store import RawStore
    from ingest.deadletters import council_lock, lock_held
    from ingest.stages import reconcile
    from remissvar.settings import Settings

    s = Settings(data_dir=tmp_path / "data", index_prefix="remissvar-reconcile-lock")
    r = redis.Redis.from_url(s.redis_url)
    for q in ("crawl", "index", "parse"):
        r.delete(f"dramatiq:{q}.msgs", f"dramatiq:{q}.DQ.msgs")
    store = RawStore(s.data_dir)
    r.set("remissvar:lock:crawl:farsta", "lost-crawl", ex=3600)  # what the lost crawl left
    store.crawl_begun("insynsverige", "farsta", "http://127.0.0.1:1", False, "lost-crawl")
    # a lock another lost crawl left (sent again since, and that one lost too): also no crawl under way
    r.set("remissvar:lock:crawl:hagersten-alvsjo", "earlier-lost-crawl", ex=3600)
    store.crawl_begun("meetingplus", "hagersten-alvsjo", None, False, "later-lost-crawl")
    try:
        with council_lock("skarholmen", owner="running-crawl") as got:  # another, live crawl
            assert got
            # a running crawl's message stays in the broker until the worker acknowledges it
            r.hset("dramatiq:crawl.msgs", "x1", json.dumps({"message_id": "running-crawl", "actor_name":
                                                          "crawl_council", "args": ["insynsverige", "skarholmen"]}))
            store.crawl_begun("meetingplus", "skarholmen", None, False, "older-lost-crawl")
            assert reconcile(s) == (0, 0, 2)
            assert lock_held("skarholmen")  # a live crawl's lock: left alone, the crawl not sent
        assert not lock_held("farsta") and not lock_held("hagersten-alvsjo")
        sent = [json.loads(v) for v in r.hvals("dramatiq:crawl.msgs")]
        assert sorted(m["args"][1] for m in sent if m["message_id"] != "running-crawl") == [
            "farsta", "hagersten-alvsjo"]
    finally:
        r.delete("remissvar:lock:crawl:farsta", "remissvar:lock:crawl:skarholmen",
                 "remissvar:lock:crawl:hagersten-alvsjo")
        for q in ("crawl", "index", "parse"):
            r.delete(f"dramatiq:{q}.msgs", f"dramatiq:{q}.DQ.msgs")
