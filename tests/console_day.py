"""A scripted day of scans for the dashboard tests (core and GUI)."""

from __future__ import annotations

from checkin.door.engine import CheckinEngine
from checkin.event import settings as settings_mod
from checkin.people import attendees

MINUTE = 60_000


def scripted_day(ef, clock):
    """Entries, exits, undos and re-entries at three stations and on two lists.

    Returns what a person counting by hand would say (per list: checked in, inside;
    entries per station on the main list; first arrivals per 15 minutes).
    """
    settings_mod.update(ef, clock, {"lists": [
        {"id": "main", "ko": "본 행사장", "en": "Main hall"},
        {"id": "lunch", "ko": "오찬", "en": "Lunch"},
    ]})  # fmt: skip
    people = attendees.add_attendees(
        ef, clock,
        [{"display_name": f"참가자{i}", "category": ("defector", "press", "volunteer")[i % 3]}
         for i in range(12)],
    )  # fmt: skip
    attendees.cancel(ef, clock, people[11].id)
    engine = CheckinEngine(ef, clock)
    start = clock.now_ms() - clock.now_ms() % (15 * MINUTE)
    clock.set(start)
    doors = ("1번 출입구", "2번 출입구", "본부")
    # 09:00-09:14: six arrive
    for i in range(6):
        engine.check_in(people[i].id, station=doors[i % 3])
        clock.advance(2 * MINUTE)
    # 09:15-09:29: two more; one of the first leaves, one is undone (wrong person)
    clock.set(start + 15 * MINUTE)
    engine.check_in(people[6].id, station="1번 출입구")
    engine.check_in(people[7].id, station="2번 출입구")
    engine.check_in(people[0].id, direction="exit", station="1번 출입구")
    engine.undo(people[7].id, reason="다른 사람")
    # 09:45: the one who left comes back (not a new arrival), another leaves for good
    clock.set(start + 45 * MINUTE)
    engine.check_in(people[0].id, station="2번 출입구")
    engine.check_in(people[1].id, direction="exit", station="본부")
    engine.check_in(people[8].id, station="본부")
    # lunch list: three of them
    for i in (2, 3, 4):
        engine.check_in(people[i].id, list="lunch", station="본부")
    engine.check_in(people[3].id, list="lunch", direction="exit", station="본부")
    expected = {
        "main": {"checked_in": 8, "inside": 7},
        "lunch": {"checked_in": 3, "inside": 2},
        # entries not undone: 0,3 / 1,4,6 / 2,5,8 ... people[7]'s was undone
        "stations": {"1번 출입구": 3, "2번 출입구": 3, "본부": 3},
        "arrivals_15": [
            (start, 6),
            (start + 15 * MINUTE, 1),
            (start + 30 * MINUTE, 0),
            (start + 45 * MINUTE, 1),
        ],
        "registered": 11,
    }
    return expected
