"""Changing (setting, removing) an event file's passphrase.

Self-contained: give it the path of an event file that is **not open** anywhere in
the app (close the session first; the file is replaced atomically by a re-encrypted
copy, see ``checkin.event.rekey``). On success ``new_passphrase`` holds the passphrase
to reopen the file with (None: no encryption); it is kept in memory only.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QLineEdit, QWidget

from checkin import errors
from checkin.event.files import change_passphrase, is_encrypted
from checkin.ui.widgets.error_dialog import inline_error
from checkin.ui.widgets.form_dialog import FormDialog


class ChangePassphraseDialog(FormDialog):
    def __init__(self, path: str | Path, parent: QWidget | None = None) -> None:
        super().__init__(
            parent, name="changePassphraseDialog", error_name="changePassphraseError",
            min_width=560,
        )  # fmt: skip
        self.path = Path(path)
        self.encrypted_now = is_encrypted(self.path)
        self.new_passphrase: str | None = None
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
        self.body.addWidget(self.intro)
        self.body.addLayout(form)
        self.body.addWidget(self.warning)
        self.finish()

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
        self.set_button_texts(self.tr("Change"), self.tr("Cancel"))

    def _remove_toggled(self, removing: bool) -> None:
        self.new.setEnabled(not removing)
        self.again.setEnabled(not removing)
        self.warning.setVisible(removing)

    def try_accept(self) -> None:
        removing = self.remove.isChecked()
        new = None if removing else self.new.text()
        if new is not None:
            if not new:
                self.fail(self.tr("Enter the new passphrase."))
                return
            if new != self.again.text():
                self.fail(self.tr("The two new passphrases are not the same."))
                return
        old = self.current.text() if self.encrypted_now else None
        try:
            change_passphrase(self.path, old, new)
        except errors.WrongPassphrase:
            self.fail(self.tr("The current passphrase is not right. Nothing was changed."))
            return
        except errors.CheckinError as exc:
            self.fail(exc)
            return
        self.new_passphrase = new
        for field in (self.current, self.new, self.again):
            field.clear()
        self.accept()
