"""The status report: last crawl per source, documents per council, failures, index health."""
from __future__ import annotations

from typing import Any

from ingest.crawl.store import RawStore
from remissvar.settings import Settings
from search_api.index import count, current_version, es_client


def status_report(settings: Settings) -> dict[str, Any]:
    es = es_client(settings)
    try:
        health = es.cluster.health()["status"]
    except Exception as e:  # noqa: BLE001 - the page must show a dead node, not crash
        health = f"nere ({type(e).__name__})"
    report: dict[str, Any] = {"elasticsearch": health, "index_version": None, "yttranden": 0, "passager": 0,
                              "sources": [], "councils": {}, "crawl_failures": 0, "dead_letters": 0}
    if not health.startswith("nere"):
        report["index_version"] = current_version(es, settings)
        report["yttranden"] = count(es, settings, "yttranden")
        report["passager"] = count(es, settings, "passager")
    if (settings.data_dir / "crawl.sqlite").exists():
        store = RawStore(settings.data_dir)
        with store.db() as c:
            report["sources"] = [dict(r) for r in c.execute(
                "SELECT source, council, max(crawled_at) AS last_crawl, count(*) AS meetings "
                "FROM meetings GROUP BY source, council ORDER BY council, source")]
            report["councils"] = {r["council"]: r["n"] for r in c.execute(
                "SELECT council, count(*) AS n FROM provenance WHERE doc_kind = 'tjansteutlatande' GROUP BY council")}
        report["crawl_failures"] = len(store.failures())
    try:
        from ingest.deadletters import dead_letters

        report["dead_letters"] = len(dead_letters())
    except Exception:  # noqa: BLE001
        report["dead_letters"] = None
    return report
