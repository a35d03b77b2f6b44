"""Creating a new event file: name, date, venue, passphrase, where to save.

A new event is encrypted: the passphrase (typed twice) is required unless the
organizer ticks the explained "do not encrypt" box, a deliberate choice.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from checkin import errors, paths
from checkin.clock import SYSTEM_CLOCK, Clock
from checkin.event import identity as event_mod
from checkin.event import settings as settings_mod
from checkin.event.files import EventFile
from checkin.ui.widgets.error_dialog import inline_error
from checkin.ui.widgets.form_dialog import FormDialog


def default_event_path(name: str, date: str) -> Path:
    slug = re.sub(r"[^\w-]+", "-", f"{name}-{date}", flags=re.UNICODE).strip("-") or "event"
    folder = paths.data_dir()
    candidate = folder / f"{slug}{paths.EVENT_SUFFIX}"
    n = 2
    while candidate.exists():
        candidate = folder / f"{slug}-{n}{paths.EVENT_SUFFIX}"
        n += 1
    return candidate


class CreateEventDialog(FormDialog):
    """On success ``event_file`` is the new, open file and ``passphrase`` its passphrase."""

    def __init__(self, parent: QWidget | None = None, clock: Clock = SYSTEM_CLOCK) -> None:
        super().__init__(parent, name="createEventDialog", error_name="createError", min_width=640)
        self.clock = clock
        self.event_file: EventFile | None = None
        self.passphrase: str | None = None
        today = dt.datetime.fromtimestamp(clock.now_ms() / 1000).date()
        day = settings_mod.next_defectors_day(today)
        self.name = QLineEdit(settings_mod.DEFAULT_NAME)
        self.name.setObjectName("eventName")
        self.name_en = QLineEdit(settings_mod.DEFAULT_NAME_EN)
        self.name_en.setObjectName("eventNameEn")
        self.date = QDateEdit(QDate(day.year, day.month, day.day))
        self.date.setObjectName("eventDate")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.venue = QLineEdit()
        self.venue.setObjectName("eventVenue")
        self.passphrase_field = QLineEdit()
        self.passphrase_field.setObjectName("eventPassphrase")
        self.passphrase_again = QLineEdit()
        self.passphrase_again.setObjectName("eventPassphraseAgain")
        for field in (self.passphrase_field, self.passphrase_again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.no_encryption = QCheckBox()
        self.no_encryption.setObjectName("noEncryption")
        self.no_encryption.toggled.connect(self._encryption_toggled)
        self.plain_warning = inline_error("plainWarning")
        self.path = QLineEdit(str(default_event_path(self.name.text(), day.isoformat())))
        self.path.setObjectName("eventPath")
        self.browse = QPushButton()
        self.browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(self.browse)
        self.labels = [QLabel() for _ in range(7)]
        form = QFormLayout()
        form.addRow(self.labels[0], self.name)
        form.addRow(self.labels[1], self.name_en)
        form.addRow(self.labels[2], self.date)
        form.addRow(self.labels[3], self.venue)
        form.addRow(self.labels[4], self.passphrase_field)
        form.addRow(self.labels[5], self.passphrase_again)
        form.addRow("", self.no_encryption)
        form.addRow("", self.plain_warning)
        form.addRow(self.labels[6], path_row)
        self.advice = QLabel()
        self.advice.setWordWrap(True)
        self.body.addLayout(form)
        self.body.addWidget(self.advice)
        self.finish()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Create a new event"))
        texts = [
            self.tr("Event name"),
            self.tr("English name (optional)"),
            self.tr("Date"),
            self.tr("Venue (optional)"),
            self.tr("Passphrase"),
            self.tr("Passphrase again"),
            self.tr("Save as"),
        ]
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.browse.setText(self.tr("Choose…"))
        self.advice.setText(
            self.tr(
                "The attendee list is encrypted on disk with this passphrase, so a lost or "
                "stolen laptop reveals no names. Write it down and keep it apart from the "
                "laptop: a lost passphrase cannot be recovered."
            )
        )
        self.no_encryption.setText(self.tr("Do not encrypt this event (not recommended)"))
        self.plain_warning.setText(
            self.tr(
                "Without encryption anyone who gets this file (a lost laptop, a copied "
                "file) can read every name, phone number and note. Choose this only for a "
                "practice event without real people."
            )
        )
        self.set_button_texts(self.tr("Create"), self.tr("Cancel"))

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the event file as"),
            self.path.text(),
            self.tr("Event files (*.checkin);;All files (*)"),
        )
        if chosen:
            if not Path(chosen).suffix:
                chosen += paths.EVENT_SUFFIX
            self.path.setText(chosen)

    def _encryption_toggled(self, plain: bool) -> None:
        for field in (self.passphrase_field, self.passphrase_again):
            field.setEnabled(not plain)
        self.plain_warning.setVisible(plain)

    def try_accept(self) -> None:
        plain = self.no_encryption.isChecked()
        passphrase = "" if plain else self.passphrase_field.text()
        if not plain and not passphrase:
            self.fail(
                self.tr('Choose a passphrase (or tick "Do not encrypt" for a practice event).')
            )
            return
        if not plain and passphrase != self.passphrase_again.text():
            self.fail(self.tr("The two passphrases are not the same."))
            return
        target = self.path.text().strip()
        if not target:
            self.fail(self.tr("Choose where to save the event file."))
            return
        try:
            ef = event_mod.create_event(
                target,
                name=self.name.text(),
                name_en=self.name_en.text(),
                date=self.date.date().toString("yyyy-MM-dd"),
                venue=self.venue.text(),
                passphrase=passphrase or None,
                clock=self.clock,
            )
        except errors.CheckinError as exc:
            self.fail(exc)
            return
        self.event_file = ef
        self.passphrase = passphrase or None
        self.accept()
