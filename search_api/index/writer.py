"""Writing answers and their passages into the live (or a named) index version."""
from __future__ import annotations

from typing import Any

import numpy as np
from elasticsearch import Elasticsearch, NotFoundError, helpers

from remissvar.embedding import ModelMismatchError
from remissvar.records import Passage, Yttrande
from remissvar.settings import Settings
from search_api.index.schema import PassageDoc, YttrandeDoc, source
from search_api.index.versions import alias_name, index_model, index_name


def yttrande_doc(y: Yttrande) -> dict[str, Any]:
    return source(YttrandeDoc.from_record(y))


def passage_doc(y: Yttrande, p: Passage, vector: np.ndarray, model_id: str) -> dict[str, Any]:
    return source(PassageDoc.from_record(y, p, vector, model_id))


def write_yttrande(es: Elasticsearch, settings: Settings, y: Yttrande, passages: list[Passage],
                   vectors: np.ndarray, model_id: str, *, version: int | None = None,
                   refresh: bool | str = False) -> int:
    """Index one yttrande and its passages; passages of an older version are removed.

    Idempotent: ids derive from the yttrande id and the passage content, so a re-run
    overwrites the same documents and never duplicates them.
    """
    if len(passages) != len(vectors):
        raise ValueError("one vector per passage expected")
    yt_index = index_name(settings, "yttranden", version) if version else alias_name(settings, "yttranden")
    ps_index = index_name(settings, "passager", version) if version else alias_name(settings, "passager")
    if index_model(es, ps_index) != model_id:
        raise ModelMismatchError(f"{ps_index} is not built for {model_id}")
    actions: list[dict[str, Any]] = [{"_op_type": "index", "_index": yt_index, "_id": y.id, "_source": yttrande_doc(y)}]
    keep = []
    for p, v in zip(passages, vectors, strict=True):
        keep.append(p.id)
        actions.append({"_op_type": "index", "_index": ps_index, "_id": p.id,
                        "_source": passage_doc(y, p, v, model_id)})
    ok, errors = helpers.bulk(es, actions, raise_on_error=False, refresh=False)
    if errors:
        raise RuntimeError(f"bulk errors for {y.id}: {str(errors)[:1000]}")
    # Drop passages of a previous version of this yttrande (changed content). This
    # distribution has no reindex module (no _delete_by_query): find them, bulk-delete.
    es.indices.refresh(index=ps_index)
    stale = [h["_id"] for h in helpers.scan(
        es, index=ps_index, _source=False,
        query={"query": {"bool": {"filter": [{"term": {"yttrande_id": y.id}}],
                                  "must_not": [{"ids": {"values": keep}}]}}},
    )]
    if stale:
        helpers.bulk(es, ({"_op_type": "delete", "_index": ps_index, "_id": i} for i in stale), raise_on_error=False)
    if refresh:
        es.indices.refresh(index=[yt_index, ps_index])
    return ok


def indexed_remiss_ids(es: Elasticsearch, settings: Settings, yttrande_ids: list[str]) -> dict[str, str]:
    """The remiss key each of these answers has in the live index (answers not indexed are left out)."""
    if not yttrande_ids:
        return {}
    try:
        res = es.mget(index=alias_name(settings, "yttranden"), ids=yttrande_ids, source=["remiss_id"])
    except NotFoundError:
        return {}
    return {d["_id"]: d["_source"]["remiss_id"] for d in res["docs"] if d.get("found")}


def set_remiss_id(es: Elasticsearch, settings: Settings, yttrande_id: str, remiss_id: str) -> None:
    """Move one indexed answer (and its passages) to another remiss key, in place: the linker
    merged or split groups; nothing is re-embedded."""
    yt, ps = alias_name(settings, "yttranden"), alias_name(settings, "passager")
    es.indices.refresh(index=ps)
    passage_ids = [h["_id"] for h in helpers.scan(es, index=ps, _source=False,
                                                  query={"query": {"term": {"yttrande_id": yttrande_id}}})]
    actions = [{"_op_type": "update", "_index": yt, "_id": yttrande_id, "doc": {"remiss_id": remiss_id}}]
    actions += [{"_op_type": "update", "_index": ps, "_id": i, "doc": {"remiss_id": remiss_id}} for i in passage_ids]
    _, errors = helpers.bulk(es, actions, raise_on_error=False, refresh=True)
    if errors:
        raise RuntimeError(f"kunde inte flytta {yttrande_id} till {remiss_id}: {str(errors)[:1000]}")


def delete_all(es: Elasticsearch, settings: Settings) -> None:
    """Remove every index and alias of this prefix (tests, 'reset')."""
    es.indices.delete(index=f"{settings.index_prefix}-*", ignore_unavailable=True, allow_no_indices=True)


def count(es: Elasticsearch, settings: Settings, kind: str) -> int:
    try:
        return int(es.count(index=alias_name(settings, kind))["count"])
    except NotFoundError:
        return 0
