"""The print dialogs on a real CUPS scheduler: a badge is logged as printed only when
its job completed; a rejected or stopped queue shows a red panel, Retry, and the badge
stays in "not printed yet"."""

from __future__ import annotations

import pytest
from print_support import CupsServer, cups_or_skip
from PySide6.QtCore import QSettings
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog

from checkin.badges import printing
from checkin.badges import service as badges_mod
from checkin.event import identity as event_mod
from checkin.ui.console.bulk_badges_dialog import BulkBadgesDialog
from checkin.ui.desk.badge_print_dialog import BadgePrintDialog
from checkin.ui.desk.badge_printer import BadgePrinterSettings
from checkin.ui.worker import EventFileSpec


@pytest.fixture(scope="module")
def cupsd():
    server = cups_or_skip()
    yield server
    server.stop()


@pytest.fixture
def service(cupsd: CupsServer, monkeypatch):
    import cups

    monkeypatch.setenv("CUPS_SERVER", cupsd.server)  # Qt's own CUPS lookups too
    svc = printing.CupsService(cupsd.server, poll=0.05)
    assert "pdfout" in svc.printers()
    yield svc
    cups.setServer("")  # back to the machine's default for later tests


@pytest.fixture
def spec(ef, people) -> EventFileSpec:
    return EventFileSpec(str(ef.path))


@pytest.fixture
def store(tmp_path, ef) -> BadgePrinterSettings:
    station = event_mod.info(ef).station.station_id
    return BadgePrinterSettings(
        station, QSettings(str(tmp_path / "qt.ini"), QSettings.Format.IniFormat)
    )


def use_queue(printer: QPrinter, name: str) -> None:
    printer.setPrinterName(name)
    assert printer.printerName() == name
    assert printer.outputFormat() == QPrinter.OutputFormat.NativeFormat


def unprinted(ef) -> set[str]:
    return {a.id for a in badges_mod.select(ef, only_unprinted=True)}


def test_rejected_then_retry_on_a_working_queue(qtbot, ef, clock, people, spec, store, service,
                                                korean) -> None:  # fmt: skip
    a = people[0]
    dialog = BadgePrintDialog(spec, a.id, clock=clock, settings=store, service=service)
    qtbot.addWidget(dialog, before_close_func=QDialog.reject)  # closes its file
    dialog.layout_box.setCurrentIndex(dialog.layout_box.findData("ql62x100"))
    dialog.mono.setChecked(True)
    use_queue(dialog.printer, "rejecting")
    assert dialog.print_badge() is False
    panel = dialog.outcome_panel
    assert panel.isVisibleTo(dialog) and "#C62828" in panel.styleSheet()
    assert panel.text().startswith("인쇄되지 않음") and "Not printed" in panel.text()
    assert dialog.print_button.text() == "다시 시도"
    assert badges_mod.history(ef, a.id) == [] and a.id in unprinted(ef)
    # the queue is stopped (out of labels): still not printed, and nothing waits
    use_queue(dialog.printer, "disabled")
    assert dialog.print_badge() is False
    assert "멈춰" in panel.text() and a.id in unprinted(ef)
    # fixed: Retry on a working queue completes, and only now is it logged
    use_queue(dialog.printer, "pdfout")
    assert dialog.print_badge() is True
    assert dialog.last_outcome.confirmed and "#2E7D32" in panel.styleSheet()
    assert panel.text().startswith("인쇄되었습니다")
    assert dialog.print_button.text() == "인쇄"
    (row,) = badges_mod.history(ef, a.id)
    assert row.output == "printer" and row.layout == "ql62x100"
    assert a.id not in unprinted(ef)


def test_a_stopped_job_on_reprint_with_reissue_keeps_the_new_code_once(
    qtbot, ef, clock, people, spec, store, service, english
) -> None:
    a = people[1]
    badges_mod.record_prints(ef, clock, [a], "cr80", "pdf")
    dialog = BadgePrintDialog(spec, a.id, clock=clock, settings=store, service=service)
    qtbot.addWidget(dialog, before_close_func=QDialog.reject)  # closes its file
    dialog.reissue.setChecked(True)
    use_queue(dialog.printer, "broken")
    assert dialog.print_badge() is False
    assert "Not printed" in dialog.outcome_panel.text()
    assert dialog.print_button.text() == "Retry"
    assert len(badges_mod.history(ef, a.id)) == 1
    use_queue(dialog.printer, "pdfout")
    assert dialog.print_badge() is True
    rows = badges_mod.history(ef, a.id)
    assert len(rows) == 2 and rows[-1].reissued and rows[-1].badge_version == 2


def test_bulk_print_records_only_a_completed_job(qtbot, ef, clock, people, spec, store, service,
                                                 english) -> None:  # fmt: skip
    dialog = BulkBadgesDialog(spec, clock=clock, settings=store, service=service)
    qtbot.addWidget(dialog, before_close_func=QDialog.reject)  # closes its file
    dialog.layout_box.setCurrentIndex(dialog.layout_box.findData("cr80"))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    use_queue(printer, "rejecting")
    dialog.start_print(printer)
    qtbot.waitUntil(lambda: dialog.last_result is not None, timeout=60000)
    assert not dialog.last_result["outcome"].printed
    assert dialog.outcome_panel.isVisibleTo(dialog)
    assert "rejecting jobs" in dialog.outcome_panel.text()
    assert badges_mod.summary(ef).printed == 0
    dialog.last_result = None
    use_queue(printer, "pdfout")
    dialog.start_print(printer)
    qtbot.waitUntil(lambda: dialog.last_result is not None, timeout=60000)
    assert dialog.last_result["outcome"].confirmed
    assert "Printed 5 badges" in dialog.status.text()
    assert badges_mod.summary(ef).printed == 5


def test_a_custom_size_is_chosen_printed_and_remembered(qtbot, ef, clock, people, spec, store,
                                                        service, korean) -> None:  # fmt: skip
    a = people[0]
    dialog = BadgePrintDialog(spec, a.id, clock=clock, settings=store, service=service)
    qtbot.addWidget(dialog, before_close_func=QDialog.reject)  # closes its file
    picker = dialog.layout_picker
    assert picker.combo.itemText(picker.combo.count() - 1) == "사용자 지정 크기…"
    assert not picker.width_mm.isVisibleTo(dialog)
    picker.combo.setCurrentIndex(picker.combo.count() - 1)
    assert picker.width_mm.isVisibleTo(dialog)
    picker.width_mm.setValue(80)
    picker.height_mm.setValue(120)
    assert dialog.layout_key() == "custom:80x120"
    assert store.layout("single", "cr80") == "custom:80x120"
    use_queue(dialog.printer, "pdfout")
    assert dialog.print_badge() is True
    (row,) = badges_mod.history(ef, a.id)
    assert row.layout == "custom:80x120"
    again = BadgePrintDialog(spec, a.id, clock=clock, settings=store, service=service)
    qtbot.addWidget(again, before_close_func=QDialog.reject)  # closes its file
    assert again.layout_key() == "custom:80x120"
