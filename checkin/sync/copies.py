"""Untangling an event file that was copied by hand and used on two kiosks.

Both copies wrote rows as the same station with the same sequence numbers; sync
refuses such rows wherever they meet (``StationConflict``). ``resolve_copy`` runs on
one of the two kiosks with a *full* bundle from the other: it finds where the two
files part (the first sequence number at which their rows differ, or the end of what
the other holds) and moves this file's own rows after that point to a fresh station
identity of its own, keeping their ids, times and content. Derived state is rebuilt.
Afterwards both kiosks sync normally and every check-in of both is kept, once.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checkin import errors
from checkin.clock import Clock
from checkin.db.eventfile import EventFile
from checkin.sync import bundle, merge, state
from checkin.sync.state import quote
from checkin.sync.texts import SyncTexts as T

log = logging.getLogger(__name__)


@dataclass
class Resolved:
    station_id: str
    name: str
    station_no: int
    moved: int
    from_station: str

    def to_json(self) -> dict[str, Any]:
        return {
            "station_id": self.station_id,
            "station": self.name,
            "station_no": self.station_no,
            "moved": self.moved,
            "from_station_id": self.from_station,
        }


def resolve_copy(ef: EventFile, other: str | os.PathLike[str], clock: Clock) -> Resolved:
    path = Path(other)
    now = clock.now_ms()
    state.ensure_identity(ef, now)
    conn = ef.conn
    bundle._open_attached(ef, path)
    try:
        body = bundle._read_body(conn, path)
        with ef.write():
            me = state.me(conn)
            bundle._check_acceptable(conn, body, path, me.event_id)
            if bundle.checksum(conn, bundle.ALIAS, body) != body["checksum"]:
                raise bundle.BundleDamaged(str(path), "checksum")
            shared = body["sender"].get("station_id")
            former = state.get_local(conn, "former_station_ids", []) or []
            if shared != me.station_id and shared not in former:
                raise errors.InvalidInput(T.that_bundle_not_from_other, field="bundle")
            lower = body.get("ranges", {}).get(shared, [0, 0])[0]
            if lower:
                raise errors.InvalidInput(T.needs_full_bundle_from_other, field="bundle")
            if shared == me.station_id:
                state.take_new_identity(conn, now)
                me = state.me(conn)
            fork = _fork_point(conn, shared, body)
            moved = _move_rows(conn, shared, fork, me.station_id)
            conn.execute(
                "UPDATE stations SET seen_seq = min(seen_seq, ?) WHERE station_id = ?",
                (fork, shared),
            )
            state.record_history(conn, now, "resolve-copy", True, detail=f"moved {moved}")
    finally:
        bundle._detach(conn)
    log.info("moved %d rows of a copied station to this file's own identity", moved)
    return Resolved(me.station_id, me.name, me.station_no, moved, shared)


def _fork_point(conn: Any, station_id: str, body: dict[str, Any]) -> int:
    """The last sequence number both files agree on."""
    held = int(body["vector"].get(station_id, 0))
    fork = held
    for table in body["tables"]:
        cols = [c for c in state.log_columns(conn, table)]
        differs = " OR ".join(f"m.{quote(c)} IS NOT b.{quote(c)}" for c in cols)
        row = conn.execute(
            f"SELECT min(m.seq) FROM main.{quote(table)} m JOIN {bundle.ALIAS}.{quote(table)} b "
            f"ON b.station_id = m.station_id AND b.seq = m.seq WHERE m.station_id = ? "
            f"AND ({differs})",
            (station_id,),
        ).fetchone()
        if row[0] is not None:
            fork = min(fork, int(row[0]) - 1)
    return fork


def _move_rows(conn: Any, old: str, fork: int, new: str) -> int:
    rows: list[tuple[int, str]] = []
    for table in state.synced_logs():
        rows += [
            (seq, table)
            for (seq,) in conn.execute(
                f"SELECT seq FROM main.{quote(table)} WHERE station_id = ? AND seq > ?",
                (old, fork),
            )
        ]
    if not rows:
        return 0
    rows.sort()
    touched: dict[str, Any] = {}
    for table in state.synced_logs():
        hook = merge.HOOKS.get(table)
        if hook:
            touched[table] = hook.collect(
                conn, f"SELECT * FROM main.{quote(table)} WHERE station_id = ? AND seq > ?",
                (old, fork),
            )  # fmt: skip
    last = conn.execute("UPDATE local SET seq = seq + ? RETURNING seq", (len(rows),)).fetchone()[0]
    first = last - len(rows) + 1
    for i, (seq, table) in enumerate(rows):
        conn.execute(
            f"UPDATE main.{quote(table)} SET station_id = ?, seq = ? WHERE station_id = ? "
            "AND seq = ?",
            (new, first + i, old, seq),
        )
    for table, items in touched.items():
        merge.HOOKS[table].rebuild(conn, items)
    return len(rows)
