"""The double-entry list: who was admitted twice at different doors, when and where."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from checkin.event import settings as settings_mod
from checkin.event.files import EventFile
from checkin.sync import report
from checkin.ui import i18n
from checkin.ui.console.double_entry_model import DoubleEntryModel


class DoubleEntryDialog(QDialog):
    def __init__(self, ef: EventFile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ef = ef
        self.settings = settings_mod.load(ef)
        self.model = DoubleEntryModel(self.settings.timezone, self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addWidget(self.buttons)
        self.resize(820, 420)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_rows(report.double_entries(self.ef))
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Double entries"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        lang = i18n.current_language()
        self.model.set_list_labels({li.id: li.label(lang) for li in self.settings.lists})
        count = self.model.rowCount()
        if count:
            self.summary.setText(
                self.tr(
                    "%1 people were admitted again at another door while the kiosks were "
                    "offline. Nobody is counted twice in the totals; check with the door "
                    "volunteers whether a badge was shared."
                ).replace("%1", str(count))
            )
        else:
            self.summary.setText(self.tr("No double entries."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
