"""What an agenda item's own wording says about a remiss: pure functions over text.

Shared by the crawler (agenda lines), the document parser and the linker. Every function
takes printed text (any case, with or without å/ä/ö) and returns ``None`` / empty when the
text does not say.

API
---
``remittent(text, document=False) -> Remittent | None``
    The remitting body and its dnr from a remittent line or summary sentence:
    "Remiss från kommunstyrelsen, dnr 325-1180/2010." -> ("Kommunstyrelsen", "325-1180/2010");
    "Kommunstyrelsen har till stadsdelsnämnden remitterat …", "Förvaltningen har fått en
    remiss från trafiknämnden om …", "Till stadsdelsnämnden har remitterats … från X".
``answer_to(text) -> str | None``
    "Yttrande till stadsbyggnadskontoret" (own line or inside a title) -> the receiving
    body, capitalised, only when it is a city or state body (``is_public_body``).
``is_public_body(name) -> bool``
    A city or state body: nämnd, styrelse, kontor, förvaltning, länsstyrelsen, departement,
    verk, myndighet, inspektion, domstol, regeringskansliet, kommunfullmäktige, landsting/region.
``normalize_body(name) -> str``
    "kommunstyrelsen" -> "Kommunstyrelsen"; whitespace and trailing punctuation trimmed.
``normalize_dnr(dnr) -> str``
    Display form: "ks dnr 316-274/2012." -> "KS 316-274/2012"; "Dnr: 1.5.1-142-2012" -> "1.5.1-142-2012".
``dnr_key(dnr) -> str``
    Comparison key, prefix and zero padding dropped: "KS dnr 316-274/2012", "316-274/2012" and
    "KS 316-274/2012" -> "316-274/2012"; "T 2010-313-01802" -> "2010-313-1802".
``find_dnrs(text) -> list[str]``
    Remitting-body dnr's written in running text ("KS 2024/951", "dnr 316-274/2012"), normalised.
``council_dnr(line) -> str | None``
    The council's own dnr from a "Dnr …" / "Dnr: …" line ("Omedelbar justering" after it ignored).
``filing_class(dnr) -> str | None``
    The filing class of a council dnr ("1.5.1-142-2012" -> "1.5.1", "671-2008-103" -> "671");
    ``None`` where the dnr has none ("SÖD 2023/512").
``parse_motion(text) -> MotionInfo | None``
    Motion number, authors and parties from a title line: "Motion (2013:7) om Y",
    "Motion av Anna Ek (fp) om Y, nr 2013:7", "Y - motion från (S)", "(m) m fl", "(båda mp)",
    "(S) med flera". Parties are ``remissvar.records.PARTIES`` spellings.
``parties_in(text) -> list[str]``
    Parties named in parentheses: "(båda mp)" -> ["MP"], "(s, v)" -> ["S", "V"].
``stage(text) -> str | None``
    "samråd" | "utställning" | "granskning" when the title names a planning stage.
``remiss_cue(text) -> str | None``
    Why a title or item line reads as a remiss answer ("remiss", "yttrande över",
    "yttrande till", "samråd", "utställning", "granskning", "remitterat", "motion",
    "ansökan"), else ``None``.
``not_remiss(text) -> bool``
    Procedural items that are never remiss answers (val av justerare, anmälan av
    delegationsbeslut, protokollsjustering …).
"""
from __future__ import annotations

import re
from typing import NamedTuple

from remissvar.records import PARTIES, MotionInfo
from remissvar.textnorm import fold, squash

_PARTY_BY_FOLD: dict[str, str] = {fold(p): p for p in PARTIES}
# older or variant spellings printed in parentheses
_PARTY_BY_FOLD.update({"fp": "FP", "kd": "KD", "mp": "MP", "sd": "SD", "fi": "Fi",
                       "kds": "KD", "v": "V", "c": "C", "m": "M", "s": "S", "l": "L"})


class Remittent(NamedTuple):
    body: str | None
    dnr: str | None


# ---- bodies --------------------------------------------------------------------
_BODY_WORD = (r"(?:[\wåäöéÅÄÖÉ-]*(?:styrelsen|fullmaktige|fullmäktige|namnden|nämnden|nämnd|namnd|kontoret|"
              r"forvaltningen|förvaltningen|departementet|kansliet|myndigheten|verket|inspektionen|domstolen|"
              r"lansstyrelsen|länsstyrelsen|landstinget|regionen|kommissionen|utredningen|radet|rådet|"
              r"bolaget|ab))")
_PUBLIC = re.compile(
    r"(styrelse|fullmaktige|namnd|kontor|forvaltning|departement|kansli|myndighet|verk\b|verket|inspektion|"
    r"domstol|lansstyrelse|landsting|region\b|region |regionen|kommun\b|kommunen|polis|trafikverket|"
    r"regeringen|utredning|\bsou\b|\bsl\b|stockholm vatten|stockholms stad)"
)


def normalize_body(name: str) -> str:
    s = re.sub(r"(\w)–\s", r"\1- ", squash(name).strip(" ,.;:-–"))  # "Gatu– och" as "Gatu- och"
    if s.isupper() and len(s) > 4:  # "GATU- OCH FASTIGHETSNÄMNDEN" (not "SL", "KS")
        s = s.lower()
    return s[:1].upper() + s[1:] if s else s


def is_public_body(name: str) -> bool:
    f = fold(squash(name))
    return bool(f) and bool(_PUBLIC.search(f))


# ---- dnr -------------------------------------------------------------------------
# a remitting dnr: optional letter prefix ("KS", "KS dnr", "T"), then digit groups with - / . separators
_DNR_CORE = r"\d[\d.]*(?:\s?[-/]\s?\d[\d.]*)+"
_DNR_PREFIXED = re.compile(rf"\b([A-ZÅÄÖ]{{1,5}}(?:\s+dnr)?:?\s?{_DNR_CORE})", re.I)
_DNR_AFTER_WORD = re.compile(rf"\bdnr\.?:?\s*((?:[A-ZÅÄÖ]{{1,5}}\s?)?{_DNR_CORE})", re.I)


def normalize_dnr(dnr: str) -> str:
    s = squash(dnr).strip(" .,;:")
    s = re.sub(r"^dnr\.?:?\s*", "", s, flags=re.I)
    s = re.sub(r"\s+dnr\.?:?\s*", " ", s, flags=re.I)
    s = re.sub(r"\s*([-/])\s*", r"\1", s)
    m = re.match(r"([A-Za-zÅÄÖåäö]{1,5})(\s?)(\d.*)$", s)
    if m:  # the prefix in capitals, written with or without a space as printed
        return f"{m.group(1).upper()}{m.group(2)}{m.group(3)}"
    return s


def dnr_key(dnr: str) -> str:
    s = normalize_dnr(dnr)
    core = re.sub(r"^[A-ZÅÄÖ]{1,5}\s?", "", s)
    return re.sub(r"\d+", lambda m: str(int(m.group(0))), core)


_YEAR_SPAN = re.compile(r"(?:[A-ZÅÄÖ]{1,5}\s?)?((?:19|20)\d\d)-((?:19|20)\d\d)")


def _is_dnr_like(core: str) -> bool:
    # at least two digit groups and a four-digit year or a two-digit year at the end
    groups = re.findall(r"\d+", core)
    span = _YEAR_SPAN.fullmatch(core)
    if span and 0 < int(span.group(2)) - int(span.group(1)) <= 12:  # "2017-2022": a period, not a dnr
        return False
    return len(groups) >= 2 and any(len(g) in (2, 4) for g in groups)


def find_dnrs(text: str) -> list[str]:
    found: list[tuple[int, str]] = []
    for rx in (_DNR_AFTER_WORD, _DNR_PREFIXED):
        for m in rx.finditer(text):
            cand = m.group(1)
            # a prefix is capitals ("KS", "SBN"), or any case before "dnr": a word of prose
            # before a number is no prefix ("stad 2017-2022", "år 2019-2020")
            if rx is _DNR_PREFIXED and not re.match(r"(?i:ks|kf|[a-zåäö]{1,5}\s+dnr)\b|[A-ZÅÄÖ]{1,5}\s?\d", cand):
                continue
            if rx is _DNR_PREFIXED and re.match(r"(?i)(nr|dnr|och|om|den|kl|s)\b", cand):
                continue
            found.append((m.start(1), cand))
    out: list[str] = []
    for _, cand in sorted(found):  # the earliest start keeps its prefix ("KS dnr 316-274/2012")
        n = normalize_dnr(cand)
        if _is_dnr_like(n) and not any(dnr_key(n) == dnr_key(o) for o in out):
            out.append(n)
    return out


_COUNCIL_DNR = re.compile(r"^\s*dnr\.?\s*:?\s*(\S+(?:\s\d\S*)?)", re.I)


def council_dnr(line: str) -> str | None:
    s = re.sub(r"(?i)\s*omedelbar justering\.?", "", squash(line))
    m = _COUNCIL_DNR.match(s)
    if not m:
        return None
    rest = s[m.start(1):]
    m2 = re.match(rf"([A-ZÅÄÖ]{{1,5}}\s)?({_DNR_CORE})", rest, re.I)
    return normalize_dnr(m2.group(0)) if m2 else None


def filing_class(dnr: str) -> str | None:
    s = normalize_dnr(dnr)
    m = re.search(r"\b(\d+(?:\.\d+){1,3})\b", s)
    if m:
        return m.group(1)
    if re.match(r"[A-ZÅÄÖ]{1,5}\s", s):
        return None
    m = re.match(r"(\d{1,4})[-/]", s)
    if m and not re.fullmatch(r"(19|20)\d\d", m.group(1)):
        return m.group(1)
    return None


# ---- remittent -------------------------------------------------------------------
_FRAN = r"fr\w{1,2}n"  # "från", and as scans print it: "fran", "frän"
_NAME_WORD = r"[\wåäöéÅÄÖÉ–-]+"  # a word of a body's name ("Gatu-", "Gatu–" with an en dash)
_FROM = re.compile(
    rf"\bremiss(?:en)?\s+{_FRAN}\s+(?P<body>(?:{_NAME_WORD}\s){{0,4}}?{_BODY_WORD}|{_NAME_WORD})", re.I)
_COMPOUND = r"(?:[\wåäöéÅÄÖÉ]+[-–]\s+(?:och|samt)\s+)?"  # "Gatu- och fastighetsnämnden"
_HAS_REMITTED = re.compile(
    # a body starts where no word or hyphen precedes it, so one long word - or a run of words
    # joined by hyphens ("ab-ab-ab…", an OCR'd table rule) - is tried once, not from each part
    rf"(?P<body>(?<![\w-]){_COMPOUND}{_BODY_WORD})\s+har\s+(?:till\s+[\wåäö\s]{{0,40}}?\s+)?remitterat\b", re.I)
_REMITTED_FROM = re.compile(
    rf"har\s+remitterats\s+.{{0,200}}?\b{_FRAN}\s+(?P<body>(?:{_NAME_WORD}\s){{0,4}}?{_BODY_WORD})", re.I)
# the answering side (the council, its administration): never the one that remitted
_OWN_SIDE = re.compile(r"stadsdels|^(?:forvaltningen|namnden)$")
# a Stockholm dnr without prefix, written right after the body: "Exploateringsnämnden 316-259/2012"
_BARE_DNR = re.compile(r"(?<![\w/-])(\d{2,4}-\d{1,5}/(?:19|20)\d\d)(?![\w/-])")


def _nearest_dnr(text: str, start: int) -> str | None:
    tail = text[start:start + 160]
    # stop at the next sentence: a dnr belongs to the remittent only when in its sentence
    m = re.search(r"\.\s+[A-ZÅÄÖ]", tail)
    if m:
        tail = tail[: m.start() + 1]
    found = find_dnrs(tail)
    if found:
        return found[0]
    bare = _BARE_DNR.search(tail)
    return bare.group(1) if bare else None


def remittent(text: str, *, document: bool = False) -> Remittent | None:
    """``document``: ``text`` is a whole answer, not an agenda line - a body named by one word
    after "remiss från" must be a public body ("remiss från den 12 mars" names none), and a
    dnr without a named body is not taken (any dnr of the document would do)."""
    s = squash(text)
    for rx in (_FROM, _HAS_REMITTED, _REMITTED_FROM):
        for m in rx.finditer(s):
            body = normalize_body(m.group("body"))
            f = fold(body)
            if rx is _FROM and not is_public_body(body) and (document or f in ("om", "av", "angaende", "till")):
                continue
            if _OWN_SIDE.search(f):  # "Förvaltningen har remitterat ärendet till pensionärsrådet"
                continue
            return Remittent(body, _nearest_dnr(s, m.end("body")))
    # a bare "dnr" after a remiss word without a named body ("Remiss, dnr KS 2024/951")
    if not document and re.search(r"(?i)\bremiss", s):
        d = find_dnrs(s)
        if d:
            return Remittent(None, d[0])
    return None


_TO = re.compile(rf"\byttrande\s+till\s+(?P<body>(?:[\wåäöéÅÄÖÉ-]+\s){{0,4}}?{_BODY_WORD}"
                 rf"|[\wåäöéÅÄÖÉ-]+(?:\s[\wåäöéÅÄÖÉ-]+)?)", re.I)


def answer_to(text: str) -> str | None:
    m = _TO.search(squash(text))
    if not m:
        return None
    body = normalize_body(m.group("body"))
    return body if is_public_body(body) else None


# ---- motions -----------------------------------------------------------------------
_MOTION_NO = re.compile(r"\bmotion(?:en)?\b[^()\n]{0,3}\(?\s*(?:nr\.?\s*)?((?:19|20)\d\d)\s*:\s*(\d{1,3})\s*\)?", re.I)
_NR = re.compile(r"\bnr\.?\s*((?:19|20)\d\d)\s*:\s*(\d{1,3})\b", re.I)
_PAREN_NO = re.compile(r"\(\s*((?:19|20)\d\d)\s*:\s*(\d{1,3})\s*\)")
_NAME = re.compile(r"[A-ZÅÄÖÉ][a-zåäöéüø'-]+(?:\s+(?:af\s+|von\s+|de\s+)?[A-ZÅÄÖÉ][a-zåäöéüø'-]+)+")
_PAREN = re.compile(r"\(([^()]{1,60})\)")
_FILLER = {"bada", "alla", "samtliga", "mfl", "med", "flera", "och", "samt", "&"}


def parties_in(text: str) -> list[str]:
    out: list[str] = []
    for m in _PAREN.finditer(text):
        inner = re.sub(r"\bm\.?\s?fl\b\.?", " ", fold(m.group(1)))
        tokens = [t for t in re.split(r"[\s,/+]+", inner) if t]
        tokens = [t.strip(".") for t in tokens]
        tokens = [t for t in tokens if t and t not in _FILLER]
        if not tokens or not all(t in _PARTY_BY_FOLD for t in tokens):
            continue
        for t in tokens:
            p = _PARTY_BY_FOLD[t]
            if p not in out:
                out.append(p)
    return out


def _motion_number(text: str) -> str | None:
    for rx in (_MOTION_NO, _NR, _PAREN_NO):
        m = rx.search(text)
        if m:
            return f"{m.group(1)}:{int(m.group(2))}"
    return None


def parse_motion(text: str) -> MotionInfo | None:
    s = squash(text)
    f = fold(s)
    if not re.search(r"\bmotion", f):
        return None
    number = _motion_number(s)
    authors: list[str] = []
    # the author part: after "motion … av/från" up to " om " (or the end), or before "(party)"
    m = re.search(r"(?i)\bmotion(?:en)?\b(?:\s*\([^)]*\))?\s+(?:av|från|fran)\s+(.+?)(?:\s+om\s+|\s*,\s*nr\b|$)", s)
    seg = m.group(1) if m else ""
    if not seg:
        m = re.search(r"(?i)\bmotion(?:en)?\b.*?\bom\b.+?\s+(?:av|från|fran)\s+(.+)$", s)
        seg = m.group(1) if m else ""
    for nm in _NAME.finditer(re.sub(r"\([^)]*\)", " ", seg)):
        name = nm.group(0)
        if fold(name).split()[0] in ("motion", "kommunstyrelsen", "stockholms", "remiss"):
            continue
        if name not in authors:
            authors.append(name)
    parties = parties_in(s)
    if number or authors or parties:
        return MotionInfo(number=number, authors=authors, parties=parties)
    return None


# ---- stage and cues ----------------------------------------------------------------
_STAGES = (("samrad", "samråd"), ("utstallning", "utställning"), ("granskning", "granskning"))


def stage(text: str) -> str | None:
    f = fold(text)
    for key, label in _STAGES:
        if re.search(rf"\b{key}", f):
            return label
    return None


_CUES: tuple[tuple[str, str], ...] = (
    (r"\bremiss", "remiss"),
    (r"\byttrande\s+(over|om|angaende|gallande)\b", "yttrande över"),
    (r"\byttrande\s+till\b", "yttrande till"),
    (r"\bremitter", "remitterat"),
    (r"\bsamrad", "samråd"),
    (r"\butstallning", "utställning"),
    (r"\bgranskning(shandling|sskede)?\b", "granskning"),
    (r"^motion\b|\bmotion\s*\(|\bmotion (av|fran|om)\b|\s[-–]\s*motion\b", "motion"),
    (r"\byttrande\s+over\s+ansokan\b|\bansokan om\b.*\byttrande", "ansökan"),
)
_NOT_REMISS = re.compile(
    r"\b(val av justerare|justering|delegationsbeslut|anmalan av|anmalningsarenden|fastst\w+ av dagordning|"
    r"manadsrapport|tertialrapport|verksamhetsberattelse|verksamhetsplan|budget|bokslut|internkontroll|"
    r"medborgarforslag|information fran|allmanhetens fragestund|namndens fragestund|sammantradesplan|"
    r"arbetsordning|delegationsordning)\b")


def not_remiss(text: str) -> bool:
    f = fold(squash(text))
    if re.search(r"\bremiss|\byttrande (over|till)|\bmotion\b", f):
        return bool(re.match(r"(anmalan av|val av justerare)", f))
    return bool(_NOT_REMISS.search(f))


def remiss_cue(text: str) -> str | None:
    f = fold(squash(text))
    if not f:
        return None
    for rx, label in _CUES:
        if re.search(rx, f):
            if label == "yttrande till" and answer_to(text) is None:
                continue
            return label
    return None
