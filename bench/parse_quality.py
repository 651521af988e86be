"""Parse-stage quality and speed, measured (issue: PDF -> structured yttrande).

1. OCR repair: the clean Södermalm seed is typeset, rendered to an image-only PDF and
   OCR'd with Tesseract's Swedish model and (as many archive scans were) its English one;
   word accuracy against the clean words before and after lexicon repair.
2. Fields: a labelled set of real documents (bench/labels.json: the seeds, the PDF
   fixtures) plus variants made from them (å/ä/ö stripped as OCR does, English-model OCR,
   sections reordered); field-level precision/recall and position accuracy.
3. Time per page: text layer and OCR.
4. Real documents (issue 19): the seven real PDFs and both seeds against the values written
   by reading them (tests/fixtures/real-documents/expected.json): kind, title, date, dnr,
   handläggare and the other header fields, section names, protocol paragraphs (found,
   with dnr/title/decision, party statements) and attendance. Compared with
   bench/runs.json ("parse_quality_real").

Usage: .venv/bin/python bench/parse_quality.py [--out bench/reports/parse_quality.md]
       .venv/bin/python bench/parse_quality.py --real-only   (part 4 alone; rewrites its
       section of the report)
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
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import expected, meets, publish, regression_flag
from ingest.parse.document import parse_file
from ingest.parse.extract import extract, join_hyphenation, ocr_page
from ingest.parse.ocr_repair import repair_text, word_accuracy
from ingest.parse.structure import parse_structure
from remissvar.records import PageText, Yttrande

SEED = ROOT / "tests/fixtures/seeds/000_799dd45ed89de956.txt"
LABELS = ROOT / "bench/labels.json"
FIELDS = ["council", "date", "handlaggare", "remiss.title", "remiss.body", "remiss.dnr", "remiss.deadline",
          "remiss.motion.number", "remiss.motion.authors", "remiss.motion.parties", "remiss.also_sent_to",
          "remiss.id", "position"]


def get(y: Yttrande, path: str) -> Any:
    obj: Any = y
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


REAL = ROOT / "tests/fixtures/real-documents/expected.json"
REAL_FIELDS = ["kind", "title", "date", "diarienummer", "handlaggare", "body", "administration", "council",
               "remiss_title", "motion_authors", "motion_parties", "deadline", "decision"]
REAL_BEGIN, REAL_END = "<!-- real-documents:begin -->", "<!-- real-documents:end -->"


def _real_value(y: Yttrande, field: str):
    if field == "remiss_title":
        return y.remiss.title
    if field in ("motion_authors", "motion_parties"):
        m = y.remiss.motion
        return (m.authors if field == "motion_authors" else m.parties) if m else []
    if field == "deadline":
        return y.remiss.deadline.isoformat() if y.remiss.deadline else None
    v = getattr(y, field)
    if hasattr(v, "value"):
        return v.value
    if isinstance(v, dt.date):
        return v.isoformat()
    return v


def real_documents_benchmark() -> tuple[dict[str, float], list[str]]:
    """Figures over the real documents and seeds, and a line of errors per document."""
    docs = json.loads(REAL.read_text(encoding="utf-8"))["documents"]
    c = {k: 0 for k in ("fields", "fields_ok", "kinds", "kinds_ok", "sec_docs", "sec_exact", "sec_exp",
                        "sec_found", "sec_got", "par_exp", "par_found", "par_right", "st_exp", "st_right", "att",
                        "att_ok", "pos", "pos_ok", "hdr_plumber", "hdr_plumber_ok", "hdr_raw", "hdr_raw_ok")}
    lines: list[str] = []
    elapsed = 0.0
    n_pages = 0
    for d in docs:
        t0 = time.perf_counter()
        y = parse_file(ROOT / d["file"], text_is_ocr=d.get("text_is_ocr", False))
        if d["file"].endswith(".pdf"):  # the seeds' time is OCR repair's, measured above
            elapsed += time.perf_counter() - t0
            n_pages += len(y.pages)
        wrong: list[str] = []
        for f in REAL_FIELDS:
            if f not in d:
                continue
            got = _real_value(y, f)
            c["fields"] += 1
            c["fields_ok"] += got == d[f]
            if got != d[f]:
                wrong.append(f"{f}: {got!r} ≠ {d[f]!r}")
        c["kinds"] += 1
        c["kinds_ok"] += y.kind.value == d["kind"]
        if "sections" in d:
            names = [sec.name for sec in y.sections]
            c["sec_docs"] += 1
            c["sec_exact"] += names == d["sections"]
            c["sec_exp"] += len(d["sections"])
            c["sec_got"] += len(names)
            c["sec_found"] += sum(1 for n in d["sections"] if n in names)
            if names != d["sections"]:
                wrong.append(f"sections: {names}")
        if "paragraphs" in d:
            got_p = {p.number: p for p in y.paragraphs}
            for e in d["paragraphs"]:
                c["par_exp"] += 1
                p = got_p.get(e["number"])
                if p is None:
                    wrong.append(f"§ {e['number']} not found")
                    continue
                c["par_found"] += 1
                right = (p.dnr, p.title, p.decision) == (e["dnr"], e["title"], e["decision"])
                c["par_right"] += right
                if not right:
                    wrong.append(f"§ {e['number']}: {(p.dnr, p.title, p.decision)!r}")
                got_st = [[s.kind, s.parties] for s in p.statements]
                for st in e["statements"]:
                    c["st_exp"] += 1
                    c["st_right"] += st in got_st
                if len(got_st) != len(e["statements"]):
                    wrong.append(f"§ {e['number']} statements: {got_st}")
            a, ea = y.attendance, d["attendance"]
            c["att"] += 1
            ok = a is not None and (len(a.beslutande), len(a.ersattare), len(a.ovriga),
                                    [x.name for x in a.justerare]) == (ea["beslutande"], ea["ersattare"],
                                                                       ea["ovriga"], ea["justerare"])
            c["att_ok"] += ok
            if not ok:
                wrong.append("attendance")
        if d["file"].endswith(".pdf") and "sections" in d:
            # the header block read in two text orders: pdfplumber's lines (label and value on one
            # line, by position) and pdftotext's raw order (a column of labels, then the values)
            from ingest.parse.header_block import parse_header

            raw = subprocess.run(["pdftotext", "-l", "1", str(ROOT / d["file"]), "-"], capture_output=True,
                                 text=True, check=True).stdout.splitlines()
            for order, lines_ in (("hdr_plumber", y.pages[0].text.splitlines()), ("hdr_raw", raw)):
                hdr = parse_header(lines_).fields
                for key, exp_key in (("datum", "date"), ("dnr", "diarienummer"), ("handlaggare", "handlaggare")):
                    c[order] += 1
                    c[order + "_ok"] += hdr.get(key) == d[exp_key]
        if "position" in d:
            c["pos"] += 1
            c["pos_ok"] += y.position.position.value == d["position"]
            if y.position.position.value != d["position"]:
                wrong.append(f"position: {y.position.position.value} ≠ {d['position']}")
        lines.append(f"- {Path(d['file']).name}: " + ("all right" if not wrong else "; ".join(wrong)))

    def ratio(a: str, b: str) -> float:
        return round(c[a] / c[b], 3) if c[b] else 1.0

    figures = {
        "real_documents": float(len(docs)),
        "real_kind_accuracy": ratio("kinds_ok", "kinds"),
        "real_field_accuracy": ratio("fields_ok", "fields"),
        "real_sections_exact": ratio("sec_exact", "sec_docs"),
        "real_section_recall": ratio("sec_found", "sec_exp"),
        "real_section_precision": round(c["sec_found"] / c["sec_got"], 3) if c["sec_got"] else 1.0,
        "real_paragraphs_found": ratio("par_found", "par_exp"),
        "real_paragraphs_right": ratio("par_right", "par_exp"),
        "real_statements_right": ratio("st_right", "st_exp"),
        "real_attendance_right": ratio("att_ok", "att"),
        "real_position_accuracy": ratio("pos_ok", "pos"),
        "real_header_fields_pdfplumber_order": ratio("hdr_plumber_ok", "hdr_plumber"),
        "real_header_fields_pdftotext_raw_order": ratio("hdr_raw_ok", "hdr_raw"),
        "real_pdf_s_per_page": round(elapsed / max(1, n_pages), 3),
    }
    counts = (f"{c['fields']} fields, {c['kinds']} kinds, {c['sec_exp']} sections in {c['sec_docs']} documents, "
              f"{c['par_exp']} paragraphs, {c['st_exp']} party statements, {c['att']} attendance lists, "
              f"{c['pos']} positions; parse time over {n_pages} PDF pages")
    return figures, [counts] + lines


def real_report(figures: dict[str, float], lines: list[str]) -> list[str]:
    want = expected("parse_quality_real")
    out = [REAL_BEGIN,
           "## Real documents (7 real PDFs and both seeds, tests/fixtures/real-documents/expected.json)",
           "", lines[0] + ".", "", "| figure | value | expected (bench/runs.json) |", "| --- | ---: | ---: |"]
    for k, v in figures.items():
        exp = want.get(k)
        flag = regression_flag(k == "real_pdf_s_per_page" or meets(v, exp))
        out.append(f"| {k} | {v} | {exp if exp is not None else '–'}{flag} |")
    out += ["", "### Per document", ""] + lines[1:] + [REAL_END]
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(ROOT / "bench/reports/parse_quality.md"))
    ap.add_argument("--real-only", action="store_true", help="only the real-documents part; rewrite its section")
    args = ap.parse_args()
    real_figures, real_lines = real_documents_benchmark()
    real_section = real_report(real_figures, real_lines)
    if args.real_only:
        out = Path(args.out)
        old = out.read_text(encoding="utf-8") if out.exists() else "# Parse stage: quality and speed\n"
        if REAL_BEGIN in old and REAL_END in old:
            old = old[: old.index(REAL_BEGIN)] + old[old.index(REAL_END) + len(REAL_END):].lstrip("\n")
        out.write_text(old.rstrip("\n") + "\n\n" + "\n".join(real_section) + "\n", encoding="utf-8")
        print("\n".join(real_section))
        return
    with tempfile.TemporaryDirectory() as tmpd:
        tmp = Path(tmpd)
        ocr_rows, ocr_texts = ocr_benchmark(tmp)
    per_field, rows, pos_ok = field_benchmark(ocr_texts)
    tl = text_layer_speed()

    lines = ["# Parse stage: quality and speed", "",
             f"Measured {dt.datetime.now():%Y-%m-%d %H:%M} on this machine.", "",
             "## OCR word accuracy against the clean words (Södermalm seed, typeset, rasterised at 200 dpi)", "",
             "| OCR | pages | s/page | word accuracy before repair | after repair | words repaired |",
             "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for row in ocr_rows:
        lines.append(f"| {row['ocr']} | {row['pages']} | {row['ocr_s_per_page']:.2f} | {row['before']:.3f} "
                     f"| {row['after']:.3f} | {row['repairs']} |")
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
              f"Position accuracy: **{pos_ok}/{len(rows)} = {pos_ok / len(rows):.2f}**", ""]
    eng = next((r["after"] for r in ocr_rows if r["ocr"] == "tesseract -l eng"), None)
    figures = {"all_fields_precision": P, "all_fields_recall": R, "position_accuracy": pos_ok / len(rows),
               "ocr_word_accuracy_eng_after_repair": eng}
    want = expected("parse_quality")
    lines += ["Against bench/runs.json:", ""]
    for k, v in figures.items():
        ok = v is not None and meets(v, want.get(k))
        lines.append(f"- {k}: {'-' if v is None else f'{v:.3f}'} (expected {want.get(k)}){regression_flag(ok)}")
    lines += ["", "### Errors per case", ""]
    for r in rows:
        lines.append(f"- {r['case']}: " + ("all fields right" if not r["wrong"] else "; ".join(r["wrong"])))
    lines += ["", "## Time per page", "", "| path | seconds per page |", "| --- | ---: |",
              f"| text layer (pdfplumber) | {tl:.3f} |"]
    for r in ocr_rows[:2]:
        lines.append(f"| OCR, {r['ocr']} (pdftoppm 300 dpi + tesseract) | {r['ocr_s_per_page']:.2f} |")
    lines += [""] + real_section
    publish(lines, args.out)


if __name__ == "__main__":
    main()
