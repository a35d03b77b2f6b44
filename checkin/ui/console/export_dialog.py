"""The export dialog: attendance as CSV, Excel or a printed PDF list, or the check-in
log; which fields (personal ones off until asked for, with a warning), and filters.

The export runs off the UI thread with its own connection (``EventFileSpec``). It needs
organizer access (``checkin.protect.access``): asked for with the PIN when the export starts,
if the event has a PIN and it was not entered recently.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from checkin.event import settings as settings_mod
from checkin.event.files import EventFile
from checkin.lists import exporter
from checkin.protect.access import Access
from checkin.ui import i18n
from checkin.ui.widgets.error_dialog import inline_error, show_error
from checkin.ui.widgets.pin_dialog import PinDialog
from checkin.ui.widgets.reason_dialog import ReasonDialog
from checkin.ui.widgets.save_dialog import ask_save_path
from checkin.ui.worker import EventFileSpec, Operation, Progress, run_op

log = logging.getLogger(__name__)

FORMAT_KEYS = ("csv", "xlsx", "pdf", "log")


class ExportDialog(QDialog):
    """Export attendance from the event file of ``spec``."""

    exported = Signal(object)  # ExportResult

    # Long because: builds its widgets, layouts and connections in screen order
    def __init__(
        self, spec: EventFileSpec, parent: QWidget | None = None, access: Access | None = None
    ) -> None:
        super().__init__(parent)
        self.spec = spec
        self.task: Operation | None = None
        self.result: exporter.ExportResult | None = None
        with spec.open() as ef:
            self.cfg = settings_mod.load(ef)
            self.access = (access if access is not None
                           else Access.for_file(ef, require_reasons=True))  # fmt: skip
        lang = i18n.current_language()

        self.format_box = QGroupBox()
        self.format_group = QButtonGroup(self)
        self.format_buttons: dict[str, QRadioButton] = {}
        fmt_row = QHBoxLayout(self.format_box)
        for i, key in enumerate(FORMAT_KEYS):
            button = QRadioButton()
            button.setObjectName(f"format_{key}")
            self.format_group.addButton(button, i)
            self.format_buttons[key] = button
            fmt_row.addWidget(button)
        self.format_buttons["xlsx"].setChecked(True)
        self.format_group.idToggled.connect(lambda _i, _c: self._update())

        self.fields_box = QGroupBox()
        grid = QGridLayout(self.fields_box)
        self.field_checks: dict[str, QCheckBox] = {}
        for i, name in enumerate(exporter.EXPORT_FIELDS):
            check = QCheckBox(exporter.field_label(name, lang))
            check.setObjectName(f"field_{name}")
            check.setChecked(name in exporter.DEFAULT_FIELDS)
            check.toggled.connect(lambda _c: self._update())
            self.field_checks[name] = check
            grid.addWidget(check, i // 4, i % 4)
        self.warning = inline_error("warning", hidden=False)
        grid.addWidget(self.warning, grid.rowCount(), 0, 1, 4)

        self.filter_box = QGroupBox()
        form = QFormLayout(self.filter_box)
        self.checked_in = QCheckBox()
        self.checked_in.setObjectName("checked_in")
        self.include_cancelled = QCheckBox()
        self.include_cancelled.setObjectName("include_cancelled")
        self.list_combo = QComboBox()
        self.list_combo.setObjectName("list")
        for li in self.cfg.lists:
            self.list_combo.addItem(li.label(lang), li.id)
        cats = QWidget()
        cat_grid = QGridLayout(cats)
        cat_grid.setContentsMargins(0, 0, 0, 0)
        self.category_checks: dict[str, QCheckBox] = {}
        for i, cat in enumerate(self.cfg.categories):
            check = QCheckBox(cat.label(lang))
            check.setObjectName(f"category_{cat.id}")
            check.setChecked(True)
            self.category_checks[cat.id] = check
            cat_grid.addWidget(check, i // 4, i % 4)
        self.header_lang = QComboBox()
        self.header_lang.setObjectName("header_lang")
        self.header_lang.addItem("한국어", "ko")
        self.header_lang.addItem("English", "en")
        self.header_lang.setCurrentIndex(0 if lang == "ko" else 1)
        self.checked_in_label = QLabel()
        self.cancelled_label = QLabel()
        self.list_label = QLabel()
        self.categories_label = QLabel()
        self.lang_label = QLabel()
        form.addRow(self.checked_in_label, self.checked_in)
        form.addRow(self.cancelled_label, self.include_cancelled)
        form.addRow(self.list_label, self.list_combo)
        form.addRow(self.categories_label, cats)
        form.addRow(self.lang_label, self.header_lang)

        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("path")
        self.browse = QPushButton()
        self.browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close
        )
        self.buttons.accepted.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)
        self.path_edit.textChanged.connect(lambda _t: self._update())

        layout = QVBoxLayout(self)
        layout.addWidget(self.format_box)
        layout.addWidget(self.fields_box)
        layout.addWidget(self.filter_box)
        layout.addLayout(path_row)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.retranslate()
        self._update()

    # -- language -------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Export attendance"))
        lang = i18n.current_language()
        for name, check in self.field_checks.items():
            check.setText(exporter.field_label(name, lang))
        for cat in self.cfg.categories:
            self.category_checks[cat.id].setText(cat.label(lang))
        self.format_box.setTitle(self.tr("Format"))
        self.format_buttons["csv"].setText(self.tr("CSV (Excel opens it)"))
        self.format_buttons["xlsx"].setText(self.tr("Excel workbook (.xlsx)"))
        self.format_buttons["pdf"].setText(self.tr("PDF list to print"))
        self.format_buttons["log"].setText(self.tr("Full check-in log"))
        self.fields_box.setTitle(self.tr("Fields (the fewest that serve are chosen)"))
        self.filter_box.setTitle(self.tr("Who"))
        self.checked_in_label.setText(self.tr("Only those who checked in"))
        self.cancelled_label.setText(self.tr("Include cancelled registrations"))
        self.list_label.setText(self.tr("Check-in list"))
        self.categories_label.setText(self.tr("Categories"))
        self.lang_label.setText(self.tr("Column headings in"))
        self.browse.setText(self.tr("Save as…"))
        self.path_edit.setPlaceholderText(self.tr("File to write"))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Export"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        self._update()

    # -- state ----------------------------------------------------------------------

    def format_key(self) -> str:
        return FORMAT_KEYS[max(0, self.format_group.checkedId())]

    def chosen_fields(self) -> tuple[str, ...]:
        return tuple(n for n in exporter.EXPORT_FIELDS if self.field_checks[n].isChecked())

    def options(self) -> exporter.ExportOptions:
        chosen = [c for c, check in self.category_checks.items() if check.isChecked()]
        return exporter.ExportOptions(
            fields=self.chosen_fields(),
            checked_in_only=self.checked_in.isChecked(),
            categories=() if len(chosen) == len(self.category_checks) else tuple(chosen),
            list_id=self.list_combo.currentData(),
            include_cancelled=self.include_cancelled.isChecked(),
            lang=self.header_lang.currentData(),
        )

    def _update(self) -> None:
        if not hasattr(self, "buttons"):
            return
        is_log = self.format_key() == "log"
        self.fields_box.setEnabled(not is_log)
        self.filter_box.setEnabled(not is_log)
        personal = [n for n in self.chosen_fields() if n in exporter.SENSITIVE_FIELDS]
        if is_log:
            self.warning.setText("")
        elif personal:
            lang = i18n.current_language()
            names = ", ".join(exporter.field_label(n, lang) for n in personal)
            self.warning.setText(
                self.tr(
                    "This export will contain personal data (%1). Many attendees have family "
                    "in the North: keep the file safe, share it only with those who need it, "
                    "and delete it when done."
                ).replace("%1", names)
            )
        else:
            self.warning.setText("")
        path = self.path_edit.text().strip()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(path) and (is_log or bool(self.chosen_fields())) and self.task is None)

    def _suffix(self) -> str:
        key = self.format_key()
        return "csv" if key == "log" else key

    def _browse(self) -> None:
        suffix = self._suffix()
        default = f"{self.cfg.date or 'event'}-{'checkins' if self.format_key() == 'log' else 'attendance'}.{suffix}"
        path = ask_save_path(self, self.tr("Export to"), default, f"*.{suffix}", suffix)
        if path:
            if not path.lower().endswith(f".{suffix}"):
                path += f".{suffix}"
            self.path_edit.setText(path)

    # -- work -----------------------------------------------------------------------

    def start_export(self) -> None:
        if self.task is not None:
            return
        path = self.path_edit.text().strip()
        if not path:
            return
        key = self.format_key()
        suffix = Path(path).suffix.lower().lstrip(".")
        fmt = "csv" if key == "log" and suffix != "xlsx" else ("xlsx" if key == "log" else key)
        opts = self.options()
        spec = self.spec
        with spec.open() as ef:
            if not PinDialog.ensure_organizer(self, ef, self.access):
                return
        access = ReasonDialog.ask(self, self.access, self.tr("This export"))
        if access is None:
            return
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.status.setText(self.tr("Exporting…"))

        def work(ef: EventFile, progress: Progress) -> exporter.ExportResult:
            if key == "log":
                return exporter.export_log(ef, path, fmt, opts.lang, None, progress, access=access)
            return exporter.export(ef, path, fmt, opts, progress, access=access)

        self.task = run_op(
            spec, work, self._done, self._failed, self._on_progress, what="an export"
        )
        self._update()

    def _on_progress(self, done: int, total: int) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _done(self, result: exporter.ExportResult) -> None:
        self.task = None
        self.result = result
        self.progress.setVisible(False)
        self.status.setText(
            self.tr("Wrote %1 rows to %2.")
            .replace("%1", str(result.rows))
            .replace("%2", result.path)
        )
        self._update()
        self.exported.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        self.progress.setVisible(False)
        self.status.setText("")
        self._update()
        show_error(self, exc)
