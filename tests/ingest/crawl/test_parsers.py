"""The platform parsers are pure functions over the recorded pages."""
from __future__ import annotations

import datetime as dt

from ingest.crawl import insynsverige, meetingplus
from tests.conftest import FIXTURES

MP = FIXTURES / "sites/meetingplus/committees"
INS = FIXTURES / "sites/insynsverige"
BASE = "https://meetingspublic.stockholm.se"


def test_council_page_lists_each_meeting_once():
    html = (MP / "sodermalms-stadsdelsnamnd/index.html").read_text()
    links = meetingplus.meeting_links(html, BASE + "/committees/sodermalms-stadsdelsnamnd")
    assert links == [
        BASE + "/committees/sodermalms-stadsdelsnamnd/mote-2024-12-12",  # also in navigation: once
        BASE + "/committees/sodermalms-stadsdelsnamnd/mote-2027-01-21",
        BASE + "/committees/sodermalms-stadsdelsnamnd/mote-2023-03-16",
    ]


def test_meeting_page_items_documents_and_remiss():
    url = BASE + "/committees/sodermalms-stadsdelsnamnd/mote-2024-12-12"
    m = meetingplus.parse_meeting((MP / "sodermalms-stadsdelsnamnd/mote-2024-12-12/index.html").read_text(), url)
    assert m.date == dt.date(2024, 12, 12)
    assert [i.number for i in m.items] == ["1", "2", "12"]
    assert [i.is_remiss_answer for i in m.items] == [False, False, True]
    item = m.items[2]
    assert item.remitting_body == "Kommunstyrelsen" and item.remitting_dnr == "KS 2024/951"
    assert "SÖ 2024/1234" in item.dnrs
    # the numeric suffix after "pdf" is kept: hrefs as found
    assert item.documents[0].url == url + "/agenda/tjansteutlatande-remiss-av-motion-om-facebookgrupperpdf-19038?downloadMode=open"
    assert item.documents[0].kind == "tjansteutlatande"
    assert item.documents[1].kind == "protokollsutdrag"
    # the unsigned protocol (javascript:void(0);) is skipped; the signed extract is kept
    assert [p.url for p in m.protocol_links] == [url + "/protocol/protokollsutdrag-12?downloadMode=open"]


def test_remiss_item_without_documents():
    url = BASE + "/committees/sodermalms-stadsdelsnamnd/mote-2023-03-16"
    m = meetingplus.parse_meeting((MP / "sodermalms-stadsdelsnamnd/mote-2023-03-16/index.html").read_text(), url)
    remiss = [i for i in m.items if i.is_remiss_answer]
    assert len(remiss) == 1 and remiss[0].documents == []
    assert remiss[0].remitting_body == "Trafiknämnden" and remiss[0].remitting_dnr == "T2016-01234"


def test_insynsverige_meeting():
    base = "https://insynsverige.se/stockholm-sodermalm"
    links = insynsverige.meeting_links((INS / "stockholm-sodermalm/index.html").read_text(), base)
    assert links == [base + "/protokoll?date=2012-03-15"]
    m = insynsverige.parse_meeting((INS / "stockholm-sodermalm/protokoll/date=2012-03-15.html").read_text(), links[0])
    assert m.date == dt.date(2012, 3, 15)
    assert [(i.number, i.headings, i.is_remiss_answer) for i in m.items] == [
        ("3", ["Beslutsärenden"], False), ("8", ["Remisser"], True)]
    item = m.items[1]
    assert item.remitting_body == "Kommunstyrelsen" and item.remitting_dnr == "316-259/2012"
    assert item.documents[0].url == base + "/dokument/2012-03-15-8.pdf"
    assert item.protocol_text and item.protocol_text.startswith("§8")


def test_markup_drift_yields_no_items():
    url = "https://insynsverige.se/stockholm-farsta/protokoll?date=2016-06-16"
    m = insynsverige.parse_meeting((INS / "stockholm-farsta/protokoll/date=2016-06-16.html").read_text(), url)
    assert m.items == []
