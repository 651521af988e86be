"""The protocol paragraph reader (structure fixture, see tests/fixtures/protocol/README.md)."""
from __future__ import annotations

from ingest.protocol import parse_protocol_paragraph
from tests.conftest import FIXTURES


def test_decision_and_reservations():
    p = parse_protocol_paragraph((FIXTURES / "protocol/paragraph_sodermalm_structure.txt").read_text())
    assert p.number == 14
    assert p.decision.startswith("1. Stadsdelsnämnden överlämnar förvaltningens tjänsteutlåtande")
    assert [(r.party, r.kind) for r in p.reservations] == [
        ("SD", "reservation"), ("S", "särskilt uttalande"), ("V", "särskilt uttalande")]


def test_nothing_invented():
    p = parse_protocol_paragraph("§ 3 Anmälan av delegationsbeslut. Anmäldes.")
    assert p.number == 3 and p.decision is None and p.reservations == []


def test_parse_file_takes_the_protocol_paragraph():
    from ingest.parse import parse_file

    y = parse_file(FIXTURES / "seeds/000_799dd45ed89de956.txt",
                   protocol_text=(FIXTURES / "protocol/paragraph_sodermalm_structure.txt").read_text())
    assert y.decision.startswith("1. Stadsdelsnämnden överlämnar")
    assert {r.party for r in y.reservations} == {"SD", "S", "V"}
