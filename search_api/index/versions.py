"""Versioned indices behind aliases, built from mappings/ (the one source of analysis and mappings).

``remissvar-yttranden-v1`` and ``remissvar-passager-v1`` are read through the aliases
``remissvar-yttranden`` and ``remissvar-passager``; a re-index writes ``-v2`` beside the
live pair and swaps both aliases in one atomic call.
"""
from __future__ import annotations

import copy
import hashlib
import json
import logging
from pathlib import Path
from typing import Any

from elasticsearch import BadRequestError, Elasticsearch, NotFoundError

from remissvar.embedding import ModelMismatchError
from remissvar.settings import Settings

log = logging.getLogger(__name__)
MAPPINGS_DIR = Path(__file__).resolve().parents[2] / "mappings"


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
    the names of those fields; likewise its live search analyzer where the live index lacks the
    one wanted (made before it existed). A new text field whose analyzer the live index lacks
    (it was created before the analyzer existed) is left out until a reindex, and named too."""
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
        if (have.get("type") == spec.get("type") == "text" and live_analyzers is not None
                and spec.get("search_analyzer", "standard") not in live_analyzers):
            # a search analyzer the index was made without ('sv_query'): searched as it was until
            # a reindex (Elasticsearch changes a search analyzer in place only to one it has)
            if "search_analyzer" in have:
                spec["search_analyzer"] = have["search_analyzer"]
            else:
                spec.pop("search_analyzer", None)
            if prefix + field not in stale:
                stale.append(prefix + field)
        for nested in ("fields", "properties"):
            if nested in spec:
                spec[nested], more = _keep_live_analyzers(spec[nested], have.get(nested, {}), f"{prefix}{field}.",
                                                          live_analyzers)
                stale += more
        out[field] = spec
    return out, stale
