"""Coined compounds found with their parts apart: a query word the decompounder splits counts as
present in a passage that holds all its parts close together ("lekplatsprogram" in "program för
lekplatser", "facebooksida" in "sidan på Facebook", "detaljplaneförslag" in "förslag till
detaljplan").

The parts are Elasticsearch's own: the index-time analyzer ``sv_parts`` (mappings/analysis.json)
emits a compound's stem followed by its parts at one position ("lekplatsprogram" -> lekplatsprogram,
lekplats, program), so the query word is split exactly as the passages' compounds are. A part counts
as a whole word (the stemmed field, ``text``) or as a part of another compound (its ``parts``
subfield: "planförslaget" holds "förslag"), whether or not the subfield repeats the whole words.

Close together: both parts within ``MAX_GAPS`` positions of each other, in either order, never from
one token (an ``intervals`` query: two ordered ``all_of`` rules, one per order). Parts of *one*
other compound are no match ("flygplats" is not in "lekplatser", which holds "lek" and "plats";
"husbil" not in "bilhus"), nor parts far apart in one passage. Measured on bench/wordform_eval.py
(docs/search.md).
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from itertools import permutations
from typing import Any

from remissvar.textnorm import fold

# the index-time analyzer that emits a compound's stem, then its parts at the same position
PARTS_ANALYZER = "sv_parts"
# positions that may stand between the parts: "program för lekplatser" has one (the stop word
# 'för' keeps its position), "förslag till ny detaljplan" two. Chosen on bench/wordform_eval.py
MAX_GAPS = 3
# the plugin splits no word shorter than a 3-letter modifier and a 3-letter head
# (plugins/analysis-sv SwedishWords.MIN_MODIFIER, SHORT_HEAD): shorter words cost no round trip
MIN_COMPOUND_LETTERS = 6
# a word found as its parts apart weighs below the word itself (scores at most this)
NEAR_WEIGHT = 0.5

Analyze = Callable[[str, str], list[str]]
# Elasticsearch's _analyze of several texts in one request: (analyzer, texts) -> each token with its
# position and start offset (the texts' offsets run on, one apart: Lucene's offset gap)
AnalyzeMany = Callable[[str, tuple[str, ...]], list[tuple[str, int, int]]]
OFFSET_GAP = 1
# how many passages hold each term as a whole word (term statistics of ``text`` and ``text_folded``)
DocFreq = Callable[[tuple[str, ...]], dict[str, int]]


@dataclass(frozen=True)
class Compound:
    """A query word and the parts the decompounder splits it into."""

    word: str
    parts: tuple[str, ...]
    stem: str = ""  # the whole word's stem (as the stemmed field indexes it)
    # a part's stem as a word of its own, where it is not the part as the compound holds it: a word
    # the dictionary does not know is stemmed alone by the fallback stemmer ("Snapchat" -> snapch),
    # but kept as written inside a compound ("snapchatkonto" -> snapchat, konto)
    part_stems: tuple[tuple[str, str], ...] = ()
    # the head's own parts, as ``sv_parts`` emits them after the compound's two ("barnkonsekvensanalys"
    # -> barn, konsekvensanalys, then konsekvens, analys): where the archive holds the head only so
    # (``archive_split``)
    head_parts: tuple[str, ...] = ()

    def terms(self, part: str) -> tuple[str, ...]:
        """The terms a part is found as: itself, and its stem as a word of its own."""
        return (part, *(s for p, s in self.part_stems if p == part))


def split(word: str, analyze: Analyze) -> Compound | None:
    """``word``'s parts as ``sv_parts`` emits them (its stem first, then the parts); None where it
    is not split, or into fewer than two different parts."""
    return _compound(word, analyze(PARTS_ANALYZER, word)) if _may_split(word) else None


def _by_text(texts: tuple[str, ...], analyzer: str,
             analyze_many: AnalyzeMany) -> tuple[dict[int, set[int]], dict[int, list[str]]]:
    """Each text's token positions and tokens, by its index in ``texts``, from one ``_analyze``
    request of them all (a text's tokens are told apart by their offsets)."""
    starts, at = [], 0
    for t in texts:
        starts.append(at)
        at += len(t) + OFFSET_GAP
    positions: dict[int, set[int]] = {}
    tokens: dict[int, list[str]] = {}
    for token, position, start in analyze_many(analyzer, texts):
        i = bisect_right(starts, start) - 1
        positions.setdefault(i, set()).add(position)
        tokens.setdefault(i, []).append(token)
    return positions, tokens


def tokenized(texts: tuple[str, ...], analyzer: str, analyze_many: AnalyzeMany) -> list[str]:
    """The texts ``analyzer`` makes at least one token of (one request)."""
    return [texts[i] for i in sorted(_by_text(texts, analyzer, analyze_many)[1])] if texts else []


# a word's ``sv_parts`` tokens (its stem first) and how many positions they take
WordTokens = dict[str, tuple[list[str], int]]


def parts_tokens(words: Sequence[str], analyze_many: AnalyzeMany) -> WordTokens:
    """Each word's ``sv_parts`` tokens, by word, from one ``_analyze`` request of them all: the
    split of a compound and, as the first token, any word's stem (the stemmed text's too)."""
    texts = tuple(dict.fromkeys(words))
    if not texts:
        return {}
    positions, tokens = _by_text(texts, PARTS_ANALYZER, analyze_many)
    return {texts[i]: (toks, len(positions[i])) for i, toks in tokens.items()}


def split_all(words: Sequence[str], analyze_many: AnalyzeMany, tokens: WordTokens | None = None) -> dict[str, Compound]:
    """Every split word of ``words`` by word, from one ``_analyze`` request of them all (or from
    ``tokens``, a ``parts_tokens`` of them made already)."""
    if tokens is None:
        tokens = parts_tokens([w for w in words if _may_split(w)], analyze_many)
    out: dict[str, Compound] = {}
    for w in dict.fromkeys(words):
        toks, n = tokens.get(w, ([], 0))
        c = _compound(w, toks) if _may_split(w) and n == 1 else None  # one token split, or none
        if c is not None:
            out[c.word] = c
    return out


def plain_stem(token: str) -> str:
    """A stem token without the word-class reading the analysis may tag it with ("fråga#s" ->
    "fråga": plugins/analysis-sv, "Word classes")."""
    return token.split("#", 1)[0]


def stems_of(words: Sequence[str], analyze_many: AnalyzeMany) -> dict[str, str]:
    """Each word's stem as ``sv_parts`` stems it alone (its first token), from one request: the
    plain stem, as a compound's parts are ("frågor" -> "fråga", not "fråga#s")."""
    return {w: plain_stem(toks[0]) for w, (toks, _) in parts_tokens(words, analyze_many).items() if toks}


def unsplit(words: Sequence[str], tokens: WordTokens) -> dict[str, str]:
    """The words of ``words`` long enough to split that the decompounder leaves whole (one token
    at one position in ``tokens``, their ``sv_parts`` tokens), with their stems."""
    out: dict[str, str] = {}
    for w in dict.fromkeys(words):
        toks, n = tokens.get(w, ([], 0))
        if _may_split(w) and n == 1 and len(toks) == 1:
            out[w] = toks[0]
    return out


def _may_split(word: str) -> bool:
    return len(word) >= MIN_COMPOUND_LETTERS and not word.isdigit()


# a compound's own two parts, its modifier's word and its head's stem: sv_parts emits them first,
# then the head's own parts one level down ("koncernvarumärke" -> koncern, varumärke, then vara,
# märke), which the rule does not ask for - the head is found as a word or a part of its own
TOP_PARTS = 2


def _compound(word: str, tokens: list[str]) -> Compound | None:
    # the parts, not the word-class readings of a base form that sv_parts also emits at its
    # position ("central" -> central, central#s, central#a: plugins/analysis-sv, "Word classes")
    every = tuple(dict.fromkeys(t for t in tokens[1:] if "#" not in t))
    parts = every[:TOP_PARTS]
    return (Compound(word, parts, tokens[0], head_parts=every[TOP_PARTS:TOP_PARTS + 2])
            if len(tokens) >= 3 and len(parts) >= 2 else None)


def coined(compounds: dict[str, Compound], doc_freq: DocFreq,
           whole: dict[str, str] | None = None) -> tuple[dict[str, Compound], dict[str, str]]:
    """Those of ``compounds`` that no passage writes as one word (their stem is in no passage's
    text, the word folded in no passage's folded text): only these are looked for as their parts
    apart. A word the archive writes is found where it is written; looking for common parts close
    together in every passage of a large archive is costly (at a million passages the exact
    search's mean took 37 -> 69 ms with the parts of every split word, 40 without:
    bench/reports/coined_compounds.md). And, in the same request, those of ``whole`` (words the
    decompounder does not split, by word: their stems) that no passage writes either."""
    whole = whole or {}
    stems = {w: c.stem for w, c in compounds.items()} | whole
    if not stems:
        return {}, {}
    freq = doc_freq(tuple(sorted(set(stems.values()) | {fold(w) for w in stems})))
    # a word the folded text holds is written whole too: "skarholmen", typed without its ä
    new = {w for w, stem in stems.items() if not freq.get(stem) and not freq.get(fold(w))}
    return ({w: c for w, c in compounds.items() if w in new}, {w: s for w, s in whole.items() if w in new})


def with_part_stems(compounds: dict[str, Compound], analyze_many: AnalyzeMany) -> dict[str, Compound]:
    """``compounds`` with each part's stem as a word of its own where it differs (one ``_analyze``
    request of every part: the first ``sv_parts`` token is the word's stem), so that a part is
    found where the text writes it alone: "snapchatkonto" in "konton på Snapchat"."""
    if not compounds:
        return compounds
    stem_of = stems_of(sorted({p for c in compounds.values() for p in c.parts}), analyze_many)
    out: dict[str, Compound] = {}
    for w, c in compounds.items():
        stems = tuple((p, stem_of[p]) for p in c.parts if stem_of.get(p, p) != p)
        out[w] = replace(c, part_stems=stems) if stems else c
    return out


def _part(terms: Sequence[str], field: str) -> dict[str, Any]:
    """One part (any of its terms) in the parts subfield (the rule's own field) or as a whole word
    in ``field``: the two fields share positions (one tokenizer, the same stop words)."""
    return {"any_of": {"intervals": [
        rule for term in terms for rule in (
            {"match": {"query": term, "analyzer": "keyword"}},
            {"match": {"query": term, "analyzer": "keyword", "use_field": field}})
    ]}}


def near_clause(c: Compound, field: str, boost: float = 1.0) -> dict[str, Any]:
    """``c``'s parts close together in ``field`` (a stemmed text field with a ``parts`` subfield),
    each as a whole word or another compound's part, never all from one token."""
    parts = {p: _part(c.terms(p), field) for p in c.parts}
    # in any order, each after the other: no two from one position (an unordered rule lets them
    # overlap); two parts have two orders, three (``archive_split``) six
    rule = {"any_of": {"intervals": [
        {"all_of": {"ordered": True, "max_gaps": MAX_GAPS, "intervals": [parts[p] for p in o]}}
        for o in _orders(c.parts)]}}
    return {"intervals": {f"{field}.parts": {**rule, "boost": NEAR_WEIGHT * boost}}}


def _orders(parts: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Every order of a compound's parts (two or three of them)."""
    return list(dict.fromkeys(permutations(parts)))


def highlight_clause(c: Compound, field: str) -> dict[str, Any]:
    """What the highlighter marks of ``c`` found apart: its parts where they stand close together
    (``span_near`` on ``field``, which the unified highlighter marks by position), on the parts
    subfield also a part inside another compound ("planförslaget" for "förslag"). In each order the
    exact rule counts (``near_clause``), each in order: an ordered span never takes two parts from
    one position, so one compound holding both parts ("bilhus" for "husbil") is not marked, as the
    exact rule does not count it."""
    return {"span_or": {"clauses": [
        {"span_near": {"clauses": [_span_part(c.terms(p), field) for p in o], "slop": MAX_GAPS, "in_order": True}}
        for o in _orders(c.parts)]}}


def _span_part(terms: Sequence[str], field: str) -> dict[str, Any]:
    if len(terms) == 1:
        return {"span_term": {field: terms[0]}}
    return {"span_or": {"clauses": [{"span_term": {field: t}} for t in terms]}}
