"""Reading an utlåtande (kommunstyrelsen's summary of many answers) and telling one on a
meeting page, pure: no services (issue 26). Shapes from ../shared/README.md, "Kommunstyrelsens
utlåtanden"; content invented."""
from __future__ import annotations

from ingest.crawl.summary_items import is_summary_document
from ingest.summaries import read_header, read_summary

README_SHAPE = """Utlåtande 2014:123 RV (Dnr 123-456/2013)
Förskolegårdar i ytterstaden
Motion (2013:45) av Förnamn Efternamn (X)

Kommunstyrelsen föreslår att kommunfullmäktige beslutar följande.
Motionen anses besvarad med vad som sägs i utlåtandet.

Föredragande borgarrådet Förnamn Efternamn anför följande.
Ärendet
Motionären vill att förskolegårdarna i ytterstaden rustas upp.
Beredning
Ärendet har remitterats till stadsledningskontoret, utbildningsnämnden, Farsta och
Skärholmens stadsdelsnämnder samt Stockholms Stadshus AB, som har underremitterat ärendet
till AB Svenska Bostäder.
Farsta stadsdelsnämnd tillstyrker motionen. Skärholmens stadsdelsnämnd har inte inkommit med något svar.
Mina synpunkter
Jag anser att motionen är besvarad.
"""


def test_header_of_the_readme_shape():
    assert read_header(README_SHAPE) == {"number": "2014:123 RV", "title": "Förskolegårdar i ytterstaden",
                                         "dnr": "123-456/2013", "motion_number": "2013:45"}


def test_header_with_spaced_number_and_the_dnr_on_its_own_line():
    text = "Kommunstyrelsen\nUtlåtande 2020 : 45 RI\nDnr KS 2019/1187\nProgram för lekplatser\n"
    h = read_header(text)
    assert (h["number"], h["dnr"], h["motion_number"]) == ("2020:45 RI", "KS 2019/1187", None)


def test_summary_reads_sandlista_views_and_keys():
    doc = read_summary(README_SHAPE, url="u", sha256="s", council="kommunstyrelsen", published_by="Kommunstyrelsen",
                       meeting_date="2014-06-04", label="Utlåtande 2014:123 RV")
    asked = {a.lower() for a in doc.asked}
    assert {"farsta stadsdelsnämnd", "skärholmens stadsdelsnämnd", "ab svenska bostäder"} <= asked
    assert "har remitterats till" in doc.asked_evidence
    states = {b.name: (b.state, b.position) for b in doc.bodies}
    assert states["Farsta stadsdelsnämnd"] == ("svar", "tillstyrker")
    assert states["Skärholmens stadsdelsnämnd"] == ("ej_svar", None)
    assert doc.link_keys == ["dnr:123-456/2013", "motion:2013:45"]


def test_which_attachments_are_utlatanden():
    base = "https://edokmeetings.stockholm.se/committees/kommunstyrelsen/mote-2020-03-11/agenda/"
    assert is_summary_document(base + "utlatande-2020-45-ri-program-for-lekplatserpdf-8812", "Utlåtande 2020:45 RI")
    assert is_summary_document(base + "dokumentpdf-1", "Samrådsredogörelse")
    assert is_summary_document(base + "utlatande-2020-45pdf-1", "Ladda ner dokument")  # by its file name
    assert not is_summary_document(base + "tjansteutlatande-budgetpdf-8830", "Tjänsteutlåtande")
    assert not is_summary_document(base + "bilaga-1pdf", "Bilaga 1 Remissammanställning")
