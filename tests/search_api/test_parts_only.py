"""sv_stem's ``parts_only`` (plugins/analysis-sv): a compound's parts alone, no whole words -
the setting a parts subfield beside the stemmed field would use (measured at a million
passages for issue 27 and not kept in mappings/: bench/runs.json ``scale_analysis``). Through
the real Elasticsearch with the project's plugin."""
from __future__ import annotations

from typing import Any

import pytest
from elasticsearch import ApiError, Elasticsearch

from search_api.index import index_name

pytestmark = pytest.mark.services

ANALYSIS = {"analysis": {
    "filter": {"parts_only": {"type": "sv_stem", "parts": True, "parts_only": True},
               "parts": {"type": "sv_stem", "parts": True}},
    "analyzer": {"parts_only": {"type": "custom", "tokenizer": "standard", "filter": ["lowercase", "parts_only"]},
                 "parts": {"type": "custom", "tokenizer": "standard", "filter": ["lowercase", "parts"]}}}}


@pytest.fixture(scope="module")
def index(es: Elasticsearch, settings: Any):
    name = index_name(settings, "partsonly", 1)
    es.indices.delete(index=name, ignore_unavailable=True)
    es.indices.create(index=name, settings=ANALYSIS)
    yield name
    es.indices.delete(index=name, ignore_unavailable=True)


def tokens(es: Elasticsearch, index: str, analyzer: str, text: str) -> list[tuple[str, int, int, int]]:
    res = es.indices.analyze(index=index, analyzer=analyzer, text=text)
    return [(t["token"], t["position"], t["start_offset"], t["end_offset"]) for t in res["tokens"]]


def test_parts_only_emits_a_compounds_parts_at_its_position_and_offsets(es, index):
    assert tokens(es, index, "parts_only", "nya facebookgrupper och trygghetsvandringar") == [
        ("facebook", 1, 4, 19), ("grupp", 1, 4, 19), ("grupp#s", 1, 4, 19),  # the noun, not "gruppa"
        ("trygghet", 3, 24, 43), ("vandring", 3, 24, 43)]
    assert tokens(es, index, "parts_only", "bostäder") == []  # no compound, no token
    # without it, the whole word's stem comes first
    assert [t for t, *_ in tokens(es, index, "parts", "facebookgrupper")] == [
        "facebookgrupp", "facebook", "grupp", "grupp#s"]


def test_parts_only_needs_parts(es, settings):
    name = index_name(settings, "partsonly-bad", 1)
    with pytest.raises(ApiError, match="SwedishStemFilterFactory"):
        es.indices.create(index=name, settings={"analysis": {
            "filter": {"f": {"type": "sv_stem", "parts_only": True}},
            "analyzer": {"a": {"type": "custom", "tokenizer": "standard", "filter": ["f"]}}}})
    es.indices.delete(index=name, ignore_unavailable=True)
