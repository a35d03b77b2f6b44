"""The check-in screen at the door.

Header: event, station and check-in list. Body, one thing at a time and full width:
"scan a badge" (with the camera preview and the last outcomes beside it), the big
result of the last scan, or the name search. Footer: live counters and the few
buttons a volunteer needs (search, undo the last check-in, camera).

Every scan is one call into the engine, committed before the screen turns green;
the screen only paints the result. A result goes back to "scan a badge" by itself
after a few seconds, or at the next scan. When scans come faster than a person reads,
a problem result (red, amber) stays up for at least ``HOLD_MS`` and the results behind
it wait their turn; every scan is recorded at once either way.
"""

from __future__ import annotations

import collections
import logging
import time

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from checkin import errors
from checkin.models import ScanResult, Status
from checkin.protect import retention
from checkin.ui import i18n, theme
from checkin.ui.kiosk.camera_scanner import CameraScanner
from checkin.ui.kiosk.counters_widget import CountersWidget
from checkin.ui.kiosk.ready_panel import ReadyPanel
from checkin.ui.kiosk.recent_scans import RecentScans
from checkin.ui.kiosk.result_panel import LOOKS, ResultPanel, outcome_kind
from checkin.ui.kiosk.scanner_input import ScannerInput
from checkin.ui.kiosk.search_panel import SearchPanel
from checkin.ui.kiosk.sounds import Sounds
from checkin.ui.session import EventSession
from checkin.ui.theme import Color, Size
from checkin.ui.widgets import error_dialog, fonts
from checkin.ui.widgets.icons import icon

log = logging.getLogger(__name__)

HOLD_MS = 1500  # a problem result stays at least this long when others are waiting
DOUBLE_READ_MS = 10_000  # the same badge again this soon at this kiosk: one person
UNDO_REASON = "undone at the kiosk"
NOTICE_MS = 5000
UNDO_NAME_PX = 170  # the name in the undo button, at most (a 1024-pixel footer)


class ScanScreen(QWidget):
    """Scanner, camera and name search in; big results, sounds and counters out."""

    lock_clicked = Signal()
    language_clicked = Signal()
    result_shown = Signal(str)  # the outcome kind, after the panel was updated

    def __init__(
        self,
        session: EventSession,
        sounds: Sounds | None = None,
        result_seconds: int = 4,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("scanScreen")
        self.session = session
        self.sounds = sounds or Sounds(enabled=False)
        self.result_seconds = result_seconds
        self.self_service = False
        self.direction = "entry"  # "exit" at an exit door
        self.locked = False
        self.last_result: ScanResult | None = None
        self._last_ok: ScanResult | None = None  # what "undo" would undo
        self._queue: collections.deque[tuple[str, object]] = collections.deque()
        self._shown_at = 0.0
        # Keys go to the scanner wherever focus is here; no input method on the screen
        # itself, so a Korean IME left on does not turn scanned codes into Hangul.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)

        # -- header
        self.header = QFrame()
        self.header.setObjectName("scanHeader")
        self.event_title = QLabel()
        self.event_title.setObjectName("eventTitle")
        self.event_title.setFont(fonts.app_font(Size.TITLE, True))
        self.station_label = QLabel()
        self.station_label.setObjectName("stationLabel")
        self.station_label.setFont(fonts.app_font(Size.READ))
        self.language_button = QPushButton()
        self.language_button.setObjectName("languageButton")
        self.language_button.setFont(fonts.app_font(Size.BODY, True))
        self.language_button.clicked.connect(self.language_clicked)
        # A person who will not be registered at all is still let in (PIPA: entry may
        # not hang on giving personal data): category, time and door only.
        self.anonymous_button = QPushButton()
        self.anonymous_button.setObjectName("anonymousButton")
        self.anonymous_button.clicked.connect(lambda: self.admit_anonymous())
        self.anonymous_button.setFont(fonts.app_font(Size.BODY, True))
        self.lock_button = QPushButton()
        self.lock_button.setObjectName("lockButton")
        self.lock_button.setIcon(icon("lock", Color.WHITE))
        self.lock_button.setFont(fonts.app_font(Size.BODY))
        self.lock_button.clicked.connect(self.lock_clicked)
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.event_title)
        titles.addWidget(self.station_label)
        head = QHBoxLayout(self.header)
        head.setContentsMargins(24, 10, 16, 10)
        head.addLayout(titles, 1)
        head.addWidget(self.anonymous_button)
        head.addWidget(self.language_button)
        head.addWidget(self.lock_button)

        # -- body
        self.camera = CameraScanner()
        self.camera.code_seen.connect(self._on_camera_code)
        self.camera.state_changed.connect(self._on_camera_state)
        self.recent = RecentScans(session)
        self.counters = CountersWidget(session)
        self.ready = ReadyPanel(self.camera, self.counters, self.recent)
        self.result_panel = ResultPanel(session)
        self.search = SearchPanel(session)
        self.search.check_in_requested.connect(self.check_in_attendee)
        self.search.close_requested.connect(self.show_ready)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.ready)
        self.stack.addWidget(self.result_panel)
        self.stack.addWidget(self.search)
        self.stack.currentChanged.connect(self._update_footer)

        # -- footer
        self.total_label = QLabel("…")
        self.total_label.setObjectName("footerTotal")
        self.total_label.setFont(fonts.app_font(Size.SUBHEAD, True))
        self.total_caption = QLabel()
        self.total_caption.setFont(fonts.app_font(Size.CAPTION))
        self.counters.totals_changed.connect(self.total_label.setText)
        totals = QVBoxLayout()
        totals.setSpacing(0)
        totals.addWidget(self.total_caption)
        totals.addWidget(self.total_label)
        self.search_button = QPushButton()
        self.search_button.setObjectName("searchButton")
        self.search_button.setIcon(icon("search"))
        self.search_button.clicked.connect(lambda: self.show_search(""))
        self.undo_button = QPushButton()
        self.undo_button.setObjectName("undoButton")
        self.undo_button.setIcon(icon("undo"))
        self.undo_button.clicked.connect(self.undo_last)
        self.undo_button.setEnabled(False)
        self.camera_button = QPushButton()
        self.camera_button.setObjectName("cameraButton")
        self.camera_button.setIcon(icon("camera"))
        self.camera_button.setCheckable(True)
        self.camera_button.toggled.connect(self.set_camera)
        for button in (self.search_button, self.undo_button, self.camera_button):
            button.setFont(fonts.app_font(Size.EMPHASIS, True))
            button.setMinimumHeight(56)
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.footer = QFrame()
        self.footer.setObjectName("scanFooter")
        foot = QHBoxLayout(self.footer)
        foot.setContentsMargins(24, 10, 24, 12)
        foot.setSpacing(14)
        foot.addLayout(totals)
        foot.addStretch(1)
        foot.addWidget(self.search_button)
        foot.addWidget(self.undo_button)
        foot.addWidget(self.camera_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.footer)

        # -- input
        self.scanner = ScannerInput(self)
        self.scanner.scanned.connect(self.handle_code)
        self.scanner.typed.connect(self._on_typed)
        self.scanner.dropped.connect(self._on_dropped)
        self._return_timer = QTimer(self)
        self._return_timer.setSingleShot(True)
        self._return_timer.timeout.connect(self.show_ready)
        self._queue_timer = QTimer(self)
        self._queue_timer.setSingleShot(True)
        self._queue_timer.timeout.connect(self._show_next_queued)
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.timeout.connect(lambda: self.ready.show_notice(""))
        self._shortcuts = [
            self._shortcut("F2", lambda: self.show_search("")),
            self._shortcut("Ctrl+Z", self.undo_last),
            self._shortcut("F4", self.camera_button.toggle),
            self._shortcut("Esc", self.show_ready),
        ]
        session.station_changed.connect(self.retranslate)
        session.settings_changed.connect(self.retranslate)
        self.setStyleSheet(STYLE)
        self.retranslate()
        self.refresh_closed()

    def _shortcut(self, keys: str, slot) -> QShortcut:  # type: ignore[no-untyped-def]
        shortcut = QShortcut(QKeySequence(keys), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)
        return shortcut

    # -- texts ----------------------------------------------------------------------

    def retranslate(self) -> None:
        lang = i18n.current_language()
        self.event_title.setText(self.session.title(lang))
        station = (
            self.tr("Station: %1   ·   List: %2")
            .replace("%1", self.session.station_name)
            .replace("%2", self.session.list_label(lang))
        )
        if self.direction == "exit":
            station += "   ·   " + self.tr("EXIT")
        self.station_label.setText(station)
        # The language button names the *other* language, in that language.
        self.language_button.setText("English" if lang == "ko" else "한국어")
        self.language_button.setToolTip(self.tr("Switch language"))
        self.lock_button.setText(self.tr("Unlock") if self.locked else self.tr("Lock"))
        self.search_button.setText(self.tr("Search by name (F2)"))
        self.anonymous_button.setText(self.tr("Admit unregistered"))
        self.anonymous_button.setToolTip(
            self.tr("Let in a person who does not want to be registered: only their category, "
                    "the time and this door are kept.")
        )  # fmt: skip
        self._update_undo_button()
        self.camera_button.setText(
            self.tr("Camera off (F4)") if self.camera_button.isChecked() else self.tr("Camera (F4)")
        )
        self.total_caption.setText(self.tr("Checked in / expected"))
        self.counters.set_show_categories(not self.self_service)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _update_undo_button(self) -> None:
        last = self._last_ok
        if last is not None and last.attendee is not None and last.attendee.display_name:
            # A long name ends in "…", never the shortcut ("Undo: … (Ctrl+Z" at 1024 px).
            name = QFontMetrics(self.undo_button.font()).elidedText(
                last.attendee.display_name, Qt.TextElideMode.ElideRight, UNDO_NAME_PX
            )
            self.undo_button.setText(self.tr("Undo: %1 (Ctrl+Z)").replace("%1", name))
            self.undo_button.setToolTip(last.attendee.display_name)
        else:
            self.undo_button.setText(self.tr("Undo last check-in (Ctrl+Z)"))
            self.undo_button.setToolTip("")
        self.undo_button.setEnabled(last is not None and not self.self_service)

    # -- modes ----------------------------------------------------------------------

    def refresh_closed(self) -> bool:
        """Say so on screen once the event is closed (here or, by sync, elsewhere): the
        wiped names leave the recent list, the undo button and the search. True if closed."""
        with self.session.ef.read() as conn:
            closed = retention.is_closed(conn)
        if closed:
            self.recent.clear()
            self._last_ok = None
        self.ready.set_closed(closed)
        self.search.set_event_closed(closed)
        self._update_undo_button()
        return closed

    def set_direction(self, direction: str) -> None:
        """Entry (the default) or exit: an exit door records people leaving."""
        self.direction = "exit" if direction == "exit" else "entry"
        self.ready.set_direction(self.direction)
        self.retranslate()

    def set_self_service(self, on: bool) -> None:
        """Attendees scan their own badge: no search, no undo, no names of others."""
        self.self_service = on
        self.search_button.setVisible(not on)
        self.undo_button.setVisible(not on)
        self.anonymous_button.setVisible(not on)
        self.result_panel.self_service = on
        self.ready.set_self_service(on)
        if on:
            self.recent.clear()
            self.search.reset()
            self.show_ready()
        self._update_footer()
        self.retranslate()

    def _update_footer(self) -> None:
        # The ready view shows the counters in full; elsewhere the footer keeps the total.
        show = not self.self_service and self.stack.currentWidget() is not self.ready
        self.total_label.setVisible(show)
        self.total_caption.setVisible(show)

    def set_locked(self, locked: bool) -> None:
        self.locked = locked
        self.retranslate()

    # -- showing --------------------------------------------------------------------

    def show_ready(self) -> None:
        self._return_timer.stop()
        if self._queue:
            self._show_next_queued()
            return
        self.search.reset()
        self.stack.setCurrentWidget(self.ready)
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_search(self, text: str = "") -> None:
        if self.self_service:
            return
        self._return_timer.stop()
        self.stack.setCurrentWidget(self.search)
        self.search.start(text)

    def _on_typed(self, text: str) -> None:
        if self.self_service:
            return
        current = self.search.field.text() if self.stack.currentWidget() is self.search else ""
        self.show_search(current + text)

    def _on_dropped(self, count: int) -> None:
        self.ready.show_notice(self.tr("The last scan was incomplete. Please scan again."))
        self._notice_timer.start(NOTICE_MS)

    def _display(self, kind: str, payload: object) -> None:
        """Put an outcome on the panel now, or queue it behind a problem result."""
        now = time.monotonic() * 1000
        showing = self.stack.currentWidget() is self.result_panel
        if (
            showing
            and self.result_panel.is_problem
            and (now - self._shown_at < HOLD_MS or self._queue)
        ):
            self._queue.append((kind, payload))
            self.result_panel.set_pending(len(self._queue))
            if not self._queue_timer.isActive():
                self._queue_timer.start(max(1, int(HOLD_MS - (now - self._shown_at))))
            return
        self._paint(kind, payload)

    def _paint(self, kind: str, payload: object) -> None:
        if kind == "result":
            shown = self.result_panel.show_result(payload, len(self._queue))  # type: ignore[arg-type]
        elif kind == "undone":
            self.result_panel.show_undone(payload)  # type: ignore[arg-type]
            shown = "undone"
        else:
            self.result_panel.show_error(payload)  # type: ignore[arg-type]
            shown = "error"
        self._shown_at = time.monotonic() * 1000
        self.stack.setCurrentWidget(self.result_panel)
        if self.stack.currentWidget() is not self.search and not self.hasFocus():
            self.setFocus(Qt.FocusReason.OtherFocusReason)
        seconds = self.result_seconds * (2 if self.result_panel.is_problem else 1)
        if self.self_service:
            seconds = max(3, seconds - 1)
        self._return_timer.start(seconds * 1000)
        if self._queue:
            self._queue_timer.start(HOLD_MS)
        self.result_shown.emit(shown)

    def _show_next_queued(self) -> None:
        if not self._queue:
            return
        kind, payload = self._queue.popleft()
        self._paint(kind, payload)

    # -- scanning -------------------------------------------------------------------

    def handle_code(self, text: str, method: str = "scan") -> ScanResult | None:
        """One scanned code: recorded by the engine, then shown. Never raises."""
        if not text.strip():
            return None
        method = "self" if self.self_service else method
        try:
            result = self.session.engine.scan(
                text,
                list=self.session.list_id,
                direction=self.direction,
                method=method,
                operator=self.session.operator,
            )
        except errors.CheckinError as exc:
            self._show_error(exc)
            return None
        except Exception as exc:
            self._unexpected(exc)
            return None
        self.present(result)
        return result

    def _on_camera_code(self, text: str) -> None:
        self.handle_code(text, method="camera")

    def admit_anonymous(self, category: str | None = None) -> ScanResult | None:
        """Let in someone who will not be registered: ask the category, record nothing
        else (``engine.admit_anonymous``)."""
        if category is None:
            lang = i18n.current_language()
            cats = list(self.session.settings.categories)
            labels = [c.label(lang) for c in cats]
            chosen, ok = QInputDialog.getItem(
                self, self.tr("Admit without registering"),
                self.tr("Their category (nothing else is recorded):"), labels, 0, False,
            )  # fmt: skip
            if not ok or chosen not in labels:
                return None
            category = cats[labels.index(chosen)].id
        try:
            result = self.session.engine.admit_anonymous(
                category, list=self.session.list_id, operator=self.session.operator
            )
        except errors.CheckinError as exc:
            self._show_error(exc)
            return None
        self.present(result)
        return result

    def check_in_attendee(self, attendee_id: str) -> ScanResult | None:
        """Check in from the name search (one click or Enter)."""
        try:
            result = self.session.engine.check_in(
                attendee_id,
                list=self.session.list_id,
                direction=self.direction,
                method="search",
                operator=self.session.operator,
            )
        except errors.CheckinError as exc:
            self._show_error(exc)
            return None
        except Exception as exc:
            self._unexpected(exc)
            return None
        self.search.reset()
        self.present(result)
        return result

    def present(self, result: ScanResult) -> None:
        """Counters, recent list, sound and panel for one engine result."""
        self.last_result = result
        if self._is_double_read(result):
            # The scanner read the same badge twice: still the person just admitted.
            self.sounds.play(LOOKS["ok"].sound)
            self._display("result", self._last_ok)
            return
        kind = outcome_kind(result)
        if result.ok and result.checkin is not None:
            self._last_ok = result
            self.counters.apply(result)
        self._update_undo_button()
        name = result.attendee.display_name if result.attendee else ""
        self.recent.add(kind, self.session.clock.now_ms(), name)
        self.sounds.play(LOOKS[kind].sound)
        self._display("result", result)

    def _is_double_read(self, result: ScanResult) -> bool:
        last = self._last_ok
        return (
            result.status is Status.ALREADY_IN
            and last is not None
            and last.checkin is not None
            and result.previous is not None
            and result.previous.id == last.checkin.id
            and self.session.clock.now_ms() - last.checkin.at_ms < DOUBLE_READ_MS
        )

    def undo_last(self) -> None:
        """Undo the last check-in made at this kiosk (one button, Ctrl+Z)."""
        last = self._last_ok
        if last is None or last.checkin is None or self.self_service:
            return
        try:
            self.session.engine.undo(
                checkin_id=last.checkin.id,
                reason=UNDO_REASON,
                list=last.list,
                operator=self.session.operator,
            )
        except errors.CheckinError as exc:
            self._last_ok = None
            self._update_undo_button()
            self._show_error(exc)
            return
        except Exception as exc:
            self._unexpected(exc)
            return
        self._last_ok = None
        self._update_undo_button()
        self.counters.changed()
        name = last.attendee.display_name if last.attendee else ""
        self.recent.add("undone", self.session.clock.now_ms(), name)
        self.sounds.play("undo")
        self._display("undone", last.attendee)

    def _show_error(self, exc: errors.CheckinError) -> None:
        log.warning("scan not saved: %s", exc.code)
        self.sounds.play("error")
        self._display("error", exc)

    def _unexpected(self, exc: Exception) -> None:
        log.exception("unexpected error at the scan screen")
        error_dialog.show_error(self.window(), exc)
        self.show_ready()

    # -- camera ---------------------------------------------------------------------

    def set_camera(self, on: bool) -> None:
        if self.camera_button.isChecked() != on:
            self.camera_button.setChecked(on)  # comes back here through toggled
            return
        if on:
            self.camera.start()
        else:
            self.camera.stop()
        self.retranslate()

    def _on_camera_state(self, state: str) -> None:
        if state in ("none", "error", "denied") and self.camera_button.isChecked():
            self.camera_button.blockSignals(True)
            self.camera_button.setChecked(False)
            self.camera_button.blockSignals(False)
            self.retranslate()

    # -- life -----------------------------------------------------------------------

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        self.scanner.activate()
        if self.camera_button.isChecked() and self.camera.state == "off":
            self.camera.start()  # back from another page
        if self.stack.currentWidget() is self.ready:
            self.setFocus(Qt.FocusReason.OtherFocusReason)

    def hideEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        # Another page is shown (or the window is minimized): no scans behind its back.
        self.scanner.deactivate()
        self.camera.stop()
        super().hideEvent(event)

    def shutdown(self) -> None:
        """Stop threads and the camera (before the window or the event closes)."""
        self.scanner.deactivate()
        self._return_timer.stop()
        self._queue_timer.stop()
        self.camera.shutdown()
        self.counters.shutdown()

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.shutdown()
        super().closeEvent(event)


STYLE = theme.KIOSK  # the kiosk's style sheet lives with the palette
