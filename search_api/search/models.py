"""Request and response models of search, and the validation of user input (Swedish messages)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, Field, ValidationError, create_model

from search_api.filters import FILTERS, VALUE_CHARS, Filter

MAX_QUERY_CHARS = 500
MAX_PARAGRAPH_CHARS = 5000
CANDIDATES = 100

Mode = Literal["hybrid", "keyword", "semantic"]
Sort = Literal["relevans", "datum"]


class QueryError(ValueError):
    """Invalid user input (400). The message is Swedish and shown to the user."""


class BusyError(RuntimeError):
    """Every slot for expensive searches is taken (503 with Retry-After): load is shed, not queued."""

    retry_after = 5


# ---- request models ------------------------------------------------------------
def _check(f: Filter) -> Callable[[list[Any]], list[Any]]:
    """The values' check beyond their type and number: a closed vocabulary, a range of years,
    or the length of a free-text value."""
    def check(values: list[Any]) -> list[Any]:
        if f.vocabulary is not None:
            bad = [x for x in values if x not in f.vocabulary]
            if bad:
                raise ValueError(f"okänd {f.word}: {', '.join(bad)}")
        elif f.between is not None:
            lo, hi = f.between
            if any(not lo <= x <= hi for x in values):
                raise ValueError(f"{f.word} ska vara mellan {lo} och {hi}")
        elif any(isinstance(x, str) and len(x) > VALUE_CHARS for x in values):
            raise ValueError("för långt filtervärde")
        return values

    return check


def _model_field(f: Filter) -> tuple[Any, Any]:
    """A row of the filter table as a field of the request model (type, default and checks)."""
    if f.type == "keywords":
        return Annotated[list[str], AfterValidator(_check(f))], Field(default_factory=list, max_length=f.limit)
    if f.type == "integers":
        return Annotated[list[int], AfterValidator(_check(f))], Field(default_factory=list, max_length=f.limit)
    if f.type == "date":
        return dt.date | None, None
    return str | None, Field(None, max_length=f.limit)


class FilterValues(BaseModel):
    """The filters of a search, one field per row of ``search_api.filters.FILTERS`` (the model
    ``Filters`` is made from the table; this class holds what it does with them)."""

    # benchmarks only (never set from a request): search the synthetic scale corpus too
    include_synthetic: bool = False

    if TYPE_CHECKING:  # a field per row of the table
        def __getattr__(self, name: str) -> Any: ...

    def clauses(self, skip: frozenset[str] = frozenset()) -> list[dict[str, Any]]:
        """Filter clauses; ``skip`` leaves facets' own filters out (multi-select facet counts)."""
        out: list[dict[str, Any]] = [] if self.include_synthetic else [{"term": {"synthetic": False}}]
        ranges: dict[str, dict[str, str]] = {}
        for f in FILTERS:
            value = getattr(self, f.name)
            if f.name in skip or not value:
                continue
            if f.type == "date":
                if f.field not in ranges:  # the bounds on one field are one range clause
                    ranges[f.field] = {}
                    out.append({"range": {f.field: ranges[f.field]}})
                ranges[f.field][f.bound] = value.isoformat()
            elif f.many:
                out.append({"terms": {f.field: f.index_values(value) if f.index_values else value}})
            else:
                out.append({"term": {f.field: value}})
        return out

    def active(self) -> bool:
        return any(getattr(self, f.name) for f in FILTERS)


if TYPE_CHECKING:
    Filters = FilterValues
else:
    Filters = create_model("Filters", __base__=FilterValues, __module__=__name__,
                           **{f.name: _model_field(f) for f in FILTERS})

class SearchRequest(BaseModel):
    q: str = Field("", max_length=MAX_QUERY_CHARS)
    mode: Mode = "hybrid"
    sort: Sort = "relevans"
    filters: Filters = Field(default_factory=Filters)
    page: int = Field(1, ge=1, le=50)
    size: int = Field(10, ge=1, le=50)


# ---- response models -------------------------------------------------------------
class PassageHit(BaseModel):
    id: str
    yttrande_id: str
    council: str | None
    council_name: str | None
    date: str | None
    title: str | None
    section: str | None
    page: int | None
    snippet_html: str  # escaped; only <mark> tags added
    text: str
    position: str | None
    source_url: str | None
    remiss_id: str | None
    remiss_title: str | None
    score: float
    ocr: bool = False
    ordinal: int | None = None
    remiss_dnr: str | None = None
    similarity: float | None = None  # cosine similarity to the query, where the hit came from kNN
    also_in: int = 0  # near-identical passages collapsed into this one (precedent)


class CouncilAnswer(BaseModel):
    council: str | None
    council_name: str | None
    position: str | None
    position_label: str | None
    yttrande_id: str
    date: str | None
    best: PassageHit


class RemissGroup(BaseModel):
    remiss_id: str
    title: str | None
    body: str | None
    dnr: str | None
    deadline: str | None
    motion_number: str | None
    motion_authors: list[str] = Field(default_factory=list)
    motion_parties: list[str] = Field(default_factory=list)
    answers: list[CouncilAnswer]
    score: float
    latest: str | None = None


class FacetValue(BaseModel):
    value: str
    label: str
    count: int


class AnswerNote(BaseModel):
    """An answer a note on the result page names, outside the exact block (a link: council and
    remiss title): the notes below say why."""

    yttrande_id: str
    council: str | None = None
    remiss_id: str | None = None
    remiss_title: str | None = None


class BoilerplateMatch(AnswerNote):
    """An answer whose standard wording holds the searched words, with the line that does."""

    line: str = ""


class WordParts(BaseModel):
    """A query word and the parts it was split into."""

    word: str
    parts: list[str]


class PartsMatch(AnswerNote):
    """An answer that holds the parts of the query's coined words, not together (issue 27)."""

    words: list[WordParts] = Field(default_factory=list)  # the words found as their parts only


class RelatedMatch(AnswerNote):
    """An answer holding the verb of the query's participle or passive in another form, where no
    passage holds the words as the analysis reads them (``search.related_forms``), and the forms
    it writes."""

    forms: list[str] = Field(default_factory=list)


class SearchResponse(BaseModel):
    query: str
    mode: Mode
    sort: Sort = "relevans"
    groups: list[RemissGroup]
    total_groups: int  # remisser in the exact block (hybrid/keyword) or above the floor (semantic)
    total_answers: int = 0
    pages: int = 0  # pages of groups this response can page through
    similar: list[RemissGroup] = Field(default_factory=list)  # "Liknande innehåll": semantic-only, above the floor
    page: int
    size: int
    facets: dict[str, list[FacetValue]]
    took_ms: float
    embed_ms: float = 0.0
    # answers whose words are only in their labelled standard wordings (letterhead, contact block,
    # procedural sentences; issue 29 keeps them out of the passages), when no passage holds them:
    # the page says so instead of "no answer contains the words" (issue 27)
    in_boilerplate: list[BoilerplateMatch] = Field(default_factory=list)
    # the query's words when every one is a stop word no field indexes ("hade"): the page says
    # so instead of "no answer contains the words", which would be false
    stop_words: list[str] = Field(default_factory=list)
    # answers holding a coined word's parts on different places (``search.parts_apart``): when no
    # passage holds the words, named as such instead of "no answer contains the words"; on the
    # first page of answers that hold them, those the exact block does not list
    parts_apart: list[PartsMatch] = Field(default_factory=list)
    # answers holding the verb of the query's participle or passive in another form
    # (``search.related_forms``), when no passage holds the words and no note above explains it:
    # named as such instead of "no answer contains the words" ("avstyrkande": "avstyrker")
    related_forms: list[RelatedMatch] = Field(default_factory=list)

    @property
    def parts_apart_words(self) -> list[str]:
        """The coined words ``parts_apart`` names, once each, in order (the page's sentence)."""
        return list(dict.fromkeys(wp.word for m in self.parts_apart for wp in m.words))


# ---- Swedish validation messages -------------------------------------------------
FIELD_NAMES = {
    "q": "sökfrågan", "mode": "sökläget", "sort": "sorteringen", "page": "sidnumret", "size": "antal per sida",
    **{f.name: f.word for f in FILTERS}, "text": "texten", "k": "antal träffar",
}


def swedish_message(err: Any) -> str:
    """One pydantic error (a dict from ValidationError.errors()) in Swedish."""
    loc = [str(x) for x in err.get("loc", ()) if not isinstance(x, int) and x != "filters"]
    field = FIELD_NAMES.get(loc[-1], loc[-1]) if loc else "värdet"
    typ, ctx = err.get("type", ""), err.get("ctx") or {}
    if typ == "value_error":
        return str(ctx.get("error", err.get("msg", "ogiltigt värde")))
    if typ == "string_too_long":
        return f"{field}: högst {ctx.get('max_length')} tecken"
    if typ == "too_long":
        return f"{field}: högst {ctx.get('max_length')} värden"
    if typ in ("greater_than_equal", "greater_than"):
        return f"{field}: minst {ctx.get('ge', ctx.get('gt'))}"
    if typ in ("less_than_equal", "less_than"):
        return f"{field}: högst {ctx.get('le', ctx.get('lt'))}"
    if typ in ("int_parsing", "int_type", "int_from_float"):
        return f"{field}: ange ett heltal"
    if typ == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "").replace(" or ", " eller ")
        return f"{field}: okänt värde (tillåtna: {expected})"
    if typ.startswith("date"):
        return f"{field}: ogiltigt datum (ÅÅÅÅ-MM-DD)"
    if typ in ("string_type", "list_type"):
        return f"{field}: fel typ av värde"
    return f"{field}: ogiltigt värde"


def swedish_errors(e: ValidationError) -> str:
    return "; ".join(dict.fromkeys(swedish_message(err) for err in e.errors()))
