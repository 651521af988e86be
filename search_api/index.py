"""Index management: versioned indices behind aliases, built from mappings/ (the one source).

``remissvar-yttranden-v1`` and ``remissvar-passager-v1`` are read through the aliases
``remissvar-yttranden`` and ``remissvar-passager``; a re-index writes ``-v2`` beside the
live pair and swaps both aliases in one atomic call.
"""
from __future__ import annotations

import base64
import copy
import hashlib
import json
import logging
from pathlib import Path
from typing import Any

import numpy as np
from elasticsearch import BadRequestError, Elasticsearch, NotFoundError, helpers
from elasticsearch.serializer import (
    CompatibilityModeJsonSerializer,
    CompatibilityModeNdjsonSerializer,
    NdjsonSerializer,
    OrjsonSerializer,
)

from remissvar.embedding import ModelMismatchError as ModelMismatchError  # raised here too
from remissvar.records import Passage, Yttrande
from remissvar.settings import Settings, get_settings
from search_api.schema import PassageDoc, YttrandeDoc, source

log = logging.getLogger(__name__)
MAPPINGS_DIR = Path(__file__).resolve().parent.parent / "mappings"


class _OrjsonNdjson(NdjsonSerializer, OrjsonSerializer):
    """msearch and bulk bodies, one JSON line per item, each written by orjson."""


class _OrjsonCompat(OrjsonSerializer):
    mimetype = CompatibilityModeJsonSerializer.mimetype


class _OrjsonCompatNdjson(CompatibilityModeNdjsonSerializer, OrjsonSerializer):
    pass


# orjson for every JSON body the client writes or reads (it sends the compatibility-mode types):
# the standard library's encoder spent 0.36 ms on one 384-float vector, orjson 0.02 ms - bulk
# writes of passages and every kNN query carry vectors (bench/scale.py indexing was bound by it)
ORJSON_SERIALIZERS: dict[str, Any] = {
    OrjsonSerializer.mimetype: OrjsonSerializer(), NdjsonSerializer.mimetype: _OrjsonNdjson(),
    _OrjsonCompat.mimetype: _OrjsonCompat(), CompatibilityModeNdjsonSerializer.mimetype: _OrjsonCompatNdjson(),
}


def es_client(settings: Settings | None = None, **kw: Any) -> Elasticsearch:
    s = settings or get_settings()
    opts: dict[str, Any] = {"request_timeout": 30, "retry_on_timeout": True, "max_retries": 3,
                            "serializers": ORJSON_SERIALIZERS}
    opts.update(secured_options(s))
    opts.update(kw)
    # a comma-separated list names the nodes of a cluster (the client spreads requests over them)
    return Elasticsearch([u.strip() for u in s.es_url.split(",") if u.strip()], **opts)


def secured_options(s: Settings) -> dict[str, Any]:
    """The client's credentials and CA from the settings (a secured Elasticsearch: compose)."""
    opts: dict[str, Any] = {}
    password = s.es_password.get_secret_value()
    if s.es_username:
        if not password:
            raise ValueError("REMISSVAR_ES_USERNAME är satt men REMISSVAR_ES_PASSWORD saknas")
        # base64 of the UTF-8 bytes (the client's own encoding of a pair is ASCII only)
        opts["basic_auth"] = base64.b64encode(f"{s.es_username}:{password}".encode()).decode("ascii")
    elif password:
        raise ValueError("REMISSVAR_ES_PASSWORD är satt men REMISSVAR_ES_USERNAME saknas")
    if s.es_ca_certs is not None:
        if not s.es_ca_certs.is_file():
            raise FileNotFoundError(f"REMISSVAR_ES_CA_CERTS: {s.es_ca_certs} finns inte")
        opts["ca_certs"] = str(s.es_ca_certs)
        opts["verify_certs"] = True
    return opts


def load_mapping_file(name: str) -> dict[str, Any]:
    """One JSON file of mappings/ (the one source of analysis and mappings), its comment dropped."""
    data: dict[str, Any] = json.loads((MAPPINGS_DIR / name).read_text(encoding="utf-8"))
    data.pop("_comment", None)
    return data


def index_body(kind: str, dims: int, model_id: str, shards: int = 1) -> dict[str, Any]:
    """Settings + mappings of one index kind ('yttranden' or 'passager') from mappings/;
    ``shards``: primary shards of the passage index (the answer index has one)."""
    analysis = load_mapping_file("analysis.json")
    mapping = load_mapping_file("yttranden.json" if kind == "yttranden" else "passages.json")
    if kind == "passager":
        mapping = copy.deepcopy(mapping)
        mapping["properties"]["embedding"]["dims"] = dims
    digest = hashlib.sha256(json.dumps([analysis, mapping], sort_keys=True).encode()).hexdigest()[:12]
    mapping["_meta"] = {"model": model_id, "dims": dims, "mapping_sha": digest}
    return {
        "settings": {"number_of_shards": shards if kind == "passager" else 1, "number_of_replicas": 0, **analysis},
        "mappings": mapping,
    }


def index_name(settings: Settings, kind: str, version: int) -> str:
    return f"{settings.index_prefix}-{kind}-v{version}"


def alias_name(settings: Settings, kind: str) -> str:
    return f"{settings.index_prefix}-{kind}"


def current_version(es: Elasticsearch, settings: Settings) -> int | None:
    try:
        res = es.indices.get_alias(name=alias_name(settings, "passager"))
    except NotFoundError:
        return None
    names = sorted(res.keys())
    return int(names[-1].rsplit("-v", 1)[1]) if names else None


def index_model(es: Elasticsearch, index: str) -> str | None:
    m = es.indices.get_mapping(index=index)
    for body in m.values():
        model = body["mappings"].get("_meta", {}).get("model")
        return str(model) if model is not None else None
    return None


def create_version(es: Elasticsearch, settings: Settings, version: int, dims: int, model_id: str) -> None:
    for kind in ("yttranden", "passager"):
        name = index_name(settings, kind, version)
        if not es.indices.exists(index=name):
            es.indices.create(index=name, **index_body(kind, dims, model_id, settings.index_shards))
            log.info("created index %s", name)


def swap_aliases(es: Elasticsearch, settings: Settings, version: int) -> None:
    """Point both aliases at ``version`` in one atomic update."""
    actions: list[dict[str, Any]] = []
    for kind in ("yttranden", "passager"):
        alias = alias_name(settings, kind)
        try:
            for old in es.indices.get_alias(name=alias):
                actions.append({"remove": {"index": old, "alias": alias}})
        except NotFoundError:
            pass
        actions.append({"add": {"index": index_name(settings, kind, version), "alias": alias}})
    es.indices.update_aliases(actions=actions)


def ensure_indices(es: Elasticsearch, settings: Settings, dims: int, model_id: str) -> int:
    """Create the configured version and its aliases if missing; refuse a model mismatch."""
    version = current_version(es, settings)
    if version is None:
        version = settings.index_version
        create_version(es, settings, version, dims, model_id)
        swap_aliases(es, settings, version)
    live_model = index_model(es, alias_name(settings, "passager"))
    if live_model != model_id:
        raise ModelMismatchError(
            f"indexet {alias_name(settings, 'passager')} har vektorer från {live_model!r}, "
            f"inte {model_id!r}: bygg om med 'remissvar reindex'"
        )
    for kind in ("yttranden", "passager"):
        upgrade_mapping(es, settings, kind, version, dims, model_id)
    return version


_CURRENT: set[tuple[str, str, str]] = set()  # (cluster, index, mapping digest) known to be up to date


class MappingConflictError(RuntimeError):
    """The live index's mapping cannot take the current one in place (a field changed type)."""


def upgrade_mapping(es: Elasticsearch, settings: Settings, kind: str, version: int, dims: int, model_id: str) -> bool:
    """Bring a live index up to mappings/ when fields were added (checked by the mapping digest in
    ``_meta``); a change ES cannot make in place asks for ``remissvar reindex``. True when updated."""
    name = index_name(settings, kind, version)
    want = index_body(kind, dims, model_id)["mappings"]
    checked = (settings.es_url, name, want["_meta"]["mapping_sha"])
    if checked in _CURRENT:  # the pipeline calls this per document: ask Elasticsearch once per process
        return False
    live = es.indices.get_mapping(index=name)[name]["mappings"]
    live_sha = live.get("_meta", {}).get("mapping_sha")
    if live_sha == want["_meta"]["mapping_sha"]:
        _CURRENT.add(checked)
        return False
    live_analyzers = _live_analyzers(es, name)
    props, stale = _keep_live_analyzers(want["properties"], live.get("properties", {}), live_analyzers=live_analyzers)
    if _live_analysis(es, name) != _as_settings(load_mapping_file("analysis.json")["analysis"]):
        stale.append("analysis")  # analyzers redefined (same names): the index keeps its own until a reindex
    # a field whose analysis changed keeps the live analyzer until a reindex builds the next
    # version with the new one: writes and searches go on meanwhile; its digest stays the old
    # one, so each process says so once
    meta = want["_meta"] if not stale else {**want["_meta"], "mapping_sha": live_sha}
    try:
        es.indices.put_mapping(index=name, properties=props, meta=meta)
    except BadRequestError as e:
        raise MappingConflictError(f"{name}: mappningen har ändrats så att indexet måste byggas om "
                                   f"('remissvar reindex'): {e}") from e
    if stale:
        log.warning("%s: analysis of %s changed; kept until 'remissvar reindex' builds the next version",
                    name, ", ".join(stale))
    else:
        log.info("mapping of %s updated in place (new fields)", name)
    _CURRENT.add(checked)
    return True


BUILTIN_ANALYZERS = frozenset({"standard", "simple", "whitespace", "stop", "keyword", "pattern", "fingerprint"})


def _live_analysis(es: Elasticsearch, index: str) -> dict[str, Any]:
    """The live index's analysis settings in the shape of mappings/analysis.json (values as
    Elasticsearch returns them: strings; booleans and numbers compared as strings)."""
    res = es.indices.get_settings(index=index)
    analysis: dict[str, Any] = next(iter(res.values()))["settings"]["index"].get("analysis", {})
    return analysis


def _as_settings(value: Any) -> Any:
    """A settings value as Elasticsearch returns it: scalars as strings, lists and objects kept."""
    if isinstance(value, dict):
        return {k: _as_settings(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_settings(v) for v in value]
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _live_analyzers(es: Elasticsearch, index: str) -> set[str]:
    return set(_live_analysis(es, index).get("analyzer", {})) | BUILTIN_ANALYZERS


def _keep_live_analyzers(want: dict[str, Any], live: dict[str, Any], prefix: str = "",
                         live_analyzers: set[str] | None = None) -> tuple[dict[str, Any], list[str]]:
    """``want``'s properties with the live index's analyzer on every text field that exists
    there with another one (Elasticsearch cannot change a field's analyzer in place), and
    the names of those fields. A new text field whose analyzer the live index lacks (it was
    created before the analyzer existed) is left out until a reindex, and named too."""
    out: dict[str, Any] = {}
    stale: list[str] = []
    for field, spec in want.items():
        spec = dict(spec)
        have = live.get(field, {})
        needs = {spec.get("analyzer", "standard"), spec.get("search_analyzer", "standard")}
        if (not have and spec.get("type") == "text" and live_analyzers is not None
                and not needs <= live_analyzers):
            stale.append(prefix + field)
            continue
        if have.get("type") == spec.get("type") == "text" and have.get("analyzer", "standard") != spec.get(
                "analyzer", "standard"):
            spec["analyzer"] = have.get("analyzer", "standard")
            stale.append(prefix + field)
        for nested in ("fields", "properties"):
            if nested in spec:
                spec[nested], more = _keep_live_analyzers(spec[nested], have.get(nested, {}), f"{prefix}{field}.",
                                                          live_analyzers)
                stale += more
        out[field] = spec
    return out, stale


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
