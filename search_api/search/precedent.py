"""Precedent search: a calibrated likeness a reader understands ("mycket lik", "lik", "avlägsen"),
a floor under which nothing is shown, the boilerplate mode for a pasted paragraph that is itself
boilerplate, and the message for an identifier the archive lacks.

The score. multilingual-e5 compresses cosines: an unrelated paragraph of the same genre
("förvaltningen föreslår ... nämnden") scores 0.84-0.87 against every passage, a related one
0.86-0.95, so no cosine floor separates them (issue 29: unrelated drafts at ~0.85 got ten hits
between 85 and 90 %). What separates them is how much a passage stands out from the paragraph's
background, the mean cosine of its nearest ``POOL`` passages: a paragraph about something in the
archive has a few passages well above the rest, an unrelated one has none. The score is the
contrast ``2 * cosine - background`` (``calibrated``).

The bands are set from measured distributions (``bench/search_eval.py``, "Precedent
calibration", independent of the blind evaluation drafts): *unrelated* pairs are paragraphs on
topics the archive does not hold (bench/data/precedent_calibration.jsonl, written for this) against
their best passage; *relevant* pairs are the archive's own passages used as paragraphs against
the best passage of another answer to the same remiss (or another passage of the same answer).
``FLOOR`` lies above every unrelated paragraph's best score; ``LIK`` and ``MYCKET_LIK`` are the
lower quartile and the median of the relevant pairs.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from remissvar.boilerplate import LABEL_NAMES, Label, paragraph_label
from remissvar.textnorm import fold
from search_api.search.models import PassageHit

POOL = 50  # nearest passages whose mean cosine is the paragraph's background
# The background is at most what unrelated paragraphs measure (their means: 0.822-0.839): where the
# 50 nearest passages are all on the paragraph's topic (a remiss every council answered, a small
# archive) the topic's own passages must not make the paragraph look less close.
BACKGROUND_CAP = 0.84
# bench/search_eval.py, "Precedent calibration" (recorded archive, onnx query encoder, passages
# embedded with the title of their remiss, ``ingest.chunking.embedding_text``): unrelated
# paragraphs' best score max 0.901 (p90 0.890, 15 paragraphs); relevant pairs p10 0.931, p25 0.968,
# median 1.012 (55 pairs). The floor is the unrelated maximum rounded up to the next 0.005, the
# bands the lower quartile and the median rounded down. (Passages embedded without the title:
# unrelated max 0.910, relevant p10 0.926: floor 0.915.)
FLOOR = 0.905
LIK = 0.965
MYCKET_LIK = 1.010
NONE_FOUND = ("Inget stycke i arkivet är tillräckligt likt det du klistrade in. Det som liknar mest ligger "
              "under gränsen där likheten säger något, så vi visar det inte.")


def background(cosines: list[float]) -> float:
    """The paragraph's background: the mean cosine of its nearest passages, at most ``BACKGROUND_CAP``."""
    return min(sum(cosines) / len(cosines), BACKGROUND_CAP) if cosines else BACKGROUND_CAP


def calibrated(cosine: float, bg: float) -> float:
    """The contrast of one passage against the paragraph's background."""
    return 2.0 * cosine - bg


def band(score: float) -> str | None:
    """'mycket lik' / 'lik' / 'avlägsen' for a calibrated score; None under the floor (not shown)."""
    if score >= MYCKET_LIK:
        return "mycket lik"
    if score >= LIK:
        return "lik"
    if score >= FLOOR:
        return "avlägsen"
    return None


@dataclass
class PrecedentResult:
    """What the precedent page shows: the hits with their band, or a message saying why none."""

    hits: list[PassageHit] = field(default_factory=list)
    bands: dict[str, str] = field(default_factory=dict)  # hit id -> band
    message: str | None = None  # Swedish: nothing close, an identifier not in the archive
    boilerplate: str | None = None  # the label's Swedish name when the paragraph is itself boilerplate
    below_floor: int = 0  # passages that were nearest but under the floor


def boilerplate_label(paragraph: str) -> Label | None:
    """The boilerplate kind of a pasted paragraph (a letterhead, a contact block, a procedural
    decision ...), None when it is substance."""
    lab = paragraph_label(paragraph)
    return None if lab is Label.SUBSTANCE else lab


def boilerplate_name(label: Label) -> str:
    return LABEL_NAMES[label]


def best_lines(lines: list[str], paragraph: str, n: int = 4) -> list[str]:
    """The boilerplate lines of one answer that share most words with the pasted paragraph."""
    want = set(re.findall(r"\w{3,}", fold(paragraph).lower()))
    scored = sorted(((len(want & set(re.findall(r"\w{3,}", fold(ln).lower()))), i) for i, ln in enumerate(lines)),
                    reverse=True)
    keep = sorted(i for s, i in scored[:n] if s > 0)
    return [lines[i] for i in keep]


def missing_message(kind: str, ident: str) -> str:
    """'Motion 2024:57 finns inte i arkivet' with where to look instead."""
    what = f"Motion {ident}" if kind == "motion" else f"Diarienummer {ident}"
    return (f"{what} finns inte i arkivet. Inget av stadsdelsnämndernas svar i arkivet nämner "
            f"{'motionen' if kind == 'motion' else 'ärendet'}: den kan vara för ny, inte remitterad till "
            "stadsdelsnämnderna eller besvarad av andra nämnder. Sök på numret i kommunfullmäktiges och "
            "kommunstyrelsens handlingar (edokmeetings.stockholm.se) eller fråga stadens registratur.")


# -- the earlier query-time test, kept for passages indexed before segmentation ------------------
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
    """A passage that is mostly procedural sentences or letterhead (at least half of it), or a
    paragraph the segmenter's line shapes call boilerplate."""
    return boilerplate_share(text) >= 0.5 or boilerplate_label(text) is not None
