"""Registration desk: the walk-in form and the attendee detail dialog, with real widgets,
a real event file, and badges printed to PDF and scanned back."""

from __future__ import annotations

import shutil
import subprocess

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QMessageBox

from checkin.badges import service as badges_mod
from checkin.door import stats as stats_mod
from checkin.event import identity as event_mod
from checkin.models import Status
from checkin.people import attendees
from checkin.protect import consent
from checkin.ui.desk.attendee_detail_dialog import AttendeeDetailDialog
from checkin.ui.desk.badge_printer import BadgePrinterSettings
from checkin.ui.desk.walk_in_dialog import WalkInDialog
from checkin.ui.dialogs.station_dialog import StationDialog
from checkin.ui.session import EventSession


@pytest.fixture
def session(ef, clock, people):
    s = EventSession(ef, clock=clock)
    s.operator = "JK"
    return s


@pytest.fixture
def store(tmp_path, ef) -> BadgePrinterSettings:
    station = event_mod.info(ef).station.station_id
    return BadgePrinterSettings(
        station, QSettings(str(tmp_path / "qt.ini"), QSettings.Format.IniFormat)
    )


def pdf_printer(path) -> QPrinter:
    """A real QPrinter writing PDF: stands in for the station's label printer."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def scan_pdf(path, tmp_path) -> list[str]:
    assert shutil.which("pdftoppm")
    out = tmp_path / f"ras-{path.stem}"
    out.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(path), str(out / "p")], check=True)
    found = []
    for page in sorted(out.glob("p-*.png")):
        # QR only, as the kiosk camera reads: other 1D formats can "find" a code in text
        qr = zxingcpp.BarcodeFormat.QRCode
        found += [r.text for r in zxingcpp.read_barcodes(Image.open(page), formats=qr)]
    return found


def type_text(qtbot, widget, text: str) -> None:
    """Keystrokes; Hangul arrives as a Korean input method sends it, a syllable a commit."""
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
        else:
            event = QInputMethodEvent()
            event.setCommitString(ch)
            QCoreApplication.sendEvent(widget, event)


def walk_in(qtbot, session, store) -> WalkInDialog:
    dialog = WalkInDialog(session, settings=store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    return dialog


def type_walk_in(
    qtbot, dialog, name, phone="", email="", consent_box=True, category_down=1, group=""
) -> None:
    """Keystrokes only: type, Tab from field to field, arrow keys pick the category (no
    default: ``category_down`` presses of Down from "Choose…"), Space ticks the boxes. The
    contact consent (b) is ticked when a phone or e-mail is given: its fields open only then."""
    focus = dialog.form.edits["display_name"]
    assert dialog.focusWidget() is focus
    type_text(qtbot, focus, name)
    order = ["category", "language", "no_photo", "group_name", "consent", "consent_contact",
             "full_name", "organization", "phone", "email"]  # fmt: skip
    for field in order:
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        if field == "category":
            assert dialog.focusWidget() is dialog.form.category
            for _ in range(category_down):
                qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Down)
        if field == "phone" and phone:
            qtbot.keyClicks(dialog.focusWidget(), phone)
        if field == "email" and email:
            qtbot.keyClicks(dialog.focusWidget(), email)
        if field == "no_photo":
            assert dialog.focusWidget() is dialog.form.no_photo
            qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Space)
        if field == "group_name":
            assert dialog.focusWidget() is dialog.form.edits["group_name"]
            type_text(qtbot, dialog.focusWidget(), group)
        if field == "consent":
            assert dialog.focusWidget() is dialog.form.consent
            if consent_box:
                qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Space)
        if field == "consent_contact":
            assert dialog.focusWidget() is dialog.form.consent_contact
            if phone or email:
                qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Space)
            else:
                break  # the contact fields are greyed out: Tab skips them
    else:
        assert dialog.focusWidget() is dialog.form.edits["email"]


def test_walk_in_by_keyboard_prints_badge_and_checks_in(
    qtbot, ef, clock, session, store, tmp_path, english
) -> None:
    dialog = walk_in(qtbot, session, store)
    dialog.printer = pdf_printer(tmp_path / "badge.pdf")
    assert dialog.check_in_now.isChecked()
    type_walk_in(qtbot, dialog, "새봄", phone="+82 10 5555 0123", email="saebom@example.org")
    with qtbot.waitSignal(dialog.registered) as signal:
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    a = attendees.get(ef, signal.args[0])
    assert (a.display_name, a.phone, a.email, a.no_photo) == (
        "새봄", "010-5555-0123", "saebom@example.org", True
    )  # fmt: skip
    assert a.language == "ko" and a.category == "defector"
    assert (a.consent_at, a.consent_version) == (clock.now_ms(), consent.VERSION)
    op = ef.execute(
        "SELECT operator, station_id FROM changes WHERE entity_id = ?", (a.id,)
    ).fetchone()
    assert op == ("JK", event_mod.info(ef).station.station_id)
    # the badge: printed on the station's printer, logged, and its QR is this person
    assert scan_pdf(tmp_path / "badge.pdf", tmp_path) == [event_mod.badge_code(ef, a.id, 1)]
    (record,) = badges_mod.history(ef, a.id)
    assert (record.output, record.operator, record.reprint) == ("printer", "JK", False)
    # checked in at this station by this operator
    (entry,) = stats_mod.history(ef, a.id)
    assert (entry.action, entry.operator, entry.method) == ("entry", "JK", "manual")
    # cleared for the next person, the number shown big
    assert a.reg_no in dialog.confirmation.text() and "printed" in dialog.confirmation.text()
    assert dialog.form.edits["display_name"].text() == ""
    assert not dialog.form.consent.isChecked()
    assert dialog.focusWidget() is dialog.form.edits["display_name"]


def test_consent_and_fields_are_checked_inline(qtbot, ef, session, store, korean) -> None:
    dialog = walk_in(qtbot, session, store)
    before = attendees.count(ef)
    type_walk_in(qtbot, dialog, "가람", phone="010-12", email="not-an-email", consent_box=False)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    shown = dialog.form.error_texts()
    assert "전화번호 형식이 아닙니다" in shown["phone"]
    assert "이메일 주소 형식이 아닙니다" in shown["email"]
    assert "개인정보 이용 동의가 필요합니다" in shown["consent"]
    assert attendees.count(ef) == before
    # fixing a field clears its message as soon as the volunteer types
    dialog.form.edits["phone"].setFocus()
    qtbot.keyClick(dialog.form.edits["phone"], Qt.Key.Key_Backspace)
    assert "phone" not in dialog.form.error_texts()


def test_empty_name_is_refused_with_a_message(qtbot, ef, session, store, english) -> None:
    dialog = walk_in(qtbot, session, store)
    qtbot.keyClick(dialog.form.edits["display_name"], Qt.Key.Key_Return)
    assert "display name is required" in dialog.form.error_texts()["display_name"]
    assert dialog.last is None


def test_without_a_printer_the_badge_can_be_saved_as_pdf(
    qtbot, ef, session, store, tmp_path, mocker, english
) -> None:
    dialog = walk_in(qtbot, session, store)
    dialog.check_in_now.setChecked(False)
    assert QSettings(store.settings.fileName(), QSettings.Format.IniFormat).value(
        dialog.pref_key
    ) not in (True, "true")  # remembered per station
    assert "No badge printer" in dialog.printer_info.text()
    type_walk_in(qtbot, dialog, "Amara Okafor")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    a = dialog.last
    assert a is not None and a.language == "en"
    assert "NOT printed" in dialog.confirmation.text() and stats_mod.history(ef, a.id) == []
    assert dialog.badge_button.isVisible()
    target = tmp_path / "walk-in.pdf"
    mocker.patch.object(QFileDialog, "getSaveFileName", return_value=(str(target), ""))
    qtbot.mouseClick(dialog.badge_button, Qt.MouseButton.LeftButton)
    badge_dialog = dialog.badge_dialog
    assert badge_dialog.save_file()
    assert scan_pdf(target, tmp_path) == [event_mod.badge_code(ef, a.id, 1)]
    assert badges_mod.history(ef, a.id)[0].output == "pdf"
    badge_dialog.close()


def test_duplicate_warning_and_open_existing(qtbot, ef, session, store, people, english) -> None:
    dialog = walk_in(qtbot, session, store)
    type_text(qtbot, dialog.form.edits["display_name"], "김민슈")
    qtbot.waitUntil(lambda: dialog.dup_box.isVisible(), timeout=2000)
    assert dialog.dup_list.count() == 1
    assert "DD-0001" in dialog.dup_list.item(0).text()
    assert "very similar name" in dialog.dup_list.item(0).text()
    with qtbot.waitSignal(dialog.open_existing) as signal:
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert signal.args == [people[0].id]
    details = dialog.details
    assert isinstance(details, AttendeeDetailDialog) and details.attendee_id == people[0].id
    details.close()


def test_duplicate_asks_once_before_registering_anyway(
    qtbot, ef, session, store, people, english
) -> None:
    dialog = walk_in(qtbot, session, store)
    type_walk_in(qtbot, dialog, "Kim Minsu", phone="010-9999-0000")
    before = attendees.count(ef)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert attendees.count(ef) == before  # warned, nothing written
    assert "already be registered" in dialog.status.text()
    assert dialog.dup_list.count() == 1 and "other spelling" in dialog.dup_list.item(0).text()
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)  # a new person after all
    assert attendees.count(ef) == before + 1


def test_detail_edit_cancel_restore_reissue_undo_history(
    qtbot, ef, clock, session, store, people, mocker, korean
) -> None:
    person = people[1]  # 한별 (이영희)
    dialog = AttendeeDetailDialog(session, person.id, settings=store)
    qtbot.addWidget(dialog)
    dialog.show()
    changes = []
    dialog.changed.connect(changes.append)
    # edit with the same checks as the form
    phone = dialog.form.edits["phone"]
    phone.selectAll()
    qtbot.keyClicks(phone, "02 123 4567")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert attendees.get(ef, person.id).phone == "02-123-4567"
    phone.selectAll()
    qtbot.keyClicks(phone, "12")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "전화번호 형식이 아닙니다" in dialog.form.error_texts()["phone"]
    qtbot.mouseClick(dialog.revert_button, Qt.MouseButton.LeftButton)
    assert phone.text() == "02-123-4567" and attendees.get(ef, person.id).phone == "02-123-4567"
    # record consent for a pre-registered person
    assert dialog.form.consent_status.text()
    dialog.form.consent.setChecked(True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert attendees.get(ef, person.id).consent_version == consent.VERSION
    # check in, then undo with a typed reason
    qtbot.mouseClick(dialog.checkin_button, Qt.MouseButton.LeftButton)
    assert dialog.inside() and not dialog.checkin_button.isEnabled()
    assert not dialog.undo_button.isEnabled()  # no reason yet
    type_text(qtbot, dialog.undo_reason, "다른 사람")
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    entry, undo = stats_mod.history(ef, person.id)
    assert (undo.action, undo.reason, undo.operator, undo.undoes) == (
        "undo", "다른 사람", "JK", entry.id
    )  # fmt: skip
    assert not dialog.inside()
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(0, 4).text() == "JK"
    assert dialog.table.item(0, 5).text() == "취소됨" and dialog.table.item(0, 0).font().strikeOut()
    assert (
        dialog.table.item(1, 3).text() == "취소" and dialog.table.item(1, 5).text() == "다른 사람"
    )
    # cancel and restore
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert attendees.get(ef, person.id).cancelled and "취소" in dialog.summary.text()
    assert not dialog.checkin_button.isEnabled()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not attendees.get(ef, person.id).cancelled
    # reissue: the old badge then scans as superseded
    old_code = event_mod.badge_code(ef, person.id, 1)
    mocker.patch.object(QMessageBox, "question", return_value=QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.reissue_button, Qt.MouseButton.LeftButton)
    assert attendees.get(ef, person.id).badge_version == 2
    assert session.engine.scan(old_code).status is Status.SUPERSEDED
    ops = {
        r[0] for r in ef.execute("SELECT operator FROM changes WHERE entity_id = ?", (person.id,))
    }
    assert ops == {"", "JK"}  # created by the fixture, every edit here by JK
    assert changes == [person.id] * 7
    # the history now shows the superseded scan? no: rejected scans are not check-ins
    assert dialog.table.rowCount() == 2


def test_detail_reprint_counts_as_reprint(qtbot, ef, clock, session, store, people, tmp_path,
                                           english) -> None:  # fmt: skip
    person = people[0]
    badges_mod.record_prints(ef, clock, [person], "cr80", "pdf")
    dialog = AttendeeDetailDialog(session, person.id, settings=store)
    qtbot.addWidget(dialog)
    assert "printed 1 time" in dialog.summary.text()
    printing = dialog.reprint()
    assert not printing.reprint_box.isHidden()
    printing.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printing.printer.setOutputFileName(str(tmp_path / "again.pdf"))
    changes = []
    dialog.changed.connect(changes.append)
    assert printing.print_badge()
    printing.accept()
    first, again = badges_mod.history(ef, person.id)
    assert again.reprint and again.operator == "JK" and not first.reprint
    assert "printed 2 time" in dialog.summary.text() and changes == [person.id]
    assert scan_pdf(tmp_path / "again.pdf", tmp_path) == [event_mod.badge_code(ef, person.id, 1)]


def test_station_dialog_sets_the_operator(qtbot, session, english) -> None:
    dialog = StationDialog(session)
    qtbot.addWidget(dialog)
    dialog.operator.clear()
    qtbot.keyClicks(dialog.operator, "  MK  ")
    dialog.try_accept()
    assert session.operator == "MK"


def _on_screen(dialog, *widgets) -> bool:
    """All of ``dialog``'s height (with room for a title bar) and the bottom of each widget
    lie on its screen (the test screen is narrower than a laptop's: width is not checked)."""
    from checkin.ui.widgets.screen_fit import TITLE_BAR

    area = dialog.screen().availableGeometry()
    top_left = dialog.mapToGlobal(dialog.rect().topLeft())
    if top_left.y() < area.top() or dialog.height() + TITLE_BAR > area.height():
        return False
    for w in widgets:
        bottom = w.mapToGlobal(w.rect().bottomRight())
        if not area.top() <= bottom.y() <= area.bottom() or not w.isVisible():
            return False
    return True


def test_detail_dialog_fits_a_laptop_screen(qtbot, session, store, people, korean) -> None:
    """768-pixel laptops: Save, Close and the history stay on screen (the form scrolls)."""
    dialog = AttendeeDetailDialog(session, people[0].id, settings=store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.screen().availableGeometry().height() <= 800
    assert _on_screen(dialog, dialog.close_button, dialog.save_button, dialog.table)


def test_walk_in_dialog_stays_on_screen_after_registering(
    qtbot, ef, session, store, people, tmp_path, korean
) -> None:
    dialog = walk_in(qtbot, session, store)
    dialog.printer = pdf_printer(tmp_path / "badge.pdf")
    type_walk_in(qtbot, dialog, "김민수", phone="010-1234-5678")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)  # warned: may be registered
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)  # registered anyway
    qtbot.waitUntil(lambda: dialog.confirmation.isVisible(), timeout=2000)
    type_text(qtbot, dialog.form.edits["display_name"], "김민수")  # the next one, also similar
    qtbot.waitUntil(lambda: dialog.dup_box.isVisible(), timeout=2000)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)  # no consent yet: a message
    qtbot.wait(50)
    assert _on_screen(dialog, dialog.save_button, dialog.close_button, dialog.check_in_now)


def test_the_form_reads_out_the_events_own_consent_wording(
    qtbot, ef, clock, session, store, tmp_path, english
) -> None:
    from checkin.protect.access import Access

    wording = consent.set_wording(
        ef, clock, "우리 단체의 개인정보 처리 방침에 동의합니다.",
        "I agree to our organization's privacy notice.", Access.for_file(ef, clock),
    )  # fmt: skip
    session.reload_settings()  # as after a sync or a settings change
    dialog = walk_in(qtbot, session, store)
    dialog.printer = pdf_printer(tmp_path / "badge.pdf")
    assert dialog.form.consent_text.text() == wording.both()
    assert consent.TEXT_KO not in dialog.form.consent_text.text()
    type_walk_in(qtbot, dialog, "새봄")
    with qtbot.waitSignal(dialog.registered) as signal:
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    a = attendees.get(ef, signal.args[0])
    assert a.consent_version == wording.version != consent.VERSION


def test_the_category_is_a_deliberate_choice(qtbot, ef, session, store, english) -> None:
    """No default category (it was Guest, the last one): the volunteer must pick one."""
    dialog = walk_in(qtbot, session, store)
    assert (
        dialog.form.category.currentData() == "" and "Choose" in dialog.form.category.currentText()
    )
    before = attendees.count(ef)
    type_walk_in(qtbot, dialog, "Amara Okafor", category_down=0)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert "Choose the person's category" in dialog.form.error_texts()["category"]
    assert attendees.count(ef) == before and dialog.focusWidget() is dialog.form.category
    qtbot.keyClick(dialog.form.category, Qt.Key.Key_Down)  # Defector
    assert "category" not in dialog.form.error_texts()
    dialog.form.consent.setFocus()
    with qtbot.waitSignal(dialog.registered) as signal:
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert attendees.get(ef, signal.args[0]).category == "defector"
    assert dialog.form.category.currentData() == ""  # the next person is chosen again


def test_closing_a_half_filled_form_asks_first(qtbot, ef, session, store, korean) -> None:
    dialog = walk_in(qtbot, session, store)
    type_text(qtbot, dialog.form.edits["display_name"], "새봄")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Escape)
    assert dialog.isVisible() and "아직 등록되지 않았습니다" in dialog.status.text()
    assert dialog.form.edits["display_name"].text() == "새봄"
    type_text(qtbot, dialog.form.edits["display_name"], "이")  # typing takes it back
    assert dialog.close_button.text() == "닫기"
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.close_button.text() != "닫기"
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)  # asked, confirmed
    assert not dialog.isVisible()
    # an empty form closes at once
    empty = walk_in(qtbot, session, store)
    qtbot.keyClick(empty.focusWidget(), Qt.Key.Key_Escape)
    assert not empty.isVisible()


def _in_view(dialog, widget) -> bool:
    """``widget`` lies inside the form's scrolled viewport (not below the fold)."""
    view = dialog.scroll.viewport()
    top = widget.mapTo(view, widget.rect().topLeft()).y()
    return widget.isVisible() and top >= 0 and top + widget.height() <= view.height()


def test_the_consent_box_stays_in_view_after_a_message_and_a_save(
    qtbot, ef, session, store, tmp_path, english
) -> None:
    dialog = walk_in(qtbot, session, store)
    dialog.resize(dialog.width(), 620)  # a laptop screen's share, the form scrolls
    dialog.printer = pdf_printer(tmp_path / "badge.pdf")
    qtbot.wait(20)
    assert dialog.scroll.verticalScrollBar().maximum() > 0
    type_walk_in(qtbot, dialog, "Zelda Quarrington", phone="010-12", consent_box=False)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)  # phone and consent in error
    qtbot.wait(20)
    assert set(dialog.form.error_texts()) == {"phone", "consent"}
    assert _in_view(dialog, dialog.form.consent) and _in_view(dialog, dialog.form.edits["phone"])
    dialog.form.edits["phone"].setText("010-8642-9753")
    dialog.form.consent.setChecked(True)
    assert dialog.save() is not None, dialog.status.text()
    qtbot.wait(20)
    assert dialog.confirmation.isVisible() and dialog.last is not None
    assert dialog.confirmation.height() < 80  # one compact line
    assert _in_view(dialog, dialog.form.edits["display_name"])
