"""The result page highlights only the passages it shows (``SearchService._highlight_shown``),
and shows the same snippets as when the exact search highlighted every candidate."""
from __future__ import annotations

import pytest

from search_api.search.grouping import group_passages
from search_api.search.models import SearchRequest
from search_api.search.service import SearchService

pytestmark = pytest.mark.services
QUERIES = ["förvaltningens förslag", "facebookgrupper", "sociala medier", "stadsdelsnämnden", "motionen",
           "förvaltningen"]


@pytest.fixture(scope="module")
def service(seeded_index, settings, query_encoder):
    return SearchService(seeded_index, settings, query_encoder)


@pytest.mark.parametrize("mode", ["keyword", "hybrid"])
@pytest.mark.parametrize("q", QUERIES)
def test_the_page_shows_the_snippets_every_candidate_had(service, q, mode):
    req = SearchRequest(q=q, mode=mode)
    page = service.search(req)
    # every candidate highlighted in the exact search, as before
    r = service._retrieve(q, mode, req.filters, with_facets=True)
    exact = set(r.exact_ids)
    before = {a.best.id: a.best.snippet_html for g in group_passages([x for x in r.ranked if x[0]["id"] in exact])
              for a in g.answers}
    shown = {a.best.id: a.best.snippet_html for g in page.groups for a in g.answers}
    assert shown, q
    assert all(before[i] == html for i, html in shown.items()), q


def test_a_shown_passage_is_marked(service):
    page = service.search(SearchRequest(q="förvaltningens förslag", mode="keyword"))
    assert any("<mark>" in a.best.snippet_html for g in page.groups for a in g.answers)
