"""Reciprocal rank fusion on the client (ES' own RRF is a licensed module)."""
from __future__ import annotations

RRF_K = 60


def rrf(rankings: list[list[str]], k: int = RRF_K) -> dict[str, float]:
    """Fused scores: the sum over rankings of 1 / (k + rank). ``k`` is a parameter, read per call."""
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, doc_id in enumerate(ranking, start=1):
            scores[doc_id] = scores.get(doc_id, 0.0) + 1.0 / (k + rank)
    return scores
