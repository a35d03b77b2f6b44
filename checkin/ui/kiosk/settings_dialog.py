"""This station's settings: name, check-in list, language, camera, sound, kiosk mode,
and the event's organizer PIN. Only reachable when the kiosk is unlocked."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from checkin import errors
from checkin.ui import i18n
from checkin.ui.kiosk.camera_scanner import CameraScanner
from checkin.ui.preferences import Preferences
from checkin.ui.session import EventSession
from checkin.ui.widgets.form_dialog import FormDialog
from checkin.ui.widgets.pin_dialog import PinDialog


class SettingsDialog(FormDialog):
    # Long because: builds its widgets, layouts and connections in screen order
    def __init__(
        self, session: EventSession, prefs: Preferences, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            parent, name="settingsDialog", error_name="settingsError",
            accept_button=QDialogButtonBox.StandardButton.Save, min_width=560,
        )  # fmt: skip
        self.session = session
        self.prefs = prefs
        self.choice = prefs.station(session.path)

        # station
        self.station_box = QGroupBox()
        self.station_name = QLineEdit(session.station_name)
        self.station_name.setObjectName("stationName")
        self.list_combo = QComboBox()
        self.list_combo.setObjectName("listCombo")
        self.station_name_label = QLabel()
        self.list_label = QLabel()
        self.direction_combo = QComboBox()
        self.direction_combo.setObjectName("directionCombo")
        self.direction_combo.addItems(["", ""])
        self.direction_combo.setCurrentIndex(1 if self.choice.direction == "exit" else 0)
        self.direction_label = QLabel()
        # The door mode is the organizer's (checkin.door.modes): shown, not changed here.
        self.mode_label = QLabel()
        self.mode_value = QLabel()
        self.mode_value.setObjectName("doorMode")
        self.mode_value.setWordWrap(True)
        self.direction_combo.setEnabled(not session.check_only)
        station_form = QFormLayout(self.station_box)
        station_form.addRow(self.station_name_label, self.station_name)
        station_form.addRow(self.list_label, self.list_combo)
        station_form.addRow(self.mode_label, self.mode_value)
        station_form.addRow(self.direction_label, self.direction_combo)

        # screen
        self.screen_box = QGroupBox()
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("languageCombo")
        self.language_combo.addItem("한국어", "ko")
        self.language_combo.addItem("English", "en")
        self.language_combo.setCurrentIndex(0 if i18n.current_language() == "ko" else 1)
        self.seconds = QSpinBox()
        self.seconds.setRange(2, 30)
        self.seconds.setValue(prefs.result_seconds)
        self.sound_on = QCheckBox()
        self.sound_on.setChecked(prefs.sound_on)
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setValue(round(prefs.volume * 100))
        self.language_label, self.seconds_label, self.volume_label = QLabel(), QLabel(), QLabel()
        screen_form = QFormLayout(self.screen_box)
        screen_form.addRow(self.language_label, self.language_combo)
        screen_form.addRow(self.seconds_label, self.seconds)
        screen_form.addRow(self.sound_on)
        screen_form.addRow(self.volume_label, self.volume)

        # camera
        self.camera_box = QGroupBox()
        self.camera_combo = QComboBox()
        self.camera_combo.setObjectName("cameraCombo")
        self.camera_on = QCheckBox()
        self.camera_on.setChecked(prefs.camera_on)
        self.camera_label = QLabel()
        camera_form = QFormLayout(self.camera_box)
        camera_form.addRow(self.camera_label, self.camera_combo)
        camera_form.addRow(self.camera_on)
        self._cameras = CameraScanner.available_cameras()

        # kiosk
        self.kiosk_box = QGroupBox()
        self.kiosk_start = QCheckBox()
        self.kiosk_start.setObjectName("kioskStart")
        self.kiosk_start.setChecked(self.choice.kiosk)
        self.staffed = QRadioButton()
        self.self_service = QRadioButton()
        self.self_service.setObjectName("selfService")
        (self.self_service if self.choice.mode == "self_service" else self.staffed).setChecked(True)
        self._has_pin = session.has_pin()
        self.pin_status = QLabel()
        self.pin_button = QPushButton()
        self.pin_button.setObjectName("pinButton")
        self.pin_button.clicked.connect(self._change_pin)
        pin_row = QHBoxLayout()
        pin_row.addWidget(self.pin_status, 1)
        pin_row.addWidget(self.pin_button)
        kiosk_layout = QVBoxLayout(self.kiosk_box)
        kiosk_layout.addWidget(self.staffed)
        kiosk_layout.addWidget(self.self_service)
        kiosk_layout.addWidget(self.kiosk_start)
        kiosk_layout.addLayout(pin_row)

        for box in (self.station_box, self.screen_box, self.camera_box, self.kiosk_box):
            self.body.addWidget(box)
        self.finish()

    def retranslate(self) -> None:
        lang = i18n.current_language()
        self.setWindowTitle(self.tr("Settings"))
        self.station_box.setTitle(self.tr("This station"))
        self.station_name_label.setText(self.tr("Station name"))
        self.list_label.setText(self.tr("Check-in list"))
        self.direction_label.setText(self.tr("This door"))
        self.direction_combo.setItemText(0, self.tr("Entrance: records arrivals"))
        self.direction_combo.setItemText(1, self.tr("Exit: records people leaving"))
        self.mode_label.setText(self.tr("Door mode"))
        self.mode_value.setText(
            self.tr("Check only — not an entry: scans are checked, nothing is recorded (set by "
                    "the organizer)")
            if self.session.check_only
            else self.tr("Entry: scans are recorded (the organizer can set check only)")
        )  # fmt: skip
        current_list = self.list_combo.currentData() or self.session.list_id
        self.list_combo.clear()
        for li in self.session.settings.lists:
            self.list_combo.addItem(li.label(lang), li.id)
        self.list_combo.setCurrentIndex(max(0, self.list_combo.findData(current_list)))
        self.screen_box.setTitle(self.tr("Screen and sound"))
        self.language_label.setText(self.tr("Language"))
        self.seconds_label.setText(self.tr("Show each result for (seconds)"))
        self.sound_on.setText(self.tr("Play a sound for each result"))
        self.volume_label.setText(self.tr("Volume"))
        self.camera_box.setTitle(self.tr("Camera"))
        self.camera_label.setText(self.tr("Camera"))
        self.camera_on.setText(self.tr("Turn the camera on when the app starts"))
        current_camera = self.camera_combo.currentData() or self.prefs.camera_id
        self.camera_combo.clear()
        if self._cameras:
            self.camera_combo.addItem(self.tr("Default camera"), "")
            for cam_id, description in self._cameras:
                self.camera_combo.addItem(description, cam_id.hex())
            self.camera_combo.setCurrentIndex(max(0, self.camera_combo.findData(current_camera)))
        else:
            self.camera_combo.addItem(self.tr("No camera found"), "")
        self.camera_combo.setEnabled(bool(self._cameras))
        self.kiosk_box.setTitle(self.tr("Kiosk"))
        self.staffed.setText(self.tr("Staffed: a volunteer scans and searches by name"))
        self.self_service.setText(
            self.tr("Self-service: attendees scan their own badge (no search, no names)")
        )
        self.kiosk_start.setText(self.tr("Start locked in kiosk mode (full screen, PIN to leave)"))
        has_pin = self._has_pin
        self.pin_status.setText(
            self.tr("Organizer PIN is set.") if has_pin else self.tr("No organizer PIN yet.")
        )
        self.pin_button.setText(self.tr("Change PIN…") if has_pin else self.tr("Set PIN…"))
        self.set_button_texts(self.tr("Save"), self.tr("Cancel"))

    def _change_pin(self) -> None:
        if self.session.has_pin() and not PinDialog.ask_verified(
            self, self.session.verify_pin, self.session.pin_locked_ms,
            unlock_code=self.session.uses_unlock_code(),
        ):  # fmt: skip
            return
        new_pin = PinDialog.ask_new(self)
        if new_pin is None:
            return
        try:
            self.session.set_pin(new_pin)
        except errors.CheckinError as exc:
            self.fail(exc)
            return
        self._has_pin = True
        self.retranslate()

    def try_accept(self) -> None:
        """Apply everything; on a person-facing error keep the dialog open."""
        try:
            self.session.set_station(
                name=self.station_name.text(), list_id=self.list_combo.currentData()
            )
        except errors.CheckinError as exc:
            self.fail(exc)
            return
        self.choice.list_id = self.session.list_id
        self.choice.confirmed = True
        self.choice.kiosk = self.kiosk_start.isChecked()
        self.choice.mode = "self_service" if self.self_service.isChecked() else "staffed"
        self.choice.direction = "exit" if self.direction_combo.currentIndex() == 1 else "entry"
        self.prefs.result_seconds = self.seconds.value()
        self.prefs.sound_on = self.sound_on.isChecked()
        self.prefs.volume = self.volume.value() / 100
        self.prefs.camera_on = self.camera_on.isChecked()
        if self._cameras:
            self.prefs.camera_id = self.camera_combo.currentData() or ""
        language = self.language_combo.currentData()
        self.prefs.language = language
        self.prefs.save()
        if language != i18n.current_language():
            i18n.set_language(language)
        self.accept()
