"""Pure helpers of the pages and exports (no services): CSV, XML, URLs, time, titles, charts."""
from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

from remissvar.settings import Settings
from web.charts import positions_chart, year_axis
from web.export import absolute, atom_instant, csv_cell, csv_text, local_time, xml_text
from web.views import citation, coverage_by_year, document_title, pdf_link


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised():
    # OWASP CSV injection: = + - @ tab CR at the start of a cell
    for bad in ("=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"):
        assert csv_cell(bad) == "'" + bad
    assert csv_cell("Avstyrker") == "Avstyrker" and csv_cell(None) == "" and csv_cell(12) == "12"
    text = csv_text([["Nämnd", "Utdrag"], ["Södermalms stadsdelsnämnd", "=1+1; \"citat\""]])
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows == [["Nämnd", "Utdrag"], ["Södermalms stadsdelsnämnd", "'=1+1; \"citat\""]]


def test_xml_invalid_characters_are_stripped():
    dirty = "Sida 1\x0cSida 2 \x00 \ud800 \ue000markerad\ue001 \ufffe slut"
    clean = xml_text(dirty)
    root = ET.fromstring(f"<a>{clean}</a>")  # would raise on any XML-invalid character
    assert root.text is not None and "Sida 2" in root.text and "markerad" in root.text
    assert xml_text(None) == ""


def test_absolute_urls_come_from_the_configured_base_url():
    s = Settings(public_base_url="https://remissvar.example.se/")
    assert absolute(s, "/dokument/x") == "https://remissvar.example.se/dokument/x"
    fallback = Settings(public_base_url="", web_host="127.0.0.1", web_port=5000)
    assert absolute(fallback, "flode") == "http://127.0.0.1:5000/flode"


def test_local_time_is_stockholm_time_in_swedish():
    assert local_time("2026-11-29T03:00:00+00:00") == "29 november 2026 kl. 04:00"  # CET, UTC+1
    assert local_time("2026-06-01T03:00:00Z") == "1 juni 2026 kl. 05:00"  # CEST, UTC+2
    assert local_time("2026-06-01T03:00:00") == "1 juni 2026 kl. 05:00"  # no zone: UTC
    assert local_time("inte ett datum") == "inte ett datum" and local_time(None) == ""


def test_atom_instants():
    assert atom_instant("2024-12-12") == "2024-12-12T00:00:00Z"
    assert atom_instant("2026-11-29T04:00:00+01:00") == "2026-11-29T03:00:00Z"


def test_document_title_names_the_council_and_the_remiss():
    d = {"council": "farsta", "remiss_title": "Motion om lokala facebookgrupper", "title": "Tjänsteutlåtande"}
    assert document_title(d) == "Farsta stadsdelsnämnd – yttrande över Motion om lokala facebookgrupper"
    assert document_title({"council": None}) == "Okänd nämnd – yttrande"


def test_citation_with_quote_and_pdf_page():
    hit = {"council": "sodermalm", "remiss_title": "Motion om X", "remiss_dnr": "KS 2024/951", "date": "2024-12-12",
           "page": 2, "section": "Förvaltningens synpunkter", "source_url": "https://ex.se/a.pdf",
           "text": "Det är inte  stadens uppdrag."}
    c = citation(hit, quote=True)
    assert c.startswith("”Det är inte stadens uppdrag.” (Södermalms stadsdelsnämnd, ”Motion om X”, dnr KS 2024/951")
    assert "12 december 2024" in c and "s. 2" in c and "https://ex.se/a.pdf#page=2" in c
    assert "”Det är" not in citation(hit)
    assert pdf_link("https://ex.se/a.pdf#x", 3) == "https://ex.se/a.pdf#page=3" and pdf_link(None, 3) is None


def test_year_axis_keeps_gaps():
    data = {"farsta": {"total": 2, "years": {"2003": {"total": 1, "positions": {"avstyrker": 1}},
                                              "2007": {"total": 1, "positions": {"avstår": 1}}}}}
    assert year_axis(data) == ["2003", "2004", "2005", "2006", "2007"]
    svg = positions_chart(data)
    ET.fromstring(svg)
    assert svg.count("<rect") == 2 + 6  # two bars, six legend swatches
    assert "Avstår från att svara" in svg and "style=" not in svg  # no inline styles (CSP)


def test_coverage_by_year_sums_months():
    completeness = [
        {"council": "farsta", "month": "2011-03", "listed": 2, "crawled": 2, "cancelled": 0, "remiss_items": 1,
         "documents_listed": 3, "documents_stored": 3},
        {"council": "farsta", "month": "2011-05", "listed": 1, "crawled": 0, "cancelled": 1, "remiss_items": 0,
         "documents_listed": 1, "documents_stored": 0},
        {"council": "farsta", "month": "????-??", "listed": 1, "crawled": 1},
    ]
    rows = coverage_by_year(completeness, {"farsta": {"years": {"2011": {"total": 4}}}})
    assert rows[0] == {"council": "farsta", "year": "2011", "listed": 3, "crawled": 2, "cancelled": 1,
                       "remiss_items": 1, "documents_listed": 4, "documents_stored": 3, "indexed": 4}
    assert rows[1]["year"] == "okänt" and rows[1]["indexed"] == 0
