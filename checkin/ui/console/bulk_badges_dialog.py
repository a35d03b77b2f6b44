"""Print many badges at once: all attendees or a filtered set, to a PDF or a printer.

Self-contained: give it the event file spec. The organizer picks categories, "only
badges not printed yet", the order (name in Korean order, or registration number) and
the layout; a live count says how many badges and pages that makes. The work runs off
the UI thread (``run_op``) with a progress bar: a PDF is rendered on all cores, a
print job goes to the printer as the badge PDF where the print system takes it (CUPS),
else painted page by page. Badges are recorded as printed only when the print system
says the job completed (unless it is a proof copy); a rejected, stopped or failed
job shows a red panel and nothing is recorded.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from checkin import errors
from checkin.badges import printing
from checkin.badges import service as badges_mod
from checkin.badges.layouts import (
    DEFAULT_LAYOUT,
    LAYOUTS,
    compose,
    get_layout,
    monochrome,
    page_count,
)
from checkin.badges.layouts import paginate as paginate_badges
from checkin.clock import SYSTEM_CLOCK, Clock
from checkin.event import identity as event_mod
from checkin.event import settings as settings_mod
from checkin.event.files import EventFile
from checkin.protect import audit
from checkin.protect.access import Access
from checkin.ui import i18n
from checkin.ui.desk.badge_printer import BadgePrinterSettings, configure, send_job
from checkin.ui.desk.layout_picker import LayoutPicker
from checkin.ui.theme import Size, Style
from checkin.ui.widgets.error_dialog import show_error
from checkin.ui.widgets.reason_dialog import ReasonDialog
from checkin.ui.widgets.save_dialog import ask_save_path
from checkin.ui.worker import EventFileSpec, Operation, Progress, run_op

log = logging.getLogger(__name__)


class JobCancelled(Exception):
    """The organizer pressed Cancel."""


class BulkBadgesDialog(QDialog):
    """Filters, live count, Save PDF / Print with progress, recorded in the print log."""

    # Long because: builds its widgets, layouts and connections in screen order
    def __init__(
        self,
        spec: EventFileSpec,
        parent: QWidget | None = None,
        clock: Clock = SYSTEM_CLOCK,
        operator: str = "",
        settings: BadgePrinterSettings | None = None,
        service: printing.PrintService | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service or printing.print_service()
        self.print_timeout = printing.DEFAULT_TIMEOUT_S
        self.spec = spec
        self.clock = clock
        self.operator = operator
        self.ef = spec.open()
        self.cfg = settings_mod.load(self.ef)
        station = event_mod.info(self.ef).station
        self.store = settings or BadgePrinterSettings(station.station_id)
        self.printer: QPrinter = self.store.make_printer()
        self.task: Operation | None = None
        self.cancel_requested = False
        self.last_result: dict[str, Any] | None = None

        self.categories = QListWidget()
        for cat in self.cfg.categories:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, cat.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.categories.addItem(item)
        self.categories.setMaximumHeight(170)
        self.only_unprinted = QCheckBox()
        self.only_unprinted.setChecked(True)
        self.record = QCheckBox()
        self.record.setChecked(True)
        self.mono = QCheckBox()
        self.mono.setChecked(self.store.layout("mono", "") == "1")
        self.sort = QComboBox()
        self.sort.addItem("", "name")
        self.sort.addItem("", "reg")
        self.layout_picker = LayoutPicker()
        self.layout_box = self.layout_picker.combo
        self.layout_picker.set_key(self.store.layout("bulk", DEFAULT_LAYOUT))
        self.count_label = QLabel()
        font = self.count_label.font()
        font.setPointSizeF(font.pointSizeF() * Size.PREVIEW_SCALE)
        font.setBold(True)
        self.count_label.setFont(font)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.outcome_panel = QLabel()
        self.outcome_panel.setObjectName("print_outcome")
        self.outcome_panel.setWordWrap(True)
        self.outcome_panel.setVisible(False)
        self.save_button = QPushButton()
        self.print_button = QPushButton()
        self.cancel_button = QPushButton()
        self.cancel_button.setVisible(False)
        self.close_button = QPushButton()

        form = QFormLayout()
        self.categories_label = QLabel()
        self.sort_label = QLabel()
        self.layout_label = QLabel()
        form.addRow(self.categories_label, self.categories)
        form.addRow("", self.only_unprinted)
        form.addRow(self.sort_label, self.sort)
        form.addRow(self.layout_label, self.layout_picker)
        form.addRow("", self.mono)
        form.addRow("", self.record)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        root = QVBoxLayout(self)
        root.addLayout(form)
        root.addWidget(self.count_label)
        root.addWidget(self.progress)
        root.addWidget(self.outcome_panel)
        root.addWidget(self.status)
        root.addLayout(buttons)

        self.categories.itemChanged.connect(lambda _item: self.update_count())
        self.only_unprinted.toggled.connect(lambda _on: self.update_count())
        self.layout_picker.changed.connect(self._layout_changed)
        self.mono.toggled.connect(lambda on: self.store.set_layout("mono", "1" if on else ""))
        self.save_button.clicked.connect(self.choose_pdf)
        self.print_button.clicked.connect(self.choose_printer_and_print)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.reject)
        self._closed = False
        self.finished.connect(self._close_file)
        self.retranslate()

    def _close_file(self) -> None:
        self._closed = True  # a language switch before the dialog is deleted reads nothing
        self.ef.close()

    # -- selection --------------------------------------------------------------------

    def chosen_categories(self) -> list[str]:
        chosen = []
        for i in range(self.categories.count()):
            item = self.categories.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                chosen.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return chosen

    def layout_key(self) -> str:
        return self.layout_picker.key()

    def selection(self) -> dict[str, Any]:
        return {
            "categories": self.chosen_categories(),
            "only_unprinted": self.only_unprinted.isChecked(),
            "sort": str(self.sort.currentData()),
            "layout": self.layout_key(),
            "record": self.record.isChecked(),
        }

    def badge_count(self) -> int:
        cats = self.chosen_categories()
        if not cats:
            return 0
        return badges_mod.count_selected(self.ef, cats, self.only_unprinted.isChecked())

    def update_count(self) -> None:
        n = self.badge_count()
        pages = page_count(n, get_layout(self.layout_key()))
        self.count_label.setText(
            self.tr("%1 badges on %2 pages").replace("%1", f"{n:,}").replace("%2", f"{pages:,}")
        )
        busy = self.task is not None
        self.save_button.setEnabled(n > 0 and not busy)
        self.print_button.setEnabled(n > 0 and not busy)

    def _layout_changed(self) -> None:
        self.store.set_layout("bulk", self.layout_key())
        self.update_count()

    # -- text -------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and not self._closed:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        lang = i18n.current_language()
        self.setWindowTitle(self.tr("Print badges"))
        for i, cat in enumerate(self.cfg.categories):
            item = self.categories.item(i)
            self.categories.blockSignals(True)
            item.setText(f"{cat.label(lang)}  —  {cat.badge_label(lang)}")
            self.categories.blockSignals(False)
        self.categories_label.setText(self.tr("Categories"))
        self.only_unprinted.setText(self.tr("Only badges not printed yet"))
        self.record.setText(self.tr("Mark these badges as printed"))
        self.mono.setText(self.tr("Black and white (thermal label printer)"))
        self.sort_label.setText(self.tr("Order"))
        self.sort.setItemText(0, self.tr("By name (Korean order)"))
        self.sort.setItemText(1, self.tr("By registration number"))
        self.layout_label.setText(self.tr("Layout"))
        for i, key in enumerate(LAYOUTS):
            self.layout_box.setItemText(i, LAYOUTS[key].label(lang))
        self.save_button.setText(self.tr("Save PDF…"))
        self.print_button.setText(self.tr("Print…"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.close_button.setText(self.tr("Close"))
        self.update_count()

    # -- jobs -------------------------------------------------------------------------

    def choose_pdf(self) -> None:
        path = ask_save_path(
            self, self.tr("Save badges as PDF"), "badges.pdf", self.tr("PDF (*.pdf)")
        )
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            # all names with valid codes in one file: say why, like every export
            with self.spec.open() as ef:
                access = ReasonDialog.ask(self, Access.for_file(ef, require_reasons=True),
                                          self.tr("The badges PDF"))  # fmt: skip
            if access is None:
                return
            self.start_pdf(path, access.reason)

    def choose_printer_and_print(self) -> None:
        configure(self.printer, get_layout(self.layout_key()))
        dialog = QPrintDialog(self.printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.store.set_printer_name(self.printer.printerName())
        self.start_print(self.printer)

    def _check(self, progress: Any) -> Any:
        def report(done: int, total: int) -> None:
            if self.cancel_requested:
                raise JobCancelled()
            progress(done, total)

        return report

    def start_pdf(self, path: str, reason: str = "") -> Operation:
        sel = self.selection()
        clock, operator = self.clock, self.operator
        check = self._check

        def work(ef: EventFile, progress: Progress) -> dict[str, Any]:
            from checkin.badges.pdf import write_pdf

            cfg = settings_mod.load(ef)
            people = badges_mod.select(ef, sel["categories"], sel["only_unprinted"],
                                       sel["sort"])  # fmt: skip
            if not people:
                raise _nothing_to_print()
            data = badges_mod.badge_data(ef, people, cfg)
            result = write_pdf(data, badges_mod.style(cfg), sel["layout"], path,
                               check(progress))  # fmt: skip
            if sel["record"]:
                badges_mod.record_prints(ef, clock, data, sel["layout"], "pdf",
                                         operator=operator, export_reason=reason)  # fmt: skip
            else:  # a proof copy: still a file with names in it
                detail: dict[str, Any] = {"kind": "badges", "format": "pdf",
                                          "rows": result.badges}  # fmt: skip
                if reason:
                    detail["reason"] = reason
                audit.record(ef, clock, audit.EXPORT, detail=detail, operator=operator)
            return {"kind": "pdf", "path": path, "badges": result.badges,
                    "pages": result.pages, "seconds": result.seconds}  # fmt: skip

        return self._start(work, "bulk badges (PDF)")

    def start_print(self, printer: QPrinter) -> Operation:
        sel = self.selection()
        clock, operator = self.clock, self.operator
        check = self._check
        service, timeout = self.service, self.print_timeout
        mono, dpi = self.mono.isChecked(), printer.resolution()

        def work(ef: EventFile, progress: Progress) -> dict[str, Any]:
            from checkin.badges.pdf import write_pdf

            layout = get_layout(sel["layout"])
            if mono:
                layout = monochrome(layout, dpi)
            cfg = settings_mod.load(ef)
            people = badges_mod.select(ef, sel["categories"], sel["only_unprinted"],
                                       sel["sort"])  # fmt: skip
            if not people:
                raise _nothing_to_print()
            data = badges_mod.badge_data(ef, people, cfg)
            style = badges_mod.style(cfg)
            report = check(progress)
            total = len(data)
            pages = lambda: paginate_badges(  # noqa: E731
                (compose(b, style, layout) for b in data), layout
            )
            outcome = send_job(
                service, printer, layout, pages,
                lambda path: write_pdf(data, style, layout, path, report),
                printing.job_title([b.reg_no for b in data]),
                progress=lambda i, n: report(min(i * layout.per_page, total), total),
                timeout=timeout,
            )  # fmt: skip
            if outcome.printed and sel["record"]:
                badges_mod.record_prints(ef, clock, data, sel["layout"], "printer",
                                         operator=operator)  # fmt: skip
            return {"kind": "printer", "path": "", "badges": total,
                    "pages": page_count(total, layout), "outcome": outcome}  # fmt: skip

        return self._start(work, "bulk badges (printer)")

    def _start(self, work: Any, what: str) -> Operation:
        self.cancel_requested = False
        self.outcome_panel.setVisible(False)
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.cancel_button.setVisible(True)
        self.status.setText(self.tr("Preparing badges…"))
        self.task = run_op(self.spec, work, self._done, self._failed, self._progress, what=what)
        self.update_count()
        return self.task

    def cancel(self) -> None:
        self.cancel_requested = True
        self.status.setText(self.tr("Cancelling…"))

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.status.setText(
            self.tr("Rendering badge %1 of %2…").replace("%1", f"{done:,}")
            .replace("%2", f"{total:,}")
        )  # fmt: skip

    def _finish(self) -> None:
        self.task = None
        self.cancel_button.setVisible(False)
        self.progress.setVisible(False)
        self.update_count()

    def _done(self, result: dict[str, Any]) -> None:
        self.last_result = result
        self._finish()
        if result["kind"] == "pdf":
            text = self.tr("Saved %1 badges (%2 pages) to %3")
            self.status.setText(
                text.replace("%1", f"{result['badges']:,}").replace("%2", f"{result['pages']:,}")
                .replace("%3", os.fspath(result["path"]))
            )  # fmt: skip
        else:
            outcome: printing.PrintOutcome = result["outcome"]
            self._show_outcome(outcome)
            if outcome.confirmed:
                text = self.tr("Printed %1 badges (%2 pages).")
            elif outcome.printed:
                text = self.tr("Sent %1 badges (%2 pages) to the printer.")
            else:
                text = self.tr("Nothing was recorded as printed.")
            self.status.setText(
                text.replace("%1", f"{result['badges']:,}").replace("%2", f"{result['pages']:,}")
            )

    def _show_outcome(self, outcome: printing.PrintOutcome) -> None:
        """Amber when only sent (cannot be confirmed), red when not printed; a job that
        completed needs no panel (the status line says so)."""
        if outcome.confirmed:
            return
        lang = i18n.current_language()
        text = outcome.message(lang)
        if lang == "ko":
            text += "\n" + outcome.message("en")
        if outcome.printed:
            style = Style.OUTCOME_SENT
        else:
            style = Style.OUTCOME_FAILED
        self.outcome_panel.setStyleSheet(style + Style.OUTCOME_PANEL)
        self.outcome_panel.setText(text)
        self.outcome_panel.setVisible(True)

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        if isinstance(exc, JobCancelled):
            self.status.setText(self.tr("Cancelled. Nothing was recorded as printed."))
            return
        if isinstance(exc, errors.CheckinError):
            self.status.setText(exc.message(i18n.current_language()))
            return
        if isinstance(exc, OSError):
            self.status.setText(
                self.tr("Could not write the file: %1").replace("%1", exc.strerror or str(exc))
            )
            return
        self.status.setText(self.tr("Something went wrong. Nothing was recorded as printed."))
        show_error(self, exc)

    def done(self, result: int) -> None:
        if self.task is not None:  # let the job finish before closing its file
            self.cancel()
            return
        super().done(result)


def _nothing_to_print() -> errors.CheckinError:
    return errors.InvalidInput(
        "No badges to print: no registered attendee matches.",
        "인쇄할 명찰이 없습니다: 조건에 맞는 등록 참가자가 없습니다.",
        "selection",
    )
