"""The consent wording volunteers read out at the desk, edited by the organizer.

Both languages are required; saving gives the wording a new version (recorded with
every consent from then on) and syncs it to every station (``checkin.protect.consent``).
Organizer only: the main window asks for the PIN before opening it, and the core
refuses without organizer access anyway.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from checkin import errors
from checkin.protect import consent
from checkin.ui import i18n
from checkin.ui.session import EventSession
from checkin.ui.theme import Size
from checkin.ui.widgets import fonts
from checkin.ui.widgets.error_dialog import inline_error


class ConsentWordingDialog(QDialog):
    def __init__(self, session: EventSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("consentWordingDialog")
        self.session = session
        self.setFont(fonts.app_font(Size.CAPTION))
        current = consent.wording(session.settings)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.version = QLabel()
        self.ko_label, self.en_label = QLabel(), QLabel()
        self.ko = QPlainTextEdit(current.ko)
        self.ko.setObjectName("consentKo")
        self.en = QPlainTextEdit(current.en)
        self.en.setObjectName("consentEn")
        for edit in (self.ko, self.en):
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(110)
        self.default_button = QPushButton()
        self.default_button.clicked.connect(self._fill_default)
        self.error = inline_error("consentError")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.version)
        layout.addWidget(self.ko_label)
        layout.addWidget(self.ko)
        layout.addWidget(self.en_label)
        layout.addWidget(self.en)
        layout.addWidget(self.default_button)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(720)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Consent wording"))
        self.intro.setText(
            self.tr(
                "Volunteers read this to every person registered at the desk, who must agree "
                "before they are registered. Use your organization's privacy notice: purpose, "
                "the items collected, how long they are kept, and that the person may refuse. "
                "Saving records a new version with every consent from now on and sends it to "
                "every station at the next sync."
            )
        )
        self.version.setText(
            self.tr("Current version: %1").replace(
                "%1", consent.wording(self.session.settings).version
            )
        )
        self.ko_label.setText(self.tr("Korean"))
        self.en_label.setText(self.tr("English"))
        self.default_button.setText(self.tr("Use the app's default wording"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _fill_default(self) -> None:
        self.ko.setPlainText(consent.DEFAULT.ko)
        self.en.setPlainText(consent.DEFAULT.en)

    def try_accept(self) -> None:
        """Save (organizer only); a person-facing error keeps the dialog open."""
        ko, en = self.ko.toPlainText(), self.en.toPlainText()
        current = consent.wording(self.session.settings)
        if (ko.strip(), en.strip()) == (current.ko, current.en):
            self.accept()  # nothing changed: no new version
            return
        try:
            if (ko.strip(), en.strip()) == (consent.DEFAULT.ko, consent.DEFAULT.en):
                consent.reset_wording(
                    self.session.ef, self.session.clock, self.session.access,
                    self.session.operator,
                )  # fmt: skip
            else:
                consent.set_wording(
                    self.session.ef, self.session.clock, ko, en, self.session.access,
                    self.session.operator,
                )  # fmt: skip
        except errors.CheckinError as exc:
            self.error.setText(exc.message(i18n.current_language()))
            self.error.show()
            return
        self.session.reload_settings()
        self.accept()
