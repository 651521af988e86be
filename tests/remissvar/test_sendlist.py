"""The sändlista reader (remissvar.sendlist): who a remiss was sent to, as a text words it."""
from __future__ import annotations

import datetime as dt

from remissvar.records import councils_on
from remissvar.sendlist import read_sendlist


def test_all_district_councils_expand_by_the_lineage_of_the_date() -> None:
    text = "Ärendet har remitterats till samtliga stadsdelsnämnder och trafiknämnden."
    on_2012 = read_sendlist(text, dt.date(2012, 5, 1))
    slugs_2012 = {b.council for b in on_2012 if b.council}
    assert {"alvsjo", "hagersten-liljeholmen", "sodermalm", "farsta", "skarholmen", "rinkeby-kista"} <= slugs_2012
    assert len([b for b in on_2012 if b.is_district_council]) == len(slugs_2012) == 14  # every one in the table
    assert on_2012[-1].name == "Trafiknämnden" and not on_2012[-1].is_district_council
    on_2021 = read_sendlist(text, dt.date(2021, 5, 1))
    slugs_2021 = {b.council for b in on_2021 if b.council}
    assert {"hagersten-alvsjo", "sodermalm", "farsta", "skarholmen", "norrmalm"} <= slugs_2021
    assert "alvsjo" not in slugs_2021 and "jarva" not in slugs_2021
    assert len([b for b in on_2021 if b.is_district_council]) == len(slugs_2021) == 13
    on_2024 = {b.council for b in read_sendlist(text, dt.date(2024, 5, 1)) if b.council}
    assert len(on_2024) == 11 and {"jarva", "norra-innerstaden"} <= on_2024 and "norrmalm" not in on_2024
    on_2004 = read_sendlist(text, dt.date(2004, 5, 1))
    names_2004 = {b.name for b in on_2004}
    assert "Maria-Gamla stans stadsdelsnämnd" in names_2004 and "Södermalms stadsdelsnämnd" not in names_2004
    assert len([b for b in on_2004 if b.is_district_council]) == 18
    undated = read_sendlist(text)
    assert [b.name for b in undated] == ["Samtliga stadsdelsnämnder", "Trafiknämnden"]


def test_sendlist_is_empty_when_nothing_says() -> None:
    assert read_sendlist("Stadsdelsnämnden överlämnar förvaltningens tjänsteutlåtande som svar på remissen.") == []
    assert len(councils_on(dt.date(2019, 12, 31))) == 14 and len(councils_on(dt.date(2020, 1, 1))) == 13


def test_sendlist_reads_folded_ocr_text() -> None:
    asked = read_sendlist("Arendet har aven remitterats till Skarholmens stadsdelsnamnd samt miljoforvaltningen.")
    assert [(b.name, b.council) for b in asked] == [("Skarholmens stadsdelsnamnd", "skarholmen"),
                                                     ("Miljoforvaltningen", None)]
