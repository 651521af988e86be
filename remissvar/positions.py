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

import bisect
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from remissvar.bodies import BodyMention, body_key, body_mentions, same_body
from remissvar.position_cues import (
    ABSTAIN,
    ALL_BUT,
    CONCERN,
    CONTRAST,
    COST,
    COST_IF,
    COURTESY,
    GROUP,
    MATERIAL,
    MEETING_PARTY,
    MOTION_SPEAKS,
    NEG_STRONG,
    NEG_WEAK,
    NEG_WORD,
    NEUTRAL,
    NEUTRAL_BLANK,
    NO_ANSWER,
    PARTLY,
    PAST,
    POS_STRONG,
    POS_WEAK,
    PROCEDURAL,
    REPORTED,
    TIME_REF,
    rx,
)
from remissvar.records import (
    COUNCILS,
    PARTY_ABBREVIATIONS,
    PARTY_NAMES,
    Decision,
    DecisionOutcome,
    Position,
    Reservation,
)
from remissvar.textnorm import fold, sentences, squash

__all__ = [
    "CONFIDENCE_LEVELS",
    "NOBODY",
    "BodyPosition",
    "PositionResult",
    "SentencePosition",
    "classify_decision",
    "classify_document",
    "classify_lines",
    "classify_position",
    "classify_sentence",
    "council_position",
    "find_reservations",
]


NOBODY = "\x00"
"""The ``body`` for reading every named body's view as another's (a summary read from outside)."""

CONFIDENCE_LEVELS: tuple[str, ...] = ("hög", "medel", "låg")
"""How sure a document's position is: hög (a verdict, nothing against it), medel (leanings,
or a verdict beside a weaker contrary cue), låg (weighed from conflicting or thin cues)."""


@dataclass(frozen=True)
class BodyPosition:
    """Another body's view read from a text (a summary of many answers, a sentence naming
    another body): its position, or ``state`` "ej_svar" when the text says it did not answer."""

    body: str
    position: Position | None
    evidence: str = ""
    state: str = "svar"

    def as_json(self) -> dict[str, str | None]:
        return {"body": self.body, "position": self.position.value if self.position else None,
                "state": self.state, "evidence": self.evidence}


@dataclass(frozen=True)
class PositionResult:
    """A position and the sentences it was read from (in document order), how sure it is,
    and the other bodies' views the text states."""

    position: Position
    evidence: list[str] = field(default_factory=list)
    confidence: str = "låg"
    others: list[BodyPosition] = field(default_factory=list)


@dataclass(frozen=True)
class SentencePosition:
    """What one sentence says: ``position`` is OKLART when it states no stance of the
    answering body; ``strong`` marks a verdict (tillstyrker, avslås) over a leaning
    (positiv till, välkomnar); ``others``: the views it states of other bodies."""

    position: Position
    strong: bool = False
    reason: str = ""
    others: tuple[BodyPosition, ...] = ()


_PREP = re.compile(r"(?:^|\s)(?:till|av|från|fran|for|för|hos|med|om|på|pa|inom|mellan|mot|över|over|under|genom|"
                   r"vid|utan|än|an|som|i|efter|åt|at|utom|förutom|forutom|undantag|bland|and|inklusive)\s*$")
_LIST_GAP = re.compile(
    r"^\s*(?:,|,?\s*och|,?\s*samt|,?\s*liksom|,?\s*samt\s+även|,?\s*och\s+även|,?\s*som\s+även)?\s*$")
_REL = re.compile(r"\s*,?\s*som\b")
_LIST_NEXT = re.compile(r"\s+(?:och|samt|,)")
_VIEW_NOUN = re.compile(r"\s*(?:bedomning|uppfattning|syn|standpunkt|yttrande|svar|remissvar|synpunkter|forslag|"
                        r"installning|slutsats|mening|asikt)\b")
# what may stand before a clause's subject: adverbials ("Mot denna bakgrund", "Sammanfattningsvis")
_LEAD_WORDS = frozenset(
    "aven ocksa dock daremot darfor sammanfattningsvis slutligen vidare dessutom mot denna den detta bakgrund av "
    "med hanvisning till sammantaget enligt sa menar bade och det anforda ovan".split())


def _lead_ok(lead: str) -> bool:
    """Only adverbials before the subject: a genitive there is the subject ("Trafikkontorets bedömning")."""
    words = re.findall(r"[a-z]+", lead)
    return len(words) <= 8 and all(w in _LEAD_WORDS for w in words)


@dataclass(frozen=True)
class _Subject:
    start: int
    end: int
    mentions: tuple[BodyMention, ...]
    scope: int = 1 << 30  # where its clause ends: an "att"-clause's or a relative clause's subject
    group: bool = False  # "övriga remissinstanser": bodies not named
    shares: bool = False  # "..., liksom stadsledningskontoret": takes the stance before it


def _subjects(text: str, f: str) -> list[_Subject]:
    """Runs of body mentions that can be a clause's subject: not after a preposition (an
    object: "överlämnar ärendet till kommunstyrelsen"), not a genitive inside the clause
    ("delar trafikkontorets bedömning"); "enligt X" is X's view."""
    mentions = body_mentions(text)
    groups = [BodyMention(m.group(0), m.start(), m.end(), "grp:" + m.group(0)) for m in GROUP.finditer(f)]
    mentions = sorted([m for m in mentions if not any(g.start <= m.start < g.end for g in groups)] + groups,
                      key=lambda b: b.start)
    runs: list[list[BodyMention]] = []
    for m in mentions:
        if runs and _LIST_GAP.match(f[runs[-1][-1].end:m.start]):
            runs[-1].append(m)
        else:
            runs.append([m])
    out: list[_Subject] = []
    for run in runs:
        start, end = run[0].start, run[-1].end
        before = f[max(0, start - 40):start]
        if re.search(r"(?:^|\s)(?:bade|enligt)\s*$", before):
            before = before[: before.rstrip().rfind(" ") + 1] if " " in before.strip() else ""
            if re.search(r"enligt\s*$", f[max(0, start - 12):start]):
                out.append(_Subject(start, end, tuple(run)))
                continue
        group = all(m.key.startswith("grp:") for m in run)
        rel = _REL.match(f, end)
        if re.search(r"(?:^|\s)liksom\s*$", before) or re.search(r"(?:^|\s)(?:och|samt)\s+(?:aven|ocksa)\s*$", before):
            out.append(_Subject(start, end, tuple(run), group=group, shares=True))
            continue
        if _PREP.search(before):
            if rel:  # "remitterat till X, Y och Z, som samtliga har tillstyrkt": the relative clause is theirs
                out.append(_Subject(start, end, tuple(run), scope=_clause_end(f, end + rel.end()), group=group))
            continue
        last = run[-1].text
        window = max(0, start - 200)  # a clause's lead is short: look back a bounded window
        clause_start = max(f.rfind(c, window, start) for c in (",", ";", ":", " men ", " dock ", " att "))
        lead = f[clause_start + 1 if clause_start >= 0 else window:start]
        if re.search(r"(?:s|ens|ets|ns)$", last) and not last.endswith("ss") and _VIEW_NOUN.match(f, end):
            if not _lead_ok(lead):
                continue  # "delar trafikkontorets bedömning": an object
        elif re.search(r"(?:s|ens|ets)$", last) and not last.endswith(("ss", "nder", "ner")) \
                and not _LIST_NEXT.match(f, end) and run[-1].generic is False \
                and re.match(r"\s+[a-z]", f[end:end + 3]) and not _lead_ok(lead):
            continue  # "stadsdelsnämndens verksamhet"
        scope = _clause_end(f, end) if re.search(r"(?:^|\s)att\s*$", before) else 1 << 30
        out.append(_Subject(start, end, tuple(run), scope=scope, group=group))
    return out


def _clause_end(f: str, at: int) -> int:
    """Where the clause from ``at`` ends: the next comma, semicolon or contrast word."""
    m = re.compile(r"[,;]|\s(?:men|medan|dock|daremot)\s").search(f, at)
    return m.start() if m else len(f)


def _is_own(sub: _Subject, body: str | None) -> bool | None:
    """True: the answering body's own view; False: other bodies'; None: both (a list naming it)."""
    if sub.group:
        return False
    named = [m for m in sub.mentions if not m.generic and not m.key.startswith("grp:")]
    if not named:
        return True
    if body == NOBODY:
        return False
    if body is None:
        return True if len(named) == 1 else False
    hits = [m for m in named if same_body(m.key, body_key(body) or body)]
    if not hits:
        return False
    return True if len(hits) == len(named) else None


def _blank(f: str, rx_: re.Pattern[str], fill: str = " ") -> str:
    """Replace each match by spaces (offsets kept), or by ``fill`` padded to its length."""
    return rx_.sub(lambda m: (" " + fill + " " * len(m.group(0)))[:len(m.group(0))], f)


def _prepare(text: str) -> str:
    """Undo the line-end hyphenation of extracted text ("till-\\nstyrker", "lo- ses")."""
    text = re.sub(r"(\w)-\s*\n\s*([a-zåäö])", r"\1\2", text)
    return re.sub(r"([a-zåäö]{2})- (?!och\b|eller\b|samt\b|till\b)([a-zåäö]{2})", r"\1\2", text)


def _negated(f: str, start: int, end: int) -> bool:
    """Is the cue negated: a negation inside it ("ställer sig inte bakom"), right after its
    verb ("instämmer inte"), or before it in the same clause, up to eight words back ("anser
    inte att förslaget bör genomföras")?"""
    if re.search(NEG_WORD, " ".join([f[start:end], *f[end:end + 30].split()[:1]])):
        return True
    head = f[max(0, start - 120):start]  # eight words back, within the clause
    cuts = list(_CLAUSE_START.finditer(head))
    if cuts:
        head = head[cuts[-1].end():]
    return re.search(NEG_WORD, " ".join(head.split()[-8:])) is not None


_CLAUSE_START = re.compile(r"[,;:]|\b(?:men|dock|daremot|samtidigt|medan|eftersom|da|och\s+att|utan)\b")


def _closely_negated(f: str, start: int, end: int) -> bool:
    """A negative verdict negated right at it: "avstyrker inte", "inte avstyrka"."""
    if re.search(NEG_WORD, f[start:end]):
        return False  # the negation is the cue's own: "bör inte genomföras"
    before = f[max(0, start - 60):start].split()[-2:]
    after = f[end:end + 30].split()[:1]
    return re.search(NEG_WORD, " ".join(before + after)) is not None


@dataclass
class _Cues:
    ps: bool = False
    pw: bool = False
    ns: bool = False
    nw: bool = False
    partly: bool = False
    concern: bool = False
    neutral: bool = False
    abstain: bool = False
    no_answer: bool = False

    def decide(self) -> tuple[Position | None, bool]:
        """(position, strong); None when the text says the body did not answer."""
        if self.no_answer and not (self.ps or self.ns or self.pw or self.nw or self.neutral):
            return None, True
        if self.abstain and not (self.ps or self.ns or self.partly):
            return Position.AVSTAR, True
        if self.partly and (self.ps or self.pw or self.ns or self.nw or not self.neutral):
            return Position.DELVIS, True
        if (self.ps or self.pw) and (self.ns or self.nw):
            return Position.DELVIS, self.ps and self.ns
        if (self.ps or self.pw or self.neutral) and self.concern:
            return Position.DELVIS, self.ps
        if self.ns or self.nw:
            return Position.AVSTYRKER, self.ns
        if self.ps or self.pw:
            return Position.TILLSTYRKER, self.ps
        if self.neutral:
            return Position.NEUTRAL, True
        if self.concern:
            return Position.DELVIS, False
        return Position.OKLART, False


def _cue_spans(f: str) -> list[tuple[int, int, str]]:
    """Every cue in a prepared folded sentence: (start, end, kind)."""
    spans: list[tuple[int, int, str]] = []
    for m in NEG_STRONG.finditer(f):
        spans.append((m.start(), m.end(), "pw" if _closely_negated(f, m.start(), m.end()) else "ns"))
    for m in POS_STRONG.finditer(f):
        spans.append((m.start(), m.end(), "ns" if _negated(f, m.start(), m.end()) else "ps"))
    for m in POS_WEAK.finditer(f):
        spans.append((m.start(), m.end(), "nw" if _negated(f, m.start(), m.end()) else "pw"))
    for m in NEG_WEAK.finditer(f):
        spans.append((m.start(), m.end(), "nw"))
    for rx_, kind in ((PARTLY, "partly"), (NEUTRAL, "neutral"), (ABSTAIN, "abstain"), (NO_ANSWER, "no_answer")):
        spans.extend((m.start(), m.end(), kind) for m in rx_.finditer(f))
    if CONTRAST.search(f):  # a reservation: a concern in a sentence that contrasts ("men", "dock", "samtidigt")
        spans.extend((m.start(), m.end(), "concern") for m in CONCERN.finditer(f))
    # a stance word inside a no-answer or abstain phrase is not a stance
    covered = sorted((s, e) for s, e, k in spans if k in ("abstain", "no_answer", "neutral"))
    cov_starts = [a for a, _ in covered]
    reach: list[int] = []  # the furthest end among the covering phrases starting up to each one
    for _, b in covered:
        reach.append(max(b, reach[-1]) if reach else b)

    def inside(s: int, e: int) -> bool:
        i = bisect.bisect_right(cov_starts, s) - 1
        return i >= 0 and reach[i] >= e

    return sorted((s, e, k) for s, e, k in spans if k in ("abstain", "no_answer", "neutral") or not inside(s, e))


def _analyse(sentence: str, body: str | None, decision: bool) -> SentencePosition:
    text = squash(_prepare(sentence))
    f = fold(text)
    if not f:
        return SentencePosition(Position.OKLART, reason="tom")
    subjects = _subjects(text, f)
    own_first = not subjects or _is_own(subjects[0], body) is not False
    ms = MOTION_SPEAKS.search(f)
    if ms and not _OWN_SUBJECT.search(f) and not any(sub.start < ms.end() and _is_own(sub, body) is not False
                                                      and not sub.group for sub in subjects):
        return SentencePosition(Position.OKLART, reason="motionen")
    if MATERIAL.search(f) and not _OWN_SUBJECT.search(f):
        return SentencePosition(Position.OKLART, reason="underlaget")
    if COST.search(f) and COST_IF.search(f) and not _OWN_VERDICT.search(f):
        return SentencePosition(Position.OKLART, reason="kostnad")
    if not decision and REPORTED.search(f) and TIME_REF.search(f) and own_first:
        return SentencePosition(Position.OKLART, reason="annat beslut")
    if MEETING_PARTY.search(f):
        return SentencePosition(Position.OKLART, reason="yrkande eller reservation")
    g = _blank(f, PROCEDURAL)
    procedural = g != f
    g = _blank(g, COURTESY)
    g = _blank(g, NEUTRAL_BLANK, "inga synpunkter")
    spans = _cue_spans(g)
    excluded = _all_but(f, subjects)
    if not spans and not excluded:
        return SentencePosition(Position.OKLART, reason="procedur" if procedural else "")
    # each cue belongs to the subject before it, or one right after its verb ("Därför
    # tillstyrker förvaltningen"); none: the answering body's (passive, implicit subject)
    if any(k in ("ps", "ns", "nw", "partly") for _, _, k in spans):
        # "delar X:s bedömning att förslaget inte bör genomföras": the assessment's content decides
        spans = [sp for sp in spans
                 if not (sp[2] == "pw" and re.match(r"delar\b", g[sp[0]:sp[1]])
                         and any(o[0] > sp[0] and o[2] in ("ps", "ns", "nw", "pw") for o in spans if o != sp))]
    groups: dict[int, _Cues] = {}
    lead = [sub for sub in subjects if not sub.shares]
    starts = [sub.start for sub in subjects]
    for s, e, kind in spans:
        lo = bisect.bisect_right(starts, s)  # subjects[:lo] start at or before the cue
        idx = next((i for i, sub in enumerate(subjects[lo:lo + 3], lo)
                    if kind in ("ps", "pw", "ns", "nw") and not sub.shares and s < sub.start < e), -1)
        if idx < 0:
            for i in range(lo - 1, max(-1, lo - 50), -1):  # the nearest subject before it whose clause reaches it
                sub = subjects[i]
                if not sub.shares and s <= sub.scope:
                    idx = i
                    break
        if idx < 0:
            idx = next((i for i, sub in enumerate(subjects[lo:lo + 3], lo)
                        if not sub.shares and e <= sub.start <= e + 3), -1)
        cues = groups.setdefault(idx, _Cues())
        setattr(cues, kind, True)
    for i, sub in enumerate(subjects):
        if sub.shares and i not in groups:
            prev = max((j for j in groups if j < i), default=None)
            if prev is not None:
                groups[i] = groups[prev]
    if body is None and lead and any(not m.generic for m in lead[0].mentions) and not lead[0].group \
            and (REPORTED.search(f) or PAST.search(f)):
        body = NOBODY  # no asked body: "Kulturnämnden beslutade att tillstyrka" reports another body's answer
    if body is None and re.search(r"\bi\s+sitt\s+(?:\w+\s+)?(?:yttrande|remissvar|svar)\b", f):
        body = NOBODY  # "X har i sitt yttrande avstyrkt": a report of X's answer, not the asked body's
    if body is None and len([sub for sub in lead if not sub.group and any(not m.generic for m in sub.mentions)]) > 1:
        body = NOBODY  # several named bodies and none asked: every one is another body
    own = _Cues()
    others: list[BodyPosition] = []
    for idx, cues in groups.items():
        subj = subjects[idx] if idx >= 0 else None
        owner = True if subj is None else _is_own(subj, body)
        pos, strong = cues.decide()
        if owner in (True, None):
            for k, v in vars(cues).items():
                if v:
                    setattr(own, k, True)
        if subj is not None and (owner in (False, None) or len(subj.mentions) > 1):
            # every named body of a summary's list, the asked one too
            for m in subj.mentions:
                if m.generic or m.key.startswith("grp:"):
                    continue
                if pos is None:
                    others.append(BodyPosition(_display(text, m), None, sentence, "ej_svar"))
                elif pos is not Position.OKLART:
                    others.append(BodyPosition(_display(text, m), pos, sentence))
    for m in excluded:
        if body not in (None, NOBODY) and same_body(m.key, body_key(body) or body):
            own.no_answer = True
        others.append(BodyPosition(_display(text, m), None, sentence, "ej_svar"))
    if decision and not (own.ps or own.ns or own.pw or own.nw):
        own.partly = own.concern = False  # "godkänner förslaget med följande tillägg": a change, no stance
    stance = own.ps or own.ns or own.pw or own.nw or own.neutral
    if own.partly and not stance and all(_CONDITION.match(g[a:b]) for a, b, k in spans if k == "partly"):
        own.partly = False  # "under förutsättning att ..." in background text: a condition of nothing
    concern_only = own.concern and not any(v for k, v in vars(own).items() if k != "concern")
    if concern_only and not re.match(r"^\s*(?:daremot|dock|samtidigt|emellertid|men)\b", f) and \
            not any(_is_own(sub, body) is True and not sub.group for sub in subjects):
        own.concern = False  # background with a "men" in it: no reservation of the answering body
    pos, strong = own.decide()
    if pos is None:
        pos, strong = Position.AVSTAR, False
    if pos is Position.OKLART:
        return SentencePosition(Position.OKLART, reason="annan" if others else ("procedur" if procedural else ""),
                                others=tuple(others))
    return SentencePosition(pos, strong=strong, reason=pos.value, others=tuple(others))


_CONDITION = re.compile(r"(?:under|forutsatt|pa\s+villkor|med\s|forutsatter|kan\s)")


def _display(text: str, m: BodyMention) -> str:
    """A body's name as printed, a district's in the singular: "Kungsholmens" ->
    "Kungsholmens stadsdelsnämnd", "Farsta stadsdelsnämnder" -> "Farsta stadsdelsnämnd"."""
    name = squash(text[m.start:m.end])
    if m.key.startswith("sdn:"):
        name = re.sub(r"\s+stadsdels(n\S*mnd|f\S*rvaltning)\w*$", "", name, flags=re.I)
        return f"{name} stadsdelsnämnd"
    return name[:1].upper() + name[1:]


def _all_but(f: str, subjects: list[_Subject]) -> list[BodyMention]:
    """"Samtliga utom X och Y har svarat": X and Y did not answer."""
    m = ALL_BUT.search(f)
    if not m or not re.search(r"\b(?:svarat|inkommit|besvarat|yttrat|lamnat)\b", f[m.end():]):
        return []
    run = next((s for s in subjects if s.start >= m.end() - 1 and s.start <= m.end() + 2), None)
    if run is None:
        run = next((s for s in _subjects_loose(f, m.end()) if s), None)
    return list(run.mentions) if run else []


def _subjects_loose(f: str, at: int) -> list[_Subject | None]:
    mentions = [b for b in body_mentions(f) if b.start >= at]
    if not mentions:
        return [None]
    run = [mentions[0]]
    for b in mentions[1:]:
        if _LIST_GAP.match(f[run[-1].end:b.start]):
            run.append(b)
        else:
            break
    return [_Subject(run[0].start, run[-1].end, tuple(run))]


_OWN_SUBJECT = rx(r"\b(?:förvaltningen|nämnden|stadsdelsnämnden|stadsdelsförvaltningen)\b")
_OWN_VERDICT = rx(r"\b(?:förvaltningen|nämnden|stadsdelsnämnden|stadsdelsförvaltningen)\s+(?:\w+\s+){0,3}"
                  r"(?:tillstyrker|avstyrker|ställer\s+sig|föreslår\s+att\s+(?:\w+\s+){0,3}(?:avslås|bifalls|tillstyrks|avstyrks))\b")


def classify_sentence(sentence: str, *, body: str | None = None, council: str | None = None,
                      decision: bool = False) -> SentencePosition:
    """The answering body's stance in one sentence (OKLART when it states none), and the
    views it states of other bodies.

    ``body`` (any body's name: "Farsta stadsdelsnämnd", "Trafiknämnden", "AB Svenska Bostäder";
    ``council``, a district's slug or name, is its alias) is whose view is read: a sentence
    whose subject names another body states that body's view (``others``), not this one's.
    ``decision``: the sentence is the council's own decision from its protocol, where the
    past tense ("beslutade att tillstyrka") is the decision."""
    return _analyse(sentence, _asked(body, council), decision)


def _asked(body: str | None, council: str | None) -> str | None:
    if body:
        return body
    if council:
        c = COUNCILS.get(council)
        return c.name if c else council
    return None


def classify_position(text: str, *, body: str | None = None, council: str | None = None) -> PositionResult:
    """The answering body's position in a text, with evidence, confidence and the other
    bodies' views it states.

    A verdict (tillstyrker, avstyrker, avslås, ställer sig bakom) outweighs a leaning
    (positiv till, välkomnar); verdicts both ways, a condition, or a stance with a contrasting
    reservation make delvis; a decline to answer is avstår; "tar inte ställning", "politisk
    fråga", "inget att erinra" with no stance make neutral; nothing of this, oklart.
    ``body`` (or its alias ``council``) is whose view is read (see ``classify_sentence``)."""
    return _classify(text, body=_asked(body, council), decision=False)


# A document's parts in the order their stance weighs: the decision proposal, the summary,
# then the administration's view (synpunkter). Names as ingest.parse.sections' vocabulary prints them.
_PROPOSAL_PARTS = re.compile(r"^(?:f[oe]?rvaltningens\s+)?f[oe]?rslag\s+till\s+beslut|^beslut\b", re.I)
_SUMMARY_PARTS = re.compile(r"^sammanfattning", re.I)


def classify_document(parts: list[tuple[str, str]], *, body: str | None = None,
                      council: str | None = None) -> PositionResult:
    """The answering body's position in a document read as named parts (section name, text):
    the decision proposal weighs most, then the summary, then the view ("synpunkter"). The
    first part that states a stance gives the position; a lower part that states another
    stance lowers the confidence to medel (its sentences are kept as evidence after the
    deciding part's); ``oklart`` only where no part states a view."""
    asked = _asked(body, council)
    tiers: list[list[str]] = [[], [], []]
    for name, text in parts:
        tier = 0 if _PROPOSAL_PARTS.match(name.strip()) else 1 if _SUMMARY_PARTS.match(name.strip()) else 2
        tiers[tier].append(text)
    results = [_classify("\n\n".join(t), body=asked, decision=False) if t else None for t in tiers]
    stated = [r for r in results if r is not None and r.position is not Position.OKLART]
    said = tuple(o for r in results if r for o in r.others)
    others = _merge_others(said)
    if not stated:
        return PositionResult(Position.OKLART, [], "låg", others)
    first = stated[0]
    disagree = [r for r in stated[1:] if r.position is not first.position]
    confidence = first.confidence
    if disagree and confidence == "hög":
        confidence = "medel"
    if not disagree and len(stated) > 1 and confidence == "medel":
        confidence = "hög"  # two parts agree
    evidence = list(dict.fromkeys(first.evidence + [e for r in disagree for e in r.evidence][:2]))
    return PositionResult(first.position, evidence, confidence, others)


def _merge_others(said: Iterable[BodyPosition]) -> list[BodyPosition]:
    """One view per body (its first; a later partial view replaces a plain stance)."""
    merged: dict[str, BodyPosition] = {}
    for o in said:
        k = body_key(o.body) or o.body
        prev = merged.get(k)
        if prev is None or (prev.position is not None and o.position is Position.DELVIS):
            merged[k] = o
    return list(merged.values())


def _classify(text: str, *, body: str | None, decision: bool) -> PositionResult:
    analysed: list[tuple[str, SentencePosition]] = []
    sents = sentences(_prepare(text))
    for i, sent in enumerate(sents):
        sp = _analyse(sent, body, decision)
        # "Nämnden välkomnar förslaget. Däremot saknas en analys": a reservation sentence
        if sp.position is Position.OKLART and i > 0 and re.match(
                r"^\s*(?:daremot|dock|samtidigt|emellertid|men)\b", fold(sent)) and CONCERN.search(fold(sent)):
            sp = SentencePosition(Position.DELVIS, strong=False, reason="förbehåll")
        analysed.append((sent, sp))
    others = _merge_others(o for _, sp in analysed for o in sp.others)
    found = [(s, sp) for s, sp in analysed if sp.position is not Position.OKLART]
    if not found:
        return PositionResult(Position.OKLART, [], "låg", others)

    def ev(*positions: Position, strong: bool | None = None) -> list[str]:
        return list(dict.fromkeys(
            s for s, sp in found if sp.position in positions and (strong is None or sp.strong == strong)))

    kinds = {sp.position for _, sp in found}
    strong = {sp.position for _, sp in found if sp.strong}
    stance = {Position.TILLSTYRKER, Position.AVSTYRKER, Position.DELVIS}
    conflicting = len(kinds & stance) > 1
    if Position.DELVIS in strong:
        return PositionResult(Position.DELVIS, ev(Position.DELVIS, strong=True),
                              "medel" if conflicting else "hög", others)
    verdicts = strong & {Position.TILLSTYRKER, Position.AVSTYRKER}
    if len(verdicts) == 2:
        return PositionResult(Position.DELVIS, ev(Position.TILLSTYRKER, Position.AVSTYRKER, strong=True), "låg", others)
    reservations = ev(Position.DELVIS)
    if verdicts:
        (v,) = verdicts
        if reservations and v is Position.TILLSTYRKER:
            return PositionResult(Position.DELVIS, ev(v, strong=True) + reservations, "medel", others)
        return PositionResult(v, ev(v, strong=True), "medel" if conflicting else "hög", others)
    leanings = kinds & {Position.TILLSTYRKER, Position.AVSTYRKER}
    if len(leanings) == 2 or (reservations and Position.TILLSTYRKER in leanings):
        return PositionResult(Position.DELVIS, ev(Position.TILLSTYRKER, Position.AVSTYRKER, Position.DELVIS),
                              "låg", others)
    if Position.DELVIS in kinds:
        return PositionResult(Position.DELVIS, reservations, "låg" if leanings else "medel", others)
    if leanings:
        (v,) = leanings
        return PositionResult(v, ev(v), "medel", others)
    if Position.AVSTAR in kinds:
        return PositionResult(Position.AVSTAR, ev(Position.AVSTAR),
                              "hög" if Position.AVSTAR in strong else "medel", others)
    if Position.NEUTRAL in kinds:
        return PositionResult(Position.NEUTRAL, ev(Position.NEUTRAL), "hög", others)
    return PositionResult(Position.OKLART, [], "låg", others)


# ---- the council's decision ---------------------------------------------------------------
# the one party table (remissvar.records.PARTY_NAMES, PARTY_ABBREVIATIONS), folded: a name is
# known by its first 8 letters
_PARTY_NAMES: dict[str, str] = {fold(name).lower(): abbr for name, abbr in PARTY_NAMES.items()}
_ABBR_RX = "|".join(sorted(PARTY_ABBREVIATIONS, key=len, reverse=True))
# "(S)", "(s)", "(S, V)", "(S+V+MP)", "(S och V)", and prefixed forms "S-gruppen", "(S)-ledamöterna"
_PAREN_PARTIES = re.compile(rf"\(\s*((?:{_ABBR_RX})(?:\s*(?:[,+/&]|och)\s*(?:{_ABBR_RX}))*)\s*\)", re.I)
_PREFIX_PARTY = re.compile(rf"\b({_ABBR_RX})-(?:grupp\w*|ledam\w*|företrädar\w*|ersättar\w*)", re.I)
_NAME_PARTY = re.compile(
    r"\b(socialdemokrat\w*|moderat\w*|liberal\w*|folkpartiet\w*|centerpartiet\w*|kristdemokrat\w*|"
    r"vansterpartiet\w*|miljopartiet\w*|sverigedemokrat\w*|feministiskt initiativ\w*)")

_KIND_RX: list[tuple[str, re.Pattern[str]]] = [
    ("särskilt uttalande", rx(r"\bsärskil\w*\s+uttalande\w*")),
    ("särskilt yttrande", rx(r"\bsärskil\w*\s+yttrande\w*")),
    ("ersättaryttrande", rx(r"\bersättaryttrande\w*")),
    ("protokollsanteckning", rx(r"\bprotokollsanteckning\w*|^\s*anteckning\w*")),
    ("reservation", rx(r"\breserv\w*")),
]
_HEADING = rx(
    r"^\s*(?:beslut|(?:stadsdels)?nämndens\s+beslut|förslag\s+till\s+beslut|yrkanden?|beslutsgång|propositionsordning|"
    r"omröstning|ärendet|handlingar|beslutsunderlag|reservation(?:er)?|särskil\w*\s+(?:uttalande|yttrande)\w*|"
    r"ersättaryttrande\w*|protokollsanteckning\w*|anteckning|justerandes\s+sign\w*|utdragsbestyrkande|expedieras\s+till|"
    r"paragrafen\s+är\s+justerad)\s*:?\s*$")
_DECISION_HEADING = rx(r"^\s*(?:beslut|(?:stadsdels)?nämndens\s+beslut)\s*:?\s*$")
_BORDLAGT = rx(r"\bbordlä(?:gg|gs)\w*|\bbordlägga\b|\bbordläggs\b|\bbordlagt\s+(?:till|ärende)|\bbordläggning\b|"
                r"\bär\s+bordlagt\b")
_ATERREMISS = rx(r"\båterremitt(?:era|eras|erar|eringen)\b|\båterremiss\b")
_CHANGED = rx(
    r"\bmed\s+(?:\w+\s+){0,2}(?:tillägg|ändring|ändringar|justering)\w*|\btillägg\w*\s+(?:\w+\s+){0,3}(?:bifall|godkän|antas)|"
    r"\beget\s+förslag\b|\bjämte\s+(?:\w+\s+){0,3}(?:förslag|tillägg|uttalande)|"
    r"\b(?:enligt|i\s+enlighet\s+med|bifall\s+till)\s+(?:\w+\s+){0,4}(?:\([a-z]{1,3}\)|[a-z]{1,3}-\w*|ordförandens|vice\s+ordförandens|majoritetens|ledamoten\s+\w+|\w+s)\s*(?:\w+\s+){0,2}(?:förslag|yrkande)|"
    r"\b(?:enligt|i\s+enlighet\s+med|bifall\s+till)\s+(?:\w+\s+){0,2}(?:förslag|yrkande)\w*\s+(?:från|av)\s+(?!förvaltning)|"
    r"\bändrad\w*\s+(?:lydelse|förslag)|\bföljande\s+(?:ändring|tillägg)|\bhar\s+ändrats\b")
_AS_PROPOSED = rx(
    r"(?:enligt|i\s+enlighet\s+med|bifall\s+till)\s+(?:\w+\s+){0,2}förvaltningens\s+förslag|"
    r"(?:godkänner|överlämnar|antar|översänder)\s+(?:\w+\s+){0,2}(?:förvaltningens|tjänsteutlåtande)|som\s+svar\s+på\s+remissen|"
    r"(?:förslag|tjänsteutlåtande)\w*\s+från\s+förvaltningen")


def _parties(segment: str) -> list[str]:
    """Parties named in a segment of a protocol, in order, each once."""
    f = fold(segment)
    found: list[tuple[int, str]] = []
    for m in _PAREN_PARTIES.finditer(f):
        for tok in re.split(r"\s*(?:[,+/&]|och)\s*", m.group(1).strip()):
            if tok.lower() in PARTY_ABBREVIATIONS:
                found.append((m.start(), PARTY_ABBREVIATIONS[tok.lower()]))
    for m in _PREFIX_PARTY.finditer(f):
        found.append((m.start(), PARTY_ABBREVIATIONS[m.group(1).lower()]))
    for m in _NAME_PARTY.finditer(f):
        word = m.group(1)
        for name, abbr in _PARTY_NAMES.items():
            if word.startswith(name[:8]):
                found.append((m.start(), abbr))
                break
    return list(dict.fromkeys(p for _, p in sorted(found)))


def _kind(segment: str) -> str | None:
    f = fold(segment)
    for kind, pattern in _KIND_RX:
        if pattern.search(f):
            return kind
    return None


def _reserving(segment: str) -> str:
    """The part of a segment that names who reserved: not the proposal they reserved for
    ("till förmån för (S):s förslag")."""
    f = fold(segment)
    m = re.search(r"\btill\s+f\w{0,2}rm\w{0,2}n\s+f\w{0,2}r\b", f)
    return segment[: m.start()] if m else segment


_PAGE_FURNITURE = rx(r"^\s*(?:utdragsbestyrkande|justerandes\s+sign\w*)\s*$")
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


_ADM_PROPOSAL = rx(r"\bförvaltningens\s+(?:\w+\s+){0,2}(?:förslag|tjänsteutlåtande)\w*")
_CHAIR_BACKS_ADM = rx(r"\bordförande\w*\s+(?:\w+\s+){0,6}(?:yrka\w*|föreslog|föreslår)\s+(?:\w+\s+){0,2}"
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
    stance = _classify(text, body=None, decision=True)
    position = stance.position if stance.position is not Position.OKLART else None
    if outcome in (DecisionOutcome.ATERREMITTERAT, DecisionOutcome.BORDLAGT):
        position = None
    return Decision(outcome=outcome, position=position, text=text or None,
                    evidence=stance.evidence if position else [], reservations=reservations)


def classify_lines(lines: Iterable[str]) -> Iterator[tuple[str | None, str | None]]:
    """The `remissvar position -` stream: each JSON line ``{"id", "text"[, "body"][, "council"]}``
    in (``body``: whose view is read, any body's name; ``council``, a district slug or name, is
    its alias), ``(output line, error)`` out; output ``{"id", "position", "confidence",
    "evidence", "others"}``, ``others`` the views the text states of other bodies:
    ``{"body", "position", "state", "evidence"}`` (state "ej_svar": did not answer). Blank lines
    are skipped; a line that is not such an object gives an error message instead of output."""
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
        body = obj.get("body") if isinstance(obj.get("body"), str) else None
        council = obj.get("council") if isinstance(obj.get("council"), str) else None
        res = classify_position(obj["text"], body=body, council=council)
        yield json.dumps({"id": obj.get("id"), "position": res.position.value, "confidence": res.confidence,
                          "evidence": res.evidence, "others": [o.as_json() for o in res.others]},
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
