"""remissvar.bodies reads district names from the lineage table; its own list holds only the
names that table does not."""
from __future__ import annotations

from remissvar.bodies import OTHER_DISTRICT_NAMES, body_mentions
from remissvar.records import COUNCILS
from remissvar.textnorm import fold


def test_other_district_names_repeat_no_council_name() -> None:
    councils = {fold(n) for c in COUNCILS.values() for n in (c.short, *c.aliases)}
    assert not councils & {fold(n) for n in OTHER_DISTRICT_NAMES}


def test_a_council_by_its_short_name_and_an_earlier_district_by_its_own() -> None:
    keys = [m.key for m in body_mentions("Hägersten-Älvsjö och Hässelby har avstyrkt förslaget.")]
    assert keys == ["sdn:hagersten-alvsjo", "sdn:hasselby"]
