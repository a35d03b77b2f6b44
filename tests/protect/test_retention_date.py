"""Deletion by date: from the event's "delete personal data by" date every station that
opens the file wipes it (the organizer's writes the final report first), with a
warning in the seven days before. Clock injected throughout."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from checkin import errors
from checkin.cli import main
from checkin.clock import FixedClock
from checkin.db.eventfile import open_event_file
from checkin.door import demo
from checkin.event import identity as event
from checkin.event import settings as settings_mod
from checkin.people import attendees
from checkin.protect import retention
from consents import all_agreed

sys.path.insert(0, str(Path(__file__).parent.parent))
from sync_support import Stations

SEOUL = ZoneInfo("Asia/Seoul")


def at(day: str, hour: int = 9) -> FixedClock:
    moment = dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour), SEOUL)
    return FixedClock(int(moment.timestamp() * 1000))


def make_event(path, clock, **kw):
    ef = event.create_event(path, name="북한이탈주민의 날", date="2027-07-14", clock=clock, **kw)
    attendees.add_attendees(ef, clock, all_agreed([
        {"display_name": "김민수", "category": "defector", "phone": "010-1234-5678"},
        {"display_name": "박지수", "category": "volunteer", "access_needs": "휠체어"},
    ]))  # fmt: skip
    return ef


def test_the_date_defaults_to_thirty_days_after_the_event(tmp_path) -> None:
    ef = make_event(tmp_path / "e.checkin", at("2027-07-15"))
    try:
        assert retention.status(ef, at("2027-07-15")).delete_by == "2027-08-13"
        assert not retention.status(ef, at("2027-08-05")).warn  # 8 days left
        soon = retention.status(ef, at("2027-08-06"))
        assert soon.warn and soon.days_left == 7 and not soon.due
        assert "2027-08-13" in soon.warning()[1]
        assert retention.status(ef, at("2027-08-13")).due
        assert retention.enforce(ef, at("2027-08-12")) is None  # not yet: nothing happens
        assert attendees.find(ef, "DD-0001").display_name == "김민수"
        settings_mod.update(ef, at("2027-07-15"), {"delete_personal_by": "2027-07-31"})
        assert retention.status(ef, at("2027-07-31")).due
        with pytest.raises(errors.InvalidInput):
            settings_mod.update(ef, at("2027-07-15"), {"delete_personal_by": "next week"})
    finally:
        ef.close()


def test_the_organizer_station_reports_first_then_wipes(tmp_path) -> None:
    path = tmp_path / "e.checkin"
    make_event(path, at("2027-07-15")).close()
    ef = open_event_file(path)
    try:
        done = retention.enforce(ef, at("2027-08-14"))
        assert done is not None and done.wiped == 2
        assert done.report is not None and done.report.read_bytes()[:4] == b"%PDF"
        assert "2027-08-13" in done.message()[1]
        with ef.read() as conn:
            marker = retention.closed_marker(conn)
        assert marker and marker["reason"] == "delete_personal_by"  # synced to others
        assert attendees.find(ef, "DD-0001").display_name == ""
        assert b"010-1234-5678" not in path.read_bytes()
        assert retention.enforce(ef, at("2027-08-15")) is None  # once only
    finally:
        ef.close()


def test_a_report_already_made_is_not_made_again(
    tmp_path,
) -> None:
    from checkin.lists import report
    from checkin.protect.access import Access

    ef = make_event(tmp_path / "e.checkin", at("2027-07-15"))
    try:
        report.write_report(ef, tmp_path / "mine.pdf", clock=at("2027-07-15"),
                            access=Access.for_file(ef, at("2027-07-15")))  # fmt: skip
        done = retention.enforce(ef, at("2027-09-01"))
        assert done is not None and done.report is None and done.wiped == 2
    finally:
        ef.close()


def test_a_desk_station_wipes_its_own_file_without_closing_for_others(tmp_path) -> None:
    made = Stations(tmp_path, at("2027-07-15"))
    try:
        attendees.add_attendees(
            made.org, made.clock, all_agreed([{"display_name": "한별", "phone": "010-9876-5432"}])
        )
        desk = made.add("desk", "접수 2")
        done = retention.enforce(desk, at("2027-08-20"))
        assert done is not None and done.report is None and done.wiped == 1
        with desk.read() as conn:
            assert retention.closed_marker(conn) is None and retention.is_closed(conn)
    finally:
        made.close()


def test_cli_opening_after_the_date_wipes_and_says_so(tmp_path, capsys) -> None:
    path = tmp_path / "old.checkin"
    # an event long past (the command line runs on the real clock)
    then = at("2020-07-15")
    ef = event.create_event(path, name="지난 행사", date="2020-07-14", clock=then)
    attendees.add_attendees(
        ef, then, all_agreed([{"display_name": "김민수", "phone": "010-1234-5678"}])
    )
    ef.close()
    capsys.readouterr()
    assert main(["stats", str(path), "--json", "--lang", "ko"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["stats"]["expected"] == 1  # counts stay
    assert "개인정보 삭제일(2020-08-13)" in captured.err
    ef = open_event_file(path)
    try:
        assert attendees.find(ef, "DD-0001").phone == ""
        assert path.with_name(path.name + ".final-report-2020-08-13.pdf").exists()
    finally:
        ef.close()


def test_cli_warns_in_the_last_week(tmp_path, capsys) -> None:
    path = tmp_path / "soon.checkin"
    assert main(["init", str(path), "--event-name", "행사", "--date", "2027-07-14",
                 "--no-encryption"]) == 0  # fmt: skip
    ef = open_event_file(path)
    soon = (dt.datetime.now(SEOUL).date() + dt.timedelta(days=3)).isoformat()
    settings_mod.update(ef, FixedClock(0), {"delete_personal_by": soon})
    ef.close()
    capsys.readouterr()
    assert main(["stats", str(path), "--lang", "en"]) == 0
    assert f"deleted on {soon} (in 3 days)" in capsys.readouterr().err


def test_the_demo_is_not_wiped_a_month_later(tmp_path) -> None:
    ef = demo.build_demo(tmp_path / "demo.checkin", 5, clock=at("2027-07-14"))
    try:
        assert not retention.status(ef, at("2027-09-30")).due
    finally:
        ef.close()


def test_the_app_opening_a_file_past_its_date(qtbot, mocker, tmp_path) -> None:
    from PySide6.QtWidgets import QMessageBox

    from checkin.ui.dialogs.event_opener import EventOpener
    from checkin.ui.preferences import Preferences

    path = tmp_path / "e.checkin"
    make_event(path, at("2027-07-15")).close()
    prefs = Preferences.load(tmp_path / "prefs.json")
    prefs.station(path).confirmed = True
    shown = mocker.patch.object(QMessageBox, "information")
    session = EventOpener(prefs, None, at("2027-08-20")).open_path(path)
    assert session is not None
    try:
        assert shown.call_count == 1 and "2027-08-13" in shown.call_args.args[2]
        assert attendees.find(session.ef, "DD-0001").display_name == ""
    finally:
        session.ef.close()


# -- a door kiosk's file past the date opens only with the organizer's unlock code ------


def _kiosk(tmp_path, clock):
    made = Stations(tmp_path, clock)
    attendees.add_attendees(
        made.org, clock, all_agreed([{"display_name": "한별", "phone": "010-9876-5432"}])
    )
    gate = made.add("gate", "정문", role="scan-only")
    path = Path(gate.path)
    gate.close()
    made.files.pop("gate")
    return made, path, made.unlock_codes["gate"]


def _audit_actions(ef) -> list[str]:  # this station's, in order
    with ef.read() as conn:
        return [r[0] for r in conn.execute("SELECT action FROM audit_log ORDER BY seq")]


def test_a_kiosk_file_past_the_date_is_wiped_and_stays_closed_without_the_code(tmp_path):
    made, path, code = _kiosk(tmp_path, at("2027-07-15"))
    try:
        ef = open_event_file(path)
        later = at("2027-08-20")
        try:
            # before the date it opens as usual
            assert retention.on_open(ef, at("2027-08-01")) == (None, None)
            with pytest.raises(retention.PastDeletionDate) as refused:
                retention.on_open(ef, later)  # nobody to unlock it
            assert refused.value.details["delete_personal_by"] == "2027-08-13"
            assert "운영자" in refused.value.message("ko")
            assert attendees.find(ef, "DD-0001").phone == ""  # wiped all the same
            asked: list[str] = []
            with pytest.raises(retention.PastDeletionDate):  # the unlock said no
                retention.on_open(ef, later, unlock=lambda d: asked.append(d) or False)
            assert asked == ["2027-08-13"]
            assert not retention.organizer_unlocks(ef, later, "ABCDEFGHJKMN")  # wrong code
            assert retention.organizer_unlocks(ef, later, code)
            done, warning = retention.on_open(
                ef, later, unlock=lambda d: retention.organizer_unlocks(ef, later, code)
            )
            assert done is None and warning is None  # wiped already, now opened
            actions = _audit_actions(ef)
            assert "pin_failure" in actions and actions[-1] == "pin_success"
        finally:
            ef.close()
        # the organizer's and a desk's own files are not held back (they wipe and open)
        assert retention.organizer_needed(made.org, later) is None
        assert retention.on_open(made.org, later)[0] is not None
    finally:
        made.close()


def test_wrong_unlock_codes_lock_like_the_kiosk_lock(tmp_path) -> None:
    made, path, code = _kiosk(tmp_path, at("2027-07-15"))
    try:
        ef = open_event_file(path)
        later = at("2027-08-20")
        try:
            for _ in range(5):
                with contextlib.suppress(errors.PinLocked):
                    retention.organizer_unlocks(ef, later, "ZZZZZZZZZZZZ")
            with pytest.raises(errors.PinLocked):
                retention.organizer_unlocks(ef, later, code)  # even the right one, while locked
        finally:
            ef.close()
    finally:
        made.close()


def test_cli_a_kiosk_file_past_the_date_needs_the_unlock_code(tmp_path, capsys, monkeypatch):
    # the command line runs on the real clock: a deletion date long past
    made = Stations(tmp_path, at("2027-07-15"))
    try:
        settings_mod.update(made.org, made.clock, {"delete_personal_by": "2020-08-13"})
        gate = made.add("gate", "정문", role="scan-only")
        path = gate.path
        gate.close()
        made.files.pop("gate")
        code = made.unlock_codes["gate"]
        capsys.readouterr()
        assert main(["stats", str(path), "--json", "--lang", "ko"]) == 3  # not allowed
        out = json.loads(capsys.readouterr().out)
        assert out["error"] == "past_deletion_date" and out["delete_personal_by"] == "2020-08-13"
        assert "운영자" in out["message_ko"]
        monkeypatch.setenv("KIOSK_CODE", "WRONGWRONG12")
        assert main(["stats", str(path), "--json", "--unlock-code-env", "KIOSK_CODE"]) == 3
        assert json.loads(capsys.readouterr().out)["error"] == "wrong_unlock_code"
        monkeypatch.setenv("KIOSK_CODE", code.lower())
        assert main(["stats", str(path), "--json", "--unlock-code-env", "KIOSK_CODE"]) == 0
        assert "stats" in json.loads(capsys.readouterr().out)
        assert main(["stats", str(path), "--json", "--unlock-code-env", "NOT_SET_HERE"]) == 1
        assert "NOT_SET_HERE" in capsys.readouterr().out
    finally:
        made.close()


def test_the_app_asks_the_organizer_for_the_kiosk_code(qtbot, mocker, tmp_path) -> None:
    from PySide6.QtWidgets import QMessageBox

    from checkin.ui.dialogs.event_opener import EventOpener
    from checkin.ui.preferences import Preferences
    from checkin.ui.widgets import error_dialog
    from checkin.ui.widgets.pin_dialog import PinDialog

    made, path, code = _kiosk(tmp_path, at("2027-07-15"))
    prefs = Preferences.load(tmp_path / "prefs.json")
    prefs.station(path).confirmed = True
    mocker.patch.object(QMessageBox, "information")
    errors_shown = mocker.patch.object(error_dialog, "show_error")
    typed: list[str] = []

    def answer(dialog):  # the organizer types into the real dialog
        assert dialog.purpose == "past_deletion" and dialog.unlock_code
        assert dialog.windowTitle() == "Past the deletion date"
        for text in typed:
            dialog.field.setText(text)
            dialog.try_accept()
            if dialog.result():
                return dialog.result()
        return 0  # cancelled

    mocker.patch.object(PinDialog, "exec", answer)
    try:
        opener = EventOpener(prefs, None, at("2027-08-20"))
        assert opener.open_path(path) is None  # cancelled: stays closed
        assert errors_shown.call_args.args[1].code == "past_deletion_date"
        typed[:] = ["WRONGWRONG12", code]
        session = opener.open_path(path)
        assert session is not None
        try:
            assert attendees.find(session.ef, "DD-0001").phone == ""
            assert _audit_actions(session.ef)[-2:] == ["pin_failure", "pin_success"]
        finally:
            session.ef.close()
    finally:
        made.close()
