"""A document's kind from its content and, when known, the link text it was listed under.

Cues read from real documents (tests/fixtures/real-documents, the seeds) and the link
texts of the meeting pages (README of shared/: "Tjänsteutlåtande", "Protokollsutdrag §
14", the motion, the remiss letter beside the answer):
- protokoll: "Protokoll" at the top and an attendance list (Beslutande / Justerande);
- protokollsutdrag: "Protokollsutdrag" / "Utdrag ur protokoll" at the top, or paragraphs
  without an attendance list;
- yttrande: "Yttrande" alone at the top (before the header block);
- tjänsteskrivelse / tjänsteutlåtande: the word printed at the top or in the sign-off
  ("Godkännare tjänsteskrivelse"), or an answer's headings;
- motion: "Motion" at the top and no answer headings; remissmaterial: a remiss letter or
  a document sent out for comments ("Remiss", "Remissinstanser", "Sändlista", "Svar
  senast"), when it is not itself an answer.
"""
from __future__ import annotations

import re

from remissvar.records import DocumentKind
from remissvar.textnorm import fold, squash

_LINK_CUES: list[tuple[re.Pattern[str], DocumentKind]] = [
    (re.compile(r"protokollsutdrag|utdrag ur protokoll|^§\s*\d"), DocumentKind.PROTOKOLLSUTDRAG),
    (re.compile(r"\bprotokoll\b"), DocumentKind.PROTOKOLL),
    (re.compile(r"tjansteutlatande"), DocumentKind.TJANSTEUTLATANDE),
    (re.compile(r"tjansteskrivelse"), DocumentKind.TJANSTESKRIVELSE),
    (re.compile(r"\byttrande\b"), DocumentKind.YTTRANDE),
    (re.compile(r"^(?:svar pa )?remiss(?:missiv|brev|handling\w*)?\b(?! av motion)|"
                r"remissmissiv|remissversion|sandlista"),
     DocumentKind.REMISSMATERIAL),
    (re.compile(r"^motion\b|\bmotion fran\b"), DocumentKind.MOTION),
    (re.compile(r"\bbilaga\b"), DocumentKind.BILAGA),
]
_ANSWER_HEADINGS = re.compile(
    r"(?m)^(?:forvaltningens (?:forslag till beslut|synpunkter|yttrande)|synpunkter och forslag|"
    r"forslag till beslut|motivering till yttrande|svar pa remiss)\b")
_MATERIAL = re.compile(r"\bremissinstanser\b|\bsandlista\b|\bremissvar(?:et)? (?:ska|skall) ha kommit in\b|"
                       r"\bsvar(?:et)? senast\b|\bsynpunkter (?:ska|skall) ha inkommit\b")


def kind_from_link(link_text: str) -> DocumentKind | None:
    """The kind a link text names ("Tjänsteutlåtande", "Protokollsutdrag § 14"), or None."""
    f = fold(squash(link_text))
    f = re.sub(r"\.pdf\b", "", f)
    if f.startswith(("svar pa motion", "motionssvar", "svar pa remiss")):
        return None  # an answer: the content tells which kind
    for rx, kind in _LINK_CUES:
        if rx.search(f):
            return kind
    return None


def detect_kind(pages_text: list[str], *, running_lines: list[str] | None = None,
                link_text: str | None = None) -> DocumentKind:
    """The document's kind: the content decides, the link text where the content is silent."""
    first = pages_text[0] if pages_text else ""
    top_lines = [fold(squash(ln)) for ln in (running_lines or []) + first.splitlines()[:14] if ln.strip()]
    full = fold("\n".join(pages_text))
    tail = fold("\n".join(pages_text)[-600:])
    has_attendance = re.search(r"(?m)^(?:beslutande|justerande|utses att justera|narvarande)\b", full) is not None
    # indentation within the line only: a ``\s*`` spanning newlines rescanned a run of blank
    # lines from each of its starts (30,000 newlines: seconds)
    has_paragraphs = re.search(r"(?m)^[^\S\n]*§\s*\d+", full) is not None
    if any(ln.startswith(("protokollsutdrag", "utdrag ur protokoll")) for ln in top_lines):
        return DocumentKind.PROTOKOLLSUTDRAG
    if any(ln in ("protokoll", "sammantradesprotokoll") or ln.startswith("protokoll ") for ln in top_lines):
        if has_attendance:
            return DocumentKind.PROTOKOLL
        if has_paragraphs:
            return DocumentKind.PROTOKOLLSUTDRAG
    if any(ln.startswith("tjansteutlatande") for ln in top_lines):
        return DocumentKind.TJANSTEUTLATANDE
    if any(ln.startswith("tjansteskrivelse") for ln in top_lines) or "godkannare tjansteskrivelse" in tail:
        return DocumentKind.TJANSTESKRIVELSE
    if any(fold(squash(ln)) == "yttrande" for ln in first.splitlines()[:4]):
        return DocumentKind.YTTRANDE
    if _ANSWER_HEADINGS.search(full):
        return DocumentKind.TJANSTEUTLATANDE
    if any(ln == "motion" or ln.startswith("motion om ") or ln.startswith("motion till ") for ln in top_lines):
        return DocumentKind.MOTION
    if _MATERIAL.search(full):
        return DocumentKind.REMISSMATERIAL
    linked = kind_from_link(link_text) if link_text else None
    return linked or DocumentKind.OKAND
