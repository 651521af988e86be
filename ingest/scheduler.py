"""Enqueues incremental crawls per council on a cron schedule (croniter).

One process; it never enqueues a crawl for a council whose crawl is still running (the
Redis lock the crawl actor holds), and the actor itself re-checks the lock. When a round of
crawls has been sent and the crawl, parse and index queues are empty again, it sends one
re-link of the archive (``ingest.tasks.relink``, under the reindex lock, keys kept stable with
redirects): the pipeline links each answer as it comes, and a re-link after the round brings
the links up to the batch linker's figure (bench/link_eval.py, "pipeline").
"""
from __future__ import annotations

import datetime as dt
import logging
import time

from croniter import croniter

from ingest.crawl.model import Source
from ingest.deadletters import lock_held
from remissvar.queue import enqueue, queue_depths
from remissvar.settings import get_settings

# the queues a crawl round's work passes through; the re-link waits until all are empty
ROUND_QUEUES: tuple[str, ...] = ("crawl", "parse", "index")


def round_done(depths: dict[str, int]) -> bool:
    """No crawl, parse or index message waits, waits for a retry or is being worked on."""
    return all(depths.get(q, 0) == 0 for q in ROUND_QUEUES)

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
    relink_due = False
    while iterations is None or i < iterations:
        now = dt.datetime.now()
        if relink_due and round_done(queue_depths()):
            enqueue("relink")  # the round's answers are indexed: re-link the archive once
            log.info("crawl round done: re-link sent")
            relink_due = False
        for src in due_sources(sources, schedule, last, now):
            key = f"{src.platform}:{src.council}"
            if lock_held(src.council):
                log.info("crawl of %s still running: not enqueued", src.council)
                continue
            enqueue("crawl_council", src.platform, src.council, (base_urls or {}).get(src.platform))
            last[key] = now
            sent += 1
            relink_due = True
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
