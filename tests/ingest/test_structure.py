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
