"""Positions as councils write them: the administration's stance and the council's decision.

Pure functions over text, no I/O:

- ``classify_position(text)`` reads the administration's view (the "Förvaltningens
  synpunkter" section, the summary, or the agenda summary when that is all there is) and
  returns one of tillstyrker, avstyrker, delvis, neutral, avstår, oklart, with the
  sentences that carry it.
- ``classify_decision(paragraph_text)`` reads a protocol paragraph and returns what the
  council decided (as proposed, changed, återremitterat, bordlagt), the stance the decision
  itself states, and every party's reservation, särskilt uttalande or yttrande.

Rules over diacritic-folded text (``remissvar.textnorm.fold``); every å/ä/ö in a pattern
also matches what OCR made of it ("godkinner", "stéller", "tillstvrker"). Not a position: the
procedural sentence "Stadsdelsnämnden överlämnar/godkänner förvaltningens
tjänsteutlåtande som svar på remissen", sentences reporting another body's (or an
earlier) decision ("Tekniska nämnden beslutade ... att avstyrka motionen"), what the
motion itself proposes, and cost consequences ("Avslås motionen medför ärendet inga
kostnader").
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from remissvar.records import (
    COUNCILS,
    Decision,
    DecisionOutcome,
    Position,
    Reservation,
    council_from_name,
)
from remissvar.textnorm import fold, sentences, squash

__all__ = [
    "PositionResult",
    "SentencePosition",
    "classify_decision",
    "classify_lines",
    "classify_position",
    "classify_sentence",
    "council_position",
    "find_reservations",
]


@dataclass(frozen=True)
class PositionResult:
    """A position and the sentences it was read from (in document order)."""

    position: Position
    evidence: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SentencePosition:
    """What one sentence says: ``position`` is OKLART when it states no stance of the
    answering body; ``strong`` marks a verdict (tillstyrker, avslås) over a leaning
    (positiv till, välkomnar)."""

    position: Position
    strong: bool = False
    reason: str = ""


def _rx(pattern: str) -> re.Pattern[str]:
    """Compile a pattern written in plain Swedish for folded (OCR-tolerant) text: every
    å/ä/ö becomes "up to two letters" (lost, folded or misread by OCR)."""
    out = re.sub(r"[åäö]", "[a-z]?", pattern).replace("y", "[yv]")  # OCR: "tillstvrker"
    return re.compile(out)


def _any(patterns: list[str]) -> re.Pattern[str]:
    return _rx("|".join(f"(?:{p})" for p in patterns))


_NEG_WORD = r"\b(?:inte|ej|icke|aldrig)\b"

# ---- sentences that state no position of the answering body ------------------------------
# The procedural decision sentence: the answer is the administration's text.
_PROCEDURAL = _any([
    r"(?:överlämnar|godkänner|antar|översänder|lämnar|besvarar)\s+(?:\w+\s+){0,3}"
    r"(?:tjänsteutlåtande\w*|förslag\w*(?:\s+till\s+(?:svar|yttrande|beslut))?|yttrande)"
    r"(?:\s+\w+){0,6}?\s+som\s+(?:svar|sitt\s+(?:svar|yttrande)|nämndens\s+(?:svar|yttrande)|yttrande)",
    r"(?:godkänner|antar|överlämnar)\s+(?:\w+\s+){0,2}förvaltningens\s+förslag(?:\s+till\s+(?:svar|yttrande|beslut))?",
    r"(?:överlämnar|översänder)\s+(?:\w+\s+){0,3}tjänsteutlåtande\w*",
    r"som\s+svar\s+på\s+remissen",
    r"paragrafen\s+(?:förklaras\s+)?(?:omedelbart\s+)?juster",
])
# Reports of another body's decision, or of an earlier one.
_REPORTED = _any([
    r"\bbeslutade\b", r"\bbeslöt\b", r"\bhar\s+(?:\w+\s+){0,3}beslutat\b",
    r"\b(?:till|av)styrkte\b", r"\bhar\s+(?:\w+\s+){0,4}(?:till|av)styrkt\b",
    r"\bhar\s+(?:\w+\s+){0,3}(?:avslagit|bifallit)\b", r"\bavslog\b", r"\bbiföll\b",
    r"\bi\s+sitt\s+(?:yttrande|remissvar|beslut|svar)\b", r"\bställde\s+sig\b",
    r"\b(?:yttrade|framförde|anförde|ansåg|föreslog|yrkade)\b",
    r"\bhar\s+(?:\w+\s+){0,3}ställt\s+sig\b",
    r"\b(?:tidigare|förra\s+året)\s+(?:\w+\s+){0,3}(?:till|av)styrk",
])
# The motion or the proposal speaking, not the answering body.
_MOTION_SPEAKS = _any([
    r"^(?:\w+\s+){0,3}(?:motionär\w*|motionen|förslagsställar\w*)\s+(?:\w+\s+)?"
    r"(?:föreslår|anser|vill|yrkar|menar|önskar|lyfter|skriver|framför|pekar)\b",
    r"^i\s+(?:motionen|remissen|förslaget|promemorian|programmet|betänkandet|utredningen|\w*underlaget|"
    r"samrådshandling\w*|planförslaget|ansökan|rapporten)\s+(?:\w+\s+){0,3}"
    r"(?:föreslås|föreslår|framförs|anförs|beskrivs|anges|pekas|framgår|redovisas)",
    r"^(?:motionen|remissen|förslaget|promemorian|programmet|betänkandet|utredningen|policyn|planen)\s+"
    r"(?:föreslår|innebär|syftar|beskriver|innehåller|anger|handlar)\b",
])
# Cost consequences of a decision either way.
_COST = _any([r"kostnad", r"ekonomisk", r"budget", r"finansier", r"\bmedel\b", r"\bkronor\b", r"\bkr\b"])
_COST_IF = _any([
    r"\bom\s+(?:\w+\s+){0,3}(?:motionen|förslaget|förslagen|remissen)\b",
    r"\bförslag(?:et)?\s+att\s+(?:bifalla|avslå|tillstyrka|avstyrka|genomföra)",
    r"\b(?:bifalls|avslås|tillstyrks|avstyrks|genomförs)\s+(?:motionen|förslaget)",
    r"\b(?:motionen|förslaget)\s+(?:bifalls|avslås|tillstyrks|avstyrks|genomförs)\b",
    r"\bett\s+(?:bifall|avslag|genomförande)\b", r"\bvid\s+(?:bifall|avslag|ett\s+genomförande)\b",
])
_NO_STANCE_SCOPE = _rx(
    r"(?:tar\s+(?:\w+\s+){0,3}inte\s+(?:\w+\s+)?ställning\s+till|politisk\w*\s+fråga\s+(?:om|huruvida))"
    r"[^,;]*?(?=\s+(?:men|dock|däremot)\b|[,;]|$)")
_COURTESY = _any([
    r"välkomnar\s+(?:\w+\s+){0,2}(?:möjligheten|att\s+(?:frågan|ämnet|motionär\w*|man|det)\s+(?:\w+\s+)?(?:lyft|uppmärksamma|tas\s+upp|väck))",
    r"(?:positivt|bra)\s+att\s+(?:frågan|ämnet|motionär\w*)\s+(?:\w+\s+)?(?:lyft|uppmärksamma|tas\s+upp|väck)\w*",
    r"tackar\s+för\s+(?:möjligheten|remissen|att)",
    r"positiv\w*\s+till\s+att\s+(?:ha\s+)?(?:fått|få)\s+(?:möjlighet|yttra)",
])

# ---- stance cues ----------------------------------------------------------------------
_AVSTAR = _any([
    r"avstår\s+(?:\w+\s+){0,2}från\s+att\s+(?:\w+\s+){0,2}(?:svara|besvara|yttra|lämna\s+(?:\w+\s+){0,2}(?:yttrande|svar|synpunkter|remissvar)|kommentera|avge)",
    r"avstår\s+(?:\w+\s+){0,2}från\s+(?:yttrande|remissvar|svar|att\s+yttra)",
    r"avstår\s+(?:\w+\s+){0,2}(?:att\s+)?(?:yttra\s+sig|svara|besvara)",
    r"väljer\s+att\s+(?:\w+\s+){0,2}inte\s+(?:svara|besvara|yttra|lämna)",
    r"(?:lämnar|avger)\s+(?:\w+\s+){0,2}(?:inget|inte\s+något)\s+(?:yttrande|svar|remissvar)",
    r"besvarar\s+inte\s+remissen", r"\binte\s+(?:att\s+)?yttra[rs]?\s+sig\b",
    r"(?:lämnar|besvarar|lämna)\s+(?:\w+\s+){0,3}utan\s+(?:yttrande|svar)",
    r"\binte\s+(?:att\s+)?(?:besvara|svara\s+på)\s+remissen",
    r"(?:inga\s+synpunkter|inte\s+yttra\s+sig)\s+(?:\w+\s+){0,6}(?:inte\s+berör|berör\s+inte)",
    r"(?:inte\s+berör|berör\s+inte)\s+(?:\w+\s+){0,8}(?:inga\s+synpunkter|inte\s+yttra|avstår)",
])
_NEUTRAL = _any([
    r"tar\s+(?:\w+\s+){0,3}inte\s+(?:\w+\s+){0,1}ställning", r"\binte\s+(?:att\s+)?ta\s+ställning",
    r"avstår\s+(?:\w+\s+){0,2}från\s+att\s+ta\s+ställning", r"ingen\s+ställning",
    r"\bpolitisk\w*\s+(?:fråga|frågor|ställningstagande|bedömning|avvägning|prioritering|beslut)",
    r"(?:fråga|frågor|ställningstagande|bedömning|avvägning)\s+(?:\w+\s+){0,2}(?:av\s+)?politisk\s+(?:karaktär|natur|art)",
    r"(?:inget|inte\s+något|ingenting)\s+(?:\w+\s+)?att\s+(?:erinra|invända|tillägga|anmärka|anföra)",
    r"\binga\s+(?:\w+\s+){0,2}(?:synpunkter|invändningar|kommentarer|erinringar)",
    r"\bingen\s+(?:\w+\s+)?(?:invändning|erinran|synpunkt|uppfattning|åsikt)\b",
    r"\binte\s+(?:\w+\s+)?(?:några|någon)\s+(?:\w+\s+){0,1}(?:synpunkter|invändningar|invändning|erinran)",
    r"(?:lämnar|lämna)\s+(?:\w+\s+){0,3}utan\s+(?:erinran|synpunkter|invändning|kommentar|åtgärd)",
    r"\bneutral\w*\s+(?:till|i\s+frågan)", r"\bfråga\s+för\s+(?:den\s+)?(?:politik|politiker|förtroendevald)\w*",
])
_DELVIS = _any([
    r"\bdelar\s+(?:\w+\s+){0,4}(?:intention|ambition|syfte|grundtank|målsättning|bakomliggande|avsikt|utgångspunkt|viljan|tanken|engagemang)\w*",
    r"\bdelvis\s+(?:\w+\s+){0,3}(?:tillstyrk|positiv|bakom|instämm|bifall|stöd)",
    r"(?:tillstyrk\w*|positiv\w*|bakom|instämmer|bifalla\w*|stöder)\s+(?:\w+\s+){0,6}delvis",
    r"\btill\s+(?:vissa\s+)?delar\b",
    r"\bdelar\s+av\s+(?:motionen|förslaget|förslagen|remissen)\s+(?:\w+\s+){0,3}(?:tillstyrk|bifall|stöd)",
    r"(?:tillstyrk\w*|positiv\w*|bakom)\s+(?:\w+\s+){0,3}(?:delar\s+av|vissa\s+delar|en\s+del\s+av)",
    r"\bi\s+huvudsak\s+(?:\w+\s+){0,2}(?:tillstyrk|positiv|bakom|instämm|delar|stöd)",
    r"(?:tillstyrk\w*|positiv\w*|bakom|stöder)\s+(?:\w+\s+){0,4}i\s+huvudsak",
    r"\bmed\s+(?:vissa\s+|följande\s+|några\s+)?(?:förbehåll|reservationer|invändningar|undantag|justeringar|ändringar)",
    r"\b(?:motionen|förslaget|remissen)\s+(?:\w+\s+){0,3}(?:anses|är|vara|förklaras)\s+besvarad",
    r"\banse\w*\s+(?:\w+\s+){0,2}(?:motionen|förslaget)\s+(?:\w+\s+)?besvarad",
])
# Verdicts (strong) and leanings (weak), positive and negative. A negation before a positive
# cue in the same clause turns it negative ("ställer sig inte bakom", "anser inte att
# förslaget bör genomföras").
_POS_STRONG = _any([
    r"\btillstyrk\w*", r"ställer\s+sig\s+(?:\w+\s+){0,2}bakom", r"\binstämmer\b",
    r"\bbör\s+(?:\w+\s+){0,3}(?:genomföras|bifallas|införas|antas|realiseras|tillstyrkas)",
    r"\b(?:bifalla|bifalls)\b", r"\bstöder\s+(?:\w+\s+){0,3}(?:förslag|motion|inriktning|remiss|policy|program|plan)",
    r"\bställer\s+sig\s+(?:\w+\s+){0,2}positiv",
    r"\bgodtar\s+(?:\w+\s+){0,2}(?:förslag|motion)",
])
_POS_WEAK = _any([
    # agreeing with an assessment is a leaning: "delar samhällsbyggnadsförvaltningens bedömning att
    # förslaget ligger i linje med ..." precedes "föreslår att ... ska avslås" in a real answer
    r"\bdelar\s+(?:\w+\s+){0,3}(?:uppfattning|bedömning|synpunkt|analys)",
    r"\b(?:är|vara|är\s+\w+)\s+(?:\w+\s+){0,2}positiv\w*\s+(?:till|i\s+sak|inställd)",
    r"\bser\s+(?:\w+\s+){0,2}positivt\s+på",
    r"\bpositivt\s+inställd", r"\bvälkomna\w*", r"\bser\s+(?:\w+\s+){0,2}(?:fördelar|stora\s+möjligheter)",
    r"\b(?:bra|gott|värdefullt|angeläget)\s+(?:\w+\s+){0,1}(?:förslag|initiativ)",
    r"\b(?:förslaget|motionen|initiativet)\s+(?:\w+\s+){0,2}(?:är|vore)\s+(?:mycket\s+)?(?:bra|angeläget|välkommet|värdefullt)",
    r"\bstöder\b", r"\b(?:är|vore)\s+(?:\w+\s+)?positivt\s+att\b", r"\b(?:är|vore)\s+(?:mycket\s+)?bra\s+att\b",
    r"\bser\s+(?:\w+\s+){0,2}som\s+(?:mycket\s+)?positivt\b",
    r"\b(?:är|utgör)\s+(?:ett\s+)?(?:mycket\s+)?(?:bra|gott|viktigt|värdefullt)\s+(?:verktyg|underlag|styrdokument|förslag|initiativ)",
])
_NEG_STRONG = _any([
    r"\bavstyrk\w*", r"\bavslås\b", r"\bavslå\b", r"\bavvisa\w*", r"\bmotsätter\s+sig",
    r"\bställer\s+sig\s+(?:\w+\s+){0,2}negativ",
])
_NEG_WEAK = _any([
    r"\b(?:är|vara)\s+(?:\w+\s+){0,2}negativ\w*", r"\bser\s+(?:\w+\s+){0,2}negativt\s+på",
    r"\binte\s+(?:\w+\s+){0,2}(?:är|vara|vore)\s+(?:av\s+)?(?:intresse|motiverat|lämplig\w*|nödvändig\w*|rimlig\w*|ändamålsenlig\w*|förenlig\w*|genomförbar\w*|realistisk\w*|försvarbar\w*)",
    r"\b(?:är|vara|vore)\s+(?:\w+\s+){0,2}inte\s+(?:av\s+)?(?:intresse|motiverat|lämplig\w*|nödvändig\w*|rimlig\w*|ändamålsenlig\w*|förenlig\w*|genomförbar\w*|realistisk\w*|försvarbar\w*)",
    r"\b(?:inte|inget|ingen)\s+(?:\w+\s+){0,2}(?:finns|föreligger)\s+(?:\w+\s+){0,2}(?:skäl|anledning|behov)",
    r"\b(?:finns|föreligger)\s+(?:\w+\s+){0,3}(?:inte|inga|inget|ingen)\s+(?:\w+\s+){0,2}(?:skäl|anledning|behov)",
    r"\bser\s+(?:\w+\s+){0,2}(?:inte|inget|inga|ingen)\s+(?:\w+\s+){0,2}(?:behov|anledning|skäl|mervärde|nytta)",
    r"\binte\s+(?:\w+\s+){0,3}(?:stadens|kommunens|nämndens|stadsdelsnämndens|förvaltningens|stadsdelsnämndernas)\s+(?:\w+\s+)?(?:uppgift|uppdrag|ansvar)\b",
    r"\binte\s+(?:är|vara)\s+(?:\w+\s+){0,2}stad\w*\s+(?:uppgift|uppdrag)",
    r"\bbör\s+inte\s+(?:\w+\s+){0,3}(?:genomföras|införas|antas|bifallas)",
    r"\bkan\s+inte\s+(?:\w+\s+){0,2}(?:tillstyrka|ställa\s+sig\s+bakom|stödja|rekommendera)",
    r"\b(?:anser|bedömer|menar|tycker)\s+(?:\w+\s+)?inte\s+att\s+(?:[^\s,;]+\s+){0,10}?(?:är|vore|blir|skulle\s+vara)\s+"
    r"(?:av\s+)?(?:\w+\s+)?(?:intresse|motiverat|lämplig\w*|nödvändig\w*|rimlig\w*|ändamålsenlig\w*|angelägen\w*|relevant\w*|meningsfull\w*)",
    r"\b(?:anser|bedömer|menar)\s+(?:\w+\s+)?inte\s+att\s+(?:[^\s,;]+\s+){0,8}?(?:ska|bör|behöver|borde|behövs)\b",
    r"\bser\s+inte\s+att\s+(?:[^\s,;]+\s+){0,6}?(?:skulle\s+)?(?:tillföra|bidra|behövas|förbättra|underlätta)",
    r"\butan\s+(?:att\s+)?(?:\w+\s+){0,2}(?:mervärde|nytta)\b", r"\b(?:tveksam|kritisk)\w*\s+till\b",
    r"\b(?:befintliga|nuvarande)\s+(?:\w+\s+){0,3}(?:är|bedöms\s+vara)\s+tillräckliga\b",
    r"\bavråder\b", r"\bolämplig\w*", r"\b(?:för|mot)\s+(?:\w+\s+){0,1}avslag\b", r"\bavslag\b",
])
_OWN_SUBJECT = _rx(r"\b(?:förvaltningen|nämnden|stadsdelsnämnden|stadsdelsförvaltningen)\b")
_CLAUSE_START = re.compile(r"[,;:]|\b(?:men|dock|daremot|samtidigt|medan|eftersom|da|och\s+att)\b")  # folded


def _prepare(text: str) -> str:
    """Undo the line-end hyphenation of extracted text ("till-\\nstyrker")."""
    return re.sub(r"(\w)-\s*\n\s*([a-zåäö])", r"\1\2", text)


def _negated(f: str, m: re.Match[str]) -> bool:
    """Is the cue negated: a negation inside it ("ställer sig inte bakom") or before it in the
    same clause, up to eight words back ("anser inte att förslaget bör genomföras")?"""
    if re.search(_NEG_WORD, " ".join([m.group(0), *f[m.end():].split()[:1]])):  # "instämmer inte"
        return True
    head = f[:m.start()]
    cuts = list(_CLAUSE_START.finditer(head))
    if cuts:
        head = head[cuts[-1].end():]
    words = head.split()[-8:]
    return re.search(_NEG_WORD, " ".join(words)) is not None


def _negated_closely(f: str, m: re.Match[str]) -> bool:
    """A negative verdict negated right at it: "avstyrker inte", "inte avstyrka"."""
    before = f[:m.start()].split()[-2:]
    after = f[m.end():].split()[:1]
    return re.search(_NEG_WORD, " ".join(before + [m.group(0)] + after)) is not None


def _polar(f: str) -> tuple[bool, bool, bool, bool]:
    """(pos_strong, pos_weak, neg_strong, neg_weak) cues of a folded sentence."""
    ps = pw = ns = False
    nw = _NEG_WEAK.search(f) is not None
    for m in _NEG_STRONG.finditer(f):
        if _negated_closely(f, m):
            pw = True  # "avstyrker inte": leaning positive
        else:
            ns = True
    for m in _POS_STRONG.finditer(f):
        if _negated(f, m):
            ns = True
        else:
            ps = True
    for m in _POS_WEAK.finditer(f):
        if _negated(f, m):
            nw = True
        else:
            pw = True
    return ps, pw, ns, nw


_COUNCIL_SUBJECT = _rx(r"^(?:även\s+|också\s+)?(.{3,60}?)\s+stadsdels(?:nämnd|förvaltning)\w*\b")
_OWN_VERDICT = _rx(r"\b(?:förvaltningen|nämnden|stadsdelsnämnden|stadsdelsförvaltningen)\s+(?:\w+\s+){0,3}"
                   r"(?:tillstyrker|avstyrker|ställer\s+sig|föreslår\s+att\s+(?:\w+\s+){0,3}(?:avslås|bifalls|tillstyrks|avstyrks))\b")


def _other_council(f: str, council: str | None) -> bool:
    """The sentence's subject is a district council other than ``council``."""
    if council is None:
        return False
    m = _COUNCIL_SUBJECT.match(f)
    if not m:
        return False
    named = council_from_name(m.group(0))
    keys = {council}
    c = COUNCILS.get(council)
    if c:
        keys.update(c.lineage)
        if c.successor:
            keys.add(c.successor)
    return named is not None and named not in keys


def classify_sentence(sentence: str, *, council: str | None = None, decision: bool = False) -> SentencePosition:
    """The answering body's stance in one sentence (OKLART when it states none).

    ``council``, when known (the council whose page listed the answer), makes a sentence
    whose subject is another district council ("Farsta stadsdelsnämnd tillstyrker ...")
    state no position of this one. ``decision``: the sentence is the council's own decision
    from its protocol, where the past tense ("beslutade att tillstyrka") is the decision."""
    f = fold(squash(_prepare(sentence)))
    if not f:
        return SentencePosition(Position.OKLART, reason="tom")
    if _other_council(f, council):
        return SentencePosition(Position.OKLART, reason="annan nämnd")
    if _MOTION_SPEAKS.search(f) and not _OWN_SUBJECT.search(f):
        return SentencePosition(Position.OKLART, reason="motionen")
    if _COST.search(f) and _COST_IF.search(f) and not _explicit_own_verdict(f):
        return SentencePosition(Position.OKLART, reason="kostnad")
    if not decision and _REPORTED.search(f):
        return SentencePosition(Position.OKLART, reason="annat beslut")
    rest = _PROCEDURAL.sub(" ", f)
    procedural = rest != f
    rest = _COURTESY.sub(" ", rest)
    # what no stance is taken on is no stance: "tar inte ställning till om avgiften bör införas"
    rest = _NO_STANCE_SCOPE.sub(" tar inte stallning ", rest)
    ps, pw, ns, nw = _polar(rest)
    # a verdict beside a decline wins: "behöver inte yttra sig om detaljerna men tillstyrker"
    if _AVSTAR.search(rest) and not (ps or ns):
        return SentencePosition(Position.AVSTAR, strong=True, reason="avstår")
    if _DELVIS.search(rest):
        return SentencePosition(Position.DELVIS, strong=True, reason="delvis")
    if (ps or pw) and (ns or nw):
        return SentencePosition(Position.DELVIS, strong=ps and ns, reason="både och")
    if ns or nw:
        return SentencePosition(Position.AVSTYRKER, strong=ns, reason="negativ")
    if ps or pw:
        return SentencePosition(Position.TILLSTYRKER, strong=ps, reason="positiv")
    if _NEUTRAL.search(rest):
        return SentencePosition(Position.NEUTRAL, reason="ingen ställning")
    return SentencePosition(Position.OKLART, reason="procedur" if procedural else "")


def _explicit_own_verdict(f: str) -> bool:
    """A cost sentence that nonetheless states the answering body's verdict:
    "Förvaltningen avstyrker motionen eftersom den medför kostnader"."""
    return _OWN_VERDICT.search(f) is not None


def classify_position(text: str, *, council: str | None = None) -> PositionResult:
    """The answering body's position in the administration's view text, with evidence.

    A verdict (tillstyrker, avstyrker, avslås, ställer sig bakom) outweighs a leaning
    (positiv till, välkomnar); verdicts both ways, or a "delar intentionen men", make
    delvis; a decline to answer is avstår; "tar inte ställning", "politisk fråga",
    "inget att erinra" with no stance make neutral; nothing of this, oklart. ``council``
    (the council whose page listed the answer) discounts sentences about other councils."""
    return _classify(text, council=council, decision=False)


def _classify(text: str, *, council: str | None, decision: bool) -> PositionResult:
    found: list[tuple[str, SentencePosition]] = []
    for sent in sentences(_prepare(text)):
        sp = classify_sentence(sent, council=council, decision=decision)
        if sp.position is not Position.OKLART:
            found.append((sent, sp))
    if not found:
        return PositionResult(Position.OKLART, [])

    def ev(*positions: Position, strong: bool | None = None) -> list[str]:
        return list(dict.fromkeys(
            s for s, sp in found if sp.position in positions and (strong is None or sp.strong == strong)))

    kinds = {sp.position for _, sp in found}
    strong = {sp.position for _, sp in found if sp.strong}
    stance = {Position.TILLSTYRKER, Position.AVSTYRKER, Position.DELVIS}
    if Position.DELVIS in strong:
        return PositionResult(Position.DELVIS, ev(Position.DELVIS, strong=True))
    # verdicts first: a verdict settles a text that also has leanings the other way
    verdicts = strong & {Position.TILLSTYRKER, Position.AVSTYRKER}
    if len(verdicts) == 2:
        return PositionResult(Position.DELVIS, ev(Position.TILLSTYRKER, Position.AVSTYRKER, strong=True))
    if verdicts:
        (v,) = verdicts
        return PositionResult(v, ev(v, strong=True))
    if Position.DELVIS in kinds:
        return PositionResult(Position.DELVIS, ev(Position.DELVIS))
    leanings = kinds & {Position.TILLSTYRKER, Position.AVSTYRKER}
    if len(leanings) == 2:
        return PositionResult(Position.DELVIS, ev(Position.TILLSTYRKER, Position.AVSTYRKER))
    if leanings:
        (v,) = leanings
        return PositionResult(v, ev(v))
    if Position.AVSTAR in kinds and not kinds & stance:
        return PositionResult(Position.AVSTAR, ev(Position.AVSTAR))
    if Position.NEUTRAL in kinds:
        return PositionResult(Position.NEUTRAL, ev(Position.NEUTRAL))
    return PositionResult(Position.OKLART, [])


# ---- the council's decision ---------------------------------------------------------------
_PARTY_NAMES: dict[str, str] = {
    "socialdemokraterna": "S", "socialdemokratern": "S", "moderaterna": "M", "moderata": "M",
    "liberalerna": "L", "folkpartiet": "FP", "centerpartiet": "C", "kristdemokraterna": "KD",
    "vansterpartiet": "V", "miljopartiet": "MP", "sverigedemokraterna": "SD",
    "feministiskt initiativ": "Fi",
}
_PARTY_ABBR: dict[str, str] = {
    "s": "S", "m": "M", "l": "L", "fp": "FP", "c": "C", "kd": "KD", "v": "V", "mp": "MP",
    "sd": "SD", "fi": "Fi",
}
_ABBR_RX = "|".join(sorted(_PARTY_ABBR, key=len, reverse=True))
# "(S)", "(s)", "(S, V)", "(S+V+MP)", "(S och V)", and prefixed forms "S-gruppen", "(S)-ledamöterna"
_PAREN_PARTIES = re.compile(rf"\(\s*((?:{_ABBR_RX})(?:\s*(?:[,+/&]|och)\s*(?:{_ABBR_RX}))*)\s*\)", re.I)
_PREFIX_PARTY = re.compile(rf"\b({_ABBR_RX})-(?:grupp\w*|ledam\w*|företrädar\w*|ersättar\w*)", re.I)
_NAME_PARTY = re.compile(
    r"\b(socialdemokrat\w*|moderat\w*|liberal\w*|folkpartiet\w*|centerpartiet\w*|kristdemokrat\w*|"
    r"vansterpartiet\w*|miljopartiet\w*|sverigedemokrat\w*|feministiskt initiativ\w*)")

_KIND_RX: list[tuple[str, re.Pattern[str]]] = [
    ("särskilt uttalande", _rx(r"\bsärskil\w*\s+uttalande\w*")),
    ("särskilt yttrande", _rx(r"\bsärskil\w*\s+yttrande\w*")),
    ("ersättaryttrande", _rx(r"\bersättaryttrande\w*")),
    ("protokollsanteckning", _rx(r"\bprotokollsanteckning\w*|^\s*anteckning\w*")),
    ("reservation", _rx(r"\breserv\w*")),
]
_HEADING = _rx(
    r"^\s*(?:beslut|(?:stadsdels)?nämndens\s+beslut|förslag\s+till\s+beslut|yrkanden?|beslutsgång|propositionsordning|"
    r"omröstning|ärendet|handlingar|beslutsunderlag|reservation(?:er)?|särskil\w*\s+(?:uttalande|yttrande)\w*|"
    r"ersättaryttrande\w*|protokollsanteckning\w*|anteckning|justerandes\s+sign\w*|utdragsbestyrkande|expedieras\s+till|"
    r"paragrafen\s+är\s+justerad)\s*:?\s*$")
_DECISION_HEADING = _rx(r"^\s*(?:beslut|(?:stadsdels)?nämndens\s+beslut)\s*:?\s*$")
_BORDLAGT = _rx(r"\bbordlä(?:gg|gs)\w*|\bbordlägga\b|\bbordläggs\b|\bbordlagt\s+(?:till|ärende)|\bbordläggning\b|"
                r"\bär\s+bordlagt\b")
_ATERREMISS = _rx(r"\båterremitt(?:era|eras|erar|eringen)\b|\båterremiss\b")
_CHANGED = _rx(
    r"\bmed\s+(?:\w+\s+){0,2}(?:tillägg|ändring|ändringar|justering)\w*|\btillägg\w*\s+(?:\w+\s+){0,3}(?:bifall|godkän|antas)|"
    r"\beget\s+förslag\b|\bjämte\s+(?:\w+\s+){0,3}(?:förslag|tillägg|uttalande)|"
    r"\b(?:enligt|i\s+enlighet\s+med|bifall\s+till)\s+(?:\w+\s+){0,4}(?:\([a-z]{1,3}\)|[a-z]{1,3}-\w*|ordförandens|vice\s+ordförandens|majoritetens|ledamoten\s+\w+|\w+s)\s*(?:\w+\s+){0,2}(?:förslag|yrkande)|"
    r"\b(?:enligt|i\s+enlighet\s+med|bifall\s+till)\s+(?:\w+\s+){0,2}(?:förslag|yrkande)\w*\s+(?:från|av)\s+(?!förvaltning)|"
    r"\bändrad\w*\s+(?:lydelse|förslag)|\bföljande\s+(?:ändring|tillägg)|\bhar\s+ändrats\b")
_AS_PROPOSED = _rx(
    r"(?:enligt|i\s+enlighet\s+med|bifall\s+till)\s+(?:\w+\s+){0,2}förvaltningens\s+förslag|"
    r"(?:godkänner|överlämnar|antar|översänder)\s+(?:\w+\s+){0,2}(?:förvaltningens|tjänsteutlåtande)|som\s+svar\s+på\s+remissen|"
    r"(?:förslag|tjänsteutlåtande)\w*\s+från\s+förvaltningen")


def _parties(segment: str) -> list[str]:
    """Parties named in a segment of a protocol, in order, each once."""
    f = fold(segment)
    found: list[tuple[int, str]] = []
    for m in _PAREN_PARTIES.finditer(f):
        for tok in re.split(r"\s*(?:[,+/&]|och)\s*", m.group(1).strip()):
            if tok.lower() in _PARTY_ABBR:
                found.append((m.start(), _PARTY_ABBR[tok.lower()]))
    for m in _PREFIX_PARTY.finditer(f):
        found.append((m.start(), _PARTY_ABBR[m.group(1).lower()]))
    for m in _NAME_PARTY.finditer(f):
        word = m.group(1)
        for name, abbr in _PARTY_NAMES.items():
            if word.startswith(name[:8]):
                found.append((m.start(), abbr))
                break
    return list(dict.fromkeys(p for _, p in sorted(found)))


def _kind(segment: str) -> str | None:
    f = fold(segment)
    for kind, rx in _KIND_RX:
        if rx.search(f):
            return kind
    return None


def _reserving(segment: str) -> str:
    """The part of a segment that names who reserved: not the proposal they reserved for
    ("till förmån för (S):s förslag")."""
    f = fold(segment)
    m = re.search(r"\btill\s+f\w{0,2}rm\w{0,2}n\s+f\w{0,2}r\b", f)
    return segment[: m.start()] if m else segment


_PAGE_FURNITURE = _rx(r"^\s*(?:utdragsbestyrkande|justerandes\s+sign\w*)\s*$")
_COLON_BREAK = re.compile(r"(?<=:)\s+(?=[A-ZÅÄÖ])")


def _segments(paragraph_text: str) -> list[tuple[str | None, list[str]]]:
    """The paragraph cut at its headings: (the heading's statement kind or None, sentences).
    Lines are joined first, so that a statement wrapped over lines ("Anna Ek (S), ... och\n
    Bo Al (S) lämnar följande protokollsanteckning:") is one sentence; a line in lower case is
    never a heading; page furniture ("Utdragsbestyrkande") is dropped."""
    out: list[tuple[str | None, list[str]]] = []
    kind: str | None = None
    lines: list[str] = []

    def close() -> None:
        joined = squash(" ".join(lines))
        out.append((kind, [s for part in _COLON_BREAK.split(joined) for s in sentences(part)]))

    for line in _prepare(paragraph_text).splitlines():
        stripped = line.strip()
        folded = fold(stripped)
        if _PAGE_FURNITURE.match(folded):
            continue
        if stripped.startswith("§") or (_HEADING.match(folded) and not stripped[:1].islower()):
            close()
            kind, lines = (None if stripped.startswith("§") else _kind(stripped)), []
            continue
        lines.append(stripped)
    close()
    return out


def find_reservations(paragraph_text: str) -> list[Reservation]:
    """Every party's reservation, särskilt uttalande/yttrande, ersättaryttrande and
    protokollsanteckning in a protocol paragraph, in every printed form: a heading
    ("Reservation", "Särskilt uttalande", "Anteckning") with the members below, or a
    sentence that names kind and parties ("Särskilt uttalande från (S) och (V)",
    "Reservation anförs av (V)", "Ledamöterna ... (M) reserverar sig", "(S)-ledamöterna
    reserverade sig", "Anna Ek (S) och Bo Al (S) lämnar följande protokollsanteckning:"),
    followed by its text. One entry per party and kind."""
    out: list[Reservation] = []
    seen: set[tuple[str, str]] = set()

    def emit(kind: str | None, body: list[str], named: list[str]) -> None:
        if kind and body:
            text = " ".join(body)
            for party in named or _parties(_reserving(text)) or ["okänt"]:
                if (party, kind) not in seen:
                    seen.add((party, kind))
                    out.append(Reservation(party=party, kind=kind, text=text))

    for heading_kind, sents in _segments(paragraph_text):
        kind = heading_kind
        body: list[str] = []
        named: list[str] = []
        for sent in sents:
            k = _kind(sent)
            starts = k is not None and (bool(_parties(_reserving(sent))) or fold(sent).startswith(fold(k)[:6]))
            if starts:
                emit(kind, body, named)
                kind, body, named = k, [sent], _parties(_reserving(sent))
            elif kind:
                body.append(sent)
        emit(kind, body, named)
    return out


def _decision_text(paragraph_text: str) -> str:
    """The decision block ("Beslut" up to the next heading), else the sentences in which the
    council decides, else the whole paragraph."""
    lines = _prepare(paragraph_text).splitlines()
    for i, line in enumerate(lines):
        if _DECISION_HEADING.match(fold(line.strip())):
            body: list[str] = []
            for nxt in lines[i + 1:]:
                if _HEADING.match(fold(nxt.strip())) or _kind(nxt) or nxt.strip().startswith("§"):
                    break
                body.append(nxt)
            text = " ".join(s for ln in body for s in sentences(ln) if not _kind(s))
            if text:
                return text
    decides = [s for ln in lines for s in sentences(ln)
               if re.search(r"\b(?:stadsdels)?n\w{0,2}mnden\s+(?:\w+\s+){0,2}"
                            r"(?:beslut\w*|godk\w+nner|\w{0,2}verl\w{0,2}mnar|"
                            r"tillstyrker|avstyrker|antar|\w{0,2}terremitterar|bordl\w+gger)\b|"
                            r"\b\w{0,2}rendet\s+(?:\w+\s+)?(?:\w{0,2}terremitteras|bordl\w+gs)\b", fold(s))
               and not _kind(s)]
    return squash(" ".join(decides)) if decides else squash(paragraph_text)


_ADM_PROPOSAL = _rx(r"\bförvaltningens\s+(?:\w+\s+){0,2}(?:förslag|tjänsteutlåtande)\w*")
_CHAIR_BACKS_ADM = _rx(r"\bordförande\w*\s+(?:\w+\s+){0,6}(?:yrka\w*|föreslog|föreslår)\s+(?:\w+\s+){0,2}"
                       r"bifall\s+till\s+förvaltningens\s+förslag")


def classify_decision(paragraph_text: str) -> Decision:
    """What the council decided in a protocol paragraph, the stance the decision itself
    states (None when it only adopts the administration's answer), and the reservations."""
    reservations = find_reservations(paragraph_text)
    text = _decision_text(paragraph_text)
    f = fold(text)
    # "enligt förvaltningens förslag" is the proposal; "enligt (S):s / ordförandens förslag" is another
    g = _ADM_PROPOSAL.sub(" <adm> ", f)
    if _CHAIR_BACKS_ADM.search(fold(paragraph_text)):
        g = re.sub(r"\bordf\w+ndens\s+f\w{0,2}rslag", " <adm> ", g)
    if _ATERREMISS.search(f):
        outcome = DecisionOutcome.ATERREMITTERAT
    elif _BORDLAGT.search(f):
        outcome = DecisionOutcome.BORDLAGT
    elif _CHANGED.search(g):
        outcome = DecisionOutcome.ANDRAT
    elif "<adm>" in g or _AS_PROPOSED.search(f):
        outcome = DecisionOutcome.ENLIGT_FORSLAG
    else:
        outcome = DecisionOutcome.OKLART
    stance = _classify(text, council=None, decision=True)
    position = stance.position if stance.position is not Position.OKLART else None
    if outcome in (DecisionOutcome.ATERREMITTERAT, DecisionOutcome.BORDLAGT):
        position = None
    return Decision(outcome=outcome, position=position, text=text or None,
                    evidence=stance.evidence if position else [], reservations=reservations)


def classify_lines(lines: Iterable[str]) -> Iterator[tuple[str | None, str | None]]:
    """The `remissvar position -` stream: each JSON line ``{"id", "text"[, "council"]}`` in,
    ``(output line, error)`` out; output ``{"id", "position", "evidence"}``. Blank lines are
    skipped; a line that is not such an object gives an error message instead of output."""
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield None, f"rad {n}: ogiltig JSON ({e.msg})"
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            yield None, f'rad {n}: väntade ett objekt med "text"'
            continue
        council = obj.get("council") if isinstance(obj.get("council"), str) else None
        res = classify_position(obj["text"], council=council)
        yield json.dumps({"id": obj.get("id"), "position": res.position.value, "evidence": res.evidence},
                         ensure_ascii=False), None


def council_position(administration: Position, decision: Decision | None) -> tuple[Position, bool]:
    """The council's own position and whether it differs from the administration's, for
    showing both: the stance the decision states, else the administration's when the council
    adopted the proposal (as proposed, or changed without a stance of its own), else OKLART
    (återremitterat, bordlagt: nothing was answered yet)."""
    if decision is None or decision.outcome is DecisionOutcome.OKLART and decision.position is None:
        return administration, False
    if decision.position is not None:
        return decision.position, decision.position is not administration
    if decision.outcome in (DecisionOutcome.ENLIGT_FORSLAG, DecisionOutcome.ANDRAT):
        return administration, False
    return Position.OKLART, administration is not Position.OKLART
