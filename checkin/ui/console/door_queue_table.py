"""The dashboard's waiting line per door: arrivals per minute and the estimated wait.

One row per door that admitted anyone in the last hour (``checkin.door.waiting``): the
last ten minutes as small bars, people per minute (last five), seconds per person
while people queue, how busy the door is, and the estimated wait, with a plain word
where it matters ("flat out: send a volunteer", "idle since 10:42"), so the organizer
can move a volunteer from an idle door to a busy one. The organizer's screen only:
the kiosk never shows it. Saving as CSV hides small counts
(``checkin.lists.suppression``), like every figure that leaves the app.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from checkin import errors
from checkin.door import waiting
from checkin.lists import pdfdoc, suppression
from checkin.lists.exporter import neutralize
from checkin.ui.session import EventSession
from checkin.ui.theme import Color, Size
from checkin.ui.widgets import fonts
from checkin.ui.widgets.error_dialog import show_error
from checkin.ui.widgets.save_dialog import ask_save_path

COL_DOOR, COL_BARS, COL_RATE, COL_SERVICE, COL_BUSY, COL_WAIT, COL_NOTE = range(7)
BARS = " ▁▂▃▄▅▆▇█"
FLAT_OUT_COLOR = Color.ERROR
IDLE_MINUTES = 3  # no admission for this long: the door is idle


def bars(counts: tuple[int, ...]) -> str:
    """Counts as a row of block characters, scaled to the row's largest."""
    top = max(counts, default=0)
    if not top:
        return "·" * len(counts)
    return "".join(BARS[min(8, -(-8 * c // top))] if c else "·" for c in counts)


class DoorQueueTable(QWidget):
    def __init__(self, session: EventSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("doorQueue")
        self.session = session
        self.doors: list[waiting.DoorFigures] = []
        self.now_ms = 0
        self.caption = QLabel()
        self.caption.setFont(fonts.app_font(Size.CAPTION, True))
        self.explain = QLabel()
        self.explain.setObjectName("doorQueueExplain")
        self.explain.setWordWrap(True)
        self.explain.setFont(fonts.app_font(Size.TINY))
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveDoorFigures")
        self.save_button.clicked.connect(lambda: self.save_csv())
        self.table = QTableWidget(0, 7)
        self.table.setObjectName("doorQueueTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_NOTE, QHeaderView.ResizeMode.Stretch)
        self.table.setFont(fonts.app_font(Size.APP))
        head = QHBoxLayout()
        head.addWidget(self.caption, 1)
        head.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.table)
        layout.addWidget(self.explain)
        self.retranslate()

    def set_doors(self, doors: list[waiting.DoorFigures], now_ms: int) -> None:
        self.doors, self.now_ms = list(doors), now_ms
        self._render()

    # -- text -------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.caption.setText(self.tr("Waiting line by door (last 10 minutes)"))
        self.save_button.setText(self.tr("Save as CSV…"))
        self.table.setHorizontalHeaderLabels([
            self.tr("Door"), self.tr("Last 10 min"), self.tr("People / min"),
            self.tr("Seconds each"), self.tr("Busy"), self.tr("Estimated wait"), self.tr("Note"),
        ])  # fmt: skip
        self.explain.setText(
            self.tr(
                "People / min: admitted in the last 5 minutes. Seconds each: the usual gap "
                "between back-to-back scans (30 s or less) in the last 15 minutes, i.e. how "
                "long one person takes while others wait. Busy: people per minute × seconds "
                "each. Estimated wait = seconds each × busy ÷ (1 − busy), the average wait "
                "of one line at that pace; from 90% busy the line is probably growing."
            )
        )
        self._render()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def wait_text(self, door: waiting.DoorFigures) -> str:
        if door.wait_s is None:
            return "–"
        minutes = self.tr("%1 min").replace("%1", str(door.wait_minutes))
        if door.flat_out:
            return "≥ " + minutes
        return self.tr("under 1 min") if door.wait_s < 60 else minutes

    def note_text(self, door: waiting.DoorFigures) -> str:
        if door.flat_out:
            return self.tr("Flat out: the line is probably growing. Send a volunteer.")
        if self.now_ms - door.last_at >= IDLE_MINUTES * 60_000:
            tz = ZoneInfo(self.session.settings.timezone)
            when = dt.datetime.fromtimestamp(door.last_at / 1000, tz).strftime("%H:%M")
            return self.tr("Idle since %1: a volunteer could help elsewhere.").replace("%1", when)
        if door.service_s is None:
            return self.tr("Too few scans in a row for an estimate yet.")
        return ""

    def _render(self) -> None:
        self.table.setRowCount(len(self.doors))
        for row, door in enumerate(self.doors):
            service = "–" if door.service_s is None else f"{door.service_s:.0f}"
            busy = "–" if door.busy is None else f"{100 * door.busy:.0f}%"
            cells = {
                COL_DOOR: door.door, COL_BARS: bars(door.per_minute),
                COL_RATE: f"{door.rate:.1f}", COL_SERVICE: service, COL_BUSY: busy,
                COL_WAIT: self.wait_text(door), COL_NOTE: self.note_text(door),
            }  # fmt: skip
            for col, text in cells.items():
                item = QTableWidgetItem(text)
                if col in (COL_RATE, COL_SERVICE, COL_BUSY, COL_WAIT):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if col == COL_BARS:
                    item.setToolTip(" ".join(str(c) for c in door.per_minute))
                if door.flat_out and col in (COL_WAIT, COL_NOTE):
                    item.setForeground(QColor(FLAT_OUT_COLOR))
                self.table.setItem(row, col, item)
        self.save_button.setEnabled(bool(self.doors))
        self.table.setFixedHeight(
            self.table.horizontalHeader().height() + 4
            + sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
            + (0 if self.doors else 8)
        )  # fmt: skip

    # -- export -----------------------------------------------------------------------

    def csv_text(self) -> str:
        """The figures as they may leave the app: small counts hidden, no wait beside
        a hidden count (``waiting.exported``)."""
        threshold = suppression.threshold_of(self.session.settings.extra)
        shown = waiting.exported(self.doors, threshold)
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        minutes = [f"-{waiting.SERIES_MINUTES - i}" for i in range(waiting.SERIES_MINUTES)]
        writer.writerow(
            [self.tr("Door"), *minutes, self.tr("Total"), self.tr("Estimated wait (min)"),
             self.tr("Flat out")]
        )  # fmt: skip
        for door in shown:
            wait = "" if door.wait_minutes is None else str(door.wait_minutes)
            writer.writerow(
                [neutralize(door.door), *(c.show(threshold, "{}") for c in door.per_minute),
                 door.total.show(threshold, "{}"), wait, "1" if door.flat_out else ""]
            )  # fmt: skip
        return out.getvalue()

    def save_csv(self, path: str | None = None) -> str | None:
        if path is None:
            default = f"{self.session.settings.date or 'event'}-doors.csv"
            path = ask_save_path(self, self.tr("Save the door figures"), default, "CSV (*.csv)")
            if not path:
                return None
        text = self.csv_text()
        try:
            pdfdoc.write_atomically(path, lambda fh: fh.write(text.encode("utf-8-sig")))
        except errors.CheckinError as exc:  # a folder, no room, not writable: said clearly
            show_error(self, exc)
            return None
        except OSError as exc:
            show_error(self, errors.CheckinError(
                f"Could not save the figures to {path} ({exc.strerror or exc}).",
                f"수치를 {path} 에 저장하지 못했습니다 ({exc.strerror or exc}).",
            ))  # fmt: skip
            return None
        return path
