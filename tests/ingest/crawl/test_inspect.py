"""`remissvar items` and `remissvar probe` on the recorded sites."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from ingest.crawl.http import Fetcher
from ingest.crawl.inspect import items_stream, page_items, probe
from ingest.crawl.replay import ReplayServer
from remissvar_cli.main import app
from tests.conftest import FIXTURES, free_port

INS = FIXTURES / "sites/insynsverige"
MP = FIXTURES / "sites/meetingplus"
SOD_2012 = INS / "stockholm-sodermalm/protokoll/date=2012-03-15.html"
SOD_2012_URL = "https://insynsverige.se/stockholm-sodermalm/protokoll?date=2012-03-15"


def test_items_of_a_saved_page():
    out = page_items(SOD_2012.read_text(), SOD_2012_URL)
    assert out["url"] == SOD_2012_URL and out["date"] == "2012-03-15"
    remiss = [i for i in out["items"] if i["is_remiss"]]
    assert [(i["number"], i["heading"], i["remitting_body"], i["remitting_dnr"], i["dnr"]) for i in remiss] == [
        ("8", "REMISSER/YTTRANDEN", "Kommunstyrelsen", "316-259/2012", "1.5.1-135-2012")]
    assert remiss[0]["motion"] == {"number": "2012:6", "authors": [], "parties": []}
    assert remiss[0]["documents"] == [{"url": "https://insynsverige.se/stockholm-sodermalm/documentHandler.ashx?did=100",
                                       "label": "Läs dokument (PDF)", "kind": "tjansteutlatande"}]
    assert remiss[0]["summary"].startswith("Förvaltningen ställer sig positiv")


def test_items_from_json_lines_chooses_the_platform_by_url():
    mp_url = "https://meetingspublic.stockholm.se/committees/alvsjo-stadsdelsnamnd/mote-2019-11-21"
    lines = [json.dumps({"url": SOD_2012_URL, "html": SOD_2012.read_text()}),
             json.dumps({"url": mp_url,
                         "html": (MP / "committees/alvsjo-stadsdelsnamnd/mote-2019-11-21/index.html").read_text()}),
             json.dumps({"url": "https://example.se/x", "html": "<p>1 Ärende</p>"}), "not json"]
    out = list(items_stream(lines))
    assert [o.get("date") for o in out[:2]] == ["2012-03-15", "2019-11-21"]
    mp_item = [i for i in out[1]["items"] if i["is_remiss"]][0]
    assert (mp_item["number"], mp_item["remitting_body"], mp_item["remitting_dnr"]) == (
        "8", "Kommunstyrelsen", "KS 2019/1187")
    assert out[2]["url"] == "https://example.se/x" and "plattform" in out[2]["error"]
    assert out[3]["url"] is None and "error" in out[3]


def test_items_command():
    res = CliRunner().invoke(app, ["items", str(SOD_2012), "--url", SOD_2012_URL])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["items"][2]["number"] == "8"


def test_probe_fetches_reports_and_saves(tmp_path):
    with ReplayServer(INS, port=free_port()) as srv:
        fetcher = Fetcher({f"127.0.0.1:{srv.httpd.server_address[1]}"}, min_interval=0)
        url = srv.base_url + "/stockholm-sodermalm/protokoll?date=2011-03-17"
        report = probe(url, fetcher, tmp_path / "pages")
        drift = probe(srv.base_url + "/stockholm-farsta/protokoll?date=2016-06-16", fetcher, tmp_path / "pages")
    assert report["date"] == "2011-03-17" and not report["date_missing"]
    assert (report["items"], report["remiss_items"], report["remiss_without_documents"]) == (4, 1, [])
    assert "Sammanträde 2011-03-17" in report["unmatched_lines"]  # the preamble: read by no item rule
    saved = tmp_path / "pages" / report["saved"].rsplit("/", 1)[-1]
    assert saved.read_text() == (INS / "stockholm-sodermalm/protokoll/date=2011-03-17.html").read_text()
    assert (saved.with_suffix(".url")).read_text().strip() == url
    assert drift["items"] == 0 and "Ärendelistan kunde inte visas" in drift["unmatched_lines"]

