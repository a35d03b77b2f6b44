"""Table model for the organizer's attendee list: a window over 100,000 attendees.

The model holds the ordered row ids of the current selection
(``checkin.people.attendee_query``), so ``rowCount`` is the true number of matches and the
scroll bar is honest, but it reads attendee rows only for the pages the view paints
(``PAGE_ROWS`` at a time) and keeps a few of them (``MAX_PAGES``). Sorting re-runs the
query with another sort key (the page builds every column's order ahead, ``warm``); ``refresh`` re-runs it after check-ins or edits and keeps
the rows in place when the order did not change.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from checkin.door import messages
from checkin.people.attendee_query import (
    AttendeeFilter,
    AttendeeQuery,
    AttendeeRow,
    AttendeeSelection,
)
from checkin.protect import masking
from checkin.ui import i18n
from checkin.ui.session import EventSession
from checkin.ui.theme import Color

(COL_REG_NO, COL_NAME, COL_FULL_NAME, COL_CATEGORY, COL_ORGANIZATION, COL_STATUS,
 COL_CHECKED_IN, COL_STATION, COL_PHONE, COL_EMAIL, COL_LANGUAGE, COL_NO_PHOTO,
 COL_ACCESS) = range(13)  # fmt: skip
COLUMN_COUNT = 13
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # hands back the AttendeeRow (None if not loaded)
ID_ROLE = Qt.ItemDataRole.UserRole + 2  # the attendee id
SORT_OF_COLUMN = {
    COL_REG_NO: "reg_no", COL_NAME: "name", COL_FULL_NAME: "full_name",
    COL_CATEGORY: "category", COL_ORGANIZATION: "organization", COL_STATUS: "status",
    COL_CHECKED_IN: "checked_in_at", COL_STATION: "station", COL_PHONE: "phone",
    COL_EMAIL: "email", COL_LANGUAGE: "language", COL_NO_PHOTO: "no_photo",
    COL_ACCESS: "access_needs",
}  # fmt: skip
COLUMN_OF_SORT = {sort: col for col, sort in SORT_OF_COLUMN.items()}
PAGE_ROWS = 200
MAX_PAGES = 12
LANGUAGE_NAMES = {"ko": "한국어", "en": "English"}

Index = QModelIndex | QPersistentModelIndex


class AttendeeTableModel(QAbstractTableModel):
    def __init__(self, session: EventSession, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.session = session
        # Pages come masked below organizer (the core decides, checkin.protect.masking).
        self.query = AttendeeQuery(session.ef, session.access)
        self._whole = self._shows_whole()
        self.filter = AttendeeFilter(list_id=session.list_id)
        self.selection: AttendeeSelection | None = None
        self._pages: OrderedDict[int, list[AttendeeRow]] = OrderedDict()
        self.pages_read = 0  # how many pages were read from the file (lazy loading)
        self._marker: tuple[int, int] | None = None

    # -- the selection --------------------------------------------------------------

    def set_filter(self, flt: AttendeeFilter) -> None:
        """Run ``flt`` and show its rows (a model reset)."""
        self._marker = self.query.marker()
        selection = self.query.run(flt)
        self.beginResetModel()
        self.filter = flt
        self.selection = selection
        self._pages.clear()
        self.endResetModel()

    def refresh(self, force: bool = False) -> bool:
        """Re-run the filter if attendees or check-ins changed. True if it re-ran.

        When the same rows come back in the same order, only their contents are
        refreshed (no reset: scroll position and selection stay as they are).
        """
        marker = self.query.marker()
        whole = self._shows_whole()  # the organizer's unlock began or ended: re-read
        if whole != self._whole:
            self._whole = whole
            force = True
        if not force and marker == self._marker and self.selection is not None:
            return False
        self._marker = marker
        selection = self.query.run(self.filter)
        if self.selection is not None and selection.rids == self.selection.rids:
            self.selection = selection
            self._pages.clear()
            if selection.count:
                self.dataChanged.emit(
                    self.index(0, 0), self.index(selection.count - 1, COLUMN_COUNT - 1)
                )
            return True
        self.beginResetModel()
        self.selection = selection
        self._pages.clear()
        self.endResetModel()
        return True

    def _shows_whole(self) -> bool:
        return masking.shows_whole(self.session.access, self.session.ef)

    def warm(self) -> bool:
        """Build one more step of the sort orders not built yet; True while work remains."""
        return self.query.warm()

    def sorts_ready(self) -> bool:
        """Every column's sort order built ahead (a first sort on any column is quick)."""
        return self.query.ready()

    @property
    def count(self) -> int:
        return self.selection.count if self.selection is not None else 0

    def row_at(self, row: int) -> AttendeeRow | None:
        if self.selection is None or not 0 <= row < self.selection.count:
            return None
        page_no, offset = divmod(row, PAGE_ROWS)
        page = self._pages.get(page_no)
        if page is None:
            page = self.selection.page(page_no * PAGE_ROWS, PAGE_ROWS)
            self.pages_read += 1
            self._pages[page_no] = page
            while len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_no)
        return page[offset] if offset < len(page) else None

    def row_of(self, attendee_rid: int) -> int | None:
        return self.selection.index_of(attendee_rid) if self.selection is not None else None

    def loaded_pages(self) -> int:
        return len(self._pages)

    def retranslate(self) -> None:
        if self.count:
            self.dataChanged.emit(self.index(0, 0), self.index(self.count - 1, COLUMN_COUNT - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)

    # -- Qt model API ---------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # fmt: skip
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            COL_REG_NO: self.tr("Reg. no."),
            COL_NAME: self.tr("Name"),
            COL_FULL_NAME: self.tr("Full name"),
            COL_CATEGORY: self.tr("Category"),
            COL_ORGANIZATION: self.tr("Organization"),
            COL_STATUS: self.tr("Status"),
            COL_CHECKED_IN: self.tr("Checked in"),
            COL_STATION: self.tr("Station"),
            COL_PHONE: self.tr("Phone"),
            COL_EMAIL: self.tr("Email"),
            COL_LANGUAGE: self.tr("Language"),
            COL_NO_PHOTO: self.tr("No photo"),
            COL_ACCESS: self.tr("Access needs"),
        }.get(section)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.count:
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, ROW_ROLE, ID_ROLE,
                        Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole):  # fmt: skip
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        if role == ROW_ROLE:
            return row
        if role == ID_ROLE:
            return row.attendee.id
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, col)
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.attendee.cancelled:
                return QColor(Color.ERROR) if col == COL_STATUS else QColor(Color.MUTED)
            if col == COL_CHECKED_IN:
                return QColor(Color.ADMITTED) if row.inside else QColor(Color.NOT_YET_IN)
            return None
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_CHECKED_IN and row.checked_in:
            return (
                self.tr("Entries: %1, exits: %2")
                .replace("%1", str(row.entries))
                .replace("%2", str(row.exits))
            )
        return None

    def _text(self, row: AttendeeRow, col: int) -> str:
        a = row.attendee
        if col == COL_REG_NO:
            return a.reg_no
        if col == COL_NAME:
            return a.display_name
        if col == COL_FULL_NAME:
            return a.full_name
        if col == COL_CATEGORY:
            return self.session.category_label(a.category, i18n.current_language())
        if col == COL_ORGANIZATION:
            return a.organization
        if col == COL_STATUS:
            return self.tr("Cancelled") if a.cancelled else self.tr("Registered")
        if col == COL_CHECKED_IN:
            if row.checked_in_at is None:
                return ""
            when = messages.format_time(row.checked_in_at, self.session.settings.timezone)
            return when if row.inside else self.tr("%1 (left)").replace("%1", when)
        if col == COL_STATION:
            return row.station
        if col == COL_PHONE:
            return a.phone
        if col == COL_EMAIL:
            return a.email
        if col == COL_LANGUAGE:
            return LANGUAGE_NAMES.get(a.language, a.language)
        if col == COL_NO_PHOTO:
            return self.tr("No photo") if a.no_photo else ""
        if col == COL_ACCESS:
            return a.access_needs
        return ""

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_OF_COLUMN.get(column)
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if key == self.filter.sort and descending == self.filter.descending and self.selection:
            return
        self.set_filter(self._with(sort=key, descending=descending))

    def _with(self, **changes: Any) -> AttendeeFilter:
        values = {**self.filter.__dict__, **changes}
        return AttendeeFilter(**values)
