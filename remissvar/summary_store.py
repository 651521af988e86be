"""Summaries of many answers, as read: kommunstyrelsen's and kommunfullmäktige's utlåtanden.

The pipeline (``ingest.summaries``) reads each stored utlåtande once per content and reader
version and keeps here what it says about one remiss: the bodies asked (the sändlista,
"Ärendet har remitterats till …", sub-remisser included), each named body's stated view or
that it did not answer, with the sentence that says so, and the keys that tie the document
to the answers of the same remiss (the remitting dnr and the motion number, in the remiss
linker's forms: ``link_keys``). The search service reads it for the remiss page's list of
bodies asked (``search_api.asked``); the summaries are never indexed as answers.

SQLite under the data folder (``<data_dir>/summaries.sqlite``), apart from the index: like
the remiss key store, a reindex does not touch it and a re-crawl rewrites only what changed.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from remissvar import remiss_fields as rf
from remissvar.settings import Settings, get_settings
from remissvar.sqlite_tx import immediate

_SCHEMA = """
CREATE TABLE IF NOT EXISTS summaries (
    url TEXT PRIMARY KEY, sha256 TEXT NOT NULL, reader INTEGER NOT NULL, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS link_keys (k TEXT NOT NULL, url TEXT NOT NULL, PRIMARY KEY (k, url));
CREATE TABLE IF NOT EXISTS remiss_keys (key TEXT NOT NULL, url TEXT NOT NULL, PRIMARY KEY (key, url));
"""


def default_store_path(settings: Settings | None = None) -> Path:
    return (settings or get_settings()).data_dir / "summaries.sqlite"


def link_keys(dnr: str | None, motion_number: str | None) -> list[str]:
    """The keys one remiss's documents share, in the remiss linker's forms
    (``remissvar.linking.strong_keys``): ``dnr:<dnr_key>`` and ``motion:<ÅÅÅÅ:N>``."""
    keys = [f"dnr:{rf.dnr_key(dnr)}"] if dnr and rf.dnr_key(dnr) else []
    if motion_number:
        keys.append(f"motion:{motion_number}")
    return keys


@dataclass(frozen=True)
class SummaryBody:
    """One body as a summary names it: ``state`` "svar" (its view is stated; ``position``
    may be None when the text says only that it answered) or "ej_svar" (it did not answer)."""

    name: str
    state: str
    position: str | None = None  # remissvar.records.Position value
    evidence: str = ""


@dataclass(frozen=True)
class SummaryDoc:
    """What one utlåtande says about its remiss, and where it was read."""

    url: str
    sha256: str
    council: str  # the source that published it: "kommunstyrelsen", "kommunfullmaktige"
    published_by: str  # its display name: "Kommunfullmäktige"
    meeting_date: str | None
    label: str  # the link text: "Utlåtande 2025:31 RV"
    number: str | None = None  # "2025:31 RV"
    title: str | None = None  # "Lokala facebookgrupper i stadsdelarna"
    dnr: str | None = None  # the remitting dnr: "KS 2024/951"
    motion_number: str | None = None  # "2024:58"
    asked: list[str] = field(default_factory=list)  # "Ärendet har remitterats till …" (+ underremitterat)
    asked_evidence: str = ""  # the sentence the list was read from
    bodies: list[SummaryBody] = field(default_factory=list)
    link_keys: list[str] = field(default_factory=list)
    remiss_ids: list[str] = field(default_factory=list)  # remiss keys found for it when read

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> SummaryDoc:
        bodies = [SummaryBody(**b) for b in obj.get("bodies", [])]
        return cls(**{**obj, "bodies": bodies})


class SummaryStore:
    """Read summaries by source URL, found again by link key or remiss key. One connection
    per object: open one per thread or process."""

    def __init__(self, path: Path | str) -> None:
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(path), isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL" if str(path) != ":memory:" else "PRAGMA journal_mode=MEMORY")
        self.db.executescript(_SCHEMA)

    @classmethod
    def open_existing(cls, settings: Settings) -> SummaryStore | None:
        """The store of this data folder, or None before the first summary was read."""
        path = default_store_path(settings)
        return cls(path) if path.exists() else None

    def close(self) -> None:
        self.db.close()

    def _tx(self) -> AbstractContextManager[None]:
        return immediate(self.db)

    def is_current(self, url: str, sha256: str, reader: int) -> bool:
        """Whether ``url`` was read from these bytes by this reader version."""
        row = self.db.execute("SELECT sha256, reader FROM summaries WHERE url = ?", (url,)).fetchone()
        return bool(row and row[0] == sha256 and int(row[1]) == reader)

    def save(self, doc: SummaryDoc, reader: int) -> None:
        """Replace what was read from ``doc.url``."""
        with self._tx():
            self.db.execute("INSERT OR REPLACE INTO summaries (url, sha256, reader, doc) VALUES (?, ?, ?, ?)",
                            (doc.url, doc.sha256, reader, json.dumps(doc.to_json(), ensure_ascii=False)))
            self.db.execute("DELETE FROM link_keys WHERE url = ?", (doc.url,))
            self.db.execute("DELETE FROM remiss_keys WHERE url = ?", (doc.url,))
            self.db.executemany("INSERT OR IGNORE INTO link_keys (k, url) VALUES (?, ?)",
                                [(k, doc.url) for k in doc.link_keys])
            self.db.executemany("INSERT OR IGNORE INTO remiss_keys (key, url) VALUES (?, ?)",
                                [(k, doc.url) for k in doc.remiss_ids])

    def _docs(self, urls: Iterable[str]) -> list[SummaryDoc]:
        out = []
        for url in sorted(set(urls)):
            row = self.db.execute("SELECT doc FROM summaries WHERE url = ?", (url,)).fetchone()
            if row:
                out.append(SummaryDoc.from_json(json.loads(row[0])))
        return out

    def find(self, keys: Iterable[str] = (), remiss_ids: Iterable[str] = ()) -> list[SummaryDoc]:
        """The summaries sharing a link key (dnr, motion number) or a remiss key with a remiss."""
        urls: set[str] = set()
        for k in set(keys):
            urls.update(r[0] for r in self.db.execute("SELECT url FROM link_keys WHERE k = ?", (k,)))
        for k in set(remiss_ids):
            urls.update(r[0] for r in self.db.execute("SELECT url FROM remiss_keys WHERE key = ?", (k,)))
        return self._docs(urls)

    def all(self) -> list[SummaryDoc]:
        return self._docs(r[0] for r in self.db.execute("SELECT url FROM summaries"))

    def counts(self) -> dict[str, int]:
        """Summaries read per publishing source (the status page)."""
        out: dict[str, int] = {}
        for d in self.all():
            out[d.council] = out.get(d.council, 0) + 1
        return out
