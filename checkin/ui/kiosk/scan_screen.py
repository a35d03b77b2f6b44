"""The check-in screen at the door.

Header: event, station and check-in list. Body, one thing at a time and full width:
"scan a badge" (with the camera preview and the last outcomes beside it), the big
result of the last scan, or the name search. Footer: live counters and the few
buttons a volunteer needs (search, undo the last check-in, camera).

Every scan is one call into the engine, committed before the screen turns green;
the screen only paints the result. A result goes back to "scan a badge" by itself
after a few seconds, or at the next scan. What shows when (a problem result held while
others wait, a badge read twice, what "undo" undoes) is decided by the Qt-free
``checkin.door.presenter.DoorPresenter``; this screen plays, paints and arms its timers.

Long because: the screen's Qt side in one class (its widgets, shortcuts, timers, sounds,
camera and the painting of each outcome); its rules already live in the presenter.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
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
from checkin.badges import discreet
from checkin.door.outcomes import Kind
from checkin.door.presenter import UNDO_REASON, DoorPresenter, Reaction, Shown
from checkin.models import ScanResult
from checkin.protect import retention
from checkin.ui import i18n, theme
from checkin.ui.kiosk.camera_scanner import CameraScanner
from checkin.ui.kiosk.check_only import HEADER_STYLE
from checkin.ui.kiosk.counters_widget import CountersWidget
from checkin.ui.kiosk.group_offer import GroupCheckins
from checkin.ui.kiosk.ready_panel import ReadyPanel
from checkin.ui.kiosk.recent_scans import RecentScans
from checkin.ui.kiosk.result_panel import ResultPanel, look_of
from checkin.ui.kiosk.scanner_input import ScannerInput
from checkin.ui.kiosk.search_panel import SearchPanel
from checkin.ui.kiosk.sounds import Sounds
from checkin.ui.session import SCANNED, Changes, EventSession
from checkin.ui.theme import Color, Size
from checkin.ui.widgets import error_dialog, fonts
from checkin.ui.widgets.icons import icon

log = logging.getLogger(__name__)

NOTICE_MS = 5000
UNDO_NAME_PX = 170  # the name in the undo button, at most (a 1024-pixel footer)


class ScanScreen(QWidget):
    """Scanner, camera and name search in; big results, sounds and counters out."""

    lock_clicked = Signal()
    language_clicked = Signal()
    result_shown = Signal(str)  # the outcome kind, after the panel was updated

    # Long because: builds its widgets, layouts and connections in screen order
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
        self.presenter = DoorPresenter(session.clock, result_seconds=result_seconds)
        self.self_service = False
        self.direction = "entry"  # "exit" at an exit door
        self.check_only = False  # the organizer's door mode: report, record nothing
        self.locked = False
        self.last_result: ScanResult | None = None
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
        self.groups = GroupCheckins(self)  # "check in the whole group (N)" on the panel
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
        session.data_changed.connect(self._on_data_changed)
        session.settings_changed.connect(self.apply_door_mode)
        self.setStyleSheet(STYLE)
        self.retranslate()
        self.refresh_closed()
        self.apply_door_mode()

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
        if self.check_only:
            station += "   ·   " + self.tr("CHECK ONLY")
        elif self.direction == "exit":
            station += "   ·   " + self.tr("EXIT")
        self.station_label.setText(station)
        self.ready.set_leave_message(*discreet.leave_message(self.session.settings))
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

    @property
    def result_seconds(self) -> int:
        return self.presenter.result_seconds

    @result_seconds.setter
    def result_seconds(self, seconds: int) -> None:
        self.presenter.result_seconds = seconds

    def _update_undo_button(self) -> None:
        last = self.presenter.last_ok
        if last is not None and self.groups.last:
            self.undo_button.setText(
                self.tr("Undo: group of %1 (Ctrl+Z)").replace("%1", str(len(self.groups.last)))
            )
            self.undo_button.setToolTip("")
        elif last is not None and last.attendee is not None and last.attendee.display_name:
            # A long name ends in "…", never the shortcut ("Undo: … (Ctrl+Z" at 1024 px).
            name = QFontMetrics(self.undo_button.font()).elidedText(
                last.attendee.display_name, Qt.TextElideMode.ElideRight, UNDO_NAME_PX
            )
            self.undo_button.setText(self.tr("Undo: %1 (Ctrl+Z)").replace("%1", name))
            self.undo_button.setToolTip(last.attendee.display_name)
        else:
            self.undo_button.setText(self.tr("Undo last check-in (Ctrl+Z)"))
            self.undo_button.setToolTip("")
        self.undo_button.setEnabled(self.presenter.can_undo)

    # -- modes ----------------------------------------------------------------------

    def refresh_closed(self) -> bool:
        """Say so on screen once the event is closed (here or, by sync, elsewhere): the
        wiped names leave the recent list, the undo button and the search. True if closed."""
        closed = retention.event_closed(self.session.ef)
        if closed:
            self.recent.clear()
            self.presenter.forget_undo()
        self.ready.set_closed(closed)
        self.search.set_event_closed(closed)
        self._update_undo_button()
        return closed

    def set_direction(self, direction: str) -> None:
        """Entry (the default) or exit: an exit door records people leaving."""
        self.direction = "exit" if direction == "exit" else "entry"
        self.ready.set_direction(self.direction)
        self.retranslate()

    def apply_door_mode(self) -> None:
        """Follow the organizer's mode for this station (``checkin.door.modes``; it can
        change with a sync): a check-only station scans, reports and records nothing, so
        it has no search, undo or admission without registering, and wears its colour."""
        on = self.session.check_only
        if on == self.check_only and self.header.styleSheet() == (HEADER_STYLE if on else ""):
            return
        self.check_only = on
        self.header.setStyleSheet(HEADER_STYLE if on else "")
        self.ready.set_check_only(on)
        self.result_panel.check_only = on
        self.presenter.forget_undo()
        self.groups.last = []
        self._show_buttons()
        if self.stack.currentWidget() is not self.ready:
            self.show_ready()
        self.retranslate()

    def _show_buttons(self) -> None:
        staffed = not self.self_service and not self.check_only
        self.search_button.setVisible(staffed)
        self.undo_button.setVisible(staffed)
        self.anonymous_button.setVisible(staffed)

    def set_self_service(self, on: bool) -> None:
        """Attendees scan their own badge: no search, no undo, no names of others."""
        self.self_service = on
        self.presenter.self_service = on
        self._show_buttons()
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
        self.groups.dismiss()
        if self.presenter.pending:
            self._show_next_queued()
            return
        self.search.reset()
        self.stack.setCurrentWidget(self.ready)
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_search(self, text: str = "") -> None:
        if self.self_service or self.check_only:
            return
        self._return_timer.stop()
        self.stack.setCurrentWidget(self.search)
        self.search.start(text)

    def _on_typed(self, text: str) -> None:
        if self.self_service or self.check_only:
            return
        current = self.search.field.text() if self.stack.currentWidget() is self.search else ""
        self.show_search(current + text)

    def _on_dropped(self, count: int) -> None:
        self.ready.show_notice(self.tr("The last scan was incomplete. Please scan again."))
        self._notice_timer.start(NOTICE_MS)

    def _react(self, reaction: Reaction) -> None:
        """Do what the presenter says for one outcome: counters, recent list, sound, panel."""
        if reaction.count is not None:
            self.counters.apply(reaction.count)
        if reaction.recount:
            self.counters.changed()
        self._update_undo_button()
        if reaction.recent is not None:
            self.recent.add(*reaction.recent)
        self.sounds.play(look_of(reaction.sound).sound)
        self._display(reaction.shown)

    def _display(self, shown: Shown) -> None:
        """Put an outcome on the panel now, or queue it behind a problem result."""
        due = self.presenter.offer(shown, self.stack.currentWidget() is self.result_panel)
        if due is None:
            self._paint(shown)
            return
        self.result_panel.set_pending(self.presenter.pending)
        if not self._queue_timer.isActive():
            self._queue_timer.start(due)

    def _paint(self, shown: Shown) -> None:
        self.groups.dismiss()
        pending = self.presenter.pending
        if shown.result is not None:
            self.result_panel.show_result(shown.result, pending)
            self.groups.offer_after(shown.result)
        elif shown.kind is Kind.UNDONE:
            self.result_panel.show_undone(shown.attendee)
        elif shown.error is not None:
            self.result_panel.show_error(shown.error)
        timing = self.presenter.painted(shown)
        self.stack.setCurrentWidget(self.result_panel)
        self.groups.fit()  # an offer on a short screen: room made before the first paint
        if self.stack.currentWidget() is not self.search and not self.hasFocus():
            self.setFocus(Qt.FocusReason.OtherFocusReason)
        self._return_timer.start(self.groups.hold_ms(timing.back_ms))
        if timing.next_ms is not None:
            self._queue_timer.start(timing.next_ms)
        self.result_shown.emit(str(shown.kind))

    def _show_next_queued(self) -> None:
        shown = self.presenter.next_queued()
        if shown is not None:
            self._paint(shown)

    # -- scanning -------------------------------------------------------------------

    def handle_code(self, text: str, method: str = "scan") -> ScanResult | None:
        """One scanned code: recorded by the engine, then shown. Never raises."""
        if not text.strip():
            return None
        method = "self" if self.self_service else method
        try:
            if self.check_only:  # reports what an entrance would say, records nothing
                result = self.session.engine.validate(
                    text, list=self.session.list_id, operator=self.session.operator
                )
            else:
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
        if self.check_only:
            return None
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
        if self.check_only:
            return None
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
        reaction = self.presenter.scanned(result)
        if self.presenter.last_ok is result:  # a check-in of its own: not the group's
            self.groups.last = []
        self._react(reaction)
        self.session.changed(SCANNED)  # written (a check-in or a refused scan)

    def undo_last(self) -> None:
        """Undo the last check-in made at this kiosk (one button, Ctrl+Z): a group
        admitted together is undone together."""
        last = self.presenter.undo_target()
        if last is None or last.checkin is None:
            return
        group = self.groups.last
        try:
            if group:
                self.session.engine.undo_group(
                    [r.checkin.id for r in group if r.checkin is not None],
                    reason=UNDO_REASON, operator=self.session.operator,
                )  # fmt: skip
            else:
                self.session.engine.undo(
                    checkin_id=last.checkin.id,
                    reason=UNDO_REASON,
                    list=last.list,
                    operator=self.session.operator,
                )
        except errors.CheckinError as exc:
            self.presenter.forget_undo()
            self.groups.last = []
            self._update_undo_button()
            self._show_error(exc)
            return
        except Exception as exc:
            self._unexpected(exc)
            return
        group, self.groups.last = self.groups.last, []
        if group:  # the others of the group first: the person scanned ends on top
            names = [r.attendee.display_name if r.attendee else "" for r in group[1:]]
            self.recent.add_many(Kind.UNDONE, self.session.clock.now_ms(), names)
        self._react(self.presenter.undone())
        self.session.changed(SCANNED)

    @Slot(object)
    def _on_data_changed(self, changes: Changes) -> None:
        """Written elsewhere (a dialog, an import, a sync, closing): count again; a
        closed event shows as closed. This screen's own scans are counted already."""
        if not changes.by_scan:
            self.counters.changed()
        if changes.closed:
            self.refresh_closed()

    def _show_error(self, exc: errors.CheckinError) -> None:
        log.warning("scan not saved: %s", exc.code)
        self._react(self.presenter.failed(exc))

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
