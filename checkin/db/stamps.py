"""Stamps for log rows: this station's next sequence number and HLC timestamp.

Every row this station appends to a log (``changes``, ``checkins``) takes one stamp
inside the same write transaction, so sequence numbers have no gaps and the version
vector ("seen everything from station S up to seq N") is exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from checkin.hlc import COUNTER_BITS


@dataclass(frozen=True, slots=True)
class Stamp:
    station_id: str
    seq: int
    hlc: int
    station_name: str = ""


_NEXT = (
    f"UPDATE local SET seq = seq + 1, hlc = max(hlc + 1, ? << {COUNTER_BITS}) "
    "RETURNING station_id, seq, hlc, station_name"
)


def next_stamp(conn: Any, now_ms: int) -> Stamp:
    """Allocate one stamp; call inside a write transaction."""
    station_id, seq, hlc, station_name = conn.execute(_NEXT, (now_ms,)).fetchone()
    return Stamp(station_id, seq, hlc, station_name)


def next_stamps(conn: Any, now_ms: int, count: int) -> list[Stamp]:
    """Allocate ``count`` consecutive stamps at once (bulk writes)."""
    if count <= 0:
        return []
    row = conn.execute(
        f"UPDATE local SET seq = seq + ?, hlc = max(hlc + ?, (? << {COUNTER_BITS}) + ? - 1) "
        "RETURNING station_id, seq, hlc, station_name",
        (count, count, now_ms, count),
    ).fetchone()
    station_id, seq, hlc, station_name = row
    first_seq, first_hlc = seq - count + 1, hlc - count + 1
    return [Stamp(station_id, first_seq + i, first_hlc + i, station_name) for i in range(count)]


def receive_hlc(conn: Any, remote_hlc: int, now_ms: int) -> None:
    """Advance this station's clock past a timestamp merged from elsewhere."""
    conn.execute(
        f"UPDATE local SET hlc = max(hlc + 1, ? + 1, ? << {COUNTER_BITS})",
        (remote_hlc, now_ms),
    )
