"""Waiting-line figures per door: arrivals per minute, how busy, the estimated wait."""

from __future__ import annotations

import pytest

from checkin.door import dashboard, waiting
from checkin.door.engine import CheckinEngine
from checkin.lists import suppression
from checkin.people import attendees


@pytest.fixture
def crowd(ef, clock):
    rows = [{"display_name": f"참가자{i:03d}", "category": "guest"} for i in range(200)]
    return attendees.add_attendees(ef, clock, rows)


def _admit(engine, clock, people, door, gap_ms, count):
    for person in people[:count]:
        clock.advance(gap_ms)
        assert engine.check_in(person.id, station=door).ok
    return people[count:]


def test_a_door_scanning_back_to_back_is_flat_out(ef, clock, crowd) -> None:
    engine = CheckinEngine(ef, clock)
    people = iter(crowd)
    for step in range(60):  # the front door every 6 s for 6 minutes, the back every 42 s
        clock.advance(6_000)
        engine.check_in(next(people).id, station="정문")
        if step % 7 == 6:
            engine.check_in(next(people).id, station="후문")
    doors = {d.door: d for d in waiting.door_figures(ef, clock.now_ms())}
    front, back = doors["정문"], doors["후문"]
    assert list(doors) == ["정문", "후문"]  # busiest first
    assert front.service_s == pytest.approx(6.0)
    assert front.recent == 50 and front.rate == pytest.approx(10.0)
    assert front.flat_out and front.busy == pytest.approx(0.99)
    # shown as a floor: the wait at FLAT_OUT busy
    assert front.wait_s == pytest.approx(6.0 * 0.9 / 0.1) and front.wait_minutes == 1
    assert sum(front.per_minute) == 60 and front.per_minute[-1] == 10
    assert back.service_s is None and back.wait_s is None and not back.flat_out
    assert sum(back.per_minute) == 8 and back.recent == 7


def test_a_busy_door_gets_a_wait_from_its_pace(ef, clock, crowd) -> None:
    engine = CheckinEngine(ef, clock)
    rest = crowd
    for _ in range(10):  # each minute: 4 people 8 s apart, then nobody for 28 s
        rest = _admit(engine, clock, rest, "정문", 8_000, 4)
        clock.advance(28_000)
    (door,) = waiting.door_figures(ef, clock.now_ms())
    assert door.service_s == pytest.approx(8.0)
    assert door.recent == 20 and door.per_minute == (4,) * 10
    busy = 20 / 5 * 8 / 60  # 4 admissions a minute, 8 s each
    assert door.busy == pytest.approx(busy)
    assert door.wait_s == pytest.approx(8 * busy / (1 - busy))
    assert door.wait_minutes == 0 and not door.flat_out


def test_a_group_is_one_admission_and_undone_ones_do_not_count(ef, clock, crowd) -> None:
    engine = CheckinEngine(ef, clock)
    for i in range(5):
        clock.advance(10_000)
        results = engine.check_in_group([p.id for p in crowd[i * 4 : i * 4 + 4]], station="정문")
    engine.undo_group([r.checkin.id for r in results], reason="wrong door")
    (door,) = waiting.door_figures(ef, clock.now_ms())
    assert sum(door.per_minute) == 16 and door.service_s == pytest.approx(10.0)


def test_exits_check_only_and_other_lists_are_not_arrivals(ef, clock, crowd) -> None:
    engine = CheckinEngine(ef, clock)
    _admit(engine, clock, crowd, "정문", 5_000, 3)
    for person in crowd[:3]:
        engine.check_in(person.id, station="출구", direction="exit")
    assert [d.door for d in waiting.door_figures(ef, clock.now_ms())] == ["정문"]
    assert waiting.door_figures(ef, clock.now_ms(), "vip") == []
    clock.advance(61 * 60_000)  # an hour later the door is no longer listed
    assert waiting.door_figures(ef, clock.now_ms()) == []


def test_the_dashboard_carries_the_doors(ef, clock, crowd) -> None:
    engine = CheckinEngine(ef, clock)
    _admit(engine, clock, crowd, "정문", 5_000, 6)
    board = dashboard.compute(ef, now_ms=clock.now_ms())
    assert [d.door for d in board.doors] == ["정문"]
    assert dashboard.compute(ef).doors == []


def test_exported_figures_hide_small_counts(ef, clock, crowd) -> None:
    engine = CheckinEngine(ef, clock)
    rest = _admit(engine, clock, crowd, "정문", 6_000, 60)
    _admit(engine, clock, rest, "후문", 20_000, 3)
    doors = waiting.door_figures(ef, clock.now_ms())
    out = {d.door: d for d in waiting.exported(doors, 5)}
    back = out["후문"]
    assert back.total.hidden and back.total.show(5) == "<5"
    assert all(c.hidden for c in back.per_minute if c.value)
    assert back.wait_minutes is None
    front = out["정문"]
    raw = next(d for d in doors if d.door == "정문")
    table = [list(raw.per_minute)]
    assert not suppression.recoverable(table, [front.per_minute], 5, row_totals=True,
                                       col_totals=False)  # fmt: skip
    shown = front.to_json(5)
    assert shown["door"] == "정문" and "recent" not in shown
    assert all(v == 0 or v == "<5" or v == "x" or v >= 5 for v in shown["per_minute"])
