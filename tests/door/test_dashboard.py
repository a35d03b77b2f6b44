"""The dashboard after a scripted day of scans equals the engine's own statistics."""

from __future__ import annotations

import pytest
from console_day import scripted_day

from checkin.door import dashboard, stats


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
