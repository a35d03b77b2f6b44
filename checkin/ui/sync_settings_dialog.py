"""Sync settings: a shared folder, a hub address, how often. Saved in the event file."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from checkin import errors
from checkin.db.eventfile import EventFile
from checkin.sync import status as status_mod
from checkin.ui import i18n


class SyncSettingsDialog(QDialog):
    settingsSaved = Signal(object)  # SyncConfig

    def __init__(self, ef: EventFile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ef = ef
        self.saved: status_mod.SyncConfig | None = None
        config = status_mod.load_config(ef)
        self.folder = QLineEdit(config.folder)
        self.browse = QPushButton()
        self.browse.clicked.connect(self._browse)
        self.hub = QLineEdit(config.hub_url)
        self.hub.setPlaceholderText("postgresql://checkin:PASSWORD@192.168.0.10/checkin")
        self.interval = QSpinBox()
        self.interval.setRange(status_mod.MIN_INTERVAL_S, status_mod.MAX_INTERVAL_S)
        self.interval.setValue(config.interval_s)
        self.help = QLabel()
        self.help.setWordWrap(True)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #C62828;")
        self.error.hide()
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder)
        folder_row.addWidget(self.browse)
        self.form = QFormLayout()
        self.folder_label = QLabel()
        self.hub_label = QLabel()
        self.interval_label = QLabel()
        self.form.addRow(self.folder_label, folder_row)
        self.form.addRow(self.hub_label, self.hub)
        self.form.addRow(self.interval_label, self.interval)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.help)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(620, 280)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Sync settings"))
        self.help.setText(
            self.tr(
                "Kiosks exchange check-ins through a shared folder on the venue network, "
                "a PostgreSQL sync server, or both. Leave a field empty to not use it. "
                "Each kiosk keeps working offline either way."
            )
        )
        self.folder_label.setText(self.tr("Shared folder"))
        self.hub_label.setText(self.tr("Sync server"))
        self.interval_label.setText(self.tr("Sync every"))
        self.interval.setSuffix(self.tr(" s"))
        self.browse.setText(self.tr("Browse…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Shared sync folder"), self.folder.text()
        )
        if chosen:
            self.folder.setText(chosen)

    def save(self) -> None:
        config = status_mod.SyncConfig(
            folder=self.folder.text(), hub_url=self.hub.text(), interval_s=self.interval.value()
        )
        try:
            self.saved = status_mod.save_config(self.ef, config)
        except errors.CheckinError as exc:
            self.error.setText(exc.message(i18n.current_language()))
            self.error.show()
            return
        self.settingsSaved.emit(self.saved)
        self.accept()
