"""The dashboard's waiting line per door: what the organizer sees, what a CSV may carry,
and that the kiosk shows none of it."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from checkin.door.engine import CheckinEngine
from checkin.people import attendees
from checkin.sync import provision
from checkin.ui.console.dashboard_page import DashboardPage
from checkin.ui.console.door_modes_dialog import DoorModesDialog
from checkin.ui.console.door_queue_table import COL_DOOR, COL_NOTE, COL_RATE, COL_WAIT
from checkin.ui.session import EventSession


@pytest.fixture
def busy_day(ef, clock):
    crowd = attendees.add_attendees(
        ef, clock, [{"display_name": f"손님{i:03d}", "category": "guest"} for i in range(80)]
    )
    engine = CheckinEngine(ef, clock)
    people = iter(crowd)
    for step in range(60):  # the front door every 6 s for 6 minutes, the side door twice
        clock.advance(6_000)
        engine.check_in(next(people).id, station="정문")
        if step in (10, 40):
            engine.check_in(next(people).id, station="옆문")
    clock.advance(180_000)  # then 3 minutes of quiet everywhere
    return crowd


@pytest.fixture
def board(qtbot, session):
    page = DashboardPage(session)
    qtbot.addWidget(page, before_close_func=lambda w: w.shutdown())
    page.resize(1280, 900)
    with qtbot.waitSignal(page.refreshed, timeout=10_000):
        page.show()
    yield page
    page.shutdown()


def rows(table):
    return [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]  # fmt: skip


def test_the_dashboard_shows_each_doors_pace_and_wait(qtbot, busy_day, board, english) -> None:
    table = board.doors.table
    shown = rows(table)
    assert [r[COL_DOOR] for r in shown] == ["정문", "옆문"]
    front = shown[0]
    assert front[COL_RATE] == "4.0"  # 20 admitted in the last 5 minutes
    assert front[COL_WAIT] == "under 1 min"
    assert front[COL_NOTE].startswith("Idle since")
    assert shown[1][COL_WAIT] == "–"
    assert "Estimated wait = seconds each × busy ÷ (1 − busy)" in board.doors.explain.text()


def test_a_door_gone_quiet_stops_showing_a_line_with_no_new_scan(
    qtbot, ef, clock, session, english
) -> None:
    """The figures age with the clock: the shown dashboard recounts on its own."""
    from checkin.ui.console import dashboard_page

    crowd = attendees.add_attendees(
        ef, clock, [{"display_name": f"손님{i:03d}", "category": "guest"} for i in range(70)]
    )
    engine = CheckinEngine(ef, clock)
    for person in crowd:
        clock.advance(5_000)
        engine.check_in(person.id, station="정문")
    page = DashboardPage(session)
    qtbot.addWidget(page, before_close_func=lambda w: w.shutdown())
    with qtbot.waitSignal(page.refreshed, timeout=10_000):
        page.show()
    assert rows(page.doors.table)[0][COL_NOTE].startswith("Flat out")
    assert page._clock_refresh.isActive()
    assert page._clock_refresh.interval() == dashboard_page.CLOCK_REFRESH_MS
    clock.advance(20 * 60_000)  # nobody since: the same file, only later
    with qtbot.waitSignal(page.refreshed, timeout=10_000):
        page._clock_refresh.timeout.emit()
    (front,) = rows(page.doors.table)
    assert front[COL_RATE] == "0.0" and front[COL_WAIT] == "–"
    assert front[COL_NOTE].startswith("Idle since")
    page.hide()
    assert not page._clock_refresh.isActive()
    page.shutdown()


def test_a_door_working_flat_out_asks_for_a_volunteer(qtbot, ef, clock, session, english) -> None:
    crowd = attendees.add_attendees(
        ef, clock, [{"display_name": f"손님{i:03d}", "category": "guest"} for i in range(70)]
    )
    engine = CheckinEngine(ef, clock)
    for person in crowd:
        clock.advance(5_000)
        engine.check_in(person.id, station="정문")
    page = DashboardPage(session)
    qtbot.addWidget(page, before_close_func=lambda w: w.shutdown())
    with qtbot.waitSignal(page.refreshed, timeout=10_000):
        page.show()
    (front,) = rows(page.doors.table)
    assert front[COL_WAIT] == "≥ 1 min"  # 5 s each, every 5 s: a floor, the line grows
    assert front[COL_NOTE] == "Flat out: the line is probably growing. Send a volunteer."
    page.shutdown()


def test_the_csv_hides_small_counts(qtbot, busy_day, board, tmp_path) -> None:
    path = board.doors.save_csv(str(tmp_path / "doors.csv"))
    text = (tmp_path / "doors.csv").read_text(encoding="utf-8-sig")
    assert path and text.splitlines()[0].startswith("Door,-10,-9")
    side = next(line for line in text.splitlines() if line.startswith("옆문"))
    cells = side.split(",")
    assert "<5" in cells and "1" not in cells[1:12] and "2" not in cells[1:12]
    assert cells[-2] == ""  # no wait beside hidden counts
    front = next(line for line in text.splitlines() if line.startswith("정문"))
    assert front.split(",")[11] == "60"  # the ten minutes' total is no small count


def test_the_kiosk_shows_nothing_of_the_waiting_line(qtbot, busy_day, window) -> None:
    screen = window.scan_screen
    names = {w.objectName() for w in screen.findChildren(QWidget)}
    assert "doorQueue" not in names and "doorQueueTable" not in names
    widgets = [*screen.findChildren(QLabel), *screen.findChildren(QAbstractButton)]
    texts = " ".join(w.text() for w in widgets)
    assert "wait" not in texts.lower() and "대기" not in texts


def test_door_modes_are_read_only_away_from_the_organizer(qtbot, ef, clock, tmp_path) -> None:
    provision.provision(ef, tmp_path / "desk.checkin", clock, station_name="접수", role="desk")
    from checkin.db.eventfile import open_event_file

    desk = open_event_file(tmp_path / "desk.checkin")
    try:
        dialog = DoorModesDialog(EventSession(desk, clock=clock))
        qtbot.addWidget(dialog)
        assert not dialog.editable
        assert all(not c.isEnabled() for c in dialog.combos.values())
        assert "Only the organizer's computer" in dialog.intro.text()
    finally:
        desk.close()
