"""Parsing with a budget: every document is read in a child process with limits.

Issue 16 measured a 43 KB PDF with 2 million text operators running past 120 s at 4.7 GB,
and a 1 MB PDF inflating to 1 GiB taking 17.5 s and 2.1 GB, inside the worker. Here:

1. before anything is read (in the calling process, from ``stat``): the file exists, is a
   regular file, and is at most ``max_bytes`` (PDF) or ``max_text_bytes`` (``.txt``);
2. in a child process from a fork server (see ``_context``) with ``RLIMIT_AS``
   (``memory_bytes`` of address space on top of what the child maps at start), ``RLIMIT_CPU``
   and no core files, its own process group (so OCR's ``pdftoppm``/``tesseract`` go with
   it), and a wall-clock deadline after which the whole group is killed:
   - a scan of the PDF's streams, inflating every non-image Flate stream incrementally
     (never more than ``_STEP`` at a time) and stopping at ``max_stream_bytes`` per
     stream or ``max_inflated_bytes`` in all; then the page count (``max_pages``);
   - then the parse itself (``ingest.parse.parse_file`` or the crawl's ``parse_task``).
3. Whatever exceeds a limit raises ``BudgetExceededError`` — an ``ExtractError``
   subclass, so the pipeline treats it as permanent (one dead letter with its reason,
   never retried) and ``remissvar parse`` prints it as one line.

The wall budget grows with the page count (OCR takes seconds a page):
``min(wall_max_s, wall_base_s + wall_per_page_s * pages)``; CPU gets the same.
"""
from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.connection
import multiprocessing.context
import multiprocessing.process
import os
import pickle
import re
import resource
import signal
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ingest.parse.extract import EmptyDocumentError, ExtractError, TooLargeError
from remissvar.records import Yttrande

if TYPE_CHECKING:
    from ingest.parse.from_crawl import DocumentTask

T = TypeVar("T")
log = logging.getLogger(__name__)
OCR_MODES = ("auto", "always", "never")
_STEP = 1024 * 1024  # inflate at most this much per call


class BudgetExceededError(ExtractError):
    """A document over its parse budget (time, memory, pages, inflated size): permanent."""

    reason = "over_budget"


class NotAFileError(ExtractError):
    reason = "not_found"


class ParseCrashedError(ExtractError):
    """The parser failed in a way it does not report itself (a bug or a hostile file); permanent."""

    reason = "parse_failed"


@dataclass(frozen=True)
class ParseBudget:
    max_bytes: int = 50 * 1024 * 1024  # a PDF file
    max_text_bytes: int = 5 * 1024 * 1024  # a .txt file
    max_pages: int = 300
    max_stream_bytes: int = 64 * 1024 * 1024  # one inflated non-image stream
    max_inflated_bytes: int = 256 * 1024 * 1024  # all inflated non-image streams
    memory_bytes: int = 1536 * 1024 * 1024  # RLIMIT_AS of the child
    wall_base_s: float = 60.0
    wall_per_page_s: float = 15.0
    wall_max_s: float = 900.0

    def wall_for(self, pages: int) -> float:
        return min(self.wall_max_s, self.wall_base_s + self.wall_per_page_s * max(1, pages))


DEFAULT_BUDGET = ParseBudget()


# --- checks before reading ----------------------------------------------------------------

def check_file(path: Path, budget: ParseBudget = DEFAULT_BUDGET) -> int:
    """The file's size, after checking that it exists, is a file and is within the size limit
    (from ``stat``: nothing is read)."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise NotAFileError(f"{path}: filen finns inte") from None
    except OSError as e:
        raise NotAFileError(f"{path}: kan inte läsas ({e.strerror})") from None
    if path.is_dir():
        raise NotAFileError(f"{path}: är en mapp, inte en fil")
    if not path.is_file():
        raise NotAFileError(f"{path}: är inte en vanlig fil")
    limit = budget.max_text_bytes if path.suffix.lower() == ".txt" else budget.max_bytes
    if st.st_size > limit:
        raise TooLargeError(f"{path.name}: {st.st_size} byte, högst {limit} byte")
    if st.st_size == 0:
        raise EmptyDocumentError(f"{path.name}: tom fil")
    return st.st_size


def check_ocr(ocr: str) -> str:
    if ocr not in OCR_MODES:
        raise ValueError(f"ogiltigt värde för --ocr: {ocr!r} (välj auto, always eller never)")
    return ocr


# --- checks in the child --------------------------------------------------------------------

_STREAM = re.compile(rb">>\s*stream\r?\n")


def inflated_sizes(data: bytes, budget: ParseBudget = DEFAULT_BUDGET) -> int:
    """Total inflated bytes of the PDF's non-image Flate streams; ``BudgetExceededError``
    as soon as one stream or the total passes its cap (inflating stepwise, never all at once)."""
    total = 0
    for m in _STREAM.finditer(data):
        head = data[max(0, m.start() - 2048):m.start()]
        obj = head.rfind(b"obj")
        head = head[obj:] if obj >= 0 else head
        if b"/FlateDecode" not in head and b"/Fl " not in head and b"/Fl]" not in head:
            continue
        if re.search(rb"/Subtype\s*/Image", head):
            continue  # images are not decoded for text extraction
        d = zlib.decompressobj()
        pos, size = m.end(), 0
        try:
            while not d.eof and pos < len(data):
                chunk = data[pos:pos + 64 * 1024]
                pos += len(chunk)
                out = d.decompress(chunk, _STEP)
                while True:
                    size += len(out)
                    total += len(out)
                    if size > budget.max_stream_bytes:
                        raise BudgetExceededError(
                            f"en ström packas upp till mer än {budget.max_stream_bytes // 2**20} MiB")
                    if total > budget.max_inflated_bytes:
                        raise BudgetExceededError(
                            f"strömmarna packas upp till mer än {budget.max_inflated_bytes // 2**20} MiB")
                    if d.eof or not d.unconsumed_tail:
                        break
                    out = d.decompress(d.unconsumed_tail, _STEP)
        except zlib.error:
            continue  # a damaged stream: the parser judges it
    return total


def count_pages(path: Path) -> int:
    """Pages by pypdf (0 when it cannot tell; the parser then judges the file)."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        return len(PdfReader(path).pages)
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError, RecursionError,
            AssertionError, ZeroDivisionError, UnicodeError):
        return 0


def preflight(path: Path, budget: ParseBudget = DEFAULT_BUDGET) -> int:
    """Streams and page count of a PDF (no-op for text files); returns the page count."""
    if path.suffix.lower() == ".txt":
        return 1
    data = path.read_bytes()
    if b"%PDF-" not in data[:1024]:
        return 1  # the parser reports "not a PDF"
    try:
        inflated_sizes(data, budget)
    except BudgetExceededError as e:
        raise BudgetExceededError(f"{path.name}: {e}") from None
    del data
    pages = count_pages(path)
    if pages > budget.max_pages:
        raise BudgetExceededError(f"{path.name}: {pages} sidor, högst {budget.max_pages}")
    return pages


# --- the child ------------------------------------------------------------------------------

def _limit(kind: int, value: int) -> None:
    soft, hard = resource.getrlimit(kind)
    new_hard = value if hard == resource.RLIM_INFINITY else min(hard, value)
    resource.setrlimit(kind, (min(value, new_hard), new_hard))


def _child(conn: multiprocessing.connection.Connection, func: Callable[..., Any], args: tuple[Any, ...],
           kwargs: dict[str, Any], budget: ParseBudget, paths: list[Path]) -> None:
    os.setpgid(0, 0)  # own process group: OCR's subprocesses are killed with it
    _limit(resource.RLIMIT_CORE, 0)
    # the budget comes on top of what the child already maps (the fork server's imports)
    _limit(resource.RLIMIT_AS, _vm_size() + budget.memory_bytes)
    _limit(resource.RLIMIT_CPU, int(budget.wall_max_s) + 1)  # lowered once the pages are counted
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings on damaged files are the parser's to judge
    msg: tuple[Any, ...]
    try:
        pages = max([preflight(p, budget) for p in paths], default=1)
        _limit(resource.RLIMIT_CPU, int(budget.wall_for(pages)) + 1)
        conn.send(("pages", pages))
        msg = ("ok", func(*args, **kwargs))
    except MemoryError:
        msg = ("budget", f"mer minne än {budget.memory_bytes // 2**20} MiB")
    except RecursionError:
        msg = ("crash", "RecursionError", "för djup nästling")
    except ExtractError as e:
        msg = ("extract", e)
    except Exception as e:  # anything else the parser raises on a hostile file: reported, not retried
        log.warning("tolkningen misslyckades", exc_info=True)
        msg = ("crash", type(e).__name__, str(e)[:500])
    try:
        conn.send(msg)
    except MemoryError:
        conn.send(("budget", f"mer minne än {budget.memory_bytes // 2**20} MiB"))
    except (TypeError, AttributeError, ValueError, RecursionError, pickle.PicklingError) as e:
        conn.send(("crash", type(e).__name__, str(e)[:500]))  # a result or error that does not pickle
    conn.close()


# imported once in the fork server, so that each child starts with them (else every child
# imports pdfplumber anew: 0.8 s instead of 0.1 s for a small document)
PRELOAD = ("pdfplumber", "pypdf", "pdfminer.high_level", "ingest.parse.document", "ingest.parse.from_crawl")


def _context() -> multiprocessing.context.ForkServerContext:
    """Children come from a fork server: a single-threaded process started once, with
    ``PRELOAD`` imported, that forks one child per document.

    Not a plain fork of the caller: the dramatiq worker has several threads (and the
    embedding model's), and a fork copies whatever lock another thread holds at that moment
    (a stream being logged to, a module being imported) into a child that then waits on it
    forever - a sound document parked until its wall budget ran out and dead-lettered as
    "over_budget" (seen once in about four runs of the pipeline fault test). Only
    ``PRELOAD`` is imported there, never the caller's ``__main__`` (scripts are not run twice)."""
    ctx = multiprocessing.get_context("forkserver")
    assert isinstance(ctx, multiprocessing.context.ForkServerContext)
    ctx.set_forkserver_preload(list(PRELOAD))
    return ctx


def _vm_size() -> int:
    """This process's address space in bytes (VmSize), 0 when unknown."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def run_bounded(func: Callable[..., T], *args: Any, paths: list[Path], budget: ParseBudget = DEFAULT_BUDGET,
                **kwargs: Any) -> T:
    """``func(*args, **kwargs)`` in a child process under ``budget``, after checking ``paths``
    (the files it reads) by size here and by streams/pages in the child. Its result must
    pickle. Raises ``ExtractError`` subclasses only (``BudgetExceededError`` for any limit)."""
    for p in paths:
        check_file(p, budget)
    ctx = _context()
    parent, child = multiprocessing.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, func, args, kwargs, budget, paths), daemon=True)
    t0 = time.monotonic()
    proc.start()
    child.close()
    name = paths[0].name if paths else getattr(func, "__name__", "?")
    wall = budget.wall_base_s  # until the child has counted the pages
    msg: tuple[Any, ...] = ("none",)
    try:
        while True:
            left = wall - (time.monotonic() - t0)
            if left <= 0 or not parent.poll(left):
                _kill_group(proc.pid or 0)
                raise BudgetExceededError(f"{name}: tolkningen tog mer än {wall:.0f} s")
            try:
                msg = parent.recv()
            except (EOFError, OSError):
                raise _died(proc, name, budget, wall) from None
            if msg[0] != "pages":
                break
            wall = budget.wall_for(int(msg[1]))
    finally:
        proc.join(max(0.0, min(5.0, wall - (time.monotonic() - t0))))
        if proc.is_alive():
            _kill_group(proc.pid or 0)
            proc.join(1)
        parent.close()
    if msg[0] == "ok":
        result: T = msg[1]
        return result
    if msg[0] == "extract":
        raise msg[1]
    if msg[0] == "budget":
        raise BudgetExceededError(f"{name}: {msg[1]}")
    raise ParseCrashedError(f"{name}: {msg[1]}: {msg[2]}")


def _died(proc: multiprocessing.process.BaseProcess, name: str, budget: ParseBudget, wall: float) -> ExtractError:
    """The error for a child that ended without an answer."""
    proc.join(5)
    code = proc.exitcode
    if code == -signal.SIGXCPU:
        return BudgetExceededError(f"{name}: mer än {wall:.0f} s processortid")
    if code in (-signal.SIGKILL, -signal.SIGSEGV, -signal.SIGABRT, -signal.SIGBUS):
        return BudgetExceededError(f"{name}: tolkningen avbröts (signal {-(code or 0)}; minnesgränsen "
                                   f"{budget.memory_bytes // 2**20} MiB?)")
    return ParseCrashedError(f"{name}: tolkningen avslutades utan svar (kod {code})")


def parse_file_bounded(path: Path, *, ocr: str = "auto", budget: ParseBudget = DEFAULT_BUDGET,
                       **options: Any) -> Yttrande:
    """``ingest.parse.parse_file(path, ocr=ocr, **options)`` under ``budget`` (see the module
    docstring); ``options`` are parse_file's own (source_url, doc_id, text_is_ocr, protocol_text, …)."""
    from ingest.parse.document import parse_file

    check_ocr(ocr)
    return run_bounded(parse_file, path, paths=[path], budget=budget, ocr=ocr, **options)


# the crawler's peek at a downloaded PDF (a protocol, a zip member): which agenda items it
# covers. Same child, stream scan and kill as a parse; it never refuses a long protocol for its
# page count (it reads only the first ``pages``), and less time and memory than a parse
PEEK_BUDGET = ParseBudget(max_pages=5000, memory_bytes=768 * 1024 * 1024, wall_base_s=10.0, wall_per_page_s=0.5,
                          wall_max_s=240.0)
PEEK_MAX_CHARS = 4_000_000  # about 1,000 pages of text: more than any protocol's §§ need


def _peek_text(path: Path, pages: int, max_chars: int) -> str:
    """(In the child.) The text layer of the first ``pages`` pages, at most ``max_chars``
    characters; '' when pdfminer cannot read the file (it has no text to match on)."""
    import pdfplumber

    out: list[str] = []
    size = 0
    try:
        with pdfplumber.open(path) as doc:
            for page in doc.pages[:pages]:
                text = page.extract_text() or ""
                out.append(text)
                size += len(text) + 1
                page.close()  # pdfplumber keeps each page's objects otherwise
                if size >= max_chars:
                    break
    except MemoryError:
        raise
    except Exception:  # noqa: BLE001 - a damaged file: no text, the parse stage judges it
        return ""
    return "\n".join(out)[:max_chars]


def peek_pdf_text(data: bytes, *, pages: int = 3, max_chars: int = PEEK_MAX_CHARS,
                  budget: ParseBudget = PEEK_BUDGET) -> str:
    """The text of an untrusted PDF's first ``pages`` pages (at most ``max_chars``), read in a
    child under ``budget`` like a parse (streams inflated stepwise and capped, address space,
    CPU and wall time limited). Raises ``BudgetExceededError`` (or another ``ExtractError``)
    for a file over a limit; a file pdfminer cannot read gives ''."""
    import tempfile

    if len(data) > budget.max_bytes:
        raise TooLargeError(f"{len(data)} byte, högst {budget.max_bytes} byte")
    with tempfile.TemporaryDirectory(prefix="remissvar-peek-") as d:
        path = Path(d) / "peek.pdf"
        path.write_bytes(data)
        return run_bounded(_peek_text, path, pages, max_chars, paths=[path], budget=budget)


def with_limits(budget: ParseBudget = DEFAULT_BUDGET, **changes: Any) -> ParseBudget:
    return replace(budget, **changes)


def parse_task_bounded(task: DocumentTask, budget: ParseBudget = DEFAULT_BUDGET) -> Yttrande:
    """The crawl pipeline's ``parse_task`` (document plus its protocol extract) under ``budget``."""
    from ingest.parse.from_crawl import parse_task

    paths = [task.path] + ([task.protocol_path] if task.protocol_path is not None else [])
    return run_bounded(parse_task, task, paths=paths, budget=budget)
