"""Boilerplate segmentation quality: precision and recall of "boilerplate vs substance" (and per
label) on the labelled lines of bench/data/boilerplate_lines.jsonl (issue 29).

Each labelled document is extracted as the set says (``pdftotext`` with or without ``-layout``,
or the .txt seed as is), split into pages at form feeds and segmented by ``ingest.parse.segment`` with
nothing set aside beforehand (the running heads must be found by the segmenter's own
measurement). The corpus template is learned, without labels, from the archive's documents
(the recorded sites' PDFs, the seeds and the real documents) less the held-out documents, as
``remissvar reindex`` learns it over an archive. Lines are matched by (document, line number).

Usage: .venv/bin/python bench/boilerplate_eval.py [--split heldout|tune|all] [--out bench/reports/boilerplate_eval.md]
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import expected, meets, publish, regression_flag
from ingest.parse.segment import learn_template, segment_pages
from remissvar.boilerplate import Label, Template
from remissvar.records import PageText

DATA = ROOT / "bench/data/boilerplate_lines.jsonl"


def extraction(doc: str, mode: str) -> list[str]:
    """The document's lines as the labelled set numbers them (blank lines and form feeds kept)."""
    path = ROOT / doc
    if mode == "txt":
        return path.read_text(encoding="utf-8").split("\n")
    args = ["pdftotext"] + (["-layout"] if mode == "pdftotext -layout" else []) + [str(path), "-"]
    out = subprocess.run(args, capture_output=True, check=True).stdout.decode("utf-8", "replace")
    return out.split("\n")


def pages_of(lines: list[str]) -> tuple[list[PageText], dict[int, tuple[int, int]]]:
    """Pages split at form feeds, and line number (1-based) -> (page, index in the page's text)."""
    pages: list[list[str]] = [[]]
    where: dict[int, tuple[int, int]] = {}
    for n, raw in enumerate(lines, start=1):
        if "\f" in raw:
            for _ in range(raw.count("\f")):
                pages.append([])
            raw = raw.replace("\f", "")
        where[n] = (len(pages), len(pages[-1]))
        pages[-1].append(raw.rstrip())
    while len(pages) > 1 and not any(x.strip() for x in pages[-1]):
        pages.pop()
    return [PageText(number=i, text="\n".join(p)) for i, p in enumerate(pages, start=1)], where


def corpus_template(exclude: set[str]) -> Template:
    """The template learned (no labels) from the archive's documents, less ``exclude``."""
    from ingest.parse.extract import ExtractError, extract
    from ingest.parse.structure import parse_structure

    files = [p for p in (ROOT / "tests/fixtures/sites").rglob("*") if p.is_file() and p.read_bytes()[:4] == b"%PDF"]
    files += sorted((ROOT / "tests/fixtures/real-documents").glob("*.pdf"))
    files += sorted((ROOT / "tests/fixtures/seeds").glob("*.txt"))
    records = []
    for f in files:
        rel = str(f.relative_to(ROOT))
        if rel in exclude:
            continue
        try:
            pages = extract(f, ocr="never")
        except ExtractError:
            continue
        records.append(parse_structure(pages))
    return learn_template(records)


def evaluate(split: str) -> dict[str, Any]:
    rows = [json.loads(x) for x in DATA.read_text(encoding="utf-8").splitlines() if x.strip()]
    heldout_docs = {r["doc"] for r in rows if r["split"] == "heldout"}
    template = corpus_template(heldout_docs)
    want = [r for r in rows if split == "all" or r["split"] == split]
    by_doc: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in want:
        by_doc[(r["doc"], r["extract"])].append(r)
    tp = fp = fn = tn = 0
    confusion: Counter[tuple[str, str]] = Counter()
    errors: list[tuple[str, str, str, str]] = []
    for (doc, mode), labelled in by_doc.items():
        pages, where = pages_of(extraction(doc, mode))
        seg = segment_pages(pages, template)
        got = {(x.page, x.index): x.label for x in seg.lines}
        for r in labelled:
            pred = got.get(where.get(r["line_no"], (0, 0)), Label.SUBSTANCE).value
            gold = r["label"]
            confusion[(gold, pred)] += 1
            gb, pb = gold != "substance", pred != "substance"
            tp += gb and pb
            fp += pb and not gb
            fn += gb and not pb
            tn += not gb and not pb
            if gb != pb:
                errors.append((r["id"], gold, pred, r["text"].strip()[:90]))
    p = tp / (tp + fp) if tp + fp else 1.0
    rc = tp / (tp + fn) if tp + fn else 1.0
    per_label = {}
    for lab in Label:
        g = sum(n for (a, _), n in confusion.items() if a == lab.value)
        pr = sum(n for (_, b), n in confusion.items() if b == lab.value)
        ok = confusion[(lab.value, lab.value)]
        per_label[lab.value] = {"gold": g, "predicted": pr, "precision": ok / pr if pr else 1.0,
                                "recall": ok / g if g else 1.0}
    return {"split": split, "lines": len(want), "documents": len(by_doc), "precision": p, "recall": rc,
            "tp": tp, "fp": fp, "fn": fn, "tn": tn, "per_label": per_label, "errors": errors,
            "template_lines": len(template.lines), "template_sentences": len(template.sentences)}


_COUNTER = re.compile(r"(?i)\bsida\s*\d+\s*(?:av|\()\s*\d+")
_FIELDS = ("title", "remiss_title", "decision", "text")


def _leak(text: str, lines: list[str]) -> str | None:
    m = _COUNTER.search(text)
    return next((ln for ln in lines if ln in text), None) or (m.group(0) if m else None)


def audit_index(prefix: str) -> dict[str, Any]:
    """Every field, passage (snippets, precedent hits) and CSV cell source of an indexed archive
    checked for its own labelled layout boilerplate (running heads, page numbers, letterhead,
    contact; lines of 12 characters or more) and for page counters ("Sida 2 av 3")."""
    from remissvar.settings import Settings
    from search_api.index import es_client

    s = Settings(index_prefix=prefix)
    es = es_client(s)
    docs = es.search(index=f"{prefix}-yttranden", size=1000, query={"match_all": {}})["hits"]["hits"]
    layout = {"running_header", "running_footer", "page_number", "letterhead", "contact"}
    found: list[tuple[str, str, str]] = []
    boiler: dict[str, list[str]] = {}
    for h in docs:
        src = h["_source"]
        lines = [b["text"] for b in src.get("boilerplate", []) if b["label"] in layout and len(b["text"]) >= 12]
        boiler[h["_id"]] = lines
        texts = [(f, src.get(f) or "") for f in _FIELDS]
        texts += [("sections", x.get("text", "")) for x in src.get("sections", [])]
        texts += [("position_sentences", x) for x in src.get("position_sentences", [])]
        texts += [("reservations", x.get("text", "")) for x in src.get("reservations", [])]
        for fname, text in texts:
            if hit := _leak(text, lines):
                found.append((h["_id"], fname, hit))
    passages = es.search(index=f"{prefix}-passager", size=5000, source={"includes": ["yttrande_id", "text"]},
                         query={"match_all": {}})["hits"]["hits"]
    for h in passages:
        text = h["_source"]["text"]
        if hit := _leak(text, boiler.get(h["_source"]["yttrande_id"], [])):
            found.append((h["_id"], "passage", hit))
    return {"answers": len(docs), "passages": len(passages), "found": found,
            "labelled": sum(len(h["_source"].get("boilerplate", [])) for h in docs)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="heldout", choices=["heldout", "tune", "all"])
    ap.add_argument("--out", default=None)
    ap.add_argument("--errors", action="store_true", help="list every misclassified line")
    ap.add_argument("--audit-index", metavar="PREFIX", default=None,
                    help="instead: check an indexed archive's fields and passages for boilerplate "
                         "(e.g. remissvar-eval, which bench/search_eval.py builds from the recorded sites)")
    args = ap.parse_args()
    if args.audit_index:
        a = audit_index(args.audit_index)
        print(f"{a['answers']} answers, {a['passages']} passages, {a['labelled']} labelled boilerplate lines; "
              f"layout boilerplate found in fields or passages: {len(a['found'])}")
        for f in a["found"]:
            print("  ", *f)
        return
    r = evaluate(args.split)
    lines = ["# Boilerplate segmentation", "",
             f"Split `{r['split']}`: {r['lines']} labelled lines of {r['documents']} documents "
             "(bench/data/boilerplate_lines.jsonl); template learned without labels from the archive "
             f"less the held-out documents ({r['template_lines']} lines, {r['template_sentences']} sentences).", "",
             "| boilerplate vs substance | value |", "| --- | ---: |",
             f"| precision | {r['precision']:.3f} |", f"| recall | {r['recall']:.3f} |",
             f"| tp / fp / fn / tn | {r['tp']} / {r['fp']} / {r['fn']} / {r['tn']} |", "",
             "| label | gold | predicted | precision | recall |", "| --- | ---: | ---: | ---: | ---: |"]
    for lab, v in r["per_label"].items():
        lines.append(f"| {lab} | {v['gold']} | {v['predicted']} | {v['precision']:.2f} | {v['recall']:.2f} |")
    if args.errors or len(r["errors"]) <= 30:
        lines += ["", "Misclassified (boilerplate vs substance):", ""]
        lines += [f"- {i}: gold {g}, got {p}: `{t}`" for i, g, p, t in r["errors"]]
    want = expected("boilerplate_eval").get(r["split"], {})
    lines += ["", "Against bench/runs.json:"]
    for metric in ("precision", "recall"):
        lines.append(f"- {r['split']} {metric}: {r[metric]:.3f} (expected {want.get(metric)})"
                     f"{regression_flag(meets(round(r[metric], 3), want.get(metric)))}")
    publish(lines, args.out)


if __name__ == "__main__":
    main()
