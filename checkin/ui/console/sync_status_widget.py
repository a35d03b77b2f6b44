"""Sync status, always visible: last sync, peers seen, pending items, a sync-now button.

Reads the status from the event file it is given (the UI thread's connection; small
local queries) and listens to a ``SyncService`` for rounds and, given the event's
``session``, to its ``data_changed`` (a scan or an edit moves "not yet sent"). Buttons
open the sync settings, the double-entry list and, at the organizer's station, the
lost-station kit. Meant to sit in the main window's status area.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from checkin.door import messages
from checkin.event import settings as settings_mod
from checkin.event.files import EventFile
from checkin.sync import status as status_mod
from checkin.sync.rounds import SyncOutcome
from checkin.ui import i18n, theme
from checkin.ui.console.double_entry_dialog import DoubleEntryDialog
from checkin.ui.console.lost_station_dialog import LostStationDialog
from checkin.ui.console.sync_service import SyncService
from checkin.ui.console.sync_settings_dialog import SyncSettingsDialog
from checkin.ui.session import Changes, EventSession
from checkin.ui.theme import Color

OK_COLOR = Color.SUCCESS
BUSY_COLOR = Color.ACCENT
OFFLINE_COLOR = Color.OFFLINE
PROBLEM_COLOR = Color.DANGER
REFRESH_SOON_MS = 500  # scans in a burst: one count, not one per scan
REFRESH_EVERY_MS = 15_000  # and a slow look anyway (e.g. a check-in made by the CLI)


class SyncStatusWidget(QWidget):
    settingsChanged = Signal(object)  # SyncConfig

    def __init__(
        self,
        ef: EventFile,
        service: SyncService,
        parent: QWidget | None = None,
        allowed: Callable[[], bool] | None = None,
        session: EventSession | None = None,
    ) -> None:
        super().__init__(parent)
        self.ef = ef
        self.service = service
        # Asked before any button acts (the main window: the organizer PIN on a locked
        # kiosk); None: always allowed.
        self.allowed = allowed or (lambda: True)
        self.timezone = settings_mod.load(ef).timezone
        self._busy = False
        self._data: dict = {}
        self.dot = QLabel("●")
        self.state = QLabel()
        # The problem itself, a click away (a tooltip alone is unreachable on a touch
        # screen and unknown to most people). Not behind the PIN: it holds no personal
        # data and the volunteer may have to read it out to the organizer.
        self.details_button = QPushButton()
        self.details_button.setFlat(True)
        self.details_button.setObjectName("syncProblemDetails")
        self.details_button.clicked.connect(self.show_problem_details)
        self.peers = QLabel()
        self.pending = QLabel()
        self.doubles = QPushButton()
        self.doubles.setFlat(True)
        self.doubles.clicked.connect(lambda: self.allowed() and self.show_double_entries())
        self.sync_button = QPushButton()
        self.sync_button.clicked.connect(self._sync_now)
        self.settings_button = QPushButton()
        self.settings_button.clicked.connect(lambda: self.allowed() and self.open_settings())
        # The lost-station kit (organizer station only): retire a lost laptop's station
        # and write its incident sheet, as `checkin sync retire --lost` does.
        self.lost_button = QPushButton()
        self.lost_button.setObjectName("lostStationButton")
        self.lost_button.clicked.connect(lambda: self.allowed() and self.open_lost_station())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.setSpacing(6)
        parts = (self.dot, self.state, self.details_button, self.peers, self.pending, self.doubles)
        for i, w in enumerate(parts):
            if i > 2:  # a dot between the parts, so they read as separate facts
                layout.addWidget(QLabel("·"))
            layout.addWidget(w)
        layout.addStretch(1)
        layout.addWidget(self.sync_button)
        layout.addWidget(self.settings_button)
        layout.addWidget(self.lost_button)
        service.roundStarted.connect(self._started)
        service.roundFinished.connect(self._finished)
        # The counts change with every scan, sync on or off (with sync off no round ever
        # finishes, and "not yet sent" stayed at what it was when the event opened).
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(REFRESH_SOON_MS)
        self._soon.timeout.connect(self._refresh_if_shown)
        self._every = QTimer(self)
        self._every.setInterval(REFRESH_EVERY_MS)
        self._every.timeout.connect(self._refresh_if_shown)
        self._every.start()
        self.session = session
        if session is not None:
            session.data_changed.connect(self.on_data_changed)
        self.refresh()

    def _sync_now(self) -> None:
        if self.allowed():
            self.service.sync_now()

    # -- data -----------------------------------------------------------------------

    def refresh(self) -> None:
        self._soon.stop()
        self._data = status_mod.status(self.ef)
        self.retranslate()

    def _refresh_if_shown(self) -> None:
        if self.isVisible():  # a window being closed, its event file too, is not asked
            self.refresh()

    def stop(self) -> None:
        """The event is closing: no more counting."""
        self._soon.stop()
        self._every.stop()

    @Slot(object)
    def on_data_changed(self, _changes: Changes) -> None:
        """The session's ``data_changed``: "not yet sent" moves, sync on or off."""
        self.refresh_soon()

    def refresh_soon(self) -> None:
        """Something was written (a scan, an edit): count again shortly."""
        if not self._soon.isActive():
            self._soon.start()

    def _started(self) -> None:
        self._busy = True
        self.retranslate()

    def _finished(self, outcome: SyncOutcome) -> None:
        self._busy = False
        self.refresh()

    # -- painting -------------------------------------------------------------------

    def retranslate(self) -> None:
        data = self._data
        outcome = self.service.last
        lang = i18n.current_language()
        last_at = data.get("last_ok_sync_at")
        when = messages.format_time(last_at, self.timezone) if last_at else ""
        if not self.service.config.enabled:
            text, color = self.tr("Sync is off"), OFFLINE_COLOR
            if when:
                text = self.tr("Sync is off (last %1)").replace("%1", when)
        elif self._busy:
            text, color = self.tr("Syncing…"), BUSY_COLOR
        elif outcome is not None and not outcome.online:
            text = self.tr("Offline: scanning goes on, sync catches up later")
            color = OFFLINE_COLOR
        elif outcome is not None and outcome.problems:
            text, color = self.tr("Sync problem: see details"), PROBLEM_COLOR
        elif when:
            text, color = self.tr("Synced %1").replace("%1", when), OK_COLOR
        else:
            text, color = self.tr("Not synced yet"), OFFLINE_COLOR
        problems = outcome.problem_text(lang) if outcome and outcome.problems else ""
        warning = data.get("key_warning")
        if warning and not self._busy:
            # a kiosk file from an older version still holds the event's sync secret
            text, color = self.tr("Old kiosk file: provision it again (details)"), PROBLEM_COLOR
            problems = "\n\n".join(
                p for p in (warning["ko" if lang == "ko" else "en"], problems) if p
            )
        self.state.setText(text)
        self.state.setToolTip(problems)
        self.details_button.setText(self.tr("Details…"))
        self.details_button.setToolTip(problems)
        self.details_button.setVisible(bool(problems) and not self._busy)
        self.dot.setStyleSheet(theme.dot(color))
        self.peers.setText(self.tr("Peers seen: %1").replace("%1", str(data.get("peers_seen", 0))))
        self.pending.setText(self.tr("Not yet sent: %1").replace("%1", str(data.get("pending", 0))))
        doubles = int(data.get("double_entries", 0))
        self.doubles.setText(self.tr("Double entries: %1").replace("%1", str(doubles)))
        self.doubles.setStyleSheet(f"color: {PROBLEM_COLOR};" if doubles else "")
        self.sync_button.setText(self.tr("Sync now"))
        self.sync_button.setEnabled(self.service.config.enabled and not self._busy)
        self.settings_button.setText(self.tr("Sync settings…"))
        self.lost_button.setText(self.tr("Lost station…"))
        self.lost_button.setToolTip(
            self.tr("A station's laptop was lost or stolen: retire it and write the incident sheet")
        )
        self.lost_button.setVisible(data.get("station", {}).get("role") == "organizer")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- actions --------------------------------------------------------------------

    def open_settings(self) -> SyncSettingsDialog:
        dialog = SyncSettingsDialog(self.ef, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.settingsSaved.connect(self._apply)
        dialog.open()
        return dialog

    def _apply(self, config: object) -> None:
        if isinstance(config, status_mod.SyncConfig):
            self.service.set_config(config)
            self.settingsChanged.emit(config)
            self.service.sync_now()
        self.refresh()

    def open_lost_station(self) -> LostStationDialog:
        dialog = LostStationDialog(self.ef, self.service.clock, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: self._lost_station_done())
        dialog.open()
        return dialog

    def _lost_station_done(self) -> None:
        """A station may have been retired (an event setting): every screen re-reads the
        settings (the engine its keys); without a session, this widget alone."""
        if self.session is not None:
            self.session.changed(Changes(settings=True))
        self.refresh()

    def show_problem_details(self) -> QMessageBox | None:
        outcome = self.service.last
        lang = i18n.current_language()
        warning = self._data.get("key_warning")
        texts = [warning["ko" if lang == "ko" else "en"]] if warning else []
        if outcome is not None and outcome.problems:
            texts.append(outcome.problem_text(lang))
        if not texts:
            return None
        box = QMessageBox(self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Sync problem"))
        box.setText("\n\n".join(texts))
        box.setInformativeText(
            self.tr("Scanning goes on at this station. Show this to the organizer.")
        )
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.open()
        return box

    def show_double_entries(self) -> DoubleEntryDialog:
        dialog = DoubleEntryDialog(self.ef, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
