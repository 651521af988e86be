"""A page as rendered lines: block elements and <br> break, links stay with their line."""
from __future__ import annotations

from ingest.crawl.lines import page_lines

BASE = "https://insynsverige.se/stockholm-farsta/protokoll?date=2011-03-17"


def texts(html: str) -> list[str]:
    return [ln.text for ln in page_lines(html, BASE) if ln.text]


def test_blocks_and_br_break_lines_inline_joins():
    html = "<main><p>12 <span>Motion om</span> parklekar</p><div>Remiss från<br>kommunstyrelsen</div></main>"
    assert texts(html) == ["12 Motion om parklekar", "Remiss från", "kommunstyrelsen"]


def test_table_cells_of_a_row_are_one_line():
    html = "<table><tr><td>12 A</td><td>Förslag till program</td></tr><tr><td></td><td>Dnr 1-2-2011</td></tr></table>"
    assert texts(html) == ["12 A Förslag till program", "Dnr 1-2-2011"]


def test_literal_br_printed_in_a_title_splits_it():
    html = "<p>13 Trafikplan för Hökarängen&lt;br&gt;Remiss från trafikkontoret</p>"
    assert texts(html) == ["13 Trafikplan för Hökarängen", "Remiss från trafikkontoret"]


def test_read_more_splice_is_removed_and_the_word_rejoined():
    html = '<p>Frågor om parke <a href="javascript:void(0)">Läs mer...</a>rna tas upp först.</p>'
    assert texts(html) == ["Frågor om parkerna tas upp först."]


def test_links_stay_with_their_line_and_are_absolute():
    [ln] = [x for x in page_lines('<p>Ärendedokument <a href="/documentHandler.ashx?did=5">Läs dokument (PDF)</a></p>',
                                  BASE) if x.text]
    assert ln.text == "Ärendedokument Läs dokument (PDF)"
    assert [(lk.url, lk.label) for lk in ln.links] == [("https://insynsverige.se/documentHandler.ashx?did=5",
                                                        "Läs dokument (PDF)")]


def test_empty_header_yields_its_aria_label_and_scripts_are_not_text():
    html = ('<ul><li><button aria-label="15 Motion om parklekar"></button><p>Sammanfattning</p></li></ul>'
            "<script>var x=1</script>")
    lines = [x for x in page_lines(html, BASE) if x.text]
    assert [x.text for x in lines] == ["15 Motion om parklekar", "Sammanfattning"]
    assert lines[0].header and not lines[1].header and lines[0].group == lines[1].group is not None


def test_site_navigation_and_footer_are_not_page_text():
    html = ('<body><nav><ul><li>Hem</li><li>Remisser</li></ul></nav><div role="navigation">Meny</div>'
            "<p>12 Motion om parklekar</p><footer>Kontakta oss om remiss</footer></body>")
    assert texts(html) == ["12 Motion om parklekar"]
