"""Sections from headings: the vocabulary, layout cues for unknown headings, fuzzy OCR matches."""
from __future__ import annotations

from ingest.parse.sections import match_heading, split_sections
from ingest.parse.structure import parse_structure
from remissvar.records import PageText


def test_vocabulary_from_the_real_documents_and_seeds():
    for printed, name in [("Ärendebeskrivning", "Ärendebeskrivning"), ("Förvaltningens yttrande", None),
                          ("Motivering till yttrande", None), ("Ekonomisk bedömning", None),
                          ("Förslag till beslut", None), ("Beskrivning av ärendet", None),
                          ("Arendets beredning", "Ärendets beredning"),
                          ("Beslutet sk skickas till", "Beslutet ska skickas till"),
                          ("Forvaltningens synpunkter och forslag", "Förvaltningens synpunkter och förslag")]:
        assert match_heading(printed) == (name or printed)
    assert match_heading("protokollsanteckning:") is None  # lower case: running text, not a heading
    assert match_heading("Förvaltningen föreslår att motionen ska avslås och att ärendet därmed är besvarat.") is None


def test_unknown_heading_set_bold_is_kept_as_its_own_section():
    lines = [(1, "Ärendebeskrivning"), (1, "Motionen gäller cykelparkering."), (1, "Uppföljning och utvärdering"),
             (1, "Arbetet följs upp årligen."), (2, "Förslag till beslut"), (2, "Motionen bifalls.")]
    _, plain = split_sections(lines)
    assert [s.name for s in plain] == ["Ärendebeskrivning", "Förslag till beslut"]
    _, cued = split_sections(lines, cues={"Uppföljning och utvärdering"})
    assert [(s.name, s.text) for s in cued] == [
        ("Ärendebeskrivning", "Motionen gäller cykelparkering."),
        ("Uppföljning och utvärdering", "Arbetet följs upp årligen."),
        ("Förslag till beslut", "Motionen bifalls."),
    ]


def test_parse_structure_uses_page_heading_cues():
    page = PageText(number=1, text="Datum: 2026-05-11\nDiarienr: 2025.446 KS\nSvar på motion om cykelparkering\n"
                    "Ärendebeskrivning\nMotionen gäller cykelparkering.\nUppföljning och utvärdering\n"
                    "Arbetet följs upp årligen.\nFörslag till beslut\nMotionen bifalls.",
                    headings=["Svar på motion om cykelparkering", "Ärendebeskrivning", "Uppföljning och utvärdering",
                              "Förslag till beslut"])
    y = parse_structure([page])
    assert y.title == "Svar på motion om cykelparkering" and y.diarienummer == "2025.446 KS"
    assert [s.name for s in y.sections] == ["Ärendebeskrivning", "Uppföljning och utvärdering", "Förslag till beslut"]
    assert y.remiss.title == "Motion om cykelparkering"


def test_a_motion_states_no_answering_bodys_position():
    from remissvar.records import DocumentKind, Position

    page = PageText(number=1, text="Motion om fler laddplatser för cyklar\n\nVi föreslår att kommunfullmäktige "
                    "beslutar att införa laddplatser. Vi tillstyrker alla förslag om cykelparkering.\n"
                    "Amanda Andersson (MP)")
    y = parse_structure([page], link_text="Motion (2025:12) om fler laddplatser")
    assert y.kind == DocumentKind.MOTION
    assert y.position.position == Position.OKLART
    assert y.remiss.title == "Motion om fler laddplatser för cyklar"
    assert y.remiss.motion is not None and y.remiss.motion.parties == ["MP"]
