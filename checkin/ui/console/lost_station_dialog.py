"""The lost-station kit in the app: retire a station whose laptop was lost or stolen and
write its incident sheet, as ``checkin sync retire STATION --lost SHEET.pdf`` does.

The organizer picks the station from the ones this file knows, chooses where to save
the sheet (PDF, with the same facts as JSON beside it), confirms, and the core does the
rest (``checkin.sync.provision.retire``, then ``checkin.protect.incident.make``, which
records the sheet in the audit log). The dialog then shows the sheet itself in the
reader's language (what the station's file could hold, for how many people, the
duties and their time limits). The sheet names nobody, so neither does this dialog.
Organizer station only; the caller checks the PIN (``allowed`` in the status widget).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from checkin import errors
from checkin.clock import SYSTEM_CLOCK, Clock
from checkin.event.files import EventFile
from checkin.lists import pdfdoc
from checkin.protect import incident
from checkin.sync import provision
from checkin.sync import status as status_mod
from checkin.ui import i18n
from checkin.ui.widgets import error_dialog, save_dialog


class LostStationDialog(QDialog):
    """Retire a lost station and write its incident sheet (organizer)."""

    def __init__(
        self,
        ef: EventFile,
        clock: Clock = SYSTEM_CLOCK,
        parent: QWidget | None = None,
        operator: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("lostStationDialog")
        self.ef = ef
        self.clock = clock
        self.operator = operator
        self.sheet: incident.IncidentSheet | None = None
        self.written: tuple[Path, Path] | None = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.station_label = QLabel()
        self.stations = QComboBox()
        self.stations.setObjectName("lostStation")
        self.station_label.setBuddy(self.stations)
        self.retire_button = QPushButton()
        self.retire_button.setObjectName("retireLost")
        self.retire_button.setAutoDefault(False)
        self.retire_button.clicked.connect(self.retire_chosen)
        self.result = QLabel()
        self.result.setObjectName("lostResult")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sheet_view = QTextBrowser()
        self.sheet_view.setObjectName("lostSheet")
        self.sheet_view.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.intro, self.station_label, self.stations, self.retire_button,
                       self.result, self.sheet_view, self.buttons):  # fmt: skip
            layout.addWidget(widget)
        self.setMinimumWidth(560)
        self.load_stations()
        self.retranslate()

    # -- data -----------------------------------------------------------------------

    def load_stations(self) -> None:
        """The other stations this file knows (a retired one may get its sheet too)."""
        self.stations.clear()
        for s in status_mod.status(self.ef)["stations"]:
            if s["me"]:
                continue
            number = s["station_no"] if s["station_no"] is not None else "-"
            text = f"{s['name']} (#{number}, {self._role(s['role'])})"
            if s["retired"]:
                text += " · " + self.tr("retired")
            self.stations.addItem(text, s["station_id"])
        self.retire_button.setEnabled(self.stations.count() > 0)

    def _role(self, role: str | None) -> str:
        names = {"organizer": self.tr("organizer"), "desk": self.tr("desk"),
                 "scan-only": self.tr("scan-only")}  # fmt: skip
        return names.get(role or "", role or "?")

    def retire(self, station_id: str, path: str | Path) -> incident.IncidentSheet:
        """What ``checkin sync retire STATION --lost PATH`` does: the folder checked first,
        then the station retired and its sheet written (audited). Errors propagate."""
        pdfdoc.check_folder(path)
        done = provision.retire(self.ef, self.clock, station_id, operator=self.operator)
        lang = i18n.current_language()
        sheet, pdf, sidecar = incident.make(
            self.ef, self.clock, done["station_id"], path, lang, self.operator
        )
        self.sheet, self.written = sheet, (pdf, sidecar)
        return sheet

    # -- the button -----------------------------------------------------------------

    def retire_chosen(self) -> incident.IncidentSheet | None:
        """Ask where to save the sheet, confirm, retire and show the sheet."""
        station_id = self.stations.currentData()
        if not station_id:
            return None
        name = self.stations.currentText()
        path = save_dialog.ask_save_path(
            self, self.tr("Save the incident sheet"), "lost-station-incident.pdf",
            self.tr("PDF files (*.pdf)"), "pdf",
        )  # fmt: skip
        if not path:
            return None
        asked = QMessageBox.question(
            self,
            self.tr("Retire as lost"),
            self.tr(
                "Retire %1 as lost? From now on every station that syncs with this file "
                "refuses what it writes. (It can be taken back later.)"
            ).replace("%1", name),
        )
        if asked != QMessageBox.StandardButton.Yes:
            return None
        try:
            sheet = self.retire(station_id, path)
        except errors.CheckinError as exc:
            error_dialog.show_error(self, exc)
            return None
        self.load_stations()
        self._show(sheet)
        return sheet

    def _show(self, sheet: incident.IncidentSheet) -> None:
        assert self.written is not None
        pdf, sidecar = self.written
        duty = (
            self.tr("Report to the PIPC or KISA within 72 hours.")
            if sheet.report_to_regulator
            else self.tr("Check whether a report to the PIPC or KISA is needed (72 hours).")
        )
        self.result.setText(
            self.tr(
                "Retired. Incident sheet saved: %1 (and %2). Its file could hold data of up "
                "to %3 people: tell them without delay. %4"
            )
            .replace("%1", str(pdf))
            .replace("%2", sidecar.name)
            .replace("%3", f"{sheet.people:,}")
            .replace("%4", duty)
        )
        self.sheet_view.setHtml(_sheet_html(incident.lines(sheet, i18n.current_language())))
        self.sheet_view.show()

    # -- words ----------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Lost or stolen station"))
        self.intro.setText(
            self.tr(
                "A station's laptop was lost or stolen? Retire it here: every station that "
                "syncs with this file then refuses what it writes. You also get an incident "
                "sheet (PDF and JSON, no names): what personal data its file could hold, for "
                "how many people, whether it was encrypted, its last sync, the consent "
                "wordings, and what the law asks of you now (tell the people affected "
                "without delay; report to the regulator within 72 hours where required)."
            )
        )
        self.station_label.setText(self.tr("Station:"))
        self.retire_button.setText(self.tr("Retire as lost and write the incident sheet…"))
        if self.stations.count() == 0:
            self.result.setText(self.tr("This file knows no other station."))
        if self.sheet is not None:
            self._show(self.sheet)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _sheet_html(rows: list[tuple[str, Any]]) -> str:
    """The sheet's (heading, text) pairs as simple HTML (escaped)."""
    from html import escape

    parts = []
    for heading, text in rows:
        body = escape(str(text)).replace("\n", "<br>")
        parts.append(f"<p><b>{escape(heading)}</b><br>{body}</p>")
    return "".join(parts)
