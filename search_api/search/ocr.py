"""The OCR clause: a query's words as a scan's OCR may have spelt them, in scanned passages.

The fuzzy clause (``builders.OCR_FUZZY``) finds a misreading one edit away from the folded word,
from six letters and past the first two. What the repair at ingest could not restore is often
further ("Gvergripande", "tidnka") or in a short word ("méta", "nétt", "ar"). Here each query word
with å/ä/ö is looked up in every spelling ``remissvar.ocr_forms`` gives it - in the passages read by
OCR only (the ``ocr`` flag), where those spellings are misreadings and not other words ("mäta"
finds "méta" in a scan, never "meta" in a typed answer). One clause per word, so that a query of
several words counts a word found clean and another found misread, under the exact block's rule;
each word found adds the fuzzy clause's weight, below any whole-word match.

The folded text drops the stop words in their folded spelling, among them 'ar' ('är'): a spelling
that folds to one ('ar' for 'år', 'mén' for 'män') is looked up in the stemmed text, which drops
only the Swedish stop words as spelt (``STEMMED_STOPWORDS``).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from remissvar.ocr_forms import (
    MAX_GUESSED_SPELLINGS,
    MAX_SPELLINGS,
    has_umlaut,
    misread_guesses,
    ocr_spellings,
    plain_spellings,
)
from remissvar.textnorm import WORD, fold
from search_api.index import load_mapping_file
from search_api.search.compounds import plain_stem

# a word found misread counts as the fuzzy clause's match does
OCR_WEIGHT = 0.3
# spellings looked up for one query at most (each a term seek per segment): a long query's later
# words keep their own spelling only
MAX_SPELLINGS_PER_QUERY = 1024
# misread spellings of guessed forms for one query at most (term seeks in the far smaller
# dictionary of the misread text), and the shortest word they are guessed for
MAX_GUESSED_PER_QUERY = 4096
MIN_GUESSED_WORD = 3
# the words the dictionary rejects, folded (mappings/analysis.json, sv_misread)
MISREAD_FIELD = "text.misread"
# the highlighter's terms of the folded text, in bytes at most: Lucene holds them as one term of
# at most 32,766 bytes when it marks them in a passage that holds one ("max_bytes_length_exceeded":
# a 500 for a long query of long words with å/ä/ö, their own misread spellings alone 42 KB); the
# words' own spellings first, then their guessed forms', to this bound
HIGHLIGHT_TERM_BYTES = 24_000
# Lucene's Swedish stop words (``_swedish_``, sv_stem drops them itself: mappings/analysis.json), which the stemmed
# fields drop; sv_stop_folded holds their folded spellings (tests check both against Elasticsearch)
STEMMED_STOPWORDS = frozenset("""
och det att i en jag hon som han på den med var sig för så till är men ett om hade de av icke mig du
henne då sin nu har inte hans honom skulle hennes där min man ej vid kunde något från ut när efter upp
vi dem vara vad över än dig kan sina här ha mot alla under någon eller allt mycket sedan ju denna själv
detta åt utan varit hur ingen mitt ni bli blev oss din dessa några deras blir mina samma vilken er sådan
vår blivit dess inom mellan sådant varför varje vilka ditt vem vilket sitt sådana vart dina vars vårt
våra ert era vilkas""".split())


# the words of general Swedish text: the list the analysis plugin's build reads (its
# tools/general_words.py says how it was made); docker/Dockerfile copies it into the app image
GENERAL_WORDS = Path(__file__).resolve().parents[2] / "plugins" / "analysis-sv" / "words" / "general_sv.txt"
# where a scan's plain-vowel spellings of a word are looked up: the stems and compound parts
PARTS_FIELD = "text.parts"


@lru_cache(maxsize=1)
def general_words() -> frozenset[str]:
    """The words of general Swedish text (``GENERAL_WORDS``)."""
    return frozenset(GENERAL_WORDS.read_text(encoding="utf-8").split())


@lru_cache(maxsize=1)
def folded_stopwords() -> frozenset[str]:
    """The stop words the folded fields drop (mappings/analysis.json, ``sv_stop_folded``)."""
    return frozenset(load_mapping_file("analysis.json")["analysis"]["filter"]["sv_stop_folded"]["stopwords"])


@dataclass(frozen=True)
class OcrWord:
    """One query word and where its OCR spellings are looked up."""

    word: str
    folded: tuple[str, ...]  # spellings in the folded text (``text_folded``)
    stemmed: tuple[str, ...]  # spellings the folded text drops as stop words, for the stemmed text
    # misread spellings of its other forms, guessed (``misread_guesses``), folded: looked up only
    # among the words the dictionary rejects (``text.misread``), where a guess that is another
    # word's correct form ("staden" of "städa") cannot match
    guessed: tuple[str, ...] = ()
    # the word and its root with å/ä/ö read as plain vowels, where no word of general text is so
    # spelt (``plain_spellings``): looked up among the stems and compound parts, so that a scan's
    # "bolagsdirektorer" - words the dictionary accepts, not among the misread ones - is found
    plain: tuple[str, ...] = ()


@lru_cache(maxsize=256)  # a query of six long words with å/ä/ö holds some 300 KB of spellings
def ocr_words(q: str, roots: tuple[tuple[str, str], ...] = ()) -> tuple[OcrWord, ...]:
    """The query's words as the OCR clause looks them up: every word the stemmed fields keep, when
    one of them or its root (``roots``: word -> its root as the analysis has it, 'gick' -> 'gå',
    'höll' -> 'håll#v')
    has å/ä/ö (a query without has nothing the folded and fuzzy clauses miss); none otherwise."""
    words = [w for w in (m.group(0).lower() for m in WORD.finditer(q)) if w not in STEMMED_STOPWORDS]
    root_of = dict(roots)
    if not any(has_umlaut(w) or has_umlaut(root_of.get(w, "")) for w in words):
        return ()
    stops = folded_stopwords()
    out: list[OcrWord] = []
    budget, guess_budget = MAX_SPELLINGS_PER_QUERY, MAX_GUESSED_PER_QUERY
    for w in words:
        spellings = ocr_spellings(w, limit=max(1, min(MAX_SPELLINGS, budget)))
        budget -= len(spellings)
        folded = tuple(dict.fromkeys(f for f in map(fold, spellings) if f not in stops))
        stemmed = tuple(s for s in spellings[1:] if fold(s) in stops)
        guessed: tuple[str, ...] = ()
        if guess_budget > 0 and len(w) >= MIN_GUESSED_WORD:
            seen = set(folded)
            guesses = misread_guesses(w, min(MAX_GUESSED_SPELLINGS, guess_budget), root_of.get(w, ""))
            guessed = tuple(g for g in dict.fromkeys(map(fold, guesses)) if g not in seen)
            guess_budget -= len(guessed)
        root = plain_stem(root_of.get(w, ""))
        plain = tuple(dict.fromkeys(plain_spellings(w, general_words())
                                    + (plain_spellings(root, general_words()) if root else [])))
        out.append(OcrWord(w, folded, stemmed, guessed, plain))
    return tuple(out)


def _word_clause(w: OcrWord, misread: bool) -> dict[str, Any]:
    should: list[dict[str, Any]] = [{"match": {"text": w.word}}]  # the word found clean (any form)
    if w.folded:
        should.append({"terms": {"text_folded": list(w.folded)}})
    if misread and w.guessed:
        should.append({"terms": {MISREAD_FIELD: list(w.guessed)}})
    if w.plain:
        should.append({"terms": {PARTS_FIELD: list(w.plain)}})
    if w.stemmed:
        should.append({"match": {"text": " ".join(w.stemmed)}})
    return {"constant_score": {"filter": {"bool": {"should": should}}, "boost": OCR_WEIGHT}}


def ocr_word_clause(w: OcrWord, misread: bool = True) -> dict[str, Any]:
    """One word as its OCR may have spelt it, in scanned passages: the exact rule's alternative for
    that word (``builders.KeywordQuery.exact_clause``, one clause per query word). ``misread``: the
    index has ``text.misread`` (one made before has not: its guessed forms are not looked up)."""
    return {"bool": {"filter": [{"term": {"ocr": True}}], "should": [_word_clause(w, misread)],
                     "minimum_should_match": 1}}


def ocr_clause(q: str, msm: str | int | None, misread: bool = True,
               roots: tuple[tuple[str, str], ...] = ()) -> dict[str, Any] | None:
    """The query's words in scanned passages, each as it may be misread (``msm``: how many of
    them a passage must hold, as the other clauses count; None: any); None for a query with no
    å/ä/ö (in a word or its root: ``ocr_words``)."""
    words = ocr_words(q, roots)
    if not words:
        return None
    return {"bool": {"filter": [{"term": {"ocr": True}}], "should": [_word_clause(w, misread) for w in words],
                     "minimum_should_match": 1 if msm is None else msm}}


@dataclass(frozen=True)
class OcrHighlight:
    """What the highlighter marks besides the words as typed."""

    folded: list[str]  # misread spellings in the folded text (within ``HIGHLIGHT_TERM_BYTES``)
    stemmed: str  # those the folded text drops as stop words, as one text for the stemmed field
    plain: list[str]  # plain-vowel spellings, among the stems and compound parts (``PARTS_FIELD``)


def ocr_highlight_terms(q: str, guessed: bool = False, roots: tuple[tuple[str, str], ...] = ()) -> OcrHighlight:
    """What the highlighter marks besides the words as typed: the misread spellings in the folded
    text (``guessed``: and then those of its guessed forms), as many as ``HIGHLIGHT_TERM_BYTES``
    allows, those it drops, and the plain-vowel spellings the exact rule looks up among the
    parts ("bolagsdirektorer" for "direktör")."""
    words = ocr_words(q, roots)
    terms: list[str] = []
    size = 0
    for t in [f for w in words for f in w.folded] + [g for w in words for g in w.guessed if guessed]:
        size += len(t.encode()) + 1
        if size > HIGHLIGHT_TERM_BYTES:
            break
        terms.append(t)
    return OcrHighlight(terms, " ".join(s for w in words for s in w.stemmed),
                        list(dict.fromkeys(p for w in words for p in w.plain)))
