"""The open event as the windows see it: the file, the engine, settings, this station.

One ``EventSession`` per open event file, passed to every screen that needs the
database (no global connection). Screens that a later feature adds (registration desk,
dashboard) take the same object.

What changed in the file is said once, on the session: whoever writes (the scan screen,
a dialog, an import, a sync round, closing the event) calls ``changed(Changes)``, and
every screen that shows the data subscribes to ``data_changed`` and refreshes what it
needs (the counters, the attendee list, the dashboard, the sync status). Nobody has to
know who is listening.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from checkin.clock import SYSTEM_CLOCK, Clock
from checkin.door import modes
from checkin.door.engine import MAX_OPERATOR, CheckinEngine
from checkin.event import identity as event_mod
from checkin.event import settings as settings_mod
from checkin.event.files import EventFile
from checkin.protect import pin as pin_mod
from checkin.protect.access import Access
from checkin.ui.theme import Color
from checkin.ui.widgets.instance_guard import FileClaim
from checkin.ui.worker import EventFileSpec

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Changes:
    """What changed in the event file, and where it came from."""

    checkins: bool = False  # the check-in log: counts, who is inside
    attendees: bool = False  # attendee records
    settings: bool = False  # the event's settings (lists, categories, keys): re-read them
    closed: bool = False  # the event may have been closed: personal data wiped
    by_scan: bool = False  # at this kiosk's scan screen (which counted it already)
    by_sync: bool = False  # from other stations


SCANNED = Changes(checkins=True, by_scan=True)  # a scan, a check-in from search, an undo
EDITED = Changes(checkins=True, attendees=True)  # a dialog, an import, paper ticks
SYNCED = Changes(checkins=True, attendees=True, settings=True, closed=True, by_sync=True)
CLOSED = Changes(checkins=True, attendees=True, closed=True)  # this station closed the event


class EventSession(QObject):
    """An open event file and what derives from it, for the UI thread."""

    settings_changed = Signal()
    station_changed = Signal()
    data_changed = Signal(object)  # Changes: refresh what shows them

    def __init__(
        self,
        ef: EventFile,
        passphrase: str | None = None,
        clock: Clock = SYSTEM_CLOCK,
        list_id: str | None = None,
        is_demo: bool = False,
    ) -> None:
        super().__init__()
        self.ef = ef
        self.passphrase = passphrase
        self.clock = clock
        self.is_demo = is_demo
        # This station's role and organizer access (the PIN, for 15 minutes); plain
        # data, safe to hand to worker threads with ``spec()``. See checkin.protect.access.
        self.access = Access.for_file(ef, clock)
        self.engine = CheckinEngine(ef, clock, self.access)  # scans masked below organizer
        self.access.require_reasons = True  # every export asks why (ui.reason_dialog)
        self.settings = settings_mod.load(ef)
        self.info = event_mod.info(ef)
        ids = self.settings.list_ids()
        self.list_id = list_id if list_id in ids else (ids[0] if ids else "main")
        # This app's claim on the file (checkin.ui.widgets.instance_guard), released on close.
        self.claim: FileClaim | None = None

    # -- identity ---------------------------------------------------------------------

    @property
    def operator(self) -> str:
        """Who works this station (initials): passed to every write made from the UI and
        recorded with audit entries (kept in ``access``, which workers get too)."""
        return self.access.operator

    @operator.setter
    def operator(self, value: str) -> None:
        self.access.operator = value

    @property
    def path(self) -> Path:
        return self.ef.path

    @property
    def station_name(self) -> str:
        return self.info.station.name

    @property
    def check_only(self) -> bool:
        """The organizer set this station to check only (``checkin.door.modes``)."""
        station_id = self.info.station.station_id
        return modes.mode_of(self.settings.extra, station_id) == modes.CHECK_ONLY

    def spec(self) -> EventFileSpec:
        """How a worker thread opens its own connection to this file."""
        return EventFileSpec(str(self.ef.path), self.passphrase)

    # -- labels -----------------------------------------------------------------------

    def title(self, lang: str) -> str:
        return self.settings.title(lang)

    def category_label(self, category_id: str, lang: str) -> str:
        cat = self.settings.category(category_id)
        return cat.label(lang) if cat else category_id

    def category_badge_label(self, category_id: str, lang: str) -> str:
        """What the badge prints: neutral for defectors and their families."""
        cat = self.settings.category(category_id)
        return cat.badge_label(lang) if cat else category_id

    def category_color(self, category_id: str) -> str:
        cat = self.settings.category(category_id)
        return cat.color if cat else Color.UNCATEGORISED

    def list_label(self, lang: str, list_id: str | None = None) -> str:
        wanted = list_id or self.list_id
        for li in self.settings.lists:
            if li.id == wanted:
                return li.label(lang)
        return wanted

    # -- changes ----------------------------------------------------------------------

    def changed(self, changes: Changes) -> None:
        """Tell every screen that ``changes`` happened (settings are re-read first)."""
        if changes.settings:
            self.reload_settings()
        self.data_changed.emit(changes)

    def reload_settings(self) -> None:
        self.settings = settings_mod.load(self.ef)
        self.engine.reload()
        if self.list_id not in self.settings.list_ids() and self.settings.lists:
            self.list_id = self.settings.lists[0].id
        self.settings_changed.emit()

    def set_station(
        self, name: str | None = None, list_id: str | None = None, operator: str | None = None
    ) -> None:
        """Rename this station, choose its check-in list and/or who works it."""
        if name is not None and name != self.station_name:
            event_mod.set_station_name(self.ef, name)
            self.info = event_mod.info(self.ef)
        if list_id is not None:
            if list_id not in self.settings.list_ids():
                raise ValueError(list_id)
            self.list_id = list_id
        if operator is not None:
            self.operator = " ".join(operator.split())[:MAX_OPERATOR]
        self.station_changed.emit()

    def has_pin(self) -> bool:
        return pin_mod.has_pin(self.ef)

    def uses_unlock_code(self) -> bool:
        """A scan-only kiosk unlocks with its own code, not the organizer PIN."""
        return pin_mod.uses_unlock_code(self.ef)

    def can_check_pin(self) -> bool:
        return pin_mod.can_check(self.ef)

    def verify_pin(self, pin: str) -> bool:
        """Check a typed PIN (lockout and audit log included); a right one grants
        organizer access (``self.access``)."""
        return self.access.elevate(self.ef, pin).ok

    def pin_locked_ms(self) -> int:
        """How long PIN entry stays locked at this station after too many wrong PINs."""
        return pin_mod.pin_state(self.ef).remaining_ms(self.clock.now_ms())

    def is_organizer(self) -> bool:
        return self.access.is_organizer(self.ef)

    def set_pin(self, pin: str) -> None:
        pin_mod.set_pin(self.ef, self.clock, pin)
        self.reload_settings()

    def close(self) -> None:
        self.ef.close()
        if self.claim is not None:
            self.claim.release()
            self.claim = None
