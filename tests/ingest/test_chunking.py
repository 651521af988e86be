"""What a passage's vector is made from (``ingest.chunking.embedding_text``, issue 29): its text
followed by the title of the remiss it answers; the stored passage text stays as it was."""
from __future__ import annotations

from ingest.chunking import chunk_yttrande, embedding_text
from remissvar.records import Passage, RemissInfo, Section, Yttrande

TITLE = "Motion (2012:6) om inrättande av kombolägenheter i Stockholm"


def _answer(title: str | None) -> Yttrande:
    return Yttrande(id="y-1", council="alvsjo", remiss=RemissInfo(id="r-1", title=title), sections=[
        Section(name="Inledning", text=f"Remiss av {TITLE} Svar på remiss från Kommunstyrelsen, dnr 316-259/2012"),
        Section(name="Förvaltningens synpunkter och förslag", text="Förvaltningen har inga synpunkter på motionen."),
    ])


def test_a_passage_is_embedded_with_the_matter_it_answers() -> None:
    y = _answer(TITLE)
    heading, view = chunk_yttrande(y)
    assert view.text == "Förvaltningen har inga synpunkter på motionen."  # the stored text: the passage's own
    assert embedding_text(y, view) == f"Förvaltningen har inga synpunkter på motionen. ({TITLE})"
    assert embedding_text(y, heading) == heading.text  # it already names the matter: not twice


def test_no_title_or_the_title_in_other_spacing_or_case() -> None:
    p = Passage(id="p", yttrande_id="y-1", ordinal=0, text="Förvaltningen avstyrker motionen.")
    assert embedding_text(_answer(None), p) == p.text
    assert embedding_text(_answer("  "), p) == p.text
    named = Passage(id="q", yttrande_id="y-1", ordinal=1, text="Om MOTION (2012:6) om inrättande av\nkombolägenheter "
                    "i Stockholm anser förvaltningen inget.")
    assert embedding_text(_answer(TITLE), named) == named.text
