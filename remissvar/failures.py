"""The failure store: dead letters in Redis, written by the pipeline, read by status pages.

A message that fails for good (a permanent error such as a corrupt PDF, or retries
exhausted), or a failure found inside an actor (one bad document of a crawl), is one
record with its actor, arguments, reason, error and attempts, so that it can be inspected
(`remissvar failures`, the status page) and sent again (`remissvar retry-failed`).
"""
from __future__ import annotations

import datetime as dt
import json
from typing import Any, TypedDict

import redis

from remissvar.settings import get_settings

KEY = "remissvar:deadletters"
WORK_KEY = "remissvar:deadletters:work"  # a message's work (actor + bound arguments) -> its dead letter
_client: redis.Redis | None = None


class Failure(TypedDict):
    message_id: str
    actor: str
    queue: str
    args: list[Any]
    kwargs: dict[str, Any]
    reason: str
    error: str
    attempts: int
    permanent: bool
    at: str
    # the actor and its arguments bound to its parameters (``ingest.deadletters.work_key``):
    # one piece of work however it was sent; "" for a failure found inside an actor
    work: str
    # it ran out of retries while a service was away (connection refused, timeout, 429/503):
    # the reconcile sweep sends it again; any other failure waits for retry-failed
    outage: bool


def client() -> redis.Redis:
    """The Redis connection of this process (made on first use)."""
    global _client
    if _client is None:
        _client = redis.Redis.from_url(get_settings().redis_url)
    return _client


def now_utc() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def put(record: Failure) -> None:
    c = client()
    c.hset(KEY, record["message_id"], json.dumps(record, ensure_ascii=False))
    if record["work"]:
        c.hset(WORK_KEY, record["work"], record["message_id"])


def record_failure(key: str, actor: str, args: list[Any], reason: str, error: str, attempts: int = 1) -> None:
    """A failure found inside an actor (e.g. one bad document in a crawl) as a dead letter."""
    put(Failure(message_id=key, actor=actor, queue="", args=args, kwargs={}, reason=reason,
                error=error[:2000], attempts=attempts, permanent=True, at=now_utc(), work="", outage=False))


def clear_failure(key: str) -> None:
    """Remove one record (retried by hand, or from the status page), and its work's entry."""
    c = client()
    raw = c.hget(KEY, key)
    work = json.loads(raw).get("work") if raw is not None else None
    if work and c.hget(WORK_KEY, work) == key.encode():
        c.hdel(WORK_KEY, work)
    c.hdel(KEY, key)


def clear_work(work: str) -> bool:
    """Clear the dead letter of this piece of work (``Failure.work``): it has since succeeded,
    or failed again under a new message id (sent again by the sweep or by hand) and is about to
    be recorded anew. One lookup: a worker calls it after every message. Failures found inside
    an actor (one bad document of a crawl) have no work key and stay. Whether one was cleared."""
    c = client()
    mid = c.hget(WORK_KEY, work)
    if mid is None:
        return False
    c.hdel(WORK_KEY, work)
    return bool(c.hdel(KEY, mid))


def dead_letters() -> list[Failure]:
    """Every recorded failure, oldest first."""
    records: list[Failure] = [json.loads(v) for v in client().hvals(KEY)]
    return sorted(records, key=lambda r: r["at"])
