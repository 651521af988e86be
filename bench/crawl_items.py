"""Agenda pages read as the real pages render them (issues 13 and 14 point 5), measured.

1. A labelled development set (bench/data/agenda_items_dev.jsonl): agenda items written in
   the real wordings of ../shared/README.md (headings in every spelling or none, remittent
   lines in any case, "Yttrande till", samråd/utställning/granskning, remitted motions,
   early-2000s summaries, status lines, dnr formats, the filing-class hint), each rendered
   into a meeting page in every markup (insynsverige: paragraphs, spans joined by <br>,
   table rows; MeetingPlus: number and title in separate elements, a heading, an accordion
   button, an aria label, <br> spans, table rows) and read by the platform's parser.
   Remiss detection precision/recall/F1, accuracy per field and per pattern.
2. The recorded sites (tests/fixtures/sites): per source, meetings, items, remiss items and
   how many of those have a remittent, a dnr and documents; items per number form.

The set is written by the same hands as the rules: its figures are an upper bound; the
real check is ``remissvar probe`` / ``remissvar items`` on live pages.

Usage: .venv/bin/python bench/crawl_items.py [--out bench/reports/crawl_items.md]
"""
from __future__ import annotations

import argparse
import html as H
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import expected, meets
from ingest.crawl.grammar import FilingHints
from ingest.crawl.model import AgendaItem
from ingest.crawl.platforms import insynsverige, meetingplus
from remissvar.remiss_fields import stage

DEV = ROOT / "bench/data/agenda_items_dev.jsonl"
SITES = ROOT / "tests/fixtures/sites"
LEGACY = ("p", "br", "table")
MP = ("separate", "heading", "button", "aria", "mp-br", "mp-table")
INS_URL = "https://insynsverige.se/stockholm-farsta/protokoll?date=2012-03-15"
MP_URL = "https://edokmeetings.stockholm.se/committees/farsta-stadsdelsnamnd/mote-2012-03-15"
FILLER = ("1", "Val av justerare och tid för justering")
Entry = tuple[str | None, str, str, list[str], str | None]  # heading, number, title, own lines, summary


def legacy_page(entries: list[Entry], markup: str) -> str:
    """entries: (heading, number, title, own lines, summary)."""
    out = []

    def line(body: str) -> None:
        out.append({"p": f"<p>{body}</p>", "br": f"<span>{body}</span><br>",
                    "table": f"<tr><td colspan=2>{body}</td></tr>"}[markup])

    last_heading = None
    for heading, num, title, lines, summary in entries:
        if heading and heading != last_heading:
            out.append({"p": f"<h3>{H.escape(heading)}</h3>", "br": f"<b>{H.escape(heading)}</b><br>",
                        "table": f"<tr><th colspan=2>{H.escape(heading)}</th></tr>"}[markup])
            last_heading = heading
        if markup == "table":
            out.append(f"<tr><td>{H.escape(num)}</td><td>{H.escape(title)}</td></tr>")
        else:
            line(f"{H.escape(num)} {H.escape(title)}")
        for ln in lines + ([summary] if summary else []):
            line(H.escape(ln))
    wrap = {"p": "<div>{}</div>", "br": "<div>{}</div>", "table": "<table>{}</table>"}[markup]
    return "<html><body><main><p>Sammanträde 2012-03-15</p>" + wrap.format("\n".join(out)) + "</main></body></html>"


def mp_page(entries: list[Entry], markup: str) -> str:
    parts = []
    for heading, num, title, lines, summary in entries:
        texts = [H.escape(x) for x in lines + ([summary] if summary else [])]
        if heading:
            parts.append(f"<h2>{H.escape(heading)}</h2>")
        if markup == "mp-br":
            parts.append("<div>" + "<br>".join(f"<span>{x}</span>" for x in [H.escape(num), H.escape(title)] + texts)
                         + "<br></div>")
            continue
        if markup == "mp-table":
            rows = [f"<tr><td>{H.escape(num)}</td><td>{H.escape(title)}</td></tr>"]
            rows += [f"<tr><td></td><td>{x}</td></tr>" for x in texts]
            parts.append("<table>" + "".join(rows) + "</table>")
            continue
        head = {
            "separate": f"<div>{H.escape(num)}</div><div>{H.escape(title)}</div>",
            "heading": f"<h3>{H.escape(num)} {H.escape(title)}</h3>",
            "button": f"<h3><button><span>{H.escape(num)}</span><span>{H.escape(title)}</span></button></h3>",
            "aria": f'<button aria-label="{H.escape(num)} {H.escape(title)}"></button>',
        }[markup]
        parts.append("<ul><li>" + head + "<div>" + "".join(f"<p>{x}</p>" for x in texts) + "</div></li></ul>")
    return ("<html><body><main><p>Hoppa över navigering</p><h1>Farsta stadsdelsnämnd</h1><h2>Kallelse</h2>"
            + "".join(parts) + "</main></body></html>")


def farsta_hints(markup: str) -> FilingHints:
    """The council's filing class learned as the crawler learns it: from its pages with headings."""
    train: list[Entry] = [("Remisser", str(10 + i), f"Program nummer {i} för Stockholms stad",
                           [f"Dnr 1.5.1-{i}-2011"], None) for i in range(4)]
    train += [("Beslutsärenden", str(20 + i), f"Uppföljning nummer {i}", [f"Dnr 1.2.1-{i}-2011"], None)
              for i in range(3)]
    hints = FilingHints()
    for item in insynsverige.parse_meeting(legacy_page(train, markup if markup in LEGACY else "p"), INS_URL).items:
        hints.learn("farsta", item.dnr, item.is_remiss)
    return hints


def observed(item: AgendaItem, key: str) -> object:
    motion = item.motion or {}
    return {"motion_number": motion.get("number"), "authors": motion.get("authors"),
            "parties": motion.get("parties"), "stage": stage(item.title)}.get(key, getattr(item, key, None))


def run_dev() -> dict[str, Any]:
    rows = [json.loads(x) for x in DEV.read_text(encoding="utf-8").splitlines() if x.strip()]
    tp = fp = fn = 0
    fields: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    patterns: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    shapes: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    failures: list[str] = []
    for markup in LEGACY + MP:
        hints = farsta_hints(markup)
        for r in rows:
            entries: list[Entry] = [(None, *FILLER, [], None),
                                    (r["heading"], "12", r["title"], r["lines"], r.get("summary"))]
            if markup in LEGACY:
                m = insynsverige.parse_meeting(legacy_page(entries, markup), INS_URL, council=r.get("council"),
                                               hints=hints if r.get("hint") else None)
            else:
                m = meetingplus.parse_meeting(mp_page(entries, markup), MP_URL, council=r.get("council"),
                                              hints=hints if r.get("hint") else None)
            found = [i for i in m.items if i.number == "12"]
            ok_all = bool(found)
            shapes[markup][1] += 1
            if not found:
                fn += int(r["expected"]["is_remiss"])
                failures.append(f"{markup} {r['id']}: item not found")
                patterns[r["pattern"]][1] += 1
                continue
            item = found[0]
            shapes[markup][0] += 1
            exp = r["expected"]
            tp += int(item.is_remiss and exp["is_remiss"])
            fp += int(item.is_remiss and not exp["is_remiss"])
            fn += int(not item.is_remiss and exp["is_remiss"])
            for key, want in exp.items():
                got = observed(item, key)
                good = got == want
                fields[key][0] += int(good)
                fields[key][1] += 1
                if not good:
                    ok_all = False
                    failures.append(f"{markup} {r['id']} {key}: {got!r} != {want!r}")
            patterns[r["pattern"]][0] += int(ok_all)
            patterns[r["pattern"]][1] += 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    n_fields = sum(v[1] for k, v in fields.items() if k != "is_remiss")
    field_acc = sum(v[0] for k, v in fields.items() if k != "is_remiss") / n_fields if n_fields else 0.0
    return {"items": len(rows), "renderings": len(rows) * len(LEGACY + MP), "precision": round(precision, 4),
            "recall": round(recall, 4), "f1": round(f1, 4), "field_accuracy": round(field_acc, 4),
            "fields": {k: f"{v[0]}/{v[1]}" for k, v in sorted(fields.items())},
            "patterns": {k: f"{v[0]}/{v[1]}" for k, v in sorted(patterns.items())},
            "shapes": {k: f"{v[0]}/{v[1]}" for k, v in shapes.items()}, "failures": failures}


def number_form(number: str | None) -> str:
    if number is None:
        return "none (header absent / free text)"
    if number.startswith("§"):
        return "§ N"
    if re.fullmatch(r"\d+", number):
        return "N"
    return "N + letter/½"


def run_sites() -> dict[str, Any]:
    per_source: dict[str, Counter[str]] = defaultdict(Counter)
    forms: Counter[str] = Counter()
    for f in sorted(SITES.rglob("*.html")):
        rel = f.relative_to(SITES).parts
        if rel[0] == "meetingplus" and f.name == "index.html" and len(rel) == 5:
            url = "https://edokmeetings.stockholm.se/" + "/".join(rel[1:-1])
            m = meetingplus.parse_meeting(f.read_text(encoding="utf-8"), url)
            key = f"meetingplus {rel[2]}"
        elif rel[0] == "insynsverige" and f.name.startswith("date="):
            url = "https://insynsverige.se/" + "/".join(rel[1:-1]) + "?" + f.stem
            m = insynsverige.parse_meeting(f.read_text(encoding="utf-8"), url)
            key = f"insynsverige {rel[1]}"
        else:
            continue
        c = per_source[key]
        c["meetings"] += 1
        c["dated"] += int(m.date is not None)
        c["items"] += len(m.items)
        remiss = [i for i in m.items if i.is_remiss]
        c["remiss"] += len(remiss)
        c["remiss with remittent"] += sum(1 for i in remiss if i.remitting_body)
        c["remiss with a dnr"] += sum(1 for i in remiss if i.dnr or i.remitting_dnr)
        c["remiss with documents"] += sum(1 for i in remiss if i.documents)
        forms.update(number_form(i.number) for i in m.items)
    return {"per_source": {k: dict(v) for k, v in sorted(per_source.items())}, "number_forms": dict(forms)}


def report(dev: dict[str, Any], sites: dict[str, Any]) -> str:
    lines = ["# Agenda items on the real page shapes", "",
             f"Development set: {dev['items']} items x {len(LEGACY + MP)} markups = {dev['renderings']} renderings.",
             "",
             "| metric | value |", "| --- | --- |"]
    lines += [f"| {k} | {dev[k]} |" for k in ("precision", "recall", "f1", "field_accuracy")]
    lines += ["", "| field | right |", "| --- | --- |"]
    lines += [f"| {k} | {v} |" for k, v in dev["fields"].items()]
    lines += ["", "| markup | items found |", "| --- | --- |"]
    lines += [f"| {k} | {v} |" for k, v in dev["shapes"].items()]
    lines += ["", "| pattern | all fields right |", "| --- | --- |"]
    lines += [f"| {k} | {v} |" for k, v in dev["patterns"].items()]
    lines += ["", "Failures:", ""] + ([f"- {x}" for x in dev["failures"]] or ["- none"])
    lines += ["", "## Recorded sites", "", "| source | meetings | dated | items | remiss | with remittent | with dnr | "
              "with documents |", "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for k, c in sites["per_source"].items():
        lines.append(f"| {k} | {c.get('meetings', 0)} | {c.get('dated', 0)} | {c.get('items', 0)} | "
                     f"{c.get('remiss', 0)} | {c.get('remiss with remittent', 0)} | {c.get('remiss with a dnr', 0)} | "
                     f"{c.get('remiss with documents', 0)} |")
    forms = ", ".join(f"{k}: {v}" for k, v in sites["number_forms"].items())
    lines += ["", "Items per number form: " + forms]
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args()
    dev, sites = run_dev(), run_sites()
    text = report(dev, sites)
    print(text)
    for k, want in expected("crawl_items").items():
        got = dev.get(k)
        if isinstance(got, float) and not meets(got, want, tolerance=0.0):
            print(f"REGRESSION {k}: {got} < {want}")
    if args.out:
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
