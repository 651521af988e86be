"""Protocol files as the platforms serve them: a PDF, or a zip of PDFs (MeetingPlus'
"Ladda ner allt"), read without trusting either: member limits against zip bombs, the
text of a PDF's pages, and which agenda item a protocol extract belongs to."""
from __future__ import annotations

import re

from ingest.crawl import safezip
from ingest.crawl.model import AgendaItem
from ingest.parse.budget import PEEK_BUDGET, ParseBudget, peek_pdf_text
from remissvar.textnorm import fold


class ApiFormatError(ValueError):
    """An API response that is not JSON, or a zip that is not a zip of PDFs."""


def zip_members(data: bytes, *, max_members: int = safezip.MAX_MEMBERS,
                max_total: int = safezip.MAX_TOTAL_BYTES) -> list[tuple[str, bytes]]:
    """(name, bytes) of each file in a protocol zip (``ingest.crawl.safezip``: member count and
    inflated sizes capped while streaming); anything unreadable is an ``ApiFormatError``."""
    try:
        return safezip.read_members(data, max_members=max_members, max_total=max_total)
    except safezip.BadZip as e:
        raise ApiFormatError(str(e)) from e


def match_member(name: str, first_text: str, items: list[AgendaItem]) -> AgendaItem | None:
    """The agenda item a protocol zip member belongs to: by its item title in the file name
    or on its first pages (paragraph numbers differ from item numbers, titles do not)."""
    hay = _words(name + " " + first_text)
    keys = [(_words(item.title)[:60].strip(), item) for item in items]
    hits = [(key, item) for key, item in keys if len(key) >= 12 and key in hay]
    return max(hits, key=lambda h: len(h[0]))[1] if hits else None


def _words(text: str) -> str:
    """Folded text as space-separated words (a-z, 0-9): punctuation and OCR spacing don't matter."""
    return re.sub(r"[^a-z0-9]+", " ", fold(text))


def head_text(pdf: bytes, pages: int = 3, *, budget: ParseBudget = PEEK_BUDGET) -> str:
    """The text layer of a downloaded PDF's first pages ('' when it has none): enough to tell
    which agenda item a protocol extract is about (its paragraph heading comes first), or a
    whole protocol's §§. Read like any untrusted document: in a child process under
    ``budget`` (``ingest.parse.budget.peek_pdf_text``), never in the crawling process; a file
    over a limit raises ``BudgetExceededError`` (an ``ExtractError``)."""
    return peek_pdf_text(pdf, pages=pages, budget=budget)
