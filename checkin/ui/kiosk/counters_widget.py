"""Live counters: checked in / expected, in total and by category.

Counting the whole event (``checkin.door.stats.compute``) takes over 100 ms at 100,000
attendees, too slow for every scan on the UI thread. So each scan result moves the
numbers at once (``apply``), and a worker thread with its own connection
(``checkin.ui.worker.QueryRunner``) recounts from the file every few seconds, which also
brings in check-ins synced from other kiosks. A recount that started before a local
change is not shown (it would step back); a new one follows.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from checkin.door import stats as stats_mod
from checkin.door.engine import anonymous_category
from checkin.models import Action, ScanResult, Stats
from checkin.ui import i18n
from checkin.ui.session import EventSession
from checkin.ui.theme import Size
from checkin.ui.widgets import fonts
from checkin.ui.worker import QueryRunner

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


class CountersWidget(QWidget):
    """Big total and a line per category; updated per scan and recounted in the back."""

    refreshed = Signal()
    totals_changed = Signal(str)  # "176 / 500", for a compact display elsewhere

    def __init__(self, session: EventSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("counters")
        self.session = session
        self.counts: Counts | None = None
        self.show_categories = True
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

        self._recount = QueryRunner(session.spec(), "stats worker", self)
        self._recount.answered.connect(self._on_computed)
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
        list_id = self.session.list_id
        self._recount.ask(lambda ef: stats_mod.compute(ef, list_id), same=True)

    def _on_computed(self, stats: Stats) -> None:
        if self._closed:
            return
        if stats.list != self.session.list_id:
            self.changed()  # the station's list changed meanwhile
            return
        self.counts = Counts.from_stats(stats)
        self._render()
        self.refreshed.emit()

    def apply(self, result: ScanResult) -> None:
        """Move the numbers for one scan result right away (no database work)."""
        if self._count(result):
            self._render()

    def apply_many(self, results: list[ScanResult]) -> None:
        """``apply`` for a group admitted together: the numbers move, painted once."""
        if sum(self._count(r) for r in results):
            self._render()

    def _count(self, result: ScanResult) -> bool:
        """Count one result in; True when a number moved."""
        if not (result.ok and result.action == Action.ENTRY) or result.list != self.session.list_id:
            return False
        self._recount.invalidate()
        if result.previous is not None or self.counts is None:
            return False  # a re-entry: not a new arrival; or no count yet
        self.counts.checked_in += 1
        category = (result.attendee.category if result.attendee
                    else anonymous_category(result.attendee_id or "")
                    or stats_mod.UNKNOWN_CATEGORY)  # fmt: skip
        self.counts.by_category.setdefault(category, [0, 0])[0] += 1
        return True

    def changed(self) -> None:
        """Something changed that only a recount can tell (an undo, a sync)."""
        if self._closed:
            return
        list_id = self.session.list_id
        self._recount.ask(lambda ef: stats_mod.compute(ef, list_id))

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
        self._recount.shutdown()
