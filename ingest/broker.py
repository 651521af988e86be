"""The dramatiq broker: Redis from settings. Imported before any actor is declared."""
from __future__ import annotations

import dramatiq
from dramatiq.brokers.redis import RedisBroker

from remissvar.settings import get_settings


def make_broker(url: str | None = None) -> RedisBroker:
    broker = RedisBroker(url=url or get_settings().redis_url)
    dramatiq.set_broker(broker)
    return broker


broker = make_broker()
