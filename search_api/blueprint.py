"""The JSON API: a Flask blueprint under /api, and the service object views share."""
from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, Flask, current_app, jsonify, request
from pydantic import ValidationError

from remissvar.settings import Settings, get_settings
from search_api.index import count, es_client
from search_api.openapi import OPENAPI
from search_api.queries import Filters, QueryError, SearchRequest, SearchService

api = Blueprint("api", __name__, url_prefix="/api")

LIST_PARAMS = ("council", "remiss_body", "party", "position", "kind")


def get_service(app: Flask | None = None) -> SearchService:
    """The app's SearchService (created on first use: loads the query encoder once)."""
    app = app or current_app
    svc = app.extensions.get("remissvar_search")
    if svc is None:
        from remissvar.embedding import get_query_encoder

        settings: Settings = app.config.get("REMISSVAR_SETTINGS") or get_settings()
        svc = SearchService(es_client(settings), settings, get_query_encoder(settings))
        app.extensions["remissvar_search"] = svc
    return svc


def parse_search_args(args: Any) -> SearchRequest:
    """Query-string -> validated SearchRequest (raises QueryError with a Swedish message)."""
    unknown = set(args.keys()) - {"q", "mode", "page", "size", "date_from", "date_to", *LIST_PARAMS}
    if unknown:
        raise QueryError(f"okända parametrar: {', '.join(sorted(unknown))}")
    try:
        filters = Filters(
            **{k: [v for v in args.getlist(k) if v] for k in LIST_PARAMS},
            date_from=_date(args.get("date_from")),
            date_to=_date(args.get("date_to")),
        )
        return SearchRequest(
            q=args.get("q", ""), mode=args.get("mode") or "hybrid", filters=filters,
            page=int(args.get("page") or 1), size=int(args.get("size") or 10),
        )
    except ValidationError as e:
        raise QueryError("; ".join(err["msg"] for err in e.errors())) from e
    except ValueError as e:
        raise QueryError(str(e)) from e


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as e:
        raise QueryError(f"ogiltigt datum: {value!r} (ÅÅÅÅ-MM-DD)") from e


@api.errorhandler(QueryError)
def _bad_request(e: QueryError):  # type: ignore[no-untyped-def]
    return jsonify({"error": str(e)}), 400


@api.get("/search")
def search():  # type: ignore[no-untyped-def]
    req = parse_search_args(request.args)
    return jsonify(get_service().search(req).model_dump(mode="json"))


@api.get("/motions")
def motions():  # type: ignore[no-untyped-def]
    groups = get_service().motion(request.args.get("q", ""))
    return jsonify({"groups": [g.model_dump(mode="json") for g in groups]})


@api.post("/precedent")
def precedent():  # type: ignore[no-untyped-def]
    body = request.get_json(silent=True) or {}
    text = body.get("text") if isinstance(body, dict) else None
    if not isinstance(text, str):
        raise QueryError("skicka JSON {\"text\": \"…\"}")
    hits = get_service().precedent(text, k=min(int(body.get("k", 10)), 50))
    return jsonify({"hits": [h.model_dump(mode="json") for h in hits]})


@api.get("/yttranden/<yid>")
def yttrande(yid: str):  # type: ignore[no-untyped-def]
    doc = get_service().get_yttrande(yid)
    if doc is None:
        return jsonify({"error": "finns inte"}), 404
    return jsonify(doc)


@api.get("/remisser")
def remisser():  # type: ignore[no-untyped-def]
    return jsonify({"remisser": get_service().list_remisser()})


@api.get("/remisser/<rid>")
def remiss(rid: str):  # type: ignore[no-untyped-def]
    doc = get_service().get_remiss(rid)
    if doc is None:
        return jsonify({"error": "finns inte"}), 404
    return jsonify(doc)


@api.get("/health")
def health():  # type: ignore[no-untyped-def]
    svc = get_service()
    es_health = svc.es.cluster.health()
    return jsonify({
        "elasticsearch": es_health["status"],
        "yttranden": count(svc.es, svc.settings, "yttranden"),
        "passager": count(svc.es, svc.settings, "passager"),
        "model": svc.embedder.model_id if svc.embedder else None,
    })


@api.get("/openapi.json")
def openapi():  # type: ignore[no-untyped-def]
    return jsonify(OPENAPI)
