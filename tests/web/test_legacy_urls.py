"""Issue 31.6: every earlier remiss URL redirects to the remiss it stands for - the previous
release's identities (``/remiss/dnr-ks-2024-951``, ``motion-…``, ``titel-…``) and every key the
key store has redirected (merged away) - in the page, its CSV and in a browser at 1366 and 390 px."""
from __future__ import annotations

import threading

import pytest
from selenium.webdriver.common.by import By
from werkzeug.serving import make_server

from tests.conftest import free_port
from tests.web.seed_keys import link_seed_keys
from tests.web.test_browser import axe, browser, overflow, wait_for  # noqa: F401

pytestmark = pytest.mark.services


def test_identities_match_the_previous_release():
    from ingest.parse.structure import remiss_identity
    from search_api.legacy_keys import dnr_identity, title_identity

    for d in ("KS 2024/951", "316-259/2012", "Dnr KF 2019:12"):
        assert dnr_identity(d) == remiss_identity(d, None, None)
    for t in ("Remiss av motion om lokala facebookgrupper", "Svar på remiss: Policy för sociala medier"):
        assert title_identity(t) == remiss_identity(None, None, t)


@pytest.fixture(scope="module")
def keyed_app(tmp_path_factory, es, embedder, settings):
    """The two seed answers under key-store keys (``r…``), one merged-away key."""
    from ingest.indexing import index_yttrande
    from ingest.parse.document import parse_file
    from remissvar.remiss_keys import RemissKeyStore, default_store_path
    from remissvar.settings import Settings
    from search_api.index import delete_all
    from tests.conftest import SKARHOLMEN_SEED, SODERMALM_SEED
    from web.app import create_app

    s = Settings(data_dir=tmp_path_factory.mktemp("legacy") / "data", index_prefix=f"{settings.index_prefix}-legacy")
    delete_all(es, s)
    store = RemissKeyStore(default_store_path(s))
    fb, policy, gone = link_seed_keys(store)
    store.close()
    records = {"fb": parse_file(SODERMALM_SEED, doc_id="seed-000"),
               "policy": parse_file(SKARHOLMEN_SEED, doc_id="seed-004", text_is_ocr=True)}
    for name, key in (("fb", fb), ("policy", policy)):
        y = records[name].model_copy(deep=True)
        y.remiss.id = key
        index_yttrande(y, es, s, embedder, refresh=True)
    app = create_app(s)
    yield app, {"fb": fb, "policy": policy, "gone": gone}, records
    delete_all(es, s)


def test_earlier_urls_redirect(keyed_app):
    from search_api.legacy_keys import dnr_identity

    app, keys, records = keyed_app
    client = app.test_client()
    fb_dnr = records["fb"].remiss.dnr
    assert fb_dnr, "the Södermalm seed names the remitting body's dnr"
    old = dnr_identity(fb_dnr)  # dnr-ks-2024-951
    assert old == "dnr-ks-2024-951"
    for path, target in ((f"/remiss/{old}", f"/remiss/{keys['fb']}"),
                         (f"/remiss/{keys['gone']}", f"/remiss/{keys['fb']}"),
                         (f"/remiss/{old}.csv", f"/remiss/{keys['fb']}.csv")):
        r = client.get(path)
        assert r.status_code == 301 and r.headers["Location"].endswith(target), path
    # each answer's key as the previous release read it (its identity: dnr, motion or title)
    for name in ("fb", "policy"):
        earlier = records[name].remiss.id
        assert earlier.startswith(("dnr-", "motion-", "titel-")) and earlier != keys[name]
        r = client.get(f"/remiss/{earlier}")
        assert r.status_code == 301 and r.headers["Location"].endswith(f"/remiss/{keys[name]}"), earlier
    r = client.get(f"/api/remisser/{old}")
    assert r.status_code == 301 and r.headers["Location"].endswith(f"/api/remisser/{keys['fb']}")
    # an identity nothing carries stays a 404
    assert client.get("/remiss/dnr-ks-1999-1").status_code == 404


@pytest.mark.browser
def test_earlier_url_opens_the_comparison_in_a_browser(keyed_app, browser):  # noqa: F811
    app, keys, _ = keyed_app
    server = make_server("127.0.0.1", free_port(), app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    d = browser
    try:
        for width in (1366, 390):
            d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                              {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 800})
            d.get(f"http://127.0.0.1:{server.server_port}/remiss/dnr-ks-2024-951")
            wait_for(d, "table.compare")
            assert d.current_url.endswith(f"/remiss/{keys['fb']}")
            assert "facebookgrupper" in d.find_element(By.TAG_NAME, "h1").text.lower()
            assert overflow(d) <= 0
            assert axe(d) == []
    finally:
        d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        server.shutdown()
