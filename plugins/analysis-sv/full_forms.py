"""The full-form lexicon the plugin reads beside hunspell-sv (stdlib only; build.py calls it).

hunspell-sv derives a word's forms from its root with affix rules, but writes out many forms as
entries of their own that no suffix rule makes ("kände", "använt", "deltog", "öppet": irregular
and strong forms), so a stem read from the dictionary alone leaves such a form apart from its
word ("kände" is not "känner").

Simplemma's Swedish lookup table (PyPI `simplemma`, pinned by version and hash; MIT, its data
from Michal Měchura's lemmatization lists (ODbL), Wiktionary via Kaikki, FreeLing, spaCy
lookups, UniMorph and Wikinflection: see its LICENSE and README) maps 964k Swedish word forms to
their lemma; spaCy's lookup table (PyPI `spacy-lookups-data`, pinned; MIT) 660k. Each gives one
lemma per form and each has its slips; a form is kept where they agree (``agreed``). The plugin
reads, as ``full_forms.txt`` (form, tab, lemma), the forms hunspell-sv lists without any suffix
flag whose lemma is a dictionary word, and stems such a form as its lemma where the dictionary
reads it as nothing but itself ("kände" -> "känna", "använt" -> "använda", "deltog" -> "delta",
"öppet" -> "öppen"); and the forms that begin with a noun whose verb in -a the dictionary also
has, where the lemma is the noun ("remisser", "remisserna" -> "remiss"): hunspell-sv
derives some of them from the verb's root only, and the plugin reads them as the noun's.
Both slices are counted by the build (resources: "fullformer").

Measured and not kept (bench/runs.json, wordform notes of session 12): letting the tables choose
among hunspell's roots, or decide per form whether a verb in -a and its noun are one word
("målade"/"målet" apart, "remisser" with "remiss"): single-lemma tables read ambiguous forms one
way ("lagar" -> "laga", "nämnd" -> "nämna", "fördelar" -> "fördela"), and a verb's forms the
tables know split from those they do not ("tittade" from "tittar").
"""
from __future__ import annotations

import gzip
import importlib
import json
import lzma
import sys
import zipfile
from pathlib import Path

import hunspell_dic
import wheels

VERSION = "2.0.0"
WHEEL = f"simplemma-{VERSION}-py3-none-any.whl"
SHA256 = "db33b15f5aed6485a748ce34d1f510ca760af2633289ab9a8493e2afa785c352"
DATA = "simplemma/strategies/dictionaries/data/sv.plzma"
SPACY_VERSION = "1.0.5"
SPACY_WHEEL = f"spacy_lookups_data-{SPACY_VERSION}-py2.py3-none-any.whl"
SPACY_SHA256 = "466f21f087e4144bc93800679437ec5a17be7d0888734b1ba880b3ecb0978bc6"
SPACY_DATA = "spacy_lookups_data/data/sv_lemma_lookup.json.gz"


def fetch(cache: Path) -> Path:
    """The pinned simplemma wheel."""
    return wheels.pinned(cache, WHEEL, f"simplemma=={VERSION}", SHA256)


def spacy_table(cache: Path) -> dict[str, str]:
    """spaCy's Swedish lemma lookup (PyPI spacy-lookups-data, pinned; MIT): the second opinion."""
    wheel = wheels.pinned(cache, SPACY_WHEEL, f"spacy-lookups-data=={SPACY_VERSION}", SPACY_SHA256)
    with zipfile.ZipFile(wheel) as z:
        table: dict[str, str] = json.loads(gzip.decompress(z.read(SPACY_DATA)))
    return table


def agreed(first: dict[str, str], second: dict[str, str]) -> dict[str, str]:
    """The forms whose lemma the two tables give alike: each table's own slips ("tittar" ->
    "tittare"; "fördelar" -> "fördela" in one, "fördelare" in the other) fall out."""
    return {f: lemma for f, lemma in first.items() if second.get(f) == lemma}


def lookup_table(wheel: Path) -> dict[str, str]:
    """Simplemma's Swedish form -> lemma table, decoded with the wheel's own reader."""
    with zipfile.ZipFile(wheel) as z:
        raw = lzma.decompress(z.read(DATA))
    sys.path.insert(0, str(wheel))  # a pure-Python wheel imports as a zip
    try:
        frontcode = importlib.import_module("simplemma.strategies.dictionaries.frontcode")
        table = frontcode._decode_stream(raw)
    finally:
        sys.path.remove(str(wheel))
    return {k.decode("utf-8"): v.decode("utf-8") for k, v in table.items()}


def suffix_flags(aff: str) -> set[str]:
    return {line.split()[1] for line in aff.splitlines() if line.startswith("SFX ") and len(line.split()) > 1}


def full_forms(aff: str, dic: str, table: dict[str, str]) -> list[tuple[str, str]]:
    """The (form, lemma) rows the plugin reads (module docstring)."""
    sfx = suffix_flags(aff)
    roots = hunspell_dic.entries(dic)

    def word(w: str) -> bool:  # a dictionary word of its own, not a compound-only form
        return w in roots and not hunspell_dic.only_in_compound(w, roots)

    def bare(w: str) -> bool:
        return w in roots and all(not (set(f) & sfx) for f in roots[w])

    def noun_of_verb(form: str, lemma: str) -> bool:  # "remisser": the noun "remiss", beside the verb "remissa"
        return form not in roots and form.startswith(lemma) and word(lemma + "a")

    rows = [(form, lemma) for form, lemma in table.items()
            if form != lemma and word(lemma) and form.isalpha() and form == form.lower()
            and (bare(form) or noun_of_verb(form, lemma))]
    return sorted(rows)


VERB_FLAGS = set("KLMNm")  # sv_SE.aff's conjugations and the passive past: a verb's entry
NOUN_FLAGS = set("BCDEFGHIJ")  # a noun's definite forms and plurals
PARTICIPLE_ENDINGS = ("ad", "at", "d", "t", "en", "na", "et", "it", "da", "ade", "de", "ta", "te")
NOT_PARTICIPLE_ENDINGS = ("ande", "ende", "rna")  # a present participle is a noun as often ("yttrande"); a plural
VOWELS = "aeiouyåäö"


def verb_forms(dic: str, table: dict[str, str]) -> list[tuple[str, str]]:
    """The (form, verb) rows of a verb's participles and supines the dictionary reads apart from
    the verb ("skriven", "skrivna", "anställd", "gällt", "angiven", "bundna" -> "skriva",
    "anställa", "gälla", "ange", "binda"): hunspell-sv writes most participles as adjectives of
    their own, and a supine in -t of a verb in -a is also an adjective's neuter ("gällt", of
    "gäll"). The plugin indexes the verb's stem beside such a form's own (text.parts), so a form
    of the verb finds its participles ("skrev" finds "skriven"), and the participle, searched,
    finds itself. Kept: a form with a participle's or supine's ending whose lemma in both tables
    is a verb of the dictionary ending in a vowel (an infinitive), the form no noun of the
    dictionary ("samråd" is no participle of "samråda"), nor an infinitive of its own ("bredda"
    is no form of "bre"), nor a present participle in -ande ("yttrande" is a noun of its own),
    nor a plural in -rna. The endings take some pasts too ("menade", "gällde"): already their
    verb's, they add nothing."""
    roots = hunspell_dic.entries(dic)

    def verb(w: str) -> bool:
        return w[-1:] in VOWELS and any(set(f) & VERB_FLAGS for f in roots.get(w, ()))

    def noun(w: str) -> bool:
        return any(set(f) & NOUN_FLAGS for f in roots.get(w, ()))

    return sorted((form, lemma) for form, lemma in table.items()
                  if form != lemma and form.isalpha() and form == form.lower() and len(form) >= 4
                  and form.endswith(PARTICIPLE_ENDINGS) and not form.endswith(NOT_PARTICIPLE_ENDINGS)
                  and verb(lemma) and not noun(form) and not verb(form))
