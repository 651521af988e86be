"""OCR misreadings through the real Elasticsearch: a query word with å/ä/ö finds what a scan's
OCR made of it ("Gvergripande", "tidnka", "méta", "nétt", "ar") in scanned passages - in the
ranking, the exact block and so the "Inget svar ... innehåller orden" message alike - and marks
it; typed text and the controls are not matched by misread spellings; whole words rank first."""
from __future__ import annotations

import re
from typing import Any

import pytest
from elasticsearch import Elasticsearch

from remissvar.textnorm import fold
from search_api.search.builders import KeywordQuery
from search_api.search.highlight import snippet
from search_api.search.models import SearchRequest
from search_api.search.ocr import MAX_SPELLINGS_PER_QUERY, STEMMED_STOPWORDS, folded_stopwords, ocr_clause, ocr_words
from search_api.search.service import SearchService
from tests.search_api.probe_index import probe_index

pytestmark = pytest.mark.services

SCANNED = {
    "gver": "Med tre Gvergripande inriktningar för kommunens policy.",
    "tidnka": "Hur man kan tidnka kring jidmstélldhet när man skapar innehåll.",
    "meta": "Det är svårt att méta hur många som har nétt målet.",
    "ar": "Policyn gäller i tre ar från beslutet.",
    "idrar": "Över hälften i alla &Idrar anvédnder tjänsten.",
    "lek": "Barnen leker på lekplatser och vi ska städa i trapphuset.",
    "fuzzy": "Utredmingen föreslår en ny ordning.",
    "stddja": "Förvaltningen ska stddja verksamhetens kommunikatdrer i arbetet.",
    "matt": "Ytan är matt och grå.",
    "bolag": "Bolagsdirektorer och styrelser ska följa policyn.",  # 'direktor': a word hunspell accepts
    "kanna": "Kaffekannan står kvar i köket.",  # 'kanna' (a jug): a word of general text
}
TYPED = {
    "clean": "Den övergripande inriktningen ska möta de behov som finns.",
    "metadata": "Varje fil har ett meta-fält, nett och netto.",
    "utredning": "Utredningen föreslår en ny ordning.",
}


@pytest.fixture(scope="module")
def probe(es: Elasticsearch, settings: Any):
    """Passages of a scanned answer (ocr) beside typed ones, with the project's mapping."""
    docs = {i: {"text": t, "text_folded": fold(t), "ocr": scanned}
            for scanned, texts in ((True, SCANNED), (False, TYPED)) for i, t in texts.items()}
    with probe_index(es, settings, "ocrprobe", docs) as name:
        yield es, name


def exact_ids(es: Elasticsearch, index: str, q: str) -> list[str]:
    res = es.search(index=index, query=KeywordQuery(q).exact_clause())
    return [h["_id"] for h in res["hits"]["hits"]]


def ranked_ids(es: Elasticsearch, index: str, q: str) -> list[str]:
    res = es.search(index=index, query=KeywordQuery(q).clause())
    return [h["_id"] for h in res["hits"]["hits"]]


@pytest.mark.parametrize(("q", "scan"), [("övergripande", "gver"), ("tänka", "tidnka"), ("jämställdhet", "tidnka"),
                                         ("mäta", "meta"), ("nått", "meta"), ("år", "ar"), ("åldrar", "idrar"),
                                         ("använder", "idrar")])
def test_a_word_is_found_as_the_scan_misread_it(probe, q, scan):
    es, idx = probe
    assert scan in exact_ids(es, idx, q)
    assert scan in ranked_ids(es, idx, q)  # the ranking and the exact block agree


@pytest.mark.parametrize(("q", "scan"), [("stödjer", "stddja"), ("kommunikatör", "stddja"), ("tänkte", "tidnka"),
                                         ("mätas", "meta")])
def test_another_form_of_the_word_is_found_as_the_scan_misread_it(probe, q, scan):
    """The scan misread another form than the query's ("stddja" for 'stödja', asked as 'stödjer'):
    the word's guessed forms are looked up as a scan may have misread them, among the words the
    dictionary rejects; in the ranking as in the exact block."""
    es, idx = probe
    assert scan in exact_ids(es, idx, q)
    assert scan in ranked_ids(es, idx, q)


def test_a_long_query_of_long_umlaut_words_is_highlighted_within_lucenes_term_bound(probe):
    """The highlight's misread spellings are bounded in bytes (``ocr.HIGHLIGHT_TERM_BYTES``):
    Lucene holds the terms it marks as one term of at most 32,766 bytes, and a long query of long
    words with å/ä/ö has 42 KB of them - a 500 from Elasticsearch wherever a passage holds one."""
    from search_api.search.ocr import HIGHLIGHT_TERM_BYTES, ocr_highlight_terms

    es, idx = probe
    q = "övergripande förvärvsförsörjningsförändringarnas jämställdhetsförändringarnas överförmyndarförvaltningarnas"
    words = ocr_words(q)
    assert sum(len(t.encode()) + 1 for w in words for t in (*w.folded, *w.guessed)) > 32_766  # unbounded: too many
    for guessed in (False, True):
        terms = ocr_highlight_terms(q, guessed).folded
        assert sum(len(t.encode()) + 1 for t in terms) <= HIGHLIGHT_TERM_BYTES
        res = es.search(index=idx, query={"ids": {"values": ["gver"]}}, highlight=KeywordQuery(q).highlight(guessed))
        hit = res["hits"]["hits"][0]
        assert "<mark>Gvergripande</mark>" in snippet(hit["_source"], hit.get("highlight")), guessed


def test_a_misreading_the_dictionary_accepts_is_found_among_the_parts(probe):
    """'bolagsdirektorer' is a scan's 'bolagsdirektörer', but hunspell accepts 'direktor' (an old
    word), so it is no misread word: the query's word and its root with å/ä/ö read as plain vowels
    are looked up among the scanned passages' stems and compound parts - where that spelling is no
    word of general text: 'känna' read 'kanna' (a jug) does not find 'Kaffekannan'."""
    es, idx = probe

    def analyze_many(analyzer: str, texts: tuple[str, ...]) -> list[tuple[str, int, int]]:
        res = es.indices.analyze(index=idx, analyzer=analyzer, text=list(texts))
        return [(t["token"], t["position"], t["start_offset"]) for t in res["tokens"]]

    def ids(q: str) -> list[str]:
        kq = KeywordQuery(q, analyze_many=analyze_many)
        return [h["_id"] for h in es.search(index=idx, query=kq.exact_clause())["hits"]["hits"]]

    for q in ("direktör", "direktörerna", "bolagsdirektören"):
        assert "bolag" in ids(q), q
        # and marked where it stands, as the spellings the folded text holds are
        kq = KeywordQuery(q, analyze_many=analyze_many)
        hit = es.search(index=idx, query={"ids": {"values": ["bolag"]}}, highlight=kq.highlight())["hits"]["hits"][0]
        assert snippet(hit["_source"], hit.get("highlight")).startswith("<mark>Bolagsdirektorer</mark>"), q
    assert "kanna" not in ids("känna") and "kanna" not in ids("kännande")


def test_a_guessed_form_that_is_another_word_is_no_misreading(probe):
    """'mäta' guesses 'mätt', which a scan may spell 'matt': a word the dictionary accepts (dull)
    is never taken for a misreading of a guessed form."""
    es, idx = probe
    assert "matt" not in exact_ids(es, idx, "mäta") and "matt" not in ranked_ids(es, idx, "mäta")
    assert "stddja" not in exact_ids(es, idx, "städa")


def test_misread_spellings_are_looked_up_in_scanned_passages_only(probe):
    es, idx = probe
    # 'meta' and 'nett' in typed text are words of their own, not misreadings
    assert "metadata" not in exact_ids(es, idx, "mäta")
    assert "metadata" not in exact_ids(es, idx, "nått")
    assert exact_ids(es, idx, "möta") == ["clean", "meta"]  # typed 'möta', scanned 'méta'


def test_the_controls_stay_clean_in_scanned_text(probe):
    es, idx = probe
    assert exact_ids(es, idx, "flygplats") == []  # shares only a part with lekplatser
    assert exact_ids(es, idx, "städer") == []  # städa is not its singular
    assert exact_ids(es, idx, "städa") == ["lek"]


def test_several_words_follow_the_exact_rule_one_clean_one_misread(probe):
    es, idx = probe
    assert "gver" in exact_ids(es, idx, "övergripande inriktningar")
    assert "gver" not in exact_ids(es, idx, "övergripande flygplatser")  # both words or none
    clause = ocr_clause("övergripande för inriktningar", 2)
    assert clause is not None and len(clause["bool"]["should"]) == 2  # a stop word is no clause
    assert ocr_clause("flygplats", None) is None  # no å/ä/ö: nothing the other clauses miss


def test_a_long_query_looks_up_a_bounded_number_of_spellings():
    words = ocr_words(" ".join(["förvärvsförsörjning", "jämställdhet", "övergripande"] * 20))
    assert len(words) == 60 and sum(len(w.folded) + len(w.stemmed) for w in words) <= MAX_SPELLINGS_PER_QUERY
    assert words[-1].folded == ("overgripande",)  # past the budget a word keeps its own spelling


def test_a_whole_word_ranks_above_a_misread_and_a_fuzzy_match(probe):
    es, idx = probe
    assert exact_ids(es, idx, "övergripande") == ["clean", "gver"]
    assert exact_ids(es, idx, "utredningen") == ["utredning", "fuzzy"]


def test_the_misread_word_is_marked(probe):
    es, idx = probe
    for q, doc, marked in (("övergripande", "gver", "Gvergripande"), ("tänka", "tidnka", "tidnka"),
                           ("mäta", "meta", "méta"), ("år", "ar", "ar"), ("åldrar", "idrar", "Idrar")):
        kq = KeywordQuery(q)
        res = es.search(index=idx, query={"ids": {"values": [doc]}}, highlight=kq.highlight())
        hit = res["hits"]["hits"][0]
        assert f"<mark>{marked}</mark>" in snippet(hit["_source"], hit.get("highlight")), q


def test_the_stop_word_lists_are_the_fields_own(probe):
    """The OCR clause's stop words are those the stemmed fields drop, and sv_stop_folded holds
    them folded: a misread spelling the folded text drops is looked up in the stemmed text."""
    es, idx = probe
    res = es.indices.analyze(index=idx, analyzer="sv_text", text=" ".join(sorted(STEMMED_STOPWORDS)))
    assert res["tokens"] == []
    assert es.indices.analyze(index=idx, analyzer="sv_text", text="år")["tokens"]
    assert {fold(w) for w in STEMMED_STOPWORDS} == folded_stopwords()


@pytest.fixture(scope="module")
def service(seeded_index, settings, query_encoder):
    return SearchService(seeded_index, settings, query_encoder)


@pytest.mark.parametrize(("q", "marked"), [("övergripande", "Gvergripande"), ("tänka", "tidnka"),
                                           ("mäta", "méta"), ("nått", "nétt"), ("stödjer", "stddja"),
                                           ("tänkte", "tidnka"), ("höll", "halls"), ("stödde", "stddja"),
                                           ("gick", "gér")])
def test_the_page_finds_skarholmens_scan_by_the_word_as_typed(service, q, marked):
    """Skärholmen's scanned answer holds these words only as its OCR misread them: the page lists
    it in the exact block (never 'Inget svar i arkivet innehåller orden') and marks the word -
    also where the scan misread another form ("stddja" of 'stödja' for "stödjer"), and for an
    irregular form by its root as the analysis has it ("höll": 'håll' -> "hålls", scanned
    "halls"; "gick": 'gå' -> "går", scanned "gér")."""
    resp = service.search(SearchRequest(q=q, mode="hybrid"))
    assert resp.total_groups >= 1
    hit = next(a for g in resp.groups for a in g.answers if a.council and "rholmen" in a.council.lower())
    assert re.search(rf"<mark>{marked}</mark>", hit.best.snippet_html)



def test_the_page_never_says_no_answer_holds_a_misread_word(client):
    for q in ("övergripande", "tänka", "mäta", "nått"):
        html = client.get(f"/?q={q}&mode=keyword").get_data(as_text=True)
        assert "Inget svar i arkivet innehåller" not in html, q
        assert "<mark>" in html, q
