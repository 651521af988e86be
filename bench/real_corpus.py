"""The real documents (tests/fixtures/real-documents: Alingsås kommun's published PDFs, see
SOURCES.md there) as a search corpus: each PDF parsed as the pipeline parses a file and indexed
as the archive is, under a prefix of its own - real Swedish text that no word-form rule was
written against, for a word-form set written over it (bench/data/wordforms_real.jsonl).

    python bench/real_corpus.py --prefix P --dump corpus.json   # index, and write what is searched

The dump holds, per document, the name the word-form sets use (``<council>/<remiss_id>``), its
indexed text (the record's text, every section's, the remiss title) and its passages as indexed:
what a set's writer checks its words against, without running a search.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from remissvar.settings import Settings

DOCUMENTS = ROOT / "tests" / "fixtures" / "real-documents"


def council_of(pdf: Path) -> str:
    """The committee in the file name ("bygg-och-miljonamnden_2026-…"), as the council slug:
    these are one municipality's committees, each answering for itself."""
    return "alingsas-" + pdf.name.split("_", 1)[0]


def build_real_corpus(s: Settings) -> None:
    """Index every real document (parsed as ``parse_file`` parses a file, with the committee of its
    file name as provenance) as the pipeline's reindex does: the boilerplate template learnt over
    these records, then applied."""
    from ingest.indexing import index_archive
    from ingest.parse.document import parse_file
    from remissvar.embedding import get_embedder
    from search_api.index import delete_all, es_client

    es, emb = es_client(s), get_embedder(s)
    delete_all(es, s)
    records = []
    for pdf in sorted(DOCUMENTS.glob("*.pdf")):
        y = parse_file(pdf, council=council_of(pdf), template=None)
        y.council = council_of(pdf)  # the source says whose it is (as ``parse_task`` does)
        records.append(y)
    index_archive(records, es, s, emb)


def dump(s: Settings) -> list[dict[str, Any]]:
    """What the search reads of each indexed document: its name, indexed text and passages."""
    from search_api.index import es_client
    from search_api.search.service import SearchService

    svc = SearchService(es_client(s), s, None)
    out: list[dict[str, Any]] = []
    res = svc.es.search(index=svc.yttranden, size=100, query={"match_all": {}},
                        source={"includes": ["council", "remiss_id", "text", "sections", "remiss_title", "title"]})
    for h in sorted(res["hits"]["hits"], key=lambda h: h["_id"]):
        src = h["_source"]
        ps = svc.es.search(index=svc.passages, size=1000, query={"term": {"yttrande_id": h["_id"]}},
                           source={"includes": ["text", "ordinal"]}, sort=[{"ordinal": "asc"}])
        out.append({"name": f"{src['council']}/{src['remiss_id']}", "title": src.get("title"),
                    "remiss_title": src.get("remiss_title"), "text": src.get("text"),
                    "sections": src.get("sections"),
                    "passages": [p["_source"]["text"] for p in ps["hits"]["hits"]]})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--prefix", default="remissvar-realcorpus")
    ap.add_argument("--dump", type=Path, help="write the indexed documents' texts and passages here")
    args = ap.parse_args()
    s = Settings(index_prefix=args.prefix, query_cache_size=0)
    build_real_corpus(s)
    if args.dump:
        docs = dump(s)
        args.dump.write_text(json.dumps(docs, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"{len(docs)} documents, {sum(len(d['passages']) for d in docs)} passages -> {args.dump}")


if __name__ == "__main__":
    main()
