"""The door screen's rules without Qt: holds, double reads and undo, on fixed clocks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from checkin import errors
from checkin.clock import FixedClock
from checkin.door.outcomes import Kind
from checkin.door.presenter import DOUBLE_READ_MS, HOLD_MS, DoorPresenter, Shown
from checkin.event import identity as event

ROOT = Path(__file__).resolve().parents[2]


def code_of(ef, a) -> str:
    return event.badge_code(ef, a.id, a.badge_version)


@pytest.fixture
def ticks() -> FixedClock:
    return FixedClock(0)


@pytest.fixture
def door(clock, ticks) -> DoorPresenter:
    return DoorPresenter(clock, ticks, result_seconds=4)


def show(door: DoorPresenter, reaction, panel_up: bool = True):
    """What the screen does with a reaction: paint now, or queue (returns the delay)."""
    due = door.offer(reaction.shown, panel_up)
    if due is None:
        return door.painted(reaction.shown)
    return due


def test_the_rules_load_without_qt() -> None:
    probe = "import sys, checkin.door.presenter; print(any(m.startswith('PySide6') for m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


def test_an_ok_scan_is_counted_listed_and_can_be_undone(ef, engine, people, clock, door) -> None:
    result = engine.scan(code_of(ef, people[0]))
    reaction = door.scanned(result)
    assert reaction.shown == Shown(Kind.OK, result=result)
    assert reaction.sound is Kind.OK and reaction.count is result
    assert reaction.recent == (Kind.OK, clock.now_ms(), "김민수")
    assert door.can_undo and door.undo_target() is result
    timing = show(door, reaction)
    assert timing.back_ms == 4000 and timing.next_ms is None


def test_a_problem_stays_twice_as_long(ef, engine, door) -> None:
    timing = show(door, door.scanned(engine.scan("not a badge")))
    assert timing.back_ms == 8000
    door.self_service = True
    assert door.painted(Shown(Kind.OK)).back_ms == 3000  # a self-service queue moves on
    assert door.painted(Shown(Kind.INVALID)).back_ms == 7000


def test_results_wait_behind_a_problem_for_the_hold(ef, engine, people, door, ticks) -> None:
    show(door, door.scanned(engine.scan("not a badge")))
    ticks.advance(400)
    first = door.scanned(engine.scan(code_of(ef, people[0])))
    assert show(door, first) == HOLD_MS - 400  # queued; the next one is due then
    second = door.scanned(engine.scan(code_of(ef, people[1])))
    assert show(door, second) == HOLD_MS - 400
    assert door.pending == 2
    ticks.advance(HOLD_MS)
    shown = door.next_queued()
    assert shown == first.shown
    timing = door.painted(shown)
    assert timing.next_ms == HOLD_MS  # one more waits
    assert door.offer(Shown(Kind.OK), panel_up=True) is None  # green: not held
    assert door.next_queued() == second.shown and door.next_queued() is None


def test_after_the_hold_a_problem_gives_way(ef, engine, people, door, ticks) -> None:
    show(door, door.scanned(engine.scan("not a badge")))
    ticks.advance(HOLD_MS)
    assert door.offer(door.scanned(engine.scan(code_of(ef, people[0]))).shown, True) is None


def test_nothing_is_held_once_the_panel_is_gone(ef, engine, people, door) -> None:
    show(door, door.scanned(engine.scan("not a badge")))
    reaction = door.scanned(engine.scan(code_of(ef, people[0])))
    assert door.offer(reaction.shown, panel_up=False) is None


def test_a_badge_read_twice_is_the_person_just_admitted(ef, engine, people, clock, door) -> None:
    code = code_of(ef, people[0])
    first = engine.scan(code)
    door.scanned(first)
    clock.advance(DOUBLE_READ_MS - 1)
    again = door.scanned(engine.scan(code))
    assert again.shown == Shown(Kind.OK, result=first) and again.sound is Kind.OK
    assert again.recent is None and again.count is None
    clock.advance(1)
    later = door.scanned(engine.scan(code))
    assert later.shown.kind is Kind.ALREADY_IN and later.recent is not None


def test_already_in_from_another_kiosk_is_no_double_read(ef, engine, people, door) -> None:
    engine.scan(code_of(ef, people[0]))  # admitted elsewhere (not through this presenter)
    reaction = door.scanned(engine.scan(code_of(ef, people[0])))
    assert reaction.shown.kind is Kind.ALREADY_IN and reaction.sound is Kind.ALREADY_IN


def test_undo_once_then_nothing(ef, engine, people, clock, door) -> None:
    door.scanned(engine.scan(code_of(ef, people[1])))
    reaction = door.undone()
    assert reaction.shown == Shown(Kind.UNDONE, attendee=people[1])
    assert reaction.recent == (Kind.UNDONE, clock.now_ms(), "한별") and reaction.recount
    assert door.undo_target() is None and not door.can_undo


def test_refused_scans_leave_the_undo_alone(ef, engine, people, door) -> None:
    ok = engine.scan(code_of(ef, people[0]))
    door.scanned(ok)
    door.scanned(engine.scan("not a badge"))
    door.failed(errors.DiskFull())
    assert door.undo_target() is ok
    door.forget_undo()  # the event was closed
    assert door.undo_target() is None


def test_no_undo_at_a_self_service_kiosk(ef, engine, people, door) -> None:
    door.self_service = True
    door.scanned(engine.scan(code_of(ef, people[0])))
    assert door.undo_target() is None and not door.can_undo


def test_an_error_is_loud(door) -> None:
    exc = errors.DiskFull()
    reaction = door.failed(exc)
    assert reaction.shown == Shown(Kind.ERROR, error=exc) and reaction.sound is Kind.ERROR
    assert reaction.recent is None
    assert show(door, reaction).back_ms == 8000
