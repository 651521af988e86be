"""Every query the product runs. Views call these; nothing else builds Elasticsearch queries.

Each query class declares the fields it searches. User text is only ever passed as the
*text* of match/multi_match/term queries, never as query_string syntax.
"""
from __future__ import annotations

import datetime as dt
import html
import re
import threading
import time
from collections import OrderedDict
from typing import Any, Literal

from elasticsearch import Elasticsearch, NotFoundError
from pydantic import BaseModel, Field, field_validator

from remissvar.textnorm import fold
from remissvar.embedding import QueryEncoder
from remissvar.records import COUNCILS, DOCUMENT_KIND_LABELS, POSITION_LABELS, DocumentKind, Position
from remissvar.settings import Settings
from search_api.index import alias_name

MAX_QUERY_CHARS = 500
MAX_PARAGRAPH_CHARS = 5000
RRF_K = 60
CANDIDATES = 100
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"  # highlight markers, replaced after escaping

MOTION_RE = re.compile(r"^\s*(?:motion\s*)?\(?\s*(\d{4})\s*:\s*(\d{1,3})\s*\)?\s*$", re.I)
MOTION_IN_TEXT = re.compile(r"(\d{4})\s*:\s*(\d{1,3})")
DNR_RE = re.compile(r"^\s*((?:[A-Za-zÅÄÖåäö]{2,5})\s?\d{4}[/-]\d{1,6}|\d{2,4}-\d{1,5}/\d{4})\s*$")

Mode = Literal["hybrid", "keyword", "semantic"]


class QueryError(ValueError):
    """Invalid user input (400)."""


# ---- request models ------------------------------------------------------------
class Filters(BaseModel):
    council: list[str] = Field(default_factory=list, max_length=10)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    remiss_body: list[str] = Field(default_factory=list, max_length=10)
    party: list[str] = Field(default_factory=list, max_length=10)
    position: list[str] = Field(default_factory=list, max_length=5)
    kind: list[str] = Field(default_factory=list, max_length=4)
    # benchmarks only (never set from a request): search the synthetic scale corpus too
    include_synthetic: bool = False

    @field_validator("council", "position", "kind")
    @classmethod
    def _closed_vocabulary(cls, v: list[str], info: Any) -> list[str]:
        allowed, label = {
            "council": (set(COUNCILS), "nämnd"),
            "position": ({p.value for p in Position}, "ställning"),
            "kind": ({k.value for k in DocumentKind}, "dokumenttyp"),
        }[info.field_name]
        bad = [x for x in v if x not in allowed]
        if bad:
            raise ValueError(f"okänd {label}: {', '.join(bad)}")
        return v

    @field_validator("remiss_body", "party")
    @classmethod
    def _short(cls, v: list[str]) -> list[str]:
        if any(len(x) > 200 for x in v):
            raise ValueError("för långt filtervärde")
        return v

    def clauses(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = [] if self.include_synthetic else [{"term": {"synthetic": False}}]
        if self.council:
            out.append({"terms": {"council_keys": self.council}})
        if self.date_from or self.date_to:
            rng: dict[str, str] = {}
            if self.date_from:
                rng["gte"] = self.date_from.isoformat()
            if self.date_to:
                rng["lte"] = self.date_to.isoformat()
            out.append({"range": {"date": rng}})
        if self.remiss_body:
            out.append({"terms": {"remiss_body": self.remiss_body}})
        if self.party:
            out.append({"terms": {"motion_parties": self.party}})
        if self.position:
            out.append({"terms": {"position": self.position}})
        if self.kind:
            out.append({"terms": {"kind": self.kind}})
        return out


class SearchRequest(BaseModel):
    q: str = Field("", max_length=MAX_QUERY_CHARS)
    mode: Mode = "hybrid"
    filters: Filters = Field(default_factory=Filters)
    page: int = Field(1, ge=1, le=50)
    size: int = Field(10, ge=1, le=50)


# ---- response models -------------------------------------------------------------
class PassageHit(BaseModel):
    id: str
    yttrande_id: str
    council: str | None
    council_name: str | None
    date: str | None
    title: str | None
    section: str | None
    page: int | None
    snippet_html: str  # escaped; only <mark> tags added
    text: str
    position: str | None
    source_url: str | None
    remiss_id: str | None
    remiss_title: str | None
    score: float
    ocr: bool = False


class CouncilAnswer(BaseModel):
    council: str | None
    council_name: str | None
    position: str | None
    position_label: str | None
    yttrande_id: str
    date: str | None
    best: PassageHit


class RemissGroup(BaseModel):
    remiss_id: str
    title: str | None
    body: str | None
    dnr: str | None
    deadline: str | None
    motion_number: str | None
    motion_authors: list[str] = Field(default_factory=list)
    motion_parties: list[str] = Field(default_factory=list)
    answers: list[CouncilAnswer]
    score: float


class FacetValue(BaseModel):
    value: str
    label: str
    count: int


class SearchResponse(BaseModel):
    query: str
    mode: Mode
    groups: list[RemissGroup]
    total_groups: int
    page: int
    size: int
    facets: dict[str, list[FacetValue]]
    took_ms: float
    embed_ms: float = 0.0


# ---- query classes -------------------------------------------------------------
class KeywordQuery:
    """BM25 over passages: Swedish-stemmed fields beside diacritic-folded ones (OCR)."""

    STEMMED_FIELDS = ["text", "remiss_title^2"]
    FOLDED_FIELDS = ["text_folded^0.8", "remiss_title_folded^1.6", "motion_authors.text^2"]
    FUZZY_FIELDS = ["text_folded"]

    def __init__(self, q: str) -> None:
        self.q = q

    def clause(self) -> dict[str, Any]:
        q, fq = self.q, fold(self.q)
        should: list[dict[str, Any]] = [
            {"multi_match": {"query": q, "fields": self.STEMMED_FIELDS, "type": "best_fields"}},
            {"multi_match": {"query": fq, "fields": self.FOLDED_FIELDS, "type": "best_fields"}},
            {"match": {"text_folded": {"query": fq, "fuzziness": "AUTO", "prefix_length": 1,
                                        "max_expansions": 20, "boost": 0.3}}},
        ]
        m = MOTION_IN_TEXT.search(q)
        if m:
            should.append({"term": {"motion_number": {"value": f"{m.group(1)}:{int(m.group(2))}", "boost": 5}}})
        if DNR_RE.match(q):
            should.append({"term": {"remiss_dnr": {"value": q.strip(), "boost": 5}}})
        return {"bool": {"should": should, "minimum_should_match": 1}}

    def highlight(self) -> dict[str, Any]:
        # Highlight with the exact clauses only: the fuzzy clause, rewritten per document,
        # made highlighting 20x slower (measured: 300 ms vs 15 ms for 100 passages).
        return {
            "pre_tags": [MARK_OPEN], "post_tags": [MARK_CLOSE], "encoder": "default",
            "fields": {
                "text": {"fragment_size": 220, "number_of_fragments": 1,
                         "highlight_query": {"match": {"text": self.q}}},
                "text_folded": {"fragment_size": 220, "number_of_fragments": 1,
                                "highlight_query": {"match": {"text_folded": fold(self.q)}}},
            },
        }


def rrf(rankings: list[list[str]], k: int = RRF_K) -> dict[str, float]:
    """Reciprocal rank fusion on the client (ES' own RRF is a licensed module)."""
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, doc_id in enumerate(ranking, start=1):
            scores[doc_id] = scores.get(doc_id, 0.0) + 1.0 / (k + rank)
    return scores


def escape_highlight(fragment: str) -> str:
    """HTML-escape a highlighted fragment, then turn the private markers into <mark>."""
    return html.escape(fragment).replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>")


def _unfold_fragment(folded_fragment: str, original: str) -> str | None:
    """Map a highlight found on the folded field back onto the original text.

    fold() is length-preserving, so the plain fragment's offset in fold(original) is its
    offset in the original."""
    plain = folded_fragment.replace(MARK_OPEN, "").replace(MARK_CLOSE, "")
    start = fold(original).find(plain)
    if start < 0:
        return None
    out, i = [], start
    for ch in folded_fragment:
        if ch in (MARK_OPEN, MARK_CLOSE):
            out.append(ch)
        else:
            out.append(original[i])
            i += 1
    return "".join(out)


def snippet(src: dict[str, Any], hl: dict[str, list[str]] | None) -> str:
    text = src.get("text", "")
    if hl:
        if hl.get("text"):
            return escape_highlight(hl["text"][0])
        if hl.get("text_folded"):
            mapped = _unfold_fragment(hl["text_folded"][0], text)
            if mapped:
                return escape_highlight(mapped)
    short = text if len(text) <= 240 else text[:240].rsplit(" ", 1)[0] + " …"
    return html.escape(short)


PASSAGE_SOURCE = {"excludes": ["embedding", "text_folded", "remiss_title_folded"]}


class SearchService:
    """The search logic behind /api: hybrid, grouped per remiss, facets, lookups."""

    def __init__(self, es: Elasticsearch, settings: Settings, embedder: QueryEncoder | None) -> None:
        self.es = es
        self.settings = settings
        self.embedder = embedder
        self._vectors: OrderedDict[str, list[float]] = OrderedDict()
        self._cache_lock = threading.Lock()
        self.passages = alias_name(settings, "passager")
        self.yttranden = alias_name(settings, "yttranden")

    # -- retrieval --------------------------------------------------------------
    def _embed(self, text: str) -> tuple[list[float], float]:
        """The query's vector and the ms it took. Recent vectors are kept (bounded LRU): paging,
        facet clicks and the feed repeat a query, and embedding is the costliest step of one."""
        if self.embedder is None:
            raise QueryError("semantisk sökning kräver embeddingmodellen")
        t0 = time.perf_counter()
        key = " ".join(text.split())
        with self._cache_lock:
            v = self._vectors.get(key)
            if v is not None:
                self._vectors.move_to_end(key)
        if v is None:
            v = [float(x) for x in self.embedder.encode_query(text)]
            if self.settings.query_cache_size > 0:
                with self._cache_lock:
                    self._vectors[key] = v
                    while len(self._vectors) > self.settings.query_cache_size:
                        self._vectors.popitem(last=False)
        return v, (time.perf_counter() - t0) * 1000

    def retrieve(self, q: str, mode: Mode, filters: Filters, k: int = CANDIDATES,
                 with_facets: bool = False) -> tuple[list[tuple[dict[str, Any], float, dict | None]], dict[str, Any], float]:
        """Fused passage ranking: list of (source, score, highlight), facet aggs, embed ms."""
        fclauses = filters.clauses()
        searches: list[dict[str, Any]] = []
        kinds: list[str] = []
        embed_ms = 0.0
        has_q = bool(q.strip())
        # each clause built once; the facet request reuses the ranking requests' clauses
        keyword = ({"bool": {"must": [KeywordQuery(q).clause()], "filter": fclauses}}
                   if has_q and mode in ("hybrid", "keyword") else None)
        browse = None if has_q else {"bool": {"filter": fclauses}}
        knn = None
        if keyword is not None:
            searches += [{"index": self.passages}, {
                "size": k, "_source": PASSAGE_SOURCE, "track_total_hits": False,
                "query": keyword, "highlight": KeywordQuery(q).highlight(),
            }]
            kinds.append("bm25")
        if has_q and mode in ("hybrid", "semantic"):
            vector, embed_ms = self._embed(q)
            knn = {"field": "embedding", "query_vector": vector, "k": k,
                   "num_candidates": max(2 * k, 100), "filter": fclauses}
            searches += [{"index": self.passages}, {"size": k, "_source": PASSAGE_SOURCE, "knn": knn}]
            kinds.append("knn")
        if browse is not None:
            searches += [{"index": self.passages}, {
                "size": k, "_source": PASSAGE_SOURCE, "query": browse,
                "sort": [{"date": {"order": "desc", "missing": "_last"}}, {"ordinal": "asc"}],
            }]
            kinds.append("browse")
        if with_facets:
            body: dict[str, Any] = {"size": 0, "aggs": facet_aggs()}
            if keyword is not None or browse is not None:
                body["query"] = keyword if keyword is not None else browse
            if knn is not None:
                body["knn"] = knn
            searches += [{"index": self.passages}, body]
            kinds.append("facets")
        res = self.es.msearch(searches=searches)
        rankings: list[list[str]] = []
        sources: dict[str, dict[str, Any]] = {}
        highlights: dict[str, dict] = {}
        aggs: dict[str, Any] = {}
        for kind, r in zip(kinds, res["responses"]):
            if "error" in r:
                raise RuntimeError(f"Elasticsearch: {r['error']}")
            if kind == "facets":
                aggs = r.get("aggregations", {})
                continue
            ids = []
            for h in r["hits"]["hits"]:
                ids.append(h["_id"])
                sources.setdefault(h["_id"], h["_source"])
                if "highlight" in h:
                    highlights[h["_id"]] = h["highlight"]
            rankings.append(ids)
        fused = rrf(rankings)
        order = sorted(fused, key=lambda i: -fused[i])
        return [(sources[i], fused[i], highlights.get(i)) for i in order], aggs, embed_ms

    # -- public queries -----------------------------------------------------------
    def search(self, req: SearchRequest) -> SearchResponse:
        t0 = time.perf_counter()
        ranked, aggs, embed_ms = self.retrieve(req.q, req.mode, req.filters, with_facets=True)
        groups = self._group(ranked)
        total = len(groups)
        start = (req.page - 1) * req.size
        page_groups = groups[start : start + req.size]
        self._decorate(page_groups)
        return SearchResponse(
            query=req.q, mode=req.mode, groups=page_groups, total_groups=total, page=req.page,
            size=req.size, facets=facets_from_aggs(aggs), took_ms=(time.perf_counter() - t0) * 1000,
            embed_ms=embed_ms,
        )

    def passages_ranked(self, q: str, mode: Mode, filters: Filters | None = None, k: int = 20) -> list[PassageHit]:
        """Flat passage ranking (evaluation, precedent)."""
        ranked, _, _ = self.retrieve(q, mode, filters or Filters(), k=max(k, 20))
        return [self._hit(src, score, hl) for src, score, hl in ranked[:k]]

    def precedent(self, paragraph: str, filters: Filters | None = None, k: int = 10) -> list[PassageHit]:
        """Passages most like a pasted paragraph, across councils and years."""
        paragraph = paragraph.strip()
        if not paragraph:
            raise QueryError("klistra in ett stycke text")
        if len(paragraph) > MAX_PARAGRAPH_CHARS:
            raise QueryError(f"stycket är för långt (högst {MAX_PARAGRAPH_CHARS} tecken)")
        vector, _ = self._embed(paragraph)
        fclauses = (filters or Filters()).clauses()
        res = self.es.search(
            index=self.passages, size=k, _source=PASSAGE_SOURCE,
            knn={"field": "embedding", "query_vector": vector, "k": k, "num_candidates": max(10 * k, 100),
                 "filter": fclauses},
        )
        return [self._hit(h["_source"], float(h["_score"]), None) for h in res["hits"]["hits"]]

    def motion(self, q: str) -> list[RemissGroup]:
        """Answers to motions by number ('2024:12', 'Motion (2024:12)'), author, party or title words."""
        q = q.strip()
        if not q or len(q) > MAX_QUERY_CHARS:
            raise QueryError("ange motionens nummer, författare, parti eller ämne")
        m = MOTION_RE.match(q)
        must: list[dict[str, Any]]
        if m:
            must = [{"term": {"motion_number": f"{m.group(1)}:{int(m.group(2))}"}}]
        else:
            should: list[dict[str, Any]] = [
                {"match": {"motion_authors.text": {"query": fold(q), "operator": "and", "boost": 3}}},
                {"match": {"remiss_title": {"query": q, "boost": 2}}},
                {"match": {"remiss_title_folded": fold(q)}},
            ]
            if q.upper() in {"S", "M", "L", "C", "KD", "V", "MP", "SD", "FI"}:
                should.append({"term": {"motion_parties": {"value": "Fi" if q.upper() == "FI" else q.upper(), "boost": 3}}})
            must = [{"bool": {"should": should, "minimum_should_match": 1}}]
        res = self.es.search(
            index=self.yttranden, size=200,
            query={"bool": {"must": must, "filter": [{"exists": {"field": "motion_number"}},
                                                     {"term": {"synthetic": False}}]}},
            _source={"excludes": ["text", "text_folded", "original_text", "sections"]},
        )
        groups: dict[str, RemissGroup] = {}
        for h in res["hits"]["hits"]:
            src = h["_source"]
            g = groups.get(src["remiss_id"])
            if g is None:
                g = groups[src["remiss_id"]] = self._group_from_yttrande(src, float(h["_score"]))
            g.answers.append(self._answer_from_yttrande(src))
        return list(groups.values())

    def get_yttrande(self, yid: str) -> dict[str, Any] | None:
        try:
            doc = self.es.get(index=self.yttranden, id=yid, source_excludes=["text_folded", "title_folded", "remiss_title_folded"])
        except NotFoundError:
            return None
        return doc["_source"]

    def get_remiss(self, remiss_id: str) -> dict[str, Any] | None:
        """The comparison view: every council's answer to one remiss, and who has not answered."""
        res = self.es.search(
            index=self.yttranden, size=100, query={"term": {"remiss_id": remiss_id}},
            _source={"excludes": ["text", "text_folded", "original_text", "title_folded", "remiss_title_folded"]},
            sort=[{"council": "asc"}, {"date": {"order": "desc", "missing": "_last"}}],
        )
        hits = [h["_source"] for h in res["hits"]["hits"]]
        if not hits:
            return None
        first = hits[0]
        answered = {h["council"] for h in hits if h.get("council")}
        asked: list[dict[str, str | None]] = []
        for h in hits:
            for name in h.get("also_sent_to", []):
                slug = council_slug_from_name(name)
                if slug and slug not in answered and slug not in [a["council"] for a in asked]:
                    asked.append({"council": slug, "name": COUNCILS[slug].name})
                elif not slug and name not in [a["name"] for a in asked]:
                    asked.append({"council": None, "name": name})
        return {
            "remiss_id": remiss_id,
            "title": first.get("remiss_title"),
            "body": first.get("remiss_body"),
            "dnr": first.get("remiss_dnr"),
            "deadline": first.get("remiss_deadline"),
            "motion_number": first.get("motion_number"),
            "motion_authors": first.get("motion_authors", []),
            "motion_parties": first.get("motion_parties", []),
            "answers": hits,
            "not_answered": asked,
        }

    def list_remisser(self, size: int = 100) -> list[dict[str, Any]]:
        res = self.es.search(
            index=self.yttranden, size=0, query={"term": {"synthetic": False}},
            aggs={"remisser": {
                "terms": {"field": "remiss_id", "size": min(size, 1000), "order": {"latest": "desc"}},
                "aggs": {
                    "latest": {"max": {"field": "date"}},
                    "councils": {"terms": {"field": "council", "size": 20}},
                    "positions": {"terms": {"field": "position", "size": 10}},
                    "top": {"top_hits": {"size": 1, "_source": ["remiss_title", "remiss_body", "remiss_dnr",
                                                                 "remiss_deadline", "motion_number"]}},
                },
            }},
        )
        out = []
        for b in res["aggregations"]["remisser"]["buckets"]:
            src = b["top"]["hits"]["hits"][0]["_source"]
            out.append({
                "remiss_id": b["key"], "answers": b["doc_count"],
                "title": src.get("remiss_title"), "body": src.get("remiss_body"), "dnr": src.get("remiss_dnr"),
                "deadline": src.get("remiss_deadline"), "motion_number": src.get("motion_number"),
                "councils": {c["key"]: c["doc_count"] for c in b["councils"]["buckets"]},
                "positions": {p["key"]: p["doc_count"] for p in b["positions"]["buckets"]},
                "latest": b["latest"].get("value_as_string"),
            })
        return out

    def overview(self) -> dict[str, Any]:
        res = self.es.search(
            index=self.yttranden, size=0, query={"term": {"synthetic": False}},
            aggs={"councils": {"terms": {"field": "council", "size": 20}, "aggs": {
                "years": {"terms": {"field": "year", "size": 50, "order": {"_key": "asc"}}, "aggs": {
                    "positions": {"terms": {"field": "position", "size": 10}}}}}}},
        )
        out: dict[str, Any] = {}
        for c in res["aggregations"]["councils"]["buckets"]:
            out[c["key"]] = {
                "total": c["doc_count"],
                "years": {str(y["key"]): {"total": y["doc_count"],
                                          "positions": {p["key"]: p["doc_count"] for p in y["positions"]["buckets"]}}
                          for y in c["years"]["buckets"]},
            }
        return out

    def document_hits(self, yid: str, q: str, k: int = 10) -> list[PassageHit]:
        """The passages of one document that match a query, highlighted (document page)."""
        if not q.strip():
            return []
        res = self.es.search(
            index=self.passages, size=k, _source=PASSAGE_SOURCE,
            query={"bool": {"must": [KeywordQuery(q).clause()], "filter": [{"term": {"yttrande_id": yid}}]}},
            highlight=KeywordQuery(q).highlight(),
        )
        return [self._hit(h["_source"], float(h["_score"]), h.get("highlight")) for h in res["hits"]["hits"]]

    def latest_answers(self, req: SearchRequest, size: int = 30) -> list[CouncilAnswer]:
        """Answers matching a search, newest first (Atom feeds).

        kNN has no notion of "no match" (it always returns the nearest), so a feed of a
        hybrid search follows the answers that match the query's words; an explicitly
        semantic feed lists the nearest answers."""
        mode: Mode = "semantic" if req.mode == "semantic" else "keyword"
        ranked, _, _ = self.retrieve(req.q, mode, req.filters)
        answers = [a for g in self._group(ranked) for a in g.answers]
        answers.sort(key=lambda a: a.date or "", reverse=True)
        return answers[:size]

    # -- helpers --------------------------------------------------------------------
    def _hit(self, src: dict[str, Any], score: float, hl: dict | None) -> PassageHit:
        council = COUNCILS.get(src.get("council") or "")
        return PassageHit(
            id=src["id"], yttrande_id=src["yttrande_id"], council=src.get("council"),
            council_name=council.name if council else None, date=src.get("date"), title=src.get("title"),
            section=src.get("section"), page=src.get("page"), snippet_html=snippet(src, hl),
            text=src.get("text", ""), position=src.get("position"), source_url=src.get("source_url"),
            remiss_id=src.get("remiss_id"), remiss_title=src.get("remiss_title"), score=score,
            ocr=bool(src.get("ocr")),
        )

    def _group(self, ranked: list[tuple[dict[str, Any], float, dict | None]]) -> list[RemissGroup]:
        groups: dict[str, RemissGroup] = {}
        for src, score, hl in ranked:
            rid = src.get("remiss_id") or src["yttrande_id"]
            g = groups.get(rid)
            if g is None:
                g = groups[rid] = RemissGroup(
                    remiss_id=rid, title=src.get("remiss_title"), body=src.get("remiss_body"),
                    dnr=src.get("remiss_dnr"), deadline=None, motion_number=src.get("motion_number"),
                    motion_authors=src.get("motion_authors", []), motion_parties=src.get("motion_parties", []),
                    answers=[], score=score,
                )
            if any(a.yttrande_id == src["yttrande_id"] for a in g.answers):
                continue
            hit = self._hit(src, score, hl)
            g.answers.append(CouncilAnswer(
                council=hit.council, council_name=hit.council_name, position=src.get("position"),
                position_label=_position_label(src.get("position")), yttrande_id=src["yttrande_id"],
                date=src.get("date"), best=hit,
            ))
        return list(groups.values())

    def _decorate(self, groups: list[RemissGroup]) -> None:
        """Fill fields only the yttrande index holds (deadline) for the groups on a page."""
        ids = [a.yttrande_id for g in groups for a in g.answers]
        if not ids:
            return
        docs = self.es.mget(index=self.yttranden, ids=ids, source_includes=["remiss_deadline"])
        deadlines = {d["_id"]: d["_source"].get("remiss_deadline") for d in docs["docs"] if d.get("found")}
        for g in groups:
            g.deadline = next((deadlines.get(a.yttrande_id) for a in g.answers if deadlines.get(a.yttrande_id)), None)

    def _group_from_yttrande(self, src: dict[str, Any], score: float) -> RemissGroup:
        return RemissGroup(
            remiss_id=src["remiss_id"], title=src.get("remiss_title"), body=src.get("remiss_body"),
            dnr=src.get("remiss_dnr"), deadline=src.get("remiss_deadline"), motion_number=src.get("motion_number"),
            motion_authors=src.get("motion_authors", []), motion_parties=src.get("motion_parties", []),
            answers=[], score=score,
        )

    def _answer_from_yttrande(self, src: dict[str, Any]) -> CouncilAnswer:
        council = COUNCILS.get(src.get("council") or "")
        sentences = src.get("position_sentences") or []
        text = sentences[0] if sentences else (src.get("decision") or "")
        best = PassageHit(
            id=src["id"], yttrande_id=src["id"], council=src.get("council"),
            council_name=council.name if council else None, date=src.get("date"), title=src.get("title"),
            section=None, page=None, snippet_html=html.escape(text), text=text, position=src.get("position"),
            source_url=src.get("source_url"), remiss_id=src.get("remiss_id"), remiss_title=src.get("remiss_title"),
            score=0.0, ocr=bool(src.get("ocr")),
        )
        return CouncilAnswer(
            council=src.get("council"), council_name=best.council_name, position=src.get("position"),
            position_label=_position_label(src.get("position")), yttrande_id=src["id"], date=src.get("date"),
            best=best,
        )


def _position_label(value: str | None) -> str | None:
    try:
        return POSITION_LABELS[Position(value)] if value else None
    except ValueError:
        return None


def council_slug_from_name(name: str) -> str | None:
    f = fold(name).replace(" ", "").replace("–", "-")
    for slug, c in COUNCILS.items():
        short = fold(c.short).replace(" ", "").replace("–", "-")
        if f.startswith(short):
            return slug
    return None


def facet_aggs() -> dict[str, Any]:
    docs = {"docs": {"cardinality": {"field": "yttrande_id"}}}
    return {
        "council": {"terms": {"field": "council_keys", "size": 20}, "aggs": docs},
        "position": {"terms": {"field": "position", "size": 10}, "aggs": docs},
        "remiss_body": {"terms": {"field": "remiss_body", "size": 20}, "aggs": docs},
        "party": {"terms": {"field": "motion_parties", "size": 20}, "aggs": docs},
        "kind": {"terms": {"field": "kind", "size": 10}, "aggs": docs},
        "year": {"terms": {"field": "year", "size": 30, "order": {"_key": "desc"}}, "aggs": docs},
    }


def facets_from_aggs(aggs: dict[str, Any]) -> dict[str, list[FacetValue]]:
    def label(facet: str, key: str) -> str:
        if facet == "council" and key in COUNCILS:
            return COUNCILS[key].short
        if facet == "position":
            return _position_label(key) or key
        if facet == "kind":
            try:
                return DOCUMENT_KIND_LABELS[DocumentKind(key)]
            except ValueError:
                return key
        return str(key)

    out: dict[str, list[FacetValue]] = {}
    for facet, agg in aggs.items():
        out[facet] = [
            FacetValue(value=str(b["key"]), label=label(facet, str(b["key"])), count=int(b["docs"]["value"]))
            for b in agg.get("buckets", [])
        ]
    return out
