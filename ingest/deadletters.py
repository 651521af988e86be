"""Dead letters and per-council locks, both in Redis.

A message that fails for good (a permanent error such as a corrupt PDF, or retries
exhausted) is recorded with its actor, arguments, reason and attempts, so it can be
inspected (`remissvar failures`, status page) and sent again (`remissvar retry-failed`).
"""
from __future__ import annotations

import datetime as dt
import json
import uuid
from contextlib import contextmanager
from typing import Any, Iterator

import dramatiq
import redis
from dramatiq.middleware import Middleware

from ingest.crawl.http import FetchError
from ingest.extract import ExtractError
from remissvar.settings import get_settings

KEY = "remissvar:deadletters"
PERMANENT_ERRORS = (ExtractError,)
_client: redis.Redis | None = None


def client() -> redis.Redis:
    global _client
    if _client is None:
        _client = redis.Redis.from_url(get_settings().redis_url)
    return _client


class DeadLetters(Middleware):
    def after_process_message(self, broker: dramatiq.Broker, message: Any, *, result: Any = None,
                              exception: BaseException | None = None) -> None:
        if exception is None or not getattr(message, "failed", False):
            return
        reason = getattr(exception, "reason", None) or type(exception).__name__
        record = {
            "message_id": message.message_id, "actor": message.actor_name, "queue": message.queue_name,
            "args": list(message.args), "kwargs": dict(message.kwargs), "reason": reason,
            "error": str(exception)[:2000], "attempts": 1 if isinstance(exception, PERMANENT_ERRORS) else int(message.options.get("retries", 0)),
            "permanent": isinstance(exception, PERMANENT_ERRORS + (FetchError,)),
            "at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        }
        client().hset(KEY, message.message_id, json.dumps(record, ensure_ascii=False))


def record_failure(key: str, actor: str, args: list, reason: str, error: str, attempts: int = 1) -> None:
    """A failure found inside an actor (e.g. one bad document in a crawl) as a dead letter."""
    client().hset(KEY, key, json.dumps({
        "message_id": key, "actor": actor, "queue": "", "args": args, "kwargs": {}, "reason": reason,
        "error": error[:2000], "attempts": attempts, "permanent": True,
        "at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
    }, ensure_ascii=False))


def clear_failure(key: str) -> None:
    client().hdel(KEY, key)


def dead_letters() -> list[dict]:
    return sorted((json.loads(v) for v in client().hvals(KEY)), key=lambda r: r["at"])


def retry_failed() -> int:
    """Send every dead letter again (same actor and arguments) and clear it."""
    import ingest.tasks  # noqa: F401  (declares the actors on the broker)

    n = 0
    b = dramatiq.get_broker()
    sent: set[str] = set()
    for r in dead_letters():
        key = json.dumps([r["actor"], r["args"], r["kwargs"]], sort_keys=True)
        if key not in sent:  # several bad documents of one crawl: one new crawl
            b.get_actor(r["actor"]).send_with_options(args=tuple(r["args"]), kwargs=r["kwargs"])
            sent.add(key)
            n += 1
        client().hdel(KEY, r["message_id"])
    return n


@contextmanager
def council_lock(council: str, ttl: int = 3600) -> Iterator[bool]:
    """Never two crawls of one council at once: a Redis lock with a time-to-live."""
    key = f"remissvar:lock:crawl:{council}"
    token = uuid.uuid4().hex
    got = bool(client().set(key, token, nx=True, ex=ttl))
    try:
        yield got
    finally:
        if got and client().get(key) == token.encode():
            client().delete(key)


def lock_held(council: str) -> bool:
    return bool(client().exists(f"remissvar:lock:crawl:{council}"))
