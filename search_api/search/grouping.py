"""From index hits to what the pages show: passage hits, answers grouped per remiss, facets,
and the collapsing of near-identical passages (precedent)."""
from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

from remissvar.records import COUNCILS, position_label
from remissvar.remiss_fields import BodyVocabulary
from remissvar.textnorm import fold
from search_api.filters import facets
from search_api.search.highlight import snippet
from search_api.search.models import CouncilAnswer, FacetValue, Filters, PassageHit, RemissGroup

Ranked = list[tuple[dict[str, Any], float, dict[str, Any] | None]]


def hit_from_source(src: dict[str, Any], score: float, hl: dict[str, Any] | None,
                    similarity: float | None = None) -> PassageHit:
    council = COUNCILS.get(src.get("council") or "")
    return PassageHit(
        id=src["id"], yttrande_id=src["yttrande_id"], council=src.get("council"),
        council_name=council.name if council else None, date=src.get("date"), title=src.get("title"),
        section=src.get("section"), page=src.get("page"), snippet_html=snippet(src, hl),
        text=src.get("text", ""), position=src.get("position"), source_url=src.get("source_url"),
        remiss_id=src.get("remiss_id"), remiss_title=src.get("remiss_title"), score=score,
        ocr=bool(src.get("ocr")), ordinal=src.get("ordinal"), remiss_dnr=src.get("remiss_dnr"),
        similarity=similarity,
    )


def group_key(src: dict[str, Any]) -> str:
    """The remiss a passage is grouped under: its remiss key, or its own answer when it has none."""
    return str(src.get("remiss_id") or src["yttrande_id"])


def group_passages(ranked: Ranked, similarities: dict[str, float] | None = None) -> list[RemissGroup]:
    """Passages in rank order -> remisser in rank order, each council's best passage once."""
    sims = similarities or {}
    groups: dict[str, RemissGroup] = {}
    for src, score, hl in ranked:
        rid = group_key(src)
        g = groups.get(rid)
        if g is None:
            g = groups[rid] = RemissGroup(
                remiss_id=rid, title=src.get("remiss_title"), body=src.get("remiss_body"),
                dnr=src.get("remiss_dnr"), deadline=None, motion_number=src.get("motion_number"),
                motion_authors=src.get("motion_authors", []), motion_parties=src.get("motion_parties", []),
                answers=[], score=score,
            )
        if src.get("date") and (g.latest is None or src["date"] > g.latest):
            g.latest = src["date"]
        if any(a.yttrande_id == src["yttrande_id"] for a in g.answers):
            continue
        hit = hit_from_source(src, score, hl, sims.get(src["id"]))
        g.answers.append(CouncilAnswer(
            council=hit.council, council_name=hit.council_name, position=src.get("position"),
            position_label=position_label(src.get("position")), yttrande_id=src["yttrande_id"],
            date=src.get("date"), best=hit,
        ))
    return list(groups.values())


def group_from_yttrande(src: dict[str, Any], score: float) -> RemissGroup:
    return RemissGroup(
        remiss_id=src["remiss_id"], title=src.get("remiss_title"), body=src.get("remiss_body"),
        dnr=src.get("remiss_dnr"), deadline=src.get("remiss_deadline"), motion_number=src.get("motion_number"),
        motion_authors=src.get("motion_authors", []), motion_parties=src.get("motion_parties", []),
        answers=[], score=score, latest=src.get("date"),
    )


def answer_from_yttrande(src: dict[str, Any]) -> CouncilAnswer:
    council = COUNCILS.get(src.get("council") or "")
    sentences = src.get("position_sentences") or []
    text = sentences[0] if sentences else (src.get("decision") or "")
    best = PassageHit(
        id=src["id"], yttrande_id=src["id"], council=src.get("council"),
        council_name=council.name if council else None, date=src.get("date"), title=src.get("title"),
        section=None, page=None, snippet_html=html.escape(text), text=text, position=src.get("position"),
        source_url=src.get("source_url"), remiss_id=src.get("remiss_id"), remiss_title=src.get("remiss_title"),
        score=0.0, ocr=bool(src.get("ocr")), remiss_dnr=src.get("remiss_dnr"),
    )
    return CouncilAnswer(
        council=src.get("council"), council_name=best.council_name, position=src.get("position"),
        position_label=position_label(src.get("position")), yttrande_id=src["id"], date=src.get("date"),
        best=best,
    )


def facets_from_aggs(aggs: dict[str, Any], filters: Filters | None = None) -> dict[str, list[FacetValue]]:
    """The facets of a search (``search_api.filters``), each value labelled by its filter's row;
    ``filters``: the request's (a facet with spellings keeps the value as the request spells it,
    so it shows as chosen)."""
    out: dict[str, list[FacetValue]] = {}
    for f in facets():
        if f.name not in aggs:
            continue
        agg = aggs[f.name]
        inner = agg.get("f", agg)  # multi-select facets nest the terms under a filter
        buckets = inner.get("buckets", [])
        if f.facet and f.facet.spellings:
            out[f.name] = body_facet(buckets, getattr(filters, f.name) if filters else [])
            continue
        out[f.name] = [FacetValue(value=str(b["key"]), label=f.value_label(str(b["key"])),
                                  count=int(b["docs"]["value"])) for b in buckets]
    return out


def body_facet(buckets: list[dict[str, Any]], chosen: Sequence[str] = ()) -> list[FacetValue]:
    """The remitting-body facet: one value per body key, named by the remitting-body vocabulary
    (the spelling the corpus uses most); choosing it filters on every spelling. A body the
    request chose keeps the request's spelling as its value."""
    chosen_by_key = {BodyVocabulary.key(v): v for v in chosen}
    vocab = BodyVocabulary()
    for b in buckets:
        for sp in b.get("spellings", {}).get("buckets", []):
            vocab.add(str(sp["key"]), int(sp["doc_count"]))
    out = []
    for b in buckets:
        spellings = [str(sp["key"]) for sp in b.get("spellings", {}).get("buckets", [])]
        name = vocab.canonical(spellings[0]) if spellings else str(b["key"])
        value = chosen_by_key.get(str(b["key"]), name)
        count = b["docs"]["value"] if "docs" in b else b["doc_count"]
        out.append(FacetValue(value=value, label=name, count=int(count)))
    return out


# ---- near-identical passages (precedent) ---------------------------------------------
_WORD = re.compile(r"\w+")


def shingles(text: str, n: int = 3) -> frozenset[str]:
    words = _WORD.findall(fold(text).lower())
    if len(words) < n:
        return frozenset([" ".join(words)])
    return frozenset(" ".join(words[i:i + n]) for i in range(len(words) - n + 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def collapse_near_duplicates(hits: list[PassageHit], threshold: float = 0.6,
                             per_document: int | None = 2) -> list[PassageHit]:
    """Keep the best of each set of (near-)identical passages, counting the others in
    ``also_in`` (distinct answers), and at most ``per_document`` passages of one answer."""
    kept: list[tuple[PassageHit, frozenset[str], set[str]]] = []
    per_doc: dict[str, int] = {}
    for h in hits:
        sh = shingles(h.text)
        dup = next((k for k in kept if jaccard(k[1], sh) >= threshold), None)
        if dup is not None:
            dup[2].add(h.yttrande_id)
            continue
        if per_document is not None and per_doc.get(h.yttrande_id, 0) >= per_document:
            continue
        per_doc[h.yttrande_id] = per_doc.get(h.yttrande_id, 0) + 1
        kept.append((h, sh, {h.yttrande_id}))
    out = []
    for h, _, docs in kept:
        out.append(h.model_copy(update={"also_in": len(docs)}))
    return out
