"""The remitting-body facet shows the remitting-body vocabulary's merged names (issue 30 point 1):
one body printed in several spellings on the real agendas ("Remiss från Gatu- och
fastighetskontoret", "REMISS FRÅN GATU- OCH FASTIGHETSKONTORET", "Remiss från Stockholms gatu- och
fastighetskontor") is one facet value, named by the spelling the corpus uses most, and choosing
any spelling filters on all of them. Real Elasticsearch, an index prefix of its own."""
from __future__ import annotations

import pytest

from remissvar.remiss_fields import remittent
from search_api.search.models import Filters, SearchRequest
from search_api.search.service import SearchService

pytestmark = pytest.mark.services

# remittent lines as the legacy agendas print them (the body in any case, "Stockholms <x>- och <y>kontor")
LINES = ["Remiss från Gatu- och fastighetskontoret, dnr 06-123/ 456",
         "remiss från gatu- och fastighetskontoret",
         "REMISS FRÅN GATU- OCH FASTIGHETSKONTORET",
         "Remiss från Stockholms gatu- och fastighetskontor",
         "Remiss från Trafiknämnden"]


@pytest.fixture(scope="module")
def bodies_index(es, settings, embedder, seed_records):
    from ingest.indexing import index_yttrande
    from search_api.index import delete_all

    s = settings.model_copy(update={"index_prefix": f"{settings.index_prefix}-bodies"})
    delete_all(es, s)
    for i, line in enumerate(LINES):
        r = remittent(line)
        assert r is not None and r.body
        y = seed_records["sodermalm"].model_copy(deep=True)
        y.id = f"body-{i}"
        y.remiss = y.remiss.model_copy(update={"id": f"body-remiss-{i}", "body": r.body, "dnr": None})
        index_yttrande(y, es, s, embedder, refresh=True)
    yield s
    delete_all(es, s)


def test_one_facet_value_per_body_with_the_corpus_spelling(es, bodies_index, query_encoder):
    service = SearchService(es, bodies_index, query_encoder)
    resp = service.search(SearchRequest(q="facebookgrupper", mode="keyword", size=50))
    facet = {f.value: (f.label, f.count) for f in resp.facets["remiss_body"]}
    assert facet == {"Gatu- och fastighetskontoret": ("Gatu- och fastighetskontoret", 4),
                     "Trafiknämnden": ("Trafiknämnden", 1)}
    # any spelling chooses every spelling, and the chosen value keeps the spelling it was chosen by
    for spelled in ("Stockholms gatu- och fastighetskontor", "gatu-och fastighetskontoret",
                    "Gatu- och fastighetskontoret"):
        chosen = service.search(SearchRequest(q="facebookgrupper", mode="keyword", size=50,
                                              filters=Filters(remiss_body=[spelled])))
        assert sum(len(g.answers) for g in chosen.groups) == 4, spelled
        values = {f.label: f.value for f in chosen.facets["remiss_body"]}
        assert values["Gatu- och fastighetskontoret"] == spelled


def test_the_overview_offers_the_merged_names(es, bodies_index):
    from search_api.index import alias_name
    from search_api.overview import choices

    bodies = choices(es, alias_name(bodies_index, "yttranden"), include_synthetic=True)["bodies"]
    assert bodies == ["Gatu- och fastighetskontoret", "Trafiknämnden"]
