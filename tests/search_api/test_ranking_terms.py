"""The ranking clause given as its terms (``KeywordQuery(q, analyze)``, what the search service
sends) finds and scores the passages exactly as the per-field ``match`` clauses do, through the
real Elasticsearch and the project's analysis."""
from __future__ import annotations

from typing import Any

import pytest
from elasticsearch import Elasticsearch

from search_api.search.builders import KeywordQuery, search_analyzers
from tests.search_api.probe_index import probe_index

pytestmark = pytest.mark.services

TEXTS = {
    "a": "Stadsdelsnämnderna ska driva lokala facebookgrupper enligt motionen.",
    "b": "Facebook är en plattform där stadens konton finns, och stadens konton granskas.",
    "c": "Fler bostäder behövs i städerna; förvaltningens förslag till svar på remissen.",
    "d": "Barnen leker på lekplatser i parken, nära förskolegården.",
    "e": "Pensionärsrådet saknar en barnrättsanalys av skolgårdarna (dnr KS 2012/123).",
    "f": "Nämnden avslog motionen och har tagit ställning.",
    "g": "Avslagen samlades i en pärm; avslagen gällde två motioner.",
}
QUERIES = ["facebook", "facebookgrupp stadsdelsnämnd", "bostad städer", "förvaltningens förslag till svar på remissen",
           "Forvaltningens forslag", "lekplats förskolegård barn", "det är och", "KS 2012/123", "motion 2012:6 konton",
           "avslagen tagen motion"]  # sv_query: a noun's form that is a verb's too, sought as both


@pytest.fixture(scope="module")
def index(es: Elasticsearch, settings: Any):
    title = {"remiss_title": "Motion om sociala medier", "remiss_title_folded": "motion om sociala medier"}
    docs = {i: {"yttrande_id": f"y{i}", **title, "text": t, "text_folded": t.lower()} for i, t in TEXTS.items()}
    with probe_index(es, settings, "rankterms", docs) as name:
        yield name


def ranked(es: Elasticsearch, index: str, clause: dict[str, Any]) -> list[tuple[str, float]]:
    res = es.search(index=index, query=clause, size=10)
    return [(h["_id"], round(float(h["_score"]), 4)) for h in res["hits"]["hits"]]


@pytest.mark.parametrize("q", QUERIES)
def test_terms_rank_as_the_matches_do(es, index, q):
    def analyze(analyzer: str, text: str) -> list[str]:
        return [t["token"] for t in es.indices.analyze(index=index, analyzer=analyzer, text=text)["tokens"]]

    def analyze_many(analyzer: str, texts: tuple[str, ...]) -> list[tuple[str, int, int]]:
        res = es.indices.analyze(index=index, analyzer=analyzer, text=list(texts))
        return [(t["token"], t["position"], t["start_offset"]) for t in res["tokens"]]

    # misread=False on both: which fuzzy field a word is looked up in (``misspelt``, an analysis
    # of its own) is not what this compares - the flattening of the per-field matches is
    as_matches = KeywordQuery(q, misread=False).clause()
    as_terms = KeywordQuery(q, analyze, analyze_many, misread=False).clause()
    plain = [c for c in as_terms["bool"]["should"]
             if "match" in c and "fuzziness" not in next(iter(c["match"].values()))]
    for c in plain:  # kept only where the field's analysis stacks two tokens at one position
        (field, spec), = c["match"].items()
        positions = [p for _, p, _ in analyze_many(search_analyzers()[field], (spec["query"],))]
        assert len(set(positions)) < len(positions), c
    assert sorted(ranked(es, index, as_terms)) == sorted(ranked(es, index, as_matches))


def test_every_searched_text_field_has_its_search_analyzer():
    fields = {f.partition("^")[0] for f in KeywordQuery.STEMMED_FIELDS + KeywordQuery.FOLDED_FIELDS}
    assert fields <= set(search_analyzers())
    # parts at index time only; a query read as one (sv_query: sv_text with the query's readings)
    assert search_analyzers()["text.parts"] == search_analyzers()["text"] == "sv_query"
