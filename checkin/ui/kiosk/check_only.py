"""How a check-only station looks (``checkin.door.modes``): so nobody takes it for entry.

A station the organizer set to check only (a second checkpoint, a staff door) reports
what a scan would say and records nothing. Every screen of it says so: a band
"확인 전용 — 입장 기록 안 함 / Check only — not an entry" above the ready screen and
every result, the header in ``CHECK_COLOR`` (a colour no entry outcome uses), and
valid badges in that colour instead of the entrance's green.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from checkin.ui.theme import Color, Size
from checkin.ui.widgets import bilingual, fonts

CONTEXT = "CheckOnlyBanner"
CHECK_COLOR = Color.CHECK_ONLY
BANNER = QT_TRANSLATE_NOOP("CheckOnlyBanner", "Check only — not an entry")
HEADER_STYLE = f"#scanHeader {{ background: {CHECK_COLOR}; }}"


class CheckOnlyBanner(QFrame):
    """The band: the chosen language big, the other one below; hidden until shown."""

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setStyleSheet(
            f"QFrame#{object_name} {{ background: {Color.WHITE}; border: 4px solid {CHECK_COLOR}; "
            f"border-radius: 10px; }} QFrame#{object_name} QLabel {{ color: {CHECK_COLOR}; }}"
        )
        self.text = QLabel()
        self.text.setObjectName(f"{object_name}Text")
        self.text.setFont(fonts.app_font(Size.SUBHEAD, True))
        self.other = bilingual.mark_secondary(QLabel())
        self.other.setObjectName(f"{object_name}Other")
        self.other.setFont(fonts.app_font(Size.BODY, True))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.setSpacing(0)
        for label in (self.text, self.other):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            layout.addWidget(label)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.text.setText(bilingual.primary(CONTEXT, BANNER))
        self.other.setText(bilingual.other(CONTEXT, BANNER))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
