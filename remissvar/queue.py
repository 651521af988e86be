"""The queue between the layers: dramatiq messages on Redis, addressed by actor name.

The web app and the CLI enqueue pipeline work without importing the pipeline: the worker
(``ingest.tasks``) declares its actors under the names and queues listed here, so this table
is the one contract between sender and worker. Nothing connects at import time.
"""
from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from typing import Any

import dramatiq
from dramatiq.brokers.redis import RedisBroker

from remissvar.settings import Settings, get_settings

ACTOR_QUEUES: dict[str, str] = {
    "crawl_council": "crawl",
    "crawl_all": "crawl",
    "parse_document": "parse",
    "process_document": "parse",
    "index_document": "index",
    "reindex": "admin",
    "relink": "admin",
    "correct_remiss": "admin",
}
"""Actor name -> queue name, for every actor the worker declares."""

_lock = threading.Lock()
_broker: RedisBroker | None = None


def get_broker(settings: Settings | None = None) -> RedisBroker:
    """The process's broker, made on first use (and made dramatiq's global broker)."""
    global _broker
    with _lock:
        if _broker is None:
            s = settings or get_settings()
            _broker = RedisBroker(  # type: ignore[no-untyped-call]  # dramatiq's __init__ is unannotated
                url=s.redis_url, heartbeat_timeout=s.broker_heartbeat_timeout_ms,
                maintenance_chance=s.broker_maintenance_chance)
            dramatiq.set_broker(_broker)
        return _broker


def enqueue(actor_name: str, *args: object, **kwargs: object) -> str:
    """Send one message to ``actor_name`` (a key of ``ACTOR_QUEUES``); returns its message id."""
    if actor_name not in ACTOR_QUEUES:
        raise KeyError(f"okänd aktör {actor_name!r}")
    broker = get_broker()
    message: dramatiq.Message[object] = dramatiq.Message(
        queue_name=ACTOR_QUEUES[actor_name], actor_name=actor_name, args=args, kwargs=kwargs, options={})
    broker.enqueue(message)
    return str(message.message_id)


def _payloads(actor_name: str) -> Iterator[dict[str, Any]]:
    """The messages of ``actor_name``'s queue that wait, wait for a retry or are being worked on.
    The delay queue is read first: dramatiq moves a due retry by adding it to the queue and then
    removing it from the delay queue, so a message moving between the two reads is seen twice,
    never missed."""
    client = get_broker().client
    q = ACTOR_QUEUES[actor_name]
    for key in (f"dramatiq:{q}.DQ.msgs", f"dramatiq:{q}.msgs"):
        for raw in client.hvals(key):
            try:
                m = json.loads(raw)
            except ValueError:
                continue
            if isinstance(m, dict):
                yield m


def in_broker(actor_name: str, message_id: str) -> bool:
    """The message waits, waits for a retry, or is being worked on: Redis keeps a message in
    its queue's hash until it is acknowledged, and a retry is the same message in the delay
    queue. The hashes are keyed by a per-send id, so the payloads are read (meant for the
    crawl queue: a message per council)."""
    return any(m.get("message_id") == message_id for m in _payloads(actor_name))


def waiting_with_args(actor_name: str, args: list[object]) -> bool:
    """A message of ``actor_name`` whose arguments begin with ``args`` waits, waits for a retry
    or is being worked on (whoever sent it: a crawl sent again from the status page, the CLI,
    the sweep)."""
    return any(m.get("actor_name") == actor_name and list(m.get("args", []))[:len(args)] == args
               for m in _payloads(actor_name))


def queue_depths() -> dict[str, int]:
    """Messages per queue that are waiting, delayed (retry backoff) or being worked on (a worker
    has them and has not acknowledged them yet): zero everywhere means the pipeline is idle."""
    client = get_broker().client
    out: dict[str, int] = {}
    for q in sorted(set(ACTOR_QUEUES.values())):
        waiting = int(client.hlen(f"dramatiq:{q}.msgs")) + int(client.hlen(f"dramatiq:{q}.DQ.msgs"))
        working = sum(int(client.scard(k)) for k in client.scan_iter(f"dramatiq:__acks__.*.{q}"))
        out[q] = waiting + working
    return out
