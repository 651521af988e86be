"""Every district (issue 30 point 5): councils discovered from the city's listing pages on the
recorded sites (tests/fixtures/sites: insynsverige's /stockholm, MeetingPlus' /committees),
REMISSVAR_COUNCILS widening the crawl, the mission's councils the default."""
from __future__ import annotations

import datetime as dt
from contextlib import ExitStack

import pytest

from ingest.crawl.discovery import council_slug, listed_councils, select_sources, with_base
from ingest.crawl.http import Fetcher
from ingest.crawl.model import load_listings, load_sources
from ingest.crawl.platforms import recorded_servers, registry
from ingest.crawl.runner import crawl_sources, recorded_sources
from remissvar.records import COUNCILS, ERAS, councils_on
from remissvar.settings import Settings
from tests.conftest import FIXTURES, free_port

SITES = FIXTURES / "sites"


def test_the_listings_name_every_district_of_both_eras():
    ins = listed_councils((SITES / "insynsverige/stockholm/index.html").read_text(), "https://insynsverige.se/stockholm",
                          "insynsverige")
    mp = listed_councils((SITES / "meetingplus/committees/index.html").read_text(),
                         "https://edokmeetings.stockholm.se/committees", "meetingplus")
    # the legacy archive (2001-2019): the 18 councils of 1999-2006 and the 4 new of 2007
    assert len(ins) == 22 and ("Katarina-Sofia stadsdelsnämnd", "/stockholm-katarinasofia") in ins
    # MeetingPlus (2019-): the 13 of 2020, the 2 of July 2023, and the 2019 predecessors; no KS/KF
    assert len(mp) == 17 and ("Järva stadsdelsnämnd", "/committees/jarva-stadsdelsnamnd") in mp
    assert not any("styrelsen" in n or "fullmäktige" in n for n, _ in mp)


@pytest.mark.parametrize("name, slug", [
    ("Katarina-Sofia stadsdelsnämnd", "katarina-sofia"), ("Hägersten–Älvsjö stadsdelsnämnd", "hagersten-alvsjo"),
    ("Enskede-Årsta-Vantörs stadsdelsnämnd", "enskede-arsta-vantor"), ("Norra innerstadens stadsdelsnämnd",
                                                                      "norra-innerstaden"),
    ("Bromma stadsdelsnämnd", "bromma"), ("Kungsholmens stadsdelsnämnd", "kungsholmen"),
])
def test_council_slugs(name, slug):
    assert council_slug(name) == slug


def _select(councils: str):
    s = Settings()
    configured = load_sources(s.sources_file)
    with ExitStack() as stack:
        servers = recorded_servers(s, stack, ports=[free_port() for _ in registry()])
        hosts = {f"127.0.0.1:{x.httpd.server_address[1]}" for x in servers.values()}
        listings = with_base(load_listings(s.sources_file), {name: x.base_url for name, x in servers.items()})
        return configured, select_sources(configured, listings, councils, Fetcher(hosts, min_interval=0).get)


def test_mission_is_the_default_and_all_adds_every_listed_district():
    configured, same = _select("mission")
    assert same == configured and Settings().councils == "mission"
    configured, everything = _select("all")
    assert everything[: len(configured)] == configured
    added = everything[len(configured):]
    # every district council of both listings not configured, each once per platform, none guessed
    assert len({(x.platform, x.council) for x in added}) == len(added)
    councils = {x.council for x in everything if x.role == "answers"}
    # every council of every era from 1999 (the 24 of 1997-1998 are not established: ERAS[0])
    for era in ERAS[1:]:
        for d in (era.start, era.end or dt.date(2024, 1, 1)):
            assert {x.slug for x in councils_on(d)} <= councils, (era.label, d)
    assert {x.council for x in added if x.platform == "insynsverige"} >= {"bromma", "enskede-arsta-vantor", "rinkeby"}
    assert {x.council for x in added if x.platform == "meetingplus"} >= {"jarva", "norra-innerstaden", "bromma"}
    # the lineage table's lineage (where the sites show it); a council whose predecessors are not
    # established stands alone
    by = {(x.platform, x.council): x for x in added}
    assert by["insynsverige", "rinkeby-kista"].lineage == ("rinkeby", "kista")
    assert by["insynsverige", "enskede-arsta-vantor"].lineage == ("enskede-arsta", "vantor")
    assert by["meetingplus", "rinkeby-kista"].lineage == ("rinkeby", "kista")  # listed on the other platform
    assert by["meetingplus", "jarva"].lineage == ("rinkeby-kista", "spanga-tensta")
    assert by["meetingplus", "norra-innerstaden"].lineage == ("norrmalm", "ostermalm")
    assert not by["meetingplus", "jarva"].standalone
    for slug in ("bromma", "spanga-tensta", "kungsholmen"):  # what came before 1999 is not established
        x = by.get(("meetingplus", slug))
        assert x is not None and x.standalone and x.lineage == ()
    # every council both listings name is in the lineage table
    assert {x.council for x in everything if x.role == "answers"} <= set(COUNCILS)
    assert by["insynsverige", "bromma"].path == "/stockholm-bromma"
    assert not any(x.council in ("katarina-sofia", "farsta") for x in added)  # configured already


@pytest.mark.parametrize("slug, listed, want", [
    ("hagersten-liljeholmen", {"hagersten", "liljeholmen"}, ("hagersten", "liljeholmen")),
    ("enskede-arsta-vantor", {"enskede-arsta", "vantor", "enskede"}, ("enskede-arsta", "vantor")),
    ("spanga-tensta", {"spanga"}, ()),  # one part not listed: no split
    ("bromma", {"bromma"}, ()),
])
def test_joined_predecessors(slug, listed, want):
    from ingest.crawl.discovery import joined_predecessors

    assert joined_predecessors(slug, listed) == want


def test_a_council_the_table_does_not_know():
    """A council the lineage table lacks (names invented for this test, on the recorded listing):
    predecessors where its name joins listed councils whole, else it stands alone; a council the
    table knows takes the table's lineage and mark."""
    from ingest.crawl.http import Response
    from ingest.crawl.model import Listing

    html = (SITES / "insynsverige/stockholm/index.html").read_text(encoding="utf-8")
    extra = ('<li><a href="/stockholm-exempelby">Exempelby stadsdelsnämnd</a></li>'
             '<li><a href="/stockholm-provsta">Provsta stadsdelsnämnd</a></li>'
             '<li><a href="/stockholm-exempelbyprovsta">Exempelby-Provsta stadsdelsnämnd</a></li>')
    page = html.replace("</ul>", extra + "</ul>", 1).encode("utf-8")

    def get(url: str) -> Response:
        return Response(url=url, status=200, content=page, content_type="text/html", etag=None, last_modified=None)

    chosen = select_sources([], [Listing("insynsverige", "https://insynsverige.se", "/stockholm")], "all", get)
    by = {x.council: x for x in chosen}
    assert "exempelby-provsta" not in COUNCILS
    assert by["exempelby-provsta"].lineage == ("exempelby", "provsta") and not by["exempelby-provsta"].standalone
    assert by["exempelby"].standalone and by["exempelby"].lineage == ()
    assert by["bromma"].standalone and by["bromma"].lineage == ()
    assert by["rinkeby-kista"].lineage == ("rinkeby", "kista") and not by["rinkeby-kista"].standalone


def test_a_list_of_councils():
    _, chosen = _select("farsta, bromma")
    assert sorted((x.platform, x.council) for x in chosen) == [
        ("insynsverige", "bromma"), ("insynsverige", "farsta"), ("meetingplus", "bromma"), ("meetingplus", "farsta")]


@pytest.mark.slow
def test_crawl_with_every_council_on_the_recorded_sites(tmp_path):
    s = Settings(data_dir=tmp_path / "data", councils="all")
    with ExitStack() as stack:
        sources, hosts = recorded_sources(s, stack, ports=(free_port(), free_port()))
        stats, _ = crawl_sources(s, sources, hosts, min_interval=0)
    assert {"bromma", "jarva", "norra-innerstaden", "enskede-arsta-vantor", "farsta"} <= set(stats)
    # each constructed district lists one meeting (its agenda: no remiss), crawled without failure
    assert (stats["jarva"].meetings_listed, stats["jarva"].remiss_items, stats["jarva"].failures) == (1, 0, [])
    assert stats["bromma"].meetings_listed == 2  # one on each platform
    assert stats["farsta"].remiss_items == 2  # the mission's councils crawl as before
