"""The USB scanner: keystrokes anywhere on the scan screen become a check-in."""

from __future__ import annotations

from kiosk_helpers import by_name, checkins, code_of, type_keys
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from checkin.ui.kiosk import scanner_input
from ime import compose_like_an_ime


def scan_keys(qtbot, widget, text: str) -> None:
    """What a keyboard-wedge scanner does: the code's keys, then Enter, very fast."""
    type_keys(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_scanner_keystrokes_check_in_and_write_a_row(qtbot, screen, ef, people) -> None:
    person = by_name(people, "김민수")
    scan_keys(qtbot, screen, code_of(ef, person))
    assert screen.stack.currentWidget() is screen.result_panel
    assert screen.result_panel.kind == "ok"
    assert screen.result_panel.name.text() == "김민수"
    assert checkins(ef, person.id) == [(person.id, "entry", "scan", "main")]
    assert screen.counters.counts.checked_in == 1


def test_scan_while_focus_is_on_a_button(qtbot, screen, ef, people) -> None:
    person = by_name(people, "John Smith")
    screen.search_button.setFocus()
    scan_keys(qtbot, screen.search_button, code_of(ef, person))
    assert screen.result_panel.kind == "ok"
    assert screen.stack.currentWidget() is screen.result_panel  # Enter did not press the button
    assert len(checkins(ef, person.id)) == 1


def test_hangul_mode_keystrokes_are_mapped_back(qtbot, screen, ef, people) -> None:
    person = by_name(people, "한별")
    typed = compose_like_an_ime(code_of(ef, person))
    assert any("\uac00" <= ch <= "\ud7a3" for ch in typed)  # really Hangul
    scan_keys(qtbot, screen, typed)
    assert screen.result_panel.kind == "ok"
    assert checkins(ef, person.id) == [(person.id, "entry", "scan", "main")]


def test_input_method_commits_are_collected_too(qtbot, screen, ef, people) -> None:
    person = by_name(people, "박지수")
    typed = compose_like_an_ime(code_of(ef, person))
    for start in range(0, len(typed), 7):  # an IME commits a few syllables at a time
        event = QInputMethodEvent()
        event.setCommitString(typed[start : start + 7])
        QApplication.sendEvent(screen, event)
    qtbot.keyClick(screen, Qt.Key.Key_Return)
    assert screen.result_panel.kind == "ok"
    assert len(checkins(ef, person.id)) == 1


def test_scan_screen_keeps_the_input_method_off(screen) -> None:
    assert not screen.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)


def test_second_scan_of_the_same_badge_later_is_already_in(qtbot, screen, ef, people, clock):
    person = by_name(people, "남궁민")
    scan_keys(qtbot, screen, code_of(ef, person))
    clock.advance(60_000)  # a minute later: not a double read of the scanner
    scan_keys(qtbot, screen, code_of(ef, person))
    assert screen.result_panel.kind == "already_in"
    assert "입장" in screen.result_panel.detail.text() or "at" in screen.result_panel.detail.text()
    assert len(checkins(ef, person.id)) == 1


def test_a_double_read_is_shown_as_the_same_welcome(qtbot, screen, ef, people) -> None:
    person = by_name(people, "김민수")
    scan_keys(qtbot, screen, code_of(ef, person))
    scan_keys(qtbot, screen, code_of(ef, person))  # the scanner fired twice
    assert screen.result_panel.kind == "ok"
    assert len(checkins(ef, person.id)) == 1


def test_half_code_is_dropped_after_a_pause(qtbot, screen, ef, people) -> None:
    person = by_name(people, "김민수")
    code = code_of(ef, person)
    dropped = []
    screen.scanner.dropped.connect(dropped.append)
    qtbot.keyClicks(screen, code[:60])  # the scanner stopped half way
    qtbot.waitUntil(lambda: dropped == [60], timeout=2000)
    assert screen.ready.notice.isVisible()
    scan_keys(qtbot, screen, code)  # the next full scan is clean
    assert screen.result_panel.kind == "ok"
    assert len(checkins(ef, person.id)) == 1
    assert ef.execute("SELECT count(*) FROM scan_attempts").fetchone()[0] == 0


def test_a_pause_inside_a_code_starts_a_new_one(qtbot, screen, ef, people) -> None:
    person = by_name(people, "한별")
    code = code_of(ef, person)
    qtbot.keyClicks(screen, code[:40])
    qtbot.wait(scanner_input.PAUSE_MS + 150)
    scan_keys(qtbot, screen, code)
    assert screen.result_panel.kind == "ok"


def test_slow_typing_goes_to_the_name_search(qtbot, screen) -> None:
    for ch in "ㄱㅁㅅ":
        type_keys(screen, ch)
        qtbot.wait(scanner_input.HUMAN_GAP_MS + 40)
    qtbot.waitUntil(lambda: screen.stack.currentWidget() is screen.search)
    qtbot.waitUntil(lambda: screen.search.field.text() == "ㄱㅁㅅ", timeout=2000)
    assert screen.search.field.hasFocus() or screen.search.field.text() == "ㄱㅁㅅ"


def test_scanning_into_the_search_field_still_checks_in(qtbot, screen, ef, people) -> None:
    person = by_name(people, "박지수")
    screen.show_search("")
    type_keys(screen.search.field, "김")
    qtbot.wait(scanner_input.PAUSE_MS)
    scan_keys(qtbot, screen.search.field, code_of(ef, person))
    assert screen.result_panel.kind == "ok"
    assert len(checkins(ef, person.id)) == 1


def test_hangul_scan_into_the_search_field(qtbot, screen, ef, people) -> None:
    person = by_name(people, "John Smith")
    screen.show_search("")
    scan_keys(qtbot, screen.search.field, compose_like_an_ime(code_of(ef, person)))
    assert screen.result_panel.kind == "ok"
    assert screen.search.field.text() == ""


def test_foreign_barcode_burst_in_the_field_is_an_invalid_scan(qtbot, screen, ef) -> None:
    screen.show_search("")
    scan_keys(qtbot, screen.search.field, "8801234567890")
    assert screen.result_panel.kind == "invalid"
    assert ef.execute("SELECT status FROM scan_attempts").fetchall() == [("invalid",)]


def test_garbage_and_forged_codes_are_invalid(qtbot, screen, ef, people) -> None:
    scan_keys(qtbot, screen, "HELLO-WORLD-12345")
    assert screen.result_panel.kind == "invalid"
    code = code_of(ef, people[0])
    forged = code[:-5] + ("A" if code[-5] != "A" else "B") + code[-4:]
    qtbot.wait(1600)  # past the hold time of the first problem
    scan_keys(qtbot, screen, forged)
    assert screen.result_panel.kind == "invalid"
    assert screen.result_panel.detail.text()  # says why
    assert checkins(ef) == []


def test_fast_scans_are_all_recorded_and_problems_are_held(qtbot, screen, ef, people) -> None:
    shown = []
    screen.result_shown.connect(shown.append)
    scan_keys(qtbot, screen, "NOT-A-BADGE-0000")  # red: must stay readable
    for name in ("김민수", "한별", "John Smith"):
        scan_keys(qtbot, screen, code_of(ef, by_name(people, name)))
    # All three are in the file at once; the screen shows them one after the other.
    assert len(checkins(ef)) == 3
    assert shown == ["invalid"]
    assert screen.result_panel.pending.text()
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=3000)
    assert shown[1] == "ok"
    assert screen.result_panel.name.text() == "김민수"


def test_result_returns_to_ready_by_itself(qtbot, screen, ef, people) -> None:
    screen.result_seconds = 1
    scan_keys(qtbot, screen, code_of(ef, people[0]))
    assert screen.stack.currentWidget() is screen.result_panel
    qtbot.waitUntil(lambda: screen.stack.currentWidget() is screen.ready, timeout=3000)


def test_keys_are_left_alone_when_the_screen_is_hidden(qtbot, screen, ef, people) -> None:
    screen.hide()
    assert not screen.scanner.active
    screen.show()
    assert screen.scanner.active
