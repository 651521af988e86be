"""The store of read summaries (kommunstyrelsen's utlåtanden) and how it finds a remiss's
summaries: by the remiss linker's dnr and motion keys, or by remiss key (issue 26)."""
from __future__ import annotations

import datetime as dt

from remissvar.linking import AnswerRef
from remissvar.remiss_keys import RemissKeyStore
from remissvar.summary_store import SummaryBody, SummaryDoc, SummaryStore, link_keys


def _doc(url: str = "https://edokmeetings.stockholm.se/committees/kommunfullmaktige/x", **kw) -> SummaryDoc:
    base = dict(url=url, sha256="a" * 64, council="kommunfullmaktige", published_by="Kommunfullmäktige",
                meeting_date="2025-04-07", label="Utlåtande 2025:31 RV", number="2025:31 RV",
                dnr="KS 2024/951", motion_number="2024:58", asked=["Farsta stadsdelsnämnd"],
                bodies=[SummaryBody("Skärholmens stadsdelsnämnd", "ej_svar", None,
                                    "… har inte inkommit med något svar.")],
                link_keys=link_keys("KS 2024/951", "2024:58"), remiss_ids=["r1"])
    return SummaryDoc(**{**base, **kw})


def test_link_keys_are_the_linkers_strong_keys():
    assert link_keys("KS 2024/951", "2024:58") == ["dnr:2024/951", "motion:2024:58"]
    assert link_keys("Dnr KS 2024/951", None) == ["dnr:2024/951"]
    assert link_keys(None, None) == []


def test_store_round_trip_and_lookup(tmp_path):
    store = SummaryStore(tmp_path / "summaries.sqlite")
    doc = _doc()
    assert not store.is_current(doc.url, doc.sha256, 1)
    store.save(doc, 1)
    assert store.is_current(doc.url, doc.sha256, 1) and not store.is_current(doc.url, doc.sha256, 2)
    assert store.find(["dnr:2024/951"]) == [doc]
    assert store.find(["motion:2024:58"]) == [doc]
    assert store.find([], ["r1"]) == [doc]
    assert store.find(["dnr:2019/1187"], ["r2"]) == []
    # read again from new bytes: replaced, old keys gone
    store.save(_doc(sha256="b" * 64, dnr="KS 2019/1187", link_keys=["dnr:2019/1187"], remiss_ids=[]), 1)
    assert store.find(["dnr:2024/951"], ["r1"]) == []
    assert [d.sha256 for d in store.find(["dnr:2019/1187"])] == ["b" * 64]
    assert store.counts() == {"kommunfullmaktige": 1}
    store.close()


def test_key_store_finds_the_remiss_of_a_summary_by_dnr_or_motion():
    keys = RemissKeyStore(":memory:")
    d = dt.date(2025, 1, 16)
    k1 = keys.link(AnswerRef(id="a1", council="farsta", date=d, title="Svar på remiss om lokala facebookgrupper",
                             remitting_dnr="KS 2024/951"))
    keys.link(AnswerRef(id="a2", council="farsta", date=d, title="Program för lekplatser",
                        remitting_dnr="KS 2019/1187"))
    assert keys.keys_with(link_keys("KS 2024/951", "2024:58")) == [k1]
    assert keys.keys_with(link_keys("KS 2000/1", None)) == []
    keys.close()
