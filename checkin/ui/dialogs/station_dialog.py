"""Chosen once per event file at this computer: the station's name and check-in list."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from checkin import errors
from checkin.ui import i18n
from checkin.ui.session import EventSession
from checkin.ui.widgets import fonts
from checkin.ui.widgets.error_dialog import inline_error


class StationDialog(QDialog):
    def __init__(self, session: EventSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stationDialog")
        self.session = session
        self.setFont(fonts.app_font(15))
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.name = QLineEdit(session.station_name)
        self.name.setObjectName("stationName")
        self.name.setMinimumHeight(44)
        self.list_combo = QComboBox()
        self.list_combo.setObjectName("listCombo")
        self.operator = QLineEdit(session.operator)
        self.operator.setObjectName("operator")
        self.operator.setMaxLength(40)
        self.operator.setMinimumHeight(44)
        self.name_label, self.list_label, self.operator_label = QLabel(), QLabel(), QLabel()
        form = QFormLayout()
        form.addRow(self.name_label, self.name)
        form.addRow(self.list_label, self.list_combo)
        form.addRow(self.operator_label, self.operator)
        self.error = inline_error("stationError")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.try_accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.retranslate()

    def retranslate(self) -> None:
        lang = i18n.current_language()
        self.setWindowTitle(self.tr("This station"))
        self.intro.setText(
            self.tr(
                "Name this kiosk so check-ins show where they happened (for example "
                "\u201cDoor 2\u201d), and choose the check-in list it counts."
            )
        )
        self.name_label.setText(self.tr("Station name"))
        self.list_label.setText(self.tr("Check-in list"))
        self.operator_label.setText(self.tr("Volunteer (initials, optional)"))
        self.operator.setPlaceholderText(self.tr("Recorded with every edit and check-in"))
        current = self.list_combo.currentData() or self.session.list_id
        self.list_combo.clear()
        for li in self.session.settings.lists:
            self.list_combo.addItem(li.label(lang), li.id)
        self.list_combo.setCurrentIndex(max(0, self.list_combo.findData(current)))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Start"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def try_accept(self) -> None:
        try:
            self.session.set_station(
                name=self.name.text(),
                list_id=self.list_combo.currentData(),
                operator=self.operator.text(),
            )
        except errors.CheckinError as exc:
            self.error.setText(exc.message(i18n.current_language()))
            self.error.show()
            return
        self.accept()

    def reject(self) -> None:
        # Closing keeps the current name and list: the station still works.
        self.accept()
