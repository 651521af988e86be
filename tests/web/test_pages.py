"""Server-rendered pages (Flask test client against the real index)."""
from __future__ import annotations

from tests.web import atom


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


def test_tracking_parameters_never_fail_a_page(client):
    r = client.get("/?q=facebookgrupper&fbclid=IwAR0abc&utm_source=x&utm_campaign=y&gclid=z")
    assert r.status_code == 200 and "Södermalms stadsdelsnämnd" in r.get_data(as_text=True)
    assert "fbclid" not in r.get_data(as_text=True)  # links on the page do not carry them on
    r = client.get("/remiss/dnr-ks-2024-951?utm_source=nyhetsbrev")
    assert r.status_code == 200


def test_validation_errors_are_swedish_in_the_page(client):
    r = client.get("/?q=x&mode=bogus&date_from=igår")
    html = r.get_data(as_text=True)
    assert r.status_code == 400 and "Fel i sökningen" in html and "ogiltigt datum" in html


def test_404_and_errors_in_the_site_layout(client):
    for url in ("/finns-inte", "/dokument/finns-inte", "/remiss/" + "x" * 4000, "/dokument/a%20b"):
        r = client.get(url)
        html = r.get_data(as_text=True)
        assert r.status_code == 404, url
        assert '<html lang="sv">' in html and "Sidan finns inte" in html and 'aria-label="Huvudmeny"' in html
    r = client.post("/prejudikat", data={"text": "x" * 5001})
    assert r.status_code == 400 and "för långt" in r.get_data(as_text=True)


def test_no_matches_is_said_plainly(client):
    html = client.get("/?q=xqzv+blorfgh").get_data(as_text=True)
    assert "Inga träffar för ”xqzv blorfgh”" in html and "Liknande innehåll" not in html
    assert 'class="group"' not in html


def test_exact_block_with_count(client):
    html = client.get("/?q=facebookgrupper").get_data(as_text=True)
    assert "1 remiss med träffar på orden (1 svar)" in html
    assert "Hoppa till resultaten" in html and "Ladda ned resultatet som CSV" in html


def test_a_dnr_or_motion_number_goes_to_its_remiss(client):
    r = client.get("/?q=KS+2024/951")
    assert r.status_code == 302 and r.headers["Location"].endswith("/remiss/dnr-ks-2024-951")
    assert client.get("/?q=KS+1999/123").status_code == 200  # unknown: an honest empty result


def test_facet_chips_and_clear_all(client):
    html = client.get("/?q=sociala+medier&council=skarholmen&council=sodermalm&year=2024").get_data(as_text=True)
    assert "Rensa alla" in html and "Nämnd: Skärholmen" in html and "År: 2024" in html
    assert 'name="council" value="farsta"' not in html or "(0)" in html


def test_remiss_csv_names_remiss_dnr_and_date(client):
    import csv
    import datetime as dt
    import io

    r = client.get("/remiss/dnr-ks-2024-951.csv")
    body = r.get_data(as_text=True)
    assert body.startswith("\ufeff") and "attachment" in r.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))
    head = {row[0]: row[1] for row in rows if len(row) == 2}
    assert head["Diarienummer"] == "KS 2024/951" and head["Exporterad"] == dt.date.today().isoformat()
    assert "facebookgrupper" in head["Remiss"]
    assert any(row[:1] == ["Södermalms stadsdelsnämnd"] for row in rows)
    header = next(row for row in rows if row[:1] == ["Nämnd"])
    assert header[2:4] == ["Förvaltningens ställning", "Säkerhet"]
    soder = next(row for row in rows if row[:1] == ["Södermalms stadsdelsnämnd"])
    assert soder[2] == "Avstyrker" and soder[3] in ("hög", "medel", "låg")


def test_search_csv(client):
    r = client.get("/sok.csv?q=facebookgrupper")
    body = r.get_data(as_text=True)
    assert r.status_code == 200 and "Exakta träffar;" in body and "Södermalms stadsdelsnämnd" in body


def test_atom_feed_per_remiss_with_absolute_urls_from_settings(client):
    import xml.etree.ElementTree as ET

    r = client.get("/flode?remiss_id=dnr-ks-2024-951", headers={"Host": "evil.example"})
    assert r.status_code == 200 and r.mimetype == "application/atom+xml"
    body = r.get_data(as_text=True)
    assert "evil.example" not in body
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.fromstring(body)
    entries = feed.findall("a:entry", ns)
    assert len(entries) == 1
    assert atom.link(entries[0]).startswith("http://127.0.0.1:5000/dokument/")
    # dated by arrival in the archive (indexed_at), not by the meeting date
    assert not atom.text(entries[0], "updated").startswith("2024-12-12")
    assert client.get("/flode?motion=2024:951").status_code == 200
    assert client.get("/flode?remiss_id=" + "x" * 300).status_code == 400


def test_document_page_is_citable(client):
    html = client.get("/dokument/seed-000?q=facebookgrupper").get_data(as_text=True)
    assert "<title>Södermalms stadsdelsnämnd – yttrande över" in html
    assert 'id="avsnitt-1"' in html and "Kopiera källhänvisning" in html
    assert "stycke=" in html and "#stycke" in html  # hits link to their place


def test_status_page(client):
    r = client.get("/status")
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and "Täckning per nämnd och år" in html and "svensk tid" in html
