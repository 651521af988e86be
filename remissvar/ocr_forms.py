"""How a word typed with å/ä/ö may be spelt in a scanned answer's OCR text.

The repair at ingest (``ingest.parse.ocr_repair``) restores å/ä/ö only where exactly one reading is a
word: it leaves "méta" (mäta or möta), "nétt" (nått, nätt or nött) and "ar" (år or är), and a
misreading it has no rule for ("Gvergripande", "tidnka") stays as it is. ``ocr_spellings``
spells a word as such text may hold it: each å/ä/ö as the glyphs the archive's scans have read
it as (``READINGS``; the repair's confusions turned round, and ``remissvar.position_cues``'s),
fewest misread letters first. A search looks these spellings up in scanned passages only, so
that "mäta" finds "méta" in a scan but not "meta" in a typed answer.
"""
from __future__ import annotations

import itertools

# a letter -> the glyphs OCR has read it as (lower case, as the index holds them): one glyph, or
# two for the letter and its dots read apart ("tidnka", "anvédnder", "kréivs")
READINGS: dict[str, tuple[str, ...]] = {
    "å": ("a", "à", "o", "e", "é", "d"),
    "ä": ("a", "à", "e", "é", "è", "i", "d", "id", "éd", "éa", "éi", "ia", "ai"),
    "ö": ("o", "ó", "e", "é", "d", "0", "6"),
}
# the first letter of a word, capital in the scan: Ö read as G ("Gvergripande"), Å or Ä as "&",
# which is no letter, so the word's token starts after it ("&Idrar": "Idrar" for "åldrar")
INITIAL_READINGS: dict[str, tuple[str, ...]] = {"ö": ("g",), "å": ("",), "ä": ("",)}
# an l beside an å/ä/ö, read as a capital I or a one ("grundIdggande", "1dngsiktiga", "&Idrar")
BESIDE_UMLAUT_READINGS: dict[str, tuple[str, ...]] = {"l": ("i", "1")}
UMLAUTS = frozenset(READINGS)
# a spelling this short is no misreading worth looking up (a lost initial letter: "år" -> "r")
MIN_LENGTH = 3
# at most this many spellings of one word (the fewest misread letters first)
MAX_SPELLINGS = 256


def has_umlaut(word: str) -> bool:
    return any(c in UMLAUTS for c in word.lower())


def _slots(word: str) -> list[tuple[str, ...]]:
    """Per letter: the letter first, then what OCR may have read it as."""
    slots: list[tuple[str, ...]] = []
    for i, c in enumerate(word):
        readings = READINGS.get(c, ())
        if i == 0:
            readings += INITIAL_READINGS.get(c, ())
        if (i + 1 < len(word) and word[i + 1] in UMLAUTS) or (i > 0 and word[i - 1] in UMLAUTS):
            readings += BESIDE_UMLAUT_READINGS.get(c, ())
        slots.append((c, *readings))
    return slots


def ocr_spellings(word: str, limit: int = MAX_SPELLINGS) -> list[str]:
    """The spellings of ``word`` (lower-cased) in OCR text, the word itself first, then those
    with one misread letter, two, ...: 'mäta' -> ['mäta', 'mata', 'màta', 'meta', 'méta', ...,
    'midta', ...]. A word without å/ä/ö is its only spelling."""
    word = word.lower()
    if not has_umlaut(word):
        return [word]
    slots = _slots(word)
    positions = [i for i, s in enumerate(slots) if len(s) > 1]
    out: dict[str, None] = {word: None}
    for misread in range(1, len(positions) + 1):
        for chosen in itertools.combinations(positions, misread):
            for readings in itertools.product(*(slots[i][1:] for i in chosen)):
                chars = [s[0] for s in slots]
                for i, r in zip(chosen, readings, strict=True):
                    chars[i] = r
                spelling = "".join(chars)
                if len(spelling) >= min(MIN_LENGTH, len(word)):
                    out[spelling] = None
                if len(out) >= limit:
                    return list(out)
    return list(out)
