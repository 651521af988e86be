"""Every real document (tests/fixtures/real-documents, see SOURCES.md) and both seeds: kind,
title, dates, dnr, handläggare, sections, protocol paragraphs and attendance, against values
written by reading the documents (tests/fixtures/real-documents/expected.json)."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
from functools import cache
from pathlib import Path

import pytest

from ingest.parse.document import parse_file
from ingest.parse.header_block import parse_header
from remissvar.records import Yttrande
from tests.conftest import FIXTURES

ROOT = FIXTURES.parent.parent
EXPECTED = json.loads((FIXTURES / "real-documents" / "expected.json").read_text(encoding="utf-8"))["documents"]
IDS = [Path(d["file"]).name[:48] for d in EXPECTED]


def ids_where(pred) -> list[str]:
    return [i for i, d in zip(IDS, EXPECTED, strict=True) if pred(d)]


@cache
def parsed(file: str) -> Yttrande:
    item = next(d for d in EXPECTED if d["file"] == file)
    return parse_file(ROOT / file, text_is_ocr=item.get("text_is_ocr", False))


def test_every_real_document_has_expected_values():
    real = sorted(p.name for p in (FIXTURES / "real-documents").glob("*.pdf"))
    listed = sorted(Path(d["file"]).name for d in EXPECTED if "real-documents" in d["file"])
    assert real == listed and len(real) == 7


@pytest.mark.slow  # make check leaves it out; make test runs it
@pytest.mark.parametrize("exp", EXPECTED, ids=IDS)
def test_document_fields(exp):
    y = parsed(exp["file"])
    assert y.kind.value == exp["kind"]
    assert y.title == exp["title"]
    assert (y.date.isoformat() if y.date else None) == exp["date"]
    assert y.diarienummer == exp["diarienummer"]
    assert y.handlaggare == exp["handlaggare"]
    for key in ("body", "administration", "council"):
        if key in exp:
            assert getattr(y, key) == exp[key], key


@pytest.mark.parametrize("exp", [d for d in EXPECTED if "sections" in d], ids=ids_where(lambda d: "sections" in d))
def test_sections_from_real_headings(exp):
    y = parsed(exp["file"])
    assert [s.name for s in y.sections] == exp["sections"]
    assert all(s.text for s in y.sections if s.name not in ("Förslag till beslut",))  # no heading swallowed its text
    assert y.remiss.title == exp["remiss_title"]
    motion = y.remiss.motion
    assert (motion.authors if motion else []) == exp["motion_authors"]
    assert (motion.parties if motion else []) == exp["motion_parties"]
    if "deadline" in exp:
        assert y.remiss.deadline == dt.date.fromisoformat(exp["deadline"])
    if "decision" in exp:
        assert y.decision == exp["decision"]


def test_header_labels_never_become_the_title():
    for exp in EXPECTED:
        title = parsed(exp["file"]).title or ""
        assert not title.lower().startswith(("diarie", "datum", "handläggare", "dnr"))


@pytest.mark.parametrize("exp", [d for d in EXPECTED if "paragraphs" in d],
                         ids=ids_where(lambda d: "paragraphs" in d))
def test_protocol_paragraphs_and_attendance(exp):
    y = parsed(exp["file"])
    got = [(p.number, p.dnr, p.title, p.decision) for p in y.paragraphs]
    want = [(p["number"], p["dnr"], p["title"], p["decision"]) for p in exp["paragraphs"]]
    assert got == want
    for p, e in zip(y.paragraphs, exp["paragraphs"], strict=True):
        assert [[s.kind, s.parties] for s in p.statements] == e["statements"], p.number
        assert p.page is not None
    att = y.attendance
    assert att is not None
    assert len(att.beslutande) == exp["attendance"]["beslutande"]
    assert len(att.ersattare) == exp["attendance"]["ersattare"]
    assert len(att.ovriga) == exp["attendance"]["ovriga"]
    assert [a.name for a in att.justerare] == exp["attendance"]["justerare"]


def test_attendance_details():
    kf = parsed("tests/fixtures/real-documents/kommunfullmaktige_2026-06-10_protokoll.pdf").attendance
    assert kf is not None
    first = kf.beslutande[0]
    assert (first.name, first.party, first.role) == ("Linda Espeving", "M", "ordförande")
    subs = [a for a in kf.beslutande if a.replaces]
    assert len(subs) == 7
    assert (subs[0].name, subs[0].party, subs[0].replaces) == ("Luzaan Eisa", "S", "Roger Andersson (S)")
    assert kf.ovriga[0].role == "kommunsekreterare"


def test_statements_name_members_and_text():
    kf = parsed("tests/fixtures/real-documents/kommunfullmaktige_2026-06-10_protokoll.pdf").paragraphs[0]
    v = kf.statements[2]
    assert v.members == ["Sanna Dabolins", "Martin Lindberg", "Christoffer Salander", "Maria Stern", "Marcus Wallin"]
    assert "Vänsterpartiet konstaterar" in v.text and "Liberalerna" not in v.text
    assert {r.party for r in kf.reservations} == {"S", "V", "L"}  # yrkanden are not reservations


def test_text_pages_are_not_ocrd():
    y = parsed("tests/fixtures/real-documents/barn-och-ungdomsnamnden_2018-01-30_protokoll.pdf")
    assert len(y.pages) == 18 and not any(p.ocr for p in y.pages) and not y.ocr


@pytest.mark.slow  # make check leaves it out; make test runs it
def test_image_page_in_a_text_pdf_is_ocrd(tmp_path):
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter()
    w.add_page(PdfReader(FIXTURES / "real-documents" / "bygg-och-miljonamnden_2026-07-07_protokoll.pdf").pages[2])
    w.add_page(PdfReader(FIXTURES / "pdf" / "sodermalm_scanned_p1.pdf").pages[0])
    mixed = tmp_path / "mixed.pdf"
    with mixed.open("wb") as f:
        w.write(f)
    from ingest.parse.extract import extract

    pages = extract(mixed)
    assert [p.ocr for p in pages] == [False, True]
    assert "§ 59 2025.034 BMN" in pages[0].text
    assert "KS 2024/951" in pages[1].text


@pytest.mark.parametrize("name", [d["file"] for d in EXPECTED if d["kind"] in ("yttrande", "tjansteskrivelse")],
                         ids=ids_where(lambda d: d["kind"] in ("yttrande", "tjansteskrivelse")))
def test_header_block_in_both_text_orders(name):
    """pdfplumber's order (label and value on one line) and pdftotext's raw order (a column of
    labels, then a column of values) give the same header fields."""
    exp = next(d for d in EXPECTED if d["file"] == name)
    raw = subprocess.run(["pdftotext", "-l", "1", str(ROOT / name), "-"], capture_output=True, text=True,
                         check=True).stdout.splitlines()
    assert any(ln.strip() in ("Datum:",) for ln in raw)  # really the column layout
    plumber = parsed(name).pages[0].text.splitlines()
    for lines in (raw, plumber):
        f = parse_header(lines).fields
        assert f["datum"] == exp["date"] and f["dnr"] == exp["diarienummer"] and f["handlaggare"] == exp["handlaggare"]


def test_yttrande_phone_and_email_paired_by_shape():
    name = "bygg-och-miljonamnden_2026-06-16_bilagor_yttrande-samrad-ravattenuttag-.pdf"
    raw = subprocess.run(["pdftotext", "-l", "1", str(FIXTURES / "real-documents" / name), "-"],
                         capture_output=True, text=True, check=True).stdout.splitlines()
    hb = parse_header(raw)
    assert hb.fields["telefon"] == "0322-61 60 61" and hb.fields["epost"] == "sanna.olsson@alingsas.se"
    assert "beteckning" not in hb.fields  # printed empty: the recipient's e-mail is not its value
    assert "kontakt@projektmjorn.se" in hb.extra


# sentences from the real documents that report someone else's view: the position reader gives none of them
# to the answering body (what ingest/parse/whose_view.py filtered out before the reader until issue 33)
@pytest.mark.parametrize("sentence", [
    "Tekniska nämnden beslutade den 15 december, § 65 att avstyrka motionen.",
    "Kommunfullmäktige lämnade motionen till kommunstyrelsen för beredning den 24 september, § 204.",
    "Avslås motionen medför ärendet inga ekonomiska kostnader.",
    "Förslag att avslå motionen innebär inga kostnader.",
    "Förslag att bifalla motionen innebär inledningsvis kostnader för att utreda om det är möjligt att införa "
    "laddstationer.",
    "Motionären föreslår följande:",
    "I samrådsunderlaget anges att minskade extrema nivåer och flöden bedöms kunna vara positiva även för ekologin.",
])
@pytest.mark.parametrize("body", [None, "Kommunstyrelsen", "Kultur- och utbildningsnämnden"])
def test_reports_of_another_view_are_not_the_answering_bodys(sentence, body):
    from remissvar.positions import classify_document

    assert classify_document([("", sentence)], body=body).position.value == "oklart"


def test_the_answering_bodys_own_decision_is_its_view():
    from remissvar.positions import classify_document

    s = "Kultur- och utbildningsnämnden beslutade att tillstyrka motionen."
    assert classify_document([("", s)], body="Kultur- och utbildningsnämnden").position.value == "tillstyrker"
    other = classify_document([("", s)], body="Kommunstyrelsen")
    assert other.position.value == "oklart" and [o.position.value for o in other.others if o.position] == [
        "tillstyrker"]


def test_other_bodies_and_costs_are_not_evidence():
    ks = parsed("tests/fixtures/real-documents/kommunstyrelsen_2026-06-01_bilagor_tjansteskrivelse-svar-pa-motion-"
                "laddstationer-cyklister.pdf")
    kun = parsed("tests/fixtures/real-documents/kultur-och-utbildningsnamnden_2026-06-17_bilagor_tjansteskrivelse-"
                 "svar-pa-motion-aktivitetsansvaret.pdf")
    for y in (ks, kun):
        for s in y.position.sentences:
            assert "Tekniska nämnden beslutade" not in s
            assert not s.startswith(("Avslås motionen", "Förslag att avslå", "Förslag att bifalla"))
    assert "Kommunledningskontoret föreslår att båda förslagen i motionen ska avslås." in ks.position.sentences
    assert kun.position.position.value == "tillstyrker"  # "föreslår att motionen tillstyrks i dess helhet"


def test_motion_answer_that_rejects_is_avstyrker():
    """ "delar ... bedömning att förslaget ligger i linje med" is a leaning; "föreslår att båda förslagen i motionen
    ska avslås" the verdict."""
    ks = parsed("tests/fixtures/real-documents/kommunstyrelsen_2026-06-01_bilagor_tjansteskrivelse-svar-pa-motion-"
                "laddstationer-cyklister.pdf")
    assert ks.position.position.value == "avstyrker"


def test_yttrande_reports_of_the_material_are_not_the_bodys_view():
    y = parsed("tests/fixtures/real-documents/bygg-och-miljonamnden_2026-06-16_bilagor_yttrande-samrad-solveden-.pdf")
    assert not any("I samrådsunderlaget anges" in s for s in y.position.sentences)
    assert y.position.position.value != "tillstyrker"


def test_council_from_provenance_not_from_the_body_text():
    seed = FIXTURES / "seeds" / "000_799dd45ed89de956.txt"
    # the seed names Farsta and Hägersten–Älvsjö in its body ("har även remitterats till ...")
    assert parse_file(seed).council == "sodermalm"  # loose file: the letterhead ("Till Södermalms stadsdelsnämnd")
    assert parse_file(seed, council="farsta").council == "farsta"  # listed on Farsta's page: provenance wins
    alingsas = parse_file(FIXTURES / "real-documents" / "kommunstyrelsen_2026-06-01_bilagor_tjansteskrivelse-"
                          "svar-pa-motion-laddstationer-cyklister.pdf")
    assert alingsas.council is None  # not a Stockholm council: never guessed


def test_kind_from_link_text_when_content_is_silent(tmp_path):
    from ingest.parse.kinds import kind_from_link
    from remissvar.records import DocumentKind

    assert kind_from_link("Tjänsteutlåtande.pdf") == DocumentKind.TJANSTEUTLATANDE
    assert kind_from_link("Protokollsutdrag § 14") == DocumentKind.PROTOKOLLSUTDRAG
    assert kind_from_link("Motion (2024:12) om fler parklekar") == DocumentKind.MOTION
    assert kind_from_link("Remissmissiv") == DocumentKind.REMISSMATERIAL
    assert kind_from_link("Svar på motion om laddstationer") is None  # an answer: the content decides
    letter = tmp_path / "missiv.txt"
    letter.write_text("Remiss\n\nRemissinstanser\nFarsta stadsdelsnämnd\n\nSvar senast den 21 januari 2025.\n",
                      encoding="utf-8")
    assert parse_file(letter).kind == DocumentKind.REMISSMATERIAL
    assert parse_file(letter, link_text="Bilaga 2").kind == DocumentKind.REMISSMATERIAL  # content first


def test_loose_file_council_from_a_running_letterhead():
    """A letterhead repeated on every page is removed from the text as a running head; it still names the council."""
    from ingest.parse.structure import parse_structure
    from remissvar.records import PageText

    body = ("Förvaltningens förslag till beslut\nStadsdelsnämnden överlämnar förvaltningens tjänsteutlåtande som svar "
            "på remissen.\nFörvaltningens synpunkter och förslag\nÄrendet har även remitterats till Farsta "
            "stadsdelsnämnd.\n")
    pages = [PageText(number=i, text=body, running_lines=["Hägersten-Älvsjö stadsdelsförvaltning"]) for i in (1, 2, 3)]
    assert parse_structure(pages).council == "hagersten-alvsjo"
    assert parse_structure(pages, council="skarholmen").council == "skarholmen"
    bare = [p.model_copy(update={"running_lines": []}) for p in pages]
    assert parse_structure(bare).council is None  # Farsta is only named in the body
