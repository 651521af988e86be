"""Precedent results kept in Redis for a while, so that a result can be shared by a link that
carries no text: the pasted draft (often unpublished) is POSTed, searched and never stored,
logged or put in a URL; only the result (archive passages, their likeness, the filters) is kept,
under a random token, for ``TTL_S`` seconds, readable by every web worker."""
from __future__ import annotations

import json
import secrets
from typing import Any

import redis

from remissvar.settings import Settings
from search_api.search.models import PassageHit
from search_api.search.precedent import PrecedentResult

TTL_S = 7 * 24 * 3600
KEY = "remissvar:prejudikat:"
_TOKEN_CHARS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
_clients: dict[str, redis.Redis] = {}


def _client(settings: Settings) -> redis.Redis:
    c = _clients.get(settings.redis_url)
    if c is None:
        c = _clients[settings.redis_url] = redis.Redis.from_url(settings.redis_url)
    return c


def save(settings: Settings, result: PrecedentResult, filters: dict[str, list[str]]) -> str:
    """Keep a result (never the draft) and return its token."""
    token = secrets.token_urlsafe(16)
    body = {"hits": [h.model_dump(mode="json") for h in result.hits], "bands": result.bands,
            "message": result.message, "boilerplate": result.boilerplate, "below_floor": result.below_floor,
            "filters": filters}
    _client(settings).set(KEY + token, json.dumps(body, ensure_ascii=False), ex=TTL_S)
    return token


def load(settings: Settings, token: str) -> tuple[PrecedentResult, dict[str, list[str]]] | None:
    """The kept result and its filters, or None when the token is unknown or expired."""
    if not token or len(token) > 64 or not set(token) <= _TOKEN_CHARS:
        return None
    raw = _client(settings).get(KEY + token)
    if raw is None:
        return None
    body: dict[str, Any] = json.loads(raw)
    result = PrecedentResult(hits=[PassageHit.model_validate(h) for h in body["hits"]], bands=body["bands"],
                             message=body.get("message"), boilerplate=body.get("boilerplate"),
                             below_floor=int(body.get("below_floor", 0)))
    return result, dict(body.get("filters", {}))
