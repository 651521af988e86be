"""The typed index documents and mappings/*.json describe the same fields."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from pydantic import BaseModel

from remissvar.records import Evidence, MotionInfo, Passage, Position, RemissInfo, Section, Yttrande
from search_api.index.schema import PassageDoc, YttrandeDoc, source

MAPPINGS = Path(__file__).resolve().parents[2] / "mappings"


def _properties(name: str) -> dict[str, Any]:
    props: dict[str, Any] = json.loads((MAPPINGS / name).read_text(encoding="utf-8"))["properties"]
    return props


@pytest.mark.parametrize(("model", "mapping"), [(YttrandeDoc, "yttranden.json"), (PassageDoc, "passages.json")])
def test_model_fields_are_the_mapping_fields(model: type[BaseModel], mapping: str) -> None:
    assert set(model.model_fields) == set(_properties(mapping))


def _record() -> Yttrande:
    return Yttrande(
        id="y1", council="hagersten-alvsjo", date=dt.date(2024, 12, 12), title="Svar på remiss om parklekar",
        remiss=RemissInfo(id="r1", title="Motion om fler parklekar", body="Kommunstyrelsen", dnr="KS 2024/951",
                          motion=MotionInfo(number="2024:12", authors=["Åsa Öberg"], parties=["MP"])),
        sections=[Section(name="Förvaltningens synpunkter", text="Förvaltningen avstyrker.", page=2)],
        position=Evidence(position=Position.AVSTYRKER, sentences=["Förvaltningen avstyrker."]),
        text="Förvaltningen avstyrker motionen.",
    )


def _check_types(doc: dict[str, Any], props: dict[str, Any]) -> None:
    """Every written value fits its mapped type (what a strict mapping would refuse at write time)."""
    for name, value in doc.items():
        t = props[name].get("type", "object")
        values = value if isinstance(value, list) and t != "dense_vector" else [value]
        for v in values:
            if v is None:
                continue
            if t in ("keyword", "text"):
                assert isinstance(v, str), name
            elif t == "integer":
                assert isinstance(v, int) and not isinstance(v, bool), name
            elif t == "boolean":
                assert isinstance(v, bool), name
            elif t == "date":
                dt.datetime.fromisoformat(v)
            elif t == "dense_vector":
                assert all(isinstance(x, float) for x in v), name
            elif t == "object":
                assert isinstance(v, dict), name
                _check_types(v, props[name]["properties"])


def test_written_documents_fit_the_mappings() -> None:
    y = _record()
    ydoc = source(YttrandeDoc.from_record(y))
    _check_types(ydoc, _properties("yttranden.json"))
    assert ydoc["council_keys"] == ["hagersten-alvsjo"] and ydoc["remiss_title_folded"] == "motion om fler parklekar"
    assert ydoc["year"] == 2024 and ydoc["date"] == "2024-12-12"
    p = Passage(id="p1", yttrande_id="y1", ordinal=0, section="Förvaltningens synpunkter", page=2,
                text="Förvaltningen avstyrker.")
    pdoc = source(PassageDoc.from_record(y, p, np.ones(4, dtype=np.float32), "m"))
    _check_types(pdoc, _properties("passages.json"))
    assert pdoc["motion_authors"] == ["Åsa Öberg"] and pdoc["text_folded"] == "forvaltningen avstyrker."


def test_hits_read_back_into_the_models() -> None:
    y = _record()
    written = source(YttrandeDoc.from_record(y))
    back = YttrandeDoc.model_validate(written)
    assert back.date == dt.date(2024, 12, 12) and back.motion_parties == ["MP"]
