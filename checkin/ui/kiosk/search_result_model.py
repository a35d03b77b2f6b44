"""Table model for name-search results: display name, category, organization, status."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from checkin.door import stats
from checkin.models import Attendee
from checkin.ui import i18n
from checkin.ui.session import EventSession
from checkin.ui.theme import Color

COL_NAME, COL_CATEGORY, COL_ORGANIZATION, COL_REG_NO, COL_STATUS, COL_ACTION = range(6)
COLUMN_COUNT = 6
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # hands back the SearchRow


@dataclass(frozen=True, slots=True)
class SearchRow:
    attendee: Attendee
    inside: bool
    last_in_at: int | None
    last_in_station: str


def rows_for(session: EventSession, attendees: list[Attendee]) -> list[SearchRow]:
    """Attach each attendee's state on the station's check-in list."""
    if not attendees:
        return []
    state = stats.presence(session.ef, session.list_id, [a.id for a in attendees])
    rows = []
    for a in attendees:
        p = state.get(a.id, stats.NOWHERE)
        rows.append(SearchRow(a, p.inside, p.last_in_at, p.last_in_station))
    return rows


Index = QModelIndex | QPersistentModelIndex


class SearchResultModel(QAbstractTableModel):
    def __init__(self, session: EventSession, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.session = session
        self._rows: list[SearchRow] = []

    def set_rows(self, rows: list[SearchRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> SearchRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def retranslate(self) -> None:
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, COLUMN_COUNT - 1)
            )
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)

    # -- Qt model API ---------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # fmt: skip
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            COL_NAME: self.tr("Name"),
            COL_CATEGORY: self.tr("Category"),
            COL_ORGANIZATION: self.tr("Organization"),
            COL_REG_NO: self.tr("Reg. no."),
            COL_STATUS: self.tr("Status"),
            COL_ACTION: "",
        }.get(section)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        a = row.attendee
        col = index.column()
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_NAME:
                return a.display_name
            if col == COL_CATEGORY:
                return self.session.category_label(a.category, i18n.current_language())
            if col == COL_ORGANIZATION:
                return a.organization
            if col == COL_REG_NO:
                return a.reg_no
            if col == COL_STATUS:
                return self._status_text(row)
            if col == COL_ACTION:
                return self.tr("Check in")
            return None
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_STATUS:
            if a.cancelled:
                return QColor(Color.ERROR)
            return QColor(Color.ADMITTED) if row.inside else QColor(Color.INK_SOFT)
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_ACTION:
            return self.tr("Check this person in (Enter)")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def _status_text(self, row: SearchRow) -> str:
        if row.attendee.cancelled:
            return self.tr("Cancelled")
        if row.inside and row.last_in_at:
            moment = dt.datetime.fromtimestamp(
                row.last_in_at / 1000, ZoneInfo(self.session.settings.timezone)
            )
            return self.tr("In since %1").replace("%1", moment.strftime("%H:%M"))
        if row.inside:
            return self.tr("Inside")
        if row.last_in_at:
            return self.tr("Went out")
        return self.tr("Not yet")
