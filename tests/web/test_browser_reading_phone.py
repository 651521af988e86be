"""Issue 31.6 at both widths: the checks tests/web/test_browser_reading.py makes at 1366 px
only - plain Swedish for the modes and one word per meaning, and the print stylesheet (printing
from a phone gives the same table as from a desktop, not the phone's cards) - at 1366 px and
390 px.
"""
from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from tests.web.test_browser import axe, base_url, browser, corpus_settings, overflow, wait_for  # noqa: F401
from tests.web.test_browser_reading import at_width, remiss_url

pytestmark = [pytest.mark.browser, pytest.mark.services]

DISPLAY = "return getComputedStyle(document.querySelector(arguments[0])).display"


@pytest.mark.parametrize("width", [1366, 390])
def test_plain_swedish_and_one_word_per_meaning(browser, base_url, width):  # noqa: F811
    d = browser
    url = remiss_url(d, base_url)
    with at_width(d, width):
        d.get(base_url + "/?q=facebookgrupper&direkt=nej")
        wait_for(d, "article.group")
        modes = d.find_element(By.CSS_SELECTOR, "fieldset.modes").get_attribute("textContent")
        assert "Hybrid" not in modes and "Ord och betydelse" in modes
        # "Svar senast" is the deadline, on the remiss page; the overview says "senaste svaret daterat"
        d.get(url)
        wait_for(d, "table.compare")
        facts = {dt.text: dd.text for dt, dd in zip(d.find_elements(By.CSS_SELECTOR, "dl dt"),
                                                     d.find_elements(By.CSS_SELECTOR, "dl dd"), strict=False)}
        assert facts.get("Svar senast") == "21 januari 2025"
        d.get(base_url + "/oversikt")
        wait_for(d, "figure.chart")
        main = d.find_element(By.TAG_NAME, "main").get_attribute("textContent")
        assert "Svar senast" not in main and ", senast " not in main and "senaste svaret daterat" in main
        assert overflow(d) <= 0
        assert axe(d) == []


@pytest.mark.parametrize("width", [1366, 390])
def test_print_stylesheet_at_both_widths(browser, base_url, width):  # noqa: F811
    d = browser
    url = remiss_url(d, base_url)
    with at_width(d, width, media="print"):
        d.get(url)
        wait_for(d, "table.compare")
        assert d.execute_script(DISPLAY, "header.site") == "none"
        assert d.execute_script(DISPLAY, "table.compare tbody tr") == "table-row"  # a table, not the cards
        assert d.execute_script(DISPLAY, "table.compare thead") == "table-header-group"
        d.get(d.find_element(By.CSS_SELECTOR, "table.compare td.sources a").get_attribute("href"))
        wait_for(d, "h1")
        assert d.execute_script(DISPLAY, "button.copy") == "none"
        assert d.execute_script(DISPLAY, "#cite-doc") != "none"  # the citation prints
        pdf = d.execute_cdp_cmd("Page.printToPDF", {"printBackground": False})
        assert len(pdf["data"]) > 1000
