"""A live index made from older mappings gains the new fields in place (no reindex needed for
additive changes); a change ES cannot make in place asks for a reindex."""
from __future__ import annotations

import copy

import pytest

from remissvar.settings import Settings
from search_api.index import (
    MappingConflictError,
    alias_name,
    delete_all,
    ensure_indices,
    index_body,
    index_name,
    swap_aliases,
    upgrade_mapping,
)

pytestmark = pytest.mark.services


def _old_version(es, s, kind_edit):
    for kind in ("yttranden", "passager"):
        body = copy.deepcopy(index_body(kind, 384, "m"))
        kind_edit(kind, body["mappings"])
        body["mappings"]["_meta"]["mapping_sha"] = "older"
        es.indices.create(index=index_name(s, kind, 1), **body)
    swap_aliases(es, s, 1)


def test_added_fields_reach_a_live_index(es):
    s = Settings(index_prefix="remissvar-upgrade")
    delete_all(es, s)
    try:
        def drop_new_fields(kind, mapping):
            if kind == "yttranden":
                for f in ("decision_outcome", "council_position", "position_differs"):
                    mapping["properties"].pop(f)
        _old_version(es, s, drop_new_fields)
        ensure_indices(es, s, 384, "m")
        props = es.indices.get_mapping(index=alias_name(s, "yttranden"))
        (mapping,) = [v["mappings"] for v in props.values()]
        assert mapping["properties"]["position_differs"]["type"] == "boolean"
        assert mapping["_meta"]["mapping_sha"] == index_body("yttranden", 384, "m")["mappings"]["_meta"]["mapping_sha"]
        assert not upgrade_mapping(es, s, "yttranden", 1, 384, "m")  # second call: nothing to do
    finally:
        delete_all(es, s)


def test_a_changed_field_type_asks_for_reindex(es):
    s = Settings(index_prefix="remissvar-upgrade2")
    delete_all(es, s)
    try:
        def retype(kind, mapping):
            if kind == "yttranden":
                mapping["properties"]["position_differs"] = {"type": "keyword"}
        _old_version(es, s, retype)
        with pytest.raises(MappingConflictError, match="remissvar reindex"):
            ensure_indices(es, s, 384, "m")
    finally:
        delete_all(es, s)


def test_a_changed_analyzer_keeps_the_live_one_until_reindex(es, caplog):
    """An index made when the folded fields kept stop words (sv_exact) takes the new mappings
    without stopping the pipeline: the field keeps its live analyzer, writes go on, the log
    asks for a reindex (which builds the next version with the new analysis)."""
    s = Settings(index_prefix="remissvar-upgrade3")
    delete_all(es, s)
    try:
        def old_analysis(kind, mapping):
            for f in ("text_folded", "remiss_title_folded", "title_folded"):
                if f in mapping["properties"]:
                    mapping["properties"][f]["analyzer"] = "sv_exact"
            if kind == "yttranden":
                mapping["properties"].pop("position_differs")
        _old_version(es, s, old_analysis)
        with caplog.at_level("WARNING", logger="search_api.index"):
            ensure_indices(es, s, 384, "m")
        props = es.indices.get_mapping(index=alias_name(s, "passager"))
        (mapping,) = [v["mappings"] for v in props.values()]
        assert mapping["properties"]["text_folded"]["analyzer"] == "sv_exact"
        yt = es.indices.get_mapping(index=alias_name(s, "yttranden"))
        (ymapping,) = [v["mappings"] for v in yt.values()]
        assert ymapping["properties"]["position_differs"]["type"] == "boolean"  # added fields still arrive
        assert "remissvar reindex" in caplog.text and "text_folded" in caplog.text
        analyzed = es.indices.analyze(index=alias_name(s, "passager"), field="text_folded", text="svar pa remissen")
        assert [t["token"] for t in analyzed["tokens"]] == ["svar", "pa", "remissen"]  # old analysis, as live
    finally:
        delete_all(es, s)


def test_an_index_made_before_the_query_analyzer_is_searched_as_it_was(es, caplog):
    """An index made before sv_query (issue 27, session 20) has no such analyzer: the upgrade
    keeps each field's live search analyzer (Elasticsearch changes one in place only to an
    analyzer the index has), the log asks for a reindex, and the search service analyses the
    ranking's terms as the live index searches - the page works until 'remissvar reindex'."""
    from search_api.search.service import SearchService

    s = Settings(index_prefix="remissvar-upgrade4")
    delete_all(es, s)
    try:
        for kind in ("yttranden", "passager"):
            body = copy.deepcopy(index_body(kind, 384, "m"))
            analysis = body["settings"]["analysis"]
            analysis["analyzer"].pop("sv_query")
            analysis["filter"].pop("sv_stem_query")
            props = body["mappings"]["properties"]
            for field in ("text", "remiss_title"):
                if field in props and props[field].get("search_analyzer") == "sv_query":
                    props[field].pop("search_analyzer")
                    props[field]["fields"]["parts"]["search_analyzer"] = "sv_text"
            body["mappings"]["_meta"]["mapping_sha"] = "older"
            es.indices.create(index=index_name(s, kind, 1), **body)
        swap_aliases(es, s, 1)
        with caplog.at_level("WARNING"):
            ensure_indices(es, s, 384, "m")
        live = es.indices.get_mapping(index=alias_name(s, "passager"))
        (mapping,) = [v["mappings"] for v in live.values()]
        assert "search_analyzer" not in mapping["properties"]["text"]
        assert mapping["properties"]["text"]["fields"]["parts"]["search_analyzer"] == "sv_text"
        assert "remissvar reindex" in caplog.text
        es.index(index=alias_name(s, "passager"), id="p", refresh=True, document={
            "id": "p", "yttrande_id": "y", "ordinal": 0, "kind": "k", "remiss_id": "r", "position": "p",
            "text": "Nämnden avslog motionen.", "text_folded": "namnden avslog motionen."})
        service = SearchService(es, s, None)
        caplog.clear()
        with caplog.at_level("WARNING"):
            query = service.keyword_query("avslagen motion")
        assert query.analyzers is not None and query.analyzers["text.parts"] == "sv_text"
        assert "text.parts" in caplog.text
        found = es.search(index=alias_name(s, "passager"), query=query.clause())
        assert [h["_id"] for h in found["hits"]["hits"]] == ["p"]  # "motion"; no error on sv_query
    finally:
        delete_all(es, s)


def test_a_new_passage_index_has_the_configured_shards(es):
    """REMISSVAR_INDEX_SHARDS: the passage index of a new version gets that many primary shards
    (one search then uses as many cores); the answer index keeps one."""
    s = Settings(index_prefix="remissvar-shards", index_shards=2)
    delete_all(es, s)
    try:
        ensure_indices(es, s, 384, "m")
        def shards(kind: str) -> int:
            name = index_name(s, kind, 1)
            return int(es.indices.get_settings(index=name)[name]["settings"]["index"]["number_of_shards"])
        assert shards("passager") == 2
        assert shards("yttranden") == 1
    finally:
        delete_all(es, s)
