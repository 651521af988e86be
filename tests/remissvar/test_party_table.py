"""Parties are spelled in one table (remissvar.records: PARTIES, PARTY_ABBREVIATIONS, PARTY_NAMES):
a spelling any reader accepts - motion titles, the search's party words, protocol decisions,
protocol statements and authors - is in it, and no module writes a table of its own."""
from __future__ import annotations

import re
import string
from itertools import product
from pathlib import Path

from ingest.parse import protocol, structure
from remissvar import positions
from remissvar.records import PARTIES, PARTY_ABBREVIATIONS, PARTY_NAMES, party_code
from remissvar.remiss_fields import parties_in
from remissvar.textnorm import fold

ROOT = Path(__file__).resolve().parents[2]
# every token of one to three letters, and the table's own abbreviations
TOKENS = sorted({"".join(t) for n in (1, 2, 3) for t in product(string.ascii_lowercase, repeat=n)}
                | set(PARTY_ABBREVIATIONS))


def test_the_table_is_whole() -> None:
    assert {fold(p) for p in PARTIES} <= set(PARTY_ABBREVIATIONS)
    assert set(PARTY_ABBREVIATIONS.values()) <= set(PARTIES)
    assert set(PARTY_NAMES.values()) <= set(PARTIES)
    assert all(k == fold(k) for k in PARTY_ABBREVIATIONS)  # folded keys: readers fold before looking up
    assert PARTY_ABBREVIATIONS["kds"] == "KD"  # Kristdemokratiska samhällspartiet's abbreviation


def test_every_abbreviation_a_reader_accepts_is_in_the_table() -> None:
    for tok in TOKENS:
        code = PARTY_ABBREVIATIONS.get(tok)
        want = [code] if code else []
        assert parties_in(f"Motion av Anna Ek ({tok.upper()}) om parker") == want, tok  # motion titles
        assert party_code(tok.upper()) == code, tok  # the search's party words, the suggestions
        assert positions._parties(f"Reservation ({tok.upper()})") == want, tok  # protocol decisions
        assert positions._parties(f"{tok.upper()}-gruppen reserverar sig") == want, tok


def test_protocol_readers_take_the_codes_as_printed() -> None:
    """The protocol's statement headings and author lines read "(S)", "(Fi)": codes of the table."""
    for tok in TOKENS:
        for printed in {tok, tok.upper(), tok.capitalize()}:
            code = printed if printed in PARTIES else None
            m = protocol._PARTY.fullmatch(f"({printed})")
            assert (m.group(1) if m else None) == code, printed
            a = structure.AUTHOR_PARTY.fullmatch(f"Anna Ek ({printed})")
            assert (a.group(2) if a else None) == code, printed


def test_every_name_a_reader_accepts_is_in_the_table() -> None:
    for name, code in PARTY_NAMES.items():
        assert party_code(name) == code and party_code(fold(name)) == code, name
        found = positions._parties(f"Reservation av {name}")
        # "Folkpartiet liberalerna" reads as FP and L (its second word is L's name): the first is its own
        assert found[:1] == [code] and set(found) <= set(PARTIES), name
    # the decision reader finds names by word stems: each stem leads to a name in the table
    stems = [s.removesuffix(r"\w*") for s in positions._NAME_PARTY.pattern.strip(r"\b()").split("|")]
    names = [fold(n).lower() for n in PARTY_NAMES]
    for stem in stems:
        assert any(n.startswith(stem) or stem.startswith(n[:8]) for n in names), stem
    assert party_code("Kristdemokratiska") is None  # a stem alone is no spelling of the table's


def test_no_module_writes_a_party_table_of_its_own() -> None:
    codes = "|".join(PARTIES)
    entry = re.compile(r"""["'][^"'\n]{1,40}["']\s*:\s*["'](?:""" + codes + r""")["']""")
    found = [f"{p.relative_to(ROOT)}:{n}" for pkg in ("remissvar", "search_api", "ingest", "web", "remissvar_cli")
             for p in sorted((ROOT / pkg).rglob("*.py"))
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if entry.search(line)]
    assert found and all(f.startswith("remissvar/records.py:") for f in found), found
