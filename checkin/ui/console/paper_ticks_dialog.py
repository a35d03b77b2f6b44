"""Entering the ticks of a paper door list back, after the power or a laptop failed.

The volunteer types (or scans) the registration numbers that were ticked, one per
line, each optionally with the time written next to it (``DD-0042 10:15``). They are
recorded as check-ins with method ``paper``; entering the same list twice records
nothing new. If any number is unknown, nothing is recorded and the lines are listed.
"""

from __future__ import annotations

import logging
import re

from PySide6.QtCore import QEvent, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from checkin.event import settings as settings_mod
from checkin.event.files import EventFile
from checkin.lists import paper
from checkin.ui import i18n
from checkin.ui.widgets.error_dialog import show_error
from checkin.ui.worker import EventFileSpec, Operation, Progress, run_op

log = logging.getLogger(__name__)

_LINE = re.compile(r"^\s*(\S+?)(?:\s*[@=\s]\s*(\d{1,2}[:.]\d{2}))?\s*$")


def parse_lines(text: str) -> list[paper.Tick]:
    """One tick per line (or comma-separated): ``DD-0042``, ``DD-0042 10:15``."""
    ticks = []
    for raw in re.split(r"[\n,;]+", text):
        if not raw.strip():
            continue
        m = _LINE.match(raw)
        if m:
            ticks.append(paper.Tick(m.group(1), (m.group(2) or "").replace(".", ":")))
        else:
            ticks.append(paper.Tick(raw.strip(), ""))
    return ticks


class PaperTicksDialog(QDialog):
    recorded = Signal(object)  # list[TickOutcome]

    def __init__(self, spec: EventFileSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.task: Operation | None = None
        self.outcomes: list[paper.TickOutcome] = []
        with spec.open() as ef:
            cfg = settings_mod.load(ef)
        lang = i18n.current_language()
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setObjectName("ticks")
        self.use_time = QCheckBox()
        self.use_time.setObjectName("use_time")
        self.time = QTimeEdit(QTime(10, 0))
        self.time.setObjectName("time")
        self.time.setDisplayFormat("HH:mm")
        self.time.setEnabled(False)
        self.use_time.toggled.connect(self.time.setEnabled)
        self.list_combo = QComboBox()
        self.list_combo.setObjectName("list")
        for li in cfg.lists:
            self.list_combo.addItem(li.label(lang), li.id)
        self.station = QLineEdit()
        self.station.setObjectName("station")
        self.operator = QLineEdit()
        self.operator.setObjectName("operator")
        self.operator.setMaxLength(40)
        self.time_label = QLabel()
        self.list_label = QLabel()
        self.station_label = QLabel()
        self.operator_label = QLabel()
        form = QFormLayout()
        form.addRow(self.time_label, self.use_time)
        form.addRow("", self.time)
        form.addRow(self.list_label, self.list_combo)
        form.addRow(self.station_label, self.station)
        form.addRow(self.operator_label, self.operator)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close
        )
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.text, 1)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(520, 560)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Enter ticks from the paper list"))
        self.intro.setText(
            self.tr(
                "Type or scan the registration numbers ticked on the paper door list, one per "
                "line. Add the time written next to a name if there is one (DD-0042 10:15). "
                "Numbers already recorded are skipped, so entering a list twice is safe."
            )
        )
        self.text.setPlaceholderText("DD-0042 10:15\nDD-0107\n…")
        self.time_label.setText(self.tr("Time for lines without one"))
        self.use_time.setText(self.tr("Use this time (otherwise: now)"))
        self.list_label.setText(self.tr("Check-in list"))
        self.station_label.setText(self.tr("Station recorded"))
        self.station.setPlaceholderText(self.tr("e.g. paper list, door 2"))
        self.operator_label.setText(self.tr("Entered by (initials)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Record"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))

    def start(self) -> None:
        if self.task is not None:
            return
        ticks = parse_lines(self.text.toPlainText())
        if not ticks:
            self.status.setText(self.tr("Type at least one registration number."))
            return
        default_at = self.time.time().toString("HH:mm") if self.use_time.isChecked() else ""
        list_id = self.list_combo.currentData()
        station = self.station.text().strip() or None
        operator = self.operator.text().strip()
        spec = self.spec
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)

        def work(ef: EventFile, _progress: Progress) -> list[paper.TickOutcome]:
            return paper.record_ticks(ef, ticks, default_at, list_id, station, operator)

        self.task = run_op(spec, work, self._done, self._failed, what="recording paper ticks")

    def _finish(self) -> None:
        self.task = None
        self.progress.setVisible(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)

    def _done(self, outcomes: list[paper.TickOutcome]) -> None:
        self._finish()
        self.outcomes = outcomes
        recorded = sum(o.outcome == "recorded" for o in outcomes)
        already = [o.reg_no for o in outcomes if o.outcome == "already"]
        text = self.tr("Recorded %1 check-in(s).").replace("%1", str(recorded))
        if already:
            text += " " + self.tr("Already recorded: %1.").replace("%1", ", ".join(already))
        self.status.setText(text)
        self.recorded.emit(outcomes)

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        if isinstance(exc, paper.TicksRejected):
            lang = i18n.current_language()
            lines = [f"{ref}: {ko if lang == 'ko' else en}" for ref, en, ko in exc.problems]
            self.status.setText(
                self.tr("Nothing was recorded. Fix these lines first:") + "\n" + "\n".join(lines)
            )
            return
        show_error(self, exc)
