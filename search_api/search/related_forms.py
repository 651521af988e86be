"""Answers holding the verb of a participle or a passive the query asks for: named on the result
page apart from the exact block, where no passage holds the words as the analysis reads them - in
place of saying that no answer contains them, which is false when an answer writes the verb
(issue 27): "avstyrkande" and "avstyrker", "sköts" and "sköter", "samlats" and "samlat".

The analysis reads a present participle in -ande/-ende as itself (the nouns in -ande are words of
their own: "anseende" is no "anser", and "yttrar" must not find every "yttrande"), and hunspell-sv
reads some s-passives as another root's; so the exact block misses the verb's forms, and the page
names them here, told apart as forms of the verb. A query word that ends in such an ending
(``DERIVED``: -ande, -ende; -s, -ts, -ats, -des, -ades, -tes) leaves a verb stem of at least
``MIN_STEM`` letters ("avstyrk", "sköt"); "deltagande" and "bidragande" keep the long
infinitive's stem of "ta" and "dra", so their short one ("delt", "bidr": "delta", "deltog") is
looked up too. A word of a passage is one of that verb's forms when it is the stem and a verb's
ending (``VERB_ENDINGS``: "avstyrker", "sköter", "samlat"; a strong past's "-og": "deltog"). Not
Snowball's shared stems, measured first: they named homographs on the controls' pages ("ställen": "ställer",
"lokaler": "lokala", "stadig": "staden" - 29 control pages of 747 on the word-form sets).

Looked up in the folded text (``text_folded``: the passages' words as written, folded) with one
regular expression per word, every word of the query in one passage (a verb's form, or the word
itself); then read again in the passages as written, with å, ä and ö (folded, "sköt" + "t" would
be "skott"): an answer none of whose best passages writes such a form is not named. One search on
the passages, grouped by answer, only for a page no passage of which holds the words and that no
other note explains (standard wordings, a coined word's parts), and only for a query of at most
``MAX_WORDS`` words with such a word. A note, not a result: where Elasticsearch refuses the lookup
the page says that no answer holds the words, and the refusal is logged.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from remissvar.textnorm import fold
from search_api.search.models import RelatedMatch
from search_api.search.parts_apart import SHOWN, bucket_answer
from search_api.search.parts_apart import SOURCE as ANSWER_SOURCE

# a present participle's and an s-passive's endings (the longest first): what is left is the verb's stem
DERIVED = ("ande", "ende", "ades", "ats", "des", "tes", "ts", "s")
# the endings of a verb's forms on its stem: infinitive, present, past, supine, passive, participle
VERB_ENDINGS = ("a", "ar", "er", "r", "ade", "de", "te", "dde", "at", "t", "it", "as", "s", "es", "ad", "d")
# a present participle's endings, after which a long infinitive's stem may stand ("deltagande")
PRESENT_PARTICIPLE = ("ande", "ende")
# the present participle of "ta" and "dra" (and their particle verbs) keeps the old long
# infinitive's stem ("deltagande", "bidragande", "antagande"), whose verb Swedish writes short
# ("delta", "deltog"; "bidra", "bidrog"; "anta"): the short stem too, and the strong past's
# endings (on every stem: "avstyrkog" is no word, and matches none)
LONG_STEMS = ("tag", "drag")
STRONG_PAST_ENDINGS = ("og", "ogs")
# the shortest verb stem looked up (letters; a stem of three is as often another word's: "väx"
# would take every "växt", folded "stå" every "stat" and "stad"), and the shortest short stem of
# "-tag"/"-drag" (its particle: "ant" of "anta"); the longest query
MIN_STEM = 4
MIN_SHORT_STEM = 3
MAX_WORDS = 6
# the passages of each answer read for its forms, and the forms named per answer (answers named:
# ``SHOWN``, as the parts-apart note's)
PASSAGES_READ = 3
FORMS_SHOWN = 3
SOURCE = [*ANSWER_SOURCE, "text"]
_LETTERS = re.compile(r"[a-zåäöéü]+")
_WORD = re.compile(r"\w+")
_ENDINGS = "|".join(sorted(VERB_ENDINGS + STRONG_PAST_ENDINGS, key=len, reverse=True))


def verb_bases(words: Sequence[str]) -> dict[str, list[str]]:
    """Each query word with the verb stems its participle or passive ending leaves (none for
    another word); empty where no word has one, or the query has more than ``MAX_WORDS`` words."""
    words = list(dict.fromkeys(w.lower() for w in words))
    if not words or len(words) > MAX_WORDS:
        return {}
    out = {w: _stems(w) if _LETTERS.fullmatch(w) else [] for w in words}
    return out if any(out.values()) else {}


def _stems(w: str) -> list[str]:
    """The verb stems a word's participle or passive ending leaves ("deltagande": deltag, delt)."""
    out = []
    for e in DERIVED:
        if w.endswith(e) and len(w) - len(e) >= MIN_STEM:
            stem = w[: -len(e)]
            out.append(stem)
            if e in PRESENT_PARTICIPLE and stem.endswith(LONG_STEMS) and len(stem) - 2 >= MIN_SHORT_STEM:
                out.append(stem[:-2])
    return out


def pattern(stems: Sequence[str]) -> str:
    """The regular expression (Lucene's syntax, Python's alike here) of the verb's forms."""
    return f"({'|'.join(stems)})({_ENDINGS})"


def related_request(bases: dict[str, list[str]], filters: list[dict[str, Any]]) -> dict[str, Any]:
    """The search (on the passages) for the answers with a passage holding every word as itself or,
    for a participle or passive, as a form of its verb."""
    must = []
    for w, stems in bases.items():
        should: list[dict[str, Any]] = [{"match": {"text.parts": w}}, {"match": {"text_folded": fold(w)}}]
        if stems:
            should.append({"regexp": {"text_folded": {"value": pattern([fold(s) for s in stems])}}})
        must.append({"bool": {"should": should, "minimum_should_match": 1}})
    return {"size": 0, "track_total_hits": False, "query": {"bool": {"filter": filters, "must": must}},
            "aggs": {"answers": {"terms": {"field": "yttrande_id", "size": SHOWN},
                                 "aggs": {"doc": {"top_hits": {"size": PASSAGES_READ, "_source": SOURCE}}}}}}


def related_answers(response: dict[str, Any], bases: dict[str, list[str]]) -> list[RelatedMatch]:
    """The answers of ``related_request``'s response, the most matching passages first, each with
    the verb's forms its best passages write, read as written (with å, ä and ö): an answer whose
    passages write none is left out."""
    rules = [re.compile(pattern(stems)) for stems in bases.values() if stems]
    out: list[RelatedMatch] = []
    for b in response.get("aggregations", {}).get("answers", {}).get("buckets", []):
        written: dict[str, str] = {}
        for h in b["doc"]["hits"]["hits"]:
            for w in _WORD.findall(h["_source"].get("text", "")):
                if any(r.fullmatch(w.lower()) for r in rules):
                    written.setdefault(w.lower(), w)
        if not written:
            continue
        out.append(RelatedMatch(**bucket_answer(b), forms=list(written.values())[:FORMS_SHOWN]))
    return out
