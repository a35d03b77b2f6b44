"""Kiosk mode: full screen, and no way to menus, settings, exports or quitting without
the organizer PIN.

The lock belongs to the main window: locking hides the menu bar, disables every
organizer action (and so its shortcut), goes full screen and refuses to close; only
the PIN (``checkin.pin``, stored hashed in the event settings) unlocks it. There is no
lock without a PIN: locking first asks an organizer to set one. Locking drops organizer
access (``session.access``); unlocking with the PIN grants it again. Wrong PINs count
towards the station's lockout (the dialog counts it down).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMainWindow

from checkin import errors
from checkin.ui.pin_dialog import PinDialog
from checkin.ui.session import EventSession

log = logging.getLogger(__name__)


class KioskLock(QObject):
    changed = Signal(bool)

    def __init__(self, window: QMainWindow, session: Callable[[], EventSession | None]) -> None:
        super().__init__(window)
        self._window = window
        self._session = session
        self._locked = False
        self._was_maximized = False

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

    def request_unlock(self) -> bool:
        """Ask for the PIN; unlock if it is right. False if cancelled."""
        if not self._locked:
            return True
        session = self._session()
        if session is None:
            self.unlock()
            return True
        if PinDialog.ask_verified(self._window, session.verify_pin, session.pin_locked_ms,
                                  unlock_code=session.uses_unlock_code()):  # fmt: skip
            self.unlock()
            return True
        log.info("kiosk unlock cancelled")
        return False

    def unlock(self) -> None:
        if not self._locked:
            return
        self._locked = False
        self._window.menuBar().show()
        if self._was_maximized:
            self._window.showMaximized()
        else:
            self._window.showNormal()
        log.info("kiosk unlocked")
        self.changed.emit(False)
