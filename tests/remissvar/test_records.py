"""The council table (``remissvar.records.COUNCILS``): every district since 1997, its lineage
and eras in one place (issue 30 point 5, issue 33's one lineage table)."""
from __future__ import annotations

import datetime as dt

from remissvar.records import COUNCILS, ERAS, council_keys, council_lineage, councils_on


def test_lineage_back_to_1997_in_one_table() -> None:
    assert council_lineage("sodermalm") == ["sodermalm", "maria-gamla-stan", "katarina-sofia"]
    assert council_lineage("hagersten-alvsjo") == [
        "hagersten-alvsjo", "hagersten-liljeholmen", "alvsjo", "hagersten", "liljeholmen"]
    assert council_keys("hagersten") == ["hagersten", "hagersten-liljeholmen", "hagersten-alvsjo"]
    assert council_keys("alvsjo") == ["alvsjo", "hagersten-alvsjo"]
    assert council_keys("maria-gamla-stan") == ["maria-gamla-stan", "sodermalm"]
    assert council_keys("farsta") == ["farsta"]
    # July 2023: Järva from Rinkeby-Kista (itself from Rinkeby and Kista) and Spånga-Tensta, Norra
    # innerstaden from Norrmalm and Östermalm
    assert council_lineage("jarva") == ["jarva", "rinkeby-kista", "spanga-tensta", "rinkeby", "kista"]
    assert council_lineage("norra-innerstaden") == ["norra-innerstaden", "norrmalm", "ostermalm"]
    assert council_keys("kista") == ["kista", "rinkeby-kista", "jarva"]
    for c in COUNCILS.values():
        # successor and lineage agree, and a predecessor ends the day before its successor begins
        for pred in c.lineage:
            assert COUNCILS[pred].successor == c.slug
            end = COUNCILS[pred].to_date
            assert end is not None and c.from_date == end + dt.timedelta(days=1), (pred, c.slug)
        assert c.from_date is not None and c.from_date >= dt.date(1997, 1, 1)
        assert not (c.standalone and c.lineage)  # a council with predecessors does not stand alone


def test_the_eras_and_their_councils() -> None:
    """18 councils in 1999-2006, 14 in 2007-2019, 13 from 2020, 11 since July 2023; of the 24 of
    1997-1998 the table holds only those whose continuity is established (Farsta, Skärholmen):
    every other council of 1999 stands alone."""
    for era in ERAS[1:]:
        for day in (era.start, era.end or dt.date(2026, 1, 1)):
            assert len(councils_on(day)) == era.councils, (era.label, day)
    assert [c.slug for c in COUNCILS.values() if c.from_date == dt.date(1997, 1, 1)] == ["skarholmen", "farsta"]
    assert {c.slug for c in councils_on(dt.date(1999, 1, 1)) if not c.standalone} == {"skarholmen", "farsta"}
    assert councils_on(dt.date(1998, 5, 1)) == councils_on(dt.date(1999, 1, 1))  # the 24 are not established
    assert COUNCILS["alvsjo"].eras() == ["1999–2006", "2007–2019"]
    assert COUNCILS["rinkeby-kista"].eras() == ["2007–2019", "2020–juni 2023"]
    assert COUNCILS["farsta"].eras() == [e.label for e in ERAS]
    assert COUNCILS["jarva"].eras() == ["juli 2023–"] and not COUNCILS["jarva"].standalone
