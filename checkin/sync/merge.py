"""Merging log rows from other stations into this event file.

Rows arrive *staged* in temporary tables (``temp.sync_in_<log>``, same columns as the
log plus a ``_new`` flag), from a bundle (attached database) or from the hub. One call
of :func:`merge_staged`, inside the caller's write transaction, then:

1. strips the fields this file's view leaves out (a door kiosk, ``checkin.sync.keys``),
   drops rows a stripped sender relays from others, and rows of retired stations past
   their retirement;
2. refuses the whole batch if a row has the key of one we hold but other content, or
   if someone else writes as this station (a copied event file);
3. inserts the rows not held yet (by (station_id, seq); a check-in id already held
   under another key is a duplicate and skipped);
4. rebuilds derived state for what the new rows touch, through per-log hooks
   (``HOOKS``): attendee records (``attendees.materialize``), settings (last writer wins
   by (hlc, station)), attendance (the same fold as ``engine.rebuild_attendance``);
5. advances the version vector and this station's clock (``stamps.receive_hlc``).

Everything is idempotent: merging the same rows again inserts nothing and changes
nothing; and because derived state is a function of the logs alone, any order or
grouping of merges ends in the same state.

A feature that adds a synced log (a print log, an audit log) registers a
:class:`LogHook` in ``HOOKS`` if merged rows must update derived state.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from checkin.db.eventfile import DRIVER_ERRORS
from checkin.db.stamps import receive_hlc
from checkin.door.engine import INSERT_ATTENDANCE, fold_attendance
from checkin.event.identity import MAX_STATION_NAME
from checkin.models import Role
from checkin.people import attendees, fields
from checkin.protect import pin as pin_mod
from checkin.protect import retention
from checkin.sync import keys, state
from checkin.sync.errors import StationConflict
from checkin.sync.state import quote

log = logging.getLogger(__name__)

STAGE_PREFIX = "sync_in_"


def staged(table: str) -> str:
    return f"temp.{STAGE_PREFIX}{table}"


# --- hooks: derived state per log -----------------------------------------------------


@dataclass
class LogHook:
    """How rows of one log touch derived state.

    ``collect(conn, select_sql, params)`` gets a SELECT of rows (all log columns) that
    were added or are about to be removed and returns what they touch; ``rebuild(conn,
    touched)`` rebuilds it from the log and returns how many things it rebuilt.
    """

    collect: Callable[[Any, str, Sequence[Any]], Any]
    rebuild: Callable[[Any, Any], int]


def _collect_changes(conn: Any, select_sql: str, params: Sequence[Any]) -> dict[str, set[str]]:
    touched: dict[str, set[str]] = {"attendee": set(), "setting": set()}
    for entity, entity_id in conn.execute(
        f"SELECT DISTINCT entity, entity_id FROM ({select_sql})", params
    ):
        touched.setdefault(entity, set()).add(entity_id)
    return touched


def _rebuild_changes(conn: Any, touched: dict[str, set[str]]) -> int:
    ids = sorted(touched.get("attendee", ()))
    if ids:
        attendees.materialize(conn, ids)
    keys = sorted(touched.get("setting", ()))
    for key in keys:
        rebuild_setting(conn, key)
    return len(ids) + len(keys)


def rebuild_setting(conn: Any, key: str) -> None:
    """One setting from the change log: last writer wins by (hlc, station id)."""
    row = conn.execute(
        "SELECT fields, hlc, station_id FROM changes WHERE entity = 'setting' AND entity_id = ? "
        "ORDER BY hlc DESC, station_id DESC LIMIT 1",
        (key,),
    ).fetchone()
    if row is None:
        conn.execute("DELETE FROM settings WHERE key = ?", (key,))
        value: Any = None
    else:
        fields_json, hlc, station_id = row
        value = json.loads(fields_json).get("value")
        encoded = json.dumps(value, ensure_ascii=False, sort_keys=True)
        conn.execute(
            "INSERT INTO settings (key, value, hlc, station_id) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value, hlc = excluded.hlc, "
            "station_id = excluded.station_id",
            (key, encoded, hlc, station_id),
        )
    if key.startswith(state.RETIRED_PREFIX):
        apply_retirement(conn, key[len(state.RETIRED_PREFIX) :], value)
    if key == retention.CLOSED_KEY and isinstance(value, dict) and value.get("closed"):
        retention.apply_closed(conn)


def _collect_checkins(conn: Any, select_sql: str, params: Sequence[Any]) -> set[tuple[str, str]]:
    return {
        (a, li)
        for a, li in conn.execute(f"SELECT DISTINCT attendee_id, list FROM ({select_sql})", params)
    }


def _rebuild_checkins(conn: Any, pairs: set[tuple[str, str]]) -> int:
    rebuild_attendance_many(conn, pairs)
    return len(pairs)


HOOKS: dict[str, LogHook] = {
    "changes": LogHook(_collect_changes, _rebuild_changes),
    "checkins": LogHook(_collect_checkins, _rebuild_checkins),
}


def rebuild_attendance_many(conn: Any, pairs: Iterable[tuple[str, str]]) -> None:
    """``engine.rebuild_attendance`` for many (attendee, list) pairs at once."""
    pairs = sorted(set(pairs))
    if not pairs:
        return
    conn.execute(
        "CREATE TEMP TABLE IF NOT EXISTS sync_pairs (attendee_id TEXT, list TEXT, "
        "PRIMARY KEY (attendee_id, list)) WITHOUT ROWID"
    )
    conn.execute("DELETE FROM temp.sync_pairs")
    conn.executemany("INSERT INTO temp.sync_pairs VALUES (?, ?)", pairs)
    rows = conn.execute(
        "SELECT c.attendee_id, c.list, c.id, c.action, c.undoes, c.at_ms, c.station_name "
        "FROM temp.sync_pairs p JOIN checkins c ON c.attendee_id = p.attendee_id "
        "AND c.list = p.list ORDER BY c.attendee_id, c.list, c.hlc, c.station_id"
    ).fetchall()
    out = []
    i, n = 0, len(rows)
    while i < n:
        attendee_id, list_id = rows[i][0], rows[i][1]
        j = i
        while j < n and rows[j][0] == attendee_id and rows[j][1] == list_id:
            j += 1
        state = fold_attendance([r[2:] for r in rows[i:j]])
        i = j
        if state is not None:
            out.append((attendee_id, list_id, *state))
    conn.execute(
        "DELETE FROM attendance WHERE (attendee_id, list) IN "
        "(SELECT attendee_id, list FROM temp.sync_pairs)"
    )
    conn.executemany(INSERT_ATTENDANCE, out)
    conn.execute("DELETE FROM temp.sync_pairs")


def closed_info(conn: Any) -> dict[str, Any] | None:
    """Who closed the event (station id and label) and when, or None while open."""
    marker = retention.closed_marker(conn)
    if marker is None:
        return None
    by = str(marker.get("by") or "")
    return {"at": marker.get("at"), "by": by, "station": state.station_label(conn, by)}


# --- retirement -----------------------------------------------------------------------


def apply_retirement(conn: Any, station_id: str, value: Any) -> int:
    """Mark a station retired (or not) and drop its rows past the retirement point.

    Every station applies the same rule, so they all converge on the same rows. The
    retired station itself keeps its own rows (nobody else will take them).
    """
    is_retired = bool(isinstance(value, dict) and value.get("retired"))
    upto = int(value.get("upto", 0)) if isinstance(value, dict) else 0
    conn.execute(
        "INSERT INTO stations (station_id, name, retired) VALUES (?, ?, ?) "
        "ON CONFLICT (station_id) DO UPDATE SET retired = excluded.retired",
        (station_id, received_station_name(value.get("name") if isinstance(value, dict) else ""),
         int(is_retired)),
    )  # fmt: skip
    own = conn.execute("SELECT station_id FROM local").fetchone()[0]
    if not is_retired or station_id == own:
        return 0
    removed = 0
    for table in state.synced_logs():
        where = f"SELECT * FROM main.{quote(table)} WHERE station_id = ? AND seq > ?"
        hook = HOOKS.get(table)
        touched = hook.collect(conn, where, (station_id, upto)) if hook else None
        removed += conn.execute(
            f"DELETE FROM main.{quote(table)} WHERE station_id = ? AND seq > ?",
            (station_id, upto),
        ).rowcount
        if hook and touched:
            hook.rebuild(conn, touched)
    conn.execute(
        "UPDATE stations SET seen_seq = min(seen_seq, ?) WHERE station_id = ?",
        (upto, station_id),
    )
    if removed:
        log.info("dropped %d rows of a retired station", removed)
    return removed


# --- staging --------------------------------------------------------------------------


def create_stage(conn: Any, table: str) -> list[str]:
    """An empty staging table for ``table``; returns the log's columns."""
    decls = state.log_declarations(conn, table)
    cols = ", ".join(f"{quote(name)} {decl}" for name, decl in decls)
    conn.execute(f"DROP TABLE IF EXISTS {staged(table)}")
    conn.execute(
        f"CREATE TEMP TABLE {STAGE_PREFIX}{table} ({cols}, _new INTEGER NOT NULL DEFAULT 0)"
    )
    conn.execute(
        f"CREATE INDEX temp.{STAGE_PREFIX}{table}_key ON {STAGE_PREFIX}{table} (station_id, seq)"
    )
    return [name for name, _ in decls]


def drop_stages(conn: Any) -> None:
    for table in state.synced_logs():
        conn.execute(f"DROP TABLE IF EXISTS {staged(table)}")


# --- merging --------------------------------------------------------------------------


@dataclass
class MergeResult:
    inserted: dict[str, int] = field(default_factory=dict)
    already_had: int = 0
    duplicates: int = 0  # a check-in id already held under another key
    dropped_retired: int = 0
    dropped_relayed: int = 0  # rows a stripped sender relayed from others
    rebuilt: dict[str, int] = field(default_factory=dict)
    max_hlc: int = 0
    stations: list[str] = field(default_factory=list)
    identity_changed: bool = False
    touched: dict[str, Any] = field(default_factory=dict)  # what derived state to rebuild
    closed: dict[str, Any] | None = None  # the organizer's close arrived: who and when

    @property
    def total(self) -> int:
        return sum(self.inserted.values())

    def add(self, other: MergeResult) -> None:
        for k, v in other.inserted.items():
            self.inserted[k] = self.inserted.get(k, 0) + v
        for k, v in other.rebuilt.items():
            self.rebuilt[k] = self.rebuilt.get(k, 0) + v
        self.already_had += other.already_had
        self.duplicates += other.duplicates
        self.dropped_retired += other.dropped_retired
        self.dropped_relayed += other.dropped_relayed
        self.max_hlc = max(self.max_hlc, other.max_hlc)
        self.stations = sorted(set(self.stations) | set(other.stations))
        self.identity_changed = self.identity_changed or other.identity_changed
        self.closed = self.closed or other.closed
        for k, v in other.touched.items():
            self.touched[k] = _union(self.touched.get(k), v)

    def to_json(self) -> dict[str, Any]:
        return {
            "imported": self.total,
            "inserted": self.inserted,
            "already_had": self.already_had,
            "duplicates": self.duplicates,
            "dropped_retired": self.dropped_retired,
            "dropped_relayed": self.dropped_relayed,
            "rebuilt": self.rebuilt,
            **({"closed": self.closed} if self.closed else {}),
        }


def _union(left: Any, right: Any) -> Any:
    """Combine what hooks collected: sets, or dicts of sets."""
    if left is None:
        return right
    if right is None:
        return left
    if isinstance(left, dict):
        return {k: _union(left.get(k), right.get(k)) for k in set(left) | set(right)}
    return set(left) | set(right)


def rebuild(conn: Any, result: MergeResult) -> None:
    """Rebuild the derived state a merge touched (inside the write transaction)."""
    for table, touched in result.touched.items():
        hook = HOOKS.get(table)
        if hook is not None and touched:
            result.rebuilt[table] = result.rebuilt.get(table, 0) + hook.rebuild(conn, touched)
    result.touched = {}


def _differs(columns: list[str], left: str, right: str) -> str:
    return " OR ".join(f"{left}.{quote(c)} IS NOT {right}.{quote(c)}" for c in columns)


def merge_staged(
    conn: Any,
    now_ms: int,
    *,
    sender: str | None = None,
    sender_stripped: bool = False,
    sender_former: Sequence[str] = (),
    ranges: dict[str, tuple[int, int]] | None = None,
    source: str = "",
    stations: Iterable[dict[str, Any]] = (),
    derive: bool = True,
) -> MergeResult:
    """Merge the staged rows (inside a write transaction). See the module docstring.

    With ``derive=False`` the derived state is left to the caller, who merges several
    batches and then calls :func:`rebuild` once with their combined result.
    """
    result = MergeResult()
    me = state.me(conn)
    gone = state.retired(conn)
    tables = [t for t in state.synced_logs() if _stage_exists(conn, t)]
    # 1. what must not come in
    own = [sender, *sender_former] if sender_stripped and sender else None
    _drop_unwanted(conn, result, tables, me, gone, own)
    # 1b. a closed event: what arrives is wiped before it is compared or stored; the
    # closed marker arriving now wipes this file first (see checkin.protect.retention)
    if (
        "changes" in tables
        and not retention.is_closed(conn)
        and retention.staged_marker(conn, staged("changes"))
    ):
        retention.apply_closed(conn)
    if retention.is_closed(conn):
        for table in tables:
            retention.wipe_log_table(conn, table, staged(table))
    # 2. conflicts: a copied file writing as one station
    held = _check_conflicts(conn, result, tables, me, now_ms, source)
    # 3. insert what is new
    for table in tables:
        _insert_new(conn, result, table, held[table])
    # 4. derived state (now, or by the caller once for several batches)
    _register_stations(conn, stations, tables, now_ms)
    for table in tables:
        hook = HOOKS.get(table)
        if hook is None or not result.inserted.get(table):
            continue
        touched = hook.collect(conn, f"SELECT * FROM {staged(table)} WHERE _new = 1", ())
        result.touched[table] = _union(result.touched.get(table), touched)
    if derive:
        rebuild(conn, result)
    # 5. version vector and clock
    result.stations = advance_vector(conn, tables, ranges or {})
    if result.max_hlc:
        receive_hlc(conn, result.max_hlc, now_ms)
    drop_stages(conn)
    return result


def _drop_unwanted(
    conn: Any,
    result: MergeResult,
    tables: list[str],
    me: state.Me,
    gone: dict[str, int],
    own: list[str] | None,
) -> None:
    """Staged rows that must not come in: relayed by a stripped sender (``own``: the
    station ids it wrote as itself), written by a retired station after it was
    retired; PIN hashes on a door kiosk, the fields this file's view leaves out."""
    view_here = keys.held_view(conn)
    for table in tables:
        tmp = staged(table)
        if own is not None:
            marks = ", ".join("?" for _ in own)
            result.dropped_relayed += conn.execute(
                f"DELETE FROM {tmp} WHERE station_id NOT IN ({marks})", own
            ).rowcount
        for station_id, upto in gone.items():
            if station_id != me.station_id:
                result.dropped_retired += conn.execute(
                    f"DELETE FROM {tmp} WHERE station_id = ? AND seq > ?", (station_id, upto)
                ).rowcount
        if me.role is Role.SCAN_ONLY and table == "changes":
            pin_mod.redact_clear_verifiers(conn, tmp)  # no PIN hash on a door kiosk
        if table == "changes":
            keys.strip_fields(conn, tmp, view_here)  # a door keeps only its own view


def _check_conflicts(
    conn: Any, result: MergeResult, tables: list[str], me: state.Me, now_ms: int, source: str
) -> dict[str, int]:
    """Refuse rows that clash with ones held (a copied file writing as one station);
    table -> how many staged rows are held already. ``me``: this station as it was
    when the merge began."""
    held: dict[str, int] = {}
    for table in tables:
        tmp = staged(table)
        cols = state.log_columns(conn, table)
        row = conn.execute(
            f"SELECT count(*) FROM {tmp} WHERE station_id = ? AND seq > ?",
            (me.station_id, me.seq),
        ).fetchone()
        if row[0]:
            # Someone else writes as this station: a copy of this file (or of its
            # station package) is in use elsewhere. If this file has written nothing as
            # the station yet, it simply takes a fresh identity; otherwise refuse.
            counter = conn.execute("SELECT reg_counter FROM local").fetchone()[0]
            if me.seq or counter:
                raise StationConflict(me.name, source)
            state.take_new_identity(conn, now_ms)
            me = state.me(conn)
            result.identity_changed = True
        existing, clash = conn.execute(
            f"SELECT count(*), max(CASE WHEN {_differs(cols, 'm', 't')} THEN t.station_id END) "
            f"FROM {tmp} t JOIN main.{quote(table)} m "
            "ON m.station_id = t.station_id AND m.seq = t.seq"
        ).fetchone()
        if clash:
            raise StationConflict(state.station_label(conn, clash), source)
        held[table] = int(existing)
    return held


def _insert_new(conn: Any, result: MergeResult, table: str, held: int) -> None:
    """The staged rows of ``table`` not held yet inserted (marked ``_new``)."""
    tmp = staged(table)
    cols = state.log_columns(conn, table)
    collist = ", ".join(quote(c) for c in cols)
    total = conn.execute(f"SELECT count(*) FROM {tmp}").fetchone()[0]
    new = 0
    if held == total:
        pass  # everything is here already (a repeated import): nothing to do
    elif held == 0 and _insert_all(conn, table, tmp, collist):
        new = total  # the common case: all rows are new
    else:
        has_id = "id" in cols
        id_clause = (
            f" AND NOT EXISTS (SELECT 1 FROM main.{quote(table)} d WHERE d.id = {tmp}.id)"
            if has_id
            else ""
        )
        new = conn.execute(
            f"UPDATE {tmp} SET _new = 1 WHERE NOT EXISTS (SELECT 1 FROM main.{quote(table)} "
            f"m WHERE m.station_id = {tmp}.station_id AND m.seq = {tmp}.seq){id_clause}"
        ).rowcount
        # a check-in id held under another key: a copy's rows moved to its own identity
        result.duplicates += total - new - held
        if new:
            conn.execute(
                f"INSERT INTO main.{quote(table)} ({collist}) SELECT {collist} FROM {tmp} "
                "WHERE _new = 1 ORDER BY station_id, seq"
            )
    result.already_had += held
    result.inserted[table] = new
    if new:
        hlc = conn.execute(f"SELECT max(hlc) FROM {tmp} WHERE _new = 1").fetchone()[0]
        result.max_hlc = max(result.max_hlc, int(hlc or 0))


def _insert_all(conn: Any, table: str, tmp: str, collist: str) -> bool:
    """Insert every staged row at once; False (and nothing done) if one clashes."""
    conn.execute("SAVEPOINT sync_fast")
    try:
        conn.execute(
            f"INSERT INTO main.{quote(table)} ({collist}) SELECT {collist} FROM {tmp} "
            "ORDER BY station_id, seq"
        )
    except DRIVER_ERRORS as exc:
        if "unique" not in str(exc).lower():
            conn.execute("ROLLBACK TO sync_fast")
            conn.execute("RELEASE sync_fast")
            raise
        conn.execute("ROLLBACK TO sync_fast")
        conn.execute("RELEASE sync_fast")
        return False
    conn.execute("RELEASE sync_fast")
    conn.execute(f"UPDATE {tmp} SET _new = 1")
    return True


def _stage_exists(conn: Any, table: str) -> bool:
    return bool(
        conn.execute(
            "SELECT 1 FROM sqlite_temp_master WHERE type = 'table' AND name = ?",
            (STAGE_PREFIX + table,),
        ).fetchone()
    )


def received_station_name(name: Any) -> str:
    """A station's name as another station or the hub sends it, cleaned as a name
    typed here is (no bidi controls or zero-width characters, spaces folded,
    bounded); "?" when nothing is left."""
    return fields.received_text(name, MAX_STATION_NAME) or "?"


def _register_stations(
    conn: Any, stations: Iterable[dict[str, Any]], tables: list[str], now_ms: int
) -> None:
    own = conn.execute("SELECT station_id FROM local").fetchone()[0]
    for s in stations:
        if s.get("station_id") == own:
            continue
        conn.execute(
            "INSERT INTO stations (station_id, name, station_no, role) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (station_id) DO UPDATE SET name = excluded.name, "
            "station_no = coalesce(excluded.station_no, stations.station_no), "
            "role = coalesce(excluded.role, stations.role)",
            (
                s["station_id"],
                received_station_name(s.get("name")),
                s.get("station_no"),
                s.get("role"),
            ),
        )
    for table in tables:
        if table == "checkins":
            named = conn.execute(
                f"SELECT station_id, max(station_name) FROM {staged(table)} WHERE _new = 1 "
                f"GROUP BY station_id"
            ).fetchall()
            conn.executemany(
                "INSERT OR IGNORE INTO stations (station_id, name) VALUES (?, ?)",
                [(station_id, received_station_name(name)) for station_id, name in named],
            )
        conn.execute(
            f"INSERT OR IGNORE INTO stations (station_id, name) SELECT DISTINCT station_id, '?' "
            f"FROM {staged(table)} WHERE _new = 1"
        )
        conn.execute(
            f"UPDATE stations SET last_seen_at = ? WHERE station_id IN (SELECT station_id FROM "
            f"{staged(table)} WHERE _new = 1)",
            (now_ms,),
        )


def advance_vector(conn: Any, tables: list[str], ranges: dict[str, tuple[int, int]]) -> list[str]:
    """Move ``seen_seq`` of the stations in the staged rows as far as no gap is left."""
    own = conn.execute("SELECT station_id FROM local").fetchone()[0]
    touched: set[str] = set(ranges)
    for table in tables:
        touched.update(
            r[0] for r in conn.execute(f"SELECT DISTINCT station_id FROM {staged(table)}")
        )
    touched.discard(own)
    for station_id in sorted(touched):
        row = conn.execute(
            "SELECT seen_seq FROM stations WHERE station_id = ?", (station_id,)
        ).fetchone()
        if row is None:
            continue
        seen = int(row[0])
        low, high = ranges.get(station_id, (None, None))
        if low is not None and high is not None and low <= seen:
            seen = max(seen, high)
        union = " UNION ALL ".join(
            f"SELECT seq FROM main.{quote(t)} WHERE station_id = ?1 AND seq > ?2"
            for t in state.synced_logs()
        )
        for (seq,) in conn.execute(f"SELECT seq FROM ({union}) ORDER BY seq", (station_id, seen)):
            if seq == seen + 1:
                seen = seq
            elif seq > seen + 1:
                break
        conn.execute(
            "UPDATE stations SET seen_seq = max(seen_seq, ?) WHERE station_id = ?",
            (seen, station_id),
        )
    return sorted(touched)
