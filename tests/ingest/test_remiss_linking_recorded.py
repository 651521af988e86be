"""The linker on the recorded sites: the councils' agenda items (as crawled, before parsing)
group into the remisser the fixtures were written for, across councils, wordings and years."""
from __future__ import annotations

from contextlib import ExitStack

import pytest

from ingest.crawl.runner import crawl_sources, recorded_sources
from ingest.parse.from_crawl import answer_documents
from ingest.remiss_linking import task_ref
from remissvar.remiss_keys import link_refs
from remissvar.settings import Settings

# (council, meeting date) of each answer, grouped by the remiss it answers (tests/fixtures/sites/build_sites.py)
SAME_REMISS = [
    {("sodermalm", "2024-12-12"), ("farsta", "2025-01-16"), ("hagersten-alvsjo", "2025-01-16")},  # facebookgrupper
    {("sodermalm", "2012-03-15"), ("hagersten-liljeholmen", "2012-03-20"), ("alvsjo", "2012-03-22")},  # kombo
    {("maria-gamla-stan", "2005-10-20"), ("katarina-sofia", "2005-10-27"), ("hagersten", "2005-10-20")},  # cykelplan
]


@pytest.mark.slow  # make check leaves it out; make test runs it
def test_recorded_answers_link_into_their_remisser(tmp_path):
    s = Settings(data_dir=tmp_path / "data")
    with ExitStack() as stack:
        sources, hosts = recorded_sources(s, stack)
        _, store = crawl_sources(s, sources, hosts, min_interval=0)
    tasks = answer_documents(store)
    by_answer = {(t.council, t.meeting_date): t.doc_id for t in tasks}
    keys = link_refs([task_ref(t) for t in tasks])
    groups: dict[str, set[tuple[str, str | None]]] = {}
    for t in tasks:
        groups.setdefault(keys[t.doc_id], set()).add((t.council, t.meeting_date))
    expected = [g for g in SAME_REMISS if g <= set(by_answer)]
    assert len(expected) == len(SAME_REMISS), f"fixture answers missing: {sorted(by_answer)}"
    found = sorted(sorted(g) for g in groups.values())
    for g in expected:
        assert sorted(g) in found, f"{sorted(g)} not one group: {found}"
    # and nothing else is merged: every other answer is alone
    others = [g for g in groups.values() if g not in expected]
    assert all(len(g) == 1 for g in others), others
