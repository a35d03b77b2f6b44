"""The Organizer menu: pages and dialogs it opens, the PIN on a locked kiosk, scan-only
stations without desk actions, and the sync service running with the event."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from checkin.db.eventfile import open_event_file
from checkin.protect import pin as pin_mod
from checkin.sync import provision
from checkin.sync import status as sync_status
from checkin.ui.console.attendee_table_model import COL_NAME, ID_ROLE
from checkin.ui.console.bulk_badges_dialog import BulkBadgesDialog
from checkin.ui.console.door_modes_dialog import DoorModesDialog
from checkin.ui.console.double_entry_dialog import DoubleEntryDialog
from checkin.ui.console.export_dialog import ExportDialog
from checkin.ui.console.import_wizard import ImportWizard
from checkin.ui.console.lost_station_dialog import LostStationDialog
from checkin.ui.console.paper_ticks_dialog import PaperTicksDialog
from checkin.ui.console.sync_settings_dialog import SyncSettingsDialog
from checkin.ui.desk.badge_print_dialog import BadgePrintDialog
from checkin.ui.main_window import ATTENDEES_PAGE, DASHBOARD_PAGE, SCAN_PAGE
from checkin.ui.session import EventSession
from checkin.ui.widgets.pin_dialog import PinDialog


def opened(window, kind):
    found = [d for d in window.findChildren(kind) if d.isVisible()]
    for d in found:
        d.close()
    return found


def pin_typed(mocker, pin: str | None):
    def fake_exec(self):
        if pin is None:
            return QDialog.DialogCode.Rejected
        self.field.setText(pin)
        self.try_accept()
        return self.result()

    mocker.patch.object(PinDialog, "exec", fake_exec)


def menu_texts(window) -> list[str]:
    return [a.text() for a in window.menu("organizer").actions() if a.isVisible() and a.text()]


def test_organizer_menu_lists_the_console(window, english) -> None:
    assert window.menu("organizer").menuAction().isVisible()
    assert menu_texts(window) == [
        "Registration desk (walk-in)…", "Attendee list", "Dashboard",
        "Print the selected attendee's badge…", "Print badges in bulk…",
        "Tickets before the day (e-mail, files)…", "Discreet badges and the leave message…",
        "Import registrations…", "Export attendance…", "Summary report (PDF)…",
        "Print paper door list (PDF)…", "Enter ticks from the paper list…",
        "Sync now", "Sync settings…", "Double entries…", "Lost or stolen station…",
        "Door modes (entry, check only)…",
        "Audit log (who saw or exported what)…", "Consent wording…",
    ]  # fmt: skip


def test_menu_actions_open_the_pages(qtbot, window) -> None:
    window.attendees_action.trigger()
    assert window.current_page() == ATTENDEES_PAGE
    assert window.attendee_list.model.rowCount() == 5
    window.dashboard_action.trigger()
    assert window.current_page() == DASHBOARD_PAGE
    qtbot.waitUntil(lambda: window.dashboard.data is not None)
    window.scan_action.trigger()
    assert window.current_page() == SCAN_PAGE


def test_menu_actions_open_the_dialogs(qtbot, window, people) -> None:
    window.bulk_badges_action.trigger()
    assert len(opened(window, BulkBadgesDialog)) == 1
    window.lost_station_action.trigger()  # the lost-station kit (tests/sync/test_lost_station_ui)
    assert len(opened(window, LostStationDialog)) == 1
    window.print_badge_action.trigger()  # nobody chosen yet: the list, with a hint
    assert window.current_page() == ATTENDEES_PAGE
    assert "Choose the attendee" in window.statusBar().currentMessage()
    assert opened(window, BadgePrintDialog) == []
    page = window.attendee_list
    page.table.selectRow(1)
    chosen = page.current_attendee_id()
    window.print_badge_action.trigger()
    dialogs = opened(window, BadgePrintDialog)
    assert [d.attendee_id for d in dialogs] == [chosen]
    io = window.io_actions
    for action, kind in ((io.import_action, ImportWizard), (io.export_action, ExportDialog),
                         (io.ticks_action, PaperTicksDialog)):  # fmt: skip
        action.trigger()
        assert len(opened(window, kind)) == 1, kind.__name__
    window.sync_settings_action.trigger()
    assert len(opened(window, SyncSettingsDialog)) == 1
    window.double_entries_action.trigger()
    assert len(opened(window, DoubleEntryDialog)) == 1
    window.door_modes_action.trigger()
    assert len(opened(window, DoorModesDialog)) == 1


def test_attendee_list_activation_reaches_open_attendee(qtbot, window, mocker) -> None:
    # The detail dialog is another module; here: activation asks for the PIN when locked.
    window.attendees_action.trigger()
    page = window.attendee_list
    pin_mod.set_pin(window.session.ef, window.session.clock, "2468")
    window.lock_kiosk()
    pin_typed(mocker, None)
    assert window.open_attendee(page.model.index(0, COL_NAME).data(ID_ROLE)) is None
    assert window.lock.locked


def test_locked_kiosk_asks_for_the_pin_before_any_organizer_page(qtbot, mocker, window) -> None:
    pin_mod.set_pin(window.session.ef, window.session.clock, "2468")
    assert window.lock_kiosk()
    for action in window._organizer_actions + window.io_actions.actions():
        assert not action.isEnabled(), action.text()
    pin_typed(mocker, None)  # someone without the PIN
    for open_it in (window.show_attendees, window.show_dashboard, window.open_walk_in,
                    window.print_badge, window.open_bulk_badges, window.open_sync_settings,
                    window.show_double_entries, window.open_door_modes):  # fmt: skip
        assert open_it() is None
        assert window.current_page() == SCAN_PAGE and window.lock.locked
    assert opened(window, BulkBadgesDialog) == [] and opened(window, DoorModesDialog) == []
    pin_typed(mocker, "2468")  # the organizer
    assert window.show_dashboard() is window.dashboard
    assert window.current_page() == DASHBOARD_PAGE and not window.lock.locked


@pytest.fixture
def scan_only_session(tmp_path, ef, clock, people):
    made = provision.provision(
        ef, tmp_path / "door2.checkin", clock, station_name="2번 출입구", role="scan-only"
    )
    door = open_event_file(made.path)
    yield EventSession(door, clock=clock)
    door.close()


def test_scan_only_station_gets_no_desk_list_badge_or_export_actions(
    make_window, scan_only_session, english
) -> None:
    window = make_window(scan_only_session)
    assert window.is_scan_only()
    # the door modes are the organizer's: a door sees its own in Settings
    assert menu_texts(window) == ["Dashboard", "Sync now", "Sync settings…", "Double entries…"]
    assert not window.door_modes_action.isVisible()
    assert window.io_actions is None and window.attendee_list is None
    for open_it in (window.show_attendees, window.open_walk_in, window.print_badge,
                    window.open_bulk_badges, window.open_audit_log,
                    window.open_consent_wording):  # fmt: skip
        assert open_it() is None
    assert window.open_attendee(scan_only_session.engine.ef.execute(
        "SELECT id FROM attendees LIMIT 1").fetchone()[0]) is None  # fmt: skip
    assert window.current_page() == SCAN_PAGE
    assert window.show_dashboard() is window.dashboard


def test_sync_service_runs_with_the_event_and_stops_with_it(qtbot, tmp_path, ef, session,
                                                            make_window) -> None:  # fmt: skip
    shared = tmp_path / "share"
    shared.mkdir()
    sync_status.save_config(ef, sync_status.SyncConfig(folder=str(shared), interval_s=60))
    window = make_window(session)
    service = window.sync_service
    assert service is not None and service.config.folder == str(shared)
    qtbot.waitUntil(lambda: service.last is not None and not service.busy, timeout=10_000)
    assert service.last.ok
    assert list(shared.iterdir())  # this station's bundle was written
    assert window.sync_status.isVisible()
    window.close_session()
    assert window.sync_service is None and window.sync_status is None
    assert window.dashboard is None and window.attendee_list is None


def test_walk_in_hook_opens_the_registration_form(qtbot, window) -> None:
    module = pytest.importorskip("checkin.ui.desk.walk_in_dialog")
    window.walk_in_action.trigger()
    assert len(opened(window, module.WalkInDialog)) == 1


def test_attendee_list_activation_opens_the_detail_dialog(qtbot, window) -> None:
    module = pytest.importorskip("checkin.ui.desk.attendee_detail_dialog")
    window.attendees_action.trigger()
    page = window.attendee_list
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert len(opened(window, module.AttendeeDetailDialog)) == 1


def test_the_sync_bar_buttons_need_the_pin_on_a_locked_kiosk(qtbot, mocker, window) -> None:
    pin_mod.set_pin(window.session.ef, window.session.clock, "2468")
    assert window.lock_kiosk()
    bar = window.sync_status
    assert bar.isVisible()  # staffed door: the volunteer sees whether sync works
    pin_typed(mocker, None)
    qtbot.mouseClick(bar.settings_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(bar.doubles, Qt.MouseButton.LeftButton)
    assert opened(window, SyncSettingsDialog) == [] and opened(window, DoubleEntryDialog) == []
    pin_typed(mocker, "2468")  # the organizer
    qtbot.mouseClick(bar.settings_button, Qt.MouseButton.LeftButton)
    assert len(opened(window, SyncSettingsDialog)) == 1


def test_a_self_service_kiosk_shows_no_sync_bar(qtbot, mocker, window) -> None:
    pin_mod.set_pin(window.session.ef, window.session.clock, "2468")
    window.start_self_service()
    assert window.lock.locked and not window.statusBar().isVisible()
    pin_typed(mocker, "2468")
    assert window.lock.request_unlock()
    assert window.statusBar().isVisible()


def test_locking_closes_what_the_organizer_left_open(qtbot, window) -> None:
    window.bulk_badges_action.trigger()
    dialogs = [d for d in window.findChildren(BulkBadgesDialog) if d.isVisible()]
    assert len(dialogs) == 1
    pin_mod.set_pin(window.session.ef, window.session.clock, "2468")
    assert window.lock_kiosk()
    assert not dialogs[0].isVisible()


def _scanner_types(qtbot, widget, text: str) -> None:
    """A keyboard-wedge scanner: the code's keys very fast, then Enter."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        key = ord(ch.upper()) if ch.isascii() and ch.isalnum() else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch))
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def _entries(ef, attendee_id):
    return ef.execute(
        "SELECT action FROM checkins WHERE attendee_id = ?", (attendee_id,)
    ).fetchall()


@pytest.mark.parametrize("where", ["table", "search", "dashboard"])
def test_a_badge_scanned_on_an_organizer_page_is_checked_in_where_it_shows(
    qtbot, window, ef, people, where
) -> None:
    """The desk has the list open when someone scans their badge: not silently lost."""
    from checkin.event import identity as event_mod

    person = people[0]
    if where == "dashboard":
        target = window.show_dashboard()
    else:
        page = window.show_attendees()
        target = page.table if where == "table" else page.search
    target.setFocus()
    _scanner_types(qtbot, target, event_mod.badge_code(ef, person.id, person.badge_version))
    assert window.current_page() == SCAN_PAGE
    assert window.scan_screen.result_panel.kind == "ok"
    assert _entries(ef, person.id) == [("entry",)]


def test_typing_on_the_attendee_table_goes_to_its_search(qtbot, window) -> None:
    page = window.show_attendees()
    page.table.setFocus()
    for ch in "kim":
        qtbot.keyClick(page.table, ch)
        qtbot.wait(120)  # a person's pace
    qtbot.waitUntil(lambda: page.search.text() == "kim", timeout=2000)
    assert window.current_page() == ATTENDEES_PAGE
    assert page.search.hasFocus()


def test_the_pages_have_a_button_back_to_the_check_in_screen(qtbot, window) -> None:
    for show in (window.show_attendees, window.show_dashboard):
        page = show()
        assert window.current_page() != SCAN_PAGE
        qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
        assert window.current_page() == SCAN_PAGE


def test_the_organizer_edits_the_consent_wording(qtbot, mocker, window, english) -> None:
    from checkin.protect import consent
    from checkin.ui.console.consent_wording_dialog import ConsentWordingDialog

    session = window.session
    dialog = window.open_consent_wording()
    assert isinstance(dialog, ConsentWordingDialog)
    assert dialog.ko.toPlainText() == consent.TEXT_KO
    dialog.ko.setPlainText("")  # one language missing: refused, nothing saved
    dialog.try_accept()
    assert dialog.isVisible() and "Korean and an English" in dialog.error.text()
    assert consent.wording(session.settings) == consent.DEFAULT
    dialog.ko.setPlainText("우리 단체의 개인정보 처리 방침에 동의합니다.")
    dialog.en.setPlainText("I agree to our privacy notice.")
    dialog.try_accept()
    assert not dialog.isVisible()
    now = consent.wording(session.settings)  # the session re-read its settings
    assert now.ko.startswith("우리 단체") and now.version != consent.VERSION
    # with a PIN set, someone without it cannot even open it
    pin_mod.set_pin(session.ef, session.clock, "2468")
    session.access.drop()
    pin_typed(mocker, None)
    assert window.open_consent_wording() is None


def test_bulk_badges_need_the_organizer_pin_like_exports(qtbot, mocker, window) -> None:
    """A PDF of every badge holds all names and valid codes: the PIN, as for an export."""
    session = window.session
    pin_mod.set_pin(session.ef, session.clock, "2468")
    session.access.drop()
    pin_typed(mocker, None)  # someone without the PIN, at an unlocked desk
    assert window.open_bulk_badges() is None
    assert opened(window, BulkBadgesDialog) == []
    pin_typed(mocker, "1111")  # a wrong PIN: still nothing
    assert window.open_bulk_badges() is None
    pin_typed(mocker, "2468")
    assert isinstance(window.open_bulk_badges(), BulkBadgesDialog)
    assert len(opened(window, BulkBadgesDialog)) == 1
