"""Index into and query the real Elasticsearch node."""
from __future__ import annotations

import pytest

from remissvar.embedding import ModelMismatchError
from search_api.index import (
    alias_name,
    count,
    ensure_indices,
    index_name,
    write_yttrande,
)
from search_api.search.builders import (
    TITLE_WEIGHT_IN_SUM,
    KeywordQuery,
    dnr,
    exact_minimum_should_match,
    motion_number,
)
from search_api.search.fusion import rrf
from search_api.search.grouping import collapse_near_duplicates
from search_api.search.models import Filters, PassageHit, SearchRequest, swedish_errors
from search_api.search.ocr import folded_stopwords
from search_api.search.precedent import FLOOR, is_boilerplate
from search_api.search.service import SearchService


@pytest.fixture(scope="module")
def service(seeded_index, settings, query_encoder):
    return SearchService(seeded_index, settings, query_encoder)


def _councils(resp):
    return [a.council for g in resp.groups for a in g.answers]


def test_versioned_indices_behind_aliases(seeded_index, settings):
    aliases = seeded_index.indices.get_alias(name=alias_name(settings, "passager"))
    assert list(aliases) == [index_name(settings, "passager", 1)]
    assert count(seeded_index, settings, "yttranden") == 2


@pytest.mark.parametrize("mode", ["hybrid", "keyword", "semantic"])
def test_facebookgrupper_finds_sodermalm(service, mode):
    resp = service.search(SearchRequest(q="facebookgrupper", mode=mode))
    assert resp.groups[0].remiss_id == "dnr-ks-2024-951"
    assert resp.groups[0].answers[0].council == "sodermalm"
    assert resp.groups[0].answers[0].position == "avstyrker"


def test_folded_query_finds_clean_text(service):
    """'forvaltningens forslag' (no å/ä/ö) must find 'Förvaltningens förslag' in Södermalm."""
    resp = service.search(SearchRequest(q="forvaltningens forslag", mode="keyword"))
    assert "sodermalm" in _councils(resp)
    hit = next(a for g in resp.groups for a in g.answers if a.council == "sodermalm")
    assert any(f"<mark>{w}</mark>" in hit.best.snippet_html for w in ("Förvaltningens", "förvaltningens"))


def test_folded_fields_drop_the_swedish_stop_words_folded(seeded_index, settings):
    """The folded analyzer drops every _swedish_ stop word in its folded spelling ('för' is 'for'
    there), as the stemmed analyzer drops them unfolded; content words stay."""
    idx = alias_name(settings, "passager")

    def tokens(analyzer: str, text: str) -> list[str]:
        return [t["token"] for t in seeded_index.indices.analyze(index=idx, analyzer=analyzer, text=text)["tokens"]]

    assert tokens("sv_folded", "forvaltningen anser att det ar for tidigt pa grund av nagra skal") == [
        "forvaltningen", "anser", "tidigt", "grund", "skal"]
    stemmed_stops = {w for w in folded_stopwords() if not tokens("sv_text", w)}
    assert len(stemmed_stops) > 80  # the unfolded ones the stemmed field drops as well
    assert all(not tokens("sv_folded", w) for w in folded_stopwords())


def test_exact_matches_count_stop_words_as_present():
    assert exact_minimum_should_match("kombolägenheter uppvärmning") == "3<75%"
    # 4 words, 'om' a stop word: 3 of 4 as typed -> 2 of the 3 content words
    assert exact_minimum_should_match("Sverigedemokraternas motion om facebookgrupper") == 2
    assert exact_minimum_should_match("svar på remissen") == 2  # 'på' drops; both content words
    assert exact_minimum_should_match("det är") == 1  # nothing left to match: no exact match


def test_clean_query_finds_ocr_text(service):
    """'verksamhetens mål' must find the OCR-damaged Skärholmen text ('verksamhetens mal'). (Its
    'forvaltningens forslag' is a procedural decision sentence: boilerplate, in no passage.)"""
    resp = service.search(SearchRequest(q="verksamhetens mål", mode="keyword"))
    assert "skarholmen" in _councils(resp)


@pytest.mark.parametrize("word", ["upphandlde", "stockholmanra", "kommunikationsprogramnet"])
def test_one_misread_letter_is_found(service, word):
    """One wrong, missing or swapped letter after the first two - an OCR misreading in the
    document or a typo in the query, the same edit either way - still finds the word
    ('upphandlade', 'stockholmarna', 'Kommunikationsprogrammet' in the Skärholmen
    answer): the bounded OCR clause allows one edit in words of five letters or more."""
    resp = service.search(SearchRequest(q=word, mode="keyword"))
    assert "skarholmen" in _councils(resp)


def test_filters_and_facets(service):
    resp = service.search(SearchRequest(q="sociala medier", filters=Filters(council=["skarholmen"])))
    assert _councils(resp) == ["skarholmen"]
    # multi-select: a facet is counted without its own filter, so the other council stays selectable
    facets = {f.value: f.count for f in resp.facets["council"]}
    assert facets == {"skarholmen": 1, "sodermalm": 1}
    both = service.search(SearchRequest(q="sociala medier", filters=Filters(council=["skarholmen", "sodermalm"])))
    assert set(_councils(both)) == {"skarholmen", "sodermalm"}
    # ... while the other facets count only what the council filter leaves
    positions = {f.value: f.count for f in resp.facets["position"]}
    assert sum(positions.values()) == 1
    resp = service.search(SearchRequest(q="sociala medier", filters=Filters(position=["avstyrker"])))
    assert set(_councils(resp)) == {"sodermalm"}


def test_dnr_query(service):
    resp = service.search(SearchRequest(q="KS 2024/951", mode="keyword"))
    assert resp.groups[0].remiss_id == "dnr-ks-2024-951"


def test_highlights_are_escaped(service, seeded_index, settings, embedder, seed_records):
    y = seed_records["sodermalm"].model_copy(deep=True)
    y.id = "xss-doc"
    y.remiss = y.remiss.model_copy(update={"id": "xss-remiss", "title": "<script>alert(1)</script>"})
    y.sections = []
    y.text = 'Hemligt ord zzxqv <img src=x onerror="alert(1)"> slut.'
    from remissvar.records import PageText
    y.pages = [PageText(number=1, text=y.text)]
    from ingest.indexing import index_yttrande
    index_yttrande(y, seeded_index, settings, embedder, refresh=True)
    try:
        resp = service.search(SearchRequest(q="zzxqv", mode="keyword"))
        snip = resp.groups[0].answers[0].best.snippet_html
        assert "<img" not in snip and "&lt;img" in snip and "<mark>zzxqv</mark>" in snip
    finally:
        seeded_index.delete(index=alias_name(settings, "yttranden"), id="xss-doc", refresh=True)
        from elasticsearch import helpers
        ids = [h["_id"] for h in helpers.scan(seeded_index, index=alias_name(settings, "passager"),
                                               query={"query": {"term": {"yttrande_id": "xss-doc"}}})]
        for i in ids:
            seeded_index.delete(index=alias_name(settings, "passager"), id=i, refresh=True)


def test_reindexing_same_document_does_not_duplicate(seeded_index, settings, embedder, seed_records):
    from ingest.indexing import index_yttrande
    before = count(seeded_index, settings, "passager")
    index_yttrande(seed_records["sodermalm"], seeded_index, settings, embedder, refresh=True)
    assert count(seeded_index, settings, "passager") == before
    assert count(seeded_index, settings, "yttranden") == 2


def test_changed_document_replaces_its_passages(seeded_index, settings, embedder, seed_records):
    from ingest.chunking import chunk_yttrande
    y = seed_records["skarholmen"].model_copy(deep=True)
    passages = chunk_yttrande(y)[:3]
    vecs = embedder.encode_passages([p.text for p in passages])
    write_yttrande(seeded_index, settings, y, passages, vecs, embedder.model_id, refresh=True)
    n = seeded_index.count(index=alias_name(settings, "passager"), query={"term": {"yttrande_id": y.id}})["count"]
    assert n == 3
    from ingest.indexing import index_yttrande
    index_yttrande(seed_records["skarholmen"], seeded_index, settings, embedder, refresh=True)
    n = seeded_index.count(index=alias_name(settings, "passager"), query={"term": {"yttrande_id": y.id}})["count"]
    assert n == len(chunk_yttrande(seed_records["skarholmen"]))


def test_refuses_vectors_of_another_model(seeded_index, settings, embedder):
    with pytest.raises(ModelMismatchError):
        ensure_indices(seeded_index, settings, embedder.dims, "another-model")


def test_query_vectors_are_reused_and_the_cache_is_bounded(seeded_index, settings, query_encoder):
    class Counting:
        model_id, dims = query_encoder.model_id, query_encoder.dims
        calls: list[str] = []

        def encode_query(self, text):
            self.calls.append(text)
            return query_encoder.encode_query(text)

    enc = Counting()
    svc = SearchService(seeded_index, settings.model_copy(update={"query_cache_size": 2}), enc)
    first = svc.search(SearchRequest(q="lokala facebookgrupper", mode="hybrid"))
    again = svc.search(SearchRequest(q="lokala  facebookgrupper ", mode="semantic", page=1))
    assert enc.calls == ["lokala facebookgrupper"]
    assert [g.remiss_id for g in first.groups][:1] == [g.remiss_id for g in again.groups][:1]
    for q in ("sociala medier", "uppföljning av utförare", "lokala facebookgrupper"):
        svc.search(SearchRequest(q=q, mode="semantic"))
    assert len(svc._vectors) == 2 and enc.calls[-1] == "lokala facebookgrupper"
    no_cache = SearchService(seeded_index, settings.model_copy(update={"query_cache_size": 0}), enc)
    no_cache.search(SearchRequest(q="sociala medier", mode="semantic"))
    no_cache.search(SearchRequest(q="sociala medier", mode="semantic"))
    assert enc.calls[-2:] == ["sociala medier", "sociala medier"] and not no_cache._vectors


# ---- pure parts (no services) ------------------------------------------------------------
def test_rrf_k_is_read_per_call():
    rankings = [["a", "b"], ["b", "a"], ["b"]]
    assert rrf(rankings, k=30)["b"] == 1 / 32 + 1 / 31 + 1 / 31
    assert rrf(rankings, k=60)["b"] == 1 / 62 + 1 / 61 + 1 / 61
    assert rrf(rankings)["a"] == 1 / 61 + 1 / 62


def test_validation_messages_are_swedish():
    from pydantic import ValidationError

    try:
        SearchRequest(q="x" * 501, mode="bogus", size=500)
    except ValidationError as e:
        msg = swedish_errors(e)
    assert "sökfrågan: högst 500 tecken" in msg and "sökläget: okänt värde" in msg and "antal per sida: högst 50" in msg
    assert " or " not in msg and "should" not in msg
    try:
        Filters(council=["narnia"], year=[1800])
    except ValidationError as e:
        msg = swedish_errors(e)
    assert "okänd nämnd: narnia" in msg and "år ska vara mellan" in msg


def test_identifiers():
    assert motion_number("Motion (2012:6)") == motion_number("motion 2012:06") == motion_number(" 2012:6 ") == "2012:6"
    assert motion_number("2012") is None and motion_number("motion om 2012:6 och mer") is None
    assert dnr("KS 2024/951") == "KS 2024/951" and dnr("316-259/2012") == "316-259/2012"
    assert dnr("kombolägenheter") is None


def _hit(pid: str, yid: str, text: str) -> PassageHit:
    return PassageHit(id=pid, yttrande_id=yid, council=None, council_name=None, date=None, title=None, section=None,
                      page=None, snippet_html="", text=text, position=None, source_url=None, remiss_id=None,
                      remiss_title=None, score=1.0)


def test_near_identical_passages_are_collapsed_and_documents_capped():
    same = "Förvaltningen anser att det inte är stadens uppgift att driva lokala grupper i sociala medier."
    hits = [_hit("p1", "a", same), _hit("p2", "b", same.replace("lokala ", "")), _hit("p3", "c", same + " Slut."),
            _hit("p4", "a", "Stadsdelsnämnden har ett ansvar för barn och unga i området."),
            _hit("p5", "a", "Trafiken på Götgatan ska minska enligt förslaget från trafikkontoret."),
            _hit("p6", "d", "Bostäder för unga vuxna byggs i form av kombolägenheter.")]
    out = collapse_near_duplicates(hits, per_document=2)
    assert [h.id for h in out] == ["p1", "p4", "p6"]  # p2, p3 collapsed into p1; p5 is a's third passage
    assert out[0].also_in == 3 and out[1].also_in == 1
    assert [h.id for h in collapse_near_duplicates(hits, per_document=None)] == ["p1", "p4", "p5", "p6"]


def test_boilerplate():
    assert is_boilerplate("Stadsdelsnämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.")
    assert is_boilerplate("Skérholmens stadsdelsndmnd godkinner forvaltningens forslag som svar pa remissen.")
    assert is_boilerplate("Justeras. Ordförande och sekreterare.")
    assert not is_boilerplate("Det är inte stadens uppgift att administrera grupper i sociala medier.")
    assert not is_boilerplate("Förvaltningen ställer sig positiv till kombolägenheter. Som svar på remissen "
                              "föreslås att nämnden tillstyrker. Behovet är stort bland unga vuxna.")


# ---- honest result sets, identifiers, motions, precedent (services) -----------------------
@pytest.mark.parametrize("q", ["xqzv blorfgh", "fotbollsarena i Kiruna", "Motion (2031:99)"])
def test_nonsense_and_unrelated_queries_have_no_exact_block(service, q):
    resp = service.search(SearchRequest(q=q, mode="hybrid"))
    assert resp.groups == [] and resp.total_groups == 0 and resp.total_answers == 0
    assert resp.similar == []  # nothing above the semantic floor either


def test_exact_block_then_similar(service):
    resp = service.search(SearchRequest(q="facebookgrupper", mode="hybrid"))
    assert [g.remiss_id for g in resp.groups] == ["dnr-ks-2024-951"] and resp.total_groups == 1
    assert resp.total_answers == 1
    assert all(g.remiss_id != "dnr-ks-2024-951" for g in resp.similar)
    for g in resp.similar:  # only found by meaning, above the floor
        assert all(a.best.similarity is not None and a.best.similarity >= service.similar_floor for a in g.answers)
    keyword = service.search(SearchRequest(q="facebookgrupper", mode="keyword"))
    assert keyword.similar == [] and [g.remiss_id for g in keyword.groups] == ["dnr-ks-2024-951"]


def test_similar_block_same_when_knn_sources_are_fetched_after(seeded_index, settings, query_encoder):
    """A hybrid page asks kNN for ids and scores only and fetches the sources of the few
    neighbours it may show: its "Liknande innehåll" is the one full kNN sources give."""
    from search_api.search.service import SearchService

    svc = SearchService(seeded_index, settings, query_encoder, similar_floor=0.0)  # show any neighbour
    q = "facebookgrupper"
    page = svc.search(SearchRequest(q=q, mode="hybrid"))
    full = svc._retrieve(q, "hybrid", Filters(), exact_block=False)
    expected = svc.similar_groups(full, {g.remiss_id for g in page.groups})
    assert page.similar, "the seed index has a remiss found only by meaning"
    assert [(g.remiss_id, [a.best.id for a in g.answers]) for g in page.similar] == [
        (g.remiss_id, [a.best.id for a in g.answers]) for g in expected]


def test_sort_by_date(service):
    resp = service.search(SearchRequest(q="sociala medier", mode="keyword", sort="datum"))
    dates = [g.latest or "" for g in resp.groups]
    assert len(dates) == 2 and dates == sorted(dates, reverse=True)


def test_rrf_k_reaches_the_ranking(seeded_index, settings, query_encoder):
    for k in (1, 60):
        svc = SearchService(seeded_index, settings, query_encoder, rrf_k=k)
        top = svc.passages_ranked("facebookgrupper", "hybrid", k=5)[0]
        assert 1 / (k + 1) <= top.score <= 2 / (k + 1)


def test_identifier_queries_resolve_to_their_remiss(service):
    assert service.resolve_identifier("KS 2024/951") == "dnr-ks-2024-951"
    assert service.resolve_identifier("KS 1999/123") is None
    assert service.resolve_identifier("facebookgrupper") is None


def test_motion_by_author_party_and_words(service):
    for q in ("Kroon", "kroon", "Gabriel Kroon", "Kron", "SD", "(SD) facebookgrupper", "Kroon 2024"):
        assert "dnr-ks-2024-951" in [g.remiss_id for g in service.motion(q)], q
    assert service.motion("Rågsjö") == []
    assert service.motion("V") == []


def test_precedent_skips_boilerplate_and_caps_documents(service):
    hits = service.precedent("Det är inte stadens uppdrag att driva grupper i sociala medier.", k=10)
    assert hits and hits[0].council in {"sodermalm", "skarholmen"}
    assert not any(is_boilerplate(h.text) for h in hits)
    per_doc: dict[str, int] = {}
    for h in hits:
        per_doc[h.yttrande_id] = per_doc.get(h.yttrande_id, 0) + 1
        assert h.similarity is not None and h.score >= FLOOR  # the calibrated floor (search.precedent)
    assert max(per_doc.values()) <= 2
    only = service.precedent("Det är inte stadens uppdrag att driva grupper i sociala medier.",
                             filters=Filters(council=["skarholmen"]))
    assert {h.council for h in only} <= {"skarholmen"}


def test_hybrid_overlapping_embedding_ranks_as_one_request(seeded_index, settings, query_encoder):
    """The keyword half sent while the query is embedded (no vector cached) and the single
    request (vector cached) give the same ranking, facets and exact block."""
    from search_api.search.models import Filters
    from search_api.search.service import SearchService

    svc = SearchService(seeded_index, settings.model_copy(update={"query_cache_size": 8}), query_encoder)
    q = "lokala facebookgrupper i stadsdelarna"
    assert not svc._has_vector(q)
    first = svc._retrieve(q, "hybrid", Filters(), with_facets=True)  # overlapped
    assert svc._has_vector(q)
    second = svc._retrieve(q, "hybrid", Filters(), with_facets=True)  # one msearch
    assert [s["id"] for s, _, _ in first.ranked] == [s["id"] for s, _, _ in second.ranked]
    assert first.ranked and first.knn_ids and first.exact_ids == second.exact_ids
    assert first.aggs == second.aggs and first.aggs


def test_a_busy_process_sends_both_halves_in_one_request(seeded_index, settings, query_encoder, monkeypatch):
    """Beside other searches in the process, a hybrid search embeds first and sends the keyword
    and kNN halves in one msearch (a round trip less of CPU); alone, it overlaps them. Both
    give the same result page."""
    from search_api.search.service import SearchService

    q = "lokala facebookgrupper i stadsdelarna"
    pages = []
    for others in (0, 1):
        svc = SearchService(seeded_index, settings.model_copy(update={"query_cache_size": 0}), query_encoder)
        calls: list[list[str]] = []
        msearch = svc._msearch
        monkeypatch.setattr(svc, "_msearch", lambda searches, m=msearch, c=calls: c.append(
            [kind for kind, _ in searches]) or m(searches))
        svc._in_flight = others  # searches already in progress in this process
        pages.append(svc.search(SearchRequest(q=q, mode="hybrid")).model_dump(exclude={"took_ms", "embed_ms"}))
        assert sorted(map(len, calls)) == ([1, 1] if others == 0 else [2]), calls
        assert svc._in_flight == others
    assert pages[0] == pages[1] and pages[0]["groups"]


def test_the_exact_rule_counts_each_word_in_any_of_its_fields():
    """The exact block's rule is one clause per query word - a ``should`` over the fields the
    ranking sums (no ``dis_max``), at their boosts there, titles at half - with the counting rule
    over the words (2 of 'Sverigedemokraternas motion om facebookgrupper': 'om' is a stop word):
    a word counts wherever the ranking finds it, in the passage or in its remiss title."""
    clause = KeywordQuery("Sverigedemokraternas motion om facebookgrupper").exact_clause()["bool"]["should"]
    words = clause[0]["bool"]
    assert words["minimum_should_match"] == 2 and len(words["should"]) == 3
    for word in words["should"]:
        matches = [c["match"] for c in word["bool"]["should"] if "match" in c]
        fields = {f for m in matches for f in m}
        assert {"text", "remiss_title", "text_folded", "remiss_title_folded", "motion_authors.text"} <= fields
        boosts = {f: spec["boost"] for m in matches for f, spec in m.items() if "fuzziness" not in spec}
        assert boosts["remiss_title"] == 2 * TITLE_WEIGHT_IN_SUM and boosts["text"] == 1
        assert not any("minimum_should_match" in spec for m in matches for spec in m.values())
    assert "dis_max" not in str(clause) and "multi_match" not in str(clause)


def test_words_only_in_standard_wordings_are_said_to_be_there(service, client):
    """Issue 27 beside issue 29: a word that only an answer's labelled standard wording holds
    ("Ärendet har ... behandlats i ... pensionärsrådet") is kept out of the passages, so the exact
    block is empty - but the page names the answers whose standard wording has it instead of
    saying that no answer contains the words; a word nowhere still gets that message."""
    from search_api.search.models import SearchRequest

    r = service.search(SearchRequest(q="pensionärsråden", mode="keyword"))
    assert r.groups == [] and [b.yttrande_id for b in r.in_boilerplate] == ["seed-000"]
    assert "pensionärsrådet" in r.in_boilerplate[0].line
    # a compound's modifier alone, as the passages' parts find it
    part = service.search(SearchRequest(q="pensionär", mode="keyword"))
    assert part.groups == [] and [b.yttrande_id for b in part.in_boilerplate] == ["seed-000"]
    html = client.get("/?q=pensionärsråden&mode=keyword").get_data(as_text=True)
    assert "Orden finns bara i standardformuleringar" in html and "Inget svar i arkivet innehåller" not in html
    none = client.get("/?q=snöröjningsentreprenad&mode=keyword").get_data(as_text=True)
    assert "Inget svar i arkivet innehåller" in none and "standardformuleringar" not in none


def test_a_coined_words_parts_on_different_places_are_named_as_such(service, client):
    """Issue 27: "facebookkonto" is in no answer, nor are its parts close together (the exact
    rule), but both answers speak of Facebook in one place and of "konton" in another: the page
    names them as holding the word's parts on different places - not in the exact
    block, and without saying that no answer contains the words. A word one of whose parts is in
    no answer, or is a stop word ('vara' of "programvara", in nearly every answer as the verb),
    gets no such list."""
    from search_api.search.models import SearchRequest

    r = service.search(SearchRequest(q="facebookkonto", mode="keyword"))
    assert r.groups == [] and r.total_groups == 0
    named = {m.yttrande_id: m for m in r.parts_apart}
    assert set(named) == {"seed-000", "seed-004"}
    assert [(w.word, w.parts) for w in named["seed-004"].words] == [("facebookkonto", ["facebook", "konto"])]
    html = client.get("/?q=facebookkonto&mode=keyword").get_data(as_text=True)
    assert "Inget svar innehåller ”facebookkonto” som ett ord, men 2 svar innehåller ordets delar" in html
    assert "facebook + konto" in html and "Inget svar i arkivet innehåller" not in html
    for q in ("snöröjningskonto", "programvara"):
        assert service.search(SearchRequest(q=q, mode="keyword")).parts_apart == [], q
    none = client.get("/?q=snöröjningskonto&mode=keyword").get_data(as_text=True)
    assert "Inget svar i arkivet innehåller" in none and "olika ställen" not in none


def test_answers_with_a_coined_words_parts_apart_are_named_beneath_the_exact_block(service, client):
    """Issue 27: "facebookkanal" is in Södermalm's answer as its parts close together (the exact
    block); Skärholmen's holds "Facebook" and "kanal" on different places: named beneath the exact
    block, as holding the word's parts only - on the first page, for a query with a coined word."""
    from search_api.search.models import SearchRequest

    r = service.search(SearchRequest(q="facebookkanal", mode="keyword"))
    assert {a.yttrande_id for g in r.groups for a in g.answers} == {"seed-000"}
    assert [m.yttrande_id for m in r.parts_apart] == ["seed-004"]
    assert [(w.word, w.parts) for w in r.parts_apart[0].words] == [("facebookkanal", ["facebook", "kanal"])]
    html = client.get("/?q=facebookkanal&mode=keyword").get_data(as_text=True)
    assert "Ordets delar på olika ställen" in html
    assert "1 svar till innehåller ”facebookkanal” bara som ordets delar" in html
    assert service.search(SearchRequest(q="facebookkanal", mode="keyword", page=2)).parts_apart == []
    assert service.search(SearchRequest(q="facebookkanal", mode="semantic")).parts_apart == []
    assert service.search(SearchRequest(q="sociala medier", mode="keyword")).parts_apart == []


def test_a_word_typed_without_its_diacritics_is_written_whole_not_coined(service):
    """'barnrattsanalys' (barnrättsanalys typed without its ä) is split barn + rattsanalys, but the
    folded text holds it whole: it is no coined word - found where it is written, no parts looked
    for apart (at a million passages 'skarholmen' made its page pay for a parts-apart search)."""
    kq = service.keyword_query("barnrattsanalys")
    assert "barnrattsanalys" not in kq.compounds()
    assert service.keyword_query("facebookkanal").compounds()["facebookkanal"].parts == ("facebook", "kanal")
    from search_api.search.builders import KeywordQuery

    # without the term statistics, every split word is looked for apart
    assert "barnrattsanalys" in KeywordQuery("barnrattsanalys", kq.analyze, kq.analyze_many).compounds()


def test_a_query_of_stop_words_alone_is_said_to_be_one(service, client):
    """Issue 27: the text fields drop stop words, so "hade" finds no passage although answers hold
    it; the page says that the query has only such words, never that no answer contains them. A
    stop word beside a content word is only left out of the search."""
    from search_api.search.models import SearchRequest

    r = service.search(SearchRequest(q="Hade kunde hade", mode="keyword"))
    assert r.groups == [] and r.stop_words == ["hade", "kunde"]
    html = client.get("/?q=hade&mode=hybrid").get_data(as_text=True)
    assert "bara vanliga småord (”hade”)" in html and "Inget svar i arkivet innehåller" not in html
    assert "Pröva färre" not in html
    assert service.search(SearchRequest(q="hade snöröjningsentreprenad", mode="keyword")).stop_words == []
    none = client.get("/?q=hade+snöröjningsentreprenad&mode=keyword").get_data(as_text=True)
    assert "Inget svar i arkivet innehåller" in none and "småord" not in none
