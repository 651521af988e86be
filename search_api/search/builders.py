"""Query builders. User text is only ever passed as the *text* of match/multi_match/term
queries, never as query_string syntax."""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

from remissvar.textnorm import WORD, fold
from search_api.filters import Facet, Filter, facets, filter_named
from search_api.index import load_mapping_file
from search_api.search.archive_split import archive_split
from search_api.search.compounds import (
    AnalyzeMany,
    Compound,
    DocFreq,
    WordTokens,
    coined,
    near_clause,
    parts_tokens,
    plain_stem,
    split,
    split_all,
    tokenized,
    unsplit,
    with_part_stems,
)
from search_api.search.highlight import highlight_request
from search_api.search.ocr import STEMMED_STOPWORDS, folded_stopwords, ocr_clause, ocr_word_clause, ocr_words

MOTION_RE = re.compile(r"^\s*(?:motion\s*(?:nr\.?\s*)?)?\(?\s*(\d{4})\s*:\s*(\d{1,3})\s*\)?\s*$", re.I)
MOTION_IN_TEXT = re.compile(r"(\d{4})\s*:\s*(\d{1,3})")
DNR_RE = re.compile(r"^\s*((?:[A-Za-zÅÄÖåäö]{2,5})\s?\d{4}[/-]\d{1,6}|\d{2,4}-\d{1,5}/\d{4})\s*$")
YEAR_RE = re.compile(r"^\s*((?:19|20)\d{2})\s*$")

PASSAGE_SOURCE = {"excludes": ["embedding", "text_folded", "remiss_title_folded"]}
# how many of the query's words an exact match must contain: all of up to three, 75% of more
EXACT_ALL_UP_TO, EXACT_PERCENT = 3, 75
EXACT_MINIMUM_SHOULD_MATCH = f"{EXACT_ALL_UP_TO}<{EXACT_PERCENT}%"
# the OCR clause: one edit for words of five letters or more, the first two letters as typed.
# Building two-edit automata was most of a keyword search's time (bench/request_cost.py and
# bench/scale.py: Elasticsearch took 8 ms of which the fuzzy clause 6 on the small corpus;
# 3 ms with one edit) and grows with the term dictionary (keyword p95 110 ms at 1M passages)
# Each expansion scores by its boost alone (no per-term statistics to blend): a quarter less
# of the fuzzy clause's time at a million passages, the OCR queries' ranking kept
OCR_FUZZY: dict[str, Any] = {"fuzziness": "AUTO:6,20", "prefix_length": 2, "max_expansions": 20,
                             "fuzzy_rewrite": "top_terms_boost_20"}
# a title's weight in the flat sum of per-field matches, against its boost in the field lists
TITLE_WEIGHT_IN_SUM = 0.5
# the weight of a compound-part match (the *.parts subfields) against a whole-word match
PARTS_WEIGHT = 0.5


def exact_minimum_should_match(q: str) -> str | int:
    """``EXACT_MINIMUM_SHOULD_MATCH`` counted over the words as typed, stop words counted as
    present. The text fields drop stop words (the folded ones too, since 2026-11-30), so a
    query's stop words are not clauses; before, the folded field kept them and found them in
    nearly every passage: 'Miljöpartiets motion om cykelbanor' asked for 3 of its 4 words, in effect
    2 of its 3 content words. This keeps that meaning without the stop words' posting lists."""
    words = WORD.findall(fold(q))
    stop = sum(1 for w in words if w in folded_stopwords())
    if not stop:
        return EXACT_MINIMUM_SHOULD_MATCH
    n = len(words)
    need = n if n <= EXACT_ALL_UP_TO else n * EXACT_PERCENT // 100  # as Elasticsearch reads the string
    return max(1, min(n - stop, need - stop))


def stop_words_only(q: str) -> list[str]:
    """The query's words, lower-cased, when every one is a stop word the text fields drop
    ("hade", "kunde", "varit"), else none: no passage is searched for such a word, so the page
    says so rather than that no answer contains it (issue 27)."""
    words = list(dict.fromkeys(WORD.findall(q.lower())))
    return words if words and not exact_words(q) else []


def exact_words(q: str) -> list[str]:
    """The words the exact rule counts, as typed (lower-cased, repeats kept): all but those every
    text field drops as stop words ("för"; "år" stays: the folded text drops its 'ar', the
    stemmed text keeps it), as ``exact_minimum_should_match`` counts them."""
    stops = folded_stopwords()
    return [w for w in WORD.findall(q.lower()) if not (w in STEMMED_STOPWORDS and fold(w) in stops)]


def motion_number(q: str) -> str | None:
    """'Motion (2012:6)', 'motion 2012:06', '2012:6' -> '2012:6'."""
    m = MOTION_RE.match(q)
    return f"{m.group(1)}:{int(m.group(2))}" if m else None


def dnr(q: str) -> str | None:
    m = DNR_RE.match(q)
    return " ".join(m.group(1).split()) if m else None


# (search analyzer, text) -> the tokens it makes, in order (Elasticsearch's _analyze)
Analyze = Callable[[str, str], list[str]]
MISREAD_ANALYZER = "sv_misread"  # mappings/analysis.json: the words the dictionary does not accept


@lru_cache(maxsize=1)
def search_analyzers() -> dict[str, str]:
    """The search analyzer of every text field and subfield of the passage mapping ('text.parts':
    'sv_query'), from mappings/passages.json: an index made from it. A live index made before
    has its own (``field_search_analyzers`` of its mapping: the search service reads them)."""
    return field_search_analyzers(load_mapping_file("passages.json")["properties"])


def field_search_analyzers(properties: Mapping[str, Any]) -> dict[str, str]:
    """The search analyzer of every text field and subfield of a mapping's ``properties``."""
    out: dict[str, str] = {}
    for name, spec in properties.items():
        for field, sub in [(name, spec), *((f"{name}.{k}", v) for k, v in spec.get("fields", {}).items())]:
            if sub.get("type") == "text":
                out[field] = sub.get("search_analyzer", sub.get("analyzer", "standard"))
    return out


class KeywordQuery:
    """BM25 over passages: Swedish-stemmed fields beside diacritic-folded ones (OCR)."""

    # *.parts: the same stems plus compound parts (index time only, mappings/analysis.json): a
    # query word found only as a compound's part ("facebook" in "facebookgrupper") scores there
    # alone, below a whole-word match, which scores in both
    STEMMED_FIELDS = ["text", "remiss_title^2", f"text.parts^{PARTS_WEIGHT}", f"remiss_title.parts^{2 * PARTS_WEIGHT}"]
    FOLDED_FIELDS = ["text_folded^0.8", "remiss_title_folded^1.6", "motion_authors.text^2"]
    # the fuzzy clause of a query word the dictionary does not accept (``misspelt``): one edit in
    # the folded text, a typo in the query ("upphandlde" finds "upphandlade")
    FUZZY_FIELDS = ["text_folded"]
    # the fuzzy clause of a correctly spelt query word: only the words hunspell-sv does not
    # accept, folded (mappings/analysis.json, sv_misread) - a word one edit away from a scan's
    # misreading is in that answer, one edit away from another correct word ("ställer" for
    # "ställen") is not; the same in the ranking (``_fuzzy``) and the exact rule
    EXACT_FUZZY_FIELDS = ["text.misread"]
    TITLE_FIELDS = frozenset({"remiss_title", "remiss_title_folded", "remiss_title.parts"})

    def __init__(self, q: str, analyze: Analyze | None = None, analyze_many: AnalyzeMany | None = None,
                 doc_freq: DocFreq | None = None, misread: bool = True, held_freq: DocFreq | None = None,
                 analyzers: Mapping[str, str] | None = None) -> None:
        self.q = q
        # the search analyzer of each field, as the index searched has them (an index made before
        # sv_query searches with sv_text until 'remissvar reindex'); None: mappings/passages.json
        self.analyzers = analyzers
        self.misread = misread  # the index has text.misread and sv_misread (an index made before: no)
        self.analyze = analyze
        self.analyze_many = analyze_many
        self.doc_freq = doc_freq  # with it, only words no passage writes whole are sought apart
        # with it (and ``doc_freq``), a coined word is split where the archive holds both sides
        # (``search_api.search.archive_split``): terms as words or compound parts of passages
        self.held_freq = held_freq
        self._compounds: dict[str, Compound] | None = None
        self._misspelt: frozenset[str] | None = None
        self._roots: tuple[tuple[str, str], ...] | None = None
        self._tokens: WordTokens | None = None

    def compounds(self) -> dict[str, Compound]:
        """The query's words the decompounder splits, by word (``search_api.search.compounds``):
        from one request with ``analyze_many``, a request per word with ``analyze`` alone, none
        without either (the split is Elasticsearch's own analysis). Worked out once per query
        (the exact clause, the near clauses and the highlight all ask)."""
        if self._compounds is None:
            self._compounds = self._split()
        return self._compounds

    def _parts_tokens(self) -> WordTokens:
        """The query's words' ``sv_parts`` tokens, from one ``_analyze`` request (with
        ``analyze_many``): the compounds' splits and the roots both read them."""
        if self._tokens is None:
            self._tokens = parts_tokens(exact_words(self.q), self.analyze_many) if self.analyze_many else {}
        return self._tokens

    def _split(self) -> dict[str, Compound]:
        words = exact_words(self.q)
        if self.analyze_many is not None:
            found = split_all(words, self.analyze_many, self._parts_tokens())
        elif self.analyze is not None:
            found = {c.word: c for c in (split(w, self.analyze) for w in dict.fromkeys(words)) if c is not None}
        else:
            return {}
        if self.doc_freq is not None and self.held_freq is not None and self.analyze_many is not None \
                and self.misread:  # the archive's split needs the dictionary's verdict (sv_misread)
            # a word the decompounder leaves whole and the dictionary rejects (a dictionary word
            # such as "kompass" is no compound of 'kom' and 'pass')
            whole = {w: s for w, s in unsplit(words, self._parts_tokens()).items()
                     if w not in found and w in self.misspelt()}
            found, whole = coined(found, self.doc_freq, whole)
            found = archive_split(found, whole, self.analyze_many, self.held_freq, self._rejected)
        elif self.doc_freq is not None:  # an index made before text.misread, or no term counts of parts
            found = coined(found, self.doc_freq)[0]
        return with_part_stems(found, self.analyze_many) if self.analyze_many is not None else found

    def roots(self) -> tuple[tuple[str, str], ...]:
        """Each query word's root as the stemmed text indexes it, with its word-class tag
        ('höll' -> 'håll#v', 'gick' -> 'gå', 'stödde' -> 'stöd#v'), where it differs from the word:
        the OCR clause guesses the root's forms too (``ocr.ocr_words``). The first of each word's
        ``sv_parts`` tokens (the request the compounds' splits read, ``_parts_tokens``); none
        without ``analyze_many``, or on an index made before ``text.misread`` (where guessed forms
        are not looked up)."""
        if self._roots is None:
            tokens = self._parts_tokens() if self.misread else {}
            self._roots = tuple((w, toks[0]) for w, (toks, _) in tokens.items()
                                if toks and plain_stem(toks[0]) not in ("", w))
        return self._roots

    def misspelt(self) -> frozenset[str]:
        """The query's words the dictionary does not accept (the ``sv_misread`` analyzer keeps a
        token of them): typed wrong, so the exact rule looks them up one edit away in all the
        folded text; a correct word only among the scans' misreadings. Without analysis, or on
        an index made before ``text.misread``, every word (the fuzzy clause over all the text, as
        before the rule)."""
        if self._misspelt is None:
            words = tuple(dict.fromkeys(exact_words(self.q)))
            if not self.misread:
                self._misspelt = frozenset(words)
            elif self.analyze_many is not None and words:
                self._misspelt = frozenset(tokenized(words, MISREAD_ANALYZER, self.analyze_many))
            elif self.analyze is not None:
                self._misspelt = frozenset(w for w in words if self.analyze(MISREAD_ANALYZER, w))
            else:
                self._misspelt = frozenset(words)
        return self._misspelt

    def _rejected(self, words: tuple[str, ...]) -> frozenset[str]:
        """Those of ``words`` the dictionary rejects (``sv_misread`` keeps a token of them)."""
        if self.analyze_many is None or not words:
            return frozenset()
        return frozenset(tokenized(words, MISREAD_ANALYZER, self.analyze_many))

    def near_clauses(self) -> list[dict[str, Any]]:
        """Every split word found as its parts close together, in the text or the title."""
        return [c for comp in self.compounds().values() for c in self._near(comp)]

    def _near(self, c: Compound) -> list[dict[str, Any]]:
        return [near_clause(c, "text"), near_clause(c, "remiss_title", 2 * TITLE_WEIGHT_IN_SUM)]

    def _identifiers(self, q: str) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        m = MOTION_IN_TEXT.search(q)
        if m:
            out.append({"term": {"motion_number": {"value": f"{m.group(1)}:{int(m.group(2))}", "boost": 5}}})
        if DNR_RE.match(q):
            out.append({"term": {"remiss_dnr": {"value": q.strip(), "boost": 5}}})
        return out

    def _matches(self, text: str) -> list[dict[str, Any]]:
        """One ``match`` per field (``text`` folded for the folded fields), each at its boost in
        the sum (the fuzzy clauses for OCR misreadings and typos: ``_fuzzy``).

        A flat disjunction: Lucene skips the passages that cannot reach the top k on it, as it
        did not on per-group ``dis_max`` (best_fields) clauses - at a million passages the
        ranking search's p95 fell from 138 to 48 ms on one shard (bench/scale_keyword.py;
        37 ms through the service on two). A sum counts a title match on top of the text's,
        where ``dis_max`` took the larger: the titles weigh half of what they did
        (``TITLE_WEIGHT_IN_SUM``), which kept the search evaluation's totals (one OCR query
        lower, others higher: bench/runs.json, note of 2026-11-30, session 6)."""
        out: list[dict[str, Any]] = []
        for t, fields in ((text, self.STEMMED_FIELDS), (fold(text), self.FOLDED_FIELDS)):
            for spec in fields:
                name, _, boost = spec.partition("^")
                weight = float(boost or 1) * (TITLE_WEIGHT_IN_SUM if name in self.TITLE_FIELDS else 1.0)
                out.append({"match": {name: {"query": t, "boost": weight}}})
        return out

    def _fuzzy(self, words: list[str]) -> list[dict[str, Any]]:
        """The fuzzy clauses of ``words``, in the ranking and the exact rule alike: the words typed
        wrong one edit away in all the folded text, the others among the words the dictionary does
        not accept (a scan's misreadings) - at a million passages a far smaller term dictionary
        to expand."""
        typed = [w for w in words if w in self.misspelt()]
        right = [w for w in words if w not in self.misspelt()]
        return [{"match": {name: {"query": fold(" ".join(ws)), **OCR_FUZZY, "boost": 0.3}}}
                for fields, ws in ((self.FUZZY_FIELDS, typed), (self.EXACT_FUZZY_FIELDS, right)) if ws
                for name in fields]

    def clause(self) -> dict[str, Any]:
        """The ranking clause: any of the words (recall), the fused ranking's keyword list. With
        ``analyze``, each per-field ``match`` is given as its terms (one ``term`` per token, the
        field's boost on each): the same sum of scores, in one flat disjunction that Lucene's
        top-k skipping sees term by term - a boosted ``match`` stays a nested disjunction it
        skips only as a whole. At a million passages with the compound parts' clauses (issue
        27), the ranking search's p95 fell from 42.7 to 32.6 ms with the analysis round trips
        (bench/reports/scale_profile_ranking.md). A field whose query analysis stacks two tokens
        at one position keeps its ``match`` (``_terms``)."""
        # misreadings past the fuzzy clause's reach, in scanned passages
        ocr = ocr_clause(self.q, None, self.misread, self.roots())
        should = self._matches(self.q) + self._fuzzy(exact_words(self.q)) + ([ocr] if ocr else []) \
            + self._identifiers(self.q)
        if self.analyze is not None:
            should = [flat for c in should for flat in self._terms(c)]
        return {"bool": {"should": should, "minimum_should_match": 1}}

    def _terms(self, clause: dict[str, Any]) -> list[dict[str, Any]]:
        """A plain per-field ``match`` (query and boost only) as ``term`` queries; else as it is.
        Also as it is where the analysis puts two tokens at one position (a participle and its
        verb, "avslagen" and "avslå"; seen with ``analyze_many``, which gives positions):
        Elasticsearch scores those as one term (a synonym query), which terms summed would not."""
        match = clause.get("match")
        if not match or self.analyze is None:
            return [clause]
        (name, spec), = match.items()
        analyzer = (self.analyzers if self.analyzers is not None else search_analyzers()).get(name)
        if analyzer is None or set(spec) - {"query", "boost"}:
            return [clause]
        if self.analyze_many is not None:
            tokens = self.analyze_many(analyzer, (spec["query"],))
            positions = [p for _, p, _ in tokens]
            if len(set(positions)) < len(positions):
                return [clause]
            terms = [t for t, _, _ in tokens]
        else:
            terms = self.analyze(analyzer, spec["query"])
        return [{"term": {name: {"value": t, "boost": spec.get("boost", 1.0)}}} for t in terms]

    def exact_clause(self) -> dict[str, Any]:
        """What counts as an exact (keyword) match for the "exact" block: the query's words (all
        of up to three, 75% of longer queries: ``exact_minimum_should_match``), each found in any
        of its forms - in the stemmed text or title, as a compound's part, in the folded text,
        fuzzily or (scanned passages) as OCR may have misread it (``search_api.search.ocr``), or,
        a word the decompounder splits (with ``analyze``), as its parts close together
        (``search_api.search.compounds``: "lekplatsprogram" in "program för lekplatser") - or the
        motion number or dnr itself. One clause per word, a ``should`` over its fields and
        alternatives: a word counts wherever the ranking finds it (but for the fuzzy clause of a
        correctly spelt word, which reads only ``text.misread``: ``misspelt``). Scored as
        ``clause`` scores (the same fields and boosts, summed): a result page ranks by it."""
        ocr = {w.word: w for w in ocr_words(self.q, self.roots())}
        compounds = self.compounds()
        words: list[dict[str, Any]] = []
        for w in exact_words(self.q):
            should = self._matches(w) + self._fuzzy([w])
            if w in ocr:
                should.append(ocr_word_clause(ocr[w], self.misread))
            if w in compounds:
                should += self._near(compounds[w])
            words.append({"bool": {"should": should, "minimum_should_match": 1}})
        should = self._identifiers(self.q)
        if words:
            msm = exact_minimum_should_match(self.q)
            should.insert(0, {"bool": {"should": words, "minimum_should_match": msm}})
        if not should:
            return {"match_none": {}}
        return {"bool": {"should": should, "minimum_should_match": 1}}

    def highlight(self, guessed: bool = False) -> dict[str, Any]:
        """The highlight request: the words, their misread spellings (``guessed``: their guessed
        forms' too) and (with ``analyze``) the parts of a split word where they stand close
        together."""
        # the roots as the clauses have them: one cached set of spellings per query, not a second
        return highlight_request(self.q, list(self.compounds().values()), guessed, self.roots())


def facet_agg(f: Filter, aggs: dict[str, Any] | None = None, size: int | None = None) -> dict[str, Any]:
    """One filter's values counted (``search_api.filters``): a bucket per value, ``size`` of them
    (the facet's own by default), the newest or the most used first, ``aggs`` in each; with the
    facet's spellings (the remitting bodies: one bucket per body, every spelling's key, its
    spellings for the name shown, ``grouping.body_facet``)."""
    facet, aggs = f.facet or Facet(10), aggs or {}
    terms: dict[str, Any] = {"field": f.field, "size": size or facet.size}
    if facet.newest_first:
        terms["order"] = {"_key": "desc"}
    if facet.spellings:
        aggs = {**aggs, "spellings": {"terms": {"field": facet.spellings, "size": 10}}}
    return {"terms": terms, "aggs": aggs} if aggs else {"terms": terms}


def body_terms(size: int, **aggs: Any) -> dict[str, Any]:
    """The remitting bodies: one bucket per body, with its spellings (the overview's too)."""
    return facet_agg(filter_named("remiss_body"), aggs, size)


def facet_aggs() -> dict[str, Any]:
    """Every facet of the filter table, each value with the answers that have it."""
    docs = {"docs": {"cardinality": {"field": "yttrande_id"}}}
    return {f.name: facet_agg(f, docs) for f in facets()}


def multiselect_facet_aggs(filter_clauses: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Facet aggregations in which each facet is counted with every filter but its own
    (choosing Farsta leaves the other councils selectable). ``filter_clauses`` maps a facet to
    the filter clauses without it."""
    out: dict[str, Any] = {}
    for name, agg in facet_aggs().items():
        out[name] = {"filter": {"bool": {"filter": filter_clauses[name]}}, "aggs": {"f": agg}}
    return out
