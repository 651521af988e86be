"""MeetingPlus pages without an agenda in their HTML: the JSON endpoints, the protocol zip
and the headless-browser fallback, against the constructed client-rendered installation
(tests/fixtures/sites/meetingplus-app/, served over real HTTP on 127.0.0.1)."""
from __future__ import annotations

import io
import json
import zipfile

import pytest

from ingest.crawl.model import Source
from ingest.crawl.platforms.meetingplus.api import api_refs, parse_agenda_json
from ingest.crawl.protocol_files import ApiFormatError, zip_members
from ingest.crawl.replay import ReplayServer
from ingest.crawl.runner import crawl_sources
from ingest.parse.from_crawl import answer_documents, parse_task
from remissvar.settings import Settings
from tests.conftest import free_port

APP = Settings().recorded_sites_dir / "meetingplus-app"
ZIP = "/api/v2.0/meetings/4711/download/Protocol"


@pytest.fixture()
def crawl_settings(tmp_path):
    return Settings(data_dir=tmp_path / "data")


@pytest.fixture()
def port():
    return free_port()


def run(settings, port, *, browser=False, faults=None):
    with ReplayServer(APP, port=port, faults=faults) as srv:
        src = Source("meetingplus", "farsta", srv.base_url, "/committees/farsta-stadsdelsnamnd",
                     "Farsta stadsdelsnämnd",
                     api_paths=("/api/v2.0/meetings/{id}/agenda",))
        stats, store = crawl_sources(settings, [src], {f"127.0.0.1:{port}"}, min_interval=0, timeout=10,
                                     browser=browser)
        return stats["farsta"], store, srv


@pytest.mark.slow  # make check leaves it out; make test runs it
def test_json_endpoints_and_protocol_zip_without_a_browser(crawl_settings, port):
    st, store, srv = run(crawl_settings, port)
    assert (st.meetings_listed, st.meetings_crawled, st.remiss_items) == (3, 2, 2)
    # the page only a browser can read fails loudly, with a hint
    [failure] = store.failures()
    assert failure["reason"] == "markup_drift" and failure["url"].endswith("farsta-stadsdelsnamnd-4790")
    assert "--browser" in failure["detail"]
    docs = {d["doc_kind"] + ":" + d["url"].split("/")[-1]: d for d in store.documents()}
    assert sorted(docs) == [
        "protokollsutdrag:Protocol#Protokollsutdrag%20%C2%A7%209.pdf",  # from the zip; § 1 belongs to no remiss item
        "tjansteutlatande:tjansteutlatande-parleklarpdf-3301?downloadMode=open",  # JSON named on the page
        "tjansteutlatande:tjansteutlatande-trygga-skolvagarpdf?downloadMode=open",  # JSON from the configured template
    ]
    prot = docs["protokollsutdrag:Protocol#Protokollsutdrag%20%C2%A7%209.pdf"]
    assert prot["item_number"] == "8" and prot["meeting_date"] == "2021-06-17"  # date from the JSON
    assert srv.hits[ZIP] == 1
    # the zip's extract reaches the answer: its decision is parsed with the tjänsteutlåtande
    [task] = [t for t in answer_documents(store) if "parleklar" in t.source_url]
    assert task.protocol_path is not None
    y = parse_task(task)
    assert y.council == "farsta" and y.remiss.dnr == "KS 2021/412" and y.position.position.value == "tillstyrker"
    assert "godkänner förvaltningens förslag" in (y.decision or "")


@pytest.mark.slow  # make check leaves it out; make test runs it
def test_second_crawl_fetches_nothing_new(crawl_settings, port):
    run(crawl_settings, port)
    st, store, srv = run(crawl_settings, port)
    assert st.documents_new == 0 and st.meetings_crawled == 0
    # the meeting pages are unchanged (304): neither JSON nor zip is asked for again
    assert not [p for p in srv.hits if p.startswith("/api/")], srv.hits
    assert len(store.documents()) == 3


@pytest.mark.slow  # make check leaves it out; make test runs it
def test_browser_fallback_reads_the_script_built_agenda(crawl_settings, port):
    st, store, _ = run(crawl_settings, port, browser=True)
    assert (st.meetings_crawled, st.remiss_items, len(st.failures)) == (3, 3, 0)
    [doc] = [d for d in store.documents() if "belysningsprogram" in d["url"]]
    assert doc["item_number"] == "6" and doc["meeting_date"] == "2021-09-16"
    item = json.loads(doc["item_json"])
    assert (item["remitting_body"], item["remitting_dnr"]) == ("Trafiknämnden", "T2021-00789")
    assert store.path_of(doc["sha256"]).read_bytes()[:5] == b"%PDF-"


@pytest.mark.slow  # make check leaves it out; make test runs it
def test_api_and_zip_faults_are_recorded_and_retried(crawl_settings, port):
    faults = {"/api/v2.0/meetings/4802/agenda": "500", ZIP: "truncate"}
    st, store, _ = run(crawl_settings, port, faults=faults)
    reasons = sorted((f["reason"], f["url"].split("/", 3)[-1]) for f in store.failures())
    assert reasons == [
        ("bad_zip", "api/v2.0/meetings/4711/download/Protocol"),
        ("http_status", "api/v2.0/meetings/4802/agenda"),
        ("markup_drift", "committees/farsta-stadsdelsnamnd/farsta-stadsdelsnamnd-4790"),
        ("markup_drift", "committees/farsta-stadsdelsnamnd/farsta-stadsdelsnamnd-4802"),
    ]
    assert [d["doc_kind"] for d in store.documents()] == ["tjansteutlatande"]
    st, store, _ = run(crawl_settings, port)  # the faults pass: what failed is fetched, once
    assert [f["reason"] for f in store.failures()] == ["markup_drift"]
    assert sorted(d["doc_kind"] for d in store.documents()) == [
        "protokollsutdrag", "tjansteutlatande", "tjansteutlatande"]


def test_agenda_json_reader_tolerates_other_shapes():
    other = """{"Sammantrade": {"Datum": "2022-03-10"}, "Arenden": [
      {"Rubrik": "7. Yttrande över Cykelplan 2022", "Beskrivning": "Remiss från Trafiknämnden, dnr T2022-1",
       "Bilagor": [{"Namn": "Tjänsteutlåtande",
                    "Url": "/committees/x/m-1/agenda/tjansteutlatandepdf-12?downloadMode=open"},
                   {"Namn": "Bilaga karta", "Url": "/committees/x/m-1/agenda/kartapdf-13"}]},
      {"Rubrik": "8. Budgetuppföljning", "Bilagor": []}]}"""
    items, date = parse_agenda_json(other, "http://127.0.0.1/api/v2.0/meetings/1/agenda")
    assert [(i.number, i.is_remiss) for i in items] == [("7", True), ("8", False)]
    assert (items[0].remitting_body, items[0].remitting_dnr) == ("Trafiknämnden", "T2022-1")
    assert [d.kind for d in items[0].documents] == ["tjansteutlatande", "bilaga"]
    assert items[0].documents[0].url == "http://127.0.0.1/committees/x/m-1/agenda/tjansteutlatandepdf-12?downloadMode=open"
    assert str(date) == "2022-03-10"
    assert parse_agenda_json('{"status": "ok"}', "http://h/")[0] == []  # nothing agenda-like: no items
    with pytest.raises(ApiFormatError):
        parse_agenda_json("<html>Inloggning krävs</html>", "http://h/")


def test_api_refs_only_from_the_page():
    html = '<div data-meeting-id="12"></div><a href="/api/v2.0/meetings/12/download/Protocol">zip</a>'
    refs = api_refs(html, "https://m.example.se/committees/x/m-12", ("/api/v2.0/meetings/{id}/agenda",))
    assert refs.meeting_id == "12"
    assert refs.protocol_zip == "https://m.example.se/api/v2.0/meetings/12/download/Protocol"
    assert refs.json_urls == ["https://m.example.se/api/v2.0/meetings/12/agenda"]
    none = api_refs("<p>Sammanträde</p>", "https://m.example.se/committees/x/m-12", ("/api/v2.0/meetings/{id}/agenda",))
    assert (none.meeting_id, none.json_urls, none.protocol_zip) == (None, [], None)  # no id stated: nothing guessed


def test_zip_limits():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("stor.pdf", b"%PDF-" + b"0" * 2_000_000)
    with pytest.raises(ApiFormatError, match="packas upp"):
        zip_members(buf.getvalue(), max_total=1_000_000)
    with pytest.raises(ApiFormatError, match="inte en zip"):
        zip_members(b"<html></html>")
    assert [n for n, _ in zip_members(buf.getvalue())] == ["stor.pdf"]
