"""The Swedish analysis as it was before issue 27, for the benchmarks only (never the product's
defaults): hunspell sv_SE alone on the stemmed fields, no compound parts (no ``*.parts``
subfields), and the keyword query and highlight without them.

``bench/scale_keyword.py --analysis baseline`` builds its index with ``baseline_body`` and
searches through ``baseline_queries()``: the same run as the default one with only the new
analysis taken out (issue 27's scale point: ranking list and result page within +15 % of it).
Everything else of the query (the OCR clause from six letters, the exact clause, the facets)
is the tree's own.
"""
from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

# the filter sv_text had before the plugin (mappings/analysis.json at b78aa8b^)
HUNSPELL = {"type": "hunspell", "locale": "sv_SE", "dedup": True, "longest_only": True}


def baseline_body(body: dict[str, Any]) -> dict[str, Any]:
    """An index body of ``search_api.index.index_body`` with the pre-issue-27 analysis: sv_text
    stems with hunspell alone, the sv_stem filters, the parts analyzers and every ``parts`` subfield gone."""
    b = copy.deepcopy(body)
    analysis = b["settings"]["analysis"]
    stems = {k for k, v in analysis["filter"].items() if v.get("type") == "sv_stem"}
    whole = {k for k in stems if not analysis["filter"][k].get("parts")}  # sv_stem, sv_stem_query
    analysis["filter"] = {k: v for k, v in analysis["filter"].items() if k not in stems}
    analysis["filter"]["sv_hunspell"] = dict(HUNSPELL)
    analysis["filter"]["sv_stop"] = {"type": "stop", "stopwords": "_swedish_"}
    # the parts analyzers (sv_parts, sv_parts_only): every one on an sv_stem filter with parts
    analysis["analyzer"] = {k: a for k, a in analysis["analyzer"].items()
                            if not set(a.get("filter", [])) & (stems - whole)}
    for a in analysis["analyzer"].values():
        # sv_stem drops the stop words itself (stop: true); hunspell after a stop filter, as before
        # (sv_query, the query's reading, is the same hunspell chain)
        a["filter"] = [g for f in a.get("filter", []) for g in (("sv_stop", "sv_hunspell") if f in whole else (f,))]

    def strip(props: dict[str, Any]) -> None:
        for spec in props.values():
            spec.get("fields", {}).pop("parts", None)
            if not spec.get("fields", True):
                spec.pop("fields")
            if "properties" in spec:
                strip(spec["properties"])

    strip(b["mappings"]["properties"])
    # the highlighter read text's own term vectors then (the product's are on text.parts now)
    b["mappings"]["properties"]["text"]["term_vector"] = "with_positions_offsets"
    return b


def _highlight(q: str) -> dict[str, Any]:
    """The highlight request before issue 27: the stemmed text alone (no ``matched_fields``)."""
    from search_api.search.highlight import HIGHLIGHT_FIELD, highlight_request

    h = highlight_request(q)
    h["fields"].pop(HIGHLIGHT_FIELD, None)
    h["fields"]["text"] = {"fragment_size": 220, "number_of_fragments": 1, "highlight_query": {"match": {"text": q}}}
    return h


@contextmanager
def baseline_queries() -> Iterator[None]:
    """``KeywordQuery`` without the ``*.parts`` fields (its clauses and highlight) and without
    splitting a query's coined compounds (``compounds``: the index has no ``sv_parts``) while inside."""
    from search_api.search import compounds as parts_analysis
    from search_api.search.builders import KeywordQuery

    saved = KeywordQuery.STEMMED_FIELDS, KeywordQuery.highlight, KeywordQuery.compounds, parts_analysis.PARTS_ANALYZER
    KeywordQuery.STEMMED_FIELDS = [f for f in saved[0] if ".parts" not in f]
    def highlight(self: KeywordQuery, guessed: bool = False) -> dict[str, Any]:
        return _highlight(self.q)

    KeywordQuery.highlight = highlight  # type: ignore[method-assign]
    KeywordQuery.compounds = lambda self: {}  # type: ignore[method-assign]
    # the OCR clause's roots are the first tokens of the query's sv_parts request, which the
    # index has not: its own sv_text gives them (as the tree did before 12b479d)
    parts_analysis.PARTS_ANALYZER = "sv_text"
    try:
        yield
    finally:
        KeywordQuery.STEMMED_FIELDS, KeywordQuery.highlight = saved[0], saved[1]  # type: ignore[method-assign]
        KeywordQuery.compounds, parts_analysis.PARTS_ANALYZER = saved[2], saved[3]  # type: ignore[method-assign]
