"""Word paradigms through the real analysis (issue 27): do a word's forms find each other, and do
two words' forms stay apart?

The word-form sets (bench/wordform_eval.py) ask a few hundred questions over the fourteen recorded
answers. This asks the same question of the language: a full-form lexicon no rule here was
written from. simplemma's and spaCy's Swedish lookup tables (the pinned wheels the plugin's build
fetches: plugins/analysis-sv/full_forms.py), where the two give a form the same lemma, restricted
to the words of general Swedish text (plugins/analysis-sv/words/general_sv.txt) - everyday forms,
not the tables' long tail. Each form is analysed by Elasticsearch itself (``_analyze`` with
mappings/analysis.json: sv_query as a query is, sv_parts as the text.parts subfield indexes).

- **meets**: ordered pairs (a, b) of forms of one lemma where a's query token is among b's
  indexed tokens: searching a finds a passage with b.
- **apart by word class**: the misses where the two differ only by the word-class reading
  ("målet" mål#s, "målade" mål#v): the tables give one lemma to a noun and a verb spelt alike
  ("spruta"), which the analysis keeps apart on purpose; counted, not as meets.
- **conflated**: ordered pairs of forms of two different lemmas whose whole-word stems are the
  same token (a compound found by its part is no conflation: that is the parts field's job);
- **extra-reading meets**: ordered pairs of two lemmas' forms where the first's query token is an
  extra reading the second (no compound) carries in the parts field - a participle's verb, an
  adjective beside a verb's form, an entry of its own: what those readings let through.

Usage: .venv/bin/python bench/paradigm_eval.py [--out bench/reports/paradigm_eval.md]
Needs Elasticsearch with the plugin (make services).
"""
from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PLUGIN = ROOT / "plugins" / "analysis-sv"

from bench import expected, meets, publish, regression_flag
from remissvar.settings import Settings
from search_api.search.compounds import plain_stem

INDEX = "remissvar-bench-paradigm"
BATCH = 2000


def lexicon() -> dict[str, str]:
    """Form -> lemma where the two tables agree, for the words of general Swedish text."""
    sys.path.insert(0, str(PLUGIN))
    import full_forms  # the plugin build's own reader of the pinned wheels

    cache = PLUGIN / "target" / "dict"
    agreed = full_forms.agreed(full_forms.lookup_table(full_forms.fetch(cache)), full_forms.spacy_table(cache))
    general = set((PLUGIN / "words" / "general_sv.txt").read_text(encoding="utf-8").split())
    return {f: lemma for f, lemma in agreed.items() if f in general and f.isalpha() and f.islower()}


def analyse(es: Any, words: list[str], analyzer: str) -> dict[str, list[str]]:
    """Each word's tokens under ``analyzer`` (a stop word: none)."""
    out: dict[str, list[str]] = {w: [] for w in words}
    for i in range(0, len(words), BATCH):
        chunk = words[i:i + BATCH]
        starts, text = {}, []
        pos = 0
        for w in chunk:
            starts[pos] = w
            text.append(w)
            pos += len(w) + 1
        res = es.indices.analyze(index=INDEX, analyzer=analyzer, text=" ".join(text))
        for t in res["tokens"]:
            out[starts[t["start_offset"]]].append(t["token"])
    return out


def evaluate(es: Any, table: dict[str, str]) -> dict[str, Any]:
    groups: dict[str, list[str]] = collections.defaultdict(list)
    for form, lemma in table.items():
        groups[lemma].append(form)
    groups = {lemma: sorted(fs) for lemma, fs in groups.items() if len(fs) >= 2}
    words = sorted({f for fs in groups.values() for f in fs})
    query = analyse(es, words, "sv_query")
    index = analyse(es, words, "sv_parts")
    pairs = met = by_class = stop = 0
    misses: list[tuple[str, str, str, str]] = []
    for lemma, forms in groups.items():
        for a in forms:
            if not query[a]:
                stop += len(forms) - 1
                continue
            for b in forms:
                if a == b:
                    continue
                pairs += 1
                q = query[a][0]
                if q in index[b]:
                    met += 1
                elif plain_stem(q) in {plain_stem(t) for t in index[b]}:
                    by_class += 1
                else:
                    misses.append((lemma, a, b, f"{q} / {' '.join(index[b]) or '-'}"))
    # conflations: two lemmas' forms whose whole-word stem (the first token) is the same
    by_stem: dict[str, set[str]] = collections.defaultdict(set)
    for w in words:
        if query[w]:
            by_stem[query[w][0]].add(w)
    lemma_of = {w: table[w] for w in words}
    conflated: list[tuple[str, list[str]]] = []
    conflated_pairs = 0
    for stem, ws in by_stem.items():
        lemmas = collections.Counter(lemma_of[w] for w in ws)
        if len(lemmas) > 1:
            n = len(ws)
            conflated_pairs += n * (n - 1) - sum(c * (c - 1) for c in lemmas.values())
            conflated.append((stem, sorted(ws)))
    # meets of two lemmas' forms through an extra reading a word that is no compound carries in the
    # parts field (a participle's verb, an adjective beside a verb's form, an own entry): index
    # tokens after the stem, untagged, of a word with no compound parts
    by_extra: dict[str, set[str]] = collections.defaultdict(set)
    for w in words:
        plain = list(dict.fromkeys(plain_stem(t) for t in index[w] if "#" not in t))
        if len(plain) == 2:
            by_extra[plain[1]].add(w)
    extra: list[tuple[str, str, str]] = []
    for a in words:
        if query[a]:
            extra += [(a, b, query[a][0]) for b in sorted(by_extra.get(query[a][0], ())) if lemma_of[b] != lemma_of[a]]
    all_pairs = len(words) * (len(words) - 1)
    return {"lemmas": len(groups), "forms": len(words), "pairs": pairs, "met": met, "by_class": by_class,
            "stop": stop, "misses": misses, "conflated": conflated, "conflated_pairs": conflated_pairs,
            "all_pairs": all_pairs, "extra": extra}


def ending(form: str, lemma: str) -> str:
    """What the form adds to the part it shares with its lemma ("-ade", "-ens"): a miss's kind."""
    i = 0
    while i < min(len(form), len(lemma)) and form[i] == lemma[i]:
        i += 1
    return "-" + form[i:] if form[i:] else "(base)"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=str(ROOT / "bench" / "reports" / "paradigm_eval.md"))
    ap.add_argument("--examples", type=int, default=60)
    args = ap.parse_args()
    from search_api.index import es_client

    s = Settings()
    es = es_client(s)
    analysis = json.loads((ROOT / "mappings" / "analysis.json").read_text(encoding="utf-8"))["analysis"]
    if es.indices.exists(index=INDEX):
        es.indices.delete(index=INDEX)
    es.indices.create(index=INDEX, settings={"analysis": analysis, "number_of_replicas": 0})
    try:
        r = evaluate(es, lexicon())
    finally:
        es.indices.delete(index=INDEX)
    recall = r["met"] / r["pairs"] if r["pairs"] else 1.0
    conflation = r["conflated_pairs"] / r["all_pairs"] if r["all_pairs"] else 0.0
    want = expected("paradigm_eval")
    ok_recall = meets(round(recall, 3), want.get("recall"))
    ok_conf = meets(r["conflated_pairs"], want.get("conflated_pairs"), at_most=True) \
        and meets(len(r["extra"]), want.get("extra_reading_meets"), at_most=True)
    kinds = collections.Counter(ending(b, lemma) for lemma, _a, b, _t in r["misses"])
    lines = [
        "# Word paradigms through the analysis", "",
        f"`python bench/paradigm_eval.py`: {r['forms']:,} forms of {r['lemmas']:,} lemmas (simplemma and spaCy "
        "agreeing, words of general Swedish text), each analysed by Elasticsearch (sv_query as a query, "
        "sv_parts as text.parts indexes).", "",
        "| figure | value |", "| --- | ---: |",
        f"| ordered pairs of one lemma's forms | {r['pairs']:,} |",
        f"| meets (a's query token among b's indexed tokens) | {r['met']:,} ({recall:.3f}) |",
        f"| apart by word class only (noun and verb spelt alike in the tables) | {r['by_class']:,} |",
        f"| other misses | {len(r['misses']):,} |",
        f"| pairs not asked: a is a stop word | {r['stop']:,} |",
        f"| conflated ordered pairs of two lemmas (one whole-word stem) | {r['conflated_pairs']:,} "
        f"({conflation:.5f} of {r['all_pairs']:,}) |",
        f"| stems shared by two lemmas' forms | {len(r['conflated']):,} |",
        f"| two lemmas' forms meeting through an extra reading (no compound) | {len(r['extra']):,} |", "",
        "Misses by what the found form (b) adds to the lemma: " +
        ", ".join(f"{k} {v}" for k, v in kinds.most_common(25)), "",
        f"First {args.examples} misses (lemma: query form → found form, query token / indexed tokens):", "",
    ]
    lines += [f"- {lemma}: {a} → {b}: {t}" for lemma, a, b, t in r["misses"][:args.examples]]
    lines += ["", f"First {args.examples} shared stems:", ""]
    lines += [f"- {stem}: {', '.join(ws)}" for stem, ws in r["conflated"][:args.examples]]
    lines += ["", "Meetings through an extra reading (query form → found form: the token):", ""]
    lines += [f"- {a} → {b}: {t}" for a, b, t in r["extra"][:args.examples]]
    lines += ["", "Against bench/runs.json:", "",
              f"- recall: {recall:.3f} (expected {want.get('recall')}){regression_flag(ok_recall)}",
              f"- conflated_pairs: {r['conflated_pairs']} (expected at most {want.get('conflated_pairs')}), "
              f"extra_reading_meets: {len(r['extra'])} (expected at most {want.get('extra_reading_meets')})"
              f"{regression_flag(ok_conf)}"]
    publish(lines, args.out)
    if not (ok_recall and ok_conf):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
