"""The consent wording volunteers read out at the desk, edited by the organizer.

Both languages are required; saving gives the wording a new version (recorded with
every consent from then on) and syncs it to every station (``checkin.protect.consent``).
Organizer only: the main window asks for the PIN before opening it, and the core
refuses without organizer access anyway.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from checkin import errors
from checkin.protect import consent
from checkin.ui.session import EventSession
from checkin.ui.theme import Size
from checkin.ui.widgets.form_dialog import FormDialog


class ConsentWordingDialog(FormDialog):
    def __init__(self, session: EventSession, parent: QWidget | None = None) -> None:
        super().__init__(
            parent, name="consentWordingDialog", error_name="consentError",
            accept_button=QDialogButtonBox.StandardButton.Save, font_size=Size.CAPTION,
            min_width=720,
        )  # fmt: skip
        self.session = session
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
        for widget in (self.intro, self.version, self.ko_label, self.ko, self.en_label, self.en,
                       self.default_button):  # fmt: skip
            self.body.addWidget(widget)
        self.finish()

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
        self.set_button_texts(self.tr("Save"), self.tr("Cancel"))

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
            self.fail(exc)
            return
        self.session.reload_settings()
        self.accept()
