"""Closing an event: export the final report, then wipe personal data for good.

After the event the organizer *closes* it. Closing

1. writes the final report (``checkin.lists.report``) to a path the organizer chooses, and
   refuses to go on if that did not work: the counts must survive;
2. in one write transaction, records the synced setting ``event.closed`` (so every
   other station wipes too, at its next sync) and wipes the personal fields of every
   attendee from every place they live in this file;
3. VACUUMs the file and truncates its WAL, so the wiped text is no longer anywhere in
   the file's bytes, and deletes the migration backups (``*.before-*.bak``) next to it,
   which are full copies taken before a schema upgrade.

What is wiped (``WIPED_FIELDS``): display name, full name, organization, phone, email,
access needs, notes, the id in another system and the group (its label and its key).
The organization is wiped too: in a small community a group's name points at a person.
What stays: the attendee id, registration number, category, language, no-photo flag,
status, badge version, every check-in time, list and station, the counts and the report.
Volunteers' initials (``operator`` columns) and station names stay: they are not
attendees' data.

Every place personal fields live (grep the schema when adding a table):

- ``attendees``: the materialized records (blanked);
- ``changes``: the synced change log; the personal keys are removed from ``fields``
  of attendee changes (``json_remove``), so a re-materialization stays wiped;
- ``search_terms``: the name index (rebuilt from registration numbers only);
- ``checkins.reason`` and ``print_log.reason``: free text a volunteer typed (an undo or
  a reprint reason) may name someone: blanked;
- ``scan_attempts.reason``: local, blanked too;
- ``sync_imported`` holds only bundle checksums and ``sync_history`` file names and
  error codes: nothing personal. ``LOG_WIPES`` is the hook for a synced log added later
  (an audit log adds its free-text columns there).

Propagation. A station that merges rows (bundle or hub) while closed strips them
with the same SQL before they are compared or stored, so a bundle from a station
that has not wiped yet never brings a name back. A station that receives the
``event.closed`` marker wipes itself first, in the same transaction, then merges.
Because both sides apply the very same ``json_remove`` to the same rows, a wiped row
and its original wiped on arrival are identical, and sync's content check (a copied
file writing as one station) is not upset. The hub's copies are rewritten by the
closed station at its next hub sync (see ``checkin.sync.hub``).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checkin import errors
from checkin.clock import Clock
from checkin.db.eventfile import DRIVER_ERRORS, EventFile
from checkin.event import settings as settings_mod
from checkin.models import PERSONAL_FIELDS, Role
from checkin.people import search
from checkin.protect.access import Access
from checkin.protect.texts import ProtectTexts as T

log = logging.getLogger(__name__)

CLOSED_KEY = "event.closed"
# The group's key goes too: after the event nobody needs to know who came with whom.
WIPED_FIELDS: tuple[str, ...] = ("display_name", "organization", *PERSONAL_FIELDS, "group_key")
WIPED_JSON_PATHS: tuple[str, ...] = tuple(f"$.{name}" for name in WIPED_FIELDS)
_PATHS_SQL = ", ".join(f"'{p}'" for p in WIPED_JSON_PATHS)

# For each synced log: the SET clause and the WHERE clause that wipe one table (the
# log itself, or a staging table with the same columns). The same SQL runs on both,
# which is what keeps wiped rows identical everywhere.
LOG_WIPES: dict[str, tuple[str, str]] = {
    "changes": (f"fields = json_remove(fields, {_PATHS_SQL})", "entity = 'attendee'"),
    "checkins": ("reason = ''", "reason != ''"),
    "print_log": ("reason = ''", "reason != ''"),
}
LOCAL_FLAG = "retention_wiped"  # sync_local: this file has been wiped
VACUUM_FLAG = "retention_vacuum"  # sync_local: a wipe happened; VACUUM when possible


@dataclass
class CloseResult:
    report: Path
    attendees: int
    checked_in: int
    expected: int
    removed_backups: list[str] = field(default_factory=list)
    already_closed: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "report": str(self.report),
            "attendees": self.attendees,
            "checked_in": self.checked_in,
            "expected": self.expected,
            "removed_backups": self.removed_backups,
            "already_closed": self.already_closed,
        }


class EventClosed(errors.CheckinError):
    code = "event_closed"

    def __init__(self) -> None:
        super().__init__(T.event_closed_wiped)


# --- state ----------------------------------------------------------------------------


def _local(conn: Any, key: str) -> Any:
    row = conn.execute("SELECT value FROM sync_local WHERE key = ?", (key,)).fetchone()
    return json.loads(row[0]) if row else None


def _set_local(conn: Any, key: str, value: Any) -> None:
    conn.execute(
        "INSERT INTO sync_local (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, json.dumps(value)),
    )


def closed_marker(conn: Any) -> dict[str, Any] | None:
    """The ``event.closed`` setting (who closed, when), or None while open."""
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (CLOSED_KEY,)).fetchone()
    if row is None:
        return None
    value = json.loads(row[0])
    return value if isinstance(value, dict) and value.get("closed") else None


def is_closed(conn: Any) -> bool:
    """Closed here: the marker arrived, or this file was wiped (e.g. told by the hub)."""
    return closed_marker(conn) is not None or bool(_local(conn, LOCAL_FLAG))


def event_closed(ef: EventFile) -> bool:
    """``is_closed`` for a screen: reads the file once."""
    with ef.read() as conn:
        return is_closed(conn)


def require_open(conn: Any) -> None:
    """Refuse to store new personal data in a closed event."""
    if is_closed(conn):
        raise EventClosed()


def staged_marker(conn: Any, table: str) -> bool:
    """Do these staged ``changes`` rows carry the closed marker?"""
    row = conn.execute(
        f"SELECT 1 FROM {table} WHERE entity = 'setting' AND entity_id = ? "
        "AND json_extract(fields, '$.value.closed') LIMIT 1",
        (CLOSED_KEY,),
    ).fetchone()
    return row is not None


# --- wiping ---------------------------------------------------------------------------


def wipe_log_table(conn: Any, log_name: str, table: str) -> int:
    """Wipe one log (``main.changes``) or a staging copy of it; returns rows touched."""
    spec = LOG_WIPES.get(log_name)
    if spec is None:
        return 0
    set_clause, where = spec
    return int(conn.execute(f"UPDATE {table} SET {set_clause} WHERE {where}").rowcount)


def wipe_in(conn: Any) -> int:
    """Wipe every personal field in this file (inside a write transaction).

    Idempotent. Returns the number of attendee records wiped. VACUUM comes after the
    transaction (:func:`vacuum`); until then the old text may remain in free pages,
    so a flag asks for it.
    """
    for log_name in LOG_WIPES:
        if conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (log_name,)
        ).fetchone():
            wipe_log_table(conn, log_name, f"main.{log_name}")
    blanks = ", ".join(f"{name} = ''" for name in WIPED_FIELDS)
    count = int(conn.execute(f"UPDATE attendees SET {blanks}").rowcount)
    conn.execute("UPDATE scan_attempts SET reason = '' WHERE reason != ''")
    conn.execute("DELETE FROM search_terms")
    search.index_many(
        conn,
        (
            (rid, {"display_name": "", "reg_no": reg_no})
            for rid, reg_no in conn.execute("SELECT rid, reg_no FROM attendees").fetchall()
        ),
    )
    _set_local(conn, LOCAL_FLAG, True)
    _set_local(conn, VACUUM_FLAG, True)
    log.info("personal data wiped from %d attendee records", count)
    return count


def vacuum(ef: EventFile) -> bool:
    """Rewrite the file so no wiped text is left in free pages or the WAL.

    Returns False (and leaves the flag for next time) if the file was busy.
    """
    conn = ef.conn
    try:
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("VACUUM")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        with ef.write() as wconn:
            wconn.execute("DELETE FROM sync_local WHERE key = ?", (VACUUM_FLAG,))
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except (*DRIVER_ERRORS, errors.CheckinError) as exc:  # type: ignore[misc]  # busy, full
        log.warning("could not vacuum after the wipe yet: %s", type(exc).__name__)
        return False
    return True


def vacuum_if_needed(ef: EventFile) -> bool:
    """After a sync merged a wipe: VACUUM once. True if it vacuumed."""
    with contextlib.suppress(*DRIVER_ERRORS):
        if ef.conn.in_transaction:
            return False
        flag = _local(ef.conn, VACUUM_FLAG)
        if flag:
            return vacuum(ef)
    return False


def apply_closed(conn: Any) -> bool:
    """The closed marker (or the hub) says closed: wipe this file once. True if it wiped."""
    if _local(conn, LOCAL_FLAG):
        return False
    wipe_in(conn)
    return True


def migration_backups(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.before-*.bak"))


# --- closing --------------------------------------------------------------------------


def close_event(
    ef: EventFile,
    clock: Clock,
    report_path: str | os.PathLike[str],
    *,
    lang: str = "ko",
    list_id: str = "main",
    operator: str = "",
    access: Access | None = None,
) -> CloseResult:
    """Close the event (organizer only). See the module docstring.

    ``access``: organizer access (the PIN, when the event has one; see
    ``checkin.protect.access``). The report is written first; if that fails, nothing is wiped.
    """
    access = access or Access.for_file(ef, clock, operator)
    with ef.read() as conn:
        role = Role(conn.execute("SELECT role FROM local").fetchone()[0])
        already = is_closed(conn)
    if role is not Role.ORGANIZER:
        raise errors.NotAllowed(T.only_organizer_s_station_can)
    access.require_organizer(ef)
    target = Path(report_path)
    if target.exists() and target.is_dir():
        raise errors.InvalidInput(T.folder_give_file_name_report, field="report", target=target)
    if not target.parent.is_dir():
        raise errors.InvalidInput(T.folder_does_not_exist, field="report", target=target)
    from checkin.lists import report  # the PDF machinery only when closing

    final = access.with_reason(access.reason or "report: the final report before closing")
    data = report.write_report(ef, target, list_id=list_id, lang=lang, clock=clock, access=final)
    if not target.is_file() or target.stat().st_size == 0:  # pragma: no cover - defensive
        raise errors.InvalidInput(T.report_not_written_nothing_wiped, field="report", target=target)
    now = clock.now_ms()
    with ef.write() as conn:
        if closed_marker(conn) is None:
            station = conn.execute("SELECT station_id FROM local").fetchone()[0]
            settings_mod.write_settings_in(
                conn, now, {CLOSED_KEY: {"closed": True, "at": now, "by": station}}, operator
            )
        count = wipe_in(conn)
    vacuum(ef)
    removed = []
    for backup in migration_backups(ef.path):
        with contextlib.suppress(OSError):
            backup.unlink()
            removed.append(backup.name)
    log.info("event closed: %d records wiped, %d backups removed", count, len(removed))
    return CloseResult(
        report=target,
        attendees=count,
        checked_in=data.checked_in,
        expected=data.expected,
        removed_backups=removed,
        already_closed=already,
    )


# --- deletion by date -----------------------------------------------------------------
#
# The event has a "delete personal data by" date (setting ``delete_personal_by``,
# default the event day + 30 days). From that date every station that opens the file
# wipes it, the same wipe as closing: the organizer's station first writes the final
# report beside the file if none was made, and records the closed marker so stations
# that sync learn it too; any other station wipes its own file (it cannot close the
# event for others). Seven days before, the app warns.
#
# A door kiosk's file (a scan-only station package) wipes itself the same way and then
# stops opening: from that date it opens only when the organizer unlocks it with that
# kiosk's unlock code (the organizer's secret a kiosk can check, ``checkin.protect.pin``;
# no verifier of the event passphrase is put on a kiosk, where a lost laptop would let
# it be searched offline), say to sync its last check-ins. Wrong codes count towards
# the same lockout as at the kiosk's lock, and every attempt is in the audit log.

DELETE_BY_KEY = "delete_personal_by"
DEFAULT_KEEP_DAYS = 30
WARN_DAYS = 7


@dataclass(frozen=True)
class RetentionStatus:
    delete_by: str | None  # ISO date, or None when the event has no date
    days_left: int | None  # days until the date (0: today; negative: past)
    closed: bool

    @property
    def due(self) -> bool:
        return self.days_left is not None and self.days_left <= 0 and not self.closed

    @property
    def warn(self) -> bool:
        return self.days_left is not None and 0 < self.days_left <= WARN_DAYS and not self.closed

    def to_json(self) -> dict[str, Any]:
        return {"delete_personal_by": self.delete_by, "days_left": self.days_left,
                "closed": self.closed, "due": self.due, "warn": self.warn}  # fmt: skip

    def warning(self) -> tuple[str, str]:
        """The warning shown from seven days before (English, Korean)."""
        text = T.deleted_in_one_day if self.days_left == 1 else T.deleted_in_days
        return text.pair(delete_by=self.delete_by, n=self.days_left)


def validate_delete_by(value: Any) -> str:
    return settings_mod.validate_delete_by(value)


def delete_by(cfg: settings_mod.EventSettings) -> str | None:
    """The date from which personal data is deleted (ISO), or None without an event date."""
    import datetime as dt

    chosen = cfg.extra.get(DELETE_BY_KEY)
    if chosen:
        return str(chosen)
    try:
        day = dt.date.fromisoformat(cfg.date)
    except (TypeError, ValueError):
        return None
    return (day + dt.timedelta(days=DEFAULT_KEEP_DAYS)).isoformat()


def status(ef: EventFile, clock: Clock) -> RetentionStatus:
    import datetime as dt
    from zoneinfo import ZoneInfo

    cfg = settings_mod.load(ef)
    when = delete_by(cfg)
    with ef.read() as conn:
        closed = is_closed(conn)
    if when is None:
        return RetentionStatus(None, None, closed)
    today = dt.datetime.fromtimestamp(clock.now_ms() / 1000, ZoneInfo(cfg.timezone)).date()
    return RetentionStatus(when, (dt.date.fromisoformat(when) - today).days, closed)


@dataclass(frozen=True)
class Enforced:
    """What opening a file past its date did."""

    wiped: int  # attendee records wiped
    report: Path | None  # the final report written first (organizer's station)
    delete_by: str

    def message(self) -> tuple[str, str]:
        en, ko = T.wiped_past_delete_date.pair(delete_by=self.delete_by, wiped=self.wiped)
        if self.report:
            more_en, more_ko = T.final_report_saved_first.pair(report=self.report)
            en, ko = f"{en} {more_en}", f"{ko} {more_ko}"
        return en, ko


def _report_made(conn: Any) -> bool:
    return (
        conn.execute(
            "SELECT 1 FROM audit_log WHERE action = 'export' "
            "AND json_extract(detail, '$.kind') = 'report' LIMIT 1"
        ).fetchone()
        is not None
    )


class PastDeletionDate(errors.NotAllowed):
    """A door kiosk's file past the date to delete personal data: it no longer opens
    unless the organizer unlocks it (``on_open``)."""

    code = "past_deletion_date"

    def __init__(self, delete_by: str) -> None:
        super().__init__(
            f"This door kiosk's file is past the date to delete personal data ({delete_by}): "
            "its personal data was deleted and it no longer opens for use. Only the "
            "organizer can open it once more (for example to sync its last check-ins), with "
            "this kiosk's unlock code (given when its station file was made).",
            f"이 스캔 전용 기기 파일은 개인정보 삭제일({delete_by})이 지났습니다. 개인정보는 "
            "삭제되었고 더 이상 사용할 수 없도록 열리지 않습니다. 운영자만 이 기기의 잠금 해제 "
            "코드(기기 파일을 만들 때 받은 코드)로 한 번 더 열 수 있습니다 (예: 마지막 입장 "
            "기록 동기화).",
        )
        self.details["delete_personal_by"] = delete_by


class WrongOrganizerCode(errors.NotAllowed):
    code = "wrong_unlock_code"

    def __init__(self) -> None:
        super().__init__(
            "That is not this kiosk's unlock code from the organizer: the file stays closed.",
            "이 기기의 운영자 잠금 해제 코드가 아닙니다. 파일을 열지 않았습니다.",
        )


def organizer_needed(ef: EventFile, clock: Clock) -> str | None:
    """The deletion date, when this is a door kiosk's file past it (it opens only when
    the organizer unlocks it); None otherwise."""
    with ef.read() as conn:
        role = Role(conn.execute("SELECT role FROM local").fetchone()[0])
    if role is not Role.SCAN_ONLY:
        return None
    state = status(ef, clock)
    if state.days_left is None or state.days_left > 0:
        return None
    return state.delete_by


def organizer_unlocks(ef: EventFile, clock: Clock, code: str) -> bool:
    """Is ``code`` this kiosk's unlock code? With the kiosk's lockout, recorded in the
    audit log (``checkin.protect.pin.check_pin``). Raises ``PinLocked`` while locked."""
    from checkin.protect import pin as pin_mod

    result = pin_mod.check_pin(ef, clock, code, "organizer")
    if result.locked:
        raise errors.PinLocked(result.state.remaining_seconds(clock.now_ms()))
    return result.ok


def on_open(
    ef: EventFile,
    clock: Clock,
    lang: str = "ko",
    unlock: Callable[[str], bool] | None = None,
) -> tuple[Enforced | None, tuple[str, str] | None]:
    """What opening a file does about its deletion date, for the app and the command line
    alike: (what was wiped, or None; the week-before warning (en, ko), or None).

    A door kiosk's file past the date is wiped, then opens only if ``unlock(date)``
    (the caller asking the organizer for the kiosk's unlock code, checked with
    ``organizer_unlocks``) says yes; otherwise ``PastDeletionDate`` is raised."""
    state = status(ef, clock)
    done = enforce(ef, clock, lang, state) if state.due else None
    date = organizer_needed(ef, clock)
    if date is not None and (unlock is None or not unlock(date)):
        raise PastDeletionDate(date)
    if done is not None:
        return done, None
    return None, state.warning() if state.warn else None


def enforce(
    ef: EventFile, clock: Clock, lang: str = "ko", state: RetentionStatus | None = None
) -> Enforced | None:
    """On opening: wipe the file if its deletion date has come. None if nothing to do."""
    state = state or status(ef, clock)
    if not state.due:
        return None
    assert state.delete_by is not None
    with ef.read() as conn:
        role = Role(conn.execute("SELECT role FROM local").fetchone()[0])
        made = _report_made(conn)
    report_path: Path | None = None
    if role is Role.ORGANIZER:
        if not made:
            from checkin.lists import report

            report_path = ef.path.with_name(f"{ef.path.name}.final-report-{state.delete_by}.pdf")
            # the deletion date is the organizer's own standing instruction: no PIN
            report.write_report(ef, report_path, lang=lang, clock=clock,
                                access=Access.standing_order(clock, "retention"))  # fmt: skip
        now = clock.now_ms()
        with ef.write() as conn:
            if closed_marker(conn) is None:
                station = conn.execute("SELECT station_id FROM local").fetchone()[0]
                settings_mod.write_settings_in(
                    conn, now,
                    {CLOSED_KEY: {"closed": True, "at": now, "by": station,
                                  "reason": "delete_personal_by"}},
                    "retention",
                )  # fmt: skip
            count = wipe_in(conn)
    else:
        with ef.write() as conn:
            count = wipe_in(conn)
    vacuum(ef)
    for backup in migration_backups(ef.path):
        with contextlib.suppress(OSError):
            backup.unlink()
    log.info("deletion date passed: %d records wiped", count)
    return Enforced(count, report_path, state.delete_by)
