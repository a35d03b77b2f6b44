"""Printing badges from the app: one badge (walk-in, reprint) and many (bulk), with real
widgets and a real QPrinter writing PDF, whose pages are rasterized and scanned."""

from __future__ import annotations

import shutil
import subprocess

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtCore import QSettings
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog

from checkin.badges import service as badges_mod
from checkin.door.engine import CheckinEngine
from checkin.event import identity as event_mod
from checkin.models import Status
from checkin.ui.console.bulk_badges_dialog import BulkBadgesDialog
from checkin.ui.desk.badge_print_dialog import BadgePrintDialog
from checkin.ui.desk.badge_printer import BadgePrinterSettings
from checkin.ui.worker import EventFileSpec


@pytest.fixture
def spec(ef, people) -> EventFileSpec:
    return EventFileSpec(str(ef.path))


@pytest.fixture
def store(tmp_path, ef) -> BadgePrinterSettings:
    station = event_mod.info(ef).station.station_id
    return BadgePrinterSettings(
        station, QSettings(str(tmp_path / "qt.ini"), QSettings.Format.IniFormat)
    )


def to_pdf(printer: QPrinter, path) -> None:
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))


def scan_pdf(path, tmp_path, dpi: int = 150) -> list[str]:
    assert shutil.which("pdftoppm")
    out = tmp_path / f"ras-{path.stem}"
    out.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(path), str(out / "p")], check=True)
    found = []
    for page in sorted(out.glob("p-*.png")):
        # QR only, as the kiosk camera reads: other 1D formats can "find" a code in text
        qr = zxingcpp.BarcodeFormat.QRCode
        found += [r.text for r in zxingcpp.read_barcodes(Image.open(page), formats=qr)]
    return found


def test_print_one_badge_then_reprint_a_lost_one(qtbot, ef, clock, people, spec, store, tmp_path,
                                                 english) -> None:  # fmt: skip
    a = people[0]
    dialog = BadgePrintDialog(spec, a.id, clock=clock, operator="JK", settings=store)
    qtbot.addWidget(dialog, before_close_func=QDialog.reject)  # closes its file
    assert not dialog.preview.pixmap().isNull()
    assert dialog.reprint_box.isHidden()  # never printed
    dialog.layout_box.setCurrentIndex(dialog.layout_box.findData("a6"))
    assert store.layout("single", "cr80") == "a6"  # remembered for this station
    first = tmp_path / "first.pdf"
    to_pdf(dialog.printer, first)
    assert dialog.print_badge()
    old_code = event_mod.badge_code(ef, a.id, 1)
    assert scan_pdf(first, tmp_path) == [old_code]
    assert "cannot confirm" in dialog.outcome_panel.text()  # a PDF file: Qt alone
    (row,) = badges_mod.history(ef, a.id)
    assert row.output == "printer" and row.layout == "a6" and row.operator == "JK"
    # the badge is lost: the dialog now offers a reprint with a new code
    assert not dialog.reprint_box.isHidden()
    assert "1" in dialog.reprint_info.text()
    dialog.reason.setCurrentIndex(dialog.reason.findData("lost"))
    dialog.reissue.setChecked(True)
    second = tmp_path / "second.pdf"
    to_pdf(dialog.printer, second)
    assert dialog.print_badge()
    new_code = event_mod.badge_code(ef, a.id, 2)
    assert scan_pdf(second, tmp_path) == [new_code]
    rows = badges_mod.history(ef, a.id)
    assert [(r.reprint, r.reissued, r.reason, r.badge_version) for r in rows] == [
        (False, False, "", 1), (True, True, "lost", 2)
    ]  # fmt: skip
    engine = CheckinEngine(ef, clock)
    assert engine.scan(old_code).status is Status.SUPERSEDED
    assert engine.scan(new_code).status is Status.OK
    assert not dialog.reissue.isChecked()  # one reissue per click


def test_save_badge_as_png_and_copies(qtbot, ef, clock, people, spec, store, tmp_path, mocker,
                                      english) -> None:  # fmt: skip
    a = people[2]
    dialog = BadgePrintDialog(spec, a.id, clock=clock, settings=store)
    qtbot.addWidget(dialog, before_close_func=QDialog.reject)  # closes its file
    target = tmp_path / "walkin.png"
    mocker.patch.object(QFileDialog, "getSaveFileName", return_value=(str(target), ""))
    assert dialog.save_file()
    code = event_mod.badge_code(ef, a.id, 1)
    assert zxingcpp.read_barcode(Image.open(target)).text == code
    dialog.copies.setValue(3)
    out = tmp_path / "copies.pdf"
    to_pdf(dialog.printer, out)
    assert dialog.print_badge()
    assert scan_pdf(out, tmp_path) == [code] * 3
    s = badges_mod.summary(ef)
    assert s.badges_printed == 4 and s.reprints == 3


def test_korean_dialog(qtbot, spec, people, clock, store, korean) -> None:
    dialog = BadgePrintDialog(spec, people[1].id, clock=clock, settings=store)
    qtbot.addWidget(dialog, before_close_func=QDialog.reject)  # closes its file
    assert dialog.windowTitle() == "명찰 인쇄"
    assert dialog.print_button.text() == "인쇄"
    bulk = BulkBadgesDialog(spec, clock=clock, settings=store)
    qtbot.addWidget(bulk, before_close_func=QDialog.reject)  # closes its file
    assert bulk.windowTitle() == "명찰 일괄 인쇄"
    assert "5" in bulk.count_label.text() and "명찰" in bulk.count_label.text()


def test_no_printer_installed_is_said_and_the_pdf_offered(qtbot, mocker, spec, people, clock,
                                                          store, korean) -> None:  # fmt: skip
    from PySide6.QtPrintSupport import QPrinterInfo

    mocker.patch.object(QPrinterInfo, "availablePrinterNames", return_value=[])
    dialog = BadgePrintDialog(spec, people[1].id, clock=clock, settings=store)
    qtbot.addWidget(dialog, before_close_func=QDialog.reject)  # closes its file
    assert "프린터가 없습니다" in dialog.printer_label.text()  # not "기본 프린터"
    assert "PDF" in dialog.printer_label.text()
    assert not dialog.print_button.isEnabled() and not dialog.choose_printer.isEnabled()
    assert dialog.save_button.isEnabled() and dialog.save_button.isDefault()
    mocker.patch.object(QPrinterInfo, "availablePrinterNames", return_value=["Brother QL"])
    mocker.patch.object(QPrinterInfo, "defaultPrinterName", return_value="Brother QL")
    again = BadgePrintDialog(spec, people[1].id, clock=clock, settings=store)
    qtbot.addWidget(again, before_close_func=QDialog.reject)  # closes its file
    assert again.printer_label.text() == "Brother QL"
    assert again.print_button.isEnabled() and again.print_button.isDefault()


def test_bulk_pdf_with_progress_then_only_unprinted(qtbot, ef, clock, people, spec, store,
                                                    tmp_path, mocker, english) -> None:  # fmt: skip
    dialog = BulkBadgesDialog(spec, clock=clock, settings=store)
    qtbot.addWidget(dialog, before_close_func=QDialog.reject)  # closes its file
    assert dialog.count_label.text() == "5 badges on 1 pages"
    # leave out defectors and family
    for i in range(dialog.categories.count()):
        item = dialog.categories.item(i)
        if item.data(0x0100) in ("defector", "family"):
            item.setCheckState(item.checkState().Unchecked)
    assert dialog.count_label.text().startswith("3 badges")
    target = tmp_path / "bulk.pdf"
    mocker.patch.object(QFileDialog, "getSaveFileName", return_value=(str(target), ""))
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.last_result is not None, timeout=30000)
    assert dialog.last_result["badges"] == 3
    assert "Saved 3 badges" in dialog.status.text()
    assert sorted(scan_pdf(target, tmp_path)) == sorted(
        event_mod.badge_code(ef, p.id, 1) for p in people[2:]
    )
    assert badges_mod.summary(ef).printed == 3
    # everything selected is printed now
    assert dialog.count_label.text().startswith("0 badges")
    assert not dialog.save_button.isEnabled() and not dialog.print_button.isEnabled()
    dialog.only_unprinted.setChecked(False)
    assert dialog.save_button.isEnabled()


def test_bulk_print_to_a_printer_and_cancel(qtbot, ef, clock, people, spec, store, tmp_path,
                                            english) -> None:  # fmt: skip
    dialog = BulkBadgesDialog(spec, clock=clock, settings=store)
    qtbot.addWidget(dialog, before_close_func=QDialog.reject)  # closes its file
    dialog.layout_box.setCurrentIndex(dialog.layout_box.findData("cr80"))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    out = tmp_path / "printed.pdf"
    to_pdf(printer, out)
    dialog.start_print(printer)
    qtbot.waitUntil(lambda: dialog.last_result is not None, timeout=30000)
    outcome = dialog.last_result.pop("outcome")
    assert dialog.last_result == {"kind": "printer", "path": "", "badges": 5, "pages": 5}
    assert outcome.state == "sent" and not outcome.confirmed  # a PDF file: Qt alone
    assert sorted(scan_pdf(out, tmp_path)) == sorted(
        event_mod.badge_code(ef, p.id, 1) for p in people
    )
    assert badges_mod.summary(ef).printed == 5
    # a cancelled job records nothing
    dialog.only_unprinted.setChecked(False)
    dialog.last_result = None
    dialog.start_pdf(str(tmp_path / "cancelled.pdf"))
    dialog.cancel()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=30000)
    assert "Cancelled" in dialog.status.text()
    assert not (tmp_path / "cancelled.pdf").exists()
    assert badges_mod.summary(ef).badges_printed == 5
