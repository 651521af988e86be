"""Public bodies as Swedish text names them: any body, not only the district councils.

Who states a view decides whose position a sentence is (``remissvar.positions``), and the
summaries of many answers name many bodies in one sentence. This module reads body names
with a small grammar over folded text, not a list of known bodies:

- district councils: "<Namn> stadsdelsnämnd/-förvaltning" in every written form (genitive,
  hyphen, en dash, spaces around either, "Farsta sdn"), and the council table's short names;
- nämnder, förvaltningar, kontor, styrelser, råd, verk, myndigheter: one word ending in such a
  head ("trafiknämnden", "stadsbyggnadskontorets"), with a "- och" compound before it
  ("miljö- och hälsoskyddsnämnden") and an owner before it ("Stockholms stads
  äldreförvaltning", "Länsstyrelsen i Stockholms län");
- companies: "AB <Namn> <Namn>", "<Namn> AB";
- the generic own subjects "förvaltningen", "nämnden", "stadsdelsnämnden", "kontoret", "vi".

``body_key`` makes one key for every spelling of one body: a nämnd and its förvaltning or
kontor are one ("trafiknämnden" = "trafikkontoret"), kommunstyrelsen and stadsledningskontoret
are one, a district council and its förvaltning are one, a unit is its nämnd's body
("Socialnämndens tillståndsenhet" = "Socialnämnden"), and ``same_body`` also counts a district
council as the same body as its predecessors and successor (``remissvar.records.COUNCILS``). It is
the one body key: the linker compares remitting bodies with it, the remitting-body facet indexes
it, the position reader tells whose view a sentence states with it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from remissvar.records import COUNCILS, council_from_name, council_lineage
from remissvar.textnorm import fold

__all__ = ["BodyMention", "body_key", "body_mentions", "is_generic_own", "same_body"]

_D = "\u2010\u2011\u2012\u2013\u2014\u2212-"
# heads of a body's name (folded; å/ä/ö may be lost or misread by OCR: "n.?mnd")
_HEAD = (r"(?:n[aedi]?mnd|f[oe06d]?rvaltning|kontor|styrelse|fullm[aedi]?ktige|r[aoe]?det|verket|myndighet|"
         r"inspektion|direktion|utskott|roteln|enhet|kommun|region|bolag)")
_HEAD_FORMS = rf"{_HEAD}(?:en|ens|et|ets|s|n|ns|ernas|erna|er)?"
# one word that ends in a head: "trafiknamnden", "stadsbyggnadskontorets", "namnden"
_HEAD_WORD = rf"[a-z]*{_HEAD_FORMS}"
# a "- och" compound before it: "miljo- och halsoskyddsnamnden", "gatu- och fastighetskontoret"
_COMPOUND = rf"(?:[a-z]+\s*[{_D}]\s*(?:och|eller)\s+)?"
_DISTRICT_NAME = rf"(?:(?:norra|sodra|ostra|vastra)\s+[a-z]+|[a-z]+(?:\s?[{_D}]\s?[a-z]+){{0,3}})"
_DISTRICT = re.compile(
    rf"\b(?P<name>{_DISTRICT_NAME})s?\s+(?:stadsdels(?:n[a-z]?mnd(?:s|er|ers)?|f[a-z]?rvaltning(?:s|ar|ars)?)|sdn|sdf)\b")
# (a named district takes the indefinite head, "Farsta stadsdelsnämnd"; "stadsdelsnämnden" is the
# document's own body, unnamed)
# "Farsta och Skarholmens stadsdelsnamnder": the first name shares the last one's head
_DISTRICT_LIST = re.compile(
    rf"\b(?P<names>{_DISTRICT_NAME}(?:\s?,\s?{_DISTRICT_NAME}){{0,12}}\s+(?:och|samt)\s+{_DISTRICT_NAME})s?\s+"
    r"stadsdels(?:n[a-z]?mnder|f[a-z]?rvaltningar)(?:na|nas)?\b")
_ORGAN = re.compile(rf"\b(?P<name>{_COMPOUND}{_HEAD_WORD})\b")
# companies, read on the original text where capitals mark the name: "AB Svenska Bostäder",
# "Stockholm Vatten och Avfall AB", "Micasa Fastigheter i Stockholm AB"
_CAP = r"[A-ZÅÄÖÉ][\wåäöéÅÄÖ]+"
_COMPANY = re.compile(
    rf"\b(?P<name>AB\s+{_CAP}(?:\s+(?!AB\b){_CAP}){{0,3}}|{_CAP}(?:\s+(?:(?!AB\b){_CAP}|och|i|för)){{0,5}}\s+AB)\b")
_STATE = re.compile(
    r"\b(?P<name>l[aedi]?nsstyrelsen(?:s)?(?:\s+i\s+stockholms\s+lan)?|region\s+stockholm|regeringen|"
    r"trafikverket|polisen|polismyndigheten|boverket|naturvardsverket|socialstyrelsen|skolverket|"
    r"kommunfullmaktige|kommunstyrelsen|stadsledningskontoret|stadshus\s+ab)\b")
# words ending in a head that are no body: "samrad" is a consultation, "bostadsbolag" generic
_NOT_BODY = re.compile(
    r"^(?:samr[a-z]?d\w*|r[a-z]?det|verket|enhet\w*|kommun\w*|region\w*|underlag|verk|bolag|enhet|region|kommun|kommuner|forvaltning|"
    r"(?:[a-z]+)?(?:forslag|beslut)|uppdrag\w*|radgivning|fastighetsbolag|bostadsbolag\w*|"
    r"[a-z]*(?:arbete|ansvar)|bostadsomr[a-z]?de\w*)$")
# other inflections that the head grammar over-reads: "radet" (the council) yes, "raden" no
_OWNERS = re.compile(r"^(?:stockholms\s+stads?\s+|stadens\s+|stockholms\s+)")
# a unit named by its owner in the genitive: "socialnamndens tillstandsenhet", "kommunstyrelsens
# finansrotel", "kulturnamndens stadsarkiv" -> the owner
_UNIT = re.compile(r"^(?P<owner>.*?(?:n[aedi]?mnd|styrelse|f[oe06d]?rvaltning|kontor)(?:en|et|n)?)s\s+\S")


@dataclass(frozen=True)
class BodyMention:
    """A body named in a text: as written (folded), where, and its key."""

    text: str
    start: int
    end: int
    key: str
    generic: bool = False  # "förvaltningen", "nämnden": the document's own body


def _strip_inflection(word: str) -> str:
    """'trafiknamndens' -> 'trafiknamnd', 'stadsbyggnadskontorets' -> 'stadsbyggnadskontor'."""
    m = re.fullmatch(rf"([a-z]*?{_HEAD})(?:en|ens|et|ets|s|n|ns|ernas|erna|er)?", word)
    return m.group(1) if m else word


_STOP = frozenset("att i och av till som for fran med har en ett den det anser samt pa om hos aven ocksa "
                  "bade eller men dock utom ar var vid under efter enligt medan nar da vilket vilka dar de dessa "
                  "alla bada ovriga samtliga flera tva tre inte ej sa nu redan".split())


# District names the lineage table (remissvar.records.COUNCILS, every council since 1999 with its
# short names) does not hold, for reading a sentence that names a district by a short name alone
# ("Bromma och Hässelby har avstyrkt"): parts of earlier districts' names and an inflected spelling.
# Each is read as a district of its own name (a key "sdn:<name>"), never as a council's.
OTHER_DISTRICT_NAMES: tuple[str, ...] = (
    "Akalla", "Husby", "Hässelby", "Vällingby", "Enskede", "Spånga", "Tensta", "Årsta", "Kungsholms",
)


@lru_cache(maxsize=8192)
def _district_key(name: str) -> str | None:
    words = name.split()
    while len(words) > 1 and words[0] in _STOP:
        words = words[1:]
    name = " ".join(words)
    if name in _STOP:
        return None
    slug = council_from_name(name + " stadsdelsnamnd")
    if slug:
        return "sdn:" + slug
    compact = re.sub(r"[^a-z]", "", name)
    if len(compact) < 3:
        return None
    return "sdn:" + re.sub(r"s$", "", compact) if not compact.endswith("ss") else "sdn:" + compact


@lru_cache(maxsize=8192)
def body_key(name: str) -> str:
    """One key for every spelling of one body ("" when the text names none)."""
    f = fold(name).strip().strip(".,;:")
    f = _OWNERS.sub("", f)
    unit = _UNIT.match(f)
    if unit:
        f = unit.group("owner")
    f = re.sub(rf"\s*[{_D}]\s*", "-", f)
    f = re.sub(r"\s+", " ", f)
    if not f:
        return ""
    if re.fullmatch(r"(?:kommunstyrelse\w*|stadsledningskontor\w*|ks)", f):
        return "org:ks"
    if re.fullmatch(r"(?:kommunfullmaktige\w*|kf)", f):
        return "org:kf"
    m = _DISTRICT.search(f + " ") if "stadsdels" in f or re.search(r"\bsd[nf]\b", f) else None
    if m:
        return _district_key(m.group("name")) or "sdn:" + f
    slug = council_from_name(f)
    if slug and len(f) <= 40:
        return "sdn:" + slug
    if re.search(r"^ab\s|\sab$", f):
        core = re.sub(r"^ab\s+|\s+ab$", "", f)
        return "ab:" + re.sub(r"[^a-z]", "", core)
    if re.match(r"l[aedi]?nsstyrelse", f):
        return "org:lansstyrelsen"
    words = f.split()
    last = _strip_inflection(words[-1]) if words else f
    head = re.search(rf"({_HEAD})$", last)
    if head and head.group(1)[:1] in "nfk" and re.match(r"n[a-z]?mnd|f[a-z]?rvaltning|kontor", head.group(1)):
        stem = last[: head.start()].rstrip("s-") or last
        prefix = "".join(w for w in words[:-1])
        return "nmd:" + re.sub(r"[^a-z]", "", prefix + stem)
    return "org:" + re.sub(r"[^a-z]", "", " ".join(words[:-1]) + last)


_GENERIC_OWN_RX = re.compile(r"(?:stadsdels)?(?:n[aedi]?mnd|f[oe06d]?rvaltning)(?:en|ens)?|kontor(?:et|ets)|styrelsen|"
                             r"bolag(?:et|ets)|vi")


def is_generic_own(text: str) -> bool:
    """'Förvaltningen', 'nämnden', 'stadsdelsnämndens' (also as OCR left them: 'stadsdelsndmnden'):
    the document's own body, unnamed."""
    return _GENERIC_OWN_RX.fullmatch(re.sub(r"\s+", " ", fold(text).strip())) is not None


def same_body(a: str, b: str) -> bool:
    """Do two names (or keys) name one body? Predecessors and successors of a district
    council count as the same body; a nämnd and its förvaltning or kontor are one."""
    ka = a if ":" in a else body_key(a)
    kb = b if ":" in b else body_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    if ka.startswith("sdn:") and kb.startswith("sdn:"):
        sa, sb = ka[4:], kb[4:]
        if sa in COUNCILS and sb in COUNCILS:
            return sb in council_lineage(sa) or sa in council_lineage(sb)
        return sa.replace("-", "") == sb.replace("-", "")
    if ka.startswith("nmd:") and kb.startswith("nmd:"):
        # "miljöförvaltningen" serves "miljö- och hälsoskyddsnämnden": the first part of a "- och" name
        return ka.split("och")[0] == kb.split("och")[0] and ("och" in ka) != ("och" in kb)
    return False


def body_mentions(text: str) -> list[BodyMention]:
    """Every body named in a text (original or folded; mentions are folded), in order,
    overlapping mentions resolved to the
    longest. Lists of districts sharing one head ("Farsta och Skärholmens
    stadsdelsnämnder") give one mention per district."""
    folded = fold(text)
    found: list[BodyMention] = []
    for m in _COMPANY.finditer(text):
        name = fold(m.group("name"))
        found.append(BodyMention(name, m.start("name"), m.end("name"), body_key(name)))
    for m in _DISTRICT_LIST.finditer(folded):
        names = re.split(r"\s*,\s*|\s+(?:och|samt)\s+", m.group("names"))
        pos = m.start()
        for nm in names:
            k = _district_key(nm)
            i = folded.find(nm, pos)
            if k and i >= 0:
                found.append(BodyMention(nm, i, i + len(nm), k))
                pos = i + len(nm)
        if found:
            last = found[-1]
            found[-1] = BodyMention(folded[last.start:m.end()], last.start, m.end(), last.key)
    for m in _DISTRICT.finditer(folded):
        k = _district_key(m.group("name"))
        if k:
            start = m.start()
            for w in m.group("name").split()[:-1]:
                if w not in _STOP:
                    break
                start = folded.index(w, start) + len(w) + 1
            found.append(BodyMention(folded[start:m.end()], start, m.end(), k))
    for m in _STATE.finditer(folded):
        found.append(BodyMention(m.group("name"), m.start("name"), m.end("name"), body_key(m.group("name"))))
    for om in _ORGAN.finditer(folded):
        word = om.group("name")
        last_word = word.split()[-1]
        if _NOT_BODY.match(last_word) or len(last_word) < 5 and not is_generic_own(last_word):
            continue
        generic = is_generic_own(word)
        found.append(BodyMention(word, om.start("name"), om.end("name"), "" if generic else body_key(word), generic))
    # district short names standing alone as a subject: "Farsta tillstyrker"
    shorts = _shorts()
    for m in shorts[0].finditer(folded):
        found.append(BodyMention(m.group(0), m.start(), m.end(), shorts[1][m.lastgroup or ""]))
    found.sort(key=lambda b: (b.start, -(b.end - b.start)))
    out: list[BodyMention] = []
    for b in found:
        if out and b.start < out[-1].end:
            continue
        out.append(b)
    return out


@lru_cache(maxsize=1)
def _shorts() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for every council's short names (a named group per council)."""
    groups: list[str] = []
    keys: dict[str, str] = {}
    for i, c in enumerate(COUNCILS.values()):
        names = sorted({fold(n) for n in (c.short, *c.aliases)}, key=len, reverse=True)
        groups.append(f"(?P<c{i}>" + "|".join(_short_pattern(n) for n in names) + ")")
        keys[f"c{i}"] = "sdn:" + c.slug
    for j, name in enumerate(sorted(OTHER_DISTRICT_NAMES, key=len, reverse=True)):
        groups.append(f"(?P<d{j}>{_short_pattern(name)})")
        keys[f"d{j}"] = "sdn:" + re.sub(r"[^a-z]", "", fold(name))
    return re.compile(r"\b(?:" + "|".join(groups) + r")\b"), keys


def _short_pattern(short: str) -> str:
    parts = [re.escape(p) for p in re.split(rf"[\s{_D}]+", fold(short)) if p]
    return rf"(?:\s*[{_D}]\s*|\s+)".join(parts) + "s?"
