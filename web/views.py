"""Page views. They call search_api's service only; never Elasticsearch."""
from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from remissvar.records import COUNCILS, POSITION_LABELS, Position
from search_api.blueprint import get_service, parse_search_args
from search_api.queries import QueryError

pages = Blueprint("pages", __name__, template_folder="templates", static_folder="static",
                  static_url_path="/static")

MODES = [("hybrid", "Hybrid"), ("keyword", "Ord"), ("semantic", "Betydelse")]


@pages.app_template_filter("position_label")
def position_label(value: str | None) -> str:
    try:
        return POSITION_LABELS[Position(value)] if value else "Okänd"
    except ValueError:
        return value or "Okänd"


@pages.app_template_filter("council_name")
def council_name(slug: str | None) -> str:
    c = COUNCILS.get(slug or "")
    return c.name if c else (slug or "Okänd nämnd")


@pages.get("/")
def search_page():  # type: ignore[no-untyped-def]
    error = None
    result = None
    try:
        req = parse_search_args(request.args)
        if req.q or any(request.args.getlist(k) for k in ("council", "position", "party", "remiss_body", "kind")):
            result = get_service().search(req)
    except QueryError as e:
        error = str(e)
        req = None
    status = 400 if error else 200
    return render_template("search.html", req=req, result=result, error=error, modes=MODES,
                           args=request.args), status


@pages.get("/remiss/<rid>")
def remiss_page(rid: str):  # type: ignore[no-untyped-def]
    doc = get_service().get_remiss(rid)
    if doc is None:
        abort(404)
    return render_template("remiss.html", r=doc)


@pages.get("/dokument/<yid>")
def document_page(yid: str):  # type: ignore[no-untyped-def]
    doc = get_service().get_yttrande(yid)
    if doc is None:
        abort(404)
    return render_template("document.html", d=doc)
