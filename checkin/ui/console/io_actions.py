"""Menu actions for lists in and out, ready for the main window to put in its menus:
import wizard, export dialog, summary report, paper door list, paper ticks.

``IoActions(spec, parent, access).actions()`` gives the QActions; the report and the door
list are written off the UI thread with a busy indicator, then the file's place is
shown. Exports, the report and the door list need organizer access (``checkin.protect.access``):
the PIN is asked for first when the event has one and it was not entered recently.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from checkin.event import settings as settings_mod
from checkin.event.files import EventFile
from checkin.lists import paper, report
from checkin.protect.access import Access
from checkin.ui import i18n
from checkin.ui.console.export_dialog import ExportDialog
from checkin.ui.console.import_wizard import ImportWizard
from checkin.ui.console.paper_ticks_dialog import PaperTicksDialog
from checkin.ui.widgets.error_dialog import show_error
from checkin.ui.widgets.pin_dialog import PinDialog
from checkin.ui.widgets.reason_dialog import ReasonDialog
from checkin.ui.widgets.save_dialog import ask_save_path
from checkin.ui.worker import EventFileSpec, Operation, Progress, run_op

log = logging.getLogger(__name__)


class IoActions(QObject):
    """Import, export, report, door list and paper ticks for one event file."""

    written = Signal(str)  # a report or door list was saved at this path
    changed = Signal()  # attendees or check-ins changed (import, paper ticks)

    def __init__(self, spec: EventFileSpec, parent: QWidget, access: Access | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        if access is None:
            with spec.open() as ef:
                access = Access.for_file(ef, require_reasons=True)
        self.access = access
        self.parent_widget = parent
        self.task: Operation | None = None
        self.progress: QProgressDialog | None = None
        self.import_action = QAction(parent)
        self.export_action = QAction(parent)
        self.report_action = QAction(parent)
        self.door_list_action = QAction(parent)
        self.ticks_action = QAction(parent)
        self.import_action.triggered.connect(self.open_import)
        self.export_action.triggered.connect(self.open_export)
        self.report_action.triggered.connect(lambda: self.write_report())
        self.door_list_action.triggered.connect(lambda: self.write_door_list())
        self.ticks_action.triggered.connect(self.open_ticks)
        parent.installEventFilter(self)
        self.retranslate()

    def actions(self) -> list[QAction]:
        return [self.import_action, self.export_action, self.report_action,
                self.door_list_action, self.ticks_action]  # fmt: skip

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parent_widget and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def retranslate(self) -> None:
        self.import_action.setText(self.tr("Import registrations…"))
        self.export_action.setText(self.tr("Export attendance…"))
        self.report_action.setText(self.tr("Summary report (PDF)…"))
        self.door_list_action.setText(self.tr("Print paper door list (PDF)…"))
        self.ticks_action.setText(self.tr("Enter ticks from the paper list…"))

    # -- dialogs --------------------------------------------------------------------

    def open_import(self) -> ImportWizard:
        wizard = ImportWizard(self.spec, self.parent_widget)
        wizard.imported.connect(lambda _r: self.changed.emit())
        wizard.open()
        return wizard

    def _organizer(self) -> bool:
        with self.spec.open() as ef:
            return PinDialog.ensure_organizer(self.parent_widget, ef, self.access)

    def open_export(self) -> ExportDialog | None:
        if not self._organizer():
            return None
        dialog = ExportDialog(self.spec, self.parent_widget, self.access)
        dialog.open()
        return dialog

    def open_ticks(self) -> PaperTicksDialog:
        dialog = PaperTicksDialog(self.spec, self.parent_widget)
        dialog.recorded.connect(lambda _o: self.changed.emit())
        dialog.open()
        return dialog

    # -- PDFs -----------------------------------------------------------------------

    def _ask_path(self, title: str, default: str) -> str:
        path = ask_save_path(self.parent_widget, title, default, "PDF (*.pdf)")
        if path and not path.lower().endswith(".pdf"):
            path += ".pdf"
        return path

    def _event_date(self) -> str:
        with self.spec.open() as ef:
            return settings_mod.load(ef).date or "event"

    def write_report(self, path: str | None = None) -> Operation | None:
        path = path or self._ask_path(self.tr("Save the summary report"),
                                      f"{self._event_date()}-report.pdf")  # fmt: skip
        if not path or not self._organizer():
            return None
        access = ReasonDialog.ask(self.parent_widget, self.access, self.tr("The summary report"))
        if access is None:
            return None
        lang = i18n.current_language()

        def work(ef: EventFile, _progress: Progress) -> str:
            report.write_report(ef, path, lang=lang, access=access)
            return path

        return self._run(work, self.tr("Writing the summary report…"), "the summary report")

    def write_door_list(self, path: str | None = None) -> Operation | None:
        path = path or self._ask_path(self.tr("Save the paper door list"),
                                      f"{self._event_date()}-door-list.pdf")  # fmt: skip
        if not path or not self._organizer():
            return None
        access = ReasonDialog.ask(self.parent_widget, self.access, self.tr("The paper door list"))
        if access is None:
            return None
        lang = i18n.current_language()

        def work(ef: EventFile, _progress: Progress) -> str:
            paper.write_door_list(ef, path, lang=lang, access=access)
            return path

        return self._run(work, self.tr("Writing the door list…"), "the door list")

    def _run(self, work: Any, label: str, what: str) -> Operation | None:
        if self.task is not None:
            return None
        self.progress = QProgressDialog(label, "", 0, 0, self.parent_widget)
        self.progress.setCancelButton(None)
        self.progress.setMinimumDuration(300)
        self.task = run_op(self.spec, work, self._done, self._failed, what=what)
        return self.task

    def _close_progress(self) -> None:
        self.task = None
        if self.progress is not None:
            self.progress.reset()
            self.progress.deleteLater()
            self.progress = None

    def _done(self, path: str) -> None:
        self._close_progress()
        self.written.emit(path)
        QMessageBox.information(
            self.parent_widget, "checkin", self.tr("Saved: %1").replace("%1", path)
        )

    def _failed(self, exc: BaseException) -> None:
        self._close_progress()
        show_error(self.parent_widget, exc)
