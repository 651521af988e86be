"""Crawling the recorded sites over real HTTP on 127.0.0.1: counts, incremental re-crawl,
lineage and the fault mode."""
from __future__ import annotations

from contextlib import ExitStack

import pytest

from ingest.crawl.runner import crawl_sources, recorded_sources
from remissvar.records import council_keys
from remissvar.settings import Settings
from tests.conftest import free_port

GOOD_DOCS = 9  # 8 answers (tjänsteutlåtanden) + 1 protocol extract, over both sites


@pytest.fixture()
def crawl_settings(tmp_path):
    return Settings(data_dir=tmp_path / "data")


@pytest.fixture()
def ports():
    # fixed ports for all runs of one test: the same URLs on every re-crawl
    return free_port(), free_port()


def run(settings, ports, faults=None, full=False, timeout=20.0):
    with ExitStack() as stack:
        sources, hosts = recorded_sources(settings, stack, faults=faults, ports=ports)
        return crawl_sources(settings, sources, hosts, full=full, min_interval=0, timeout=timeout)


def test_full_crawl_counts(crawl_settings, ports):
    stats, store = run(crawl_settings, ports)
    summary = {c: (s.meetings_listed, s.meetings_crawled, s.remiss_items, s.documents_new, len(s.failures))
               for c, s in stats.items()}
    assert summary == {
        "sodermalm": (4, 3, 3, 3, 0),
        "skarholmen": (2, 2, 1, 1, 0),
        "farsta": (3, 2, 2, 2, 1),  # one meeting page with drifted markup: an error, not an empty success
        "hagersten-alvsjo": (1, 1, 1, 1, 0),
        "hagersten-liljeholmen": (1, 1, 1, 1, 0),
        "alvsjo": (1, 1, 1, 1, 0),
    }
    assert stats["sodermalm"].meetings_upcoming == 1
    assert [f["reason"] for f in store.failures()] == ["markup_drift"]
    docs = store.documents()
    assert len(docs) == GOOD_DOCS
    for d in docs:  # provenance of every stored file
        assert d["sha256"] and store.path_of(d["sha256"]).read_bytes()[:5] == b"%PDF-"
        assert d["council"] and d["meeting_url"] and d["fetched_at"] and d["etag"]


def test_second_crawl_fetches_nothing_new(crawl_settings, ports):
    run(crawl_settings, ports)
    blobs = crawl_settings.data_dir.joinpath("raw")
    before = sorted(p.name for p in blobs.rglob("*") if p.is_file())
    stats, store = run(crawl_settings, ports)
    assert sum(s.documents_new for s in stats.values()) == 0
    assert sum(s.meetings_crawled for s in stats.values()) == 0
    assert sum(s.meetings_unchanged for s in stats.values()) == 10
    assert sorted(p.name for p in blobs.rglob("*") if p.is_file()) == before
    # a full re-crawl fetches again but stores nothing new (content-addressed)
    stats, store = run(crawl_settings, ports, full=True)
    assert sum(s.meetings_crawled for s in stats.values()) == 10
    assert sum(s.documents_new for s in stats.values()) == 0
    assert len(store.documents()) == GOOD_DOCS


def test_merger_lineage():
    assert council_keys("hagersten-liljeholmen") == ["hagersten-liljeholmen", "hagersten-alvsjo"]
    assert council_keys("alvsjo") == ["alvsjo", "hagersten-alvsjo"]
    assert council_keys("hagersten-alvsjo") == ["hagersten-alvsjo"]


FAULTS = {
    "/committees/skarholmens-stadsdelsnamnd": "500-once",
    "/committees/sodermalms-stadsdelsnamnd/mote-2024-12-12/agenda/tjansteutlatande-remiss-av-motion-om-facebookgrupperpdf-19038": "429-once",
    "/committees/farsta-stadsdelsnamnd/mote-2025-01-16/agenda/tjansteutlatande-facebookgrupperpdf": "timeout-once",
    "/committees/hagersten-alvsjo-stadsdelsnamnd/mote-2025-01-16/agenda/tjansteutlatande-motion-facebookgrupperpdf-20011": "truncate",
    "/stockholm-alvsjo/dokument/2012-03-22-6.pdf": "html-as-pdf",
    "/stockholm-hagersten-liljeholmen/dokument/2012-03-20-11.pdf": "redirect-offsite",
    "/stockholm-farsta/dokument/2016-05-19-14.pdf": "redirect-loop",
    "/stockholm-sodermalm/dokument/2012-03-15-8.pdf": "500",
}


def test_fault_mode(crawl_settings, ports):
    stats, store = run(crawl_settings, ports, faults=FAULTS, timeout=1.0)
    reasons = sorted((f["council"], f["reason"]) for f in store.failures())
    assert reasons == [
        ("alvsjo", "content_mismatch"),
        ("farsta", "markup_drift"),
        ("farsta", "redirect_loop"),
        ("hagersten-alvsjo", "truncated_pdf"),
        ("hagersten-liljeholmen", "host_not_allowed"),
        ("sodermalm", "http_status"),
    ]
    stored = sorted(d["url"].split("/")[-1] for d in store.documents())
    assert stored == sorted([
        "tjansteutlatande-remiss-av-motion-om-facebookgrupperpdf-19038?downloadMode=open",  # after 429
        "protokollsutdrag-12?downloadMode=open",
        "tjansteutlatande-facebookgrupperpdf?downloadMode=open",  # after a timeout
        "2019-02-21-9.pdf",
    ])
    assert store.blob_count() == len(stored) + 10  # + the 10 meeting pages crawled
    # the faults pass: the next (incremental) crawl gets the bad documents, once each
    stats, store = run(crawl_settings, ports)
    assert [f["reason"] for f in store.failures()] == ["markup_drift"]
    assert len(store.documents()) == GOOD_DOCS
