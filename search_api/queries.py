"""Compatibility names: search was split by job into ``search_api.search`` (models, builders,
fusion, highlight, grouping, precedent, service). New code imports from there."""
from __future__ import annotations

from search_api.search.builders import DNR_RE, MOTION_IN_TEXT, MOTION_RE, PASSAGE_SOURCE, KeywordQuery, facet_aggs
from search_api.search.fusion import RRF_K, rrf
from search_api.search.grouping import council_slug_from_name, facets_from_aggs
from search_api.search.highlight import MARK_CLOSE, MARK_OPEN, escape_highlight, snippet
from search_api.search.models import (
    CANDIDATES,
    MAX_PARAGRAPH_CHARS,
    MAX_QUERY_CHARS,
    CouncilAnswer,
    FacetValue,
    Filters,
    Mode,
    PassageHit,
    QueryError,
    RemissGroup,
    SearchRequest,
    SearchResponse,
)
from search_api.search.service import SearchService

__all__ = [
    "CANDIDATES", "DNR_RE", "MARK_CLOSE", "MARK_OPEN", "MAX_PARAGRAPH_CHARS", "MAX_QUERY_CHARS", "MOTION_IN_TEXT",
    "MOTION_RE", "PASSAGE_SOURCE", "RRF_K", "CouncilAnswer", "FacetValue", "Filters", "KeywordQuery", "Mode",
    "PassageHit", "QueryError", "RemissGroup", "SearchRequest", "SearchResponse", "SearchService",
    "council_slug_from_name", "escape_highlight", "facet_aggs", "facets_from_aggs", "rrf", "snippet",
]
