"""Whose view a sentence states (issue 19.5).

A document that answers a remiss or a motion reports other bodies' decisions ("Tekniska
nämnden beslutade den 15 december, § 65 att avstyrka motionen"), what the motion proposes
("Motionären föreslår ..."), what the material says ("I samrådsunderlaget anges att
...") and cost consequences ("Avslås motionen medför ärendet inga
ekonomiska kostnader", "Förslag att avslå motionen innebär inga kostnader"). None of
these is the answering body's position: they are dropped before the position classifier
(``remissvar.positions``) reads the administration's view.
"""
from __future__ import annotations

import re

from remissvar.textnorm import fold, sentences

_BODY = (r"(?:\w+(?:[ -]och [\w-]+)? ?)?(?:namnden|namnd|styrelsen|fullmaktige|kontoret|forvaltningen|utskottet|"
         r"lansstyrelsen|regeringen|domstolen)")
_OTHER_DECISION = re.compile(
    rf"\b(?P<body>{_BODY})\b[^.]{{0,80}}?\b(?:beslutade|har beslutat|beslutat|beslot|fick|lamnade|har lamnat|"
    r"remitterade|har remitterat|yttrade sig|tillstyrkte|avstyrkte|foreslog|behandlade|har behandlat)\b")
_MOTION_SPEAKS = re.compile(r"\bmotion(?:aren|ararna|en)\b[^.]{0,40}\b(?:foreslar|foreslog|yrkar|vill|anser|lyfter)\b")
_COST = re.compile(
    r"^(?:avslas|bifalls|tillstyrks|avstyrks) (?:motionen|forslaget)\b.*\b(?:medfor|innebar|kostnad)|"
    r"^forslag(?:et)? att (?:bifalla|avsla|tillstyrka|avstyrka)\b.*\b(?:innebar|medfor|kostnad)|"
    r"\b(?:medfor|innebar)\b[^.]{0,60}\b(?:kostnad\w*|ekonomiska konsekvenser)\b")
# what the material says: "I samrådsunderlaget anges att ...", "Av planbeskrivningen framgår att ..."
_MATERIAL = re.compile(
    r"^(?:i|enligt|av) (?:samradsunderlaget|underlaget|remissen|remissunderlaget|motionen|forslaget|planbeskrivningen|"
    r"promemorian|rapporten|utredningen|betankandet|ansokan)\b[^.]{0,30}?\b(?:anges|framgar|star|beskrivs|redovisas|"
    r"foreslas|bedoms|motsvarar)\b|^(?:enligt|i) (?:samradsunderlaget|underlaget|remissen|motionen|ansokan)\b")
_OWN = re.compile(r"^(?:forvaltningen|kommunledningskontoret|namnden|stadsdelsforvaltningen|stadsdelsnamnden)\b")


def reports_other_view(sentence: str, own_bodies: tuple[str, ...] = ()) -> str | None:
    """Why a sentence is not the answering body's view ("other_body", "motion", "material", "cost"), or None."""
    f = fold(sentence).strip()
    if _COST.search(f):
        return "cost"
    if _MOTION_SPEAKS.search(f):
        return "motion"
    if _MATERIAL.search(f):
        return "material"
    m = _OTHER_DECISION.search(f)
    if m and not _OWN.match(f):
        body = m.group("body").strip()
        if not any(fold(b) in body or body in fold(b) for b in own_bodies if b):
            return "other_body"
    return None


def own_view_text(text: str, own_bodies: tuple[str, ...] = ()) -> str:
    """``text`` without the sentences that report another body's decision, the motion's
    proposals or cost consequences (paragraph breaks kept)."""
    out_paras = []
    for para in re.split(r"\n\s*\n", text):
        kept = [s for s in sentences(para) if reports_other_view(s, own_bodies) is None]
        if kept:
            out_paras.append(" ".join(kept))
    return "\n\n".join(out_paras)
