"""The search's filters, one row each: what the query string calls it, what it filters in the
index, what the reader sees. Everything a filter is named in is derived from this table:

- the request model and its validation (``search_api.search.models.Filters``, the Swedish
  messages' words), and its clauses (the query builder);
- the facets: their aggregations (``search_api.search.builders``), which are counted without
  their own filter (``search_api.search.service``), and the values' labels (``grouping``);
- the query-string parser of /api/search and the pages (``search_api.blueprint``) and the
  OpenAPI document's parameters (``search_api.openapi``);
- the search page (``web.views``): the facets' order, titles and checkbox names, the chips,
  "Rensa alla", and the links that keep a search (pages, CSV, Atom feed).

A new filter is one row here (on a field both indices hold: mappings/passages.json and
mappings/yttranden.json) and its test; tests/web/test_filter_table.py adds a row and
checks every place above takes it."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from remissvar.records import COUNCILS, DOCUMENT_KIND_LABELS, DocumentKind, Position, position_label
from remissvar.remiss_fields import BodyVocabulary

# keywords: many text values (terms); integers: many whole numbers (terms); keyword: one text
# value (term); date: one bound of a date range (the rows on one field make one range clause)
FilterType = Literal["keywords", "integers", "keyword", "date"]
VALUE_CHARS = 200  # the longest value a free-text filter (no closed vocabulary) takes
# a document or remiss id (short slugs and hashes; anything else is not an id): the remiss filter's
# values and the /api paths' ids alike
ID_PATTERN, MAX_ID_CHARS = "[A-Za-z0-9][A-Za-z0-9._:-]*", 200


@dataclass(frozen=True)
class Facet:
    """A filter shown as a facet: its values counted in the search (without its own filter)."""

    size: int  # buckets asked for
    newest_first: bool = False  # buckets by value, descending (years); else by count
    # a field with the values' spellings: one bucket per key, named by its most used spelling
    # (the remitting-body vocabulary, ``grouping.body_facet``)
    spellings: str | None = None
    search_label: str | None = None  # many values: the page gives the facet a search box so labelled


@dataclass(frozen=True)
class Filter:
    """One filter of the search. ``label`` is what the page shows (facet legend, chip), ``word``
    the noun in its messages ("okänd nämnd: narnia"); ``param`` the query-string parameter of
    /api/search and the pages (one parser reads both)."""

    name: str  # the request model's field, the facet's name (/api/search's "facets")
    field: str  # the indexed field it filters and counts
    type: FilterType
    label: str
    word: str
    param: str
    doc: str = ""  # the OpenAPI parameter's description
    facet: Facet | None = None
    # kept in the search page's links (chips, facets, "Rensa alla", CSV, feed); the feed's own
    # address keeps every filter
    in_links: bool = True
    limit: int = 10  # values at most (keywords, integers) or characters (keyword)
    vocabulary: frozenset[str] | None = None  # the values allowed, where the set is closed
    between: tuple[int, int] | None = None  # integers: the values allowed
    pattern: str | None = None  # what a query-string value must look like (full match)
    invalid: str = ""  # the message when it does not ({value}: the value as typed, shortened)
    bound: Literal["gte", "lte"] = "gte"  # date: the range's lower or upper end
    value_label: Callable[[str], str] = str  # a value as the reader reads it (facet value, chip)
    index_values: Callable[[list[str]], list[str]] | None = None  # the values as the index holds them

    @property
    def many(self) -> bool:
        return self.type in ("keywords", "integers")


def _council_label(key: str) -> str:
    c = COUNCILS.get(key)
    return c.short if c else key


def _position_label(key: str) -> str:
    return position_label(key) or key


def _kind_label(key: str) -> str:
    try:
        return DOCUMENT_KIND_LABELS[DocumentKind(key)]
    except ValueError:
        return key


def _body_keys(values: list[str]) -> list[str]:
    """Any spelling of a body chooses all of its spellings."""
    return sorted({BodyVocabulary.key(v) or v for v in values})


# The order is the page's: facets and chips in this order.
FILTERS: tuple[Filter, ...] = (
    Filter("council", "council_keys", "keywords", "Nämnd", "nämnd", "council", "Nämnd (slug), t.ex. sodermalm",
           Facet(100), vocabulary=frozenset(COUNCILS), value_label=_council_label),  # every council of every era
    Filter("position", "position", "keywords", "Ställning", "ställning", "position",
           "tillstyrker, avstyrker, delvis, neutral, avstår, oklart", Facet(10), limit=6,
           vocabulary=frozenset(p.value for p in Position), value_label=_position_label),
    Filter("year", "year", "integers", "År", "år", "year", "År (ÅÅÅÅ)", Facet(40, newest_first=True), limit=30,
           between=(1990, 2100), pattern="[0-9]{4}", invalid="ogiltigt år: {value}"),
    # hundreds of bodies at archive scale: searchable on the page
    Filter("remiss_body", "remiss_body_key", "keywords", "Remitterande instans", "remitterande instans",
           "remiss_body", "Remitterande instans", Facet(1000, spellings="remiss_body", search_label="Sök instans"),
           index_values=_body_keys),
    Filter("party", "motion_parties", "keywords", "Motionärens parti", "parti", "party", "Motionärens parti",
           Facet(20)),
    Filter("kind", "kind", "keywords", "Dokumenttyp", "dokumenttyp", "kind", "Dokumenttyp", Facet(10), limit=4,
           vocabulary=frozenset(k.value for k in DocumentKind), value_label=_kind_label),
    Filter("date_from", "date", "date", "Från", "från-datum", "date_from"),
    Filter("date_to", "date", "date", "Till", "till-datum", "date_to", bound="lte"),
    Filter("remiss_id", "remiss_id", "keyword", "Remiss", "remiss", "remiss_id", in_links=False, limit=MAX_ID_CHARS,
           pattern=ID_PATTERN, invalid="ogiltigt remiss-id"),
    Filter("motion_number", "motion_number", "keyword", "Motion", "motionsnummer", "motion", "Motionsnummer ÅÅÅÅ:N",
           in_links=False, limit=20, pattern="[0-9]{4}:[0-9]{1,3}", invalid="ogiltigt motionsnummer (ÅÅÅÅ:N)"),
)


def filter_named(name: str) -> Filter:
    """The row of one filter, by its name."""
    return next(f for f in FILTERS if f.name == name)


def facets() -> tuple[Filter, ...]:
    """The filters shown as facets, in the page's order."""
    return tuple(f for f in FILTERS if f.facet is not None)


def facet_names() -> frozenset[str]:
    return frozenset(f.name for f in facets())


def link_params() -> tuple[str, ...]:
    """The query-string parameters the search page's links keep."""
    return tuple(f.param for f in FILTERS if f.in_links)
