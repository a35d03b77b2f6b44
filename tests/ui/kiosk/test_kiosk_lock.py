"""Kiosk mode: nothing but the check-in screen without the organizer PIN."""

from __future__ import annotations

from kiosk_helpers import by_name, code_of, type_keys
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from checkin.protect import pin as pin_mod
from checkin.ui.main_window import SCAN_PAGE
from checkin.ui.widgets.pin_dialog import PinDialog


def pin_entry(mocker, *attempts: str, confirm: str | None = None):
    """Patch the PIN dialog: type each attempt and press OK; record what it said."""
    said = []

    def fake_exec(self):
        for attempt in attempts:
            self.field.setText(attempt)
            if self.new:
                self.confirm.setText(confirm if confirm is not None else attempt)
            self.try_accept()
            if self.result() == QDialog.DialogCode.Accepted:
                said.append("accepted")
                break
            said.append(self.error.text())
        return self.result()

    mocker.patch.object(PinDialog, "exec", fake_exec)
    return said


def test_locking_without_a_pin_asks_for_one_and_stores_it_hashed(mocker, window, ef) -> None:
    pin_entry(mocker, "4321")
    assert window.lock_kiosk()
    assert window.lock.locked
    assert pin_mod.verify_pin(ef, "4321")
    raw = ef.execute("SELECT value FROM settings WHERE key = 'organizer_pin'").fetchone()[0]
    assert "4321" not in raw


def test_locking_cancelled_when_no_pin_is_chosen(mocker, window) -> None:
    mocker.patch.object(PinDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert not window.lock_kiosk()
    assert not window.lock.locked
    assert window.menuBar().isVisible()


def test_mismatched_new_pins_are_refused(mocker, window, ef) -> None:
    said = pin_entry(mocker, "1111", confirm="2222")
    assert not window.lock_kiosk()
    assert "not the same" in said[0]
    assert not pin_mod.has_pin(ef)


def test_locked_kiosk_hides_menus_and_disables_every_organizer_action(
    mocker, window, ef, clock
) -> None:
    pin_mod.set_pin(ef, clock, "2468")
    assert window.lock_kiosk()
    assert window.isFullScreen()
    assert not window.menuBar().isVisible()
    for action in (window.settings_action, window.open_action, window.new_action,
                   window.quit_action, window.lock_action, window.demo_action):  # fmt: skip
        assert not action.isEnabled(), action.text()
    opened = mocker.patch("checkin.ui.main_window.SettingsDialog")
    window.open_settings()
    opened.assert_not_called()
    assert window.scan_screen.lock_button.text() == "Unlock"


def test_locked_kiosk_refuses_to_close_without_the_pin(qtbot, mocker, window, ef, clock) -> None:
    pin_mod.set_pin(ef, clock, "2468")
    window.lock_kiosk()
    said = pin_entry(mocker, "0000")  # someone tries a PIN
    window.close()
    qtbot.waitUntil(lambda: said == ["That is not the organizer PIN. Please try again."])
    assert window.isVisible() and window.lock.locked


def test_wrong_pin_then_right_pin_unlocks(mocker, window, ef, clock) -> None:
    pin_mod.set_pin(ef, clock, "2468")
    window.lock_kiosk()
    said = pin_entry(mocker, "1234", "2468")
    assert window.lock.request_unlock()
    assert said == ["That is not the organizer PIN. Please try again.", "accepted"]
    assert not window.lock.locked
    assert window.menuBar().isVisible() and window.settings_action.isEnabled()


def test_unlock_cancelled_stays_locked(mocker, window, ef, clock) -> None:
    pin_mod.set_pin(ef, clock, "2468")
    window.lock_kiosk()
    mocker.patch.object(PinDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert not window.lock.request_unlock()
    assert window.lock.locked


def test_locked_kiosk_shows_only_the_check_in_screen(window, ef, clock) -> None:
    from PySide6.QtWidgets import QLabel

    window.add_page("dashboard", QLabel("later screens"))
    pin_mod.set_pin(ef, clock, "2468")
    window.lock_kiosk()
    window.show_page("dashboard")
    assert window.current_page() == SCAN_PAGE


def test_scanning_still_works_while_locked(qtbot, window, ef, clock, people) -> None:
    pin_mod.set_pin(ef, clock, "2468")
    window.lock_kiosk()
    screen = window.scan_screen
    type_keys(screen, code_of(ef, people[0]))
    qtbot.keyClick(screen, Qt.Key.Key_Return)
    assert screen.result_panel.kind == "ok"


def test_self_service_hides_search_undo_and_other_names(qtbot, mocker, window, ef, people):
    pin_entry(mocker, "97531")
    window.start_self_service()
    screen = window.scan_screen
    assert window.lock.locked and screen.self_service
    assert not screen.search_button.isVisible()
    assert not screen.undo_button.isVisible()
    assert not screen.recent.isVisible()
    qtbot.keyClick(screen, Qt.Key.Key_F2)
    assert screen.stack.currentWidget() is not screen.search
    type_keys(screen, "kim")  # typing a name searches nothing
    qtbot.wait(400)
    assert screen.stack.currentWidget() is not screen.search
    person = by_name(people, "남궁민")
    type_keys(screen, code_of(ef, person))
    qtbot.keyClick(screen, Qt.Key.Key_Return)
    panel = screen.result_panel
    assert panel.kind == "ok" and panel.name.text() == "남궁민"
    assert "통일부" not in panel.category.text() and person.reg_no not in panel.category.text()
    assert screen.counters.categories_visible() is False
    method = ef.execute("SELECT method FROM checkins").fetchone()[0]
    assert method == "self"
    qtbot.keyClick(screen, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert panel.kind == "ok"  # no undo at a self-service kiosk


def test_self_service_shows_the_badge_label_not_the_category(mocker, window, ef, people):
    pin_entry(mocker, "97531")
    window.start_self_service()
    window.scan_screen.handle_code(code_of(ef, by_name(people, "김민수")))  # a defector
    category = window.scan_screen.result_panel.category.text()
    assert category == "Participant" and "Defector" not in category


def test_self_service_access_needs_are_not_spelled_out(qtbot, mocker, window, ef, people):
    pin_entry(mocker, "97531")
    window.start_self_service()
    window.scan_screen.handle_code(code_of(ef, by_name(people, "박지수")))
    access = window.scan_screen.result_panel.access
    assert access.isVisibleTo(window.scan_screen.result_panel)
    assert "휠체어" not in access.text.text()


def test_unlocking_ends_self_service(mocker, window) -> None:
    pin_entry(mocker, "97531")
    window.start_self_service()
    pin_entry(mocker, "97531")
    assert window.lock.request_unlock()
    assert not window.scan_screen.self_service
    assert window.scan_screen.search_button.isVisible()


def test_later_screens_plug_in_as_pages_and_menu_actions(qtbot, window) -> None:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QLabel

    page = QLabel("attendee list")
    window.add_page("attendees", page)
    action = QAction("Attendees", window)
    action.triggered.connect(lambda: window.show_page("attendees"))
    window.menu("organizer").addAction(action)
    action.trigger()
    assert window.current_page() == "attendees"
    assert not window.scan_screen.scanner.active  # scans are not taken behind a page
    window.show_page(SCAN_PAGE)
    assert window.scan_screen.scanner.active


def test_unlocking_for_one_action_locks_again_when_it_is_over(
    qtbot, mocker, window, ef, clock, people
) -> None:
    pin_mod.set_pin(ef, clock, "2468")
    window.lock_kiosk()
    pin_entry(mocker, "2468")
    dialog = window.open_attendee(people[0].id)  # an organizer action on a locked kiosk
    assert dialog is not None and not window.lock.locked and window.lock.temporary
    qtbot.wait(2 * 500 + 100)
    assert not window.lock.locked  # still at work in the dialog
    dialog.close()
    qtbot.waitUntil(lambda: window.lock.locked, timeout=2000)  # over: locked again
    assert not window.menuBar().isVisible() and not window.lock.temporary


def test_unlocked_for_one_action_and_left_idle_locks_again(
    qtbot, mocker, window, ef, clock, people
) -> None:
    pin_mod.set_pin(ef, clock, "2468")
    window.lock_kiosk()
    pin_entry(mocker, "2468")
    window.lock.relock_idle_ms = 1500
    assert window.open_attendee(people[0].id) is not None
    assert not window.lock.locked
    qtbot.waitUntil(lambda: window.lock.locked, timeout=4000)  # nobody touched it
    assert not any(d.isVisible() for d in window.findChildren(QDialog))  # none left open


def test_the_lock_buttons_unlock_is_for_good(qtbot, mocker, window, ef, clock) -> None:
    pin_mod.set_pin(ef, clock, "2468")
    window.lock_kiosk()
    pin_entry(mocker, "2468")
    assert window.lock.request_unlock()
    qtbot.wait(1200)
    assert not window.lock.locked and not window.lock.temporary
