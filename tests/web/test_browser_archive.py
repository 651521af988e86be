"""Issue 31.5: the pages stay usable at archive scale, at 1366 px and 390 px.

A generated archive (bench/archive_gen.py: answers over 25 years, the councils of each era by
the lineage table, a hundred and more remitting bodies; every document labelled synthetic) is
served with the benchmarks' setting that shows synthetic documents; the timings are
bench/archive_scale.py's, this is what a reader sees: the remitting-body facet with its hundreds
of values is searchable by typing, every council of every era is a facet value, later pages
continue the first and the date sort starts at the archive's newest answers, and the overview
and status pages keep words whole and chart text readable - axe clean. Without the setting the
same archive is invisible (the product never shows synthetic documents).
"""
from __future__ import annotations

import threading
from urllib.parse import urlencode

import pytest
from selenium.webdriver.common.by import By
from werkzeug.serving import make_server

from remissvar.settings import Settings
from tests.conftest import free_port
from tests.web.test_browser import axe, browser, overflow, shot, wait_for, wait_replaced  # noqa: F401
from tests.web.test_browser_reading import BROKEN_WORDS, CHART_TEXT, at_width, reset, size

pytestmark = [pytest.mark.browser, pytest.mark.services]

ANSWERS = 2500


@pytest.fixture(scope="module")
def archive(tmp_path_factory, es, embedder, settings):
    """The generated archive indexed under its own prefix, with the crawl snapshot of its years."""
    from bench.archive_gen import coverage_snapshot, index_archive
    from bench.scale import real_sentences
    from remissvar import crawl_status
    from search_api.index import delete_all

    s = Settings(data_dir=tmp_path_factory.mktemp("archive") / "data",
                 index_prefix=f"{settings.index_prefix}-archive", include_synthetic=True)
    sents = real_sentences()
    written = index_archive(es, s, sents, embedder.encode_passages(sents), embedder.model_id, ANSWERS)
    assert written["answers"] == ANSWERS
    crawl_status.write_snapshot(s, coverage_snapshot(ANSWERS))
    yield s
    delete_all(es, s)


def _serve(s: Settings):
    from web.app import create_app

    server = make_server("127.0.0.1", free_port(), create_app(s), threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def archive_url(archive, embedder):
    server = _serve(archive)
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def _facts(es, s: Settings) -> dict:
    """What the index holds, read from it: councils, bodies, the newest answer's date."""
    res = es.search(index=s.yttrande_alias, size=0, aggs={
        "councils": {"terms": {"field": "council", "size": 500}},
        "bodies": {"terms": {"field": "remiss_body", "size": 5000}},
        "newest": {"max": {"field": "date"}},
        "remisser": {"terms": {"field": "remiss_id", "size": 20, "order": [{"latest": "desc"}, {"_key": "asc"}]},
                     "aggs": {"latest": {"max": {"field": "date"}}}}})
    a = res["aggregations"]
    return {"councils": {b["key"] for b in a["councils"]["buckets"]},
            "bodies": {b["key"] for b in a["bodies"]["buckets"]},
            "newest": a["newest"]["value_as_string"][:10],
            "newest_remisser": [b["key"] for b in a["remisser"]["buckets"]]}


def test_synthetic_archive_is_invisible_without_the_setting(archive, es):
    from web.app import create_app

    hidden = create_app(archive.model_copy(update={"include_synthetic": False})).test_client()
    assert "0 remisser med svar" in hidden.get("/?date_from=2000-01-01").get_data(as_text=True)
    assert "0 svar på 0 remisser" in hidden.get("/oversikt").get_data(as_text=True)
    assert "Inga motioner hittades" in hidden.get("/motion?q=Kroon").get_data(as_text=True)
    shown = create_app(archive).test_client()
    assert f"{ANSWERS} svar på" in shown.get("/oversikt").get_data(as_text=True)


@pytest.mark.parametrize("width", [1366, 390])
def test_facets_with_hundreds_of_values_are_searchable(browser, archive_url, archive, es, width):  # noqa: F811
    d = browser
    facts = _facts(es, archive)
    assert len(facts["bodies"]) >= 100 and len(facts["councils"]) >= 20
    with at_width(d, width):
        d.get(archive_url + "/?" + urlencode({"date_from": "2000-01-01"}))
        wait_for(d, "#facet-remiss_body")
        if not d.find_element(By.ID, "filter").get_attribute("open"):  # collapsed on phones
            d.find_element(By.CSS_SELECTOR, "#filter > summary").click()
        values = {e.get_attribute("value") for e in d.find_elements(By.CSS_SELECTOR, "input[name=remiss_body]")}
        assert values == facts["bodies"]  # every body, none cut off
        councils = {e.get_attribute("value") for e in d.find_elements(By.CSS_SELECTOR, "input[name=council]")}
        assert facts["councils"] <= councils  # every council of every era
        box = d.find_element(By.ID, "facet-filter-remiss_body")
        box.send_keys("avfall")
        shown = [lab for lab in d.find_elements(By.CSS_SELECTOR, "#facet-remiss_body .facet-values label")
                 if lab.is_displayed()]
        assert shown and all("avfall" in lab.text.lower() for lab in shown)
        assert len(shown) < len(values) / 10
        shot(d, f"arkiv-facett-{width}")
        assert overflow(d) <= 0
        assert axe(d) == []
        shown[0].find_element(By.TAG_NAME, "input").click()
        submit = d.find_element(By.CSS_SELECTOR, "#filter button[type=submit], form button[type=submit]")
        submit.click()
        wait_replaced(d, submit)  # the date's chip is on the old page too: wait for the new one
        chips = [c.text for c in d.find_elements(By.CSS_SELECTOR, ".chips .chip")]
        assert any("Remitterande instans" in c and "avfall" in c.lower() for c in chips), chips


def group_dates(d) -> list[str]:
    """Each listed remiss's newest answer date (ISO), in page order ('12 december 2024' shown)."""
    from remissvar.records import MONTH_NUMBERS

    out = []
    for art in d.find_elements(By.CSS_SELECTOR, "#traffar article.group"):
        iso = []
        for e in art.find_elements(By.CSS_SELECTOR, "span.date"):
            day, month, year = e.get_attribute("textContent").split()
            iso.append(f"{year}-{MONTH_NUMBERS[month]:02d}-{int(day):02d}")
        out.append(max(iso))
    return out


@pytest.mark.parametrize("width", [1366, 390])
def test_pages_continue_and_the_date_sort_starts_at_the_newest(browser, archive_url, archive, es, width):  # noqa: F811
    d = browser
    facts = _facts(es, archive)
    size(d, width)

    def remisser() -> list[str]:
        return [a.get_attribute("href").rsplit("/", 1)[-1]
                for a in d.find_elements(By.CSS_SELECTOR, "#traffar article.group h3 a")]

    try:
        for params in ({"date_from": "2000-01-01"}, {"q": "förvaltningen", "sort": "datum", "mode": "keyword"}):
            d.get(archive_url + "/?" + urlencode(params))
            wait_for(d, "nav.pager")
            first = remisser()
            newest = group_dates(d)
            assert len(first) == 10
            if "q" not in params:  # everything: the archive's ten newest remisser, newest first
                assert first == facts["newest_remisser"][:10]
            pages = d.find_elements(By.CSS_SELECTOR, "nav.pager li a:not([rel])")
            assert len(pages) >= 10  # hundreds of remisser: the pager reaches far
            d.find_element(By.CSS_SELECTOR, "nav.pager a[rel=next]").click()
            wait_for(d, "nav.pager a[rel=prev]")
            second = remisser()
            newest += group_dates(d)
            assert len(second) == 10 and not set(first) & set(second)
            if "sort" in params:  # newest first across the pages, from the newest matching answer
                from search_api.search.builders import KeywordQuery

                match = es.search(index=archive.passage_alias, size=0,
                                  query={"bool": {"must": [KeywordQuery(params["q"]).exact_clause()]}},
                                  aggs={"newest": {"max": {"field": "date"}}})
                assert newest[0] == match["aggregations"]["newest"]["value_as_string"][:10]
                assert newest == sorted(newest, reverse=True), newest
            assert overflow(d) <= 0
        # by relevance the pages reach the best candidates only: the page says so, and how to see all
        d.get(archive_url + "/?" + urlencode({"q": "förvaltningen", "mode": "keyword"}))
        wait_for(d, "nav.pager")
        heading = d.find_element(By.ID, "traffar-h").text
        total = int(heading.split()[0].replace("\u00a0", "").replace(" ", ""))
        last = d.find_elements(By.CSS_SELECTOR, "nav.pager li a:not([rel])")[-1]
        limit = d.find_element(By.CSS_SELECTOR, "p.pager-limit")
        reachable = int(last.get_attribute("textContent").split()[-1]) * 10
        assert total > reachable and f"de {reachable} mest relevanta av {total} remisser" in limit.text
        limit.find_element(By.LINK_TEXT, "Sortera på datum").click()
        wait_for(d, "nav.pager")
        assert "sort=datum" in d.current_url and "page=" not in d.current_url
        shot(d, f"arkiv-sida2-{width}")
        assert axe(d) == []
    finally:
        reset(d)


@pytest.mark.parametrize("width", [1366, 390])
def test_overview_and_status_stay_readable(browser, archive_url, width):  # noqa: F811
    d = browser
    with at_width(d, width):
        for path, name in (("/oversikt", "arkiv-oversikt"), ("/status", "arkiv-status")):
            d.get(archive_url + path)
            wait_for(d, "table.compare")
            assert d.execute_script(BROKEN_WORDS, "table.compare th, table.compare td") == [], path
            assert overflow(d) <= 0, path
            if path == "/oversikt":
                sizes = d.execute_script(CHART_TEXT)
                assert sizes and min(sizes) >= 12, min(sizes)
                rows = d.find_elements(By.CSS_SELECTOR, "table.matrix tbody tr")
                assert 0 < len(rows) <= 60
                assert "visar de 60 senaste remisserna" in d.find_element(By.TAG_NAME, "main").text
            shot(d, f"{name}-{width}")
            assert axe(d) == [], path
