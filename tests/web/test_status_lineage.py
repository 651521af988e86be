"""The status page marks each council's place in the lineage table (issue 30 point 5): the
eras its meetings span, the councils it continues, or that it stands alone. A crawl of the
recorded sites over real HTTP on 127.0.0.1 with REMISSVAR_COUNCILS naming three councils
(two discovered from the city's listings), its snapshot published as the pipeline does."""
from __future__ import annotations

import re
from contextlib import ExitStack

import pytest

from remissvar.settings import Settings
from tests.conftest import free_port

pytestmark = pytest.mark.services


@pytest.fixture(scope="module")
def crawled(tmp_path_factory, settings):
    from ingest.crawl.runner import crawl_sources, recorded_sources
    from ingest.stages import publish_crawl_status

    s = Settings(data_dir=tmp_path_factory.mktemp("lineage") / "data", councils="farsta, bromma, jarva",
                 index_prefix=f"{settings.index_prefix}-lineage", recorded_port=free_port())
    with ExitStack() as stack:
        sources, hosts = recorded_sources(s, stack, ports=(s.recorded_port, free_port()))
        stats, store = crawl_sources(s, sources, hosts, min_interval=0)
    publish_crawl_status(s, store)
    assert {"farsta", "bromma", "jarva"} <= set(stats)
    return s


def test_the_status_report_carries_each_councils_lineage(crawled):
    from search_api.status import lineage_note, status_report

    report = status_report(crawled)
    ln = report["lineage"]
    assert ln["jarva"]["predecessors"] == ["Rinkeby-Kista stadsdelsnämnd", "Spånga-Tensta stadsdelsnämnd"]
    assert not ln["jarva"]["standalone"] and ln["jarva"]["eras"] == ["juli 2023–"]
    assert ln["bromma"]["standalone"] and ln["bromma"]["note"].startswith("Står ensam")
    assert ln["farsta"] == {"standalone": False, "eras": ["1997–1998", "1999–2006", "2007–2019", "2020–juni 2023",
                                                         "juli 2023–"], "predecessors": [], "note": ""}
    assert lineage_note("exempelby")["standalone"]  # a council the table does not know stands alone


def test_the_status_page_marks_standalone_councils(crawled):
    from web.app import create_app

    html = create_app(crawled).test_client().get("/status").get_data(as_text=True)
    sources = html[html.index("Senaste genomsökning per källa"):html.index("Täckning per nämnd och år")]
    rows = {m.group(1): m.group(0) for m in re.finditer(r'<tr><th scope="row">([^<]+)<.*?</tr>', sources, re.S)}
    assert "data-standalone" in rows["Bromma stadsdelsnämnd"] and "Står ensam" in rows["Bromma stadsdelsnämnd"]
    assert "Efterträder Rinkeby-Kista stadsdelsnämnd och Spånga-Tensta stadsdelsnämnd" in rows["Järva stadsdelsnämnd"]
    assert "data-standalone" not in rows["Järva stadsdelsnämnd"]
    farsta = rows["Farsta stadsdelsnämnd"]
    assert "data-standalone" not in farsta and "Perioder: 1997–1998" in farsta
