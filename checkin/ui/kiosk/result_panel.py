"""The big result panel: what just happened at the door, readable from a step away.

One full-width panel per outcome: its colour and icon, the outcome in large type in
the chosen language with the other language smaller below it, what to do next, and
for a known attendee the display name (never the full name), the category, a clear
no-photo marker (symbol and words, not colour alone) and any access needs.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QRect, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from checkin import errors
from checkin.badges import discreet
from checkin.door import outcomes
from checkin.door.outcomes import Kind, Tone
from checkin.models import Attendee, ScanResult
from checkin.ui import i18n
from checkin.ui.kiosk.check_only import CHECK_COLOR, CheckOnlyBanner
from checkin.ui.session import EventSession
from checkin.ui.widgets import bilingual, fonts
from checkin.ui.widgets.icons import icon_pixmap

CONTEXT = "ResultPanel"


@dataclass(frozen=True)
class Look:
    background: str
    foreground: str
    icon: str
    sound: str


# The colours, icons and sounds of the outcomes (their words are the core's:
# ``checkin.door.outcomes``). A kind without a look of its own here takes its tone's.
LOOKS: dict[Kind, Look] = {
    Kind.OK: Look("#1B5E20", "#FFFFFF", "check", "ok"),
    Kind.OK_UNSYNCED: Look("#00695C", "#FFFFFF", "check", "ok_unsynced"),
    Kind.ALREADY_IN: Look("#F9A825", "#1A1A1A", "repeat", "already_in"),
    Kind.INVALID: Look("#B71C1C", "#FFFFFF", "cross", "invalid"),
    # a badge a retired desk made (red, and the "no entry" sign: not a misread)
    Kind.RETIRED_DESK: Look("#B71C1C", "#FFFFFF", "ban", "invalid"),
    # a desk this kiosk has no certificate for yet: sync first
    Kind.UNKNOWN_DESK: Look("#B71C1C", "#FFFFFF", "sync", "invalid"),
    Kind.WRONG_EVENT: Look("#4A148C", "#FFFFFF", "cross", "wrong_event"),
    Kind.SUPERSEDED: Look("#BF360C", "#FFFFFF", "warning", "superseded"),
    Kind.CANCELLED: Look("#3E2723", "#FFFFFF", "ban", "cancelled"),
    Kind.UNDONE: Look("#37474F", "#FFFFFF", "undo", "undo"),
    Kind.EXIT: Look("#0D47A1", "#FFFFFF", "check", "ok"),
    Kind.ERROR: Look("#212121", "#FFEB3B", "warning", "error"),
    # a check-only station's valid badges, in a colour no entry uses (``check_only``)
    Kind.CHECK_VALID: Look(CHECK_COLOR, "#FFFFFF", "info", "check"),
    Kind.CHECK_INSIDE: Look(CHECK_COLOR, "#FFFFFF", "check", "check"),
}
TONE_LOOKS: dict[Tone, Look] = {
    Tone.GOOD: LOOKS[Kind.OK],
    Tone.CHECK: LOOKS[Kind.ALREADY_IN],
    Tone.STOP: LOOKS[Kind.INVALID],
    Tone.NEUTRAL: LOOKS[Kind.UNDONE],
    Tone.FAULT: LOOKS[Kind.ERROR],
}


def look_of(kind: Kind) -> Look:
    """How ``kind`` looks and sounds: its own look, else its tone's."""
    return LOOKS.get(kind) or TONE_LOOKS[outcomes.outcome(kind).tone]


def _other(lang: str) -> str:
    return "en" if lang == "ko" else "ko"


def _tr(source: str) -> str:
    return bilingual.primary(CONTEXT, source)


class ResultPanel(QFrame):
    """Paints one outcome; ``show_result``, ``show_undone`` or ``show_error``."""

    rendered = Signal()  # its lines were set again (a result, the language)

    def __init__(self, session: EventSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultPanel")
        self.session = session
        self.self_service = False
        self.check_only = False  # this station only checks (``checkin.door.modes``): banner
        self.kind = Kind.OK
        self._result: ScanResult | None = None
        self._attendee: Attendee | None = None
        self._error: errors.CheckinError | None = None
        self._pending = 0
        self._styled_foreground = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

        self.banner = CheckOnlyBanner("resultCheckOnly")
        self.icon = QLabel()
        self.icon.setObjectName("resultIcon")
        self.headline = QLabel()
        self.headline.setObjectName("resultHeadline")
        self.headline_other = bilingual.mark_secondary(QLabel())
        self.headline_other.setObjectName("resultHeadlineOther")
        self.pending = QLabel()
        self.pending.setObjectName("resultPending")
        self.pending.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.detail = QLabel()
        self.detail.setObjectName("resultDetail")
        self.detail_other = bilingual.mark_secondary(QLabel())
        self.detail_other.setObjectName("resultDetailOther")
        self.name = QLabel()
        self.name.setObjectName("resultName")
        self.category = QLabel()
        self.category.setObjectName("resultCategory")
        self.no_photo = _MarkerBox("no_photo")
        self.no_photo.setObjectName("noPhotoMarker")
        self.access = _MarkerBox("info")
        self.access.setObjectName("accessMarker")
        self.action = QLabel()
        self.action.setObjectName("resultAction")
        self.action_other = bilingual.mark_secondary(QLabel())
        self.action_other.setObjectName("resultActionOther")
        for label in (self.headline, self.headline_other, self.detail, self.detail_other, self.name, self.action,
                      self.action_other, self.category):  # fmt: skip
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)

        head_text = QVBoxLayout()
        head_text.setSpacing(2)
        head_text.addWidget(self.headline)
        head_text.addWidget(self.headline_other)
        head = QHBoxLayout()
        head.setSpacing(24)
        head.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        head.addLayout(head_text, 1)
        head.addWidget(self.pending, 0, Qt.AlignmentFlag.AlignTop)
        markers = QHBoxLayout()
        markers.setSpacing(16)
        markers.addWidget(self.no_photo)
        markers.addWidget(self.access, 1)
        markers.addStretch(0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 36, 48, 36)
        layout.setSpacing(14)
        layout.addWidget(self.banner)
        layout.addLayout(head)
        layout.addWidget(self.detail)
        layout.addWidget(self.detail_other)
        layout.addSpacing(12)
        layout.addWidget(self.name)
        layout.addWidget(self.category)
        layout.addLayout(markers)
        layout.addStretch(1)
        layout.addWidget(self.action)
        layout.addWidget(self.action_other)
        self._apply_fonts(1.0)

    # -- what to show -------------------------------------------------------------

    def show_result(self, result: ScanResult, pending: int = 0) -> Kind:
        """Show a scan or search outcome; returns its kind (ok, already_in, ...)."""
        self._result, self._attendee, self._error = result, result.attendee, None
        self.kind = result.kind
        self._pending = pending
        self._render()
        return self.kind

    def show_undone(self, attendee: Attendee | None) -> None:
        self._result, self._attendee, self._error = None, attendee, None
        self.kind = Kind.UNDONE
        self._pending = 0
        self._render()

    def show_error(self, exc: errors.CheckinError) -> None:
        self._result, self._attendee, self._error = None, None, exc
        self.kind = Kind.ERROR
        self._pending = 0
        self._render()

    def set_pending(self, pending: int) -> None:
        self._pending = pending
        self._render_pending()

    @property
    def is_problem(self) -> bool:
        return outcomes.outcome(self.kind).problem

    @property
    def look(self) -> Look:
        return look_of(self.kind)

    # -- painting -----------------------------------------------------------------

    def _render(self) -> None:
        look = self.look
        if look.foreground != self._styled_foreground:
            # Restyled only when the text colour changes (most results are green).
            self.setStyleSheet(
                f"QLabel {{ color: {look.foreground}; }} "
                "#markerText, #markerTextOther { color: #000000; }"
            )
            self._styled_foreground = look.foreground
        self.icon.setPixmap(icon_pixmap(look.icon, self._icon_size, look.foreground))
        told = outcomes.outcome(self.kind)
        lang = i18n.current_language()
        self.headline.setText(told.title.pick(lang))
        self.headline_other.setText(told.title.pick(_other(lang)))
        detail, detail_other = self._detail_texts(lang)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        # The detail (a red panel's reason, a core message) in the other language too.
        if detail_other == detail:
            detail_other = ""
        self.detail_other.setText(detail_other)
        self.detail_other.setVisible(bool(detail_other))
        self.action.setText(told.step(lang, self.self_service))
        self.action_other.setText(told.step(_other(lang), self.self_service))
        if self.kind is Kind.EXIT:  # the event's own wording (checkin.badges.discreet)
            leave = discreet.leave_text(self.session.settings, lang)
            if leave[0]:
                self.action.setText(leave[0])
                self.action_other.setText(leave[1])
        self._render_attendee()
        self._render_pending()
        checking = self.check_only or (self._result is not None and self._result.check_only)
        self.banner.setVisible(checking)
        self.update()

    def _render_pending(self) -> None:
        self.pending.setText(
            _tr(QT_TRANSLATE_NOOP("ResultPanel", "+%1 waiting")).replace("%1", str(self._pending))
            if self._pending
            else ""
        )

    def _detail_texts(self, lang: str) -> tuple[str, str]:
        """The detail line in ``lang`` and in the other language: a red panel's reason
        is read by people who read only one of them."""
        if self.kind is Kind.ERROR and self._error is not None:
            return self._error.message(lang), self._error.message(_other(lang))
        if self._result is None:
            return "", ""
        more = outcomes.detail(self._result, self.session.settings.timezone)
        if more is None:
            return "", ""
        other = more.text.pick(_other(lang)) if more.both_languages else ""
        return more.text.pick(lang), other

    def _render_attendee(self) -> None:
        a = self._attendee
        lang = i18n.current_language()
        self.name.setVisible(a is not None)
        self.category.setVisible(a is not None)
        if a is None:
            self.no_photo.hide()
            self.access.hide()
            return
        self._fit(self.name, a.display_name)
        if self.self_service:
            # A self-service screen is seen by the whole queue: show what the badge
            # shows (neutral for defectors and their families), never the category.
            parts = [self.session.category_badge_label(a.category, lang)]
        else:
            parts = [self.session.category_label(a.category, lang)]
        if a.organization and not self.self_service:
            parts.append(a.organization)
        if not self.self_service:
            parts.append(a.reg_no)
        self._fit(self.category, "  ·  ".join(p for p in parts if p))
        no_photo = _tr(QT_TRANSLATE_NOOP("ResultPanel", "No photos"))
        self.no_photo.set_texts(no_photo, bilingual.other(CONTEXT, "No photos"))
        self.no_photo.setVisible(a.no_photo)
        if a.access_needs:
            if self.self_service:
                self.access.set_texts(
                    _tr(QT_TRANSLATE_NOOP("ResultPanel", "Assistance requested")), ""
                )
            else:
                self.access.set_texts(
                    _tr(QT_TRANSLATE_NOOP("ResultPanel", "Access needs: %1")).replace(
                        "%1", a.access_needs
                    ),
                    "",
                )
        self.access.setVisible(bool(a.access_needs))

    @property
    def _icon_size(self) -> int:
        return max(64, int(120 * self._scale))

    def _apply_fonts(self, scale: float) -> None:
        self._scale = scale

        def font(points: float, bold: bool = False) -> QFont:
            return fonts.app_font(max(10.0, points * scale), bold)

        self.headline.setFont(font(50, True))
        self.headline_other.setFont(font(22))
        self.pending.setFont(font(20, True))
        self.detail.setFont(font(26))
        self.detail_other.setFont(font(17))
        self.name.setFont(font(72, True))
        self.category.setFont(font(28))
        self.no_photo.set_scale(scale)
        self.access.set_scale(scale)
        self.action.setFont(font(30, True))
        self.action_other.setFont(font(18))

    def _fit(self, label: QLabel, text: str) -> None:
        """One line that never runs off the panel: a very long name or organization
        ends in "…" (all of it in the tooltip)."""
        margins = self.layout().contentsMargins() if self.layout() else None
        room = self.width() - (margins.left() + margins.right() if margins else 0)
        shown = QFontMetrics(label.font()).elidedText(
            text, Qt.TextElideMode.ElideRight, max(200, room)
        )
        label.setText(shown)
        label.setToolTip(text if shown != text else "")

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        scale = min(1.25, max(0.55, min(self.height() / 760, self.width() / 1100)))
        if abs(scale - self._scale) > 0.02:
            self._apply_fonts(scale)
            self.icon.setPixmap(icon_pixmap(self.look.icon, self._icon_size, self.look.foreground))
        if event.oldSize().width() != event.size().width() and self._attendee is not None:
            self._render_attendee()  # the room for the name and organization changed
        super().resizeEvent(event)

    def paintEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(self.look.background))
        painter.end()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._render()
            self.rendered.emit()
        super().changeEvent(event)


class _MarkerBox(QFrame):
    """A white box with a symbol and words: readable on any panel colour."""

    def __init__(self, icon_name: str) -> None:
        super().__init__()
        self._icon_name = icon_name
        self.setAutoFillBackground(False)
        self.icon = QLabel()
        self.text = QLabel()
        self.text.setObjectName("markerText")
        self.other = bilingual.mark_secondary(QLabel())
        self.other.setObjectName("markerTextOther")
        for label in (self.text, self.other):
            label.setWordWrap(True)
        words = QVBoxLayout()
        words.setSpacing(0)
        words.addWidget(self.text)
        words.addWidget(self.other)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(18, 10, 22, 10)
        layout.setSpacing(14)
        layout.addWidget(self.icon)
        layout.addLayout(words, 1)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.set_scale(1.0)

    def set_texts(self, text: str, other: str) -> None:
        self.text.setText(text)
        self.other.setText(other)
        self.other.setVisible(bool(other))

    def set_scale(self, scale: float) -> None:
        self.text.setFont(fonts.app_font(max(10.0, 24 * scale), True))
        self.other.setFont(fonts.app_font(max(9.0, 14 * scale)))
        self.icon.setPixmap(icon_pixmap(self._icon_name, max(28, int(52 * scale)), "#000000"))

    def paintEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#000000"))
        painter.drawRoundedRect(self.rect(), 10, 10)
        painter.setBrush(QColor("#FFFFFF"))
        painter.drawRoundedRect(QRect(self.rect()).adjusted(4, 4, -4, -4), 7, 7)
        painter.end()
