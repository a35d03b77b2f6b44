"""Organizer → Door modes: what each station does with a scan (``checkin.door.modes``).

Every station this event file knows, with its mode: *entry* (records check-ins) or
*check only* (reports what a scan would say and records nothing: a second checkpoint,
a staff door). Only the organizer's computer changes them; the change travels to the
station with the next sync, and this station follows its own at once. Elsewhere the
list is shown read-only.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from checkin import errors
from checkin.door import modes
from checkin.models import Role
from checkin.ui import i18n
from checkin.ui.session import EventSession
from checkin.ui.theme import Size
from checkin.ui.widgets import fonts
from checkin.ui.widgets.error_dialog import inline_error

COL_NO, COL_NAME, COL_ROLE, COL_MODE = range(4)


class DoorModesDialog(QDialog):
    def __init__(self, session: EventSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("doorModesDialog")
        self.session = session
        self.setFont(fonts.app_font(Size.CAPTION))
        self.stations = modes.stations(session.ef)
        self.editable = session.info.station.role is Role.ORGANIZER
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.table = QTableWidget(len(self.stations), 4)
        self.table.setObjectName("doorModes")
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        self.combos: dict[str, QComboBox] = {}
        for row, station in enumerate(self.stations):
            combo = QComboBox()
            combo.setObjectName(f"mode-{station.station_id}")
            for mode in modes.MODES:
                combo.addItem("", mode)
            combo.setCurrentIndex(combo.findData(station.mode))
            combo.setEnabled(self.editable and not station.retired)
            self.table.setCellWidget(row, COL_MODE, combo)
            self.combos[station.station_id] = combo
        self.error = inline_error("doorModesError")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setVisible(self.editable)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumSize(720, 380)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Door modes"))
        text = self.tr(
            "Entry: the station records check-ins. Check only: it shows what a scan would say "
            "(valid, already in, cancelled …) in its own colour and records nothing — for a "
            "second checkpoint or a staff door. A station takes its mode at its next sync."
        )
        if not self.editable:
            text += "\n" + self.tr("Only the organizer's computer changes door modes.")
        self.intro.setText(text)
        self.table.setHorizontalHeaderLabels(
            [self.tr("No."), self.tr("Station"), self.tr("Role"), self.tr("Mode")]
        )
        roles = {Role.ORGANIZER.value: self.tr("organizer"), Role.DESK.value: self.tr("desk"),
                 Role.SCAN_ONLY.value: self.tr("scan only")}  # fmt: skip
        labels = {modes.ENTRY: self.tr("Entry (records check-ins)"),
                  modes.CHECK_ONLY: self.tr("Check only — not an entry")}  # fmt: skip
        for row, station in enumerate(self.stations):
            name = station.name
            if station.own:
                name += "  " + self.tr("(this station)")
            if station.retired:
                name += "  " + self.tr("(retired)")
            number = "" if station.station_no is None else str(station.station_no)
            for col, value in ((COL_NO, number), (COL_NAME, name),
                               (COL_ROLE, roles.get(station.role, station.role))):  # fmt: skip
                item = QTableWidgetItem(value)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.table.setItem(row, col, item)
            combo = self.combos[station.station_id]
            for i in range(combo.count()):
                combo.setItemText(i, labels[combo.itemData(i)])
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def changed(self) -> dict[str, str]:
        """station id -> the mode chosen, for the stations whose mode changes."""
        return {
            s.station_id: self.combos[s.station_id].currentData()
            for s in self.stations
            if self.combos[s.station_id].currentData() != s.mode
        }

    def save(self) -> bool:
        """Write the modes changed (one signed setting each); keep the dialog open on a
        refusal, with the reason."""
        try:
            for station_id, mode in self.changed().items():
                modes.set_mode(
                    self.session.ef, self.session.clock, station_id, mode, self.session.operator
                )
        except errors.CheckinError as exc:
            self.error.setText(exc.message(i18n.current_language()))
            self.error.show()
            return False
        self.session.reload_settings()
        self.accept()
        return True
