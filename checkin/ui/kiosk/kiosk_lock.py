"""Kiosk mode: full screen, and no way to menus, settings, exports or quitting without
the organizer PIN.

The lock belongs to the main window: locking hides the menu bar, disables every
organizer action (and so its shortcut), goes full screen and refuses to close; only
the PIN (``checkin.protect.pin``, stored hashed in the event settings) unlocks it. There is no
lock without a PIN: locking first asks an organizer to set one. Locking drops organizer
access (``session.access``); unlocking with the PIN grants it again. Wrong PINs count
towards the station's lockout (the dialog counts it down).

Unlocking *for one action* (an organizer menu item reached on a locked kiosk) is not a
lasting unlock: the kiosk locks itself again as soon as that action is over (no dialog
open, the check-in screen showing again) and, at the latest, after ``RELOCK_IDLE_MS``
without a key press or a click. Only the lock button's "Unlock" unlocks for good.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMainWindow

from checkin import errors
from checkin.ui.session import EventSession
from checkin.ui.widgets.pin_dialog import PinDialog

log = logging.getLogger(__name__)

RELOCK_CHECK_MS = 500  # how often a kiosk unlocked for one action looks if it is over
RELOCK_IDLE_MS = 120_000  # ... and relocks anyway after this long without input
_INPUT = (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel)


class KioskLock(QObject):
    changed = Signal(bool)

    def __init__(
        self,
        window: QMainWindow,
        session: Callable[[], EventSession | None],
        action_over: Callable[[], bool] | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._session = session
        self._locked = False
        self._was_maximized = False
        # Unlocked for one action: relock when ``action_over()`` (default: no modal
        # dialog open) or after ``relock_idle_ms`` without input.
        self._action_over = action_over or (lambda: QApplication.activeModalWidget() is None)
        self._monotonic = monotonic
        self.relock_idle_ms = RELOCK_IDLE_MS
        self.temporary = False
        self._last_input = 0.0
        self._relock_timer = QTimer(self)
        self._relock_timer.setInterval(RELOCK_CHECK_MS)
        self._relock_timer.timeout.connect(self._check_relock)

    @property
    def locked(self) -> bool:
        return self._locked

    def lock(self) -> bool:
        """Lock the kiosk; asks for a new PIN first if the event has none. False if not locked."""
        session = self._session()
        if session is None:
            return False
        if not session.has_pin():
            new_pin = PinDialog.ask_new(self._window)
            if new_pin is None:
                return False
            try:
                session.set_pin(new_pin)
            except errors.CheckinError:
                log.warning("could not store the organizer PIN", exc_info=True)
                raise
        if self._locked:
            return True
        self._end_temporary()
        if not session.can_check_pin():
            raise errors.NotAllowed(
                "This kiosk cannot check the organizer PIN and has no kiosk unlock code "
                "(it was set up by an older version): it was not locked. Ask the organizer "
                "to make a new station package for it.",
                "이 키오스크는 운영자 PIN을 확인할 수 없고 키오스크 잠금 해제 코드도 없습니다 "
                "(이전 버전으로 준비됨). 잠그지 않았습니다. 주최자에게 새 기기 파일을 "
                "만들어 달라고 하세요.",
            )
        self._locked = True
        session.access.drop()  # whoever stands at the kiosk now is not the organizer
        self._was_maximized = self._window.isMaximized()
        self._window.menuBar().hide()
        self._window.showFullScreen()
        log.info("kiosk locked")
        self.changed.emit(True)
        return True

    def request_unlock(self, for_action: bool = False) -> bool:
        """Ask for the PIN; unlock if it is right. False if cancelled.

        ``for_action``: only for the action being started; the kiosk relocks by itself
        once it is over (or left idle). Without it (the lock button), a full unlock,
        which also ends an earlier unlock-for-one-action."""
        if not self._locked:
            if not for_action:
                self._end_temporary()
            return True
        session = self._session()
        if session is None:
            self.unlock()
            return True
        if PinDialog.ask_verified(self._window, session.verify_pin, session.pin_locked_ms,
                                  unlock_code=session.uses_unlock_code()):  # fmt: skip
            self.unlock(temporary=for_action)
            return True
        log.info("kiosk unlock cancelled")
        return False

    def unlock(self, temporary: bool = False) -> None:
        if not self._locked:
            return
        if temporary:
            self.temporary = True
            self._last_input = self._monotonic()
            app = QApplication.instance()
            if app is not None:
                app.installEventFilter(self)
            self._relock_timer.start()
        self._locked = False
        self._window.menuBar().show()
        if self._was_maximized:
            self._window.showMaximized()
        else:
            self._window.showNormal()
        log.info("kiosk unlocked%s", " for one action" if temporary else "")
        self.changed.emit(False)

    # -- relocking after one action ----------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT:
            self._last_input = self._monotonic()
        return False

    def _check_relock(self) -> None:
        if not self.temporary or self._locked:
            self._end_temporary()
            return
        idle_ms = (self._monotonic() - self._last_input) * 1000
        idle = idle_ms >= self.relock_idle_ms
        if idle or self._action_over():
            log.info("kiosk locked again after one action%s", " (left idle)" if idle else "")
            self.lock()

    def _end_temporary(self) -> None:
        if not self.temporary:
            return
        self.temporary = False
        self._relock_timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
