"""The kiosk's group arrival: scan one member, Enter checks the ticked others in, the undo
takes the whole group back; real widgets, a real event file."""

from __future__ import annotations

import pytest
from kiosk_helpers import code_of, type_keys
from PySide6.QtCore import Qt
from test_kiosk_language import assert_all_korean, event_data

from checkin.people import attendees


@pytest.fixture
def family(ef, clock):
    rows = [{"display_name": n, "category": "family", "group_name": "김씨 가족"}
            for n in ("김하나", "김두리", "김세찬", "김넷")]  # fmt: skip
    return attendees.add_attendees(ef, clock, rows)


def inside(ef) -> set[str]:
    return {r[0] for r in ef.execute("SELECT attendee_id FROM attendance WHERE inside = 1")}


def test_scanning_one_member_offers_the_whole_group_and_enter_checks_them_in(
    qtbot, screen, ef, family, english
) -> None:
    screen.handle_code(code_of(ef, family[0]))
    offer = screen.groups.widget
    assert screen.result_panel.kind == "ok" and offer.isVisibleTo(screen)
    assert offer.title.text() == "In a group of 4"
    assert [b.text() for b in offer.boxes] == ["김두리", "김세찬", "김넷"]
    assert all(b.isChecked() and b.isEnabled() for b in offer.boxes)
    assert offer.button.text() == "Check in the whole group (3) — Enter"
    assert inside(ef) == {family[0].id}  # the person scanned is in at once, the rest wait
    qtbot.keyClick(screen, Qt.Key.Key_Return)
    assert inside(ef) == {a.id for a in family}
    methods = [r[0] for r in ef.execute("SELECT method FROM checkins ORDER BY hlc")]
    assert methods == ["scan", "group", "group", "group"]
    assert offer.title.text() == "Checked in with the group: 3"
    assert screen.undo_button.text() == "Undo: group of 4 (Ctrl+Z)"
    assert screen.counters.counts is not None
    screen.undo_last()
    assert inside(ef) == set()
    assert screen.result_panel.kind == "undone"


def test_untick_who_is_not_here_and_only_the_ticked_come_in(qtbot, screen, ef, family) -> None:
    screen.handle_code(code_of(ef, family[1]))
    offer = screen.groups.widget
    assert [b.text() for b in offer.boxes] == ["김하나", "김세찬", "김넷"]
    offer.boxes[2].setChecked(False)
    assert offer.button.text() == "Check in the ticked (2) — Enter"
    qtbot.mouseClick(offer.button, Qt.MouseButton.LeftButton)
    assert inside(ef) == {family[0].id, family[1].id, family[2].id}


def test_members_inside_or_cancelled_are_shown_not_offered(qtbot, screen, ef, clock, family):
    screen.session.engine.check_in(family[1].id)
    attendees.cancel(ef, clock, family[2].id)
    screen.handle_code(code_of(ef, family[0]))
    offer = screen.groups.widget
    states = [(b.text(), b.isChecked(), b.isEnabled()) for b in offer.boxes]
    assert states == [("김두리  (already in)", False, False), ("김세찬  (cancelled)", False, False),
                      ("김넷", True, True)]  # fmt: skip
    assert offer.button.text() == "Check in the whole group (1) — Enter"
    qtbot.keyClick(screen, Qt.Key.Key_Enter)
    assert inside(ef) == {family[0].id, family[1].id, family[3].id}


def test_one_already_inside_brings_the_others_and_the_undo_keeps_them_in(
    qtbot, screen, ef, clock, family, english
) -> None:
    """Dad came in first and goes back out to fetch the family: his badge again offers them."""
    screen.session.engine.check_in(family[0].id, station="정문")
    clock.advance(15 * 60_000)
    screen.handle_code(code_of(ef, family[0]))
    offer = screen.groups.widget
    assert screen.result_panel.kind == "already_in" and offer.is_open
    assert offer.button.text() == "Check in the whole group (3) — Enter"
    qtbot.keyClick(screen, Qt.Key.Key_Return)
    assert inside(ef) == {a.id for a in family}
    assert screen.undo_button.text() == "Undo: group of 3 (Ctrl+Z)"
    screen.undo_last()
    assert inside(ef) == {family[0].id}  # he was in before: the undo leaves him in


def test_esc_or_the_next_scan_leaves_it_at_one_person(qtbot, screen, ef, people, family) -> None:
    screen.handle_code(code_of(ef, family[0]))
    assert screen.groups.widget.is_open
    qtbot.keyClick(screen, Qt.Key.Key_Escape)
    assert not screen.groups.widget.isVisible()
    qtbot.keyClick(screen, Qt.Key.Key_Return)  # nothing offered: Enter does nothing
    assert inside(ef) == {family[0].id}
    screen.handle_code(code_of(ef, family[1]))
    assert screen.groups.widget.is_open
    # the next badge, typed by the scanner (its Enter ends the code): a new scan
    type_keys(screen, code_of(ef, people[0]))
    qtbot.keyClick(screen, Qt.Key.Key_Return)
    assert screen.last_result.attendee_id == people[0].id
    assert not screen.groups.widget.isVisible()
    assert inside(ef) == {family[0].id, family[1].id, people[0].id}
    assert screen.undo_button.text().startswith("Undo: ")
    assert "group" not in screen.undo_button.text()


def test_no_offer_on_a_self_service_kiosk_nor_for_people_alone(qtbot, screen, ef, people, family):
    screen.handle_code(code_of(ef, people[0]))
    assert not screen.groups.widget.isVisible()
    screen.set_self_service(True)
    screen.handle_code(code_of(ef, family[0]))
    assert screen.result_panel.kind == "ok" and not screen.groups.widget.isVisible()


def test_the_group_offer_speaks_korean(qtbot, korean, window, ef, family) -> None:
    screen = window.scan_screen
    screen.handle_code(code_of(ef, family[0]))
    offer = screen.groups.widget
    assert offer.button.text() == "일행 전체 입장 (3명) — Enter"
    assert_all_korean(window, event_data(ef) | {window.session.station_name})
    qtbot.keyClick(screen, Qt.Key.Key_Return)
    assert offer.title.text() == "일행과 함께 입장: 3명"
    assert_all_korean(window, event_data(ef) | {window.session.station_name})


@pytest.mark.parametrize(
    ("lang", "size", "first_in"),
    [("korean", (1366, 768), False), ("korean", (1024, 768), False),
     ("english", (1024, 768), False), ("korean", (1920, 1080), False),
     ("korean", (1366, 768), True), ("english", (1024, 768), True)],
)  # fmt: skip
def test_the_offer_fits_under_the_name_on_a_laptop_screen(
    qtbot, request, window, ef, clock, lang, size, first_in
) -> None:
    """The button reads in full and a whole row of members shows, even on 1024×768 and
    under an "already in" panel's time and door; what does not fit scrolls."""
    request.getfixturevalue(lang)
    qtbot.wait(20)  # the language switched before the scan
    rows = [{"display_name": f"김{i}번", "category": "family", "group_name": "큰 가족"}
            for i in range(10)]  # fmt: skip
    family = attendees.add_attendees(ef, clock, rows)
    if first_in:
        window.session.engine.check_in(family[0].id, station="정문")
    window.resize(*size)
    screen = window.scan_screen
    screen.handle_code(code_of(ef, family[0]))
    assert screen.result_panel.kind == ("already_in" if first_in else "ok")
    offer = screen.groups.widget
    qtbot.waitUntil(lambda: offer.isVisible())
    panel = screen.result_panel
    qtbot.waitUntil(lambda: panel.layout().minimumSize().height() <= panel.height())
    qtbot.wait(20)  # laid out
    assert offer.button.height() >= offer.button.sizeHint().height()
    assert offer.button.visibleRegion().boundingRect().height() == offer.button.height()
    first = offer.boxes[0]
    assert (
        first.visibleRegion().boundingRect().height() == first.height() >= first.sizeHint().height()
    )
    below = panel.action if panel.action.isVisible() else panel.action_other
    assert not below.isVisible() or offer.geometry().bottom() < below.geometry().top()
    assert offer.mapTo(panel, offer.rect().bottomLeft()).y() <= panel.height()
    qtbot.keyClick(screen, Qt.Key.Key_Return)
    assert len(inside(ef) & {a.id for a in family}) == 10  # the rows out of sight too
