"""Chosen once per event file at this computer: the station's name and check-in list."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from checkin import errors
from checkin.ui import i18n
from checkin.ui.session import EventSession
from checkin.ui.theme import Size
from checkin.ui.widgets.form_dialog import FormDialog


class StationDialog(FormDialog):
    def __init__(self, session: EventSession, parent: QWidget | None = None) -> None:
        super().__init__(
            parent, name="stationDialog", error_name="stationError", cancel=False,
            font_size=Size.READ, min_width=520,
        )  # fmt: skip
        self.session = session
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
        self.body.addWidget(self.intro)
        self.body.addLayout(form)
        self.finish()

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
        self.set_button_texts(self.tr("Start"))

    def try_accept(self) -> None:
        try:
            self.session.set_station(
                name=self.name.text(),
                list_id=self.list_combo.currentData(),
                operator=self.operator.text(),
            )
        except errors.CheckinError as exc:
            self.fail(exc)
            return
        self.accept()

    def reject(self) -> None:
        # Closing keeps the current name and list: the station still works.
        self.accept()
