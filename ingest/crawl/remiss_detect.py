"""Which agenda items are answers to a remiss, and what the item says about the remiss."""
from __future__ import annotations

import re

from ingest.crawl.model import AgendaItem
from remissvar.textnorm import fold

_REMISS_HEADINGS = ("remisser", "remissarenden", "remissvar", "yttranden over remisser")
_REMISS_TEXT = re.compile(
    r"\bremiss\b|\bremiss (fran|av|om)\b|svar pa remiss|\bremissvar\b|\byttrande over\b|\bremitterad", re.I
)
_NOT_REMISS = re.compile(r"\b(delegationsbeslut|anmalan av|protokollsjustering|val av justerare)\b", re.I)
_FROM = re.compile(
    r"[Rr]emiss från ([A-ZÅÄÖ][^,.;]*?)(?:,|\.|\s+dnr|\s*$)"
)
_DNR = re.compile(r"\bdnr:?\s*([A-ZÅÄÖa-zåäö]{0,5}\s?\d(?:[\d.:/-]*\d)?)", re.I)
_KS_DNR = re.compile(r"\b((?:KS|KF|[A-ZÅÄÖ]{2,5})\s\d{4}/\d{1,6})\b")


def classify(item: AgendaItem) -> AgendaItem:
    """Fill dnr's, remitting body and dnr, and ``is_remiss_answer`` from the item's text."""
    text = item.title
    folded = fold(text)
    heads = [fold(h) for h in item.headings]
    in_remiss_heading = any(h.strip(" :").startswith(_REMISS_HEADINGS) for h in heads)
    item.is_remiss_answer = (in_remiss_heading or bool(_REMISS_TEXT.search(folded))) and not _NOT_REMISS.search(folded)
    dnrs = [d.strip() for d in _DNR.findall(text)]
    dnrs += [d for d in _KS_DNR.findall(text) if d not in dnrs]
    item.dnrs = list(dict.fromkeys(dnrs))
    m = _FROM.search(text)
    if m:
        item.remitting_body = m.group(1).strip()
        after = text[m.end(1) : m.end(1) + 60]
        found = [m for m in (_DNR.search(after), _KS_DNR.search(after)) if m]
        nearest = min(found, key=lambda m: m.start()) if found else None
        item.remitting_dnr = nearest.group(1).strip() if nearest else None
    return item
