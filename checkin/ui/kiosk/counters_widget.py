"""Live counters: checked in / expected, in total and by category.

Counting the whole event (``checkin.door.stats.compute``) takes over 100 ms at 100,000
attendees, too slow for every scan on the UI thread. So each scan result moves the
numbers at once (``apply``), and a worker thread with its own connection recounts from
the file every few seconds, which also brings in check-ins synced from other kiosks.
A recount that started before a local change is not shown (it would step back); a new
one follows.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from checkin.door import stats as stats_mod
from checkin.door.engine import anonymous_category
from checkin.models import Action, ScanResult, Stats
from checkin.ui import i18n
from checkin.ui.session import EventSession
from checkin.ui.theme import Size
from checkin.ui.widgets import fonts
from checkin.ui.worker import EventFileSpec, FileWorker

log = logging.getLogger(__name__)

REFRESH_MS = 5000


@dataclass
class Counts:
    expected: int = 0
    checked_in: int = 0
    by_category: dict[str, list[int]] = field(default_factory=dict)  # id -> [in, expected]

    @classmethod
    def from_stats(cls, stats: Stats) -> Counts:
        return cls(
            expected=stats.expected,
            checked_in=stats.checked_in,
            by_category={c.category: [c.checked_in, c.expected] for c in stats.by_category},
        )


class _StatsWorker(FileWorker):
    """Recounts on its own thread and connection, on request."""

    def __init__(self, spec: EventFileSpec) -> None:
        super().__init__(spec, "recounting")

    @Slot(str, int)
    def compute(self, list_id: str, generation: int) -> None:
        self.compute_with(lambda ef: stats_mod.compute(ef, list_id), generation)


class CountersWidget(QWidget):
    """Big total and a line per category; updated per scan and recounted in the back."""

    refreshed = Signal()
    totals_changed = Signal(str)  # "176 / 500", for a compact display elsewhere
    _request = Signal(str, int)
    _close = Signal()

    def __init__(self, session: EventSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("counters")
        self.session = session
        self.counts: Counts | None = None
        self.show_categories = True
        self._generation = 0  # bumped by every local change
        self._in_flight = False
        self._again = False
        self._closed = False

        self.caption = QLabel()
        self.caption.setObjectName("countersCaption")
        self.caption.setFont(fonts.app_font(Size.BODY, True))
        self.total = QLabel("…")
        self.total.setObjectName("countersTotal")
        self.total.setFont(fonts.app_font(Size.COUNTER, True))
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(18)
        self.grid.setVerticalSpacing(2)
        self._category_labels: list[tuple[QLabel, QLabel]] = []
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.caption)
        layout.addWidget(self.total)
        layout.addLayout(self.grid)

        self._thread = QThread()
        self._thread.setObjectName("stats-worker")
        self._worker = _StatsWorker(session.spec())
        self._worker.moveToThread(self._thread)
        self._request.connect(self._worker.compute)
        self._close.connect(self._worker.close)
        self._worker.computed.connect(self._on_computed)
        self._worker.failed.connect(self._on_failed)
        self._thread.finished.connect(self._worker.deleteLater)
        self._thread.start()
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.retranslate()
        self.refresh()

    # -- counting -------------------------------------------------------------------

    def refresh(self) -> None:
        """Ask the worker for a fresh count (at most one at a time)."""
        if self._closed:
            return
        if self._in_flight:
            self._again = True
            return
        self._in_flight = True
        self._request.emit(self.session.list_id, self._generation)

    @Slot(object, int)
    def _on_computed(self, stats: Stats, generation: int) -> None:
        self._in_flight = False
        if self._closed:
            return
        if stats.list != self.session.list_id:
            self._again = True
        elif generation == self._generation:
            self.counts = Counts.from_stats(stats)
            self._render()
            self.refreshed.emit()
        else:
            self._again = True  # a scan happened meanwhile: count again
        if self._again:
            self._again = False
            QTimer.singleShot(0, self, self.refresh)

    @Slot(object)
    def _on_failed(self, exc: object) -> None:
        self._in_flight = False
        self._again = False

    def apply(self, result: ScanResult) -> None:
        """Move the numbers for one scan result right away (no database work)."""
        if not (result.ok and result.action == Action.ENTRY) or result.list != self.session.list_id:
            return
        self._generation += 1
        if result.previous is not None or self.counts is None:
            return  # a re-entry: not a new arrival; or no count yet
        self.counts.checked_in += 1
        category = (result.attendee.category if result.attendee
                    else anonymous_category(result.attendee_id or "")
                    or stats_mod.UNKNOWN_CATEGORY)  # fmt: skip
        self.counts.by_category.setdefault(category, [0, 0])[0] += 1
        self._render()

    def changed(self) -> None:
        """Something changed that only a recount can tell (an undo, a sync)."""
        self._generation += 1
        self.refresh()

    # -- showing --------------------------------------------------------------------

    def retranslate(self) -> None:
        self.caption.setText(self.tr("Checked in / expected"))
        self._render()

    def _render(self) -> None:
        counts = self.counts
        rows: list[tuple[str, str]] = []
        if counts is None:
            total = "…"
        else:
            total = f"{counts.checked_in:,} / {counts.expected:,}"
            lang = i18n.current_language()
            order = {cid: i for i, cid in enumerate(self.session.settings.category_ids())}
            for category, (checked, expected) in sorted(
                counts.by_category.items(), key=lambda kv: order.get(kv[0], len(order))
            ):
                if category == stats_mod.UNKNOWN_CATEGORY:
                    rows.append((self.tr("not synced yet"), f"{checked:,}"))
                else:
                    label = self.session.category_label(category, lang)
                    rows.append((label, f"{checked:,} / {expected:,}"))
        self.total.setText(total)
        self.totals_changed.emit(total)
        if not self.show_categories:
            rows = []
        while len(self._category_labels) < len(rows):
            name, value = QLabel(), QLabel()
            name.setFont(fonts.app_font(Size.BODY))
            value.setFont(fonts.app_font(Size.BODY, True))
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for label in (name, value):
                label.setTextFormat(Qt.TextFormat.PlainText)
            i = len(self._category_labels)
            self.grid.addWidget(name, i // 2, (i % 2) * 2)
            self.grid.addWidget(value, i // 2, (i % 2) * 2 + 1)
            self._category_labels.append((name, value))
        for i, (name, value) in enumerate(self._category_labels):
            visible = i < len(rows)
            name.setVisible(visible)
            value.setVisible(visible)
            if visible:
                name.setText(rows[i][0])
                value.setText(rows[i][1])

    def categories_visible(self) -> bool:
        return any(name.isVisibleTo(self) for name, _ in self._category_labels)

    def set_show_categories(self, show: bool) -> None:
        self.show_categories = show
        self._render()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def shutdown(self) -> None:
        """Stop recounting and close the worker's connection on its own thread."""
        self._closed = True
        self._timer.stop()
        if self._thread.isRunning():
            self._close.emit()
            self._thread.quit()
            self._thread.wait(5000)
