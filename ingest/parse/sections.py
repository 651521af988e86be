"""Sections of a document from its headings: a vocabulary learned from the real documents
(tests/fixtures/real-documents) and the seeds, plus layout cues.

A line is a heading when it is a known heading (matched on diacritic-folded text, fuzzily
for OCR) or when the PDF sets it bold or larger on its own line (``PageText.headings``).
Unknown headings are kept under their own name, not folded into the previous section.
"""
from __future__ import annotations

import difflib
import re

from remissvar.records import Section
from remissvar.textnorm import fold, squash

# Headings as printed; the Stockholm tjänsteutlåtande (seeds) and Alingsås tjänsteskrivelser,
# yttranden and protocols (real documents).
HEADINGS: list[str] = [
    # Stockholm tjänsteutlåtande (seeds)
    "Förvaltningens förslag till beslut",
    "Sammanfattning",
    "Bakgrund",
    "Ärendet",
    "Ärendets beredning",
    "Förvaltningens synpunkter och förslag",
    "Synpunkter och förslag",
    "Förvaltningens synpunkter",
    "Barnrättsanalys",
    "Jämställdhetsanalys",
    "Ekonomiska konsekvenser",
    "Bilagor",
    "Beslut",
    "Reservation",
    "Särskilt uttalande",
    # Alingsås tjänsteskrivelse / yttrande / protocol (real documents)
    "Ärendebeskrivning",
    "Beskrivning av ärendet",
    "Förvaltningens yttrande",
    "Yttrande",
    "Motivering till yttrande",
    "Motivering",
    "Ekonomisk bedömning",
    "Förslag till beslut",
    "Beslutsunderlag",
    "Beredning",
    "Beslutet ska skickas till",
    "Expedieras till",
    "Protokollsanteckning",
    "Särskilt yttrande",
]
_FOLDED = {fold(h): h for h in HEADINGS}
# printed variants -> the vocabulary's name
_ALIASES = {
    "beslutet sk skickas till": "Beslutet ska skickas till",  # a typo in a real tjänsteskrivelse
    "forslag till beslut i kommunfullmaktige": "Förslag till beslut i kommunfullmäktige",
}

# The administration's own view: the sections a position is read from, best first.
VIEW_SECTIONS: tuple[str, ...] = (
    "Förvaltningens synpunkter och förslag", "Synpunkter och förslag", "Förvaltningens synpunkter",
    "Förvaltningens yttrande", "Yttrande", "Motivering till yttrande", "Motivering",
    "Sammanfattning", "Förvaltningens förslag till beslut", "Förslag till beslut",
)


def match_heading(line: str) -> str | None:
    """The vocabulary's name for a heading line, or None (fuzzy on folded text for OCR)."""
    s = squash(line).rstrip(":").strip()
    f = fold(s)
    if not f or len(f) > 45 or not s[0].isupper():
        return None
    if f in _FOLDED:
        return _FOLDED[f]
    if f in _ALIASES:
        return _ALIASES[f]
    best = difflib.get_close_matches(f, list(_FOLDED), n=1, cutoff=0.86)
    return _FOLDED[best[0]] if best else None


def _layout_heading(line: str, cues: set[str]) -> str | None:
    """A line the PDF sets as a heading (bold/larger, own line) that the vocabulary does not know."""
    s = squash(line)
    if s not in cues or len(s) > 60 or not s[0].isupper() or s.endswith((".", ",")):
        return None
    if re.fullmatch(r"[\d\s().:/-]+", s):
        return None
    return s.rstrip(":")


def split_sections(lines: list[tuple[int, str]], cues: set[str] | None = None,
                   ) -> tuple[list[tuple[int, str]], list[Section]]:
    """Split (page, line) pairs at headings -> (preamble lines, sections).

    ``cues``: lines the PDF sets as headings (bold or larger); those not in the vocabulary
    become sections under their own name."""
    cues = cues or set()
    preamble: list[tuple[int, str]] = []
    sections: list[Section] = []
    current: Section | None = None
    body: list[str] = []
    for page, line in lines:
        heading = match_heading(line) or _layout_heading(line, cues)
        if heading:
            if current is not None:
                current.text = join_lines(body)
                sections.append(current)
            current, body = Section(name=heading, text="", page=page), []
        elif current is None:
            preamble.append((page, line))
        else:
            body.append(line)
    if current is not None:
        current.text = join_lines(body)
        sections.append(current)
    return preamble, sections


def join_lines(lines: list[str]) -> str:
    """Join lines into paragraphs: blank lines separate paragraphs."""
    paras: list[str] = []
    cur: list[str] = []
    for ln in lines:
        if ln.strip():
            cur.append(ln.strip())
        elif cur:
            paras.append(" ".join(cur))
            cur = []
    if cur:
        paras.append(" ".join(cur))
    return "\n\n".join(paras)
