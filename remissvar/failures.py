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


def client() -> redis.Redis:
    """The Redis connection of this process (made on first use)."""
    global _client
    if _client is None:
        _client = redis.Redis.from_url(get_settings().redis_url)
    return _client


def now_utc() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def put(record: Failure) -> None:
    client().hset(KEY, record["message_id"], json.dumps(record, ensure_ascii=False))


def record_failure(key: str, actor: str, args: list[Any], reason: str, error: str, attempts: int = 1) -> None:
    """A failure found inside an actor (e.g. one bad document in a crawl) as a dead letter."""
    put(Failure(message_id=key, actor=actor, queue="", args=args, kwargs={}, reason=reason,
                error=error[:2000], attempts=attempts, permanent=True, at=now_utc()))


def clear_failure(key: str) -> None:
    client().hdel(KEY, key)


def clear_letters_of(actor: str, args: list[Any] | tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    """Clear the dead letters of messages with this actor and these arguments: the same work has
    since succeeded, or failed again under a new message id (sent again by the sweep or by
    hand: one record per piece of work, the latest). Failures found inside an actor
    (``record_failure``: one bad document of a crawl, no queue) stay: the crawl that found them
    succeeds as a whole. Returns how many were cleared."""
    c = client()
    if not c.hlen(KEY):
        return 0
    want = json.loads(json.dumps([actor, list(args), kwargs]))
    settled = [mid for mid, raw in c.hgetall(KEY).items()
               if (r := json.loads(raw))["queue"] and [r["actor"], r["args"], r["kwargs"]] == want]
    return int(c.hdel(KEY, *settled)) if settled else 0


def dead_letters() -> list[Failure]:
    """Every recorded failure, oldest first."""
    records: list[Failure] = [json.loads(v) for v in client().hvals(KEY)]
    return sorted(records, key=lambda r: r["at"])
