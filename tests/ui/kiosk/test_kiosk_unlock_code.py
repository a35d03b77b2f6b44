"""A scan-only kiosk unlocks with its own kiosk unlock code; a desk with the organizer PIN."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog

from checkin.db.eventfile import open_event_file
from checkin.protect import pin as pin_mod
from checkin.sync import provision
from checkin.ui.main_window import MainWindow
from checkin.ui.session import EventSession
from checkin.ui.widgets.pin_dialog import PinDialog

PIN = "2468"


def typed(mocker, *attempts: str):
    """Patch the PIN dialog: type each attempt, press OK; record the dialog's texts."""
    said = []

    def fake_exec(self):
        said.append(self.message.text())
        for attempt in attempts:
            self.field.setText(attempt)
            self.try_accept()
            if self.result() == QDialog.DialogCode.Accepted:
                said.append("accepted")
                break
            said.append(self.error.text())
        return self.result()

    mocker.patch.object(PinDialog, "exec", fake_exec)
    return said


def station_window(qtbot, prefs, sounds, station, clock):
    w = MainWindow(prefs, sounds)
    qtbot.addWidget(w, before_close_func=lambda widget: widget.lock.unlock())
    w.set_session(EventSession(station, clock=clock))
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def door(ef, clock, people, tmp_path):
    pin_mod.set_pin(ef, clock, PIN)
    made = provision.provision(
        ef, tmp_path / "door.checkin", clock, station_name="1번 출입구", role="scan-only"
    )
    f = open_event_file(made.path)
    yield f, made.unlock_code
    f.close()


def test_a_scan_only_kiosk_unlocks_with_its_code_not_the_pin(
    qtbot, mocker, prefs, sounds, clock, door
) -> None:
    station, code = door
    w = station_window(qtbot, prefs, sounds, station, clock)
    assert w.lock_kiosk() and w.lock.locked  # no new PIN asked: it has its code
    said = typed(mocker, PIN, code.lower())
    assert w.lock.request_unlock()
    assert not w.lock.locked
    assert "kiosk unlock code from the organizer" in said[0]
    assert said[1] == "That is not this kiosk's unlock code. Please try again."
    assert said[2] == "accepted"


def test_the_kiosk_code_dialog_accepts_letters_and_dashes(qtbot) -> None:
    dialog = PinDialog(None, verify=lambda text: True, unlock_code=True)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.field, "abcd-EFGH-2345")
    assert dialog.field.text() == "abcd-EFGH-2345"
    digits = PinDialog(None, verify=lambda text: True)
    qtbot.addWidget(digits)
    qtbot.keyClicks(digits.field, "ab12")
    assert digits.field.text() == "12"


def test_a_desk_still_unlocks_with_the_organizer_pin(
    qtbot, mocker, prefs, sounds, ef, clock, people, tmp_path
) -> None:
    pin_mod.set_pin(ef, clock, PIN)
    made = provision.provision(
        ef, tmp_path / "desk.checkin", clock, station_name="접수 1", role="desk"
    )
    station = open_event_file(made.path)
    try:
        w = station_window(qtbot, prefs, sounds, station, clock)
        assert w.lock_kiosk() and w.lock.locked
        said = typed(mocker, "1111", PIN)
        assert w.lock.request_unlock() and not w.lock.locked
        assert said[0] == "Enter the organizer PIN to unlock this kiosk."
        assert said[-1] == "accepted"
    finally:
        station.close()


def test_a_kiosk_that_can_check_nothing_is_not_locked(
    qtbot, prefs, sounds, clock, door, shown_errors
) -> None:
    """A door made before unlock codes, holding only the sealed PIN: never locked shut."""
    station, _ = door
    station.execute("DELETE FROM sync_local WHERE key = ?", (pin_mod.UNLOCK_LOCAL_KEY,))
    assert pin_mod.has_pin(station) and not pin_mod.can_check(station)
    w = station_window(qtbot, prefs, sounds, station, clock)
    assert not w.lock_kiosk()
    assert not w.lock.locked
    assert len(shown_errors) == 1 and "older version" in shown_errors[0].en


def test_organizer_actions_on_a_door_ask_for_its_code(mocker, clock, door) -> None:
    from checkin.protect.access import Access

    station, code = door
    access = Access.for_file(station, clock)
    said = typed(mocker, PIN, code)
    assert PinDialog.ensure_organizer(None, station, access)
    assert access.is_organizer(station)
    assert "kiosk unlock code from the organizer" in said[0] and said[-1] == "accepted"
