"""Whose view a sentence states (issue 19.5): sentences from the real documents."""
from __future__ import annotations

import pytest

from ingest.parse.whose_view import own_view_text, reports_other_view


@pytest.mark.parametrize("sentence,why", [
    ("Tekniska nämnden beslutade den 15 december, § 65 att avstyrka motionen.", "other_body"),
    ("Kommunfullmäktige lämnade motionen till kommunstyrelsen för beredning den 24 september, § 204.", "other_body"),
    ("Avslås motionen medför ärendet inga ekonomiska kostnader.", "cost"),
    ("Förslag att avslå motionen innebär inga kostnader.", "cost"),
    ("Förslag att bifalla motionen innebär inledningsvis kostnader för att utreda om det är möjligt att införa "
     "laddstationer.", "cost"),
    ("Motionären föreslår följande:", "motion"),
    ("I samrådsunderlaget anges att minskade extrema nivåer och flöden bedöms kunna vara positiva även för ekologin.",
     "material"),
    ("Kommunledningskontoret föreslår att båda förslagen i motionen ska avslås.", None),
    ("Kultur- och utbildningsförvaltningen föreslår att motionen tillstyrks i dess helhet.", None),
    ("Kultur- och utbildningsnämnden tillstyrker motionen.", None),
    ("Förvaltningen ställer sig också positiv till att det i policyn understryks hur kommunikationsansvaret ser ut.",
     None),
])
def test_reports_other_view(sentence, why):
    assert reports_other_view(sentence) == why


def test_the_answering_body_itself_is_kept():
    s = "Kultur- och utbildningsnämnden beslutade att tillstyrka motionen."
    assert reports_other_view(s, own_bodies=("Kultur- och utbildningsnämnden",)) is None
    assert reports_other_view(s) == "other_body"


def test_own_view_text_keeps_paragraphs():
    text = ("Tekniska nämnden beslutade den 15 december att avstyrka motionen. Förvaltningen delar inte den "
            "bedömningen.\n\nFörvaltningen föreslår att motionen bifalls.")
    assert own_view_text(text) == ("Förvaltningen delar inte den bedömningen.\n\n"
                                   "Förvaltningen föreslår att motionen bifalls.")
