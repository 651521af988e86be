"""A protocol paragraph (protokollsutdrag, "§ N"): the council's decision and each
party's reservation or särskilt uttalande.

Stockholm's protocols write a paragraph as: "§ 12 <title> Dnr …", a "Beslut" block with
numbered decisions, then blocks headed "Reservation", "Särskilt uttalande" or
"Ersättaryttrande" where members are named with their party in parentheses.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from remissvar.textnorm import fold, squash
from remissvar.records import PARTIES, Reservation

_PARTY = r"\((" + "|".join(PARTIES) + r")\)"
_BLOCKS = {
    "beslut": "beslut",
    "reservation": "reservation",
    "sarskilt uttalande": "särskilt uttalande",
    "ersattaryttrande": "ersättaryttrande",
}
_HEAD = re.compile(r"(?im)^\s*(beslut|reservation(?:er)?|s\w{1,2}rskilt uttalande|s\w{1,2}rskilda uttalanden|ers\w{1,2}ttaryttrande(?:n)?)\s*:?\s*$")
_PARAGRAPH_NO = re.compile(r"§\s*(\d+)")


@dataclass
class ProtocolParagraph:
    number: int | None
    decision: str | None
    reservations: list[Reservation] = field(default_factory=list)


def parse_protocol_paragraph(text: str) -> ProtocolParagraph:
    """Decision and reservations of one paragraph; fields stay empty when not stated."""
    m = _PARAGRAPH_NO.search(text)
    number = int(m.group(1)) if m else None
    heads = list(_HEAD.finditer(text))
    decision = None
    reservations: list[Reservation] = []
    for i, h in enumerate(heads):
        body = text[h.end() : heads[i + 1].start() if i + 1 < len(heads) else len(text)].strip()
        key = fold(h.group(1)).rstrip(":")
        key = "reservation" if key.startswith("reservation") else key
        key = "sarskilt uttalande" if key.startswith("sarskil") else key
        key = "ersattaryttrande" if key.startswith("ersattaryttrande") else key
        kind = _BLOCKS.get(key)
        if kind == "beslut":
            decision = squash(body)
        elif kind:
            for para in [p for p in re.split(r"\n\s*\n", body) if p.strip()]:
                parties = list(dict.fromkeys(re.findall(_PARTY, para)))
                for party in parties or ["okänt"]:
                    reservations.append(Reservation(party=party, kind=kind, text=squash(para)))
    return ProtocolParagraph(number=number, decision=decision, reservations=reservations)
