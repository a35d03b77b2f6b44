"""The leave message: an exit scan's panel and the exit door's and the closed event's
ready screens say "명찰을 떼고 가세요 / Please take off your badge before you leave",
in the event's own wording, in both languages."""

from __future__ import annotations

from kiosk_helpers import by_name, code_of

from checkin.badges import discreet
from checkin.protect import retention

KO, EN = discreet.LEAVE_KO, discreet.LEAVE_EN


def test_exit_scan_says_take_off_your_badge(qtbot, screen, session, ef, people, english) -> None:
    person = by_name(people, "김민수")
    screen.handle_code(code_of(ef, person))
    panel = screen.result_panel
    assert panel.kind == "ok" and EN not in panel.action.text()
    screen.set_direction("exit")
    assert screen.ready.leave.text() == EN and screen.ready.leave_other.text() == KO
    screen.handle_code(code_of(ef, person))
    assert panel.kind == "exit"
    assert panel.action.text() == EN and panel.action_other.text() == KO


def test_the_wording_is_the_events_and_follows_the_language(qtbot, screen, session, ef, people,
                                                            korean) -> None:  # fmt: skip
    discreet.set_leave_message(ef, session.clock, "명찰은 가방에 넣어 주세요", "Badge in your bag")
    session.reload_settings()  # a synced setting arrives the same way
    screen.set_direction("exit")
    assert screen.ready.leave.text() == "명찰은 가방에 넣어 주세요"
    assert screen.ready.leave_other.text() == "Badge in your bag"
    screen.handle_code(code_of(ef, by_name(people, "한별")))
    panel = screen.result_panel
    assert panel.action.text() == "명찰은 가방에 넣어 주세요"
    discreet.set_leave_message(ef, session.clock, "", "")
    session.reload_settings()
    assert screen.ready.leave.isHidden() and screen.ready.leave.text() == ""
    screen.handle_code(code_of(ef, by_name(people, "김민수")))
    assert panel.kind == "exit" and "명찰" not in panel.action.text()


def test_entry_door_shows_nothing_and_closed_event_shows_it(qtbot, screen, session, ef, clock,
                                                            people, tmp_path, english) -> None:  # fmt: skip
    assert screen.direction == "entry" and screen.ready.leave.text() == ""
    retention.close_event(ef, clock, tmp_path / "report.pdf", lang="en")
    assert screen.refresh_closed()
    assert "closed" in screen.ready.headline.text()
    assert screen.ready.leave.text() == EN and not screen.ready.leave.isHidden()
