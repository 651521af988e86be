"""Which entries of kommunstyrelsen's and kommunfullmäktige's meetings carry an utlåtande.

Those sources (``Source.role == "summaries"``) are not councils answering remisser: an
entry matters when one of its attachments is an *utlåtande* (or a samrådsredogörelse), the
remitting side's summary of the answers (../shared/README.md, "Kommunstyrelsens
utlåtanden"). Its files are stored as ``DocumentKind.UTLATANDE`` and read by
``ingest.summaries``; a tjänsteutlåtande on those pages is kommunstyrelsen's own work, not a
remiss answer, and is not stored.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from ingest.crawl.model import AgendaItem, DocumentLink, Meeting
from remissvar.records import DocumentKind
from remissvar.textnorm import fold

SUMMARIES = "summaries"  # Source.role of kommunstyrelsen and kommunfullmäktige
_SUMMARY = re.compile(r"^(?:utlatande|samradsredogorelse)\b")


def is_summary_document(url: str, label: str) -> bool:
    """An utlåtande ("Utlåtande 2025:31 RV", ``…/agenda/utlatande-2025-31-rv-…pdf-30112``) or a
    samrådsredogörelse, by link text or file name; a tjänsteutlåtande is not one."""
    f = fold(label).strip()
    name = fold(urlsplit(url).path.rsplit("/", 1)[-1]).replace("-", " ").strip()
    return bool(_SUMMARY.match(f) or _SUMMARY.match(name))


def summary_items(meeting: Meeting) -> list[AgendaItem]:
    """The meeting's entries with an utlåtande, each keeping only those files (as UTLATANDE)."""
    out: list[AgendaItem] = []
    for item in meeting.items:
        docs = [DocumentLink(d.url, d.label, DocumentKind.UTLATANDE) for d in item.documents
                if is_summary_document(d.url, d.label)]
        if docs:
            item.documents = docs
            out.append(item)
    return out
