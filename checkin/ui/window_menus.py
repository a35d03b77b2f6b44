"""The main window's menus and their state: which actions exist, which are shown.

``WindowMenus`` is a part of ``checkin.ui.main_window.MainWindow`` (a mixin, not used
alone): it builds the Event, Kiosk, Organizer, Language and Help menus, and enables or
hides their actions for the open event, the station's role and the kiosk lock
(``_update_actions``). The actions' texts are set by ``MainWindow.retranslate``.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu

from checkin.models import Role

SCAN_PAGE = "scan"
ATTENDEES_PAGE = "attendees"
DASHBOARD_PAGE = "dashboard"


class WindowMenus:
    """The menus of ``MainWindow`` (see the module docstring)."""

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
        self.passphrase_action = self._action(event_menu, self.change_passphrase)
        self.close_event_action = self._action(event_menu, self.close_event)
        event_menu.addSeparator()
        self.quit_action = self._action(event_menu, self.close, "Ctrl+Q")

        kiosk_menu = self._add_menu("kiosk")
        self.scan_action = self._action(kiosk_menu, lambda: self.show_page(SCAN_PAGE), "F1")
        self.lock_action = self._action(kiosk_menu, self.lock_kiosk, "Ctrl+L")
        self.self_service_action = self._action(kiosk_menu, self.start_self_service)
        kiosk_menu.addSeparator()
        self.settings_action = self._action(kiosk_menu, self.open_settings, "Ctrl+,")

        organizer = self._add_menu("organizer")
        organizer.menuAction().setVisible(False)  # shown while an event is open
        self.walk_in_action = self._action(organizer, self.open_walk_in, "Ctrl+R")
        self.attendees_action = self._action(organizer, self.show_attendees, "F3")
        # Not F4: the check-in screen's camera key.
        self.dashboard_action = self._action(organizer, self.show_dashboard, "Ctrl+D")
        organizer.addSeparator()
        self.print_badge_action = self._action(organizer, self.print_badge, "Ctrl+P")
        self.bulk_badges_action = self._action(organizer, self.open_bulk_badges)
        self.tickets_action = self._action(organizer, self.open_tickets)
        self.discreet_action = self._action(organizer, self.open_badge_settings)
        self._io_separator = organizer.addSeparator()  # IoActions go after it (per event)
        self._sync_separator = organizer.addSeparator()
        self.sync_now_action = self._action(organizer, self.sync_now)
        self.sync_settings_action = self._action(organizer, self.open_sync_settings)
        self.double_entries_action = self._action(organizer, self.show_double_entries)
        self.lost_station_action = self._action(organizer, self.open_lost_station)
        self.door_modes_action = self._action(organizer, self.open_door_modes)
        organizer.addSeparator()
        self.audit_action = self._action(organizer, self.open_audit_log)
        self.consent_action = self._action(organizer, self.open_consent_wording)
        # Not for scan-only stations: registering, the list (personal data), badges, I/O.
        self._desk_actions = [self.walk_in_action, self.attendees_action,
                              self.print_badge_action, self.bulk_badges_action,
                              self.tickets_action, self.discreet_action,
                              self.audit_action, self.consent_action]  # fmt: skip
        self._organizer_actions = [*self._desk_actions, self.dashboard_action,
                                   self.sync_now_action, self.sync_settings_action,
                                   self.double_entries_action,
                                   self.lost_station_action,
                                   self.door_modes_action]  # fmt: skip

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
        self.volunteer_guide_action = self._action(help_menu, lambda: self.open_guide("volunteer"))
        self.organizer_guide_action = self._action(help_menu, lambda: self.open_guide("organizer"))
        help_menu.addSeparator()
        self.demo_scan_action = self._action(help_menu, self.simulate_scan, "F9")
        self.log_action = self._action(help_menu, self.open_log_folder)
        self.about_action = self._action(help_menu, self.about)

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
                       self.settings_action, self.passphrase_action, self.close_event_action,
                       *self._organizer_actions,
                       *self._io_action_list()):  # fmt: skip
            action.setEnabled(has_session and not locked)
        desk = has_session and not self.is_scan_only()
        for action in (*self._desk_actions, *self._io_action_list()):
            action.setVisible(desk)
        # Door modes are the organizer's setting (checkin.door.modes); a station shows its own
        # in Settings.
        self.door_modes_action.setVisible(
            has_session and self.session.info.station.role is Role.ORGANIZER
        )
        self.print_badge_action.setVisible(desk and self._can_sign())
        self.bulk_badges_action.setVisible(desk and self._can_sign())
        self.tickets_action.setVisible(desk and self._can_sign())
        self.lost_station_action.setVisible(  # retiring: the organizer's station only
            has_session and self.session.info.station.role is Role.ORGANIZER
        )
        self._menus["organizer"].menuAction().setVisible(has_session)
        self.demo_scan_action.setVisible(bool(self.session and self.session.is_demo))
        self.demo_scan_action.setEnabled(bool(self.session and self.session.is_demo))
