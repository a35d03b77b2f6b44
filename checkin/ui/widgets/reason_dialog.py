"""Asking why personal data leaves the app, before every export, report, door list and
audit-log read (the safety-measures standard asks for a reason on every download).

A short choice list (``checkin.protect.access.REASONS``) plus a line for details; "Other"
needs the details. The answer goes with the export into the audit log (the core
refuses an export without it: ``Access.check_reason``). The line warns not to type
names: the reason is kept, and a name in it would be personal data in the log.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QLineEdit, QWidget

from checkin.protect.access import REASONS, Access, clean_reason
from checkin.ui import i18n
from checkin.ui.theme import Size
from checkin.ui.widgets import fonts
from checkin.ui.widgets.form_dialog import FormDialog


class ReasonDialog(FormDialog):
    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        super().__init__(
            parent, name="reasonDialog", error_name="reasonError", font_size=None, min_width=520
        )
        self.what = what
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setFont(fonts.app_font(Size.BODY))
        self.choice = QComboBox()
        self.choice.setObjectName("reasonChoice")
        self.choice.setFont(fonts.app_font(Size.BODY))
        self.details = QLineEdit()
        self.details.setObjectName("reasonDetails")
        self.details.setFont(fonts.app_font(Size.BODY))
        self.details.setMaxLength(150)
        for widget in (self.message, self.choice, self.details):
            self.body.addWidget(widget)
        self.finish()

    def retranslate(self) -> None:
        lang = i18n.current_language()
        self.setWindowTitle(self.tr("Why is this needed?"))
        self.message.setText(
            self.tr(
                "%1 holds personal data. Say why it is needed: the reason is kept in the "
                "audit log with what was exported."
            ).replace("%1", self.what)
        )
        current = self.choice.currentData()
        self.choice.clear()
        self.choice.addItem(self.tr("Choose a reason…"), None)
        for code, en, ko in REASONS:
            self.choice.addItem(ko if lang == "ko" else en, code)
        if current is not None:
            self.choice.setCurrentIndex(self.choice.findData(current))
        self.details.setPlaceholderText(self.tr("Details (optional; no names, please)"))
        self.set_button_texts(self.tr("Continue"), self.tr("Cancel"))

    def reason(self) -> str:
        code = self.choice.currentData()
        details = clean_reason(self.details.text())
        if code is None:
            return ""
        if code == "other" and not details:
            return ""
        return f"{code}: {details}" if details else str(code)

    def try_accept(self) -> None:
        if self.reason():
            self.accept()
            return
        if self.choice.currentData() == "other":
            self.fail(self.tr("Say in a few words what the other reason is."))
        else:
            self.fail(self.tr("Choose a reason first."))

    @classmethod
    def ask(cls, parent: QWidget | None, access: Access, what: str) -> Access | None:
        """The access to export with, carrying the reason; None if cancelled."""
        dialog = cls(what, parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        reason = dialog.reason()
        dialog.deleteLater()
        return access.with_reason(reason) if accepted and reason else None
