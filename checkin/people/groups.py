"""Groups: a family or a delegation that arrives together and is checked in together.

An attendee's group is two fields, always written together (``with_key``):

- ``group_name``, the label a person typed or imported ("김철수 가족", "○○협회
  대표단"). It says who belongs with whom, so it is handled like the other personal
  fields (``models.PERSONAL_FIELDS``): masked below organizer (``checkin.protect.masking``),
  never handed to a scan-only station, left out of a station provisioned without
  personal fields, out of default exports, wiped when the event is closed.
- ``group_key``, an opaque key: HMAC-SHA256 of the label's canonical form (NFKC, case
  folded, spaces removed, so "김씨 가족" and "김씨가족" are one group) under a key
  derived from the event's sync secret. Every station that can register people (the
  organizer and the desks derive the secret from the badge-signing key) computes the
  same key for the same label, so two desks that register one family before they sync
  still put it in one group. It is all a door needs to find the other members: a
  scan-only station checks a family in together without ever holding the label. The
  key hides the label from a reader of the file, not from someone who holds the
  event's keys and guesses labels; that is why the label itself is stripped.

A door offers the whole group when it admits one member (``offer``): the others with
their state (still to come, already inside, cancelled), display names only (they are
printed on the badges anyway). ``checkin.door.engine.CheckinEngine.check_in_group``
admits the ticked ones in one transaction.
"""

from __future__ import annotations

import hashlib
import hmac
import unicodedata
from dataclasses import dataclass
from typing import Any

from checkin import errors
from checkin.models import CANCELLED
from checkin.sync import state as sync_state

# A delegation of 200 is already a crowd; a group check-in never writes more at once.
MAX_MEMBERS = 200
KEY_BYTES = 16

WAITING = "waiting"  # registered, not inside on this list: offered, ticked
INSIDE = "inside"  # already checked in on this list
CANCELLED_STATE = "cancelled"  # registration cancelled: never checked in with the group


def canonical(label: str) -> str:
    """The form two labels share when they name the same group."""
    text = unicodedata.normalize("NFKC", str(label or "")).casefold()
    return "".join(text.split())


def _event_key(conn: Any) -> bytes:
    secret = sync_state.sync_secret(conn)
    if secret is None:
        raise errors.NotAllowed(
            "This station cannot set groups (it holds none of the event's keys).",
            "이 기기에서는 그룹을 정할 수 없습니다 (행사 키가 없습니다).",
        )
    event_id = conn.execute("SELECT event_id FROM event").fetchone()[0]
    return hmac.new(secret, f"checkin group key v1|{event_id}".encode(), hashlib.sha256).digest()


def key_for(conn: Any, label: str) -> str:
    """The group key of ``label`` ("" for no group)."""
    text = canonical(label)
    if not text:
        return ""
    return hmac.new(_event_key(conn), text.encode(), hashlib.sha256).digest()[:KEY_BYTES].hex()


def with_key(conn: Any, values: dict[str, Any]) -> dict[str, Any]:
    """``values`` with the group key beside a group name (the two are written together)."""
    if "group_name" not in values:
        values.pop("group_key", None)  # never set on its own
        return values
    return {**values, "group_key": key_for(conn, values["group_name"])}


class KeyCache:
    """``key_for`` for many rows (an import): the event key derived once, labels cached."""

    def __init__(self, conn: Any) -> None:
        self._conn = conn
        self._event: bytes | None = None
        self._keys: dict[str, str] = {}

    def __call__(self, label: str) -> str:
        text = canonical(label)
        if not text:
            return ""
        found = self._keys.get(text)
        if found is None:
            if self._event is None:
                self._event = _event_key(self._conn)
            digest = hmac.new(self._event, text.encode(), hashlib.sha256).digest()
            found = self._keys[text] = digest[:KEY_BYTES].hex()
        return found


# --- the members of a group -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Member:
    attendee_id: str
    display_name: str  # as printed on the badge
    state: str  # WAITING, INSIDE or CANCELLED_STATE


@dataclass(frozen=True, slots=True)
class GroupOffer:
    """The group of an attendee just admitted (``trigger_id``), as a door offers it."""

    trigger_id: str
    list_id: str
    members: tuple[Member, ...]  # the others, in registration order

    @property
    def size(self) -> int:
        """Everyone in the group, the one just admitted included."""
        return len(self.members) + 1

    @property
    def waiting(self) -> list[Member]:
        """The members a door can check in now (ticked by default)."""
        return [m for m in self.members if m.state == WAITING]


# "group_key != ''" lets SQLite use the partial index attendees_group (a bound "= ?"
# alone does not imply it): without it every offer scanned the whole table (24 ms at
# 20,000 attendees, 0.5 ms with the index).
_MEMBERS_SQL = (
    "SELECT a.id, a.display_name, a.status, coalesce(x.inside, 0) FROM attendees a "
    "LEFT JOIN attendance x ON x.attendee_id = a.id AND x.list = ? "
    "WHERE a.group_key = ? AND a.group_key != '' ORDER BY a.rid LIMIT ?"
)


def members_in(conn: Any, group_key: str, list_id: str) -> list[Member]:
    """Everyone with ``group_key``, with their state on ``list_id`` (registration order)."""
    if not group_key:
        return []
    found = []
    for attendee_id, name, status, inside in conn.execute(
        _MEMBERS_SQL, (list_id, group_key, MAX_MEMBERS + 1)
    ):
        state = CANCELLED_STATE if status == CANCELLED else INSIDE if inside else WAITING
        found.append(Member(attendee_id, name, state))
    return found


def offer(conn: Any, attendee_id: str, group_key: str, list_id: str) -> GroupOffer | None:
    """The rest of ``attendee_id``'s group, or None when they have no group or came alone
    (nobody else in it). One indexed read: a door asks after every admission."""
    if not group_key:
        return None
    others = tuple(m for m in members_in(conn, group_key, list_id) if m.attendee_id != attendee_id)
    if not others:
        return None
    return GroupOffer(attendee_id, list_id, others[:MAX_MEMBERS])


def offer_in(ef: Any, attendee_id: str, group_key: str, list_id: str) -> GroupOffer | None:
    """``offer`` on the event file ``ef`` (its own read): for the app, which runs no SQL."""
    with ef.read() as conn:
        return offer(conn, attendee_id, group_key, list_id)


def members(ef: Any, attendee_id: str, list_id: str = "main") -> list[Member]:
    """The whole group of ``attendee_id`` (themselves included), or [] without one."""
    with ef.read() as conn:
        row = conn.execute(
            "SELECT group_key FROM attendees WHERE id = ?", (attendee_id,)
        ).fetchone()
        if row is None:
            raise errors.AttendeeNotFound(attendee_id)
        return members_in(conn, row[0], list_id)
