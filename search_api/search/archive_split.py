"""Coined words split where the archive holds both sides (issue 27).

The decompounder (the plugin's ``sv_parts``) splits a word into dictionary words: it cannot split
a coined word whose modifier is a name or a word of the city's own ("söderortscykeltrafik",
"esamriktlinjer", "cykelstråksplan" - 'söderort', 'eSam' and 'cykelstråk' are in no dictionary),
and it splits some at a point the archive never writes ("barnrättsfrågor" into barn + rättsfråga,
where the answers write "barnrättsanalys" and "frågor"). Either way the exact rule finds no part
close to the other and the parts-apart list names no answer, though the answers write both sides.

A coined word (one the archive does not write whole: ``compounds.coined``) is therefore split,
where the decompounder does not split it or splits off a part the archive does not hold, at the
point where the archive holds both sides: each side's stem (as ``sv_parts`` stems it alone, a
modifier in the forms compounds write it in: ``_sides``) is a word or a compound's part of some
passage (``text`` or ``text.parts``), the head at least ``MIN_HEAD`` letters as written, no stem
shorter than ``MIN_MODIFIER`` and none a stop word; the longest head first, as the decompounder
chooses. A word the decompounder leaves whole, or a modifier split in turn, is split only where
the dictionary rejects it ("kompass" is no 'kom' + 'pass'; on an index made before ``text.misread``
nothing is split so: ``builders.KeywordQuery``). Where no point has both sides, a head the archive does not
hold is replaced by its own two parts when the archive holds both ("barnkonsekvensanalys": barn,
konsekvens, analys), and a modifier it does not hold by its own split where the archive holds
both sides ("socialmediekonto": social, medium, konto - found in "konton på sociala medier").
The archive's own words, not a list: a name the city writes is split off as soon as an answer
writes it. Two requests (the sides' stems, their counts), only for a query with a coined word.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from search_api.search.compounds import AnalyzeMany, Compound, DocFreq, stems_of
from search_api.search.ocr import STEMMED_STOPWORDS

# the shortest modifier and head a split gives (letters as written; 'esam', 'plan', 'nära')
MIN_MODIFIER = 3
MIN_HEAD = 4
VOWELS = frozenset("aeiouyåäöé")


def _sides(word: str, modifier: bool = False) -> list[tuple[str, str]]:
    """Every split point's (modifier, head as written), the longest head first, the modifier in
    the forms Swedish compounds write it in: as written; without a linking s ("söderorts"); a
    Latin noun's -ie form as the noun ("medie" of "medium", "gymnasie" of "gymnasium"); with the
    consonant a triple consonant drops ("remissvar": remiss + svar, "busstation": buss + station).
    Of a ``modifier`` (a coined word's first part), its head is a modifier's form too ("socialmedie":
    social + medium)."""
    out: list[tuple[str, str]] = []
    for i in range(MIN_MODIFIER, len(word) - MIN_HEAD + 1):
        left, right = word[:i], word[i:]
        out.append((left, right))
        if modifier and right.endswith("ie"):
            out.append((left, right[:-1] + "um"))
        if left.endswith("s") and len(left) > MIN_MODIFIER:
            out.append((left[:-1], right))
        if left.endswith("ie"):
            out.append((left[:-1] + "um", right))
        if left[-1] == right[0] and left[-1] not in VOWELS and left[-2] != left[-1]:
            out.append((left + right[0], right))
    return out


def _pieces(words: Sequence[str], modifiers: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(p for w in words for side in _sides(w) for p in side)
                | dict.fromkeys(p for w in modifiers for side in _sides(w, True) for p in side))


def _point(word: str, stem_of: dict[str, str], held: dict[str, int],
           modifier: bool = False) -> tuple[str, str] | None:
    """The stems of ``word``'s two sides at the first point where the archive holds both."""
    for left, right in _sides(word, modifier):
        pair = stem_of.get(left, ""), stem_of.get(right, "")
        if all(len(p) >= MIN_MODIFIER and held.get(p) and p not in STEMMED_STOPWORDS for p in pair) \
                and pair[0] != pair[1]:
            return pair
    return None


def archive_split(coined: dict[str, Compound], unsplit: dict[str, str], analyze_many: AnalyzeMany,
                  held_freq: DocFreq, rejected: Callable[[tuple[str, ...]], frozenset[str]]) -> dict[str, Compound]:
    """``coined`` (the decompounder's coined compounds, by word) with each one whose part the
    archive does not hold split again where it holds both sides, and the coined words of
    ``unsplit`` (those the decompounder leaves whole, with their stems) split where it does; the
    others as they are. ``held_freq``: how many passages hold each term as a word or a
    compound's part; ``rejected``: those of some words the dictionary rejects (a modifier is split
    in turn only then: "kompassriktning" keeps 'kompass', no 'kom' + 'pass')."""
    if not coined and not unsplit:
        return coined
    # a modifier the archive does not hold is split in turn ("socialmedie": social + medium)
    stem_of = stems_of(_pieces([*coined, *unsplit], [c.parts[0] for c in coined.values()]), analyze_many)
    # the heads' own parts (sv_parts emits them after the compound's two: "konsekvensanalys" ->
    # konsekvens, analys), for a head the archive does not hold
    deeper = {w: c.head_parts for w, c in coined.items() if len(c.head_parts) == 2}
    terms = {*stem_of.values(), *(p for c in coined.values() for p in c.parts),
             *(p for ps in deeper.values() for p in ps)}
    held = held_freq(tuple(sorted(t for t in terms if t)))
    out = dict(coined)
    # the modifiers that may be split in turn: not held, before a held head, rejected by the dictionary
    loose = [c.parts[0] for c in coined.values()
             if len(c.parts) == 2 and held.get(c.parts[1]) and not held.get(c.parts[0])]
    splittable = rejected(tuple(dict.fromkeys(loose))) if loose else frozenset()
    for w, c in coined.items():
        if all(held.get(p) for p in c.parts):
            continue
        point = _point(w, stem_of, held)
        modifier, head = c.parts[0], c.parts[-1]
        if point is not None:
            out[w] = Compound(w, point, c.stem)
        elif (len(c.parts) == 2 and w in deeper and held.get(modifier) and not held.get(head)
              and all(held.get(p) and p not in STEMMED_STOPWORDS for p in deeper[w])):
            out[w] = Compound(w, (modifier, *deeper[w]), c.stem)
        elif len(c.parts) == 2 and modifier in splittable:
            sides = _point(modifier, stem_of, held, modifier=True)
            if sides is not None and head not in sides:
                out[w] = Compound(w, (*sides, head), c.stem)
    for w, stem in unsplit.items():
        point = _point(w, stem_of, held)
        if point is not None:
            out[w] = Compound(w, point, stem)
    return out
