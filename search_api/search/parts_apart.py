"""Answers that hold a coined word's parts, but not together: named on the result page apart from
the exact block - in place of saying that no answer contains the words, or beneath the answers that
hold the word (issue 27).

"trafikstrategi" is in no answer, and the exact rule finds a coined word only as its parts close
together ("lekplatsprogram" in "program för lekplatser": ``compounds``). An answer that speaks of
"Trafiknämnden" in one passage and of "framkomlighetsstrategin" in another holds the parts, not the
word; it is no exact match, and a control such as "bostadsprogram" against "programmet ... bostad"
must stay out of the exact block. The page names such answers apart, as answers that hold the
word's parts on different places: instead of stating that no answer holds the words, and beneath
the exact block when some answers hold the word (its parts close together) and others only hold
its parts ("snapchatkonto": one answer speaks of "konton på Snapchat", another of Snapchat in one
passage and of the city's "konton" in the next). A searcher looking for every answer on a coined
word wants both, told apart; the blind word-form sets count them as the word's answers.

An answer counts when every word of the query is in it (any form, as the passages' ``text.parts``
or ``text_folded`` hold it) or, for a word the decompounder splits, every one of its parts is
(as a word or another compound's part). One aggregation over the passages: per answer, a filter
per word and per part; the answers where each word is found whole or as all its parts are kept
here (the test distribution of Elasticsearch has no ``bucket_selector``: it is in a module it
lacks).
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from remissvar.textnorm import fold
from search_api.search.compounds import Compound
from search_api.search.models import PartsMatch, WordParts
from search_api.search.ocr import STEMMED_STOPWORDS

# the answers with most matching passages that are checked (a fallback for a page that is empty
# otherwise: the words are rare, and so are the answers holding all of them)
CANDIDATE_ANSWERS = 1000
# answers named on the page at most
SHOWN = 20
# a longer query is no coined word looked up: it finds passages, or a paragraph is pasted
MAX_WORDS = 6
SOURCE = ["yttrande_id", "council", "remiss_id", "remiss_title"]


def bucket_answer(bucket: dict[str, Any]) -> dict[str, Any]:
    """The fields of ``AnswerNote`` for one answer bucket of a passage search grouped by answer
    (its ``doc`` top hits' first ``_source`` holding ``SOURCE``)."""
    hits = bucket["doc"]["hits"]["hits"]
    src = hits[0]["_source"] if hits else {}
    return {"yttrande_id": str(bucket["key"]), "council": src.get("council"), "remiss_id": src.get("remiss_id"),
            "remiss_title": src.get("remiss_title")}


def looked_for(words: Sequence[str], compounds: dict[str, Compound]) -> tuple[list[str], dict[str, Compound]] | None:
    """The query's words (once each) and the compounds among them that may be looked for as parts
    anywhere in an answer - none of whose parts is a stop word ("programvara": 'vara' is in nearly
    every answer, as the verb); None when there is none, or the query is long."""
    words = list(dict.fromkeys(words))
    apart = {w: c for w, c in compounds.items() if not any(p in STEMMED_STOPWORDS for p in c.parts)}
    if not words or len(words) > MAX_WORDS or not any(w in apart for w in words):
        return None
    return words, apart


def _whole(word: str) -> dict[str, Any]:
    return {"bool": {"should": [{"match": {"text.parts": word}}, {"match": {"text_folded": fold(word)}}],
                     "minimum_should_match": 1}}


def _part(terms: Sequence[str]) -> dict[str, Any]:
    return {"terms": {"text.parts": list(terms)}}


def parts_apart_request(words: Sequence[str], compounds: dict[str, Compound],
                        filters: list[dict[str, Any]], exact: dict[str, Any] | None = None) -> dict[str, Any]:
    """The search (on the passages) for answers holding every word whole or as its parts (the
    words and compounds of ``looked_for``); with ``exact`` (the exact block's clause), each
    answer's passages that clause counts, so that ``parts_answers`` leaves out the answers the
    exact block already lists."""
    aggs: dict[str, Any] = {"doc": {"top_hits": {"size": 1, "_source": SOURCE}}}
    if exact is not None:
        aggs["exact"] = {"filter": exact}
    alternatives: list[dict[str, Any]] = []
    for i, w in enumerate(words):
        clauses = {f"w{i}": _whole(w)}
        if w in compounds:
            clauses.update({f"w{i}p{j}": _part(compounds[w].terms(p)) for j, p in enumerate(compounds[w].parts)})
        for name, clause in clauses.items():
            aggs[name] = {"filter": clause}
            alternatives.append(clause)
    return {"size": 0, "track_total_hits": False,
            "query": {"bool": {"filter": filters, "should": alternatives, "minimum_should_match": 1}},
            "aggs": {"answers": {"terms": {"field": "yttrande_id", "size": CANDIDATE_ANSWERS}, "aggs": aggs}}}


def parts_answers(response: dict[str, Any], words: Sequence[str], compounds: dict[str, Compound],
                  size: int = SHOWN) -> list[PartsMatch]:
    """The answers of ``parts_apart_request``'s response, the most matching passages first, with
    the parts of each word found as its parts only; an answer with every word whole (in different
    passages) is none of these, nor one the exact block lists (a passage its clause counts)."""
    out: list[PartsMatch] = []
    for b in response.get("aggregations", {}).get("answers", {}).get("buckets", []):
        if b.get("exact", {}).get("doc_count"):
            continue
        if not all(_holds(b, i, compounds.get(w)) for i, w in enumerate(words)):
            continue
        found = [WordParts(word=w, parts=list(compounds[w].parts)) for i, w in enumerate(words)
                 if w in compounds and not b[f"w{i}"]["doc_count"]]
        if not found:
            continue
        out.append(PartsMatch(**bucket_answer(b), words=found))
        if len(out) >= size:
            break
    return out


def _holds(bucket: dict[str, Any], i: int, compound: Compound | None) -> bool:
    """The answer holds word ``i`` whole, or all its parts."""
    if bucket[f"w{i}"]["doc_count"]:
        return True
    return compound is not None and all(bucket[f"w{i}p{j}"]["doc_count"] for j in range(len(compound.parts)))
