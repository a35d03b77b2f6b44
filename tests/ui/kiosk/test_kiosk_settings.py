"""Station settings: name, list, sound, camera, kiosk mode, organizer PIN."""

from __future__ import annotations

from kiosk_helpers import by_name, code_of, type_keys
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from checkin.door import stats as stats_mod
from checkin.event import settings as settings_mod
from checkin.protect import pin as pin_mod
from checkin.ui.kiosk.settings_dialog import SettingsDialog
from checkin.ui.kiosk.sounds import Sounds
from checkin.ui.preferences import Preferences
from checkin.ui.widgets.pin_dialog import PinDialog


def open_dialog(qtbot, window):
    dialog = SettingsDialog(window.session, window.prefs, window)
    qtbot.addWidget(dialog)
    return dialog


def test_settings_are_saved_and_applied(qtbot, window, ef, clock) -> None:
    settings_mod.update(ef, clock, {"lists": [
        {"id": "main", "ko": "본 행사장", "en": "Main hall"},
        {"id": "lunch", "ko": "점심", "en": "Lunch"},
    ]})  # fmt: skip
    window.session.reload_settings()
    dialog = open_dialog(qtbot, window)
    dialog.station_name.setText("2번 출입구")
    dialog.list_combo.setCurrentIndex(dialog.list_combo.findData("lunch"))
    dialog.sound_on.setChecked(False)
    dialog.seconds.setValue(7)
    dialog.kiosk_start.setChecked(True)
    dialog.try_accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    window.apply_preferences()
    session = window.session
    assert session.station_name == "2번 출입구" and session.list_id == "lunch"
    assert "2번 출입구" in window.scan_screen.station_label.text()
    assert "Lunch" in window.scan_screen.station_label.text()
    assert window.scan_screen.result_seconds == 7
    assert not window.sounds.enabled
    saved = Preferences.load(window.prefs.path)
    choice = saved.station(session.path)
    assert (choice.list_id, choice.kiosk, saved.sound_on) == ("lunch", True, False)
    # Scans now count on the chosen list.
    screen = window.scan_screen
    screen.check_in_attendee(ef.execute("SELECT id FROM attendees LIMIT 1").fetchone()[0])
    assert ef.execute("SELECT list, station_name FROM checkins").fetchall() == [
        ("lunch", "2번 출입구")
    ]


def test_a_bad_station_name_keeps_the_dialog_open(qtbot, window) -> None:
    dialog = open_dialog(qtbot, window)
    dialog.station_name.setText("   ")
    dialog.try_accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "station name" in dialog.error.text()
    assert window.session.station_name == "HQ"  # nothing changed


def test_setting_and_changing_the_pin(qtbot, mocker, window, ef) -> None:
    dialog = open_dialog(qtbot, window)
    assert dialog.pin_button.text() == "Set PIN…"

    def new_pin(value):
        def fake(self):
            if self.new:
                self.field.setText(value)
                self.confirm.setText(value)
            else:
                self.field.setText("1357")
            self.try_accept()
            return self.result()

        return fake

    mocker.patch.object(PinDialog, "exec", new_pin("1357"))
    dialog.pin_button.click()
    assert pin_mod.verify_pin(ef, "1357")
    assert dialog.pin_button.text() == "Change PIN…"
    mocker.patch.object(PinDialog, "exec", new_pin("8642"))  # old PIN asked first
    dialog.pin_button.click()
    assert pin_mod.verify_pin(ef, "8642") and not pin_mod.verify_pin(ef, "1357")


def test_self_service_from_settings_locks_the_kiosk(qtbot, mocker, window, ef, clock) -> None:
    pin_mod.set_pin(ef, clock, "2468")
    dialog = open_dialog(qtbot, window)
    dialog.self_service.setChecked(True)
    dialog.try_accept()
    window.apply_preferences()
    assert window.lock.locked and window.scan_screen.self_service


def test_self_service_from_settings_without_a_pin_stays_staffed(qtbot, mocker, window) -> None:
    dialog = open_dialog(qtbot, window)
    dialog.self_service.setChecked(True)
    dialog.try_accept()
    mocker.patch.object(PinDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    window.apply_preferences()  # the organizer cancels setting a PIN
    assert not window.lock.locked and not window.scan_screen.self_service
    assert Preferences.load(window.prefs.path).station(window.session.path).mode == "staffed"


def test_sounds_are_silent_without_an_audio_device(qtbot) -> None:
    sounds = Sounds(enabled=True)
    sounds.play("ok")  # this machine has no audio output: no error, no sound
    assert sounds.last_played == "ok"
    if not sounds.available:
        assert sounds._effects == {}


def test_an_exit_door_records_people_leaving(qtbot, window, ef, people) -> None:
    person = by_name(people, "김민수")
    screen = window.scan_screen
    screen.handle_code(code_of(ef, person))  # came in at this station (an entrance)
    assert screen.result_panel.kind == "ok"
    dialog = open_dialog(qtbot, window)
    dialog.direction_combo.setCurrentIndex(1)
    dialog.try_accept()
    window.apply_preferences()
    assert Preferences.load(window.prefs.path).station(window.session.path).direction == "exit"
    assert "EXIT" in screen.station_label.text()
    assert "Leaving" in screen.ready.headline.text()
    type_keys(screen, code_of(ef, person))
    qtbot.keyClick(screen, Qt.Key.Key_Return)
    panel = screen.result_panel
    assert panel.kind == "exit" and panel.headline.text() == "Checked out"
    assert panel.name.text() == "김민수" and not panel.detail.isVisible()
    actions = [r[0] for r in ef.execute("SELECT action FROM checkins ORDER BY at_ms, rowid")]
    assert actions == ["entry", "exit"]
    counts = stats_mod.compute(ef)
    assert counts.checked_in == 1 and counts.inside == 0
    # Someone who never came in through a door that scans: still counted as leaving.
    other = by_name(people, "한별")
    screen.handle_code(code_of(ef, other))
    assert panel.kind == "exit" and "No entry was recorded" in panel.detail.text()
