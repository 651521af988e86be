"""From crawled items to the parse stage's records: the agenda's fields reach the record."""
from __future__ import annotations

from contextlib import ExitStack

import pytest

from ingest.crawl.platforms import registry
from ingest.crawl.runner import crawl_sources, recorded_sources
from ingest.parse.from_crawl import AGENDA_SUMMARY, answer_documents, parse_task
from remissvar.settings import Settings
from tests.conftest import free_port


@pytest.mark.slow  # make check leaves it out; make test runs it
def test_records_carry_council_date_item_fields_summary_and_protocol(tmp_path):
    s = Settings(data_dir=tmp_path / "data")
    with ExitStack() as stack:
        sources, hosts = recorded_sources(s, stack, ports=tuple(free_port() for _ in registry()))
        wanted = {("insynsverige", "sodermalm"), ("meetingplus", "hagersten-alvsjo")}
        sources = [x for x in sources if (x.platform, x.council) in wanted]
        _, store = crawl_sources(s, sources, hosts, min_interval=0, timeout=10)
    tasks = {str(t.meeting_date): t for t in answer_documents(store)}
    assert sorted(tasks) == ["2011-03-17", "2012-03-15", "2025-01-16"]

    y = parse_task(tasks["2012-03-15"])
    assert (y.council, str(y.date)) == ("sodermalm", "2012-03-01")  # the document's own date wins
    assert y.source_url is not None and y.source_url.endswith("/stockholm-sodermalm/documentHandler.ashx?did=100")
    assert (y.remiss.body, y.remiss.dnr) == ("Kommunstyrelsen", "316-259/2012")
    assert y.remiss.motion is not None and y.remiss.motion.number == "2012:6"
    # the agenda's summary (the administration's view) is searchable with the answer
    [summary] = [sec for sec in y.sections if sec.name == AGENDA_SUMMARY]
    assert summary.text.startswith("Förvaltningen ställer sig positiv") and summary.text in y.text
    assert y.decision and "godkänner" in y.decision  # the page's § paragraph

    older = parse_task(tasks["2011-03-17"])  # found only behind the year filter
    assert older.council == "sodermalm" and older.remiss.motion and older.remiss.motion.number == "2010:31"

    ha = parse_task(tasks["2025-01-16"])  # its decision from the full protocol PDF, § 9
    assert ha.council == "hagersten-alvsjo" and ha.decision and "godkänner" in ha.decision
    assert [r.party for r in ha.reservations] == ["M"]
