"""The USB badge scanner: a keyboard that types the code and Enter, very fast.

``ScannerInput`` watches key presses for one screen (its *scope*) wherever the focus
is on it, so no field has to be clicked before scanning:

- Outside text fields, typed characters are collected and Enter hands the collected
  text over as a scan (``scanned``). The scan screen disables the input method, so the
  Korean IME does not turn the code into Hangul; if Hangul arrives anyway (a scanner
  set to Korean, an IME that ignores the hint), the core maps it back to the keys
  (``checkin.door.codes.normalize``).
- A pause of ``PAUSE_MS`` in the middle of a code ends it: the half code is dropped
  (``dropped``) and the next code starts clean.
- Slow typing outside a field is a person, not a scanner: it is handed on
  (``typed``) so the screen can put it into the name search.
- Inside a text field (the name search) typing goes to the field as usual; Enter is
  taken as a scan when the field holds a badge code (a person never types 130
  characters) or when the last keys came as a scanner-fast burst.

Scans arriving faster than a person reads are each emitted; the screen queues what it
shows.

``ScanGate`` is the one application-wide event filter in front of all of this: it sees
the keys of every window (the main window, every dialog and form, the PIN box, a combo
box's popup). Keys that have the *shape* of a badge code (``CK`` then base32, typed or
composed by the Korean input method) arriving at scanner speed are **held back**, never
delivered, until it is clear what they are:

- the burst becomes a whole badge code (then Enter, or a pause): a scan. It goes to the
  ``ScannerInput`` of the screen it was typed on or, in a dialog, to the window's
  ``scan_elsewhere`` handler. Nothing of it ever reached a field, a button or a PIN
  check, so nothing has to be taken back out;
- a key that cannot continue a code, or a pause a scanner never makes before it is
  sure (``HUMAN_GAP_MS``): a person is typing, and the held keys are delivered to the
  widget that would have had them, in their order, with the key that broke the burst;
- a fast code-shaped burst that stops short (the scanner missed): dropped.

Only a key that can start a code (``C``, or ``ㅊ`` in Korean mode) starts holding, so
hand typing is delayed at most ``HUMAN_GAP_MS`` on that one letter, and digits (the PIN)
never are. Holding back is chosen over taking typed characters out again because a
field may have changed them on the way in (a validator drops letters from a PIN, a
combo box jumps to an item, Enter presses the default button), and that cannot be
undone afterwards.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from checkin.door import codes

log = logging.getLogger(__name__)

PAUSE_MS = 250  # a gap this long inside a code: the rest is not coming
HUMAN_GAP_MS = 90  # a gap this long between the first keys: a person typing
FAST_GAP_MS = 45  # scanner keys come closer than this
MIN_BURST = 8  # this many fast keys in a text field, then Enter: a scan
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_CODE_IN_TEXT = re.compile(r"CK[A-Z2-7]{30,}")
_CODE_START = re.compile(r"C(K[A-Z2-7]*)?")  # what a badge code can begin with


def _length_of(shape: str) -> int:
    """How long the code ``shape`` begins can be: its format's length once it shows."""
    return codes.expected_chars(shape) or codes.MAX_CODE_CHARS


_MODIFIER_KEYS = (
    Qt.Key.Key_Shift,
    Qt.Key.Key_Control,
    Qt.Key.Key_Alt,
    Qt.Key.Key_Meta,
    Qt.Key.Key_AltGr,
    Qt.Key.Key_CapsLock,
)
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
        # Keys come through the application's one filter (ScanGate), which holds badge
        # codes back from text fields and hands the rest of this screen's keys here.
        if not self._active:
            gate = ScanGate.instance()
            if gate is not None:
                gate.add_scanner(self)
                self._active = True

    def deactivate(self) -> None:
        if self._active:
            gate = ScanGate.instance()
            if gate is not None:
                gate.remove_scanner(self)
            self._active = False
        self._reset()

    def in_scope(self, widget: QObject) -> bool:
        """Are keys sent to ``widget`` this screen's (shown, no dialog over it)?"""
        return self._active and self._in_scope(widget)

    def take_scan(self, code: str) -> None:
        """A badge code the gate held back from a field on this screen."""
        self._reset()
        self.scans += 1
        self.scanned.emit(code)

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


class ScanGate(QObject):
    """The application's one key filter: badge-code bursts are taken out of every
    window before any widget sees them (see the module's docstring)."""

    _instance: ScanGate | None = None

    @classmethod
    def instance(cls) -> ScanGate | None:
        """The gate of the running QApplication (installed when first asked for)."""
        app = QApplication.instance()
        if app is None:
            return None
        gate = cls._instance
        if gate is None or not shiboken6.isValid(gate) or gate.parent() is not app:
            gate = cls(app)
            app.installEventFilter(gate)
            cls._instance = gate
        return gate

    def __init__(self, parent: QObject, time_source: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.now = time_source
        self._scanners: list[ScannerInput] = []
        self._handlers: list[QWidget] = []
        self._held: list[QEvent] = []  # copies, delivered later if a person typed them
        self._target: QWidget | None = None
        self._shape_committed = ""  # the held keys and input-method commits, as keys
        self._shape_preedit = ""  # what the input method is composing now, as keys
        self._composing = False
        self._times: list[float] = []  # ms of the held keys that carry text
        self._replaying = False
        self._swallow_enter_until = 0.0  # a scan ended by a pause: its late Enter too
        self._eat_release: set[int] = set()  # Enter keys whose press ended a scan
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_pause)
        self.scans = 0
        self.dropped = 0

    # -- who takes scans ----------------------------------------------------------------

    def add_scanner(self, scanner: ScannerInput) -> None:
        if scanner not in self._scanners:
            self._scanners.append(scanner)

    def remove_scanner(self, scanner: ScannerInput) -> None:
        if scanner in self._scanners:
            self._scanners.remove(scanner)

    def add_handler(self, window: QWidget) -> None:
        """``window.scan_elsewhere(code, widget)`` takes scans made in its dialogs."""
        if window not in self._handlers:
            self._handlers.append(window)

    def remove_handler(self, window: QWidget) -> None:
        if window in self._handlers:
            self._handlers.remove(window)

    def _scanner_for(self, widget: QObject) -> ScannerInput | None:
        self._scanners = [s for s in self._scanners if shiboken6.isValid(s)]
        for scanner in reversed(self._scanners):
            if scanner.in_scope(widget):
                return scanner
        return None

    def _handler_for(self, widget: QWidget | None) -> QWidget | None:
        self._handlers = [h for h in self._handlers if shiboken6.isValid(h)]
        shown = [h for h in self._handlers if h.isVisible()]
        window = widget.window() if widget is not None and shiboken6.isValid(widget) else None
        for handler in shown:
            probe = window
            while probe is not None:
                if probe is handler:
                    return handler
                probe = probe.parentWidget()
        return shown[0] if shown else None

    # -- events -----------------------------------------------------------------------

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.InputMethod):
            return False
        if not isinstance(obj, QWidget):
            return False  # the window-system side; its widget gets the event next
        if self._replaying:
            return self._to_scanner(obj, event)  # a field's own burst rule still sees them
        if self._held and obj is not self._target:
            self._flush()  # the keys went elsewhere (focus moved): what was held is typing
        scanner = self._scanner_for(obj)
        if scanner is not None and not is_text_field(obj):
            return scanner.eventFilter(obj, event)  # the screen collects these itself
        if self._gate(obj, event):
            return True
        return self._to_scanner(obj, event)

    def _to_scanner(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyRelease:
            return False
        scanner = self._scanner_for(obj)
        return scanner.eventFilter(obj, event) if scanner is not None else False

    def _gate(self, obj: QWidget, event: QEvent) -> bool:
        """True: the event is held back or taken as part of a scan."""
        kind = event.type()
        now = self.now() * 1000
        if kind == QEvent.Type.KeyRelease:
            key = event.key()  # type: ignore[attr-defined]
            if key in self._eat_release:
                self._eat_release.discard(key)
                return True
            if self._held:
                self._held.append(event.clone())
                return True
            return False
        if kind == QEvent.Type.KeyPress:
            key_event: QKeyEvent = event  # type: ignore[assignment]
            key = key_event.key()
            if key in _ENTER_KEYS:
                if now < self._swallow_enter_until:
                    self._swallow_enter_until = 0.0
                    self._eat_release.add(key)
                    return True
                if self._held and self._complete():
                    self._eat_release.add(key)
                    self._take()
                    return True
                self._flush()
                return False
            if self._held and key in _MODIFIER_KEYS:
                self._held.append(event.clone())  # the scanner's shift between capitals
                return True
            if key_event.modifiers() & _SHORTCUT_MODIFIERS:
                self._flush()
                return False
            added, preedit, composing = key_event.text(), None, self._composing
        else:
            im: QInputMethodEvent = event  # type: ignore[assignment]
            added, preedit = im.commitString(), im.preeditString()
            composing = bool(preedit)
            if not self._held and not (added or preedit):
                return False
        # Only what this event adds is looked at: a code is 130 (or 138) keys long.
        shape = self._continues(added, preedit, now)
        if shape is not None:
            self._hold(obj, event, shape, composing, now)
            return True
        if self._held:
            self._flush()
            return self._gate(obj, event)  # the key that broke a burst may start one
        return False

    def _continues(self, added: str, preedit: str | None, now: float) -> tuple[str, str] | None:
        """Could the held keys plus this event still begin a scanned badge code?

        ``added``: text this event types or commits; ``preedit``: what the input method
        now composes (None: unchanged). The held keys and this one as keys, or None."""
        new = added + (preedit or "")
        if not added and preedit is None:
            return None  # a key that types nothing (an arrow, Tab, F2 ...)
        if any(ch.isspace() or not ch.isprintable() for ch in new):
            return None
        committed = self._shape_committed + codes.normalize(added)
        composing = self._shape_preedit if preedit is None else codes.normalize(preedit)
        shape = committed + composing
        if not shape or len(shape) > _length_of(shape) or not _CODE_START.fullmatch(shape):
            return None
        if self._times:
            limit = PAUSE_MS if self._chars() >= MIN_BURST else HUMAN_GAP_MS
            if now - self._times[-1] > limit:
                return None
        return committed, composing

    def _hold(
        self, obj: QWidget, event: QEvent, shape: tuple[str, str], composing: bool, now: float
    ) -> None:
        self._target = obj
        self._held.append(event.clone())
        self._shape_committed, self._shape_preedit = shape
        self._composing = composing
        self._times.append(now)
        self._timer.start(PAUSE_MS if self._chars() >= MIN_BURST else HUMAN_GAP_MS)

    def _shape(self) -> str:
        return self._shape_committed + self._shape_preedit

    def _chars(self) -> int:
        return len(self._shape())

    def _complete(self) -> bool:
        shape = self._shape()
        return len(shape) == codes.expected_chars(shape) and bool(_CODE_START.fullmatch(shape))

    def _clear(self) -> tuple[list[QEvent], QWidget | None]:
        held, target = self._held, self._target
        self._held, self._target = [], None
        self._shape_committed = self._shape_preedit = ""
        self._composing = False
        self._times = []
        self._timer.stop()
        return held, target

    def _flush(self) -> None:
        """A person typed the held keys: deliver them, in order, where they were going."""
        if not self._held:
            return
        held, target = self._clear()
        if target is None or not shiboken6.isValid(target):
            return
        self._replaying = True
        try:
            for event in held:
                QApplication.sendEvent(target, event)
        finally:
            self._replaying = False

    def _take(self) -> None:
        """The held keys are a badge code: a scan, and none of it reaches the widget."""
        code = self._shape()
        composing = self._composing
        _held, target = self._clear()
        if composing:
            QGuiApplication.inputMethod().reset()  # the IME forgets the half syllable
        self.scans += 1
        scanner = self._scanner_for(target) if target is not None else None
        if scanner is not None:
            scanner.take_scan(code)
            return
        log.info("a badge was scanned in a dialog; handing it to the window")
        # Later, not inside the key event: the handler may open or close dialogs.
        QTimer.singleShot(0, self, lambda: self._hand_to_window(code, target))

    def _hand_to_window(self, code: str, target: QWidget | None) -> None:
        handler = self._handler_for(target)
        if handler is None:
            log.warning("a badge was scanned where no window takes scans; ignored")
            return
        if target is not None and not shiboken6.isValid(target):
            target = None
        handler.scan_elsewhere(code, target)  # type: ignore[attr-defined]

    def _on_pause(self) -> None:
        if not self._held:
            return
        count = self._chars()
        if self._complete():
            # A scanner set to send no Enter (or a late one): the code is whole.
            self._take()
            self._swallow_enter_until = self.now() * 1000 + PAUSE_MS
            return
        times = self._times
        mean_gap = (times[-1] - times[0]) / max(1, len(times) - 1)
        if count >= MIN_BURST and mean_gap < FAST_GAP_MS:
            _held, target = self._clear()
            self.dropped += 1
            log.info("dropped an incomplete scan (%d characters)", count)
            scanner = self._scanner_for(target) if target is not None else None
            if scanner is not None:
                scanner.dropped.emit(count)
            return
        self._flush()
