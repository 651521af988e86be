"""Text per page from a document: the PDF text layer where usable, Tesseract OCR where not.

Text layer: pdfplumber (reading order by lines), hyphenation at line ends joined,
running headers/footers (lines repeated on most pages) removed.
OCR: pages without a usable text layer are rendered by poppler's ``pdftoppm`` and read
by ``tesseract -l swe`` (Debian's tesseract-ocr-swe).
"""
from __future__ import annotations

import logging
import re
import shutil
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

from remissvar.records import PageText

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


def _strip_running_lines(pages: list[str]) -> list[str]:
    """Drop first/last lines that repeat (numbers masked) on most pages of a document."""
    if len(pages) < 3:
        return pages

    def key(line: str) -> str:
        return re.sub(r"\d+", "#", line.strip().lower())

    edges: Counter[str] = Counter()
    for p in pages:
        lines = [ln for ln in p.splitlines() if ln.strip()]
        for ln in set(lines[:2] + lines[-2:]):
            edges[key(ln)] += 1
    running = {k for k, n in edges.items() if n >= max(3, int(0.6 * len(pages))) and k}
    out = []
    for p in pages:
        lines = p.splitlines()
        nonblank = [i for i, ln in enumerate(lines) if ln.strip()]
        edge_idx = set(nonblank[:2] + nonblank[-2:])
        out.append("\n".join(ln for i, ln in enumerate(lines) if not (i in edge_idx and key(ln) in running)))
    return out


def extract_text_file(path: Path) -> list[PageText]:
    raw = path.read_bytes()
    if not raw.strip():
        raise EmptyDocumentError(f"{path.name}: tom fil")
    text = raw.decode("utf-8", errors="replace")
    return [PageText(number=i + 1, text=t) for i, t in enumerate(text.split("\f")) if t.strip()] or [
        PageText(number=1, text=text)
    ]


def ocr_page(pdf: Path, page_no: int, dpi: int = 300, lang: str = "swe") -> str:
    """OCR one page (1-based) with pdftoppm + tesseract."""
    if not shutil.which("tesseract") or not shutil.which("pdftoppm"):
        raise OcrUnavailableError("tesseract/pdftoppm saknas: kör scripts/setup.sh")
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "p"
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", "-png", "-f", str(page_no), "-l", str(page_no), "-singlefile", str(pdf), str(base)],
            check=True, capture_output=True, timeout=120,
        )
        res = subprocess.run(
            ["tesseract", str(base) + ".png", "-", "-l", lang, "--psm", "4"],
            check=True, capture_output=True, timeout=300,
        )
        return res.stdout.decode("utf-8", errors="replace")


def extract_pdf(path: Path, *, ocr: str = "auto") -> list[PageText]:
    """Pages of a PDF. ``ocr``: 'auto' (pages without text layer), 'always' or 'never'."""
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
    except Exception:
        pass  # damaged files are judged by pdfplumber below
    try:
        with pdfplumber.open(path) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise TooLargeError(f"{path.name}: {len(pdf.pages)} sidor > {MAX_PAGES}")
            if not pdf.pages:
                raise EmptyDocumentError(f"{path.name}: inga sidor")
            layer = [(p.extract_text(layout=False, x_tolerance=1.5) or "") for p in pdf.pages]
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

    texts, ocr_flags = [], []
    for i, t in enumerate(layer, start=1):
        use_ocr = ocr == "always" or (ocr == "auto" and len(t.strip()) < MIN_CHARS_PER_PAGE)
        if use_ocr and ocr != "never":
            t = ocr_page(path, i)
        texts.append(join_hyphenation(t))
        ocr_flags.append(use_ocr and ocr != "never")
    texts = _strip_running_lines(texts)
    pages = [PageText(number=i, text=t, ocr=o) for i, (t, o) in enumerate(zip(texts, ocr_flags), start=1)]
    if not any(p.text.strip() for p in pages):
        raise EmptyDocumentError(f"{path.name}: ingen text, inte heller med OCR")
    return pages


def extract(path: Path, *, ocr: str = "auto") -> list[PageText]:
    """Dispatch on content: PDFs by their magic bytes, .txt as UTF-8 text."""
    if not path.exists():
        raise ExtractError(f"{path}: finns inte")
    if path.suffix.lower() == ".txt":
        return extract_text_file(path)
    return extract_pdf(path, ocr=ocr)
