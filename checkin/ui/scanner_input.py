"""The USB badge scanner: a keyboard that types the code and Enter, very fast.

``ScannerInput`` watches key presses for one screen (its *scope*) wherever the focus
is on it, so no field has to be clicked before scanning:

- Outside text fields, typed characters are collected and Enter hands the collected
  text over as a scan (``scanned``). The scan screen disables the input method, so the
  Korean IME does not turn the code into Hangul; if Hangul arrives anyway (a scanner
  set to Korean, an IME that ignores the hint), the core maps it back to the keys
  (``checkin.codes.normalize``).
- A pause of ``PAUSE_MS`` in the middle of a code ends it: the half code is dropped
  (``dropped``) and the next code starts clean.
- Slow typing outside a field is a person, not a scanner: it is handed on
  (``typed``) so the screen can put it into the name search.
- Inside a text field (the name search) typing goes to the field as usual; Enter is
  taken as a scan when the field holds a badge code (a person never types 130
  characters) or when the last keys came as a scanner-fast burst.

Scans arriving faster than a person reads are each emitted; the screen queues what it
shows.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from checkin import codes

log = logging.getLogger(__name__)

PAUSE_MS = 250  # a gap this long inside a code: the rest is not coming
HUMAN_GAP_MS = 90  # a gap this long between the first keys: a person typing
FAST_GAP_MS = 45  # scanner keys come closer than this
MIN_BURST = 8  # this many fast keys in a text field, then Enter: a scan
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_CODE_IN_TEXT = re.compile(r"CK[A-Z2-7]{30,}")
_SHORTCUT_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


def is_text_field(widget: QObject) -> bool:
    return isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit | QAbstractSpinBox)


def badge_code_in(text: str) -> str | None:
    """A badge code inside what a scanner typed into a field (Hangul mapped back)."""
    found = _CODE_IN_TEXT.search(codes.normalize(text))
    return found.group(0) if found else None


class ScannerInput(QObject):
    """Catches scanner keystrokes anywhere on ``scope`` while it is shown."""

    scanned = Signal(str)
    typed = Signal(str)
    dropped = Signal(int)

    def __init__(self, scope: QWidget, time_source: Callable[[], float] = time.monotonic) -> None:
        super().__init__(scope)
        self._scope = scope
        self._now = time_source
        self._active = False
        self._chars: list[str] = []
        self._times: list[float] = []
        self._field_burst: list[float] = []  # times of fast keys typed into a field
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(PAUSE_MS)
        self._idle.timeout.connect(self._on_idle)
        self.scans = 0

    # -- switching on and off --------------------------------------------------------

    @property
    def active(self) -> bool:
        return self._active

    def activate(self) -> None:
        if not self._active:
            app = QApplication.instance()
            if app is not None:
                app.installEventFilter(self)
                self._active = True

    def deactivate(self) -> None:
        if self._active:
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
            self._active = False
        self._reset()

    def _reset(self) -> None:
        self._chars.clear()
        self._times.clear()
        self._field_burst.clear()
        self._idle.stop()

    # -- events ---------------------------------------------------------------------

    def _in_scope(self, widget: QObject) -> bool:
        if not isinstance(widget, QWidget) or not self._scope.isVisible():
            return False
        if QApplication.activeModalWidget() is not None or QApplication.activePopupWidget():
            return False
        window = self._scope.window()
        if widget.window() is not window:
            return False
        return widget is self._scope or widget is window or self._scope.isAncestorOf(widget)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.InputMethod):
            return False
        if not self._in_scope(obj):
            return False
        if is_text_field(obj):
            return self._field_event(obj, event)  # type: ignore[arg-type]
        if kind == QEvent.Type.InputMethod:
            text = event.commitString()  # type: ignore[attr-defined]
            for ch in text:
                self._add(ch)
            return bool(text)
        return self._key(event)  # type: ignore[arg-type]

    def _key(self, event: QKeyEvent) -> bool:
        if event.modifiers() & _SHORTCUT_MODIFIERS:
            return False
        if event.key() in _ENTER_KEYS:
            if not self._chars:
                return False
            self._finish()
            return True
        text = event.text()
        if not text or not text.isprintable():
            return False
        if text.isspace() and not self._chars:
            return False  # a space on a focused button presses it
        for ch in text:
            self._add(ch)
        return True

    def _add(self, ch: str) -> None:
        now = self._now() * 1000
        if self._times and now - self._times[-1] > PAUSE_MS:
            self._on_idle()  # what came before the pause is finished with
        person = (
            bool(self._times)
            and now - self._times[-1] > HUMAN_GAP_MS
            and len(self._chars) < MIN_BURST
        )
        self._chars.append(ch)
        self._times.append(now)
        if person:
            # A person is typing: hand it over now rather than after the pause.
            self._hand_over()
            return
        self._idle.start()

    def _finish(self) -> None:
        text = "".join(self._chars)
        self._reset()
        self.scans += 1
        self.scanned.emit(text)

    def _hand_over(self) -> None:
        text = "".join(self._chars)
        self._reset()
        if text.strip():
            self.typed.emit(text)

    def _on_idle(self) -> None:
        if not self._chars:
            return
        count = len(self._chars)
        mean_gap = (self._times[-1] - self._times[0]) / max(1, count - 1)
        fast = count >= MIN_BURST and mean_gap < FAST_GAP_MS
        if fast:
            self._reset()
            log.info("dropped an incomplete scan (%d characters)", count)
            self.dropped.emit(count)
        else:
            self._hand_over()

    # -- inside a text field ----------------------------------------------------------

    def _field_event(self, field: QWidget, event: QEvent) -> bool:
        now = self._now() * 1000
        if event.type() == QEvent.Type.InputMethod:
            committed = event.commitString()  # type: ignore[attr-defined]
            for _ in committed:
                self._note_field_key(now)
            return False
        key_event: QKeyEvent = event  # type: ignore[assignment]
        if key_event.modifiers() & _SHORTCUT_MODIFIERS:
            return False
        if key_event.key() in _ENTER_KEYS:
            return self._field_enter(field, now)
        if key_event.text() and key_event.text().isprintable():
            self._note_field_key(now)
        return False

    def _note_field_key(self, now: float) -> None:
        if self._field_burst and now - self._field_burst[-1] > FAST_GAP_MS:
            self._field_burst.clear()
        self._field_burst.append(now)

    def _field_enter(self, field: QWidget, now: float) -> bool:
        if not isinstance(field, QLineEdit):
            return False
        text = field.text()
        code = badge_code_in(text)
        burst = len(self._field_burst)
        fast = (
            burst >= MIN_BURST
            and now - self._field_burst[-1] <= FAST_GAP_MS * 2
            and len(text) >= burst
        )
        self._field_burst.clear()
        if code:
            field.clear()
            self.scans += 1
            self.scanned.emit(code)
            return True
        if fast:
            typed_before = text[: len(text) - burst]
            field.setText(typed_before)
            self.scans += 1
            self.scanned.emit(text[len(text) - burst :])
            return True
        return False
