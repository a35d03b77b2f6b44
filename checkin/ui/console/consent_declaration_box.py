"""The organizer's declaration in the import wizard: a file without consent columns
whose people agreed on the organizer's own registration form.

Without it such a file keeps only what entry needs of each row (PIPA: no optional field
without its consent). Ticking the items the people agreed to, with the version of the
form's wording and where they agreed, keeps those fields; the core
(``checkin.protect.consent.Declaration``, ``checkin.lists.importer``) records each answer
as the organizer's declaration and writes it to the audit log, as ``checkin import
--consent-collected ITEMS --consent-version V --consent-basis TEXT`` does.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QWidget

from checkin.protect import consent
from checkin.ui.theme import Color


class ConsentDeclarationBox(QGroupBox):
    """Tick boxes for the optional items, the wording's version and where they agreed."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("consentDeclaration")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.contact = QCheckBox()
        self.contact.setObjectName("declareContact")
        self.sensitive = QCheckBox()
        self.sensitive.setObjectName("declareSensitive")
        self.version = QLineEdit()
        self.version.setObjectName("declareVersion")
        self.version.setMaxLength(consent.MAX_VERSION)
        self.basis = QLineEdit()
        self.basis.setObjectName("declareBasis")
        self.basis.setMaxLength(consent.MAX_BASIS)
        self.version_label = QLabel()
        self.basis_label = QLabel()
        self.error = QLabel()
        self.error.setObjectName("declareError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {Color.ERROR};")
        self.error.hide()
        layout = QFormLayout(self)
        layout.addRow(self.intro)
        layout.addRow(self.contact)
        layout.addRow(self.sensitive)
        layout.addRow(self.version_label, self.version)
        layout.addRow(self.basis_label, self.basis)
        layout.addRow(self.error)
        for box in (self.contact, self.sensitive):
            box.toggled.connect(self._changed)
        for edit in (self.version, self.basis):
            edit.textEdited.connect(self._changed)
        self._changed()
        self.retranslate()

    def _changed(self) -> None:
        ticked = bool(self.items())
        for widget in (self.version, self.basis, self.version_label, self.basis_label):
            widget.setEnabled(ticked)
        self.error.hide()
        self.changed.emit()

    def items(self) -> list[str]:
        """The optional items ticked."""
        return [
            item
            for item, box in ((consent.CONTACT, self.contact), (consent.SENSITIVE, self.sensitive))
            if box.isChecked()
        ]

    def declaration(self) -> consent.Declaration | None:
        """None when nothing is ticked; raises ``InvalidInput`` (shown by the caller with
        ``show_error``) when the version or the basis is missing."""
        items = self.items()
        if not items:
            return None
        return consent.Declaration.make(items, self.version.text(), self.basis.text())

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def retranslate(self) -> None:
        self.setTitle(self.tr("No consent columns: did the people agree on your own form?"))
        self.intro.setText(
            self.tr(
                "This file has no consent columns, so only what entry needs is kept of each "
                "row. If the people agreed on your own registration form, tick what they "
                "agreed to: those fields are kept, and each answer is recorded as your "
                "declaration (in the audit log)."
            )
        )
        self.contact.setText(
            self.tr("(b) contact details (phone, e-mail, organization, full name)")
        )
        self.sensitive.setText(self.tr("(c) access needs (sensitive)"))
        self.version_label.setText(self.tr("Version of your form's wording:"))
        self.version.setPlaceholderText(self.tr("e.g. 2027-06-form"))
        self.basis_label.setText(self.tr("Where they agreed:"))
        self.basis.setPlaceholderText(self.tr("e.g. online registration form, consent page"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
