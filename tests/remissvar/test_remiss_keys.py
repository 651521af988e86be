"""remissvar.remiss_keys: stable keys, redirects on merge, incremental linking, human
corrections that survive a full re-link, "maybe" suggestions, persistence (SQLite file)."""
from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from remissvar.linking import AnswerRef, LinkConfig, Weights, profile, score_pair
from remissvar.remiss_keys import RemissKeyStore, UnknownKeyError, link_refs


def ref(aid: str, council: str, date: str, title: str, *lines: str) -> AnswerRef:
    return AnswerRef(aid, council, dt.date.fromisoformat(date), title, tuple(lines))


LEK = [
    ref("lek-f", "farsta", "2012-03-15", "Remiss av lekplatsprogram för Stockholms stad"),
    ref("lek-s", "sodermalm", "2012-03-22", "Lekplatsprogram för Stockholms stad - yttrande till kommunstyrelsen"),
    ref("lek-k", "skarholmen", "2012-03-29", "Svar på remiss om lekplatsprogram"),
]
SL = [
    ref("sl-f", "farsta", "2012-03-15", "SL:s trafikförändringar 2012", "Remiss från trafiknämnden"),
    ref("sl-k", "skarholmen", "2012-03-22", "Remiss om SL:s trafikförändringar 2012"),
]


@pytest.fixture
def store(tmp_path: Path) -> RemissKeyStore:
    return RemissKeyStore(tmp_path / "keys.sqlite")


def test_a_group_keeps_its_key_when_answers_join(store: RemissKeyStore) -> None:
    k = store.link(LEK[0])
    assert store.link(LEK[1]) == k
    assert store.link(LEK[2]) == k
    assert store.link(SL[0]) != k
    assert store.members(k) == ["lek-f", "lek-s", "lek-k"]
    # the same answer again (re-crawl) keeps its key
    assert store.link(LEK[1]) == k


def test_incremental_link_leaves_other_answers_alone(store: RemissKeyStore) -> None:
    for r in LEK + SL:
        store.link(r)
    before = store.keys()
    store.link(ref("new", "alvsjo", "2012-04-12", "Lekplatsprogrammet, remiss från kommunstyrelsen"))
    after = store.keys()
    assert {a: after[a] for a in before} == before
    assert after["new"] == before["lek-f"]


def test_full_relink_keeps_keys(store: RemissKeyStore) -> None:
    keys = {r.id: store.link(r) for r in LEK + SL}
    assert store.relink() == keys
    assert store.relink(LEK + SL) == keys


def test_two_groups_joined_by_a_new_answer_keep_the_older_key(store: RemissKeyStore) -> None:
    # a and b share a remitting dnr (in two formats); x is another remiss, later merged by an admin
    a = ref("a", "farsta", "2012-10-18", "Policy för barnkonventionen",
            "Remiss från kommunstyrelsen, dnr 316-274/2012.")
    b = ref("b", "skarholmen", "2012-10-25", "Yttrande om barnrättsarbetet i staden", "KS 316-274/2012")
    old, newer = store.link(a), store.link(ref("x", "sodermalm", "2012-10-20", "Lekplatsprogram, remiss"))
    assert store.link(b) == old
    assert newer != old
    merged = store.merge(newer, old)  # an admin merge: the older key survives
    assert merged == old
    assert store.resolve(newer) == old
    assert set(store.members(newer)) == {"a", "b", "x"}
    assert store.key_of("x") == old


def test_relink_merging_groups_keeps_the_oldest_key_and_redirects(store: RemissKeyStore) -> None:
    # linked one by one with a short window the two answers get two keys ...
    narrow = RemissKeyStore(store.db.execute("PRAGMA database_list").fetchone()[2],
                            dataclasses.replace(LinkConfig(), window_days=3))
    k1 = narrow.link(LEK[0])
    k2 = narrow.link(LEK[1])
    assert k1 != k2
    narrow.close()
    # ... a full re-link with the normal window puts them together under the older key
    keys = store.relink()
    assert keys["lek-f"] == keys["lek-s"] == k1
    assert store.resolve(k2) == k1


def test_corrections_survive_a_full_relink(store: RemissKeyStore) -> None:
    keys = {r.id: store.link(r) for r in LEK + SL}
    lek, sl = keys["lek-f"], keys["sl-f"]
    # an admin splits one answer out of the programme group ...
    split_key = store.split(lek, ["lek-k"])
    assert split_key not in (lek, sl) and store.key_of("lek-k") == split_key
    # ... and merges the SL group into the programme group (which the linker would never do)
    assert store.merge(sl, lek) == lek
    for _ in range(2):  # re-link (and again, as a reindex would)
        after = store.relink()
        assert after["lek-f"] == after["lek-s"] == after["sl-f"] == after["sl-k"] == lek
        assert after["lek-k"] == split_key
    assert store.resolve(sl) == lek
    kinds = {k for _, _, k in store.corrections()}
    assert kinds == {"must", "cannot"}


def test_split_then_merge_back_is_the_last_word(store: RemissKeyStore) -> None:
    keys = {r.id: store.link(r) for r in LEK}
    lek = keys["lek-f"]
    moved = store.split(lek, ["lek-k"])
    assert store.merge(moved, lek) == lek
    assert set(store.relink().values()) == {lek}


def test_maybe_suggestions_between_the_thresholds(tmp_path: Path) -> None:
    a = ref("a", "farsta", "2009-02-12", "Remiss av riktlinjer för parkeringstal vid nybyggnation")
    b = ref("b", "sodermalm", "2009-02-24", "Parkeringstal för nya bostäder - yttrande till stadsbyggnadsnämnden")
    score = score_pair(profile(a), profile(b), Weights()).score
    cfg = LinkConfig().with_thresholds(merge=score + 0.05, maybe=score - 0.05)
    s = RemissKeyStore(tmp_path / "k.sqlite", cfg)
    ka, kb = s.link(a), s.link(b)
    assert ka != kb
    near: Any = pytest.approx(score)  # equal to a float within the tolerance
    assert s.maybe(ka) == [(kb, near)]
    assert s.maybe(kb) == [(ka, near)]
    s.relink()
    assert s.maybe(ka) == [(kb, near)]
    # an admin split between them silences the suggestion; a merge ends it
    s.split(ka, ["a"]) if len(s.members(ka)) > 1 else None
    s.merge(ka, kb)
    assert s.maybe(ka) == []


def test_keys_and_corrections_persist_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "keys.sqlite"
    s = RemissKeyStore(path)
    keys = {r.id: s.link(r) for r in LEK + SL}
    s.merge(keys["sl-f"], keys["lek-f"])
    s.close()
    again = RemissKeyStore(path)
    assert again.relink()["sl-k"] == keys["lek-f"]
    assert again.resolve(keys["sl-f"]) == keys["lek-f"]
    with pytest.raises(UnknownKeyError):
        again.resolve("r-no-such-key")


def test_relink_with_a_new_set_drops_answers_not_in_it(store: RemissKeyStore) -> None:
    keys = {r.id: store.link(r) for r in LEK + SL}
    after = store.relink(LEK)
    assert set(after) == {r.id for r in LEK}
    assert after["lek-f"] == keys["lek-f"]


def test_link_refs_batch_and_incremental_agree_on_groups() -> None:
    refs = LEK + SL
    batch = link_refs(refs)
    inc = link_refs(refs, RemissKeyStore(":memory:"), incremental=True)
    def parts(keys: dict[str, str]) -> set[frozenset[str]]:
        out: dict[str, set[str]] = {}
        for a, k in keys.items():
            out.setdefault(k, set()).add(a)
        return {frozenset(v) for v in out.values()}
    assert parts(batch) == parts(inc) == {frozenset(r.id for r in LEK), frozenset(r.id for r in SL)}
