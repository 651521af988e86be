"""Swedish word forms through the real search (issue 27): recall of word-form pairs and
cleanliness of the hard controls, on the result page's exact block.

Reads bench/data/wordforms.jsonl (written blind to the analysis; see its README): each item
is a query and either the answers that hold a form of it (``expect: found``, ``docs`` as
``"<council>/<remiss_id>"``) or nothing at all (``expect: none``, a control sharing a compound
part or a homograph stem with a word of the answers). Indexes the corpus search_eval uses (the
recorded sites' answers) under its own prefix, runs every query as the search page does
(``SearchService.search``, hybrid by default: its "no answer contains the words") and counts,
on the exact block - every answer with a passage the exact clause matches, which the page
counts and lists:

- recall: found items whose every listed answer is in the exact block (and per answer);
- "no answer contains the words" said falsely: found items whose exact block is empty;
- controls: items that must find nothing and whose exact block holds an answer;
- recall by what a pair asks (``group``): a word form - the issue's kinds: inflections, definite
  and genitive forms, umlaut plurals, compound heads, modifiers and wholes, OCR forms - or a coined
  compound, by where its answers hold its parts (the set's ``parts_where``: within 3 positions of
  one passage, only in one passage, only in the answer). A coined word's parts in different
  passages are no exact match by design (search_api/search/parts_apart.py): the page names those
  answers apart, which page recall counts.

With several ``--set``s (the held-out sets), one corpus is indexed, each set is evaluated, and one
report gives each set's figures and the pooled ones (bench/runs.json ``wordform_heldout``).

Usage: .venv/bin/python bench/wordform_eval.py [--set bench/data/wordforms.jsonl ...] [--mode hybrid]
       [--reuse] [--out REPORT] [--prefix P --port N]
Needs the services (make services).
"""
from __future__ import annotations

import argparse
import collections
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import expected, meets, regression_flag
from remissvar.settings import Settings

PREFIX, PORT = "remissvar-wordforms", 8831


def load_items(path: Path) -> list[dict[str, Any]]:
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for it in items:
        if it.get("expect") not in ("found", "none") or not it.get("query"):
            raise SystemExit(f"{path}: {it.get('id')}: expect must be found or none, with a query")
    return items


def evaluate(s: Settings, items: list[dict[str, Any]], mode: str) -> dict[str, Any]:
    from remissvar.embedding import get_query_encoder
    from search_api.index import es_client
    from search_api.search.models import Filters, SearchRequest
    from search_api.search.service import SearchService

    es = es_client(s)
    svc = SearchService(es, s, get_query_encoder(s) if mode != "keyword" else None)
    res = es.search(index=svc.yttranden, size=1000, source={"includes": ["council", "remiss_id"]},
                    query={"match_all": {}})
    names = {h["_id"]: f"{h['_source']['council']}/{h['_source']['remiss_id']}" for h in res["hits"]["hits"]}
    rows: list[dict[str, Any]] = []
    def exact_answers(q: str) -> set[str]:
        """Every answer with a passage the exact block counts (the page lists the first ones)."""
        res = es.search(index=svc.passages, size=0, aggs={"a": {"terms": {"field": "yttrande_id", "size": 1000}}},
                        query={"bool": {"must": [svc.keyword_query(q).exact_clause()], "filter": Filters().clauses()}})
        return {names.get(b["key"], b["key"]) for b in res["aggregations"]["a"]["buckets"]}

    for it in items:
        resp = svc.search(SearchRequest(q=it["query"], mode=mode, size=50))
        exact = exact_answers(it["query"])
        want = set(it.get("docs") or [])
        missing = sorted(want - exact) if it["expect"] == "found" else []
        # a miss whose answers the corpus form itself does not find is no analysis miss: the
        # form is not in the passage index (a line the parser keeps out of passages)
        unreachable: list[str] = []
        if missing and it.get("doc_word"):
            unreachable = sorted(set(missing) - exact_answers(it["doc_word"]))
        # what the page shows: the exact block, or - when no passage holds the words - the answers
        # whose labelled standard wording does ("Orden finns bara i standardformuleringar ...")
        shown = exact | {names.get(b.yttrande_id, b.yttrande_id) for b in resp.in_boilerplate}
        # and the answers named as holding a coined word's parts on different places - in place of
        # "no answer" ("Inget svar innehåller ... som ett ord, men ... ordets delar på olika
        # ställen") or beneath the exact block ("Ordets delar på olika ställen"): on the page, so in
        # page recall; a control named there is counted apart (``controls_parts_apart``), since the
        # page does not say that the answer holds the word
        apart = {names.get(m.yttrande_id, m.yttrande_id) for m in resp.parts_apart}
        # and, on a page nothing else fills, the answers named as holding the verb of the query's
        # participle or passive ("Inget svar innehåller sökorden i den form du skrev dem, men N svar
        # innehåller samma verb i en annan form"): on the page too; a control named there is
        # counted apart (``controls_related``)
        related = {names.get(m.yttrande_id, m.yttrande_id) for m in resp.related_forms}
        page_missing = sorted(want - shown - apart - related) if it["expect"] == "found" else []
        rows.append({**it, "exact": sorted(exact), "missing": missing, "unreachable": unreachable,
                     "page_missing": page_missing,
                     "unknown_docs": sorted(want - set(names.values())),
                     "ok": (not missing and bool(exact)) if it["expect"] == "found" else not shown,
                     "page_ok": (not page_missing and bool(shown | apart | related)) if it["expect"] == "found"
                     else not shown,
                     "total_groups": resp.total_groups, "in_boilerplate": len(resp.in_boilerplate),
                     "parts_apart": sorted(apart), "related": sorted(related),
                     "stop_words": bool(resp.stop_words)})
    return summarise(rows)


# the groups of ``group``, in report order
GROUPS = ("word form", "coined, parts within 3 positions", "coined, parts in one passage",
          "coined, parts only in one answer", "coined, not labelled")
WHERE = {"phrase": GROUPS[1], "passage": GROUPS[2], "answer": GROUPS[3]}


def group(item: dict[str, Any]) -> str:
    """What a found pair asks: a word form (any kind but a coined compound), or a coined compound
    by where its answers hold its parts (``parts_where``; the sets before blind5 do not label it)."""
    if item.get("kind") != "compound-coined":
        return GROUPS[0]
    return WHERE.get(item.get("parts_where", ""), GROUPS[4])


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    found = [r for r in rows if r["expect"] == "found"]
    controls = [r for r in rows if r["expect"] == "none"]
    docs_total = sum(len(r.get("docs") or []) for r in found)
    docs_hit = sum(len(r.get("docs") or []) - len(r["missing"]) for r in found)
    by_kind: dict[str, list[bool]] = collections.defaultdict(list)
    for r in rows:
        by_kind[r.get("kind", "?")].append(r["ok"])
    # word-form recall: a form against what its corpus form finds - an answer the corpus form
    # itself does not find (its word only in a line kept out of passages) is no test of the form,
    # and a pair none of whose answers it finds is left out
    reachable = [r for r in found if not (r["missing"] and set(r.get("docs") or []) <= set(r["unreachable"]))]
    form_ok = [r["ok"] or set(r["missing"]) <= set(r["unreachable"]) for r in reachable]
    by_group: dict[str, list[bool]] = collections.defaultdict(list)
    for r in found:
        by_group[group(r)].append(r["ok"])
    words = by_group.get(GROUPS[0], [])
    return {
        "wordform_recall": sum(words) / len(words) if words else 1.0,
        "by_group": {g: (sum(by_group[g]), len(by_group[g])) for g in GROUPS if by_group.get(g)},
        "rows": rows,
        "recall": sum(r["ok"] for r in found) / len(found) if found else 1.0,
        "form_recall": sum(form_ok) / len(reachable) if reachable else 1.0, "n_reachable": len(reachable),
        "page_recall": sum(r["page_ok"] for r in found) / len(found) if found else 1.0,
        "doc_recall": docs_hit / docs_total if docs_total else 1.0,
        "n_found": len(found), "n_controls": len(controls),
        # the page says no answer contains the words (not: only standard wordings hold them, nor:
        # the query has only stop words, which no field indexes)
        "false_no_answer": sum(1 for r in found if r["total_groups"] == 0 and not r["in_boilerplate"]
                               and not r.get("stop_words") and not r.get("parts_apart") and not r.get("related")),
        "controls_parts_apart": sum(1 for r in controls if r["ok"] and r.get("parts_apart")),
        "controls_related": sum(1 for r in controls if r["ok"] and r.get("related")),
        "stop_word_pages": sum(1 for r in found if r.get("stop_words")),
        "dirty_controls": sum(1 for r in controls if not r["ok"]),
        "unreachable": sum(1 for r in found if r["missing"] and set(r["missing"]) <= set(r["unreachable"])),
        "by_kind": {k: (sum(v), len(v)) for k, v in sorted(by_kind.items())},
        "unknown_docs": sorted({d for r in rows for d in r["unknown_docs"]}),
    }


# the figures a report checks against bench/runs.json; counts that must not rise
SUMMARY = ("recall", "form_recall", "wordform_recall", "page_recall", "doc_recall", "dirty_controls", "false_no_answer")
AT_MOST = ("dirty_controls", "false_no_answer")


def summary_of(r: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    """The figures ``keys`` of ``summarise``'s result, rates rounded as the reports print them."""
    return {k: r[k] if k in AT_MOST else round(r[k], 3) for k in keys}


def against(summary: dict[str, Any], want: dict[str, Any]) -> list[str]:
    """Each figure against its expected value, a REGRESSION marked where it misses it."""
    return [f"- {k}: {v} (expected {want.get(k)}){regression_flag(meets(v, want.get(k), at_most=k in AT_MOST))}"
            for k, v in summary.items()]


def group_table(r: dict[str, Any]) -> list[str]:
    """Recall by what the pairs ask (``group``)."""
    return ["| the pairs ask for | right | of | recall |", "| --- | ---: | ---: | ---: |",
            *(f"| {g} | {ok} | {n} | {ok / n:.3f} |" for g, (ok, n) in r["by_group"].items())]


# the corpora a set is written over: the recorded sites' answers, or the real documents
# (bench/real_corpus.py) for a set whose file name begins "wordforms_real"
CORPORA = {"recorded": "the recorded sites' answers",
           "real": "the real documents (tests/fixtures/real-documents, bench/real_corpus.py)"}


def corpus_of(set_paths: list[Path]) -> str:
    """The corpus the sets are written over: one for all of them (one index per run)."""
    kinds = {"real" if p.stem.startswith("wordforms_real") else "recorded" for p in set_paths}
    if len(kinds) > 1:
        raise SystemExit("sets over the real documents and over the recorded sites need a run each")
    return kinds.pop()


def runs_key(set_path: Path) -> str:
    """The set's entry in bench/runs.json: ``wordform_eval`` for the project's set, ``wordform_blind``
    for the blind one (bench/data/wordforms_blind.jsonl), ``wordform_<name>`` for another."""
    name = set_path.stem.removeprefix("wordforms").lstrip("_")
    return f"wordform_{name}" if name else "wordform_eval"


def report(r: dict[str, Any], set_path: Path, mode: str) -> tuple[list[str], dict[str, Any]]:
    want = expected(runs_key(set_path))
    summary = summary_of(r, SUMMARY)
    lines = ["# Word forms through the search", "",
             f"{r['n_found']} word-form pairs and {r['n_controls']} controls ({set_path.relative_to(ROOT)}), "
             f"corpus: {CORPORA[corpus_of([set_path])]}; the search page's exact block, mode {mode}.", "",
             "| figure | value |", "| --- | ---: |",
             f"| recall (pairs whose every answer is in the exact block) | {r['recall']:.3f} |",
             f"| word-form recall (the same, of the answers the corpus form itself finds: {r['n_reachable']} "
             f"pairs of {r['n_found']}) | {r['form_recall']:.3f} |",
             f"| page recall (every answer on the page: the exact block, or - when no passage holds the "
             f"words - the answers whose standard wording does, and the answers named as holding a coined "
             f"word's parts on different places or the verb of a participle in another form) | "
             f"{r['page_recall']:.3f} |",
             f"| recall per answer | {r['doc_recall']:.3f} |",
             f"| pairs where the page says no answer contains the words | {r['false_no_answer']} |",
             f"| pairs whose query has only stop words (the page says so; misses) | {r['stop_word_pages']} |",
             f"| controls that found an answer (must be 0) | {r['dirty_controls']} of {r['n_controls']} |",
             f"| controls whose page names answers holding the word's parts on different places (not as "
             f"holding the word) | {r['controls_parts_apart']} of {r['n_controls']} |",
             f"| controls whose page names answers holding the verb of a participle or passive in another "
             f"form (no answer holding the words) | {r['controls_related']} of {r['n_controls']} |",
             f"| misses the corpus form itself does not find either (not in the passages) | {r['unreachable']} |", "",
             *group_table(r), "",
             "| kind | right | of |", "| --- | ---: | ---: |"]
    lines += [f"| {k} | {ok} | {n} |" for k, (ok, n) in r["by_kind"].items()]
    wrong = [x for x in r["rows"] if not x["ok"]]
    if wrong:
        lines += ["", "Misses and dirty controls (unreachable: answers the corpus form itself does not find):", "",
                  "| id | query | kind | expected | missing | unreachable | exact block | not on the page |",
                  "| --- | --- | --- | --- | --- | --- | --- | ---: |"]
        for x in wrong:
            target = x.get("doc_word") or x.get("near_word") or ""
            lines.append(f"| {x['id']} | {x['query']} ({target}) | {x.get('kind', '')} | {x['expect']} | "
                         f"{len(x['missing'])}: {', '.join(x['missing'])} | {len(x['unreachable'])} | "
                         f"{len(x['exact'])}: {', '.join(x['exact'])} | {len(x.get('page_missing', []))} |")
    if r["unknown_docs"]:
        lines += ["", "**Answers the set names that the corpus lacks** (count as misses): "
                  + ", ".join(r["unknown_docs"]) + "."]
    lines += ["", "Against bench/runs.json:", "", *against(summary, want)]
    return lines, summary


POOL_KEY = "wordform_heldout"


def pooled_report(results: list[tuple[Path, dict[str, Any]]], mode: str) -> tuple[list[str], dict[str, Any]]:
    """One report of several sets: each set's figures, and the pooled ones against bench/runs.json
    ``wordform_heldout`` (each set's misses are in its own report)."""
    r = summarise([row for _, res in results for row in res["rows"]])
    want = expected(POOL_KEY)
    summary = summary_of(r, tuple(k for k in SUMMARY if k != "form_recall"))
    lines = ["# Word forms through the search: the held-out sets pooled", "",
             f"{len(results)} sets, {r['n_found']} word-form pairs and {r['n_controls']} controls, on one index of "
             f"the recorded sites' answers; the search page's exact block, mode {mode}. Each set's misses are "
             "in its own report, which its own bench/runs.json command writes (bench/reports/wordform_<set>.md).", "",
             "| set | pairs | controls | recall | word-form recall | page recall | per answer | dirty controls | "
             "no answer said |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for path, res in results:
        lines.append(f"| {path.name} | {res['n_found']} | {res['n_controls']} | {res['recall']:.3f} | "
                     f"{res['wordform_recall']:.3f} | {res['page_recall']:.3f} | {res['doc_recall']:.3f} | "
                     f"{res['dirty_controls']} | {res['false_no_answer']} |")
    lines.append(f"| **pooled** | {r['n_found']} | {r['n_controls']} | {r['recall']:.3f} | "
                 f"{r['wordform_recall']:.3f} | {r['page_recall']:.3f} | {r['doc_recall']:.3f} | "
                 f"{r['dirty_controls']} | {r['false_no_answer']} |")
    lines += ["", "Pooled, by what the pairs ask (word form: every kind but a coined compound):", "", *group_table(r),
              "", "Against bench/runs.json:", "", *against(summary, want)]
    return lines, summary


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", action="append", help="a set (default bench/data/wordforms.jsonl); several: pooled")
    ap.add_argument("--mode", default="hybrid", choices=["hybrid", "keyword"])
    ap.add_argument("--reuse", action="store_true", help="keep the evaluation index of an earlier run if present")
    ap.add_argument("--out", help="the report (default: the set's own, bench/reports/<its runs.json key>.md - "
                                   "wordform_eval.md for the project's set, wordform_blind9.md for wordforms_blind9; "
                                   f"several sets: {POOL_KEY}.md)")
    ap.add_argument("--prefix", default=PREFIX, help="index prefix (two runs at once need two)")
    ap.add_argument("--port", type=int, default=PORT, help="port of the recorded sites' server")
    args = ap.parse_args()
    from bench.real_corpus import build_real_corpus
    from bench.search_eval import _has_corpus, build_corpus

    set_paths = [Path(p).resolve() for p in (args.set or [str(ROOT / "bench/data/wordforms.jsonl")])]
    with tempfile.TemporaryDirectory() as tmp:
        s = Settings(data_dir=Path(tmp) / "data", index_prefix=args.prefix, recorded_port=args.port,
                     query_cache_size=0)
        if not (args.reuse and _has_corpus(s)):
            (build_real_corpus if corpus_of(set_paths) == "real" else build_corpus)(s)
        results = [(p, evaluate(s, load_items(p), args.mode)) for p in set_paths]
    if len(results) == 1:
        lines, summary = report(results[0][1], results[0][0], args.mode)
        default_out = ROOT / "bench" / "reports" / f"{runs_key(results[0][0])}.md"
    else:
        lines, summary = pooled_report(results, args.mode)
        default_out = ROOT / "bench" / "reports" / f"{POOL_KEY}.md"
    out = Path(args.out) if args.out else default_out
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
