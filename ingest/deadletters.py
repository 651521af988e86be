"""The worker's side of failures: the dead-letter middleware, retries and per-council locks.

Records go to the failure store in the core (``remissvar.failures``), which the status page
and the CLI read; ``ingest.tasks.retry_failed`` sends them again (it knows the actors).
"""
from __future__ import annotations

import inspect
import json
import logging
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import dramatiq
import elastic_transport
import redis.exceptions
from dramatiq.errors import ActorNotFound
from dramatiq.middleware import Middleware

from ingest.crawl.http import FetchError
from ingest.parse.extract import ExtractError
from remissvar import failures
from remissvar.queue import in_broker

log = logging.getLogger(__name__)

PERMANENT_ERRORS: tuple[type[Exception], ...] = (ExtractError,)
# a service was away: what ran out of retries on these is sent again by the reconcile sweep
OUTAGE_ERRORS: tuple[type[BaseException], ...] = (
    ConnectionError, TimeoutError, elastic_transport.ConnectionError, elastic_transport.ConnectionTimeout,
    redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)
OUTAGE_STATUS = frozenset({429, 502, 503, 504})


def is_outage(exc: BaseException) -> bool:
    """The failure is a service being away (or its cause is), not something that would repeat."""
    for e in (exc, exc.__cause__):
        if isinstance(e, OUTAGE_ERRORS):
            return True
        if isinstance(e, elastic_transport.ApiError) and getattr(e.meta, "status", None) in OUTAGE_STATUS:
            return True
    return False


def work_key(actor_name: str, args: list[Any] | tuple[Any, ...], kwargs: dict[str, Any],
             broker: dramatiq.Broker | None = None) -> str:
    """One piece of work however it was sent: the actor and its arguments bound to its parameters
    with their defaults (the scheduler sends a crawl with three arguments, the sweep with four)."""
    try:
        fn = (broker or dramatiq.get_broker()).get_actor(actor_name).fn
        bound = inspect.signature(fn).bind(*args, **kwargs)
        bound.apply_defaults()
        named: Any = dict(bound.arguments)
    except (ActorNotFound, TypeError):  # an actor this process does not declare
        named = {"args": list(args), "kwargs": dict(kwargs)}
    return json.dumps([actor_name, named], sort_keys=True, ensure_ascii=False, default=str)


class LockBusyError(RuntimeError):
    """Another run holds the lock this work needs: no failure of this message, never a dead
    letter (see the subclasses for what becomes of the work)."""


class CrawlBusyError(LockBusyError):
    """Another crawl of the same council holds the lock. The crawl's retries wait for the other
    to finish; when they run out, it is still recorded as begun and unfinished
    (``RawStore.crawl_runs``), and the reconcile sweep sends it again once the lock is free."""


class DeadLetters(Middleware):
    """Records each message that failed for good, with its reason and attempts.

    Must run after ``Retries`` has decided (``message.failed``): dramatiq calls the
    after-hooks in reverse order of the middleware list, so the broker adds this one *before*
    ``Retries`` (``broker.add_middleware(DeadLetters(), before=Retries)``); appended after it,
    it would see every message still unfailed and record nothing."""

    def after_process_message(self, broker: dramatiq.Broker, message: Any, *, result: Any = None,
                              exception: BaseException | None = None) -> None:
        work = work_key(message.actor_name, message.args, message.kwargs, broker)
        if exception is None:  # done: an earlier failure of the same work is settled
            failures.clear_work(work)
            return
        if not getattr(message, "failed", False):
            return
        if isinstance(exception, LockBusyError):
            log.warning("%s (%s): %s - inte körd, ingen felpost", message.message_id, message.actor_name, exception)
            return
        permanent = isinstance(exception, PERMANENT_ERRORS)
        # the same work failed before under another message id (the sweep sends again what ran
        # out of retries): its record is replaced, not joined by one more each sweep
        try:
            failures.clear_work(work)
        except Exception:  # the new record matters more than the old one's removal
            log.exception("%s: den tidigare felposten för samma arbete kunde inte tas bort", message.message_id)
        failures.put(failures.Failure(
            message_id=message.message_id, actor=message.actor_name, queue=message.queue_name,
            args=list(message.args), kwargs=dict(message.kwargs),
            reason=getattr(exception, "reason", None) or type(exception).__name__,
            error=str(exception)[:2000],
            attempts=1 if permanent else int(message.options.get("retries", 0)),
            permanent=permanent or isinstance(exception, FetchError),
            at=failures.now_utc(), work=work, outage=not permanent and is_outage(exception),
        ))


def _lock_key(name: str) -> str:
    return f"remissvar:lock:{name}"


# delete the key only if it still holds the token (atomic in Redis: no other owner can slip in)
_RELEASE_IF_OWNER = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end"


def _release(key: str, token: str) -> bool:
    """Delete a lock if ``token`` still holds it; whether it did."""
    return bool(failures.client().eval(_RELEASE_IF_OWNER, 1, key, token))


@contextmanager
def named_lock(name: str, ttl: int = 3600, owner: str | None = None) -> Iterator[bool]:
    """A Redis lock with a time-to-live; yields whether it was taken.

    ``owner`` (a dramatiq message id) lets a retry of the same message take back a lock it left
    behind: when Redis went away mid-run the release failed, and the lock would otherwise
    block that council until its time-to-live ran out (every retry "busy", then given up)."""
    key = _lock_key(name)
    token = owner or uuid.uuid4().hex
    client = failures.client()
    got = bool(client.set(key, token, nx=True, ex=ttl))
    if not got and owner is not None and client.get(key) == token.encode():
        got = bool(client.set(key, token, xx=True, ex=ttl))  # ours, from an earlier attempt
    try:
        yield got
    finally:
        if got:
            _release(key, token)


def council_lock(council: str, ttl: int = 3600, owner: str | None = None) -> Any:
    """Never two crawls of one council at once."""
    return named_lock(f"crawl:{council}", ttl, owner)


def lock_held(council: str) -> bool:
    return bool(failures.client().exists(_lock_key(f"crawl:{council}")))


def free_lock_of_lost_crawl(council: str, me: str | None = None) -> bool:
    """Free a council's crawl lock whose owner is a crawl message the broker no longer has: Redis
    went away mid-crawl, the release failed, the append-only file kept the lock, and the
    message was lost. A running crawl's message stays in the broker until acknowledged, so such
    a lock is no crawl under way; left alone it would hold off every crawl of the council until
    its time-to-live ran out. ``me``: the crawl asking (its own lock is its to take back, not to
    free). Used by the crawl actor before it takes the lock and by the reconcile sweep before
    it sends a lost crawl again. Whether it freed one."""
    raw = failures.client().get(_lock_key(f"crawl:{council}"))
    if raw is None:
        return False
    owner = raw.decode() if isinstance(raw, bytes) else str(raw)
    if owner == me or in_broker("crawl_council", owner):
        return False
    return _release(_lock_key(f"crawl:{council}"), owner)
