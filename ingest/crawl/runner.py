"""Wiring for a crawl run: sources, fetcher, store, progress bar."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import replace

from tqdm import tqdm

from ingest.crawl.browser import BrowserRenderer
from ingest.crawl.crawler import CouncilStats, Crawler
from ingest.crawl.discovery import select_sources, with_base
from ingest.crawl.http import Fetcher
from ingest.crawl.model import Source, load_listings, load_sources
from ingest.crawl.platforms import recorded_servers
from ingest.crawl.store import RawStore
from ingest.crawl.summary_items import SUMMARIES
from remissvar.settings import Settings


def recorded_sources(s: Settings, stack: ExitStack, faults: dict[str, str] | None = None,
                     ports: tuple[int, ...] | None = None) -> tuple[list[Source], set[str]]:
    """Start every registered platform's recorded site on 127.0.0.1 (``ports`` in registry order,
    by default ``recorded_port``, ``recorded_port + 1``, …) and point every configured source at them."""
    servers = recorded_servers(s, stack, ports=ports, faults=faults)
    sources = [replace(x, base_url=servers[x.platform].base_url) for x in load_sources(s.sources_file)]
    # host:port for the URL gate
    return sources, {f"127.0.0.1:{srv.httpd.server_address[1]}" for srv in servers.values()}


@contextmanager
def open_crawler(s: Settings, store: RawStore, fetcher: Fetcher, *, full: bool = False,
                 browser: bool | None = None,
                 on_meeting: Callable[[Source, str], None] | None = None) -> Iterator[Crawler]:
    """A Crawler, with the headless browser as last resort when asked for (or REMISSVAR_CRAWL_BROWSER)."""
    renderer = BrowserRenderer(fetcher) if (s.crawl_browser if browser is None else browser) else None
    try:
        yield Crawler(store, fetcher, full=full, on_meeting=on_meeting, browser=renderer)
    finally:
        if renderer is not None:
            renderer.close()


def crawl_sources(s: Settings, sources: list[Source], hosts: set[str], *, full: bool = False,
                  progress: bool = False, min_interval: float | None = None,
                  timeout: float = 20.0, browser: bool | None = None) -> tuple[dict[str, CouncilStats], RawStore]:
    store = RawStore(s.data_dir)
    fetcher = Fetcher(hosts, min_interval=s.crawl_min_interval if min_interval is None else min_interval,
                      timeout=timeout)
    if s.councils.strip().lower() not in ("", "mission"):
        # REMISSVAR_COUNCILS=all or a list: every council the city's listings link (on the hosts
        # the given sources use: the recorded sites in tests and `make run`)
        base = {x.platform: x.base_url for x in reversed(sources)}
        sources = select_sources(sources, with_base(load_listings(s.sources_file), base), s.councils, fetcher.get)
    bar = tqdm(desc="Sammanträden", unit="möte", disable=not progress)

    def tick(src: Source, url: str) -> None:
        bar.set_postfix_str(src.council)
        bar.update(1)

    try:
        with open_crawler(s, store, fetcher, full=full, browser=browser, on_meeting=tick) as crawler:
            stats = crawler.crawl(sources)
    finally:
        bar.close()
    summary_sources = {x.council for x in sources if x.role == SUMMARIES}
    if summary_sources:  # kommunstyrelsen's and kommunfullmäktige's utlåtanden, read as summaries
        from ingest.summaries import read_summaries

        read_summaries(s, store, summary_sources)
    return stats, store
