"""Live counters: moved by each scan at once, recounted from the file in the background."""

from __future__ import annotations

import threading
from pathlib import Path

from kiosk_helpers import by_name, code_of

from checkin.db.eventfile import open_event_file
from checkin.door import stats as stats_mod
from checkin.door.engine import CheckinEngine
from checkin.ui.kiosk.counters_widget import CountersWidget


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


def test_a_recount_still_running_at_shutdown_leaves_no_connection(qtbot, session, monkeypatch):
    """The worker's own connection is closed when its thread ends, even while it is
    answering: a close request queued behind the recount never ran (the thread's loop
    quit first) and left the file open, so re-keying it right after failed as busy."""
    real, started, go_on = stats_mod.compute, threading.Event(), threading.Event()

    def slow(ef, list_id):
        started.set()
        go_on.wait(5)
        return real(ef, list_id)

    monkeypatch.setattr(stats_mod, "compute", slow)
    counters = CountersWidget(session)
    qtbot.addWidget(counters)
    assert started.wait(5)
    threading.Timer(0.2, go_on.set).start()  # answers while shutdown waits for the thread
    counters.shutdown()
    assert not counters._recount.running
    path = session.ef.path
    session.ef.close()
    assert not Path(f"{path}-wal").exists()  # the last connection to the file is gone
