"""The dashboard page: the engine's numbers after a scripted day, live updates, PNG export."""

from __future__ import annotations

from pathlib import Path

import pytest
from console_day import scripted_day
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog

from checkin.door import stats
from checkin.door.engine import CheckinEngine
from checkin.ui.console.dashboard_page import DashboardPage


@pytest.fixture
def board(qtbot, session):
    made = []

    def make():
        page = DashboardPage(session)
        qtbot.addWidget(page, before_close_func=lambda w: w.shutdown())
        page.resize(1280, 800)
        with qtbot.waitSignal(page.refreshed, timeout=10_000):
            page.show()
        made.append(page)
        return page

    yield make
    for page in made:
        page.shutdown()


def table_rows(table) -> list[tuple[str, ...]]:
    return [
        tuple(table.item(r, c).text() for c in range(table.columnCount()))
        for r in range(table.rowCount())
    ]


def test_dashboard_shows_the_engines_numbers_after_a_scripted_day(
    qtbot, ef, clock, session, board, english
) -> None:
    hand = scripted_day(ef, clock)
    session.reload_settings()  # the day added a lunch list
    page = board()
    s = stats.compute(ef, "main")
    assert (s.checked_in, s.inside) == (8, 7)
    # the fixture's five people plus the day's twelve, one of them cancelled
    assert page.checked_value.text() == f"8 / {s.expected} ({100 * 8 / s.expected:.0f}%)"
    assert page.inside_value.text() == "7"
    assert page.waiting_value.text() == str(s.expected - 8)
    assert table_rows(page.stations) == [(k, str(v)) for k, v in s.by_station.items()]
    assert dict(table_rows(page.stations)) == {k: str(v) for k, v in hand["stations"].items()}
    assert table_rows(page.lists) == [("Main hall", "8", str(s.expected), "7"),
                                      ("Lunch", "3", str(s.expected), "2")]  # fmt: skip
    by_cat = {row[0]: row[1:] for row in table_rows(page.categories)}
    for c in s.by_category:
        label = session.category_label(c.category, "en")
        assert by_cat[label] == (str(c.checked_in), str(c.expected), str(c.inside))
    assert page.chart.buckets == hand["arrivals_15"] == stats.arrivals(ef, "main", 15)
    with qtbot.waitSignal(page.refreshed):
        page.bucket_box.setCurrentIndex(page.bucket_box.findData(5))
    assert page.chart.bucket_minutes == 5
    assert page.chart.buckets == stats.arrivals(ef, "main", 5)
    assert page.chart.title == "First arrivals per 5 minutes"
    with qtbot.waitSignal(page.refreshed):
        page.list_box.setCurrentIndex(page.list_box.findData("lunch"))
    assert page.inside_value.text() == "2"


def test_dashboard_follows_check_ins_live(qtbot, session, people, board) -> None:
    page = board()
    assert page.checked_value.text() == "0 / 5 (0%)"
    session.engine.check_in(people[0].id, station="1번 출입구")
    with qtbot.waitSignal(page.refreshed):
        page.notify_changed()
    assert page.checked_value.text() == "1 / 5 (20%)"
    assert table_rows(page.stations) == [("1번 출입구", "1")]
    assert sum(n for _, n in page.chart.buckets) == 1
    # a change made elsewhere (another connection, like a sync) is found by the poll
    other = session.spec().open()
    try:
        CheckinEngine(other, session.clock).check_in(people[1].id, station="본부")
    finally:
        other.close()
    with qtbot.waitSignal(page.refreshed, timeout=10_000):
        page._poll_marker()
    assert page.checked_value.text() == "2 / 5 (40%)"


def test_chart_exports_as_png(qtbot, tmp_path, mocker, ef, clock, session, people, board) -> None:
    for a in people[:3]:
        session.engine.check_in(a.id)
        clock.advance(6 * 60_000)
    page = board()
    qtbot.waitUntil(lambda: sum(n for _, n in page.chart.buckets) == 3)
    target = tmp_path / "chart.png"
    asked = mocker.patch.object(QFileDialog, "getSaveFileName", return_value=(str(target), "PNG"))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    default_name = asked.call_args.args[2]
    # the event date, nothing personal, in the one folder every save dialog starts in
    assert Path(default_name).name == "2027-07-14-arrivals.png"
    image = QImage(str(target))
    assert not image.isNull() and image.width() >= page.chart.width()
    # three arrivals in a bucket: fewer than 5, so the file shows a grey bar of no
    # meaning, not the count (the live screen keeps the exact bar)
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 4)
               for y in range(0, image.height(), 4)}  # fmt: skip
    assert "#bdbdbd" in colours and "#1565c0" not in colours
    assert page.chart.hidden == set()
    assert page.export_png(str(tmp_path / "second.png")) == str(tmp_path / "second.png")


def test_exported_chart_hides_small_buckets_but_not_big_ones(
    qtbot, tmp_path, ef, clock, session, board
) -> None:
    from checkin.people import attendees

    crowd = attendees.add_attendees(ef, clock, [{"display_name": f"참가자{i}"} for i in range(14)])
    for a in crowd[:12]:  # 12 in the first quarter hour
        session.engine.check_in(a.id)
    clock.advance(15 * 60_000)
    for a in crowd[12:]:  # 2 in the next: hidden, and the 12 with it (else 14 - 12 = 2)
        session.engine.check_in(a.id)
    clock.advance(15 * 60_000)
    for a in attendees.add_attendees(ef, clock, [{"display_name": f"늦게{i}"} for i in range(9)]):
        session.engine.check_in(a.id)  # 9 in the third
    page = board()
    qtbot.waitUntil(lambda: sum(n for _, n in page.chart.buckets) == 23)
    target = tmp_path / "chart.png"
    assert page.export_png(str(target)) == str(target)
    image = QImage(str(target))
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 3)
               for y in range(0, image.height(), 3)}  # fmt: skip
    assert "#bdbdbd" in colours and "#1565c0" in colours


def test_trawling_alerts_show_on_the_dashboard(qtbot, ef, clock, session, board, people) -> None:
    from checkin.event import settings as settings_mod
    from checkin.protect import audit

    settings_mod.update(ef, clock, {"trawl_alert": {"searches": 5, "minutes": 5}})
    for _ in range(5):
        audit.record(ef, clock, audit.SEARCH, detail={"results": 3}, operator="KJ")
        clock.advance(10_000)
    page = board()
    qtbot.waitUntil(lambda: page.alerts.isVisible(), timeout=10_000)
    assert "KJ" in page.alerts.text() and "5" in page.alerts.text()


def test_dashboard_in_korean(qtbot, session, board, korean) -> None:
    page = board()
    assert page.title.text() == "현황판"
    assert page.bucket_box.itemText(0) == "5분 단위"
    assert page.chart.empty_text == "아직 입장한 사람이 없습니다."
