"""The remiss page and API with linked keys: an old (merged-away) key redirects, "Kanske samma
remiss" lists suggestions, who was asked is shown with its source, and the admin merge/split
actions take the token from the header only and go to the worker through the queue."""
from __future__ import annotations

import pytest
import redis

from tests.web.seed_keys import link_seed_keys

pytestmark = pytest.mark.services
TOKEN = "en-administratorsnyckel-pa-24+"


@pytest.fixture()
def linked_app(tmp_path, es, embedder, seed_records):
    from ingest.indexing import index_yttrande
    from remissvar.remiss_keys import RemissKeyStore, default_store_path
    from remissvar.settings import Settings
    from search_api.index import delete_all
    from web.app import create_app

    s = Settings(data_dir=tmp_path / "data", index_prefix="remissvar-linkweb", admin_token=TOKEN)
    delete_all(es, s)
    store = RemissKeyStore(default_store_path(s))
    fb, policy, gone = link_seed_keys(store)
    store._suggest(fb, policy, 0.5)  # a pair between the maybe and merge thresholds
    store.close()
    for rec, key in ((seed_records["sodermalm"], fb), (seed_records["skarholmen"], policy)):
        y = rec.model_copy(deep=True)
        y.remiss.id = key
        index_yttrande(y, es, s, embedder, refresh=True)
    yield create_app(s).test_client(), s, fb, policy, gone
    delete_all(es, s)


def test_merged_key_redirects_and_suggestions_show(linked_app):
    client, _, fb, policy, gone = linked_app
    r = client.get(f"/remiss/{gone}")
    assert r.status_code == 301 and r.headers["Location"].endswith(f"/remiss/{fb}")
    r = client.get(f"/api/remisser/{gone}")
    assert r.status_code == 301 and r.headers["Location"].endswith(f"/api/remisser/{fb}")
    page = client.get(f"/remiss/{fb}").get_data(as_text=True)
    assert "Kanske samma remiss" in page and f"/remiss/{policy}" in page and "likhet 50 %" in page
    # who was asked: the Södermalm answer lists Farsta and Hägersten–Älvsjö, neither answered here
    assert "Vilka fick remissen?" in page
    assert "Tillfrågad enligt Södermalms stadsdelsnämnd" in page
    api = client.get(f"/api/remisser/{fb}").get_json()
    assert api["maybe_same"] == [{"remiss_id": policy, "score": 0.5}]
    asked = {a["name"]: a for a in api["asked"]}
    assert asked["Farsta stadsdelsnämnd"]["answered"] is False
    assert asked["Farsta stadsdelsnämnd"]["sources"] == ["Södermalms stadsdelsnämnd"]
    # an answer that lists nobody: "sändlista okänd"
    assert "Sändlista okänd" in client.get(f"/remiss/{policy}").get_data(as_text=True)


def test_admin_merge_and_split_go_through_the_queue_with_the_header_token(linked_app):
    client, s, fb, policy, _ = linked_app
    r = redis.Redis.from_url(s.redis_url)
    r.delete("dramatiq:admin.msgs", "dramatiq:admin")
    # the token in the form body is not accepted (header only)
    assert client.post("/admin/remiss/merge", data={"key": fb, "other": policy, "token": TOKEN}).status_code == 403
    res = client.post("/admin/remiss/merge", data={"key": fb, "other": policy}, headers={"X-Admin-Token": TOKEN})
    assert res.status_code == 202 and res.get_json()["what"] == "sammanslagning"
    res = client.post("/admin/remiss/split", data={"key": fb, "answer": ["seed-000"]},
                      headers={"X-Admin-Token": TOKEN})
    assert res.status_code == 202
    assert client.post("/admin/remiss/split", data={"key": fb}, headers={"X-Admin-Token": TOKEN}).status_code == 400
    assert r.hlen("dramatiq:admin.msgs") == 2  # both corrections wait for the worker
    r.delete("dramatiq:admin.msgs", "dramatiq:admin")
