"""Raw files stored content-addressed (sha256) with their provenance, and crawl state.

Files: ``<data_dir>/raw/ab/abcdef…`` (written once: the same bytes are never stored twice).
State (SQLite, stdlib): provenance of every fetched document, HTTP validators for
conditional re-crawls, meetings seen, and failures with their reasons.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from remissvar.records import DocumentKind

SCHEMA = """
CREATE TABLE IF NOT EXISTS blobs (sha256 TEXT PRIMARY KEY, size INTEGER, content_type TEXT, first_seen TEXT);
CREATE TABLE IF NOT EXISTS provenance (
  url TEXT PRIMARY KEY, sha256 TEXT, source TEXT, council TEXT, meeting_url TEXT, meeting_date TEXT,
  item_number TEXT, item_title TEXT, item_json TEXT, doc_title TEXT, doc_kind TEXT,
  fetched_at TEXT, etag TEXT, last_modified TEXT);
CREATE TABLE IF NOT EXISTS pages (url TEXT PRIMARY KEY, sha256 TEXT, etag TEXT, last_modified TEXT, fetched_at TEXT);
CREATE TABLE IF NOT EXISTS meetings (
  url TEXT PRIMARY KEY, source TEXT, council TEXT, meeting_date TEXT, listed INTEGER, crawled INTEGER,
  items INTEGER, remiss_items INTEGER, documents INTEGER, crawled_at TEXT, cancelled INTEGER DEFAULT 0);
CREATE TABLE IF NOT EXISTS filing_examples (
  meeting_url TEXT, item_number TEXT, council TEXT, class TEXT, is_remiss INTEGER,
  PRIMARY KEY (meeting_url, item_number));
CREATE TABLE IF NOT EXISTS failures (
  url TEXT, source TEXT, council TEXT, reason TEXT, detail TEXT, at TEXT, meeting_url TEXT, PRIMARY KEY (url, reason));
CREATE TABLE IF NOT EXISTS crawl_runs (
  source TEXT, council TEXT, base_url TEXT, full INTEGER, message_id TEXT, started_at TEXT,
  PRIMARY KEY (source, council));
"""


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass
class Provenance:
    url: str
    sha256: str
    source: str
    council: str
    meeting_url: str
    meeting_date: str | None
    item_number: str | None
    item_title: str
    item_json: str
    doc_title: str
    doc_kind: DocumentKind
    fetched_at: str
    etag: str | None
    last_modified: str | None


class RawStore:
    def __init__(self, data_dir: Path) -> None:
        self.root = data_dir / "raw"
        self.root.mkdir(parents=True, exist_ok=True)
        self.db_path = data_dir / "crawl.sqlite"
        self._local = threading.local()
        with self.db() as c:
            c.executescript(SCHEMA)
            cols = {r[1] for r in c.execute("PRAGMA table_info(meetings)")}
            if "cancelled" not in cols:  # stores made before cancelled meetings were recorded
                c.execute("ALTER TABLE meetings ADD COLUMN cancelled INTEGER DEFAULT 0")

    @contextmanager
    def db(self) -> Iterator[sqlite3.Connection]:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.db_path, timeout=30)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            self._local.conn = conn
        with conn:
            yield conn

    def path_of(self, sha: str) -> Path:
        return self.root / sha[:2] / sha

    def put(self, data: bytes, content_type: str) -> tuple[str, bool]:
        """Store bytes once; returns (sha256, newly stored?). Written atomically."""
        sha = hashlib.sha256(data).hexdigest()
        path = self.path_of(sha)
        if path.exists():
            return sha, False
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
        with self.db() as c:
            c.execute("INSERT OR IGNORE INTO blobs VALUES (?,?,?,?)", (sha, len(data), content_type, now()))
        return sha, True

    def record(self, p: Provenance) -> None:
        with self.db() as c:
            c.execute("INSERT OR REPLACE INTO provenance VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", (
                p.url, p.sha256, p.source, p.council, p.meeting_url, p.meeting_date, p.item_number, p.item_title,
                p.item_json, p.doc_title, p.doc_kind.value, p.fetched_at, p.etag, p.last_modified))
            c.execute("DELETE FROM failures WHERE url = ?", (p.url,))

    def provenance(self, url: str) -> sqlite3.Row | None:
        with self.db() as c:
            row: sqlite3.Row | None = c.execute("SELECT * FROM provenance WHERE url = ?", (url,)).fetchone()
            return row

    def item_attachments(self, meeting_url: str, item_number: str | None) -> list[str]:
        """sha256 of one agenda item's other files (bilagor), sorted."""
        with self.db() as c:
            rows = c.execute("SELECT DISTINCT sha256 FROM provenance WHERE doc_kind = 'bilaga' AND meeting_url = ? "
                             "AND item_number IS ? ORDER BY sha256", (meeting_url, item_number)).fetchall()
        return [str(r[0]) for r in rows]

    def protocol_extract(self, meeting_url: str, item_number: str | None) -> sqlite3.Row | None:
        """The protocol extract stored for one agenda item, if any."""
        with self.db() as c:
            row: sqlite3.Row | None = c.execute(
                "SELECT * FROM provenance WHERE doc_kind = 'protokollsutdrag' AND meeting_url = ? "
                "AND item_number IS ?", (meeting_url, item_number)).fetchone()
            return row

    def page_validators(self, url: str) -> sqlite3.Row | None:
        with self.db() as c:
            row: sqlite3.Row | None = c.execute("SELECT * FROM pages WHERE url = ?", (url,)).fetchone()
            return row

    def save_page(self, url: str, sha: str, etag: str | None, last_modified: str | None) -> None:
        with self.db() as c:
            c.execute("INSERT OR REPLACE INTO pages VALUES (?,?,?,?,?)", (url, sha, etag, last_modified, now()))

    def save_meeting(self, url: str, source: str, council: str, date: str | None, items: int, remiss_items: int,
                     documents: int) -> None:
        with self.db() as c:
            c.execute("INSERT OR REPLACE INTO meetings (url, source, council, meeting_date, listed, crawled, items, "
                      "remiss_items, documents, crawled_at, cancelled) VALUES (?,?,?,?,1,1,?,?,?,?,0)",
                      (url, source, council, date, items, remiss_items, documents, now()))

    def list_meeting(self, url: str, source: str, council: str) -> None:
        with self.db() as c:
            c.execute("INSERT OR IGNORE INTO meetings (url, source, council, listed, crawled) VALUES (?,?,?,1,0)",
                      (url, source, council))

    def cancel_meeting(self, url: str) -> None:
        """A listed meeting that was cancelled (MeetingPlus ``-installt``): listed, never crawled."""
        with self.db() as c:
            c.execute("UPDATE meetings SET cancelled = 1 WHERE url = ?", (url,))

    def save_filing_examples(self, meeting_url: str, council: str, examples: list[tuple[str, str, bool]]) -> None:
        """(item number, filing class, remiss?) of a page that says by its headings which items are remisser."""
        with self.db() as c:
            c.executemany("INSERT OR REPLACE INTO filing_examples VALUES (?,?,?,?,?)",
                          [(meeting_url, n, council, cls, int(r)) for n, cls, r in examples])

    def filing_examples(self, council: str) -> list[tuple[str, bool]]:
        """The council's labelled (filing class, remiss?) examples from earlier crawls."""
        with self.db() as c:
            return [(str(r[0]), bool(r[1])) for r in
                    c.execute("SELECT class, is_remiss FROM filing_examples WHERE council = ?", (council,))]

    def date_meeting(self, url: str, date: str) -> None:
        with self.db() as c:
            c.execute("UPDATE meetings SET meeting_date = ? WHERE url = ?", (date, url))

    def fail(self, url: str, source: str, council: str, reason: str, detail: str,
             meeting_url: str | None = None) -> None:
        with self.db() as c:
            c.execute("INSERT OR REPLACE INTO failures VALUES (?,?,?,?,?,?,?)",
                      (url, source, council, reason, detail, now(), meeting_url))

    def clear_failures(self, url: str) -> None:
        with self.db() as c:
            c.execute("DELETE FROM failures WHERE url = ?", (url,))

    # -- crawls begun and not finished (the broker can lose a message; this store keeps it) --
    def crawl_begun(self, source: str, council: str, base_url: str | None, full: bool, message_id: str) -> None:
        """A crawl of ``council`` on ``source`` is under way (or sent again) as ``message_id``."""
        with self.db() as c:
            c.execute("INSERT OR REPLACE INTO crawl_runs VALUES (?,?,?,?,?,?)",
                      (source, council, base_url, int(full), message_id, now()))

    def crawl_done(self, source: str, council: str, message_id: str) -> None:
        """That crawl finished (a later one, sent meanwhile, stays recorded)."""
        with self.db() as c:
            c.execute("DELETE FROM crawl_runs WHERE source = ? AND council = ? AND message_id = ?",
                      (source, council, message_id))

    def unfinished_crawls(self) -> list[dict[str, Any]]:
        with self.db() as c:
            return [dict(r) for r in c.execute("SELECT * FROM crawl_runs ORDER BY source, council")]

    def failures(self) -> list[dict[str, Any]]:
        with self.db() as c:
            return [dict(r) for r in c.execute("SELECT * FROM failures ORDER BY council, url")]

    def documents(self) -> list[dict[str, Any]]:
        with self.db() as c:
            return [dict(r) for r in c.execute("SELECT * FROM provenance ORDER BY council, meeting_date, url")]

    def first_seen(self, sha256: str) -> str | None:
        """When this content was first stored (ISO, UTC)."""
        with self.db() as c:
            row = c.execute("SELECT first_seen FROM blobs WHERE sha256 = ?", (sha256,)).fetchone()
        return str(row[0]) if row and row[0] else None

    def blob_count(self) -> int:
        with self.db() as c:
            return int(c.execute("SELECT count(*) FROM blobs").fetchone()[0])

    def completeness(self) -> list[dict[str, Any]]:
        """Per council and month: meetings listed vs crawled, remiss items vs documents stored."""
        with self.db() as c:
            rows = c.execute("""
              SELECT council, substr(coalesce(meeting_date, '????-??'), 1, 7) AS month,
                     sum(listed) AS listed, sum(crawled) AS crawled, sum(coalesce(cancelled, 0)) AS cancelled,
                     sum(coalesce(remiss_items, 0)) AS remiss_items, sum(coalesce(documents, 0)) AS documents_listed
              FROM meetings GROUP BY council, month ORDER BY council, month""").fetchall()
            stored = {(r["council"], r["month"]): r["n"] for r in c.execute("""
              SELECT council, substr(coalesce(meeting_date, '????-??'), 1, 7) AS month, count(*) AS n
              FROM provenance WHERE doc_kind != 'protokoll' GROUP BY council, month""")}
        return [dict(r) | {"documents_stored": stored.get((r["council"], r["month"]), 0)} for r in rows]


def item_json(item: object) -> str:
    from dataclasses import asdict

    return json.dumps(asdict(item), ensure_ascii=False, default=str)  # type: ignore[call-overload]
