"""OCR repair: restore å/ä/ö that a scan's OCR lost or misread, against a Swedish lexicon.

"Skérholmens stadsdelsndmnd godkinner forvaltningens forslag" ->
"Skärholmens stadsdelsnämnd godkänner förvaltningens förslag".

A word is changed only when the repair is unambiguous: the word is not in the hunspell
sv_SE lexicon (Debian's hunspell-sv, read with spylls, which handles Swedish compounds)
and exactly one candidate built by undoing typical OCR confusions is. Where several
candidates are words, a short list of very frequent Swedish words decides only when
exactly one candidate is on it; otherwise the word is left alone. Words that are valid
but almost always OCR damage in this genre ("for" for "för") are listed explicitly.
The original text is always kept beside the repaired one.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DICT_BASE = Path("/usr/share/hunspell/sv_SE")

# OCR reading -> letters it may stand for (seen in the archive's scans)
CONFUSIONS: dict[str, tuple[str, ...]] = {
    "a": ("å", "ä"),
    "o": ("ö",),
    "e": ("ä",),
    "é": ("ä", "å", "ö", "e"),
    "è": ("ä", "e"),
    "d": ("ä", "å"),
    "i": ("ä",),
    "6": ("ö",),
    "0": ("ö",),
    "&": ("å", "ä"),
    "A": ("Å", "Ä"),
    "O": ("Ö",),
    "G": ("Ö",),
    "Q": ("Ö",),
}
# Two OCR characters for one letter
MULTI: dict[str, tuple[str, ...]] = {"éi": ("ä",), "ia": ("ä",), "ai": ("ä",)}
MAX_CANDIDATES = 512
MAX_EDITS = 3

# Valid Swedish words that in administrative text are nearly always OCR damage.
FORCED = {"for": "för", "For": "För", "dr": "är", "i1": "i", "1i": "i"}
# Very frequent words: the tie-breaker when several candidates are words.
FREQUENT = {
    "är", "för", "på", "när", "så", "också", "både", "även", "över", "från", "får", "två", "år", "än",
    "då", "nå", "gå", "stå", "hur", "mål", "sätt", "säga", "gäller", "gälla", "bör", "kräver",
    "krävs", "nämnd", "nämnder", "nämnden", "förslag", "förslaget", "förvaltningen", "förvaltningens",
    "ärendet", "ärendets", "bedömer", "ställer", "möjlighet", "därför", "här", "där", "övriga",
    "öppen", "öka", "ökar", "följa", "följer", "följs", "använder", "användning", "användandet",
}
_TOKEN = re.compile(r"[0-9A-Za-zÀ-ÖØ-öø-ÿ&]+")
_URL = re.compile(r"https?://\S+|www\.\S+")


@dataclass
class Repair:
    original: str
    repaired: str
    start: int


@dataclass
class RepairResult:
    text: str
    original: str
    repairs: list[Repair] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)


class Lexicon:
    """Swedish word check (hunspell sv_SE, compounds included)."""

    def __init__(self, base: Path = DICT_BASE) -> None:
        from spylls.hunspell import Dictionary

        if not base.with_suffix(".dic").exists():
            raise FileNotFoundError(f"{base}.dic saknas: installera hunspell-sv (scripts/setup.sh)")
        self._dict = Dictionary.from_files(str(base))
        self._cache: dict[str, bool] = {}

    def __contains__(self, word: str) -> bool:
        hit = self._cache.get(word)
        if hit is None:
            hit = self._cache[word] = bool(self._dict.lookup(word))
        return hit


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    return Lexicon()


def _slots(word: str) -> list[tuple[str, ...]]:
    """Per position: the OCR reading first, then the letters it may stand for."""
    slots: list[tuple[str, ...]] = []
    i = 0
    while i < len(word):
        pair = word[i : i + 2]
        if len(pair) == 2 and pair in MULTI:
            slots.append((pair, *MULTI[pair]))
            i += 2
            continue
        slots.append((word[i], *CONFUSIONS.get(word[i], ())))
        i += 1
    return slots


def _candidates(word: str, edits: int) -> list[str]:
    """Readings of ``word`` with exactly ``edits`` OCR confusions undone."""
    slots = _slots(word)
    positions = [i for i, s in enumerate(slots) if len(s) > 1]
    out: list[str] = []
    for chosen in itertools.combinations(positions, edits):
        for repl in itertools.product(*(slots[i][1:] for i in chosen)):
            chars = [s[0] for s in slots]
            for i, r in zip(chosen, repl, strict=True):
                chars[i] = r
            out.append("".join(chars))
            if len(out) >= MAX_CANDIDATES:
                return out
    return out


def _has_confusable(word: str) -> bool:
    return any(c in CONFUSIONS for c in word) or any(p in word for p in MULTI)


def repair_word(word: str, lexicon: Lexicon) -> tuple[str | None, bool]:
    """(replacement or None, ambiguous?) for one token."""
    if word in FORCED:
        return FORCED[word], False
    if len(word) < 2 or word.isdigit() or not _has_confusable(word):
        return None, False
    if not any(c.isalpha() for c in word):
        return None, False
    lower = word.lower()
    if word in lexicon or lower in lexicon:
        return None, False
    # fewest edits first: the first level with any valid word decides
    valid: list[str] = []
    for edits in range(1, MAX_EDITS + 1):
        cands = _candidates(lower, edits)
        if word[0].isupper():  # proper nouns are capitalised in the lexicon
            cands = [c[0].upper() + c[1:] for c in cands] + cands
        valid = list(dict.fromkeys(c.lower() for c in cands if c in lexicon))
        if valid:
            break
    if not valid:
        return None, False
    if len(valid) > 1:
        frequent = [c for c in valid if c in FREQUENT]
        if len(frequent) != 1:
            return None, True
        valid = frequent
    fixed = valid[0]
    if word[0].isupper():
        fixed = fixed[0].upper() + fixed[1:]
    return fixed, False


def repair_text(text: str, lexicon: Lexicon | None = None) -> RepairResult:
    """Repair every token of ``text``; URLs are left as they are."""
    lex = lexicon or default_lexicon()
    protected = [m.span() for m in _URL.finditer(text)]
    out: list[str] = []
    repairs: list[Repair] = []
    ambiguous: list[str] = []
    pos = 0
    for m in _TOKEN.finditer(text):
        s, e = m.span()
        if any(a <= s < b for a, b in protected):
            continue
        word = m.group(0)
        fixed, amb = repair_word(word, lex)
        if word == "1" and _between_words(text, s, e):
            fixed = "i"  # "uppföljningsansvar 1 sociala medier"
        if amb:
            ambiguous.append(word)
        if fixed and fixed != word:
            out.append(text[pos:s])
            out.append(fixed)
            repairs.append(Repair(word, fixed, s))
            pos = e
    out.append(text[pos:])
    return RepairResult(text="".join(out), original=text, repairs=repairs, ambiguous=ambiguous)


def _between_words(text: str, s: int, e: int) -> bool:
    before = re.search(r"([A-Za-zåäöÅÄÖ]+)\s+$", text[max(0, s - 30) : s])
    after = re.match(r"\s+([A-Za-zåäöÅÄÖ]+)", text[e : e + 30])
    return bool(before and after)


def word_accuracy(reference: str, hypothesis: str) -> float:
    """Share of the reference's words found in order in the hypothesis (difflib alignment)."""
    import difflib

    ref = re.findall(r"\w+", reference.lower())
    hyp = re.findall(r"\w+", hypothesis.lower())
    if not ref:
        return 1.0
    sm = difflib.SequenceMatcher(None, ref, hyp, autojunk=False)
    return sum(b.size for b in sm.get_matching_blocks()) / len(ref)
