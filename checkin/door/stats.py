"""Counts for the screen and reports: checked in vs expected, by category and station,
arrivals over time, one attendee's history, who is inside. All read from the event file."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from checkin.db.eventfile import EventFile
from checkin.models import CHECKIN_COLUMNS, CategoryCount, CheckIn, Stats

_PRESENCE_BATCH = 500  # attendee ids per query (well under SQLite's variable limit)

UNKNOWN_CATEGORY = "?"


def compute(ef: EventFile, list_id: str = "main") -> Stats:
    with ef.read() as conn:
        expected_by = dict(
            conn.execute(
                "SELECT category, count(*) FROM attendees WHERE status = 'registered' "
                "GROUP BY category"
            ).fetchall()
        )
        cancelled = conn.execute(
            "SELECT count(*) FROM attendees WHERE status = 'cancelled'"
        ).fetchone()[0]
        in_by: dict[str, tuple[int, int]] = {}
        anonymous = 0
        # An anonymous admission (checkin.door.engine.admit_anonymous) has no attendee row:
        # its category is in its id, "anon:<category>:<random>".
        for category, checked, inside, anon in conn.execute(
            "SELECT coalesce(a.category, CASE WHEN x.attendee_id LIKE 'anon:%' THEN "
            "substr(x.attendee_id, 6, instr(substr(x.attendee_id, 6), ':') - 1) END, ?), "
            "count(*), sum(x.inside), sum(x.attendee_id LIKE 'anon:%') FROM attendance x "
            "LEFT JOIN attendees a ON a.id = x.attendee_id "
            "WHERE x.list = ? AND x.entries > 0 GROUP BY 1",
            (UNKNOWN_CATEGORY, list_id),
        ):
            in_by[category] = (checked, inside or 0)
            anonymous += anon or 0
        by_station = dict(
            conn.execute(
                "SELECT c.station_name, count(*) FROM checkins c WHERE c.list = ? "
                "AND c.action = 'entry' AND NOT EXISTS (SELECT 1 FROM checkins u "
                "WHERE u.undoes = c.id) GROUP BY c.station_name ORDER BY 2 DESC",
                (list_id,),
            ).fetchall()
        )
    categories = sorted(set(expected_by) | set(in_by))
    by_category = [
        CategoryCount(
            category=cat,
            expected=expected_by.get(cat, 0),
            checked_in=in_by.get(cat, (0, 0))[0],
            inside=in_by.get(cat, (0, 0))[1],
        )
        for cat in categories
    ]
    return Stats(
        list=list_id,
        expected=sum(expected_by.values()),
        checked_in=sum(c for c, _ in in_by.values()),
        inside=sum(i for _, i in in_by.values()),
        cancelled=cancelled,
        unsynced=in_by.get(UNKNOWN_CATEGORY, (0, 0))[0],
        by_category=by_category,
        by_station=by_station,
        anonymous=anonymous,
    )


def arrivals(
    ef: EventFile, list_id: str = "main", bucket_minutes: int = 15
) -> list[tuple[int, int]]:
    """(bucket start ms, first arrivals in it), ascending; empty buckets included."""
    bucket = bucket_minutes * 60_000
    rows = ef.execute(
        "SELECT (first_in_at / ?) * ?, count(*) FROM attendance WHERE list = ? "
        "AND first_in_at IS NOT NULL GROUP BY 1 ORDER BY 1",
        (bucket, bucket, list_id),
    ).fetchall()
    if not rows:
        return []
    counts = dict(rows)
    start, end = rows[0][0], rows[-1][0]
    return [(t, counts.get(t, 0)) for t in range(start, end + bucket, bucket)]


def history(ef: EventFile, attendee_id: str) -> list[CheckIn]:
    """Every log row of one attendee, oldest first (entries, exits, undos)."""
    return [
        CheckIn(*row)
        for row in ef.execute(
            f"SELECT {CHECKIN_COLUMNS} FROM checkins WHERE attendee_id = ? ORDER BY hlc, station_id",
            (attendee_id,),
        )
    ]


def undone_ids(ef: EventFile, attendee_id: str) -> set[str]:
    return {
        r[0]
        for r in ef.execute(
            "SELECT undoes FROM checkins WHERE attendee_id = ? AND action = 'undo'", (attendee_id,)
        )
    }


@dataclass(frozen=True, slots=True)
class Presence:
    """One attendee's state on one check-in list."""

    inside: bool = False
    last_in_at: int | None = None  # their last entry (ms), None: never admitted
    last_in_station: str = ""


NOWHERE = Presence()


def presence(ef: EventFile, list_id: str, attendee_ids: Sequence[str]) -> dict[str, Presence]:
    """Inside or not, and the last entry, of each of ``attendee_ids`` on ``list_id``
    (an attendee never admitted there is left out: ``NOWHERE``)."""
    found: dict[str, Presence] = {}
    ids = list(dict.fromkeys(attendee_ids))
    for start in range(0, len(ids), _PRESENCE_BATCH):
        batch = ids[start : start + _PRESENCE_BATCH]
        placeholders = ",".join("?" * len(batch))
        for attendee_id, inside, last_in_at, station in ef.execute(
            "SELECT attendee_id, inside, last_in_at, last_in_station FROM attendance "
            f"WHERE list = ? AND attendee_id IN ({placeholders})",
            [list_id, *batch],
        ):
            found[attendee_id] = Presence(bool(inside), last_in_at, station or "")
    return found


def is_inside(ef: EventFile, attendee_id: str, list_id: str) -> bool:
    """Checked in on ``list_id`` and not out again."""
    return presence(ef, list_id, [attendee_id]).get(attendee_id, NOWHERE).inside
