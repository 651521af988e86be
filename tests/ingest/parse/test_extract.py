"""Text from real PDFs: text layer, OCR of an image-only page, and bad input."""
from __future__ import annotations

from pathlib import Path

import pytest

from ingest.parse.extract import (
    CorruptPdfError,
    EmptyDocumentError,
    EncryptedPdfError,
    NotAPdfError,
    TooLargeError,
    extract,
    join_hyphenation,
)
from tests.conftest import FIXTURES

PDF = FIXTURES / "pdf"


def test_text_layer_pages_headers_and_hyphenation():
    pages = extract(PDF / "sodermalm_textlayer.pdf")
    assert [p.number for p in pages] == [1, 2, 3]
    assert not any(p.ocr for p in pages)
    text = "\n".join(p.text for p in pages)
    assert "Sida 1 av 3" not in text and "Dnr SÖ 2024/1234" not in text  # running lines removed
    assert "-\n" not in text.replace("informations-\n", "")  # hyphenation at line ends joined
    assert "Svar på remiss från Kommunstyrelsen KS 2024/951" in pages[0].text
    assert "anser förvaltningen därför inte är Stockholms stads uppdrag" in " ".join(text.split())


def test_hyphenation_keeps_real_dashes():
    assert join_hyphenation("förvalt-\nningen") == "förvaltningen"
    assert join_hyphenation("informations-\noch diskussionsforum") == "informations-\noch diskussionsforum"
    assert join_hyphenation("stab-\nOch") == "stab-\nOch"


@pytest.mark.slow  # make check leaves it out; make test runs it
def test_image_only_page_is_ocrd_in_swedish():
    pages = extract(PDF / "sodermalm_scanned_p1.pdf")
    assert len(pages) == 1 and pages[0].ocr
    assert "Södermalms stadsdelsnämnd" in pages[0].text
    assert "KS 2024/951" in pages[0].text


@pytest.mark.parametrize("name,error", [
    ("encrypted.pdf", EncryptedPdfError),
    ("truncated.pdf", CorruptPdfError),
    ("empty.pdf", EmptyDocumentError),
    ("html_as_pdf.pdf", NotAPdfError),
])
def test_bad_input_gives_typed_error(name, error):
    with pytest.raises(error) as e:
        extract(PDF / "bad" / name)
    assert e.value.reason in {"encrypted", "corrupt", "empty", "not_a_pdf"}
    assert name in str(e.value)


def test_huge_input_is_refused(tmp_path, monkeypatch):
    import ingest.parse.extract as ex

    monkeypatch.setattr(ex, "MAX_BYTES", 1000)
    with pytest.raises(TooLargeError):
        extract(PDF / "sodermalm_textlayer.pdf")


def test_missing_file():
    from ingest.parse.extract import ExtractError

    with pytest.raises(ExtractError):
        extract(Path("/nonexistent/x.pdf"))


def test_layout_cues_and_letterhead_footer_on_a_real_yttrande():
    name = "bygg-och-miljonamnden_2026-06-16_bilagor_yttrande-samrad-ravattenuttag-.pdf"
    pages = extract(FIXTURES / "real-documents" / name)
    p1 = pages[0]
    # bold/larger lines: the kind word, the three title lines, the section headings
    assert p1.headings[:4] == ["Yttrande", "Yttrande över avgränsningssamråd enligt 6 kap. miljöbalken",
                               "inför ansökan om tillstånd för uttag av råvatten från sjön", "Mjörn"]
    assert "Motivering till yttrande" in p1.headings
    text = "\n".join(p.text for p in pages)
    assert "Postadress" not in text and "1(2)" not in text  # footer and page counter by position
    assert any("Samhällsbyggnadsförvaltningen" in ln for ln in p1.running_lines)  # kept aside, not lost
    assert "Sanna Olsson\nKommunekolog" in pages[1].text  # the signature is body text


@pytest.mark.slow  # make check leaves it out; make test runs it
def test_running_heads_of_a_protocol_are_removed_and_kept_aside():
    pages = extract(FIXTURES / "real-documents" / "kommunfullmaktige_2026-06-10_protokoll.pdf")
    assert all("Utdragsbestyrkande" not in p.text for p in pages)
    assert pages[3].running_lines == ["4", "Kommunfullmäktige", "Protokoll", "2026-06-10", "Utdragsbestyrkande"]
    assert pages[3].text.splitlines()[0] == "§ 116 2020.008 KS"


def test_scans_render_at_their_own_resolution(tmp_path):
    """OCR renders a scanned page at the scan's resolution (200-300 dpi), not always at 300."""
    import subprocess

    import img2pdf
    import pdfplumber

    from ingest.parse.extract import render_dpi

    png = tmp_path / "p.png"
    subprocess.run(["pdftoppm", "-r", "150", "-gray", "-png", "-singlefile",
                    str(FIXTURES / "pdf/sodermalm_scanned_p1.pdf"), str(tmp_path / "p")], check=True)
    for dpi, expected in ((150, 200), (240, 250), (400, 300)):
        pdf = tmp_path / f"scan{dpi}.pdf"
        pdf.write_bytes(img2pdf.convert([str(png)], layout_fun=img2pdf.get_fixed_dpi_layout_fun((dpi, dpi))))
        with pdfplumber.open(pdf) as doc:
            assert render_dpi(doc.pages[0]) == expected
    with pdfplumber.open(FIXTURES / "pdf/sodermalm_textlayer.pdf") as doc:
        assert render_dpi(doc.pages[0]) == 300  # no image: the default


def test_ocr_jobs_come_from_the_settings(monkeypatch):
    import os

    from ingest.parse.extract import ocr_jobs
    from remissvar.settings import Settings

    assert ocr_jobs(Settings(ocr_jobs=3)) == 3
    assert ocr_jobs(Settings(ocr_jobs=0)) == (os.cpu_count() or 1)
    monkeypatch.setenv("REMISSVAR_OCR_JOBS", "1")
    assert ocr_jobs(Settings()) == 1
