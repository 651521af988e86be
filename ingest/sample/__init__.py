"""The sample corpus loaded by `make run`: real documents kept in the repo."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = Path(__file__).with_name("corpus.json")


@dataclass(frozen=True)
class SampleDocument:
    path: Path
    doc_id: str
    source_url: str | None
    note: str
    text_is_ocr: bool = False


def sample_documents() -> list[SampleDocument]:
    items = json.loads(MANIFEST.read_text(encoding="utf-8"))
    return [SampleDocument(ROOT / i["path"], i["id"], i.get("source_url"), i.get("note", ""),
                           bool(i.get("text_is_ocr"))) for i in items]
