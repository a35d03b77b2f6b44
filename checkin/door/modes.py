"""Door modes: what a station does with a scan, set by the organizer for each station.

- ``entry`` (the default): the station records entries; its own settings say whether
  the door is an entrance or an exit (a local preference, ``StationChoice.direction``).
- ``check_only``: the station reports what a scan *would* say at an entrance (valid,
  already in and when, cancelled, an old badge, not ours) and records no check-in
  (``CheckinEngine.validate``): a second checkpoint inside the venue, a staff door.
  Its screens wear their own colour and say "확인 전용 / Check only — not an entry" so
  nobody takes it for the entrance.

A mode is the event setting ``door.mode.<station id>`` = ``{"mode": ..., "name": ...}``,
so only the organizer's file writes it (signed, ``settings.write_settings_in``) and
every station learns it by sync, like a retirement (``sync.retired.<station id>``). A
station reads its own mode when the event opens and after every sync; until the
setting reaches it, it keeps the mode it had.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from checkin import errors
from checkin.clock import Clock
from checkin.db.eventfile import EventFile
from checkin.door.outcomes import CHECK_ONLY as CHECK_ONLY_BAND
from checkin.door.outcomes import Text
from checkin.event import settings as settings_mod
from checkin.models import Role
from checkin.sync import provision
from checkin.sync import state as sync_state

PREFIX = "door.mode."
ENTRY = "entry"
CHECK_ONLY = "check_only"
MODES = (ENTRY, CHECK_ONLY)
LABELS = {
    ENTRY: Text("Entry (records check-ins)", "입장 (체크인 기록)"),
    CHECK_ONLY: CHECK_ONLY_BAND,
}


def key(station_id: str) -> str:
    return PREFIX + station_id


def mode_of(extra: dict[str, Any], station_id: str) -> str:
    """A station's mode from the event settings' extra values (``EventSettings.extra``)."""
    value = extra.get(key(station_id))
    mode = value.get("mode") if isinstance(value, dict) else None
    return mode if mode in MODES else ENTRY


def is_check_only(ef: EventFile) -> bool:
    """Is this file's own station in check-only mode?"""
    station_id = ef.execute("SELECT station_id FROM local").fetchone()[0]
    return mode_of(settings_mod.load(ef).extra, station_id) == CHECK_ONLY


def parse_mode(text: str) -> str:
    """A mode as a person names it: entry, check-only (check_only, validate, 확인)."""
    normalized = str(text or "").strip().lower().replace("-", "_")
    aliases = {"validate": CHECK_ONLY, "validate_only": CHECK_ONLY, "check": CHECK_ONLY,
               "확인": CHECK_ONLY, "확인전용": CHECK_ONLY, "입장": ENTRY, "normal": ENTRY}  # fmt: skip
    mode = aliases.get(normalized, normalized)
    if mode not in MODES:
        raise errors.InvalidInput(
            f"Unknown door mode {text!r}: use entry or check-only.",
            f"알 수 없는 출입 모드 {text!r}: entry(입장) 또는 check-only(확인 전용)를 쓰세요.",
            "mode",
        )
    return mode


def set_mode(
    ef: EventFile, clock: Clock, station: str, mode: str, operator: str = ""
) -> dict[str, Any]:
    """Set a station's mode (organizer only; any station, this one included). Returns
    {station_id, station, mode, own}. Another station takes it at its next sync."""
    mode = parse_mode(mode)
    with ef.write() as conn:
        station_id, name = provision.find_station(conn, station)
        value = {"mode": mode, "name": name}
        settings_mod.write_settings_in(conn, clock.now_ms(), {key(station_id): value}, operator)
        own = conn.execute("SELECT station_id FROM local").fetchone()[0] == station_id
    return {"station_id": station_id, "station": name, "mode": mode, "own": own}


@dataclass(frozen=True, slots=True)
class StationMode:
    station_id: str
    name: str
    station_no: int | None
    role: str
    mode: str
    retired: bool
    own: bool  # this file's own station


def stations(ef: EventFile) -> list[StationMode]:
    """Every station this file knows, with its mode (retired ones last)."""
    extra = settings_mod.load(ef).extra
    with ef.read() as conn:
        own = conn.execute("SELECT station_id FROM local").fetchone()[0]
        gone = sync_state.retired(conn)
        rows = conn.execute(
            "SELECT station_id, name, station_no, coalesce(role, '') FROM stations "
            "ORDER BY coalesce(station_no, 1000000), name"
        ).fetchall()
    found = [
        StationMode(sid, name, number, role or Role.DESK.value, mode_of(extra, sid),
                    sid in gone, sid == own)
        for sid, name, number, role in rows
    ]  # fmt: skip
    return sorted(found, key=lambda s: s.retired)
