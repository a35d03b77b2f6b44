"""Who is inside, for the screens: the search results' state, the attendee dialog's
"inside", the demo's random badge, whether the event is closed."""

from __future__ import annotations

import random

from checkin.door import demo, stats
from checkin.door.outcomes import Kind
from checkin.event import identity as event
from checkin.protect import retention


def code_of(ef, a) -> str:
    return event.badge_code(ef, a.id, a.badge_version)


def test_presence_of_many_on_one_list(ef, engine, people, clock) -> None:
    kim, han, john = people[0], people[1], people[2]
    engine.scan(code_of(ef, kim), station="정문")
    engine.scan(code_of(ef, han))
    clock.advance(60_000)
    engine.scan(code_of(ef, han), direction="exit")
    state = stats.presence(ef, "main", [kim.id, han.id, john.id, kim.id])
    assert state[kim.id] == stats.Presence(True, clock.now_ms() - 60_000, "정문")
    assert state[han.id].inside is False and state[han.id].last_in_at is not None
    assert john.id not in state  # never admitted here
    assert stats.is_inside(ef, kim.id, "main") and not stats.is_inside(ef, han.id, "main")
    assert not stats.is_inside(ef, john.id, "main")
    assert stats.presence(ef, "main", []) == {}


def test_presence_of_more_than_a_batch(ef, engine, clock) -> None:
    from checkin.people import attendees

    crowd = attendees.add_attendees(
        ef, clock, [{"display_name": f"참가자{i}", "category": "guest"} for i in range(1200)]
    )
    for a in crowd[::100]:
        engine.scan(code_of(ef, a))
    state = stats.presence(ef, "main", [a.id for a in crowd])
    assert sorted(state) == sorted(a.id for a in crowd[::100])


def test_a_random_badge_of_the_demo_scans(ef, engine, people) -> None:
    code = demo.random_badge_code(ef, random.Random(3))
    assert code is not None and engine.scan(code).kind is Kind.OK


def test_no_random_badge_without_attendees(ef) -> None:
    assert demo.random_badge_code(ef) is None


def test_event_closed(ef, clock, people, tmp_path) -> None:
    assert not retention.event_closed(ef)
    retention.close_event(ef, clock, tmp_path / "final.pdf")
    assert retention.event_closed(ef)
