"""Event menu: change the passphrase and close the event from the running app.

The window closes the file while a re-encrypted copy replaces it and opens it again;
closing the event wipes personal data and the screens show the wiped state.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt

from checkin.db.eventfile import SQLITE_HEADER, open_event_file
from checkin.door import dashboard as dashboard_mod
from checkin.door import stats as stats_mod
from checkin.people import attendees
from checkin.protect import retention
from checkin.ui.dialogs.change_passphrase_dialog import ChangePassphraseDialog
from checkin.ui.dialogs.close_event_dialog import CloseEventDialog
from checkin.ui.dialogs.event_opener import EventOpener
from checkin.ui.kiosk.camera_scanner import CameraScanner

NEW = "동대문 2027 여름"


def test_change_the_passphrase_from_the_event_menu(qtbot, mocker, window, ef, people, prefs,
                                                   clock):  # fmt: skip
    path = ef.path
    prefs.station(path).confirmed = True  # the station was set up before
    window.opener = EventOpener(prefs, window, clock)
    seen = []

    def fill_in(dialog):
        seen.append(dialog.path)
        dialog.new.setText(NEW)
        dialog.again.setText(NEW)
        dialog.try_accept()  # the file is re-encrypted off the UI thread
        qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=10_000)
        return dialog.result()

    mocker.patch.object(ChangePassphraseDialog, "exec", fill_in)
    assert window.change_passphrase()
    assert seen == [path]
    assert path.read_bytes()[:16] != SQLITE_HEADER  # encrypted at rest now
    assert window.session is not None and window.session.passphrase == NEW
    assert window.session.ef is not ef and attendees.count(window.session.ef) == len(people)
    assert window.scan_screen is not None and window.current_page() == "scan"
    reopened = open_event_file(path, NEW)
    assert attendees.count(reopened) == len(people)
    reopened.close()


def test_a_passphrase_change_while_the_counts_are_being_made(qtbot, mocker, monkeypatch, window,
                                                             ef, prefs, clock):  # fmt: skip
    """The counters and the dashboard count on worker threads with their own
    connections; changing the passphrase right after a refresh was asked for (the
    test's old intermittent failure: "the file is in use") waits for them to end and
    close their connections."""
    prefs.station(ef.path).confirmed = True
    window.opener = EventOpener(prefs, window, clock)
    assert window.show_dashboard() is not None
    counting, go_on = threading.Event(), threading.Event()

    def slowly(real):
        def counted(*args, **kwargs):
            counting.set()
            go_on.wait(5)
            return real(*args, **kwargs)

        return counted

    monkeypatch.setattr(stats_mod, "compute", slowly(stats_mod.compute))
    monkeypatch.setattr(dashboard_mod, "compute", slowly(dashboard_mod.compute))
    window.scan_screen.counters.refresh()
    window.dashboard.refresh()
    assert counting.wait(5)
    errors_seen = []

    def fill_in(dialog):
        threading.Timer(0.2, go_on.set).start()  # the counts end while the file is closed
        dialog.new.setText(NEW)
        dialog.again.setText(NEW)
        dialog.try_accept()  # the file is re-encrypted off the UI thread
        qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
        errors_seen.append(dialog.error.text())
        return dialog.result()

    mocker.patch.object(ChangePassphraseDialog, "exec", fill_in)
    assert window.change_passphrase(), errors_seen
    assert window.session.passphrase == NEW and ef.path.read_bytes()[:16] != SQLITE_HEADER


def test_a_cancelled_passphrase_change_reopens_the_same_file(mocker, window, ef, prefs, clock):
    prefs.station(ef.path).confirmed = True
    window.opener = EventOpener(prefs, window, clock)
    mocker.patch.object(ChangePassphraseDialog, "exec", lambda d: d.DialogCode.Rejected)
    assert not window.change_passphrase()
    assert window.session is not None and window.session.path == ef.path
    assert ef.path.read_bytes()[:16] == SQLITE_HEADER


def test_close_the_event_from_the_event_menu(qtbot, mocker, window, ef, people, tmp_path):
    report = tmp_path / "final-report.pdf"

    def two_steps(dialog):
        dialog.report.setText(str(report))
        dialog.go_confirm()
        dialog.confirm.setText(dialog.confirm_word())
        dialog.do_close()
        return dialog.result()

    mocker.patch.object(CloseEventDialog, "exec", two_steps)
    window.show_attendees()
    model = window.attendee_list.model
    assert any(model.index(r, 1).data() for r in range(model.rowCount()))
    assert window.close_event()
    assert report.read_bytes().startswith(b"%PDF")
    with ef.read() as conn:
        assert retention.is_closed(conn)
    assert "김민수".encode() not in ef.path.read_bytes()
    model = window.attendee_list.model
    qtbot.waitUntil(
        lambda: all(model.index(r, 1).data() == "" for r in range(model.rowCount())), timeout=3000
    )
    assert model.rowCount() == len(people)


def test_function_keys_of_the_check_in_screen_still_work_in_the_window(qtbot, window):
    """Menu shortcuts must not take the check-in screen's keys (F2 search, F4 camera)."""
    screen = window.scan_screen
    screen.setFocus()
    qtbot.keyClick(screen, Qt.Key.Key_F2)
    assert screen.stack.currentWidget() is screen.search
    screen.show_ready()
    if not CameraScanner.available_cameras():
        qtbot.keyClick(screen, Qt.Key.Key_F4)
        assert screen.camera.state == "none"


def test_the_window_names_the_event_then_the_app_in_the_chosen_language(qtbot, window):
    from PySide6.QtGui import QGuiApplication

    from checkin.ui import i18n

    i18n.set_language("ko")
    try:
        qtbot.waitUntil(lambda: QGuiApplication.applicationDisplayName() == "행사 체크인")
        assert window.windowTitle() == window.session.title("ko")
    finally:
        i18n.set_language("en")
    qtbot.waitUntil(lambda: QGuiApplication.applicationDisplayName() == "Event check-in")
