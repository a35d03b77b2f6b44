"""After a merge: people admitted more than once while the doors were offline.

A *double entry* is an entry of an attendee on a list while they were already inside
by an earlier entry recorded at another station, with no exit between them and
neither undone. Online, the engine answers ``already_in`` instead; offline, two doors
cannot know, so these appear only after sync. Each is listed with when and where
both admissions happened; the order is the hybrid-logical-clock order every station
agrees on.

Also listed: registration numbers given to two different people (only possible when
an event file was copied by hand and both copies registered people).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from checkin.db.eventfile import EventFile
from checkin.models import Action


@dataclass(frozen=True, slots=True)
class Admission:
    checkin_id: str
    at_ms: int
    station_id: str
    station_name: str


@dataclass(frozen=True, slots=True)
class DoubleEntry:
    attendee_id: str
    reg_no: str
    display_name: str
    category: str
    list: str
    first: Admission
    second: Admission

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class SharedRegNo:
    reg_no: str
    attendee_ids: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"reg_no": self.reg_no, "attendee_ids": list(self.attendee_ids)}


def double_entries(ef: EventFile, list_id: str | None = None) -> list[DoubleEntry]:
    found: list[DoubleEntry] = []
    with ef.read() as conn:
        where = " AND list = ?" if list_id else ""
        candidates = conn.execute(
            f"SELECT attendee_id, list FROM attendance WHERE entries >= 2{where} "
            "ORDER BY attendee_id, list",
            (list_id,) if list_id else (),
        ).fetchall()
        for attendee_id, list_name in candidates:
            rows = conn.execute(
                "SELECT id, action, undoes, at_ms, station_id, station_name FROM checkins "
                "WHERE attendee_id = ? AND list = ? ORDER BY hlc, station_id",
                (attendee_id, list_name),
            ).fetchall()
            undone = {undoes for _, action, undoes, *_ in rows if action == Action.UNDO}
            inside: Admission | None = None
            for checkin_id, action, _undoes, at_ms, station_id, station_name in rows:
                if action == Action.UNDO or checkin_id in undone:
                    continue
                if action == Action.EXIT:
                    inside = None
                    continue
                here = Admission(checkin_id, at_ms, station_id, station_name)
                if inside is not None and inside.station_id != station_id:
                    person = conn.execute(
                        "SELECT reg_no, display_name, category FROM attendees WHERE id = ?",
                        (attendee_id,),
                    ).fetchone() or ("", "", "")
                    found.append(
                        DoubleEntry(
                            attendee_id=attendee_id,
                            reg_no=person[0],
                            display_name=person[1],
                            category=person[2],
                            list=list_name,
                            first=inside,
                            second=here,
                        )
                    )
                inside = here
    found.sort(key=lambda d: (d.second.at_ms, d.attendee_id))
    return found


def shared_reg_numbers(ef: EventFile) -> list[SharedRegNo]:
    rows = ef.execute(
        "SELECT reg_no, group_concat(id, ' ') FROM attendees GROUP BY reg_no "
        "HAVING count(*) > 1 ORDER BY reg_no"
    ).fetchall()
    return [SharedRegNo(reg, tuple(sorted(ids.split()))) for reg, ids in rows]
