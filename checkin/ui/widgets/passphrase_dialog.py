"""Asking for an encrypted event file's passphrase (again, calmly, when it was wrong)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QWidget,
)

from checkin.ui.theme import Size, Style
from checkin.ui.widgets import fonts
from checkin.ui.widgets.form_dialog import FormDialog


class PassphraseDialog(FormDialog):
    def __init__(
        self, path: str | Path, wrong: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            parent, name="passphraseDialog", error_name="passphraseError", font_size=None,
            min_width=480,
        )  # fmt: skip
        self.path = Path(path)
        self.wrong = wrong
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setFont(fonts.app_font(Size.READ))
        self.field = QLineEdit()
        self.field.setObjectName("passphraseField")
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setFont(fonts.app_font(Size.FIELD))
        self.field.setMinimumHeight(48)
        self.error.setFont(fonts.app_font(Size.BODY, True))
        self.error.setStyleSheet(Style.ERROR_LINE)
        self.error.setVisible(wrong)
        self.body.addWidget(self.message)
        self.body.addWidget(self.field)
        self.finish()

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
        self.set_button_texts(self.tr("Open"), self.tr("Cancel"))

    @classmethod
    def ask(cls, path: str | Path, wrong: bool, parent: QWidget | None = None) -> str | None:
        dialog = cls(path, wrong, parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        text = dialog.field.text()
        dialog.deleteLater()
        return text if accepted else None
