"""Text per page from a document: the PDF text layer where usable, Tesseract OCR where not.

Text layer: pdfplumber (reading order by lines), hyphenation at line ends joined,
running headers/footers (lines repeated on most pages) removed.
OCR: pages without a usable text layer are rendered by poppler's ``pdftoppm`` and read
by ``tesseract -l swe`` (Debian's tesseract-ocr-swe).
"""
from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from remissvar.records import PageText
from remissvar.settings import Settings, get_settings

log = logging.getLogger(__name__)

MAX_BYTES = 50 * 1024 * 1024
MAX_PAGES = 300
MIN_CHARS_PER_PAGE = 40  # below this a page counts as having no usable text layer


class ExtractError(Exception):
    """A document could not be turned into text; ``reason`` is a short code for records."""

    reason = "extract_failed"


class NotAPdfError(ExtractError):
    reason = "not_a_pdf"


class EncryptedPdfError(ExtractError):
    reason = "encrypted"


class CorruptPdfError(ExtractError):
    reason = "corrupt"


class EmptyDocumentError(ExtractError):
    reason = "empty"


class TooLargeError(ExtractError):
    reason = "too_large"


class OcrUnavailableError(ExtractError):
    reason = "ocr_unavailable"


_HYPHEN = re.compile(r"(\w)-\n(\w+)")
# "informations- och diskussionsforum": a dash before a conjunction is a real dash
_KEEP_DASH_BEFORE = {"och", "eller", "samt", "respektive", "som", "till", "men"}


def join_hyphenation(text: str) -> str:
    """'förvalt-\\nningen' -> 'förvaltningen' (not 'informations- och', which keeps its dash)."""
    def fix(m: re.Match[str]) -> str:
        nxt = m.group(2)
        if not nxt[0].islower() or nxt in _KEEP_DASH_BEFORE:
            return m.group(0)
        return m.group(1) + nxt

    return _HYPHEN.sub(fix, text)


HEAD_LINES, FOOT_LINES = 4, 2  # lines at a page's top/bottom that may be running headers/footers


def _strip_running(pages: list[str]) -> tuple[list[str], list[list[str]]]:
    """(page texts without running lines, the lines removed from each page).

    A protocol's page head is four lines ("7", "Kommunfullmäktige", "Protokoll", "2026-06-10")."""
    if len(pages) < 3:
        return pages, [[] for _ in pages]

    def key(line: str) -> str:
        return re.sub(r"\d+", "#", line.strip().lower())

    def edges_of(lines: list[str]) -> set[int]:
        nonblank = [i for i, ln in enumerate(lines) if ln.strip()]
        return set(nonblank[:HEAD_LINES] + nonblank[-FOOT_LINES:])

    edges: Counter[str] = Counter()
    for p in pages:
        lines = p.splitlines()
        for k in {key(lines[i]) for i in edges_of(lines)}:
            edges[k] += 1
    running = {k for k, n in edges.items() if n >= max(3, int(0.6 * len(pages))) and k}
    out, removed = [], []
    for p in pages:
        lines = p.splitlines()
        edge_idx = edges_of(lines)
        drop = {i for i in edge_idx if key(lines[i]) in running}
        out.append("\n".join(ln for i, ln in enumerate(lines) if i not in drop))
        removed.append([lines[i].strip() for i in sorted(drop)])
    return out, removed


_CONTACT = re.compile(r"(?i)\b(?:postadress|besöksadress|telefon|tel\.|växel|e-?post|webbplats|org\.?\s?nr)\b|www\.|@")


def _layout_cues(page: Any) -> tuple[list[str], set[str]]:
    """(heading lines, footer/page-number lines) of a pdfplumber page, from font and position.

    Headings: lines set bold (most characters in a *Bold* font) or at least 1.5 pt above the
    page's body size. Footers: lines in the bottom 12 % set smaller than the body when one of
    them is a contact line (Postadress, Telefon, e-mail; footnotes stay), and page counters
    such as "1(2)" in the top 8 %. Measured on the real PDFs (tests/fixtures/
    real-documents): pdfplumber's text lines carry the fonts that pdftotext drops."""
    try:
        lines = page.extract_text_lines(return_chars=True, x_tolerance=1.5)
    except (ValueError, KeyError, TypeError, AttributeError):  # damaged content: no cues rather than no text
        return [], set()
    sizes: Counter[float] = Counter()
    for ln in lines:
        for c in ln["chars"]:
            if c["text"].strip():
                sizes[round(float(c["size"]), 1)] += 1
    if not sizes:
        return [], set()
    body = sizes.most_common(1)[0][0]
    height = float(page.height)
    headings: list[str] = []
    drop: set[str] = set()
    bottom: set[str] = set()
    for ln in lines:
        chars = [c for c in ln["chars"] if c["text"].strip()]
        text = " ".join(ln["text"].split())
        if not chars or not text:
            continue
        size = max(Counter(round(float(c["size"]), 1) for c in chars).items(), key=lambda kv: kv[1])[0]
        bold = sum("bold" in str(c.get("fontname", "")).lower() for c in chars) >= 0.8 * len(chars)
        top = float(ln["top"])
        if top > 0.88 * height and size < body - 0.4:
            bottom.add(text)
        elif top < 0.08 * height and re.fullmatch(r"\d{1,3}\s*\(\d{1,3}\)", text):
            drop.add(text)
        elif (bold or size >= body + 1.5) and len(text) <= 100:
            headings.append(text)
    # a letterhead footer carries contact lines; small text at the bottom without them (footnotes) stays
    if any(_CONTACT.search(t) for t in bottom):
        drop |= bottom
    return headings, drop


def extract_text_file(path: Path) -> list[PageText]:
    raw = path.read_bytes()
    if not raw.strip():
        raise EmptyDocumentError(f"{path.name}: tom fil")
    text = raw.decode("utf-8", errors="replace")
    return [PageText(number=i + 1, text=t) for i, t in enumerate(text.split("\f")) if t.strip()] or [
        PageText(number=1, text=text)
    ]


def ocr_jobs(settings: Settings | None = None) -> int:
    """Pages OCR'd at once: the settings' ``ocr_jobs`` (REMISSVAR_OCR_JOBS), 0 meaning one per core."""
    return max(1, (settings or get_settings()).ocr_jobs or os.cpu_count() or 1)


def render_dpi(page: Any) -> int:
    """The resolution to render a page at for OCR: the scan's own (no detail is gained above
    it, and the time grows with the square), between 200 and 300 dpi; 300 without an image."""
    best = 0.0
    for im in page.images:
        width_in = max(float(im["x1"]) - float(im["x0"]), 1.0) / 72
        src = im.get("srcsize") or (0, 0)
        best = max(best, float(src[0]) / width_in)
    return 300 if best <= 0 else int(min(300, max(200, round(best / 50) * 50)))


def ocr_page(pdf: Path, page_no: int, dpi: int = 300, lang: str = "swe") -> str:
    """OCR one page (1-based) with pdftoppm + tesseract."""
    if not shutil.which("tesseract") or not shutil.which("pdftoppm"):
        raise OcrUnavailableError("tesseract/pdftoppm saknas: kör scripts/setup.sh")
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "p"
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", "-png", "-f", str(page_no), "-l", str(page_no), "-singlefile",
             str(pdf), str(base)],
            check=True, capture_output=True, timeout=120,
        )
        res = subprocess.run(
            ["tesseract", str(base) + ".png", "-", "-l", lang, "--psm", "4"],
            check=True, capture_output=True, timeout=300,
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},  # pages run in parallel: one thread each
        )
        return res.stdout.decode("utf-8", errors="replace")


def extract_pdf(path: Path, *, ocr: str = "auto", jobs: int | None = None) -> list[PageText]:
    """Pages of a PDF. ``ocr``: 'auto' (pages without text layer), 'always' or 'never';
    ``jobs``: scanned pages OCR'd at once (default ``ocr_jobs()``)."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    size = path.stat().st_size
    if size > MAX_BYTES:
        raise TooLargeError(f"{path.name}: {size} byte > {MAX_BYTES}")
    head = path.open("rb").read(1024)
    if not head.strip():
        raise EmptyDocumentError(f"{path.name}: tom fil")
    if b"%PDF-" not in head:
        raise NotAPdfError(f"{path.name}: ingen PDF (börjar med {head[:16]!r})")
    try:
        from pypdf import PdfReader

        if PdfReader(path).is_encrypted:
            raise EncryptedPdfError(f"{path.name}: krypterad PDF")
    except ExtractError:
        raise
    except Exception as e:  # damaged files are judged by pdfplumber below
        log.debug("pypdf could not read %s: %s", path.name, e, exc_info=True)
    try:
        with pdfplumber.open(path) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise TooLargeError(f"{path.name}: {len(pdf.pages)} sidor > {MAX_PAGES}")
            if not pdf.pages:
                raise EmptyDocumentError(f"{path.name}: inga sidor")
            layer, cues, dropped, dpis = [], [], [], []
            for p in pdf.pages:
                dpis.append(render_dpi(p))
                t = p.extract_text(layout=False, x_tolerance=1.5) or ""
                heads, drop = _layout_cues(p) if len(t.strip()) >= MIN_CHARS_PER_PAGE else ([], set())
                dropped.append([ln.strip() for ln in t.splitlines() if " ".join(ln.split()) in drop])
                if drop:
                    t = "\n".join(ln for ln in t.splitlines() if " ".join(ln.split()) not in drop)
                layer.append(t)
                cues.append(heads)
    except ExtractError:
        raise
    except PDFPasswordIncorrect as e:
        raise EncryptedPdfError(f"{path.name}: krypterad PDF") from e
    except PDFSyntaxError as e:
        raise CorruptPdfError(f"{path.name}: trasig PDF ({e})") from e
    except Exception as e:  # pdfminer raises many kinds on damaged files
        if "encrypt" in str(e).lower() or "password" in str(e).lower():
            raise EncryptedPdfError(f"{path.name}: krypterad PDF") from e
        raise CorruptPdfError(f"{path.name}: trasig PDF ({type(e).__name__}: {e})") from e

    ocr_flags = [ocr == "always" or (ocr == "auto" and len(t.strip()) < MIN_CHARS_PER_PAGE) for t in layer]
    ocr_flags = [f and ocr != "never" for f in ocr_flags]
    wanted = [i for i, f in enumerate(ocr_flags) if f]
    if wanted:
        # the scanned pages in parallel (tesseract and pdftoppm are processes: one per core),
        # each rendered at a resolution chosen by its scan
        with ThreadPoolExecutor(max_workers=min(len(wanted), jobs or ocr_jobs())) as pool:
            done = pool.map(lambda i: ocr_page(path, i + 1, dpi=dpis[i]), wanted)
            for i, t in zip(wanted, done, strict=True):
                layer[i] = t
    texts = [join_hyphenation(t) for t in layer]
    texts, removed = _strip_running(texts)
    pages = []
    for i, (t, o) in enumerate(zip(texts, ocr_flags, strict=True), start=1):
        kept = {" ".join(ln.split()) for ln in t.splitlines()}
        heads = [h for h in cues[i - 1] if h in kept] if not o else []
        pages.append(PageText(number=i, text=t, ocr=o, headings=heads, running_lines=removed[i - 1] + dropped[i - 1]))
    if not any(p.text.strip() for p in pages):
        raise EmptyDocumentError(f"{path.name}: ingen text, inte heller med OCR")
    return pages


def extract(path: Path, *, ocr: str = "auto", jobs: int | None = None) -> list[PageText]:
    """Dispatch on content: PDFs by their magic bytes, .txt as UTF-8 text."""
    if not path.exists():
        raise ExtractError(f"{path}: finns inte")
    if path.suffix.lower() == ".txt":
        return extract_text_file(path)
    return extract_pdf(path, ocr=ocr, jobs=jobs)
