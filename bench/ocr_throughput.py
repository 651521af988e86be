"""OCR pages per minute, serial against one page per core (issue 18: >= 1.8x on 2 cores).

A scanned document of N pages (the Södermalm seed typeset, rasterised and made image-only,
the same page repeated) is OCR'd through ingest.parse.extract with one job (``jobs=1``) and then
with one job per core; the text must be the same. Prints pages/min for both and the ratio,
and the resolution the scan was rendered at.

Usage: .venv/bin/python bench/ocr_throughput.py [--pages 6]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.parse.extract import extract, ocr_jobs


def scanned_pdf(pages: int, out: Path) -> Path:
    """An image-only PDF of ``pages`` pages from the scanned fixture page."""
    import subprocess

    import img2pdf

    src = ROOT / "tests/fixtures/pdf/sodermalm_scanned_p1.pdf"
    png = out.with_suffix(".png")
    subprocess.run(["pdftoppm", "-r", "200", "-gray", "-png", "-singlefile", str(src), str(png.with_suffix(""))],
                   check=True)
    out.write_bytes(img2pdf.convert([str(png)] * pages, layout_fun=img2pdf.get_fixed_dpi_layout_fun((200, 200))))
    return out


def run(pdf: Path, jobs: int) -> tuple[float, list[str]]:
    t = time.perf_counter()
    pages = extract(pdf, ocr="auto", jobs=jobs)
    return time.perf_counter() - t, [p.text for p in pages]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=6)
    args = ap.parse_args()
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        pdf = scanned_pdf(args.pages, Path(tmp) / "scan.pdf")
        serial_s, serial_text = run(pdf, 1)
        parallel_s, parallel_text = run(pdf, cores)
    assert serial_text == parallel_text, "parallel OCR must give the same text"
    serial_ppm, parallel_ppm = args.pages * 60 / serial_s, args.pages * 60 / parallel_s
    result = {"pages": args.pages, "cores": cores, "jobs": ocr_jobs(), "serial_pages_per_min": round(serial_ppm, 1),
              "parallel_pages_per_min": round(parallel_ppm, 1), "speedup": round(parallel_ppm / serial_ppm, 2)}
    print(f"OCR, {args.pages} scanned pages at 200 dpi: serial {serial_ppm:.1f} pages/min, "
          f"{cores} jobs {parallel_ppm:.1f} pages/min, speed-up {result['speedup']}x")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
