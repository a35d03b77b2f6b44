"""Provisioning: the organizer makes the event file for a new kiosk; retiring one.

A station package is a full event file (same event, same logs) with its own station
identity: a fresh station id, the next free station number (so registration numbers
never collide: ``DD3-0001``), a name and a role. Each package holds only the keys its
role needs (:mod:`checkin.sync.keys`):

- *desk*: registers attendees and mints badges with its own certified key (format 2
  codes, which name the desk); holds the event's sync secret (full bundles, the hub)
  and the PIN seal key, not the event key;
- *scan-only*: holds no key that mints badges (it verifies them with public keys) and
  never the sync secret: the *door secret* (with personal fields) or the *bare secret*
  (``personal=False``), which open only the door or bare view of bundles and hub rows.
  Its file is stripped to that view too: no full names, phones, e-mails, notes or
  external ids in either case, and without personal fields no organizations or access
  needs either. It holds no verifier of the organizer PIN: the PIN's hash is sealed
  under a key it lacks, any hash set in the clear before sealing is blanked, and the
  kiosk unlocks with its own 12-character *kiosk unlock code*
  (``Provisioned.unlock_code``, shown once; :mod:`checkin.protect.pin`).

Each package gets its own Ed25519 station key, certified by the organizer's key for
its station id and role (:mod:`checkin.sync.trust`); the organizer's key stays in the
organizer's file.

Fields left out are removed from the attendee rows, the search index and the change
log, and the file is vacuumed so nothing lingers in free pages. Such a station strips
whatever it merges later and only ever sends its own rows, so its stripped copy never
overwrites or stands in for anyone's complete records.

The package is written to a temporary file and moved into place; it is encrypted with
the passphrase given (by default the organizer's own, when the event is encrypted).
"""

from __future__ import annotations

import contextlib
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checkin import errors
from checkin.clock import Clock
from checkin.db.eventfile import DRIVER_ERRORS, EventFile, open_event_file
from checkin.event import identity as event_mod
from checkin.event import settings as settings_mod
from checkin.ids import new_station_id
from checkin.models import Role
from checkin.people import search
from checkin.protect import incident
from checkin.protect import pin as pin_mod
from checkin.sync import keys, merge, state, trust
from checkin.sync.texts import SyncTexts as T

log = logging.getLogger(__name__)

LOCAL_ONLY_TABLES = ("scan_attempts", "sync_local", "sync_history", "ticket_sends")


@dataclass(frozen=True)
class Provisioned:
    path: Path
    station_id: str
    name: str
    station_no: int
    role: Role
    personal: bool
    encrypted: bool
    unlock_code: str = ""  # a scan-only kiosk's own unlock code (shown once, never stored)

    def to_json(self) -> dict[str, Any]:
        return {
            "package": str(self.path),
            "station_id": self.station_id,
            "station": self.name,
            "station_no": self.station_no,
            "role": self.role.value,
            "personal": self.personal,
            "encrypted": self.encrypted,
            **({"unlock_code": self.unlock_code} if self.unlock_code else {}),
        }


def _require_organizer(conn: Any) -> None:
    role = conn.execute("SELECT role FROM local").fetchone()[0]
    if role != Role.ORGANIZER.value:
        raise errors.NotAllowed(T.only_organizer_s_event_file)


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def provision(
    ef: EventFile,
    out: str | os.PathLike[str],
    clock: Clock,
    *,
    station_name: str,
    role: str | Role,
    personal: bool = True,
    passphrase: str | None = None,
    hub_url: str = "",
    hub_password: bool = False,
) -> Provisioned:
    """Write a station package to ``out``. The organizer's file records the new station.

    ``hub_url``: the kiosk syncs with this hub from the start; its password is kept only
    with ``hub_password`` and only in an encrypted package (see ``hub_diagnose``).
    """
    from checkin.sync import hub_diagnose
    from checkin.sync import status as status_mod

    hub_url = hub_diagnose.package_hub_url(hub_url, hub_password, bool(passphrase))
    name = event_mod.clean_station_name(station_name)
    role = _package_role(role, personal)
    if ef.encrypted and not passphrase:
        raise errors.InvalidInput(T.event_encrypted_station_package_needs, field="passphrase")
    out = Path(out)
    if out.exists():
        raise errors.EventFileExists(str(out))
    if not out.parent.is_dir():
        raise errors.InvalidInput(T.bundle_out_no_folder, field="out", out=out)
    now = clock.now_ms()
    state.ensure_identity(ef, now)
    station_id = new_station_id()
    with ef.write() as conn:
        _require_organizer(conn)
        number = state.allocate_station_no(conn)
        conn.execute(
            "INSERT INTO stations (station_id, name, station_no, role, seen_seq, last_seen_at) "
            "VALUES (?, ?, ?, ?, 0, ?)",
            (station_id, name, number, role.value, now),
        )
        trust.ensure_organizer_keys(conn)
        station_key = trust.certify_new_station(conn, station_id, role.value)
    tmp = out.with_name(f".{out.name}.{os.urandom(4).hex()}.tmp")
    unlock_code = pin_mod.new_unlock_code() if role is Role.SCAN_ONLY else ""
    try:
        with ef.read() as conn:
            holdings = state.vector(conn)
        _copy(ef, tmp, passphrase)
        with open_event_file(tmp, passphrase) as new:
            _make_station(new, station_id, name, number, role, personal, now, station_key,
                          unlock_code)  # fmt: skip
            if hub_url:
                status_mod.save_config(new, status_mod.SyncConfig(hub_url=hub_url))
        os.replace(tmp, out)
        with ef.write() as conn:
            # The new station starts with everything this file holds now.
            state.note_peer(conn, station_id, holdings, "", "provision", now)
            # What the lost-station sheet will need to know about this package.
            incident.record_provisioning(conn, station_id, role=role.value, personal=personal,
                                         encrypted=bool(passphrase), at_ms=now,
                                         view=keys.view_for(role, personal).label)  # fmt: skip
    except BaseException:
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{tmp}{suffix}")
        with contextlib.suppress(Exception), ef.write() as conn:
            conn.execute("DELETE FROM stations WHERE station_id = ?", (station_id,))
        raise
    os.chmod(out, 0o600)
    log.info("provisioned station number %d (%s)", number, role.value)
    return Provisioned(out, station_id, name, number, role, personal, bool(passphrase),
                       unlock_code)  # fmt: skip


def _package_role(role: str | Role, personal: bool) -> Role:
    """The new station's role: desk, or scan-only (the only one without personal fields)."""
    try:
        role = Role(role)
    except ValueError:
        raise errors.InvalidInput(T.role_must_desk_scan_only, field="role") from None
    if role is Role.ORGANIZER:
        raise errors.InvalidInput(T.station_package_desk_scan_only, field="role")
    if not personal and role is not Role.SCAN_ONLY:
        raise errors.InvalidInput(T.only_scan_only_stations_can, field="personal")
    return role


def _copy(ef: EventFile, tmp: Path, passphrase: str | None) -> None:
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    conn = ef.conn
    with contextlib.suppress(*DRIVER_ERRORS):
        conn.execute("PRAGMA cipher_log_level = NONE")
    key = _quote(passphrase) if passphrase else "''"
    try:
        conn.execute(f"ATTACH DATABASE ? AS sync_pkg KEY {key}", (str(tmp),))
        try:
            conn.execute("SELECT sqlcipher_export('sync_pkg')")
            version = conn.execute("PRAGMA main.user_version").fetchone()[0]
            conn.execute(f"PRAGMA sync_pkg.user_version = {int(version)}")
        finally:
            conn.execute("DETACH DATABASE sync_pkg")
    except DRIVER_ERRORS as exc:
        text = str(exc).lower()
        if "full" in text:
            raise errors.DiskFull() from exc
        raise errors.InvalidInput(T.could_not_write_station_package, field="out", exc=exc) from exc


def _make_station(
    ef: EventFile, station_id: str, name: str, number: int, role: Role, personal: bool, now: int,
    station_key: bytes, unlock_code: str = "",
) -> None:  # fmt: skip
    conn = ef.conn
    conn.execute("PRAGMA secure_delete = ON")
    view = keys.view_for(role, personal)
    with ef.write() as conn:
        given = keys.package_secrets(conn, role, personal)  # while the event key is here
        organizer = conn.execute("SELECT station_id FROM local").fetchone()[0]
        holdings = state.vector(conn)
        # The organizer's own rows are all here: say so in the version vector.
        conn.execute(
            "UPDATE stations SET seen_seq = max(seen_seq, (SELECT seq FROM local)) "
            "WHERE station_id = (SELECT station_id FROM local)"
        )
        conn.execute(
            "UPDATE local SET station_id = ?, station_name = ?, station_no = ?, role = ?, "
            "seq = 0, reg_counter = 0",
            (station_id, name, number, role.value),
        )
        for table in LOCAL_ONLY_TABLES:
            conn.execute(f"DELETE FROM {table}")
        # only the keys its role needs: never the event key or the organizer's key
        conn.execute("DELETE FROM secrets")
        given[trust.STATION_KEY] = station_key  # its own certified key
        conn.executemany("INSERT INTO secrets (name, value) VALUES (?, ?)", given.items())
        if role is Role.SCAN_ONLY:
            # no verifier of the organizer PIN: its own unlock code instead
            pin_mod.redact_clear_verifiers(conn, "changes")
            merge.rebuild_setting(conn, pin_mod.SETTING_KEY)
            pin_mod.set_unlock_code_in(conn, unlock_code)
        state.set_local(conn, "provisioned", True)
        # The organizer holds at least what this package holds.
        state.note_peer(conn, organizer, holdings, "", "provision", now)
        if view is not keys.View.FULL:
            state.set_local(conn, "view", view.label)
            if not personal:
                state.set_local(conn, "stripped", True)
            _strip_personal(conn, view)
    if view is not keys.View.FULL:
        conn.execute("VACUUM")  # nothing removed above lingers in free pages
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _strip_personal(conn: Any, view: keys.View) -> None:
    """Leave only what ``view`` shows in the attendee rows, the change log and the
    search index (badge names and registration numbers: all a door searches)."""
    keys.apply_view(conn, "changes", view)
    blanks = ", ".join(f"{f} = ''" for f in keys.REMOVED_FIELDS[view])
    conn.execute(f"UPDATE attendees SET {blanks}")
    conn.execute("DELETE FROM search_terms")
    search.index_many(
        conn,
        (
            (rid, {"display_name": display_name, "reg_no": reg_no})
            for rid, display_name, reg_no in conn.execute(
                "SELECT rid, display_name, reg_no FROM attendees"
            ).fetchall()
        ),
    )


# --- retiring -------------------------------------------------------------------------


def find_station(conn: Any, ref: str) -> tuple[str, str]:
    """A station by id, id prefix (6+), name or number; returns (id, name)."""
    text = ref.strip()
    rows = conn.execute(
        "SELECT station_id, name FROM stations WHERE station_id = ? OR name = ? "
        "OR CAST(station_no AS TEXT) = ? OR (length(?) >= 6 AND station_id LIKE ? || '%')",
        (text, text, text, text, text),
    ).fetchall()
    if not rows:
        raise errors.InvalidInput(T.no_station_event_file_see, field="station", ref=ref)
    if len(rows) > 1:
        raise errors.InvalidInput(
            T.matches_stations_use_station_id, field="station", ref=ref, n=len(rows)
        )
    return rows[0][0], rows[0][1]


def retire(
    ef: EventFile, clock: Clock, station: str, *, undo: bool = False, operator: str = ""
) -> dict[str, Any]:
    """Retire a station (organizer): its rows past what we hold now are refused everywhere.

    Recorded as the setting ``sync.retired.<station id>`` so it travels with sync and
    every station applies it the same way. ``undo`` takes a retirement back.
    """
    now = clock.now_ms()
    with ef.write() as conn:
        _require_organizer(conn)
        station_id, name = find_station(conn, station)
        own = conn.execute("SELECT station_id FROM local").fetchone()[0]
        if station_id == own:
            raise errors.InvalidInput(T.station_cannot_retire_itself, field="station")
        upto = int(
            conn.execute(
                "SELECT seen_seq FROM stations WHERE station_id = ?", (station_id,)
            ).fetchone()[0]
        )
        value = {"retired": not undo, "upto": upto, "name": name}
        key = state.RETIRED_PREFIX + station_id
        settings_mod.write_settings_in(conn, now, {key: value}, operator)
        merge.apply_retirement(conn, station_id, value)
    log.info("station %s %s", station_id[:6], "restored" if undo else "retired")
    return {"station_id": station_id, "station": name, "retired": not undo, "upto": upto}
