"""Issue 29, done when: no page header, letterhead or contact block in any field, snippet, CSV or
precedent hit of the recorded archive.

The recorded sites are crawled over HTTP on 127.0.0.1 and indexed as a reindex does (the
archive's boilerplate template measured over its records, then applied). Looked for, in every
answer's fields, every passage, the snippets and CSV of the search page, each remiss's CSV and
the precedent hits: the lines the fixtures print as letterhead and contact block (known strings,
independent of the segmenter), page counters in every form, and each answer's own lines the
segmenter labelled as running head, page number, letterhead or contact. Real Elasticsearch (own
index prefix) and the real embedder."""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from contextlib import ExitStack
from typing import Any

import pytest

from remissvar.settings import Settings
from tests.conftest import free_port

pytestmark = pytest.mark.services

# printed by tests/fixtures/sites/build_sites.py (synthetic answers) and the Södermalm seed
KNOWN = ("Handläggare", "Testa Testsson", "Telefon", "08 508 000 00", "Alexandra Wynn", "SÖ 2024/1234",
         "SYNTETISK TESTHANDLING")
COUNTER = re.compile(r"(?i)\bsida\s*\d+\s*(?:av|\(|/)\s*\d+")
LAYOUT = {"running_header", "running_footer", "page_number", "letterhead", "contact"}
FIELDS = ("title", "decision", "text")
QUERIES = ("facebookgrupper", "kombolägenheter", "cykelplan för innerstaden", "sociala medier", "parklekar",
           "lekplatser", "Liljeholmskajen", "Handläggare", "Telefon", "Sida 2", "Tjänsteutlåtande",
           "stadsdelsnämnd")


@pytest.fixture(scope="module")
def archive(tmp_path_factory, es, embedder, settings) -> Iterator[tuple[Settings, dict[str, list[str]]]]:
    """The recorded archive, indexed; and per answer the layout lines the segmenter labelled."""
    from ingest.crawl.runner import crawl_sources, recorded_sources
    from ingest.crawl.store import RawStore
    from ingest.indexing import index_archive
    from ingest.parse.from_crawl import answer_documents, parse_task
    from search_api.index import delete_all

    s = Settings(data_dir=tmp_path_factory.mktemp("boiler") / "data",
                 index_prefix=f"{settings.index_prefix}-recorded-boiler", recorded_port=free_port())
    delete_all(es, s)
    with ExitStack() as stack:
        sources, hosts = recorded_sources(s, stack, ports=(s.recorded_port, free_port()))
        crawl_sources(s, sources, hosts, min_interval=0)
    index_archive([parse_task(t) for t in answer_documents(RawStore(s.data_dir))], es, s, embedder)
    docs = es.search(index=f"{s.index_prefix}-yttranden", size=1000, query={"match_all": {}})["hits"]["hits"]
    labelled = {h["_id"]: [b["text"] for b in h["_source"].get("boilerplate", [])
                           if b["label"] in LAYOUT and len(b["text"].strip()) >= 12] for h in docs}
    yield s, labelled
    delete_all(es, s)


def leak(text: str, own: list[str] | None = None) -> str | None:
    """The boilerplate ``text`` holds, if any: a known line, a page counter, one of ``own``."""
    plain = re.sub(r"</?mark>", "", text)
    m = COUNTER.search(plain)
    return (next((k for k in KNOWN if k in plain), None) or (m.group(0) if m else None)
            or next((ln for ln in own or [] if ln.strip() in plain), None))


def test_the_archive_has_its_boilerplate_labelled(archive, es) -> None:
    s, labelled = archive
    assert len(labelled) >= 10  # the recorded answers
    kinds = {b["label"] for h in es.search(index=f"{s.index_prefix}-yttranden", size=1000,
                                           query={"match_all": {}})["hits"]["hits"]
             for b in h["_source"].get("boilerplate", [])}
    assert {"contact", "letterhead", "procedural"} <= kinds  # kept as metadata, not thrown away


def test_no_boilerplate_in_any_field_or_passage(archive, es) -> None:
    s, labelled = archive
    found = []
    for h in es.search(index=f"{s.index_prefix}-yttranden", size=1000, query={"match_all": {}})["hits"]["hits"]:
        src, own = h["_source"], labelled[h["_id"]]
        texts = [(f, src.get(f) or "") for f in FIELDS]
        texts += [("sections", x.get("text", "")) for x in src.get("sections", [])]
        texts += [("position_sentences", x) for x in src.get("position_sentences", [])]
        texts += [("reservations", x.get("text", "")) for x in src.get("reservations", [])]
        found += [(h["_id"], f, hit) for f, t in texts if (hit := leak(t, own))]
    passages = es.search(index=f"{s.index_prefix}-passager", size=5000, query={"match_all": {}},
                         source={"includes": ["yttrande_id", "text"]})["hits"]["hits"]
    assert len(passages) > 30
    found += [(h["_id"], "passage", hit) for h in passages
              if (hit := leak(h["_source"]["text"], labelled.get(h["_source"]["yttrande_id"])))]
    assert found == []


def _answers(resp: Any) -> list[Any]:
    return [a for g in resp.groups + resp.similar for a in g.answers]


def test_no_boilerplate_in_a_snippet_or_the_search_csv(archive, query_encoder) -> None:
    from search_api.index import es_client
    from search_api.search.models import SearchRequest
    from search_api.search.service import SearchService
    from web.app import create_app

    s, labelled = archive
    svc = SearchService(es_client(s), s, query_encoder)
    shown = 0
    for q in QUERIES:
        for mode in ("keyword", "hybrid", "semantic"):
            for a in _answers(svc.search(SearchRequest(q=q, mode=mode, size=50))):
                shown += 1
                own = labelled[a.yttrande_id]
                assert leak(a.best.snippet_html, own) is None, (q, mode, a.best.snippet_html)
                assert leak(a.best.text, own) is None, (q, mode, a.best.text)
    assert shown > 50
    client = create_app(s).test_client()
    for q in QUERIES:
        r = client.get("/sok.csv", query_string={"q": q})
        assert r.status_code == 200
        rows = list(csv.reader(io.StringIO(r.get_data(as_text=True).lstrip("\ufeff")), delimiter=";"))
        for row in rows[4:]:  # the query itself is the first row: "Sida 2" is what was searched
            own = labelled[row[8].rstrip("/").rsplit("/", 1)[-1]]  # the answer's page: /dokument/<id>
            assert all(leak(cell) is None for cell in row), (q, row)
            assert leak(row[7], own) is None, (q, row[7])  # the excerpt (the other cells are metadata)


def test_no_boilerplate_in_a_remiss_csv(archive, es) -> None:
    from web.app import create_app

    s, labelled = archive
    client = create_app(s).test_client()
    docs = es.search(index=f"{s.index_prefix}-yttranden", size=1000, source=["remiss_id", "source_url"],
                     query={"match_all": {}})["hits"]["hits"]
    rids = {h["_source"]["remiss_id"] for h in docs}
    by_source = {h["_source"]["source_url"]: h["_id"] for h in docs}
    assert len(rids) >= 8
    for rid in sorted(rids):
        r = client.get(f"/remiss/{rid}.csv", follow_redirects=True)
        assert r.status_code == 200, rid
        rows = list(csv.reader(io.StringIO(r.get_data(as_text=True).lstrip("\ufeff")), delimiter=";"))
        table = rows[rows.index([]) + 2:]  # the answers, after the remiss's own lines and the header row
        assert table, rid
        for row in table:
            own = labelled.get(by_source.get(row[-1], ""), [])  # the answer of the row, by its source
            assert all(leak(cell) is None for cell in row), (rid, row)
            # the document's own text: position sentences, decision, reservations (the rest is metadata:
            # the council's name is also its letterhead line)
            assert all(leak(cell, own) is None for cell in row[4:7]), (rid, row)


def test_no_boilerplate_in_a_precedent_hit(archive, es, query_encoder) -> None:
    from search_api.index import es_client
    from search_api.search.service import SearchService

    s, labelled = archive
    svc = SearchService(es_client(s), s, query_encoder)
    # paragraphs of substance: the archive's own passages (each finds at least itself) and a draft
    passages = es.search(index=f"{s.index_prefix}-passager", size=5000, query={"match_all": {}},
                         source={"includes": ["text"]})["hits"]["hits"]
    drafts = sorted({h["_source"]["text"] for h in passages if len(h["_source"]["text"]) >= 60})
    drafts.append("Förvaltningen anser att stadsdelen inte ska driva egna grupper på Facebook för de boende, "
                  "eftersom stadens befintliga kanaler räcker för dialogen.")
    hits = 0
    for d in drafts:
        r = svc.precedent_search(d)
        assert r.boilerplate is None  # substance is not searched as standard wording
        for h in r.hits:
            hits += 1
            assert leak(h.text, labelled[h.yttrande_id]) is None, (d[:60], h.text)
    assert hits >= len(drafts)
