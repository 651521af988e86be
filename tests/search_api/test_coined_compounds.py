"""Coined compounds through the real Elasticsearch: a query word the decompounder splits is found
where its parts stand close together ("lekplatsprogram" in "program för lekplatser") - in the
exact block, its counts and so the "Inget svar ... innehåller orden" message alike - and the
parts are marked; parts of one other compound ("flygplats" in "lekplatser") or far apart are not."""
from __future__ import annotations

import re
from typing import Any

import pytest
from elasticsearch import Elasticsearch

from search_api.search.builders import KeywordQuery
from search_api.search.compounds import MAX_GAPS, split, split_all
from search_api.search.highlight import snippet
from search_api.search.models import SearchRequest
from search_api.search.service import SearchService
from tests.search_api.probe_index import probe_index

pytestmark = pytest.mark.services

TEXTS = {
    "prog": "Nämnden vill se ett program för lekplatser i hela stadsdelen.",
    "fb": "Information finns på sidan på Facebook och i lokaltidningen.",
    "dp": "Förvaltningen har yttrat sig över förslag till detaljplan för kvarteret.",
    "dp2": "Detaljplanen är bra. Planförslaget innebär fler bostäder.",  # 'förslag' a part of another compound
    "lek": "Barnen leker på lekplatser i parken.",
    "far": "Programmet tar upp många frågor om trafik, skolor, äldreomsorg, parker, idrott och kultur, "
           "och först i slutet nämns lekplatser.",
    "whole": "Ett lekplatsprogram antogs 2019.",
    "bilhus": "Bilhuset vid torget rivs.",
    "eu": "EU:s statistikmyndighet räknar besökare på S:t Eriksgatan, 1,5 miljoner om året.",
    "snap": "Stadsdelen har konton på Snapchat och Instagram.",
    "msg": "Nämnden svarar invånarna via två konton på Messenger.",  # 'Messenger' alone: stemmed 'messeng'
    "snap-a": "Unga använder Snapchat mest.",  # one answer ('apart'), the parts in two passages
    "snap-b": "Förvaltningen följer upp stadsdelens konton varje månad.",
    "cykel": "Nämnden tillstyrker cykelplanen för innerstaden.",
    # both sides of coined words the decompounder cannot split, or splits where no passage does
    "soder": "Nämnden vill satsa på cykeltrafik i Söderort.",  # 'söderort': in no dictionary
    "barnratt": "Barnrättsanalysen och frågor om skolan.",  # 'barnrätt' a part, 'fråga' a word
    "konsekvens": "En analys av konsekvenser för barn.",
    "kom": "Hon kom med sitt pass i rätt riktning.",  # 'kompass' is a dictionary word: no 'kom' + 'pass'
    "medier": "Stadens konton på sociala medier följs upp.",  # 'socialmedie-': social + medium
}
# the answer each passage belongs to (the parts-apart search groups the passages by answer)
ANSWERS = {"snap-a": "apart", "snap-b": "apart"}


@pytest.fixture(scope="module")
def probe(es: Elasticsearch, settings: Any):
    docs = {i: {"text": t, "text_folded": t.lower(), "yttrande_id": ANSWERS.get(i, i)} for i, t in TEXTS.items()}
    with probe_index(es, settings, "coinedprobe", docs) as name:

        def analyze(analyzer: str, text: str) -> list[str]:
            return [str(t["token"]) for t in es.indices.analyze(index=name, analyzer=analyzer, text=text)["tokens"]]

        yield es, name, analyze


def exact(probe: Any, q: str) -> list[str]:
    es, idx, analyze = probe
    res = es.search(index=idx, query=KeywordQuery(q, analyze).exact_clause())
    return [h["_id"] for h in res["hits"]["hits"]]


def test_the_parts_are_elasticsearchs_own(probe):
    _, _, analyze = probe

    def parts(word: str) -> tuple[str, ...] | None:
        c = split(word, analyze)
        return None if c is None else c.parts

    assert parts("lekplatsprogrammet") == ("lekplats", "program")
    assert parts("detaljplaneförslag") == ("detaljplan", "förslag")
    assert parts("lekplats") == ("lek", "plats")
    assert split("program", analyze) is None and split("bostäder", analyze) is None
    # a base form with two word classes is no compound: its readings are not parts
    assert split("central", analyze) is None and split("lokal", analyze) is None


def test_one_request_splits_every_word_as_one_request_per_word_does(probe):
    es, idx, analyze = probe

    def analyze_many(analyzer: str, texts: tuple[str, ...]) -> list[tuple[str, int, int]]:
        res = es.indices.analyze(index=idx, analyzer=analyzer, text=list(texts))
        return [(t["token"], t["position"], t["start_offset"]) for t in res["tokens"]]

    words = ["lekplatsprogrammet", "och", "bostäder", "2024", "facebooksidan", "detaljplaneförslag",
             "lekplatsprogrammet"]
    one_by_one = {w: c for w in words if (c := split(w, analyze)) is not None}
    assert split_all(words, analyze_many) == one_by_one and len(one_by_one) == 3
    q = " ".join(words)
    assert KeywordQuery(q, analyze, analyze_many).exact_clause() == KeywordQuery(q, analyze).exact_clause()


def test_a_coined_compound_is_found_with_its_parts_apart(probe):
    assert exact(probe, "lekplatsprogram") == ["whole", "prog"]  # the word itself first
    assert exact(probe, "lekplatsprogrammet") == ["whole", "prog"]
    assert exact(probe, "facebooksida") == ["fb"]
    assert exact(probe, "detaljplaneförslag") == ["dp", "dp2"]  # 'förslag' inside 'planförslaget' too


def test_a_latin_nouns_compound_form_is_the_noun(probe):
    """A Latin noun in -ium/-eum starts compounds in -ie/-ei ("mediekonto", "gymnasieskola",
    "museibesök"): the part is the noun, so "mediekonto" is found in "konton på sociala medier" and
    "medier" finds a compound of it. Before, the part stayed "medie", which no passage writes alone."""
    _, _, analyze = probe
    assert split("mediekonton", analyze).parts == ("medium", "konto")  # type: ignore[union-attr]
    assert split("gymnasieskolan", analyze).parts == ("gymnasium", "skola")  # type: ignore[union-attr]
    assert split("museibesöket", analyze).parts == ("museum", "besök")  # type: ignore[union-attr]
    assert exact(probe, "mediekonto") == ["medier"]
    assert exact(probe, "museikonto") == []
    # a two-part modifier keeps its second part's word where a final letter was dropped ('ägar' ->
    # 'ägare'), and its Latin -ie form as written ("socialmedie": the archive split reads it)
    assert split("fordonsägarförening", analyze).parts == ("fordonsägare", "förening")  # type: ignore[union-attr]


def test_a_word_the_archive_writes_whole_is_found_where_it_is_written(probe):
    """With the term statistics (what the search service gives), only a word no passage writes
    whole is looked for as its parts apart: the cost of common parts close together is paid for
    the coined words alone."""
    es, idx, analyze = probe

    def doc_freq(stems: tuple[str, ...]) -> dict[str, int]:
        res = es.termvectors(index=idx, doc={"text": " ".join(stems)}, fields=["text"], term_statistics=True)
        return {t: v.get("doc_freq", 0) for t, v in res["term_vectors"]["text"]["terms"].items()}

    def ids(q: str) -> list[str]:
        res = es.search(index=idx, query=KeywordQuery(q, analyze, doc_freq=doc_freq).exact_clause())
        return [h["_id"] for h in res["hits"]["hits"]]

    assert ids("lekplatsprogram") == ["whole"]  # 'Ett lekplatsprogram antogs 2019.'
    assert ids("facebooksida") == ["fb"] and ids("detaljplaneförslag") == ["dp", "dp2"]
    assert ids("flygplats") == []


def test_a_word_is_not_found_in_the_parts_of_another_compound(probe):
    assert exact(probe, "flygplats") == []  # 'lekplatser' holds 'plats', nothing holds 'flyg'
    assert exact(probe, "flygplatser") == []
    assert exact(probe, "husbil") == []  # 'bilhuset': both parts, of one other word


def test_parts_far_apart_are_no_match(probe):
    assert "far" not in exact(probe, "lekplatsprogram")  # 'programmet' ... 'lekplatser', 15 positions
    assert MAX_GAPS < 15


@pytest.mark.parametrize("q", ["EU:s", "EU:s statistikmyndighet", "S:t Eriksgatan", "1,5 miljoner"])
def test_words_the_tokenizer_keeps_whole_count_whole(probe, q):
    """A query's words are the standard tokenizer's: "EU:s" is one token in the index, so the exact
    rule must not ask for "eu" and "s" apart (it found nothing, and the page said "Inget svar")."""
    from search_api.search.builders import exact_words

    assert len(exact_words(q)) == len(q.split())
    assert exact(probe, q) == ["eu"]


def test_each_word_counts_under_the_exact_rule(probe):
    assert exact(probe, "facebooksida information") == ["fb"]  # one word as its parts, one whole
    assert exact(probe, "lekplatsprogram facebook") == []  # all of up to three words


def test_without_the_analysis_a_word_is_not_split(probe):
    es, idx, _ = probe
    res = es.search(index=idx, query=KeywordQuery("facebooksida").exact_clause())
    assert res["hits"]["hits"] == []


def test_the_parts_are_marked(probe):
    es, idx, analyze = probe
    for q, doc, marked in (("lekplatsprogram", "prog", ["program", "lekplatser"]),
                           ("facebooksida", "fb", ["sidan", "Facebook"]),
                           ("detaljplaneförslag", "dp", ["förslag", "detaljplan"])):
        kq = KeywordQuery(q, analyze)
        hit = es.search(index=idx, query={"ids": {"values": [doc]}}, highlight=kq.highlight())["hits"]["hits"][0]
        html = snippet(hit["_source"], hit.get("highlight"))
        assert all(f"<mark>{m}</mark>" in html for m in marked), html
    # the parts are marked where they stand together, not wherever one of them stands
    kq = KeywordQuery("lekplatsprogram", analyze)
    hit = es.search(index=idx, query={"ids": {"values": ["far"]}}, highlight=kq.highlight())["hits"]["hits"][0]
    assert "<mark>" not in snippet(hit["_source"], hit.get("highlight"))



def _many(es: Elasticsearch, idx: str) -> Any:
    def analyze_many(analyzer: str, texts: tuple[str, ...]) -> list[tuple[str, int, int]]:
        res = es.indices.analyze(index=idx, analyzer=analyzer, text=list(texts))
        return [(t["token"], t["position"], t["start_offset"]) for t in res["tokens"]]
    return analyze_many


def test_a_part_is_found_as_the_text_writes_it_alone(probe):
    """A part the dictionary does not know is kept as written inside a compound ("messengerkonto":
    messenger, konto) but stemmed alone by the fallback stemmer ("Messenger" -> messeng): the rule
    looks for both, so "messengerkonto" is in "konton på Messenger"; a three-word compound's parts
    are its main ones ("innerstadscykelplan" in "cykelplanen för innerstaden")."""
    es, idx, analyze = probe
    many = _many(es, idx)
    kq = KeywordQuery("messengerkonto", analyze, many)
    assert kq.compounds()["messengerkonto"].terms("messenger") == ("messenger", "messeng")
    assert kq.compounds()["messengerkonto"].terms("konto") == ("konto",)
    # a name the dictionary lists capitalised is its own stem alone too ("Snapchat")
    assert KeywordQuery("snapchatkonto", analyze, many).compounds()["snapchatkonto"].terms("snapchat") == ("snapchat",)

    def ids(q: str) -> list[str]:
        res = es.search(index=idx, query=KeywordQuery(q, analyze, many).exact_clause())
        return sorted(h["_id"] for h in res["hits"]["hits"])

    assert ids("snapchatkonto") == ["snap"]  # not the answer with the parts in two passages
    assert ids("snapchatkonton") == ["snap"]
    assert ids("messengerkonto") == ["msg"]
    assert ids("innerstadscykelplan") == ["cykel"]
    assert ids("flygplats") == []


def test_answers_with_the_parts_apart_are_named_beside_the_exact_ones(probe):
    """The parts-apart search lists the answers holding a coined word's parts on different places;
    beside an exact block (its clause given) it leaves out the answers that block lists."""
    from search_api.search.parts_apart import looked_for, parts_answers, parts_apart_request

    es, idx, analyze = probe
    kq = KeywordQuery("snapchatkonto", analyze, _many(es, idx))
    wanted = looked_for(["snapchatkonto"], kq.compounds())
    assert wanted is not None
    words, compounds = wanted

    def named(exact: Any) -> list[str]:
        body = parts_apart_request(words, compounds, [], exact=exact)
        return sorted(m.yttrande_id for m in parts_answers(dict(es.search(index=idx, **body)), words, compounds))

    assert named(None) == ["apart", "snap"]
    assert named(kq.exact_clause()) == ["apart"]


def test_a_coined_word_is_split_where_the_archive_holds_both_sides(probe):
    """A coined word the decompounder cannot split (a modifier in no dictionary: "söderorts") or
    splits off a part no passage holds ("barnrättsfrågor": barn + rättsfråga) is split where the
    passages hold both sides (``search.archive_split``): "söderortscykeltrafik" is in "cykeltrafik
    i Söderort", "barnrättsfrågor" in "Barnrättsanalysen och frågor"; a head no passage holds is
    its own two parts ("barnkonsekvensanalys": barn, konsekvens, analys), a modifier no passage
    holds its own split ("socialmediekonton": social, medium, konto). A dictionary word is no
    coined compound ("kompass" is not in "kom med sitt pass"), nor is a word the passages write."""
    es, idx, analyze = probe
    many = _many(es, idx)

    def freq(fields: tuple[str, ...]) -> Any:
        def count(terms: tuple[str, ...]) -> dict[str, int]:
            res = es.termvectors(index=idx, doc={f.split(".")[0]: " ".join(terms) for f in fields},
                                 fields=list(fields), per_field_analyzer=dict.fromkeys(fields, "whitespace"),
                                 term_statistics=True)
            out: dict[str, int] = {}
            for f in fields:
                for t, v in res["term_vectors"].get(f, {}).get("terms", {}).items():
                    out[t] = max(out.get(t, 0), v.get("doc_freq", 0))
            return out
        return count

    def kq(q: str, held: bool = True) -> KeywordQuery:
        return KeywordQuery(q, analyze, many, doc_freq=freq(("text", "text_folded")),
                            held_freq=freq(("text", "text.parts")) if held else None)

    def ids(q: str, held: bool = True) -> list[str]:
        return sorted(h["_id"] for h in es.search(index=idx, query=kq(q, held).exact_clause())["hits"]["hits"])

    assert kq("söderortscykeltrafik").compounds()["söderortscykeltrafik"].parts == ("söderort", "cykeltrafik")
    assert kq("barnrättsfrågor").compounds()["barnrättsfrågor"].parts == ("barnrätt", "fråga")
    assert kq("barnkonsekvensanalys").compounds()["barnkonsekvensanalys"].parts == ("barn", "konsekvens", "analys")
    assert ids("söderortscykeltrafik") == ["soder"] and ids("söderortscykeltrafik", held=False) == []
    assert ids("barnrättsfrågor") == ["barnratt"] and ids("barnrättsfrågor", held=False) == []
    assert ids("barnkonsekvensanalys") == ["konsekvens"]
    # a modifier no passage holds, split in turn, in the form compounds write it in ('medie' of medium)
    assert kq("socialmediekonton").compounds()["socialmediekonton"].parts == ("social", "medium", "konto")
    assert ids("socialmediekonton") == ["medier"] and ids("socialmediekonton", held=False) == []
    # the three parts marked where they stand, in the order the passage has them
    hit = es.search(index=idx, query={"ids": {"values": ["medier"]}},
                    highlight=kq("socialmediekonton").highlight())["hits"]["hits"][0]
    marked = re.findall(r"<mark>(\w+)</mark>", snippet(hit["_source"], hit.get("highlight")))
    assert marked == ["konton", "sociala", "medier"], marked
    # a modifier the dictionary knows is not split in turn: "kompassriktning" is no kom + pass + riktning
    assert ids("kompassriktning") == []
    assert "kompass" not in kq("kompass").compounds() and ids("kompass") == []
    # nor on an index made before text.misread, where every word counts as misspelt
    old = KeywordQuery("kompass", analyze, many, doc_freq=freq(("text", "text_folded")), misread=False,
                       held_freq=freq(("text", "text.parts")))
    assert old.compounds() == {}
    # split as the decompounder splits it where the passages hold its parts; none for a written word
    assert kq("lekplatsprogram").compounds() == {}
    assert kq("innerstadscykelplan").compounds()["innerstadscykelplan"].parts == ("innerstad", "cykelplan")
    assert ids("flygplats") == []


@pytest.fixture(scope="module")
def service(seeded_index, settings, query_encoder):
    return SearchService(seeded_index, settings, query_encoder)


@pytest.mark.parametrize("q", ["facebooksida", "närboendeforum"])
def test_the_page_finds_a_coined_compound_in_the_exact_block(service, client, q):
    """Södermalm's answer says 'Facebook. Största sidan på kanalen' and 'diskussionsforum för
    närboende' ('forum' a part of another compound): the words are in the exact block, counted -
    and the page does not say that no answer contains them. The parts are marked where they stand
    together, 'forum' inside 'diskussionsforum' too (``compounds.highlight_clause``)."""
    resp = service.search(SearchRequest(q=q, mode="hybrid"))
    assert resp.total_groups >= 1 and resp.total_answers >= 1
    hit = next(a for g in resp.groups for a in g.answers if a.council == "sodermalm")
    if q == "facebooksida":  # the parts stand in two sentences: the snippet is one of them
        assert re.search(r"<mark>(Facebook|sidan)</mark>", hit.best.snippet_html)
    else:  # "forum" marked inside "diskussionsforum", beside "närboende"
        assert re.search(r"<mark>diskussionsforum</mark>", hit.best.snippet_html), hit.best.snippet_html
    html = client.get(f"/?q={q}&mode=keyword").get_data(as_text=True)
    assert "Inget svar i arkivet innehåller" not in html


def test_the_page_reports_no_answer_for_a_compound_control(service, client):
    """'lekplatser' is nowhere in the seeds; 'flygplats' shares only 'plats' with words such as
    'arbetsplats' at most: no answer, and the page says so."""
    resp = service.search(SearchRequest(q="flygplatser", mode="keyword"))
    assert resp.total_groups == 0 and not resp.groups
    html = client.get("/?q=flygplatser&mode=keyword").get_data(as_text=True)
    assert "Inget svar i arkivet innehåller" in html



def test_the_page_names_the_answer_holding_a_coined_words_sides(service, client):
    """Skärholmen's scanned answer names "eSam" and, further on, its "riktlinjer": the
    decompounder cannot split "esamriktlinjer" ('esam' is in no dictionary), the archive's words
    can - the page names the answer as holding the word's parts on different places instead of
    saying that no answer contains it."""
    resp = service.search(SearchRequest(q="esamriktlinjer", mode="keyword"))
    named = {m.yttrande_id: [(w.word, w.parts) for w in m.words] for m in resp.parts_apart}
    assert named == {"seed-004": [("esamriktlinjer", ["esam", "riktlinje"])]}
    html = client.get("/?q=esamriktlinjer&mode=keyword").get_data(as_text=True)
    assert "ordets delar på olika ställen" in html and "Inget svar i arkivet innehåller" not in html
