"""The sändlista: which bodies a remiss was sent to, as a text words it (core vocabulary).

Answers say it in passing ("Ärendet har även remitterats till Farsta stadsdelsnämnd och
trafiknämnden"), utlåtanden in a sentence of their own ("Ärendet har remitterats till …",
"Motionen har skickats på remiss till …"); "samtliga stadsdelsnämnder" stands for the district
councils of the date (``remissvar.records.councils_on``). ``read_sendlist`` is the one reader of
that phrasing: the index stage (``ingest.parse.structure``), the summaries (``ingest.summaries``,
``remissvar.position_summaries``) and so the remiss page's list of who was asked
(``search_api.asked``) all go through it. An empty result means "sändlista okänd".
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from remissvar.records import council_from_name, councils_on
from remissvar.textnorm import fold, squash

__all__ = ["SendlistEntry", "read_sendlist"]


def _short_key(name: str) -> str:
    return re.sub(r"[^a-z]+", "", fold(name))


@dataclass(frozen=True)
class SendlistEntry:
    """A body a remiss was sent to, with the sentence that says so."""

    name: str  # "Farsta stadsdelsnämnd", "Stadsledningskontoret"
    council: str | None  # archive slug when it is a council of the archive
    is_district_council: bool
    source: str  # the sentence it was read from
    expanded: bool = False  # from "samtliga stadsdelsnämnder"


_ASKED = re.compile(
    # the subject before "har" ("Ärendet", "Motionen", any word) is one bounded word from a word start:
    # a long run of letters is tried once, not from each of its letters
    r"(?:\b[a-z]{1,40}\s+)?har\s+(?:aven\s+|ocksa\s+|dessutom\s+)?"
    r"(?:remitterats|skickats(?:\s+pa\s+remiss)?|sants(?:\s+pa\s+remiss)?|gatt\s+ut\s+pa\s+remiss)"
    r"\s+till\s+(?P<list>[^.;]+)")
_HAS = re.compile(r"(?i)\bhar\s")
_ALL_DISTRICTS = re.compile(r"\b(samtliga|alla|ovriga|stadens)\s+stadsdelsnamnder(na)?\b")
_DISTRICT_HEAD = re.compile(r"stadsdels(namnd|namnden|forvaltning|forvaltningen)\b")


def _clean_body(name: str) -> str:
    s = squash(name).strip(" ,.;:")
    s = re.sub(r"^(bland annat|bl\.? ?a\.?|även|också)\s+", "", s, flags=re.I)
    s = re.sub(r"\s+-\s+", "-", s)
    s = re.sub(r"\s*–\s*", "-", s)
    return s[:1].upper() + s[1:]


def read_sendlist(text: str, on_date: dt.date | None = None) -> list[SendlistEntry]:
    """The bodies a remiss was sent to, from the sentences that list them ("Ärendet har
    även remitterats till …", "Motionen har även remitterats till …", "… skickats på remiss
    till …"); "samtliga stadsdelsnämnder" is expanded to the councils that existed on
    ``on_date`` (without a date it stays one entry). Empty: the text does not say
    ("sändlista okänd")."""
    flat = squash(text.replace("\n", " "))
    if not _HAS.search(flat):  # every list sentence says "har …": nothing to fold and scan
        return []
    folded = fold(flat)
    out: list[SendlistEntry] = []
    seen: set[str] = set()

    def add(body: SendlistEntry) -> None:
        k = _short_key(body.name)
        if k not in seen:
            seen.add(k)
            out.append(body)

    for m in _ASKED.finditer(folded):
        start, end = m.span("list")
        original = flat[start:end]
        sentence = squash(flat[m.start():end + 1])
        parts = re.split(r",\s*|\s+och\s+|\s+samt\s+", original)
        for part in parts:
            name = _clean_body(part)
            if not name or len(name) < 3:
                continue
            fpart = fold(name).lower()
            if _ALL_DISTRICTS.search(fpart) or fpart.startswith("stadsdelsnamnderna"):
                if on_date is None:
                    add(SendlistEntry("Samtliga stadsdelsnämnder", None, True, sentence))
                    continue
                for c in councils_on(on_date):  # the lineage table's councils of that date
                    add(SendlistEntry(c.name, c.slug, True, sentence, expanded=True))
                continue
            is_district = bool(_DISTRICT_HEAD.search(fpart))
            add(SendlistEntry(name, council_from_name(name) if is_district else None, is_district, sentence))
    return out
