"""The import wizard: pick a file, check how it was read and which column is which,
see every problem with its row number, then import (all rows or none).

Reading, checking and importing run off the UI thread (``run_op``); each task opens
its own connection through the ``EventFileSpec``. Self-contained: the main window
opens it from its menu with ``ImportWizard(spec, parent).open()``.
"""

# Long because: the wizard's pages (file, mapping, problems, result) and their background tasks are
# one dialog sharing one plan
from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from checkin import errors
from checkin.clock import SYSTEM_CLOCK
from checkin.event import settings as settings_mod
from checkin.event.files import EventFile
from checkin.lists import importer
from checkin.lists.importer import ImportPlan, ImportResult, MappingOptions
from checkin.protect import consent
from checkin.ui import i18n
from checkin.ui.console.consent_declaration_box import ConsentDeclarationBox
from checkin.ui.theme import Color
from checkin.ui.widgets.error_dialog import show_error
from checkin.ui.worker import EventFileSpec, Operation, Progress, run_op

log = logging.getLogger(__name__)

PREVIEW_ROWS = 20
MAX_LISTED = 2000  # problems shown in the table (a broken file can have one per row)


def _lang() -> str:
    return i18n.current_language()


def _field_label(name: str) -> str:
    en, ko = importer.FIELD_LABELS[name]
    return ko if _lang() == "ko" else en


class FilePage(QWizardPage):
    """Step 1: the file (and, for a workbook, the sheet)."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("path")
        self.browse = QPushButton()
        self.browse.clicked.connect(self._browse)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.hint)
        layout.addStretch(1)
        self.path_edit.textChanged.connect(self.completeChanged)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Choose the registration list"))
        self.setSubTitle(
            self.tr("A CSV file or an Excel workbook (.xlsx), as your registration form gave it.")
        )
        self.browse.setText(self.tr("Browse…"))
        self.path_edit.setPlaceholderText(self.tr("File to import"))
        self.hint.setText(
            self.tr(
                "Korean Excel files (CP949), UTF-8 and UTF-16 text, Google Forms and pretix "
                "exports are recognized. Nothing is changed until the last step."
            )
        )

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Registration list"),
            "",
            self.tr("Spreadsheets (*.csv *.xlsx *.txt *.tsv);;All files (*)"),
        )
        if path:
            self.path_edit.setText(path)

    def isComplete(self) -> bool:
        return bool(self.path_edit.text().strip())

    def validatePage(self) -> bool:
        # Read and check in the background; the wizard moves on when it is done.
        if self.wiz.plan is not None and self.wiz.plan_path == self.path_edit.text().strip():
            return True
        self.wiz.start_planning(self.path_edit.text().strip(), MappingOptions())
        return False


class MappingPage(QWizardPage):
    """Step 2: how the file was read, a preview, and a field for every column."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.source = QLabel()
        self.source.setWordWrap(True)
        self.sheet_label = QLabel()
        self.sheet = QComboBox()
        self.sheet.setObjectName("sheet")
        self.columns = QTableWidget(0, 3)
        self.columns.setObjectName("columns")
        self.columns.verticalHeader().setVisible(False)
        self.columns.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.columns.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.preview = QTableWidget(0, 0)
        self.preview.setObjectName("preview")
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.recheck = QPushButton()
        self.recheck.setObjectName("recheck")
        self.recheck.clicked.connect(self._recheck)
        self.preview_label = QLabel()
        self.header_label = QLabel()
        self.header_row = QSpinBox()
        self.header_row.setObjectName("header_row")
        self.header_row.setRange(1, 1000)
        self.encoding_label = QLabel()
        self.encoding = QComboBox()
        self.encoding.setObjectName("encoding")
        self.encoding.setEditable(True)
        self.values_label = QLabel()
        self.values_label.setWordWrap(True)
        self.values = QTableWidget(0, 3)
        self.values.setObjectName("values")
        self.values.verticalHeader().setVisible(False)
        self.values.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.values.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.value_combos: dict[str, QComboBox] = {}
        top = QHBoxLayout()
        top.addWidget(self.source, 1)
        top.addWidget(self.sheet_label)
        top.addWidget(self.sheet)
        top.addWidget(self.encoding_label)
        top.addWidget(self.encoding)
        top.addWidget(self.header_label)
        top.addWidget(self.header_row)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.columns, 3)
        self.unmapped = QLabel()
        self.unmapped.setObjectName("unmapped")
        self.unmapped.setWordWrap(True)
        self.unmapped.setStyleSheet(f"color: {Color.WARNING_TEXT};")  # a warning, not an error
        self.unmapped.hide()
        layout.addWidget(self.unmapped)
        layout.addWidget(self.values_label)
        layout.addWidget(self.values, 1)
        # a file without consent columns: the organizer may declare what people agreed to
        self.declaration = ConsentDeclarationBox()
        self.declaration.changed.connect(self._mark_dirty)
        layout.addWidget(self.declaration)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.recheck)
        layout.addLayout(buttons)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.preview, 2)
        self.combos: list[QComboBox] = []
        self._dirty = False
        self.sheet.activated.connect(lambda _i: self._mark_dirty())
        self.header_row.valueChanged.connect(lambda _v: self._mark_dirty())
        self.encoding.activated.connect(lambda _i: self._mark_dirty())
        self.encoding.editTextChanged.connect(lambda _t: self._mark_dirty())
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Check the columns"))
        self.setSubTitle(
            self.tr(
                "Each column of the file goes into the field chosen here. Correct any that "
                "are wrong, or choose (ignore) to leave a column out."
            )
        )
        self.columns.setHorizontalHeaderLabels(
            [self.tr("Column"), self.tr("Example"), self.tr("Field")]
        )
        self.recheck.setText(self.tr("Check again with these columns"))
        self.preview_label.setText(self.tr("The first rows as read:"))
        self.sheet_label.setText(self.tr("Sheet:"))
        self.header_label.setText(self.tr("Header row:"))
        self.encoding_label.setText(self.tr("Encoding:"))
        self.values_label.setText(
            self.tr(
                "These values in the category column match no category of the event. "
                "Choose what each one means:"
            )
        )
        self.values.setHorizontalHeaderLabels(
            [self.tr("Value in the file"), self.tr("Rows"), self.tr("Category")]
        )
        if self.wiz.plan is not None:
            self._show_source(self.wiz.plan)

    def _show_source(self, plan: ImportPlan) -> None:
        t = plan.table
        if t.format == "xlsx":
            how = self.tr("Excel workbook, sheet %1").replace("%1", t.sheet)
        else:
            delim = {",": self.tr("comma"), "\t": self.tr("tab"), ";": self.tr("semicolon"),
                     "|": "|"}.get(t.delimiter, t.delimiter)  # fmt: skip
            how = (
                self.tr("Text file, encoding %1, separated by %2")
                .replace("%1", t.encoding)
                .replace("%2", delim)
            )
        self.source.setText(
            self.tr("%1 — header in row %2, %3 rows below it.")
            .replace("%1", how)
            .replace("%2", str(plan.header_row))
            .replace("%3", str(plan.data_rows))
        )

    def initializePage(self) -> None:
        plan = self.wiz.plan
        if plan is None:
            return
        self._show_source(plan)
        sheets = plan.table.sheets
        self.sheet.setVisible(bool(sheets))
        self.sheet_label.setVisible(bool(sheets))
        self.sheet.blockSignals(True)
        self.sheet.clear()
        self.sheet.addItems(sheets)
        if plan.table.sheet:
            self.sheet.setCurrentText(plan.table.sheet)
        self.sheet.blockSignals(False)
        is_text = plan.table.format == "csv"
        self.encoding.setVisible(is_text)
        self.encoding_label.setVisible(is_text)
        self.encoding.blockSignals(True)
        self.encoding.clear()
        self.encoding.addItems(["utf-8", "utf-8-sig", "cp949", "euc-kr", "utf-16"])
        self.encoding.setCurrentText(plan.table.encoding)
        self.encoding.blockSignals(False)
        self.header_row.blockSignals(True)
        self.header_row.setValue(plan.header_row)
        self.header_row.blockSignals(False)
        self._fill_values(plan)
        consent_columns = (importer.CONSENT_CONTACT, importer.CONSENT_SENSITIVE)
        self.declaration.setVisible(not any(c.field in consent_columns for c in plan.columns))
        preview = list(importer.iter_preview(plan, PREVIEW_ROWS))
        self.columns.setRowCount(len(plan.columns))
        self.combos = []
        choices = importer.field_choices()
        for r, col in enumerate(plan.columns):
            name = f"{col.letter}  {col.header}" if col.header else col.letter
            self.columns.setItem(r, 0, QTableWidgetItem(name))
            example = next((cells[col.index] for _, cells in preview if cells[col.index]), "")
            self.columns.setItem(r, 1, QTableWidgetItem(example[:60]))
            combo = QComboBox()
            combo.setObjectName(f"field_{col.index}")
            for value, en, ko in choices:
                combo.addItem(ko if _lang() == "ko" else en, value)
            combo.setCurrentIndex(max(0, combo.findData(col.field)))
            combo.activated.connect(lambda _i: self._mark_dirty())
            self.columns.setCellWidget(r, 2, combo)
            self.combos.append(combo)
        self._show_unmapped(plan)
        self.preview.clear()
        self.preview.setColumnCount(len(plan.headers))
        self.preview.setRowCount(len(preview))
        self.preview.setHorizontalHeaderLabels(
            [h or importer.column_letter(i) for i, h in enumerate(plan.headers)]
        )
        self.preview.setVerticalHeaderLabels([str(n) for n, _ in preview])
        for r, (_, cells) in enumerate(preview):
            for c, value in enumerate(cells[: len(plan.headers)]):
                self.preview.setItem(r, c, QTableWidgetItem(value[:200]))
        self.preview.resizeColumnsToContents()
        for c in range(self.preview.columnCount()):
            self.preview.setColumnWidth(c, min(self.preview.columnWidth(c), 240))
        self._dirty = False

    def _show_unmapped(self, plan: ImportPlan) -> None:
        """Name every column that will not be imported because nobody recognised it,
        with the closest field (e.g. "촬영" -> no photo)."""
        lines = []
        for col in plan.columns:
            if col.field or col.how == "user" or not col.note:
                continue
            name = col.header or col.letter
            if col.suggest:
                en, ko = importer.FIELD_LABELS[col.suggest]
                lines.append(
                    self.tr("Column “%1” will not be imported. Did you mean “%2”? Choose it above.")
                    .replace("%1", name)
                    .replace("%2", ko if _lang() == "ko" else en)
                )
            else:
                lines.append(
                    self.tr("Column “%1” will not be imported (not recognised).").replace(
                        "%1", name
                    )
                )
        self.unmapped.setText("\n".join(lines))
        self.unmapped.setVisible(bool(lines))

    def _fill_values(self, plan: ImportPlan) -> None:
        unknown = plan.unknown_categories
        self.values.setVisible(bool(unknown))
        self.values_label.setVisible(bool(unknown))
        self.values.setRowCount(len(unknown))
        self.value_combos = {}
        lang = _lang()
        with self.wiz.spec.open() as ef:
            categories = settings_mod.load(ef).categories
        for r, (value, rows) in enumerate(sorted(unknown.items())):
            self.values.setItem(r, 0, QTableWidgetItem(value))
            shown = ", ".join(str(n) for n in rows[:8]) + (" …" if len(rows) > 8 else "")
            self.values.setItem(r, 1, QTableWidgetItem(shown))
            combo = QComboBox()
            combo.setObjectName(f"value_{r}")
            combo.addItem(self.tr("(choose)"), "")
            for cat in categories:
                combo.addItem(cat.label(lang), cat.id)
            combo.activated.connect(lambda _i: self._mark_dirty())
            self.values.setCellWidget(r, 2, combo)
            self.value_combos[value] = combo

    def _mark_dirty(self) -> None:
        self._dirty = True

    def mapping_options(self) -> MappingOptions:
        plan = self.wiz.plan
        assert plan is not None
        values = {f: dict(m) for f, m in plan.options.values.items()}
        for value, combo in self.value_combos.items():
            if combo.currentData():
                values.setdefault("category", {})[value] = combo.currentData()
        encoding = self.encoding.currentText().strip() if plan.table.format == "csv" else ""
        opts = MappingOptions(
            columns={},
            values=values,
            sheet=self.sheet.currentText() or None,
            encoding=encoding
            if encoding and encoding != plan.table.encoding
            else plan.options.encoding,
            delimiter=plan.options.delimiter,
            header_row=None,
            # raises InvalidInput when ticked without a version or a basis (_recheck)
            consent_declared=None
            if self.declaration.isHidden()
            else self.declaration.declaration(),
        )
        for col, combo in zip(plan.columns, self.combos, strict=True):
            chosen = combo.currentData()
            if chosen != col.field or col.how == "user":
                opts.columns[col.letter] = chosen
        if (opts.sheet or "") != (plan.table.sheet or ""):
            opts.columns = {}  # another sheet: its own columns and header
        elif self.header_row.value() != plan.header_row:
            opts.columns = {}  # another header row: other column names
            opts.header_row = self.header_row.value()
        else:
            opts.header_row = plan.header_row
        return opts

    def _recheck(self) -> None:
        try:
            options = self.mapping_options()
        except errors.InvalidInput as exc:
            self.declaration.show_error(exc.message(_lang()))
            return
        self.wiz.start_planning(self.wiz.plan_path, options)

    def validatePage(self) -> bool:
        if self._dirty:
            self._recheck()
            return False
        return True


class CheckPage(QWizardPage):
    """Step 3: what will happen, and every problem with its row number."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.issues = QTableWidget(0, 4)
        self.issues.setObjectName("issues")
        self.issues.verticalHeader().setVisible(False)
        self.issues.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.issues.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.issues, 1)
        self.setCommitPage(True)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Check the result"))
        self.issues.setHorizontalHeaderLabels(
            [self.tr("Row"), self.tr("Kind"), self.tr("Column"), self.tr("Problem")]
        )
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Import"))
        if self.wiz.plan is not None:
            self.initializePage()

    def initializePage(self) -> None:
        plan = self.wiz.plan
        if plan is None:
            return
        s = plan.summary()
        text = (
            self.tr(
                "%1 new attendees, %2 to update, %3 already up to date, %4 duplicate rows skipped."
            )
            .replace("%1", str(s["new"]))
            .replace("%2", str(s["updated"]))
            .replace("%3", str(s["unchanged"]))
            .replace("%4", str(s["skipped_duplicates"]))
        )
        if s["consent_declared"]:
            names = [consent.ITEM_NAMES[item][1 if _lang() == "ko" else 0]
                     for item in s["consent_declared"]]  # fmt: skip
            text += " " + self.tr(
                "Consent declared by you for every row: %1 (each answer recorded as your "
                "declaration, and the import in the audit log)."
            ).replace("%1", ", ".join(names))
        if s["optional_fields_dropped"]:  # PIPA: no optional field without its consent
            text += " " + self.tr(
                "%1 rows have no consent answers for the optional fields they fill: only "
                "what entry needs is kept of them (their other fields are left out; add "
                "consent columns to the file to keep them)."
            ).replace("%1", str(s["optional_fields_dropped"]))
        if plan.ok:
            self.setSubTitle(self.tr("Ready to import. Warnings do not stop the import."))
        else:
            self.setSubTitle(
                self.tr(
                    "%1 problem(s) must be fixed in the file first (or with the columns). "
                    "Nothing will be imported until then."
                ).replace("%1", str(len(plan.errors)))
            )
        shown = plan.issues[:MAX_LISTED]
        if len(plan.issues) > MAX_LISTED:
            text += " " + self.tr("The first %1 problems are listed.").replace(
                "%1", str(MAX_LISTED)
            )
        self.summary.setText(text)
        self.issues.setRowCount(len(shown))
        lang = _lang()
        for r, issue in enumerate(shown):
            kind = self.tr("Error") if issue.severity == "error" else self.tr("Warning")
            cells = [str(issue.row) if issue.row else "", kind, issue.column, issue.message(lang)]
            for c, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if issue.severity == "error":
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.issues.setItem(r, c, item)
        self.issues.resizeColumnsToContents()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.wiz.plan is not None and self.wiz.plan.ok and not self.wiz.busy

    def validatePage(self) -> bool:
        if self.wiz.result is not None:
            return True
        self.wiz.start_import()
        return False


class DonePage(QWizardPage):
    """Step 4: what was imported."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.message = QLabel()
        self.message.setObjectName("done_message")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.setFinalPage(True)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Imported"))
        if self.wiz.result is not None:
            self.initializePage()

    def initializePage(self) -> None:
        r = self.wiz.result
        if r is None:
            return
        text = (
            self.tr("%1 attendees added, %2 updated, %3 unchanged, %4 duplicate rows skipped.")
            .replace("%1", str(r.added))
            .replace("%2", str(r.updated))
            .replace("%3", str(r.unchanged))
            .replace("%4", str(r.skipped))
        )
        if r.reg_numbers:
            text += " " + self.tr("New registration numbers: %1 to %2.").replace(
                "%1", r.reg_numbers[0]
            ).replace("%2", r.reg_numbers[1])
        self.message.setText(text)


class ImportWizard(QWizard):
    """Import a pre-registration list into the event file of ``spec``."""

    imported = Signal(object)  # ImportResult, when the import is written

    def __init__(self, spec: EventFileSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.plan: ImportPlan | None = None
        self.plan_path = ""
        self.result: ImportResult | None = None
        self.busy = False
        self.task: Operation | None = None
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.resize(1000, 720)
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.check_page = CheckPage(self)
        self.done_page = DonePage(self)
        for page in (self.file_page, self.mapping_page, self.check_page, self.done_page):
            self.addPage(page)
        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setObjectName("status")
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.status, 1)
        row.addWidget(self.progress, 1)
        self._status_box = box
        self.file_page.layout().addWidget(box)
        self.currentIdChanged.connect(self._move_status)
        self.retranslate()

    # -- language -------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import registrations"))
        for which, text in (
            (QWizard.WizardButton.BackButton, self.tr("< Back")),
            (QWizard.WizardButton.NextButton, self.tr("Next >")),
            (QWizard.WizardButton.CancelButton, self.tr("Cancel")),
            (QWizard.WizardButton.FinishButton, self.tr("Finish")),
        ):
            self.setButtonText(which, text)
        for page in (self.file_page, self.mapping_page, self.check_page, self.done_page):
            page.retranslate()

    def _move_status(self, _id: int) -> None:
        page = self.currentPage()
        if page is not None and page is not self.done_page:
            page.layout().addWidget(self._status_box)

    # -- background work ------------------------------------------------------------

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.busy = busy
        self.progress.setVisible(busy)
        self.progress.setRange(0, 0)
        self.status.setText(text)
        for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.CommitButton,
                      QWizard.WizardButton.BackButton, QWizard.WizardButton.CancelButton):  # fmt: skip
            button = self.button(which)
            if button is not None:
                button.setEnabled(not busy)
        if not busy:
            page = self.currentPage()
            if page is not None:
                page.completeChanged.emit()

    def reject(self) -> None:
        if self.busy:
            return  # an import in progress finishes (all or nothing) before closing
        super().reject()

    def _on_progress(self, done: int, total: int) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def start_planning(self, path: str, options: MappingOptions) -> None:
        if self.busy:
            return
        self._set_busy(True, self.tr("Reading and checking the file…"))

        def work(ef: EventFile, progress: Progress) -> ImportPlan:
            return importer.plan_import(ef, path, options, progress)

        self.task = run_op(self.spec, work, self._planned, self._failed, self._on_progress,
                           what="reading an import")  # fmt: skip
        self.plan_path = path

    def _planned(self, plan: ImportPlan) -> None:
        self.plan = plan
        self._set_busy(False)
        if self.currentPage() is self.file_page:
            self.next()
        elif self.currentPage() is self.mapping_page:
            self.mapping_page.initializePage()
            self.next()

    def start_import(self) -> None:
        if self.busy or self.plan is None:
            return
        self._set_busy(True, self.tr("Importing… (all rows or none)"))
        plan = self.plan

        def work(ef: EventFile, progress: Progress) -> ImportResult:
            return importer.apply_plan(ef, SYSTEM_CLOCK, plan, progress=progress)

        self.task = run_op(self.spec, work, self._imported, self._failed, self._on_progress,
                           what="an import")  # fmt: skip

    def _imported(self, result: ImportResult) -> None:
        self.result = result
        self._set_busy(False)
        self.imported.emit(result)
        self.next()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, importer.ImportRejected):
            # The event changed meanwhile and new problems appeared: show them.
            self.plan = exc.plan
            self.check_page.initializePage()
            return
        show_error(self, exc)
