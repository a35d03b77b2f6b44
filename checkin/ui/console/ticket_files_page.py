"""Files for the organizer's own channel (KakaoTalk, an SMS gateway, a mail merge).

A folder of tickets named by registration number (PDF and/or PNG) and an index CSV,
through the command line's core call (``tickets.write_files``), off the UI thread with a
progress bar. The index's e-mail and phone columns are asked for separately: they need
the organizer PIN typed again (when the event has one), only attendees whose consent
covers contact details get them, and the audit log records that they were included.
Like every export, it asks why first.
"""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from checkin import errors
from checkin.badges import tickets
from checkin.protect import pin as pin_mod
from checkin.ui.console.ticket_recipients import RecipientChooser
from checkin.ui.session import EventSession
from checkin.ui.theme import Color
from checkin.ui.widgets.error_dialog import both_languages, inline_error, show_error
from checkin.ui.widgets.pin_dialog import PinDialog
from checkin.ui.widgets.reason_dialog import ReasonDialog
from checkin.ui.worker import Operation, run_op


class Cancelled(Exception):
    """The organizer pressed Cancel."""


class TicketFilesPage(QWidget):
    def __init__(self, session: EventSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.task: Operation | None = None
        self.cancel_requested = False
        self.result: tickets.FilesResult | None = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.folder = QLineEdit()
        self.folder.setObjectName("filesFolder")
        self.browse = QPushButton()
        self.browse.clicked.connect(self._browse)
        self.pdf = QCheckBox("PDF")
        self.pdf.setChecked(True)
        self.png = QCheckBox("PNG")
        self.png.setChecked(True)
        self.who = RecipientChooser(session.settings, ("all", "category", "since", "one"))
        self.contact = QCheckBox()
        self.contact.setObjectName("withContact")
        self.contact_note = QLabel()
        self.contact_note.setWordWrap(True)
        self.contact_note.setStyleSheet(f"color: {Color.CAUTION_TEXT};")
        self.error = inline_error("filesError")
        self.write_button = QPushButton()
        self.write_button.setObjectName("writeFiles")
        self.cancel_button = QPushButton()
        self.cancel_button.setVisible(False)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setObjectName("filesStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        folder_row = QHBoxLayout()
        self.folder_label = QLabel()
        folder_row.addWidget(self.folder_label)
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse)
        formats = QHBoxLayout()
        self.formats_label = QLabel()
        formats.addWidget(self.formats_label)
        formats.addWidget(self.pdf)
        formats.addWidget(self.png)
        formats.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.write_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(folder_row)
        layout.addLayout(formats)
        layout.addWidget(self.who)
        layout.addWidget(self.contact)
        layout.addWidget(self.contact_note)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addStretch(1)
        for box in (self.pdf, self.png, self.contact):
            box.toggled.connect(lambda _on: self._update())
        self.folder.textChanged.connect(lambda _t: self._update())
        self.write_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.retranslate()

    def formats(self) -> list[str]:
        return [f for f, box in (("pdf", self.pdf), ("png", self.png)) if box.isChecked()]

    def _update(self) -> None:
        busy = self.task is not None
        self.write_button.setEnabled(
            not busy and bool(self.folder.text().strip()) and bool(self.formats())
        )
        self.contact_note.setVisible(self.contact.isChecked())

    def _browse(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Folder for the tickets"))
        if path:
            self.folder.setText(path)

    def _contact_pin(self) -> bool:
        """The contact columns need the PIN typed again (when the event has one)."""
        ef, access = self.session.ef, self.session.access
        if not pin_mod.has_pin(ef):
            return True
        return PinDialog.ask_verified(
            self, lambda pin: access.elevate(ef, pin).ok,
            lambda: pin_mod.pin_state(ef).remaining_ms(access.clock.now_ms()),
            purpose="organizer", unlock_code=pin_mod.uses_unlock_code(ef),
        )  # fmt: skip

    def start(self) -> Operation | None:
        self.error.hide()
        folder, formats = self.folder.text().strip(), self.formats()
        with_contact = self.contact.isChecked()
        if not folder or not formats:
            return None
        selection = self.who.selection()
        try:  # a wrong number or moment is said before the PIN and the reason are asked
            if not selection.people(self.session.ef):
                raise errors.InvalidInput(
                    "No tickets to make: no registered attendee matches.",
                    "만들 입장권이 없습니다: 조건에 맞는 등록 참가자가 없습니다.",
                    "selection",
                )
        except errors.CheckinError as exc:
            self._show_error(exc)
            return None
        if with_contact and not self._contact_pin():
            return None
        what = (self.tr("Tickets with the e-mail and phone columns") if with_contact
                else self.tr("The tickets folder"))  # fmt: skip
        access = ReasonDialog.ask(self, self.session.access, what)
        if access is None:
            return None
        spec, clock = self.session.spec(), self.session.clock
        self.cancel_requested = False

        def work(ef: Any, progress: Any) -> tickets.FilesResult:
            def report(done: int, total: int) -> None:
                if self.cancel_requested:
                    raise Cancelled()
                progress(done, total)

            people = selection.people(ef)
            return tickets.write_files(ef, clock, access, people, folder, formats,
                                       with_contact, report)  # fmt: skip

        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.cancel_button.setVisible(True)
        self.status.setText(self.tr("Making the tickets…"))
        self.task = run_op(
            spec, work, self._done, self._failed, self._progress, what="ticket files"
        )
        self._update()
        return self.task

    def cancel(self) -> None:
        self.cancel_requested = True
        self.status.setText(self.tr("Cancelling…"))

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)
        self.status.setText(
            self.tr("Ticket %1 of %2…").replace("%1", f"{done:,}").replace("%2", f"{total:,}")
        )

    def _finish(self) -> None:
        self.task = None
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self._update()

    def _done(self, result: tickets.FilesResult) -> None:
        self._finish()
        self.result = result
        text = self.tr("Wrote %1 tickets (%2 files) to %3; the list is %4.")
        for i, value in enumerate((f"{result.tickets:,}", f"{result.files:,}", result.folder,
                                   os.path.basename(result.index)), 1):  # fmt: skip
            text = text.replace(f"%{i}", value)
        if result.with_contact:
            text += "\n" + self.tr(
                "The list has the e-mail and phone columns (recorded in the audit log): keep it "
                "safe and delete it when the tickets are sent."
            )
        self.status.setText(text)

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        if isinstance(exc, Cancelled):
            self.status.setText(self.tr("Cancelled. The tickets written so far stay in the "
                                        "folder; there is no list."))  # fmt: skip
            return
        self.status.setText("")
        if isinstance(exc, errors.CheckinError):
            self._show_error(exc)
            return
        show_error(self, exc)

    def _show_error(self, exc: errors.CheckinError) -> None:
        self.error.setText(both_languages(exc))
        self.error.show()

    @property
    def busy(self) -> bool:
        return self.task is not None

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.intro.setText(self.tr(
            "For your own channel (KakaoTalk, an SMS gateway, a mail merge): one file per "
            "person, named by registration number, and a list (tickets.csv) of numbers and "
            "file names."
        ))  # fmt: skip
        self.folder_label.setText(self.tr("Folder"))
        self.browse.setText(self.tr("Choose…"))
        self.formats_label.setText(self.tr("Files"))
        self.contact.setText(self.tr("Add the e-mail and phone columns to the list"))
        self.contact_note.setText(self.tr(
            "Only for attendees whose consent covers contact details. You will be asked for "
            "the organizer PIN again (when the event has one), and the audit log records "
            "that the list has them."
        ))  # fmt: skip
        self.write_button.setText(self.tr("Write the files"))
        self.cancel_button.setText(self.tr("Cancel"))
        self._update()
