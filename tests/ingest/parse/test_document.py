"""The parse stage on real PDFs: same fields from the text layer and from OCR."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from ingest.parse.document import parse_file
from remissvar.records import Position
from tests.conftest import FIXTURES


def test_text_layer_pdf_parses_like_the_seed():
    y = parse_file(FIXTURES / "pdf" / "sodermalm_textlayer.pdf")
    assert y.council == "sodermalm"
    assert y.date == dt.date(2024, 12, 12)
    assert y.remiss.dnr == "KS 2024/951" and y.remiss.body == "Kommunstyrelsen"
    assert y.remiss.deadline == dt.date(2025, 1, 21)
    assert y.remiss.motion and y.remiss.motion.parties == ["SD"]
    assert y.position.position == Position.AVSTYRKER
    assert not y.ocr and y.original_text is None
    assert len(y.pages) == 3
    assert y.content_sha256 and len(y.content_sha256) == 64


@pytest.mark.slow  # make check leaves it out; make test runs it
def test_scanned_pdf_is_ocrd_and_marked():
    y = parse_file(FIXTURES / "pdf" / "sodermalm_scanned_p1.pdf")
    assert y.ocr and y.original_text is not None
    assert y.council == "sodermalm"
    assert y.remiss.dnr == "KS 2024/951"


@pytest.mark.slow  # make check leaves it out; make test runs it
def test_cli_prints_json_and_errors_cleanly():
    out = subprocess.run([sys.executable, "-m", "remissvar_cli", "parse",
                          str(FIXTURES / "pdf" / "sodermalm_textlayer.pdf")], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    rec = json.loads(out.stdout)
    assert rec["remiss"]["id"] == "dnr-ks-2024-951"
    bad = subprocess.run([sys.executable, "-m", "remissvar_cli", "parse",
                          str(FIXTURES / "pdf" / "bad" / "truncated.pdf")], capture_output=True, text=True)
    assert bad.returncode == 2
    assert json.loads(bad.stderr.strip().splitlines()[-1])["error"] == "corrupt"
