"""The protocol paragraph reader (structure fixture, see tests/fixtures/protocol/README.md)."""
from __future__ import annotations

import pytest

from ingest.parse.protocol import parse_protocol_paragraph
from tests.conftest import FIXTURES


def test_decision_and_reservations():
    p = parse_protocol_paragraph((FIXTURES / "protocol/paragraph_sodermalm_structure.txt").read_text())
    assert p.number == 14
    assert p.decision is not None
    assert p.decision.startswith("1. Stadsdelsnämnden överlämnar förvaltningens tjänsteutlåtande")
    assert [(r.party, r.kind) for r in p.reservations] == [
        ("SD", "reservation"), ("S", "särskilt uttalande"), ("V", "särskilt uttalande")]


def test_nothing_invented():
    p = parse_protocol_paragraph("§ 3 Anmälan av delegationsbeslut. Anmäldes.")
    assert p.number == 3 and p.decision is None and p.reservations == []


def test_parse_file_takes_the_protocol_paragraph():
    from ingest.parse.document import parse_file

    y = parse_file(FIXTURES / "seeds/000_799dd45ed89de956.txt",
                   protocol_text=(FIXTURES / "protocol/paragraph_sodermalm_structure.txt").read_text())
    assert y.decision is not None and y.decision.startswith("1. Stadsdelsnämnden överlämnar")
    assert {r.party for r in y.reservations} == {"SD", "S", "V"}


# ---- split_paragraphs: the pure function the crawler calls on a full protocol's text ----------

def _protocol_text(name: str) -> str:
    from ingest.parse.extract import extract

    return "\n".join(p.text for p in extract(FIXTURES / "real-documents" / name))


@pytest.mark.slow  # make check leaves it out; make test runs it
def test_split_paragraphs_on_a_full_protocol_skips_the_table_of_contents():
    from ingest.parse.protocol import split_paragraphs

    paras = split_paragraphs(_protocol_text("barn-och-ungdomsnamnden_2018-01-30_protokoll.pdf"))
    assert [p.number for p in paras] == list(range(1, 10))
    p2 = paras[1]
    assert (p2.dnr, p2.title) == ("2017.632 BUN", "Lednings- och kommunikationsplan för extraordinära händelser 2018")
    assert [s.name for s in p2.sections] == ["Ärendebeskrivning", "Beredning", "Beslut"]
    assert "Arbetsutskottet har behandlat ärendet" in p2.text  # the paragraph, not its line in the contents
    assert paras[8].decision is None  # "Meddelanden": no decision printed, none invented


@pytest.mark.slow  # make check leaves it out; make test runs it
def test_split_paragraphs_title_wrapped_around_its_number_in_the_contents():
    from ingest.parse.protocol import split_paragraphs

    (p,) = split_paragraphs(_protocol_text("kommunfullmaktige_2026-06-10_protokoll.pdf"))
    assert p.number == 116 and p.dnr == "2020.008 KS" and p.decision == "Planförslaget antas."
    assert p.title == "Detaljplan för Alingsås, förskola vid Nolhaga allé (Sörhaga 2:4 med flera), beslut om antagande"


def test_statement_forms_as_printed():
    text = "\n".join([
        "§ 7 Svar på remiss om trafikplan Dnr SÖ 2024/12",
        "Beslut",
        "Stadsdelsnämnden godkänner förvaltningens förslag.",
        "Särskilt uttalande från (S) och (V)",
        "Vi anser att planen borde ha prövats tidigare.",
        "Reservation",
        "Anna Exempel (SD) reserverar sig mot beslutet.",
        "Protokollsanteckning",
        "Per Prov (M) och Eva Test (L) lämnar följande protokollsanteckning:",
        "Vi vill följa frågan.",
        "Ersättaryttrande",
        "Ersättaren Kim Lind (MP) anmäler ett ersättaryttrande.",
    ])
    from ingest.parse.protocol import split_paragraphs

    (p,) = split_paragraphs(text)
    assert (p.number, p.dnr, p.title) == (7, "SÖ 2024/12", "Svar på remiss om trafikplan")
    assert p.decision == "Stadsdelsnämnden godkänner förvaltningens förslag."
    assert [(s.kind, s.parties, s.members) for s in p.statements] == [
        ("särskilt uttalande", ["S", "V"], []),
        ("reservation", ["SD"], ["Anna Exempel"]),
        ("protokollsanteckning", ["M", "L"], ["Per Prov", "Eva Test"]),
        ("ersättaryttrande", ["MP"], ["Kim Lind"]),
    ]


def test_references_to_paragraphs_in_running_text_do_not_split():
    from ingest.parse.protocol import split_paragraphs

    text = ("§ 3 2024.001 KS\nBudget\nBeslut\nKommunfullmäktige beslutade den 11 december 2024\n"
            "§ 185 att anta planförslaget.\nPlanen antas.\n")
    paras = split_paragraphs(text)
    assert [p.number for p in paras] == [3]
