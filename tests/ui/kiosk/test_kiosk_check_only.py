"""A check-only station: its own colour and band on every screen, nothing recorded; set by
the organizer per station (Organizer → Door modes), followed at once by the screen."""

from __future__ import annotations

from kiosk_helpers import by_name, checkins, code_of
from PySide6.QtWidgets import QComboBox
from test_kiosk_language import assert_all_korean, event_data

from checkin.door import modes
from checkin.event import identity as event
from checkin.ui.kiosk.check_only import CHECK_COLOR
from checkin.ui.kiosk.result_panel import LOOKS
from checkin.ui.kiosk.settings_dialog import SettingsDialog


def set_check_only(session, on: bool = True) -> None:
    modes.set_mode(session.ef, session.clock, session.station_name,
                   modes.CHECK_ONLY if on else modes.ENTRY)  # fmt: skip
    session.reload_settings()


def test_a_check_only_station_reports_and_records_nothing(
    qtbot, screen, ef, clock, people, sounds, english
) -> None:
    person = by_name(people, "김민수")
    set_check_only(screen.session)
    assert screen.check_only and screen.ready.banner.isVisibleTo(screen)
    assert screen.ready.banner.text.text() == "Check only — not an entry"
    assert screen.ready.headline.text() == "Scan a badge to check it"
    assert CHECK_COLOR in screen.header.styleSheet()
    assert "CHECK ONLY" in screen.station_label.text()
    for button in (screen.search_button, screen.undo_button, screen.anonymous_button):
        assert not button.isVisibleTo(screen)
    screen.handle_code(code_of(ef, person))
    panel = screen.result_panel
    assert (
        panel.kind == "check_valid" and panel.headline.text() == "Valid badge — no entry recorded"
    )
    assert panel.look.background == CHECK_COLOR != LOOKS["ok"].background
    assert panel.banner.isVisibleTo(panel) and panel.name.text() == "김민수"
    assert sounds.last_played == "check"
    assert checkins(ef) == []
    screen.show_search("김")  # no search at a check-only door
    assert screen.stack.currentWidget() is not screen.search
    assert screen.check_in_attendee(person.id) is None and checkins(ef) == []


def test_already_in_is_the_good_news_at_a_checkpoint(qtbot, screen, ef, clock, people, english):
    person = by_name(people, "남궁민")
    screen.handle_code(code_of(ef, person))  # the entrance (this station, still entry)
    clock.advance(20 * 60_000)
    set_check_only(screen.session)
    screen.handle_code(code_of(ef, person))
    panel = screen.result_panel
    assert panel.kind == "check_inside" and panel.headline.text() == "Valid badge — checked in"
    assert "10:00" in panel.detail.text() and "HQ" in panel.detail.text()
    assert not panel.is_problem
    screen.handle_code("NOT-A-BADGE")
    assert panel.kind == "invalid" and panel.banner.isVisibleTo(panel)
    assert len(checkins(ef)) == 1


def test_back_to_entry_records_again(qtbot, screen, ef, people) -> None:
    set_check_only(screen.session)
    set_check_only(screen.session, False)
    assert not screen.check_only and not screen.ready.banner.isVisibleTo(screen)
    assert screen.search_button.isVisibleTo(screen)
    screen.handle_code(code_of(ef, by_name(people, "김민수")))
    assert screen.result_panel.kind == "ok" and not screen.result_panel.banner.isVisibleTo(screen)
    assert len(checkins(ef)) == 1


def test_check_only_screens_speak_korean(qtbot, korean, window, ef, people) -> None:
    screen = window.scan_screen
    set_check_only(window.session)
    data = event_data(ef) | {window.session.station_name}
    assert screen.ready.banner.text.text() == "확인 전용 — 입장 기록 안 함"
    assert_all_korean(window, data)
    screen.handle_code(code_of(ef, by_name(people, "김민수")))
    assert screen.result_panel.headline.text() == "유효한 명찰 — 입장 기록 없음"
    assert_all_korean(window, data)


def test_the_station_settings_show_the_organizers_mode(qtbot, window, session, english) -> None:
    set_check_only(session)
    dialog = SettingsDialog(session, window.prefs, window)
    qtbot.addWidget(dialog)
    assert dialog.mode_value.text().startswith("Check only — not an entry")
    assert not dialog.direction_combo.isEnabled()


def test_the_organizer_sets_door_modes_in_the_menu(qtbot, window, session, ef, english) -> None:
    dialog = window.open_door_modes()
    assert dialog is not None and dialog.editable
    own = event.info(ef).station.station_id
    combo = dialog.findChild(QComboBox, f"mode-{own}")
    combo.setCurrentIndex(combo.findData(modes.CHECK_ONLY))
    assert dialog.save()
    assert modes.is_check_only(ef)
    qtbot.waitUntil(lambda: window.scan_screen.check_only)
    assert window.scan_screen.ready.banner.isVisibleTo(window.scan_screen)
