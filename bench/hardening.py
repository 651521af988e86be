"""Issues 16 and 28's repros against the hardened code, measured; optionally the fuzz counts,
the readers' times on the adversarial text families and the CLI's answer times on them.

Each repro runs through the real code path (real servers on 127.0.0.1, real files): the
figure is whether it was refused or cut as intended, how long that took and, for the
archives, the peak memory of reading them. ``repros_handled`` (the share handled) is
compared with bench/runs.json; seconds and megabytes are printed for the closing note.

- ``--linear``: every reader of ``tests/linear_time.py`` on every adversarial family at
  10k and 100k characters (the test's figures: growth at most 20x);
- ``--cli``: ``remissvar items -``, ``link - --no-embeddings`` and ``position -`` on each
  family at 100k characters, seconds beyond the same command on a trivial input (at most 3 s).

The burst of precedent searches against gunicorn is bench/burst.py.

Usage: .venv/bin/python bench/hardening.py [--fuzz] [--linear] [--cli] [--out bench/reports/hardening.md]
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from flask.testing import FlaskClient

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import expected, meets, regression_flag
from ingest.crawl.http import (
    DeadlineExceededError,
    Fetcher,
    RobotsDisallowedError,
    RobotsUnavailableError,
    UnsafeUrlError,
)
from ingest.crawl.safezip import BadZip, read_members
from ingest.parse.budget import DEFAULT_BUDGET, BudgetExceededError, ParseBudget, parse_file_bounded
from tests.ingest.crawl.hostile import Hostile, endless, send, trickle
from tests.ingest.crawl.test_safezip import PDF, bomb, make_zip, set_encrypted_flag
from tests.ingest.hostile_pdfs import inflating_pdf, many_operators

Case = Callable[[], dict[str, float | str]]


def _ssrf_link() -> dict[str, float | str]:
    with Hostile({"/doc.pdf": lambda h: send(h, 200, PDF)}) as a, Hostile() as b:
        f = Fetcher({f"localhost:{a.port}"}, min_interval=0, respect_robots=False)
        try:
            f.get(f"http://127.0.0.1:{b.port}\\@localhost:{a.port}/x")
            return {"ok": "nej: hämtades"}
        except UnsafeUrlError:
            return {"ok": "ja" if not b.hits else "nej: intern tjänst nåddes"}


def _ssrf_redirect() -> dict[str, float | str]:
    with Hostile() as a, Hostile() as b:
        a.routes["/r"] = lambda h: send(h, 302, headers={"Location": f"http://127.0.0.1:{b.port}\\@localhost:{a.port}/"})
        f = Fetcher({f"localhost:{a.port}"}, min_interval=0, respect_robots=False)
        try:
            f.get(f"http://localhost:{a.port}/r")
            return {"ok": "nej"}
        except UnsafeUrlError:
            return {"ok": "ja" if not b.hits else "nej: intern tjänst nåddes"}


def _robots(handler: Callable[..., None], expect: type[Exception]) -> Case:
    def run() -> dict[str, float | str]:
        with Hostile({"/robots.txt": handler, "/private/p": lambda h: send(h, 200, b"x")}) as s:
            f = Fetcher({f"127.0.0.1:{s.port}"}, min_interval=0, retries=0)
            t0 = time.monotonic()
            try:
                f.get(f"http://127.0.0.1:{s.port}/private/p")
                return {"ok": "nej: hämtades", "s": time.monotonic() - t0}
            except expect:
                return {"ok": "ja", "s": round(time.monotonic() - t0, 2)}
    return run


def _trickle() -> dict[str, float | str]:
    with Hostile({"/slow.pdf": trickle(PDF * 50, 1.0)}) as s:  # one byte a second
        f = Fetcher({f"127.0.0.1:{s.port}"}, min_interval=0, respect_robots=False, timeout=5, deadline=5)
        t0 = time.monotonic()
        try:
            f.get(f"http://127.0.0.1:{s.port}/slow.pdf")
            return {"ok": "nej"}
        except DeadlineExceededError:
            return {"ok": "ja", "s": round(time.monotonic() - t0, 2), "deadline_s": 5}


def _retry_after() -> dict[str, float | str]:
    n = []

    def busy(h):
        n.append(1)
        send(h, *((429, b"", {"Retry-After": "86400"}) if len(n) == 1 else (200, PDF)))

    with Hostile({"/d.pdf": busy}) as s:
        f = Fetcher({f"127.0.0.1:{s.port}"}, min_interval=0, respect_robots=False, retry_after_cap=2)
        t0 = time.monotonic()
        r = f.get(f"http://127.0.0.1:{s.port}/d.pdf")
        took = time.monotonic() - t0
    return {"ok": "ja" if r.retry_after == 86400 and took < 5 else "nej", "s": round(took, 2), "cap_s": 2}


def _pdf(make: Callable[[], bytes], budget: ParseBudget) -> Case:
    def run() -> dict[str, float | str]:
        with tempfile.TemporaryDirectory() as d:
            p = Path(d) / "x.pdf"
            p.write_bytes(make())
            t0 = time.monotonic()
            try:
                parse_file_bounded(p, budget=budget)
                return {"ok": "nej"}
            except BudgetExceededError as e:
                return {"ok": "ja", "s": round(time.monotonic() - t0, 2), "file_kb": p.stat().st_size // 1024,
                        "why": str(e).split(": ", 1)[-1]}
    return run


def _zip(make: Callable[[], bytes]) -> Case:
    def run() -> dict[str, float | str]:
        data = make()
        tracemalloc.start()
        t0 = time.monotonic()
        try:
            read_members(data)
            ok = "nej"
        except BadZip:
            ok = "ja"
        took = time.monotonic() - t0
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return {"ok": ok, "s": round(took, 3), "peak_mb": round(peak / 2**20, 1), "file_kb": len(data) // 1024}
    return run


def _peek(make: Callable[[], bytes]) -> Case:
    """Issue 28: the crawler's peek at a protocol PDF (``head_text``) on a hostile file."""
    def run() -> dict[str, float | str]:
        from ingest.crawl.protocol_files import head_text

        data = make()
        t0 = time.monotonic()
        try:
            head_text(data, pages=400)
            return {"ok": "nej"}
        except BudgetExceededError as e:
            return {"ok": "ja", "s": round(time.monotonic() - t0, 2), "file_kb": len(data) // 1024,
                    "why": str(e).split(": ", 1)[-1]}
    return run


def _timed_text(func: Callable[[str], object], text: str, limit_s: float) -> dict[str, float | str]:
    t0 = time.monotonic()
    func(text)
    took = time.monotonic() - t0
    return {"ok": "ja" if took < limit_s else "nej", "s": round(took, 3), "chars": len(text), "limit_s": limit_s}


def _lines_whitespace() -> dict[str, float | str]:
    from ingest.crawl.lines import page_lines

    html = "<main><p>Remiss" + "\n" * 30_000 + "från Trafiknämnden</p></main>"
    return _timed_text(lambda h: page_lines(h, "https://meetingspublic.stockholm.se/m"), html, 0.5)


def _motion_title() -> dict[str, float | str]:
    from remissvar.remiss_fields import parse_motion

    return _timed_text(parse_motion, "motion om " * 600, 0.5)


def _web_client() -> FlaskClient:
    from remissvar.settings import Settings
    from web.app import create_app

    return create_app(Settings(admin_token="en-administratorsnyckel-pa-24+")).test_client()


def _admin_split() -> dict[str, float | str]:
    ids = [f"svar-{i}" for i in range(20_000)]
    r = _web_client().post("/admin/remiss/split", data={"key": "dnr-ks-2024-1", "answer": ids},
                           headers={"X-Admin-Token": "en-administratorsnyckel-pa-24+"})
    return {"ok": "ja" if r.status_code == 400 else f"nej: {r.status_code}", "status": r.status_code}


def _double_slash() -> dict[str, float | str]:
    r = _web_client().get("/remiss//abc", headers={"Host": "angripare.example"})
    loc = r.headers.get("Location") or ""
    return {"ok": "ja" if r.status_code not in (301, 302, 307, 308) and "angripare" not in loc else "nej",
            "status": r.status_code}


CASES: dict[str, Case] = {
    "ssrf_backslash_link": _ssrf_link,
    "ssrf_backslash_redirect": _ssrf_redirect,
    "robots_503_try_later": _robots(lambda h: send(h, 503, b""), RobotsUnavailableError),
    "robots_120mb_capped": _robots(endless(b"User-agent: *\nDisallow: /private/\n" + b"#" * 4000 + b"\n"),
                                   RobotsDisallowedError),
    "download_1_byte_per_s": _trickle,
    "retry_after_1_day_capped": _retry_after,
    "pdf_2m_text_operators": _pdf(many_operators, ParseBudget(wall_base_s=10, wall_per_page_s=0, wall_max_s=10)),
    "pdf_1mb_inflating_1gib": _pdf(inflating_pdf, DEFAULT_BUDGET),
    "zip_encrypted_member": _zip(lambda: set_encrypted_flag(make_zip({"a.pdf": PDF}))),
    "zip_corrupt_stream": _zip(lambda: make_zip({"a.pdf": PDF})[:40] + b"\xff" * 30 + make_zip({"a.pdf": PDF})[70:]),
    "zip_0_5mb_to_523mb": _zip(bomb),
    # issue 28
    "peek_pdf_2m_text_operators": _peek(many_operators),
    "peek_pdf_1mb_inflating_1gib": _peek(inflating_pdf),
    "lines_30000_newlines": _lines_whitespace,
    "motion_title_6000_chars": _motion_title,
    "admin_split_20000_ids": _admin_split,
    "double_slash_no_host_redirect": _double_slash,
}


def linear_table() -> dict[str, object]:
    """Every reader on every adversarial family (``tests/linear_time.py``): seconds at 10k and
    100k characters and the growth (the test fails above 20x)."""
    from tests.linear_time import FAMILIES, READERS, measure

    rows = {}
    worst = 0.0
    for reader in READERS:
        for family in FAMILIES:
            t = measure(reader, family)
            rows[f"{reader} / {family}"] = {"10k_s": t.small_s, "100k_s": t.large_s,
                                            "growth": None if t.growth is None else round(t.growth, 1)}
            worst = max(worst, t.growth if t.growth is not None else float("inf"))
    return {"max_growth": round(worst, 1), "cases": len(rows), "rows": rows}


def cli_times(size: int = 100_000) -> dict[str, object]:
    """Seconds each CLI reader takes on each family beyond the same command on a trivial input."""
    import subprocess

    from tests.linear_time import FAMILIES

    def page(text: str) -> str:
        from html import escape

        body = (f"<main><h1>Sammanträde 2024-05-01</h1><h2>Ärenden</h2><ol><li><h3>1. {escape(text)}</h3>"
                f"<p>{escape(text)}</p><a href='/d/1.pdf'>Tjänsteutlåtande</a></li></ol></main>")
        return json.dumps({"url": "https://meetingspublic.stockholm.se/committees/farsta/m-1", "html": body})

    inputs: dict[str, Callable[[str], str]] = {
        "items -": page,
        "link - --no-embeddings": lambda t: json.dumps({"id": "a", "council": "farsta", "date": "2024-05-01",
                                                        "title": t, "lines": [t], "text": t}),
        "position -": lambda t: json.dumps({"id": "a", "text": t}),
    }

    def run(args: str, line: str) -> float:
        t0 = time.monotonic()
        subprocess.run([sys.executable, "-m", "remissvar_cli", *args.split()], input=line + "\n", text=True,
                       capture_output=True, cwd=ROOT, timeout=600)
        return time.monotonic() - t0

    out: dict[str, object] = {}
    worst = 0.0
    for args, make in inputs.items():
        base = min(run(args, make("Remiss från Trafiknämnden")) for _ in range(2))
        row = {"trivial_s": round(base, 2)}
        for family, gen in FAMILIES.items():
            extra = run(args, make(gen(size))) - base
            row[family] = round(extra, 2)
            worst = max(worst, extra)
        out[args] = row
    return {"chars": size, "max_extra_s": round(worst, 2), "by_command": out}



def fuzz_counts() -> dict[str, object]:
    """The fuzz test's generators, counted by outcome (no assertions: the test has them)."""
    from ingest.crawl.platforms.meetingplus import api
    from ingest.crawl.protocol_files import ApiFormatError
    from ingest.parse.extract import ExtractError
    from tests.ingest import test_fuzz_hostile_inputs as fz

    out: dict[str, object] = {"counts": fz.COUNTS}
    pdfs: Counter[str] = Counter()
    rng = random.Random(16_001)
    with tempfile.TemporaryDirectory() as d:
        for k in range(fz.COUNTS["pdf"]):
            p = Path(d) / "f.pdf"
            p.write_bytes(fz._pdf_case(rng, k))
            try:
                parse_file_bounded(p, ocr="never", budget=fz.BUDGET)
                pdfs["ok"] += 1
            except ExtractError as e:
                pdfs[e.reason] += 1
    out["pdf"] = dict(pdfs)
    js: Counter[str] = Counter()
    rng = random.Random(16_003)
    seeds = [f.read_text(encoding="utf-8") for f in sorted(fz.SITES.rglob("agenda")) if f.is_file()]
    for k in range(fz.COUNTS["json"]):
        try:
            api.parse_agenda_json(fz._json_case(rng, seeds[k % len(seeds)], k), "https://meetingspublic.stockholm.se/a")
            js["ok"] += 1
        except ApiFormatError:
            js["api_format"] += 1
    out["json"] = dict(js)
    out["zip"] = dict(fz._run_zip(read_members, (BadZip,), 16_004))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--fuzz", action="store_true", help="also count the fuzz generators' outcomes (~40 s)")
    ap.add_argument("--linear", action="store_true", help="readers x adversarial families, 10k and 100k (~6 min)")
    ap.add_argument("--cli", action="store_true", help="items/link/position on each family at 100k (~5 min)")
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args()
    results = {name: case() for name, case in CASES.items()}
    handled = sum(r["ok"] == "ja" for r in results.values()) / len(results)
    report: dict[str, object] = {"repros_handled": round(handled, 3), "repros": results,
                                 "budgets": {"parse": DEFAULT_BUDGET.__dict__, "download_deadline_s": 120.0,
                                             "retry_after_cap_s": 30.0, "robots_max_bytes": 512 * 1024,
                                             "zip": {"members": 500, "member_bytes": 50 * 2**20,
                                                     "total_bytes": 128 * 2**20}}}
    if args.fuzz:
        report["fuzz"] = fuzz_counts()
    if args.linear:
        report["linear"] = linear_table()
    if args.cli:
        report["cli"] = cli_times()
    want = expected("hardening").get("repros_handled")
    flag = regression_flag(meets(handled, want, tolerance=0.0))
    text = json.dumps(report, ensure_ascii=False, indent=2)
    print(text)
    print(f"repros_handled: {handled:.3f} (expected {want}){flag}")
    if args.out:
        args.out.write_text("# Hardening (issues 16 and 28)\n\n```json\n" + text + "\n```\n", encoding="utf-8")


if __name__ == "__main__":
    main()
