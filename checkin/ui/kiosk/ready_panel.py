"""What the kiosk shows between people: "scan a badge", in both languages, with the
camera preview and the last few outcomes beside it."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from checkin.ui import i18n
from checkin.ui.kiosk.check_only import CHECK_COLOR, CheckOnlyBanner
from checkin.ui.theme import Color, Size
from checkin.ui.widgets import bilingual, fonts
from checkin.ui.widgets.icons import icon_pixmap

CONTEXT = "ReadyPanel"
HEADLINE_POINTS = Size.DISPLAY_STEPS  # the largest that fits the column on one line
HEADLINE = QT_TRANSLATE_NOOP("ReadyPanel", "Please scan your badge")
HEADLINE_EXIT = QT_TRANSLATE_NOOP("ReadyPanel", "Leaving? Please scan your badge")
HINT_STAFFED = QT_TRANSLATE_NOOP("ReadyPanel", "No badge? Search by name (F2).")
HINT_SELF = QT_TRANSLATE_NOOP(
    "ReadyPanel", "Hold the QR code on your badge under the scanner or in front of the camera."
)
# A check-only station (checkin.door.modes): its own words, its band, its colour.
HEADLINE_CHECK = QT_TRANSLATE_NOOP("ReadyPanel", "Scan a badge to check it")
HINT_CHECK = QT_TRANSLATE_NOOP(
    "ReadyPanel", "Nothing is recorded at this station: it is not an entrance."
)
HEADLINE_CLOSED = QT_TRANSLATE_NOOP("ReadyPanel", "This event is closed")
HINT_CLOSED = QT_TRANSLATE_NOOP(
    "ReadyPanel", "Personal data was wiped when the event was closed: no names are shown or found."
)


class ReadyPanel(QWidget):
    def __init__(
        self, camera: QWidget, counters: QWidget, recent: QWidget, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("readyPanel")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.self_service = False
        self.direction = "entry"
        self.closed = False  # the event was closed (personal data wiped)
        self.check_only = False  # this station only checks, records nothing
        self.banner = CheckOnlyBanner("readyCheckOnly")
        self.camera = camera
        self.counters = counters
        self.recent = recent
        self.icon = QLabel()
        self.icon.setPixmap(icon_pixmap("scan", 140, Color.ACCENT))
        self.icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.headline = QLabel()
        self.headline.setObjectName("readyHeadline")
        self.headline.setFont(fonts.app_font(Size.DISPLAY, True))
        self.headline_other = bilingual.mark_secondary(QLabel())
        self.headline_other.setObjectName("readyHeadlineOther")
        self.headline_other.setFont(fonts.app_font(Size.SUBHEAD))
        self.hint = QLabel()
        self.hint.setObjectName("readyHint")
        self.hint.setFont(fonts.app_font(Size.TITLE))
        self.hint_other = bilingual.mark_secondary(QLabel())
        self.hint_other.setObjectName("readyHintOther")
        self.hint_other.setFont(fonts.app_font(Size.READ))
        # The event's leave message (an event setting: checkin.badges.discreet), shown at
        # an exit door and once the event is closed.
        self.leave_message = ("", "")
        self.leave = QLabel()
        self.leave.setObjectName("readyLeave")
        self.leave.setFont(fonts.app_font(Size.FIGURE, True))
        self.leave.setStyleSheet(f"color: {Color.LEAVE};")
        self.leave_other = bilingual.mark_secondary(QLabel())
        self.leave_other.setObjectName("readyLeaveOther")
        self.leave_other.setFont(fonts.app_font(Size.ACTION))
        self.notice = QLabel()
        self.notice.setObjectName("readyNotice")
        self.notice.setFont(fonts.app_font(Size.FIELD, True))
        for label in (self.headline, self.headline_other, self.hint, self.hint_other, self.notice,
                      self.leave, self.leave_other):  # fmt: skip
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
        self.notice.hide()
        self.headline.installEventFilter(self)

        center = QVBoxLayout()
        center.addWidget(self.banner)
        center.addStretch(2)
        center.addWidget(self.icon)
        center.addSpacing(18)
        center.addWidget(self.headline)
        center.addWidget(self.headline_other)
        center.addSpacing(24)
        center.addWidget(self.hint)
        center.addWidget(self.hint_other)
        center.addSpacing(18)
        center.addWidget(self.leave)
        center.addWidget(self.leave_other)
        center.addSpacing(12)
        center.addWidget(self.notice)
        center.addStretch(3)
        self.side = QVBoxLayout()
        self.side.setSpacing(18)
        self.side.addWidget(camera, 3)
        self.side.addWidget(counters)
        self.side.addWidget(recent, 2)
        self.side.addStretch(0)
        camera.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        camera.setMinimumWidth(320)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(40, 24, 32, 24)
        layout.setSpacing(32)
        layout.addLayout(center, 3)
        layout.addLayout(self.side, 2)
        self.retranslate()

    def set_direction(self, direction: str) -> None:
        """An exit door asks people who leave to scan their badge."""
        self.direction = direction
        self.retranslate()

    def set_self_service(self, on: bool) -> None:
        self.self_service = on
        self.recent.setVisible(not on)
        self.counters.setVisible(not on)  # attendees need no attendance figures
        self.retranslate()

    def set_check_only(self, on: bool) -> None:
        """A check-only station says so here, in its own colour."""
        self.check_only = on
        self.banner.setVisible(on)
        self.icon.setPixmap(icon_pixmap("scan", 140, CHECK_COLOR if on else Color.ACCENT))
        self.retranslate()

    def set_closed(self, closed: bool) -> None:
        """After the event is closed the screen says so, instead of "scan your badge"."""
        self.closed = closed
        self.retranslate()

    def set_leave_message(self, ko: str, en: str) -> None:
        """The event's "take off your badge" wording (either may be empty)."""
        self.leave_message = (ko, en)
        self.retranslate()

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def retranslate(self) -> None:
        hint = HINT_SELF if self.self_service else HINT_STAFFED
        headline = HEADLINE_EXIT if self.direction == "exit" else HEADLINE
        if self.check_only:
            headline, hint = HEADLINE_CHECK, HINT_CHECK
        if self.closed:
            headline, hint = HEADLINE_CLOSED, HINT_CLOSED
        self.headline.setText(bilingual.primary(CONTEXT, headline))
        self.headline_other.setText(bilingual.other(CONTEXT, headline))
        self._fit_headline()
        self.hint.setText(bilingual.primary(CONTEXT, hint))
        self.hint_other.setText(bilingual.other(CONTEXT, hint))
        ko, en = self.leave_message
        first, second = (ko, en) if i18n.current_language() == "ko" else (en, ko)
        first, second = (first, second) if first else (second, "")
        leaving = self.direction == "exit" or self.closed
        self.leave.setText(first if leaving else "")
        self.leave_other.setText(second if leaving else "")
        self.leave.setVisible(bool(self.leave.text()))
        self.leave_other.setVisible(bool(self.leave_other.text()))

    def _fit_headline(self) -> None:
        """The headline on one line if it can be (a 1024-pixel screen cut the English
        one's second line); wrapped at the smallest size only when even that is too wide."""
        room = self.headline.width() if self.headline.isVisible() else self.width() * 3 // 5 - 40
        for points in HEADLINE_POINTS:
            font = fonts.app_font(points, True)
            if QFontMetrics(font).horizontalAdvance(self.headline.text()) <= room - 8:
                break
        if font.pointSizeF() != self.headline.font().pointSizeF():
            self.headline.setFont(font)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The headline's own width changes also when the side column grows (counters
        # filled in), not only when the panel is resized.
        if watched is self.headline and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self._fit_headline)
        return False

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
