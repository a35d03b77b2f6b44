"""Name search at the door: type, see who matches, check in with one click or Enter.

Search runs as you type (debounced) over the core's Korean-aware search: Hangul,
half-typed syllables, 초성, romanized names, the last four digits of a phone number,
registration numbers. It reads a few index rows, not the attendee table, so it stays
at a few milliseconds with 100,000 attendees.

Each search (from the first letter typed until the result is used or the field is
cleared) is recorded once in the audit log: that it happened, how many queries were
typed and the most people shown at once; never the text (``checkin.protect.audit``).

Keys: Enter checks in the only match, or moves to the list when there are several;
arrows move in the list; Enter (or a click on "Check in", or a double click) checks
the chosen person in; Esc goes back.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QEvent, QModelIndex, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from checkin import errors
from checkin.people import attendees
from checkin.protect import audit
from checkin.ui.kiosk.search_result_model import (
    COL_ACTION,
    COL_CATEGORY,
    COL_NAME,
    COL_ORGANIZATION,
    COL_REG_NO,
    COL_STATUS,
    SearchResultModel,
    SearchRow,
    rows_for,
)
from checkin.ui.session import EventSession
from checkin.ui.theme import Color, Size
from checkin.ui.widgets import fonts
from checkin.ui.widgets.icons import icon

log = logging.getLogger(__name__)

DEBOUNCE_MS = 120
LIMIT = 20


class _CheckInButtonDelegate(QStyledItemDelegate):
    """Paints the last column as a big green button."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        if index.column() != COL_ACTION:
            super().paint(painter, option, index)
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if option.state & QStyle.StateFlag.State_Selected:  # type: ignore[operator]
            painter.fillRect(option.rect, option.palette.highlight())  # type: ignore[attr-defined]
        rect = QRect(option.rect).adjusted(8, 7, -8, -7)  # type: ignore[attr-defined]
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(Color.ADMITTED))
        painter.drawRoundedRect(rect, 8, 8)
        painter.setPen(QColor(Color.WHITE))
        painter.setFont(fonts.app_font(Size.READ, True))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(index.data()))
        painter.restore()


class SearchPanel(QWidget):
    """Search field and results; emits ``check_in_requested(attendee_id)``."""

    check_in_requested = Signal(str)
    close_requested = Signal()

    def __init__(self, session: EventSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchPanel")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.session = session
        self.last_query_ms = 0.0
        self._searches = 0  # queries run in this search (for the audit log)
        self._shown = 0  # the most people shown at once in it
        self.event_closed = False  # names were wiped: "check the spelling" would mislead

        self.title = QLabel()
        self.title.setObjectName("searchTitle")
        self.title.setFont(fonts.app_font(Size.HEADING, True))
        self.back = QPushButton()
        self.back.setObjectName("searchBack")
        self.back.setIcon(icon("scan", Color.INK))
        self.back.setFont(fonts.app_font(Size.READ))
        self.back.clicked.connect(self.close_requested)
        self.field = QLineEdit()
        self.field.setObjectName("searchField")
        self.field.setFont(fonts.app_font(Size.HEADING))
        self.field.setClearButtonEnabled(True)
        self.field.setMinimumHeight(64)
        self.field.installEventFilter(self)
        self.field.textEdited.connect(self._schedule)
        self.field.returnPressed.connect(self._on_enter)

        self.model = SearchResultModel(session, self)
        self.table = QTableView()
        self.table.setObjectName("searchResults")
        self.table.setModel(self.model)
        self.table.setItemDelegate(_CheckInButtonDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setFont(fonts.app_font(Size.FIELD))
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(60)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setFont(fonts.app_font(Size.BODY, True))
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_ORGANIZATION, QHeaderView.ResizeMode.Stretch)
        for col in (COL_CATEGORY, COL_REG_NO, COL_STATUS):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_ACTION, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(COL_ACTION, 150)
        self.table.installEventFilter(self)
        self.table.clicked.connect(self._on_clicked)
        self.table.doubleClicked.connect(self._on_double_clicked)

        self.status = QLabel()
        self.status.setObjectName("searchStatus")
        self.status.setFont(fonts.app_font(Size.EMPHASIS))

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_search)

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.back)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 16)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addWidget(self.field)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self.retranslate()

    # -- text -----------------------------------------------------------------------

    def retranslate(self) -> None:
        self.title.setText(self.tr("Search by name"))
        self.back.setText(self.tr("Back to scanning (Esc)"))
        if self.session.access.personal:
            hint = self.tr("Name, initials (ㄱㅁㅅ), last 4 phone digits or registration number")
        else:  # a scan-only station matches badge names and numbers only (checkin.protect.access)
            hint = self.tr("Badge name, initials (ㄱㅁㅅ) or registration number")
        self.field.setPlaceholderText(hint)
        self.model.retranslate()
        self._update_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_event_closed(self, closed: bool) -> None:
        self.event_closed = closed
        self._update_status()

    def _update_status(self) -> None:
        query = self.field.text().strip()
        count = self.model.rowCount()
        if not query:
            text = self.tr("Type a name to search. Scanning a badge still works here.")
        elif count == 0 and self.event_closed:
            text = self.tr(
                "The event is closed: personal data was wiped, so no one can be found by name."
            )
        elif count == 0:
            text = self.tr("No one found. Check the spelling or try the phone's last 4 digits.")
        elif count >= LIMIT:
            text = self.tr("Showing the first %1. Type more to narrow down.").replace(
                "%1", str(count)
            )
        elif count == 1:
            text = self.tr("%1 found. Enter or click \u201cCheck in\u201d.").replace(
                "%1", str(count)
            )
        else:  # Enter in the field only moves to the list: say what comes next
            text = self.tr(
                "%1 found. Pick the right person with \u2191 \u2193, then Enter or click "
                "\u201cCheck in\u201d."
            ).replace("%1", str(count))
        self.status.setText(text)

    # -- searching ------------------------------------------------------------------

    def start(self, text: str = "") -> None:
        """Show with ``text`` typed in (or empty) and the cursor in the field."""
        self.record_search()
        self.field.setText(text)
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)
        self.field.end(False)
        self.run_search()

    def reset(self) -> None:
        self.record_search()
        self._timer.stop()
        self.field.clear()
        self.model.set_rows([])
        self._update_status()

    def _schedule(self) -> None:
        self._timer.start()

    def run_search(self) -> None:
        self._timer.stop()
        query = self.field.text().strip()
        started = time.perf_counter()
        rows: list[SearchRow] = []
        if query:
            found = attendees.search_as_typed(  # masked below organizer
                self.session.ef, query, limit=LIMIT, access=self.session.access
            )
            rows = rows_for(self.session, found)
            self._searches += 1
            self._shown = max(self._shown, len(rows))
        self.last_query_ms = (time.perf_counter() - started) * 1000
        log.debug("search took %.1f ms (%d hits)", self.last_query_ms, len(rows))
        self.model.set_rows(rows)
        if rows:
            self.table.selectRow(0)
        self._update_status()

    def record_search(self) -> None:
        """Record the search just finished (if any) in the audit log."""
        if not self._searches:
            return
        detail = {"results": self._shown, "searches": self._searches}
        self._searches = self._shown = 0
        try:
            audit.record(self.session.ef, self.session.clock, audit.SEARCH, detail=detail,
                         operator=self.session.access.operator)  # fmt: skip
        except errors.CheckinError:
            log.warning("could not record a search in the audit log", exc_info=True)

    # -- checking in ----------------------------------------------------------------

    def _check_in_row(self, row: int) -> None:
        found = self.model.row_at(row)
        if found is not None:
            self.record_search()
            self.check_in_requested.emit(found.attendee.id)

    def _on_enter(self) -> None:
        if self._timer.isActive():
            self.run_search()
        count = self.model.rowCount()
        if count == 1:
            self._check_in_row(0)
        elif count > 1:
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            self.table.selectRow(0)

    def _on_clicked(self, index: QModelIndex) -> None:
        if index.column() == COL_ACTION:
            self._check_in_row(index.row())

    def _on_double_clicked(self, index: QModelIndex) -> None:
        if index.column() != COL_ACTION:
            self._check_in_row(index.row())

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return False
        key = QKeyEvent.key(event)  # type: ignore[arg-type]
        if obj is self.field:
            if key == Qt.Key.Key_Down and self.model.rowCount():
                self.table.setFocus(Qt.FocusReason.OtherFocusReason)
                self.table.selectRow(0)
                return True
            if key == Qt.Key.Key_Escape:
                self.close_requested.emit()
                return True
        elif obj is self.table:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
                current = self.table.currentIndex()
                if current.isValid():
                    self._check_in_row(current.row())
                    return True
            if key == Qt.Key.Key_Escape or (
                key == Qt.Key.Key_Up and self.table.currentIndex().row() <= 0
            ):
                self.field.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return False
