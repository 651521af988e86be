"""Exact fields on the two real seed documents."""
from __future__ import annotations

import datetime as dt

from remissvar.records import Position


def test_sodermalm_seed_fields(seed_records):
    y = seed_records["sodermalm"]
    assert y.council == "sodermalm"
    assert y.administration == "Södermalms stadsdelsförvaltning"
    assert y.date == dt.date(2024, 12, 12)
    assert y.handlaggare == "Karolin Bogren Gavling"
    r = y.remiss
    assert r.title == "Motion om att ge stadsdelsnämnder i uppdrag att driva lokala facebookgrupper"
    assert r.body == "Kommunstyrelsen"
    assert r.dnr == "KS 2024/951"
    assert r.id == "dnr-ks-2024-951"
    assert r.deadline == dt.date(2025, 1, 21)
    assert r.motion is not None and r.motion.authors == ["Gabriel Kroon"] and r.motion.parties == ["SD"]
    assert r.motion.number is None  # the document does not state one: never invented
    # the council names as the archive spells them (the text has "Hägersten – Älvsjö")
    assert r.also_sent_to == ["Stadsledningskontoret", "Farsta stadsdelsnämnd", "Hägersten–Älvsjö stadsdelsnämnd"]
    assert [s.name for s in y.sections] == [
        "Inledning", "Förvaltningens förslag till beslut", "Sammanfattning", "Bakgrund", "Ärendet",
        "Ärendets beredning", "Förvaltningens synpunkter och förslag", "Barnrättsanalys",
        "Jämställdhetsanalys", "Bilagor",
    ]
    assert y.position.position == Position.AVSTYRKER
    assert any("anser förvaltningen därför inte är Stockholms stads uppdrag" in s for s in y.position.sentences)
    assert y.decision == "Stadsdelsnämnden överlämnar förvaltningens tjänsteutlåtande som svar på remissen."


def test_skarholmen_ocr_seed_fields(seed_records):
    y = seed_records["skarholmen"]
    assert y.council == "skarholmen"  # from "Skérholmens stadsdelsndmnd" (OCR)
    assert y.remiss.dnr is None and y.remiss.body is None and y.remiss.motion is None
    assert y.remiss.title is not None and y.remiss.title.lower().startswith("policy f")
    assert y.remiss.title.endswith("sociala medier i Stockholms stad")
    assert y.position.position == Position.TILLSTYRKER  # positive, with questions
    assert any("positiv" in s for s in y.position.sentences)  # "ställer sig också positiv till"
    names = [s.name for s in y.sections]
    assert "Synpunkter och förslag" in names and "Jämställdhetsanalys" in names
    assert "Ärendets beredning" in names  # "Arendets beredning" in the OCR text


def test_the_remittent_of_a_document_written_as_has_remitted(tmp_path):
    """The document parser reads the remitting body and its dnr with the crawler's grammar
    (remissvar.remiss_fields): "X har remitterat …" as well as "remiss från X"."""
    from ingest.parse.document import parse_file

    p = tmp_path / "tu.txt"
    p.write_text(
        "Tjänsteutlåtande\nDnr FAR 2025/310\n\nTill\nFarsta stadsdelsnämnd\n3 mars 2025\n\n"
        "Motion om fler parkbänkar\n\nSammanfattning\n\n"
        "Kommunstyrelsen har remitterat en motion om fler parkbänkar (dnr KS 2025/118) till "
        "stadsdelsnämnden för yttrande. Förvaltningen tillstyrker motionen.\n", encoding="utf-8")
    r = parse_file(p, doc_id="tu-1").remiss
    assert (r.body, r.dnr) == ("Kommunstyrelsen", "KS 2025/118")


def test_a_document_that_names_no_remittent_does_not_take_its_own_dnr_for_the_remiss(tmp_path):
    from ingest.parse.document import parse_file

    p = tmp_path / "tu.txt"
    p.write_text(
        "Tjänsteutlåtande\nDnr FAR 2025/310 Sida 1 (3)\n\nTill\nFarsta stadsdelsnämnd\n3 mars 2025\n\n"
        "Motion om fler parkbänkar\n\nSammanfattning\n\nFörvaltningen tillstyrker motionen. Förvaltningen "
        "har remitterat ärendet till pensionärsrådet.\n", encoding="utf-8")
    y = parse_file(p, doc_id="tu-2")
    assert (y.remiss.body, y.remiss.dnr) == (None, None)
