"""Every outcome gets its own panel; undo is one button away; errors keep the kiosk up."""

from __future__ import annotations

import pytest
from kiosk_helpers import by_name, checkins, code_of
from PySide6.QtCore import Qt

from checkin import errors
from checkin.door import codes
from checkin.door.outcomes import Kind
from checkin.event import identity as event_mod
from checkin.ids import new_attendee_id, new_event_id
from checkin.people import attendees
from checkin.ui.kiosk.result_panel import LOOKS, look_of
from consents import answers_for


def scan(screen, code: str) -> str:
    screen.handle_code(code)
    return screen.result_panel.kind


def test_ok_panel_shows_name_category_no_photo(screen, ef, people, sounds) -> None:
    person = by_name(people, "김민수")  # no_photo=True
    assert scan(screen, code_of(ef, person)) == "ok"
    panel = screen.result_panel
    assert panel.headline.text() == "Checked in"
    assert panel.name.text() == "김민수"
    assert panel.category.text().startswith("Defector")
    assert panel.no_photo.isVisibleTo(panel)
    assert panel.no_photo.text.text() == "No photos"
    assert panel.icon.pixmap() is not None and not panel.icon.pixmap().isNull()
    assert sounds.last_played == "ok"
    assert "full_name" not in panel.name.text()


def test_no_photo_marker_only_when_set(screen, ef, people) -> None:
    scan(screen, code_of(ef, by_name(people, "John Smith")))
    assert not screen.result_panel.no_photo.isVisibleTo(screen.result_panel)


def test_alias_shown_never_the_full_name(screen, ef, people) -> None:
    person = by_name(people, "한별")  # full name 이영희 stays in the file
    scan(screen, code_of(ef, person))
    texts = " ".join(
        label.text() for label in screen.result_panel.findChildren(type(screen.result_panel.name))
    )
    assert "한별" in texts and "이영희" not in texts


def test_already_in_says_when_and_where(screen, ef, people, clock, sounds) -> None:
    person = by_name(people, "남궁민")
    scan(screen, code_of(ef, person))
    clock.advance(15 * 60_000)
    assert scan(screen, code_of(ef, person)) == "already_in"
    detail = screen.result_panel.detail.text()
    assert "10:00" in detail and "HQ" in detail  # 10:00 KST at this station
    assert sounds.last_played == "already_in"


def test_superseded_badge(screen, ef, people, clock) -> None:
    person = by_name(people, "박지수")
    old = code_of(ef, person)
    attendees.reissue(ef, clock, person.id)
    assert scan(screen, old) == "superseded"
    assert screen.result_panel.name.text() == "박지수"
    assert checkins(ef) == []


def test_cancelled_registration(screen, ef, people, clock) -> None:
    person = by_name(people, "John Smith")
    attendees.cancel(ef, clock, person.id)
    assert scan(screen, code_of(ef, person)) == "cancelled"
    assert "help desk" in screen.result_panel.action.text()


def test_wrong_event(screen) -> None:
    private, _ = codes.new_key_pair()
    other = codes.BadgeSigner(new_event_id(), private).code(new_attendee_id(), 1)
    assert scan(screen, other) == "wrong_event"
    assert not screen.result_panel.name.isVisibleTo(screen.result_panel)


def test_ok_but_unsynced(screen, ef) -> None:
    code = event_mod.signer(ef).code(new_attendee_id(), 1)
    assert scan(screen, code) == "ok_unsynced"
    assert "another kiosk" in screen.result_panel.detail.text()
    assert screen.counters.counts.checked_in == 1


@pytest.mark.parametrize("kind", list(Kind))
def test_every_outcome_has_its_own_look(kind) -> None:
    looks = {(look.background, look.icon) for look in LOOKS.values()}
    assert len(looks) == len(LOOKS)  # no two outcomes look the same
    assert look_of(kind).sound and look_of(kind).background


def test_undo_is_one_button_away(qtbot, screen, ef, people, sounds) -> None:
    person = by_name(people, "김민수")
    scan(screen, code_of(ef, person))
    assert screen.undo_button.isEnabled()
    assert "김민수" in screen.undo_button.text()
    before = screen.counters.counts.checked_in
    qtbot.mouseClick(screen.undo_button, Qt.MouseButton.LeftButton)
    assert screen.result_panel.kind == "undone"
    assert sounds.last_played == "undo"
    actions = [row[1] for row in checkins(ef, person.id)]
    assert actions == ["entry", "undo"]  # kept as an event, never deleted
    assert not screen.undo_button.isEnabled()
    qtbot.waitUntil(lambda: screen.counters.counts.checked_in == before - 1, timeout=5000)
    # After the undo the badge checks in again.
    assert scan(screen, code_of(ef, person)) == "ok"


def test_ctrl_z_undoes(qtbot, screen, ef, people) -> None:
    scan(screen, code_of(ef, people[0]))
    qtbot.keyClick(screen, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert screen.result_panel.kind == "undone"


def test_disk_full_is_a_clear_message_and_the_screen_stays_usable(
    qtbot, mocker, screen, ef, people, sounds
) -> None:
    real_scan = screen.session.engine.scan
    mocker.patch.object(screen.session.engine, "scan", side_effect=errors.DiskFull())
    assert screen.handle_code(code_of(ef, people[0])) is None
    assert screen.result_panel.kind == "error"
    assert "NOT saved" in screen.result_panel.headline.text()
    assert "disk is full" in screen.result_panel.detail.text()
    assert sounds.last_played == "error"
    screen.session.engine.scan = real_scan
    screen.handle_code(code_of(ef, people[1]))
    assert len(checkins(ef, people[1].id)) == 1  # recorded at once
    qtbot.waitUntil(lambda: screen.result_panel.kind == "ok", timeout=3000)  # shown next


def test_database_busy_is_a_clear_message(mocker, screen, ef, people) -> None:
    mocker.patch.object(screen.session.engine, "scan", side_effect=errors.DatabaseBusy())
    screen.handle_code(code_of(ef, people[0]))
    assert "busy" in screen.result_panel.detail.text()


def test_unexpected_error_is_logged_and_shown_and_the_kiosk_stays(
    mocker, screen, ef, people, shown_errors, caplog
) -> None:
    mocker.patch.object(screen.session.engine, "scan", side_effect=RuntimeError("boom"))
    screen.handle_code(code_of(ef, people[0]))
    assert len(shown_errors) == 1 and isinstance(shown_errors[0], RuntimeError)
    assert "unexpected error at the scan screen" in caplog.text
    assert screen.stack.currentWidget() is screen.ready
    assert screen.scanner.active


def test_read_only_file_during_search_check_in(mocker, screen, people) -> None:
    mocker.patch.object(screen.session.engine, "check_in", side_effect=errors.ReadOnlyFile())
    screen.check_in_attendee(people[0].id)
    assert screen.result_panel.kind == "error"
    assert "cannot be written" in screen.result_panel.detail.text()


def test_korean_result_with_english_below(qtbot, korean, screen, ef, people) -> None:
    scan(screen, code_of(ef, by_name(people, "John Smith")))
    panel = screen.result_panel
    assert panel.headline.text() == "입장 확인"
    assert panel.headline_other.text() == "Checked in"
    assert panel.category.text().startswith("언론")


def test_a_very_long_organization_ends_in_an_ellipsis_not_off_the_screen(
    qtbot, screen, ef, clock
) -> None:
    long_org = "북한이탈주민 정착 지원을 위한 " * 10
    person = attendees.add_attendee(
        ef, clock, display_name="김하나", category="supporter", organization=long_org.strip(),
        consents=answers_for({"organization": long_org}),
    )  # fmt: skip
    screen.resize(1280, 720)
    screen.show()
    qtbot.waitExposed(screen)
    scan(screen, code_of(ef, person))
    panel = screen.result_panel
    line = panel.category.text()
    assert line.endswith("…") and line.startswith("Supporter")
    assert panel.category.sizeHint().width() <= panel.width()
    assert long_org.strip() in panel.category.toolTip()
    assert panel.name.text() == "김하나" and panel.name.toolTip() == ""


@pytest.mark.parametrize("lang", ["english", "korean"])
def test_a_red_panels_reason_is_in_both_languages(request, screen, ef, people, clock, lang):
    request.getfixturevalue(lang)
    private, _ = codes.new_key_pair()
    other = codes.BadgeSigner(new_event_id(), private).code(new_attendee_id(), 1)
    assert scan(screen, other) == "wrong_event"
    panel = screen.result_panel
    texts = {panel.detail.text(), panel.detail_other.text()}
    assert texts == {
        "This badge was issued for another event.",
        "다른 행사용으로 발급된 명찰입니다.",
    }
    assert panel.detail_other.isVisibleTo(panel)


@pytest.mark.parametrize("lang", ["english", "korean"])
def test_already_in_says_when_and_where_in_both_languages(request, screen, ef, people, clock,
                                                          lang):  # fmt: skip
    request.getfixturevalue(lang)
    panel = screen.result_panel
    person = by_name(people, "남궁민")
    scan(screen, code_of(ef, person))
    clock.advance(60_000)
    assert scan(screen, code_of(ef, person)) == "already_in"
    both = panel.detail.text() + " / " + panel.detail_other.text()
    assert both.count("10:00") == 2 and both.count("HQ") == 2
