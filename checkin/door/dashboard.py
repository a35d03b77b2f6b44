"""What the organizer's dashboard shows, in one read: built on ``checkin.door.stats``.

Checked in vs expected (in total, by category and for every check-in list), people
inside now (entered and not exited since: the engine's attendance state, i.e. entries
minus exits per person), first arrivals per 5 or 15 minutes, admissions per station,
and at each door the arrivals per minute and the estimated wait (``waiting``). Every
number comes from ``stats.compute`` / ``stats.arrivals`` / ``waiting.door_figures``
over the engine's own tables, so the dashboard and the engine never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from checkin.db.eventfile import EventFile
from checkin.door import stats, waiting
from checkin.event import settings as settings_mod
from checkin.models import Stats
from checkin.protect import audit

BUCKETS = (5, 15)


@dataclass(frozen=True, slots=True)
class ListProgress:
    list_id: str
    expected: int
    checked_in: int
    inside: int


@dataclass(frozen=True)
class Dashboard:
    list_id: str
    bucket_minutes: int
    stats: Stats  # the chosen list
    lists: list[ListProgress] = field(default_factory=list)  # every list, in the event's order
    arrivals: list[tuple[int, int]] = field(default_factory=list)  # (bucket start ms, arrivals)
    alerts: list[audit.AuditEntry] = field(default_factory=list)  # trawling alerts, newest first
    # Arrivals per minute and the estimated wait at each door (``checkin.door.waiting``).
    doors: list[waiting.DoorFigures] = field(default_factory=list)
    now_ms: int | None = None  # the time the door figures were read at

    @property
    def expected(self) -> int:
        return self.stats.expected

    @property
    def checked_in(self) -> int:
        return self.stats.checked_in

    @property
    def inside(self) -> int:
        return self.stats.inside

    @property
    def by_station(self) -> dict[str, int]:
        return self.stats.by_station

    @property
    def peak(self) -> tuple[int, int] | None:
        """The busiest bucket (start ms, arrivals), or None before anyone arrived."""
        return max(self.arrivals, key=lambda b: b[1]) if self.arrivals else None


def compute(
    ef: EventFile,
    list_id: str = "main",
    bucket_minutes: int = 15,
    alerts_since_ms: int | None = None,
    now_ms: int | None = None,
) -> Dashboard:
    """Everything the dashboard shows for ``list_id``, read in one snapshot; with
    ``alerts_since_ms``, the trawling alerts (``checkin.protect.audit``) since then too;
    with ``now_ms``, the waiting-line figures of every door (``checkin.door.waiting``)."""
    if bucket_minutes not in BUCKETS:
        raise ValueError(f"bucket must be one of {BUCKETS}, not {bucket_minutes}")
    with ef.read():
        list_ids = settings_mod.load(ef).list_ids() or [list_id]
        if list_id not in list_ids:
            list_ids.append(list_id)
        per_list = {lid: stats.compute(ef, lid) for lid in list_ids}
        arrivals = stats.arrivals(ef, list_id, bucket_minutes)
        alerts = audit.alerts(ef, alerts_since_ms) if alerts_since_ms is not None else []
        doors = waiting.door_figures(ef, now_ms, list_id) if now_ms is not None else []
    return Dashboard(
        list_id=list_id,
        bucket_minutes=bucket_minutes,
        stats=per_list[list_id],
        lists=[
            ListProgress(lid, s.expected, s.checked_in, s.inside) for lid, s in per_list.items()
        ],
        arrivals=arrivals,
        alerts=alerts,
        doors=doors,
        now_ms=now_ms,
    )
