"""insynsverige meeting pages: every shape of ../shared/README.md in three markups
(paragraphs; spans in divs joined by <br>; table rows). Content invented, shapes real."""
from __future__ import annotations

import datetime as dt
import html as H

import pytest

from ingest.crawl.grammar import FilingHints
from ingest.crawl.platforms.common import year_postbacks
from ingest.crawl.platforms.insynsverige import meeting_refs, parse_meeting
from tests.conftest import FIXTURES

URL = "https://insynsverige.se/stockholm-farsta/protokoll?date=2011-03-17"
MARKUPS = ("p", "br", "table")


def render(lines: list, markup: str) -> str:
    """Lines: str (a line), ("h", heading), ("item", number, title), ("a", label, href),
    ("raw", html). Rendered in one of the three markups."""
    out = []
    for ln in lines:
        kind = ln[0] if isinstance(ln, tuple) else "t"
        if kind == "t":
            body = H.escape(ln)
        elif kind == "raw":
            body = ln[1]
        elif kind == "a":
            body = f'<a href="{H.escape(ln[2])}">{H.escape(ln[1])}</a>'
        elif kind == "item":
            body = (f"<td>{H.escape(ln[1])}</td><td>{H.escape(ln[2])}</td>" if markup == "table"
                    else f"{H.escape(ln[1])} {H.escape(ln[2])}")
        else:  # heading
            body = {"p": f"<h3>{H.escape(ln[1])}</h3>", "br": f"<b>{H.escape(ln[1])}</b>",
                    "table": f"<th colspan=2>{H.escape(ln[1])}</th>"}[markup]
        if markup == "p":
            out.append(body if kind == "h" else f"<p>{body}</p>")
        elif markup == "br":
            out.append(f"<span>{body}</span><br>" if kind != "h" else body + "<br>")
        else:
            out.append(f"<tr>{body}</tr>" if kind in ("item", "h") else f"<tr><td colspan=2>{body}</td></tr>")
    inner = "\n".join(out)
    wrap = {"p": "<div>{}</div>", "br": '<div class="arenden">{}</div>', "table": "<table>{}</table>"}[markup]
    return f"<html><body><main>{wrap.format(inner)}</main></body></html>"


PREAMBLE = [
    "Din position: Hem > Stockholms stad > Farsta stadsdelsnämnd > Sammanträde 2011-03-17",
    "Sammanträde 2011-03-17", "Datum", "Klockan", "18.30", "Plats", "Farsta stadsdelsförvaltning, sessionssalen",
    ("raw", "Allmänhetens frågestund börjar kl 18.00. Frågor om parke "
            '<a href="javascript:void(0)">Läs mer...</a>rna tas upp först.'),
]
PAGE = PREAMBLE + [
    ("item", "1", "Val av justerare och tid för justering"),
    ("h", "Beslutsärenden"),
    ("item", "4", "Månadsrapport februari 2011"),
    "Dnr 102-211-2011",
    "Ärendedokument", ("a", "Läs dokument (PDF)", "/documentHandler.ashx?did=4"),
    ("h", "Remissärenden"),
    ("item", "12", "Motion (2010:31) om fler parklekar i ytterstaden"),
    "Remiss från kommunstyrelsen, dnr 325-1180/2010.",
    "Dnr 106-198-2011",
    "Handläggare: Anna Ek, 08-508 000 00",
    "Förvaltningen föreslår att nämnden avstyrker motionen.",
    "Ärendedokument", ("a", "Läs dokument (PDF)", "/documentHandler.ashx?did=12"),
    ("item", "12 A", "Förslag till program för lekplatser - yttrande till stadsbyggnadskontoret"),
    ("item", "13", "Trafikplan för Hökarängen<br>Remiss från trafikkontoret"),
    ("item", "14", "BORDLAGT ÄRENDE. Remiss av cykelplan för söderort"),
    "Remiss från Trafiknämnden",
    "Bordlagt den 17 februari 2011",
    ("item", "15", "Information från stadsdelsdirektören"),
    "* Sommarens parkarbeten",
    "Bilagor till protokoll",
    ("a", "Närvaro.pdf (41 kb)", "/documentHandler.ashx?did=99"),
    "§1 Val av justerare och tid för justering", "Beslut", "Till justerare utses Per Prov (S).",
    "§8 Motion (2010:31) om fler parklekar i ytterstaden", "Beslut",
    "Nämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.",
]


@pytest.mark.parametrize("markup", MARKUPS)
def test_meeting_page_every_line_shape(markup):
    m = parse_meeting(render(PAGE, markup), URL)
    assert m.date == dt.date(2011, 3, 17)
    assert [i.number for i in m.items] == ["1", "4", "12", "12 A", "13", "14", "15"]
    by = {i.number: i for i in m.items}
    assert [i.number for i in m.items if i.is_remiss] == ["12", "12 A", "13", "14"]
    motion = by["12"]
    assert (motion.heading, motion.remitting_body, motion.remitting_dnr, motion.dnr) == (
        "Remissärenden", "Kommunstyrelsen", "325-1180/2010", "106-198-2011")
    assert motion.handlaggare == "Anna Ek, 08-508 000 00"
    assert motion.summary == "Förvaltningen föreslår att nämnden avstyrker motionen."
    assert motion.motion == {"number": "2010:31", "authors": [], "parties": []}
    assert [(d.url, d.kind) for d in motion.documents] == [("https://insynsverige.se/documentHandler.ashx?did=12",
                                                           "tjansteutlatande")]
    assert motion.protocol_text and motion.protocol_text.startswith("§8 Motion (2010:31)")
    assert "godkänner" in motion.protocol_text
    assert by["12 A"].remitting_body == "Stadsbyggnadskontoret"
    assert (by["13"].title, by["13"].remitting_body) == ("Trafikplan för Hökarängen", "Trafikkontoret")
    assert (by["14"].title, by["14"].status) == ("Remiss av cykelplan för söderort",
                                                 "Bordlagt ärende; Bordlagt den 17 februari 2011")
    assert by["14"].remitting_body == "Trafiknämnden"
    assert by["15"].summary == "Sommarens parkarbeten" and not by["15"].is_remiss  # the bullet is the item's
    assert by["4"].documents and by["4"].dnr == "102-211-2011"
    # the attendance file is the protocol's, not the last item's
    assert [d.label for d in m.protocol_links] == ["Närvaro.pdf (41 kb)"]
    assert not any("did=99" in d.url for i in m.items for d in i.documents)
    assert sorted(m.paragraphs) == ["1", "8"]
    assert m.unmatched[-1] == "Allmänhetens frågestund börjar kl 18.00. Frågor om parkerna tas upp först."  # rejoined


@pytest.mark.parametrize("markup", MARKUPS)
def test_number_forms(markup):
    lines = [("item", n, f"Ärende nummer {n}") for n in ("7", "9 a", "1 X", "4 ½")] + [
        ("item", "20", "I väntan på beslut om parkeringsnorm")]
    m = parse_meeting(render(lines, markup), URL)
    assert [(i.number, i.title) for i in m.items] == [
        ("7", "Ärende nummer 7"), ("9 a", "Ärende nummer 9 a"), ("1 X", "Ärende nummer 1 X"),
        ("4 ½", "Ärende nummer 4 ½"), ("20", "I väntan på beslut om parkeringsnorm")]


@pytest.mark.parametrize("markup", MARKUPS)
def test_paragraph_numbered_items_then_their_paragraphs(markup):
    lines = [("item", "§ 20", "Svar på remiss om cykelplan för innerstaden."), "Dnr: 311-245-04 Omedelbar justering",
             ("item", "§21", "Återremitterat ärende. Yttrande till Länsstyrelsen om strandskydd"),
             "§20 Svar på remiss om cykelplan för innerstaden.", "Beslut", "Nämnden godkänner förslaget."]
    m = parse_meeting(render(lines, markup), URL)
    assert [(i.number, i.is_remiss) for i in m.items] == [("§ 20", True), ("§21", True)]
    first, second = m.items
    assert first.title == "Svar på remiss om cykelplan för innerstaden."  # a title may end with a period
    assert (first.dnr, first.status) == ("311-245-04", "Omedelbar justering")
    assert first.protocol_text and "godkänner" in first.protocol_text
    assert second.remitting_body == "Länsstyrelsen"


@pytest.mark.parametrize("markup", MARKUPS)
@pytest.mark.parametrize("heading", ["Remisser", "REMISSER/YTTRANDEN", "REMISSÄRENDEN - YTTRANDEN",
                                     "Remissärenden – yttranden", "Yttranden", "remisser:"])
def test_remiss_headings_in_any_spelling(markup, heading):
    lines = [("h", "Nya ärenden:"), ("item", "3", "Budget 2012"), ("h", heading),
             ("item", "5", "Program för äldreomsorgen"), ("h", "ANMÄLNINGSÄRENDEN SLUTEN DEL"),
             ("item", "6", "Program för äldreomsorgen, uppföljning")]
    m = parse_meeting(render(lines, markup), URL)
    assert [(i.number, i.is_remiss) for i in m.items] == [("3", False), ("5", True), ("6", False)]
    assert m.items[1].heading == heading.rstrip(":")


@pytest.mark.parametrize("markup", MARKUPS)
def test_page_without_headings_reads_the_items_own_lines(markup):
    lines = [("item", "1", "Val av justerare"),
             ("item", "5", "Motion av Anna Ek (fp) om fler parklekar, nr 2013:7"),
             ("item", "6", "Detaljplan för kv. Hammaren, samråd"),
             ("item", "7", "Utställning av Översiktsplan för Stockholm"),
             ("item", "8", "Trafikplan för Hökarängen"),
             "Till stadsdelsnämnden har remitterats ett förslag till trafikplan från trafiknämnden.",
             ("item", "9", "Yttrande till Anna Svensson om bygglov"),
             ("item", "10", "Parkprogram för Farsta"), "Dnr 1.5.1-33-2012"]
    m = parse_meeting(render(lines, markup), URL)
    assert not m.has_headings
    got = {i.number: (i.is_remiss, i.cue) for i in m.items}
    assert got == {"1": (False, None), "5": (True, "motion"), "6": (True, "samråd"), "7": (True, "utställning"),
                   "8": (True, "remittent"), "9": (False, None), "10": (False, None)}
    assert m.items[1].motion == {"number": "2013:7", "authors": ["Anna Ek"], "parties": ["FP"]}
    assert m.items[4].remitting_body == "Trafiknämnden"
    # the learned hint: this council files remisser under 1.5.1 (labelled on pages with headings)
    hints = FilingHints()
    for n in range(4):
        hints.learn("farsta", f"1.5.1-{n}-2012", True)
    hints.learn("farsta", "1.2.1-9-2012", False)
    m = parse_meeting(render(lines, markup), URL, council="farsta", hints=hints)
    assert (m.items[-1].is_remiss, m.items[-1].cue) == (True, "diarieklass")
    m = parse_meeting(render(lines, markup), URL, council="skarholmen", hints=hints)  # another council: no hint
    assert not m.items[-1].is_remiss


@pytest.mark.parametrize("markup", MARKUPS)
def test_remiss_items_under_other_headings_and_early_summaries(markup):
    lines = [("h", "Bordlagda ärenden"), ("item", "4", "Cykelplan för innerstaden"),
             "Kommunstyrelsen har till stadsdelsnämnden remitterat ett förslag till cykelplan, KS dnr 316-274/2012.",
             "Utsändes ej"]
    [item] = parse_meeting(render(lines, markup), URL).items
    assert (item.is_remiss, item.remitting_body, item.remitting_dnr, item.status) == (
        True, "Kommunstyrelsen", "KS 316-274/2012", "Utsändes ej")


@pytest.mark.parametrize("markup", MARKUPS)
def test_held_meeting_without_agenda_list(markup):
    lines = ["Sammanträde 2011-03-17", "Bilagor till protokoll",
             ("a", "Närvaro.pdf (41 kb)", "/documentHandler.ashx?did=9"),
             "§1 Val av justerare", "Beslut", "Till justerare utses Per Prov (S).",
             "§2 Remiss av program för lekplatser", "Remiss från Kommunstyrelsen", "Beslut", "Nämnden tillstyrker."]
    m = parse_meeting(render(lines, markup), URL)
    assert [(i.number, i.title, i.is_remiss) for i in m.items] == [
        ("§1", "Val av justerare", False), ("§2", "Remiss av program för lekplatser", True)]
    assert m.items[1].protocol_text and "tillstyrker" in m.items[1].protocol_text
    assert m.items[1].remitting_body == "Kommunstyrelsen"


def test_drifted_page_yields_no_items():
    url = "https://insynsverige.se/stockholm-farsta/protokoll?date=2016-06-16"
    html = (FIXTURES / "sites/insynsverige/stockholm-farsta/protokoll/date=2016-06-16.html").read_text()
    m = parse_meeting(html, url)
    assert m.items == [] and m.date == dt.date(2016, 6, 16)


def test_listing_one_canonical_url_per_meeting_and_year_postbacks():
    page = (FIXTURES / "sites/insynsverige/stockholm-sodermalm/index.html").read_text()
    base = "http://127.0.0.1:9"
    refs = meeting_refs(page, base + "/stockholm-sodermalm", base, "/stockholm-sodermalm")
    # protokoll, dagordning and an http:// link of one date: one meeting, on the source's host
    assert [(r.url, r.date) for r in refs] == [(base + "/stockholm-sodermalm/protokoll?date=2012-03-15",
                                                dt.date(2012, 3, 15))]
    [(action, fields, year)] = year_postbacks(page, base + "/stockholm-sodermalm")
    assert (action, year) == (base + "/stockholm-sodermalm", "2011")
    assert fields["ctl00$ContentPlaceHolder1$ddlYear"] == "2011"
    assert fields["__EVENTTARGET"] == "ctl00$ContentPlaceHolder1$ddlYear" and fields["__VIEWSTATE"]


def test_dagordning_only_meetings_are_listed():
    page = (FIXTURES / "sites/insynsverige/stockholm-alvsjo/index.html").read_text()
    refs = meeting_refs(page, "https://insynsverige.se/stockholm-alvsjo", "https://insynsverige.se",
                        "/stockholm-alvsjo")
    assert [r.url for r in refs] == ["https://insynsverige.se/stockholm-alvsjo/dagordning?date=2012-03-22"]


def test_protocol_text_split_and_matched_by_title_not_number():
    from ingest.crawl.model import AgendaItem
    from ingest.crawl.platforms.common import match_paragraph, split_paragraphs

    text = ("Protokoll\nInnehåll\n§ 1 Val av justerare\n§ 9 Remiss av program för lekplatser\n\n"
            "§ 1\nVal av justerare\nBeslut\nTill justerare utses Per Prov (S).\n\n"
            "§ 9\nRemiss av program för lekplatser\nDnr HÄ 2024/555\nBeslut\nNämnden tillstyrker programmet.\n")
    paragraphs = split_paragraphs(text)
    assert sorted(paragraphs) == ["1", "9"] and "tillstyrker" in paragraphs["9"]  # the longer block, not the contents
    item = AgendaItem(number="7", title="Remiss av program för lekplatser")
    assert match_paragraph(item, paragraphs) == paragraphs["9"]
    assert match_paragraph(AgendaItem(number="9", title="Budget 2025"), paragraphs) is None


@pytest.mark.parametrize("markup", MARKUPS)
def test_titles_starting_with_a_year_and_remissvar_heading(markup):
    lines = [("h", "Remissvar"), ("item", "4", "2011 års program för lekplatser"), ("item", "5", "Budget 2012"),
             "18.30"]
    m = parse_meeting(render(lines, markup), URL)
    assert [(i.number, i.title, i.is_remiss) for i in m.items] == [
        ("4", "2011 års program för lekplatser", True), ("5", "Budget 2012", False)]


def test_number_and_title_in_separate_blocks_and_document_link_on_the_title_line():
    html = ("<main><h3>Remisser</h3><table>"
            "<tr><td><div>12</div></td><td><p>Motion (2010:31) om fler parklekar</p></td></tr>"
            "<tr><td></td><td>Remiss från kommunstyrelsen</td></tr>"
            '<tr><td>13</td><td>Trafikplan för Hökarängen</td><td><a href="/documentHandler.ashx?did=13">'
            "Läs dokument (PDF)</a></td></tr></table></main>")
    m = parse_meeting(html, URL)
    assert [(i.number, i.title, i.is_remiss) for i in m.items] == [
        ("12", "Motion (2010:31) om fler parklekar", True), ("13", "Trafikplan för Hökarängen", True)]
    assert m.items[0].remitting_body == "Kommunstyrelsen"
    assert [d.url for d in m.items[1].documents] == ["https://insynsverige.se/documentHandler.ashx?did=13"]
