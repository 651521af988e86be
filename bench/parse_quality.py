"""Parse-stage quality and speed, measured (issue: PDF -> structured yttrande).

1. OCR repair: the clean Södermalm seed is typeset, rendered to an image-only PDF and
   OCR'd with Tesseract's Swedish model and (as many archive scans were) its English one;
   word accuracy against the clean words before and after lexicon repair.
2. Fields: a labelled set of real documents (bench/labels.json: the seeds, the PDF
   fixtures) plus variants made from them (å/ä/ö stripped as OCR does, English-model OCR,
   sections reordered); field-level precision/recall and position accuracy.
3. Time per page: text layer and OCR.

Usage: .venv/bin/python bench/parse_quality.py [--out bench/reports/parse_quality.md]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.extract import extract, join_hyphenation, ocr_page  # noqa: E402
from ingest.ocr_repair import repair_text, word_accuracy  # noqa: E402
from ingest.parse import parse_file  # noqa: E402
from ingest.structure import parse_structure  # noqa: E402
from remissvar.records import PageText, Yttrande  # noqa: E402

SEED = ROOT / "tests/fixtures/seeds/000_799dd45ed89de956.txt"
LABELS = ROOT / "bench/labels.json"
FIELDS = ["council", "date", "handlaggare", "remiss.title", "remiss.body", "remiss.dnr", "remiss.deadline",
          "remiss.motion.number", "remiss.motion.authors", "remiss.motion.parties", "remiss.also_sent_to",
          "remiss.id", "position"]


def get(y: Yttrande, path: str):
    obj = y
    for part in path.split("."):
        if obj is None:
            return None
        obj = getattr(obj, part)
    if hasattr(obj, "value"):
        obj = obj.value
    if hasattr(obj, "position"):
        obj = obj.position.value
    if isinstance(obj, dt.date):
        obj = obj.isoformat()
    if isinstance(obj, list) and not obj:
        return None
    return obj


def fold_damage(text: str) -> str:
    """OCR that lost the diacritics: å/ä -> a, ö -> o (as in the Skärholmen scan)."""
    return text.translate(str.maketrans("åäöÅÄÖ", "aaoAAO"))


def reorder_sections(text: str, seed: int = 7) -> str:
    """Shuffle the blocks after the first heading (a document whose sections come in another order)."""
    heads = ["Sammanfattning", "Bakgrund", "Ärendet", "Ärendets beredning", "Förvaltningens synpunkter och förslag",
             "Barnrättsanalys", "Jämställdhetsanalys"]
    pattern = "(?m)^(" + "|".join(re.escape(h) for h in heads) + ")$"
    parts = re.split(pattern, text)
    head, blocks = parts[0], [parts[i] + parts[i + 1] for i in range(1, len(parts) - 1, 2)]
    tail_idx = len(blocks)
    random.Random(seed).shuffle(blocks)
    return head + "".join(blocks[:tail_idx])


def render_scan(text: str, tmp: Path) -> Path:
    """The text typeset (tests/fixtures/make_pdfs.py) and rasterised to an image-only PDF."""
    sys.path.insert(0, str(ROOT / "tests/fixtures"))
    import img2pdf
    import make_pdfs

    src = tmp / "clean.txt"
    src.write_text(text, encoding="utf-8")
    make_pdfs.SEED = src
    make_pdfs.textlayer_pdf(tmp / "typeset.pdf")
    subprocess.run(["pdftoppm", "-r", "200", "-gray", "-png", str(tmp / "typeset.pdf"), str(tmp / "pg")], check=True)
    pngs = sorted(str(p) for p in tmp.glob("pg*.png"))
    (tmp / "scan.pdf").write_bytes(img2pdf.convert(pngs))
    return tmp / "scan.pdf"


def ocr_benchmark(tmp: Path) -> tuple[list[dict], dict[str, str]]:
    clean = SEED.read_text(encoding="utf-8")
    scan = render_scan(clean, tmp)
    from pypdf import PdfReader

    n_pages = len(PdfReader(scan).pages)
    rows = []
    texts: dict[str, str] = {}
    for lang in ("swe", "eng"):
        t0 = time.perf_counter()
        text = "\n".join(ocr_page(scan, i, lang=lang) for i in range(1, n_pages + 1))
        per_page = (time.perf_counter() - t0) / n_pages
        texts[lang] = text
        t1 = time.perf_counter()
        repaired = repair_text(text)
        repair_s = time.perf_counter() - t1
        rows.append({
            "ocr": f"tesseract -l {lang}", "pages": n_pages, "ocr_s_per_page": per_page,
            "before": word_accuracy(clean, text), "after": word_accuracy(clean, repaired.text),
            "repairs": len(repaired.repairs), "repair_s": repair_s,
        })
    # the plain diacritic loss of the Skärholmen scan, on the clean words
    damaged = fold_damage(clean)
    rows.append({"ocr": "å/ä/ö stripped (as the Skärholmen scan)", "pages": 0, "ocr_s_per_page": 0.0,
                 "before": word_accuracy(clean, damaged), "after": word_accuracy(clean, repair_text(damaged).text),
                 "repairs": len(repair_text(damaged).repairs), "repair_s": 0.0})
    return rows, texts


def field_benchmark(ocr_texts: dict[str, str]) -> tuple[dict, list[dict], int]:
    labels = json.loads(LABELS.read_text(encoding="utf-8"))
    cases: list[tuple[str, Yttrande, dict]] = []
    for item in labels:
        path = ROOT / item["path"]
        y = parse_file(path, text_is_ocr=item.get("text_is_ocr", False))
        cases.append((item["name"], y, item["expected"]))
        for variant in item.get("variants", []):
            text = path.read_text(encoding="utf-8")
            if variant == "diacritics_stripped":
                v = fold_damage(text)
                pages = [PageText(number=1, text=repair_text(v).text, ocr=True)]
            elif variant == "sections_reordered":
                ocr = bool(item.get("text_is_ocr"))
                t = reorder_sections(text)
                pages = [PageText(number=1, text=repair_text(t).text if ocr else t, ocr=ocr)]
            else:
                raise ValueError(variant)
            cases.append((f"{item['name']} [{variant}]", parse_structure(pages), item["expected"]))
        if item.get("scan_variants"):
            for lang, text in ocr_texts.items():
                pages = [PageText(number=1, text=repair_text(join_hyphenation(text)).text, ocr=True)]
                cases.append((f"{item['name']} [scan, tesseract -l {lang}, repaired]", parse_structure(pages),
                              item["expected"]))
    per_field = {f: {"tp": 0, "fp": 0, "fn": 0} for f in FIELDS}
    rows = []
    pos_ok = 0
    for name, y, exp in cases:
        wrong = []
        for f in FIELDS:
            e, p = exp.get(f), get(y, f)
            if e is not None and p == e:
                per_field[f]["tp"] += 1
            else:
                if p is not None:
                    per_field[f]["fp"] += 1
                if e is not None:
                    per_field[f]["fn"] += 1
                if p != e:
                    wrong.append(f"{f}: {p!r} ≠ {e!r}")
        pos_ok += get(y, "position") == exp.get("position")
        rows.append({"case": name, "wrong": wrong})
    return per_field, rows, pos_ok


def text_layer_speed() -> float:
    pdf = ROOT / "tests/fixtures/pdf/sodermalm_textlayer.pdf"
    t0 = time.perf_counter()
    for _ in range(5):
        pages = extract(pdf)
    return (time.perf_counter() - t0) / (5 * len(pages))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(ROOT / "bench/reports/parse_quality.md"))
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmpd:
        tmp = Path(tmpd)
        ocr_rows, ocr_texts = ocr_benchmark(tmp)
    per_field, rows, pos_ok = field_benchmark(ocr_texts)
    tl = text_layer_speed()

    lines = ["# Parse stage: quality and speed", "", f"Measured {dt.datetime.now():%Y-%m-%d %H:%M} on this machine.", "",
             "## OCR word accuracy against the clean words (Södermalm seed, typeset, rasterised at 200 dpi)", "",
             "| OCR | pages | s/page | word accuracy before repair | after repair | words repaired |",
             "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for r in ocr_rows:
        lines.append(f"| {r['ocr']} | {r['pages']} | {r['ocr_s_per_page']:.2f} | {r['before']:.3f} | {r['after']:.3f} | {r['repairs']} |")
    lines += ["", "## Field precision / recall", "", f"{len(rows)} cases (bench/labels.json and variants).", "",
              "| field | precision | recall | tp | fp | fn |", "| --- | ---: | ---: | ---: | ---: | ---: |"]
    tot = {"tp": 0, "fp": 0, "fn": 0}
    for f, c in per_field.items():
        for k in tot:
            tot[k] += c[k]
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        lines.append(f"| {f} | {p:.2f} | {r:.2f} | {c['tp']} | {c['fp']} | {c['fn']} |")
    P = tot["tp"] / (tot["tp"] + tot["fp"]) if tot["tp"] + tot["fp"] else 1.0
    R = tot["tp"] / (tot["tp"] + tot["fn"]) if tot["tp"] + tot["fn"] else 1.0
    lines += [f"| **all fields** | **{P:.2f}** | **{R:.2f}** | {tot['tp']} | {tot['fp']} | {tot['fn']} |", "",
              f"Position accuracy: **{pos_ok}/{len(rows)} = {pos_ok / len(rows):.2f}**", "",
              "### Errors per case", ""]
    for r in rows:
        lines.append(f"- {r['case']}: " + ("all fields right" if not r["wrong"] else "; ".join(r["wrong"])))
    lines += ["", "## Time per page", "", "| path | seconds per page |", "| --- | ---: |",
              f"| text layer (pdfplumber) | {tl:.3f} |"]
    for r in ocr_rows[:2]:
        lines.append(f"| OCR, {r['ocr']} (pdftoppm 300 dpi + tesseract) | {r['ocr_s_per_page']:.2f} |")
    report = "\n".join(lines) + "\n"
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
