"""Plain data the core hands out: attendees, check-ins, scan results, statistics.

All frozen dataclasses; nothing here touches the database or Qt.
"""

from __future__ import annotations

import builtins
from dataclasses import asdict, dataclass, field, fields, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from checkin.door.outcomes import Kind


class Status(StrEnum):
    """The engine's answer to a scan (or a check-in from search), as stored with a refused
    scan and reported in JSON. What it means at the door, in words, is its finer
    ``ScanResult.kind`` (``checkin.door.outcomes``)."""

    OK = "ok"
    ALREADY_IN = "already_in"
    INVALID = "invalid"
    WRONG_EVENT = "wrong_event"
    SUPERSEDED = "superseded"
    CANCELLED = "cancelled"


class Action(StrEnum):
    ENTRY = "entry"
    EXIT = "exit"
    UNDO = "undo"


class Role(StrEnum):
    ORGANIZER = "organizer"
    DESK = "desk"
    SCAN_ONLY = "scan-only"


REGISTERED = "registered"
CANCELLED = "cancelled"

# Fields a person can set on an attendee (and that sync merges field by field).
EDITABLE_FIELDS = (
    "display_name",
    "full_name",
    "category",
    "organization",
    "phone",
    "email",
    "language",
    "no_photo",
    "access_needs",
    "notes",
    "external_id",
    "status",
    "consent_at",
    "consent_version",
    "consents",
    "under_14",
    "guardian_relation",
    "group_name",  # the group's label; its key follows it (``checkin.people.groups``)
)
# Fields that are personal data beyond the display name (stripped on scan-only
# stations, wiped when an event is closed, left out of default exports). A group's
# label ("김철수 가족", "○○협회 대표단") says who belongs with whom: personal too.
PERSONAL_FIELDS = (
    "full_name", "phone", "email", "notes", "access_needs", "external_id", "group_name",
)  # fmt: skip
# Fields a scan-only station never gets from a core read (``checkin.protect.access``). Access
# needs stay: the door must know about a wheelchair or an interpreter. The group's key
# stays too: the door checks a family in together without knowing the group's name.
HIDDEN_ON_SCAN_ONLY = ("full_name", "phone", "email", "notes", "external_id", "group_name")


@dataclass(frozen=True, slots=True)
class Attendee:
    rid: int
    id: str
    reg_no: str
    display_name: str
    full_name: str
    category: str
    organization: str
    phone: str
    email: str
    language: str
    no_photo: bool
    access_needs: str
    notes: str
    external_id: str
    status: str
    badge_version: int
    created_at: int
    updated_at: int
    created_station: str
    updated_station: str
    consent_at: int | None = None  # when they agreed to the data use (ms); None: not here
    consent_version: str = ""  # which wording they agreed to (checkin.protect.consent.VERSION)
    consents: str = ""  # each consent item's answer, JSON (checkin.protect.consent.answers)
    under_14: bool = False  # a guardian answers for them (checkin.protect.consent.check)
    guardian_relation: str = ""  # the guardian who agreed: only their relation
    group_name: str = ""  # a family or delegation checked in together (its label)
    group_key: str = ""  # the group's opaque key, derived from the label (``people.groups``)

    @classmethod
    def from_row(cls, row: Any) -> Attendee:
        """A record from a row of ``SELECT {ATTENDEE_COLUMNS}`` (the columns its fields name)."""
        values = list(row)
        for i in _ATTENDEE_FLAGS:
            if i < len(values):
                values[i] = bool(values[i])
        return cls(*values)

    @property
    def cancelled(self) -> bool:
        return self.status == CANCELLED

    def redacted(self) -> Attendee:
        """This record as a scan-only station may see it (``HIDDEN_ON_SCAN_ONLY`` empty)."""
        if not any(getattr(self, name) for name in HIDDEN_ON_SCAN_ONLY):
            return self
        return replace(
            self, full_name="", phone="", email="", notes="", external_id="", group_name=""
        )

    @property
    def phone_last4(self) -> str:
        digits = "".join(ch for ch in self.phone if ch.isdigit())
        return digits[-4:]

    def to_json(self, personal: bool = True) -> dict[str, Any]:
        data = asdict(self)
        data.pop("rid")
        if not personal:
            for name in PERSONAL_FIELDS:
                data.pop(name, None)
        return data


@dataclass(frozen=True, slots=True)
class CheckIn:
    """One row of the check-in log."""

    id: str
    attendee_id: str
    list: str
    action: str
    at_ms: int
    station_id: str
    station_name: str
    method: str
    operator: str = ""
    reason: str = ""
    undoes: str | None = None
    badge_version: int | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


# The columns to select for a record, made from its fields: a query and the record it
# fills cannot disagree on an order (``Attendee.from_row``, ``CheckIn(*row)``).
ATTENDEE_COLUMNS = ", ".join(f.name for f in fields(Attendee))
CHECKIN_COLUMNS = ", ".join(f.name for f in fields(CheckIn))
# SQLite hands back 0/1 for these: the record's booleans, found by name.
_ATTENDEE_FLAGS = tuple(
    i for i, f in enumerate(fields(Attendee)) if f.name in ("no_photo", "under_14")
)


@dataclass(frozen=True, slots=True)
class ScanResult:
    """What the engine answers to a scan; the UI only paints it.

    ``kind`` is the outcome as the door shows it (``checkin.door.outcomes.Kind``: its
    words, tone and look); ``status`` the coarser answer it reports."""

    status: Status
    list: str
    action: str
    kind: Kind
    attendee: Attendee | None = None
    attendee_id: str | None = None
    checkin: CheckIn | None = None  # the row written (status ok)
    previous: CheckIn | None = None  # the entry that already admitted them
    unsynced: bool = False  # admitted on a valid code for an attendee not yet synced
    reason: str = ""  # why a code is invalid: not_ours, damaged, forged, ...
    was_inside: bool | None = None  # for exits: were they recorded inside?
    # A check-only station's answer (``CheckinEngine.validate``): what an entrance would
    # say, nothing recorded. ``already_in`` is then the good news.
    check_only: bool = False

    @property
    def ok(self) -> bool:
        return self.status is Status.OK

    def to_json(self, personal: bool = False) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "status": self.status.value,
            "kind": str(self.kind),
            "list": self.list,
            "action": self.action,
            "attendee_id": self.attendee_id,
            "attendee": self.attendee.to_json(personal) if self.attendee else None,
            "checkin": self.checkin.to_json() if self.checkin else None,
            "previous": self.previous.to_json() if self.previous else None,
            "unsynced": self.unsynced,
            "reason": self.reason,
            "was_inside": self.was_inside,
            "check_only": self.check_only,
        }


@dataclass(frozen=True, slots=True)
class CategoryCount:
    category: str
    expected: int
    checked_in: int
    inside: int


@dataclass(frozen=True, slots=True)
class Stats:
    list: str
    expected: int  # registered (not cancelled) attendees
    checked_in: int  # attendees with at least one entry on this list
    inside: int  # checked in and not exited
    cancelled: int
    unsynced: int  # checked-in attendees this file has no record of yet
    by_category: builtins.list[CategoryCount] = field(default_factory=builtins.list)
    by_station: dict[str, int] = field(default_factory=dict)
    anonymous: int = 0  # admitted without being registered (counted in checked_in)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Station:
    station_id: str
    name: str
    station_no: int
    role: Role


@dataclass(frozen=True, slots=True)
class SearchHit:
    attendee: Attendee
    score: tuple[int, ...]
    matched: str  # which index matched: name, given, initials, romanized, phone, reg_no
