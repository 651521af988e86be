"""OCR repair against the Swedish lexicon, on the real OCR seed."""
from __future__ import annotations

import pytest

from ingest.parse.ocr_repair import repair_text, word_accuracy
from tests.conftest import SKARHOLMEN_SEED


@pytest.mark.slow  # make check leaves it out; make test runs it
def test_repairs_the_seed_phrase():
    r = repair_text("Skérholmens stadsdelsndmnd godkinner forvaltningens forslag till svar pa remissen.")
    assert r.text == "Skärholmens stadsdelsnämnd godkänner förvaltningens förslag till svar på remissen."
    assert r.original.startswith("Skérholmens")
    assert [x.repaired for x in r.repairs][:3] == ["Skärholmens", "stadsdelsnämnd", "godkänner"]


@pytest.mark.slow  # make check leaves it out; make test runs it
def test_leaves_valid_words_urls_and_ambiguity_alone():
    r = repair_text("Staden har idag konton. https://2018.svenskarnaochinternet.se/sociala-medier/ mén")
    assert "https://2018.svenskarnaochinternet.se/sociala-medier/" in r.text
    assert r.text.startswith("Staden har idag konton.")
    assert r.text.endswith("mén")  # män / mån / mén: ambiguous, left as is
    assert "mén" in r.ambiguous


@pytest.mark.slow  # make check leaves it out; make test runs it
def test_repair_improves_word_accuracy_on_the_seed():
    damaged = SKARHOLMEN_SEED.read_text(encoding="utf-8")
    repaired = repair_text(damaged).text
    # These clean words are in the original document; the OCR lost their å/ä/ö.
    for word in ["förvaltningens", "förslag", "nämnder", "användning", "följa", "Jämställdhetsanalys"]:
        assert word not in damaged
        assert word in repaired


def test_word_accuracy():
    assert word_accuracy("för att göra det", "för att göra det") == 1.0
    assert word_accuracy("för att göra det", "for att gora det") == 0.5
