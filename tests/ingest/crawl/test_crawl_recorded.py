"""Crawling the recorded sites over real HTTP on 127.0.0.1: counts, incremental re-crawl,
lineage and the fault mode."""
from __future__ import annotations

import json
from contextlib import ExitStack

import pytest

from ingest.crawl.replay import ReplayServer
from ingest.crawl.runner import crawl_sources, recorded_sources
from remissvar.records import council_keys
from remissvar.settings import Settings
from tests.conftest import free_port

GOOD_DOCS = 18  # 14 answers (tjänsteutlåtanden) + 1 protocol extract + 1 full protocol, over both sites,
# + kommunstyrelsen's and kommunfullmäktige's utlåtanden (summaries, not answers)
MEETINGS = 18  # crawled: every listed meeting except the upcoming, the cancelled and the drifted one


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


@pytest.mark.slow  # make check leaves it out; make test runs it
def test_full_crawl_counts(crawl_settings, ports):
    stats, store = run(crawl_settings, ports)
    summary = {c: (s.meetings_listed, s.meetings_crawled, s.remiss_items, s.documents_new, len(s.failures))
               for c, s in stats.items()}
    assert summary == {
        "sodermalm": (5, 3, 3, 4, 0),  # MeetingPlus and insynsverige; 2011 only behind the year filter
        "skarholmen": (2, 2, 1, 1, 0),
        "farsta": (3, 2, 2, 2, 1),  # one meeting page with drifted markup: an error, not an empty success
        "hagersten-alvsjo": (1, 1, 1, 2, 0),  # + the full protocol PDF
        "hagersten-liljeholmen": (2, 2, 1, 1, 0),  # MeetingPlus committee found on /committees
        "alvsjo": (2, 2, 2, 2, 0),  # the MeetingPlus predecessor committee and insynsverige
        "maria-gamla-stan": (1, 1, 1, 1, 0),
        "katarina-sofia": (1, 1, 1, 1, 0),  # slug discovered on the city's listing
        "hagersten": (1, 1, 1, 1, 0),
        "liljeholmen": (1, 1, 1, 1, 0),  # a /dagordning?date= meeting
        "kommunstyrelsen": (1, 1, 0, 1, 0),  # its utlåtande only (not its own tjänsteutlåtande); no remiss items
        "kommunfullmaktige": (1, 1, 0, 1, 0),
    }
    assert (stats["kommunstyrelsen"].summaries, stats["kommunfullmaktige"].summaries) == (1, 1)
    assert stats["sodermalm"].meetings_upcoming == 1 and stats["sodermalm"].meetings_cancelled == 1
    assert stats["farsta"].protocols_unpublished == 1  # "Ladda ner allt" answered 404: not published, no failure
    assert sum(s.remiss_without_documents + s.remiss_without_remittent for s in stats.values()) == 0
    assert [f["reason"] for f in store.failures()] == ["markup_drift"]
    with store.db() as c:
        undated = c.execute("SELECT count(*) FROM meetings WHERE meeting_date IS NULL").fetchone()[0]
        cancelled = [r[0] for r in c.execute("SELECT url FROM meetings WHERE cancelled = 1")]
    assert undated == 0  # every listed meeting has its date (URL or label)
    assert [u.rsplit("/", 1)[-1] for u in cancelled] == ["mote-2023-03-16-installt"]
    docs = store.documents()
    assert len(docs) == GOOD_DOCS
    # the full protocol PDF, split into § paragraphs: item 7's decision is § 9 (matched by title)
    [ha] = [d for d in docs if d["council"] == "hagersten-alvsjo" and d["doc_kind"] == "tjansteutlatande"]
    paragraph = json.loads(ha["item_json"])["protocol_text"]
    assert paragraph.startswith("§ 9") and "godkänner förvaltningens tjänsteutlåtande" in paragraph
    for d in docs:  # provenance of every stored file
        assert d["sha256"] and store.path_of(d["sha256"]).read_bytes()[:5] == b"%PDF-"
        assert d["council"] and d["meeting_url"] and d["fetched_at"] and d["etag"]


@pytest.mark.slow  # make check leaves it out; make test runs it
def test_second_crawl_fetches_nothing_new(crawl_settings, ports):
    run(crawl_settings, ports)
    blobs = crawl_settings.data_dir.joinpath("raw")
    before = sorted(p.name for p in blobs.rglob("*") if p.is_file())
    stats, store = run(crawl_settings, ports)
    assert sum(s.documents_new for s in stats.values()) == 0
    assert sum(s.meetings_crawled for s in stats.values()) == 0
    assert sum(s.meetings_unchanged for s in stats.values()) == MEETINGS
    assert sorted(p.name for p in blobs.rglob("*") if p.is_file()) == before
    # a full re-crawl fetches again but stores nothing new (content-addressed)
    stats, store = run(crawl_settings, ports, full=True)
    assert sum(s.meetings_crawled for s in stats.values()) == MEETINGS
    assert sum(s.documents_new for s in stats.values()) == 0
    assert len(store.documents()) == GOOD_DOCS


def test_merger_lineage():
    assert council_keys("hagersten-liljeholmen") == ["hagersten-liljeholmen", "hagersten-alvsjo"]
    assert council_keys("alvsjo") == ["alvsjo", "hagersten-alvsjo"]
    assert council_keys("hagersten-alvsjo") == ["hagersten-alvsjo"]


FAULTS = {
    "/committees/skarholmens-stadsdelsnamnd": "500-once",
    "/committees/sodermalms-stadsdelsnamnd/mote-2024-12-12/agenda/"
    "tjansteutlatande-remiss-av-motion-om-facebookgrupperpdf-19038": "429-once",
    "/committees/farsta-stadsdelsnamnd/mote-2025-01-16/agenda/tjansteutlatande-facebookgrupperpdf": "timeout-once",
    "/committees/hagersten-alvsjo-stadsdelsnamnd/mote-2025-01-16/agenda/"
    "tjansteutlatande-motion-facebookgrupperpdf-20011": "truncate",
    "/stockholm-alvsjo/documentHandler.ashx?did=100": "html-as-pdf",
    "/stockholm-hagerstenliljeholmen/documentHandler.ashx?did=100": "redirect-offsite",
    "/stockholm-farsta/documentHandler.ashx?did=100": "redirect-loop",
    "/stockholm-sodermalm/documentHandler.ashx?did=100": "500",
}


@pytest.mark.slow  # make check leaves it out; make test runs it
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
    stored = sorted(d["url"].split("/", 3)[-1].split("/")[0] + "/" + d["url"].rsplit("/", 1)[-1]
                    for d in store.documents())
    assert stored == sorted([
        "committees/tjansteutlatande-remiss-av-motion-om-facebookgrupperpdf-19038?downloadMode=open",  # after 429
        "committees/protokollsutdrag-12?downloadMode=open",
        "committees/tjansteutlatande-facebookgrupperpdf?downloadMode=open",  # after a timeout
        "committees/protokoll-2025-01-16pdf?downloadMode=open",  # the protocol came before the truncated answer
        "committees/tjansteutlatande-program-for-lekplatserpdf-4410?downloadMode=open",
        "committees/utlatande-2020-45-ri-program-for-lekplatserpdf-8812?downloadMode=open",
        "committees/utlatande-2025-31-rv-lokala-facebookgrupperpdf-30112?downloadMode=open",
        "stockholm-sodermalm/documentHandler.ashx?did=101",
        "stockholm-skarholmen/documentHandler.ashx?did=100",
        "stockholm-mariags/documentHandler.ashx?did=100",
        "stockholm-katarinasofia/documentHandler.ashx?did=100",
        "stockholm-hagersten/documentHandler.ashx?did=100",
        "stockholm-liljeholmen/documentHandler.ashx?did=100",
    ])
    assert store.blob_count() == len(stored) + MEETINGS  # + the meeting pages crawled
    # the faults pass: the next (incremental) crawl gets the bad documents, once each
    stats, store = run(crawl_settings, ports)
    assert [f["reason"] for f in store.failures()] == ["markup_drift"]
    assert len(store.documents()) == GOOD_DOCS


def test_filing_class_hint_learned_across_crawls(crawl_settings):
    """A council's pages with headings label its filing classes; a later page without headings
    is read with what they taught (kept in the store, so incremental crawls have it too)."""
    from ingest.crawl.crawler import Crawler
    from ingest.crawl.http import Fetcher
    from ingest.crawl.model import Source
    from ingest.crawl.store import RawStore

    site = crawl_settings.data_dir.parent / "site" / "stockholm-x"
    (site / "protokoll").mkdir(parents=True)
    labelled = "".join(f"<p>{10 + i} Program nummer {i}</p><p>Dnr 1.5.1-{i}-2011</p>" for i in range(3))
    pages = {"2011-01-20": "<h3>Remisser</h3>" + labelled
                           + "<h3>Beslutsärenden</h3><p>20 Uppföljning</p><p>Dnr 1.2.1-1-2011</p>",
             "2011-02-17": "<p>5 Strategi för offentliga toaletter</p><p>Dnr 1.5.1-77-2011</p>"
                           "<p>6 Ekonomisk uppföljning</p><p>Dnr 1.2.1-9-2011</p>"}
    for d, body in pages.items():
        (site / "protokoll" / f"date={d}.html").write_text(f"<main>{body}</main>", encoding="utf-8")
    (site / "index.html").write_text("".join(f'<a href="/stockholm-x/protokoll?date={d}">{d}</a>' for d in pages),
                                     encoding="utf-8")
    with ReplayServer(site.parent, port=free_port()) as srv:
        src = Source("insynsverige", "farsta", srv.base_url, "/stockholm-x", "X")
        store = RawStore(crawl_settings.data_dir)
        crawler = Crawler(store, Fetcher({f"127.0.0.1:{srv.httpd.server_address[1]}"}, min_interval=0))
        stats = crawler.crawl_source(src)
    assert (stats.meetings_crawled, stats.remiss_items) == (2, 4)  # 3 by heading + item 5 by its filing class
    assert sorted(store.filing_examples("farsta")) == [("1.2.1", False)] + [("1.5.1", True)] * 3
    with store.db() as c:
        assert c.execute("SELECT remiss_items FROM meetings WHERE url LIKE '%2011-02-17'").fetchone()[0] == 1
