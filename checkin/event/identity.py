"""Creating an event and reading its identity: event id, keys, this station."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import checkin
from checkin import errors
from checkin.clock import SYSTEM_CLOCK, Clock
from checkin.db.eventfile import EventFile, create_event_file
from checkin.door import codes
from checkin.event import settings as settings_mod
from checkin.event.texts import EventTexts as T
from checkin.ids import new_event_id, new_station_id
from checkin.models import Role, Station
from checkin.people import fields

DEFAULT_STATION_NAME = "HQ"
MAX_STATION_NAME = 40


@dataclass(frozen=True, slots=True)
class EventInfo:
    event_id: str
    public_key: bytes
    station: Station
    can_sign: bool
    encrypted: bool
    created_at: int


def clean_station_name(name: str) -> str:
    text = " ".join(fields.strip_invisible(str(name)).split())
    if not text or len(text) > MAX_STATION_NAME:
        raise errors.InvalidInput(
            T.station_name_needs_characters_e, field="station", max_station_name=MAX_STATION_NAME
        )
    return text


def create_event(
    path: str | os.PathLike[str],
    *,
    name: str | None = None,
    name_en: str | None = None,
    date: str | None = None,
    venue: str | None = None,
    passphrase: str | None = None,
    station_name: str = DEFAULT_STATION_NAME,
    clock: Clock = SYSTEM_CLOCK,
) -> EventFile:
    """Create an event file with its keys, settings and this (organizer) station.

    Everything is validated before the file is created; on any failure no file is
    left behind.
    """
    values: dict[str, Any] = settings_mod.default_settings(clock)
    if name is not None and name_en is None:
        name_en = ""  # a custom event: do not keep the default English title
    for key, value in (("name", name), ("name_en", name_en), ("date", date), ("venue", venue)):
        if value is not None:
            values[key] = settings_mod.validate(key, value)
    station_name = clean_station_name(station_name)
    ef = create_event_file(path, passphrase)
    try:
        now = clock.now_ms()
        private, public = codes.new_key_pair()
        station_id = new_station_id()
        with ef.write() as conn:
            conn.execute(
                "INSERT INTO event (id, event_id, public_key, created_at, created_by) "
                "VALUES (1, ?, ?, ?, ?)",
                (new_event_id(), public, now, checkin.__version__),
            )
            conn.execute("INSERT INTO secrets (name, value) VALUES ('signing_key', ?)", (private,))
            conn.execute(
                "INSERT INTO local (id, station_id, station_name, station_no, role, app_version) "
                "VALUES (1, ?, ?, 0, ?, ?)",
                (station_id, station_name, Role.ORGANIZER.value, checkin.__version__),
            )
            conn.execute(
                "INSERT INTO stations (station_id, name, station_no, role, last_seen_at) "
                "VALUES (?, ?, 0, ?, ?)",
                (station_id, station_name, Role.ORGANIZER.value, now),
            )
            settings_mod.write_settings_in(conn, now, values)
    except BaseException:
        ef.close()
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{Path(path)}{suffix}")
        raise
    return ef


def info(ef: EventFile) -> EventInfo:
    with ef.read() as conn:
        event_id, public_key, created_at = conn.execute(
            "SELECT event_id, public_key, created_at FROM event"
        ).fetchone()
        station_id, name, station_no, role = conn.execute(
            "SELECT station_id, station_name, station_no, role FROM local"
        ).fetchone()
        can_sign = _minting_key(conn) is not None
    return EventInfo(
        event_id=event_id,
        public_key=bytes(public_key),
        station=Station(station_id, name, station_no, Role(role)),
        can_sign=bool(can_sign),
        encrypted=ef.encrypted,
        created_at=created_at,
    )


def _minting_key(conn: Any) -> tuple[int, bytes] | None:
    """(code format, private key) this station mints badges with, or None.

    The organizer signs with the event key (format 1). A desk signs with its own
    certified station key (format 2: the code names the desk, so a retired desk's new
    badges are refused at the door); a desk set up before station keys existed still
    holds the event key and signs format 1. A scan-only kiosk never mints.
    """
    role = conn.execute("SELECT role FROM local").fetchone()[0]
    if role == Role.SCAN_ONLY.value:
        return None
    event_key = conn.execute("SELECT value FROM secrets WHERE name = 'signing_key'").fetchone()
    if role == Role.ORGANIZER.value and event_key:
        return codes.FORMAT, bytes(event_key[0])
    row = conn.execute("SELECT s.value FROM secrets s WHERE s.name = 'station_key'").fetchone()
    if row is not None:
        from checkin.sync import trust  # the station keys are sync's business

        own = trust.own_signer(conn)
        if own is not None and own[1]["role"] in codes.MINTING_ROLES:
            return codes.FORMAT_STATION, bytes(row[0])
    if event_key:
        return codes.FORMAT, bytes(event_key[0])
    return None


def can_mint(conn: Any) -> bool:
    """Whether this station can sign badges (see :func:`signer`)."""
    return _minting_key(conn) is not None


def signer(ef: EventFile) -> codes.BadgeSigner | codes.StationBadgeSigner:
    """The badge signer; refused on stations without a key that may mint badges."""
    with ef.read() as conn:
        event_id = conn.execute("SELECT event_id FROM event").fetchone()[0]
        found = _minting_key(conn)
    if found is None:
        raise errors.NotAllowed(T.station_cannot_issue_badges_holds)
    fmt, private = found
    if fmt == codes.FORMAT_STATION:
        return codes.StationBadgeSigner(event_id, private)
    return codes.BadgeSigner(event_id, private)


def station_keyring(conn: Any) -> dict[bytes, tuple[codes.StationKey, ...]]:
    """The certified station keys this file knows (``station_keys``: every row was
    checked against the organizer's key when it was stored), by badge key id."""
    keys: dict[bytes, tuple[str, list[str]]] = {}
    for station_id, role, public in conn.execute(
        "SELECT station_id, role, public_key FROM station_keys ORDER BY station_id"
    ):
        entry = keys.setdefault(bytes(public), (str(role), []))
        entry[1].append(str(station_id))
    return codes.keyring(
        codes.StationKey(public, role, tuple(ids)) for public, (role, ids) in keys.items()
    )


def verifier(ef: EventFile) -> codes.BadgeVerifier:
    with ef.read() as conn:
        event_id, public_key = conn.execute("SELECT event_id, public_key FROM event").fetchone()
        ring = station_keyring(conn)
    return codes.BadgeVerifier(event_id, bytes(public_key), ring)


def badge_code(ef: EventFile, attendee_id: str, version: int) -> str:
    return signer(ef).code(attendee_id, version)


def set_station_name(ef: EventFile, name: str) -> str:
    name = clean_station_name(name)
    with ef.write() as conn:
        station_id = conn.execute("SELECT station_id FROM local").fetchone()[0]
        conn.execute("UPDATE local SET station_name = ?", (name,))
        conn.execute("UPDATE stations SET name = ? WHERE station_id = ?", (name, station_id))
    return name


def station_names(ef: EventFile) -> dict[str, str]:
    """station id -> name, for every station this file knows."""
    return {sid: name for sid, name in ef.execute("SELECT station_id, name FROM stations")}
