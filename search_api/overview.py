"""The overview as a question ("how did positions change?"): the answers a filter picks (remiss,
words, remitting body, council, period), counted per council, year and position, and the
matrix of remisser x councils with each council's position - the table stadsledningskontoret
assembles by hand. One Elasticsearch request; the web page and its CSV read it."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, Field

from search_api.search.builders import body_terms
from search_api.search.grouping import body_facet
from search_api.search.models import Filters

MATRIX_ROWS = 60  # remisser in the matrix, the latest first (the CSV takes up to EXPORT_ROWS)
EXPORT_ROWS = 1000


class OverviewFilter(BaseModel):
    """What the overview's form asks: every part optional."""

    remiss_id: str | None = None
    words: str = Field("", max_length=200)
    remiss_body: str | None = Field(None, max_length=200)
    council: list[str] = Field(default_factory=list, max_length=10)
    year_from: int | None = Field(None, ge=1990, le=2100)
    year_to: int | None = Field(None, ge=1990, le=2100)

    def filters(self) -> Filters:
        import datetime as dt

        return Filters(council=self.council, remiss_id=self.remiss_id or None,
                       remiss_body=[self.remiss_body] if self.remiss_body else [],
                       date_from=dt.date(self.year_from, 1, 1) if self.year_from else None,
                       date_to=dt.date(self.year_to, 12, 31) if self.year_to else None)

    def active(self) -> bool:
        return bool(self.remiss_id or self.words.strip() or self.remiss_body or self.council
                    or self.year_from or self.year_to)


def _query(f: OverviewFilter, include_synthetic: bool = False) -> dict[str, Any]:
    must: list[dict[str, Any]] = []
    if f.words.strip():
        must.append({"multi_match": {"query": f.words, "fields": ["remiss_title^2", "title", "text"],
                                     "operator": "and"}})
    flt = f.filters().model_copy(update={"include_synthetic": include_synthetic}).clauses()
    return {"bool": {"must": must, "filter": flt}}


def overview(es: Any, index: str, f: OverviewFilter, rows: int = MATRIX_ROWS,
             include_synthetic: bool = False) -> dict[str, Any]:
    """``councils``: {council: {total, years: {year: {total, positions}}}} (the chart's shape);
    ``matrix``: [{remiss_id, title, dnr, body, latest, cells: {council: [positions]}}], the latest
    remiss first. ``include_synthetic``: the benchmarks' generated archive (Settings)."""
    return _overview_result(es.search(index=index, **_overview_request(f, rows, include_synthetic)))


def overview_with_choices(es: Any, index: str, f: OverviewFilter, rows: int = MATRIX_ROWS,
                          include_synthetic: bool = False) -> tuple[dict[str, Any], dict[str, list[Any]]]:
    """``overview`` and ``choices`` in one round trip (Elasticsearch runs the two at once): the
    overview page needs both."""
    res = es.msearch(searches=[{"index": index}, _overview_request(f, rows, include_synthetic),
                               {"index": index}, _choices_request(include_synthetic)])["responses"]
    for r in res:
        if "error" in r:
            raise RuntimeError(f"Elasticsearch: {r['error']}")
    return _overview_result(res[0]), _choices_result(res[1])


# answers per council, year and position (the chart; the status page's per-council counts)
COUNCIL_YEARS_AGG: dict[str, Any] = {"terms": {"field": "council", "size": 200}, "aggs": {
    "years": {"terms": {"field": "year", "size": 60, "order": {"_key": "asc"}}, "aggs": {
        "positions": {"terms": {"field": "position", "size": 10}}}}}}


def council_years(agg: dict[str, Any]) -> dict[str, Any]:
    """``COUNCIL_YEARS_AGG``'s result as {council: {total, years: {year: {total, positions}}}}."""
    return {c["key"]: {
        "total": c["doc_count"],
        "years": {str(y["key"]): {"total": y["doc_count"],
                                  "positions": {p["key"]: p["doc_count"] for p in y["positions"]["buckets"]}}
                  for y in c["years"]["buckets"]}} for c in agg["buckets"]}


def matrix_councils(matrix: list[dict[str, Any]], order: Iterable[str]) -> list[str]:
    """The councils (in ``order``) that have a cell in the matrix: its columns."""
    return [c for c in order if any(c in r["cells"] for r in matrix)]


def _overview_request(f: OverviewFilter, rows: int, include_synthetic: bool) -> dict[str, Any]:
    return {"size": 0, "query": _query(f, include_synthetic), "aggs": {
        "councils": COUNCIL_YEARS_AGG,
        "remisser": {"terms": {"field": "remiss_id", "size": rows, "order": {"latest": "desc"}}, "aggs": {
            "latest": {"max": {"field": "date"}},
            "councils": {"terms": {"field": "council", "size": 200}, "aggs": {
                "positions": {"terms": {"field": "position", "size": 3}}}},
            "top": {"top_hits": {"size": 1, "_source": ["remiss_title", "remiss_dnr", "remiss_body"]}}}},
        "remiss_count": {"cardinality": {"field": "remiss_id"}},
    }}


def _overview_result(res: Any) -> dict[str, Any]:
    aggs = res["aggregations"]
    councils = council_years(aggs["councils"])
    matrix = []
    for b in aggs["remisser"]["buckets"]:
        src = b["top"]["hits"]["hits"][0]["_source"]
        matrix.append({"remiss_id": b["key"], "title": src.get("remiss_title"), "dnr": src.get("remiss_dnr"),
                       "body": src.get("remiss_body"), "latest": (b["latest"].get("value_as_string") or "")[:10],
                       "answers": b["doc_count"],
                       "cells": {c["key"]: [p["key"] for p in c["positions"]["buckets"]]
                                 for c in b["councils"]["buckets"]}})
    return {"councils": councils, "matrix": matrix, "remiss_total": aggs["remiss_count"]["value"],
            "answers": res["hits"]["total"]["value"] if isinstance(res["hits"]["total"], dict)
            else res["hits"]["total"]}


def choices(es: Any, index: str, include_synthetic: bool = False) -> dict[str, list[Any]]:
    """The remisser (latest first) and remitting bodies the overview's form offers."""
    return _choices_result(es.search(index=index, **_choices_request(include_synthetic)))


def _choices_request(include_synthetic: bool) -> dict[str, Any]:
    real = [] if include_synthetic else [{"term": {"synthetic": False}}]
    return {"size": 0, "query": {"bool": {"filter": real}}, "aggs": {
        "remisser": {"terms": {"field": "remiss_id", "size": 300, "order": {"latest": "desc"}}, "aggs": {
            "latest": {"max": {"field": "date"}},
            "top": {"top_hits": {"size": 1, "_source": ["remiss_title"]}}}},
        "bodies": body_terms(1000),  # every body (hundreds at archive scale: bench/archive_scale.py)
        "years": {"terms": {"field": "year", "size": 60, "order": {"_key": "asc"}}},
    }}


def _choices_result(res: Any) -> dict[str, list[Any]]:
    a = res["aggregations"]
    return {
        "remisser": [(b["key"], b["top"]["hits"]["hits"][0]["_source"].get("remiss_title") or b["key"])
                     for b in a["remisser"]["buckets"]],
        "bodies": sorted(v.value for v in body_facet(a["bodies"]["buckets"])),  # merged names
        "years": [int(b["key"]) for b in a["years"]["buckets"]],
    }
