"""The audit log for the organizer: who exported, searched, looked at or edited what, and
PIN attempts, at every station (as far as sync has brought them here); filter by action
and station; export as CSV.

Organizer only: the core refuses to read the log without organizer access, so open it
with ``AuditLogDialog.open_for(session, parent)``, which asks for the PIN first when
needed.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from checkin import errors
from checkin.event import settings as settings_mod
from checkin.protect import audit
from checkin.protect.access import Access
from checkin.ui import i18n
from checkin.ui.console.audit_log_model import COL_DETAIL, AuditLogModel
from checkin.ui.session import EventSession
from checkin.ui.theme import Size
from checkin.ui.widgets import fonts
from checkin.ui.widgets.error_dialog import show_error
from checkin.ui.widgets.pin_dialog import PinDialog
from checkin.ui.widgets.reason_dialog import ReasonDialog
from checkin.ui.widgets.save_dialog import ask_save_path

log = logging.getLogger(__name__)


class AuditLogDialog(QDialog):
    def __init__(
        self, session: EventSession, parent: QWidget | None = None, access: Access | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("auditLogDialog")
        self.session = session
        # the organizer's access for this reading, with its reason (``open_for``)
        self.access = access or session.access
        self.access.require_organizer(session.ef)
        self.model = AuditLogModel(settings_mod.load(session.ef).timezone, self)
        self.title = QLabel()
        self.title.setFont(fonts.app_font(Size.FIELD, True))
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setFont(fonts.app_font(Size.APP))
        self.action_filter = QComboBox()
        self.action_filter.setObjectName("auditActionFilter")
        self.station_filter = QComboBox()
        self.station_filter.setObjectName("auditStationFilter")
        self.action_label = QLabel()
        self.station_label = QLabel()
        self.count = QLabel()
        self.count.setObjectName("auditCount")
        self.table = QTableView()
        self.table.setObjectName("auditTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setFont(fonts.app_font(Size.CAPTION))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_DETAIL, QHeaderView.ResizeMode.Stretch)
        self.export_button = QPushButton()
        self.export_button.setObjectName("auditExport")
        self.export_button.clicked.connect(lambda: self.export_csv())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        filters = QHBoxLayout()
        filters.addWidget(self.action_label)
        filters.addWidget(self.action_filter, 1)
        filters.addSpacing(16)
        filters.addWidget(self.station_label)
        filters.addWidget(self.station_filter, 1)
        filters.addStretch(1)
        filters.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)
        self.resize(1100, 640)
        self._fill_filters()
        self.action_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.station_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.retranslate()
        self.refresh()

    @classmethod
    def open_for(
        cls, session: EventSession, parent: QWidget | None = None
    ) -> AuditLogDialog | None:
        """Ask for the organizer PIN if needed, then show the dialog (None if cancelled)."""
        if not PinDialog.ensure_organizer(parent, session.ef, session.access):
            return None
        access = ReasonDialog.ask(
            parent, session.access, QCoreApplication.translate("AuditLogDialog", "The audit log")
        )
        if access is None:
            return None
        dialog = cls(session, parent, access)
        audit.record_read(session.ef, access, dialog.model.rowCount())
        dialog.open()
        return dialog

    # -- filters --------------------------------------------------------------------

    def _fill_filters(self) -> None:
        self.action_filter.blockSignals(True)
        self.action_filter.clear()
        self.action_filter.addItem("", None)
        for action in audit.ACTIONS:
            self.action_filter.addItem(self.model.action_label(action), action)
        self.action_filter.blockSignals(False)
        self.station_filter.blockSignals(True)
        self.station_filter.clear()
        self.station_filter.addItem("", None)
        for station_id, name in audit.stations(self.session.ef):
            self.station_filter.addItem(name or station_id, station_id)
        self.station_filter.blockSignals(False)

    def chosen_action(self) -> str | None:
        return self.action_filter.currentData()

    def chosen_station(self) -> str | None:
        return self.station_filter.currentData()

    # -- content --------------------------------------------------------------------

    def refresh(self) -> None:
        ef = self.session.ef
        rows = audit.entries(ef, self.access, self.chosen_action(), self.chosen_station())
        self.model.set_rows(rows, audit.reg_numbers(ef, {e.attendee_id for e in rows
                                                         if e.attendee_id}))  # fmt: skip
        self._update_count()

    def _update_count(self) -> None:
        self.count.setText(self.tr("%1 entries").replace("%1", str(self.model.rowCount())))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Audit log"))
        self.title.setText(self.tr("Audit log: who looked at or used attendees' data"))
        self.note.setText(
            self.tr(
                "Exports, searches, opened details, edits and organizer PIN attempts at every "
                "station this computer has synced with. Searches are recorded without what "
                "was typed; edits without the values."
            )
        )
        self.action_label.setText(self.tr("Action:"))
        self.station_label.setText(self.tr("Station:"))
        self.action_filter.setItemText(0, self.tr("All actions"))
        for i, action in enumerate(audit.ACTIONS, 1):
            self.action_filter.setItemText(i, self.model.action_label(action))
        self.station_filter.setItemText(0, self.tr("All stations"))
        self.export_button.setText(self.tr("Export as CSV…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        self.model.retranslate()
        self._update_count()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- export ---------------------------------------------------------------------

    def export_csv(self, path: str | None = None) -> int | None:
        """Write the rows shown (same filters) as CSV; returns the row count."""
        if path is None:
            path = ask_save_path(
                self, self.tr("Export the audit log"), "audit-log.csv", "CSV (*.csv)"
            )
            if not path:
                return None
            if not path.lower().endswith(".csv"):
                path += ".csv"
        s = self.session
        try:
            n = audit.export_csv(s.ef, self.access, s.clock, path, i18n.current_language(),
                                 self.chosen_action(), self.chosen_station())  # fmt: skip
        except errors.CheckinError as exc:
            show_error(self, exc)
            return None
        self.count.setText(
            self.tr("Wrote %1 entries to %2.").replace("%1", str(n)).replace("%2", path)
        )
        self.refresh_keep_message()
        return n

    def refresh_keep_message(self) -> None:
        """Show the export's own row (it is recorded too) without hiding the message."""
        text = self.count.text()
        self.refresh()
        self.count.setText(text)
