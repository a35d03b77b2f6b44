"""Badges a desk mints (format 2, 138 characters) at a real door kiosk's scan screen.

A keyboard-wedge scanner types the whole code and Enter; the scan gate must hold all
138 keys (not stop at the 130 of a format-1 code) and the kiosk must check the person
in. A badge from a retired desk, or from a desk the kiosk does not know yet, gets a red
panel of its own that says so in Korean and English.
"""

from __future__ import annotations

import pytest
from kiosk_helpers import checkins, type_keys
from PySide6.QtCore import Qt
from sync_support import EVENT_MORNING_MS, Stations

from checkin.clock import FixedClock
from checkin.door import codes
from checkin.event import identity as event_mod
from checkin.people import attendees
from checkin.sync import bundle, provision
from checkin.ui.kiosk import scanner_input
from checkin.ui.kiosk.scan_screen import ScanScreen
from checkin.ui.kiosk.sounds import Sounds
from checkin.ui.session import EventSession
from ime import compose_like_an_ime


@pytest.fixture
def made(tmp_path):
    stations = Stations(tmp_path, FixedClock(EVENT_MORNING_MS))
    yield stations
    stations.close()


def door_screen(qtbot, made, door) -> ScanScreen:
    w = ScanScreen(EventSession(door, clock=made.clock), Sounds(enabled=False))
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.counters.counts is not None, timeout=5000)
    return w


def send(made, sender, receiver, name: str) -> None:
    path = made.root / name
    bundle.export_bundle(sender, path, made.clock)
    bundle.import_bundle(receiver, path, made.clock)


def own_id(ef) -> str:
    return ef.conn.execute("SELECT station_id FROM local").fetchone()[0]


def walk_in(made, desk, name: str):
    person = attendees.add_attendee(desk, made.clock, display_name=name, category="guest")
    code = event_mod.badge_code(desk, person.id, 1)
    assert len(code) == codes.CODE_CHARS_STATION == 138
    return person, code


def scan_keys(qtbot, widget, text: str) -> None:
    """A keyboard-wedge scanner: every key of the code, then Enter, very fast."""
    type_keys(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


@pytest.mark.parametrize("hangul", [False, True], ids=["latin", "hangul-ime-on"])
def test_a_138_character_desk_code_typed_by_a_scanner_checks_in(qtbot, made, hangul):
    desk = made.add("desk", "접수")
    door = made.add("door", "출입구", role="scan-only")  # knows the desk
    screen = door_screen(qtbot, made, door)
    try:
        person, code = walk_in(made, desk, "워크인")
        seen = []
        screen.scanner.scanned.connect(seen.append)
        scan_keys(qtbot, screen, compose_like_an_ime(code) if hangul else code)
        # the whole code (Hangul keys mapped back), not its first 130 characters
        assert [codes.normalize(text) for text in seen] == [code]
        assert screen.result_panel.kind == "ok_unsynced"  # genuine, not synced yet
        assert checkins(door, person.id) == [(person.id, "entry", "scan", "main")]
    finally:
        screen.shutdown()


def search_field(qtbot, screen):
    screen.show_search("")
    field = screen.search.field
    seen: list[str] = []
    field.textChanged.connect(seen.append)
    return field, seen


def test_a_138_character_code_scanned_into_the_name_search_never_lands_there(qtbot, made):
    """In a text field the gate holds the keys back until the code is whole: all 138."""
    desk = made.add("desk", "접수")
    door = made.add("door", "출입구", role="scan-only")
    screen = door_screen(qtbot, made, door)
    try:
        person, code = walk_in(made, desk, "워크인")
        field, seen = search_field(qtbot, screen)
        gate = scanner_input.ScanGate.instance()
        taken = gate.scans
        qtbot.keyClicks(field, code, delay=1)  # timers run between keys, as at the door
        qtbot.keyClick(field, Qt.Key.Key_Return)
        assert gate.scans == taken + 1  # one scan, held back whole
        assert checkins(door, person.id) == [(person.id, "entry", "scan", "main")]
        assert not any("CK" in text.upper() for text in seen)  # not even its first keys
    finally:
        screen.shutdown()


def test_a_138_character_code_without_enter_in_the_search_ends_with_the_pause(qtbot, made):
    """A scanner set to send no Enter: the gate knows the code is whole at 138 keys."""
    desk = made.add("desk", "접수")
    door = made.add("door", "출입구", role="scan-only")
    screen = door_screen(qtbot, made, door)
    try:
        person, code = walk_in(made, desk, "워크인")
        field, seen = search_field(qtbot, screen)
        qtbot.keyClicks(field, code, delay=1)
        qtbot.waitUntil(lambda: len(checkins(door, person.id)) == 1, timeout=3000)
        assert field.text() == "" and not any("CK" in text.upper() for text in seen)
    finally:
        screen.shutdown()


def panel_texts(screen) -> tuple[str, set[str], set[str]]:
    panel = screen.result_panel
    assert panel.detail_other.isVisibleTo(panel)
    return (
        panel.kind,
        {panel.headline.text(), panel.headline_other.text()},
        {panel.detail.text(), panel.detail_other.text()},
    )


@pytest.mark.parametrize("lang", ["english", "korean"])
def test_a_badge_from_a_desk_the_kiosk_does_not_know_says_so(request, qtbot, made, lang):
    request.getfixturevalue(lang)
    door = made.add("door", "출입구", role="scan-only")  # before the desk existed
    desk = made.add("desk", "접수")
    screen = door_screen(qtbot, made, door)
    try:
        _, code = walk_in(made, desk, "워크인")
        scan_keys(qtbot, screen, code)
        kind, headlines, details = panel_texts(screen)
        assert kind == "unknown_desk"
        assert headlines == {
            "Badge from a desk this kiosk does not know",
            "이 키오스크가 모르는 데스크에서 만든 명찰입니다",
        }
        assert details == {
            "It was made at a desk set up after this kiosk last synced.",
            "이 키오스크가 마지막으로 동기화한 뒤에 준비된 데스크에서 만든 명찰입니다.",
        }
        action = screen.result_panel.action.text()
        assert ("동기화" in action) if lang == "korean" else ("Sync this kiosk" in action)
        assert door.conn.execute("SELECT count(*) FROM checkins").fetchone()[0] == 0
    finally:
        screen.shutdown()


@pytest.mark.parametrize("lang", ["english", "korean"])
def test_a_badge_from_a_retired_desk_says_so(request, qtbot, made, lang):
    request.getfixturevalue(lang)
    clock = made.clock
    desk = made.add("desk", "접수")
    door = made.add("door", "출입구", role="scan-only")
    provision.retire(made.org, clock, own_id(desk))
    clock.advance(60_000)
    _, code = walk_in(made, desk, "나중 등록")  # minted after the retirement
    send(made, made.org, door, "retire.ckbundle")
    screen = door_screen(qtbot, made, door)
    try:
        scan_keys(qtbot, screen, code)
        kind, headlines, details = panel_texts(screen)
        assert kind == "retired_desk"
        assert headlines == {"Badge from a retired desk", "회수된 데스크에서 만든 명찰입니다"}
        assert details == {
            "The desk that made this badge was taken out of use (lost or retired).",
            "이 명찰을 만든 데스크는 사용 중지되었습니다 (분실 또는 회수).",
        }
        action = screen.result_panel.action.text()
        assert ("안내 데스크" in action) if lang == "korean" else ("help desk" in action)
        assert door.conn.execute("SELECT count(*) FROM checkins").fetchone()[0] == 0
    finally:
        screen.shutdown()
