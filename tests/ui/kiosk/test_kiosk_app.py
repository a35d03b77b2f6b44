"""Starting the app: the last event, a given file, encrypted files, the first-run choices."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtWidgets import QApplication, QDialog

from checkin import errors, paths
from checkin.cli import build_parser
from checkin.event import identity as event_mod
from checkin.ui import app as app_mod
from checkin.ui.dialogs.create_event_dialog import CreateEventDialog
from checkin.ui.dialogs.event_opener import EventOpener
from checkin.ui.dialogs.start_dialog import StartDialog
from checkin.ui.dialogs.station_dialog import StationDialog
from checkin.ui.main_window import MainWindow
from checkin.ui.preferences import Preferences
from checkin.ui.widgets.passphrase_dialog import PassphraseDialog


@pytest.fixture
def main(qtbot, prefs):
    w = MainWindow(prefs)
    qtbot.addWidget(w)
    return w


def start(main, prefs, *argv):
    args = build_parser().parse_args(["gui", *argv])
    opener = EventOpener(prefs, main)
    session = app_mod.open_start_event(args, opener, main)
    if session is not None:
        main.set_session(session)
    return session


def choose_at_start(mocker, *choices):
    """Patch the first-run dialog to pick ``choices`` one after the other."""
    remaining = list(choices)

    def fake_exec(self):
        if not remaining:
            return QDialog.DialogCode.Rejected
        self._choose(remaining.pop(0))
        return self.result()

    return mocker.patch.object(StartDialog, "exec", fake_exec)


def test_a_given_file_opens_with_station_and_list(main, prefs, tmp_path, clock) -> None:
    path = tmp_path / "door.checkin"
    event_mod.create_event(path, name="행사", clock=clock).close()
    session = start(main, prefs, str(path), "--station", "2번 출입구", "--list", "main")
    assert session.station_name == "2번 출입구"
    assert "2번 출입구" in main.scan_screen.station_label.text()
    assert prefs.last_file == str(path.resolve())
    assert prefs.station(path).confirmed  # --station counts as chosen: no dialog
    assert json.loads(prefs.path.read_text())["last_file"] == str(path.resolve())


def test_an_unknown_list_falls_back_with_a_message(main, prefs, tmp_path, clock, shown_errors):
    path = tmp_path / "door.checkin"
    event_mod.create_event(path, clock=clock).close()
    session = start(main, prefs, str(path), "--list", "lunch", "--station", "A")
    assert session.list_id == "main"
    assert isinstance(shown_errors[0], errors.InvalidInput)


def test_encrypted_file_with_passphrase_env(main, prefs, tmp_path, clock, monkeypatch) -> None:
    path = tmp_path / "secret.checkin"
    event_mod.create_event(path, passphrase="s3cret pass", clock=clock).close()
    monkeypatch.setenv("EVENT_PASS", "s3cret pass")
    session = start(main, prefs, str(path), "--passphrase-env", "EVENT_PASS", "--station", "A")
    assert session.ef.encrypted and session.passphrase == "s3cret pass"
    # The counters' worker opens its own connection with the same passphrase.
    main.scan_screen.counters.refresh()


def test_wrong_passphrase_asks_again_calmly(mocker, main, prefs, tmp_path, clock) -> None:
    path = tmp_path / "secret.checkin"
    event_mod.create_event(path, passphrase="right", clock=clock).close()
    asked = []

    def fake_ask(p, wrong, parent=None):
        asked.append(wrong)
        return "wrong" if len(asked) == 1 else "right"

    mocker.patch.object(PassphraseDialog, "ask", side_effect=fake_ask)
    session = start(main, prefs, str(path), "--station", "A")
    assert asked == [False, True]  # the second time it says the first was wrong
    assert session is not None and session.ef.encrypted


def test_passphrase_cancelled_leads_to_the_start_choices(mocker, main, prefs, tmp_path, clock):
    path = tmp_path / "secret.checkin"
    event_mod.create_event(path, passphrase="right", clock=clock).close()
    mocker.patch.object(PassphraseDialog, "ask", return_value=None)
    seen = []

    def fake_exec(self):
        seen.append(self.notice.text())
        return QDialog.DialogCode.Rejected

    mocker.patch.object(StartDialog, "exec", fake_exec)
    assert start(main, prefs, str(path)) is None
    assert seen == ["The event file could not be opened."]


def test_the_last_event_file_opens_again(main, prefs, tmp_path, clock) -> None:
    path = tmp_path / "last.checkin"
    event_mod.create_event(path, name="지난 행사", clock=clock).close()
    prefs.last_file = str(path)
    prefs.station(path).confirmed = True
    session = start(main, prefs)
    assert session.path == path
    assert main.windowTitle().startswith("지난 행사")


def test_first_run_demo_lands_on_the_check_in_screen(mocker, main, prefs) -> None:
    choose_at_start(mocker, "demo")
    stations = mocker.patch.object(StationDialog, "exec")
    session = start(main, prefs)
    assert session.is_demo and paths.demo_event_path().exists()
    stations.assert_not_called()  # no further setup for the demo
    assert main.current_page() == "scan"
    assert main.demo_scan_action.isVisible()
    main.simulate_scan()
    assert main.scan_screen.result_panel.kind in ("ok", "already_in")


def test_demo_flag_opens_the_demo(main, prefs) -> None:
    session = start(main, prefs, "--demo")
    assert session.is_demo and session.ef.path == paths.demo_event_path()


def test_first_run_create_an_event(mocker, main, prefs, tmp_path) -> None:
    choose_at_start(mocker, "create")
    target = tmp_path / "new.checkin"

    def fill(self):
        self.name.setText("새 행사")
        self.path.setText(str(target))
        self.passphrase_field.setText("pw")
        self.passphrase_again.setText("pw")
        self.try_accept()
        return self.result()

    mocker.patch.object(CreateEventDialog, "exec", fill)

    def name_station(self):
        self.name.setText("본부 데스크")
        self.try_accept()
        return self.result()

    mocker.patch.object(StationDialog, "exec", name_station)
    session = start(main, prefs)
    assert session.path == target and session.ef.encrypted
    assert session.station_name == "본부 데스크"
    assert prefs.station(target).confirmed


def test_create_event_refuses_bad_input_and_keeps_the_dialog(qtbot, tmp_path) -> None:
    dialog = CreateEventDialog()
    qtbot.addWidget(dialog)
    dialog.path.setText(str(tmp_path / "x.checkin"))
    dialog.passphrase_field.setText("a")
    dialog.passphrase_again.setText("b")
    dialog.try_accept()
    assert dialog.error.text() == "The two passphrases are not the same."
    dialog.passphrase_again.setText("a")
    dialog.name.setText("   ")
    dialog.try_accept()
    assert "needs a name" in dialog.error.text()
    assert not (tmp_path / "x.checkin").exists()  # nothing changed on rejection


def test_a_missing_file_is_a_clear_message(mocker, main, prefs, tmp_path, shown_errors) -> None:
    choose_at_start(mocker)  # the person closes the start dialog
    assert start(main, prefs, str(tmp_path / "nope.checkin")) is None
    assert isinstance(shown_errors[0], errors.EventFileNotFound)


def test_preferences_survive_a_damaged_file(tmp_path) -> None:
    path = tmp_path / "prefs.json"
    path.write_text("{not json")
    prefs = Preferences.load(path)
    assert prefs.last_file == "" and prefs.sound_on
    prefs.language = "ko"
    prefs.station(tmp_path / "a.checkin").mode = "self_service"
    prefs.save()
    again = Preferences.load(path)
    assert again.language == "ko"
    assert again.station(tmp_path / "a.checkin").mode == "self_service"


def test_gui_command_line_options() -> None:
    args = build_parser().parse_args(
        ["gui", "f.checkin", "--station", "S", "--list", "main", "--kiosk", "--self-service",
         "--passphrase-env", "P", "--lang", "en"]
    )  # fmt: skip
    assert (args.file, args.station, args.kiosk, args.self_service, args.passphrase_env) == (
        "f.checkin", "S", True, True, "P"
    )  # fmt: skip


def test_readme_run_command_lands_on_a_working_check_in_screen(tmp_path) -> None:
    """`checkin gui --demo` in a fresh process: demo built, screen up, a scan works."""
    script = textwrap.dedent(
        """
        import sys
        from PySide6.QtWidgets import QApplication
        from checkin.cli import build_parser
        from checkin.ui import app
        def ready(window):
            screen = window.scan_screen
            assert screen.isVisible() and screen.scanner.active
            window.simulate_scan()
            print("RESULT", screen.result_panel.kind)
            window.close()
            QApplication.quit()
        sys.exit(app.run(build_parser().parse_args(["gui", "--demo"]), ready))
        """
    )
    env = {**os.environ, "CHECKIN_DATA_DIR": str(tmp_path / "data"),
           "CHECKIN_LOG_DIR": str(tmp_path / "logs"), "QT_QPA_PLATFORM": "offscreen"}  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "RESULT ok" in done.stdout or "RESULT already_in" in done.stdout
    assert (tmp_path / "data" / "demo.checkin").exists()
    assert "Traceback" not in done.stderr


def test_self_service_without_a_pin_refuses_to_start(
    mocker, monkeypatch, tmp_path, clock, shown_errors
) -> None:
    """`checkin gui FILE --self-service`, the organizer cancels setting a PIN: the app
    closes with a clear message instead of running unlocked with every menu."""
    from checkin.ui.widgets.pin_dialog import PinDialog

    path = tmp_path / "self.checkin"
    event_mod.create_event(path, clock=clock).close()
    mocker.patch.object(PinDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # app.run installs its own
    started = []

    def ready(window):  # only reached if the app went on to run
        started.append((window.lock.locked, window.menuBar().isVisible()))
        window.lock.unlock()
        window.close()
        QApplication.quit()

    args = build_parser().parse_args(
        ["gui", str(path), "--station", "A", "--self-service", "--lang", "en"]
    )
    rc = app_mod.run(args, ready)
    assert started == [] and rc == 1
    assert isinstance(shown_errors[0], errors.SelfServiceNeedsPin)
    assert "PIN" in shown_errors[0].message("en") and "PIN" in shown_errors[0].message("ko")
    for w in QApplication.topLevelWidgets():
        if isinstance(w, MainWindow):
            assert not w.isVisible() and w.session is None  # the event file was closed


def test_the_welcome_dialog_switches_the_language(qtbot, mocker, prefs, korean) -> None:
    """Someone who reads only English can switch the first screen they see."""
    from PySide6.QtCore import Qt

    from checkin.ui import i18n

    opener = EventOpener(prefs)
    seen = []

    def fake_exec(self):
        assert self.language_button.text() == "English"
        assert self.open_button.text() != "Open an event file…"  # Korean first
        qtbot.mouseClick(self.language_button, Qt.MouseButton.LeftButton)
        seen.append((self.open_button.text(), self.language_button.text()))
        return QDialog.DialogCode.Rejected

    mocker.patch.object(StartDialog, "exec", fake_exec)
    assert opener.first_run() is None
    assert seen == [("Open an event file…", "한국어")]
    assert i18n.current_language() == "en"
    assert Preferences.load(prefs.path).language == "en"  # remembered for the next start
