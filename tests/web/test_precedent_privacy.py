"""The precedent page keeps a handläggare's draft private: it is POSTed, never put in a URL
(the shareable link carries a token of a result kept in Redis, without the text) and never
written to a log line."""
from __future__ import annotations

import logging
import re

DRAFT = "Vårt utkast: förvaltningen anser att stadsdelen inte ska driva egna grupper på Facebook för de boende."


def test_the_draft_is_posted_and_the_share_link_carries_no_text(client, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    form = client.get("/prejudikat").get_data(as_text=True)
    assert 'method="post"' in form
    r = client.post("/prejudikat", data={"text": DRAFT})
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and 'class="hits"' in html
    share = re.search(r'href="(/prejudikat/r/[^"]+)"', html)
    assert share is not None
    link = share.group(1)
    assert "text" not in link and "Facebook" not in link and "utkast" not in link
    shared = client.get(link)
    page = shared.get_data(as_text=True)
    assert shared.status_code == 200 and 'class="hits"' in page
    assert "Vårt utkast" not in page  # the shared result shows the archive's passages, not the draft
    assert not any("utkast" in rec.getMessage() for rec in caplog.records)


def test_text_in_the_address_is_not_searched_nor_shown(client) -> None:
    r = client.get("/prejudikat", query_string={"text": DRAFT})
    html = r.get_data(as_text=True)
    assert r.status_code == 400 and "skickas stycket inte längre i adressen" in html
    assert "Vårt utkast" not in html


def test_unknown_result_link_and_empty_or_long_drafts(client) -> None:
    r = client.get("/prejudikat/r/finnsinte")
    assert r.status_code == 404 and "Resultatet finns inte längre" in r.get_data(as_text=True)
    assert client.get("/prejudikat/r/" + "x" * 200).status_code == 404
    r = client.post("/prejudikat", data={"text": "  "})
    assert r.status_code == 400 and "Klistra in" in r.get_data(as_text=True)
    r = client.post("/prejudikat", data={"text": "x" * 5001})
    assert r.status_code == 400 and "för långt" in r.get_data(as_text=True)


def test_a_motion_the_archive_lacks_is_said_on_the_search_page(client) -> None:
    html = client.get("/?q=Motion+2024:57").get_data(as_text=True)
    assert "Motion 2024:57 finns inte i arkivet" in html and "edokmeetings" in html
    assert "Liknande innehåll" not in html and 'class="group"' not in html
