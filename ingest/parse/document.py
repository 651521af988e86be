"""The parse stage: a file in, a structured yttrande out (a plain, typed function)."""
from __future__ import annotations

import hashlib
from pathlib import Path

from ingest.parse.extract import extract
from ingest.parse.ocr_repair import repair_text
from ingest.parse.protocol import parse_protocol_paragraph
from ingest.parse.segment import clean_protocol_text, clean_record, load_template
from ingest.parse.structure import parse_structure
from remissvar.boilerplate import Template
from remissvar.positions import classify_decision
from remissvar.records import Yttrande
from remissvar.settings import get_settings

# 3: the council's decision (outcome, stance) from the protocol; 4: boilerplate segmented
# (ingest.parse.segment): sections, decision, position and text from the clean pages
PARSER_VERSION = "4"
_ARCHIVE_TEMPLATE = object()  # parse_file's default: the archive's measured template, when there is one


def parse_file(path: Path, *, source_url: str | None = None, doc_id: str | None = None,
               ocr: str = "auto", text_is_ocr: bool = False, protocol_text: str | None = None,
               council: str | None = None, link_text: str | None = None,
               template: Template | None | object = _ARCHIVE_TEMPLATE) -> Yttrande:
    """Extract text (OCR where needed), and read the structure of one document.

    ``council``: the council (slug or name) whose page listed the document: the record's
    council comes from it (provenance), never from councils named in the text; without it
    (a loose file) the letterhead decides. ``link_text``: the link's text on that page, a
    cue for the document's kind.
    ``protocol_text``: the council's protocol paragraph for this item, when published:
    its decision and the parties' reservations are added to the record.
    ``text_is_ocr`` marks a plain-text file that is itself OCR output (as a seed is).
    ``template``: the corpus template of boilerplate lines (``ingest.parse.segment``); by default the
    archive's (written by ``remissvar reindex`` into the data folder), None for none.
    Raises an ``ingest.parse.extract.ExtractError`` subclass on bad input.
    """
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    pages = extract(path, ocr=ocr)
    if text_is_ocr:
        pages = [p.model_copy(update={"ocr": True}) for p in pages]
    original_text = None
    if any(p.ocr for p in pages):
        # OCR'd pages: restore å/ä/ö against the lexicon; the original text is kept
        original_text = "\n".join(p.text for p in pages)
        pages = [p.model_copy(update={"text": repair_text(p.text).text}) if p.ocr else p for p in pages]
    y = parse_structure(pages, source_url=source_url, content_sha256=digest, original_text=original_text,
                        council=council, link_text=link_text)
    if doc_id:
        y.id = doc_id
    tmpl = load_template(get_settings().data_dir) if template is _ARCHIVE_TEMPLATE else template
    assert tmpl is None or isinstance(tmpl, Template)
    y = clean_record(y, tmpl, link_text=link_text)  # boilerplate labelled; sections, decision, position clean
    if protocol_text:
        protocol_text = clean_protocol_text(protocol_text, tmpl)
        para = parse_protocol_paragraph(protocol_text)
        y.decision = para.decision or y.decision
        y.reservations = para.reservations
        decided = classify_decision(protocol_text)  # outcome and the stance the decision states
        y.council_decision = decided.model_copy(update={"reservations": para.reservations})
    return y
