"""Closing the event (organizer): two steps, so no one wipes the data by accident.

Step 1 explains what closing does and where the final report goes; step 2 asks the
organizer to type a word (종료 / close) before the red button works. Closing calls
``checkin.protect.retention.close_event`` on the open event file; ``result`` then holds what
it did. Self-contained: give it the event file and a clock.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from checkin import errors, paths
from checkin.clock import SYSTEM_CLOCK, Clock
from checkin.event.files import EventFile
from checkin.protect import retention
from checkin.protect.access import Access
from checkin.ui import i18n
from checkin.ui.theme import Size, Style
from checkin.ui.widgets import fonts
from checkin.ui.widgets.error_dialog import inline_error


def default_report_path(ef: EventFile) -> Path:
    folder = Path.home() / "Documents"
    if not folder.is_dir():
        folder = paths.data_dir()
    stem = ef.path.stem
    candidate = folder / f"{stem}-final-report.pdf"
    n = 2
    while candidate.exists():
        candidate = folder / f"{stem}-final-report-{n}.pdf"
        n += 1
    return candidate


class CloseEventDialog(QDialog):
    # Long because: builds its widgets, layouts and connections in screen order
    def __init__(
        self,
        ef: EventFile,
        clock: Clock = SYSTEM_CLOCK,
        parent: QWidget | None = None,
        operator: str = "",
        report_path: str | Path | None = None,
        access: Access | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("closeEventDialog")
        self.ef = ef
        self.clock = clock
        self.operator = operator
        self.access = access  # organizer access (the PIN); None: as the file's station allows
        self.result_: retention.CloseResult | None = None
        self.setFont(fonts.app_font(Size.BODY))
        self.pages = QStackedWidget()
        # step 1: what happens, where the report goes
        first = QWidget()
        self.explain = QLabel()
        self.explain.setObjectName("closeExplain")
        self.explain.setWordWrap(True)
        self.report_label = QLabel()
        self.report = QLineEdit(str(report_path or default_report_path(ef)))
        self.report.setObjectName("reportPath")
        self.browse = QPushButton()
        self.browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.report, 1)
        row.addWidget(self.browse)
        self.next = QPushButton()
        self.next.setObjectName("closeNext")
        self.next.clicked.connect(self.go_confirm)
        self.cancel1 = QPushButton()
        self.cancel1.clicked.connect(self.reject)
        buttons1 = QHBoxLayout()
        buttons1.addStretch(1)
        buttons1.addWidget(self.cancel1)
        buttons1.addWidget(self.next)
        lay1 = QVBoxLayout(first)
        lay1.addWidget(self.explain)
        lay1.addWidget(self.report_label)
        lay1.addLayout(row)
        lay1.addStretch(1)
        lay1.addLayout(buttons1)
        # step 2: type the word, then the red button
        second = QWidget()
        self.warning = QLabel()
        self.warning.setObjectName("closeWarning")
        self.warning.setWordWrap(True)
        self.warning.setFont(fonts.app_font(Size.EMPHASIS, True))
        self.warning.setStyleSheet(Style.ERROR_LINE)
        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        self.confirm = QLineEdit()
        self.confirm.setObjectName("closeConfirm")
        self.confirm.setMinimumHeight(44)
        self.confirm.textChanged.connect(self._typed)
        self.back = QPushButton()
        self.back.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        self.close_button = QPushButton()
        self.close_button.setObjectName("closeEventButton")
        self.close_button.setEnabled(False)
        self.close_button.setMinimumHeight(44)
        self.close_button.setFont(fonts.app_font(Size.BODY, True))
        self.close_button.setStyleSheet(Style.DESTRUCTIVE_BUTTON)
        self.close_button.clicked.connect(self.do_close)
        buttons2 = QHBoxLayout()
        buttons2.addWidget(self.back)
        buttons2.addStretch(1)
        buttons2.addWidget(self.close_button)
        lay2 = QVBoxLayout(second)
        lay2.addWidget(self.warning)
        lay2.addWidget(self.prompt)
        lay2.addWidget(self.confirm)
        lay2.addStretch(1)
        lay2.addLayout(buttons2)
        self.pages.addWidget(first)
        self.pages.addWidget(second)
        self.error = inline_error("closeError")
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        layout.addWidget(self.error)
        self.setMinimumSize(700, 460)
        self.retranslate()

    # -- text -------------------------------------------------------------------------

    def confirm_word(self) -> str:
        return self.tr("close")

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Close the event"))
        self.explain.setText(
            self.tr(
                "Closing the event protects the attendees after the day:\n"
                "1. The final report (counts by category, arrivals, stations) is saved "
                "where you choose below.\n"
                "2. Names, phone numbers, emails, organizations, notes and access needs are "
                "then wiped from this file for good, and from every other station at its "
                "next sync.\n"
                "Categories, registration numbers, check-in times and counts stay."
            )
        )
        self.report_label.setText(self.tr("Save the final report as"))
        self.browse.setText(self.tr("Choose…"))
        self.next.setText(self.tr("Next"))
        self.cancel1.setText(self.tr("Cancel"))
        self.warning.setText(
            self.tr(
                "This cannot be undone. After closing, no one can look up, register or "
                "print a badge for anyone by name. Make sure every export you need is done."
            )
        )
        self.prompt.setText(
            self.tr("Type %1 to confirm:").replace("%1", f"\u201c{self.confirm_word()}\u201d")
        )
        self.back.setText(self.tr("Back"))
        self.close_button.setText(self.tr("Close the event and wipe personal data"))
        metrics = self.close_button.fontMetrics()
        self.close_button.setMinimumWidth(metrics.horizontalAdvance(self.close_button.text()) + 48)
        self._typed(self.confirm.text())
        for label in (self.explain, self.warning):  # wrapped text: room for every line
            label.setMinimumHeight(label.heightForWidth(640))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- steps ------------------------------------------------------------------------

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the final report as"), self.report.text(),
            self.tr("PDF files (*.pdf)"),
        )  # fmt: skip
        if chosen:
            if not Path(chosen).suffix:
                chosen += ".pdf"
            self.report.setText(chosen)

    def _fail(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def go_confirm(self) -> None:
        target = Path(self.report.text().strip())
        if not self.report.text().strip():
            self._fail(self.tr("Choose where to save the final report."))
            return
        if not target.parent.is_dir():
            self._fail(self.tr("That folder does not exist."))
            return
        self.error.hide()
        self.confirm.clear()
        self.pages.setCurrentIndex(1)
        self.confirm.setFocus()

    def _typed(self, text: str) -> None:
        self.close_button.setEnabled(text.strip().lower() == self.confirm_word().lower())

    def do_close(self) -> None:
        if not self.close_button.isEnabled():
            return
        try:
            self.result_ = retention.close_event(
                self.ef, self.clock, self.report.text().strip(),
                lang=i18n.current_language(), operator=self.operator, access=self.access,
            )  # fmt: skip
        except errors.CheckinError as exc:
            self._fail(exc.message(i18n.current_language()))
            self.pages.setCurrentIndex(0)
            return
        self.accept()
