"""Text normalisation shared by parser, indexer and queries."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WS = re.compile(r"\s+")
# a word as Elasticsearch's standard tokenizer cuts one (Unicode word boundaries, UAX #29): letters
# joined by ':', '.' or an apostrophe stay one word ("EU:s", "S:t", "stockholm.se"), digits joined by
# '.', ',', ';' or an apostrophe too ("1,5", "10.30"). A query's words must be the tokens the
# index holds: cut at the colon, "EU:s" became "eu" and "s", and neither is a token of "EU:s".
WORD = re.compile(r"\w+(?:(?:(?<=[^\W\d_])[:.'’](?=[^\W\d_])|(?<=\d)[.,;'’](?=\d))\w+)*")


@lru_cache(maxsize=4096)
def _fold_char(c: str) -> str:
    low = c.lower()
    if len(low) != 1:
        return c
    base = "".join(x for x in unicodedata.normalize("NFKD", low) if not unicodedata.combining(x))
    return base if len(base) == 1 else low


def fold(text: str) -> str:
    """Lowercase and strip diacritics: 'Förvaltningens förslag' -> 'forvaltningens forslag'.

    Filled into the *_folded index fields and applied to queries, so that text whose
    å/ä/ö were lost by OCR and queries typed without them meet the clean text.
    Length-preserving (one character in, one out), so offsets in the folded text are
    offsets in the original: highlights found on the folded field map back exactly.
    """
    return "".join(_fold_char(c) for c in text)


def squash(text: str) -> str:
    """Collapse whitespace runs to single spaces."""
    return _WS.sub(" ", text).strip()


_SENT = re.compile(r"(?<=[.!?])\s+(?=[\"”A-ZÅÄÖ0-9])")


def sentences(text: str) -> list[str]:
    """Split running text into sentences (Swedish capitals included)."""
    out: list[str] = []
    for para in re.split(r"\n\s*\n", text):
        para = squash(para)
        if para:
            out.extend(s for s in _SENT.split(para) if s)
    return out
