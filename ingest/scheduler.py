"""Enqueues incremental crawls per council on a cron schedule (croniter).

One process; it never enqueues a crawl for a council whose crawl is still running (the
Redis lock the crawl actor holds), and the actor itself re-checks the lock.
"""
from __future__ import annotations

import datetime as dt
import logging
import time

from croniter import croniter

from ingest.crawl.model import Source
from ingest.deadletters import lock_held
from remissvar.queue import enqueue
from remissvar.settings import get_settings

log = logging.getLogger(__name__)


def due_sources(sources: list[Source], schedule: str, last: dict[str, dt.datetime],
                now: dt.datetime) -> list[Source]:
    out = []
    for src in sources:
        key = f"{src.platform}:{src.council}"
        prev = last.get(key)
        if prev is None or croniter(schedule, prev).get_next(dt.datetime) <= now:
            out.append(src)
    return out


def run(sources: list[Source], schedule: str, *, base_urls: dict[str, str] | None = None,
        iterations: int | None = None, tick: float = 30.0, reconcile_every: int = 20) -> int:
    """Loop: enqueue due crawls, and every ``reconcile_every`` ticks send again what the stores
    say is unfinished (``ingest.stages.reconcile``). ``iterations`` bounds the loop (tests);
    returns crawls sent."""
    last: dict[str, dt.datetime] = {}
    sent = 0
    i = 0
    while iterations is None or i < iterations:
        now = dt.datetime.now()
        for src in due_sources(sources, schedule, last, now):
            key = f"{src.platform}:{src.council}"
            if lock_held(src.council):
                log.info("crawl of %s still running: not enqueued", src.council)
                continue
            enqueue("crawl_council", src.platform, src.council, (base_urls or {}).get(src.platform))
            last[key] = now
            sent += 1
        if reconcile_every and i % reconcile_every == reconcile_every - 1:
            from ingest.stages import reconcile

            try:
                parse, index, crawl = reconcile(get_settings())
                if parse or index or crawl:
                    log.info("reconcile: %d to parse, %d to index, %d crawls sent again", parse, index, crawl)
            except Exception:  # a sweep that fails is tried again next time; crawls go on
                log.exception("reconcile failed")
        i += 1
        if iterations is None or i < iterations:
            time.sleep(tick)
    return sent
