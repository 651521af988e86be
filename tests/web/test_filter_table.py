"""A search filter is one row of the filter table (``search_api.filters.FILTERS``): the request
model, the query builder, the facets, the query-string parser, the OpenAPI document, the search
page's facets, chips and "Rensa alla", and the links that keep a search (CSV, Atom feed) are all
made from it.

The main test adds a row - a "Motionär" filter on ``motion_authors``, a field both indices hold
that no filter uses - to the table in a fresh interpreter, before anything reads the table (as an
edit of the source would), and follows it through the app against the seeded index: nothing
else changes, so every place that named a filter by hand would fail here."""
from __future__ import annotations

import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree as ET

import pytest

from search_api.filters import FILTERS, facets
from search_api.index import load_mapping_file
from tests.web import atom

ROOT = Path(__file__).resolve().parents[2]
AUTHOR = "Gabriel Kroon"  # the Södermalm seed answers his motion; the Skärholmen seed is no motion's
# the one change: a row at the end of the table (its parameter named otherwise than the filter)
ROW = 'Filter("motion_author", "motion_authors", "keywords", "Motionär", "motionär", "motionar", "Motionär (namn)", ' \
      'Facet(20))'

CHILD = f"""
import json
import search_api.filters as table
from search_api.filters import Facet, Filter

table.FILTERS = (*table.FILTERS, {ROW})

from remissvar.settings import get_settings
from search_api.search.builders import facet_aggs
from search_api.search.models import FIELD_NAMES, Filters
from search_api.search.service import FACETS
from web.app import create_app

c = create_app(get_settings()).test_client()
chosen = Filters(motion_author=[{AUTHOR!r}])


def text(path):
    r = c.get(path)
    return {{"status": r.status_code, "body": r.get_data(as_text=True)}}


seen = {{
    "clauses": chosen.clauses(), "clauses_without_facets": chosen.clauses(skip=FACETS),
    "facet_aggs": facet_aggs(), "word": FIELD_NAMES.get("motion_author"),
    "api": c.get("/api/search?motionar=" + {AUTHOR!r}).get_json(),
    "api_unfiltered": c.get("/api/search").get_json(),
    "api_too_many": text("/api/search?" + "&".join(f"motionar=n{{i}}" for i in range(11))),
    "api_too_long": text("/api/search?motionar=" + "x" * 201),
    "openapi": c.get("/api/openapi.json").get_json(),
    "page": text("/?council=sodermalm&council=skarholmen&motionar=" + {AUTHOR!r}),
    "page_unfiltered": text("/?council=sodermalm&council=skarholmen"),
    "csv": text("/sok.csv?motionar=" + {AUTHOR!r}),
    "csv_nobody": text("/sok.csv?motionar=Ingen+Alls"),
    "feed": text("/flode?format=atom&motionar=" + {AUTHOR!r}),
}}
print(json.dumps(seen))
"""


class _Page(HTMLParser):
    """The links (href, class, text) and checkboxes (name, value, checked) of a page, and the
    facet fieldsets' ids with their legends."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.links: list[dict[str, str]] = []
        self.boxes: list[dict[str, str | bool | None]] = []
        self.legends: dict[str, str] = {}
        self._link: dict[str, str] | None = None
        self._fieldset = ""
        self._legend = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "a":
            self._link = {"href": a.get("href") or "", "class": a.get("class") or "", "text": ""}
            self.links.append(self._link)
        elif tag == "input" and a.get("type") == "checkbox":
            self.boxes.append({"name": a.get("name"), "value": a.get("value"), "checked": "checked" in a})
        elif tag == "fieldset":
            self._fieldset = a.get("id") or ""
        elif tag == "legend":
            self._legend = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._link = None
        elif tag == "legend":
            self._legend = False

    def handle_data(self, data: str) -> None:
        if self._link is not None:
            self._link["text"] += data
        if self._legend:
            self.legends[self._fieldset] = self.legends.get(self._fieldset, "") + data.strip()

    def link(self, text: str) -> dict[str, str]:
        found = [x for x in self.links if text in x["text"]]
        assert found, f"no link {text!r} in {[x['text'] for x in self.links]}"
        return found[0]


def _params(href: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(href).query)


@pytest.fixture(scope="module")
def with_row(seeded_index) -> dict:
    """What the app does with the row added, run in a fresh interpreter against the seeded index."""
    run = subprocess.run([sys.executable, "-c", CHILD], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    seen["stderr"] = run.stderr[-3000:]  # the app's log, shown when an assertion fails
    return seen


def test_a_new_row_filters_the_search_and_is_a_facet(with_row):
    assert {"terms": {"motion_authors": [AUTHOR]}} in with_row["clauses"]
    # a facet counts its values without its own filter (multi-select)
    assert {"terms": {"motion_authors": [AUTHOR]}} not in with_row["clauses_without_facets"]
    assert with_row["facet_aggs"]["motion_author"]["terms"] == {"field": "motion_authors", "size": 20}
    api = with_row["api"]
    assert {a["council"] for g in api["groups"] for a in g["answers"]} == {"sodermalm"}
    assert {a["council"] for g in with_row["api_unfiltered"]["groups"] for a in g["answers"]} == \
        {"sodermalm", "skarholmen"}
    assert api["facets"]["motion_author"] == [{"value": AUTHOR, "label": AUTHOR, "count": 1}]
    assert [v["value"] for v in api["facets"]["council"]] == ["sodermalm"]  # the other facets filtered by it
    assert with_row["api_unfiltered"]["facets"]["motion_author"] == [{"value": AUTHOR, "label": AUTHOR, "count": 1}]


def test_a_new_row_is_checked_in_swedish(with_row):
    assert with_row["word"] == "motionär"
    assert with_row["api_too_many"]["status"] == 400
    assert json.loads(with_row["api_too_many"]["body"])["error"] == "motionär: högst 10 värden"
    assert json.loads(with_row["api_too_long"]["body"])["error"] == "för långt filtervärde"


def test_a_new_row_is_in_the_openapi_document(with_row):
    from openapi_spec_validator import validate

    validate(with_row["openapi"])
    params = {p["name"]: p for p in with_row["openapi"]["paths"]["/api/search"]["get"]["parameters"]}
    assert params["motionar"]["description"] == "Motionär (namn)"
    assert params["motionar"]["schema"] == {"type": "array", "items": {"type": "string"}}


def test_a_new_row_is_a_facet_and_a_chip_on_the_page(with_row):
    unfiltered = _Page(with_row["page_unfiltered"]["body"])
    assert unfiltered.legends.get("facet-motion_author") == "Motionär"
    assert {"name": "motionar", "value": AUTHOR, "checked": False} in unfiltered.boxes
    assert with_row["page"]["status"] == 200
    page = _Page(with_row["page"]["body"])
    assert {"name": "motionar", "value": AUTHOR, "checked": True} in page.boxes
    chip = page.link(f"Motionär: {AUTHOR}")
    assert "motionar" not in _params(chip["href"]) and _params(chip["href"])["council"] == ["sodermalm", "skarholmen"]
    clear = page.link("Rensa alla")
    assert "chip clear" in clear["class"] and not {"motionar", "council"} & set(_params(clear["href"]))
    # the links that keep the search carry the filter: the feed, the CSV, the council chips
    for link in (page.link("flöde"), page.link("CSV"), page.link("Nämnd: Södermalm")):
        assert _params(link["href"])["motionar"] == [AUTHOR], link


def test_a_new_row_filters_the_csv_and_the_feed(with_row):
    assert with_row["csv"]["status"] == 200 and "Södermalms stadsdelsnämnd" in with_row["csv"]["body"]
    assert "Skärholmens stadsdelsnämnd" not in with_row["csv"]["body"]
    assert "Södermalms stadsdelsnämnd" not in with_row["csv_nobody"]["body"]
    feed = ET.fromstring(with_row["feed"]["body"])
    authors = {atom.text(atom.child(e, "author"), "name") for e in feed.findall("a:entry", atom.NS)}
    assert authors == {"Södermalms stadsdelsnämnd"}
    self_link = next(x for x in feed.findall("a:link", atom.NS) if x.get("rel") == "self")
    assert _params(self_link.get("href", ""))["motionar"] == [AUTHOR]


# ---- the table itself ------------------------------------------------------------------------
INDEX_TYPES = {"keywords": {"keyword"}, "keyword": {"keyword"}, "integers": {"integer", "long", "short"},
               "date": {"date"}}


@pytest.mark.parametrize("f", FILTERS, ids=lambda f: f.name)
def test_every_filter_is_on_a_field_both_indices_hold(f):
    """The same clauses filter passages and answers (the precedent and boilerplate searches)."""
    for mapping in ("passages.json", "yttranden.json"):
        props = load_mapping_file(mapping)["properties"]
        assert props.get(f.field, {}).get("type") in INDEX_TYPES[f.type], (mapping, f.field)
        if f.facet and f.facet.spellings:
            assert props[f.facet.spellings]["type"] == "keyword", (mapping, f.facet.spellings)


def test_names_and_parameters_are_unique_and_readable():
    assert len({f.name for f in FILTERS}) == len({f.param for f in FILTERS}) == len(FILTERS)
    assert all(f.label and f.word and (f.pattern is None) == (not f.invalid) for f in FILTERS)
    assert all(f.many for f in facets()), "a facet is chosen value by value"


def test_a_bare_whole_number_row_answers_bad_values_in_swedish(monkeypatch):
    """A whole-number row needs neither a range nor a pattern: a value that is no number is a
    Swedish error of the query (400), a number is not measured as text (no TypeError, no 500)."""
    from werkzeug.datastructures import MultiDict

    import search_api.blueprint as blueprint
    from search_api.filters import Facet, Filter
    from search_api.search.models import QueryError, _check

    row = Filter("ordinal", "ordinal", "integers", "Stycke", "stycke", "stycke", facet=Facet(10))
    assert _check(row)([1, 250]) == [1, 250]
    monkeypatch.setattr(blueprint, "FILTERS", (row,))
    assert blueprint.filter_args(MultiDict([("stycke", "3")])) == {"ordinal": [3]}
    with pytest.raises(QueryError, match="stycke: ange ett heltal"):
        blueprint.filter_args(MultiDict([("stycke", "tre")]))
