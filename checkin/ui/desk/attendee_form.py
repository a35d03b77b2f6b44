"""The attendee fields as one editor, shared by the walk-in form and the detail dialog.

Every check is the core's (``checkin.people.fields``): a field is checked when the volunteer
leaves it, its message shown right under it in the app's language, and cleared as
soon as they type again. ``validate()`` checks them all before saving.

Consent comes in parts (``checkin.protect.consent``), each tick box with its own wording in
Korean and English: (a) entry, required in the walk-in form, for the fields above it;
(b) contact details, optional, and (c) access needs, sensitive, optional and separate.
The fields of (b) and (c) are greyed out until their box is ticked (and what a greyed
field holds is never saved), whether or not answers were recorded before: the core
refuses them otherwise. A record holding such a field without its consent (from before
the rule, or two stations' edits merged by sync) says so, and saving empties it unless
the box is ticked. An under-14's optional fields need the guardian box, with the
guardian's relation only.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from checkin import errors
from checkin.door import messages
from checkin.models import Attendee
from checkin.people import fields
from checkin.protect import consent
from checkin.ui import i18n
from checkin.ui.session import EventSession
from checkin.ui.theme import Size, Style
from checkin.ui.widgets import fonts
from checkin.ui.widgets.error_dialog import ERROR_STYLE

TEXT_FIELDS = (
    "display_name", "full_name", "organization", "phone", "email", "access_needs", "group_name",
)  # fmt: skip
_CHECKS: dict[str, Callable[[str], Any]] = {
    "display_name": fields.display_name,
    "full_name": lambda v: fields.clean_text(v, "full_name", fields.MAX_NAME),
    "organization": lambda v: fields.clean_text(v, "organization", fields.MAX_TEXT),
    "phone": fields.phone,
    "email": fields.email,
    "access_needs": lambda v: fields.clean_text(v, "access_needs", fields.MAX_LONG_TEXT),
    "group_name": lambda v: fields.clean_text(v, "group_name", fields.MAX_GROUP),
}


class AttendeeForm(QWidget):
    """Display name, full name, category, organization, phone, email, language,
    no-photo, access needs and consent, with inline validation."""

    edited = Signal()  # any field changed by the volunteer

    # Long because: builds its widgets, layouts and connections in screen order
    def __init__(
        self, session: EventSession, consent_required: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.consent_required = consent_required
        self.consent_at: int | None = None  # as loaded (edit) or None (new)
        self.setFont(fonts.app_font(Size.BODY))
        self.edits: dict[str, QLineEdit] = {}
        # Fields showing a mask (checkin.protect.masking): read-only, never read back or saved.
        self.locked: frozenset[str] = frozenset()
        self.errors: dict[str, QLabel] = {}
        self.labels: dict[str, QLabel] = {}
        names = {
            "display_name": "displayName", "full_name": "fullName",
            "organization": "organization", "phone": "phone", "email": "email",
            "access_needs": "accessNeeds", "group_name": "group",
        }  # fmt: skip
        for name, object_name in names.items():
            edit = QLineEdit()
            edit.setObjectName(object_name)
            edit.setMinimumHeight(38)
            edit.textEdited.connect(lambda _t, n=name: self._typed(n))
            edit.editingFinished.connect(lambda n=name: self.check(n))
            self.edits[name] = edit
        self.edits["display_name"].setMaxLength(fields.MAX_NAME)
        self.edits["full_name"].setMaxLength(fields.MAX_NAME)
        self.edits["group_name"].setMaxLength(fields.MAX_GROUP)
        self.category = QComboBox()
        self.category.setObjectName("category")
        self.category.setMinimumHeight(38)
        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.setMinimumHeight(38)
        self.no_photo = QCheckBox()
        self.no_photo.setObjectName("noPhoto")
        self.consent = QCheckBox()
        self.consent.setObjectName("consent")
        self.consent_text = self._wording_label("consentText")
        self.consent_contact = QCheckBox()
        self.consent_contact.setObjectName("consentContact")
        self.contact_text = self._wording_label("consentContactText")
        self.consent_sensitive = QCheckBox()
        self.consent_sensitive.setObjectName("consentSensitive")
        self.sensitive_text = self._wording_label("consentSensitiveText")
        self.under_14 = QCheckBox()
        self.under_14.setObjectName("under14")
        self.guardian = QLineEdit()
        self.guardian.setObjectName("guardianRelation")
        self.guardian.setMaxLength(consent.MAX_RELATION)
        self.guardian.setMinimumHeight(38)
        self.guardian_label = QLabel()
        self.answers: dict[str, dict[str, Any]] = {}  # as loaded (edit) or empty (new)
        self.held: list[str] = []  # fields the loaded record holds without their consent
        self.held_warning = QLabel()
        self.held_warning.setObjectName("heldWithoutConsent")
        self.held_warning.setStyleSheet(ERROR_STYLE)
        self.held_warning.setWordWrap(True)
        self.held_warning.hide()
        self._show_consent_wording()
        self.consent_status = QLabel()
        self.consent_status.setObjectName("consentStatus")
        self.category.currentIndexChanged.connect(self._category_changed)
        self.language.currentIndexChanged.connect(self.edited)
        self.no_photo.toggled.connect(self.edited)
        self.consent.toggled.connect(self._consent_toggled)
        for box in (self.consent_contact, self.consent_sensitive, self.under_14):
            box.toggled.connect(self._optional_toggled)
        self.guardian.textEdited.connect(lambda _t: self._typed("guardian_relation"))
        session.settings_changed.connect(self._show_consent_wording)  # e.g. after a sync

        form = QFormLayout()
        form.setVerticalSpacing(4)
        contact_form = QFormLayout()
        contact_form.setVerticalSpacing(4)
        sensitive_form = QFormLayout()
        sensitive_form.setVerticalSpacing(4)
        target = {
            **dict.fromkeys(consent.FIELDS[consent.CONTACT], contact_form),
            "access_needs": sensitive_form,
        }
        for name in ("display_name", "category", "language", "no_photo", "group_name",
                     "full_name", "organization", "phone", "email", "access_needs"):  # fmt: skip
            label = QLabel()
            self.labels[name] = label
            error = QLabel()
            error.setObjectName(f"{names.get(name, name)}Error")
            error.setStyleSheet(ERROR_STYLE)
            error.setWordWrap(True)
            error.hide()
            self.errors[name] = error
            widget: QWidget
            if name == "category":
                widget = self.category
            elif name == "language":
                widget = self.language
            elif name == "no_photo":
                widget = self.no_photo
            else:
                widget = self.edits[name]
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(widget)
            box.addWidget(error)
            target.get(name, form).addRow(label, box)
        guardian_error = QLabel()
        guardian_error.setObjectName("guardianRelationError")
        guardian_error.setStyleSheet(ERROR_STYLE)
        guardian_error.setWordWrap(True)
        guardian_error.hide()
        self.errors["guardian_relation"] = guardian_error
        consent_error = QLabel()
        consent_error.setObjectName("consentError")
        consent_error.setStyleSheet(ERROR_STYLE)
        consent_error.setWordWrap(True)
        consent_error.hide()
        self.errors["consent"] = consent_error
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.addLayout(form)
        root.addWidget(self.consent_text)
        root.addWidget(self.consent)
        root.addWidget(self.consent_status)
        root.addWidget(consent_error)
        root.addWidget(self.held_warning)
        self.contact_box = QGroupBox()
        self.contact_box.setObjectName("contactBox")
        contact_layout = QVBoxLayout(self.contact_box)
        contact_layout.addWidget(self.contact_text)
        contact_layout.addWidget(self.consent_contact)
        contact_layout.addLayout(contact_form)
        root.addWidget(self.contact_box)
        self.sensitive_box = QGroupBox()
        self.sensitive_box.setObjectName("sensitiveBox")
        sensitive_layout = QVBoxLayout(self.sensitive_box)
        sensitive_layout.addWidget(self.sensitive_text)
        sensitive_layout.addWidget(self.consent_sensitive)
        sensitive_layout.addLayout(sensitive_form)
        root.addWidget(self.sensitive_box)
        guardian_row = QFormLayout()
        guardian_row.addRow(self.guardian_label, self.guardian)
        root.addWidget(self.under_14)
        root.addLayout(guardian_row)
        root.addWidget(guardian_error)
        root.addStretch(1)
        self.consent_status.setVisible(not consent_required)

        # Keyboard: in reading order; each consent box before the fields it opens.
        chain: list[QWidget] = [
            self.edits["display_name"], self.category, self.language, self.no_photo,
            self.edits["group_name"], self.consent, self.consent_contact, self.edits["full_name"],
            self.edits["organization"], self.edits["phone"], self.edits["email"],
            self.consent_sensitive, self.edits["access_needs"], self.under_14, self.guardian,
        ]  # fmt: skip
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.last_in_chain: QWidget = self.guardian
        self.retranslate()
        self._apply_gates()

    def _wording_label(self, object_name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(object_name)
        label.setWordWrap(True)
        label.setStyleSheet(Style.READ_ONLY_FIELD)
        label.setFont(fonts.app_font(Size.SMALL))
        return label

    # -- text -------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        lang = i18n.current_language()
        texts = {
            "display_name": self.tr("Name on badge *"),
            "full_name": self.tr("Full name"),
            "category": self.tr("Category"),
            "organization": self.tr("Organization"),
            "phone": self.tr("Phone"),
            "email": self.tr("Email"),
            "language": self.tr("Language"),
            "no_photo": self.tr("Photos"),
            "access_needs": self.tr("Access needs"),
            "group_name": self.tr("Group"),
        }
        for name, text in texts.items():
            self.labels[name].setText(text)
        self.edits["display_name"].setPlaceholderText(self.tr("An alias is fine"))
        self.edits["full_name"].setPlaceholderText(self.tr("Optional; not printed"))
        self.edits["phone"].setPlaceholderText("010-1234-5678")
        self.edits["email"].setPlaceholderText("name@example.org")
        self.edits["access_needs"].setPlaceholderText(self.tr("e.g. wheelchair, sign language"))
        self.edits["group_name"].setPlaceholderText(
            self.tr("Family or delegation checked in together, e.g. 김씨 가족 (optional)")
        )
        self.no_photo.setText(self.tr("Do not photograph this person"))
        self.consent.setText(
            self.tr("The person agrees to the use of their data (text above) *")
            if self.consent_required
            else self.tr("The person agreed to the use of their data (text above)")
        )
        self.contact_box.setTitle(self.tr("Optional: contact details"))
        self.sensitive_box.setTitle(self.tr("Optional: access needs (sensitive data)"))
        self.consent_contact.setText(
            self.tr("The person agrees to give contact details (optional, text above)")
        )
        self.consent_sensitive.setText(
            self.tr("The person agrees separately to give access needs (optional, text above)")
        )
        self.under_14.setText(
            self.tr("Under 14: a parent or guardian agreed for them (needed for optional details)")
        )
        self.guardian_label.setText(self.tr("Guardian (relation only)"))
        self.guardian.setPlaceholderText(self.tr("e.g. mother"))
        current = self.category.currentData()
        self.category.blockSignals(True)
        self.category.clear()
        if self.consent_required:  # a new registration: the volunteer picks, no default
            self.category.addItem(self.tr("Choose…"), "")
        for cat in self.session.settings.categories:
            self.category.addItem(cat.label(lang), cat.id)
        index = self.category.findData(current or self._default_category())
        self.category.setCurrentIndex(max(0, index))
        self.category.blockSignals(False)
        language = self.language.currentData()
        self.language.blockSignals(True)
        self.language.clear()
        if self.consent_required:  # a new registration: chosen from the name
            self.language.addItem(self.tr("Automatic (from the name)"), "")
        self.language.addItem("한국어 (Korean)", "ko")
        self.language.addItem("English (영어)", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(language or "")))
        self.language.blockSignals(False)
        self._show_consent_status()
        self._show_held()

    def _default_category(self) -> str:
        """None for a new registration (the "Choose…" entry): a category is a deliberate
        choice; an edit always shows the person's own."""
        if self.consent_required:
            return ""
        ids = self.session.settings.category_ids()
        return ids[0] if ids else ""

    # -- values -----------------------------------------------------------------------

    def raw(self) -> dict[str, Any]:
        """What is in the fields now, as the core takes it."""
        values: dict[str, Any] = {
            name: self.edits[name].text() for name in TEXT_FIELDS if name not in self.locked
        }
        values["category"] = self.category.currentData() or ""
        language = self.language.currentData()
        if language:
            values["language"] = language
        values["no_photo"] = self.no_photo.isChecked()
        for name in TEXT_FIELDS:  # a greyed-out field is never saved
            if not self.edits[name].isEnabled():
                values[name] = ""
        return values

    def agreed(self) -> list[str]:
        """The consent items ticked now."""
        boxes = {
            consent.ENTRY: self.consent,
            consent.CONTACT: self.consent_contact,
            consent.SENSITIVE: self.consent_sensitive,
        }
        return [item for item, box in boxes.items() if box.isChecked()]

    def _apply_gates(self) -> None:
        """Grey out the fields whose consent is not ticked (and the guardian field)."""
        opened = {
            consent.CONTACT: self.consent_contact.isChecked(),
            consent.SENSITIVE: self.consent_sensitive.isChecked(),
        }
        for item, names in consent.FIELDS.items():
            for name in names:
                self.edits[name].setEnabled(opened[item])
                self.labels[name].setEnabled(opened[item])
                if not opened[item]:
                    self.errors[name].hide()
        self.guardian.setEnabled(self.under_14.isChecked())
        self.guardian_label.setEnabled(self.under_14.isChecked())
        self._show_held()

    def _show_held(self) -> None:
        """Name the fields held without their consent that saving would empty now."""
        closed = [n for n in self.held if not self.edits[n].isEnabled()]
        if closed:
            names = ", ".join(self.labels[n].text() for n in closed)
            self.held_warning.setText(
                self.tr(
                    "Held without a recorded consent: %1. Saving removes them, unless the "
                    "person agrees now (tick the consent above them)."
                ).replace("%1", names)
            )
        self.held_warning.setVisible(bool(closed))

    def set_attendee(self, a: Attendee) -> None:
        for name in TEXT_FIELDS:
            self.edits[name].setText(str(getattr(a, name)))
        self.category.setCurrentIndex(max(0, self.category.findData(a.category)))
        self.language.setCurrentIndex(max(0, self.language.findData(a.language)))
        self.no_photo.setChecked(a.no_photo)
        self.consent_at = a.consent_at
        self.answers = consent.answers(a)
        # recorded answers decide; none recorded: only the required fields stay
        self.held = [n for n in consent.held_without_consent(a.to_json()) if n in self.edits]
        boxes = ((self.consent, a.consent_at is not None),
                 (self.consent_contact, consent.CONTACT in self.answers),
                 (self.consent_sensitive, consent.SENSITIVE in self.answers),
                 (self.under_14, a.under_14))  # fmt: skip
        for box, checked in boxes:
            box.blockSignals(True)
            box.setChecked(checked)
            box.blockSignals(False)
        self.guardian.setText(a.guardian_relation)
        self._apply_gates()
        self.clear_errors()
        self._show_consent_status()

    def set_locked(self, names: Any) -> None:
        """Show ``names`` read-only (their values are masks): nothing typed there is
        read, checked or saved until they are unlocked (``set_locked(())``)."""
        self.locked = frozenset(names)
        for name, edit in self.edits.items():
            edit.setReadOnly(name in self.locked)

    def changes(self, a: Attendee) -> dict[str, Any]:
        """The fields that differ from ``a`` (validated and normalized)."""
        normalized = fields.normalize(
            self.raw(), self.session.settings.category_ids(), partial=True
        )
        out = {k: v for k, v in normalized.items() if getattr(a, k) != v}
        if self.consent.isChecked() and a.consent_at is None:
            version = consent.wording(self.session.settings).version
            out.update(consent.given(self.session.clock, version))
        elif not self.consent.isChecked() and a.consent_at is not None:
            out.update(consent.withdrawn())
        optional = [i for i in self.agreed() if i != consent.ENTRY]
        loaded = [i for i in consent.OPTIONAL if i in self.answers]
        guardian = self.guardian.text().strip() if self.under_14.isChecked() else ""
        if optional != loaded or (self.under_14.isChecked(), guardian) != (
            a.under_14,
            a.guardian_relation,
        ):
            answers = {k: v for k, v in self.answers.items() if k != consent.GUARDIAN}
            now = consent.record(
                self.session.clock, self.session.settings, self.agreed(),
                self.under_14.isChecked(), guardian,
            )  # fmt: skip
            fresh = consent.decode(now["consents"])
            for item in consent.OPTIONAL:  # an answer kept keeps its time and version
                if item not in optional:
                    answers.pop(item, None)
                elif item not in answers:
                    answers[item] = fresh[item]
            if consent.GUARDIAN in fresh:
                answers[consent.GUARDIAN] = fresh[consent.GUARDIAN]
            if consent.ENTRY not in answers and consent.ENTRY in fresh:
                answers[consent.ENTRY] = fresh[consent.ENTRY]
            out.update(
                consents=consent.encode(answers), under_14=self.under_14.isChecked(),
                guardian_relation=guardian,
            )  # fmt: skip
        return out

    def _show_consent_wording(self) -> None:
        items = consent.items(self.session.settings)
        self.consent_text.setText(items[consent.ENTRY].both())
        self.contact_text.setText(items[consent.CONTACT].both())
        self.sensitive_text.setText(items[consent.SENSITIVE].both())

    def consent_given(self) -> dict[str, Any]:
        """The answers given now (each ticked item), to the wordings this form shows."""
        return consent.record(
            self.session.clock, self.session.settings, self.agreed(),
            self.under_14.isChecked(), self.guardian.text(),
        )  # fmt: skip

    def _checked_widgets(self) -> dict[str, QWidget]:
        """The checked fields' widgets, in reading order."""
        order = ("display_name", "full_name", "category", *TEXT_FIELDS[2:], "consent")
        widgets = {**self.edits, "category": self.category, "consent": self.consent}
        return {name: widgets[name] for name in order}

    def is_blank(self) -> bool:
        """Nothing typed, chosen or ticked yet (closing then loses nothing)."""
        return (
            not any(edit.text().strip() for edit in self.edits.values())
            and (self.category.currentData() or "") == (self._default_category() or "")
            and self.language.currentIndex() == 0
            and not self.no_photo.isChecked()
            and not self.consent.isChecked()
        )

    def first_error(self) -> QWidget | None:
        """The field of the first message shown, in reading order (None when none)."""
        widgets = self._checked_widgets()
        for name in widgets:
            if not self.errors[name].isHidden():
                return widgets[name]
        return None

    def clear(self) -> None:
        for edit in self.edits.values():
            edit.clear()
        self.category.setCurrentIndex(max(0, self.category.findData(self._default_category())))
        self.language.setCurrentIndex(0)
        self.no_photo.setChecked(False)
        for box in (self.consent, self.consent_contact, self.consent_sensitive, self.under_14):
            box.setChecked(False)
        self.guardian.clear()
        self.consent_at = None
        self.answers = {}
        self.held = []
        self._apply_gates()
        self.clear_errors()

    # -- validation -------------------------------------------------------------------

    def check(self, name: str) -> bool:
        """Check one field with the core's rule; show or clear its message."""
        try:
            if name in self.locked:
                pass  # a mask, not a value: left as it is
            elif name == "consent":
                if self.consent_required and not self.consent.isChecked():
                    raise consent.required()
            elif name == "category":
                if self.consent_required:
                    fields.category_chosen(self.category.currentData() or "")
            elif self.edits[name].isEnabled():  # a greyed-out field is not saved
                _CHECKS[name](self.edits[name].text())
        except errors.InvalidInput as exc:
            self.show_error(name, exc)
            return False
        self.errors[name].hide()
        return True

    def validate(self) -> bool:
        """Check every field; focus the first one in error. True when all are fine."""
        first: QWidget | None = None
        widgets = self._checked_widgets()
        for name in widgets:
            if not self.check(name) and first is None:
                first = widgets[name]
        if first is not None:
            first.setFocus()
            return False
        return True

    def show_error(self, field: str, exc: errors.CheckinError) -> None:
        label = self.errors.get(field) or self.errors["display_name"]
        label.setText(exc.message(i18n.current_language()))
        label.show()

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.hide()

    def error_texts(self) -> dict[str, str]:
        return {k: v.text() for k, v in self.errors.items() if not v.isHidden()}

    def _typed(self, name: str) -> None:
        self.errors[name].hide()
        self.edited.emit()

    def _category_changed(self) -> None:
        if self.category.currentData():
            self.errors["category"].hide()
        self.edited.emit()

    def _optional_toggled(self, _checked: bool) -> None:
        self._apply_gates()
        self.errors["guardian_relation"].hide()
        self.edited.emit()

    def _consent_toggled(self, checked: bool) -> None:
        if checked:
            self.errors["consent"].hide()
        self._show_consent_status()
        self.edited.emit()

    def _show_consent_status(self) -> None:
        if self.consent_required:
            return
        if self.consent_at is not None and self.consent.isChecked():
            when = messages.format_time(
                self.consent_at, self.session.settings.timezone, with_date=True
            )
            self.consent_status.setText(self.tr("Consent recorded: %1").replace("%1", when))
        elif self.consent.isChecked():
            self.consent_status.setText(self.tr("Consent will be recorded when you save."))
        elif self.consent_at is not None:
            self.consent_status.setText(self.tr("Consent will be withdrawn when you save."))
        else:
            self.consent_status.setText(
                self.tr("No consent recorded here (pre-registered: given on the form).")
            )
