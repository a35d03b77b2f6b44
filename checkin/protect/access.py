"""Who may do what at this station: its role, and organizer access by the PIN.

Two separate questions, both answered in the core (the UI only hides what the core
refuses anyway):

- **What the station sees** follows its role, stored in the event file (``local.role``)
  and fixed when the station was provisioned. A *scan-only* station never gets an
  attendee's full name, phone, email, notes or external id from any core read:
  ``attendees.get``/``find``/``view_detail``, ``search.search`` (which on such a station
  also matches only display names and registration numbers, never full names or
  phone digits) and the engine's scan results all hand out redacted records
  (``Attendee.redacted``). Access needs stay: the door needs them. A scan-only station
  cannot add or edit attendees (``attendees`` refuses) nor export personal fields.
- **Below organizer** (a desk station once the event has a PIN, the PIN not entered)
  the same reads, given the caller's ``Access``, mask the full name, phone and email
  (홍*동, 010-****-5678, a***@example.org; ``checkin.protect.masking``); the display name stays
  as printed on the badge. The organizer sees them whole, and the detail view records
  which fields it showed whole.
- **Organizer access** (exports, the report, the paper door list, the audit log) needs
  the event's organizer PIN, checked through ``pin.check_pin`` (lockout, audit), and
  lasts ``ELEVATION_MS`` (15 minutes) on the injected clock, or until ``drop()`` (the
  app drops it when the kiosk is locked). **When the event has no PIN, whoever runs
  the app (unlocked) or the command line is the organizer**: there is nothing to check
  them against. Setting a PIN is what makes exports need it.

An ``Access`` is plain data (no connection): the UI keeps one per open event and hands
it to worker threads; the command line makes one per command.
"""

from __future__ import annotations

from checkin import errors
from checkin.clock import SYSTEM_CLOCK, Clock
from checkin.db.eventfile import EventFile
from checkin.models import Role
from checkin.protect import pin as pin_mod
from checkin.protect.texts import ProtectTexts as T

ELEVATION_MS = 15 * 60 * 1000
REASON_MAX = 200

# Why personal data leaves the app: the short choice list the GUI and the command line
# offer (code, English, Korean). A reason is "code" or "code: free text" or free text.
REASONS: tuple[tuple[str, str, str], ...] = tuple(
    (code, text.en, text.ko)
    for code, text in (
        ("door", T.reason_door),
        ("badges", T.reason_badges),
        ("report", T.reason_report),
        ("request", T.reason_request),
        ("authority", T.reason_authority),
        ("audit", T.reason_audit),
        ("other", T.reason_other),
    )
)
_INVISIBLE = (
    {0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF}
    | set(range(0x202A, 0x202F))
    | set(range(0x2066, 0x206A))
)


def clean_reason(text: str) -> str:
    """One line, no invisible or direction-override characters, at most REASON_MAX."""
    kept = "".join(ch for ch in str(text or "") if ord(ch) not in _INVISIBLE and ch.isprintable())
    return " ".join(kept.split())[:REASON_MAX]


def reason_choices(lang: str) -> str:
    return ", ".join(f"{code} ({ko if lang == 'ko' else en})" for code, en, ko in REASONS)


def station_role(ef: EventFile) -> Role:
    return Role(ef.execute("SELECT role FROM local").fetchone()[0])


class Access:
    """This station's role, the operator's initials, and organizer elevation."""

    def __init__(
        self,
        role: Role,
        clock: Clock = SYSTEM_CLOCK,
        operator: str = "",
        *,
        require_reasons: bool = False,
    ) -> None:
        self.role = Role(role)
        self.clock = clock
        self.operator = operator
        self._until_ms = 0
        # Why the next export happens (see ``with_reason``). The app and the command
        # line set ``require_reasons``: then every export and audit-log read refuses to
        # run without one (``check_reason``), and the reason goes into the audit row.
        self.reason = ""
        self.require_reasons = require_reasons

    @classmethod
    def for_file(
        cls,
        ef: EventFile,
        clock: Clock = SYSTEM_CLOCK,
        operator: str = "",
        *,
        require_reasons: bool = False,
    ) -> Access:
        return cls(station_role(ef), clock, operator, require_reasons=require_reasons)

    def with_reason(self, reason: str) -> Access:
        """A copy for one export, carrying its reason (elevation and operator kept)."""
        made = Access(self.role, self.clock, self.operator, require_reasons=self.require_reasons)
        made._until_ms = self._until_ms
        made.reason = clean_reason(reason)
        return made

    def check_reason(self) -> None:
        if self.require_reasons and not self.reason:
            raise errors.ReasonRequired(reason_choices("en"), reason_choices("ko"))

    def export_detail(self, detail: dict[str, object]) -> dict[str, object]:
        """An export's audit detail with the reason (checked first)."""
        self.check_reason()
        return {**detail, "reason": self.reason} if self.reason else detail

    @classmethod
    def standing_order(cls, clock: Clock, operator: str) -> Access:
        """Organizer access for what the organizer ordered in advance and the app carries
        out on its own (the deletion date's final report): no PIN to ask anyone for."""
        made = cls(Role.ORGANIZER, clock, operator)
        made._until_ms = clock.now_ms() + 60_000
        made.reason = "report: the event's deletion date"
        return made

    def __repr__(self) -> str:
        return f"<Access {self.role.value}{' elevated' if self.elevated else ''}>"

    # -- what the station sees and does ----------------------------------------------

    @property
    def personal(self) -> bool:
        """May this station see personal fields beyond the display name?"""
        return self.role is not Role.SCAN_ONLY

    @property
    def can_edit(self) -> bool:
        return self.role is not Role.SCAN_ONLY

    def require_editor(self) -> None:
        if not self.can_edit:
            raise errors.NotAllowed(T.scan_only_station_register_edit)

    # -- organizer -------------------------------------------------------------------

    @property
    def elevated(self) -> bool:
        """Was the organizer PIN entered here, less than ``ELEVATION_MS`` ago?"""
        return self.clock.now_ms() < self._until_ms

    @property
    def elevated_until_ms(self) -> int:
        return self._until_ms

    def is_organizer(self, ef: EventFile) -> bool:
        """Organizer access: the PIN entered recently, or no PIN set for the event."""
        return self.elevated or not pin_mod.has_pin(ef)

    def require_organizer(self, ef: EventFile) -> None:
        if not self.is_organizer(ef):
            raise errors.OrganizerRequired()

    def elevate(self, ef: EventFile, pin: str) -> pin_mod.PinCheck:
        """Check ``pin`` (with the lockout, recorded in the audit log); a right PIN grants
        organizer access for ``ELEVATION_MS``."""
        result = pin_mod.check_pin(ef, self.clock, pin, self.operator)
        if result.ok:
            self._until_ms = self.clock.now_ms() + ELEVATION_MS
        return result

    def elevate_or_raise(self, ef: EventFile, pin: str) -> None:
        """``elevate``, raising ``PinLocked`` or ``WrongPin`` when it does not work."""
        result = self.elevate(ef, pin)
        if result.ok:
            return
        now = self.clock.now_ms()
        if result.state.remaining_ms(now):
            raise errors.PinLocked(result.state.remaining_seconds(now))
        raise errors.WrongPin()

    def drop(self) -> None:
        """End organizer access now (the kiosk was locked, the organizer stepped away)."""
        self._until_ms = 0
