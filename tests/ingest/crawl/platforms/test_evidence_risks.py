"""The four risks public evidence of the two platforms shows (issue 30 point 4;
../shared/README.md, "Facts from public evidence about the two platforms"), each on a page in
the real shape (content invented): the legacy year filter with options besides the years or as
a non-select widget, and the per-year "Möteskalender" as a second route; MeetingPlus "(Signerad)
Protokoll § N omedelbar justering" extracts in the Protokoll tab; numbered decision points after
"Förslag till beslut"; whole-document "Ladda ner som PDF" links."""
from __future__ import annotations

import datetime as dt
import logging

import pytest

from ingest.crawl.http import Fetcher
from ingest.crawl.model import Source
from ingest.crawl.platforms.common import year_postbacks
from ingest.crawl.platforms.insynsverige import Insynsverige
from ingest.crawl.platforms.insynsverige import parse_meeting as parse_legacy
from ingest.crawl.platforms.meetingplus import parse_meeting as parse_mp
from ingest.crawl.replay import ReplayServer
from tests.conftest import free_port
from tests.ingest.crawl.platforms.test_insynsverige import MARKUPS, PREAMBLE, URL, render

HIDDEN = ('<input type="hidden" name="__VIEWSTATE" value="dDwtMTA4"/>'
          '<input type="hidden" name="__EVENTVALIDATION" value="/wEW"/>'
          '<input type="hidden" name="__EVENTTARGET" value=""/><input type="hidden" name="__EVENTARGUMENT" value=""/>')


def _council_page(slug: str, filter_html: str, dates: list[str], extra: str = "") -> str:
    links = "".join(f'<li><a href="/{slug}/protokoll?date={d}">Sammanträde {d}</a></li>' for d in dates)
    return (f'<html><body><form method="post" action="/{slug}" id="aspnetForm">{HIDDEN}<main>'
            f"<h1>Farsta stadsdelsnämnd</h1><h2>Senaste sammanträden</h2>{filter_html}<ul>{links}</ul>{extra}"
            "</main></form></body></html>")


SELECT_WITH_WORDS = ('<select name="ctl00$cph$ctrFilterByYear$ddl" id="ctl00_cph_ctrFilterByYear_ddl">'
                     '<option value="">Välj år</option><option value="-1">Alla år</option>'
                     '<option selected="selected" value="2011">2011</option><option value="2010">2010</option>'
                     '<option value="2009">2009</option></select>')
LINK_WIDGET = ('<div id="ctl00_cph_ctrFilterByYear"><a class="selected" href="javascript:__doPostBack('
               "'ctl00$cph$ctrFilterByYear','2011')\">2011</a> "
               "<a href=\"javascript:__doPostBack('ctl00$cph$ctrFilterByYear','2010')\">2010</a> "
               "<a href=\"javascript:__doPostBack('ctl00$cph$ctrFilterByYear','2009')\">2009</a></div>")
RADIO_WIDGET = ('<fieldset id="ctl00_cph_ctrFilterByYear"><label><input type="radio" checked="checked" '
                'name="ctl00$cph$ctrFilterByYear" value="2011">2011</label><label><input type="radio" '
                'name="ctl00$cph$ctrFilterByYear" value="2010">2010</label><label><input type="radio" '
                'name="ctl00$cph$ctrFilterByYear" value="2009">2009</label></fieldset>')


@pytest.mark.parametrize("widget", [SELECT_WITH_WORDS, LINK_WIDGET, RADIO_WIDGET], ids=["select", "links", "radio"])
def test_year_filter_variants_post_every_other_year(widget):
    posts = year_postbacks(_council_page("stockholm-x", widget, ["2011-03-17"]), "https://insynsverige.se/stockholm-x")
    assert sorted(year for _, _, year in posts) == ["2009", "2010"]  # "Välj år"/"Alla år" are no years
    for action, fields, year in posts:
        assert action == "https://insynsverige.se/stockholm-x" and fields["__VIEWSTATE"] == "dDwtMTA4"
        assert year in fields.values()


def _serve(tmp_path, pages: dict[str, str]):
    for rel, html in pages.items():
        f = tmp_path / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(html, encoding="utf-8")
    return ReplayServer(tmp_path, port=free_port())


@pytest.mark.parametrize("widget", [SELECT_WITH_WORDS, LINK_WIDGET, RADIO_WIDGET], ids=["select", "links", "radio"])
def test_every_year_listed_through_the_filter_variants(tmp_path, widget):
    slug = "stockholm-x"
    pages = {f"{slug}/index.html": _council_page(slug, widget, ["2011-03-17", "2011-05-19"]),
             f"{slug}/year=2010.html": _council_page(slug, widget, ["2010-04-15"]),
             f"{slug}/year=2009.html": _council_page(slug, widget, ["2009-02-12"])}
    with _serve(tmp_path, pages) as srv:
        src = Source("insynsverige", "farsta", srv.base_url, "/" + slug, "Farsta stadsdelsnämnd")
        refs = Insynsverige().list_meetings(src, Fetcher({f"127.0.0.1:{srv.httpd.server_address[1]}"},
                                                         min_interval=0))
    dates = sorted(r.date for r in refs if r.date is not None)
    assert dates == [dt.date(2009, 2, 12), dt.date(2010, 4, 15), dt.date(2011, 3, 17), dt.date(2011, 5, 19)]


def test_moteskalender_is_a_second_route_and_a_short_listing_is_warned(tmp_path, caplog):
    slug = "stockholm-x"
    calendar = ('<h2>Möteskalender</h2><ul><li><a href="/stockholm-x/moteskalender/2008">Möteskalender 2008</a></li>'
                '<li><a href="/stockholm-x/moteskalender/2007">Möteskalender 2007</a></li></ul>')
    # a widget the reader cannot post (no form fields): only the calendar reaches the older years
    pages = {f"{slug}/index.html": (f"<html><body><main><h1>Farsta stadsdelsnämnd</h1><h2>Senaste sammanträden</h2>"
                                    f'<ul><li><a href="/{slug}/protokoll?date=2011-03-17">Sammanträde 2011-03-17</a>'
                                    f"</li></ul>{calendar}</main></body></html>"),
             f"{slug}/moteskalender/2008/index.html": (f'<main><a href="/{slug}/protokoll?date=2008-10-16">'
                                                        "Sammanträde 2008-10-16</a></main>"),
             f"{slug}/moteskalender/2007/index.html": (f'<main><a href="/{slug}/dagordning?date=2007-11-22">'
                                                        "Dagordning 2007-11-22</a></main>")}
    with _serve(tmp_path, pages) as srv, caplog.at_level(logging.WARNING):
        src = Source("insynsverige", "farsta", srv.base_url, "/" + slug, "Farsta stadsdelsnämnd")
        refs = Insynsverige().list_meetings(src, Fetcher({f"127.0.0.1:{srv.httpd.server_address[1]}"},
                                                         min_interval=0))
    dates = sorted(r.date for r in refs if r.date is not None)
    assert dates == [dt.date(2007, 11, 22), dt.date(2008, 10, 16), dt.date(2011, 3, 17)]
    # Farsta existed 1997-: the archive's 2001-2019 should list 19 years, it lists 3
    assert any("Farsta stadsdelsnämnd" in r.getMessage() and "3 år listade av 2001–2019" in r.getMessage()
               for r in caplog.records)


# ---- MeetingPlus: "(Signerad) Protokoll § N omedelbar justering" -----------------------------
MP_URL = "https://edokmeetings.stockholm.se/committees/farsta-stadsdelsnamnd/mote-2024-03-14"
MP_DOC = "/committees/farsta-stadsdelsnamnd/mote-2024-03-14/agenda/"
MP_PROT = "/committees/farsta-stadsdelsnamnd/mote-2024-03-14/protocol/"


def _mp_page(protocol_first: bool) -> str:
    entries = (
        '<li><h3><button><span>§ 13</span><span>Val av justerare</span></button></h3></li>'
        '<li><h3><button><span>§ 14</span><span>Svar på remiss om program för lekplatser</span></button></h3>'
        "<div><p>Förvaltningen har fått en remiss från kommunstyrelsen, KS 2024/951.</p><p>Bilagor</p>"
        f'<div><a href="{MP_DOC}tjansteutlatande-lekplatserpdf-19038?downloadMode=open">Tjänsteutlåtande</a></div>'
        "</div></li>"
        '<li><h3><button><span>§ 15</span><span>Månadsrapport februari</span></button></h3>'
        f'<div><p>Bilagor</p><div><a href="{MP_DOC}manadsrapportpdf-19040?downloadMode=open">Månadsrapport</a>'
        "</div></div></li>")
    protocol = (
        '<div><a id="openProtocol" href="#protocol">Protokoll</a></div>'
        f'<div><a href="{MP_PROT}protokoll-2024-03-14pdf?downloadMode=open">Protokoll 2024-03-14</a></div>'
        f'<div><a href="{MP_PROT}protokoll-14pdf?downloadMode=open">(Signerad) Protokoll § 14 omedelbar justering</a>'
        "</div>"
        f'<div><a href="{MP_PROT}protokoll-21pdf?downloadMode=open">(Signerad) Protokoll § 21 omedelbar justering</a>'
        "</div>")
    agenda = f'<div><a id="openAgenda" href="#agenda">Kallelse</a></div><ul>{entries}</ul>'
    body = protocol + agenda if protocol_first else agenda + protocol
    return f"<html><body><main><p>Hoppa över navigering</p><h1>Farsta stadsdelsnämnd</h1>{body}</main></body></html>"


@pytest.mark.parametrize("protocol_first", [False, True], ids=["tab-after", "tab-before"])
def test_protocol_extracts_go_to_their_paragraph_never_the_last_item(protocol_first):
    m = parse_mp(_mp_page(protocol_first), MP_URL)
    by = {i.number: i for i in m.items}
    assert list(by) == ["§ 13", "§ 14", "§ 15"]
    assert [d.label for d in by["§ 15"].documents] == ["Månadsrapport"]  # the last item keeps only its own
    assert [(d.kind, d.label) for d in by["§ 14"].documents] == [
        ("tjansteutlatande", "Tjänsteutlåtande"), ("protokollsutdrag", "(Signerad) Protokoll § 14 omedelbar justering")]
    # the full protocol, and an extract of a paragraph the agenda does not list, stay with the meeting
    assert [(p.kind, p.label) for p in m.protocol_links] == [
        ("protokoll", "Protokoll 2024-03-14"), ("protokollsutdrag", "(Signerad) Protokoll § 21 omedelbar justering")]


# ---- numbered decision points after "Förslag till beslut" -------------------------------------
@pytest.mark.parametrize("markup", MARKUPS)
def test_numbered_decision_points_start_no_items_legacy(markup):
    m = parse_legacy(render(PREAMBLE + [
        ("item", "1", "Val av justerare och tid för justering"),
        ("h", "Remissärenden"),
        ("item", "12", "Motion (2010:31) om fler parklekar i ytterstaden"),
        "Remiss från kommunstyrelsen, dnr 325-1180/2010.",
        "Förslag till beslut",
        "1 Stadsdelsnämnden överlämnar förvaltningens tjänsteutlåtande som svar på remissen",
        "2 Stadsdelsnämnden justerar paragrafen omedelbart",
        "Ärendedokument", ("a", "Läs dokument (PDF)", "/documentHandler.ashx?did=12"),
        ("item", "13", "Trafikplan för Hökarängen"), "Remiss från trafikkontoret",
    ], markup), URL)
    assert [i.number for i in m.items] == ["1", "12", "13"]
    motion = m.items[1]
    assert [d.url.rsplit("=", 1)[-1] for d in motion.documents] == ["12"]  # the remiss keeps its document
    assert "1 Stadsdelsnämnden överlämnar" in (motion.summary or "")


def test_numbered_decision_points_start_no_items_meetingplus():
    html = ('<html><body><main><h1>Farsta stadsdelsnämnd</h1><ul>'
            '<li><div>1</div><div>Val av justerare</div></li>'
            '<li><div>7</div><div>Svar på remiss om program för lekplatser</div>'
            "<div><p>Förvaltningen har fått en remiss från kommunstyrelsen, KS 2024/951.</p>"
            "<p>Förslag till beslut</p><p>1 Stadsdelsnämnden överlämnar förvaltningens tjänsteutlåtande</p>"
            "<p>2 Stadsdelsnämnden justerar paragrafen omedelbart</p><p>Bilagor</p>"
            f'<div><a href="{MP_DOC}tjansteutlatande-lekplatserpdf-19038?downloadMode=open">Tjänsteutlåtande</a>'
            "</div></div></li></ul></main></body></html>")
    m = parse_mp(html, MP_URL)
    assert [i.number for i in m.items] == ["1", "7"]
    assert [d.label for d in m.items[1].documents] == ["Tjänsteutlåtande"]


# ---- whole-document "Ladda ner som PDF" --------------------------------------------------------
@pytest.mark.parametrize("markup", MARKUPS)
def test_whole_document_links_stay_at_meeting_level(markup):
    m = parse_legacy(render(PREAMBLE + [
        "Kallelse", ("a", "Ladda ner som PDF", "/documentHandler.ashx?did=900"),
        ("h", "Remisser"),
        ("item", "12", "Program för lekplatser"), "Remiss från kommunstyrelsen",
        "Ärendedokument", ("a", "Läs dokument (PDF)", "/documentHandler.ashx?did=12"),
        "Protokoll", ("a", "Ladda ner som PDF", "/documentHandler.ashx?did=901"),
    ], markup), URL)
    [item] = m.items
    assert [d.url.rsplit("=", 1)[-1] for d in item.documents] == ["12"]
    assert [(p.kind, p.url.rsplit("=", 1)[-1]) for p in m.protocol_links] == [("bilaga", "900"), ("protokoll", "901")]
