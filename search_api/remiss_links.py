"""What the remiss pages read from the remiss key store (``remissvar.remiss_keys``, written by the
pipeline): the live key behind an old URL, and "Kanske samma remiss" suggestions.

Read-only and cheap: one SQLite file beside the crawl data; before the first link there is
none, and every key is its own live key with no suggestions.
"""
from __future__ import annotations

from remissvar.remiss_keys import RemissKeyStore, UnknownKeyError, default_store_path
from remissvar.settings import Settings


def _store(settings: Settings) -> RemissKeyStore | None:
    path = default_store_path(settings)
    return RemissKeyStore(path) if path.exists() else None


def live_key(settings: Settings, key: str) -> str:
    """The key a remiss now has (a merged-away key redirects to the surviving one)."""
    store = _store(settings)
    if store is None:
        return key
    try:
        return store.resolve(key)
    except UnknownKeyError:
        return key
    finally:
        store.close()


def suggestions(settings: Settings, key: str, limit: int = 5) -> list[tuple[str, float]]:
    """Other remisser that may be the same one (scored between the maybe and merge thresholds)."""
    store = _store(settings)
    if store is None:
        return []
    try:
        return store.maybe(key)[:limit]
    except UnknownKeyError:
        return []
    finally:
        store.close()
