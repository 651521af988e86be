"""Page views. They call search_api's service only; never Elasticsearch. The pipeline is
reached only by enqueueing messages by actor name (remissvar.queue)."""
from __future__ import annotations

import datetime as dt
import hmac
import re
import xml.etree.ElementTree as ET
from functools import lru_cache
from typing import Any
from urllib.parse import quote_plus, urlencode

from flask import Blueprint, Response, abort, current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from werkzeug.datastructures import MultiDict

from remissvar.records import COUNCILS, DECISION_OUTCOME_LABELS, MONTHS, DecisionOutcome, Position
from remissvar.records import position_label as records_position_label
from remissvar.settings import Settings
from search_api import precedent_store
from search_api.blueprint import clean_text, get_service, parse_search_args, valid_id
from search_api.filters import FILTERS, facets, link_params
from search_api.legacy_keys import is_legacy, legacy_remiss
from search_api.overview import EXPORT_ROWS, OverviewFilter, matrix_councils, overview_with_choices
from search_api.overview import choices as overview_choices
from search_api.overview import overview as overview_data
from search_api.remiss_links import live_key, suggestions
from search_api.search.models import Filters, QueryError, swedish_errors
from search_api.status import status_report
from web.charts import positions_chart, year_axis
from web.export import absolute, atom_instant, csv_text, local_time, xml_text
from web.labels import actor_label, failure_label

pages = Blueprint("pages", __name__, template_folder="templates", static_folder="static",
                  static_url_path="/static")

MODES = [("hybrid", "Ord och betydelse"), ("keyword", "Bara orden"), ("semantic", "Bara betydelsen")]
SORTS = [("relevans", "Relevans"), ("datum", "Datum, nyast först")]
# what a search page's links keep (the filters: search_api.filters), and what a feed's address keeps
STATE_PARAMS = ("q", "mode", "sort", *link_params())
FEED_PARAMS = ("q", "mode", "sort", *(f.param for f in FILTERS))


@pages.app_template_filter("position_label")
def position_label(value: str | None) -> str:
    return records_position_label(value) or value or "Okänd"


@pages.app_template_filter("decision_label")
def decision_label(value: str | None) -> str:
    """The council's decision in Swedish ('enligt_forslag' -> 'Enligt förvaltningens förslag')."""
    try:
        return DECISION_OUTCOME_LABELS[DecisionOutcome(value)] if value else "Inget beslut hittat"
    except ValueError:
        return value or "Inget beslut hittat"


@pages.app_template_filter("position_class")
def position_class(value: str | None) -> str:
    """A CSS class for a position value ('avstår' -> 'pos-avstar')."""
    from remissvar.textnorm import fold

    return "pos-" + re.sub(r"[^a-z]", "", fold(value or "oklart").lower())


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


@pages.app_template_filter("failure_label")
def _failure_label(value: str | None) -> str:
    return failure_label(value)


@pages.app_template_filter("actor_label")
def _actor_label(value: str | None) -> str:
    return actor_label(value)


@pages.app_template_filter("lokaltid")
def lokaltid(value: str | None) -> str:
    return local_time(value)


def _settings() -> Settings:
    s: Settings = current_app.config["REMISSVAR_SETTINGS"]
    return s


def document_title(d: dict[str, Any]) -> str:
    """'Södermalms stadsdelsnämnd – yttrande över Remiss av motion om …' (three councils'
    answers to one remiss get three different titles)."""
    remiss = d.get("remiss_title") or d.get("title")
    who = council_name(d.get("council")) if d.get("council") else "Okänd nämnd"
    return f"{who} – yttrande över {remiss}" if remiss else f"{who} – yttrande"


def pdf_link(url: str | None, page: int | None) -> str | None:
    """The source PDF opened at a page (#page=N, read by PDF viewers)."""
    if not url:
        return None
    return f"{url.split('#')[0]}#page={page}" if page else url


def citation(hit: Any, quote: bool = False) -> str:
    """'”<quote>” Södermalms stadsdelsnämnd, ”Remiss av …”, dnr KS 2024/951, 12 december 2024, s. 2,
    avsnitt ”…”, <url>'."""
    def g(k: str) -> Any:
        return hit.get(k) if isinstance(hit, dict) else getattr(hit, k, None)

    parts = [council_name(g("council"))]
    title = g("remiss_title") or g("title")
    if title:
        parts.append(f"”{title}”")
    if g("remiss_dnr"):
        parts.append(f"dnr {g('remiss_dnr')}")
    if g("date"):
        parts.append(datum(g("date")))
    if g("page"):
        parts.append(f"s. {g('page')}")
    if g("section"):
        parts.append(f"avsnitt ”{g('section')}”")
    if g("source_url"):
        parts.append(str(pdf_link(g("source_url"), g("page"))))
    text = ", ".join(parts)
    if quote and g("text"):
        q = " ".join(str(g("text")).split())
        text = f"”{q}” ({text})"
    return text


@pages.app_context_processor
def _helpers() -> dict[str, Any]:
    return {"citation": citation, "pdf_link": pdf_link, "document_title": document_title}


def _state_url(endpoint: str, args: Any, **changes: Any) -> str:
    """This page's URL with some parameters changed (None removes one; a list sets many)."""
    params = [(k, v) for k in STATE_PARAMS for v in args.getlist(k) if k not in changes and v]
    for k, v in changes.items():
        if isinstance(v, list):
            params += [(k, x) for x in v]
        elif v is not None:
            params.append((k, str(v)))
    return url_for(endpoint) + ("?" + urlencode(params) if params else "")


def _chips(args: Any) -> list[dict[str, str]]:
    """The active filters as removable chips (label and the URL without that one value), in the
    filter table's order: 'Nämnd: Farsta', 'Från 1 december 2024'."""
    out = []
    for f in FILTERS:
        if not f.in_links:
            continue
        values = [v for v in (args.getlist(f.param) if f.many else [args.get(f.param)]) if v]
        for v in values:
            label = f"{f.label} {datum(v)}" if f.type == "date" else f"{f.label}: {f.value_label(v)}"
            rest = [x for x in values if x != v] if f.many else None
            out.append({"label": label, "url": _state_url("pages.search_page", args, **{f.param: rest, "page": None})})
    return out


@pages.get("/")
def search_page() -> ResponseReturnValue:
    error = result = req = missing = None
    args = request.args
    try:
        req = parse_search_args(args)
        q = req.q.strip()
        if q and not req.filters.active() and args.get("direkt") != "nej":
            rid = get_service().resolve_identifier(q)
            if rid:  # a motion number or a dnr goes straight to its remiss
                return redirect(url_for("pages.remiss_page", rid=rid), 302)
        # a motion number or dnr no answer has: say so, not unrelated "liknande" answers
        missing = get_service().missing_identifier(q) if q and not req.filters.active() else None
        if (q or req.filters.active()) and not missing:
            result = get_service().search(req)
    except QueryError as e:
        error = str(e)
    selected = {f.name: set(args.getlist(f.param)) for f in facets()}

    def url_with(**changes: Any) -> str:
        return _state_url("pages.search_page", args, **changes)

    pages_total = result.pages if result else 0
    state = [(k, v) for k in STATE_PARAMS for v in args.getlist(k) if v]
    feed_url = url_for("pages.feed") + ("?" + urlencode(state) if state else "")
    csv_url = url_for("pages.search_csv") + ("?" + urlencode(state) if state else "")
    shown = []  # (row of the filter table, its values)
    if result:
        shown = [(f, result.facets.get(f.name, [])) for f in facets()
                 if result.facets.get(f.name) or selected.get(f.name)]
    clear_url = url_with(**{p: None for p in link_params()}, page=None)  # "Rensa alla"
    return render_template("search.html", req=req, result=result, error=error, modes=MODES, sorts=SORTS, args=args,
                           selected=selected, url_with=url_with, pages_total=pages_total, facets=shown,
                           chips=_chips(args), clear_url=clear_url, feed_url=feed_url, csv_url=csv_url, missing=missing,
                           similar_floor=get_service().similar_floor), (400 if error else 200)


@pages.get("/sok.csv")
def search_csv() -> ResponseReturnValue:
    try:
        req = parse_search_args(request.args)
    except QueryError as e:
        return Response(str(e), status=400, mimetype="text/plain")
    req = req.model_copy(update={"size": 50, "page": 1})
    result = get_service().search(req)
    today = dt.date.today().isoformat()
    rows: list[list[object]] = [["Sökning", req.q], ["Exporterad", today], []]
    rows.append(["Block", "Remiss", "Remitterande instans", "Diarienummer", "Nämnd", "Datum", "Ställning", "Utdrag",
                 "Yttrande", "Källa"])
    for block, groups in (("Exakta träffar", result.groups), ("Liknande innehåll", result.similar)):
        for g in groups:
            for a in g.answers:
                rows.append([block, g.title or "", g.body or "", g.dnr or "", council_name(a.council), a.date or "",
                             position_label(a.position), a.best.text[:1000],
                             absolute(_settings(), url_for("pages.document_page", yid=a.yttrande_id)),
                             a.best.source_url or ""])
    return Response(csv_text(rows), content_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="remissvar-sokning-{today}.csv"'})


def _remiss_or_404(rid: str) -> dict[str, Any]:
    if not valid_id(rid):
        abort(404)
    doc = get_service().get_remiss(rid)
    if doc is None:
        abort(404)
    return doc


def _earlier_key(rid: str) -> str | None:
    """The live key behind an earlier URL form: a key the key store redirected (merged) or the
    previous release's identity (``dnr-ks-2024-951``, ``motion-2012-6``, ``titel-…``) that no
    remiss has any longer."""
    if not valid_id(rid):
        return None
    live = live_key(_settings(), rid)
    if live != rid:
        return live
    if is_legacy(rid) and get_service().get_remiss(rid) is None:
        svc = get_service()
        found = legacy_remiss(svc.es, svc.yttranden, rid)
        return live_key(_settings(), found) if found and found != rid else None
    return None


@pages.get("/remiss/<rid>")
def remiss_page(rid: str) -> ResponseReturnValue:
    if live := _earlier_key(rid):  # merged (the older key survives) or an earlier release's URL
        return redirect(url_for("pages.remiss_page", rid=live), 301)
    doc = _remiss_or_404(rid)
    maybe = []
    for key, score in suggestions(_settings(), rid):
        other = get_service().get_remiss(key)
        if other:
            maybe.append({"remiss_id": key, "title": other.get("title"), "score": score,
                          "councils": [a.get("council") for a in other["answers"]]})
    return render_template("remiss.html", r=doc, feed_url=url_for("pages.feed", remiss_id=rid), maybe=maybe,
                           admin=bool(_settings().admin_token))


@pages.get("/remiss/<rid>.csv")
def remiss_csv(rid: str) -> ResponseReturnValue:
    if live := _earlier_key(rid):
        return redirect(url_for("pages.remiss_csv", rid=live), 301)
    doc = _remiss_or_404(rid)
    today = dt.date.today().isoformat()
    rows: list[list[object]] = [
        ["Remiss", doc.get("title") or ""], ["Remitterande instans", doc.get("body") or ""],
        ["Diarienummer", doc.get("dnr") or ""], ["Motion", doc.get("motion_number") or ""],
        ["Exporterad", today], ["Sida", absolute(_settings(), url_for("pages.remiss_page", rid=rid))], [],
        ["Nämnd", "Datum", "Förvaltningens ställning", "Säkerhet", "Meningar som bär ställningen",
         "Nämndens beslut", "Reservationer", "Källa"],
    ]
    for a in doc["answers"]:
        res = "; ".join(f"{r['party']} ({r['kind']}): {r.get('text') or ''}".rstrip(": ")
                        for r in a.get("reservations", []))
        rows.append([council_name(a.get("council")), a.get("date") or "", position_label(a.get("position")),
                     a.get("position_confidence") or "", " | ".join(a.get("position_sentences") or []),
                     a.get("decision") or "", res, a.get("source_url") or ""])
    for n in doc["not_answered"]:  # what a summary (kommunstyrelsens utlåtande) says, when one does
        state = "Inget svar i arkivet"
        if n.get("state") in ("ej_svar", "sammanstallning"):
            state = n["state_label"] + (f": {position_label(n['position'])}" if n.get("position") else "")
        source = (n.get("summary") or {}).get("url") or ""
        rows.append([n["name"], "", state, "", n.get("evidence") or "", "", "", source])
    name = re.sub(r"[^A-Za-z0-9._-]", "-", rid)
    return Response(csv_text(rows), content_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="remiss-{name}-{today}.csv"'})


@pages.get("/motion")
def motion_page() -> ResponseReturnValue:
    q = request.args.get("q", "").strip()
    groups: list[Any] = []
    error = None
    if q:
        try:
            groups = get_service().motion(clean_text(q, "sökfrågan"))
        except QueryError as e:
            error = str(e)
    return render_template("motion.html", q=q, groups=groups, error=error,
                           corrected=corrected_names(q, groups)), (400 if error else 200)


def corrected_names(q: str, groups: list[Any]) -> list[tuple[str, str]]:
    """The words of a motion query that found an author only by a corrected spelling
    ('Krooon' -> 'Kroon'), as (typed, found) pairs: the page says whose motions it shows."""
    from difflib import get_close_matches

    from remissvar.records import party_code
    from remissvar.textnorm import fold

    names = {w for g in groups for a in (getattr(g, "motion_authors", None) or []) for w in a.split()}
    folded = {fold(n).lower(): n for n in names}
    titles = " ".join(fold(getattr(g, "title", None) or "").lower() for g in groups)
    out = []
    for w in q.replace(",", " ").split():
        f = fold(w.strip("()")).lower()
        if len(f) < 3 or f.isdigit() or party_code(w) or f in folded or f in titles:
            continue
        near = get_close_matches(f, list(folded), n=1, cutoff=0.7)
        if near:
            out.append((w, folded[near[0]]))
    return out


def _precedent_filters(args: Any) -> Filters:
    try:
        years = [int(y) for y in args.getlist("year") if y.strip()]
    except ValueError as e:
        raise QueryError("år: ange ett heltal") from e
    try:
        return Filters(council=[v for v in args.getlist("council") if v], year=years,
                       position=[v for v in args.getlist("position") if v])
    except Exception as e:  # pydantic ValidationError
        from pydantic import ValidationError

        if isinstance(e, ValidationError):
            raise QueryError(swedish_errors(e)) from e
        raise


@pages.route("/prejudikat", methods=["GET", "POST"])
def precedent_page() -> ResponseReturnValue:
    """The draft is POSTed (never in a URL, a log line or the store); the result is kept in Redis
    for a week under a random token (``search_api.precedent_store``): the shareable link carries
    only that token."""
    if request.method == "GET":
        # an old link with the text in its address: not searched, the text not shown back
        error = ("Av sekretesskäl skickas stycket inte längre i adressen: klistra in det i rutan och sök igen."
                 if "text" in request.args else None)
        return _render_precedent(None, "", request.args, error=error, status=400 if error else 200)
    form = request.form
    text = form.get("text") or ""
    if not text.strip():
        return _render_precedent(None, text, form, error="Klistra in ett stycke text att jämföra med.", status=400)
    try:
        result = get_service().precedent_search(clean_text(text), filters=_precedent_filters(form))
    except QueryError as e:
        return _render_precedent(None, text, form, error=str(e), status=400)
    filters = {k: [v for v in form.getlist(k) if v] for k in ("council", "year", "position")}
    token = precedent_store.save(_settings(), result, filters)
    return _render_precedent(result, text, form, share=url_for("pages.precedent_result", token=token))


@pages.get("/prejudikat/r/<token>")
def precedent_result(token: str) -> ResponseReturnValue:
    """A shared precedent result (no draft: only the archive's passages and the filters)."""
    kept = precedent_store.load(_settings(), token)
    if kept is None:
        return _render_precedent(None, "", MultiDict(), status=404, error="Resultatet finns inte längre "
                                 "(länkar gäller i sju dagar). Klistra in stycket igen.")
    result, filters = kept
    form = MultiDict([(k, v) for k, vs in filters.items() for v in vs])
    return _render_precedent(result, "", form, share=url_for("pages.precedent_result", token=token), shared=True)


def _render_precedent(result: Any, text: str, form: Any, *, error: str | None = None, share: str | None = None,
                      shared: bool = False, status: int = 200) -> ResponseReturnValue:
    return render_template("precedent.html", text=text, result=result, hits=result.hits if result else [],
                           error=error, searched=result is not None, share=share, shared=shared,
                           councils=COUNCILS, positions=list(Position), form=form,
                           years=list(range(dt.date.today().year, 2000, -1))), status


@pages.get("/dokument/<yid>")
def document_page(yid: str) -> ResponseReturnValue:
    if not valid_id(yid):
        abort(404)
    svc = get_service()
    doc = svc.get_yttrande(yid)
    if doc is None:
        abort(404)
    q = request.args.get("q", "")[:500]
    hits = svc.document_hits(yid, q) if q else []
    passage = None
    pid = request.args.get("stycke", "")
    if pid and valid_id(pid):
        passage = next((p for p in svc.document_passages(yid) if p.id == pid), None)
    sections = []
    for i, s in enumerate(doc.get("sections") or [], start=1):
        paras = [p for p in str(s.get("text", "")).split("\n\n") if p.strip()]
        sections.append({"anchor": f"avsnitt-{i}", "name": s.get("name"), "page": s.get("page"),
                         "paragraphs": [{"text": p, "chosen": bool(passage and _overlaps(passage.text, p))}
                                        for p in paras]})
    anchors = {s["name"]: s["anchor"] for s in sections}
    return render_template("document.html", d=doc, q=q, hits=hits, sections=sections, anchors=anchors,
                           passage=passage, title=document_title(doc),
                           feed_url=(url_for("pages.feed", remiss_id=doc["remiss_id"]) if doc.get("remiss_id")
                                     else None))


def _overlaps(passage: str, paragraph: str) -> bool:
    """Whether a paragraph holds (part of) a passage: a passage is a few sentences of one section."""
    a, b = " ".join(passage.split()), " ".join(paragraph.split())
    if not a or not b:
        return False
    return a[:80] in b or b[:80] in a


@pages.get("/oversikt")
def overview_page() -> ResponseReturnValue:
    svc = get_service()
    try:
        f = _overview_filter(request.args)
    except QueryError as e:
        return render_template("overview.html", error=str(e), f=None, all_councils=COUNCILS,
                               choices=overview_choices(svc.es, svc.yttranden, _settings().include_synthetic),
                               data={}, years=[], chart="", matrix=[], total=0, answers=0, councils=[],
                               csv_url=None, args=request.args), 400
    res, choices = overview_with_choices(svc.es, svc.yttranden, f, include_synthetic=_settings().include_synthetic)
    data = res["councils"]
    columns = matrix_councils(res["matrix"], COUNCILS)

    # a link per bar of the chart (thousands at archive scale: bench/archive_scale.py): the search
    # URL and the filter's parameters are encoded once, each value once
    search_url = url_for("pages.search_page")
    extra = [(k, v) for k, v in (("q", f.words if f.words.strip() else ""), ("remiss_body", f.remiss_body)) if v]
    tail = "&" + urlencode(extra) if extra else ""
    enc = lru_cache(maxsize=None)(quote_plus)

    def bar_link(council: str, year: str, position: str) -> str:
        return f"{search_url}?council={enc(council)}&year={enc(year)}&position={enc(position)}{tail}"

    return render_template("overview.html", data=data, years=year_axis(data), chart=positions_chart(data, bar_link),
                           matrix=res["matrix"], total=res["remiss_total"], answers=res["answers"],
                           councils=columns, f=f, choices=choices, csv_url=_with_query(url_for("pages.overview_csv")),
                           bar_link=bar_link, args=request.args, error=None, all_councils=COUNCILS)


def _with_query(path: str) -> str:
    """``path`` with this request's query string (the same choices on another view)."""
    return path + ("?" + request.query_string.decode() if request.query_string else "")


def _overview_filter(args: Any) -> OverviewFilter:
    from pydantic import ValidationError

    def year(name: str) -> int | None:
        v = (args.get(name) or "").strip()
        if not v:
            return None
        if not v.isdigit():
            raise QueryError(f"{'från' if name == 'fran' else 'till'} år: ange ett årtal")
        return int(v)

    rid = (args.get("remiss") or "").strip()
    if rid and not valid_id(rid):
        raise QueryError("okänd remiss")
    try:
        f = OverviewFilter(remiss_id=rid or None, words=clean_text(args.get("q", ""), "orden")[:200],
                           remiss_body=(args.get("remiss_body") or "").strip() or None,
                           council=[c for c in args.getlist("council") if c], year_from=year("fran"),
                           year_to=year("till"))
        f.filters()  # the closed vocabularies (councils) checked here
    except ValidationError as e:
        raise QueryError(swedish_errors(e)) from e
    return f


@pages.get("/oversikt.csv")
def overview_csv() -> ResponseReturnValue:
    """The matrix of remisser x councils as CSV (semicolons, UTF-8 with BOM, like the other exports)."""
    svc = get_service()
    try:
        f = _overview_filter(request.args)
    except QueryError as e:
        return Response(str(e), status=400, content_type="text/plain; charset=utf-8")
    res = overview_data(svc.es, svc.yttranden, f, rows=EXPORT_ROWS,
                        include_synthetic=_settings().include_synthetic)
    councils = matrix_councils(res["matrix"], COUNCILS)
    today = dt.date.today().isoformat()
    rows: list[list[object]] = [["Översikt: ställning per remiss och nämnd"], ["Exporterad", today],
                                ["Urval", absolute(_settings(), _with_query(url_for("pages.overview_page")))], [],
                                ["Remiss", "Diarienummer", "Remitterande instans", "Senaste svaret",
                                 *[council_name(c) for c in councils]]]
    for r in res["matrix"]:
        rows.append([r["title"] or r["remiss_id"], r["dnr"] or "", r["body"] or "", r["latest"],
                     *[" / ".join(position_label(p) for p in r["cells"].get(c, [])) for c in councils]])
    return Response(csv_text(rows), content_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="remissvar-oversikt-{today}.csv"'})


def _atom(title: str, self_url: str, alt_url: str, entries: list[dict[str, Any]]) -> Response:
    ns = "http://www.w3.org/2005/Atom"
    ET.register_namespace("", ns)
    root = ET.Element(f"{{{ns}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "sv"})
    ET.SubElement(root, f"{{{ns}}}title").text = xml_text(title)
    ET.SubElement(root, f"{{{ns}}}id").text = xml_text(self_url)
    ET.SubElement(root, f"{{{ns}}}link", {"rel": "self", "href": xml_text(self_url)})
    ET.SubElement(root, f"{{{ns}}}link", {"rel": "alternate", "type": "text/html", "href": xml_text(alt_url)})
    updated = max((e["updated"] for e in entries), default=atom_instant(dt.datetime.now(dt.UTC).isoformat()))
    ET.SubElement(root, f"{{{ns}}}updated").text = updated
    for en in entries:
        e = ET.SubElement(root, f"{{{ns}}}entry")
        ET.SubElement(e, f"{{{ns}}}title").text = xml_text(en["title"])
        ET.SubElement(e, f"{{{ns}}}id").text = xml_text(en["link"])
        ET.SubElement(e, f"{{{ns}}}link", {"href": xml_text(en["link"])})
        ET.SubElement(e, f"{{{ns}}}updated").text = en["updated"]
        if en.get("published"):
            ET.SubElement(e, f"{{{ns}}}published").text = en["published"]
        ET.SubElement(e, f"{{{ns}}}summary").text = xml_text(en["summary"])
        author = ET.SubElement(e, f"{{{ns}}}author")
        ET.SubElement(author, f"{{{ns}}}name").text = xml_text(en["author"])
    body = ET.tostring(root, encoding="unicode", xml_declaration=False)
    return Response('<?xml version="1.0" encoding="utf-8"?>\n' + body, mimetype="application/atom+xml")


@pages.get("/flode")
def feed() -> ResponseReturnValue:
    """Atom: a search, one remiss (?remiss_id=) or one motion (?motion=ÅÅÅÅ:N); entries dated by
    when the answer arrived in the archive, links absolute from the configured base URL."""
    try:
        req = parse_search_args(request.args)
    except QueryError as e:
        return Response(str(e), status=400, content_type="text/plain; charset=utf-8")
    s, svc = _settings(), get_service()
    state = [(k, v) for k in FEED_PARAMS for v in request.args.getlist(k) if v]
    self_url = absolute(s, url_for("pages.feed") + ("?" + urlencode(state) if state else ""))
    entries: list[dict[str, Any]] = []
    f = req.filters
    if not req.q.strip() and (f.remiss_id or f.motion_number):
        docs = svc.answers_by_arrival(remiss_id=f.remiss_id, motion=f.motion_number)
        for d in docs:
            entries.append({
                "title": f"{council_name(d.get('council'))}: {d.get('remiss_title') or d.get('title') or 'Yttrande'}",
                "link": absolute(s, url_for("pages.document_page", yid=d["id"])),
                "updated": atom_instant(d.get("first_seen") or d.get("indexed_at") or d.get("date")),
                "published": atom_instant(d.get("date")) if d.get("date") else None,
                "summary": f"{position_label(d.get('position'))}. " + " ".join(d.get("position_sentences") or [])[:400],
                "author": council_name(d.get("council")),
            })
        first = docs[0] if docs else {}
        about = (f"motion {f.motion_number}" if f.motion_number else (first.get("remiss_title") or f.remiss_id or ""))
        title = f"Remissvar: svar på {about}"
        alt = absolute(s, url_for("pages.remiss_page", rid=first["remiss_id"]) if first.get("remiss_id")
                       else url_for("pages.motion_page", q=f.motion_number or ""))
    else:
        answers = svc.latest_answers(req)
        arrived = svc.arrivals([a.yttrande_id for a in answers])
        for a in answers:
            entries.append({
                "title": f"{council_name(a.council)}: {a.best.remiss_title or a.best.title or 'Yttrande'}",
                "link": absolute(s, url_for("pages.document_page", yid=a.yttrande_id)),
                "updated": atom_instant(arrived.get(a.yttrande_id) or a.date),
                "published": atom_instant(a.date) if a.date else None,
                "summary": f"{position_label(a.position)}. {a.best.text[:400]}",
                "author": council_name(a.council),
            })
        entries.sort(key=lambda e: e["updated"], reverse=True)
        title = f"Remissvar: {req.q}" if req.q else "Remissvar: nya svar"
        alt = absolute(s, url_for("pages.search_page") + ("?" + urlencode(state) if state else ""))
    if _wants_html():  # a person who clicked the link reads the feed as a page; readers get Atom
        html = render_template("feed.html", title=title, entries=entries, feed_url=self_url,
                               atom_url=url_for("pages.feed") + "?" + urlencode([*state, ("format", "atom")]),
                               alt_url=alt)
        return Response(html, content_type="text/html; charset=utf-8", headers={"Vary": "Accept"})
    resp = _atom(title, self_url, alt, entries)
    resp.headers["Vary"] = "Accept"
    return resp


def _wants_html() -> bool:
    """Whether the feed URL was opened by a browser (it asks for text/html before Atom or XML);
    a feed reader, or a client that asks for nothing in particular, gets Atom. ``format=atom``
    always gives Atom."""
    if request.args.get("format") == "atom":
        return False
    best = request.accept_mimetypes.best_match(["application/atom+xml", "text/html"])
    return best == "text/html" and request.accept_mimetypes["text/html"] > request.accept_mimetypes["application/xml"]


@pages.get("/status")
def status_page() -> ResponseReturnValue:
    report = status_report(_settings())
    queued = request.args.get("koad")
    if queued not in ("genomsökning", "omindexering", "nytt försök"):
        queued = None
    indexed = get_service().overview_or_empty()
    health = str(report["elasticsearch"])
    return render_template("status.html", s=report, queued=queued, admin=bool(_settings().admin_token),
                           coverage=coverage_by_year(report.get("completeness") or [], indexed),
                           health_label=HEALTH_LABELS.get(health, health))


HEALTH_LABELS = {"green": "grön (allt fungerar)", "yellow": "gul (fungerar, utan kopior)", "red": "röd (data saknas)"}


def coverage_by_year(completeness: list[dict[str, Any]], indexed: dict[str, Any]) -> list[dict[str, Any]]:
    """The crawler's per-month completeness summed per council and year, with the answers the
    index holds for that council and year."""
    fields = ("listed", "crawled", "cancelled", "remiss_items", "documents_listed", "documents_stored")
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for r in completeness:
        year = str(r.get("month") or "")[:4]
        year = year if year.isdigit() else "okänt"
        key = (str(r.get("council") or ""), year)
        row = rows.get(key)
        if row is None:  # (built once per council and year: 25 years of months are thousands of rows)
            row = rows[key] = {"council": key[0], "year": year, **dict.fromkeys(fields, 0), "indexed": 0}
        for f in fields:
            if v := r.get(f):
                row[f] += int(v)
    for (council, year), row in rows.items():
        row["indexed"] = int(indexed.get(council, {}).get("years", {}).get(year, {}).get("total", 0))
    return [rows[k] for k in sorted(rows)]


def _require_admin() -> None:
    """The admin token, from the ``X-Admin-Token`` header only (the pages' admin forms send it
    from web/static/app.js); never from a form field or the URL."""
    token = _settings().admin_token
    given = request.headers.get("X-Admin-Token") or ""
    if not token:
        abort(404)  # admin actions are off unless a token is configured
    if not hmac.compare_digest(token.encode(), given.encode()):
        abort(403)


def _queued(what: str, message_id: str) -> ResponseReturnValue:
    """202 with what was queued (the pages' admin script shows "köad")."""
    return {"status": "köad", "what": what, "message_id": message_id}, 202


@pages.post("/admin/crawl")
def admin_crawl() -> ResponseReturnValue:
    _require_admin()
    from remissvar.queue import enqueue

    return _queued("genomsökning", enqueue("crawl_all"))


@pages.post("/admin/reindex")
def admin_reindex() -> ResponseReturnValue:
    _require_admin()
    from remissvar.queue import enqueue

    return _queued("omindexering", enqueue("reindex"))


@pages.post("/admin/retry")
def admin_retry() -> ResponseReturnValue:
    """Send one failed message again (by its id in the failure store)."""
    _require_admin()
    from remissvar import failures
    from remissvar.queue import enqueue

    mid = request.form.get("message_id", "")
    record = next((f for f in failures.dead_letters() if f["message_id"] == mid), None)
    if record is None:
        abort(404)
    try:
        new_id = enqueue(record["actor"], *record["args"], **record["kwargs"])
    except KeyError:
        return {"error": f"kan inte skickas igen automatiskt (aktör {record['actor']!r})"}, 400
    failures.clear_failure(mid)
    return _queued("nytt försök", new_id)



@pages.post("/admin/remiss/merge")
def admin_remiss_merge() -> ResponseReturnValue:
    """An admin says two remiss keys are one remiss (kept across re-link and reindex)."""
    _require_admin()
    from remissvar.queue import enqueue

    key, other = request.form.get("key", ""), request.form.get("other", "")
    if not (valid_id(key) and valid_id(other)) or key == other:
        return {"error": "ange två olika remissnycklar"}, 400
    return _queued("sammanslagning", enqueue("correct_remiss", "merge", key, other))


MAX_SPLIT_ANSWERS = 200  # answers one admin split may move (a remiss reaches at most ~60 bodies)


@pages.post("/admin/remiss/split")
def admin_remiss_split() -> ResponseReturnValue:
    """An admin says these answers answer another remiss: they get a key of their own."""
    _require_admin()
    from remissvar.queue import enqueue

    key, ids = request.form.get("key", ""), request.form.getlist("answer")
    if len(ids) > MAX_SPLIT_ANSWERS:  # a remiss has tens of answers; 20,000 ids is no correction
        return {"error": f"högst {MAX_SPLIT_ANSWERS} svar i en uppdelning"}, 400
    if not valid_id(key) or not ids or not all(valid_id(i) for i in ids):
        return {"error": "välj minst ett svar att bryta ut"}, 400
    return _queued("uppdelning", enqueue("correct_remiss", "split", key, None, ids))
