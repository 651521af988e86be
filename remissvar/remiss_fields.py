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
    "(S) med flera". Parties are ``remissvar.records.PARTY_ABBREVIATIONS`` spellings.
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
from collections.abc import Iterator
from typing import NamedTuple

from remissvar.bodies import body_key
from remissvar.records import PARTY_ABBREVIATIONS, MotionInfo
from remissvar.textnorm import fold, squash


class Remittent(NamedTuple):
    body: str | None
    dnr: str | None


# ---- bodies --------------------------------------------------------------------
# word endings (folded) that make a word the head of a body's name: "Trafiknämnden",
# "fastighetskontor", "Kungliga Djurgårdens Förvaltning", "tillståndsenhet", "roteln"
_HEAD_ENDINGS = (
    "styrelsen", "styrelse", "fullmaktige", "namnden", "namnd", "kontoret", "kontor", "forvaltningen",
    "forvaltning", "departementet", "departement", "kansliet", "kansli", "myndigheten", "myndighet", "verket",
    "inspektionen", "inspektion", "domstolen", "domstol", "ratten", "landstinget", "landsting", "regionen",
    "kommissionen", "kommission", "utredningen", "utredning", "radet", "bolaget", "bolag", "roteln", "rotel",
    "enheten", "enhet", "kommun", "kommunen", "stiftelsen", "stiftelse", "forbundet", "forbund", "akademien",
    "universitetet", "hogskolan", "institutet", "lantmateriet", "polisen", "kollegiet", "ambetet", "arkivet",
    "museet", "regeringen", "riksdagen", "brandforsvar", "brandforsvaret", "ombudsmannen", "delegationen",
)
# heads that come first and are followed by the proper name: "AB Svenska Bostäder", "Region Stockholm"
_LEADING_HEADS = frozenset({"ab", "region", "kungliga", "kungl", "stiftelsen"})
_BODY_WORD = (r"(?:[\wåäöéÅÄÖÉ-]*(?:styrelsen|fullmaktige|fullmäktige|namnden|nämnden|nämnd|namnd|kontoret|"
              r"forvaltningen|förvaltningen|departementet|kansliet|myndigheten|verket|inspektionen|domstolen|"
              r"lansstyrelsen|länsstyrelsen|landstinget|regionen|kommissionen|utredningen|radet|rådet|"
              r"bolaget|ab))")
_PUBLIC = re.compile(
    r"(styrelse|fullmaktige|namnd|kontor|forvaltning|departement|kansli|myndighet|verk\b|verket|inspektion|"
    r"domstol|lansstyrelse|landsting|region\b|region |regionen|kommun\b|kommunen|polis|trafikverket|"
    r"regeringen|utredning|\bsou\b|\bsl\b|stockholm vatten|stockholms stad|roteln|rotel\b|enhet\b|enheten|"
    r"lantmateriet)"
)
# words that end a body's name when read forward (the clause goes on) or backward (the clause began)
_NAME_STOPS = frozenset("""
om angaende avseende gallande rorande over med till den det dar som och samt i pa for av at enligt inom vid
under efter infor kring mot utan ang betraffande jamte daterad dnr diarienummer har hade ska skall kommer vill
remitterat remitterats remiss remissen remisser nu da aven ocksa sedan darefter ett en nytt ny nya detta denna
att ej inte var sin sitt sina nar tidigare senast bl bland annat
""".split())
# one word (letters first; "Gatu-", "Hägersten-Liljeholmens", "Gatu–"), or one other character
_NEXT_TOKEN = re.compile(r"[^\S\n]*+(?:(?P<w>[^\W\d_][\w'’&–-]*+)|(?P<o>\S))")
_MAX_NAME_WORDS = 8  # a body's name is a few words: the reader never walks further


def _is_head(folded_word: str) -> bool:
    w = folded_word.strip("-–")
    return w in _LEADING_HEADS or w.endswith(_HEAD_ENDINGS)


def _joins(prev: str, word_folded: str) -> bool:
    """"och"/"samt" continue a name only after a hyphenated part ("Gatu- och fastighetsnämnden")."""
    return word_folded in ("och", "samt") and prev.endswith(("-", "–"))


def _pick_name(words: list[str]) -> str | None:
    """The body's name among the words read after "från": up to its last head word (and the
    proper name after a leading head, "AB Svenska Bostäder"); without a head, a run of
    capitalised words ("Storstockholms Lokaltrafik") or the first word."""
    if not words:
        return None
    folded = [fold(w).lower() for w in words]
    heads = [i for i, f in enumerate(folded) if _is_head(f)]
    # a compound's first part ("Gatu-") is no head even when "-och" words follow
    heads = [i for i in heads if not words[i].endswith(("-", "–"))]
    if heads:
        # the first head ends the name ("Kommunstyrelsen", not "Kommunstyrelsen Beslut Nämnden");
        # a leading head takes the proper name after it, up to and with a head of its own
        # ("AB Svenska Bostäder", "Region Stockholm", "Kungliga Djurgårdens Förvaltning")
        end = heads[0]
        if folded[end] in _LEADING_HEADS:
            while end + 1 < len(words) and words[end + 1][:1].isupper():
                end += 1
                if _is_head(folded[end]) and folded[end] not in _LEADING_HEADS:
                    break
        return " ".join(words[: end + 1])
    if words[0][:1].isupper() and not words[0].isupper():
        end = 0
        while end + 1 < len(words) and words[end + 1][:1].isupper():
            end += 1
        return " ".join(words[: end + 1])
    return words[0]


def _read_forward(s: str, pos: int) -> tuple[str | None, int]:
    """The body's name that starts at ``pos`` (after "remiss från"), and where it ends."""
    words: list[str] = []
    ends: list[int] = []
    while len(words) < _MAX_NAME_WORDS:
        m = _NEXT_TOKEN.match(s, pos)
        if not m or m.group("w") is None:
            break
        w = m.group("w")
        f = fold(w).lower()
        if f in _NAME_STOPS and not (words and _joins(words[-1], f)):
            break
        if f == "d" and re.match(r"\s*nr\b", s[m.end():m.end() + 4], re.I):  # "(D nr 123 – 456 / 05)"
            break
        words.append(w)
        ends.append(m.end())
        pos = m.end()
    while words and words[-1].endswith(("-", "–")) and len(words) > 1:  # a dangling compound part
        words.pop()
        ends.pop()
    name = _pick_name(words)
    if not name:
        return None, pos
    n = len(name.split(" "))
    return name, ends[n - 1]


_WORD_BACK = re.compile(r"[^\W\d_][\w'’&–-]*")


def _read_backward(s: str, end: int) -> str | None:
    """The body's name that ends at ``end`` (before "har remitterat"): a head word, with the
    capitalised words, genitives and "- och" parts before it ("Stockholms gatu- och
    fastighetskontor", "Socialnämndens tillståndsenhet", "AB Svenska Bostäder")."""
    window_start = max(0, end - 200)  # a name is a few words; the window bounds the walk
    window = s[window_start:end]
    toks = list(_WORD_BACK.finditer(window))
    picked: list[str] = []
    last_start = len(window)
    for m in reversed(toks):
        gap = window[m.end():last_start]
        if gap.strip() or "\n" in gap:  # punctuation, digits or a line break between: the clause began
            break
        w = m.group(0)
        f = fold(w).lower()
        if not picked:
            if not (_is_head(f) or w[:1].isupper()):
                return None
        elif f in ("och", "samt"):
            # only inside a compound: the word before must end with a hyphen
            prev = window[:m.start()].rstrip()
            if not prev.endswith(("-", "–")):
                break
        elif f in _NAME_STOPS:
            break
        elif w.endswith(("-", "–")):  # a compound's first part, only before "och"/"samt"
            if fold(picked[-1]).lower() not in ("och", "samt"):
                break
        elif not (w[:1].isupper() or _is_head(f) or f.endswith("s") and _is_head(f[:-1])):
            break
        if m.start() == 0 and window_start > 0 and (s[window_start - 1].isalnum() or s[window_start - 1] in "-–"):
            break  # a word cut by the window: longer than any name
        picked.append(w)
        last_start = m.start()
        if len(picked) >= _MAX_NAME_WORDS:
            break
    picked.reverse()
    while picked and fold(picked[0]).lower() in ("och", "samt"):
        picked.pop(0)
    if not picked:
        return None
    folded = [fold(w).lower() for w in picked]
    if not any(_is_head(f) for f in folded):
        return None
    # a sentence's first word before the name is no part of it ("Även Kommunstyrelsen …")
    return " ".join(picked)


def normalize_body(name: str) -> str:
    s = re.sub(r"(\w)–\s", r"\1- ", squash(name).strip(" ,.;:-–"))  # "Gatu– och" as "Gatu- och"
    if s.isupper() and len(s) > 4:  # "GATU- OCH FASTIGHETSNÄMNDEN" (not "SL", "KS")
        s = s.lower()
    return s[:1].upper() + s[1:] if s else s


def is_public_body(name: str) -> bool:
    f = fold(squash(name))
    return bool(f) and bool(_PUBLIC.search(f))


# ---- dnr -------------------------------------------------------------------------
# a remitting dnr: optional letter prefix ("KS", "KS dnr", "T", "S-Dp"), then digit groups with
# - – / . separators, a space allowed on either side ("06-123/ 456", "123 – 456 / 05").
# Possessive runs: the separator can never be a digit or a dot, so nothing is given back.
_SEP = r"\s?[-–/]\s?"
_DNR_CORE = rf"\d[\d.]*+(?:{_SEP}\d[\d.]*+)++"
_DNR_WORD = r"(?:d\.?\s?nr|dnr|diarienummer)\.?:?"
_DNR_PREFIXED = re.compile(rf"\b([A-ZÅÄÖ]{{1,5}}(?:\s+dnr)?:?\s?{_DNR_CORE})", re.I)
# after the word "dnr" (doubled: "Dnr: Dnr 312-456/2003"; spaced: "D nr"), any prefix incl. "S-Dp"
_DNR_AFTER_WORD = re.compile(
    rf"\b{_DNR_WORD}\s*+(?:{_DNR_WORD}\s*+)?((?:[A-ZÅÄÖ]{{1,5}}(?:-[A-ZÅÄÖa-zåäö]{{1,3}})?\s?)?{_DNR_CORE})", re.I)
_PREFIX = re.compile(r"([A-Za-zÅÄÖåäö]{1,5}(?:-[A-Za-zÅÄÖåäö]{1,3})?)(\s?)(\d.*)$")


def normalize_dnr(dnr: str) -> str:
    s = squash(dnr).strip(" .,;:()")
    s = re.sub(rf"^(?:{_DNR_WORD}\s*)+", "", s, flags=re.I)
    s = re.sub(rf"\s+{_DNR_WORD}\s*", " ", s, flags=re.I)
    s = re.sub(r"\s?([-–/])\s?", r"\1", s).replace("–", "-")
    m = _PREFIX.match(s)
    if m:  # the prefix in capitals ("ks" -> "KS"; "S-Dp" as printed), with or without a space as printed
        p = m.group(1)
        return f"{p if '-' in p else p.upper()}{m.group(2)}{m.group(3)}"
    return s


# Stockholm's remitting form <class>-<number>/<year> is also printed <class>-<number>-<year>
# ("125-1234-2012"): one dnr. Only this shape is merged: a council's "671-2008-103" or
# "311-245-04" keeps its hyphens.
_CLASS_NUMBER_YEAR = re.compile(r"(\d{1,4})-(\d{1,6})-((?:19|20)\d\d)")


def dnr_key(dnr: str) -> str:
    s = normalize_dnr(dnr)
    core = re.sub(r"^[A-Za-zÅÄÖåäö]{1,5}(?:-[A-Za-zÅÄÖåäö]{1,3})?\s?", "", s)
    core = re.sub(r"\d+", lambda m: m.group(0).lstrip("0") or "0", core)
    m = _CLASS_NUMBER_YEAR.fullmatch(core)
    return f"{m.group(1)}-{m.group(2)}/{m.group(3)}" if m else core


_YEAR_SPAN = re.compile(r"(?:[A-ZÅÄÖ]{1,5}\s?)?((?:19|20)\d\d)-((?:19|20)\d\d)")
_DIGIT_GROUP = re.compile(r"\d+")


def _is_dnr_like(core: str) -> bool:
    # at least two digit groups and a four-digit year or a two-digit year at the end
    groups = _DIGIT_GROUP.findall(core)
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
    keys: set[str] = set()
    for _, cand in sorted(found):  # the earliest start keeps its prefix ("KS dnr 316-274/2012")
        n = normalize_dnr(cand)
        k = dnr_key(n)
        if _is_dnr_like(n) and k not in keys:
            out.append(n)
            keys.add(k)
    return out


_COUNCIL_DNR = re.compile(rf"^\s*{_DNR_WORD}\s*+(?:{_DNR_WORD}\s*+)?(?=\S)", re.I)
_COUNCIL_DNR_VALUE = re.compile(rf"([A-ZÅÄÖ]{{1,5}}\s)?({_DNR_CORE})", re.I)


def council_dnr(line: str) -> str | None:
    s = re.sub(r"(?i)\s*omedelbar justering\.?", "", squash(line))
    m = _COUNCIL_DNR.match(s)
    if not m:
        return None
    m2 = _COUNCIL_DNR_VALUE.match(s, m.end())
    return normalize_dnr(m2.group(0)) if m2 else None


def dnr_in_status(line: str) -> str | None:
    """The council dnr at the end of a status line: "Återremitterat den 12 maj 2012. Dnr 123-2012-2.2.2."."""
    s = squash(line)
    m = re.search(rf"(?i)(?<![\w-]){_DNR_WORD}\s", s)
    return council_dnr(s[m.start():]) if m else None


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
_FROM = re.compile(rf"\bremiss(?:en)?\s++{_FRAN}\s++", re.I)
_HAS_REMITTED = re.compile(r"(?<![\w-])har\s++(?:till\s++[\wåäö ]{0,40}?\s)?remitterat\b", re.I)
_REMITTED = re.compile(r"\bhar\s++remitterats\s", re.I)
_FRAN_WORD = re.compile(rf"\b{_FRAN}\s++", re.I)
# the answering side (the council, its administration): never the one that remitted
_OWN_SIDE = re.compile(r"stadsdels|^(?:forvaltningen|namnden)$")
# a Stockholm dnr without prefix, written right after the body: "Exploateringsnämnden 316-259/2012",
# or stadsbyggnadskontoret's "2010-12345-53"
_BARE_DNR = re.compile(r"(?<![\w/-])(\d{2,4}-\d{1,5}/(?:19|20)\d\d|(?:19|20)\d\d-\d{3,6}-\d{1,3})(?![\w/-])")
_SPACE_RUN = re.compile(r"\s+")
_NEXT_SENTENCE = re.compile(r"\.\s+[A-ZÅÄÖ]")


def _nearest_dnr(text: str, start: int) -> str | None:
    tail = text[start:start + 160]
    # stop at the next sentence: a dnr belongs to the remittent only when in its sentence
    m = _NEXT_SENTENCE.search(tail)
    if m:
        tail = tail[: m.start() + 1]
    found = find_dnrs(tail)
    if found:
        return found[0]
    bare = _BARE_DNR.search(tail)
    return bare.group(1) if bare else None


def _candidates(s: str) -> Iterator[tuple[str, str, int]]:
    """(how, name, end of the name) for every remittent phrase, in the order they are trusted."""
    for m in _FROM.finditer(s):
        name, end = _read_forward(s, m.end())
        if name:
            yield "from", name, end
    for m in _HAS_REMITTED.finditer(s):
        name = _read_backward(s, m.start())
        if name:
            yield "has", name, m.end()
    for m in _REMITTED.finditer(s):
        f = _FRAN_WORD.search(s, m.end(), m.end() + 200)  # "har remitterats … från X"
        if f:
            name, end = _read_forward(s, f.end())
            if name and any(_is_head(fold(w).lower()) for w in name.split(" ")):
                yield "remitted", name, end


def remittent(text: str, *, document: bool = False) -> Remittent | None:
    """``document``: ``text`` is a whole answer, not an agenda line - a body named by one word
    after "remiss från" must be a public body ("remiss från den 12 mars" names none), and a
    dnr without a named body is not taken (any dnr of the document would do)."""
    # a line break ends a name ("Remiss från kommunstyrelsen\nBeslut"): kept, other spaces squashed
    s = _SPACE_RUN.sub(lambda m: "\n" if "\n" in m.group(0) else " ", text).strip()
    for how, name, end in _candidates(s):
        body = normalize_body(name)
        f = fold(body).lower()
        if how == "from" and not is_public_body(body) and (document or f in ("om", "av", "angaende", "till")):
            continue
        if _OWN_SIDE.search(f):  # "Förvaltningen har remitterat ärendet till pensionärsrådet"
            continue
        return Remittent(body, _nearest_dnr(s, end))
    # a bare "dnr" after a remiss word without a named body ("Remiss, dnr KS 2024/951")
    if not document and re.search(r"(?i)\bremiss", s):
        d = find_dnrs(s)
        if d:
            return Remittent(None, d[0])
    return None


class BodyVocabulary:
    """Stockholm's remitting bodies as the corpus spells them: one display name per
    ``remissvar.bodies.body_key`` (the spelling seen most often; ties to the first seen), grown as
    answers come in. The remitting-body facet is this vocabulary over the index: each answer is
    indexed with its body's ``key`` and the facet shows one name per key."""

    def __init__(self) -> None:
        self._counts: dict[str, dict[str, int]] = {}

    @staticmethod
    def key(name: str) -> str:
        """The key every spelling of one body shares ("" when the text names none)."""
        return body_key(normalize_body(name))

    def add(self, name: str, count: int = 1) -> None:
        """One spelling seen ``count`` times."""
        shown = normalize_body(name)
        if not shown:
            return
        c = self._counts.setdefault(body_key(shown), {})
        c[shown] = c.get(shown, 0) + count

    def canonical(self, name: str) -> str:
        shown = normalize_body(name)
        c = self._counts.get(body_key(shown))
        return max(c.items(), key=lambda kv: kv[1])[0] if c else shown

    def names(self) -> list[str]:
        return sorted(self.canonical(next(iter(c))) for c in self._counts.values())


_TO = re.compile(r"\byttrande\s++till\s++", re.I)


def answer_to(text: str) -> str | None:
    s = squash(text)
    m = _TO.search(s)
    if not m:
        return None
    name, _ = _read_forward(s, m.end())
    if not name:
        return None
    body = normalize_body(name)
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
        if not tokens or not all(t in PARTY_ABBREVIATIONS for t in tokens):
            continue
        for t in tokens:
            p = PARTY_ABBREVIATIONS[t]
            if p not in out:
                out.append(p)
    return out


def _motion_number(text: str) -> str | None:
    for rx in (_MOTION_NO, _NR, _PAREN_NO):
        m = rx.search(text)
        if m:
            return f"{m.group(1)}:{int(m.group(2))}"
    return None


# "motion (2013:7) av NN om …": the author part after "av/från" up to " om " or ", nr" (a
# parenthesis after "motion" is a motion number: bounded)
_MOTION_BY = re.compile(r"(?i)\bmotion(?:en)?\b(?:\s*\([^()]{0,40}\))?\s++(?:av|från|fran)\s++")
_AUTHOR_END = re.compile(r"(?i)\s+om\s|\s*,\s*nr\b")
_MOTION_WORD = re.compile(r"(?i)\bmotion(?:en)?\b")
_OM_WORD = re.compile(r"(?i)\bom\b")
_BY_WORD = re.compile(r"(?i)\s++(?:av|från|fran)\s++(?=\S)")


def _author_part(s: str) -> str:
    """The text naming the motion's authors, by token search (each search runs once from a
    known position, so the title is read in linear time)."""
    m = _MOTION_BY.search(s)
    if m:
        end = _AUTHOR_END.search(s, m.end() + 1)
        return s[m.end(): end.start() if end else len(s)]
    # "Motion om Y av NN (m) m fl": the first "av/från" after the first "om" after "motion"
    mo = _MOTION_WORD.search(s)
    om = _OM_WORD.search(s, mo.end()) if mo else None
    by = _BY_WORD.search(s, om.end() + 1) if om else None
    return s[by.end():] if by else ""


def parse_motion(text: str) -> MotionInfo | None:
    s = squash(text)
    f = fold(s)
    if not re.search(r"\bmotion", f):
        return None
    number = _motion_number(s)
    authors: list[str] = []
    seg = _author_part(s)
    for nm in _NAME.finditer(re.sub(r"\([^()]*\)", " ", seg)):
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


_CUES: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(rx), label) for rx, label in (
    (r"\bremiss", "remiss"),
    (r"\byttrande\s(over|om|angaende|gallande)\b", "yttrande över"),
    (r"\byttrande\still\b", "yttrande till"),
    (r"\bremitter", "remitterat"),
    (r"\bsamrad", "samråd"),
    (r"\butstallning", "utställning"),
    (r"\bgranskning(shandling|sskede)?\b", "granskning"),
    (r"^motion\b|\bmotion\s?\(|\bmotion (av|fran|om)\b|\s[-–]\s?motion\b", "motion"),
    (r"\byttrande\sover\sansokan\b", "ansökan"),
))
_APPLICATION = re.compile(r"\bansokan om\b")
_YTTRANDE = re.compile(r"\byttrande")
_NOT_REMISS = re.compile(
    r"\b(val av justerare|justering|delegationsbeslut|anmalan av|anmalningsarenden|fastst\w+ av dagordning|"
    r"manadsrapport|tertialrapport|verksamhetsberattelse|verksamhetsplan|budget|bokslut|internkontroll|"
    r"medborgarforslag|information fran|allmanhetens fragestund|namndens fragestund|sammantradesplan|"
    r"arbetsordning|delegationsordning)\b")
_EXPLICIT = re.compile(r"\bremiss|\byttrande (over|till)|\bmotion\b")

# The council's own business: never a remiss answer, whatever heading it is listed under.
# (label, folded pattern); read on the title only.
_OWN_BUSINESS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((label, re.compile(rx)) for label, rx in (
    ("rådets protokoll", r"\b(protokoll|minnesanteckningar|anteckningar) (fran|over) \w*(radet|radets|rad|bra|"
                         r"samrad|forum|grupp|gruppen|motet|moten|sammantrade)\b|"
                         r"\b\w*(radets|rads|forums) (protokoll|minnesanteckningar)\b|\bminnesanteckningar\b"),
    ("nämndens frågor", r"\bnamndens och forvaltningens fragor\b|\bforvaltningens fragor\b|\bnamndens fragor\b"),
    ("anmälan", r"^anmal(an|ningar|ningsarenden)\b|\banmalningar\b"),
    ("delegationsbeslut", r"\bdelegationsbeslut\b"),
    ("revision", r"\b(revisionsrapport\w*|granskningsrapport\w*|revisorernas|revisionens|revisionsberattelse|"
                 r"arsrapport fran revision\w*|revisionskontorets)\b"),
    ("enskilt ärende", r"\badoption\w*|\bmedgivande\b|\boverklagande\w*|\bforvaltningsratten\b|\bkammarratten\b|"
                       r"\bmal nr\b|\blaglighetsprovning\b|\bvardnad\b|\bumgange\b|\btvangsvard\b|\blvu\b|\blvm\b"),
))
# one business's permit: a permit word and a business named (without a remittent line it is an
# individual case; "Remiss från … tillståndsenhet" makes it a remiss in Stockholm's own wording)
_PERMIT = re.compile(r"\b(serveringstillstand\w*|tillstand|bygglov|dispens|lov)\b")
_ONE_BUSINESS = re.compile(r"\b(restaurang|cafe|kafe|bar|pub|hb|kb|ab|aktiebolag|handelsbolag|bistro|krog|"
                           r"pizzeria|hotell)\b")


def own_business(title: str) -> str | None:
    """Why a title is the council's own business and no remiss answer ("rådets protokoll",
    "anmälan", "revision", "enskilt ärende" …), else ``None``."""
    f = fold(squash(title)).lower()
    for label, rx in _OWN_BUSINESS:
        if rx.search(f):
            return label
    return None


def one_business_permit(title: str) -> bool:
    """A permit for one business ("Serveringstillstånd för Restaurang X"), not a general remiss."""
    f = fold(squash(title)).lower()
    return bool(_PERMIT.search(f) and _ONE_BUSINESS.search(f))


def not_remiss(text: str) -> bool:
    f = fold(squash(text))
    if _EXPLICIT.search(f):
        return bool(re.match(r"(anmalan av|val av justerare)", f))
    return bool(_NOT_REMISS.search(f))


def remiss_cue(text: str) -> str | None:
    f = fold(squash(text))
    if not f:
        return None
    for rx, label in _CUES:
        if rx.search(f):
            if label == "yttrande till" and answer_to(text) is None:
                continue
            return label
    a = _APPLICATION.search(f)
    if a and _YTTRANDE.search(f, a.end()):
        return "ansökan"
    return None
