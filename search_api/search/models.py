"""Request and response models of search, and the validation of user input (Swedish messages)."""
from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError, field_validator

from remissvar.records import COUNCILS, DocumentKind, Position
from remissvar.remiss_fields import BodyVocabulary

MAX_QUERY_CHARS = 500
MAX_PARAGRAPH_CHARS = 5000
MAX_ID_CHARS = 200  # document and remiss ids are short slugs/hashes; anything longer is not an id
CANDIDATES = 100

Mode = Literal["hybrid", "keyword", "semantic"]
Sort = Literal["relevans", "datum"]


class QueryError(ValueError):
    """Invalid user input (400). The message is Swedish and shown to the user."""


class BusyError(RuntimeError):
    """Every slot for expensive searches is taken (503 with Retry-After): load is shed, not queued."""

    retry_after = 5


# ---- request models ------------------------------------------------------------
class Filters(BaseModel):
    council: list[str] = Field(default_factory=list, max_length=10)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    year: list[int] = Field(default_factory=list, max_length=30)
    remiss_body: list[str] = Field(default_factory=list, max_length=10)
    party: list[str] = Field(default_factory=list, max_length=10)
    position: list[str] = Field(default_factory=list, max_length=6)
    kind: list[str] = Field(default_factory=list, max_length=4)
    remiss_id: str | None = Field(None, max_length=MAX_ID_CHARS)
    motion_number: str | None = Field(None, max_length=20)
    # benchmarks only (never set from a request): search the synthetic scale corpus too
    include_synthetic: bool = False

    @field_validator("council", "position", "kind")
    @classmethod
    def _closed_vocabulary(cls, v: list[str], info: Any) -> list[str]:
        allowed, label = {
            "council": (set(COUNCILS), "nämnd"),
            "position": ({p.value for p in Position}, "ställning"),
            "kind": ({k.value for k in DocumentKind}, "dokumenttyp"),
        }[info.field_name]
        bad = [x for x in v if x not in allowed]
        if bad:
            raise ValueError(f"okänd {label}: {', '.join(bad)}")
        return v

    @field_validator("remiss_body", "party")
    @classmethod
    def _short(cls, v: list[str]) -> list[str]:
        if any(len(x) > 200 for x in v):
            raise ValueError("för långt filtervärde")
        return v

    @field_validator("year")
    @classmethod
    def _years(cls, v: list[int]) -> list[int]:
        if any(not 1990 <= y <= 2100 for y in v):
            raise ValueError("år ska vara mellan 1990 och 2100")
        return v

    def clauses(self, skip: frozenset[str] = frozenset()) -> list[dict[str, Any]]:
        """Filter clauses; ``skip`` leaves facets' own filters out (multi-select facet counts)."""
        out: list[dict[str, Any]] = [] if self.include_synthetic else [{"term": {"synthetic": False}}]
        if self.council and "council" not in skip:
            out.append({"terms": {"council_keys": self.council}})
        if self.date_from or self.date_to:
            rng: dict[str, str] = {}
            if self.date_from:
                rng["gte"] = self.date_from.isoformat()
            if self.date_to:
                rng["lte"] = self.date_to.isoformat()
            out.append({"range": {"date": rng}})
        for name, field in (("year", "year"), ("remiss_body", "remiss_body_key"), ("party", "motion_parties"),
                            ("position", "position"), ("kind", "kind")):
            values = getattr(self, name)
            if values and name not in skip:
                if name == "remiss_body":  # any spelling of a body chooses all of its spellings
                    values = sorted({BodyVocabulary.key(v) or v for v in values})
                out.append({"terms": {field: values}})
        if self.remiss_id:
            out.append({"term": {"remiss_id": self.remiss_id}})
        if self.motion_number:
            out.append({"term": {"motion_number": self.motion_number}})
        return out

    def active(self) -> bool:
        return bool(self.council or self.date_from or self.date_to or self.year or self.remiss_body
                    or self.party or self.position or self.kind or self.remiss_id or self.motion_number)


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


class BoilerplateMatch(BaseModel):
    """An answer whose standard wording holds the searched words, with the line that does."""

    yttrande_id: str
    council: str | None = None
    remiss_id: str | None = None
    remiss_title: str | None = None
    line: str = ""


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


# ---- Swedish validation messages -------------------------------------------------
FIELD_NAMES = {
    "q": "sökfrågan", "mode": "sökläget", "sort": "sorteringen", "page": "sidnumret", "size": "antal per sida",
    "council": "nämnd", "date_from": "från-datum", "date_to": "till-datum", "year": "år",
    "remiss_body": "remitterande instans", "party": "parti", "position": "ställning", "kind": "dokumenttyp",
    "remiss_id": "remiss", "motion_number": "motionsnummer", "text": "texten", "k": "antal träffar",
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
