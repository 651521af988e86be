"""The Elasticsearch client: nodes, credentials and orjson serializers from the settings."""
from __future__ import annotations

import base64
from typing import Any

from elasticsearch import Elasticsearch
from elasticsearch.serializer import (
    CompatibilityModeJsonSerializer,
    CompatibilityModeNdjsonSerializer,
    NdjsonSerializer,
    OrjsonSerializer,
)

from remissvar.settings import Settings, get_settings


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

