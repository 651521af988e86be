"""Kommunstyrelsen's and kommunfullmäktige's utlåtanden end to end (issue 26): crawled from the
recorded MeetingPlus site over real HTTP on 127.0.0.1, read as summaries of many answers, tied to
the remisser the districts' answers answer, and shown per remiss as the bodies asked with their
states - never indexed as answers. Real Elasticsearch (own index prefix), real crawl store."""
from __future__ import annotations

from contextlib import ExitStack
from typing import Any

import pytest

from remissvar.settings import Settings
from tests.conftest import free_port

pytestmark = pytest.mark.services

FACEBOOK = "dnr-ks-2024-951"  # remiss_identity of the facebookgrupper answers (Södermalm, Farsta, Hägersten–Älvsjö)
LEKPLATSER = "dnr-ks-2019-1187"  # the lekplatser programme (Älvsjö's answer)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, es, embedder, settings):
    """Crawl every recorded source (districts, kommunstyrelsen, kommunfullmäktige) and index the answers."""
    from ingest.crawl.runner import crawl_sources, recorded_sources
    from ingest.crawl.store import RawStore
    from ingest.indexing import index_yttrande
    from ingest.parse.from_crawl import answer_documents, parse_task
    from ingest.stages import publish_crawl_status
    from search_api.index import delete_all

    s = Settings(data_dir=tmp_path_factory.mktemp("ksutl") / "data", index_prefix=f"{settings.index_prefix}-summaries",
                 recorded_port=free_port())
    delete_all(es, s)
    with ExitStack() as stack:
        sources, hosts = recorded_sources(s, stack, ports=(s.recorded_port, free_port()))
        stats, store = crawl_sources(s, sources, hosts, min_interval=0)
    publish_crawl_status(s, store)
    for t in answer_documents(RawStore(s.data_dir)):
        index_yttrande(parse_task(t), es, s, embedder, refresh=True)
    yield s, stats, store
    delete_all(es, s)


@pytest.fixture(scope="module")
def web(corpus):
    from web.app import create_app

    s, _, _ = corpus
    return create_app(s).test_client()


def _by_council(asked: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {a["council"]: a for a in asked if a["council"]}


def _named(asked: list[dict[str, Any]], word: str) -> dict[str, Any]:
    [hit] = [a for a in asked if word in a["name"].lower()]
    return hit


def test_utlatanden_are_crawled_as_summaries_not_answers(corpus):
    from ingest.parse.from_crawl import answer_documents
    from ingest.stages import stale_answers

    s, stats, store = corpus
    assert (stats["kommunstyrelsen"].summaries, stats["kommunfullmaktige"].summaries) == (1, 1)
    assert stats["kommunstyrelsen"].remiss_items == stats["kommunfullmaktige"].remiss_items == 0
    city = [d for d in store.documents() if d["council"] in ("kommunstyrelsen", "kommunfullmaktige")]
    # the utlåtanden only: kommunstyrelsen's own tjänsteutlåtande on the same meeting is not stored
    assert sorted((d["council"], d["doc_kind"], d["doc_title"]) for d in city) == [
        ("kommunfullmaktige", "utlatande", "Utlåtande 2025:31 RV"),
        ("kommunstyrelsen", "utlatande", "Utlåtande 2020:45 RI"),
    ]
    assert not [t for t in answer_documents(store) if t.council in ("kommunstyrelsen", "kommunfullmaktige")]
    # nor does the pipeline send them to be parsed and indexed as answers
    assert not [u for u in stale_answers(s, store) if "/committees/kommun" in u]


def test_summaries_read_with_sandlista_states_and_link_keys(corpus):
    from remissvar.summary_store import SummaryStore

    s, _, _ = corpus
    store = SummaryStore.open_existing(s)
    assert store is not None
    docs = {d.label: d for d in store.all()}
    store.close()
    fb, lek = docs["Utlåtande 2025:31 RV"], docs["Utlåtande 2020:45 RI"]
    assert (fb.number, fb.dnr, fb.motion_number, fb.published_by) == ("2025:31 RV", "KS 2024/951", "2024:58",
                                                                     "Kommunfullmäktige")
    assert fb.link_keys == ["dnr:2024/951", "motion:2024:58"]
    assert (lek.number, lek.dnr, lek.title) == ("2020:45 RI", "KS 2019/1187",
                                                "Program för lekplatser i Stockholms stad")
    assert "har remitterats till" in fb.asked_evidence
    # the sändlista: five bodies on the facebook motion; on the programme the sub-remiss adds AB Svenska Bostäder
    assert len(fb.asked) == 5 and any("stadsledningskontoret" in a.lower() for a in fb.asked)
    assert any("svenska bostäder" in a.lower() for a in lek.asked)
    skh = [b for b in fb.bodies if "skärholmen" in b.name.lower()]
    assert [(b.state, b.position) for b in skh] == [("ej_svar", None)]
    assert "inte inkommit med något svar" in skh[0].evidence
    slk = [b for b in fb.bodies if "stadsledningskontoret" in b.name.lower()]
    assert [(b.state, b.position) for b in slk] == [("svar", "avstyrker")]
    farsta = [b for b in lek.bodies if "farsta" in b.name.lower()]
    assert [b.state for b in farsta] == ["ej_svar"] and "Samtliga utom Farsta" in farsta[0].evidence


def test_remiss_lists_bodies_asked_with_their_states(web):
    r = web.get(f"/api/remisser/{FACEBOOK}").get_json()
    assert sorted(a["council"] for a in r["answers"]) == ["farsta", "hagersten-alvsjo", "sodermalm"]
    councils = _by_council(r["asked"])
    for c in ("sodermalm", "farsta", "hagersten-alvsjo"):
        assert (councils[c]["state"], councils[c]["state_label"], councils[c]["answered"]) == ("svar", "Har svarat",
                                                                                              True)
    skh = councils["skarholmen"]
    assert (skh["state"], skh["state_label"]) == ("ej_svar", "Har inte svarat")
    assert "inte inkommit med något svar" in skh["evidence"]
    assert skh["summary"]["label"] == "Utlåtande 2025:31 RV" and skh["summary"]["published_by"] == "Kommunfullmäktige"
    assert skh["sources"] == ["Utlåtande 2025:31 RV (Kommunfullmäktige)"]
    slk = _named(r["asked"], "stadsledningskontoret")
    assert (slk["state"], slk["position"]) == ("sammanstallning", "avstyrker")
    assert slk["state_label"] == "Svar saknas i arkivet – ståndpunkt enligt sammanställning"
    assert "Stadsledningskontoret avstyrker motionen" in slk["evidence"]
    # asked according to the Södermalm answer as well as the utlåtande
    assert set(slk["sources"]) == {"Södermalms stadsdelsnämnd", "Utlåtande 2025:31 RV (Kommunfullmäktige)"}
    assert [x["label"] for x in r["summaries"]] == ["Utlåtande 2025:31 RV"]
    assert {n["council"] for n in r["not_answered"]} == {"skarholmen"}

    r = web.get(f"/api/remisser/{LEKPLATSER}").get_json()
    councils = _by_council(r["asked"])
    assert councils["alvsjo"]["state"] == "svar"
    assert councils["farsta"]["state"] == "ej_svar"
    assert councils["sodermalm"]["state"] == "sammanstallning" and "Södermalms stadsdelsnämnd" in \
        councils["sodermalm"]["evidence"]
    idrott = _named(r["asked"], "idrottsnämnd")
    assert (idrott["state"], idrott["position"]) == ("sammanstallning", "tillstyrker")
    assert _named(r["asked"], "svenska bostäder")["sources"] == ["Utlåtande 2020:45 RI (Kommunstyrelsen)"]
    assert {a["state"] for a in r["asked"]} <= {"svar", "sammanstallning", "ej_svar", "okand"}


def test_remiss_page_shows_the_states(web):
    page = web.get(f"/remiss/{FACEBOOK}").get_data(as_text=True)
    assert "Vilka fick remissen?" in page
    for label in ("Har svarat", "Har inte svarat", "Svar saknas i arkivet – ståndpunkt enligt sammanställning",
                  "Utlåtande 2025:31 RV", "har inte inkommit med något svar"):
        assert label in page, label
    # the CSV of the comparison says the same for the council without an answer
    rows = [ln for ln in web.get(f"/remiss/{FACEBOOK}.csv").get_data(as_text=True).splitlines()
            if ln.startswith("Skärholmens stadsdelsnämnd;")]
    assert len(rows) == 1 and "Har inte svarat" in rows[0] and "inte inkommit med något svar" in rows[0]


def _values(obj: Any, key: str) -> list[str]:
    """Every string under ``key`` anywhere in a JSON response (facets hold lists of them)."""
    if isinstance(obj, dict):
        here = [v for k, v in obj.items() if k == key]
        flat = [x for v in here for x in (v if isinstance(v, list) else [v]) if isinstance(x, str)]
        return flat + [x for v in obj.values() for x in _values(v, key)]
    if isinstance(obj, list):
        return [x for v in obj for x in _values(v, key)]
    return []


def test_search_finds_no_utlatande_as_an_answer(web):
    # words only the utlåtanden print: no hit, in any mode
    for q in ("Stadsledningskontoret avstyrker motionen och hänvisar till stadens riktlinjer",
              "Samtliga utom Farsta stadsdelsnämnd har svarat", "Utlåtande 2025:31 RV",
              "Föredragande borgarrådet Prova Provsson"):
        for mode in ("keyword", "hybrid"):
            r = web.get("/api/search", query_string={"q": q, "mode": mode}).get_json()
            councils = set(_values(r, "council"))
            urls = [u for u in _values(r, "source_url") if u]
            assert not councils & {"kommunstyrelsen", "kommunfullmaktige"}, (q, mode, councils)
            assert not [u for u in urls if "/committees/kommun" in u], (q, mode, urls)
    # the answers to the same remiss are found (the search itself works)
    r = web.get("/api/search", query_string={"q": "facebookgrupper", "mode": "keyword"}).get_json()
    assert {"sodermalm", "farsta", "hagersten-alvsjo"} <= set(_values(r, "council"))


def test_status_page_and_crawl_report_show_kommunstyrelsen_and_kommunfullmaktige(corpus, web, monkeypatch):
    from search_api.status import status_report

    s, _, _ = corpus
    report = status_report(s)
    roles = {r["council"]: (r["name"], r["role"]) for r in report["sources"]}
    assert roles["kommunstyrelsen"] == ("Kommunstyrelsen", "summaries")
    assert roles["kommunfullmaktige"] == ("Kommunfullmäktige", "summaries")
    assert roles["farsta"][1] == "answers"
    assert report["summaries"] == {"kommunstyrelsen": 1, "kommunfullmaktige": 1}
    assert "kommunstyrelsen" not in report["councils"]  # no answers of theirs
    page = web.get("/status").get_data(as_text=True)
    assert "Kommunstyrelsen" in page and "Kommunfullmäktige" in page
    assert page.count("sammanställningar (utlåtanden), inte svar: 1 lästa") == 2

    from typer.testing import CliRunner

    from remissvar.settings import get_settings
    from remissvar_cli.main import app

    monkeypatch.setenv("REMISSVAR_DATA_DIR", str(s.data_dir))
    get_settings.cache_clear()
    try:
        out = CliRunner().invoke(app, ["crawl-report"])
    finally:
        get_settings.cache_clear()
    assert out.exit_code == 0, out.output
    rows = [ln for ln in out.output.splitlines() if ln.startswith(("kommunstyrelsen", "kommunfullmaktige"))]
    assert len(rows) == 2 and all("sammanställningar: utlåtanden, inte svar" in ln for ln in rows)


def test_summaries_are_read_once_per_content_and_reader(corpus, monkeypatch):
    import ingest.summaries as summaries

    s, _, store = corpus
    assert summaries.read_summaries(s, store) == []  # read at crawl time: nothing new
    # a change to the reading (or to the language rules it reads with) reads them again
    monkeypatch.setattr(summaries, "READER_VERSION", summaries.READER_VERSION + 1)
    summaries.reader_version.cache_clear()
    try:
        again = summaries.read_summaries(s, store)
    finally:
        summaries.reader_version.cache_clear()
    assert sorted(d.label for d in again) == ["Utlåtande 2020:45 RI", "Utlåtande 2025:31 RV"]
