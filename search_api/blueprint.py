"""The JSON API: a Flask blueprint under /api, and the service object views share."""
from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from flask import Blueprint, Flask, Response, current_app, jsonify, redirect, request, url_for
from flask.typing import ResponseReturnValue
from pydantic import ValidationError

from remissvar.embedding import QueryEncoder
from remissvar.settings import Settings, get_settings
from search_api.filters import FILTERS, ID_PATTERN, MAX_ID_CHARS
from search_api.index import count, es_client
from search_api.legacy_keys import is_legacy, legacy_remiss
from search_api.openapi import OPENAPI
from search_api.remiss_links import live_key, suggestions
from search_api.search.models import (
    FIELD_NAMES,
    Filters,
    QueryError,
    SearchRequest,
    swedish_errors,
)
from search_api.search.service import SearchService

api = Blueprint("api", __name__, url_prefix="/api")

ID_RE = re.compile(f"^{ID_PATTERN}$")
MAX_JSON_BYTES = 64 * 1024
MAX_JSON_DEPTH = 8


def get_service(app: Flask | None = None) -> SearchService:
    """The app's SearchService (created on first use: loads the query encoder once)."""
    app = app or current_app
    svc = app.extensions.get("remissvar_search")
    if svc is None:
        settings: Settings = app.config.get("REMISSVAR_SETTINGS") or get_settings()
        svc = SearchService(es_client(settings), settings, query_encoder(settings))
        app.extensions["remissvar_search"] = svc
    return svc


def query_encoder(settings: Settings) -> QueryEncoder:
    """The web's query encoder: a client of the query-encoder service (one ONNX session for every
    worker, ``remissvar.encoder_service``) that embeds with an encoder of its own only while the
    service does not answer; or, with REMISSVAR_ENCODER_SERVICE=false or an encoder the service
    does not run (engine, model, static), the process's own."""
    from remissvar.embedding import get_query_encoder

    if not settings.encoder_service or settings.query_encoder not in ("onnx", "student"):
        return get_query_encoder(settings)
    from remissvar.encoder_client import EncoderClient
    from remissvar.query_encoders import OnnxQueryEncoder

    def own() -> QueryEncoder:  # not cached: dropped again when the service answers
        return OnnxQueryEncoder(settings.model_path, intra_threads=settings.query_encoder_threads,
                                which=settings.query_encoder)

    return EncoderClient(settings, own)


def valid_id(value: str) -> bool:
    """Document and remiss ids: short, ASCII letters, digits and . _ : - (checked before ES)."""
    return 0 < len(value) <= MAX_ID_CHARS and bool(ID_RE.match(value))


def clean_text(value: str, what: str = "texten") -> str:
    """Text safe to send on: no lone surrogates ('\\ud800') or NUL characters."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as e:
        raise QueryError(f"{what} innehåller ogiltiga tecken") from e
    return value.replace("\x00", " ")


def parse_search_args(args: Any) -> SearchRequest:
    """Query-string -> validated SearchRequest (raises QueryError with a Swedish message).

    Parameters it does not know (fbclid, utm_*, anything a link picked up on the way) are
    ignored: a shared link never fails because of them."""
    try:
        return SearchRequest(
            q=clean_text(args.get("q", ""), "sökfrågan"), mode=args.get("mode") or "hybrid",
            sort=args.get("sort") or "relevans", filters=Filters(**filter_args(args)),
            page=_int(args.get("page"), 1, "page"), size=_int(args.get("size"), 10, "size"),
        )
    except ValidationError as e:
        raise QueryError(swedish_errors(e)) from e


def filter_args(args: Any) -> dict[str, Any]:
    """The filters of a query string, one per row of the filter table (``search_api.filters``):
    the values of its parameter, blanks dropped, each checked against the row's pattern."""
    out: dict[str, Any] = {}
    for f in FILTERS:
        if f.type == "date":
            out[f.name] = _date(args.get(f.param), f.word)
            continue
        values = [v.strip() for v in (args.getlist(f.param) if f.many else [args.get(f.param) or ""]) if v.strip()]
        for v in values:
            if f.pattern and not (re.fullmatch(f.pattern, v) and (f.many or len(v) <= f.limit)):
                raise QueryError(f.invalid.format(value=repr(v[:20])))
        if f.type == "integers":
            if not all(v.isascii() and v.isdigit() for v in values):  # a row without a pattern of digits
                raise QueryError(f"{f.word}: ange ett heltal")
            out[f.name] = [int(v) for v in values]
        else:
            out[f.name] = values if f.many else (values[0] if values else None)
    return out


def _int(value: str | None, default: int, name: str) -> int:
    if value is None or not value.strip():
        return default
    v = value.strip()
    if not v.isdigit() or len(v) > 6:
        raise QueryError(f"{FIELD_NAMES.get(name, name)}: ange ett heltal")
    return int(v)


def _date(value: str | None, what: str = "datum") -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as e:
        raise QueryError(f"{what}: ogiltigt datum {value[:20]!r} (ÅÅÅÅ-MM-DD)") from e


def json_depth(data: bytes) -> int:
    """The nesting depth of a JSON text ([ and { outside strings), without parsing it."""
    depth = best = 0
    in_str = esc = False
    for b in data:
        if in_str:
            if esc:
                esc = False
            elif b == 0x5C:  # backslash
                esc = True
            elif b == 0x22:
                in_str = False
        elif b == 0x22:
            in_str = True
        elif b in (0x5B, 0x7B):
            depth += 1
            best = max(best, depth)
        elif b in (0x5D, 0x7D):
            depth -= 1
    return best


def json_body() -> dict[str, Any]:
    """The request's JSON object, checked for size and depth before it is parsed."""
    data = request.get_data(cache=True)
    if len(data) > MAX_JSON_BYTES:
        raise QueryError(f"förfrågan är för stor (högst {MAX_JSON_BYTES // 1024} kB)")
    if json_depth(data) > MAX_JSON_DEPTH:
        raise QueryError("förfrågan är för djupt nästlad")
    try:
        body = json.loads(data.decode("utf-8"), parse_constant=_reject_constant)
    except (ValueError, UnicodeDecodeError) as e:
        raise QueryError("skicka JSON {\"text\": \"…\"}") from e
    if not isinstance(body, dict):
        raise QueryError("skicka JSON {\"text\": \"…\"}")
    return body


def _reject_constant(name: str) -> float:
    raise ValueError(name)  # NaN, Infinity: not JSON


@api.errorhandler(QueryError)
def _bad_request(e: QueryError) -> tuple[Response, int]:
    return jsonify({"error": str(e)}), 400


def not_found(what: str = "finns inte") -> tuple[Response, int]:
    return jsonify({"error": what}), 404


@api.get("/search")
def search() -> Response:
    req = parse_search_args(request.args)
    return jsonify(get_service().search(req).model_dump(mode="json"))


@api.get("/motions")
def motions() -> Response:
    q = clean_text(request.args.get("q", ""), "sökfrågan")
    groups = get_service().motion(q)
    return jsonify({"groups": [g.model_dump(mode="json") for g in groups]})


@api.post("/precedent")
def precedent() -> Response:
    body = json_body()
    text = body.get("text")
    if not isinstance(text, str):
        raise QueryError("skicka JSON {\"text\": \"…\"}")
    k = body.get("k", 10)
    if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= 50:
        raise QueryError("k: ange ett heltal mellan 1 och 50")
    raw = {f: body.get(f, []) for f in ("council", "position", "year")}
    if not all(isinstance(v, list) and all(isinstance(x, (str, int)) and not isinstance(x, bool) for x in v)
               for v in raw.values()):
        raise QueryError("filter ska vara listor av värden")
    try:
        filters = Filters(council=[str(x) for x in raw["council"]], position=[str(x) for x in raw["position"]],
                          year=[int(x) for x in raw["year"]])
    except ValidationError as e:
        raise QueryError(swedish_errors(e)) from e
    except ValueError as e:
        raise QueryError("år: ange ett heltal") from e
    res = get_service().precedent_search(clean_text(text), filters=filters, k=k)
    # each hit with its calibrated band (mycket lik / lik / avlägsen / standardformulering), and the
    # Swedish message when nothing is close or an identifier is not in the archive
    return jsonify({"hits": [{**h.model_dump(mode="json"), "band": res.bands.get(h.id)} for h in res.hits],
                    "message": res.message, "boilerplate": res.boilerplate})


@api.get("/yttranden/<yid>")
def yttrande(yid: str) -> Response | tuple[Response, int]:
    if not valid_id(yid):
        raise QueryError("ogiltigt id")
    doc = get_service().get_yttrande(yid)
    if doc is None:
        return not_found("yttrandet finns inte")
    return jsonify(doc)


@api.get("/remisser")
def remisser() -> Response:
    return jsonify({"remisser": get_service().list_remisser()})


@api.get("/remisser/<rid>")
def remiss(rid: str) -> ResponseReturnValue:
    if not valid_id(rid):
        raise QueryError("ogiltigt remiss-id")
    settings: Settings = current_app.config.get("REMISSVAR_SETTINGS") or get_settings()
    live = live_key(settings, rid)
    if live != rid:  # merged into an older remiss: its key survives, this one redirects
        return redirect(url_for("api.remiss", rid=live), 301)
    doc = get_service().get_remiss(rid)
    if doc is None and is_legacy(rid):  # the previous release's key (dnr-…, motion-…, titel-…)
        svc = get_service()
        found = legacy_remiss(svc.es, svc.yttranden, rid)
        if found and found != rid:
            return redirect(url_for("api.remiss", rid=live_key(settings, found)), 301)
    if doc is None:
        return not_found("remissen finns inte")
    doc["maybe_same"] = [{"remiss_id": k, "score": round(v, 3)} for k, v in suggestions(settings, rid)]
    return jsonify(doc)


@api.get("/health")
def health() -> Response:
    svc = get_service()
    es_health = svc.es.cluster.health()
    return jsonify({
        "elasticsearch": es_health["status"],
        "yttranden": count(svc.es, svc.settings, "yttranden"),
        "passager": count(svc.es, svc.settings, "passager"),
        "model": svc.embedder.model_id if svc.embedder else None,
    })


@api.get("/openapi.json")
def openapi() -> Response:
    return jsonify(OPENAPI)
