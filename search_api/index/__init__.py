"""The index: its mappings and versions, the document schema, the client and the writer.

Read by search (``search_api.search``) and written by ingest; ingest imports this package and
nothing else of ``search_api`` (tests/test_layers.py). It imports only the core (``remissvar``).

- ``client``: the Elasticsearch client from the settings;
- ``versions``: mappings/ (the one source), versioned indices behind aliases, in-place upgrades;
- ``schema``: the documents as indexed (answers and passages, the filter fields);
- ``writer``: an answer and its passages written, remiss links set, counts.
"""
from search_api.index.client import ORJSON_SERIALIZERS, es_client, secured_options
from search_api.index.versions import (
    BUILTIN_ANALYZERS,
    MAPPINGS_DIR,
    MappingConflictError,
    alias_name,
    create_version,
    current_version,
    ensure_indices,
    index_body,
    index_model,
    index_name,
    load_mapping_file,
    swap_aliases,
    upgrade_mapping,
)
from search_api.index.writer import (
    count,
    delete_all,
    indexed_remiss_ids,
    passage_doc,
    set_remiss_id,
    write_yttrande,
    yttrande_doc,
)

__all__ = [
    "BUILTIN_ANALYZERS", "MAPPINGS_DIR", "ORJSON_SERIALIZERS", "MappingConflictError", "alias_name", "count",
    "create_version", "current_version", "delete_all", "ensure_indices", "es_client", "index_body", "index_model",
    "index_name", "indexed_remiss_ids", "load_mapping_file", "passage_doc", "secured_options", "set_remiss_id",
    "swap_aliases", "upgrade_mapping", "write_yttrande", "yttrande_doc",
]
