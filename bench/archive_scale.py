"""The pages at archive scale (issue 31.5): every page at one client on a generated archive.

A generated archive (``bench/archive_gen.py``: 10,000 answers over 25 years, the councils of
each era by the lineage table, a few hundred remitting bodies, motions; labelled synthetic) is
indexed under its own prefix, a crawl snapshot of it is written, and ``remissvar serve`` (the
production server: gunicorn, the query-encoder service) serves it with
``REMISSVAR_INCLUDE_SYNTHETIC`` (benchmarks only) and no query-vector cache. One client then
fetches each page in turn - search (words in the default mode, keyword, filters, no words,
sorted by date, later pages), comparison (/remiss/<key>), overview (with and without its
filters), motion and status - and the p50/p95 of each page are checked against
``bench/runs.json`` (archive_scale: <= 300 ms p95 each).

The pages must also stay usable at this size; checked on the served HTML and reported:
every remitting body in the archive can be found by the body facet's search box, every council
is a council facet value, the overview's matrix, chart and tables hold what they must, later
result pages continue the first and the date sort is the archive's newest first.

    .venv/bin/python bench/archive_scale.py [--answers 10000] [--samples 40] [--keep]

Writes bench/reports/archive_scale.md; deletes its indices at the end (``--keep`` keeps them
and reuses them on the next run).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import expected, meets, regression_flag
from bench.archive_gen import COMMON_BODIES, YEARS, councils_in, coverage_snapshot, index_archive
from bench.search_eval import pct
from bench.webserver import free_port

REPORT = ROOT / "bench" / "reports" / "archive_scale.md"
PREFIX = "remissvar-archive10k"
PAGES = ("search", "comparison", "overview", "motion", "status")
WORDS = ("förvaltningen", "barn", "trygghet", "sociala medier", "stadsdelsnämnden", "lekplatser",
         "ekonomiska konsekvenser", "boende", "föreningar", "uppdrag")


def build_urls(meta: dict[str, list[str]], rng_seed: int = 7) -> dict[str, list[tuple[str, str]]]:
    """The URLs each page is timed on, as (variant, path)."""
    import random

    rng = random.Random(rng_seed)
    queries = [q["q"] for q in json.loads((ROOT / "bench/relevance.json").read_text(encoding="utf-8"))["queries"]]
    queries = [q for q in queries if not re.search(r"\d", q)][:20] + list(WORDS)  # no dnr/motion redirect
    councils, bodies, rids = meta["councils"], meta["bodies"], meta["remisser"]
    urls: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for i, q in enumerate(queries):
        urls["search"].append(("words (default mode)", "/?" + urlencode({"q": q})))
        urls["search"].append(("words, keyword", "/?" + urlencode({"q": q, "mode": "keyword"})))
        urls["search"].append(("words and filters", "/?" + urlencode(
            {"q": q, "council": councils[i % len(councils)], "year": str(YEARS[i % len(YEARS)])})))
        urls["search"].append(("sorted by date, page 2", "/?" + urlencode({"q": q, "sort": "datum", "page": 2})))
        urls["search"].append(("no words, a body", "/?" + urlencode({"remiss_body": bodies[i % len(bodies)]})))
    for rid in rng.sample(rids, 40):
        urls["comparison"].append(("remiss", f"/remiss/{rid}"))
    for i in range(10):
        urls["overview"].append(("everything", "/oversikt"))
        urls["overview"].append(("a council", "/oversikt?" + urlencode({"council": councils[i * 3 % len(councils)]})))
        urls["overview"].append(("a period", "/oversikt?" + urlencode({"fran": 2003 + i, "till": 2008 + i})))
        urls["overview"].append(("a body and words", "/oversikt?" + urlencode(
            {"remiss_body": COMMON_BODIES[i], "q": WORDS[i]})))
    for q in ("Kroon", "Ragsjö", "Ragsjo", "Sverigedemokraterna", "Folkpartiet", "Liberalerna", "mp",
              "Anna Holm", "2012", "lekplatser", "hemtjänst (s)", "Krooon", "Socialdemokraterna 2019",
              "trygghet", "Fatima Yilmaz", "kd"):
        urls["motion"].append(("motion", "/motion?" + urlencode({"q": q})))
    for n in meta["motions"][:24]:
        urls["motion"].append(("motion number", "/motion?" + urlencode({"q": n})))
    urls["status"] = [("status", "/status")]
    return dict(urls)


def archive_meta(es: Any, s: Any) -> dict[str, list[str]]:
    """What the served archive holds, read from its index."""
    res = es.search(index=s.yttrande_alias, size=0, aggs={
        "councils": {"terms": {"field": "council", "size": 500}},
        "bodies": {"terms": {"field": "remiss_body", "size": 5000}},
        "remisser": {"terms": {"field": "remiss_id", "size": 100_000, "order": [{"latest": "desc"}, {"_key": "asc"}]},
                     "aggs": {"latest": {"max": {"field": "date"}}}},
        "motions": {"terms": {"field": "motion_number", "size": 100_000}}})
    a = res["aggregations"]
    return {"councils": sorted(b["key"] for b in a["councils"]["buckets"]),
            "bodies": sorted(b["key"] for b in a["bodies"]["buckets"]),
            "remisser": [b["key"] for b in a["remisser"]["buckets"]],  # the newest answer's first
            "motions": sorted(b["key"] for b in a["motions"]["buckets"])}


def serve(s_env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {**os.environ, **s_env, "REMISSVAR_WEB_PORT": str(port)}
    web = subprocess.Popen([sys.executable, "-m", "remissvar_cli", "serve"], cwd=ROOT, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(180):
        try:
            if requests.get(url + "/api/search", params={"q": "barn"}, timeout=30).status_code == 200:
                return web, url
        except requests.RequestException:
            pass
        time.sleep(1)
    web.terminate()
    raise SystemExit("the web server did not answer within 3 minutes")


def timed(session: requests.Session, url: str) -> tuple[float, requests.Response]:
    t0 = time.perf_counter()
    r = session.get(url, timeout=60, allow_redirects=False)
    return (time.perf_counter() - t0) * 1000, r


def usability(get: Callable[[str], str], meta: dict[str, list[str]],
              newest_match: Callable[[str], str]) -> list[tuple[str, bool, str]]:
    """Checks on the served pages: (what, holds, detail)."""
    import lxml.html

    out: list[tuple[str, bool, str]] = []

    def doc(path: str) -> lxml.html.HtmlElement:
        return lxml.html.fromstring(get(path))

    # facets: every body and every council of the archive is a value (the body facet searchable)
    browse = doc("/?date_from=2000-01-01")  # every answer (a filter: the page lists and counts)
    body_values = set(browse.xpath("//fieldset[@id='facet-remiss_body']//input[@name='remiss_body']/@value"))
    missing = sorted(set(meta["bodies"]) - body_values)
    has_box = bool(browse.xpath("//input[@id='facet-filter-remiss_body' and @type='search']"))
    out.append((f"remitting-body facet: all {len(meta['bodies'])} bodies listed, with its search box",
                not missing and has_box, f"{len(body_values)} listed, box {'yes' if has_box else 'no'}"
                + (f"; missing {len(missing)}, e.g. {missing[:3]}" if missing else "")))
    council_values = set(browse.xpath("//fieldset[@id='facet-council']//input[@name='council']/@value"))
    missing = sorted(set(meta["councils"]) - council_values)
    out.append((f"council facet: all {len(meta['councils'])} councils of the 25 years listed", not missing,
                f"{len(council_values)} listed" + (f"; missing {missing}" if missing else "")))
    # pagination: page 2 continues page 1 (no remiss twice), the pager reaches past it
    q = "förvaltningen"

    p1 = sorted_groups(doc, "/?" + urlencode({"q": q}))
    p2 = sorted_groups(doc, "/?" + urlencode({"q": q, "page": 2}))
    pager = doc("/?" + urlencode({"q": q})).xpath("//nav[contains(@class,'pager')]//a[not(@rel)]")
    out.append(("pagination: page 2 holds 10 other remisser than page 1, the pager offers more pages",
                len(p1) == 10 and len(p2) == 10 and not {h for h, _ in p1} & {h for h, _ in p2} and len(pager) > 2,
                f"page 1: {len(p1)}, page 2: {len(p2)}, shared {len({h for h, _ in p1} & {h for h, _ in p2})}, "
                f"{len(pager)} page links"))
    # no words: the archive's newest remisser first, and page 2 the next ten
    b1 = sorted_groups(doc, "/?" + urlencode({"date_from": "2000-01-01"}))
    b2 = sorted_groups(doc, "/?" + urlencode({"date_from": "2000-01-01", "page": 2}))
    listed = [h.rsplit("/", 1)[-1] for h, _ in b1 + b2]
    out.append(("no words: the archive's 20 newest remisser on pages 1 and 2, newest first",
                listed == meta["remisser"][:20],
                f"{sum(a == b for a, b in zip(listed, meta['remisser'], strict=False))} of {len(listed)} in place"))
    # sorted by date: newest first across pages, from the newest answer holding the words
    s1 = sorted_groups(doc, "/?" + urlencode({"q": q, "sort": "datum"}))
    s2 = sorted_groups(doc, "/?" + urlencode({"q": q, "sort": "datum", "page": 2}))
    dates = [d for _, d in s1 + s2]
    ordered = dates == sorted(dates, reverse=True) and len(dates) == 20
    out.append(("sorted by date: pages 1 and 2 newest first, from the newest answer holding the words",
                ordered and dates[0] == newest_match(q), f"first {dates[0] if dates else '-'} (newest match "
                f"{newest_match(q)}), {'non-increasing' if ordered else 'NOT in order'} over {len(dates)} remisser"))
    # overview: the matrix (at most 60 rows, a column per council present), the chart, the tables
    ov = doc("/oversikt")
    rows = ov.xpath("//table[contains(@class,'matrix')]/tbody/tr")
    cols = ov.xpath("//table[contains(@class,'matrix')]/thead/tr/th")
    years = ov.xpath("//table[caption='Antal svar per nämnd och år']/thead/tr/th")
    bars = ov.xpath("//*[local-name()='svg']//*[local-name()='a']")
    status_line = " ".join(ov.xpath("//p[@id='urval-resultat']//text()"))
    ok = (0 < len(rows) <= 60 and len(cols) > 1 and len(years) == len(YEARS) + 2 and bars
          and str(len(meta["remisser"])) in status_line.replace("\u00a0", ""))
    out.append(("overview: matrix of the latest remisser, a year column per year, linked bars, counts",
                bool(ok), f"{len(rows)} matrix rows x {len(cols) - 1} councils, {len(years) - 2} year columns, "
                f"{len(bars)} bar links; '{status_line.strip()}'"))
    st = doc("/status")
    cov = st.xpath("//table[caption='Sammanträden listade och genomsökta, remissärenden och dokument']/tbody/tr")
    indexed = {tr.xpath("./th")[0].text_content(): int(tr.xpath("./td")[-1].text_content() or 0) for tr in cov}
    out.append(("status: a coverage row per council and year of the archive, answers in the index shown",
                len(cov) == sum(len(councils_in(y)) for y in YEARS) and sum(indexed.values()) > 0,
                f"{len(cov)} rows (expected {sum(len(councils_in(y)) for y in YEARS)})"))
    return out


def sorted_groups(doc: Callable[[str], object], path: str) -> list[tuple[str, str]]:
    """(remiss link, its newest answer's date) of a result page, in page order."""
    from remissvar.records import MONTH_NUMBERS

    d = doc(path)
    out = []
    for art in d.xpath("//section[@id='traffar']/article[contains(@class,'group')]"):  # type: ignore[attr-defined]
        dates = []
        for t in art.xpath(".//li/span[@class='date']/text()"):
            day, month, year = t.split()
            dates.append(f"{year}-{MONTH_NUMBERS[month]:02d}-{int(day):02d}")
        out.append((art.xpath(".//h3/a/@href")[0], max(dates) if dates else ""))
    return out


def newest(es: Any, s: Any, q: str) -> str:
    """The date of the newest answer holding ``q`` (the result page's exact match)."""
    from search_api.search.builders import KeywordQuery

    res = es.search(index=s.passage_alias, size=0, query={"bool": {"must": [KeywordQuery(q).exact_clause()]}},
                    aggs={"newest": {"max": {"field": "date"}}})
    return str(res["aggregations"]["newest"]["value_as_string"])[:10]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--answers", type=int, default=10_000)
    ap.add_argument("--samples", type=int, default=40, help="timed requests per page (search: 3x)")
    ap.add_argument("--keep", action="store_true", help="keep the indices afterwards, and reuse kept ones")
    args = ap.parse_args()
    from bench.scale import real_sentences
    from remissvar import crawl_status
    from remissvar.embedding import get_embedder
    from remissvar.settings import Settings
    from search_api.index import count, delete_all, es_client

    tmp = Path(tempfile.mkdtemp(prefix="archive10k-"))
    s = Settings(index_prefix=PREFIX, data_dir=tmp / "data", include_synthetic=True, query_cache_size=0)
    es = es_client(s, request_timeout=600)
    t0 = time.perf_counter()
    reuse = args.keep and count(es, s, "yttranden") == args.answers
    if not reuse:
        sents = real_sentences()
        emb = get_embedder(s)
        written = index_archive(es, s, sents, emb.encode_passages(sents), emb.model_id, args.answers)
        print("indexed", written, flush=True)
    index_s = time.perf_counter() - t0
    crawl_status.write_snapshot(s, coverage_snapshot(args.answers))
    meta = archive_meta(es, s)
    n_ans, n_pas = count(es, s, "yttranden"), count(es, s, "passager")
    web, base = serve({"REMISSVAR_INDEX_PREFIX": s.index_prefix, "REMISSVAR_DATA_DIR": str(s.data_dir),
                       "REMISSVAR_INCLUDE_SYNTHETIC": "true", "REMISSVAR_QUERY_CACHE_SIZE": "0",
                       "REMISSVAR_WEB_MAX_REQUESTS": "0", "REMISSVAR_ENCODER_SOCKET": str(tmp / "encoder.sock"),
                       "HF_HUB_OFFLINE": "1"})
    session = requests.Session()
    try:
        urls = build_urls(meta)
        for page in PAGES:  # one warm-up pass (the first request of each page after the start)
            for _, path in urls[page][:5]:
                timed(session, base + path)
        lat: dict[str, list[float]] = defaultdict(list)
        by_variant: dict[tuple[str, str], list[float]] = defaultdict(list)
        bad: list[str] = []
        for i in range(args.samples):
            for page in PAGES:
                for j in range(3 if page == "search" else 1):
                    variant, path = urls[page][(i * (3 if page == "search" else 1) + j) % len(urls[page])]
                    ms, r = timed(session, base + path)
                    if r.status_code != 200:
                        bad.append(f"{r.status_code} {path}")
                        continue
                    lat[page].append(ms)
                    by_variant[(page, variant)].append(ms)
        checks = usability(lambda p: session.get(base + p, timeout=60).text, meta, lambda q: newest(es, s, q))
        sizes = {page: len(session.get(base + urls[page][0][1], timeout=60).content) for page in PAGES}
    finally:
        web.terminate()
        web.wait(timeout=30)
        if not args.keep:
            delete_all(es, s)
    report(args, n_ans, n_pas, meta, index_s, reuse, lat, by_variant, bad, checks, sizes)


def report(args: argparse.Namespace, n_ans: int, n_pas: int, meta: dict[str, list[str]], index_s: float,
           reuse: bool, lat: dict[str, list[float]], by_variant: dict[tuple[str, str], list[float]],
           bad: list[str], checks: list[tuple[str, bool, str]], sizes: dict[str, int]) -> None:
    exp = expected("archive_scale")
    load = os.getloadavg()[0]
    lines = ["# Pages at archive scale", "",
             f"`python bench/archive_scale.py --answers {args.answers}`: a generated archive (bench/archive_gen.py, "
             f"labelled synthetic) of {n_ans:,} answers and {n_pas:,} passages over {len(YEARS)} years "
             f"({YEARS[0]}-{YEARS[-1]}), {len(meta['councils'])} councils by the lineage table, "
             f"{len(meta['bodies'])} remitting bodies, {len(meta['remisser']):,} remisser, "
             f"{len(meta['motions'])} motions; "
             + ("a kept index (--keep); " if reuse else f"generated and indexed in {index_s:.0f} s; ")
             + f"served by `remissvar serve` (gunicorn, query-encoder service, no query-vector cache) with "
             f"REMISSVAR_INCLUDE_SYNTHETIC; one client, {args.samples} rounds over the pages after a warm-up "
             f"pass; {os.cpu_count()} cores, load average {load:.1f} at the end (other work on the machine "
             "makes the figures noisy).", "",
             "| page | requests | p50 ms | p95 ms | max ms | HTML KB |", "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for page in PAGES:
        ms = lat.get(page, [])
        lines.append(f"| {page} | {len(ms)} | {pct(ms, 50):.1f} | {pct(ms, 95):.1f} | {max(ms, default=0):.1f} | "
                     f"{sizes.get(page, 0) / 1024:.0f} |")
    lines += ["", "| page, variant | requests | p50 ms | p95 ms |", "| --- | ---: | ---: | ---: |"]
    for (page, variant), ms in sorted(by_variant.items()):
        lines.append(f"| {page}: {variant} | {len(ms)} | {pct(ms, 50):.1f} | {pct(ms, 95):.1f} |")
    if bad:
        lines += ["", f"Requests that did not answer 200: {len(bad)} (" + "; ".join(bad[:5]) + ")"]
    lines += ["", "## Usable at this size", ""]
    for what, ok, detail in checks:
        lines.append(f"- {'holds' if ok else '**FAILS**'}: {what} ({detail})")
    lines += ["", "## Expected (bench/runs.json)", ""]
    failed = bool(bad) or not all(ok for _, ok, _ in checks)
    for page in PAGES:
        want = exp.get(f"{page}_p95_ms_max")
        got = pct(lat.get(page, []), 95)
        ok = meets(got, want, at_most=True)
        failed |= not ok
        lines.append(f"- {page} p95: {got:.1f} ms (expected ≤ {want} ms){regression_flag(ok)}")
    text = "\n".join(lines) + "\n"
    REPORT.write_text(text, encoding="utf-8")
    print(text)
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()

