"""Small helpers for the kiosk tests."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from checkin.event import identity as event_mod
from checkin.people import attendees


def type_keys(widget, text: str) -> None:
    """Key presses carrying ``text``, Hangul included (QTest only types ASCII)."""
    for ch in text:
        key = ord(ch.upper()) if ch.isascii() and ch.isalnum() else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch))


def code_of(ef, attendee) -> str:
    return event_mod.badge_code(ef, attendee.id, attendee.badge_version)


def checkins(ef, attendee_id=None):
    sql = "SELECT attendee_id, action, method, list FROM checkins"
    params = ()
    if attendee_id:
        sql += " WHERE attendee_id = ?"
        params = (attendee_id,)
    return ef.execute(sql + " ORDER BY hlc", params).fetchall()


def by_name(people, name):
    return next(a for a in people if a.display_name == name)


def reload(ef, attendee):
    return attendees.get(ef, attendee.id)
