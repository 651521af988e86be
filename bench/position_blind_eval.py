"""Positions on the blind sets: sentences written by someone who had not seen the reader.

bench/data/positions_blind1.jsonl (380 sentences) and positions_blind2.jsonl (written after the
fixes that set 1 led to) were written blind from the families in shared/README ("How positions
are worded", "Kommunstyrelsens utlåtanden"); their READMEs say how. Each item names the asked
body (``body``), its position (``label``) and, for summaries of many answers, every named body's
position (``others``; ``ej_svar`` for a body said not to have answered).

Figures: accuracy, per-class precision/recall/F1, accuracy on the stance sentences (gold
tillstyrker/avstyrker/delvis), accuracy per confidence level, and the pairs F1 of the summary
sentences' (body, position) pairs against ``others``.

Usage: .venv/bin/python bench/position_blind_eval.py [--set blind1|blind2|all] [--errors]
Runs against whatever ``remissvar.positions`` is importable: older readers without ``body``
are given the council slug (``council=``), which is how the first run on set 1 was made.
"""
from __future__ import annotations

import argparse
import inspect
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from remissvar import positions as positions_mod

SETS = {"blind1": ROOT / "bench/data/positions_blind1.jsonl", "blind2": ROOT / "bench/data/positions_blind2.jsonl"}
CLASSES = ["tillstyrker", "avstyrker", "delvis", "neutral", "avstår", "oklart"]
STANCE = {"tillstyrker", "avstyrker", "delvis"}


def load(name: str) -> list[dict[str, Any]]:
    return [json.loads(x) for x in SETS[name].read_text(encoding="utf-8").splitlines() if x.strip()]


def classify(text: str, body: str | None) -> tuple[str, str | None, list[tuple[str, str]]]:
    """(position, confidence, [(body, position or ej_svar)]) from the importable reader."""
    fn = positions_mod.classify_position
    params = inspect.signature(fn).parameters
    if "body" in params:
        res = fn(text, body=body)
    else:  # the reader before issue 26: a council slug only
        from remissvar.records import council_from_name

        res = fn(text, council=council_from_name(body) if body else None)
    others = [(o.body, o.state if o.position is None else o.position.value) for o in getattr(res, "others", [])]
    return res.position.value, getattr(res, "confidence", None), others


def prf(gold: list[str], pred: list[str], cls: str) -> tuple[float, float, float, int]:
    tp = sum(g == cls and p == cls for g, p in zip(gold, pred, strict=True))
    fp = sum(g != cls and p == cls for g, p in zip(gold, pred, strict=True))
    fn = sum(g == cls and p != cls for g, p in zip(gold, pred, strict=True))
    pr = tp / (tp + fp) if tp + fp else 0.0
    rc = tp / (tp + fn) if tp + fn else 0.0
    return pr, rc, (2 * pr * rc / (pr + rc) if pr + rc else 0.0), tp + fn


def pairs_f1(rows: list[dict[str, Any]], others: list[list[tuple[str, str]]]) -> tuple[float, float, float, int]:
    """(body, position) pairs of the summary sentences: a predicted pair is right when its body
    is the same body as a gold pair's (``remissvar.bodies.same_body`` where it exists) with the
    same position."""
    try:
        from remissvar.bodies import same_body
    except ImportError:  # the reader before issue 26 names no bodies
        def same_body(a: str, b: str) -> bool:
            return a.strip().lower() == b.strip().lower()
    tp = fp = fn = 0
    for r, pred in zip(rows, others, strict=True):
        if "summary" not in str(r.get("family")) and not r.get("others"):
            continue  # a summary of many answers (set 1 tags them "summary-many", set 2 "summary")
        gold = [(o["body"], o["position"]) for o in r.get("others", []) if o.get("position") != "oklart"]
        used: set[int] = set()
        for b, p in pred:
            hit = next((i for i, (gb, gp) in enumerate(gold) if i not in used and gp == p and same_body(gb, b)), None)
            if hit is None:
                fp += 1
            else:
                used.add(hit)
                tp += 1
        fn += len(gold) - len(used)
    pr = tp / (tp + fp) if tp + fp else 0.0
    rc = tp / (tp + fn) if tp + fn else 0.0
    return pr, rc, (2 * pr * rc / (pr + rc) if pr + rc else 0.0), tp + fn


def evaluate(name: str, errors: bool) -> tuple[list[str], dict[str, float]]:
    rows = load(name)
    preds = [classify(r["text"], r.get("body")) for r in rows]
    gold = [r["label"] for r in rows]
    pred = [p[0] for p in preds]
    acc = sum(g == p for g, p in zip(gold, pred, strict=True)) / len(rows)
    st = [i for i, g in enumerate(gold) if g in STANCE]
    st_acc = sum(gold[i] == pred[i] for i in st) / len(st)
    lines = [f"## {name} ({len(rows)} sentences)", "", "| class | precision | recall | F1 | n |",
             "|---|---|---|---|---|"]
    figs: dict[str, float] = {"accuracy": round(acc, 3), "stance_accuracy": round(st_acc, 3)}
    for c in CLASSES:
        pr, rc, f1, n = prf(gold, pred, c)
        figs[f"f1_{c}"] = round(f1, 3)
        lines.append(f"| {c} | {pr:.3f} | {rc:.3f} | {f1:.3f} | {n} |")
    figs["min_f1"] = min(figs[f"f1_{c}"] for c in CLASSES)
    pp, pr_, pf, pn = pairs_f1(rows, [p[2] for p in preds])
    figs["pairs_f1"] = round(pf, 3)
    lines += ["", f"accuracy **{acc:.3f}**, stance sentences {st_acc:.3f} ({len(st)}), "
              f"lowest class F1 {figs['min_f1']:.3f}",
              f"summary pairs (body, position): precision {pp:.3f}, recall {pr_:.3f}, F1 **{pf:.3f}** "
              f"({pn} gold pairs)"]
    levels = sorted({p[1] for p in preds if p[1]})
    for lev in levels:
        idx = [i for i, p in enumerate(preds) if p[1] == lev]
        a = sum(gold[i] == pred[i] for i in idx) / len(idx)
        figs[f"accuracy_{lev}"] = round(a, 3)
        lines.append(f"confidence {lev}: accuracy {a:.3f} ({len(idx)} sentences)")
    if errors:
        lines += ["", "Errors:"] + [f"- {r['id']} [{r.get('family')}] body={r.get('body')} gold {g}, got {p}: "
                                    f"{r['text']}"
                                    for r, g, p in zip(rows, gold, pred, strict=True) if g != p]
    return lines + [""], figs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", default="all", choices=["blind1", "blind2", "all"])
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()
    names = [n for n in SETS if args.set in (n, "all") and SETS[n].exists()]
    out: dict[str, dict[str, float]] = {}
    for n in names:
        lines, figs = evaluate(n, args.errors)
        out[n] = figs
        if not args.json:
            print("\n".join(lines))
    if args.json:
        print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
