"""Error pages without services: a dead Elasticsearch gives the site's 500 page (and JSON under
/api), validation happens before Elasticsearch is asked anything."""
from __future__ import annotations

import pytest

from remissvar.settings import Settings
from search_api.index import es_client
from search_api.search.service import SearchService
from tests.conftest import free_port
from web.app import create_app


@pytest.fixture()
def dead_client():
    s = Settings(es_url=f"http://127.0.0.1:{free_port()}", index_prefix="remissvar-nowhere")
    app = create_app(s)
    app.extensions["remissvar_search"] = SearchService(es_client(s, request_timeout=2, max_retries=0), s, None)
    return app.test_client()


def test_500_in_the_site_layout_and_json_under_api(dead_client):
    r = dead_client.get("/?q=sociala+medier&mode=keyword")
    html = r.get_data(as_text=True)
    assert r.status_code == 500 and '<html lang="sv">' in html and "Något gick fel" in html
    assert "Traceback" not in html and "ConnectionError" not in html
    r = dead_client.get("/api/search?q=sociala+medier&mode=keyword")
    assert r.status_code == 500
    assert r.get_json() == {"error": "Ett oväntat fel uppstod hos oss. Försök igen om en stund."}


def test_bad_input_is_answered_before_elasticsearch(dead_client):
    # a dead node would give 500: these are 400/404 because nothing reaches it
    assert dead_client.get("/api/yttranden/" + "x" * 4000).status_code == 400
    assert dead_client.get("/api/search?q=x&size=0").status_code == 400
    assert dead_client.get("/?q=x&council=narnia&fbclid=1").status_code == 400
    assert dead_client.get("/dokument/" + "å" * 10).status_code == 404
    r = dead_client.post("/api/precedent", json={"text": "x", "k": float("inf")})
    assert r.status_code == 400
    r = dead_client.get("/finns-inte")
    assert r.status_code == 404 and "Sidan finns inte" in r.get_data(as_text=True)


def test_expensive_searches_are_bounded_with_a_swedish_503(seeded_index, settings):
    """When every slot for query-embedding searches is taken, a precedent or hybrid search waits
    briefly, then answers 503 with Retry-After (load shed, not queued without end)."""
    from search_api.blueprint import get_service
    from web.app import create_app

    app = create_app(settings.model_copy(update={"search_concurrency": 1, "search_wait_s": 0.05}))
    client = app.test_client()
    with app.app_context():
        svc = get_service(app)
    assert client.post("/api/precedent", json={"text": "lokala facebookgrupper"}).status_code == 200
    svc._slots.acquire()  # the one slot is busy
    try:
        r = client.post("/api/precedent", json={"text": "lokala facebookgrupper"})
        assert r.status_code == 503 and r.headers["Retry-After"] == "5"
        assert "försök igen" in r.get_json()["error"]
        page = client.get("/?q=facebookgrupper&mode=hybrid")
        assert page.status_code == 503 and "Många sökningar just nu" in page.get_data(as_text=True)
        assert client.get("/?q=facebookgrupper&mode=keyword").status_code == 200  # keyword needs no slot
    finally:
        svc._slots.release()
