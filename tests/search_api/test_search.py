"""Index into and query the real Elasticsearch node."""
from __future__ import annotations

import pytest

from search_api.index import (
    ModelMismatchError, alias_name, count, ensure_indices, index_name, write_yttrande,
)
from search_api.queries import Filters, SearchRequest, SearchService


@pytest.fixture(scope="module")
def service(seeded_index, settings, query_encoder):
    return SearchService(seeded_index, settings, query_encoder)


def _councils(resp):
    return [a.council for g in resp.groups for a in g.answers]


def test_versioned_indices_behind_aliases(seeded_index, settings):
    aliases = seeded_index.indices.get_alias(name=alias_name(settings, "passager"))
    assert list(aliases) == [index_name(settings, "passager", 1)]
    assert count(seeded_index, settings, "yttranden") == 2


@pytest.mark.parametrize("mode", ["hybrid", "keyword", "semantic"])
def test_facebookgrupper_finds_sodermalm(service, mode):
    resp = service.search(SearchRequest(q="facebookgrupper", mode=mode))
    assert resp.groups[0].remiss_id == "dnr-ks-2024-951"
    assert resp.groups[0].answers[0].council == "sodermalm"
    assert resp.groups[0].answers[0].position == "avstyrker"


def test_folded_query_finds_clean_text(service):
    """'forvaltningens forslag' (no å/ä/ö) must find 'Förvaltningens förslag' in Södermalm."""
    resp = service.search(SearchRequest(q="forvaltningens forslag", mode="keyword"))
    assert "sodermalm" in _councils(resp)
    hit = next(a for g in resp.groups for a in g.answers if a.council == "sodermalm")
    assert "<mark>Förvaltningens</mark>" in hit.best.snippet_html or "<mark>förvaltningens</mark>" in hit.best.snippet_html


def test_clean_query_finds_ocr_text(service):
    """'förvaltningens förslag' must find the OCR-damaged Skärholmen text ('forvaltningens forslag')."""
    resp = service.search(SearchRequest(q="förvaltningens förslag", mode="keyword"))
    assert "skarholmen" in _councils(resp)


def test_filters_and_facets(service):
    resp = service.search(SearchRequest(q="sociala medier", filters=Filters(council=["skarholmen"])))
    assert _councils(resp) == ["skarholmen"]
    facets = {f.value: f.count for f in resp.facets["council"]}
    assert facets == {"skarholmen": 1}
    resp = service.search(SearchRequest(q="sociala medier", filters=Filters(position=["avstyrker"])))
    assert set(_councils(resp)) == {"sodermalm"}


def test_dnr_query(service):
    resp = service.search(SearchRequest(q="KS 2024/951", mode="keyword"))
    assert resp.groups[0].remiss_id == "dnr-ks-2024-951"


def test_highlights_are_escaped(service, seeded_index, settings, embedder, seed_records):
    y = seed_records["sodermalm"].model_copy(deep=True)
    y.id = "xss-doc"
    y.remiss = y.remiss.model_copy(update={"id": "xss-remiss", "title": "<script>alert(1)</script>"})
    y.sections = []
    y.text = 'Hemligt ord zzxqv <img src=x onerror="alert(1)"> slut.'
    from remissvar.records import PageText
    y.pages = [PageText(number=1, text=y.text)]
    from ingest.indexing import index_yttrande
    index_yttrande(y, seeded_index, settings, embedder, refresh=True)
    try:
        resp = service.search(SearchRequest(q="zzxqv", mode="keyword"))
        snip = resp.groups[0].answers[0].best.snippet_html
        assert "<img" not in snip and "&lt;img" in snip and "<mark>zzxqv</mark>" in snip
    finally:
        seeded_index.delete(index=alias_name(settings, "yttranden"), id="xss-doc", refresh=True)
        from elasticsearch import helpers
        ids = [h["_id"] for h in helpers.scan(seeded_index, index=alias_name(settings, "passager"),
                                               query={"query": {"term": {"yttrande_id": "xss-doc"}}})]
        for i in ids:
            seeded_index.delete(index=alias_name(settings, "passager"), id=i, refresh=True)


def test_reindexing_same_document_does_not_duplicate(seeded_index, settings, embedder, seed_records):
    from ingest.indexing import index_yttrande
    before = count(seeded_index, settings, "passager")
    index_yttrande(seed_records["sodermalm"], seeded_index, settings, embedder, refresh=True)
    assert count(seeded_index, settings, "passager") == before
    assert count(seeded_index, settings, "yttranden") == 2


def test_changed_document_replaces_its_passages(seeded_index, settings, embedder, seed_records):
    from ingest.chunking import chunk_yttrande
    y = seed_records["skarholmen"].model_copy(deep=True)
    passages = chunk_yttrande(y)[:3]
    vecs = embedder.encode_passages([p.text for p in passages])
    write_yttrande(seeded_index, settings, y, passages, vecs, embedder.model_id, refresh=True)
    n = seeded_index.count(index=alias_name(settings, "passager"), query={"term": {"yttrande_id": y.id}})["count"]
    assert n == 3
    from ingest.indexing import index_yttrande
    index_yttrande(seed_records["skarholmen"], seeded_index, settings, embedder, refresh=True)
    n = seeded_index.count(index=alias_name(settings, "passager"), query={"term": {"yttrande_id": y.id}})["count"]
    assert n == len(chunk_yttrande(seed_records["skarholmen"]))


def test_refuses_vectors_of_another_model(seeded_index, settings, embedder):
    with pytest.raises(ModelMismatchError):
        ensure_indices(seeded_index, settings, embedder.dims, "another-model")


def test_query_vectors_are_reused_and_the_cache_is_bounded(seeded_index, settings, query_encoder):
    class Counting:
        model_id, dims = query_encoder.model_id, query_encoder.dims
        calls: list[str] = []

        def encode_query(self, text):
            self.calls.append(text)
            return query_encoder.encode_query(text)

    enc = Counting()
    svc = SearchService(seeded_index, settings.model_copy(update={"query_cache_size": 2}), enc)
    first = svc.search(SearchRequest(q="lokala facebookgrupper", mode="hybrid"))
    again = svc.search(SearchRequest(q="lokala  facebookgrupper ", mode="semantic", page=1))
    assert enc.calls == ["lokala facebookgrupper"]
    assert [g.remiss_id for g in first.groups][:1] == [g.remiss_id for g in again.groups][:1]
    for q in ("sociala medier", "uppföljning av utförare", "lokala facebookgrupper"):
        svc.search(SearchRequest(q=q, mode="semantic"))
    assert len(svc._vectors) == 2 and enc.calls[-1] == "lokala facebookgrupper"
    no_cache = SearchService(seeded_index, settings.model_copy(update={"query_cache_size": 0}), enc)
    no_cache.search(SearchRequest(q="sociala medier", mode="semantic"))
    no_cache.search(SearchRequest(q="sociala medier", mode="semantic"))
    assert enc.calls[-2:] == ["sociala medier", "sociala medier"] and not no_cache._vectors
