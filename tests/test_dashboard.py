"""The dashboard after a scripted day of scans equals the engine's own statistics."""

from __future__ import annotations

import pytest

from checkin import attendees, dashboard, stats
from checkin import settings as settings_mod
from checkin.engine import CheckinEngine

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
        "arrivals_15": [(start, 6), (start + 15 * MINUTE, 1), (start + 30 * MINUTE, 0),
                        (start + 45 * MINUTE, 1)],  # fmt: skip
        "registered": 11,
    }
    return expected


@pytest.mark.parametrize("bucket", [5, 15])
def test_dashboard_equals_the_engines_stats_after_a_scripted_day(ef, clock, bucket) -> None:
    hand = scripted_day(ef, clock)
    board = dashboard.compute(ef, "main", bucket)
    engine_stats = stats.compute(ef, "main")
    assert board.stats == engine_stats
    assert (board.checked_in, board.inside, board.expected) == (
        hand["main"]["checked_in"], hand["main"]["inside"], hand["registered"])  # fmt: skip
    assert board.by_station == hand["stations"] == engine_stats.by_station
    assert board.arrivals == stats.arrivals(ef, "main", bucket)
    assert sum(n for _, n in board.arrivals) == hand["main"]["checked_in"]
    if bucket == 15:
        assert board.arrivals == hand["arrivals_15"]
        assert board.peak == hand["arrivals_15"][0]
    lists = {li.list_id: li for li in board.lists}
    assert list(lists) == ["main", "lunch"]
    for list_id in ("main", "lunch"):
        s = stats.compute(ef, list_id)
        assert (lists[list_id].checked_in, lists[list_id].inside) == (s.checked_in, s.inside)
        assert (s.checked_in, s.inside) == (hand[list_id]["checked_in"], hand[list_id]["inside"])
    by_cat = {c.category: c for c in board.stats.by_category}
    assert [by_cat[c].expected for c in ("defector", "press", "volunteer")] == [4, 4, 3]


def test_dashboard_of_an_empty_morning(ef) -> None:
    board = dashboard.compute(ef)
    assert (board.checked_in, board.inside, board.arrivals, board.peak) == (0, 0, [], None)


def test_only_5_or_15_minute_buckets(ef) -> None:
    with pytest.raises(ValueError):
        dashboard.compute(ef, "main", 10)
