"""The UI as a person uses it: headless Chromium (Debian's chromium + chromedriver) against
the app served on 127.0.0.1 with the real index holding the recorded sites' documents.

Screenshots of each main page go to test-artifacts/screenshots/. axe-core (from npm,
installed by scripts/setup.sh) runs in each page: no serious or critical violations.
"""
from __future__ import annotations

import threading
import xml.etree.ElementTree as ET
from contextlib import ExitStack
from pathlib import Path
from urllib.request import urlopen

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait
from werkzeug.serving import make_server

from remissvar.settings import Settings
from tests.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-artifacts" / "screenshots"
AXE = ROOT / "var" / "node" / "node_modules" / "axe-core" / "axe.min.js"
pytestmark = [pytest.mark.browser, pytest.mark.services]


@pytest.fixture(scope="module")
def corpus_settings(tmp_path_factory, es, embedder):
    """Crawl the recorded sites and index every answer into a UI test index."""
    from ingest.crawl.runner import crawl_sources, recorded_sources
    from ingest.crawl.store import RawStore
    from ingest.crawl.to_records import answer_documents, parse_task
    from ingest.indexing import index_yttrande
    from search_api.index import delete_all

    s = Settings(data_dir=tmp_path_factory.mktemp("ui") / "data", index_prefix="remissvar-ui",
                 recorded_port=free_port(), admin_token="hemlig-token")
    delete_all(es, s)
    with ExitStack() as stack:
        sources, hosts = recorded_sources(s, stack, ports=(s.recorded_port, free_port()))
        crawl_sources(s, sources, hosts, min_interval=0)
    for t in answer_documents(RawStore(s.data_dir)):
        index_yttrande(parse_task(t), es, s, embedder)
    # one document with hostile text, to check escaping end to end
    from ingest.parse import parse_file
    from tests.conftest import SODERMALM_SEED
    y = parse_file(SODERMALM_SEED, doc_id="xss")
    y.text = y.text.replace("Sammanfattning", 'Sammanfattning <img src=x onerror="window.__xss=1">', 1)
    y.sections[1].text = '<script>window.__xss=1</script> zzxss ' + y.sections[1].text
    y.remiss = y.remiss.model_copy(update={"id": "xss-remiss", "title": '<img src=x onerror="window.__xss=1">'})
    index_yttrande(y, es, s, embedder, refresh=True)
    yield s
    delete_all(es, s)


@pytest.fixture(scope="module")
def base_url(corpus_settings, embedder):
    from web.app import create_app

    app = create_app(corpus_settings)
    server = make_server("127.0.0.1", free_port(), app, threaded=True)
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
              "--disable-background-networking", "--disable-component-update", "--disable-sync",
              "--window-size=1280,1600", "--lang=sv-SE"):
        opts.add_argument(a)
    drv = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
    drv.set_page_load_timeout(60)
    yield drv
    drv.quit()


def shot(drv, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    drv.save_screenshot(str(SHOTS / f"{name}.png"))


def axe(drv) -> list[dict]:
    assert AXE.exists(), "axe-core missing: run scripts/setup.sh"
    drv.execute_script(AXE.read_text(encoding="utf-8"))
    res = drv.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a','wcag2aa','wcag21a','wcag21aa']}})"
        ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length,"
        " help: v.help}))), e => done([{id: 'axe-error', impact: 'critical', help: String(e)}]));")
    return [v for v in res if v["impact"] in ("serious", "critical")]


def wait_for(drv, css: str):
    return WebDriverWait(drv, 30).until(EC.presence_of_element_located((By.CSS_SELECTOR, css)))


def test_search_filter_and_compare(browser, base_url):
    d = browser
    d.get(base_url + "/")
    box = wait_for(d, "#q")
    assert d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "sv"
    box.send_keys("facebookgrupper")
    d.find_element(By.CSS_SELECTOR, "form[role=search] button[type=submit]").click()
    wait_for(d, "article.group")
    first = d.find_elements(By.CSS_SELECTOR, "article.group")[0]
    councils = [e.text for e in first.find_elements(By.CSS_SELECTOR, ".council")]
    assert {"Södermalms stadsdelsnämnd", "Farsta stadsdelsnämnd", "Hägersten–Älvsjö stadsdelsnämnd"} <= set(councils)
    shot(d, "sok-facebookgrupper")
    assert axe(d) == []
    # filter: only Farsta
    d.find_element(By.CSS_SELECTOR, "input[name=council][value=farsta]").click()
    d.find_element(By.CSS_SELECTOR, ".facets button").click()
    WebDriverWait(d, 30).until(EC.staleness_of(first))  # the filtered page has replaced the old one
    wait_for(d, "article.group")
    all_councils = {e.text for e in d.find_elements(By.CSS_SELECTOR, ".answers .council")}
    assert all_councils == {"Farsta stadsdelsnämnd"}
    assert "council=farsta" in d.current_url  # the URL captures the state
    # back to all and open the comparison of the remiss
    d.get(base_url + "/?q=facebookgrupper")
    d.find_elements(By.CSS_SELECTOR, "article.group h3 a")[0].click()
    wait_for(d, "table.compare")
    rows = {r.find_element(By.TAG_NAME, "th").text.split("\n")[0]: r.text
            for r in d.find_elements(By.CSS_SELECTOR, "table.compare tbody tr")}
    assert "Avstyrker" in rows["Södermalms stadsdelsnämnd"]
    assert "Delvis" in rows["Hägersten–Älvsjö stadsdelsnämnd"]
    assert "SD (reservation)" in rows["Södermalms stadsdelsnämnd"]
    shot(d, "remiss-jamforelse")
    assert axe(d) == []
    csv_href = d.find_element(By.PARTIAL_LINK_TEXT, "CSV").get_attribute("href")
    body = urlopen(csv_href).read().decode("utf-8-sig")
    assert body.splitlines()[0].startswith("Nämnd;Datum;Ställning")
    assert "Farsta stadsdelsnämnd" in body


def test_motion_page(browser, base_url):
    d = browser
    d.get(base_url + "/motion?q=2012:6")
    wait_for(d, "article.group")
    text = d.find_element(By.TAG_NAME, "main").text
    for c in ("Södermalms", "Hägersten–Liljeholmens", "Älvsjö"):
        assert c in text
    shot(d, "motion")
    assert axe(d) == []


def test_precedent_copy_citation(browser, base_url):
    d = browser
    d.get(base_url + "/prejudikat")
    wait_for(d, "#text").send_keys("Att driva grupper i sociala medier är inte stadens uppdrag och kräver resurser.")
    d.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    wait_for(d, "ol.hits li")
    cite = d.find_element(By.ID, "cite-1").get_attribute("value")
    assert "stadsdelsnämnd" in cite and "http" in cite
    d.find_element(By.CSS_SELECTOR, "button.copy").click()
    WebDriverWait(d, 10).until(lambda x: x.find_element(By.CSS_SELECTOR, ".copied").text)
    assert d.find_element(By.CSS_SELECTOR, ".copied").text == "Källhänvisningen är kopierad."
    shot(d, "prejudikat")
    assert axe(d) == []


def test_feed_link(browser, base_url):
    d = browser
    d.get(base_url + "/?q=kombol%C3%A4genheter")
    href = wait_for(d, "p.tools a").get_attribute("href")
    feed = ET.fromstring(urlopen(href).read())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.find("a:title", ns).text for e in feed.findall("a:entry", ns)]
    assert len(titles) == 3 and all("kombolägenheter" in t for t in titles)


def test_document_overview_status_pages(browser, base_url):
    d = browser
    d.get(base_url + "/?q=sociala+medier+policy")
    wait_for(d, "article.group")
    href = next(a.get_attribute("href") for a in d.find_elements(By.CSS_SELECTOR, ".answers li a")
                if "/dokument/" in a.get_attribute("href") and "Skärholmens" in a.find_element(By.XPATH, "./..").text)
    d.get(href)
    wait_for(d, ".notice")
    assert "OCR" in d.find_element(By.CSS_SELECTOR, ".notice").text
    assert d.find_elements(By.CSS_SELECTOR, "mark")  # hits highlighted
    shot(d, "dokument-ocr")
    assert axe(d) == []
    d.get(base_url + "/oversikt")
    wait_for(d, "figure.chart svg")
    shot(d, "oversikt")
    assert axe(d) == []
    d.get(base_url + "/status")
    wait_for(d, "dl.facts")
    assert "Yttranden i indexet" in d.find_element(By.TAG_NAME, "main").text
    shot(d, "status")
    assert axe(d) == []


def test_hostile_text_is_escaped(browser, base_url):
    d = browser
    d.get(base_url + "/?q=zzxss")
    wait_for(d, "article.group")
    d.get(base_url + "/remiss/xss-remiss")
    d.get(base_url + "/dokument/xss?q=zzxss")
    d.get(base_url + "/?q=%3Cimg%20src%3Dx%20onerror%3Dwindow.__xss%3D1%3E")
    assert d.execute_script("return window.__xss === undefined")


def test_admin_actions_need_the_token(base_url):
    from urllib.error import HTTPError
    from urllib.request import Request

    with pytest.raises(HTTPError) as e:
        urlopen(Request(base_url + "/admin/reindex", method="POST"))
    assert e.value.code == 403
    with pytest.raises(HTTPError) as e:
        urlopen(Request(base_url + "/admin/reindex", method="POST", headers={"X-Admin-Token": "fel"}))
    assert e.value.code == 403
    with pytest.raises(HTTPError) as e:
        urlopen(Request(base_url + "/admin/reindex", method="GET"))
    assert e.value.code == 405
