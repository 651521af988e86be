"""The whole pipeline (crawl -> parse -> index) with real worker processes, the real Redis
and Elasticsearch, and the recorded sites on 127.0.0.1 - undisturbed and under faults.

Every run is compared with the undisturbed run by exact ids and counts.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from contextlib import ExitStack
from pathlib import Path

import pytest
import redis
from elasticsearch import helpers

from ingest.crawl.platforms import recorded_servers, registry
from remissvar.settings import Settings
from search_api.index import alias_name, delete_all, es_client
from tests.conftest import free_port

pytestmark = pytest.mark.services  # real Elasticsearch/Redis or the converted model

ROOT = Path(__file__).resolve().parents[2]
REDIS_DB = 14
EXPECTED_YTTRANDEN = 14  # 14 answer documents on the recorded sites (see tests/fixtures/sites)
HEARTBEATS = "dramatiq:__heartbeats__"  # dramatiq's RedisBroker: every live worker beats here
STRAY_BEAT_WAIT_S = 3.0  # an idle worker beats about once a second


class Pipeline:
    """One isolated pipeline: own data dir, index prefix, Redis db, recorded-site ports."""

    def __init__(self, tmp: Path, name: str, faults: dict[str, str] | None = None) -> None:
        self.ports = tuple(free_port() for _ in registry())  # the recorded sites', in registry order
        self.settings = Settings(data_dir=tmp / "data", index_prefix=f"remissvar-pipe-{name}",
                                 redis_url=f"redis://127.0.0.1:6379/{REDIS_DB}", recorded_port=self.ports[0])
        self.faults = faults
        self.env = {**os.environ,
                    "REMISSVAR_DATA_DIR": str(self.settings.data_dir),
                    "REMISSVAR_INDEX_PREFIX": self.settings.index_prefix,
                    "REMISSVAR_REDIS_URL": self.settings.redis_url,
                    "REMISSVAR_CRAWL_MIN_INTERVAL": "0",
                    "REMISSVAR_BROKER_HEARTBEAT_TIMEOUT_MS": "5000",
                    "REMISSVAR_BROKER_MAINTENANCE_CHANCE": "1000000",
                    "HF_HUB_OFFLINE": "1", "PYTHONUNBUFFERED": "1"}
        self.stack = ExitStack()
        self.worker: subprocess.Popen | None = None
        self.r = redis.Redis.from_url(self.settings.redis_url)
        self.es = es_client(self.settings)

    def __enter__(self) -> Pipeline:
        self.r.flushdb()
        self.refuse_a_stray_worker()
        delete_all(self.es, self.settings)
        self.servers = recorded_servers(self.settings, self.stack, ports=self.ports, faults=self.faults)
        return self

    def __exit__(self, *exc: object) -> None:
        self.kill_worker()
        self.stack.close()
        delete_all(self.es, self.settings)

    def refuse_a_stray_worker(self) -> None:
        """Fails at once where a worker this run did not start consumes its Redis db: one left by
        an interrupted run (in a session of its own, which a signal to pytest does not reach)
        would take this run's messages, and the run would lose answers for no fault of the
        pipeline's. The db was just emptied, so any heartbeat after a few seconds is a live
        worker's."""
        time.sleep(STRAY_BEAT_WAIT_S)
        beats = self.r.zcard(HEARTBEATS)
        if beats:
            raise RuntimeError(f"{beats} dramatiq worker(s) already consume Redis db {REDIS_DB} (left by an "
                               "interrupted run?): stop them (pkill -f 'dramatiq ingest.tasks') and run again")

    def start_worker(self) -> None:
        log = open(self.settings.data_dir.parent / "worker.log", "ab")
        self.worker = subprocess.Popen(
            [sys.executable, "-m", "dramatiq", "ingest.tasks", "--processes", "1", "--threads", "2"],
            cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def kill_worker(self, sig: int = signal.SIGTERM) -> None:
        if self.worker and self.worker.poll() is None:
            os.killpg(self.worker.pid, sig)
            try:
                self.worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.worker.pid, signal.SIGKILL)
                self.worker.wait()
        self.worker = None

    def enqueue_crawls(self) -> None:
        code = (
            "from ingest.crawl.model import load_sources\n"
            "from ingest.tasks import crawl_council\n"
            "from remissvar.settings import get_settings\n"
            f"base = {({name: srv.base_url for name, srv in self.servers.items()})!r}\n"
            "for s in load_sources(get_settings().sources_file):\n"
            "    crawl_council.send(s.platform, s.council, base[s.platform])\n"
        )
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=self.env, check=True)

    def depth(self) -> int:
        """Messages waiting, delayed (retry backoff) or being worked on (not yet acknowledged)."""
        n = 0
        for q in ("crawl", "parse", "index"):
            n += self.r.hlen(f"dramatiq:{q}.msgs") + self.r.hlen(f"dramatiq:{q}.DQ.msgs")
        return n + sum(self.r.scard(k) for k in self.r.scan_iter("dramatiq:__acks__.*"))

    def wait_idle(self, timeout: float = 600) -> None:
        t0, quiet = time.time(), 0
        while time.time() - t0 < timeout:
            quiet = quiet + 1 if self.depth() == 0 else 0
            if quiet >= 4:
                self.es.indices.refresh(index=f"{self.settings.index_prefix}-*")
                return
            time.sleep(1)
        raise AssertionError(f"pipeline not idle after {timeout}s (depth {self.depth()})")

    def wait_for_passages(self, n: int, timeout: float = 300) -> None:
        t0 = time.time()
        while time.time() - t0 < timeout:
            try:
                self.es.indices.refresh(index=f"{self.settings.index_prefix}-*")
                if self.es.count(index=alias_name(self.settings, "passager"))["count"] >= n:
                    return
            except Exception:
                pass
            time.sleep(0.5)
        raise AssertionError(f"fewer than {n} passages after {timeout}s")

    def state(self) -> tuple[list[str], list[str]]:
        ids = lambda kind: sorted(h["_id"] for h in helpers.scan(
            self.es, index=alias_name(self.settings, kind), _source=False, query={"query": {"match_all": {}}}))
        return ids("yttranden"), ids("passager")

    def dead_letters(self) -> list[dict]:
        return [json.loads(v) for v in self.r.hvals("remissvar:deadletters")]


def assert_same_state(p: Pipeline, want: tuple[list[str], list[str]]) -> None:
    """The answers and passages of the undisturbed run, no more, no fewer, none twice; on a
    difference, which ids and what the broker and the dead letters held."""
    got = p.state()
    if got == want:
        return
    diff = {kind: {"missing": sorted(set(w) - set(g)), "extra": sorted(set(g) - set(w)),
                   "duplicates": len(g) - len(set(g))}
            for kind, g, w in (("yttranden", got[0], want[0]), ("passager", got[1], want[1]))}
    raise AssertionError(f"state differs: {diff}; depth {p.depth()}; dead letters {p.dead_letters()}")


@pytest.fixture(scope="module")
def undisturbed(tmp_path_factory, es):
    with Pipeline(tmp_path_factory.mktemp("calm"), "calm") as p:
        p.start_worker()
        p.enqueue_crawls()
        p.wait_idle()
        state = p.state()
        dead = p.dead_letters()
    assert len(state[0]) == EXPECTED_YTTRANDEN
    assert len(state[1]) == len(set(state[1]))
    assert [d["reason"] for d in dead] == ["markup_drift"]
    return state


def test_undisturbed_run(undisturbed):
    yttranden, passages = undisturbed
    assert len(yttranden) == EXPECTED_YTTRANDEN and len(passages) > 50


def test_sigkill_worker_mid_batch(tmp_path, undisturbed):
    with Pipeline(tmp_path, "kill") as p:
        p.start_worker()
        p.enqueue_crawls()
        p.wait_for_passages(5)  # mid-batch: some indexed, most not
        p.kill_worker(signal.SIGKILL)
        p.start_worker()
        p.wait_idle()
        assert_same_state(p, undisturbed)  # same ids, same counts, no duplicates


def test_elasticsearch_down_60s_during_indexing(tmp_path, undisturbed):
    with Pipeline(tmp_path, "esdown") as p:
        p.start_worker()
        p.enqueue_crawls()
        p.wait_for_passages(1)
        subprocess.run(["bash", str(ROOT / "scripts/services.sh"), "stop-es"], check=True)
        try:
            time.sleep(60)
        finally:
            subprocess.run(["bash", str(ROOT / "scripts/services.sh"), "start-es"], check=True)
        p.wait_idle()
        assert_same_state(p, undisturbed)


def test_redis_restart_during_crawl(tmp_path, undisturbed):
    with Pipeline(tmp_path, "redis") as p:
        p.start_worker()
        p.enqueue_crawls()
        time.sleep(1.5)  # crawls under way
        assert p.depth() > 0
        subprocess.run(["bash", str(ROOT / "scripts/services.sh"), "stop-redis"], check=True)
        time.sleep(3)
        subprocess.run(["bash", str(ROOT / "scripts/services.sh"), "start-redis"], check=True)
        p.r = redis.Redis.from_url(p.settings.redis_url)
        p.wait_idle()
        # messages an actor was sending while Redis was down are gone from the broker; the
        # stores still say what is unfinished, and the sweep (the scheduler runs it every ten
        # minutes) sends it again: a delay, never a loss
        subprocess.run([sys.executable, "-m", "remissvar_cli", "reconcile"], cwd=ROOT, env=p.env, check=True)
        p.wait_idle()
        assert_same_state(p, undisturbed)


FAULTS = {
    "/committees/skarholmens-stadsdelsnamnd": "500-once",
    "/committees/sodermalms-stadsdelsnamnd/mote-2024-12-12/agenda/"
    "tjansteutlatande-remiss-av-motion-om-facebookgrupperpdf-19038": "429-once",
    "/committees/hagersten-alvsjo-stadsdelsnamnd/mote-2025-01-16/agenda/"
    "tjansteutlatande-motion-facebookgrupperpdf-20011": "truncate",
    "/stockholm-alvsjo/documentHandler.ashx?did=100": "html-as-pdf",
    "/stockholm-hagerstenliljeholmen/documentHandler.ashx?did=100": "redirect-offsite",
    "/stockholm-farsta/documentHandler.ashx?did=100": "redirect-loop",
}


def test_crawler_fault_mode_through_the_pipeline(tmp_path, undisturbed):
    with Pipeline(tmp_path, "faults", faults=FAULTS) as p:
        p.start_worker()
        p.enqueue_crawls()
        p.wait_idle()
        yttranden, passages = p.state()
        assert len(yttranden) == EXPECTED_YTTRANDEN - 4  # 4 bad documents
        assert set(yttranden) < set(undisturbed[0])
        assert len(passages) == len(set(passages))
        reasons = sorted(d["reason"] for d in p.dead_letters())
        assert reasons == sorted(["content_mismatch", "host_not_allowed", "markup_drift", "redirect_loop",
                                  "truncated_pdf"])
        # the faults pass: retry-failed brings in exactly the missing documents, once
        p.stack.close()
        p.stack = ExitStack()
        p.servers = recorded_servers(p.settings, p.stack, ports=p.ports)  # the same sites, without faults
        subprocess.run([sys.executable, "-m", "remissvar_cli", "retry-failed"], cwd=ROOT, env=p.env, check=True)
        p.wait_idle()
        assert_same_state(p, undisturbed)
