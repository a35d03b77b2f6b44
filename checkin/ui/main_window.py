"""The main window: pages in a stack, organizer features in menus, the kiosk lock.

The check-in screen is the first page. The Organizer menu holds the console: the
registration desk (walk-in form), the attendee list and the dashboard (pages), badges
(one or in bulk), import / export / report / paper ticks (``IoActions``) and sync
(``SyncService`` runs for the open event; its status sits in the status bar). Later
screens add themselves with ``add_page`` and a menu action (``menu("organizer")`` ...).
When a dialog, an import or a sync round has written, the window tells the session
(``EventSession.changed``); the pages refresh themselves from its ``data_changed``.

Roles: every action in the menus is disabled while the kiosk is locked (so are their
shortcuts), and the organizer entry points (``open_walk_in``, ``open_attendee``,
``show_attendees``, ``show_dashboard`` ...) ask for the organizer PIN first when called
on a locked kiosk. A scan-only station gets no desk, list, badge or import/export
actions at all.

The window is in three parts: the menus and their state (``checkin.ui.window_menus``),
the organizer console's entry points (``checkin.ui.organizer_actions``) and, here, the
pages, the event, the kiosk lock, scans made elsewhere and the texts of every action.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

import checkin
from checkin import errors
from checkin.assets import guide_path
from checkin.door import codes, demo, outcomes
from checkin.event import identity as event_mod
from checkin.logs import log_dir
from checkin.models import Role
from checkin.people import attendees
from checkin.sync import status as sync_status
from checkin.ui import i18n
from checkin.ui.console.attendee_list_page import AttendeeListPage
from checkin.ui.console.dashboard_page import DashboardPage
from checkin.ui.console.io_actions import IoActions
from checkin.ui.console.sync_service import SyncService
from checkin.ui.console.sync_status_widget import SyncStatusWidget
from checkin.ui.desk.badge_print_dialog import BadgePrintDialog
from checkin.ui.kiosk.kiosk_lock import KioskLock
from checkin.ui.kiosk.scan_screen import ScanScreen
from checkin.ui.kiosk.scanner_input import ScanGate, ScannerInput
from checkin.ui.kiosk.settings_dialog import SettingsDialog
from checkin.ui.kiosk.sounds import Sounds
from checkin.ui.organizer_actions import OrganizerActions
from checkin.ui.preferences import Preferences
from checkin.ui.session import EDITED, Changes, EventSession
from checkin.ui.theme import Size
from checkin.ui.widgets import error_dialog, fonts
from checkin.ui.window_menus import ATTENDEES_PAGE, DASHBOARD_PAGE, SCAN_PAGE, WindowMenus

log = logging.getLogger(__name__)


class MainWindow(WindowMenus, OrganizerActions, QMainWindow):
    def __init__(self, prefs: Preferences, sounds: Sounds | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.prefs = prefs
        self.sounds = sounds or Sounds(enabled=prefs.sound_on, volume=prefs.volume)
        self.session: EventSession | None = None
        self.scan_screen: ScanScreen | None = None
        self.attendee_list: AttendeeListPage | None = None
        self.dashboard: DashboardPage | None = None
        self.io_actions: IoActions | None = None
        self.sync_service: SyncService | None = None
        self.sync_status: SyncStatusWidget | None = None
        self.opener = None  # set by the app: opens files, creates events (EventOpener)
        self.pages = QStackedWidget()
        self._pages: dict[str, QWidget] = {}
        self._page_titles: dict[str, Callable[[], str]] = {}
        self.empty = QLabel()
        self.empty.setFont(fonts.app_font(Size.FIELD))
        self.pages.addWidget(self.empty)
        self.setCentralWidget(self.pages)
        self.lock = KioskLock(self, lambda: self.session, self._action_over)
        self.lock.changed.connect(self._on_lock_changed)
        self._menus: dict[str, QMenu] = {}
        self._build_menus()
        self.setMinimumSize(960, 640)
        self.scan_question: QMessageBox | None = None  # "badge scanned: … check in now?"
        gate = ScanGate.instance()
        if gate is not None:
            gate.add_handler(self)  # scans made while a dialog has the keys come here
        self.retranslate()

    # -- menus ----------------------------------------------------------------------

    def retranslate(self) -> None:
        # The window system shows "<title> — <display name>": the app's name in the
        # chosen language, after the event's.
        QGuiApplication.setApplicationDisplayName(self.tr("Event check-in"))
        self.setWindowTitle(
            self.session.title(i18n.current_language()) if self.session is not None else ""
        )
        self.empty.setText(self.tr("No event file is open. Use the Event menu to open one."))
        self._menus["event"].setTitle(self.tr("&Event"))
        self.open_action.setText(self.tr("Open event file…"))
        self.new_action.setText(self.tr("New event…"))
        self.demo_action.setText(self.tr("Open the demo event"))
        self.passphrase_action.setText(self.tr("Change the passphrase…"))
        self.close_event_action.setText(self.tr("Close the event (wipe personal data)…"))
        self.quit_action.setText(self.tr("Quit"))
        self._menus["kiosk"].setTitle(self.tr("&Kiosk"))
        self.scan_action.setText(self.tr("Check-in screen"))
        self.lock_action.setText(self.tr("Lock (kiosk mode)"))
        self.self_service_action.setText(self.tr("Self-service kiosk"))
        self.settings_action.setText(self.tr("Settings…"))
        self._menus["organizer"].setTitle(self.tr("&Organizer"))
        self.walk_in_action.setText(self.tr("Registration desk (walk-in)…"))
        self.attendees_action.setText(self.tr("Attendee list"))
        self.dashboard_action.setText(self.tr("Dashboard"))
        self.print_badge_action.setText(self.tr("Print the selected attendee's badge…"))
        self.bulk_badges_action.setText(self.tr("Print badges in bulk…"))
        self.tickets_action.setText(self.tr("Tickets before the day (e-mail, files)…"))
        self.discreet_action.setText(self.tr("Discreet badges and the leave message…"))
        self.sync_now_action.setText(self.tr("Sync now"))
        self.sync_settings_action.setText(self.tr("Sync settings…"))
        self.double_entries_action.setText(self.tr("Double entries…"))
        self.lost_station_action.setText(self.tr("Lost or stolen station…"))
        self.door_modes_action.setText(self.tr("Door modes (entry, check only)…"))
        self.audit_action.setText(self.tr("Audit log (who saw or exported what)…"))
        self.consent_action.setText(self.tr("Consent wording…"))
        self._menus["language"].setTitle(self.tr("&Language"))
        self._menus["help"].setTitle(self.tr("&Help"))
        self.volunteer_guide_action.setText(self.tr("Volunteer guide (one page)"))
        self.organizer_guide_action.setText(self.tr("Organizer guide"))
        self.demo_scan_action.setText(self.tr("Demo: scan a random badge"))
        self.log_action.setText(self.tr("Open the log folder"))
        self.about_action.setText(self.tr("About"))
        for lang, action in self.language_actions.items():
            action.setChecked(lang == i18n.current_language())
        self._update_actions()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- pages ----------------------------------------------------------------------

    def add_page(self, key: str, widget: QWidget) -> None:
        """Add an organizer screen; show it with ``show_page(key)`` (e.g. from a menu)."""
        old = self._pages.get(key)
        if old is not None and old is not widget:
            self.pages.removeWidget(old)
            if old is self.dashboard:
                self.dashboard.shutdown()  # its worker thread ends before the page goes
                self.dashboard = None
            if old is self.attendee_list:
                self.attendee_list = None
            if old is not self.scan_screen:
                old.deleteLater()
        self._pages[key] = widget
        self.pages.addWidget(widget)

    def show_page(self, key: str) -> None:
        if self.lock.locked and key != SCAN_PAGE:
            return  # a locked kiosk shows only the check-in screen
        widget = self._pages.get(key)
        if widget is not None:
            self.pages.setCurrentWidget(widget)

    def current_page(self) -> str | None:
        current = self.pages.currentWidget()
        return next((k for k, w in self._pages.items() if w is current), None)

    # -- the organizer console --------------------------------------------------------

    def _action_over(self) -> bool:
        """Back at the check-in screen with no dialog open: an unlock for one action ends."""
        if QApplication.activeModalWidget() is not None or self.current_page() != SCAN_PAGE:
            return False
        return not any(d.isVisible() for d in self.findChildren(QDialog))

    def _take_scans_on(self, page: QWidget) -> ScannerInput:
        """A badge scanned while ``page`` is shown is checked in on the check-in screen.

        The scanner still types wherever the focus is; without this the code went into
        the page (or nowhere) and the person at the desk saw nothing happen.
        """
        scanner = ScannerInput(page)
        scanner.scanned.connect(self._scanned_on_page)
        scanner.activate()
        return scanner

    def _scanned_on_page(self, code: str) -> None:
        if self.scan_screen is None:
            return
        self.show_page(SCAN_PAGE)
        self.scan_screen.handle_code(code)

    def scan_elsewhere(self, code: str, widget: QWidget | None = None) -> None:
        """A badge scanned while a dialog (a form, the PIN box, a wizard) had the keys.

        ``ScanGate`` held the code back, so no field holds it and no PIN was tried. A
        locked kiosk closes its dialogs and shows the scan's result at once (the person
        at the door is waiting for it); at the desk the dialog stays as it was and asks
        "badge scanned: <name> — check in now?".
        """
        if self.session is None or self.scan_screen is None:
            return
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popup.close()  # an open combo box list or menu
        modal = QApplication.activeModalWidget()
        if modal is None or modal is self:
            self._scanned_on_page(code)
            return
        if self.lock.locked:
            for _ in range(10):  # the PIN box, and whatever was under it
                dialog = QApplication.activeModalWidget()
                if not isinstance(dialog, QDialog) or not dialog.isVisible():
                    break
                dialog.reject()
            self._scanned_on_page(code)
            return
        self._ask_check_in(code, modal)

    def _ask_check_in(self, code: str, parent: QWidget) -> QMessageBox:
        if self.scan_question is not None:
            old, self.scan_question = self.scan_question, None
            old.done(0)  # a newer badge was scanned: ask about that one
            parent = QApplication.activeModalWidget() or self
        session = self.session
        assert session is not None
        try:
            badge = event_mod.verifier(session.ef).verify(code)
        except codes.CodeError as exc:
            text = (
                self.tr("This badge belongs to another event. Nobody was checked in.")
                if exc.rejection is codes.Rejection.WRONG_EVENT
                else self.tr("This is not a valid badge of this event. Nobody was checked in.")
            )
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Badge scanned"), text,
                              QMessageBox.StandardButton.Ok, parent)  # fmt: skip
            check_in_button = None
        else:
            attendee = attendees.get(session.ef, badge.attendee_id, access=session.access)
            name = attendee.display_name if attendee is not None else ""
            text = self.tr("Badge scanned: %1 — check in now?").replace(
                "%1", name or self.tr("an attendee not yet in this file")
            )
            box = QMessageBox(QMessageBox.Icon.Question, self.tr("Badge scanned"), text,
                              QMessageBox.StandardButton.NoButton, parent)  # fmt: skip
            check_in_button = box.addButton(self.tr("Check in"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(self.tr("Not now"), QMessageBox.ButtonRole.RejectRole)
            box.setDefaultButton(check_in_button)
        box.setObjectName("scanQuestion")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.WindowModal)

        def answered(_result: int) -> None:
            if self.scan_question is box:
                self.scan_question = None
            if check_in_button is not None and box.clickedButton() is check_in_button:
                self._check_in_scanned(code)

        box.finished.connect(answered)
        self.scan_question = box
        box.open()
        return box

    def _check_in_scanned(self, code: str) -> None:
        if self.scan_screen is None:
            return
        result = self.scan_screen.handle_code(code)  # shown on the check-in screen too
        if result is not None:
            name = result.attendee.display_name if result.attendee is not None else ""
            told = outcomes.outcome(result.kind)
            headline = told.title.pick(i18n.current_language())
            self.statusBar().showMessage(f"{headline} {name}".strip(), 10_000)

    def _typed_on_list(self, text: str) -> None:
        if self.attendee_list is not None:  # typing on the table: it goes to the search
            self.attendee_list.search.setFocus()
            self.attendee_list.search.insert(text)

    def change_passphrase(self) -> bool:
        """Event → Change the passphrase: the file is closed while a re-encrypted copy
        replaces it, then opened again with the new passphrase."""
        if self.session is None or self.opener is None or not self._organizer_ok():
            return False
        from checkin.ui.dialogs.change_passphrase_dialog import ChangePassphraseDialog

        session = self.session
        path, passphrase, list_id = session.path, session.passphrase, session.list_id
        is_demo = session.is_demo
        self.close_session()
        dialog = ChangePassphraseDialog(path, self)
        changed = dialog.exec() == QDialog.DialogCode.Accepted
        if changed:
            passphrase = dialog.new_passphrase
        dialog.deleteLater()
        reopened = self.opener.open_path(path, passphrase, list_id, is_demo=is_demo)
        if reopened is not None:
            self.set_session(reopened)
        if changed:
            self.statusBar().showMessage(self.tr("The passphrase was changed."), 8000)
        return changed

    def print_badge(self) -> BadgePrintDialog | None:
        """The badge of the attendee selected in the list (else: choose one there)."""
        if self.session is None or not self._can_sign() or not self._organizer_ok(desk=True):
            return None
        attendee_id = self.attendee_list.current_attendee_id() if self.attendee_list else None
        if attendee_id is None:
            self.show_attendees()
            self.statusBar().showMessage(
                self.tr("Choose the attendee in the list, then print their badge."), 8000
            )
            return None
        dialog = BadgePrintDialog(self.session.spec(), attendee_id, self, clock=self.session.clock)
        self._open_dialog(dialog)
        return dialog

    def _changed(self, changes: Changes) -> None:
        """Tell the session; the screens that show the data subscribe to it
        (``EventSession.data_changed``)."""
        if self.session is not None:
            self.session.changed(changes)

    def _start_console(self, session: EventSession) -> None:
        """I/O actions and the sync service for the event just opened (the attendee list
        and the dashboard are made when first shown, so a door kiosk starts faster)."""
        if session.info.station.role is not Role.SCAN_ONLY:
            self.io_actions = IoActions(session.spec(), self, session.access)
            self.io_actions.changed.connect(lambda: self._changed(EDITED))
            organizer = self._menus["organizer"]
            for action in self.io_actions.actions():
                organizer.insertAction(self._sync_separator, action)
                self.addAction(action)
        self.sync_service = SyncService(
            session.spec(), sync_status.load_config(session.ef), session.clock, parent=self,
            session=session,
        )  # fmt: skip
        self.sync_service.identityChanged.connect(
            lambda text: self.statusBar().showMessage(text, 30_000)
        )
        # it recounts after each round by itself (bundles sent: "not yet sent" moves)
        self.sync_status = SyncStatusWidget(
            session.ef, self.sync_service, allowed=self._organizer_ok, session=session
        )
        self.statusBar().addPermanentWidget(self.sync_status, 1)
        self.sync_service.start()

    def _stop_console(self) -> None:
        if self.sync_service is not None:
            self.sync_service.stop()
            self.sync_service.wait()
            self.sync_service.deleteLater()
            self.sync_service = None
        if self.sync_status is not None:
            self.sync_status.stop()
            self.statusBar().removeWidget(self.sync_status)
            self.sync_status.deleteLater()
            self.sync_status = None
        if self.io_actions is not None:
            for action in self.io_actions.actions():
                self._menus["organizer"].removeAction(action)
                self.removeAction(action)
            self.io_actions.deleteLater()
            self.io_actions = None
        for key in (ATTENDEES_PAGE, DASHBOARD_PAGE):
            page = self._pages.pop(key, None)
            if page is not None:
                if isinstance(page, DashboardPage):
                    page.shutdown()
                self.pages.removeWidget(page)
                page.deleteLater()
        self.attendee_list = None
        self.dashboard = None

    # -- the event ------------------------------------------------------------------

    def set_session(self, session: EventSession) -> None:
        """Show ``session`` (closing any event that was open)."""
        self.close_session()
        self.session = session
        choice = self.prefs.station(session.path)
        screen = ScanScreen(session, self.sounds, self.prefs.result_seconds)
        screen.lock_clicked.connect(self._on_lock_button)
        screen.language_clicked.connect(self.toggle_language)
        if self.prefs.camera_id:
            try:
                screen.camera.camera_id = bytes.fromhex(self.prefs.camera_id)
            except ValueError:
                screen.camera.camera_id = None
        self.scan_screen = screen
        self.add_page(SCAN_PAGE, screen)
        self._start_console(session)
        self.show_page(SCAN_PAGE)
        screen.set_self_service(choice.mode == "self_service")
        screen.set_direction(choice.direction)
        if self.prefs.camera_on:
            QTimer.singleShot(0, lambda: screen.set_camera(True))
        self.retranslate()

    def close_session(self) -> None:
        self._stop_console()
        if self.scan_screen is not None:
            self.scan_screen.shutdown()
            self.pages.removeWidget(self.scan_screen)
            self.scan_screen.deleteLater()
            self._pages.pop(SCAN_PAGE, None)
            self.scan_screen = None
        if self.session is not None:
            self.session.close()
            self.session = None

    def open_file(self) -> None:
        if self.opener is not None and not self.lock.locked:
            session = self.opener.choose_and_open()
            if session is not None:
                self.set_session(session)

    def new_event(self) -> None:
        if self.opener is not None and not self.lock.locked:
            session = self.opener.create_new()
            if session is not None:
                self.set_session(session)

    def open_demo(self) -> None:
        if self.opener is not None and not self.lock.locked:
            session = self.opener.open_demo()
            if session is not None:
                self.set_session(session)

    # -- kiosk ----------------------------------------------------------------------

    def lock_kiosk(self) -> bool:
        try:
            return self.lock.lock()
        except errors.CheckinError as exc:
            error_dialog.show_error(self, exc)
            return False

    def start_self_service(self) -> bool:
        """Lock the kiosk for self-service; False (nothing changed) if it was not locked."""
        if self.session is None or self.scan_screen is None:
            return False
        if not self.lock_kiosk():
            return False
        self.scan_screen.set_self_service(True)
        self._update_status_bar()
        choice = self.prefs.station(self.session.path)
        choice.mode = "self_service"
        self.prefs.save()
        return True

    def _on_lock_button(self) -> None:
        if self.lock.locked:
            self.lock.request_unlock()
        else:
            self.lock_kiosk()

    def _update_status_bar(self) -> None:
        # A self-service kiosk faces the queue: no sync figures or buttons there.
        screen = self.scan_screen
        self.statusBar().setVisible(
            not (self.lock.locked and screen is not None and screen.self_service)
        )

    def _on_lock_changed(self, locked: bool) -> None:
        if locked:
            self.show_page(SCAN_PAGE)
            # Nothing an organizer left open stays on a locked kiosk's screen.
            for dialog in self.findChildren(QDialog):
                if dialog.isVisible():
                    dialog.reject()
        self._update_status_bar()
        if self.scan_screen is not None:
            self.scan_screen.set_locked(locked)
            if not locked and self.scan_screen.self_service and not self.lock.temporary:
                self.scan_screen.set_self_service(False)
                if self.session is not None:
                    self.prefs.station(self.session.path).mode = "staffed"
                    self.prefs.save()
        self._update_actions()

    def open_settings(self) -> None:
        if self.session is None or self.lock.locked:
            return
        dialog = SettingsDialog(self.session, self.prefs, self)
        saved = dialog.exec()
        dialog.deleteLater()
        if saved:
            self.apply_preferences()

    def apply_preferences(self) -> None:
        self.sounds.set_enabled(self.prefs.sound_on)
        self.sounds.set_volume(self.prefs.volume)
        screen = self.scan_screen
        if screen is None or self.session is None:
            return
        screen.result_seconds = self.prefs.result_seconds
        choice = self.prefs.station(self.session.path)
        screen.set_self_service(choice.mode == "self_service")
        screen.set_direction(choice.direction)
        new_id = bytes.fromhex(self.prefs.camera_id) if self.prefs.camera_id else None
        if new_id != screen.camera.camera_id:
            screen.camera.camera_id = new_id
            if screen.camera_button.isChecked():
                screen.camera.stop()
                screen.camera.start()
        screen.counters.changed()
        if choice.mode == "self_service" and not self.lock.locked and not self.lock_kiosk():
            # No PIN was set: an unlocked screen must not look like a self-service kiosk.
            screen.set_self_service(False)
            choice.mode = "staffed"
            self.prefs.save()

    # -- language -------------------------------------------------------------------

    def set_language(self, lang: str) -> None:
        if lang != i18n.current_language():
            i18n.set_language(lang)
        self.prefs.language = lang
        self.prefs.save()

    def toggle_language(self) -> None:
        self.set_language("en" if i18n.current_language() == "ko" else "ko")

    # -- help -----------------------------------------------------------------------

    def simulate_scan(self) -> None:
        """Demo events only: scan the badge of a random attendee (no scanner needed)."""
        if self.session is None or not self.session.is_demo or self.scan_screen is None:
            return
        code = demo.random_badge_code(self.session.ef)
        if code is not None:
            self.scan_screen.handle_code(code)

    def open_guide(self, name: str) -> bool:
        """Help → a guide from docs/ (Korean and English), in the computer's viewer."""
        path = guide_path(name)
        if path.is_file() and QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            return True
        QMessageBox.information(
            self,
            self.tr("Guides"),
            self.tr("The guide could not be opened here. It is this file: %1").replace(
                "%1", str(path)
            ),
        )
        return False

    def open_log_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_dir())))

    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About"),
            self.tr(
                "Event check-in %1\nOffline kiosks, signed badges, Korean and English."
            ).replace("%1", checkin.__version__),
        )

    # -- closing --------------------------------------------------------------------

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if self.lock.locked:
            event.ignore()
            QTimer.singleShot(0, self._unlock_then_close)
            return
        self.close_session()
        self.prefs.save()
        super().closeEvent(event)

    def _unlock_then_close(self) -> None:
        if self.lock.request_unlock():
            self.close()
