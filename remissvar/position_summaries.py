"""Summaries of many answers: who was asked, and each body's view, from one text.

Kommunstyrelsens and kommunfullmäktiges utlåtanden, stadsbyggnadskontorets
samrådsredogörelser and a förvaltning's summary of others' views list the bodies a remiss
went to ("Ärendet har remitterats till …", "… som har underremitterat ärendet till …") and
state their views in sentences that name several bodies ("X, Y samt Z tillstyrker …",
"Övriga remissinstanser har inget att erinra", "Samtliga utom X har svarat").

- ``bodies_asked(text)``: the names in the list of bodies asked (the sändlista) and the
  bodies a recipient sent it on to;
- ``read_summary(text)``: the list and each body's view (``remissvar.positions.BodyPosition``):
  named views from ``classify_position(...).others``, and a group sentence ("Övriga
  remissinstanser har inget att erinra", "Övriga instanser tillstyrker") given to every body
  asked that no other sentence names.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from remissvar.bodies import body_key, body_mentions, same_body
from remissvar.positions import NOBODY, BodyPosition, classify_sentence
from remissvar.records import Position
from remissvar.sendlist import read_sendlist
from remissvar.textnorm import fold, sentences, squash

__all__ = ["SummaryReading", "bodies_asked", "read_summary"]

_SUB_ASKED = re.compile(r"\bunderremitter\w*\s+(?:\w+\s+){0,3}till\s+(?P<list>[^.;]{3,300})")
_REST = re.compile(r"^\s*(?:de\s+)?(?:ovriga|aterstaende|resterande)\s+(?:\w+\s+)?(?:remissinstanser\w*|instanser\w*|"
                   r"namnder\w*|stadsdelsnamnder\w*|bolag\w*)\b")


@dataclass(frozen=True)
class SummaryReading:
    """The bodies asked (as printed) and each body's view the summary states."""

    asked: list[str] = field(default_factory=list)
    positions: list[BodyPosition] = field(default_factory=list)


def bodies_asked(text: str) -> list[str]:
    """The bodies a remiss was sent to, as the text prints them: the sändlista sentence
    ("Ärendet har remitterats till stadsledningskontoret, utbildningsnämnden, Farsta och
    Skärholmens stadsdelsnämnder samt Stockholms Stadshus AB") and the bodies it was sent on
    to ("som har underremitterat ärendet till AB Svenska Bostäder")."""
    names = [b.name for b in read_sendlist(text) if not re.match(r"(?i)som\b|.*underremitt", b.name)]
    flat = squash(text.replace("\n", " "))
    for m in _SUB_ASKED.finditer(fold(flat)):
        start, end = m.span("list")
        for b in body_mentions(flat[start:end]):
            names.append(squash(flat[start + b.start:start + b.end]))
    out: list[str] = []
    for name in names:
        name = _district_singular(name)
        if not any(same_body(name, o) for o in out):
            out.append(name)
    return out


def _district_singular(name: str) -> str:
    """'Farsta' and 'Skärholmens stadsdelsnämnder' in a list are each a stadsdelsnämnd."""
    k = body_key(name)
    if k.startswith("sdn:") and "stadsdels" not in fold(name):
        return f"{name} stadsdelsnämnd"
    return re.sub(r"stadsdelsnämnder(na)?$", "stadsdelsnämnd", name)


def read_summary(text: str) -> SummaryReading:
    """Who was asked and each body's stated view (``state`` "ej_svar" for a body said not to
    have answered); a group sentence ("Övriga remissinstanser har inget att erinra") covers the
    bodies asked that no other sentence names."""
    asked = bodies_asked(text)
    found: list[BodyPosition] = []
    rest: list[tuple[Position, str]] = []
    for sent in sentences(text):
        sp = classify_sentence(sent, body=NOBODY)  # no body is the reader's own: every view is another's
        for o in sp.others:
            if not any(same_body(o.body, f.body) for f in found):
                found.append(o)
        if _REST.match(fold(sent)):
            group = classify_sentence(re.sub(r"^\W*\w+\s+(?:\w+\s+)?\w+", "Förvaltningen", sent, count=1))
            if group.position is not Position.OKLART:
                rest.append((group.position, sent))
    for position, sent in rest:
        for name in asked:
            if not any(same_body(name, f.body) for f in found):
                found.append(BodyPosition(name, position, sent))
    return SummaryReading(asked=asked, positions=found)
