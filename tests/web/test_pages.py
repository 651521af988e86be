"""Server-rendered pages (Flask test client against the real index)."""
from __future__ import annotations


def test_search_page_answers_facebookgrupper(client):
    r = client.get("/?q=facebookgrupper")
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert '<html lang="sv">' in html
    assert "Södermalms stadsdelsnämnd" in html
    assert "Avstyrker" in html


def test_query_is_escaped_in_page(client):
    r = client.get("/", query_string={"q": '<script>alert("x")</script>'})
    html = r.get_data(as_text=True)
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_remiss_and_document_pages(client):
    r = client.get("/remiss/dnr-ks-2024-951")
    assert r.status_code == 200 and "Farsta stadsdelsnämnd" in r.get_data(as_text=True)
    r = client.get("/dokument/seed-004")
    assert r.status_code == 200 and "OCR" in r.get_data(as_text=True)
    assert client.get("/dokument/finns-inte").status_code == 404


def test_date_range_filter(client):
    html = client.get("/?q=facebookgrupper&date_from=2024-01-01&date_to=2024-12-31").get_data(as_text=True)
    assert "Södermalms stadsdelsnämnd" in html
    html = client.get("/?q=facebookgrupper&date_from=2025-01-01").get_data(as_text=True)
    assert "Södermalms stadsdelsnämnd" not in html
