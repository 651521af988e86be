"""Issue 31.6: a readable citation box. On the precedent page and the document page the
citation is a multi-line, read-only box whose whole text is readable before copying, and its
copy button works by keyboard (Tab to it, Enter or Space) and puts exactly the box's text on
the clipboard - at a 1366 px desktop and a 390 px phone, axe clean.
"""
from __future__ import annotations

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from tests.web.test_browser import axe, base_url, browser, corpus_settings, overflow, shot, wait_for  # noqa: F401
from tests.web.test_browser_reading import at_width, remiss_url

pytestmark = [pytest.mark.browser, pytest.mark.services]

PARAGRAPH = "Att driva grupper i sociala medier är inte stadens uppdrag och kräver resurser."

READABLE = """
const box = arguments[0];
const line = parseFloat(getComputedStyle(box).lineHeight) || 16;
return {lines: Math.round(box.clientHeight / line),
        fits: box.scrollHeight <= box.clientHeight + 2 && box.scrollWidth <= box.clientWidth + 2,
        font: parseFloat(getComputedStyle(box).fontSize)};
"""

CLIPBOARD = """
const done = arguments[arguments.length - 1];
navigator.clipboard.readText().then(done, e => done('ERROR ' + e));
"""


def _copy_by_keyboard(d, box_id: str, key: str) -> str:
    """Focus the box, Tab to its copy button, press ``key``; the status line's text."""
    box = d.find_element(By.ID, box_id)
    d.execute_script("arguments[0].focus()", box)
    ActionChains(d).send_keys(Keys.TAB).perform()
    focused = d.switch_to.active_element
    assert focused.tag_name == "button" and focused.get_attribute("data-copy") == box_id
    ActionChains(d).send_keys(key).perform()
    status = box.find_element(By.XPATH, "./following-sibling::span[contains(@class, 'copied')]")
    WebDriverWait(d, 10).until(lambda _: status.text)
    return str(status.text)


def _check_box(d, box_id: str, label_text: str, width: int) -> str:
    box = wait_for(d, f"#{box_id}")
    assert box.tag_name == "textarea" and box.get_attribute("readonly") is not None
    label = d.find_element(By.CSS_SELECTOR, f"label[for={box_id}]")
    assert label.is_displayed() and label_text in label.text
    got = d.execute_script(READABLE, box)
    assert got["fits"], (width, box.get_attribute("value"))  # the whole citation without scrolling the box
    assert got["lines"] >= 3 and got["font"] >= 14, got  # a multi-line box, not a one-line input
    return str(box.get_attribute("value"))


@pytest.mark.parametrize("width", [1366, 390])
def test_precedent_citation_is_a_readable_box_copied_by_keyboard(browser, base_url, width):  # noqa: F811
    d = browser
    with at_width(d, width):
        d.execute_cdp_cmd("Browser.grantPermissions", {
            "origin": base_url, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
        d.get(base_url + "/prejudikat")
        wait_for(d, "#text").send_keys(PARAGRAPH)
        d.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
        wait_for(d, "ol.hits li")
        text = _check_box(d, "cite-1", "Citat med källhänvisning", width)
        assert text.startswith("”") and "stadsdelsnämnd" in text and "http" in text
        assert _copy_by_keyboard(d, "cite-1", Keys.ENTER) == "Citatet med källhänvisning är kopierat."
        assert d.execute_async_script(CLIPBOARD) == text
        if len(d.find_elements(By.CSS_SELECTOR, "ol.hits > li")) > 1:  # each hit's button copies its own box
            other = _check_box(d, "cite-2", "Citat med källhänvisning", width)
            assert _copy_by_keyboard(d, "cite-2", Keys.SPACE) == "Citatet med källhänvisning är kopierat."
            assert d.execute_async_script(CLIPBOARD) == other
        assert overflow(d) <= 0
        shot(d, f"prejudikat-citat-{width}")
        assert axe(d) == []


@pytest.mark.parametrize("width", [1366, 390])
def test_document_citation_is_copied_by_keyboard(browser, base_url, width):  # noqa: F811
    d = browser
    url = remiss_url(d, base_url)
    with at_width(d, width):
        d.execute_cdp_cmd("Browser.grantPermissions", {
            "origin": base_url, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
        d.get(url)
        d.get(wait_for(d, "table.compare td.sources a").get_attribute("href"))
        text = _check_box(d, "cite-doc", "Källhänvisning till yttrandet", width)
        assert _copy_by_keyboard(d, "cite-doc", Keys.ENTER) == "Källhänvisningen är kopierad."
        assert d.execute_async_script(CLIPBOARD) == text
        assert overflow(d) <= 0
        assert axe(d) == []
