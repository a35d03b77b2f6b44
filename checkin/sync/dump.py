"""A canonical dump of what sync must make equal on every station.

The synced logs (ordered by station and sequence) and the state derived from them
(attendee records without their local row number, attendance, settings, which
stations are retired). Local-only tables (this station's identity and counters, scan
attempts, sync state, the search index keyed by local row numbers) are left out. Two
files that synced the same rows have the same dump; tests and ``checkin sync status
--digest`` compare them. ``view``: the dump as a door kiosk of that view holds it
(:mod:`checkin.sync.keys`), to compare a door with a station that keeps every field.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from checkin.sync import keys, state
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


def canonical_dump(conn: Any, view: keys.View | None = None) -> dict[str, list[tuple[Any, ...]]]:
    out: dict[str, list[tuple[Any, ...]]] = {}
    removed = keys.REMOVED_FIELDS[view] if view is not None else ()
    for table in state.synced_logs():
        names = sorted(state.log_columns(conn, table))
        cols = ", ".join(quote(c) for c in names)
        where = ""
        if removed and table == "changes":
            expr, params = keys.fields_sql(view or keys.View.FULL)
            for value in params:
                expr = expr.replace("?", f"'{value}'", 1)
            cols = ", ".join(expr if c == "fields" else quote(c) for c in names)
            where = f" WHERE NOT {keys.withheld_sql()}"
        out[table] = [
            tuple(r)
            for r in conn.execute(
                f"SELECT {cols} FROM {quote(table)}{where} ORDER BY station_id, seq"
            )
        ]
    for table, (cols, order) in _DERIVED.items():
        if table == "attendees" and removed:
            cols = ", ".join("''" if c in removed else c for c in cols.replace(" ", "").split(","))
        where = " WHERE retired = 1" if table == "stations" else ""
        out[table] = [
            tuple(r) for r in conn.execute(f"SELECT {cols} FROM {table}{where} ORDER BY {order}")
        ]
    return out


def digest(conn: Any, view: keys.View | None = None) -> str:
    data = canonical_dump(conn, view)
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()
