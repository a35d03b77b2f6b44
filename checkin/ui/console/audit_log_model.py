"""Table model of the audit log (newest first): time, station, operator, action, whom, what."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from checkin.door import messages
from checkin.protect import audit
from checkin.protect.audit import AuditEntry
from checkin.ui import i18n
from checkin.ui.theme import Color

COL_TIME = 0
COL_STATION = 1
COL_OPERATOR = 2
COL_ACTION = 3
COL_ATTENDEE = 4
COL_DETAIL = 5
COLUMNS = 6

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the AuditEntry of the row

Index = QModelIndex | QPersistentModelIndex


class AuditLogModel(QAbstractTableModel):
    def __init__(self, timezone: str = "Asia/Seoul", parent: Any = None) -> None:
        super().__init__(parent)
        self.timezone = timezone
        self._rows: list[AuditEntry] = []
        self._reg: dict[str, str] = {}

    def action_label(self, action: str) -> str:
        return {
            audit.EXPORT: self.tr("Export"),
            audit.SEARCH: self.tr("Search"),
            audit.VIEW: self.tr("Viewed details"),
            audit.EDIT: self.tr("Edited"),
            audit.PIN_SUCCESS: self.tr("PIN accepted"),
            audit.PIN_FAILURE: self.tr("Wrong PIN"),
            audit.PIN_LOCKOUT: self.tr("PIN entry locked"),
            audit.ALERT: self.tr("Alert: possible trawling"),
        }.get(action, action)

    def set_rows(self, rows: list[AuditEntry], reg_numbers: dict[str, str]) -> None:
        """Rows, and attendee id -> registration number (what the table shows)."""
        self.beginResetModel()
        self._rows = list(rows)
        self._reg = dict(reg_numbers)
        self.endResetModel()

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMNS - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, COLUMNS - 1))

    def row_at(self, row: int) -> AuditEntry | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

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
            COL_TIME: self.tr("Time"),
            COL_STATION: self.tr("Station"),
            COL_OPERATOR: self.tr("Operator"),
            COL_ACTION: self.tr("Action"),
            COL_ATTENDEE: self.tr("Attendee"),
            COL_DETAIL: self.tr("Detail"),
        }.get(section)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        if not (0 <= index.row() < len(self._rows) and 0 <= index.column() < COLUMNS):
            return None
        e = self._rows[index.row()]
        if role == ROW_ROLE:
            return e
        if role == Qt.ItemDataRole.ForegroundRole and e.action in (
            audit.PIN_FAILURE, audit.PIN_LOCKOUT
        ):  # fmt: skip
            return QColor(Color.ERROR)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        col = index.column()
        if col == COL_TIME:
            return messages.format_time(e.at_ms, self.timezone, with_date=True)
        if col == COL_STATION:
            return e.station_name
        if col == COL_OPERATOR:
            return e.operator
        if col == COL_ACTION:
            return self.action_label(e.action)
        if col == COL_ATTENDEE:
            return self._reg.get(e.attendee_id or "", e.attendee_id or "")
        return e.describe(i18n.current_language())
