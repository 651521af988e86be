"""What OCR makes of å/ä/ö: the spellings a search looks up in scanned passages."""
from __future__ import annotations

from remissvar.ocr_forms import (
    MAX_GUESSED_SPELLINGS,
    MAX_SPELLINGS,
    has_umlaut,
    inflection_guesses,
    misread_guesses,
    ocr_spellings,
)
from remissvar.textnorm import fold


def folded(word: str) -> list[str]:
    return list(dict.fromkeys(fold(s) for s in ocr_spellings(word)))


def test_the_misreadings_the_repair_leaves_are_spellings_of_the_word():
    # the Skärholmen scan: what ingest's repair could not restore
    assert "méta" in ocr_spellings("mäta") and "méta" in ocr_spellings("möta")
    assert "nétt" in ocr_spellings("nått")
    assert "ar" in ocr_spellings("år")
    assert "tidnka" in ocr_spellings("tänka")  # ä read as its dots and stem apart
    assert "gvergripande" in ocr_spellings("Övergripande")  # a capital Ö read as G
    assert "jidmstélldhet" in ocr_spellings("jämställdhet")  # two letters misread
    assert "stddja" in ocr_spellings("stödja") and "kréivs" in ocr_spellings("krävs")
    assert "idrar" in ocr_spellings("lärar") and "1dngsiktiga" in ocr_spellings("långsiktiga")
    assert "idrar" in ocr_spellings("åldrar")  # "&Idrar": the & no letter, the l a capital I
    assert "anvédnder" in ocr_spellings("använder") and "anvéander" in ocr_spellings("använder")


def test_only_the_umlauts_are_misread():
    assert ocr_spellings("Flygplats") == ["flygplats"]
    assert not has_umlaut("lekplatser")
    assert "stader" not in folded("städa")  # the homograph's plural is no misreading of it
    assert "gver" in folded("över") and "aggr" not in folded("agör")  # G for Ö only as a word's capital
    assert "iarm" not in folded("larm")  # I for l only beside an umlaut
    assert "r" not in ocr_spellings("år")  # too short to look up


def test_the_word_first_then_fewest_misread_letters_and_a_bound():
    spellings = ocr_spellings("jämför")
    assert spellings[0] == "jämför"
    kept = [s.count("ä") + s.count("ö") for s in spellings]  # letters read right: 2, then 1, then none
    assert kept == sorted(kept, reverse=True) and kept[-1] == 0
    assert len(ocr_spellings("förvärvsförsörjning")) == MAX_SPELLINGS


def test_another_form_of_the_word_is_guessed_from_its_endings():
    assert inflection_guesses("Tänkte")[0] == "tänkte" and "tänka" in inflection_guesses("tänkte")
    assert "stödja" in inflection_guesses("stödjer") and "året" in inflection_guesses("årets")
    assert "går" in inflection_guesses("gått") and "kommunikatörer" in inflection_guesses("kommunikatör")
    assert "mäta" in inflection_guesses("mätas")
    # a verb's root may take -ja ("stöd": stödja); an infinitive in -a does not ("städa": no
    # "städja", whose misreading "stddja" is the scan's "stödja")
    assert "stödja" in inflection_guesses("stöd", verb=True)
    assert "städja" not in inflection_guesses("städa", verb=True)


def test_a_scans_misreading_of_another_form_is_among_the_guesses():
    # Skärholmen's scan: "ska stddja", "kommunikatdrer", "tidnka", "méta", "gér"
    for word, misread in (("stödjer", "stddja"), ("kommunikatör", "kommunikatdrer"), ("tänkte", "tidnka"),
                          ("mäter", "méta"), ("gått", "gér")):
        assert misread in misread_guesses(word), (word, misread)
    # a guessed form itself, spelt right, is no misreading ("stödja" is looked up by the stemmed text)
    assert "stödja" not in misread_guesses("stödjer") and "stödjer" not in misread_guesses("stödjer")
    assert misread_guesses("flygplats") == []  # no å/ä/ö in any form: nothing a scan misread
    assert len(misread_guesses("jämställdhetskonsekvenserna", limit=100)) == 100  # bounded
    assert len(misread_guesses("jämställdhetsförändringarnas")) == MAX_GUESSED_SPELLINGS  # the default bound


def test_an_irregular_forms_root_guesses_the_forms_its_endings_cannot():
    assert "gér" not in misread_guesses("gick") and "gér" in misread_guesses("gick", root="gå")
    assert "halls" in misread_guesses("höll", root="håll#v")
    # -ja only on a verb's root: 'städa' guesses no 'städja', which a scan spells as 'stödja'
    assert "stddja" in misread_guesses("stödde", root="stöd#v")
    assert "stddja" not in misread_guesses("städa") and "stddja" not in misread_guesses("städade", root="städa")


def test_plain_spellings_are_those_general_text_does_not_use():
    from remissvar.ocr_forms import plain_spellings

    general = frozenset({"stod", "kanna", "satta"})
    assert plain_spellings("direktör", general) == ["direktor"]
    assert plain_spellings("känna", general) == ["kenna"]  # 'kanna' is a word people write
    assert sorted(plain_spellings("mästare", general)) == ["mastare", "mestare"]
    assert plain_spellings("stöd", general) == []  # too short: 'stod' and its like are words
    assert plain_spellings("planering", general) == []  # no å/ä/ö
