"""The check-in engine: one call per scan, one clear outcome, durably recorded.

Long because: every way in at the door (scan, manual check-in, exit, undo, check-only
validation, group check-in) decides with one ``_decide`` and writes with one
``_admit_in`` in the same transaction; splitting them would split that one rule.

``CheckinEngine.scan`` verifies the badge code (offline, with the event's public key),
looks the attendee up, decides the outcome and, for an admission, appends a row to the
check-in log and updates the derived attendance state, all in one transaction that is
committed (``synchronous=FULL``) before the result is returned. Rejected scans are
recorded too (``scan_attempts``), without the code itself.

Outcomes (``ScanResult.kind``, ``checkin.door.outcomes.Kind``, whose table gives each its
words and its ``Status``): ``ok``, ``exit``, ``already_in`` (with the entry that admitted
them), ``invalid`` (not our code, damaged or forged), ``wrong_event``, ``superseded`` (an
older badge of someone whose badge was reissued), ``cancelled``. A valid code for an
attendee this file does not know yet (registered at another desk, not synced) is
admitted as ``ok_unsynced`` (``unsynced`` set).

Codes minted by a desk (format 2, :mod:`checkin.door.codes`) name the desk's certified
key. Such a code is refused (status ``invalid``, a kind of its own) when:

- the key is not one this file knows (kind ``unknown_desk``, reason ``unknown_station``:
  a desk set up after this kiosk last synced; the certificates come with every sync).
  Never taken on trust, so a made-up key cannot open the door;
- the desk is retired here (the retirement arrived by any sync) and this file holds no
  record that the desk registered, edited or printed a badge for that person before it
  was retired (kind ``retired_desk``, reason ``retired_station``): whatever a retired
  desk makes afterwards is refused, and what it made before stays good. A retired desk
  cannot pass its badges off as another desk's: the code names its key, and only that
  key's signature verifies.

``validate`` gives a check-only station's answer (``checkin.door.modes``): the same
outcome, nothing recorded. ``check_in_group`` admits several members of a group
(``checkin.people.groups``) in one transaction, ``undo_group`` undoes them in one.

Current state is always derivable from the log: ``rebuild_attendance`` folds an
attendee's log rows in (hlc, station) order; the scan path applies the same rule
incrementally because a new local row always orders last.
"""

from __future__ import annotations

import builtins
import dataclasses
import json
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from checkin import errors
from checkin.clock import SYSTEM_CLOCK, Clock
from checkin.db.eventfile import EventFile
from checkin.db.stamps import Stamp, next_stamp
from checkin.door import codes
from checkin.door.outcomes import OUTCOMES, REJECTIONS, Kind
from checkin.door.texts import DoorTexts as T
from checkin.event import identity as event_mod
from checkin.event import settings as settings_mod
from checkin.ids import uuid7
from checkin.models import (
    ATTENDEE_COLUMNS,
    CHECKIN_COLUMNS,
    Action,
    Attendee,
    CheckIn,
    Role,
    ScanResult,
    Status,
)
from checkin.protect import masking
from checkin.sync.state import RETIRED_PREFIX

if TYPE_CHECKING:
    from checkin.protect.access import Access

log = logging.getLogger(__name__)

MAX_REASON = 200
MAX_OPERATOR = 40
METHODS = ("scan", "camera", "search", "manual", "paper", "self", "anonymous", "group")
# "group": admitted with another member of their group (``check_in_group``), not on
# their own badge: the log says so.
# An anonymous admission: a person let in who will not be registered at all. Its log
# row carries only the category, time and station, under an attendee id of its own
# that no attendee record will ever have (``anon:<category>:<random>``).
ANONYMOUS_PREFIX = "anon:"
CHECK = "check"  # a check-only station's refused scans, in ``scan_attempts``
MAX_GROUP = 200  # people checked in together at most (``checkin.people.groups``)


def anonymous_category(attendee_id: str) -> str | None:
    """The category of an anonymous admission's id, None for a registered person's."""
    if not attendee_id.startswith(ANONYMOUS_PREFIX):
        return None
    return attendee_id[len(ANONYMOUS_PREFIX) :].split(":", 1)[0]


_SELECT_ATTENDEE = f"SELECT {ATTENDEE_COLUMNS} FROM attendees WHERE id = ?"
_SELECT_STATE = "SELECT inside, last_in_id FROM attendance WHERE attendee_id = ? AND list = ?"
_INSERT_CHECKIN = (
    "INSERT INTO checkins (id, station_id, seq, hlc, at_ms, station_name, attendee_id, list, "
    "action, undoes, method, badge_version, reason, operator) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_UPSERT_ENTRY = (
    "INSERT INTO attendance (attendee_id, list, inside, entries, exits, first_in_at, "
    "first_in_station, last_in_id, last_in_at, last_in_station, last_at) "
    "VALUES (?1, ?2, 1, 1, 0, ?3, ?4, ?5, ?3, ?4, ?3) "
    "ON CONFLICT (attendee_id, list) DO UPDATE SET inside = 1, entries = entries + 1, "
    "first_in_at = coalesce(first_in_at, ?3), first_in_station = coalesce(first_in_station, ?4), "
    "last_in_id = ?5, last_in_at = ?3, last_in_station = ?4, last_at = ?3"
)
_UPSERT_EXIT = (
    "INSERT INTO attendance (attendee_id, list, inside, entries, exits, last_at) "
    "VALUES (?1, ?2, 0, 0, 1, ?3) "
    "ON CONFLICT (attendee_id, list) DO UPDATE SET inside = 0, exits = exits + 1, last_at = ?3"
)
_INSERT_ATTEMPT = (
    "INSERT INTO scan_attempts (at_ms, station_name, list, action, status, reason, attendee_id, "
    "operator) VALUES (?, (SELECT station_name FROM local), ?, ?, ?, ?, ?, ?)"
)


def _status(kind: Kind) -> Status:
    """The engine status a scan's ``kind`` reports (from the outcome table)."""
    status = OUTCOMES[kind].status
    if status is None:
        raise ValueError(f"{kind} is not an answer to a scan")
    return status


def _result(kind: Kind, list_id: str, action: str, **fields: Any) -> ScanResult:
    return ScanResult(_status(kind), list_id, action, kind, **fields)


def _clean(value: str, limit: int) -> str:
    return " ".join(str(value or "").split())[:limit]


class CheckinEngine:
    """Scans and check-ins against one event file."""

    def __init__(
        self, ef: EventFile, clock: Clock = SYSTEM_CLOCK, access: Access | None = None
    ) -> None:
        self.ef = ef
        self.clock = clock
        self._verifier = event_mod.verifier(ef)
        # A scan-only station's results carry redacted records (checkin.protect.access);
        # given the caller's access, below organizer they are masked (protect.masking).
        self._redact = ef.execute("SELECT role FROM local").fetchone()[0] == Role.SCAN_ONLY.value
        self.access = access
        self._lists: set[str] = set()
        self._reload_lists()

    # -- public API -----------------------------------------------------------------

    def scan(
        self,
        code: str,
        station: str | None = None,
        list: str = "main",
        direction: str = "entry",
        operator: str = "",
        method: str = "scan",
    ) -> ScanResult:
        """Check a scanned badge code in (or out). Committed before it returns."""
        action = self._check_args(list, direction, method)
        try:
            badge = self._verify(code)
        except codes.CodeError as exc:
            kind = REJECTIONS[exc.rejection].kind
            self._record_attempt(list, action, _status(kind), exc.rejection.value, None, operator)
            return _result(kind, list, action, reason=exc.rejection.value)
        return self._admit(
            badge.attendee_id, badge.version, station, list, action, operator, method,
            minted_by=badge.minted_by,
        )  # fmt: skip

    def check_in(
        self,
        attendee_id: str,
        station: str | None = None,
        list: str = "main",
        direction: str = "entry",
        operator: str = "",
        method: str = "search",
    ) -> ScanResult:
        """Check an attendee in (or out) by id, e.g. from a name search."""
        action = self._check_args(list, direction, method)
        if (
            self.ef.execute("SELECT 1 FROM attendees WHERE id = ?", (attendee_id,)).fetchone()
            is None
        ):
            raise errors.AttendeeNotFound(attendee_id)
        return self._admit(attendee_id, None, station, list, action, operator, method)

    def admit_anonymous(
        self,
        category: str,
        station: str | None = None,
        list: str = "main",
        operator: str = "",
    ) -> ScanResult:
        """Let in a person who will not be registered: only the category, the time and
        the station are kept (counted in stats, the dashboard and the report; synced
        like every check-in). Any station may do it, a scan-only door too."""
        action = self._check_args(list, Action.ENTRY, "anonymous")
        if category not in settings_mod.load(self.ef).category_ids():
            raise errors.InvalidInput(T.no_category, field="category", category=category)
        attendee_id = f"{ANONYMOUS_PREFIX}{category}:{uuid7(self.clock.now_ms())}"
        result = self._admit(attendee_id, None, station, list, action, operator, "anonymous")
        log.info("anonymous admission (%s) on list %s", category, list)
        # Nobody to sync: nobody named. A plain "checked in" (or "already in").
        kind = Kind.OK if result.kind is Kind.OK_UNSYNCED else result.kind
        return dataclasses.replace(result, unsynced=False, kind=kind)

    def undo(
        self,
        attendee_id: str | None = None,
        reason: str = "",
        list: str = "main",
        checkin_id: str | None = None,
        operator: str = "",
        station: str | None = None,
    ) -> CheckIn:
        """Undo a check-in (the last one of the attendee on ``list``, or ``checkin_id``).

        The undo is itself a log row pointing at the check-in it cancels; nothing is
        deleted. Returns the undo row.
        """
        reason = _clean(reason, MAX_REASON)
        if not reason:
            raise errors.InvalidInput(T.say_why_check_undone_short, field="reason")
        now = self.clock.now_ms()
        with self.ef.write() as conn:
            target = self._undo_target(conn, attendee_id, list, checkin_id)
            stamp = next_stamp(conn, now)
            row = self._insert_checkin(
                conn, stamp, now, station, target.attendee_id, target.list, Action.UNDO,
                "manual", None, reason, operator, undoes=target.id,
            )  # fmt: skip
            rebuild_attendance(conn, target.attendee_id, target.list)
        log.info("undid a check-in on list %s", target.list)
        return row

    # -- check only, groups ---------------------------------------------------------

    def validate(self, code: str, list: str = "main", operator: str = "") -> ScanResult:
        """What a scan of ``code`` at an entrance would say, recording no check-in: for a
        second checkpoint or a staff door (a station in check-only mode,
        ``checkin.door.modes``). The result has ``check_only`` set; ``already_in`` there
        is the good news (they came in at the entrance, ``previous`` says when and
        where). Codes refused and registrations not valid are recorded in
        ``scan_attempts`` (action ``check``) like a refused scan; nothing else is kept."""
        self._check_args(list, Action.ENTRY, "scan")
        try:
            badge = self._verify(code)
        except codes.CodeError as exc:
            kind = REJECTIONS[exc.rejection].kind
            self._record_attempt(list, CHECK, _status(kind), exc.rejection.value, None, operator)
            return _result(kind, list, Action.ENTRY, reason=exc.rejection.value,
                           check_only=True)  # fmt: skip
        with self.ef.read() as conn:
            retired = bool(badge.minted_by) and _from_retired_desk(
                conn, badge.minted_by, badge.attendee_id
            )
            kind, attendee, state = self._decide(
                conn, badge.attendee_id, badge.version, list, Action.ENTRY
            )
            in_flag, last_in_id = state if state else (0, None)  # inside, last_in_id
            previous = _checkin_by_id(conn, last_in_id) if last_in_id else None
        if retired:  # what an entrance says of a retired desk's badge (``_admit``)
            rejection = codes.Rejection.RETIRED_STATION
            kind = REJECTIONS[rejection].kind
            self._record_attempt(
                list, CHECK, _status(kind), rejection.value, badge.attendee_id, operator
            )
            return _result(kind, list, Action.ENTRY, reason=rejection.value, check_only=True)
        if kind in (Kind.CANCELLED, Kind.SUPERSEDED):
            self._record_attempt(list, CHECK, _status(kind), "", badge.attendee_id, operator)
        # At a checkpoint a valid badge is the good news, inside or not (kinds of its own).
        kind = {Kind.OK: Kind.CHECK_VALID, Kind.ALREADY_IN: Kind.CHECK_INSIDE}.get(kind, kind)
        return _result(
            kind, list, Action.ENTRY, attendee=attendee, attendee_id=badge.attendee_id,
            previous=previous, was_inside=bool(in_flag),
            unsynced=attendee is None or badge.version > attendee.badge_version,
            check_only=True,
        )  # fmt: skip

    def check_in_group(
        self,
        attendee_ids: Sequence[str],
        station: str | None = None,
        list: str = "main",
        operator: str = "",
        method: str = "group",
    ) -> builtins.list[ScanResult]:
        """Check several members of a group in at once (``checkin.people.groups``), in one
        transaction: all are recorded, or none. Each gets the outcome a check-in by id
        would give (someone already inside is ``already_in``, a cancelled registration
        ``cancelled``: neither is written). ``method`` "group": admitted with another
        member, not on their own badge."""
        action = self._check_args(list, Action.ENTRY, method)
        ids = [*dict.fromkeys(attendee_ids)]
        if len(ids) > MAX_GROUP:
            raise errors.InvalidInput(
                f"At most {MAX_GROUP} people are checked in together.",
                f"한 번에 최대 {MAX_GROUP}명까지 함께 체크인할 수 있습니다.",
                "group",
            )
        now = self.clock.now_ms()
        with self.ef.write() as conn:
            marks = ", ".join("?" * len(ids))
            known = {
                r[0] for r in conn.execute(f"SELECT id FROM attendees WHERE id IN ({marks})", ids)
            }
            for attendee_id in ids:
                if attendee_id not in known:
                    raise errors.AttendeeNotFound(attendee_id)
            results = [
                self._admit_in(
                    conn, now, attendee_id, None, station, list, action, operator, method
                )
                for attendee_id in ids
            ]
        log.info("group check-in: %d of %d admitted", sum(r.ok for r in results), len(ids))
        return results

    def undo_group(
        self,
        checkin_ids: Sequence[str],
        reason: str,
        operator: str = "",
        station: str | None = None,
    ) -> builtins.list[CheckIn]:
        """Undo several check-ins at once (a group admitted together), in one transaction:
        all are undone, or none (one already undone elsewhere: ``NothingToUndo``)."""
        reason = _clean(reason, MAX_REASON)
        if not reason:
            raise errors.InvalidInput(
                "Say why the check-in is undone (a short reason).",
                "체크인을 취소하는 이유를 짧게 입력하세요.",
                "reason",
            )
        now = self.clock.now_ms()
        rows = []
        with self.ef.write() as conn:
            for checkin_id in dict.fromkeys(checkin_ids):
                target = self._undo_target(conn, None, "", checkin_id)
                stamp = next_stamp(conn, now)
                rows.append(self._insert_checkin(
                    conn, stamp, now, station, target.attendee_id, target.list, Action.UNDO,
                    "manual", None, reason, operator, undoes=target.id,
                ))  # fmt: skip
                rebuild_attendance(conn, target.attendee_id, target.list)
        log.info("undid %d check-ins of a group", len(rows))
        return rows

    def reload(self) -> None:
        """Re-read what the engine caches (keys, lists) after settings or sync."""
        self._verifier = event_mod.verifier(self.ef)
        self._reload_lists()

    # -- internals ------------------------------------------------------------------

    def _verify(self, code: str) -> codes.BadgeCode:
        try:
            return self._verifier.verify(code)
        except codes.CodeError as exc:
            if exc.rejection is not codes.Rejection.UNKNOWN_STATION:
                raise
            # a desk's certificate may have come in by sync since the keys were read
            self._verifier = event_mod.verifier(self.ef)
            return self._verifier.verify(code)

    def _reload_lists(self) -> None:
        self._lists = set(settings_mod.load(self.ef).list_ids())

    def _check_args(self, list_id: str, direction: str, method: str) -> str:
        if list_id not in self._lists:
            self._reload_lists()
            if list_id not in self._lists:
                raise errors.InvalidInput(
                    T.no_check_list_lists,
                    field="list",
                    list_id=list_id,
                    join=", ".join(sorted(self._lists)),
                )
        if direction not in (Action.ENTRY, Action.EXIT):
            raise errors.InvalidInput(T.direction_must_entry_exit, field="direction")  # fmt: skip
        if method not in METHODS:
            raise ValueError(f"unknown check-in method {method!r}")
        return direction

    def _admit(
        self,
        attendee_id: str,
        code_version: int | None,
        station: str | None,
        list_id: str,
        action: str,
        operator: str,
        method: str,
        minted_by: tuple[str, ...] = (),
    ) -> ScanResult:
        now = self.clock.now_ms()
        with self.ef.write() as conn:
            if minted_by and _from_retired_desk(conn, minted_by, attendee_id):
                rejection = codes.Rejection.RETIRED_STATION
                kind = REJECTIONS[rejection].kind
                _insert_attempt(conn, now, list_id, action, _status(kind), rejection.value,
                                attendee_id, operator)  # fmt: skip
                log.info("refused a badge made by a retired desk")
                return _result(kind, list_id, action, reason=rejection.value)
            return self._admit_in(
                conn, now, attendee_id, code_version, station, list_id, action, operator, method
            )

    def _decide(
        self, conn: Any, attendee_id: str, code_version: int | None, list_id: str, action: str
    ) -> tuple[Kind, Attendee | None, Any]:
        """The outcome for one attendee, before anything is written: (kind, attendee as
        this station may see them, their attendance row (inside, last entry id)). A
        good outcome is ``Kind.OK`` here (``_admit_in`` tells exits and unsynced apart)."""
        row = conn.execute(_SELECT_ATTENDEE, (attendee_id,)).fetchone()
        attendee = Attendee.from_row(row) if row else None
        if attendee is not None and self._redact:
            attendee = attendee.redacted()
        elif attendee is not None:
            attendee = masking.view_for(self.access, self.ef, attendee)
        kind = Kind.OK
        if attendee is not None:
            if attendee.cancelled and action == Action.ENTRY:
                kind = Kind.CANCELLED
            elif code_version is not None and code_version < attendee.badge_version:
                kind = Kind.SUPERSEDED
        state = conn.execute(_SELECT_STATE, (attendee_id, list_id)).fetchone()
        in_flag = state[0] if state else 0  # (inside, last_in_id)
        if kind is Kind.OK and action == Action.ENTRY and in_flag:
            kind = Kind.ALREADY_IN
        return kind, attendee, state

    def _admit_in(
        self,
        conn: Any,
        now: int,
        attendee_id: str,
        code_version: int | None,
        station: str | None,
        list_id: str,
        action: str,
        operator: str,
        method: str,
    ) -> ScanResult:
        """``_admit`` inside an open write transaction."""
        kind, attendee, state = self._decide(conn, attendee_id, code_version, list_id, action)
        in_flag, last_in_id = state if state else (0, None)  # inside, last_in_id
        inside = bool(in_flag)
        if kind is not Kind.OK:
            previous = None
            if kind is Kind.ALREADY_IN and last_in_id:
                previous = _checkin_by_id(conn, last_in_id)
            _insert_attempt(conn, now, list_id, action, _status(kind), "", attendee_id, operator)
            return _result(
                kind, list_id, action, attendee=attendee, attendee_id=attendee_id,
                previous=previous,
            )  # fmt: skip
        previous_entry = (
            _checkin_by_id(conn, last_in_id) if last_in_id and action == Action.ENTRY else None
        )
        stamp = next_stamp(conn, now)
        written = self._insert_checkin(
            conn, stamp, now, station, attendee_id, list_id, action, method,
            code_version, "", operator,
        )  # fmt: skip
        if action == Action.ENTRY:
            conn.execute(
                _UPSERT_ENTRY, (attendee_id, list_id, now, written.station_name, written.id)
            )
        else:
            conn.execute(_UPSERT_EXIT, (attendee_id, list_id, now))
        unsynced = attendee is None or (code_version or 0) > attendee.badge_version
        if action == Action.EXIT:
            kind = Kind.EXIT
        elif unsynced:
            kind = Kind.OK_UNSYNCED
        return _result(
            kind,
            list_id,
            action,
            attendee=attendee,
            attendee_id=attendee_id,
            checkin=written,
            previous=previous_entry,
            unsynced=unsynced,
            was_inside=inside if action == Action.EXIT else None,
        )

    def _insert_checkin(
        self,
        conn: Any,
        stamp: Stamp,
        now: int,
        station: str | None,
        attendee_id: str,
        list_id: str,
        action: str,
        method: str,
        badge_version: int | None,
        reason: str,
        operator: str,
        undoes: str | None = None,
    ) -> CheckIn:
        row = CheckIn(
            id=uuid7(now),
            attendee_id=attendee_id,
            list=list_id,
            action=str(action),
            at_ms=now,
            station_id=stamp.station_id,
            station_name=_clean(station, 40) if station else stamp.station_name,
            method=method,
            operator=_clean(operator, MAX_OPERATOR),
            reason=reason,
            undoes=undoes,
            badge_version=badge_version,
        )
        conn.execute(
            _INSERT_CHECKIN,
            (row.id, stamp.station_id, stamp.seq, stamp.hlc, now, row.station_name, attendee_id,
             list_id, row.action, undoes, method, badge_version, reason, row.operator),
        )  # fmt: skip
        return row

    def _record_attempt(
        self, list_id: str, action: str, status: Status, reason: str, attendee_id: str | None,
        operator: str,
    ) -> None:  # fmt: skip
        now = self.clock.now_ms()
        with self.ef.write() as conn:
            _insert_attempt(conn, now, list_id, action, status, reason, attendee_id, operator)

    def _undo_target(
        self, conn: Any, attendee_id: str | None, list_id: str, checkin_id: str | None
    ) -> CheckIn:
        if checkin_id:
            target = _checkin_by_id(conn, checkin_id)
            if target is None or target.action == Action.UNDO:
                raise errors.NothingToUndo()
            if conn.execute("SELECT 1 FROM checkins WHERE undoes = ?", (checkin_id,)).fetchone():
                raise errors.NothingToUndo()
            return target
        if not attendee_id:
            raise errors.NothingToUndo()
        for row in conn.execute(
            f"SELECT {CHECKIN_COLUMNS} FROM checkins WHERE attendee_id = ? AND list = ? "
            "AND action != 'undo' AND id NOT IN (SELECT undoes FROM checkins "
            "WHERE attendee_id = ? AND list = ? AND action = 'undo') "
            "ORDER BY hlc DESC, station_id DESC LIMIT 1",
            (attendee_id, list_id, attendee_id, list_id),
        ):
            return CheckIn(*row)
        raise errors.NothingToUndo()


def _from_retired_desk(conn: Any, station_ids: tuple[str, ...], attendee_id: str) -> bool:
    """A badge minted by a retired desk's key, for someone that desk did not register,
    edit or print a badge for before its retirement (as far as this file knows)."""
    marks = ", ".join("?" for _ in station_ids)
    retired = False
    for (value,) in conn.execute(
        f"SELECT value FROM settings WHERE key IN ({marks})",
        tuple(RETIRED_PREFIX + s for s in station_ids),
    ):
        try:
            data = json.loads(value)
        except ValueError:
            continue
        retired = retired or bool(isinstance(data, dict) and data.get("retired"))
    if not retired:
        return False
    # what the desk did before it was retired stays here; its later rows are dropped
    # everywhere (checkin.sync.merge.apply_retirement)
    before = conn.execute(
        f"SELECT 1 FROM changes WHERE entity = 'attendee' AND entity_id = ? AND station_id "
        f"IN ({marks}) UNION ALL SELECT 1 FROM print_log WHERE attendee_id = ? AND "
        f"station_id IN ({marks}) LIMIT 1",
        (attendee_id, *station_ids, attendee_id, *station_ids),
    ).fetchone()
    return before is None


def _insert_attempt(
    conn: Any, now: int, list_id: str, action: str, status: Status, reason: str,
    attendee_id: str | None, operator: str,
) -> None:  # fmt: skip
    """A scan that admitted no one (kept for the counts and the audit, not synced)."""
    conn.execute(
        _INSERT_ATTEMPT,
        (now, list_id, action, status.value, reason, attendee_id, _clean(operator, MAX_OPERATOR)),
    )


def _checkin_by_id(conn: Any, checkin_id: str) -> CheckIn | None:
    row = conn.execute(
        f"SELECT {CHECKIN_COLUMNS} FROM checkins WHERE id = ?", (checkin_id,)
    ).fetchone()
    return CheckIn(*row) if row else None


AttendanceRow = tuple[int, int, int, Any, Any, Any, Any, Any, int]


def fold_attendance(rows: Any) -> AttendanceRow | None:
    """Current state from one attendee's log rows on one list, in (hlc, station) order.

    ``rows`` are (id, action, undoes, at_ms, station_name). Returns (inside, entries,
    exits, first_in_at, first_in_station, last_in_id, last_in_at, last_in_station,
    last_at), or None when nothing is left once undos are applied.
    """
    undone = {undoes for _id, action, undoes, _at, _station in rows if action == Action.UNDO}
    inside = entries = exits = 0
    first_in_at = first_in_station = last_in_id = last_in_at = last_in_station = None
    last_at = None
    for checkin_id, action, _undoes, at_ms, station_name in rows:
        if action == Action.UNDO or checkin_id in undone:
            continue
        last_at = at_ms
        if action == Action.ENTRY:
            inside = 1
            entries += 1
            if first_in_at is None:
                first_in_at, first_in_station = at_ms, station_name
            last_in_id, last_in_at, last_in_station = checkin_id, at_ms, station_name
        else:
            inside = 0
            exits += 1
    if last_at is None:
        return None
    return (inside, entries, exits, first_in_at, first_in_station, last_in_id, last_in_at,
            last_in_station, last_at)  # fmt: skip


INSERT_ATTENDANCE = (
    "INSERT INTO attendance (attendee_id, list, inside, entries, exits, first_in_at, "
    "first_in_station, last_in_id, last_in_at, last_in_station, last_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def rebuild_attendance(conn: Any, attendee_id: str, list_id: str) -> None:
    """Recompute one attendee's state on one list from the log (inside a transaction)."""
    rows = conn.execute(
        "SELECT id, action, undoes, at_ms, station_name FROM checkins "
        "WHERE attendee_id = ? AND list = ? ORDER BY hlc, station_id",
        (attendee_id, list_id),
    ).fetchall()
    conn.execute(
        "DELETE FROM attendance WHERE attendee_id = ? AND list = ?", (attendee_id, list_id)
    )
    state = fold_attendance(rows)
    if state is not None:
        conn.execute(INSERT_ATTENDANCE, (attendee_id, list_id, *state))
