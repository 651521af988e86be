"""Highlighting: escaped snippets with <mark>, folded-field highlights mapped back onto the original."""
from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from remissvar.textnorm import fold
from search_api.search.compounds import Compound, highlight_clause
from search_api.search.ocr import ocr_highlight_terms

MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"  # highlight markers, replaced after escaping
# the field the passage text is highlighted on (mappings/passages.json: the one with term vectors)
HIGHLIGHT_FIELD = "text.parts"


def escape_highlight(fragment: str) -> str:
    """HTML-escape a highlighted fragment, then turn the private markers into <mark>."""
    return html.escape(fragment).replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>")


def unfold_fragment(folded_fragment: str, original: str) -> str | None:
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
        marked = hl.get(HIGHLIGHT_FIELD) or hl.get("text")  # "text": a highlight asked before text.parts
        if marked:
            return escape_highlight(marked[0])
        if hl.get("text_folded"):
            mapped = unfold_fragment(hl["text_folded"][0], text)
            if mapped:
                return escape_highlight(mapped)
    short = text if len(text) <= 240 else text[:240].rsplit(" ", 1)[0] + " …"
    return html.escape(short)


def highlight_request(q: str, compounds: Sequence[Compound] = (), guessed: bool = False,
                      roots: tuple[tuple[str, str], ...] = ()) -> dict[str, Any]:
    """Highlight with the exact clauses only: the fuzzy clause, rewritten per document,
    made highlighting 20x slower (measured: 300 ms vs 15 ms for 100 passages). The OCR clause's
    misread and plain-vowel spellings (``search_api.search.ocr``) are marked where they stand, and the parts of a
    split query word where they stand close together ("<mark>program</mark> för
    <mark>lekplatser</mark>" for "lekplatsprogram"; ``search_api.search.compounds``). ``guessed``:
    also the misread spellings of the words' guessed forms ("stddja" for "stödjer"): over a
    thousand terms, for the few passages a result page shows (on the ranking list's 20 they were
    most of the cost the guessed forms add at a million passages: p95 12.5 -> 13.7 ms without
    them in the highlight, 15.7 with)."""
    ocr = ocr_highlight_terms(q, guessed, roots)
    # text.parts holds the whole words' stems and the compounds' parts at the compound's offsets:
    # one field marks both (a compound found by its part is marked whole), from its own term
    # vectors; "text" keeps none (half the term vectors of the two fields read together before)
    text: list[dict[str, Any]] = [{"match": {HIGHLIGHT_FIELD: q}}]
    text += [highlight_clause(c, HIGHLIGHT_FIELD) for c in compounds]
    folded: list[dict[str, Any]] = [{"match": {"text_folded": fold(q)}}]
    if ocr.stemmed:
        text.append({"match": {HIGHLIGHT_FIELD: ocr.stemmed}})
    if ocr.plain:  # the field the exact rule looks them up in (``ocr.PARTS_FIELD``)
        text.append({"terms": {HIGHLIGHT_FIELD: ocr.plain}})
    if ocr.folded:
        folded.append({"terms": {"text_folded": ocr.folded}})
    return {
        "pre_tags": [MARK_OPEN], "post_tags": [MARK_CLOSE], "encoder": "default",
        "fields": {
            HIGHLIGHT_FIELD: {"fragment_size": 220, "number_of_fragments": 1,
                              "highlight_query": {"bool": {"should": text}}},
            "text_folded": {"fragment_size": 220, "number_of_fragments": 1,
                            "highlight_query": folded[0] if len(folded) == 1 else {"bool": {"should": folded}}},
        },
    }
