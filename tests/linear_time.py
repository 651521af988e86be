"""Adversarial text families and the readers they are fed to, timed at two sizes (issue 28).

Every regex-heavy reader of untrusted text must take time linear in its input: a family
at 100,000 characters may take at most ``MAX_GROWTH`` times as long as at 10,000 (linear
is 10-fold). Time is the child's CPU time (``time.process_time``), not the wall clock: on a
shared two-core machine another process (Elasticsearch merging, a server left by an earlier
test) can slow the 100k run's wall time threefold while the reader's own work is linear, as
CI once showed for the slowest readers (positions, 26-28x by the wall, 10x by the CPU here).
Each measurement runs in a forked child with a wall-clock deadline, so a cubic pattern
fails the test in seconds instead of running for hours. Shared by
``tests/test_linear_time.py`` (the assertion) and ``bench/hardening.py`` (the timings).
"""
from __future__ import annotations

import datetime as dt
import multiprocessing
import multiprocessing.connection
import os
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass

SMALL, LARGE = 10_000, 100_000
MAX_GROWTH = 20.0
FLOOR_S = 0.01  # a 10k time below this is noise (a shared machine): the 100k run may take 20x this (0.2 s)
SMALL_LIMIT_S = 5.0  # a reader that needs longer than this at 10k has failed already
WALL_SLACK = 4.0  # the 100k run may take this x the growth limit by the wall clock before it is killed


def _repeat(unit: str) -> Callable[[int], str]:
    def make(n: int) -> str:
        return (unit * (n // len(unit) + 1))[:n]
    return make


def _run(prefix: str, char: str, suffix: str) -> Callable[[int], str]:
    """``prefix``, a run of ``char`` filling the size, ``suffix`` (the run between two words)."""
    def make(n: int) -> str:
        return prefix + char * max(0, n - len(prefix) - len(suffix)) + suffix
    return make


# name -> text of (about) n characters
FAMILIES: dict[str, Callable[[int], str]] = {
    # repeated keywords the readers anchor on
    "motion_om": _repeat("motion om "),
    "motion_year": _repeat("motion 2024:"),
    "remiss_fran": _repeat("remiss från "),
    "har_remitterat": _repeat("har remitterat "),
    "dnr_label": _repeat("Dnr KS "),
    "paragraph_sign": _repeat("§ 12 "),
    "stance_words": _repeat("tillstyrker avstyrker "),
    "reservation": _repeat("reservation (S) "),
    "council_names": _repeat("Stadsbyggnadsnämnden Kommunstyrelsen "),
    # separator runs
    "hyphen_run": _run("Remiss ", "-", " från"),
    "dot_run": _run("Motion ", ".", " 2024:1"),
    "colon_run": _run("Dnr ", ":", " 12"),
    "mixed_separators": _repeat("-./:;,|–— "),
    # long digit and slash runs
    "digit_run": _run("Dnr KS ", "1", ""),
    "slash_run": _run("KS 2024", "/", "1"),
    "dnr_chain": _repeat("2024/12/"),
    "year_colon_digits": _repeat("2024:1"),
    # unbalanced brackets
    "open_parens": _run("Reservation ", "(", ""),
    "open_brackets": _run("", "[", " motion"),
    "paren_words": _repeat("(S "),
    # whitespace
    "newline_run": _run("Läs", "\n", " mer... rna"),
    "space_run": _run("parke", " ", "Läs mer...rna"),
    "space_run_bare": _run("Remiss", " ", "från"),
    "mixed_whitespace": _repeat(" \n\t\r\n "),
    "readmore_run": _repeat("Läs mer... "),
}


def _html(text: str) -> str:
    from html import escape

    return f"<html><body><main><h1>Sammanträde</h1><p>{escape(text)}</p></main></body></html>"


def _pages(text: str) -> list:  # list[PageText]
    from remissvar.records import PageText

    return [PageText(number=1, text=text)]


def _answer_ref(text: str) -> object:
    from remissvar.linking import AnswerRef, profile

    return profile(AnswerRef(id="a", council="kommunstyrelsen", date=dt.date(2024, 5, 1), title=text,
                             lines=(text,), text=text))


def _readers() -> dict[str, tuple[str, Callable[[str], object]]]:
    """name -> (owner, reader of one text). Imported lazily: the child runs them."""
    from ingest.crawl import grammar
    from ingest.crawl.lines import page_lines
    from ingest.parse import protocol, structure
    from remissvar import positions, remiss_fields, sendlist

    return {
        "remiss_fields.parse_motion": ("realpages", remiss_fields.parse_motion),
        "remiss_fields.remittent": ("realpages", remiss_fields.remittent),
        "remiss_fields.remittent_document": ("realpages", lambda t: remiss_fields.remittent(t, document=True)),
        "remiss_fields.find_dnrs": ("realpages", remiss_fields.find_dnrs),
        "remiss_fields.stage": ("realpages", remiss_fields.stage),
        "remiss_fields.remiss_cue": ("realpages", remiss_fields.remiss_cue),
        "remiss_fields.answer_to": ("realpages", remiss_fields.answer_to),
        "remiss_fields.parties_in": ("realpages", remiss_fields.parties_in),
        "grammar.item_line": ("realpages", grammar.item_line),
        "grammar.status_prefix": ("realpages", grammar.status_prefix),
        "grammar.heading": ("realpages", grammar.heading),
        "grammar.handlaggare": ("realpages", grammar.handlaggare),
        "lines.page_lines": ("hardening", lambda t: page_lines(_html(t), "https://example.se/m")),
        "positions.classify_position": ("lead", positions.classify_position),
        "positions.classify_decision": ("lead", positions.classify_decision),
        "linking.profile": ("realpages", _answer_ref),
        "sendlist.read_sendlist": ("realpages", sendlist.read_sendlist),
        "structure.parse_structure": ("hardening", lambda t: structure.parse_structure(_pages(t))),
        "structure.detect_council": ("hardening", structure.detect_council),
        "protocol.split_paragraphs": ("hardening", protocol.split_paragraphs),
        "protocol.parse_protocol_paragraph": ("hardening", protocol.parse_protocol_paragraph),
        "protocol.parse_attendance": ("hardening", protocol.parse_attendance),
    }


READERS = [
    "remiss_fields.parse_motion", "remiss_fields.remittent", "remiss_fields.remittent_document",
    "remiss_fields.find_dnrs", "remiss_fields.stage", "remiss_fields.remiss_cue", "remiss_fields.answer_to",
    "remiss_fields.parties_in", "grammar.item_line", "grammar.status_prefix", "grammar.heading",
    "grammar.handlaggare", "lines.page_lines", "positions.classify_position", "positions.classify_decision",
    "linking.profile", "sendlist.read_sendlist", "structure.parse_structure", "structure.detect_council",
    "protocol.split_paragraphs", "protocol.parse_protocol_paragraph", "protocol.parse_attendance",
]


def owner(reader: str) -> str:
    return _readers()[reader][0]


def _child(conn: multiprocessing.connection.Connection, reader: str, family: str) -> None:
    func = _readers()[reader][1]
    func(FAMILIES[family](200))  # warm up (imports, compiled patterns)
    for n, repeat in ((SMALL, 2), (LARGE, 1)):
        text = FAMILIES[family](n)
        best = float("inf")
        for _ in range(repeat):
            t0 = time.process_time()
            func(text)
            best = min(best, time.process_time() - t0)
            if best > 0.05:
                break  # slow enough to measure once
        conn.send(best)
    conn.close()


@dataclass
class Timing:
    reader: str
    family: str
    small_s: float | None  # None: past SMALL_LIMIT_S
    large_s: float | None  # None: past the growth limit (or not run)
    limit_s: float

    @property
    def growth(self) -> float | None:
        if self.small_s is None or self.large_s is None:
            return None
        return self.large_s / max(self.small_s, FLOOR_S)

    @property
    def linear(self) -> bool:
        return self.growth is not None and self.growth <= MAX_GROWTH

    def describe(self) -> str:
        small = f"{self.small_s:.4f} s" if self.small_s is not None else f"> {SMALL_LIMIT_S:.0f} s"
        large = f"{self.large_s:.4f} s" if self.large_s is not None else f"> {self.limit_s:.2f} s"
        return (f"{self.reader} on {self.family}: {SMALL} chars {small}, {LARGE} chars {large} "
                f"(growth {self.growth:.1f}x)" if self.growth is not None else
                f"{self.reader} on {self.family}: {SMALL} chars {small}, {LARGE} chars {large}")


def measure(reader: str, family: str, tries: int = 3) -> Timing:
    """Times at 10k and 100k characters (``_measure_once``); a growth past ``MAX_GROWTH`` is
    measured again, up to ``tries`` times in all (a shared machine's noise only ever slows a
    run down: the best try counts)."""
    best = _measure_once(reader, family)
    for _ in range(tries - 1):
        if best.linear:
            break
        t = _measure_once(reader, family)
        if t.linear or (t.growth or float("inf")) < (best.growth or float("inf")):
            best = t
    return best


def _measure_once(reader: str, family: str) -> Timing:
    """CPU times at 10k and 100k characters in one forked child; the child is killed once the
    100k run's wall time passes ``WALL_SLACK`` x ``MAX_GROWTH`` x the 10k time (the verdict is
    the ratio of CPU times; the kill only keeps a cubic reader from running for hours, and its
    slack lets a linear reader finish on a machine another process is keeping busy)."""
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, reader, family), daemon=True)
    proc.start()
    child.close()
    try:
        if not parent.poll(SMALL_LIMIT_S + 5.0):  # + the warm-up
            return Timing(reader, family, None, None, SMALL_LIMIT_S)
        small = float(parent.recv())
        limit = MAX_GROWTH * max(small, FLOOR_S)
        if not parent.poll(WALL_SLACK * limit + 0.5):
            return Timing(reader, family, small, None, limit)
        return Timing(reader, family, small, float(parent.recv()), limit)
    except EOFError:
        raise RuntimeError(f"{reader} on {family} crashed (exit {proc.exitcode})") from None
    finally:
        if proc.is_alive():
            os.kill(proc.pid or 0, signal.SIGKILL)
        proc.join(5)
        parent.close()
