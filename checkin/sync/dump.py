"""A canonical dump of what sync must make equal on every station.

The synced logs (ordered by station and sequence) and the state derived from them
(attendee records without their local row number, attendance, settings, which
stations are retired). Local-only tables (this station's identity and counters, scan
attempts, sync state, the search index keyed by local row numbers) are left out. Two
files that synced the same rows have the same dump; tests and ``checkin sync status
--digest`` compare them.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from checkin.sync import state
from checkin.sync.state import quote

_DERIVED = {
    "attendees": (
        "id, reg_no, display_name, full_name, category, organization, phone, email, language, "
        "no_photo, access_needs, notes, external_id, status, badge_version, created_at, "
        "updated_at, created_station, updated_station, consent_at, consent_version",
        "id",
    ),
    "attendance": ("*", "attendee_id, list"),
    "settings": ("*", "key"),
    "stations": ("station_id, retired", "station_id"),
}


def canonical_dump(conn: Any) -> dict[str, list[tuple[Any, ...]]]:
    out: dict[str, list[tuple[Any, ...]]] = {}
    for table in state.synced_logs():
        cols = ", ".join(quote(c) for c in sorted(state.log_columns(conn, table)))
        out[table] = [
            tuple(r)
            for r in conn.execute(f"SELECT {cols} FROM {quote(table)} ORDER BY station_id, seq")
        ]
    for table, (cols, order) in _DERIVED.items():
        where = " WHERE retired = 1" if table == "stations" else ""
        out[table] = [
            tuple(r) for r in conn.execute(f"SELECT {cols} FROM {table}{where} ORDER BY {order}")
        ]
    return out


def digest(conn: Any) -> str:
    data = canonical_dump(conn)
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()
