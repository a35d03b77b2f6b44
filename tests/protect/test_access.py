"""Roles enforced in the core: a scan-only station never gets full names, phones or
emails from any read; exports need the organizer (the PIN, or no PIN set)."""

from __future__ import annotations

import json

import pytest

from checkin import errors
from checkin.cli import main
from checkin.db.eventfile import open_event_file
from checkin.door.engine import CheckinEngine
from checkin.event import identity as event_mod
from checkin.lists import exporter, paper, report
from checkin.models import HIDDEN_ON_SCAN_ONLY, Role, Status
from checkin.people import attendees, search
from checkin.protect import audit
from checkin.protect import pin as pin_mod
from checkin.protect.access import ELEVATION_MS, Access
from checkin.sync import provision
from consents import all_agreed

SECRETS = ("이영희", "01098765432", "010-1234-5678", "john@example.org", "가족 연락 금지")


@pytest.fixture
def full(ef, clock):
    """Attendees with every personal field the scan-only station must not see."""
    return attendees.add_attendees(ef, clock, all_agreed([
        {"display_name": "한별", "full_name": "이영희", "category": "family",
         "phone": "01098765432", "notes": "가족 연락 금지", "access_needs": "휠체어",
         "external_id": "F-77"},
        {"display_name": "김민수", "category": "defector", "phone": "010-1234-5678"},
        {"display_name": "John Smith", "category": "press", "email": "john@example.org"},
    ]))  # fmt: skip


@pytest.fixture
def door_made(ef, full, clock, tmp_path):
    return provision.provision(
        ef, tmp_path / "door.checkin", clock, station_name="정문", role="scan-only"
    )


@pytest.fixture
def door(door_made):
    """A scan-only station provisioned with personal fields: its file holds the door
    view (display names, access needs), never full names, phones or notes."""
    f = open_event_file(door_made.path)
    yield f
    f.close()


def _no_secrets(value: object) -> None:
    text = json.dumps(value, ensure_ascii=False, default=str)
    for secret in SECRETS:
        assert secret not in text


def test_redacted_empties_exactly_the_hidden_fields(full) -> None:
    han = full[0].redacted()
    assert all(getattr(han, f) == "" for f in HIDDEN_ON_SCAN_ONLY)
    assert (han.display_name, han.access_needs, han.reg_no) == ("한별", "휠체어", full[0].reg_no)


def test_scan_only_reads_are_redacted_everywhere(ef, door, full, clock) -> None:
    han = full[0]
    row = door.execute("SELECT full_name, phone, notes FROM attendees WHERE id = ?", (han.id,))
    assert row.fetchone() == ("", "", "")  # the door view: not even in the file ...
    got = attendees.get(door, han.id)
    assert got is not None and got.full_name == "" and got.phone == "" and got.notes == ""
    assert got.access_needs == "휠체어"  # the door needs to know
    _no_secrets(got.to_json())
    for ref in (han.reg_no, han.id):
        _no_secrets(attendees.find(door, ref).to_json())
    with pytest.raises(errors.AttendeeNotFound):  # the id in another system: not held
        attendees.find(door, "F-77")
    _no_secrets(attendees.view_detail(door, clock, han.reg_no).to_json())
    code = event_mod.badge_code(ef, han.id, han.badge_version)
    result = CheckinEngine(door, clock).scan(code)
    assert result.status is Status.OK and result.attendee.display_name == "한별"
    _no_secrets(result.to_json(personal=True))
    again = CheckinEngine(door, clock).check_in(full[2].id)
    _no_secrets(again.to_json(personal=True))
    # ... and the organizer's own file still reads it whole
    assert attendees.get(ef, han.id).full_name == "이영희"


def test_scan_only_search_matches_display_names_and_numbers_only(ef, door, full) -> None:
    with door.read() as conn:
        assert [h.attendee.display_name for h in search.search(conn, "한별")] == ["한별"]
        assert [h.attendee.id for h in search.search(conn, full[1].reg_no)] == [full[1].id]
        # full name and phone digits would tell who is who: no match at the door
        assert search.search(conn, "이영희") == []
        assert search.search(conn, "ㅇㅇㅎ") == []
        assert search.search(conn, "5432") == []
        for hit in search.search(conn, "ㅎ") + search.search(conn, "john"):
            _no_secrets(hit.attendee.to_json())
    with ef.read() as conn:
        assert [h.attendee.full_name for h in search.search(conn, "이영희")] == ["이영희"]
        assert [h.attendee.id for h in search.search(conn, "5432")] == [full[0].id]


def test_scan_only_cli_show_and_search_are_redacted(door, full, capsys) -> None:
    for argv in (["show", door.path, full[0].reg_no], ["show", door.path, full[1].reg_no, "--json"],
                 ["search", door.path, "한별", "--json"], ["search", door.path, "John"]):  # fmt: skip
        assert main([str(a) for a in argv]) == 0
        out = capsys.readouterr().out
        assert "한별" in out or "김민수" in out or "John Smith" in out
        for secret in SECRETS:
            assert secret not in out
    assert main(["search", str(door.path), "이영희", "--lang", "en"]) == 0
    assert "No attendee found" in capsys.readouterr().out


def test_scan_only_cannot_edit_or_export_personal_fields(
    door, door_made, full, clock, tmp_path
) -> None:
    access = Access.for_file(door, clock)
    # a scan-only kiosk always has its own unlock code: no PIN-less organizer there
    assert not access.is_organizer(door)
    assert access.elevate(door, door_made.unlock_code).ok
    assert access.role is Role.SCAN_ONLY and not access.personal and not access.can_edit
    with pytest.raises(errors.NotAllowed):
        attendees.update(door, clock, full[1].id, {"display_name": "민수"})
    with pytest.raises(errors.NotAllowed):
        access.require_editor()
    out = tmp_path / "x.csv"
    opts = exporter.ExportOptions(fields=("display_name", "phone"))
    with pytest.raises(errors.NotAllowed, match="scan-only"):
        exporter.export(door, out, opts=opts, access=access)
    assert not out.exists()
    # counts and display names only: allowed (the kiosk unlock code was entered)
    assert exporter.export(door, out, access=access).rows == 3


def test_exports_need_the_organizer_pin_once_one_is_set(ef, full, clock, tmp_path) -> None:
    access = Access.for_file(ef, clock)
    assert access.is_organizer(ef)  # no PIN yet: whoever runs the app
    pin_mod.set_pin(ef, clock, "2468")
    assert not access.is_organizer(ef)
    out = tmp_path / "out"
    out.mkdir()
    calls = [
        lambda p: exporter.export(ef, p / "a.csv", access=access),
        lambda p: exporter.export_log(ef, p / "log.csv", access=access),
        lambda p: report.write_report(ef, p / "r.pdf", clock=clock, access=access),
        lambda p: paper.write_door_list(ef, p / "d.pdf", clock=clock, access=access),
        lambda p: audit.export_csv(ef, access, clock, p / "audit.csv"),
        lambda p: audit.entries(ef, access),
    ]
    for call in calls:
        with pytest.raises(errors.OrganizerRequired) as info:
            call(out)
        assert info.value.exit_code == 3 and "PIN" in info.value.ko
    assert list(out.iterdir()) == []
    with pytest.raises(errors.WrongPin):
        access.elevate_or_raise(ef, "1357")
    access.elevate_or_raise(ef, "2468")
    for call in calls:
        call(out)
    assert {p.name for p in out.iterdir()} == {"a.csv", "log.csv", "r.pdf", "d.pdf",
                                                    "audit.csv"}  # fmt: skip
    clock.advance(ELEVATION_MS)  # organizer access lasts 15 minutes
    with pytest.raises(errors.OrganizerRequired):
        exporter.export(ef, out / "b.csv", access=access)
    access.elevate_or_raise(ef, "2468")
    access.drop()  # e.g. the kiosk was locked
    assert not access.is_organizer(ef)


def test_cli_export_needs_the_pin(ef, full, clock, tmp_path, capsys, monkeypatch) -> None:
    pin_mod.set_pin(ef, clock, "2468")
    path, out = str(ef.path), str(tmp_path / "att.csv")
    for command in (["export", path, "--reason", "door", "--out", out], ["report", path, "--reason", "report", "--out", out + ".pdf"],
                    ["paper", path, "--reason", "door", "--out", out + ".pdf"], ["audit", path, "--reason", "audit"]):  # fmt: skip
        assert main([*command, "--json"]) == 3
        err = json.loads(capsys.readouterr().out)
        assert err["error"] == "organizer_required" and "PIN" in err["message_ko"]
    monkeypatch.setenv("WRONG", "1111")
    assert (
        main(
            ["export", path, "--reason", "door", "--out", out, "--pin-env", "WRONG", "--lang", "ko"]
        )
        == 3
    )
    assert "운영자 PIN이 아닙니다" in capsys.readouterr().err
    assert not (tmp_path / "att.csv").exists()
    monkeypatch.setenv("PIN", "2468")
    assert (
        main(
            [
                "export",
                path,
                "--reason",
                "door",
                "--out",
                out,
                "--pin-env",
                "PIN",
                "--operator",
                "KJ",
            ]
        )
        == 0
    )
    assert (tmp_path / "att.csv").exists()
    capsys.readouterr()
    assert main(["audit", path, "--reason", "audit", "--json", "--pin-env", "PIN"]) == 0
    rows = json.loads(capsys.readouterr().out)["entries"]
    assert [(r["action"], r["operator"]) for r in rows] == [
        ("pin_success", ""), ("export", "KJ"), ("pin_success", "KJ"), ("pin_failure", ""),
    ]  # fmt: skip
    assert rows[1]["detail"] == {"kind": "attendance", "format": "csv", "rows": 3,
                                 "fields": list(exporter.DEFAULT_FIELDS), "personal": [],
                                 "reason": "door"}  # fmt: skip


def test_audit_read_without_organizer_is_refused(ef, clock) -> None:
    pin_mod.set_pin(ef, clock, "2468")
    with pytest.raises(errors.OrganizerRequired):
        audit.entries(ef, Access.for_file(ef, clock))
