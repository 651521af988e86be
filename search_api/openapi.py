"""The OpenAPI 3.1 document of /api (served at /api/openapi.json, validated in the tests)."""
from __future__ import annotations

from typing import Any

from search_api.queries import RemissGroup, SearchResponse

_list = lambda name, desc: {  # noqa: E731
    "name": name, "in": "query", "required": False, "description": desc,
    "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": True,
}
_err = {"description": "Ogiltig förfrågan", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def _schemas() -> dict[str, Any]:
    search = SearchResponse.model_json_schema(ref_template="#/components/schemas/{model}")
    defs = search.pop("$defs", {})
    group = RemissGroup.model_json_schema(ref_template="#/components/schemas/{model}")
    defs.update(group.pop("$defs", {}))
    return {
        "SearchResponse": search,
        "RemissGroup": group,
        **defs,
        "Error": {"type": "object", "properties": {"error": {"type": "string"}}, "required": ["error"]},
        "Document": {"type": "object", "additionalProperties": True},
    }


OPENAPI: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Remissvar API", "version": "1",
             "description": "Sök i stadsdelsnämndernas remissvar: hybrid sökning grupperad per remiss."},
    "paths": {
        "/api/search": {"get": {
            "summary": "Hybrid-, ord- eller betydelsesökning, grupperad per remiss",
            "parameters": [
                {"name": "q", "in": "query", "schema": {"type": "string", "maxLength": 500}},
                {"name": "mode", "in": "query", "schema": {"type": "string", "enum": ["hybrid", "keyword", "semantic"]}},
                {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 50}},
                {"name": "size", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 50}},
                {"name": "date_from", "in": "query", "schema": {"type": "string", "format": "date"}},
                {"name": "date_to", "in": "query", "schema": {"type": "string", "format": "date"}},
                _list("council", "Nämnd (slug), t.ex. sodermalm"),
                _list("remiss_body", "Remitterande instans"),
                _list("party", "Motionärens parti"),
                _list("position", "tillstyrker, avstyrker, delvis, neutral, oklart"),
                _list("kind", "Dokumenttyp"),
            ],
            "responses": {"200": {"description": "Träffar", "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/SearchResponse"}}}}, "400": _err},
        }},
        "/api/motions": {"get": {
            "summary": "Svar på motioner efter nummer (2024:12), författare, parti eller ämne",
            "parameters": [{"name": "q", "in": "query", "required": True, "schema": {"type": "string", "maxLength": 500}}],
            "responses": {"200": {"description": "Grupper per remiss", "content": {"application/json": {"schema": {
                "type": "object", "properties": {"groups": {"type": "array", "items": {"$ref": "#/components/schemas/RemissGroup"}}}}}}},
                "400": _err},
        }},
        "/api/precedent": {"post": {
            "summary": "Liknande stycken i tidigare svar (prejudikat)",
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "required": ["text"],
                "properties": {"text": {"type": "string", "maxLength": 5000}, "k": {"type": "integer", "maximum": 50}}}}}},
            "responses": {"200": {"description": "Stycken", "content": {"application/json": {"schema": {
                "type": "object", "properties": {"hits": {"type": "array", "items": {"$ref": "#/components/schemas/PassageHit"}}}}}}},
                "400": _err},
        }},
        "/api/yttranden/{yid}": {"get": {
            "summary": "Ett yttrande",
            "parameters": [{"name": "yid", "in": "path", "required": True, "schema": {"type": "string"}}],
            "responses": {"200": {"description": "Yttrandet", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Document"}}}},
                          "404": _err},
        }},
        "/api/remisser": {"get": {
            "summary": "Remisser med antal svar per nämnd",
            "responses": {"200": {"description": "Remisser", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Document"}}}}},
        }},
        "/api/remisser/{rid}": {"get": {
            "summary": "Alla nämnders svar på en remiss (jämförelse)",
            "parameters": [{"name": "rid", "in": "path", "required": True, "schema": {"type": "string"}}],
            "responses": {"200": {"description": "Remissen", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Document"}}}},
                          "404": _err},
        }},
        "/api/health": {"get": {
            "summary": "Indexets hälsa",
            "responses": {"200": {"description": "Status", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Document"}}}}},
        }},
    },
    "components": {"schemas": _schemas()},
}
