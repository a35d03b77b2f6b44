"""The main window: pages in a stack, organizer features in menus, the kiosk lock.

The check-in screen is the first page. Later organizer screens (registration desk,
attendee list, dashboard, import, sync) add themselves with ``add_page`` and a menu
action (``menu("event")``, ``menu("kiosk")``, ``menu("organizer")`` ...); every action
in the menus is disabled while the kiosk is locked, so their shortcuts are too.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable

from PySide6.QtCore import QEvent, QTimer, QUrl
from PySide6.QtGui import QAction, QActionGroup, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QMessageBox, QStackedWidget, QWidget

import checkin
from checkin import errors
from checkin import event as event_mod
from checkin.logs import log_dir
from checkin.ui import error_dialog, fonts, i18n
from checkin.ui.kiosk_lock import KioskLock
from checkin.ui.preferences import Preferences
from checkin.ui.scan_screen import ScanScreen
from checkin.ui.session import EventSession
from checkin.ui.settings_dialog import SettingsDialog
from checkin.ui.sounds import Sounds

log = logging.getLogger(__name__)

SCAN_PAGE = "scan"


class MainWindow(QMainWindow):
    def __init__(self, prefs: Preferences, sounds: Sounds | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.prefs = prefs
        self.sounds = sounds or Sounds(enabled=prefs.sound_on, volume=prefs.volume)
        self.session: EventSession | None = None
        self.scan_screen: ScanScreen | None = None
        self.opener = None  # set by the app: opens files, creates events (EventOpener)
        self.pages = QStackedWidget()
        self._pages: dict[str, QWidget] = {}
        self._page_titles: dict[str, Callable[[], str]] = {}
        self.empty = QLabel()
        self.empty.setFont(fonts.app_font(18))
        self.pages.addWidget(self.empty)
        self.setCentralWidget(self.pages)
        self.lock = KioskLock(self, lambda: self.session)
        self.lock.changed.connect(self._on_lock_changed)
        self._menus: dict[str, QMenu] = {}
        self._build_menus()
        self.setMinimumSize(960, 640)
        self.retranslate()

    # -- menus ----------------------------------------------------------------------

    def menu(self, key: str) -> QMenu:
        """A top-level menu by key: event, kiosk, organizer, language, help.

        The organizer menu stays hidden until a later screen asks for it.
        """
        menu = self._menus[key]
        menu.menuAction().setVisible(True)
        return menu

    def _add_menu(self, key: str) -> QMenu:
        menu = self.menuBar().addMenu("")
        self._menus[key] = menu
        return menu

    def _action(self, menu: QMenu, slot, shortcut: str | None = None) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        self.addAction(action)  # shortcuts work with the menu bar hidden too (when unlocked)
        return action

    def _build_menus(self) -> None:
        event_menu = self._add_menu("event")
        self.open_action = self._action(event_menu, self.open_file, "Ctrl+O")
        self.new_action = self._action(event_menu, self.new_event, "Ctrl+N")
        self.demo_action = self._action(event_menu, self.open_demo)
        event_menu.addSeparator()
        self.quit_action = self._action(event_menu, self.close, "Ctrl+Q")

        kiosk_menu = self._add_menu("kiosk")
        self.scan_action = self._action(kiosk_menu, lambda: self.show_page(SCAN_PAGE), "F1")
        self.lock_action = self._action(kiosk_menu, self.lock_kiosk, "Ctrl+L")
        self.self_service_action = self._action(kiosk_menu, self.start_self_service)
        kiosk_menu.addSeparator()
        self.settings_action = self._action(kiosk_menu, self.open_settings, "Ctrl+,")

        self._add_menu("organizer").menuAction().setVisible(False)  # filled by later screens

        language_menu = self._add_menu("language")
        group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for lang, label in (("ko", "한국어"), ("en", "English")):
            action = QAction(label, self, checkable=True)
            action.triggered.connect(lambda _=False, code=lang: self.set_language(code))
            group.addAction(action)
            language_menu.addAction(action)
            self.language_actions[lang] = action

        help_menu = self._add_menu("help")
        self.demo_scan_action = self._action(help_menu, self.simulate_scan, "F9")
        self.log_action = self._action(help_menu, self.open_log_folder)
        self.about_action = self._action(help_menu, self.about)

    def retranslate(self) -> None:
        title = self.tr("Event check-in")
        if self.session is not None:
            title = f"{self.session.title(i18n.current_language())} — {title}"
        self.setWindowTitle(title)
        self.empty.setText(self.tr("No event file is open. Use the Event menu to open one."))
        self._menus["event"].setTitle(self.tr("&Event"))
        self.open_action.setText(self.tr("Open event file…"))
        self.new_action.setText(self.tr("New event…"))
        self.demo_action.setText(self.tr("Open the demo event"))
        self.quit_action.setText(self.tr("Quit"))
        self._menus["kiosk"].setTitle(self.tr("&Kiosk"))
        self.scan_action.setText(self.tr("Check-in screen"))
        self.lock_action.setText(self.tr("Lock (kiosk mode)"))
        self.self_service_action.setText(self.tr("Self-service kiosk"))
        self.settings_action.setText(self.tr("Settings…"))
        self._menus["organizer"].setTitle(self.tr("&Organizer"))
        self._menus["language"].setTitle(self.tr("&Language"))
        self._menus["help"].setTitle(self.tr("&Help"))
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

    def _update_actions(self) -> None:
        locked = self.lock.locked
        has_session = self.session is not None
        for menu in self._menus.values():
            for action in menu.actions():
                # Actions a later screen added count too: nothing but scanning when locked.
                if action in self.language_actions.values():
                    continue
                action.setEnabled(not locked)
        for action in (self.scan_action, self.lock_action, self.self_service_action,
                       self.settings_action):  # fmt: skip
            action.setEnabled(has_session and not locked)
        self.demo_scan_action.setVisible(bool(self.session and self.session.is_demo))
        self.demo_scan_action.setEnabled(bool(self.session and self.session.is_demo))

    # -- pages ----------------------------------------------------------------------

    def add_page(self, key: str, widget: QWidget) -> None:
        """Add an organizer screen; show it with ``show_page(key)`` (e.g. from a menu)."""
        if key in self._pages:
            self.pages.removeWidget(self._pages[key])
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
        self.show_page(SCAN_PAGE)
        screen.set_self_service(choice.mode == "self_service")
        screen.set_direction(choice.direction)
        if self.prefs.camera_on:
            QTimer.singleShot(0, lambda: screen.set_camera(True))
        self.retranslate()

    def close_session(self) -> None:
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

    def start_self_service(self) -> None:
        if self.session is None or self.scan_screen is None:
            return
        if self.lock_kiosk():
            self.scan_screen.set_self_service(True)
            choice = self.prefs.station(self.session.path)
            choice.mode = "self_service"
            self.prefs.save()

    def _on_lock_button(self) -> None:
        if self.lock.locked:
            self.lock.request_unlock()
        else:
            self.lock_kiosk()

    def _on_lock_changed(self, locked: bool) -> None:
        if locked:
            self.show_page(SCAN_PAGE)
        if self.scan_screen is not None:
            self.scan_screen.set_locked(locked)
            if not locked and self.scan_screen.self_service:
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
        if choice.mode == "self_service" and not self.lock.locked:
            self.lock_kiosk()

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
        ef = self.session.ef
        total = ef.execute("SELECT max(rid) FROM attendees").fetchone()[0] or 0
        if not total:
            return
        row = ef.execute(
            "SELECT id, badge_version FROM attendees WHERE rid >= ? ORDER BY rid LIMIT 1",
            (random.randint(1, total),),
        ).fetchone()
        self.scan_screen.handle_code(event_mod.badge_code(ef, row[0], row[1]))

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
