"""Issue 29, "say what is not there", on the precedent page and its API: a pasted motion number or
dnr that the archive lacks gets "Motion 2024:57 finns inte i arkivet" with where to look, and no
unrelated answers (the search page's case: test_precedent_privacy)."""
from __future__ import annotations

import re


def test_the_precedent_page_says_a_motion_is_not_in_the_archive(client) -> None:
    html = client.post("/prejudikat", data={"text": "Motion 2024:57"}).get_data(as_text=True)
    assert "Motion 2024:57 finns inte i arkivet" in html and "edokmeetings" in html
    assert not re.search(r'<ol class="hits">\s*<li', html)  # no answers listed


def test_the_api_says_a_dnr_is_not_in_the_archive(client) -> None:
    body = client.post("/api/precedent", json={"text": "KS 1999/123"}).get_json()
    assert body["hits"] == [] and body["message"].startswith("Diarienummer KS 1999/123 finns inte i arkivet")
    body = client.post("/api/precedent", json={"text": "Motion 2024:57"}).get_json()
    assert body["hits"] == [] and body["message"].startswith("Motion 2024:57 finns inte i arkivet")
