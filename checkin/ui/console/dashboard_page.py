"""The organizer's dashboard: arrivals as they happen.

Checked in vs expected (in total, by category, for each check-in list), people inside
now, admissions per station, and a chart of first arrivals per 5 or 15 minutes that
can be saved as a PNG. The numbers come from ``checkin.door.dashboard`` (built on
``checkin.door.stats``), computed on a worker thread with its own connection, because
counting 100,000 attendees takes longer than a frame; the page asks again when a
check-in happens here (``notify_changed``) or the file changed (a sync), polling a
cheap marker while it is shown.
"""

from __future__ import annotations

import datetime as dt
import logging
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from checkin import errors
from checkin.door import dashboard as dashboard_mod
from checkin.door import stats as stats_mod
from checkin.event.files import EventFile
from checkin.lists import suppression
from checkin.people.attendee_query import changes_marker
from checkin.protect import audit
from checkin.ui import i18n
from checkin.ui.console.door_queue_table import DoorQueueTable
from checkin.ui.session import Changes, EventSession
from checkin.ui.theme import Color, Size, Style
from checkin.ui.widgets import fonts
from checkin.ui.widgets.error_dialog import show_error
from checkin.ui.widgets.save_dialog import ask_save_path
from checkin.ui.worker import QueryRunner

log = logging.getLogger(__name__)

POLL_MS = 3000
# The waiting-line figures age with the clock alone (a door that went quiet is no longer
# busy), so a shown dashboard recounts this often even when nothing changed.
CLOCK_REFRESH_MS = 30_000
CHANGED_DELAY_MS = 400
BAR_COLOR = Color.ACCENT
HIDDEN_BAR_COLOR = Color.RULE
ALERT_WINDOW_MS = 3600 * 1000  # the dashboard shows trawling alerts of the last hour


class ArrivalsChart(QWidget):
    """Bars of first arrivals per bucket, hours marked on the time axis (QPainter)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("arrivalsChart")
        self.buckets: list[tuple[int, int]] = []
        self.hidden: set[int] = set()  # buckets drawn as grey bars that say nothing
        self.bucket_minutes = 15
        self.timezone = "Asia/Seoul"
        self.title = ""
        self.empty_text = ""
        self.setMinimumHeight(240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAutoFillBackground(True)

    def set_data(self, buckets: list[tuple[int, int]], bucket_minutes: int, timezone: str) -> None:
        self.buckets = list(buckets)
        self.bucket_minutes = bucket_minutes
        self.timezone = timezone
        self.update()

    def _label(self, ms: int) -> str:
        return dt.datetime.fromtimestamp(ms / 1000, ZoneInfo(self.timezone)).strftime("%H:%M")

    def paintEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor(Color.WHITE))
        title_font = fonts.app_font(Size.CAPTION, True)
        small: QFont = fonts.app_font(Size.TINY)
        p.setFont(title_font)
        p.setPen(QColor(Color.INK))
        p.drawText(QRectF(12, 6, self.width() - 24, 26), Qt.AlignmentFlag.AlignLeft, self.title)
        plot = QRectF(56, 40, max(10, self.width() - 76), max(10, self.height() - 80))
        if not self.buckets:
            p.setFont(fonts.app_font(Size.APP))
            p.setPen(QColor(Color.MUTED))
            p.drawText(plot, Qt.AlignmentFlag.AlignCenter, self.empty_text)
            p.end()
            return
        top = max((c for i, (_, c) in enumerate(self.buckets) if i not in self.hidden),
                  default=0) or 1  # fmt: skip
        step = _nice_step(top)
        ceiling = step * -(-top // step)
        p.setFont(small)
        for value in range(0, ceiling + 1, step):
            y = plot.bottom() - plot.height() * value / ceiling
            p.setPen(QPen(QColor(Color.GRID), 1))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(QColor(Color.SLATE))
            p.drawText(QRectF(0, y - 9, plot.left() - 6, 18),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{value:,}")  # fmt: skip
        n = len(self.buckets)
        width = plot.width() / n
        gap = min(4.0, width * 0.2)
        every = max(1, -(-n * 48 // max(1, int(plot.width()))))  # labels at least 48 px apart
        for i, (start, count) in enumerate(self.buckets):
            x = plot.left() + i * width
            hidden = i in self.hidden
            height = plot.height() * (0.08 if hidden else count / ceiling)
            p.fillRect(QRectF(x + gap / 2, plot.bottom() - height, width - gap, height),
                       QColor(HIDDEN_BAR_COLOR if hidden else BAR_COLOR))  # fmt: skip
            if i % every == 0:
                p.setPen(QColor(Color.SLATE))
                p.drawText(QRectF(x - 30, plot.bottom() + 4, 60 + width, 18),
                           Qt.AlignmentFlag.AlignHCenter, self._label(start))  # fmt: skip
        p.setPen(QPen(QColor(Color.SLATE_LIGHT), 1))
        p.drawLine(plot.bottomLeft(), plot.bottomRight())
        p.end()


def _nice_step(top: int) -> int:
    """A round grid step giving about four lines up to ``top``."""
    raw = max(1, top // 4)
    magnitude = 10 ** (len(str(raw)) - 1)
    for m in (1, 2, 5, 10):
        if raw <= m * magnitude:
            return m * magnitude
    return 10 * magnitude


def _table(columns: int) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.setFont(fonts.app_font(Size.APP))
    return table


def _item(text: str, number: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if number:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class DashboardPage(QWidget):
    refreshed = Signal()
    back_requested = Signal()  # the button back to the check-in screen

    # Long because: builds its widgets, layouts and connections in screen order
    def __init__(self, session: EventSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardPage")
        self.session = session
        self.data: dashboard_mod.Dashboard | None = None
        self._closed = False
        self._marker: tuple[int, int] | None = None

        self.title = QLabel()
        self.title.setFont(fonts.app_font(Size.TITLE, True))
        self.alerts = QLabel()  # trawling alerts from the audit log (organizer's eyes only)
        self.alerts.setObjectName("trawlingAlerts")
        self.alerts.setWordWrap(True)
        self.alerts.setFont(fonts.app_font(Size.CAPTION, True))
        self.alerts.setStyleSheet(Style.ALERT_BOX)
        self.alerts.hide()
        self.list_box = QComboBox()
        self.bucket_box = QComboBox()
        for minutes in dashboard_mod.BUCKETS:
            self.bucket_box.addItem("", minutes)
        self.bucket_box.setCurrentIndex(self.bucket_box.findData(15))
        self.export_button = QPushButton()
        for w in (self.list_box, self.bucket_box, self.export_button):
            w.setFont(fonts.app_font(Size.CAPTION))

        self.checked_caption, self.checked_value = QLabel(), QLabel()
        self.inside_caption, self.inside_value = QLabel(), QLabel()
        self.waiting_caption, self.waiting_value = QLabel(), QLabel()
        self.peak_caption, self.peak_value = QLabel(), QLabel()
        tiles = QGridLayout()
        tiles.setHorizontalSpacing(40)
        for i, (caption, value) in enumerate(
            ((self.checked_caption, self.checked_value), (self.inside_caption, self.inside_value),
             (self.waiting_caption, self.waiting_value), (self.peak_caption, self.peak_value))
        ):  # fmt: skip
            caption.setFont(fonts.app_font(Size.CAPTION))
            value.setFont(fonts.app_font(Size.FIGURE, True))
            value.setText("…")
            tiles.addWidget(caption, 0, i)
            tiles.addWidget(value, 1, i)
            tiles.setColumnStretch(i, 1)

        self.chart = ArrivalsChart()
        self.doors = DoorQueueTable(session)  # the waiting line at each door
        self.categories = _table(4)
        self.lists = _table(4)
        self.stations = _table(2)

        self.back_button = QPushButton()
        self.back_button.setObjectName("backToScan")
        self.back_button.clicked.connect(self.back_requested)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.list_box)
        head.addWidget(self.bucket_box)
        head.addWidget(self.export_button)
        head.addWidget(self.back_button)
        tables = QHBoxLayout()
        self.categories_caption, self.lists_caption, self.stations_caption = (QLabel(), QLabel(),
                                                                               QLabel())  # fmt: skip
        for caption, table, stretch in ((self.categories_caption, self.categories, 3),
                                        (self.lists_caption, self.lists, 2),
                                        (self.stations_caption, self.stations, 2)):  # fmt: skip
            caption.setFont(fonts.app_font(Size.CAPTION, True))
            box = QVBoxLayout()
            box.addWidget(caption)
            box.addWidget(table)
            tables.addLayout(box, stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(head)
        layout.addWidget(self.alerts)
        layout.addLayout(tiles)
        layout.addWidget(self.doors)
        layout.addWidget(self.chart, 3)
        layout.addLayout(tables, 2)

        self._compute = QueryRunner(session.spec(), "dashboard computation", self)
        self._compute.answered.connect(self._on_computed)

        self._changed_timer = QTimer(self)
        self._changed_timer.setSingleShot(True)
        self._changed_timer.setInterval(CHANGED_DELAY_MS)
        self._changed_timer.timeout.connect(self.refresh)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._poll_marker)
        self._clock_refresh = QTimer(self)
        self._clock_refresh.setInterval(CLOCK_REFRESH_MS)
        self._clock_refresh.timeout.connect(self.refresh)

        self.retranslate()
        self.list_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.bucket_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.export_button.clicked.connect(lambda: self.export_png())
        session.settings_changed.connect(self.retranslate)
        session.data_changed.connect(self._on_data_changed)
        self.refresh()

    # -- computing ------------------------------------------------------------------

    @property
    def list_id(self) -> str:
        return str(self.list_box.currentData() or self.session.list_id)

    @property
    def bucket_minutes(self) -> int:
        return int(self.bucket_box.currentData() or 15)

    def refresh(self) -> None:
        """Ask the worker for fresh numbers (one request at a time; the last one wins)."""
        if self._closed:
            return
        list_id, bucket, clock = self.list_id, self.bucket_minutes, self.session.clock

        def compute(ef: EventFile) -> dashboard_mod.Dashboard:
            now = clock.now_ms()  # the waiting-line figures are "now" at that moment
            since = now - ALERT_WINDOW_MS  # the trawling alerts of the last hour
            return dashboard_mod.compute(ef, list_id, bucket, since, now_ms=now)

        self._compute.ask(compute)

    @Slot(object)
    def _on_data_changed(self, _changes: Changes) -> None:
        self.notify_changed()

    def notify_changed(self) -> None:
        """A check-in, undo, edit or sync happened: recount soon (bursts coalesce)."""
        if not self._closed:
            self._changed_timer.start()

    def _poll_marker(self) -> None:
        try:
            marker = changes_marker(self.session.ef)
        except errors.CheckinError:
            return
        if marker != self._marker:
            self._marker = marker
            self.refresh()

    def _on_computed(self, data: dashboard_mod.Dashboard) -> None:
        if self._closed:
            return
        self.data = data
        self._render()
        self.refreshed.emit()

    # -- showing --------------------------------------------------------------------

    def _render(self) -> None:
        data = self.data
        lang = i18n.current_language()
        tz = self.session.settings.timezone
        self.chart.title = self.tr("First arrivals per %1 minutes").replace(
            "%1", str(self.bucket_minutes)
        )
        self.chart.empty_text = self.tr("Nobody has arrived yet.")
        if data is None:
            self.chart.update()
            return
        s = data.stats
        share = f" ({100 * s.checked_in / s.expected:.0f}%)" if s.expected else ""
        self.checked_value.setText(f"{s.checked_in:,} / {s.expected:,}{share}")
        self.inside_value.setText(f"{s.inside:,}")
        registered_in = s.checked_in - s.anonymous  # anonymous admissions were never expected
        self.waiting_value.setText(f"{max(0, s.expected - registered_in + s.unsynced):,}")
        peak = data.peak
        if peak is None or peak[1] == 0:
            self.peak_value.setText("–")
        else:
            when = dt.datetime.fromtimestamp(peak[0] / 1000, ZoneInfo(tz)).strftime("%H:%M")
            self.peak_value.setText(f"{when} · {peak[1]:,}")
        self.chart.set_data(data.arrivals, data.bucket_minutes, tz)
        self.doors.set_doors(data.doors, data.now_ms or self.session.clock.now_ms())
        self._render_alerts(data.alerts, lang, tz)

        order = {cid: i for i, cid in enumerate(self.session.settings.category_ids())}
        cats = sorted(s.by_category, key=lambda c: order.get(c.category, len(order)))
        self.categories.setRowCount(len(cats))
        for r, c in enumerate(cats):
            label = (self.tr("Not synced yet") if c.category == stats_mod.UNKNOWN_CATEGORY
                     else self.session.category_label(c.category, lang))  # fmt: skip
            self.categories.setItem(r, 0, _item(label))
            self.categories.setItem(r, 1, _item(f"{c.checked_in:,}", True))
            self.categories.setItem(r, 2, _item(f"{c.expected:,}", True))
            self.categories.setItem(r, 3, _item(f"{c.inside:,}", True))
        self.lists.setRowCount(len(data.lists))
        for r, li in enumerate(data.lists):
            self.lists.setItem(r, 0, _item(self.session.list_label(lang, li.list_id)))
            self.lists.setItem(r, 1, _item(f"{li.checked_in:,}", True))
            self.lists.setItem(r, 2, _item(f"{li.expected:,}", True))
            self.lists.setItem(r, 3, _item(f"{li.inside:,}", True))
        self.stations.setRowCount(len(s.by_station))
        for r, (name, count) in enumerate(s.by_station.items()):
            self.stations.setItem(r, 0, _item(name))
            self.stations.setItem(r, 1, _item(f"{count:,}", True))

    def _render_alerts(self, alerts: list[audit.AuditEntry], lang: str, tz: str) -> None:
        if not alerts:
            self.alerts.hide()
            return
        lines = [self.tr("Possible trawling of the attendee list: check these stations now.")]
        for entry in alerts[:5]:
            when = dt.datetime.fromtimestamp(entry.at_ms / 1000, ZoneInfo(tz)).strftime("%H:%M")
            who = f" ({entry.operator})" if entry.operator else ""
            lines.append(f"• {when} {entry.station_name}{who}: {entry.describe(lang)}")
        self.alerts.setText("\n".join(lines))
        self.alerts.show()

    def retranslate(self) -> None:
        lang = i18n.current_language()
        self.title.setText(self.tr("Dashboard"))
        self.back_button.setText(self.tr("← Check-in screen (F1)"))
        self.list_box.blockSignals(True)
        current = self.list_box.currentData() or self.session.list_id
        self.list_box.clear()
        for li in self.session.settings.lists:
            self.list_box.addItem(li.label(lang), li.id)
        self.list_box.setCurrentIndex(max(0, self.list_box.findData(current)))
        self.list_box.blockSignals(False)
        for i in range(self.bucket_box.count()):
            minutes = self.bucket_box.itemData(i)
            self.bucket_box.setItemText(i, self.tr("Per %1 minutes").replace("%1", str(minutes)))
        self.export_button.setText(self.tr("Save chart as PNG…"))
        self.checked_caption.setText(self.tr("Checked in / expected"))
        self.inside_caption.setText(self.tr("Inside now"))
        self.waiting_caption.setText(self.tr("Not arrived yet"))
        self.peak_caption.setText(self.tr("Busiest interval"))
        self.categories_caption.setText(self.tr("By category"))
        self.lists_caption.setText(self.tr("By check-in list"))
        self.stations_caption.setText(self.tr("Admissions by station"))
        self.categories.setHorizontalHeaderLabels(
            [self.tr("Category"), self.tr("Checked in"), self.tr("Expected"), self.tr("Inside")]
        )
        self.lists.setHorizontalHeaderLabels(
            [self.tr("List"), self.tr("Checked in"), self.tr("Expected"), self.tr("Inside")]
        )
        self.stations.setHorizontalHeaderLabels([self.tr("Station"), self.tr("Admissions")])
        self._render()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- export ---------------------------------------------------------------------

    def export_png(self, path: str | None = None) -> str | None:
        """Save the arrivals chart as a PNG (no names in it); returns the path."""
        if path is None:
            default = f"{self.session.settings.date or 'event'}-arrivals.png"
            path = ask_save_path(self, self.tr("Save the arrivals chart"), default, "PNG (*.png)")
            if not path:
                return None
            if not path.lower().endswith(".png"):
                path += ".png"
        # What leaves the app is suppressed (checkin.lists.suppression): small buckets, and
        # those that would give one back from the total, become grey bars of no height.
        threshold = suppression.threshold_of(self.session.settings.extra)
        cells = suppression.suppress_line([n for _, n in self.chart.buckets], threshold)
        self.chart.hidden = {i for i, c in enumerate(cells) if c.hidden}
        try:
            saved = self.chart.grab().save(path, "PNG")
        finally:
            self.chart.hidden = set()
            self.chart.update()
        if not saved:
            show_error(self, errors.CheckinError(
                f"Could not save the chart to {path}.", f"그래프를 {path} 에 저장하지 못했습니다.",
            ))  # fmt: skip
            return None
        return path

    # -- lifetime -------------------------------------------------------------------

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        self._poll.start()
        self._clock_refresh.start()
        self._poll_marker()

    def hideEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self._poll.stop()
        self._clock_refresh.stop()
        super().hideEvent(event)

    def shutdown(self) -> None:
        """Stop refreshing and close the worker's connection on its own thread."""
        self._closed = True
        self._poll.stop()
        self._clock_refresh.stop()
        self._changed_timer.stop()
        self._compute.shutdown()

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.shutdown()
        super().closeEvent(event)
