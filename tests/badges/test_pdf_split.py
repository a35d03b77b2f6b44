"""Cutting an fpdf2 document into one PDF per page: each file is a valid one-page PDF
with only its own page's text, readable by pypdf and by poppler, titled."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from fpdf import FPDF
from pypdf import PdfReader

from checkin.assets import font_path
from checkin.badges import pdf_split


def document(names: list[str]) -> bytes:
    pdf = FPDF(unit="mm", format="A4")
    pdf.add_font("N", "", str(font_path(False)))
    pdf.add_font("N", "B", str(font_path(True)))
    for i, name in enumerate(names):
        pdf.add_page()
        pdf.set_font("N", "B" if i % 2 else "", 20)
        pdf.text(20, 30, name)
        pdf.set_fill_color(30, 60, 90)
        pdf.rect(20, 40, 50, 10, style="F")
    return bytes(pdf.output())


NAMES = ["김민수", "한별 Hanbyeol", "John Smith", "박지수"]


def test_each_page_alone_with_only_its_text(tmp_path) -> None:
    parts = list(pdf_split.split(document(NAMES), [f"표 {n}" for n in NAMES]))
    assert len(parts) == len(NAMES)
    for name, blob in zip(NAMES, parts, strict=True):
        reader = PdfReader(io.BytesIO(blob))
        assert len(reader.pages) == 1
        text = reader.pages[0].extract_text()
        assert name in text
        assert all(other not in text for other in NAMES if other != name)
        assert reader.metadata.title == f"표 {name}"
        assert float(reader.pages[0].mediabox.width) == pytest.approx(595.28, abs=0.1)


def test_poppler_reads_and_draws_a_part(tmp_path) -> None:
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils is not installed")
    part = list(pdf_split.split(document(NAMES)))[1]
    (tmp_path / "p.pdf").write_bytes(part)
    run = subprocess.run(["pdftotext", tmp_path / "p.pdf", "-"], capture_output=True,
                         text=True, check=True)  # fmt: skip
    assert "한별 Hanbyeol" in run.stdout and "김민수" not in run.stdout
    assert run.stderr == ""  # no syntax warnings
    subprocess.run(["pdftoppm", "-r", "30", "-png", tmp_path / "p.pdf", tmp_path / "p"],
                   capture_output=True, check=True)  # fmt: skip


def test_a_document_it_cannot_split_is_refused() -> None:
    with pytest.raises(pdf_split.NotSplittable):
        list(pdf_split.split(b"%PDF-1.7\n1 0 obj\n<< >>\nendobj\nstartxref\n9\n%%EOF\n"))
