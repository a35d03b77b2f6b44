"""What the organizer menu opens: pages, dialogs and sync, each behind its gate.

``OrganizerActions`` is a part of ``checkin.ui.main_window.MainWindow`` (a mixin, not
used alone). Every entry point checks ``_organizer_ok`` first: on a locked kiosk it asks
for the organizer PIN, and a scan-only station gets no desk, list, badge or
import/export at all (``desk=True``). Screens that hold everyone's data (bulk badges,
tickets, the audit log, consent wording, discreet badges) ask for the organizer PIN
again. Dialogs are imported when first used, so the window still starts if one fails to
load; when one closes, the session is told (``EDITED``) and the pages refresh.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog

from checkin.models import Role
from checkin.ui.console.attendee_list_page import AttendeeListPage
from checkin.ui.console.bulk_badges_dialog import BulkBadgesDialog
from checkin.ui.console.dashboard_page import DashboardPage
from checkin.ui.session import CLOSED, EDITED
from checkin.ui.widgets.pin_dialog import PinDialog
from checkin.ui.window_menus import ATTENDEES_PAGE, DASHBOARD_PAGE, SCAN_PAGE


class OrganizerActions:
    """The organizer console's entry points of ``MainWindow`` (see the module docstring)."""

    def is_scan_only(self) -> bool:
        return self.session is not None and self.session.info.station.role is Role.SCAN_ONLY

    def _can_sign(self) -> bool:
        return self.session is not None and self.session.info.can_sign

    def _io_action_list(self) -> list[QAction]:
        return self.io_actions.actions() if self.io_actions is not None else []

    def _organizer_ok(self, desk: bool = False) -> bool:
        """May the organizer console be used now? Asks for the PIN on a locked kiosk.

        ``desk``: registering, editing and the attendee list, never on a scan-only
        station (it holds no personal data and cannot sign badges).
        """
        if self.session is None or (desk and self.is_scan_only()):
            return False
        return not self.lock.locked or self.lock.request_unlock(for_action=True)

    def show_attendees(self) -> AttendeeListPage | None:
        if self.session is None or not self._organizer_ok(desk=True):
            return None
        if self.attendee_list is None:  # made when first asked for: a door kiosk never is
            self.attendee_list = AttendeeListPage(self.session)
            self.attendee_list.attendee_activated.connect(self.open_attendee)
            self.attendee_list.back_requested.connect(lambda: self.show_page(SCAN_PAGE))
            self._take_scans_on(self.attendee_list).typed.connect(self._typed_on_list)
            self.add_page(ATTENDEES_PAGE, self.attendee_list)
        self.show_page(ATTENDEES_PAGE)
        self.attendee_list.search.setFocus()
        return self.attendee_list

    def show_dashboard(self) -> DashboardPage | None:
        if self.session is None or not self._organizer_ok():
            return None
        if self.dashboard is None:  # made when first asked for
            self.dashboard = DashboardPage(self.session)
            self.dashboard.back_requested.connect(lambda: self.show_page(SCAN_PAGE))
            self._take_scans_on(self.dashboard)
            self.add_page(DASHBOARD_PAGE, self.dashboard)
        self.show_page(DASHBOARD_PAGE)
        return self.dashboard

    def open_walk_in(self) -> QDialog | None:
        """Registration desk: the walk-in form, ``checkin.ui.desk.walk_in_dialog.WalkInDialog``.

        Imported here, when first used, so the window still starts if that module
        fails to load; the dialog registers (and prints, checks in) by itself; the
        list, dashboard and counters refresh when it closes.
        """
        if not self._organizer_ok(desk=True):
            return None
        from checkin.ui.desk.walk_in_dialog import WalkInDialog

        dialog = WalkInDialog(self.session, self)
        return self._open_dialog(dialog)

    def open_attendee(self, attendee_id: str) -> QDialog | None:
        """One attendee's details (edit, cancel, reprint, check in or undo, history):
        ``checkin.ui.desk.attendee_detail_dialog.AttendeeDetailDialog``. Opened from the
        attendee list (double click or Enter)."""
        if not attendee_id or not self._organizer_ok(desk=True):
            return None
        from checkin.ui.desk.attendee_detail_dialog import AttendeeDetailDialog

        dialog = AttendeeDetailDialog(self.session, attendee_id, self)
        return self._open_dialog(dialog)

    def close_event(self) -> bool:
        """Event → Close the event: final report, then personal data wiped here and,
        at their next sync, on every station."""
        if self.session is None or not self._organizer_ok():
            return False
        from checkin.ui.dialogs.close_event_dialog import CloseEventDialog

        session = self.session
        if not PinDialog.ensure_organizer(self, session.ef, session.access):
            return False
        dialog = CloseEventDialog(
            session.ef, session.clock, self, operator=session.operator, access=session.access
        )
        closed = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if closed:
            session.engine.reload()
            self._changed(CLOSED)  # the screens show the wiped state
            if self.sync_service is not None:
                self.sync_service.sync_now()
        return closed

    def open_audit_log(self) -> QDialog | None:
        """Organizer → Audit log: exports, searches, detail views, edits and PIN attempts
        at every station (synced); organizer only, exportable as CSV."""
        if self.session is None or not self._organizer_ok(desk=True):
            return None
        from checkin.ui.console.audit_log_dialog import AuditLogDialog

        return AuditLogDialog.open_for(self.session, self)

    def open_consent_wording(self) -> QDialog | None:
        """Organizer → Consent wording: the text read out at the desk (organizer only)."""
        if self.session is None or not self._organizer_ok(desk=True):
            return None
        if not PinDialog.ensure_organizer(self, self.session.ef, self.session.access):
            return None
        from checkin.ui.console.consent_wording_dialog import ConsentWordingDialog

        return self._open_dialog(ConsentWordingDialog(self.session, self))

    def open_bulk_badges(self) -> BulkBadgesDialog | None:
        """Every badge at once (all names and valid codes, like an export): organizer only."""
        if self.session is None or not self._can_sign() or not self._organizer_ok(desk=True):
            return None
        if not PinDialog.ensure_organizer(self, self.session.ef, self.session.access):
            return None
        dialog = BulkBadgesDialog(self.session.spec(), self, clock=self.session.clock)
        self._open_dialog(dialog)
        return dialog

    def open_tickets(self) -> QDialog | None:
        """Organizer → Tickets before the day: e-mail each pre-registered attendee their
        QR, or write files for the organizer's own channel (organizer only)."""
        if self.session is None or not self._can_sign() or not self._organizer_ok(desk=True):
            return None
        if not PinDialog.ensure_organizer(self, self.session.ef, self.session.access):
            return None
        from checkin.ui.console.tickets_dialog import TicketsDialog

        return self._open_dialog(TicketsDialog(self.session, self))

    def open_badge_settings(self) -> QDialog | None:
        """Organizer → Discreet badges: categories whose badges do not name the event,
        and the message exit scans show (organizer only, synced)."""
        if self.session is None or not self._organizer_ok(desk=True):
            return None
        if not PinDialog.ensure_organizer(self, self.session.ef, self.session.access):
            return None
        from checkin.ui.console.badge_settings_dialog import BadgeSettingsDialog

        return self._open_dialog(BadgeSettingsDialog(self.session, self))

    def _open_dialog(self, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self._changed(EDITED))
        dialog.open()
        return dialog

    def sync_now(self) -> None:
        if self.sync_service is not None and self._organizer_ok():
            self.sync_service.sync_now()

    def open_sync_settings(self) -> QDialog | None:
        if self.sync_status is None or not self._organizer_ok():
            return None
        return self.sync_status.open_settings()

    def open_lost_station(self) -> QDialog | None:
        if self.sync_status is None or not self._organizer_ok():
            return None
        return self.sync_status.open_lost_station()

    def show_double_entries(self) -> QDialog | None:
        if self.sync_status is None or not self._organizer_ok():
            return None
        return self.sync_status.show_double_entries()

    def open_door_modes(self) -> QDialog | None:
        """Organizer → Door modes: entry or check only, per station (``checkin.door.modes``)."""
        if self.session is None or not self._organizer_ok():
            return None
        from checkin.ui.console.door_modes_dialog import DoorModesDialog

        dialog = DoorModesDialog(self.session, self)
        if dialog.editable and not PinDialog.ensure_organizer(
            self, self.session.ef, self.session.access
        ):
            dialog.deleteLater()
            return None
        if self.sync_service is not None:
            dialog.accepted.connect(self.sync_service.sync_now)  # on its way to the stations
        return self._open_dialog(dialog)
