"""The last few outcomes at this kiosk, newest first: so a result replaced by the next
scan (a queue at the door) can still be read. Staffed mode only: a self-service kiosk
shows no names of others."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from checkin.door import outcomes
from checkin.door.outcomes import Kind
from checkin.ui import i18n
from checkin.ui.kiosk.result_panel import look_of
from checkin.ui.session import EventSession
from checkin.ui.theme import Color, Size
from checkin.ui.widgets import fonts
from checkin.ui.widgets.icons import icon_pixmap

MAX_ROWS = 6


@dataclass(frozen=True)
class RecentEntry:
    kind: Kind
    at_ms: int
    name: str


class RecentScans(QWidget):
    def __init__(self, session: EventSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recentScans")
        self.session = session
        self.entries: list[RecentEntry] = []
        self.title = QLabel()
        self.title.setObjectName("recentTitle")
        self.title.setFont(fonts.app_font(Size.READ, True))
        self._rows: list[tuple[QLabel, QLabel, QLabel]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        for _ in range(MAX_ROWS):
            mark, when, text = QLabel(), QLabel(), QLabel()
            when.setFont(fonts.app_font(Size.BODY))
            text.setFont(fonts.app_font(Size.READ))
            text.setTextFormat(Qt.TextFormat.PlainText)
            row = QHBoxLayout()
            row.setSpacing(10)
            row.addWidget(mark)
            row.addWidget(when)
            row.addWidget(text, 1)
            layout.addLayout(row)
            self._rows.append((mark, when, text))
        layout.addStretch(1)
        self.retranslate()

    def add(self, kind: Kind, at_ms: int, name: str) -> None:
        self.entries.insert(0, RecentEntry(kind, at_ms, name))
        del self.entries[MAX_ROWS:]
        self._render()

    def add_many(self, kind: Kind, at_ms: int, names: list[str]) -> None:
        """Several outcomes at once (a group checked in together), painted once."""
        for name in names:
            self.entries.insert(0, RecentEntry(kind, at_ms, name))
        del self.entries[MAX_ROWS:]
        self._render()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Recent at this kiosk"))
        self._render()

    def _render(self) -> None:
        tz = ZoneInfo(self.session.settings.timezone)
        lang = i18n.current_language()
        self.title.setVisible(bool(self.entries))
        for i, (mark, when, text) in enumerate(self._rows):
            if i >= len(self.entries):
                for label in (mark, when, text):
                    label.hide()
                continue
            entry = self.entries[i]
            look = look_of(entry.kind)
            mark.setPixmap(icon_pixmap(look.icon, 26, look.background))
            when.setText(dt.datetime.fromtimestamp(entry.at_ms / 1000, tz).strftime("%H:%M"))
            headline = outcomes.outcome(entry.kind).title.pick(lang)
            text.setText(f"{entry.name} — {headline}" if entry.name else headline)
            palette = text.palette()
            palette.setColor(QPalette.ColorRole.WindowText, QColor(Color.INK))
            text.setPalette(palette)
            for label in (mark, when, text):
                label.show()

    def clear(self) -> None:
        self.entries.clear()
        self._render()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
