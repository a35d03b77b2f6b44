"""The ticket's note and the e-mail's subject and body (event settings, Korean and
English), with a preview of one person's message and ticket as it would be sent.

The preview follows the text being edited (checked like a saved template: only the
known {fields}); Save stores it for every station (organizer only, synced). The
preview masks the address: it is about the wording.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from checkin import errors
from checkin.badges import ticket_mail, tickets
from checkin.ui.session import EventSession
from checkin.ui.widgets.error_dialog import both_languages, inline_error

PREVIEW_W = 260  # pixels of the ticket picture in the preview


class TicketWordingPage(QWidget):
    # Long because: builds its widgets, layouts and connections in screen order
    def __init__(self, session: EventSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        cfg = session.settings
        self.note = QLineEdit(tickets.note(cfg))
        self.note.setObjectName("ticketNote")
        self.note.setMaxLength(tickets.MAX_NOTE)
        self.subject = QLineEdit(tickets.subject_template(cfg))
        self.subject.setObjectName("ticketSubject")
        self.body = QPlainTextEdit(tickets.body_template(cfg))
        self.body.setObjectName("ticketBody")
        self.body.setTabChangesFocus(True)
        self.fields_hint = QLabel()
        self.fields_hint.setWordWrap(True)
        self.default_button = QPushButton()
        self.default_button.clicked.connect(self._defaults)
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveWording")
        self.save_button.clicked.connect(self.save)
        self.error = inline_error("wordingError")
        self.saved = QLabel()
        self.saved.setObjectName("wordingSaved")

        self.preview_box = QGroupBox()
        self.person = QLineEdit()
        self.person.setObjectName("previewReg")
        self.person.setMaxLength(40)
        self.to_label = QLabel()
        self.to_label.setObjectName("previewTo")
        self.subject_view = QLabel()
        self.subject_view.setObjectName("previewSubject")
        self.subject_view.setWordWrap(True)
        self.body_view = QPlainTextEdit()
        self.body_view.setObjectName("previewBody")
        self.body_view.setReadOnly(True)
        self.picture = QLabel()
        self.picture.setObjectName("previewPicture")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.picture.setMinimumWidth(PREVIEW_W)
        self.preview_note = QLabel()
        self.preview_note.setObjectName("previewNote")
        self.preview_note.setWordWrap(True)
        self.last_preview: ticket_mail.Preview | None = None

        self.labels = {k: QLabel() for k in ("note", "subject", "body", "person")}
        form = QFormLayout()
        form.addRow(self.labels["note"], self.note)
        form.addRow(self.labels["subject"], self.subject)
        form.addRow(self.labels["body"], self.body)
        form.addRow("", self.fields_hint)
        row = QHBoxLayout()
        row.addWidget(self.default_button)
        row.addStretch(1)
        row.addWidget(self.saved)
        row.addWidget(self.save_button)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(self.error)
        left.addLayout(row)
        pv = QFormLayout()
        pv.addRow(self.labels["person"], self.person)
        pv.addRow(self.to_label)
        pv.addRow(self.subject_view)
        pv.addRow(self.body_view)
        pv.addRow(self.preview_note)
        inner = QHBoxLayout(self.preview_box)
        inner.addLayout(pv, 3)
        inner.addWidget(self.picture, 2)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addWidget(self.preview_box, 1)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(300)
        self.timer.timeout.connect(self.refresh_preview)
        for edit in (self.note, self.subject, self.person):
            edit.textChanged.connect(self._edited)
        self.body.textChanged.connect(self._edited)
        self.person.setText(self._first_reg())
        self.retranslate()
        self.refresh_preview()

    def _first_reg(self) -> str:
        people = tickets.select(self.session.ef)
        with_email = [a for a in people if a.email.strip()]
        chosen = (with_email or people)[:1]
        return chosen[0].reg_no if chosen else ""

    def _edited(self) -> None:
        self.saved.setText("")
        self.timer.start()

    def _defaults(self) -> None:
        self.subject.setText(tickets.DEFAULT_SUBJECT)
        self.body.setPlainText(tickets.DEFAULT_BODY)

    def save(self) -> bool:
        s = self.session
        try:
            tickets.set_settings(s.ef, s.clock, s.access, self.note.text(), self.subject.text(),
                                 self.body.toPlainText(), s.operator)  # fmt: skip
        except errors.CheckinError as exc:
            self._show_error(exc)
            return False
        s.reload_settings()
        self.error.hide()
        self.saved.setText(self.tr("Saved."))
        return True

    def refresh_preview(self) -> None:
        """One person's message with the text as it is now (not yet saved)."""
        self.timer.stop()
        reg = self.person.text().strip()
        if not reg:
            self.preview_note.setText(self.tr("No registered attendee yet."))
            return
        try:
            person = tickets.select(self.session.ef, reg_numbers=[reg])[0]
            preview = ticket_mail.preview(self.session.ef, person, self.subject.text(),
                                          self.body.toPlainText(), self.note.text())  # fmt: skip
        except errors.CheckinError as exc:
            self._show_error(exc)
            return
        self.error.hide()
        self.last_preview = preview
        pixmap = QPixmap()
        pixmap.loadFromData(preview.png, "PNG")
        self.picture.setPixmap(
            pixmap.scaledToWidth(PREVIEW_W, Qt.TransformationMode.SmoothTransformation)
        )
        self._show_preview()

    def _show_preview(self) -> None:
        preview = self.last_preview
        if preview is None:
            return
        self.to_label.setText(self.tr("To: %1").replace("%1", preview.to_addr or "—"))
        self.subject_view.setText(self.tr("Subject: %1").replace("%1", preview.subject))
        self.body_view.setPlainText(preview.body)
        notes = {
            "": "",
            "no_email": self.tr("This person has no e-mail address: their ticket goes only "
                                "into the files for your own channel."),
            "no_consent": self.tr("This person's consent does not cover contact details: "
                                  "they are not e-mailed."),
        }  # fmt: skip
        self.preview_note.setText(notes[preview.reason_not_sent])

    def _show_error(self, exc: errors.CheckinError) -> None:
        self.error.setText(both_languages(exc))
        self.error.show()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.labels["note"].setText(self.tr("Note on every ticket"))
        self.labels["subject"].setText(self.tr("E-mail subject"))
        self.labels["body"].setText(self.tr("E-mail text"))
        self.labels["person"].setText(self.tr("Preview for"))
        fields = ", ".join("{" + f + "}" for f in tickets.TEMPLATE_FIELDS)
        self.fields_hint.setText(
            self.tr("Write it in Korean and English. Fields filled in for each person: %1 "
                    "(display name, event name, English name, date, place, registration "
                    "number).").replace("%1", fields)
        )  # fmt: skip
        self.note.setPlaceholderText(self.tr("e.g. Please come to the 2nd floor hall"))
        self.person.setPlaceholderText(self.tr("registration number"))
        self.default_button.setText(self.tr("Default wording"))
        self.save_button.setText(self.tr("Save"))
        self.preview_box.setTitle(self.tr("Preview"))
        self._show_preview()
