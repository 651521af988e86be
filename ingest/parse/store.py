"""The parsed-record store: one JSON file per answer, with the key it was parsed from.

``<data_dir>/parsed/<doc_id>.json`` holds ``{"key": {...}, "record": Yttrande}``. The key
(content sha256, protocol file, parser version) makes the parse stage idempotent: a record
whose key is unchanged is not parsed again. Reindex rebuilds the index from these files.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from remissvar.records import Yttrande


class ParsedStore:
    def __init__(self, data_dir: Path) -> None:
        self.dir = data_dir / "parsed"

    def path(self, doc_id: str) -> Path:
        return self.dir / f"{doc_id}.json"

    def key(self, doc_id: str) -> dict[str, Any] | None:
        """The key the stored record was made from; None when there is none."""
        p = self.path(doc_id)
        if not p.exists():
            return None
        key: dict[str, Any] | None = json.loads(p.read_text(encoding="utf-8")).get("key")
        return key

    def load(self, doc_id: str) -> Yttrande:
        data = json.loads(self.path(doc_id).read_text(encoding="utf-8"))
        return Yttrande.model_validate(data["record"])

    def save(self, record: Yttrande, key: dict[str, Any]) -> None:
        """Write atomically (temporary file, then rename): a crash never leaves half a record."""
        self.dir.mkdir(parents=True, exist_ok=True)
        p = self.path(record.id)
        tmp = p.with_suffix(".tmp")
        payload = {"key": key, "record": record.model_dump(mode="json")}
        tmp.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
        tmp.replace(p)

    def records(self) -> Iterator[Yttrande]:
        """Every stored record, in id order."""
        for f in sorted(self.dir.glob("*.json")) if self.dir.exists() else []:
            yield Yttrande.model_validate(json.loads(f.read_text(encoding="utf-8"))["record"])

    def count(self) -> int:
        return len(list(self.dir.glob("*.json"))) if self.dir.exists() else 0
