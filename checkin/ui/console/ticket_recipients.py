"""Choosing whose tickets: everyone, a category, those not sent yet, those changed since
a moment, or one person by registration number.

The choice is plain data (``Selection``) so a worker thread can turn it into attendees
with its own connection (``Selection.people``), through the same core calls as the
command line (``tickets.select``, ``ticket_mail.not_sent``).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QDateTime, QEvent, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateTimeEdit,
    QGridLayout,
    QGroupBox,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from checkin.badges import ticket_mail, tickets
from checkin.event import settings as settings_mod
from checkin.event.files import EventFile
from checkin.models import Attendee
from checkin.ui import i18n

MODES = ("all", "category", "not_sent", "since", "one")


@dataclass(frozen=True)
class Selection:
    mode: str = "all"
    category: str = ""
    since_text: str = ""  # YYYY-MM-DD HH:MM in the event's time zone
    reg_no: str = ""

    def people(self, ef: EventFile) -> list[Attendee]:
        """The registered attendees chosen (InvalidInput for an unknown number)."""
        if self.mode == "category":
            return tickets.select(ef, [self.category])
        if self.mode == "since":
            tz = settings_mod.load(ef).timezone
            return tickets.select(ef, changed_since_ms=tickets.since_ms(self.since_text, tz))
        if self.mode == "one":
            return tickets.select(ef, reg_numbers=[self.reg_no])
        people = tickets.select(ef)
        return ticket_mail.not_sent(ef, people) if self.mode == "not_sent" else people


class RecipientChooser(QGroupBox):
    """Radio buttons for the modes, with their category, moment or number beside them."""

    changed = Signal()

    def __init__(
        self, cfg: settings_mod.EventSettings, modes: tuple[str, ...] = MODES,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.cfg = cfg
        self.modes = modes
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        grid = QGridLayout(self)
        for i, mode in enumerate(modes):
            button = QRadioButton()
            button.setObjectName(f"who_{mode}")
            self.group.addButton(button, i)
            self.buttons[mode] = button
            grid.addWidget(button, i, 0)
        self.category = QComboBox()
        self.category.setObjectName("whoCategory")
        for cat in cfg.categories:
            self.category.addItem("", cat.id)
        self.since = QDateTimeEdit(QDateTime.currentDateTime().addDays(-1))
        self.since.setObjectName("whoSince")
        self.since.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.since.setCalendarPopup(True)
        self.reg_no = QLineEdit()
        self.reg_no.setObjectName("whoReg")
        self.reg_no.setMaxLength(40)
        extras = {"category": self.category, "since": self.since, "one": self.reg_no}
        for mode, widget in extras.items():
            if mode in modes:
                grid.addWidget(widget, modes.index(mode), 1)
            else:
                widget.hide()
        self.buttons[modes[0]].setChecked(True)
        self.group.idToggled.connect(self._toggled)
        self.category.currentIndexChanged.connect(lambda _i: self._edited("category"))
        self.since.dateTimeChanged.connect(lambda _d: self._edited("since"))
        self.reg_no.textEdited.connect(lambda _t: self._edited("one"))
        self.retranslate()
        self._toggled(0, True)

    def mode(self) -> str:
        return self.modes[max(0, self.group.checkedId())]

    def set_mode(self, mode: str) -> None:
        self.buttons[mode].setChecked(True)

    def selection(self) -> Selection:
        return Selection(
            self.mode(),
            str(self.category.currentData() or ""),
            self.since.dateTime().toString("yyyy-MM-dd HH:mm"),
            self.reg_no.text().strip(),
        )

    def _toggled(self, _id: int, on: bool) -> None:
        if not on:
            return
        mode = self.mode()
        self.category.setEnabled(mode == "category")
        self.since.setEnabled(mode == "since")
        self.reg_no.setEnabled(mode == "one")
        self.changed.emit()

    def _edited(self, mode: str) -> None:
        if mode in self.buttons and not self.buttons[mode].isChecked():
            self.buttons[mode].setChecked(True)  # typing a number means "this person"
            return
        self.changed.emit()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        lang = i18n.current_language()
        self.setTitle(self.tr("Whose tickets"))
        texts = {
            "all": self.tr("Everyone registered"),
            "category": self.tr("One category"),
            "not_sent": self.tr("Only those not sent yet"),
            "since": self.tr("Added or changed since"),
            "one": self.tr("One person (registration number)"),
        }
        for mode, button in self.buttons.items():
            button.setText(texts[mode])
        for i, cat in enumerate(self.cfg.categories):
            self.category.setItemText(i, cat.label(lang))
        self.reg_no.setPlaceholderText(self.tr("e.g. DD-0042"))
