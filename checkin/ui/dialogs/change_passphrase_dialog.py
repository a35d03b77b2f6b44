"""Changing (setting, removing) an event file's passphrase.

Self-contained: give it the path of an event file that is **not open** anywhere in
the app (close the session first; the file is replaced atomically by a re-encrypted
copy, see ``checkin.event.rekey``). On success ``new_passphrase`` holds the passphrase
to reopen the file with (None: no encryption); it is kept in memory only.

Re-encrypting copies the whole file (seconds for a large event), so it runs off the UI
thread (``checkin.ui.worker.run_op``); the dialog waits, its fields and buttons
disabled, and cannot be closed meanwhile.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from checkin import errors
from checkin.event.files import change_passphrase, is_encrypted
from checkin.ui import i18n
from checkin.ui.theme import Size
from checkin.ui.widgets import fonts
from checkin.ui.widgets.error_dialog import inline_error, show_error
from checkin.ui.worker import Operation, run_op


class ChangePassphraseDialog(QDialog):
    def __init__(self, path: str | Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changePassphraseDialog")
        self.path = Path(path)
        self.encrypted_now = is_encrypted(self.path)
        self.new_passphrase: str | None = None
        self.task: Operation | None = None
        self.setFont(fonts.app_font(Size.BODY))
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.current = QLineEdit()
        self.current.setObjectName("currentPassphrase")
        self.new = QLineEdit()
        self.new.setObjectName("newPassphrase")
        self.again = QLineEdit()
        self.again.setObjectName("newPassphraseAgain")
        for field in (self.current, self.new, self.again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setMinimumHeight(40)
        self.remove = QCheckBox()
        self.remove.setObjectName("removeEncryption")
        self.remove.toggled.connect(self._remove_toggled)
        self.remove.setVisible(self.encrypted_now)
        self.warning = inline_error()
        self.labels = [QLabel() for _ in range(3)]
        form = QFormLayout()
        if self.encrypted_now:
            form.addRow(self.labels[0], self.current)
        else:
            self.current.hide()
            self.labels[0].hide()
        form.addRow(self.labels[1], self.new)
        form.addRow(self.labels[2], self.again)
        form.addRow("", self.remove)
        self.error = inline_error("changePassphraseError")
        self.working = QLabel()
        self.working.setObjectName("changePassphraseWorking")
        self.working.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.warning)
        layout.addWidget(self.error)
        layout.addWidget(self.working)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Change the event passphrase"))
        if self.encrypted_now:
            intro = self.tr(
                "%1 is encrypted. Enter its current passphrase, then the new one twice. "
                "Stations keep syncing: their own passphrases do not change."
            )
        else:
            intro = self.tr(
                "%1 is NOT encrypted: anyone who gets the file can read the attendee list. "
                "Choose a passphrase to encrypt it."
            )
        self.intro.setText(intro.replace("%1", self.path.name))
        for label, text in zip(
            self.labels,
            [
                self.tr("Current passphrase"),
                self.tr("New passphrase"),
                self.tr("New passphrase again"),
            ],
            strict=True,
        ):
            label.setText(text)
        self.remove.setText(self.tr("Remove the encryption (not recommended)"))
        self.warning.setText(
            self.tr(
                "Without encryption anyone who gets this file can read every name, phone "
                "number and note."
            )
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Change"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.working.setText(self.tr("Re-encrypting the file… Please wait."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _remove_toggled(self, removing: bool) -> None:
        self.new.setEnabled(not removing)
        self.again.setEnabled(not removing)
        self.warning.setVisible(removing)

    def _fail(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    @property
    def busy(self) -> bool:
        return self.task is not None

    def try_accept(self) -> None:
        if self.busy:
            return
        removing = self.remove.isChecked()
        new = None if removing else self.new.text()
        if new is not None:
            if not new:
                self._fail(self.tr("Enter the new passphrase."))
                return
            if new != self.again.text():
                self._fail(self.tr("The two new passphrases are not the same."))
                return
        old = self.current.text() if self.encrypted_now else None
        path = self.path
        self.error.hide()
        self._set_busy(True)
        self.task = run_op(
            None, lambda _ef, _progress: change_passphrase(path, old, new),
            lambda _changed: self._changed(new), self._failed, what="changing the passphrase",
        )  # fmt: skip

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.current, self.new, self.again, self.remove, self.buttons):
            widget.setEnabled(not busy)
        if not busy:
            self._remove_toggled(self.remove.isChecked())
        self.working.setVisible(busy)

    def _changed(self, new: str | None) -> None:
        self.task = None
        self._set_busy(False)
        self.new_passphrase = new
        for field in (self.current, self.new, self.again):
            field.clear()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        self._set_busy(False)
        if isinstance(exc, errors.WrongPassphrase):
            self._fail(self.tr("The current passphrase is not right. Nothing was changed."))
        elif isinstance(exc, errors.CheckinError):
            self._fail(exc.message(i18n.current_language()))
        else:
            self._fail(self.tr("The passphrase was not changed."))
            show_error(self, exc)

    def done(self, result: int) -> None:
        if self.busy:  # the file is being replaced: wait for it (Esc, the close button)
            return
        super().done(result)
