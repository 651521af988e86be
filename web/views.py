"""Page views. They call search_api's service only; never Elasticsearch."""
from __future__ import annotations

import csv
import datetime as dt
import hmac
import io
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlencode

from flask import Blueprint, Response, abort, current_app, render_template, request, url_for

from remissvar.records import COUNCILS, MONTHS, POSITION_LABELS, Position
from search_api.blueprint import get_service, parse_search_args
from search_api.queries import QueryError
from search_api.status import status_report
from web.charts import positions_chart

pages = Blueprint("pages", __name__, template_folder="templates", static_folder="static",
                  static_url_path="/static")

MODES = [("hybrid", "Hybrid"), ("keyword", "Ord"), ("semantic", "Betydelse")]
FACET_TITLES = {"council": "Nämnd", "position": "Ställning", "remiss_body": "Remitterande instans",
                "party": "Motionärens parti", "year": "År", "kind": "Dokumenttyp"}
FILTER_PARAMS = ("council", "position", "remiss_body", "party", "kind")


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


@pages.app_template_filter("datum")
def datum(value: str | None) -> str:
    """'2024-12-12' -> '12 december 2024'."""
    if not value:
        return ""
    try:
        d = dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _settings():  # type: ignore[no-untyped-def]
    return current_app.config["REMISSVAR_SETTINGS"]


def citation(hit: dict | object) -> str:
    """'Södermalms stadsdelsnämnd, 12 december 2024, "Motion om …", s. 2, avsnitt …, <url>'."""
    g = (lambda k: getattr(hit, k, None)) if not isinstance(hit, dict) else hit.get
    parts = [council_name(g("council"))]
    if g("date"):
        parts.append(datum(g("date")))
    if g("title"):
        parts.append(f"”{g('title')}”")
    if g("section"):
        parts.append(f"avsnitt ”{g('section')}”")
    if g("page"):
        parts.append(f"s. {g('page')}")
    if g("source_url"):
        parts.append(str(g("source_url")))
    return ", ".join(parts)


@pages.app_context_processor
def _helpers() -> dict:
    return {"citation": citation, "facet_titles": FACET_TITLES}


@pages.get("/")
def search_page():  # type: ignore[no-untyped-def]
    error = result = req = None
    try:
        req = parse_search_args(request.args)
        if req.q or any(request.args.getlist(k) for k in FILTER_PARAMS):
            result = get_service().search(req)
    except QueryError as e:
        error = str(e)
    args = request.args
    selected = {k: set(args.getlist(k)) for k in FILTER_PARAMS}

    def url_with(**changes: object) -> str:
        params = [(k, v) for k in args for v in args.getlist(k) if k not in changes]
        for k, v in changes.items():
            if isinstance(v, list):
                params += [(k, x) for x in v]
            elif v is not None:
                params.append((k, str(v)))
        return url_for("pages.search_page") + ("?" + urlencode(params) if params else "")

    pages_total = ((result.total_groups - 1) // result.size + 1) if result and result.total_groups else 0
    feed_url = url_for("pages.feed") + ("?" + urlencode(list(args.items(multi=True))) if args else "")
    return render_template("search.html", req=req, result=result, error=error, modes=MODES, args=args,
                           selected=selected, url_with=url_with, pages_total=pages_total,
                           feed_url=feed_url), (400 if error else 200)


@pages.get("/remiss/<rid>")
def remiss_page(rid: str):  # type: ignore[no-untyped-def]
    doc = get_service().get_remiss(rid)
    if doc is None:
        abort(404)
    return render_template("remiss.html", r=doc)


@pages.get("/remiss/<rid>.csv")
def remiss_csv(rid: str):  # type: ignore[no-untyped-def]
    doc = get_service().get_remiss(rid)
    if doc is None:
        abort(404)
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";")
    w.writerow(["Nämnd", "Datum", "Ställning", "Meningar som bär ställningen", "Beslut", "Reservationer", "Källa"])
    for a in doc["answers"]:
        res = "; ".join(f"{r['party']} ({r['kind']})" for r in a.get("reservations", []))
        w.writerow([council_name(a.get("council")), a.get("date") or "", position_label(a.get("position")),
                    " | ".join(a.get("position_sentences") or []), a.get("decision") or "", res,
                    a.get("source_url") or ""])
    for n in doc["not_answered"]:
        w.writerow([n["name"], "", "Inget svar i arkivet", "", "", "", ""])
    # BOM so that Excel opens å/ä/ö right
    return Response("\ufeff" + buf.getvalue(), mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="remiss-{rid}.csv"'})


@pages.get("/motion")
def motion_page():  # type: ignore[no-untyped-def]
    q = request.args.get("q", "").strip()
    groups, error = [], None
    if q:
        try:
            groups = get_service().motion(q)
        except QueryError as e:
            error = str(e)
    return render_template("motion.html", q=q, groups=groups, error=error), (400 if error else 200)


@pages.route("/prejudikat", methods=["GET", "POST"])
def precedent_page():  # type: ignore[no-untyped-def]
    text = (request.form.get("text") if request.method == "POST" else request.args.get("text")) or ""
    hits, error = [], None
    if text.strip():
        try:
            hits = get_service().precedent(text)
        except QueryError as e:
            error = str(e)
    return render_template("precedent.html", text=text, hits=hits, error=error), (400 if error else 200)


@pages.get("/dokument/<yid>")
def document_page(yid: str):  # type: ignore[no-untyped-def]
    svc = get_service()
    doc = svc.get_yttrande(yid)
    if doc is None:
        abort(404)
    q = request.args.get("q", "")[:500]
    hits = svc.document_hits(yid, q) if q else []
    return render_template("document.html", d=doc, q=q, hits=hits)


@pages.get("/oversikt")
def overview_page():  # type: ignore[no-untyped-def]
    data = get_service().overview()
    years = sorted({y for c in data.values() for y in c["years"]})
    return render_template("overview.html", data=data, years=years, chart=positions_chart(data),
                           remisser=get_service().list_remisser(50))


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ue000\ue001\ufffe\uffff]")


def _x(text: str) -> str:
    """Text safe for XML 1.0 (form feeds from PDF page breaks and other controls removed)."""
    return _XML_INVALID.sub(" ", text)


@pages.get("/flode")
def feed():  # type: ignore[no-untyped-def]
    try:
        req = parse_search_args(request.args)
    except QueryError as e:
        return Response(str(e), status=400, mimetype="text/plain")
    answers = get_service().latest_answers(req)
    ns = "http://www.w3.org/2005/Atom"
    ET.register_namespace("", ns)
    root = ET.Element(f"{{{ns}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "sv"})
    title = f"Remissvar: {req.q}" if req.q else "Remissvar: nya svar"
    ET.SubElement(root, f"{{{ns}}}title").text = _x(title)
    ET.SubElement(root, f"{{{ns}}}id").text = request.url
    ET.SubElement(root, f"{{{ns}}}link", {"rel": "self", "href": request.url})
    search_url = url_for("pages.search_page", _external=True) + ("?" + request.query_string.decode() if request.query_string else "")
    ET.SubElement(root, f"{{{ns}}}link", {"rel": "alternate", "type": "text/html", "href": search_url})
    updated = max((a.date for a in answers if a.date), default=dt.date.today().isoformat())
    ET.SubElement(root, f"{{{ns}}}updated").text = f"{updated[:10]}T00:00:00Z"
    for a in answers:
        e = ET.SubElement(root, f"{{{ns}}}entry")
        ET.SubElement(e, f"{{{ns}}}title").text = _x(f"{council_name(a.council)}: {a.best.remiss_title or a.best.title or 'Yttrande'}")
        link = url_for("pages.document_page", yid=a.yttrande_id, _external=True)
        ET.SubElement(e, f"{{{ns}}}id").text = link
        ET.SubElement(e, f"{{{ns}}}link", {"href": link})
        ET.SubElement(e, f"{{{ns}}}updated").text = f"{(a.date or updated)[:10]}T00:00:00Z"
        ET.SubElement(e, f"{{{ns}}}summary").text = _x(f"{position_label(a.position)}. {a.best.text[:400]}")
        author = ET.SubElement(e, f"{{{ns}}}author")
        ET.SubElement(author, f"{{{ns}}}name").text = council_name(a.council)
    body = ET.tostring(root, encoding="unicode", xml_declaration=False)
    return Response('<?xml version="1.0" encoding="utf-8"?>\n' + body, mimetype="application/atom+xml")


@pages.get("/status")
def status_page():  # type: ignore[no-untyped-def]
    return render_template("status.html", s=status_report(_settings()))


def _require_admin() -> None:
    token = _settings().admin_token
    given = request.headers.get("X-Admin-Token") or request.form.get("token") or ""
    if not token:
        abort(404)  # admin actions are off unless a token is configured
    if not hmac.compare_digest(token.encode(), given.encode()):
        abort(403)


@pages.post("/admin/crawl")
def admin_crawl():  # type: ignore[no-untyped-def]
    _require_admin()
    from ingest.crawl.model import load_sources
    from ingest.tasks import crawl_council

    n = 0
    for src in load_sources(_settings().sources_file):
        crawl_council.send(src.platform, src.council)
        n += 1
    return {"enqueued": n}, 202


@pages.post("/admin/reindex")
def admin_reindex():  # type: ignore[no-untyped-def]
    _require_admin()
    from ingest.reindex import reindex_all

    old, new, n = reindex_all(_settings())
    return {"from": old, "to": new, "documents": n}, 200
