"""The OpenAPI 3.1 document of /api (served at /api/openapi.json, validated in the tests)."""
from __future__ import annotations

from typing import Any

from search_api.asked import AskedBody
from search_api.filters import FILTERS, Filter
from search_api.index.schema import YttrandeDoc
from search_api.search.models import RemissGroup, SearchResponse

REF = "#/components/schemas/{model}"


def _filter(f: Filter) -> dict[str, Any]:
    """A row of the filter table as a query parameter: many values as a repeated parameter."""
    out: dict[str, Any] = {"name": f.param, "in": "query"}
    if f.doc:
        out["description"] = f.doc
    if f.many:
        return {**out, "required": False, "schema": {"type": "array", "items": {"type": "string"}},
                "style": "form", "explode": True}
    if f.type == "date":
        return {**out, "schema": {"type": "string", "format": "date"}}
    pattern = {"pattern": f"^{f.pattern}$"} if f.pattern else {}
    return {**out, "schema": {"type": "string", "maxLength": f.limit, **pattern}}


def _json(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": REF.format(model=name)}


_err = _json("Ogiltig förfrågan (felmeddelande på svenska)", _ref("Error"))
_404 = _json("Finns inte", _ref("Error"))


def _schemas() -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, model in (("SearchResponse", SearchResponse), ("RemissGroup", RemissGroup), ("Yttrande", YttrandeDoc),
                        ("AskedBody", AskedBody)):
        schema = model.model_json_schema(ref_template=REF)
        out.update(schema.pop("$defs", {}))
        out[name] = schema
    out["Error"] = {"type": "object", "properties": {"error": {"type": "string"}}, "required": ["error"]}
    out["Document"] = {"type": "object", "additionalProperties": True}
    return out


OPENAPI: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Remissvar API", "version": "1",
             "description": "Sök i stadsdelsnämndernas remissvar: hybrid sökning grupperad per remiss. "
                            "Okända parametrar (t.ex. utm_*, fbclid) ignoreras; fel ges som JSON med svenskt "
                            "meddelande."},
    "paths": {
        "/api/search": {"get": {
            "summary": "Hybrid-, ord- eller betydelsesökning, grupperad per remiss",
            "parameters": [
                {"name": "q", "in": "query", "schema": {"type": "string", "maxLength": 500}},
                {"name": "mode", "in": "query",
                 "schema": {"type": "string", "enum": ["hybrid", "keyword", "semantic"]}},
                {"name": "sort", "in": "query", "schema": {"type": "string", "enum": ["relevans", "datum"]}},
                {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 50}},
                {"name": "size", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 50}},
                *(_filter(f) for f in FILTERS),
            ],
            "responses": {"200": _json("Träffar", _ref("SearchResponse")), "400": _err},
        }},
        "/api/motions": {"get": {
            "summary": "Motioner efter nummer (2024:12), motionär, parti, år eller ämne - även utan nummer",
            "parameters": [{"name": "q", "in": "query", "required": True,
                            "schema": {"type": "string", "maxLength": 500}}],
            "responses": {"200": _json("Grupper per remiss", {
                "type": "object", "properties": {"groups": {"type": "array", "items": _ref("RemissGroup")}}}),
                "400": _err},
        }},
        "/api/precedent": {"post": {
            "summary": "Liknande stycken i tidigare svar (prejudikat), utan standardformuleringar",
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "required": ["text"],
                "properties": {"text": {"type": "string", "maxLength": 5000},
                               "k": {"type": "integer", "minimum": 1, "maximum": 50},
                               "council": {"type": "array", "items": {"type": "string"}},
                               "position": {"type": "array", "items": {"type": "string"}},
                               "year": {"type": "array", "items": {"type": "integer"}}}}}}},
            "responses": {"200": _json("Stycken med likhetsband (band), eller ett meddelande när inget är nära", {
                "type": "object", "properties": {"hits": {"type": "array", "items": _ref("PassageHit")},
                                                 "message": {"type": ["string", "null"]},
                                                 "boilerplate": {"type": ["string", "null"]}}}),
                "400": _err},
        }},
        "/api/yttranden/{yid}": {"get": {
            "summary": "Ett yttrande",
            "parameters": [{"name": "yid", "in": "path", "required": True,
                            "schema": {"type": "string", "maxLength": 200}}],
            "responses": {"200": _json("Yttrandet", _ref("Yttrande")), "400": _err, "404": _404},
        }},
        "/api/remisser": {"get": {
            "summary": "Remisser med antal svar per nämnd",
            "responses": {"200": _json("Remisser", _ref("Document"))},
        }},
        "/api/remisser/{rid}": {"get": {
            "summary": "Alla nämnders svar på en remiss (jämförelse)",
            "description": "Svaren (answers), de tillfrågade instanserna med tillstånd (asked: AskedBody, "
                           "state svar | sammanstallning | ej_svar | okand, med belägg ur kommunstyrelsens "
                           "utlåtanden) och utlåtandena (summaries: SummaryRef).",
            "parameters": [{"name": "rid", "in": "path", "required": True,
                            "schema": {"type": "string", "maxLength": 200}}],
            "responses": {"200": _json("Remissen", _ref("Document")), "400": _err, "404": _404},
        }},
        "/api/health": {"get": {
            "summary": "Indexets hälsa",
            "responses": {"200": _json("Status", _ref("Document"))},
        }},
    },
    "components": {"schemas": _schemas()},
}
