"""The dramatiq broker: Redis from settings. Imported before any actor is declared."""
from __future__ import annotations

import dramatiq
from dramatiq.brokers.redis import RedisBroker

from remissvar.settings import get_settings


def make_broker(url: str | None = None) -> RedisBroker:
    s = get_settings()
    broker = RedisBroker(url=url or s.redis_url, heartbeat_timeout=s.broker_heartbeat_timeout_ms,
                         maintenance_chance=s.broker_maintenance_chance)
    dramatiq.set_broker(broker)
    return broker


broker = make_broker()
