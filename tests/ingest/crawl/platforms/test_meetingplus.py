"""MeetingPlus meeting and committee pages: every shape of ../shared/README.md, with the
number and title in separate elements, in a heading, in an accordion button, only in an
aria label, and as spans joined by <br> and table rows. Content invented, shapes real."""
from __future__ import annotations

import datetime as dt
import html as H

import pytest

from ingest.crawl.platforms.meetingplus import MeetingPlus, meeting_refs, parse_meeting
from tests.conftest import FIXTURES

BASE = "https://edokmeetings.stockholm.se"
URL = BASE + "/committees/farsta-stadsdelsnamnd/mote-2024-03-14"
DOC = "/committees/farsta-stadsdelsnamnd/mote-2024-03-14/agenda/"
HEADERS = ("separate", "heading", "button", "aria", "br", "table")

# (number, title, summary paragraphs, [(label, href)])
Entry = tuple[str, str, list[str], list[tuple[str, str]]]
ENTRIES: list[Entry] = [
    ("1", "Val av justerare och dag för justering", [], []),
    ("§ 14", "Svar på remiss om program för lekplatser",
     ["Förvaltningen har fått en remiss från kommunstyrelsen om ett program för lekplatser, KS 2024/951.",
      "Förvaltningen är positiv till programmet."],
     [("Tjänsteutlåtande", DOC + "tjansteutlatande-lekplatserpdf-19038?downloadMode=open"),
      ("Remiss - Program för lekplatser", DOC + "remiss-program-for-lekplatserpdf-19039?downloadMode=open")]),
    ("15", "Motion av Per Berg (m) m fl om fler parkbänkar", ["Kommunstyrelsen har remitterat motionen."],
     [("Tjänsteutlåtande", DOC + "tjansteutlatande-parkbankarpdf?downloadMode=open"),
      ("Protokollsutdrag § 15", "/committees/farsta-stadsdelsnamnd/mote-2024-03-14/protocol/protokollsutdrag-15")]),
    ("16", "Månadsrapport februari", ["Förvaltningen redovisar ekonomin."], []),
]


def entry_html(num: str, title: str, summary: list[str], docs: list[tuple[str, str]], header: str) -> str:
    panel = "".join(f"<p>{H.escape(s)}</p>" for s in summary)
    if docs:
        panel += "<p>Bilagor</p>" + "".join(f'<div><a href="{H.escape(u)}">{H.escape(lb)}</a></div>' for lb, u in docs)
    if header == "br":
        parts = [H.escape(num), H.escape(title)] + [H.escape(s) for s in summary]
        if docs:
            parts += ["Bilagor"] + [f'<a href="{H.escape(u)}">{H.escape(lb)}</a>' for lb, u in docs]
        return "<div>" + "<br>".join(f"<span>{p}</span>" for p in parts) + "<br></div>"
    if header == "table":
        rows = [f"<tr><td>{H.escape(num)}</td></tr><tr><td>{H.escape(title)}</td></tr>"]
        rows += [f"<tr><td>{H.escape(s)}</td></tr>" for s in summary]
        if docs:
            rows += ["<tr><td>Bilagor</td></tr>"] + [f'<tr><td><a href="{H.escape(u)}">{H.escape(lb)}</a></td></tr>'
                                                    for lb, u in docs]
        return "".join(rows)
    head = {
        "separate": f"<div>{H.escape(num)}</div><div>{H.escape(title)}</div>",
        "heading": f"<h3>{H.escape(num)} {H.escape(title)}</h3>",
        "button": (f'<h3><button aria-expanded="false"><span>{H.escape(num)}</span>'
                   f"<span>{H.escape(title)}</span></button></h3>"),
        "aria": f'<button class="toggle" aria-label="{H.escape(num)} {H.escape(title)}"></button>',
    }[header]
    return f"<li>{head}<div class='panel'>{panel}</div></li>"


def page(header: str, entries: list[Entry] = ENTRIES, protocol: str = "") -> str:
    body = "".join(entry_html(*e, header) for e in entries)
    wrap = {"br": "<div>{}</div>", "table": "<table>{}</table>"}.get(header, "<ul>{}</ul>")
    return (f"<html><body><main><p>Hoppa över navigering</p><h1>Farsta stadsdelsnämnd</h1>"
            f"<p>Sammanträde 2024-03-14 kl. 18.00</p><h2>Kallelse</h2>{wrap.format(body)}{protocol}"
            "</main></body></html>")


@pytest.mark.parametrize("header", HEADERS)
def test_entries_in_every_markup(header):
    m = parse_meeting(page(header), URL)
    assert m.date == dt.date(2024, 3, 14)
    assert [(i.number, i.title) for i in m.items] == [(n, t) for n, t, _, _ in ENTRIES]
    assert [i.is_remiss for i in m.items] == [False, True, True, False]
    lek, motion = m.items[1], m.items[2]
    assert (lek.remitting_body, lek.remitting_dnr) == ("Kommunstyrelsen", "KS 2024/951")
    assert lek.summary == " ".join(ENTRIES[1][2])
    assert [(d.kind, d.url.split("/")[-1]) for d in lek.documents] == [
        ("tjansteutlatande", "tjansteutlatande-lekplatserpdf-19038?downloadMode=open"),
        ("bilaga", "remiss-program-for-lekplatserpdf-19039?downloadMode=open")]
    assert motion.motion == {"number": None, "authors": ["Per Berg"], "parties": ["M"]}
    assert [d.kind for d in motion.documents] == ["tjansteutlatande", "protokollsutdrag"]
    assert m.items[3].summary == "Förvaltningen redovisar ekonomin."


def test_entries_whose_header_is_not_in_the_text_and_free_text_entries():
    html = ("<main><ul>" + entry_html(*ENTRIES[0], "separate")
            + "<li><p>Allmänhetens frågestund: frågor om belysningen besvarades.</p></li>"
            + "<li><div><p>Trafiknämnden har remitterat ett förslag till trafikplan för Hökarängen.</p><p>Bilagor</p>"
            + f'<p><a href="{DOC}tjansteutlatande-trafikplanpdf">'
            + "Tjänsteutlåtande - Svar på remiss om trafikplan</a></p>"
            + "</div></li></ul></main>")
    m = parse_meeting(html, URL)
    assert [(i.number, i.is_remiss) for i in m.items] == [("1", False), (None, False), (None, True)]
    assert m.items[1].title.startswith("Allmänhetens frågestund")
    last = m.items[2]
    assert last.title == "Tjänsteutlåtande - Svar på remiss om trafikplan"  # the attachment's link text
    assert last.remitting_body == "Trafiknämnden" and last.documents[0].kind == "tjansteutlatande"


def test_protocol_tab_full_protocol_and_unsigned():
    signed = ('<h2>Protokoll</h2><p><a href="/committees/farsta-stadsdelsnamnd/mote-2024-03-14/protocol/'
              'protokoll-2024-03-14pdf?downloadMode=open">Protokoll 2024-03-14</a></p>')
    m = parse_meeting(page("button", protocol=signed), URL)
    assert [(p.kind, p.label) for p in m.protocol_links] == [("protokoll", "Protokoll 2024-03-14")]
    assert len(m.items) == 4  # the tab ends the agenda; the protocol is not an item's attachment
    unsigned = ('<h2>Protokoll</h2><p><a href="javascript:void(0);">Protokoll</a></p>'
                "<p>Inget protokoll har publicerats</p>")
    m = parse_meeting(page("button", protocol=unsigned), URL)
    assert m.protocol_links == [] and len(m.items) == 4
    # the platform names the full protocol and the meeting's "Ladda ner allt" endpoint when the page states its id
    dl = unsigned + '<div data-meeting-id="5123"></div>'
    from ingest.crawl.model import Source
    src = Source("meetingplus", "farsta", BASE, "/committees/farsta-stadsdelsnamnd", "Farsta")
    html = page("button", protocol=dl)
    assert MeetingPlus().protocol_urls(html, URL, parse_meeting(html, URL), src) == [
        BASE + "/api/v2.0/meetings/5123/download/Protocol"]


def test_welcome_paths_and_committee_listing():
    listing = (FIXTURES / "sites/meetingplus/committees/sodermalms-stadsdelsnamnd/index.html").read_text()
    refs = meeting_refs(listing, "http://127.0.0.1:9/committees/sodermalms-stadsdelsnamnd", "http://127.0.0.1:9",
                        "/committees/sodermalms-stadsdelsnamnd")
    base = "http://127.0.0.1:9/committees/sodermalms-stadsdelsnamnd/"
    # both hosts, http and a trailing slash: one canonical URL; /representatives is no meeting
    assert [(r.url, r.date, r.cancelled) for r in refs] == [
        (base + "mote-2024-12-12", dt.date(2024, 12, 12), False),
        (base + "mote-2027-01-21", dt.date(2027, 1, 21), False),
        (base + "mote-2023-03-16-installt", dt.date(2023, 3, 16), True),
    ]
    welcome = ('<a href="/welcome-sv/namnder-styrelser/farsta-stadsdelsnamnd/mote-2020-02-20">Möte</a>'
               '<a aria-label="Sammanträde 2021-05-06" href="/committees/farsta-stadsdelsnamnd/m-4711">Sammanträde</a>')
    refs = meeting_refs(welcome, BASE + "/committees/farsta-stadsdelsnamnd", BASE, "/committees/farsta-stadsdelsnamnd")
    assert [(r.url.rsplit("/", 1)[-1], r.date) for r in refs] == [("mote-2020-02-20", dt.date(2020, 2, 20)),
                                                                    ("m-4711", dt.date(2021, 5, 6))]


def test_recorded_meeting_with_a_protocol_extract():
    url = "http://127.0.0.1:9/committees/sodermalms-stadsdelsnamnd/mote-2024-12-12"
    m = parse_meeting((FIXTURES / "sites/meetingplus/committees/sodermalms-stadsdelsnamnd/mote-2024-12-12/index.html")
                      .read_text(), url)
    assert [(i.number, i.is_remiss) for i in m.items] == [("§ 1", False), ("§ 2", False), ("§ 14", True)]
    item = m.items[2]
    assert (item.remitting_body, item.remitting_dnr) == ("Kommunstyrelsen", "KS 2024/951")
    assert [d.kind for d in item.documents] == ["tjansteutlatande", "protokollsutdrag"]
    assert item.documents[0].url.endswith(
        "tjansteutlatande-remiss-av-motion-om-facebookgrupperpdf-19038?downloadMode=open")


def test_tab_labels_above_the_agenda_and_titles_that_are_links():
    html = ('<main><div role="tablist"><button>Kallelse</button><button>Protokoll</button></div><ul>'
            '<li><div>3</div><div><a href="/committees/farsta-stadsdelsnamnd/arenden/88">'
            "Remiss av parkprogram</a></div>"
            "<p>Remiss från kommunstyrelsen.</p><p>Bilagor</p>"
            f'<p><a href="{DOC}tjansteutlatande-parkprogrampdf">Tjänsteutlåtande</a></p></li></ul></main>')
    [item] = parse_meeting(html, URL).items
    assert (item.number, item.title, item.is_remiss, item.remitting_body) == (
        "3", "Remiss av parkprogram", True, "Kommunstyrelsen")
    assert [d.kind for d in item.documents] == ["tjansteutlatande"]


def test_navigation_lists_before_the_agenda_are_not_entries():
    html = ('<main><ul><li><a href="/">Start</a></li><li><a href="/committees">Nämnder och styrelser</a></li></ul>'
            "<h2>Kallelse</h2><ul>" + entry_html(*ENTRIES[1], "separate") + "</ul></main>")
    m = parse_meeting(html, URL)
    assert [i.number for i in m.items] == ["§ 14"]
    assert "Start" in m.unmatched


def test_answer_told_from_material_by_file_name_when_the_label_is_a_file_name():
    html = ("<main><ul><li><div>8</div><div>Remiss av cykelplan</div><p>Bilagor</p>"
            f'<p><a href="{DOC}tjansteutlatande-cykelplanpdf-501?downloadMode=open">Cykelplan 2012.pdf</a></p>'
            f'<p><a href="{DOC}remiss-cykelplan-2012pdf-502?downloadMode=open">Remiss cykelplan.pdf</a></p>'
            "</li></ul></main>")
    [item] = parse_meeting(html, URL).items
    assert [d.kind for d in item.documents] == ["tjansteutlatande", "bilaga"]


def test_meetings_listed_in_a_side_menu():
    html = ('<body><nav><ul><li><a href="/committees/farsta-stadsdelsnamnd/mote-2024-03-14">Sammanträde</a></li>'
            "</ul></nav><main><h1>Farsta stadsdelsnämnd</h1></main></body>")
    refs = meeting_refs(html, BASE + "/committees/farsta-stadsdelsnamnd", BASE, "/committees/farsta-stadsdelsnamnd")
    assert [r.url for r in refs] == [URL]
