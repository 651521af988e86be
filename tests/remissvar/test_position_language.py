"""Issue 26: the families of shared/README "How positions are worded", attribution to any body,
summaries of many answers, confidence and the `position -` stream. Sentences written for these
tests (the blind sets under bench/data are the measure, bench/position_blind_eval.py)."""
from __future__ import annotations

import json

import pytest

from remissvar.bodies import body_key, body_mentions, same_body
from remissvar.positions import classify_document, classify_lines, classify_position
from remissvar.records import Position


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a stance beside the procedural hand-over is kept
        ("Stadsdelsnämnden tillstyrker förslaget för egen del och överlämnar ärendet till kommunstyrelsen för beslut.",
         Position.TILLSTYRKER),
        ("Förvaltningen har ställt sig bakom förslaget om fler bänkar i parkerna.", Position.TILLSTYRKER),
        ("Nämnden förordar det andra alternativet i utredningen.", Position.TILLSTYRKER),
        ("Förvaltningen anser att strategin stämmer väl överens med stadens mål för trygghet.", Position.TILLSTYRKER),
        ("Förvaltningen ser planen som ett viktigt tillskott för stadsdelens unga.", Position.TILLSTYRKER),
        ("Förvaltningen bedömer inte att en ny samordnare skulle tillföra verksamheten något.", Position.AVSTYRKER),
        ("Nämnden avråder från att införa avgiften.", Position.AVSTYRKER),
        ("Förvaltningen är positiv till syftet men anser att tidplanen är alltför snäv.", Position.DELVIS),
        ("Nämnden välkomnar programmet. Däremot saknas en beskrivning av hur det ska finansieras.", Position.DELVIS),
        ("Förvaltningen tillstyrker förslaget under förutsättning att lokalfrågan löses.", Position.DELVIS),
        ("Det är en fråga för den politiska ledningen som förvaltningen inte tar ställning till.", Position.NEUTRAL),
        ("Förvaltningen finner inte skäl att avstyrka förslaget.", Position.NEUTRAL),
        ("Stadsdelsnämnden avstår från att yttra sig då ärendet inte berör nämndens verksamhet.", Position.AVSTAR),
        ("Remissen lämnas utan yttrande.", Position.AVSTAR),
        # OCR damage: ö misread, y as v, a word split over a line end
        ("Forvaltningen tillstvrker fOrslaget.", Position.TILLSTYRKER),
        ("Nämnden avstyr- ker motionen.", Position.AVSTYRKER),
        # not a position: the motion, an earlier decision, a member's motion in the meeting
        ("Motionären föreslår att staden inför gratis simskola.", Position.OKLART),
        ("Nämnden avstyrkte 2019 ett liknande förslag.", Position.OKLART),
        ("Vice ordföranden yrkade bifall till förvaltningens förslag.", Position.OKLART),
    ],
)
def test_families(text: str, expected: Position) -> None:
    assert classify_position(text, body="Farsta stadsdelsnämnd").position is expected


def test_stöd_never_reads_stad() -> None:
    """OCR tolerance is per letter: 'stöd' may be 'stod' or 'st6d', never 'stad'."""
    assert classify_position("Stadsdelsnämnden lämnar remissen utan yttrande.").position is Position.AVSTAR


def test_attribution_to_any_body() -> None:
    text = "Trafiknämnden avstyrker förslaget."
    assert classify_position(text, body="Farsta stadsdelsnämnd").position is Position.OKLART
    assert classify_position(text, body="Trafikkontoret").position is Position.AVSTYRKER  # a nämnd's kontor
    # a predecessor's name is the same body; council= is body='s alias
    assert classify_position("Maria-Gamla stans stadsdelsnämnd tillstyrker.", council="sodermalm").position \
        is Position.TILLSTYRKER
    res = classify_position("Trafiknämnden avstyrker förslaget.", body="Farsta stadsdelsnämnd")
    assert [(o.body, o.position) for o in res.others] == [("Trafiknämnden", Position.AVSTYRKER)]


def test_summary_of_many_answers() -> None:
    text = ("Farsta och Skärholmens stadsdelsnämnder tillstyrker förslaget men har synpunkter på tidplanen, "
            "medan AB Svenska Bostäder avstyrker det. Samtliga utom Bromma stadsdelsnämnd har svarat. "
            "Övriga remissinstanser har inget att erinra.")
    res = classify_position(text, body="Farsta stadsdelsnämnd")
    assert res.position is Position.DELVIS
    got = {(body_key(o.body), o.position.value if o.position else o.state) for o in res.others}
    assert got == {("sdn:farsta", "delvis"), ("sdn:skarholmen", "delvis"), ("ab:svenskabostader", "avstyrker"),
                   ("sdn:bromma", "ej_svar")}


def test_bodies_grammar() -> None:
    names = [m.key for m in body_mentions("Miljö- och hälsoskyddsnämnden, Länsstyrelsen i Stockholms län och "
                                          "Stockholm Vatten och Avfall AB")]
    assert names == ["nmd:miljoochhalsoskydd", "org:lansstyrelsen", "ab:stockholmvattenochavfall"]
    assert same_body("Kommunstyrelsen", "stadsledningskontoret")
    assert same_body("Hägersten – Älvsjö stadsdelsnämnd", "Älvsjö stadsdelsförvaltning")
    assert not same_body("Liljeholmens stadsdelsnämnd", "Älvsjö stadsdelsnämnd")  # siblings, not one body


def test_document_parts_weigh_in_order_with_confidence() -> None:
    parts = [("Förslag till beslut", "Stadsdelsnämnden avstyrker motionen."),
             ("Förvaltningens synpunkter", "Förvaltningen ser positivt på motionens syfte.")]
    res = classify_document(parts, council="farsta")
    assert res.position is Position.AVSTYRKER and res.confidence == "medel"
    agree = classify_document([("Sammanfattning", "Förvaltningen tillstyrker förslaget."),
                               ("Förvaltningens synpunkter", "Förslaget är angeläget.")], council="farsta")
    assert agree.position is Position.TILLSTYRKER and agree.confidence == "hög"
    assert classify_document([("Bakgrund", "Motionen kom in i mars.")]).position is Position.OKLART


def test_position_stream_takes_body_and_council_and_gives_others() -> None:
    lines = [json.dumps({"id": 1, "text": "Trafiknämnden tillstyrker. Nämnden avstyrker.", "body": "Farsta sdn"}),
             json.dumps({"id": 2, "text": "Farsta stadsdelsnämnd tillstyrker.", "council": "skarholmen"})]
    out = [json.loads(o) for o, err in classify_lines(lines) if o]
    assert out[0]["position"] == "avstyrker" and out[0]["confidence"] in ("hög", "medel", "låg")
    assert out[0]["others"][0]["body"] == "Trafiknämnden" and out[0]["others"][0]["position"] == "tillstyrker"
    assert out[1]["position"] == "oklart" and out[1]["others"][0]["position"] == "tillstyrker"


def test_summary_reading_with_the_list_of_bodies_asked() -> None:
    from remissvar.position_summaries import bodies_asked, read_summary

    text = ("Ärendet har remitterats till stadsledningskontoret, utbildningsnämnden, Farsta och Skärholmens "
            "stadsdelsnämnder samt Stockholms Stadshus AB, som har underremitterat ärendet till AB Svenska Bostäder.\n"
            "Samtliga utom Skärholmens stadsdelsnämnd har svarat. Farsta stadsdelsnämnd tillstyrker motionen. "
            "Övriga remissinstanser har inget att erinra.")
    assert [body_key(b) for b in bodies_asked(text)] == [
        "org:ks", "nmd:utbildning", "sdn:farsta", "sdn:skarholmen", "ab:stadshus", "ab:svenskabostader"]
    got = {body_key(p.body): (p.position.value if p.position else p.state) for p in read_summary(text).positions}
    assert got == {"sdn:skarholmen": "ej_svar", "sdn:farsta": "tillstyrker", "org:ks": "neutral",
                   "nmd:utbildning": "neutral", "ab:stadshus": "neutral", "ab:svenskabostader": "neutral"}
