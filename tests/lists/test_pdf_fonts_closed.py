"""PDFs leave no font file open: fpdf2 closes the embedded fonts only at the end of
``output()``, and a document given up before that (a folder that does not exist, an
error while laying it out) used to leave them to the garbage collector, whose
``ResourceWarning`` then failed whichever test happened to be running."""

from __future__ import annotations

import pytest

from checkin import errors
from checkin.badges import pdf as badge_pdf
from checkin.badges.layouts import get_layout
from checkin.lists import paper, pdfdoc, report


def _open_fonts(documents) -> list[str]:
    """The font files the documents still hold open."""
    return [
        font.ttffile
        for pdf in documents
        for font in pdf.fonts.values()
        if font.ttfont.reader is not None and not font.ttfont.reader.file.closed
    ]


@pytest.fixture
def documents(monkeypatch) -> list:
    """Every app document (``pdfdoc.Document``) made during the test."""
    made = []
    init = pdfdoc.Document.__init__

    def recording(self, *args, **kwargs):
        init(self, *args, **kwargs)
        made.append(self)

    monkeypatch.setattr(pdfdoc.Document, "__init__", recording)
    return made


def test_a_document_given_up_at_saving_closes_its_fonts(tmp_path) -> None:
    pdf = pdfdoc.Document("x")
    pdf.add_page()
    pdf.cell(0, 5, "김민수")
    assert len(_open_fonts([pdf])) == 3  # regular, bold, the regular again as fallback
    with pytest.raises(errors.InvalidInput, match="does not exist"):
        pdfdoc.save(pdf, tmp_path / "no such folder" / "x.pdf")
    assert _open_fonts([pdf]) == []
    pdfdoc.close_fonts(pdf)  # harmless twice


def test_written_documents_close_their_fonts(tmp_path) -> None:
    pdf = pdfdoc.Document("x")
    pdf.add_page()
    pdf.cell(0, 5, "김민수")
    pdfdoc.save(pdf, tmp_path / "x.pdf")
    assert _open_fonts([pdf]) == []
    assert (tmp_path / "x.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("what", ["door list", "report"])
def test_an_export_to_a_missing_folder_closes_its_fonts(what, documents, ef, people, organizer,
                                                        clock, tmp_path) -> None:  # fmt: skip
    write = paper.write_door_list if what == "door list" else report.write_report
    with pytest.raises(errors.InvalidInput, match="does not exist"):
        write(ef, tmp_path / "gone" / "out.pdf", clock=clock, access=organizer.with_reason("door"))
    assert len(documents) == 1 and _open_fonts(documents) == []


def test_a_badge_that_fails_to_lay_out_closes_its_fonts(mocker) -> None:
    made = []
    new_pdf = badge_pdf.new_pdf
    mocker.patch.object(badge_pdf, "new_pdf", lambda *a: made.append(new_pdf(*a)) or made[-1])
    mocker.patch.object(badge_pdf._Painter, "page", side_effect=RuntimeError("a layout bug"))
    with pytest.raises(RuntimeError, match="a layout bug"):
        badge_pdf._render([object()], get_layout("cr80"), "행사")
    assert len(made) == 1 and _open_fonts(made) == []
