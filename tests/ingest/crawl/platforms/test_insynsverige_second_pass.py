"""insynsverige pages, second pass (issue 30): remitting bodies as whole names, every remitting
dnr form, and the council's own business listed after a remiss heading - each on a meeting page
in the real shape (../shared/README.md, "Remitting bodies and dnr forms"), in three markups.
Content invented, digits altered; the shapes are real."""
from __future__ import annotations

import pytest

from ingest.crawl.platforms.insynsverige import parse_meeting
from remissvar.remiss_fields import dnr_key
from tests.ingest.crawl.platforms.test_insynsverige import MARKUPS, PREAMBLE, URL, render

DOC = ("a", "Läs dokument (PDF)", "/documentHandler.ashx?did=9")


def _items(lines: list, markup: str) -> dict:
    m = parse_meeting(render(PREAMBLE + lines, markup), URL)
    return {i.number: i for i in m.items}


BODIES = [
    ("Remiss från Kungliga Djurgårdens Förvaltning, dnr 12-345/2011.", "Kungliga Djurgårdens Förvaltning"),
    ("Remiss från AB Svenska Bostäder", "AB Svenska Bostäder"),
    ("Remiss från Stockholms gatu- och fastighetskontor", "Stockholms gatu- och fastighetskontor"),
    ("Remiss från Gatu- och fastighetsroteln", "Gatu- och fastighetsroteln"),
    ("Remiss från socialnämndens tillståndsenhet", "Socialnämndens tillståndsenhet"),
    ("Remiss från Huddinge kommun", "Huddinge kommun"),
    ("Remiss från Stockholms läns landsting", "Stockholms läns landsting"),
    ("Remiss från Region Stockholm", "Region Stockholm"),
]


@pytest.mark.parametrize("markup", MARKUPS)
@pytest.mark.parametrize("line, body", BODIES)
def test_remitting_body_is_the_whole_name(markup, line, body):
    items = _items([("h", "Remissärenden"), ("item", "12", "Program för Djurgårdens naturvård"), line,
                    "Dnr 106-198-2011", "Ärendedokument", DOC], markup)
    assert items["12"].remitting_body == body
    assert items["12"].is_remiss


@pytest.mark.parametrize("markup", MARKUPS)
def test_remitting_body_in_an_early_summary(markup):
    items = _items([("item", "7", "Förslag till cykelplan"),
                    "Stockholms gatu- och fastighetskontor har till stadsdelsnämnden remitterat ett förslag till "
                    "cykelplan. Förvaltningen är positiv till förslaget."], markup)
    assert items["7"].remitting_body == "Stockholms gatu- och fastighetskontor"
    assert items["7"].is_remiss


DNRS = [
    ("Remiss från stadsbyggnadskontoret, dnr S-Dp 2009-12345-54.", "S-Dp 2009-12345-54"),
    ("Remiss från stadsbyggnadskontoret, dnr 2010-12345-53.", "2010-12345-53"),
    ("Remiss från kommunstyrelsen, Dnr: Dnr 312-456/2003", "312-456/2003"),
    ("Remiss från kommunstyrelsen, dnr 06-123/ 456", "06-123/456"),
    ("Remiss från kommunstyrelsen (D nr 123 – 456 / 05)", "123-456/05"),
    ("Remiss från kommunstyrelsen, dnr 125-1234-2012.", "125-1234-2012"),
]


@pytest.mark.parametrize("markup", MARKUPS)
@pytest.mark.parametrize("line, dnr", DNRS)
def test_every_remitting_dnr_form(markup, line, dnr):
    items = _items([("h", "Remisser"), ("item", "9", "Detaljplan för kv. Kvarnen"), line, "Dnr 106-198-2011"], markup)
    assert items["9"].remitting_dnr == dnr
    assert items["9"].dnr == "106-198-2011"  # the council's own dnr stays its own


def test_one_remitting_dnr_printed_two_ways_is_one_key_and_council_forms_stay_apart():
    assert dnr_key("125-1234/2012") == dnr_key("125-1234-2012") == dnr_key("KS dnr 125-1234/2012")
    assert dnr_key("(D nr 123 – 456 / 05)") == dnr_key("123-456/05")
    assert dnr_key("Dnr: Dnr 312-456/2003") == dnr_key("312-456/2003")
    assert dnr_key("S-Dp 2009-12345-54") == dnr_key("2009-12345-54")
    # council forms keep their hyphens: class-year-number and two-digit years are not merged
    assert dnr_key("671-2008-103") == "671-2008-103"
    assert dnr_key("311-245-04") != dnr_key("311-245/04")
    assert dnr_key("125-1234-2012") != dnr_key("125-2012-1234")


@pytest.mark.parametrize("markup", MARKUPS)
def test_council_dnr_at_the_end_of_a_status_line(markup):
    items = _items([("h", "Remisser"), ("item", "5", "Motion (2011:12) om fler parklekar"),
                    "Remiss från kommunstyrelsen", "Återremitterat den 12 maj 2012. Dnr 123-2012-2.2.2."], markup)
    assert items["5"].dnr == "123-2012-2.2.2"
    assert items["5"].status and items["5"].status.startswith("Återremitterat den 12 maj 2012")
    assert "Dnr" not in items["5"].status


OWN_BUSINESS = [
    ("Protokoll från pensionärsrådet", "rådets protokoll"),
    ("Handikapprådets protokoll den 3 mars 2011", "rådets protokoll"),
    ("Minnesanteckningar från lokala BRÅ", "rådets protokoll"),
    ("Nämndens och förvaltningens frågor", "nämndens frågor"),
    ("Revisionsrapport: granskning av ekonomistyrningen", "revision"),
    ("Yttrande till förvaltningsrätten i mål nr 1234-11", "enskilt ärende"),
    ("Medgivande till adoption", "enskilt ärende"),
    ("Anmälningar", "anmälan"),
]


@pytest.mark.parametrize("markup", MARKUPS)
@pytest.mark.parametrize("title, reason", OWN_BUSINESS)
def test_own_business_after_a_remiss_heading_is_no_remiss(markup, title, reason):
    items = _items([("h", "Remissärenden"), ("item", "12", "Motion (2010:31) om fler parklekar i ytterstaden"),
                    "Remiss från kommunstyrelsen, dnr 325-1180/2010.", ("item", "13", title), "Dnr 106-200-2011"],
                   markup)
    assert items["12"].is_remiss and items["12"].why == ["rubrik: Remissärenden", "remittent: Kommunstyrelsen"]
    item = items["13"]
    assert not item.is_remiss
    assert item.why[0] == "rubrik: Remissärenden"
    assert item.why[-1].startswith("ej remiss: ") and reason in item.why[-1] and "åsidosätter rubriken" in item.why[-1]


@pytest.mark.parametrize("markup", MARKUPS)
def test_one_business_permit_is_an_individual_case_unless_remitted(markup):
    items = _items([("h", "Remisser"),
                    ("item", "3", "Serveringstillstånd för Restaurang Exempel AB"),
                    ("item", "4", "Serveringstillstånd för Restaurang Kvarnen"),
                    "Remiss från socialnämndens tillståndsenhet",
                    ("item", "5", "Remiss av SOU 2011:4 Adoption - till barnets bästa")], markup)
    assert not items["3"].is_remiss and "tillstånd för en verksamhet" in items["3"].why[-1]
    assert items["4"].is_remiss and items["4"].remitting_body == "Socialnämndens tillståndsenhet"
    assert items["5"].is_remiss  # a state report about adoptions is a remiss
