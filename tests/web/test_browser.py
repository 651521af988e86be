"""The UI as a person uses it: headless Chromium (Debian's chromium + chromedriver) against
the app served on 127.0.0.1 with the real index holding the recorded sites' documents.

The three journeys (journalist, comparison/SLK, case officer) end to end. Every page and
state is checked at desktop width and on a 390 px phone (and the navigation at 320 px):
axe-core (from npm, installed by scripts/setup.sh) finds no serious or critical violation,
nothing scrolls sideways, and a screenshot of each goes to test-artifacts/screenshots/
(<name>-desktop.png, <name>-390.png).
"""
from __future__ import annotations

import threading
import xml.etree.ElementTree as ET
from contextlib import ExitStack
from pathlib import Path
from urllib.request import urlopen

import pytest
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait
from werkzeug.serving import make_server

from remissvar.settings import Settings
from tests.conftest import free_port
from tests.web import atom

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-artifacts" / "screenshots"
AXE = ROOT / "var" / "node" / "node_modules" / "axe-core" / "axe.min.js"
pytestmark = [pytest.mark.browser, pytest.mark.services]


@pytest.fixture(scope="module")
def corpus_settings(tmp_path_factory, es, embedder, settings):
    """Crawl the recorded sites and index every answer into a UI test index."""
    from ingest.crawl.runner import crawl_sources, recorded_sources
    from ingest.crawl.store import RawStore
    from ingest.indexing import index_yttrande
    from ingest.parse.from_crawl import answer_documents, parse_task
    from search_api.index import delete_all

    s = Settings(data_dir=tmp_path_factory.mktemp("ui") / "data", index_prefix=f"{settings.index_prefix}-browser",
                 recorded_port=free_port(), admin_token="hemlig-token-minst-24-tecken",
                 public_base_url="https://remissvar.example.se")
    delete_all(es, s)
    with ExitStack() as stack:
        sources, hosts = recorded_sources(s, stack, ports=(s.recorded_port, free_port()))
        crawl_sources(s, sources, hosts, min_interval=0)
    for t in answer_documents(RawStore(s.data_dir)):
        index_yttrande(parse_task(t), es, s, embedder)
    # one document with hostile text, to check escaping end to end
    from ingest.parse.document import parse_file
    from tests.conftest import SODERMALM_SEED
    y = parse_file(SODERMALM_SEED, doc_id="xss")
    y.text = y.text.replace("Sammanfattning", 'Sammanfattning <img src=x onerror="window.__xss=1">', 1)
    # into the summary: a substance section (the decision proposal is procedural, kept out of passages),
    # and into its page, which the indexer segments again with the archive's template (ingest.parse.segment)
    summary = next(sec for sec in y.sections if sec.name == "Sammanfattning")
    summary.text = '<script>window.__xss=1</script> zzxss ' + summary.text
    y.pages = [p.model_copy(update={"text": p.text.replace(
        "Sammanfattning\n", "Sammanfattning\n<script>window.__xss=1</script> zzxss ", 1)}) for p in y.pages]
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


def wait_replaced(drv, element) -> None:
    """Until ``element`` has left the document (the next page replaced it). Chrome sometimes
    reports a node of the unloading page as "does not belong to the document" rather than
    stale: the same fact, which ``EC.staleness_of`` does not catch."""
    def gone(_drv) -> bool:
        try:
            return bool(EC.staleness_of(element)(_drv))
        except WebDriverException as e:
            if "does not belong to the document" in str(e):
                return True
            raise

    WebDriverWait(drv, 30).until(gone)


def viewport(drv, width: int | None) -> None:
    """Emulate a phone's viewport (None: back to the desktop window)."""
    if width is None:
        drv.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    else:
        drv.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": width, "height": 844, "deviceScaleFactor": 1, "mobile": True})


def overflow(drv) -> int:
    """Pixels the page is wider than the viewport (0: nothing scrolls sideways)."""
    return drv.execute_script("return document.documentElement.scrollWidth - window.innerWidth")


def check(drv, url: str, name: str, ready: str) -> None:
    """Load a page at desktop width and at 390 px: axe clean, no horizontal overflow, screenshots."""
    for width, label in ((None, "desktop"), (390, "390")):
        viewport(drv, width)
        drv.get(url)
        wait_for(drv, ready)
        assert overflow(drv) <= 0, f"{name} at {label}: {overflow(drv)} px horizontal overflow"
        shot(drv, f"{name}-{label}")
        assert axe(drv) == [], f"{name} at {label}"
    viewport(drv, None)


def contrast(rgb1: tuple[int, int, int], rgb2: tuple[int, int, int]) -> float:
    def lum(rgb: tuple[int, int, int]) -> float:
        c = [x / 255 for x in rgb]
        c = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]

    a, b = sorted((lum(rgb1), lum(rgb2)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def test_journalist_search_filter_and_compare(browser, base_url):
    d = browser
    d.get(base_url + "/")
    box = wait_for(d, "#q")
    assert d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "sv"
    box.send_keys("facebookgrupper")
    d.find_element(By.CSS_SELECTOR, "form[role=search] button[type=submit]").click()
    wait_for(d, "article.group")
    assert "med träffar på orden" in d.find_element(By.ID, "traffar-h").text
    first = d.find_elements(By.CSS_SELECTOR, "#traffar article.group")[0]
    councils = [e.text for e in first.find_elements(By.CSS_SELECTOR, ".council")]
    assert {"Södermalms stadsdelsnämnd", "Farsta stadsdelsnämnd", "Hägersten–Älvsjö stadsdelsnämnd"} <= set(councils)
    # the jump link is among the first tab stops and lands on the results
    skip = d.find_element(By.CSS_SELECTOR, "a.skip[href='#traffar']")
    assert skip.get_attribute("href").endswith("#traffar")
    check(d, d.current_url, "sok-facebookgrupper", "article.group")
    # multi-select: choose Farsta; the other councils stay selectable, a chip shows the filter
    d.get(base_url + "/?q=facebookgrupper")
    first = wait_for(d, "article.group")
    assert d.find_element(By.ID, "filter").get_attribute("open") is not None  # open on a wide screen
    d.find_element(By.CSS_SELECTOR, "input[name=council][value=farsta]").click()
    d.find_element(By.CSS_SELECTOR, ".facets-box button").click()
    wait_replaced(d, first)  # the filtered page has replaced the old one
    wait_for(d, "article.group")
    all_councils = {e.text for e in d.find_elements(By.CSS_SELECTOR, "#traffar .answers .council")}
    assert all_councils == {"Farsta stadsdelsnämnd"}
    assert "council=farsta" in d.current_url  # the URL captures the state
    assert d.find_elements(By.CSS_SELECTOR, "input[name=council][value=sodermalm]")
    chip = d.find_element(By.CSS_SELECTOR, ".chips a.chip:not(.clear)")
    assert "Farsta" in chip.text
    shot(d, "sok-filter-desktop")
    d.find_element(By.CSS_SELECTOR, "input[name=council][value=sodermalm]").click()
    old = d.find_element(By.CSS_SELECTOR, "article.group")
    d.find_element(By.CSS_SELECTOR, ".facets-box button").click()
    wait_replaced(d, old)
    wait_for(d, "article.group")
    assert {e.text for e in d.find_elements(By.CSS_SELECTOR, "#traffar .answers .council")} == {
        "Farsta stadsdelsnämnd", "Södermalms stadsdelsnämnd"}
    old = d.find_element(By.CSS_SELECTOR, "article.group")
    d.find_element(By.LINK_TEXT, "Rensa alla").click()
    wait_replaced(d, old)
    wait_for(d, "article.group")
    assert "council=" not in d.current_url and not d.find_elements(By.CSS_SELECTOR, ".chips")
    # on a phone the facets are collapsed: the results come first
    viewport(d, 390)
    d.get(base_url + "/?q=facebookgrupper")
    wait_for(d, "article.group")
    assert d.find_element(By.ID, "filter").get_attribute("open") is None
    viewport(d, None)
    # open the comparison of the remiss
    d.get(base_url + "/?q=facebookgrupper")
    d.find_elements(By.CSS_SELECTOR, "article.group h3 a")[0].click()
    wait_for(d, "table.compare")
    rows = {r.find_element(By.TAG_NAME, "th").text.split("\n")[0]: r.text
            for r in d.find_elements(By.CSS_SELECTOR, "table.compare tbody tr")}
    assert "Avstyrker" in rows["Södermalms stadsdelsnämnd"]
    assert "Delvis" in rows["Hägersten–Älvsjö stadsdelsnämnd"]
    assert "SD (reservation)" in rows["Södermalms stadsdelsnämnd"]
    remiss_url = d.current_url
    check(d, remiss_url, "remiss-jamforelse", "table.compare")
    # 390 px: one card per council (rows become blocks, each cell labelled)
    viewport(d, 390)
    d.get(remiss_url)
    row = wait_for(d, "table.compare tbody tr")
    assert d.execute_script("return getComputedStyle(arguments[0]).display", row) == "block"
    label = d.execute_script("return getComputedStyle(arguments[0], '::before').content",
                             row.find_element(By.CSS_SELECTOR, "td"))
    assert "Förvaltningens ställning" in label
    viewport(d, 320)
    d.get(remiss_url)
    wait_for(d, "table.compare")
    assert overflow(d) <= 0
    viewport(d, None)
    d.get(remiss_url)
    csv_href = wait_for(d, "a[href$='.csv']").get_attribute("href")
    body = urlopen(csv_href).read().decode("utf-8-sig")
    lines = body.splitlines()
    assert lines[0].startswith("Remiss;") and "KS 2024/951" in body and "Exporterad;" in body
    assert any(line.startswith("Nämnd;Datum;Förvaltningens ställning") for line in lines)
    assert "Farsta stadsdelsnämnd" in body
    feed_href = d.find_element(By.PARTIAL_LINK_TEXT, "Följ nya svar på remissen").get_attribute("href")
    feed = ET.fromstring(urlopen(feed_href).read())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    links = [atom.link(e) for e in feed.findall("a:entry", ns)]
    assert len(links) == 3 and all(x.startswith("https://remissvar.example.se/dokument/") for x in links)


def test_identifier_query_goes_to_the_remiss(browser, base_url):
    d = browser
    d.get(base_url + "/?q=Motion+(2012%3A6)")
    wait_for(d, "table.compare")
    assert "/remiss/dnr-316-259-2012" in d.current_url
    # a dnr two remisser share (the hostile test document copies KS 2024/951) is a search, not a jump
    d.get(base_url + "/?q=KS+2024%2F951")
    wait_for(d, "#traffar-h")
    assert "/remiss/" not in d.current_url


def test_motions_by_number_author_and_party(browser, base_url):
    d = browser
    d.get(base_url + "/motion?q=2012:6")
    wait_for(d, "article.group")
    text = d.find_element(By.TAG_NAME, "main").text
    for c in ("Södermalms", "Hägersten–Liljeholmens", "Älvsjö"):
        assert c in text
    check(d, d.current_url, "motion", "article.group")
    for q, title in (("Rågsjö", "kombolägenheter"), ("rågsjö V", "kombolägenheter"), ("Ragsjo", "kombolägenheter"),
                     ("Kroon", "facebookgrupper"),
                     ("SD", "facebookgrupper"), ("2024 SD", "facebookgrupper")):
        d.get(base_url + "/motion?q=" + q)
        wait_for(d, "main h2")
        titles = " ".join(e.text for e in d.find_elements(By.CSS_SELECTOR, "article.group h3"))
        assert title in titles.lower(), q
    check(d, base_url + "/motion?q=Narnia", "motion-inga", "main h2")
    assert "Inga motioner hittades" in d.find_element(By.TAG_NAME, "main").text
    check(d, base_url + "/motion", "motion-tom", "#mq")


def test_case_officer_precedent_copy_and_deep_link(browser, base_url):
    d = browser
    d.get(base_url + "/prejudikat")
    wait_for(d, "#text").send_keys("Att driva grupper i sociala medier är inte stadens uppdrag och kräver resurser.")
    d.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    wait_for(d, "ol.hits li")
    assert "text=" not in d.current_url and "sociala" not in d.current_url  # the draft is POSTed
    items = d.find_elements(By.CSS_SELECTOR, "ol.hits > li")
    per_doc: dict[str, int] = {}
    for li in items:
        assert li.find_element(By.CSS_SELECTOR, ".similarity").text.split(" ·")[0] in ("Mycket lik", "Lik", "Avlägsen")
        assert li.find_element(By.CSS_SELECTOR, ".hit-title a").text  # the remiss title
        doc = li.find_element(By.PARTIAL_LINK_TEXT, "Visa stycket").get_attribute("href").split("?")[0]
        per_doc[doc] = per_doc.get(doc, 0) + 1
        assert "godkänner förvaltningens tjänsteutlåtande som svar" not in li.text
    assert max(per_doc.values()) <= 2
    cite = d.find_element(By.ID, "cite-1").get_attribute("value")
    assert cite.startswith("”") and "stadsdelsnämnd" in cite and "http" in cite
    d.find_element(By.CSS_SELECTOR, "button.copy").click()
    WebDriverWait(d, 10).until(lambda x: x.find_element(By.CSS_SELECTOR, ".copied").text)
    assert d.find_element(By.CSS_SELECTOR, ".copied").text == "Citatet med källhänvisning är kopierat."
    # the shareable link: a kept result, without the draft
    results_url = d.find_element(By.PARTIAL_LINK_TEXT, "Länk till det här resultatet").get_attribute("href")
    assert "/prejudikat/r/" in results_url and "sociala" not in results_url
    check(d, results_url, "prejudikat", "ol.hits li")
    assert not wait_for(d, "#text").get_attribute("value")  # the shared page holds no draft
    # filters: one council
    d.get(base_url + "/prejudikat")
    wait_for(d, "#text").send_keys("Att driva grupper i sociala medier är inte stadens uppdrag och kräver resurser.")
    d.find_element(By.CSS_SELECTOR, "summary").click()
    d.find_element(By.CSS_SELECTOR, "input[name=council][value=skarholmen]").click()
    d.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    wait_for(d, "#prejudikat-h")
    assert {e.text for e in d.find_elements(By.CSS_SELECTOR, "ol.hits .meta strong")} <= {"Skärholmens stadsdelsnämnd"}
    # the deep link opens the document at the passage, highlighted
    d.get(results_url)
    d.find_element(By.PARTIAL_LINK_TEXT, "Visa stycket").click()
    chosen = wait_for(d, "#stycke mark")
    assert chosen.text and d.current_url.endswith("#stycke")
    check(d, d.current_url, "dokument-stycke", "#stycke mark")
    # an old link with the text in its address: not searched, a Swedish message
    check(d, base_url + "/prejudikat?text=", "prejudikat-tom", ".error")
    assert "Klistra in" in d.find_element(By.CSS_SELECTOR, ".error").text or \
        "klistra in" in d.find_element(By.CSS_SELECTOR, ".error").text


def test_feed_link(browser, base_url):
    d = browser
    d.get(base_url + "/?q=kombol%C3%A4genheter")
    href = wait_for(d, "p.tools a").get_attribute("href")
    feed = ET.fromstring(urlopen(href).read())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [atom.text(e, "title") for e in feed.findall("a:entry", ns)]
    assert len(titles) == 3 and all("kombolägenheter" in t for t in titles)


def test_every_state_at_desktop_and_phone(browser, base_url):
    d = browser
    check(d, base_url + "/", "start", "#q")
    check(d, base_url + "/?q=xqzv+blorfgh", "sok-inga-traffar", "#traffar-h")
    assert "Inga träffar" in d.find_element(By.ID, "traffar-h").text
    assert not d.find_elements(By.CSS_SELECTOR, "article.group")
    # a coined word in no answer, its parts on different places in some (issue 27)
    check(d, base_url + "/?q=facebookkonto", "sok-orddelar", "ul.parts-apart")
    assert "ordets delar på olika ställen" in d.find_element(By.ID, "traffar").text
    assert "Inget svar i arkivet innehåller" not in d.find_element(By.ID, "traffar").text
    # a participle whose verb the answers write in another form ("avstyrkande": "avstyrker"): those
    # answers named, not "no answer contains the words" (issue 27)
    check(d, base_url + "/?q=avstyrkande", "sok-samma-verb", "ul.related-forms")
    assert "samma verb i en annan form" in d.find_element(By.ID, "traffar").text
    assert "avstyrker" in d.find_element(By.CSS_SELECTOR, "ul.related-forms").text
    # ... and beneath the answers holding the word, those holding its parts apart
    check(d, base_url + "/?q=facebookkanal", "sok-orddelar-bredvid", "section.parts-apart-more ul.parts-apart")
    assert d.find_elements(By.CSS_SELECTOR, "article.group")
    check(d, base_url + "/?q=sociala+medier&date_from=ig%C3%A5r", "sok-fel", ".error")
    assert "ogiltigt datum" in d.find_element(By.CSS_SELECTOR, ".error").text
    check(d, base_url + "/finns-inte?fbclid=x", "404", "main h1")
    assert d.find_element(By.CSS_SELECTOR, "main h1").text == "Sidan finns inte"
    check(d, base_url + "/?q=sociala+medier&utm_source=nyhetsbrev&fbclid=abc", "sok-sparningsparametrar",
          "article.group")
    # text and OCR documents
    d.get(base_url + "/?q=sociala+medier+policy")
    wait_for(d, "article.group")
    href = next(a.get_attribute("href") for a in d.find_elements(By.CSS_SELECTOR, ".answers li a")
                if "/dokument/" in a.get_attribute("href") and "Skärholmens" in a.find_element(By.XPATH, "./..").text)
    check(d, href, "dokument-ocr", ".notice")
    assert "OCR" in d.find_element(By.CSS_SELECTOR, ".notice").text
    assert d.find_elements(By.CSS_SELECTOR, "mark")  # hits highlighted
    assert d.title.startswith("Skärholmens stadsdelsnämnd – yttrande över")
    d.get(base_url + "/?q=facebookgrupper")
    wait_for(d, "article.group")
    href = next(a.get_attribute("href") for a in d.find_elements(By.CSS_SELECTOR, ".answers li a")
                if "/dokument/" in a.get_attribute("href") and "Farsta" in a.find_element(By.XPATH, "./..").text)
    check(d, href, "dokument-text", "h1")
    assert d.title.startswith("Farsta stadsdelsnämnd – yttrande över")
    check(d, base_url + "/oversikt", "oversikt", "figure.chart svg")
    check(d, base_url + "/status", "status", "dl.facts")
    assert "Yttranden i indexet" in d.find_element(By.TAG_NAME, "main").text


def test_navigation_reflows_at_320px_and_focus_is_visible(browser, base_url):
    d = browser
    viewport(d, 320)
    d.get(base_url + "/")
    wait_for(d, "nav ul")
    width = d.execute_script("return window.innerWidth")
    for a in d.find_elements(By.CSS_SELECTOR, "header nav a"):
        rect = d.execute_script("return arguments[0].getBoundingClientRect().toJSON()", a)
        assert rect["left"] >= 0 and rect["right"] <= width, a.text
    assert overflow(d) <= 0
    shot(d, "navigering-320")
    viewport(d, None)
    d.get(base_url + "/")
    link = wait_for(d, "header nav a")
    ActionChains(d).send_keys(Keys.TAB).send_keys(Keys.TAB).perform()
    focused = d.switch_to.active_element
    colour = d.execute_script("return getComputedStyle(arguments[0]).outlineColor", focused)
    width_px = d.execute_script("return getComputedStyle(arguments[0]).outlineWidth", focused)
    r, g, b = (int(x) for x in colour[colour.index("(") + 1:colour.index(")")].split(",")[:3])
    rgb = (r, g, b)
    assert float(width_px.rstrip("px")) >= 2 and contrast(rgb, (255, 255, 255)) >= 3
    assert contrast(rgb, (242, 242, 242)) >= 3  # the header's grey
    assert link is not None


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
