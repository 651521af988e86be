"""Issue 31.2 in the browser: who was asked, on the comparison page at 1366 px and 390 px.

The recorded facebookgrupper remiss (answers from Södermalm, Farsta and Hägersten–Älvsjö;
kommunfullmäktige's utlåtande 2025:31 RV lists the bodies asked and says Skärholmen did not
answer, and stadsledningskontoret's view) shows every body asked with its state and the
document that says so; the council without an answer is a row of the comparison too; the CSV
says the same; words stay whole and axe is clean.
"""
from __future__ import annotations

import csv
import io
from urllib.request import urlopen

import pytest
from selenium.webdriver.common.by import By

from tests.web.test_browser import axe, base_url, browser, corpus_settings, overflow, shot, wait_for  # noqa: F401
from tests.web.test_browser_reading import BROKEN_WORDS, at_width, remiss_url

pytestmark = [pytest.mark.browser, pytest.mark.services]


@pytest.mark.parametrize("width", [1366, 390])
def test_every_body_asked_with_its_state_and_document(browser, base_url, width):  # noqa: F811
    d = browser
    url = remiss_url(d, base_url)
    with at_width(d, width):
        d.get(url)
        wait_for(d, "table.asked")
        rows = {}
        for tr in d.find_elements(By.CSS_SELECTOR, "table.asked tbody tr"):
            name = tr.find_element(By.TAG_NAME, "th").text
            state, source = tr.find_elements(By.TAG_NAME, "td")
            rows[name] = (state, source.text)
            assert state.text.strip() and source.text.strip(), name  # a state, and who says so
        for council in ("Södermalms stadsdelsnämnd", "Farsta stadsdelsnämnd", "Hägersten–Älvsjö stadsdelsnämnd"):
            assert rows[council][0].text.startswith("Har svarat"), council
        skh = rows["Skärholmens stadsdelsnämnd"][0]
        assert skh.text.startswith("Har inte svarat") and "inte inkommit med något svar" in skh.text
        link = skh.find_element(By.TAG_NAME, "a")  # the utlåtande that says so, linked
        assert link.text == "Utlåtande 2025:31 RV" and link.get_attribute("href").startswith("http")
        [slk] = [v for k, v in rows.items() if "stadsledningskontoret" in k.lower()]
        assert slk[0].text.startswith("Svar saknas i arkivet – ståndpunkt enligt sammanställning")
        assert slk[0].find_element(By.CSS_SELECTOR, ".badge").text == "Avstyrker"
        # the council without an answer is a row of the comparison as well
        missing = d.find_elements(By.CSS_SELECTOR, "table.compare tr.missing")
        assert any("Skärholmen" in tr.text and "Har inte svarat" in tr.text for tr in missing)
        assert d.execute_script(BROKEN_WORDS, "table.asked th, table.asked td") == []
        assert overflow(d) <= 0
        shot(d, f"tillfragade-{width}")
        assert axe(d) == []
    with urlopen(url.split("?")[0] + ".csv") as r:
        text = r.read().decode("utf-8-sig")
    [row] = [r for r in csv.reader(io.StringIO(text), delimiter=";") if r and r[0] == "Skärholmens stadsdelsnämnd"]
    assert "Har inte svarat" in row[2] and "inte inkommit med något svar" in row[4]
    # the reservation column carries each reservation's text, not only the party
    table = list(csv.reader(io.StringIO(text), delimiter=";"))
    header = next(r for r in table if r[:1] == ["Nämnd"])
    soder = next(r for r in table if r[:1] == ["Södermalms stadsdelsnämnd"])
    reservation = soder[header.index("Reservationer")]
    assert reservation.startswith("SD (reservation): ") and len(reservation) > len("SD (reservation): ") + 20


@pytest.mark.parametrize("width", [1366, 390])
def test_each_recorded_remiss_with_a_known_list_shows_every_state(browser, base_url, width):  # noqa: F811
    import json

    with urlopen(base_url + "/api/remisser") as r:
        listed = json.loads(r.read())
    keys = [x["remiss_id"] for x in (listed["remisser"] if isinstance(listed, dict) else listed)]
    d = browser
    with at_width(d, width):
        known = 0
        for key in keys:
            with urlopen(base_url + f"/api/remisser/{key}") as r:
                api = json.loads(r.read())
            d.get(base_url + f"/remiss/{key}")
            wait_for(d, "#tillfragade")
            rows = d.find_elements(By.CSS_SELECTOR, "table.asked tbody tr")
            if not api["sendlist_known"]:
                assert not rows and "Sändlista okänd" in d.find_element(By.TAG_NAME, "main").text
                continue
            known += 1
            assert len(rows) == len(api["asked"]), key  # every body asked, none left out
            for tr, body in zip(rows, api["asked"], strict=True):
                state, source = tr.find_elements(By.TAG_NAME, "td")
                assert tr.find_element(By.TAG_NAME, "th").text == body["name"]
                assert state.text.startswith(body["state_label"]), (key, body["name"])
                assert source.text.strip(), (key, body["name"])  # the document that says so
            assert overflow(d) <= 0, key
        assert known >= 2  # the two remisser kommunstyrelsen's and kommunfullmäktige's utlåtanden cover
