"""Asking for an encrypted event file's passphrase (again, calmly, when it was wrong)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from checkin.ui.widgets import fonts


class PassphraseDialog(QDialog):
    def __init__(
        self, path: str | Path, wrong: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("passphraseDialog")
        self.path = Path(path)
        self.wrong = wrong
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setFont(fonts.app_font(15))
        self.field = QLineEdit()
        self.field.setObjectName("passphraseField")
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setFont(fonts.app_font(18))
        self.field.setMinimumHeight(48)
        self.error = QLabel()
        self.error.setObjectName("passphraseError")
        self.error.setWordWrap(True)
        self.error.setFont(fonts.app_font(14, True))
        self.error.setStyleSheet("color: #B71C1C;")
        self.error.setVisible(wrong)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.field)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Event passphrase"))
        self.message.setText(
            self.tr("%1 is encrypted. Enter the event passphrase to open it.").replace(
                "%1", self.path.name
            )
        )
        self.error.setText(
            self.tr("That passphrase did not open the file. Nothing was changed; please try again.")
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Open"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @classmethod
    def ask(cls, path: str | Path, wrong: bool, parent: QWidget | None = None) -> str | None:
        dialog = cls(path, wrong, parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        text = dialog.field.text()
        dialog.deleteLater()
        return text if accepted else None
