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


# Swedish inflection endings (nouns: plural, definite, genitive; verbs: present, past, supine,
# passive, participle; adjectives: -t, -a, -e), longest first: what a word may carry that another
# form of it does not. Guessed, not looked up: used only where a guess cannot pass for a word
# (``misread_guesses``: the spellings a scan misread, among the words the dictionary rejects)
_ENDINGS_OFF = ("ornas", "arnas", "ernas", "andes", "orna", "arna", "erna", "ande", "ades", "ens",
                "ets", "ade", "ats", "des", "tes", "dde", "tte", "or", "ar", "er", "en", "et", "as", "es",
                "at", "de", "te", "dd", "tt", "ts", "a", "e", "t", "s", "r", "n")
_ENDINGS_ON = ("", "a", "e", "t", "s", "r", "n", "ar", "er", "or", "en", "et", "as", "es", "at", "de", "te",
               "tt", "ts", "ade", "des", "tes", "ats", "ens", "ets", "arna", "erna", "orna", "ande")
# on a verb's root only ('stöd' of 'stödde' -> 'stödja'): on any stem it makes 'städja' of 'städa',
# which a scan spells as it spells 'stödja' ("stddja")
_VERB_ENDINGS_ON = ("ja",)
MIN_STEM = 2  # "gå" of "gått"
# spellings of one word's guessed forms at most (each one term in the misread text): a word's
# guessed forms have 400 to 1,300 ("jämställdhetskonsekvenserna")
MAX_GUESSED_SPELLINGS = 1536
# misread spellings of one guessed form at most (the fewest misread letters first)
SPELLINGS_PER_FORM = 16


def inflection_guesses(word: str, verb: bool = False) -> list[str]:
    """``word`` and the forms its endings guess, nearest first: 'tänkte' -> ['tänkte', 'tänk',
    'tänka', ...], 'årets' -> [..., 'året', ...], 'gått' -> [..., 'går', ...]; ``verb``: the word
    is a verb's root, which may also take -ja ('stöd' -> 'stödja'; not a root that is the
    infinitive in -a itself: 'städa' is no 'städja'). Not a paradigm: a guess may be no word at
    all, or another word's form."""
    word = word.lower()
    verb = verb and not word.endswith("a")
    stems = [word] + [word[: -len(e)] for e in _ENDINGS_OFF if word.endswith(e) and len(word) - len(e) >= MIN_STEM]
    out: dict[str, None] = {word: None}
    for stem in dict.fromkeys(stems):
        for e in _ENDINGS_ON + (_VERB_ENDINGS_ON if verb else ()):
            out[stem + e] = None
    return list(out)


def misread_guesses(word: str, limit: int = MAX_GUESSED_SPELLINGS, root: str = "") -> list[str]:
    """How a scan may have misread any guessed form of ``word`` (``inflection_guesses``), each
    misread at least once (``ocr_spellings`` past the form itself): 'stödjer' -> ..., 'stddja'
    (of 'stödja'), ...; 'kommunikatör' -> ..., 'kommunikatdrer'. ``root``: the word's root as the
    analysis has it, its word class after '#' ('håll#v'), whose forms are guessed too - an
    irregular form's endings guess nothing ('gick', root 'gå' -> 'går' -> 'gér'; 'höll', root
    'håll#v' -> 'hålls' -> 'halls'). For looking up among the words the dictionary rejects only:
    there a guess that is another word's correct form cannot match."""
    out: dict[str, None] = {}
    base, _, word_class = root.partition("#")
    forms = dict.fromkeys([*inflection_guesses(word), *(inflection_guesses(base, word_class == "v") if base else [])])
    for form in forms:
        for s in ocr_spellings(form, limit=SPELLINGS_PER_FORM + 1)[1:]:
            out[s] = None
            if len(out) >= limit:
                return list(out)
    return list(out)


# å/ä/ö read as the plain vowel beside it: a misreading that may spell another word the dictionary
# accepts ("direktör" -> "direktor", an old word; "stöd" -> "stod", a word of today)
PLAIN_READINGS: dict[str, tuple[str, ...]] = {"å": ("a", "o"), "ä": ("a", "e"), "ö": ("o",)}
# shorter plain spellings are too often words of their own, general list or not
MIN_PLAIN_SPELLING = 5


def plain_spellings(word: str, general: frozenset[str]) -> list[str]:
    """``word`` with its å/ä/ö read as plain vowels, where the spelling is no word of general Swedish
    text (``general``): what a scan made of the word when that spelling is a word the dictionary
    knows but hardly anyone writes ("direktor", inside "bolagsdirektorer"), so a search may look it
    up among the words and compound parts of scanned passages; a spelling people write ("stod" of
    "stöd", "mat" of "mät") is another word, and left out. At most 2^3 spellings (three letters)."""
    word = word.lower()
    positions = [i for i, c in enumerate(word) if c in PLAIN_READINGS][:3]
    if not positions or len(word) < MIN_PLAIN_SPELLING:
        return []
    out: list[str] = []
    for readings in itertools.product(*(PLAIN_READINGS[word[i]] for i in positions)):
        chars = list(word)
        for i, r in zip(positions, readings, strict=True):
            chars[i] = r
        s = "".join(chars)
        if not has_umlaut(s) and s not in general:
            out.append(s)
    return out
