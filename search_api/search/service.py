"""The search service behind /api and the pages: retrieval (BM25 + kNN fused), honest result
sets (exact block, "Liknande innehåll" above a calibrated floor), lookups and aggregations."""
from __future__ import annotations

import logging
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch, NotFoundError

from remissvar.boilerplate import Label
from remissvar.embedding import QueryEncoder
from remissvar.records import PARTY_NAMES, party_code, party_family
from remissvar.settings import Settings
from remissvar.textnorm import fold
from search_api.asked import summaries_for, summary_refs, who_was_asked
from search_api.filters import facet_names
from search_api.index import alias_name
from search_api.search.builders import (
    MOTION_IN_TEXT,
    PASSAGE_SOURCE,
    YEAR_RE,
    KeywordQuery,
    dnr,
    exact_words,
    field_search_analyzers,
    motion_number,
    multiselect_facet_aggs,
    search_analyzers,
    stop_words_only,
)
from search_api.search.compounds import Compound
from search_api.search.fusion import RRF_K, rrf
from search_api.search.grouping import (
    Ranked,
    answer_from_yttrande,
    collapse_near_duplicates,
    facets_from_aggs,
    group_from_yttrande,
    group_key,
    group_passages,
    hit_from_source,
)
from search_api.search.models import (
    CANDIDATES,
    MAX_PARAGRAPH_CHARS,
    MAX_QUERY_CHARS,
    BoilerplateMatch,
    BusyError,
    CouncilAnswer,
    Filters,
    Mode,
    PartsMatch,
    PassageHit,
    QueryError,
    RelatedMatch,
    RemissGroup,
    SearchRequest,
    SearchResponse,
)
from search_api.search.parts_apart import looked_for, parts_answers, parts_apart_request
from search_api.search.precedent import (
    NONE_FOUND,
    POOL,
    PrecedentResult,
    background,
    band,
    best_lines,
    boilerplate_label,
    boilerplate_name,
    calibrated,
    is_boilerplate,
    missing_message,
)
from search_api.search.related_forms import related_answers, related_request, verb_bases

log = logging.getLogger(__name__)

# The cosine a kNN neighbour needs to take part at all (hybrid fusion, semantic mode, precedent):
# the highest floor that leaves hybrid nDCG@10 unchanged on bench/relevance.json (0.81; from 0.82
# on it drops). Calibrated with bench/search_eval.py, which prints the score distributions of
# relevant, non-relevant and negative queries and a sweep over floors (bench/reports/search_eval.md).
# multilingual-e5 compresses cosines: the best relevant answer per query scores 0.810-0.931, the
# best neighbour of a nonsense or unrelated query 0.810-0.851, so one absolute floor cannot separate
# them; hence the second, display floor below.
SEMANTIC_FLOOR = 0.81
# The stricter cosine a neighbour needs to be *shown* in hybrid's "Liknande innehåll" block: above
# every negative query's best neighbour (nonsense and unrelated topics top out at 0.844 with passages
# embedded with their remiss title, ``ingest.chunking.embedding_text``; 0.851 before, floor 0.86).
SIMILAR_FLOOR = 0.85
SIMILAR_GROUPS = 5  # remisser shown in the "Liknande innehåll" block
SIMILAR_CANDIDATES = 100  # kNN-only passages fetched for that block, at most
ANALYZED_CACHE = 2048  # (analyzer, text) pairs whose tokens a search service keeps
LIVE_FIELDS_SECONDS = 60.0  # how long the live passage mapping's analysis is taken as read
FACETS = facet_names()  # the filters counted as facets (search_api.filters)


@dataclass(frozen=True)
class LiveFields:
    """What the live passage index has of the analysis in mappings/ (an index made before a
    change keeps its own until ``remissvar reindex``): ``text.misread``, and each text field's
    search analyzer ('text': 'sv_query', or 'sv_text' on an index made before it)."""
    misread: bool
    analyzers: dict[str, str]


@dataclass
class Retrieval:
    ranked: Ranked
    aggs: dict[str, Any]
    embed_ms: float
    exact_ids: list[str] = field(default_factory=list)  # passages matching the exact clause, in its order
    exact_answers: int = 0
    exact_remisser: int = 0
    knn_ids: set[str] = field(default_factory=set)
    similarities: dict[str, float] = field(default_factory=dict)
    rankings: dict[str, list[str]] = field(default_factory=dict)  # each fused list by kind (bm25, knn, browse)
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    fused: dict[str, float] = field(default_factory=dict)  # RRF score by passage
    highlights: dict[str, dict[str, Any]] = field(default_factory=dict)
    # "Liknande innehåll" passages whose sources are still to fetch: (passage id, answer id)
    similar_pending: list[tuple[str, str]] = field(default_factory=list)
    # responses of the searches sent beside the page's own in its round trip, by kind
    extra: dict[str, dict[str, Any]] = field(default_factory=dict)

    def rank(self) -> None:
        """``ranked`` from the fused scores, for every passage whose source is here."""
        order = sorted(self.fused, key=lambda i: -self.fused[i])
        self.ranked = [(self.sources[i], self.fused[i], self.highlights.get(i)) for i in order if i in self.sources]


def cosine_from_score(score: float) -> float:
    """ES scores cosine kNN hits as (1 + cos) / 2."""
    return 2.0 * score - 1.0


_POOL = ThreadPoolExecutor(max_workers=8, thread_name_prefix="bm25")  # keyword halves of hybrid queries


class SearchService:
    """The search logic behind /api: hybrid, grouped per remiss, facets, lookups."""

    def __init__(self, es: Elasticsearch, settings: Settings, embedder: QueryEncoder | None,
                 rrf_k: int = RRF_K, semantic_floor: float | None = SEMANTIC_FLOOR,
                 similar_floor: float = SIMILAR_FLOOR) -> None:
        self.es = es
        self.settings = settings
        self.embedder = embedder
        self.rrf_k = rrf_k
        self.semantic_floor = semantic_floor
        self.similar_floor = similar_floor
        self._vectors: OrderedDict[str, list[float]] = OrderedDict()
        self._cache_lock = threading.Lock()
        # a bound on searches that embed a query (CPU): a burst of long precedent texts waits a
        # moment, then gets 503 + Retry-After, instead of queueing without end
        self._slots = threading.BoundedSemaphore(settings.search_concurrency)
        # retrievals in progress in this process: alone, a hybrid search overlaps its embedding
        # with the keyword half (latency); beside others, it sends both halves in one msearch
        # (a round trip less of CPU, which is then what the others wait for)
        self._in_flight = 0
        self._in_flight_lock = threading.Lock()
        self.passages = alias_name(settings, "passager")
        self.yttranden = alias_name(settings, "yttranden")
        # a query's tokens per search analyzer (the ranking clause's terms): paging and facet
        # clicks repeat a query, as for the vectors
        self._analyzed = lru_cache(maxsize=ANALYZED_CACHE)(self._analyze)
        self._analyzed_many = lru_cache(maxsize=ANALYZED_CACHE)(self._analyze_many)  # a query's words' parts
        # whether the archive writes a split word whole, kept for the process's life: while the
        # archive grows, a stale count errs only towards also looking for the word apart; after a
        # re-index into a smaller archive it may keep a word from being looked for apart until restart
        self._doc_freqs = lru_cache(maxsize=ANALYZED_CACHE)(self._doc_freq)
        # likewise whether the archive holds a coined word's sides: while it grows, a stale count
        # errs towards not splitting the word (the page may say "no answer" until restart)
        self._held_freqs = lru_cache(maxsize=ANALYZED_CACHE)(self._held_freq)
        self._live: tuple[float, LiveFields] | None = None  # (when read, monotonic clock; what)

    def keyword_query(self, q: str) -> KeywordQuery:
        """``q``'s keyword clauses with this index's analysis: the ranking clause as its terms, the
        exact clause with the parts of the words the decompounder splits (cached per text)."""
        live = self._live_fields()
        return KeywordQuery(q, self._analyzed, self._analyzed_many, self._doc_freqs, live.misread,
                            self._held_freqs, live.analyzers)

    def _live_fields(self) -> LiveFields:
        """What the live passage index's mapping has of the newer analysis: ``text.misread`` (the
        exact rule's fuzzy clause for correctly spelt words: an index made before it answers as
        before, the fuzzy clause over all the folded text) and each field's search analyzer (an
        index made before ``sv_query`` searches with ``sv_text``: the ranking's terms are analysed
        as the index searches). Read again after ``LIVE_FIELDS_SECONDS``, so a process sees the
        new version a ``remissvar reindex`` swaps in within that time; said in the log once per
        change."""
        now = time.monotonic()
        if self._live is not None and now - self._live[0] < LIVE_FIELDS_SECONDS:
            return self._live[1]
        res = self.es.indices.get_mapping(index=self.passages)
        props: dict[str, Any] = {}
        for m in res.body.values():
            props.update(m.get("mappings", {}).get("properties", {}))
        live = LiveFields("misread" in props.get("text", {}).get("fields", {}), field_search_analyzers(props))
        if self._live is None or self._live[1] != live:
            if not live.misread:
                log.warning("passagernas index saknar text.misread (äldre mappning): kör 'remissvar reindex'")
            older = sorted(f for f, a in search_analyzers().items() if live.analyzers.get(f, a) != a)
            if older:
                log.warning("passagernas index söker %s med äldre analys (%s): kör 'remissvar reindex'",
                            ", ".join(older), ", ".join(sorted({live.analyzers[f] for f in older})))
        self._live = (now, live)
        return live

    def _analyze(self, analyzer: str, text: str) -> list[str]:
        """The tokens ``analyzer`` of the passage index makes of ``text`` (Elasticsearch's _analyze)."""
        res = self.es.indices.analyze(index=self.passages, analyzer=analyzer, text=text)
        return [str(t["token"]) for t in res.get("tokens", [])]

    def _doc_freq(self, terms: tuple[str, ...]) -> dict[str, int]:
        """How many passages hold each term, as a stem in their text or as a word of their folded
        text (term statistics of an artificial document: one request, the term dictionaries only;
        per shard, so a word on another shard alone reads as absent - it is then looked for apart
        as well, which costs time only). The larger of the two counts."""
        return self._term_freq(terms, ("text", "text_folded"))

    def _held_freq(self, terms: tuple[str, ...]) -> dict[str, int]:
        """How many passages hold each term as a stem in their text or a compound's part (the
        parts subfield), as ``_doc_freq`` counts: the sides of a coined word's split
        (``search.archive_split``)."""
        return self._term_freq(terms, ("text", "text.parts"))

    def _term_freq(self, terms: tuple[str, ...], fields: tuple[str, ...]) -> dict[str, int]:
        # the terms as they are (whitespace): analysed again by sv_text, "lokal#s" would be cut at '#'
        text = " ".join(terms)
        res = self.es.termvectors(index=self.passages, doc={f.split(".", 1)[0]: text for f in fields},
                                  fields=list(fields), per_field_analyzer=dict.fromkeys(fields, "whitespace"),
                                  term_statistics=True, positions=False, offsets=False, field_statistics=False)
        out: dict[str, int] = {}
        for name in fields:
            for t, v in res.get("term_vectors", {}).get(name, {}).get("terms", {}).items():
                out[t] = max(out.get(t, 0), int(v.get("doc_freq", 0)))
        return out

    def _analyze_many(self, analyzer: str, texts: tuple[str, ...]) -> list[tuple[str, int, int]]:
        """Each token ``analyzer`` makes of ``texts``, one request for them all: (token, position,
        start offset), the offsets running on from text to text."""
        res = self.es.indices.analyze(index=self.passages, analyzer=analyzer, text=list(texts))
        return [(str(t["token"]), int(t["position"]), int(t["start_offset"])) for t in res.get("tokens", [])]

    def _real(self) -> list[dict[str, Any]]:
        """The clause that keeps documents labelled synthetic out; none where the benchmarks'
        setting (``include_synthetic``, never on for readers) serves a generated archive."""
        return [] if self.settings.include_synthetic else [{"term": {"synthetic": False}}]

    def _visible(self, filters: Filters) -> Filters:
        """``filters`` with synthetic documents let in where the benchmarks' setting says so."""
        if self.settings.include_synthetic and not filters.include_synthetic:
            return filters.model_copy(update={"include_synthetic": True})
        return filters

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

    def _send(self, q: str, plain: list[tuple[str, dict[str, Any]]],
              with_vector: list[tuple[str, Callable[[list[float]], dict[str, Any]]]],
              needs_vector: bool) -> tuple[dict[str, dict[str, Any]], float]:
        """Responses by kind, and the ms the query embedding took."""
        embed_ms = 0.0
        responses: dict[str, dict[str, Any]] = {}
        if needs_vector and plain and not self._has_vector(q) and not self._busy():
            # the keyword half goes to Elasticsearch while the query is embedded (the encoder
            # releases the GIL); the kNN half follows with the vector
            pending = _POOL.submit(self._msearch, plain)
            vector, embed_ms = self._embed(q)
            responses.update(self._msearch([(kind, build(vector)) for kind, build in with_vector]))
            responses.update(pending.result())
        else:
            if needs_vector:
                vector, embed_ms = self._embed(q)
                plain = plain + [(kind, build(vector)) for kind, build in with_vector]
            responses.update(self._msearch(plain))
        return responses, embed_ms

    def _busy(self) -> bool:
        """Another retrieval is in progress in this process (the cores are shared)."""
        with self._in_flight_lock:
            return self._in_flight > 1

    @contextmanager
    def _counted(self) -> Iterator[None]:
        with self._in_flight_lock:
            self._in_flight += 1
        try:
            yield
        finally:
            with self._in_flight_lock:
                self._in_flight -= 1

    @contextmanager
    def _expensive(self) -> Iterator[None]:
        if not self._slots.acquire(timeout=self.settings.search_wait_s):
            raise BusyError("Många sökningar just nu: försök igen om några sekunder.")
        try:
            yield
        finally:
            self._slots.release()

    def _has_vector(self, text: str) -> bool:
        """The query's vector is in the cache (no embedding to overlap with)."""
        with self._cache_lock:
            return " ".join(text.split()) in self._vectors

    def _msearch(self, searches: list[tuple[str, dict[str, Any]]]) -> dict[str, dict[str, Any]]:
        """One round trip for several searches on the passage index; responses by kind."""
        if not searches:
            return {}
        body: list[dict[str, Any]] = []
        for _, search in searches:
            body += [{"index": self.passages}, search]
        res = self.es.msearch(searches=body)
        return {kind: r for (kind, _), r in zip(searches, res["responses"], strict=True)}

    def _knn_search(self, vector: list[float], k: int, filters: list[dict[str, Any]], *,
                    ids_only: bool) -> dict[str, Any]:
        """The kNN search's body: with ``ids_only`` the ids, scores and grouping keys (a hybrid
        result page fetches the sources of the few neighbours it shows afterwards)."""
        if ids_only:
            return {"size": k, "_source": False, "knn": self._knn(vector, k, filters),
                    "docvalue_fields": ["remiss_id", "yttrande_id"]}
        return {"size": k, "_source": PASSAGE_SOURCE, "knn": self._knn(vector, k, filters)}

    def _knn(self, vector: list[float], k: int, filters: list[dict[str, Any]]) -> dict[str, Any]:
        knn: dict[str, Any] = {"field": "embedding", "query_vector": vector, "k": k,
                               "num_candidates": max(2 * k, 100), "filter": filters}
        if self.semantic_floor is not None:
            knn["similarity"] = self.semantic_floor  # raw cosine, not the (1 + cos) / 2 score
        return knn

    def retrieve(self, q: str, mode: Mode, filters: Filters, k: int = CANDIDATES,
                 with_facets: bool = False) -> tuple[Ranked, dict[str, Any], float]:
        """Fused passage ranking: list of (source, score, highlight), facet aggs, embed ms."""
        r = self._retrieve(q, mode, filters, k, with_facets, exact_block=with_facets)
        return r.ranked, r.aggs, r.embed_ms

    def _retrieve(self, q: str, mode: Mode, filters: Filters, k: int = CANDIDATES,
                  with_facets: bool = False, exact_block: bool = True, defer_similar: bool = False,
                  only_remisser: list[str] | None = None, defer_highlight: bool = False,
                  extra: list[tuple[str, dict[str, Any]]] | None = None) -> Retrieval:
        """One round trip (two for a hybrid search alone in its process, overlapping the
        embedding) for everything a result page needs. With words: the ranking list (BM25, any
        word), and - for ``exact_block`` - the exact matches with their highlights, counts and
        (``with_facets``) the facets in the same search: the query filtered by the non-facet
        filters, the facet filters as ``post_filter``, each facet counted without its own filter
        (multi-select). Without words: the same on the newest passages. The exact clause and the
        highlighter run once (measured in bench/request_cost.py: they are most of a keyword
        request). ``only_remisser``: the hits (not the counts or facets) only from these
        remisser, one passage per answer (a date-sorted page: ``_remisser_by_date``). ``extra``:
        other searches on the passages (kind, body) sent in the same round trip, their responses
        in ``extra`` of the result."""
        filters = self._visible(filters)
        fclauses = filters.clauses()
        base = filters.clauses(skip=FACETS)
        facet_only = [c for c in fclauses if c not in base]
        page_only: dict[str, Any] = {"post_filter": {"bool": {"filter": facet_only}}}
        if only_remisser is not None:
            page_only = {"post_filter": {"bool": {"filter": [*facet_only, {"terms": {"remiss_id": only_remisser}}]}},
                         "collapse": {"field": "yttrande_id"}}
            k = max(k, 20 * len(only_remisser))  # every answer of the page's remisser
        # searches that need no query vector, and those built once the vector is there
        plain: list[tuple[str, dict[str, Any]]] = []
        with_vector: list[tuple[str, Callable[[list[float]], dict[str, Any]]]] = []
        embed_ms = 0.0
        has_q = bool(q.strip())
        kq = self.keyword_query(q)
        counts: dict[str, Any] = {"answers": {"cardinality": {"field": "yttrande_id"}},
                                  "remisser": {"cardinality": {"field": "remiss_id"}}}
        facet_aggs = (multiselect_facet_aggs({f: filters.clauses(skip=frozenset({f})) for f in FACETS})
                      if with_facets else {})
        page_aggs: dict[str, Any] = {"filtered": {"filter": {"bool": {"filter": facet_only}}, "aggs": counts},
                                     **facet_aggs}
        uses_keyword = has_q and mode in ("hybrid", "keyword")
        needs_vector = has_q and mode in ("hybrid", "semantic")
        if uses_keyword and not exact_block:
            plain.append(("bm25", {"size": k, "_source": PASSAGE_SOURCE, "track_total_hits": False,
                                   "query": {"bool": {"must": [kq.clause()], "filter": fclauses}},
                                   "highlight": kq.highlight()}))
        if uses_keyword and exact_block:
            # a result page shows only exact matches (and, in hybrid, kNN-only passages): the
            # exact search is its keyword ranking too - the exact clause scores a passage as the
            # any-word clause does, so their order is the one the BM25 list would give them
            plain.append(("exact", {
                "size": k, "_source": PASSAGE_SOURCE, "track_total_hits": False,
                "query": {"bool": {"must": [kq.exact_clause()], "filter": base}}, **page_only,
                **({} if defer_highlight else {"highlight": kq.highlight()}), "aggs": page_aggs}))
        # a hybrid result page needs the kNN list's ids and scores (fusion) and the sources of
        # only the few neighbours it may show under "Liknande innehåll": fetched after
        knn_ids_only = needs_vector and uses_keyword and exact_block
        if needs_vector:
            with_vector.append(("knn", lambda v: self._knn_search(v, k, fclauses, ids_only=knn_ids_only)))
            if with_facets and not uses_keyword:
                with_vector.append(("facets", lambda v: {"size": 0, "aggs": facet_aggs,
                                                         "knn": self._knn(v, k, base)}))
        if not has_q:
            plain.append(("browse", {
                "size": k, "_source": PASSAGE_SOURCE, "query": {"bool": {"filter": base}}, **page_only,
                "aggs": page_aggs,
                "sort": [{"date": {"order": "desc", "missing": "_last"}}, {"ordinal": "asc"}],
            }))
        plain += extra or []
        with self._counted(), self._expensive() if needs_vector else nullcontext():
            responses, embed_ms = self._send(q, plain, with_vector, needs_vector)
        rankings: list[list[str]] = []
        sources: dict[str, dict[str, Any]] = {}
        group_of: dict[str, tuple[str, str]] = {}  # (remiss or answer, answer) of a kNN hit without its source
        highlights: dict[str, dict[str, Any]] = {}
        for r in responses.values():
            if "error" in r:
                raise RuntimeError(f"Elasticsearch: {r['error']}")
        out = Retrieval(ranked=[], aggs={}, embed_ms=embed_ms, extra={kind: responses[kind] for kind, _ in extra or []})
        for kind in ("bm25", "exact", "knn", "browse", "facets"):  # the order the rankings are fused in
            if kind not in responses:
                continue
            r = responses[kind]
            if kind == "facets":
                out.aggs = r.get("aggregations", {})
                continue
            if kind in ("exact", "browse"):
                a = dict(r.get("aggregations", {}))
                c = a.pop("filtered", {})
                out.exact_answers = int(c.get("answers", {}).get("value", 0))
                out.exact_remisser = int(c.get("remisser", {}).get("value", 0))
                if with_facets:
                    out.aggs = a
            if kind == "exact":
                out.exact_ids = [h["_id"] for h in r["hits"]["hits"]]
            ids = []
            for h in r["hits"]["hits"]:
                ids.append(h["_id"])
                if "_source" in h:
                    sources.setdefault(h["_id"], h["_source"])
                elif "fields" in h:
                    fields = {k: v[0] for k, v in h["fields"].items() if v}
                    group_of[h["_id"]] = (group_key(fields), str(fields.get("yttrande_id", "")))
                if "highlight" in h:
                    highlights[h["_id"]] = h["highlight"]
                if kind == "knn":
                    out.knn_ids.add(h["_id"])
                    out.similarities[h["_id"]] = cosine_from_score(float(h["_score"]))
            rankings.append(ids)
            out.rankings[kind] = ids
        out.sources, out.highlights = sources, highlights
        out.fused = rrf(rankings, k=self.rrf_k)
        if knn_ids_only:
            out.similar_pending = self._similar_candidates(out, group_of)
            if not defer_similar:
                self._fetch(out, [])
        out.rank()
        return out

    def _similar_candidates(self, out: Retrieval, group_of: dict[str, tuple[str, str]]) -> list[tuple[str, str]]:
        """The kNN-only passages a hybrid page may show under "Liknande innehåll" (above the
        display floor, of a remiss not among the exact matches): in kNN order, those of the
        first ``SIMILAR_GROUPS`` remisser, each answer's best passage - what ``similar_groups``
        shows of them (the later passages of an answer and the later remisser are never shown)."""
        exact_groups = {group_key(out.sources[i]) for i in out.exact_ids if i in out.sources}
        groups: set[str] = set()
        seen: set[tuple[str, str]] = set()
        want: list[tuple[str, str]] = []
        for i in out.rankings.get("knn", []):
            if i in out.sources or out.similarities.get(i, -1.0) < self.similar_floor:
                continue
            group, answer = group_of.get(i, (i, ""))  # no doc values: a group of its own
            if group in exact_groups or (group not in groups and len(groups) >= SIMILAR_GROUPS):
                continue
            groups.add(group)
            if (group, answer) not in seen:
                seen.add((group, answer))
                want.append((i, answer))
        return want[:SIMILAR_CANDIDATES]

    def _fetch(self, out: Retrieval, answer_ids: list[str]) -> dict[str, Any]:
        """One mget for the pending "Liknande innehåll" sources (into ``out``) and the
        deadlines of ``answer_ids`` (returned by answer): one round trip where there were two."""
        docs: list[dict[str, Any]] = [{"_index": self.passages, "_id": pid, "_source": PASSAGE_SOURCE}
                                      for pid, _ in out.similar_pending]
        n_passages = len(docs)
        docs += [{"_index": self.yttranden, "_id": yid, "_source": ["remiss_deadline"]}
                 for yid in dict.fromkeys(a for a in answer_ids if a)]
        deadlines: dict[str, Any] = {}
        if docs:
            # mget answers in request order: the passages first, then the answers
            for n, d in enumerate(self.es.mget(docs=docs)["docs"]):
                if not d.get("found"):
                    continue
                if n < n_passages:
                    out.sources[d["_id"]] = d["_source"]
                else:
                    deadlines[d["_id"]] = d["_source"].get("remiss_deadline")
        out.similar_pending = []
        return deadlines

    # -- public queries -----------------------------------------------------------
    def search(self, req: SearchRequest) -> SearchResponse:
        """Honest result sets: with words, the exact block holds the remisser whose answers
        contain them (their count), and "Liknande innehåll" the few remisser found only by
        meaning above the calibrated floor; semantic mode lists what is above the floor."""
        t0 = time.perf_counter()
        # a date-sorted list (no words, or sorted by date) pages through every match newest
        # first: the page's remisser are chosen over all of them, not among the best candidates
        by_date = not req.q.strip() or (req.sort == "datum" and req.mode != "semantic")
        only = None
        if by_date:
            upto = req.page * req.size
            only = self._remisser_by_date(req.q, req.filters, upto)[upto - req.size:]
        by_words = bool(req.q.strip()) and req.mode != "semantic"
        # answers holding a coined word's parts on different places, named beneath the exact
        # block on the first page (or in place of "no answer"): that search in the same round trip
        apart = self._parts_apart_search(req.q, req.filters) if by_words and req.page == 1 else None
        # the highlights of only the passages the page shows (below), not of every candidate
        r = self._retrieve(req.q, req.mode, req.filters, with_facets=True, defer_similar=True, only_remisser=only,
                           defer_highlight=True, extra=[("parts_apart", apart[2])] if apart else None)
        similar: list[RemissGroup] = []
        exact_rids: set[str] = set()
        if req.q.strip() and req.mode != "semantic":
            exact = set(r.exact_ids)
            exact_ranked = [x for x in r.ranked if x[0]["id"] in exact]
            groups = group_passages(exact_ranked, r.similarities)
            exact_rids = {g.remiss_id for g in groups}
            total, answers = max(r.exact_remisser, len(groups)), r.exact_answers
        else:
            groups = group_passages(r.ranked, r.similarities)
            total = len(groups) if req.q.strip() else max(r.exact_remisser, len(groups))
            answers = sum(len(g.answers) for g in groups) if req.q.strip() else r.exact_answers
        if by_date:  # ties as _remisser_by_date orders them
            groups.sort(key=lambda g: g.remiss_id)
        if req.sort == "datum" or by_date:
            groups.sort(key=lambda g: g.latest or "", reverse=True)
        start = 0 if by_date else (req.page - 1) * req.size
        page_groups = groups[start : start + req.size]
        listed = total if by_date else len(groups)
        # "Liknande innehåll" (hybrid, first page): its passages' sources come in the same mget
        # as the deadlines of every answer shown (answer ids from the kNN hits' doc values)
        with_similar = req.mode == "hybrid" and bool(req.q.strip()) and req.page == 1
        if not with_similar:
            r.similar_pending = []
        answer_ids = [a.yttrande_id for g in page_groups for a in g.answers] + [a for _, a in r.similar_pending]
        shown = (_POOL.submit(self._highlight_shown, req.q, page_groups, r)
                 if req.q.strip() and req.mode != "semantic" else None)
        deadlines = self._fetch(r, answer_ids)
        if shown is not None:
            shown.result()
        if with_similar:
            r.rank()  # with the fetched sources
            similar = self.similar_groups(r, exact_rids)
        for g in page_groups + similar:
            g.deadline = next((deadlines[a.yttrande_id] for a in g.answers if deadlines.get(a.yttrande_id)), None)
        # no passage holds the words: are they only stop words (no field indexes them), or only in
        # the answers' standard wordings (which hold no stop words either: no request for those)
        words_unfound = by_words and not groups
        stop_words = stop_words_only(req.q) if words_unfound else []
        in_boilerplate = self.boilerplate_matches(req.q, req.filters) if words_unfound and not stop_words else []
        # answers holding a coined word's parts on different places: in place of "no answer", or
        # (first page) beneath the answers the exact block lists - from the search sent beside the
        # page's (which leaves out the answers of the exact block, of which there are none when
        # no passage holds the words); a later page without answers asks now
        parts_apart: list[PartsMatch] = []
        if apart is not None:
            parts_apart = parts_answers(r.extra["parts_apart"], apart[0], apart[1])
        elif words_unfound and not stop_words:
            parts_apart = self.parts_apart(req.q, req.filters)
        # nothing above explains the empty page: answers holding the verb of a participle or passive
        related = (self.related_forms(req.q, req.filters)
                   if words_unfound and not stop_words and not in_boilerplate and not parts_apart else [])
        return SearchResponse(
            in_boilerplate=in_boilerplate, stop_words=stop_words, parts_apart=parts_apart, related_forms=related,
            query=req.q, mode=req.mode, sort=req.sort, groups=page_groups, total_groups=total,
            pages=min(50, (listed - 1) // req.size + 1) if listed else 0,
            total_answers=answers, similar=similar, page=req.page, size=req.size,
            facets=facets_from_aggs(r.aggs, req.filters), took_ms=(time.perf_counter() - t0) * 1000,
            embed_ms=r.embed_ms,
        )

    def _remisser_by_date(self, q: str, filters: Filters, upto: int) -> list[str]:
        """The first ``upto`` remisser matching ``q`` (exactly, as the result page's block) and
        ``filters``, the one with the newest answer first: at archive scale the newest remisser
        are seldom among the best-ranked candidates (bench/archive_scale.py)."""
        must = [self.keyword_query(q).exact_clause()] if q.strip() else []
        res = self.es.search(index=self.passages, size=0,
                             query={"bool": {"must": must, "filter": self._visible(filters).clauses()}},
                             aggs={"r": {"terms": {"field": "remiss_id", "size": upto,
                                                   "order": [{"latest": "desc"}, {"_key": "asc"}]},
                                         "aggs": {"latest": {"max": {"field": "date"}}}}})
        return [str(b["key"]) for b in res["aggregations"]["r"]["buckets"]]

    def _highlight_shown(self, q: str, groups: list[RemissGroup], r: Retrieval) -> None:
        """The highlights of the passages ``groups`` show (each answer's best), fetched for those
        alone: the exact search highlighted every candidate (100), the page shows a tenth of them
        - at a million passages the highlights were a third of the page's search (p50 107 -> 70 ms
        without them, bench/reports/scale_profile.md). Same request per passage, same snippets."""
        answers = {a.best.id: a for g in groups for a in g.answers if a.best.id in r.sources}
        if not answers:
            return
        res = self.es.search(index=self.passages, size=len(answers), source=False,
                             query={"ids": {"values": list(answers)}},
                             highlight=self.keyword_query(q).highlight(guessed=True))
        for h in res["hits"]["hits"]:
            a = answers[h["_id"]]
            if h.get("highlight"):
                a.best = hit_from_source(r.sources[h["_id"]], a.best.score, h["highlight"], a.best.similarity)

    def boilerplate_matches(self, q: str, filters: Filters, size: int = 20) -> list[BoilerplateMatch]:
        """Answers whose labelled standard wording (``boilerplate.text``, folded as the folded
        fields are) holds every word of ``q``: where the words are, when no passage has them."""
        flt = self._visible(filters).clauses()
        res = self.es.search(index=self.yttranden, size=size, query={"bool": {
            "should": [{"match": {"boilerplate.text": {"query": fold(q), "operator": "and"}}},
                       {"match": {"boilerplate.text": {"query": q, "operator": "and"}}},
                       {"match": {"boilerplate.text.stem": {"query": q, "operator": "and"}}},
                       # compound parts, as the passages' text.parts: "pensionär" in "pensionärsrådet"
                       {"match": {"boilerplate.text.parts": {"query": q, "operator": "and"}}}],
            "minimum_should_match": 1, "filter": flt}},
            source={"includes": ["id", "council", "remiss_id", "remiss_title", "boilerplate"]})
        words = [w for w in re.findall(r"\w+", fold(q).lower()) if len(w) > 2]
        out: list[BoilerplateMatch] = []
        for h in res["hits"]["hits"]:
            src = h["_source"]
            lines = [b.get("text", "") for b in src.get("boilerplate", [])]
            line = max(lines, key=lambda x: sum(w[:5] in fold(x).lower() for w in words), default="")
            out.append(BoilerplateMatch(yttrande_id=src["id"], council=src.get("council"),
                                        remiss_id=src.get("remiss_id"), remiss_title=src.get("remiss_title"),
                                        line=line[:200]))
        return out

    def related_forms(self, q: str, filters: Filters) -> list[RelatedMatch]:
        """Answers with a passage holding every word of ``q`` as itself or, for a verb's participle
        or passive, as a form of its verb (``search.related_forms``): for a page no passage of which
        holds the words. No search for a query without such a word, or with many words."""
        try:
            bases = verb_bases(exact_words(q))
            if not bases:
                return []
            body = related_request(bases, self._visible(filters).clauses())
            return related_answers(dict(self.es.search(index=self.passages, **body)), bases)
        except (ApiError, TransportError) as e:  # a note, not the result: the page says no answer holds the words
            log.warning("verbformer kunde inte slås upp för %r: %s", q, e)
            return []

    def parts_apart(self, q: str, filters: Filters, beside_exact: bool = False) -> list[PartsMatch]:
        """Answers holding the parts of the query's coined words on different places (and its
        other words) (``search.parts_apart``): for a page no passage of which holds the words, or,
        ``beside_exact``, those of them the exact block does not list. No request for a query
        without a coined word."""
        wanted = self._parts_apart_search(q, filters, beside_exact)
        if wanted is None:
            return []
        words, compounds, body = wanted
        return parts_answers(dict(self.es.search(index=self.passages, **body)), words, compounds)

    def _parts_apart_search(self, q: str, filters: Filters, beside_exact: bool = True
                            ) -> tuple[list[str], dict[str, Compound], dict[str, Any]] | None:
        """The words and coined words ``parts_apart`` looks for and its search on the passages
        (``beside_exact``: leaving out the answers the exact block lists); None for a query
        without a coined word."""
        kq = self.keyword_query(q)
        wanted = looked_for(exact_words(q), kq.compounds())
        if wanted is None:
            return None
        words, compounds = wanted
        return words, compounds, parts_apart_request(words, compounds, self._visible(filters).clauses(),
                                                     exact=kq.exact_clause() if beside_exact else None)

    def similar_groups(self, r: Retrieval, exact_rids: set[str]) -> list[RemissGroup]:
        """"Liknande innehåll": remisser found only by meaning, above the display floor."""
        only_knn = [x for x in r.ranked if x[0]["id"] in r.knn_ids
                    and r.similarities.get(x[0]["id"], -1.0) >= self.similar_floor
                    and group_key(x[0]) not in exact_rids]
        return group_passages(only_knn, r.similarities)[:SIMILAR_GROUPS]

    def passages_ranked(self, q: str, mode: Mode, filters: Filters | None = None, k: int = 20) -> list[PassageHit]:
        """Flat passage ranking (evaluation, precedent)."""
        ranked, _, _ = self.retrieve(q, mode, filters or Filters(), k=max(k, 20))
        return [hit_from_source(src, score, hl) for src, score, hl in ranked[:k]]

    def precedent(self, paragraph: str, filters: Filters | None = None, k: int = 10,
                  per_document: int | None = 2, include_boilerplate: bool = False) -> list[PassageHit]:
        """The hits of ``precedent_search`` (the API's list)."""
        return self.precedent_search(paragraph, filters, k, per_document, include_boilerplate).hits

    def precedent_search(self, paragraph: str, filters: Filters | None = None, k: int = 10,
                         per_document: int | None = 2, include_boilerplate: bool = False) -> PrecedentResult:
        """Passages most like a pasted paragraph, across councils and years, with a calibrated
        likeness (``search.precedent``: nothing under the floor, and a message saying so);
        near-identical passages collapsed ("förekommer i N yttranden"), at most ``per_document``
        passages of one answer. A paragraph that is itself boilerplate (or ``include_boilerplate``)
        searches the labelled boilerplate of the answers; a short paragraph naming a motion number
        or dnr the archive lacks gets that said instead of unrelated answers."""
        paragraph = paragraph.strip()
        if not paragraph:
            raise QueryError("klistra in ett stycke text")
        if len(paragraph) > MAX_PARAGRAPH_CHARS:
            raise QueryError(f"stycket är för långt (högst {MAX_PARAGRAPH_CHARS} tecken)")
        missing = self.missing_identifier(paragraph) if len(paragraph.split()) <= 12 else None
        if missing:
            return PrecedentResult(message=missing)
        label = boilerplate_label(paragraph)
        if label is not None or include_boilerplate:
            return self._boilerplate_precedent(paragraph, label, filters, k, per_document)
        fclauses = self._visible(filters or Filters()).clauses()
        pool = min(max(5 * k, POOL), 200)
        knn = {"field": "embedding", "k": pool, "num_candidates": max(2 * pool, 100), "filter": fclauses}
        with self._expensive():
            vector, _ = self._embed(paragraph)
            res = self.es.options(request_timeout=10).search(index=self.passages, size=pool, source=PASSAGE_SOURCE,
                                                             knn={**knn, "query_vector": vector})
        found = res["hits"]["hits"]
        cosines = [cosine_from_score(float(h["_score"])) for h in found]
        bg = background(cosines[:POOL])
        hits, below = [], 0
        for h, cos in zip(found, cosines, strict=True):
            score = calibrated(cos, bg)
            if band(score) is None:
                below += 1
                continue
            if is_boilerplate(h["_source"].get("text", "")):  # a passage indexed before segmentation
                continue
            hits.append(hit_from_source(h["_source"], score, None, cos))
        kept = collapse_near_duplicates(hits, per_document=per_document)[:k]
        return PrecedentResult(hits=kept, bands={h.id: band(h.score) or "" for h in kept},
                               message=None if kept else NONE_FOUND, below_floor=below)

    def _boilerplate_precedent(self, paragraph: str, label: Label | None, filters: Filters | None, k: int,
                               per_document: int | None) -> PrecedentResult:
        """Answers whose labelled boilerplate holds the pasted standard wording (keyword match on
        ``boilerplate.text``): the wording and how many answers use it."""
        flt = self._visible(filters or Filters()).clauses() + self._real()
        if label is not None:
            flt.append({"term": {"boilerplate.label": label.value}})
        res = self.es.search(index=self.yttranden, size=max(5 * k, 50), query={"bool": {
            "must": [{"match": {"boilerplate.text": {"query": paragraph, "minimum_should_match": "60%"}}}],
            "filter": flt}}, source={"excludes": ["text", "text_folded", "original_text", "sections"]})
        hits = []
        for h in res["hits"]["hits"]:
            src = h["_source"]
            lines = [b["text"] for b in src.get("boilerplate", []) if label is None or b["label"] == label.value]
            chosen = best_lines(lines, paragraph)
            if not chosen:
                continue
            kind = Label(next(b["label"] for b in src["boilerplate"] if b["text"] == chosen[0]))
            page = next((b.get("page") for b in src["boilerplate"] if b["text"] == chosen[0]), None)
            hits.append(hit_from_source({**src, "yttrande_id": src["id"], "id": f"{src['id']}-standard",
                                         "text": "\n".join(chosen), "section": boilerplate_name(kind), "page": page},
                                        float(h["_score"] or 0.0), None))
        kept = collapse_near_duplicates(hits, per_document=per_document)[:k]
        name = boilerplate_name(label) if label is not None else "Standardformulering"
        return PrecedentResult(hits=kept, bands={h.id: "standardformulering" for h in kept}, boilerplate=name,
                               message=None if kept else f"Stycket är en standardformulering ({name.lower()}) "
                               "och ingen nämnds svar i arkivet har en liknande.")

    def missing_identifier(self, q: str) -> str | None:
        """A Swedish message when ``q`` names a motion number or a dnr that no answer in the archive
        has ('Motion 2024:57 finns inte i arkivet', with where to look); None otherwise."""
        num = motion_number(q) or next((f"{m.group(1)}:{int(m.group(2))}" for m in MOTION_IN_TEXT.finditer(q)
                                        if re.search(r"(?i)\bmotion", q)), None)
        if num:
            term: dict[str, Any] = {"term": {"motion_number": num}}
            kind, ident = "motion", num
        else:
            d = dnr(q)
            if not d:
                return None
            term = {"bool": {"should": [{"terms": {"remiss_dnr": sorted({d, d.upper()})}},
                                        {"match_phrase": {"text": d}}], "minimum_should_match": 1}}
            kind, ident = "dnr", d
        n = self.es.count(index=self.yttranden, query={"bool": {"filter": [term]}})["count"]
        return None if n else missing_message(kind, ident)

    def resolve_identifier(self, q: str) -> str | None:
        """The remiss a query names outright (a motion number or a remitting dnr), when exactly one."""
        term: dict[str, Any] | None = None
        num = motion_number(q)
        if num:
            term = {"term": {"motion_number": num}}
        else:
            d = dnr(q)
            if d:
                term = {"terms": {"remiss_dnr": sorted({d, d.upper()})}}
        if term is None:
            return None
        res = self.es.search(index=self.yttranden, size=0,
                             query={"bool": {"filter": [term, *self._real()]}},
                             aggs={"r": {"terms": {"field": "remiss_id", "size": 2}}})
        buckets = res["aggregations"]["r"]["buckets"]
        return str(buckets[0]["key"]) if len(buckets) == 1 else None

    def motion(self, q: str) -> list[RemissGroup]:
        """Motions by number ('2024:12', 'Motion (2024:12)'), author (å/ä/ö or not), party,
        year and title words - numbered or not (a motion is known by its authors too)."""
        q = q.strip()
        if not q or len(q) > MAX_QUERY_CHARS:
            raise QueryError("ange motionens nummer, motionär, parti, år eller ämne")
        num = motion_number(q)
        must: list[dict[str, Any]] = []
        if num:
            must.append({"term": {"motion_number": num}})
        else:
            words: list[str] = []
            for name, code in PARTY_NAMES.items():  # "Feministiskt initiativ", "Miljöpartiet de gröna"
                if " " in name:
                    q = re.sub(rf"(?i)\b{re.escape(name)}\b", code, q)
            for tok in q.replace(",", " ").split():
                t = tok.strip("()")
                if party := party_code(t):
                    # one party in every form: 'SD', 'Sverigedemokraterna'; 'L', 'Liberalerna' and
                    # 'Folkpartiet' (L's name before 2015) are the one party
                    must.append({"terms": {"motion_parties": party_family(party)}})
                elif YEAR_RE.match(t):
                    must.append({"bool": {"should": [{"prefix": {"motion_number": f"{t}:"}},
                                                     {"term": {"year": int(t)}}], "minimum_should_match": 1}})
                elif (m := MOTION_IN_TEXT.fullmatch(t)):
                    must.append({"term": {"motion_number": f"{m.group(1)}:{int(m.group(2))}"}})
                else:
                    words.append(tok)
            if words:
                text = " ".join(words)
                must.append({"bool": {"should": [
                    # the authors field is lowercased, not folded: the words as typed ("Rågsjö"),
                    # and folded with fuzziness for a name typed without å/ä/ö ("Ragsjo")
                    {"match": {"motion_authors.text": {"query": text, "operator": "and", "boost": 3}}},
                    {"match": {"motion_authors.text": {"query": fold(text), "operator": "and", "fuzziness": "AUTO",
                                                       "prefix_length": 1, "boost": 2}}},
                    {"match": {"remiss_title": {"query": text, "operator": "and", "boost": 2}}},
                    {"match": {"remiss_title_folded": {"query": fold(text), "operator": "and"}}},
                ], "minimum_should_match": 1}})
        is_motion = {"bool": {"should": [
            {"exists": {"field": "motion_number"}}, {"exists": {"field": "motion_authors"}},
            {"exists": {"field": "motion_parties"}}, {"match": {"remiss_title": "motion"}},
        ], "minimum_should_match": 1}}
        res = self.es.search(
            index=self.yttranden, size=200,
            query={"bool": {"must": must, "filter": [is_motion, *self._real()]}},
            source={"excludes": ["text", "text_folded", "original_text", "sections"]},
        )
        groups: dict[str, RemissGroup] = {}
        for h in res["hits"]["hits"]:
            src = h["_source"]
            g = groups.get(src["remiss_id"])
            if g is None:
                g = groups[src["remiss_id"]] = group_from_yttrande(src, float(h["_score"] or 0.0))
            g.answers.append(answer_from_yttrande(src))
        return list(groups.values())

    def get_yttrande(self, yid: str) -> dict[str, Any] | None:
        try:
            doc = self.es.get(index=self.yttranden, id=yid,
                              source_excludes=["text_folded", "title_folded", "remiss_title_folded"])
        except NotFoundError:
            return None
        return dict(doc["_source"])

    def get_remiss(self, remiss_id: str) -> dict[str, Any] | None:
        """The comparison view: every council's answer to one remiss, who was asked and what
        became of each body (answered, view known from a summary, did not answer, unknown:
        ``search_api.asked``), and the summaries of many answers that say so."""
        res = self.es.search(
            index=self.yttranden, size=100, query={"term": {"remiss_id": remiss_id}},
            source={"excludes": ["text", "text_folded", "original_text", "title_folded", "remiss_title_folded"]},
            sort=[{"council": "asc"}, {"date": {"order": "desc", "missing": "_last"}}],
        )
        hits = [h["_source"] for h in res["hits"]["hits"]]
        if not hits:
            return None
        first = hits[0]
        summaries = summaries_for(self.settings, remiss_id, hits)
        asked = who_was_asked(hits, summaries)
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
            # every body the answers and summaries say was asked, with which documents say so and
            # its state (svar, sammanstallning, ej_svar, okand) with the summary's evidence
            "asked": asked,
            "sendlist_known": bool(asked),  # False: no document lists the bodies asked ("sändlista okänd")
            "not_answered": [a for a in asked if a["council"] and not a["answered"]],
            "summaries": summary_refs(summaries),  # kommunstyrelsen's utlåtanden on this remiss
        }

    def answers_by_arrival(self, remiss_id: str | None = None, motion: str | None = None,
                           size: int = 50) -> list[dict[str, Any]]:
        """Answers to one remiss or one motion, the latest to arrive first (Atom feeds)."""
        flt: list[dict[str, Any]] = self._real()
        if remiss_id:
            flt.append({"term": {"remiss_id": remiss_id}})
        if motion:
            flt.append({"term": {"motion_number": motion}})
        res = self.es.search(
            index=self.yttranden, size=size, query={"bool": {"filter": flt}},
            source={"excludes": ["text", "text_folded", "original_text", "title_folded", "remiss_title_folded",
                                  "sections"]},
            sort=[{"first_seen": {"order": "desc", "missing": "_last", "unmapped_type": "date"}},
                  {"indexed_at": {"order": "desc", "missing": "_last"}}],
        )
        return [dict(h["_source"]) for h in res["hits"]["hits"]]

    def arrivals(self, ids: list[str]) -> dict[str, str]:
        """When each answer arrived in the archive, by yttrande id: the raw store's first-seen time
        (a reindex keeps it), else when it was indexed."""
        if not ids:
            return {}
        docs = self.es.mget(index=self.yttranden, ids=ids, source_includes=["first_seen", "indexed_at"])
        found = ((d["_id"], d["_source"].get("first_seen") or d["_source"].get("indexed_at"))
                 for d in docs["docs"] if d.get("found"))
        return {yid: when for yid, when in found if when}

    def list_remisser(self, size: int = 100) -> list[dict[str, Any]]:
        res = self.es.search(
            index=self.yttranden, size=0, query={"bool": {"filter": self._real()}},
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

    def overview_or_empty(self) -> dict[str, Any]:
        """The overview, or nothing when the node is down (the status page must still render)."""
        try:
            return self.overview()
        except (ApiError, TransportError):
            return {}

    def overview(self) -> dict[str, Any]:
        """Answers per council, year and position over the whole archive (the status page)."""
        from search_api.overview import COUNCIL_YEARS_AGG, council_years

        res = self.es.search(index=self.yttranden, size=0, query={"bool": {"filter": self._real()}},
                             aggs={"councils": COUNCIL_YEARS_AGG})
        return council_years(res["aggregations"]["councils"])

    def document_hits(self, yid: str, q: str, k: int = 10) -> list[PassageHit]:
        """The passages of one document that match a query, highlighted (document page)."""
        if not q.strip():
            return []
        kq = self.keyword_query(q)
        near = kq.near_clauses()  # a coined compound's parts close together too, as the exact block finds them
        res = self.es.search(
            index=self.passages, size=k, source=PASSAGE_SOURCE,
            query={"bool": {"must": [{"bool": {"should": [kq.clause(), *near], "minimum_should_match": 1}}],
                            "filter": [{"term": {"yttrande_id": yid}}]}},
            highlight=kq.highlight(guessed=True),
        )
        return [hit_from_source(h["_source"], float(h["_score"]), h.get("highlight")) for h in res["hits"]["hits"]]

    def document_passages(self, yid: str) -> list[PassageHit]:
        """Every passage of one answer in reading order (anchors of the document page)."""
        res = self.es.search(index=self.passages, size=500, source=PASSAGE_SOURCE,
                             query={"term": {"yttrande_id": yid}}, sort=[{"ordinal": "asc"}])
        return [hit_from_source(h["_source"], 0.0, None) for h in res["hits"]["hits"]]

    def latest_answers(self, req: SearchRequest, size: int = 30) -> list[CouncilAnswer]:
        """Answers matching a search, newest first (Atom feeds).

        kNN has no notion of "no match" (it always returns the nearest), so a feed of a
        hybrid search follows the answers that match the query's words; an explicitly
        semantic feed lists the nearest answers above the floor."""
        mode: Mode = "semantic" if req.mode == "semantic" else "keyword"
        r = self._retrieve(req.q, mode, req.filters)
        ranked = r.ranked
        if req.q.strip() and mode == "keyword":
            exact = set(r.exact_ids)
            ranked = [x for x in ranked if x[0]["id"] in exact]
        answers = [a for g in group_passages(ranked) for a in g.answers]
        answers.sort(key=lambda a: a.date or "", reverse=True)
        return answers[:size]
