"""The status report: index health, the crawler's last published snapshot, failures.

Reads only Elasticsearch, the crawl snapshot (``remissvar.crawl_status``) and the failure
store (``remissvar.failures``): never the crawler's own database.
"""
from __future__ import annotations

from typing import Any

from elasticsearch import ApiError, TransportError
from redis import RedisError

from remissvar import crawl_status, failures
from remissvar.records import COUNCILS
from remissvar.settings import Settings
from search_api.index import count, current_version, es_client


def status_report(settings: Settings) -> dict[str, Any]:
    es = es_client(settings)
    try:
        health = str(es.cluster.health()["status"])
    except (ApiError, TransportError) as e:  # the page must show a dead node, not crash
        health = f"nere ({type(e).__name__})"
    report: dict[str, Any] = {"elasticsearch": health, "index_version": None, "yttranden": 0, "passager": 0,
                              "sources": [], "councils": {}, "completeness": [], "crawl_failures": 0,
                              "crawl_failure_list": [], "crawl_written_at": None,
                              "dead_letters": 0, "dead_letter_list": [], "source_names": {}, "summaries": {},
                              "lineage": {}}
    if not health.startswith("nere"):
        report["index_version"] = current_version(es, settings)
        report["yttranden"] = count(es, settings, "yttranden")
        report["passager"] = count(es, settings, "passager")
    snap = crawl_status.read_snapshot(settings)
    if snap:
        report["sources"] = snap.get("sources", [])
        report["councils"] = snap.get("councils", {})
        report["completeness"] = snap.get("completeness", [])
        report["crawl_failure_list"] = snap.get("failures", [])
        report["crawl_failures"] = len(report["crawl_failure_list"])
        report["crawl_written_at"] = snap.get("written_at")
        report["source_names"] = snap.get("source_names", {})
        report["summaries"] = snap.get("summaries", {})  # utlåtanden read per source (not answers)
        report["lineage"] = {r["council"]: lineage_note(r["council"]) for r in report["sources"]
                             if r.get("role", "answers") == "answers"}
    try:
        letters = failures.dead_letters()
        report["dead_letters"] = len(letters)
        report["dead_letter_list"] = letters
    except RedisError:  # Redis down: the page says "okänt", it does not crash
        report["dead_letters"] = None
    return report


def lineage_note(slug: str) -> dict[str, Any]:
    """A council's place in the lineage table (``remissvar.records.COUNCILS``) as the status page
    shows it: the eras its meetings span, the councils it continues, or that it stands alone (its
    predecessors are not established; a council the table does not know always stands alone)."""
    c = COUNCILS.get(slug)
    if c is None:
        return {"standalone": True, "eras": [], "predecessors": [],
                "note": "Står ensam: finns inte i nämndtabellen, inga föregångare fastställda"}
    predecessors = [COUNCILS[p].name for p in c.lineage]
    if predecessors:
        note = "Efterträder " + " och ".join(predecessors)
    elif c.standalone:
        note = f"Står ensam: föregångare före {c.from_year} inte fastställda"
    else:
        note = ""
    return {"standalone": c.standalone, "eras": c.eras(), "predecessors": predecessors, "note": note}
