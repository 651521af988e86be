"""What OCR makes of å/ä/ö: the spellings a search looks up in scanned passages."""
from __future__ import annotations

from remissvar.ocr_forms import MAX_SPELLINGS, has_umlaut, ocr_spellings
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
