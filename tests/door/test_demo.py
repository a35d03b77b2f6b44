from __future__ import annotations

import re

from checkin.door import demo, stats
from checkin.event import settings
from checkin.people import attendees, hangul


def test_demo_event_is_realistic_and_fictional(tmp_path, clock) -> None:
    with demo.build_demo(tmp_path / "demo.db", 1500, seed=3, clock=clock) as ef:
        people = list(attendees.iter_all(ef))
        cfg = settings.load(ef)
        s = stats.compute(ef)
    assert len(people) == 1500
    assert {p.category for p in people} == set(cfg.category_ids())
    assert any(hangul.has_hangul(p.display_name) for p in people)
    assert any(p.display_name.isascii() for p in people)
    assert any(p.full_name and p.full_name != p.display_name for p in people)  # aliases
    assert any(p.no_photo for p in people) and any(p.access_needs for p in people)
    for p in people:
        assert p.phone == "" or re.fullmatch(r"010-0\d{3}-\d{4}", p.phone)  # unassigned block
        assert p.email == "" or p.email.endswith("@example.org")
    assert 400 < s.checked_in < 650
    assert len(s.by_station) == 3
