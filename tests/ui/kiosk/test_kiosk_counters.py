"""Live counters: moved by each scan at once, recounted from the file in the background."""

from __future__ import annotations

from kiosk_helpers import by_name, code_of

from checkin.db.eventfile import open_event_file
from checkin.door.engine import CheckinEngine


def category_count(screen, category: str) -> list[int]:
    return screen.counters.counts.by_category[category]


def test_counts_start_from_the_file(screen) -> None:
    counts = screen.counters.counts
    assert (counts.checked_in, counts.expected) == (0, 5)
    assert screen.counters.total.text() == "0 / 5"
    assert screen.total_label.text() == "0 / 5"
    assert screen.counters.categories_visible()


def test_a_scan_moves_the_numbers_without_waiting(screen, ef, people, mocker) -> None:
    recount = mocker.patch.object(screen.counters, "refresh")
    screen.handle_code(code_of(ef, by_name(people, "한별")))
    assert screen.counters.counts.checked_in == 1
    assert category_count(screen, "family") == [1, 1]
    assert screen.total_label.text() == "1 / 5"
    recount.assert_not_called()  # no database work on the UI thread per scan


def test_rejected_and_repeated_scans_do_not_count(screen, ef, people, clock) -> None:
    person = by_name(people, "John Smith")
    screen.handle_code("NOT-A-BADGE")
    screen.handle_code(code_of(ef, person))
    clock.advance(60_000)
    screen.handle_code(code_of(ef, person))  # already in
    assert screen.counters.counts.checked_in == 1


def test_recount_brings_in_check_ins_made_elsewhere(qtbot, screen, ef, people, clock) -> None:
    other = open_event_file(ef.path)  # another program (or a sync) writes to the file
    try:
        CheckinEngine(other, clock).check_in(by_name(people, "남궁민").id, station="2번 출입구")
    finally:
        other.close()
    assert screen.counters.counts.checked_in == 0
    screen.counters.refresh()
    qtbot.waitUntil(lambda: screen.counters.counts.checked_in == 1, timeout=5000)
    assert category_count(screen, "official") == [1, 1]


def test_a_stale_recount_does_not_step_back(qtbot, screen, ef, people) -> None:
    refreshed = []
    screen.counters.refreshed.connect(lambda: refreshed.append(screen.counters.counts.checked_in))
    screen.counters.refresh()  # starts counting from the file...
    screen.handle_code(code_of(ef, by_name(people, "박지수")))  # ...while a scan lands
    assert screen.counters.counts.checked_in == 1
    qtbot.waitUntil(lambda: bool(refreshed), timeout=5000)
    assert refreshed[-1] == 1 and 0 not in refreshed
