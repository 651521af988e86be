"""The indexed document shape, written once: typed models for the two indices.

``YttrandeDoc`` (one per answer) and ``PassageDoc`` (one per passage, with its vector) share
the filter fields of ``FilterFields``, so every facet and filter works on both. These models
write the index (``from_record``), read hits (``model_validate`` on ``_source``), give the
OpenAPI "Document" schema, and feed the scale benchmark. ``tests/search_api/test_schema.py``
checks them field by field against ``mappings/*.json``.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict

from remissvar.positions import council_position
from remissvar.records import COUNCILS, BoilerLine, Passage, Reservation, Yttrande, council_keys
from remissvar.remiss_fields import BodyVocabulary
from remissvar.textnorm import fold


class SectionDoc(BaseModel):
    name: str
    page: int | None = None
    text: str


class FilterFields(BaseModel):
    """Fields both indices carry (denormalised onto passages), so filters and grouping work on either."""

    model_config = ConfigDict(extra="ignore")

    id: str
    council: str | None = None
    council_keys: list[str] = []
    date: dt.date | None = None
    year: int | None = None
    kind: str
    remiss_id: str
    remiss_title: str | None = None
    remiss_title_folded: str = ""
    remiss_body: str | None = None
    remiss_body_key: str | None = None  # one key for every spelling (the remitting-body facet)
    remiss_dnr: str | None = None
    motion_number: str | None = None
    motion_authors: list[str] = []
    motion_parties: list[str] = []
    position: str
    ocr: bool = False
    source_url: str | None = None
    synthetic: bool = False

    @staticmethod
    def filter_values(y: Yttrande) -> dict[str, Any]:
        r = y.remiss
        return {
            "council": y.council,
            "council_keys": council_keys(y.council) if y.council else [],
            "date": y.date,
            "year": y.date.year if y.date else None,
            "kind": y.kind.value,
            "remiss_id": r.id,
            "remiss_title": r.title,
            "remiss_title_folded": fold(r.title or ""),
            "remiss_body": r.body,
            "remiss_body_key": BodyVocabulary.key(r.body) or None if r.body else None,
            "remiss_dnr": r.dnr,
            "motion_number": r.motion.number if r.motion else None,
            "motion_authors": r.motion.authors if r.motion else [],
            "motion_parties": r.motion.parties if r.motion else [],
            "position": y.position.position.value,
            "ocr": y.ocr,
            "source_url": y.source_url,
            "synthetic": y.synthetic,
        }


def decision_fields(y: Yttrande) -> dict[str, Any]:
    """The protocol's decision beside the administration's position (both shown when they differ)."""
    d = y.council_decision
    if d is None:
        return {"decision_outcome": None, "council_position": None, "position_differs": False}
    own, differs = council_position(y.position.position, d)
    return {"decision_outcome": d.outcome.value, "council_position": own.value, "position_differs": differs}


class YttrandeDoc(FilterFields):
    """One document per yttrande (a council's answer) in ``<prefix>-yttranden``."""

    council_name: str | None = None
    administration: str | None = None
    handlaggare: str | None = None
    diarienummer: str | None = None
    title: str | None = None
    title_folded: str = ""
    remiss_deadline: dt.date | None = None
    also_sent_to: list[str] = []
    position_sentences: list[str] = []
    position_confidence: str | None = None  # hög / medel / låg (remissvar.positions)
    decision: str | None = None
    decision_outcome: str | None = None  # DecisionOutcome: as proposed, changed, återremitterat, bordlagt
    council_position: str | None = None  # the council's own stance after its decision
    position_differs: bool = False  # the decision's stance is not the administration's
    reservations: list[Reservation] = []
    sections: list[SectionDoc] = []
    boilerplate: list[BoilerLine] = []  # labelled boilerplate lines (ingest.segment): never in text or passages
    text: str = ""
    text_folded: str = ""
    original_text: str | None = None
    page_count: int = 0
    content_sha256: str | None = None
    indexed_at: dt.datetime | None = None
    first_seen: dt.datetime | None = None  # the raw store's first-seen time (Atom: arrival)

    @classmethod
    def from_record(cls, y: Yttrande, *, indexed_at: dt.datetime | None = None) -> YttrandeDoc:
        council = COUNCILS.get(y.council or "")
        return cls(
            id=y.id,
            **cls.filter_values(y),
            council_name=council.name if council else None,
            administration=y.administration,
            handlaggare=y.handlaggare,
            diarienummer=y.diarienummer,
            title=y.title,
            title_folded=fold(y.title or ""),
            remiss_deadline=y.remiss.deadline,
            also_sent_to=y.remiss.also_sent_to,
            position_sentences=y.position.sentences,
            position_confidence=y.position.confidence,
            decision=y.decision,
            **decision_fields(y),
            reservations=y.reservations,
            sections=[SectionDoc(name=s.name, page=s.page, text=s.text) for s in y.sections],
            boilerplate=y.boilerplate,
            text=y.text,
            text_folded=fold(y.text),
            original_text=y.original_text,
            page_count=len(y.pages),
            content_sha256=y.content_sha256,
            indexed_at=indexed_at or dt.datetime.now(dt.UTC),
            first_seen=y.first_seen,
        )


class PassageDoc(FilterFields):
    """One document per passage in ``<prefix>-passager``: a few sentences of one section and its vector."""

    yttrande_id: str
    ordinal: int
    section: str | None = None
    page: int | None = None
    title: str | None = None
    text: str
    text_folded: str = ""
    embedding: list[float] = []
    model: str | None = None

    @classmethod
    def from_record(cls, y: Yttrande, p: Passage, vector: np.ndarray | list[float], model_id: str) -> PassageDoc:
        return cls(
            id=p.id,
            **cls.filter_values(y),
            yttrande_id=y.id,
            ordinal=p.ordinal,
            section=p.section,
            page=p.page,
            title=y.title,
            text=p.text,
            text_folded=fold(p.text),
            embedding=[float(x) for x in vector],
            model=model_id,
        )


def source(doc: BaseModel) -> dict[str, Any]:
    """The ``_source`` to write: JSON-mode dump (dates as ISO strings)."""
    return doc.model_dump(mode="json")
