"""A participle's or a passive's verb through the real Elasticsearch: where no passage holds the
query's words as the analysis reads them, the page names the answers that write the verb in another
form ("avstyrkande": "avstyrker") instead of saying that no answer contains the words (issue 27)."""
from __future__ import annotations

from typing import Any

import pytest
from elasticsearch import Elasticsearch

from remissvar.textnorm import fold
from search_api.search.models import SearchRequest
from search_api.search.related_forms import related_answers, related_request, verb_bases
from search_api.search.service import SearchService
from tests.search_api.probe_index import probe_index

pytestmark = pytest.mark.services

TEXTS = {
    "avstyrker": "Förvaltningen avstyrker motionen.",
    "kommer": "Nämnden kommer att svara i maj.",
    "kommun": "Kommunen svarar i maj.",
    "valkomnar": "Nämnden välkomnar programmet.",
    "skott": "Ett skott hördes från skogen.",  # 'skott' is 'sköt' + 't' folded: no form of "sköts"
    "staller": "Nämnden ställer krav.",  # no form of "ställen" (a noun's plural, no verb's participle)
    "deltog": "Förvaltningen deltog i samrådet.",  # "deltagande": the long infinitive's stem of "delta"
    "vaxer": "Staden växer.",
}


@pytest.fixture(scope="module")
def probe(es: Elasticsearch, settings: Any):
    docs = {i: {"text": t, "text_folded": fold(t).lower(), "yttrande_id": i} for i, t in TEXTS.items()}
    with probe_index(es, settings, "relatedprobe", docs) as name:
        yield es, name


def related(probe: Any, q: str) -> dict[str, list[str]]:
    es, idx = probe
    bases = verb_bases(q.split())
    if not bases:
        return {}
    found = related_answers(dict(es.search(index=idx, **related_request(bases, []))), bases)
    return {m.yttrande_id: m.forms for m in found}


def test_a_participles_verb_is_named_with_the_form_written(probe):
    assert related(probe, "avstyrkande") == {"avstyrker": ["avstyrker"]}
    assert related(probe, "välkomnande") == {"valkomnar": ["välkomnar"]}  # looked up folded, named as written
    assert related(probe, "kommande") == {"kommer": ["kommer"]}  # not "Kommunen": 'un' is no verb's ending
    # every word in one passage, as itself or as its verb's form
    assert related(probe, "avstyrkande motionen") == {"avstyrker": ["avstyrker"]}
    assert related(probe, "avstyrkande programmet") == {}


def test_only_a_participle_or_a_passive_is_looked_up(probe):
    # a noun's form is no verb's: "ställen" does not name "ställer", "stadig" nothing
    assert verb_bases(["ställen"]) == {} and verb_bases(["stadig", "lokaler"]) == {}
    assert related(probe, "ställen") == {}
    # a stem shorter than four letters is looked up nowhere ('väx' would take every "växt",
    # folded 'stå' every "stat"); "deltagande" is "delta" too ("deltog"), "antagande" "anta"
    assert verb_bases(["köps"]) == {} and verb_bases(["växande", "stående"]) == {}
    assert related(probe, "växande") == {}
    assert verb_bases(["deltagande"]) == {"deltagande": ["deltag", "delt"]}
    assert verb_bases(["antagande"]) == {"antagande": ["antag", "ant"]}
    assert related(probe, "deltagande") == {"deltog": ["deltog"]}
    # read again as written: "skott" is 'skot' + 't' folded, not 'sköt' + an ending
    assert related(probe, "sköts") == {}
    assert verb_bases(["sköts", "samlats"]) == {"sköts": ["sköt"], "samlats": ["saml", "samla", "samlat"]}


@pytest.fixture(scope="module")
def service(seeded_index, settings, query_encoder):
    return SearchService(seeded_index, settings, query_encoder)


def test_the_page_names_an_answer_writing_the_passives_verb(service, client):
    """Södermalm's answer writes "sköter"; hunspell-sv reads "sköts" as the passive of another
    root, so the exact block is empty - the page names the answer and the form, and does not say
    that no answer contains the words."""
    resp = service.search(SearchRequest(q="sköts", mode="keyword"))
    assert resp.total_groups == 0
    assert [(m.yttrande_id, m.forms) for m in resp.related_forms] == [("seed-000", ["sköter"])]
    html = client.get("/?q=sköts&mode=keyword").get_data(as_text=True)
    assert "samma verb i en annan form" in html and "sköter" in html and "Inget svar i arkivet innehåller" not in html
    # a word found as written names nothing apart; nor does a word no answer has a form of
    assert service.search(SearchRequest(q="sköter", mode="keyword")).related_forms == []
    assert service.search(SearchRequest(q="flygplatsen", mode="keyword")).related_forms == []
    assert "Inget svar i arkivet innehåller" in client.get("/?q=flygplatsen&mode=keyword").get_data(as_text=True)
