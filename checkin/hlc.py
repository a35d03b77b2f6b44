"""Hybrid logical clock (Kulkarni et al., 2014), packed in one integer.

A timestamp is ``(l, c)``: ``l`` the largest physical time (ms) seen, ``c`` a counter
that orders events within the same ``l``. Packed as ``l << 16 | c`` the integer order
is the HLC order, so SQLite compares them directly. Ties between stations are broken by
the station id wherever an order is needed (``(hlc, station_id)``).

Every station keeps its last timestamp in the event file. A local event (a scan, an
edit) *ticks*; merging data from another station *receives* its largest timestamp, so
anything written afterwards orders after everything already seen, whatever the
laptops' wall clocks say.
"""

from __future__ import annotations

COUNTER_BITS = 16
COUNTER_MASK = (1 << COUNTER_BITS) - 1


def pack(l_ms: int, counter: int = 0) -> int:
    return (l_ms << COUNTER_BITS) | counter


def wall_ms(hlc: int) -> int:
    return hlc >> COUNTER_BITS


def counter(hlc: int) -> int:
    return hlc & COUNTER_MASK


def tick(last: int, now_ms: int) -> int:
    """Timestamp of a local event after ``last`` at physical time ``now_ms``.

    Equivalent to the paper's send rule: ``l' = max(l, pt)``; ``c' = c + 1`` if ``l``
    did not move, else 0. A counter overflow carries into ``l`` (one ms ahead), which
    keeps the order strict.
    """
    return max(last + 1, pack(now_ms))


def receive(last: int, remote: int, now_ms: int) -> int:
    """Timestamp after merging a remote timestamp ``remote`` (the receive rule)."""
    return max(last + 1, remote + 1, pack(now_ms))


# The same tick as one SQL expression over the stored value, so a write transaction
# allocates its stamp in a single statement (see checkin.db.stamps).
SQL_TICK = f"max(hlc + 1, ? << {COUNTER_BITS})"


def describe(hlc: int) -> str:
    return f"{wall_ms(hlc)}.{counter(hlc)}"
