"""Precedent search helpers: which passages are boilerplate (procedural sentences, attestation,
letterheads) rather than a council's own wording."""
from __future__ import annotations

import re

from remissvar.textnorm import fold

# Procedural or formal text every answer carries (README of shared/: "the standard decision
# sentence ... is procedural, not a position"); matched on folded text so OCR copies count too.
_BOILERPLATE = [re.compile(p) for p in (
    r"stadsdelsnamnden (overlamnar|godkanner)\s+(forvaltningens\s+)?(tjansteutlatande|forslag)",
    r"som svar pa remissen",
    r"\bjusteras\b|\bjusterat\b|\bjustering\b|\bordforande\b.*\bsekreterare\b",
    r"\bbeslutet (ar )?omedelbart justerat\b",
    r"^\s*(tjansteutlatande|stockholms stad|sida \d+ \(\d+\)|dnr\b)",
    r"\bhandlaggare\b.*\btelefon\b",
)]


def boilerplate_share(text: str) -> float:
    """Share of the passage's sentences that are procedural or formal (0..1)."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+|\n+", fold(text).lower()) if s.strip()]
    if not sentences:
        return 1.0
    hits = sum(1 for s in sentences if any(p.search(s) for p in _BOILERPLATE))
    return hits / len(sentences)


def is_boilerplate(text: str) -> bool:
    """A passage that is mostly procedural sentences or letterhead (at least half of it)."""
    return boilerplate_share(text) >= 0.5
