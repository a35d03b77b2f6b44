"""A badge scanned while a dialog, a form or the PIN box has the keys is a scan, never data.

The scanner is a keyboard: these tests type the code's real key events into the widget
that has the focus, at scanner speed (``qtbot.keyClicks`` with a 1 ms delay, so the event
loop and the gate's timers run between keys as they do at the desk), then Enter, and
look at the event file and at every text the field ever held.
"""

from __future__ import annotations

import pytest
from kiosk_helpers import by_name, checkins, code_of, type_keys
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from checkin.protect import pin as pin_mod
from checkin.ui.kiosk import scanner_input
from checkin.ui.main_window import SCAN_PAGE
from checkin.ui.widgets.pin_dialog import PinDialog
from ime import compose_like_an_ime

PIN = "2468"


def scan(qtbot, widget, code: str) -> None:
    """A keyboard-wedge scanner: the code's keys a millisecond apart, then Enter."""
    qtbot.keyClicks(widget, code, delay=1)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def watch(field) -> list[str]:
    """Every text ``field`` holds from now on (a code must never appear, even briefly)."""
    seen: list[str] = []
    field.textChanged.connect(seen.append)
    return seen


def never_held_a_code(seen: list[str]) -> bool:
    return not any(scanner_input.badge_code_in(text) or "CK" in text.upper() for text in seen)


def question(qtbot, window) -> QMessageBox:
    qtbot.waitUntil(
        lambda: window.scan_question is not None and window.scan_question.isVisible(),
        timeout=3000,
    )
    return window.scan_question


def answer(qtbot, box: QMessageBox, role: QMessageBox.ButtonRole) -> None:
    button = next(b for b in box.buttons() if box.buttonRole(b) == role)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def attendee_rows(ef) -> list[tuple[str, str]]:
    return ef.execute("SELECT display_name, access_needs FROM attendees ORDER BY rid").fetchall()


# -- the walk-in form -------------------------------------------------------------------


def test_scan_into_access_needs_asks_and_checks_the_badge_owner_in(
    qtbot, window, ef, people, english
) -> None:
    person = by_name(people, "김민수")
    before = attendee_rows(ef)
    dialog = window.open_walk_in()
    qtbot.waitExposed(dialog)
    dialog.form.consent_sensitive.setChecked(True)  # access needs open with consent (c)
    field = dialog.form.edits["access_needs"]
    field.setFocus()
    qtbot.keyClicks(field, "ramp", delay=120)  # a person typing
    seen = watch(field)
    scan(qtbot, field, code_of(ef, person))
    box = question(qtbot, window)
    assert "김민수" in box.text() and "check in now?" in box.text()
    assert field.text() == "ramp" and never_held_a_code(seen)
    assert checkins(ef, person.id) == []  # asked first
    answer(qtbot, box, QMessageBox.ButtonRole.AcceptRole)
    assert checkins(ef, person.id) == [(person.id, "entry", "scan", "main")]
    assert dialog.isVisible() and field.text() == "ramp"  # the form is as it was
    assert attendee_rows(ef) == before  # the scan saved nobody
    assert "김민수" in window.statusBar().currentMessage()
    dialog.reject()


def test_hangul_scan_into_the_walk_in_name_field(qtbot, window, ef, people) -> None:
    """The Korean input method left on: the scanner's keys arrive as composed Hangul."""
    person = by_name(people, "한별")
    dialog = window.open_walk_in()
    field = dialog.form.edits["display_name"]
    seen = watch(field)
    typed = compose_like_an_ime(code_of(ef, person))
    for start in range(0, len(typed), 3):  # the IME composes and commits as keys come
        event = QInputMethodEvent(typed[start + 3 : start + 4], [])
        event.setCommitString(typed[start : start + 3])
        QApplication.sendEvent(field, event)
        qtbot.wait(1)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    box = question(qtbot, window)
    assert "한별" in box.text()
    assert field.text() == "" and not seen
    answer(qtbot, box, QMessageBox.ButtonRole.AcceptRole)
    assert len(checkins(ef, person.id)) == 1
    dialog.reject()


def test_scan_with_the_focus_on_a_combo_box_leaves_it_alone(qtbot, window, ef, people) -> None:
    dialog = window.open_walk_in()
    combo = dialog.form.category
    combo.setFocus()
    chosen = combo.currentIndex()
    changes: list[int] = []
    combo.currentIndexChanged.connect(changes.append)
    scan(qtbot, combo, code_of(ef, people[0]))
    box = question(qtbot, window)
    assert combo.currentIndex() == chosen and changes == []  # no jump to a "C…" item
    assert ef.execute("SELECT count(*) FROM attendees").fetchone()[0] == len(people)
    box.done(0)
    dialog.reject()


def test_hand_typing_in_the_walk_in_form_is_unaffected(qtbot, window, ef) -> None:
    dialog = window.open_walk_in()
    name = dialog.form.edits["display_name"]
    qtbot.keyClicks(name, "Jack Choi", delay=110)  # by hand, "ck" and "C" included
    assert name.text() == "Jack Choi"
    dialog.form.consent_contact.setChecked(True)  # contact fields open with consent (b)
    dialog.form.consent_sensitive.setChecked(True)
    other = dialog.form.edits["organization"]
    qtbot.keyClicks(other, "Rebecca Buck")  # a fast typist, ending on "ck"
    qtbot.waitUntil(lambda: other.text() == "Rebecca Buck", timeout=1000)
    needs = dialog.form.edits["access_needs"]
    qtbot.keyClicks(needs, "ckd 2 steps")  # "ckd" fast, then a space: typing
    assert needs.text() == "ckd 2 steps"
    assert window.scan_question is None and checkins(ef) == []
    dialog.reject()


def test_korean_hand_typing_through_the_input_method_is_unaffected(qtbot, window) -> None:
    """최경 typed by hand: ㅊ is the scanner's first key in Korean mode, held a moment."""
    dialog = window.open_walk_in()
    field = dialog.form.edits["display_name"]
    steps = [("ㅊ", ""), ("초", ""), ("최", ""), ("ㄱ", "최"), ("거", ""), ("경", ""), ("", "경")]
    for preedit, commit in steps:
        event = QInputMethodEvent(preedit, [])
        event.setCommitString(commit)
        QApplication.sendEvent(field, event)
        qtbot.wait(120)
    assert field.text() == "최경"
    assert window.scan_question is None
    dialog.reject()


def test_a_half_scan_in_a_form_is_dropped_not_typed(qtbot, window, ef, people) -> None:
    dialog = window.open_walk_in()
    field = dialog.form.edits["access_needs"]
    seen = watch(field)
    qtbot.keyClicks(field, code_of(ef, people[0])[:60], delay=1)  # the scanner missed
    qtbot.wait(scanner_input.PAUSE_MS + 200)
    assert field.text() == "" and not seen
    assert window.scan_question is None and checkins(ef) == []
    dialog.reject()


# -- one attendee's details -------------------------------------------------------------


def test_scan_in_the_detail_dialog_can_be_declined(qtbot, window, ef, people, english) -> None:
    shown, scanned = people[1], by_name(people, "John Smith")
    dialog = window.open_attendee(shown.id)
    qtbot.waitExposed(dialog)
    target = dialog.focusWidget() or dialog
    scan(qtbot, target, code_of(ef, scanned))
    box = question(qtbot, window)
    assert "John Smith" in box.text()
    answer(qtbot, box, QMessageBox.ButtonRole.RejectRole)
    assert checkins(ef) == [] and dialog.isVisible()
    scan(qtbot, dialog.focusWidget() or dialog, code_of(ef, scanned))
    answer(qtbot, question(qtbot, window), QMessageBox.ButtonRole.AcceptRole)
    assert checkins(ef, scanned.id) == [(scanned.id, "entry", "scan", "main")]
    assert dialog.isVisible()


def test_a_forged_badge_in_a_dialog_checks_nobody_in(qtbot, window, ef, people, english):
    dialog = window.open_attendee(people[0].id)
    code = code_of(ef, people[0])
    forged = code[:-5] + ("A" if code[-5] != "A" else "B") + code[-4:]
    scan(qtbot, dialog.focusWidget() or dialog, forged)
    box = question(qtbot, window)
    assert "not a valid badge" in box.text()
    assert [b.text() for b in box.buttons()] == ["OK"]  # nothing to check in
    answer(qtbot, box, QMessageBox.ButtonRole.AcceptRole)
    assert checkins(ef) == []
    assert ef.execute("SELECT count(*) FROM scan_attempts").fetchone()[0] == 0


def test_a_second_scan_while_asking_asks_about_the_new_badge(
    qtbot, window, ef, people, english
) -> None:
    first, second = by_name(people, "김민수"), by_name(people, "남궁민")
    dialog = window.open_walk_in()
    scan(qtbot, dialog.form.edits["phone"], code_of(ef, first))
    box = question(qtbot, window)
    scan(qtbot, box.focusWidget() or box, code_of(ef, second))  # the box has the keys now
    qtbot.waitUntil(lambda: window.scan_question is not box, timeout=3000)
    newer = question(qtbot, window)
    assert "남궁민" in newer.text()
    answer(qtbot, newer, QMessageBox.ButtonRole.AcceptRole)
    assert checkins(ef) == [(second.id, "entry", "scan", "main")]
    assert dialog.form.edits["phone"].text() == ""
    dialog.reject()


def test_a_scanner_without_enter_in_a_form(qtbot, window, ef, people) -> None:
    """No Enter after the code: the pause ends it; a late Enter presses nothing."""
    dialog = window.open_walk_in()
    field = dialog.form.edits["display_name"]
    gate = scanner_input.ScanGate.instance()
    scans = gate.scans
    qtbot.keyClicks(field, code_of(ef, people[0]), delay=1)
    qtbot.waitUntil(lambda: gate.scans == scans + 1, timeout=3000)
    qtbot.keyClick(QApplication.activeModalWidget(), Qt.Key.Key_Return)  # a late Enter
    box = question(qtbot, window)
    assert box.isVisible() and checkins(ef) == []  # it answered nothing
    assert field.text() == ""
    box.done(0)
    dialog.reject()


# -- the PIN box ------------------------------------------------------------------------


@pytest.fixture
def locked(window, ef, clock):
    pin_mod.set_pin(ef, clock, PIN)
    assert window.lock_kiosk()
    return window


def _wrong_pins(ef, clock, count: int) -> None:
    for _ in range(count):
        pin_mod.check_pin(ef, clock, "0000")


def test_scan_in_the_unlock_pin_box_is_a_check_in_not_a_pin(
    qtbot, mocker, locked, ef, clock, people
) -> None:
    window = locked
    person = by_name(people, "박지수")
    _wrong_pins(ef, clock, 4)  # one more wrong PIN would lock PIN entry
    before = pin_mod.pin_state(ef)
    pin_attempts = ef.execute("SELECT count(*) FROM audit_log").fetchone()[0]

    def scanned_while_open(self):  # what a volunteer sees: the box, then a scan
        self.open()
        qtbot.waitExposed(self)
        scan(qtbot, self.field, code_of(ef, person))
        qtbot.waitUntil(lambda: not self.isVisible(), timeout=3000)
        return self.result()

    mocker.patch.object(PinDialog, "exec", scanned_while_open)
    assert not window.lock.request_unlock()  # the box closed; no PIN was tried
    assert window.lock.locked
    assert pin_mod.pin_state(ef) == before and before.failures == 4
    assert pin_mod.pin_state(ef).remaining_ms(clock.now_ms()) == 0
    assert ef.execute("SELECT count(*) FROM audit_log").fetchone()[0] == pin_attempts
    assert checkins(ef, person.id) == [(person.id, "entry", "scan", "main")]
    assert window.current_page() == SCAN_PAGE
    assert window.scan_screen.result_panel.kind == "ok"  # the kiosk's result, at once


def test_scan_during_a_pin_lockout_leaves_the_lockout_as_it_was(
    qtbot, locked, ef, clock, people
) -> None:
    window = locked
    _wrong_pins(ef, clock, 5)
    before = pin_mod.pin_state(ef)
    remaining = before.remaining_ms(clock.now_ms())
    assert remaining > 0
    dialog = PinDialog(window, verify=window.session.verify_pin,
                       locked_ms=window.session.pin_locked_ms)  # fmt: skip
    dialog.open()
    qtbot.waitExposed(dialog)
    assert "0:30" in dialog.error.text()
    scan(qtbot, dialog.focusWidget() or dialog, code_of(ef, people[0]))
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    assert pin_mod.pin_state(ef) == before
    assert pin_mod.pin_state(ef).remaining_ms(clock.now_ms()) == remaining
    assert len(checkins(ef, people[0].id)) == 1
    with qtbot.waitSignal(dialog.destroyed):  # its countdown stops before the file closes
        dialog.deleteLater()


def test_scan_in_the_organizer_pin_box_at_the_desk_asks(
    qtbot, window, ef, clock, people, english
) -> None:
    pin_mod.set_pin(ef, clock, PIN)
    window.session.access.drop()
    dialog = PinDialog(window, verify=window.session.verify_pin,
                       locked_ms=window.session.pin_locked_ms, purpose="organizer")  # fmt: skip
    dialog.open()
    qtbot.keyClicks(dialog.field, "13", delay=120)  # the organizer started typing
    scan(qtbot, dialog.field, code_of(ef, people[2]))
    box = question(qtbot, window)
    assert "John Smith" in box.text()
    assert dialog.field.text() == "13" and dialog.failures == 0
    assert pin_mod.pin_state(ef).failures == 0
    answer(qtbot, box, QMessageBox.ButtonRole.AcceptRole)
    assert len(checkins(ef, people[2].id)) == 1
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    dialog.reject()


# -- the search fields ------------------------------------------------------------------


def test_scan_into_the_name_search_never_lands_in_the_field(qtbot, window, ef, people) -> None:
    screen = window.scan_screen
    person = by_name(people, "남궁민")
    screen.show_search("")
    type_keys(screen.search.field, "남")
    seen = watch(screen.search.field)
    scan(qtbot, screen.search.field, code_of(ef, person))
    assert screen.result_panel.kind == "ok"
    assert checkins(ef, person.id) == [(person.id, "entry", "scan", "main")]
    assert never_held_a_code(seen)


def test_scan_into_the_attendee_list_search(qtbot, window, ef, people) -> None:
    page = window.show_attendees()
    person = by_name(people, "한별")
    seen = watch(page.search)
    scan(qtbot, page.search, code_of(ef, person))
    qtbot.waitUntil(lambda: window.current_page() == SCAN_PAGE, timeout=3000)
    assert checkins(ef, person.id) == [(person.id, "entry", "scan", "main")]
    assert page.search.text() == "" and never_held_a_code(seen)


# -- the import wizard ------------------------------------------------------------------


def test_scan_in_the_import_wizard(qtbot, window, ef, people, english) -> None:
    wizard = window.io_actions.open_import()
    qtbot.waitExposed(wizard)
    field = wizard.file_page.path_edit
    qtbot.keyClicks(field, "C:/data/list.csv")  # typed fast by hand, starting with C
    assert field.text() == "C:/data/list.csv"
    seen = watch(field)
    person = by_name(people, "김민수")
    scan(qtbot, field, code_of(ef, person))
    box = question(qtbot, window)
    assert "김민수" in box.text()
    answer(qtbot, box, QMessageBox.ButtonRole.AcceptRole)
    assert len(checkins(ef, person.id)) == 1
    assert field.text() == "C:/data/list.csv" and not seen
    assert wizard.isVisible() and wizard.currentPage() is wizard.file_page
    wizard.reject()


# -- before an event is open ------------------------------------------------------------


def test_scan_into_the_passphrase_box_with_no_event_open(qtbot, window, ef, people) -> None:
    """Opening an encrypted file: a scan is not a passphrase, and there is nobody to
    check in yet; it is dropped, the box keeps what was typed."""
    from checkin.ui.widgets.passphrase_dialog import PassphraseDialog

    code = code_of(ef, people[0])
    window.close_session()
    dialog = PassphraseDialog(ef.path, parent=window)
    dialog.open()
    qtbot.keyClicks(dialog.field, "spring door", delay=100)
    seen = watch(dialog.field)
    scan(qtbot, dialog.field, code)
    qtbot.wait(scanner_input.PAUSE_MS)
    assert dialog.field.text() == "spring door" and not seen
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert window.scan_question is None
    dialog.reject()
