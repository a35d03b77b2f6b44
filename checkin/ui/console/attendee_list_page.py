"""The organizer's attendee list: search, filters, counts and a sortable table.

A page of the main window. Typing searches like the kiosk (Hangul, 초성, romanized,
phone digits, registration number); the combos filter by category, registration
status and checked in or not on this station's list; clicking a header sorts. A
double click or Enter on a row emits ``attendee_activated(id)`` (the main window opens
the attendee). The list follows check-ins made here or synced from other stations
(``notify_changed``, and a light poll while visible) without jumping back to the top.
While shown and idle, the page builds the other columns' sort orders a few
milliseconds at a time (``WARM_MS`` timer), so a first click on any header is quick.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from checkin import errors
from checkin.models import CANCELLED, REGISTERED
from checkin.people import attendees
from checkin.people.attendee_query import AttendeeFilter
from checkin.protect import audit
from checkin.ui import i18n
from checkin.ui.console.attendee_table_model import (
    COL_NAME,
    COLUMN_OF_SORT,
    ID_ROLE,
    AttendeeTableModel,
)
from checkin.ui.session import Changes, EventSession
from checkin.ui.theme import Size
from checkin.ui.widgets import fonts
from checkin.ui.widgets.error_dialog import show_error

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 180
POLL_MS = 3000
CHANGED_DELAY_MS = 250
WARM_MS = 0  # build sort orders whenever the event loop is idle ...
WARM_DELAY_MS = 100  # ... from just after the list is first painted


class AttendeeListPage(QWidget):
    attendee_activated = Signal(str)
    refreshed = Signal()
    back_requested = Signal()  # the button back to the check-in screen

    # Long because: builds its widgets, layouts and connections in screen order
    def __init__(self, session: EventSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attendeeListPage")
        self.session = session
        self.model = AttendeeTableModel(session, self)

        self.title = QLabel()
        self.title.setFont(fonts.app_font(Size.TITLE, True))
        self.search = QLineEdit()
        self.search.setObjectName("attendeeSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setFont(fonts.app_font(Size.READ))
        self.search.setMinimumWidth(280)
        self.category = QComboBox()
        self.status = QComboBox()
        self.checked = QComboBox()
        for combo in (self.category, self.status, self.checked):
            combo.setFont(fonts.app_font(Size.CAPTION))
        self.counts = QLabel()
        self.counts.setFont(fonts.app_font(Size.CAPTION))
        self.counts.setTextFormat(Qt.TextFormat.PlainText)

        self.table = QTableView()
        self.table.setObjectName("attendeeTable")
        self.table.setModel(self.model)
        self.table.setFont(fonts.app_font(Size.CAPTION))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        # Fixed row heights: the view never measures 100,000 rows.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicatorShown(True)
        for col, width in enumerate((100, 150, 110, 120, 190, 110, 140, 110, 150, 200, 80, 90)):
            header.resizeSection(col, width)
        self.table.doubleClicked.connect(self._activate_index)
        self.table.installEventFilter(self)
        self.search.installEventFilter(self)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.category, 1)
        filters.addWidget(self.status, 1)
        filters.addWidget(self.checked, 1)
        self.back_button = QPushButton()
        self.back_button.setObjectName("backToScan")
        self.back_button.clicked.connect(self.back_requested)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(head)
        layout.addLayout(filters)
        layout.addWidget(self.counts)
        layout.addWidget(self.table, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self._changed_timer = QTimer(self)
        self._changed_timer.setSingleShot(True)
        self._changed_timer.setInterval(CHANGED_DELAY_MS)
        self._changed_timer.timeout.connect(self.refresh)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self.refresh)
        self._warm = QTimer(self)
        self._warm.setInterval(WARM_MS)
        self._warm.timeout.connect(self._warm_step)
        self._stale = False
        self._total = 0
        self._searches = 0  # searches run since the last audit entry (never their text)
        self._shown = 0

        self.retranslate()
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        for combo in (self.category, self.status, self.checked):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        session.settings_changed.connect(self._on_settings_changed)
        session.station_changed.connect(self.apply_filters)
        session.data_changed.connect(self._on_data_changed)
        self.apply_filters()
        header.sortIndicatorChanged.connect(self._on_sort_indicator)
        self._show_sort_indicator()

    # -- filters --------------------------------------------------------------------

    def current_filter(self) -> AttendeeFilter:
        text = self.search.text().strip()
        sort, descending = self.model.filter.sort, self.model.filter.descending
        if text and not self.model.filter.text.strip() and sort == "name" and not descending:
            sort = ""  # a new search: best matches first, until a header is clicked
        elif not text and sort == "":
            sort = "name"
        return AttendeeFilter(
            list_id=self.session.list_id,
            text=text,
            category=self.category.currentData() or "",
            status=self.status.currentData() or "",
            checked_in=self.checked.currentData(),
            sort=sort,
            descending=descending,
        )

    def apply_filters(self) -> None:
        """Run the search and filters now (the search box waits for a pause in typing)."""
        self._search_timer.stop()
        keep = self.current_attendee_rid()
        try:
            self.model.set_filter(self.current_filter())
            self._total = attendees.count(self.session.ef)
        except errors.CheckinError as exc:
            show_error(self, exc)
            return
        self._show_sort_indicator()
        self._restore(keep, None)
        self._render_counts()
        self._note_search()
        self._start_warming()
        self.refreshed.emit()

    def _note_search(self) -> None:
        """A search is recorded in the audit log once, when it ends (cleared, a person
        opened, the page left): that it happened and how many it showed, not the text."""
        if self.search.text().strip():
            self._searches += 1
            self._shown = max(self._shown, self.model.count)
        else:
            self.record_search()

    def record_search(self) -> None:
        if not self._searches:
            return
        detail = {"results": self._shown, "searches": self._searches}
        self._searches = self._shown = 0
        try:
            audit.record(self.session.ef, self.session.clock, audit.SEARCH, detail=detail,
                         operator=self.session.operator)  # fmt: skip
        except errors.CheckinError:
            log.warning("could not record a search in the audit log", exc_info=True)

    def _on_sort_indicator(self, column: int, order: Qt.SortOrder) -> None:
        # QTableView sorts the model itself (setSortingEnabled); keep the counts in step.
        self._render_counts()

    def _show_sort_indicator(self) -> None:
        header = self.table.horizontalHeader()
        column = COLUMN_OF_SORT.get(self.model.filter.sort, -1)
        order = (Qt.SortOrder.DescendingOrder if self.model.filter.descending
                 else Qt.SortOrder.AscendingOrder)  # fmt: skip
        self.table.setSortingEnabled(False)
        header.blockSignals(True)
        header.setSortIndicator(column, order)
        header.blockSignals(False)
        self.table.setSortingEnabled(True)

    def _fill_combos(self) -> None:
        lang = i18n.current_language()
        combos = (self.category, self.status, self.checked)
        current = [c.currentData() for c in combos]
        for combo in combos:
            combo.blockSignals(True)
            combo.clear()
        self.category.addItem(self.tr("All categories"), "")
        for cat in self.session.settings.categories:
            self.category.addItem(cat.label(lang), cat.id)
        self.status.addItem(self.tr("Registered and cancelled"), "")
        self.status.addItem(self.tr("Registered"), REGISTERED)
        self.status.addItem(self.tr("Cancelled"), CANCELLED)
        self.checked.addItem(self.tr("Checked in or not"), None)
        self.checked.addItem(self.tr("Checked in"), True)
        self.checked.addItem(self.tr("Not checked in yet"), False)
        for combo, value in zip(combos, current, strict=True):
            found = combo.findData(value)
            combo.setCurrentIndex(max(0, found))
            combo.blockSignals(False)

    # -- refreshing -----------------------------------------------------------------

    @Slot(object)
    def _on_data_changed(self, _changes: Changes) -> None:
        self.notify_changed()

    def notify_changed(self) -> None:
        """Something changed (a check-in, an edit, a sync): refresh soon, if shown."""
        if self.isVisible():
            self._changed_timer.start()
        else:
            self._stale = True

    def refresh(self, force: bool = False) -> bool:
        """Re-run the current filter if the file changed; keeps scroll and selection."""
        if not force and not self.isVisible():
            self._stale = True
            return False
        keep = self.current_attendee_rid()
        scroll = self.table.verticalScrollBar().value()
        try:
            ran = self.model.refresh(force)
            if ran:
                self._total = attendees.count(self.session.ef)
        except errors.CheckinError as exc:
            log.warning("attendee list not refreshed: %s", exc.code)
            return False
        self._stale = False
        if ran:
            self._restore(keep, scroll)
            self._render_counts()
            self._start_warming()
            self.refreshed.emit()
        return ran

    def _start_warming(self) -> None:
        if self.isVisible() and not self._warm.isActive():
            QTimer.singleShot(WARM_DELAY_MS, self, self._resume_warming)

    def _resume_warming(self) -> None:
        if self.isVisible() and not self._warm.isActive():
            self._warm.start()

    def _warm_step(self) -> None:
        """One small step of building sort orders ahead of use; stops when all are built."""
        try:
            more = self.model.warm()
        except errors.CheckinError as exc:
            log.warning("sort orders not built ahead: %s", exc.code)
            more = False
        if not more:
            self._warm.stop()

    def _restore(self, rid: int | None, scroll: int | None) -> None:
        if scroll is not None:
            self.table.verticalScrollBar().setValue(scroll)
        if rid is None:
            return
        row = self.model.row_of(rid)
        if row is None:
            return
        index = self.model.index(row, COL_NAME)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        if scroll is not None:
            self.table.verticalScrollBar().setValue(scroll)

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        self._poll.start()
        self._start_warming()
        if self._stale:
            QTimer.singleShot(0, self, self.refresh)

    def hideEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self._poll.stop()
        self._warm.stop()
        self.record_search()
        super().hideEvent(event)

    # -- rows -----------------------------------------------------------------------

    def current_attendee_id(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        value = self.model.data(index, ID_ROLE)
        return str(value) if value else None

    def current_attendee_rid(self) -> int | None:
        index = self.table.currentIndex()
        row = self.model.row_at(index.row()) if index.isValid() else None
        return row.attendee.rid if row is not None else None

    def _activate_index(self, index) -> None:  # type: ignore[no-untyped-def]
        if not index.isValid():
            return
        attendee_id = self.model.data(index, ID_ROLE)
        if attendee_id:
            self.record_search()
            self.attendee_activated.emit(str(attendee_id))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.table and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._activate_index(self.table.currentIndex())
                return True
            if watched is self.search and key in (Qt.Key.Key_Down, Qt.Key.Key_Return,
                                                  Qt.Key.Key_Enter):  # fmt: skip
                if self._search_timer.isActive():
                    self.apply_filters()
                if self.model.count:
                    self.table.setFocus()
                    if not self.table.currentIndex().isValid():
                        self.table.selectRow(0)
                return True
        return super().eventFilter(watched, event)

    # -- text -----------------------------------------------------------------------

    def _render_counts(self) -> None:
        shown = self.model.count
        selection = self.model.selection
        if selection is not None and selection.capped:
            text = self.tr("Best %1 matches of %2 attendees (type more to narrow the search)")
        else:
            text = self.tr("%1 of %2 attendees shown")
        self.counts.setText(text.replace("%1", f"{shown:,}").replace("%2", f"{self._total:,}"))

    def retranslate(self) -> None:
        self.title.setText(self.tr("Attendees"))
        self.back_button.setText(self.tr("← Check-in screen (F1)"))
        self.search.setPlaceholderText(
            self.tr("Search: name, initials (ㄱㅁㅅ), romanized, phone last 4, reg. no.")
        )
        self._fill_combos()
        self.model.retranslate()
        self._render_counts()

    def _on_settings_changed(self) -> None:
        # Labels or categories may have changed (settings saved, or synced in).
        self._fill_combos()
        self.model.retranslate()
        self.refresh(force=self.isVisible())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
