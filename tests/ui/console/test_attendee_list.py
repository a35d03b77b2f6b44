"""The attendee list page: lazy model, filters, sort by header, search, activation, refresh."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from checkin.people import attendees
from checkin.people.attendee_query import WARM_SORTS, AttendeeFilter
from checkin.ui.console.attendee_list_page import AttendeeListPage
from checkin.ui.console.attendee_table_model import (
    COL_CATEGORY,
    COL_CHECKED_IN,
    COL_NAME,
    COL_REG_NO,
    COL_STATION,
    MAX_PAGES,
    ROW_ROLE,
    AttendeeTableModel,
)


def type_keys(widget, text: str) -> None:
    """Key presses carrying ``text``, Hangul included (QTest only types ASCII)."""
    for ch in text:
        key = ord(ch.upper()) if ch.isascii() and ch.isalnum() else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch))


def column(page: AttendeeListPage, col: int) -> list[str]:
    model = page.model
    return [model.index(r, col).data() for r in range(model.rowCount())]


@pytest.fixture
def page(qtbot, session, english):
    p = AttendeeListPage(session)
    qtbot.addWidget(p)
    p.resize(1280, 700)
    p.show()
    qtbot.waitExposed(p)
    return p


@pytest.fixture
def many(ef, clock, people):
    rows = [{"display_name": f"참가자{i:04d}", "category": ("guest", "press")[i % 2]}
            for i in range(5000)]  # fmt: skip
    attendees.add_attendees(ef, clock, rows)


def test_model_passes_the_model_tester(qtmodeltester, session, engine, people) -> None:
    engine.check_in(people[0].id, station="1번 출입구")
    model = AttendeeTableModel(session)
    model.set_filter(AttendeeFilter())
    assert model.rowCount() == 5
    qtmodeltester.check(model)
    model.set_filter(AttendeeFilter(checked_in=True))
    qtmodeltester.check(model)
    assert model.index(0, COL_CHECKED_IN).data() == "10:00:00"
    assert model.index(0, COL_STATION).data() == "1번 출입구"
    assert model.index(0, COL_NAME).data(ROW_ROLE).attendee.id == people[0].id


def test_5000_rows_load_lazily_a_page_at_a_time(qtbot, session, many, page) -> None:
    model = page.model
    assert model.rowCount() == 5005
    qtbot.wait(50)
    assert model.pages_read <= 2  # only what the view painted, not 5,005 rows
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.table.indexAt(QPoint(5, 5)).row() > 4900)
    qtbot.wait(50)
    last = page.table.indexAt(QPoint(5, page.table.viewport().height() - 5))
    assert last.data() is not None
    assert model.loaded_pages() <= MAX_PAGES
    assert model.pages_read <= 5


def test_filters_by_category_status_and_checked_in(qtbot, ef, clock, engine, people, page):
    engine.check_in(people[0].id)
    engine.check_in(people[2].id)
    attendees.cancel(ef, clock, people[1].id)
    page.category.setCurrentIndex(page.category.findData("defector"))
    assert column(page, COL_NAME) == ["김민수"]
    assert page.counts.text() == "1 of 5 attendees shown"
    page.category.setCurrentIndex(0)
    page.status.setCurrentIndex(page.status.findData("cancelled"))
    assert column(page, COL_NAME) == ["한별"]
    page.status.setCurrentIndex(0)
    page.checked.setCurrentIndex(page.checked.findData(True))
    assert column(page, COL_NAME) == ["김민수", "John Smith"]
    page.checked.setCurrentIndex(page.checked.findData(False))
    assert column(page, COL_NAME) == ["남궁민", "박지수", "한별"]


def test_clicking_headers_sorts_and_reverses(qtbot, page) -> None:
    header = page.table.horizontalHeader()

    def click(col: int) -> None:
        x = header.sectionViewportPosition(col) + 10
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))

    assert column(page, COL_NAME) == ["김민수", "남궁민", "박지수", "한별", "John Smith"]
    click(COL_REG_NO)
    assert column(page, COL_REG_NO) == [f"DD-{n:04d}" for n in range(1, 6)]
    click(COL_REG_NO)
    assert column(page, COL_REG_NO) == [f"DD-{n:04d}" for n in range(5, 0, -1)]
    click(COL_CATEGORY)
    assert column(page, COL_CATEGORY)[0] == "Defector"  # the event's category order


def test_search_like_the_kiosk(qtbot, page) -> None:
    qtbot.keyClicks(page.search, "minsu")
    qtbot.waitUntil(lambda: column(page, COL_NAME) == ["김민수"])
    page.search.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == 5)
    type_keys(page.search, "ㄴㄱㅁ")
    qtbot.waitUntil(lambda: column(page, COL_NAME) == ["남궁민"])
    page.search.clear()
    qtbot.keyClicks(page.search, "5678")  # phone last four
    qtbot.waitUntil(lambda: column(page, COL_NAME) == ["김민수"])


def test_double_click_and_enter_open_the_attendee(qtbot, people, page) -> None:
    rect = page.table.visualRect(page.model.index(2, COL_NAME))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(page.attendee_activated) as opened:
        qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    third = page.model.index(2, COL_NAME).data(ROW_ROLE).attendee
    assert opened.args == [third.id]
    page.table.setFocus()
    page.table.selectRow(0)
    with qtbot.waitSignal(page.attendee_activated) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [page.model.index(0, COL_NAME).data(ROW_ROLE).attendee.id]
    # From the search box: Enter goes to the first result, a second Enter opens it.
    qtbot.keyClicks(page.search, "smith")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    with qtbot.waitSignal(page.attendee_activated) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [next(a.id for a in people if a.display_name == "John Smith")]


def test_a_check_in_shows_up_without_losing_the_scroll_position(qtbot, session, many, page) -> None:
    page.table.verticalScrollBar().setValue(2000)
    row = page.table.indexAt(QPoint(5, 40)).row()
    page.table.selectRow(row)
    person = page.model.index(row, COL_NAME).data(ROW_ROLE).attendee
    assert page.model.index(row, COL_CHECKED_IN).data() == ""
    session.engine.check_in(person.id, station="2번 출입구")
    with qtbot.waitSignal(page.refreshed):
        page.notify_changed()
    assert page.table.verticalScrollBar().value() == 2000
    assert page.model.index(row, COL_CHECKED_IN).data() == "10:00:00"
    assert page.current_attendee_id() == person.id
    # A new attendee moves rows: still the same person selected, same scroll.
    attendees.add_attendee(session.ef, session.clock, display_name="가가", category="guest")
    with qtbot.waitSignal(page.refreshed):
        page.notify_changed()
    assert page.model.rowCount() == 5006
    assert page.table.verticalScrollBar().value() == 2000
    assert page.current_attendee_id() == person.id


def test_korean_labels(qtbot, session, korean) -> None:
    p = AttendeeListPage(session)
    qtbot.addWidget(p)
    assert p.model.headerData(COL_NAME, Qt.Orientation.Horizontal) == "이름"
    assert p.counts.text() == "전체 5명 중 5명 표시"
    assert p.category.itemText(0) == "모든 구분"


def test_the_page_builds_sort_orders_while_idle_and_keeps_them_after_a_walk_in(
    qtbot, ef, clock, many, page
) -> None:
    query = page.model.query
    assert not page.model.sorts_ready()
    qtbot.waitUntil(page.model.sorts_ready, timeout=20_000)
    assert query.rebuilds == len(WARM_SORTS)
    added = attendees.add_attendee(ef, clock, display_name="가가가", category="press")
    page.notify_changed()
    qtbot.waitUntil(lambda: page.model.count == 5006)
    header = page.table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(COL_REG_NO) + 10, 10))  # fmt: skip
    assert column(page, COL_REG_NO)[-1] == added.reg_no
    page.table.sortByColumn(COL_NAME, Qt.SortOrder.AscendingOrder)
    assert column(page, COL_NAME)[0] == "가가가"
    assert query.rebuilds == len(WARM_SORTS)  # the walk-in was put in place, nothing rebuilt
