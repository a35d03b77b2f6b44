"""Table model of double entries (people admitted twice at different doors offline)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from checkin.door import messages
from checkin.sync.report import DoubleEntry

COL_REG_NO = 0
COL_NAME = 1
COL_LIST = 2
COL_FIRST = 3
COL_SECOND = 4
COLUMNS = 5

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the DoubleEntry of the row

Index = QModelIndex | QPersistentModelIndex


class DoubleEntryModel(QAbstractTableModel):
    def __init__(self, timezone: str = "Asia/Seoul", parent: Any = None) -> None:
        super().__init__(parent)
        self.timezone = timezone
        self._rows: list[DoubleEntry] = []
        self._list_labels: dict[str, str] = {}

    def set_list_labels(self, labels: dict[str, str]) -> None:
        """Check-in list ids -> names in the current language."""
        self._list_labels = dict(labels)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, COL_LIST), self.index(len(self._rows) - 1, COL_LIST)
            )

    def set_rows(self, rows: list[DoubleEntry]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            COL_REG_NO: self.tr("Number"),
            COL_NAME: self.tr("Name"),
            COL_LIST: self.tr("List"),
            COL_FIRST: self.tr("First admitted"),
            COL_SECOND: self.tr("Admitted again"),
        }.get(section)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            col = index.column()
            if col == COL_REG_NO:
                return row.reg_no
            if col == COL_NAME:
                return row.display_name or self.tr("(not synced yet)")
            if col == COL_LIST:
                return self._list_labels.get(row.list, row.list)
            admission = row.first if col == COL_FIRST else row.second
            when = messages.format_time(admission.at_ms, self.timezone)
            return f"{when}  {admission.station_name}"
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (COL_FIRST, COL_SECOND):
            admission = row.first if index.column() == COL_FIRST else row.second
            return messages.format_time(admission.at_ms, self.timezone, with_date=True)
        return None
