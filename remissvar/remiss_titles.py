"""How remiss titles are worded, as the linker compares them (core vocabulary, no services).

The words that tell two remisser apart once the wording that every title shares is gone: stop
words and boilerplate phrases ("Svar på remiss av …", "i Stockholms stad"), a light Swedish
stemmer, the generic words that many remisser share (half weight), the identifiers a title
carries (SOU and Ds numbers, detaljplan numbers, "etapp 2"), its years, its planning stage
(programsamråd, arbetsplan, samråd / granskning / utställning) and document class (a state
report or a city document). ``remissvar.linking`` builds each answer's profile from these (the
remitting body's key is ``remissvar.bodies.body_key``).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from remissvar import remiss_fields as rf
from remissvar.textnorm import fold, squash

__all__ = ["GENERIC", "application_object", "content_words", "doc_class", "doc_types", "identifiers",
           "plain", "planning_stage", "stem", "years_in"]

_STOP = frozenset("""
och i for av om till pa med att en ett den det de som fran over vid inom mot samt nr dnr angaende
gallande under efter infor sin sina ska skall kan bor vara har hos alla nya nytt ny samtliga
remiss remisser remissen remissvar remissyttrande svar yttrande yttranden forslag forslaget
motion motionen motioner arende arendet bordlagt bordlagda aterremitterat aterremitterade
kommunstyrelsen kommunstyrelse kommunfullmaktige stadsdelsnamnden stadsdelsnamnd stadsdelsnamnder
stadsdelsnamnderna namnden namnd stadsdelsforvaltningen tjansteutlatande stockholm stockholms stad staden
stadens stadsledningskontoret dnr bilaga bilagor ang betraffande fler flera mer
""".split())
# phrases removed before tokenising (folded)
_BOILERPLATE = re.compile(
    r"\b(svar pa remiss(en)?( av| om| fran| angaende)?|remiss (av|om|fran|angaende)|"
    r"yttrande (over|till|om|angaende|gallande)|forslag till|motion (om|av|fran)|"
    r"bordlagt arende|aterremitterat arende|i stockholms stad|stockholms stads?)\b")
# words that are shared by many different remisser: half weight
_GENERIC_WORDS = frozenset("""
program plan policy strategi riktlinje riktlinjer handlingsplan atgardsplan detaljplan
oversiktsplan ansokan tillstand utredning betankande stockholm stad trafik ny nya okad battre
arbete arbetet
""".split())
_STATE = re.compile(r"\b(sou|ds|betankande\w*|departementspromemoria\w*|lagradsremiss|delbetankande\w*|"
                    r"utredning(en)?s? (om|av)|regeringskansliet|\w+departementet)\b")
_CITY = re.compile(r"^(forslag till )?(ny |nytt |stockholms stads |stadens )?"
                   r"(\w*(program|plan|policy|strategi)\w*|riktlinjer|stadens)\b")
_SOU = re.compile(r"\b(sou|ds)\s*(\d{4})\s*:\s*(\d{1,3})\b")
_PLAN_NO = re.compile(r"\b(?:s-)?dp\s*(\d{2,4})[-\s]?(\d{3,6})(?:[-\s](\d{1,3}))?\b")
_YEAR_RANGE = re.compile(r"\b((?:19|20)\d\d)\s*[-–/]\s*((?:19|20)?\d\d)\b")
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_NUMBER = re.compile(r"\b(etapp|del|fas|steg|nr|omrade)\s*(\d{1,3}|[ivx]{1,4})\b")
_WORD = re.compile(r"[a-z0-9]+")

_SUFFIXES = tuple(sorted("""
heterna hetens anden heten heter arnas ernas ornas andes arens andet arna erna orna ande arne aste aren ades
erns ade are ern ens het ast ad en ar er or as es at a e s
""".split(), key=len, reverse=True))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light Swedish stemmer (Snowball's step-1 suffixes on folded text; the stem keeps
    at least three letters): 'parklekar' -> 'parklek', 'lekplatserna' -> 'lekplats'."""
    if len(word) > 5 and word[-2:] in ("in", "yn"):  # definite form: "strategin", "policyn"
        return word[:-1]
    for suf in _SUFFIXES:
        if word.endswith(suf) and len(word) - len(suf) >= 3:
            if suf == "s" and word[-2:-1] in "aeiouy":
                return word
            return word[: -len(suf)]
    return word


GENERIC = frozenset(stem(w) for w in _GENERIC_WORDS) | _GENERIC_WORDS
_DOC_TYPES = ("program", "plan", "policy", "strategi", "riktlinj")


def doc_types(tokens: Iterable[str]) -> frozenset[str]:
    """The kinds of document a title names ("lekplatsprogram" -> program, "handlingsplan" -> plan)."""
    return frozenset(d for t in tokens for d in _DOC_TYPES if t.endswith(d))


@lru_cache(maxsize=1024)
def plain(text: str) -> str:
    return squash(fold(text).replace("<br>", " "))


# planning stages are compared as a field of their own (``Profile.stage``), not as words
_STAGE_WORD = re.compile(r"(program)?(samrad|utstallning|granskning)")


def content_words(title: str, drop: Iterable[str] = ()) -> tuple[str, ...]:
    """The stemmed content words of a title, boilerplate, years, numbers and the names in
    ``drop`` (a motion's authors) removed."""
    f = plain(title)
    for name in drop:
        f = f.replace(fold(name), " ")
    f = _SOU.sub(" ", f)
    f = _PLAN_NO.sub(" ", f)
    f = re.sub(r"\([^()]*\)", " ", f)  # "(2013:7)", "(fp)", "(S)" (innermost: linear on "((((")
    f = _BOILERPLATE.sub(" ", f)
    out: list[str] = []
    for w in _WORD.findall(f):
        if w in _STOP or w.isdigit() or len(w) < 2 or _STAGE_WORD.match(w):
            continue
        s = stem(w)
        if s in _STOP:
            continue
        out.append(s)
    return tuple(dict.fromkeys(out))


def years_in(title: str) -> frozenset[int]:
    f = plain(title)
    f = _SOU.sub(" ", f)
    f = _PLAN_NO.sub(" ", f)
    f = re.sub(r"\b(19|20)\d\d\s*:\s*\d{1,3}\b", " ", f)  # motion numbers
    for d in rf.find_dnrs(title):
        f = f.replace(fold(d).lower(), " ")
    f = re.sub(r"\b\d+[-/]\d+[-/]\d+\b|\b\d{1,5}/(19|20)\d\d\b", " ", f)  # dnr-like
    years: set[int] = set()
    for m in _YEAR_RANGE.finditer(f):
        a, b = m.group(1), m.group(2)
        if len(b) == 2:
            b = a[:2] + b
        if int(a) < int(b) <= int(a) + 30:
            years.update((int(a), int(b)))
    f = _YEAR_RANGE.sub(" ", f)
    years.update(int(y) for y in _YEAR.findall(f))
    return frozenset(years)


def identifiers(text: str) -> frozenset[str]:
    f = plain(text)
    ids = {f"{m.group(1)} {m.group(2)}:{int(m.group(3))}" for m in _SOU.finditer(f)}
    ids |= {"dp " + "-".join(str(int(g)) for g in m.groups() if g) for m in _PLAN_NO.finditer(f)}
    ids |= {f"{m.group(1)} {m.group(2)}" for m in _NUMBER.finditer(f)}
    return frozenset(ids)


_PROGRAM_STAGE = re.compile(r"programsamrad|programskede|\bsamrad (om|kring|av|for) (ett |forslag till )?program\b|"
                            r"\bprogram\b[^.]{0,60}\bsamrad")
_WORK_PLAN = re.compile(r"\barbetsplan")


def planning_stage(text: str) -> str | None:
    """The planning stage: a project's program-samråd and its arbetsplan (or granskning,
    utställning) are different remisser even under one council dnr (issue 30)."""
    f = plain(text)
    step = rf.stage(text)
    if _PROGRAM_STAGE.search(f):
        return "programsamråd"
    if _WORK_PLAN.search(f):
        return f"arbetsplan, {step}" if step else "arbetsplan"
    return step


_APPLICATION = re.compile(r"\bansokan(?:ar)? om [^,]*\b(?:for|vid|i|pa|inom)\s+(?P<obj>.+)$")


def application_object(title: str) -> tuple[str, ...] | None:
    """What a permit application is for ("… ansökan om serveringstillstånd för Restaurang
    Kvarnen") as content words: two applications are one remiss only when these agree."""
    m = _APPLICATION.search(plain(title))
    return content_words(m.group("obj")) if m else None


def doc_class(title: str) -> str | None:
    f = plain(title)
    f = re.sub(r"^(svar pa )?remiss (av|om|angaende) |^yttrande (over|om) ", "", f)
    if _STATE.search(f):
        return "state"
    if _CITY.search(f):
        return "city"
    return None
