"""Waiting-line figures per door, for the organizer's dashboard (never the kiosk).

For every door (a station name in the check-in log) that admitted anyone on the list
in the last ``RECENT_MINUTES``:

- **arrivals per minute**: people admitted in each of the last ``SERIES_MINUTES``
  minutes, and their rate over the last ``RATE_MINUTES`` (people per minute);
- **how long one admission takes** when people queue, ``service_s``: the median gap
  between back-to-back admissions at that door (gaps of at most ``BUSY_GAP_S``: a
  longer one means nobody was waiting) over the last ``SERVICE_MINUTES``; a group
  checked in together is one admission (its rows share one time);
- **how busy the door is**, ``busy`` = admissions per minute (last ``RATE_MINUTES``)
  times ``service_s``: the share of the time someone is being checked in;
- **estimated wait** = ``service_s × busy / (1 − busy)``: the mean wait in line of one
  queue served at that pace (the M/M/1 queue's formula). It needs only the scan
  times, so it is a reading of how hard the door works, not a head count: a door
  whose volunteer is idle between people shows no wait; one that scans back to back
  all the time is ``flat_out`` (busy ≥ ``FLAT_OUT``), the line probably growing, and
  the wait shown is a floor (computed at ``FLAT_OUT``). Fewer than ``MIN_GAPS``
  back-to-back gaps: no estimate yet.

Check-only stations record nothing and exits are not arrivals, so neither appears.
Times come from each station's own clock. ``exported`` applies the event's
small-count suppression (``checkin.lists.suppression``) for anything that leaves the
app (the command line, a CSV); the dashboard itself is the organizer's screen.
"""

from __future__ import annotations

import itertools
import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from checkin.db.eventfile import EventFile
from checkin.lists import suppression

SERIES_MINUTES = 10
RATE_MINUTES = 5
SERVICE_MINUTES = 15
RECENT_MINUTES = 60  # doors shown: admitted anyone in the last hour (idle ones too)
BUSY_GAP_S = 30
MIN_GAPS = 3
FLAT_OUT = 0.9
MINUTE = 60_000

_ADMISSIONS = (
    "SELECT c.station_name, c.at_ms, count(*) FROM checkins c "
    "WHERE c.list = ? AND c.action = 'entry' AND c.at_ms > ? AND c.at_ms <= ? "
    "AND NOT EXISTS (SELECT 1 FROM checkins u WHERE u.undoes = c.id) "
    "GROUP BY c.station_name, c.at_ms ORDER BY c.station_name, c.at_ms"
)


@dataclass(frozen=True, slots=True)
class DoorFigures:
    door: str  # the station name recorded with the admissions
    per_minute: tuple[int, ...]  # people admitted per minute, oldest first, the last is now
    recent: int  # people admitted in the last RATE_MINUTES
    service_s: float | None  # seconds per admission while people queue; None: too few
    busy: float | None  # share of the time the door is checking someone in
    wait_s: float | None  # estimated wait in line (seconds); None: no estimate yet
    flat_out: bool  # busy at least FLAT_OUT: the line is probably growing
    last_at: int  # the latest admission (ms)

    @property
    def rate(self) -> float:
        """People per minute over the last RATE_MINUTES."""
        return self.recent / RATE_MINUTES

    @property
    def wait_minutes(self) -> int | None:
        """The estimated wait in whole minutes (None: no estimate): rounded, or for a
        door working flat out the floor it is, at least 1 ("≥ 1 min")."""
        if self.wait_s is None:
            return None
        if self.flat_out:
            return max(1, math.ceil(self.wait_s / 60))
        return int(self.wait_s / 60 + 0.5)


def door_figures(ef: EventFile, now_ms: int, list_id: str = "main") -> list[DoorFigures]:
    """The figures of every door seen in the last hour, busiest first."""
    rows = ef.execute(_ADMISSIONS, (list_id, now_ms - RECENT_MINUTES * MINUTE, now_ms)).fetchall()
    by_door: dict[str, list[tuple[int, int]]] = {}
    for door, at_ms, people in rows:
        by_door.setdefault(door, []).append((at_ms, people))
    found = [_figures(door, events, now_ms) for door, events in by_door.items()]
    return sorted(found, key=lambda d: (-d.recent, d.door))


def _figures(door: str, events: list[tuple[int, int]], now_ms: int) -> DoorFigures:
    series = [0] * SERIES_MINUTES
    start = now_ms - SERIES_MINUTES * MINUTE
    for at_ms, people in events:
        if at_ms > start:
            series[min(SERIES_MINUTES - 1, (at_ms - start - 1) // MINUTE)] += people
    rate_from = now_ms - RATE_MINUTES * MINUTE
    recent_events = [(t, n) for t, n in events if t > rate_from]
    times = [t for t, _ in events if t > now_ms - SERVICE_MINUTES * MINUTE]
    gaps = [(b - a) / 1000 for a, b in itertools.pairwise(times)]
    busy_gaps = [g for g in gaps if g <= BUSY_GAP_S]
    service = statistics.median(busy_gaps) if len(busy_gaps) >= MIN_GAPS else None
    busy = wait = None
    flat_out = False
    if service is not None:
        busy = min(0.99, len(recent_events) / RATE_MINUTES * service / 60)
        flat_out = busy >= FLAT_OUT
        shown = min(busy, FLAT_OUT)
        wait = service * shown / (1 - shown)
    return DoorFigures(
        door=door, per_minute=tuple(series), recent=sum(n for _, n in recent_events),
        service_s=service, busy=busy, wait_s=wait, flat_out=flat_out, last_at=events[-1][0],
    )  # fmt: skip


# --- what leaves the app ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ExportedDoor:
    """One door's figures as published: counts below the threshold hidden."""

    door: str
    per_minute: list[suppression.Cell]  # the last SERIES_MINUTES, oldest first
    total: suppression.Cell  # people in those minutes (published beside them)
    wait_minutes: int | None  # None: no estimate, or hidden with a small count
    flat_out: bool

    def to_json(self, threshold: int) -> dict[str, Any]:
        return {
            "door": self.door,
            "per_minute": [c.json(threshold) for c in self.per_minute],
            "total": self.total.json(threshold),
            "estimated_wait_minutes": self.wait_minutes,
            "flat_out": self.flat_out,
        }


def exported(doors: Sequence[DoorFigures], threshold: int) -> list[ExportedDoor]:
    """The figures as they may leave the app: each door's per-minute counts with their
    total, every count below ``threshold`` hidden with what protects it (the total is
    published, so a lone small minute hides a second one); a small total is hidden
    too, and a door with any hidden count shows no wait (it is worked out from the
    same times). The rate over the last minutes is left out: it is a partial sum that
    would give hidden minutes back."""
    out = []
    for door in doors:
        row = suppression.suppress_line(list(door.per_minute), threshold)
        total = sum(door.per_minute)
        small = 0 < total < threshold
        total_cell = suppression.Cell(total, small, small)
        hidden = small or any(c.hidden for c in row)
        out.append(
            ExportedDoor(door.door, row, total_cell, None if hidden else door.wait_minutes,
                         door.flat_out and not hidden)
        )  # fmt: skip
    return out
