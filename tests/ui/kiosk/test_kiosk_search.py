"""Name search at the door: search as you type, check in with one click or Enter."""

from __future__ import annotations

from kiosk_helpers import by_name, checkins, type_keys
from PySide6.QtCore import Qt

from checkin.people import attendees
from checkin.ui.kiosk.search_result_model import (
    COL_ACTION,
    COL_CATEGORY,
    COL_NAME,
    COL_ORGANIZATION,
    COL_STATUS,
    ROW_ROLE,
    SearchResultModel,
    rows_for,
)


def names(panel) -> list[str]:
    model = panel.model
    return [model.index(r, COL_NAME).data() for r in range(model.rowCount())]


def search_for(qtbot, screen, text: str) -> None:
    screen.show_search("")
    type_keys(screen.search.field, text)
    qtbot.waitUntil(lambda: not screen.search._timer.isActive(), timeout=2000)


def test_search_as_you_type_is_debounced(qtbot, screen) -> None:
    screen.show_search("")
    qtbot.keyClicks(screen.search.field, "john")
    assert screen.search.model.rowCount() == 0  # not on every key
    qtbot.waitUntil(lambda: names(screen.search) == ["John Smith"], timeout=2000)


def test_results_show_name_category_organization_status(qtbot, screen, session) -> None:
    search_for(qtbot, screen, "남궁")
    model = screen.search.model
    assert names(screen.search) == ["남궁민"]
    assert model.index(0, COL_CATEGORY).data() == "Official"
    assert model.index(0, COL_ORGANIZATION).data() == "통일부"
    assert model.index(0, COL_STATUS).data() == "Not yet"
    assert model.index(0, 0).data(ROW_ROLE).attendee.display_name == "남궁민"


def test_korean_ways_of_searching(qtbot, screen) -> None:
    for query, expected in (("ㄱㅁㅅ", "김민수"), ("5678", "김민수"), ("DD-0002", "한별"),
                            ("minsu", "김민수"), ("이영희", "한별")):  # fmt: skip
        search_for(qtbot, screen, query)
        assert expected in names(screen.search), query
        screen.search.field.clear()


def test_one_click_checks_in(qtbot, screen, ef, people) -> None:
    search_for(qtbot, screen, "박지수")
    table = screen.search.table
    rect = table.visualRect(screen.search.model.index(0, COL_ACTION))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    person = by_name(people, "박지수")
    assert checkins(ef, person.id) == [(person.id, "entry", "search", "main")]
    assert screen.stack.currentWidget() is screen.result_panel
    assert screen.result_panel.kind == "ok"
    assert screen.result_panel.access.isVisibleTo(screen.result_panel)  # 휠체어 이용
    assert "휠체어" in screen.result_panel.access.text.text()


def test_clicking_a_name_does_not_check_in(qtbot, screen, ef) -> None:
    search_for(qtbot, screen, "박지수")
    table = screen.search.table
    rect = table.visualRect(screen.search.model.index(0, COL_NAME))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert checkins(ef) == []


def test_enter_checks_in_the_only_match(qtbot, screen, ef, people) -> None:
    search_for(qtbot, screen, "john")
    qtbot.keyClick(screen.search.field, Qt.Key.Key_Return)
    person = by_name(people, "John Smith")
    assert checkins(ef, person.id) == [(person.id, "entry", "search", "main")]


def test_enter_with_several_matches_moves_to_the_list(qtbot, screen, ef, clock, people) -> None:
    attendees.add_attendee(ef, clock, display_name="김민지", category="guest")
    search_for(qtbot, screen, "김민")
    assert len(names(screen.search)) == 2
    qtbot.keyClick(screen.search.field, Qt.Key.Key_Return)
    assert checkins(ef) == []  # not a guess
    assert screen.search.table.hasFocus()
    qtbot.keyClick(screen.search.table, Qt.Key.Key_Down)
    chosen = screen.search.model.row_at(screen.search.table.currentIndex().row()).attendee
    qtbot.keyClick(screen.search.table, Qt.Key.Key_Return)
    assert [row[0] for row in checkins(ef)] == [chosen.id]


def test_already_in_shows_in_the_status_column(qtbot, screen, session, people) -> None:
    person = by_name(people, "한별")
    session.engine.check_in(person.id)
    search_for(qtbot, screen, "한별")
    assert screen.search.model.index(0, COL_STATUS).data().startswith("In since")
    qtbot.keyClick(screen.search.field, Qt.Key.Key_Return)
    assert screen.result_panel.kind == "already_in"


def test_escape_goes_back_to_scanning(qtbot, screen) -> None:
    search_for(qtbot, screen, "kim")
    qtbot.keyClick(screen.search.field, Qt.Key.Key_Escape)
    assert screen.stack.currentWidget() is screen.ready
    assert screen.search.field.text() == ""


def test_f2_opens_the_search(qtbot, screen) -> None:
    screen.setFocus()
    qtbot.keyClick(screen, Qt.Key.Key_F2)
    assert screen.stack.currentWidget() is screen.search


def test_no_match_says_so(qtbot, screen) -> None:
    search_for(qtbot, screen, "zzzzqqq")
    assert screen.search.model.rowCount() == 0
    assert "No one found" in screen.search.status.text()


def test_search_model_passes_the_model_tester(qtmodeltester, session, people) -> None:
    model = SearchResultModel(session)
    model.set_rows(rows_for(session, list(people)))
    qtmodeltester.check(model)
    model.set_rows([])
    qtmodeltester.check(model)


def test_a_scan_only_station_does_not_offer_phone_search(qtbot, ef, clock, people, tmp_path):
    from checkin.db.eventfile import open_event_file
    from checkin.sync import provision
    from checkin.ui.kiosk.search_panel import SearchPanel
    from checkin.ui.session import EventSession

    made = provision.provision(
        ef, tmp_path / "door.checkin", clock, station_name="2번 출입구", role="scan-only"
    )
    door = open_event_file(made.path)
    try:
        panel = SearchPanel(EventSession(door, clock=clock))
        qtbot.addWidget(panel)
        hint = panel.field.placeholderText()
        assert "phone" not in hint and "registration number" in hint
    finally:
        door.close()


def test_several_matches_say_to_pick_one_first(qtbot, screen, ef, clock, people, korean) -> None:
    """Enter only moves to the list then: the line under it says so, not "press Enter"."""
    attendees.add_attendee(ef, clock, display_name="김민지", category="guest")
    search_for(qtbot, screen, "김민")
    assert "↑ ↓" in screen.search.status.text() and "2명" in screen.search.status.text()
    search_for(qtbot, screen, "김민지")
    assert "↑" not in screen.search.status.text()
