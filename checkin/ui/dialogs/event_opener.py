"""Opening an event in the app: choose a file, ask the passphrase, name the station.

Used at start-up (the last file, a file given on the command line, the demo, or the
first-run choices) and by the Event menu. Errors a person can act on are shown calmly
and lead back to a choice; nothing here leaves a half-open file behind.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from checkin import errors, paths
from checkin.clock import SYSTEM_CLOCK, Clock
from checkin.door import demo
from checkin.event.files import EventFile, open_event_file
from checkin.protect import pin as pin_mod
from checkin.protect import retention
from checkin.ui import i18n
from checkin.ui.dialogs.create_event_dialog import CreateEventDialog
from checkin.ui.dialogs.start_dialog import CREATE, DEMO, OPEN, StartDialog
from checkin.ui.dialogs.station_dialog import StationDialog
from checkin.ui.preferences import Preferences
from checkin.ui.session import EventSession
from checkin.ui.widgets import error_dialog, instance_guard
from checkin.ui.widgets.passphrase_dialog import PassphraseDialog
from checkin.ui.widgets.pin_dialog import PinDialog

log = logging.getLogger(__name__)

DEMO_ATTENDEES = 500


class EventOpener:
    def __init__(
        self, prefs: Preferences, parent: QWidget | None = None, clock: Clock = SYSTEM_CLOCK
    ) -> None:
        self.prefs = prefs
        self.parent = parent
        self.clock = clock
        # Set when a file turned out to be open in another app on this computer, which
        # was brought to the front: at start-up this app then has nothing to do.
        self.handed_over: errors.AlreadyOpen | None = None

    def tr(self, text: str) -> str:
        return QCoreApplication.translate("EventOpener", text)

    # -- the ways in ----------------------------------------------------------------

    def open_path(
        self,
        path: str | Path,
        passphrase: str | None = None,
        list_id: str | None = None,
        station: str | None = None,
        is_demo: bool = False,
    ) -> EventSession | None:
        """Open ``path`` (asking for the passphrase if needed); None if it did not open.

        A file already open in another app on this computer is not opened again: that
        app comes to the front and the person is told so (``handed_over``).
        """
        claim = self._claim(path)
        if claim is None:
            return None
        wrong = False
        while True:
            try:
                ef = open_event_file(path, passphrase)
                break
            except errors.PassphraseRequired:
                pass
            except errors.WrongPassphrase:
                wrong = True
            except errors.CheckinError as exc:
                log.info("could not open an event file: %s", exc.code)
                claim.release()
                error_dialog.show_error(self.parent, exc)
                return None
            passphrase = PassphraseDialog.ask(path, wrong, self.parent)
            if passphrase is None:
                claim.release()
                return None
        return self._start_session(ef, passphrase, list_id, station, is_demo, claim)

    def _claim(self, path: str | Path) -> instance_guard.FileClaim | None:
        raiser = instance_guard.bring_to_front(self.parent) if self.parent is not None else None
        try:
            return instance_guard.claim(path, raiser)
        except errors.AlreadyOpen as exc:
            self.handed_over = exc
            error_dialog.show_error(self.parent, exc)
            return None

    def _start_session(
        self,
        ef: EventFile,
        passphrase: str | None,
        list_id: str | None,
        station: str | None,
        is_demo: bool,
        claim: instance_guard.FileClaim | None = None,
    ) -> EventSession | None:
        choice = self.prefs.station(ef.path)
        try:
            self._deletion_date(ef)
            session = EventSession(
                ef, passphrase, self.clock, list_id or choice.list_id, is_demo=is_demo
            )
            session.claim = claim
            if list_id and list_id != session.list_id:
                error_dialog.show_error(
                    self.parent,
                    errors.InvalidInput(
                        f"No check-in list {list_id!r}; using {session.list_id!r}.",
                        f"체크인 목록 {list_id!r} 이(가) 없어 {session.list_id!r} 을(를) 씁니다.",
                        "list",
                    ),
                )
            session.operator = choice.operator
            if station:
                session.set_station(name=station)
                choice.confirmed = True
        except errors.CheckinError as exc:
            ef.close()
            if claim is not None:
                claim.release()
            error_dialog.show_error(self.parent, exc)
            return None
        if not choice.confirmed and not is_demo:
            dialog = StationDialog(session, self.parent)
            dialog.exec()
            dialog.deleteLater()
            choice.confirmed = True
        choice.list_id = session.list_id
        choice.operator = session.operator
        self.prefs.last_file = str(Path(ef.path).resolve())
        self.prefs.save()
        return session

    def _deletion_date(self, ef: EventFile) -> None:
        """Past the event's deletion date opening wipes the file (checkin.protect.retention);
        in the seven days before, warn. The core decides; this shows what it did."""
        lang = i18n.current_language()
        done, warning = retention.on_open(ef, self.clock, lang, lambda _date: self._unlock(ef))
        if done is not None:
            en, ko = done.message()
            QMessageBox.information(
                self.parent, self.tr("Personal data deleted"), ko if lang == "ko" else en
            )
        elif warning is not None:
            QMessageBox.warning(
                self.parent, self.tr("Personal data will be deleted soon"),
                warning[1] if lang == "ko" else warning[0],
            )  # fmt: skip

    def _unlock(self, ef: EventFile) -> bool:
        """A door kiosk's file past its deletion date: the organizer's kiosk unlock code,
        checked by the core (lockout, audit log). False if cancelled (it stays closed)."""

        def verify(code: str) -> bool:
            try:
                return retention.organizer_unlocks(ef, self.clock, code)
            except errors.PinLocked:
                return False  # the dialog shows the lockout

        return PinDialog.ask_verified(
            self.parent, verify,
            lambda: pin_mod.pin_state(ef).remaining_ms(self.clock.now_ms()),
            purpose="past_deletion", unlock_code=True,
        )  # fmt: skip

    def open_demo(self) -> EventSession | None:
        path = paths.demo_event_path()
        if not path.exists():
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                demo.build_demo(path, DEMO_ATTENDEES).close()
            except errors.CheckinError as exc:
                error_dialog.show_error(self.parent, exc)
                return None
            finally:
                QGuiApplication.restoreOverrideCursor()
        return self.open_path(path, is_demo=True)

    def choose_and_open(self) -> EventSession | None:
        start = str(Path(self.prefs.last_file).parent) if self.prefs.last_file else ""
        chosen, _ = QFileDialog.getOpenFileName(
            self.parent,
            self.tr("Open an event file"),
            start,
            self.tr("Event files (*.checkin *.db);;All files (*)"),
        )
        if not chosen:
            return None
        return self.open_path(chosen)

    def create_new(self) -> EventSession | None:
        dialog = CreateEventDialog(self.parent, self.clock)
        created = dialog.exec()
        dialog.deleteLater()
        if not created or dialog.event_file is None:
            return None
        claim = self._claim(dialog.event_file.path)  # a new file: open nowhere else
        if claim is None:
            dialog.event_file.close()
            return None
        return self._start_session(dialog.event_file, dialog.passphrase, None, None, False, claim)

    def first_run(self, message: str = "") -> EventSession | None:
        """The start choices, until an event is open or the person closes the window."""
        while True:
            dialog = StartDialog(self.parent, message)
            dialog.language_chosen.connect(self._remember_language)
            chosen = dialog.exec()
            dialog.deleteLater()
            if not chosen or dialog.choice is None:
                return None
            session = None
            if dialog.choice == OPEN:
                session = self.choose_and_open()
            elif dialog.choice == CREATE:
                session = self.create_new()
            elif dialog.choice == DEMO:
                session = self.open_demo()
            if session is not None or self.handed_over is not None:
                return session
            message = ""

    def _remember_language(self, lang: str) -> None:
        self.prefs.language = lang
        self.prefs.save()

    def last_file(self) -> str | None:
        last = self.prefs.last_file
        return last if last and Path(last).is_file() else None
