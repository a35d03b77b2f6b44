"""Asking for the organizer PIN: to unlock a kiosk, or to set a new PIN (twice)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from checkin import errors
from checkin import pin as pin_mod
from checkin.ui import fonts, i18n


class PinDialog(QDialog):
    """``verify`` mode checks a PIN with a callable; ``new`` mode asks for one twice."""

    def __init__(
        self,
        parent: QWidget | None = None,
        verify: Callable[[str], bool] | None = None,
        new: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pinDialog")
        self.verify = verify
        self.new = new
        self.pin = ""
        self.failures = 0
        self.setModal(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setFont(fonts.app_font(16))
        validator = QRegularExpressionValidator(QRegularExpression(r"[0-9 ]{0,16}"), self)
        self.field = QLineEdit()
        self.field.setObjectName("pinField")
        self.confirm = QLineEdit()
        self.confirm.setObjectName("pinConfirm")
        for field in (self.field, self.confirm):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setValidator(validator)
            field.setFont(fonts.app_font(26))
            field.setAlignment(Qt.AlignmentFlag.AlignCenter)
            field.setMinimumHeight(56)
            field.setInputMethodHints(
                Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData
            )
        self.confirm_label = QLabel()
        self.confirm_label.setFont(fonts.app_font(14))
        self.error = QLabel()
        self.error.setObjectName("pinError")
        self.error.setWordWrap(True)
        self.error.setFont(fonts.app_font(15, True))
        self.error.setStyleSheet("color: #B71C1C;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(self.message)
        layout.addWidget(self.field)
        layout.addWidget(self.confirm_label)
        layout.addWidget(self.confirm)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.confirm.setVisible(new)
        self.confirm_label.setVisible(new)
        self.error.hide()
        self.setMinimumWidth(460)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Organizer PIN"))
        if self.new:
            self.message.setText(
                self.tr(
                    "Choose an organizer PIN (%1 to %2 digits). Anyone with it can unlock "
                    "the kiosks of this event: menus, settings, exports and quitting."
                )
                .replace("%1", str(pin_mod.MIN_DIGITS))
                .replace("%2", str(pin_mod.MAX_DIGITS))
            )
        else:
            self.message.setText(self.tr("Enter the organizer PIN to unlock this kiosk."))
        self.confirm_label.setText(self.tr("The same PIN again:"))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Set PIN") if self.new else self.tr("Unlock"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _fail(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.field.clear()
        self.confirm.clear()
        self.field.setFocus()

    def try_accept(self) -> None:
        """OK pressed: check the PIN; stay open with a calm message if it is wrong."""
        entered = self.field.text()
        if self.new:
            try:
                cleaned = pin_mod.clean_pin(entered)
            except errors.InvalidInput as exc:
                self._fail(exc.message(i18n.current_language()))
                return
            if "".join(self.confirm.text().split()) != cleaned:
                self._fail(self.tr("The two PINs are not the same. Please type them again."))
                return
            self.pin = cleaned
            self.accept()
            return
        if self.verify is not None and self.verify(entered):
            self.pin = entered
            self.accept()
            return
        self.failures += 1
        self._fail(self.tr("That is not the organizer PIN. Please try again."))

    @classmethod
    def ask_new(cls, parent: QWidget | None) -> str | None:
        """A new PIN typed twice, or None if cancelled."""
        dialog = cls(parent, new=True)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        return dialog.pin if accepted else None

    @classmethod
    def ask_verified(cls, parent: QWidget | None, verify: Callable[[str], bool]) -> bool:
        """True once the right PIN was entered; False if cancelled."""
        dialog = cls(parent, verify=verify)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        return accepted
