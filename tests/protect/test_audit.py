"""The audit log: what is recorded (never personal data), reading and exporting it, and
the PIN lockout derived from it (persisted in the file)."""

from __future__ import annotations

import csv
import json
import re

import pytest

from checkin import errors
from checkin.cli import main
from checkin.db.eventfile import open_event_file
from checkin.event import identity as event_mod
from checkin.lists import exporter
from checkin.people import attendees, search
from checkin.protect import audit
from checkin.protect import pin as pin_mod
from checkin.protect.access import Access

PIN = "2468"


def _actions(ef, clock):
    return [(e.action, e.attendee_id, e.detail, e.operator)
            for e in reversed(audit.entries(ef, Access.for_file(ef, clock)))]  # fmt: skip


def _file_text(ef) -> bytes:
    ef.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return ef.path.read_bytes()


def test_each_action_is_recorded_without_personal_data(ef, people, clock, organizer, tmp_path):
    han = people[1]
    attendees.search_attendees(ef, clock, "이영희", operator="KJ")
    attendees.search_attendees(ef, clock, "9999")
    attendees.view_detail(ef, clock, han.reg_no, operator="KJ")
    attendees.update(ef, clock, han.id, {"phone": "010-5555-0000", "notes": "비밀 메모"}, "KJ")
    attendees.update(ef, clock, han.id, {"phone": "010-5555-0000"}, "KJ")  # no change: no row
    attendees.cancel(ef, clock, han.id)
    exporter.export(ef, tmp_path / "a.xlsx",
                    opts=exporter.ExportOptions(fields=("display_name", "phone")),
                    access=organizer)  # fmt: skip
    assert _actions(ef, clock) == [
        ("search", None, {"results": 1}, "KJ"),
        ("search", None, {"results": 0}, ""),
        ("view", han.id, {}, "KJ"),
        ("edit", han.id, {"fields": ["notes", "phone"]}, "KJ"),
        ("edit", han.id, {"fields": ["status"]}, ""),
        ("export", None, {"kind": "attendance", "format": "xlsx", "rows": 4,
                          "fields": ["display_name", "phone"], "personal": ["phone"]}, ""),
    ]  # fmt: skip
    stored = "".join(r[0] for r in ef.execute("SELECT detail || operator FROM audit_log"))
    for secret in ("이영희", "9999", "010-5555-0000", "비밀 메모", "01098765432"):
        assert secret not in stored


def test_detail_keys_and_actions_are_checked(ef, clock) -> None:
    with pytest.raises(ValueError, match="unknown audit action"):
        audit.record(ef, clock, "peek")
    with pytest.raises(ValueError, match="not allowed"):
        audit.record(ef, clock, audit.SEARCH, detail={"query": "김민수"})
    assert ef.execute("SELECT count(*) FROM audit_log").fetchone()[0] == 0


def test_filters_stations_and_csv_export(ef, people, clock, organizer, tmp_path) -> None:
    attendees.view_detail(ef, clock, people[0].reg_no, operator="=HACK")
    clock.advance(1000)
    attendees.search_attendees(ef, clock, "김")
    me = event_mod.info(ef).station
    assert audit.stations(ef) == [(me.station_id, me.name)]
    assert [e.action for e in audit.entries(ef, organizer, action="view")] == ["view"]
    assert audit.entries(ef, organizer, station_id="nope") == []
    out = tmp_path / "audit.csv"
    assert audit.export_csv(ef, organizer, clock, out, "ko") == 2
    raw = out.read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0] == ["시각", "기기", "담당자", "작업", "참가자 (등록번호)", "내용"]
    assert rows[1][3:] == ["검색", "", "결과 1명"]
    assert rows[2][2:5] == ["'=HACK", "상세 정보 열람", people[0].reg_no]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", rows[1][0])
    # the export is recorded too, and English works
    latest = audit.entries(ef, organizer, limit=1)[0]
    assert (latest.action, latest.detail) == ("export", {"kind": "audit", "format": "csv",
                                                         "rows": 2})  # fmt: skip
    audit.export_csv(ef, organizer, clock, out, "en", action="search")
    rows = list(csv.reader(out.read_text("utf-8-sig").splitlines()))
    assert rows[0][0] == "Time" and [r[3] for r in rows[1:]] == ["Search"]


def test_cli_audit_prints_and_exports(ef, people, clock, tmp_path, capsys) -> None:
    attendees.view_detail(ef, clock, people[0].reg_no)
    path = str(ef.path)
    assert main(["audit", path, "--reason", "audit", "--lang", "en"]) == 0
    text = capsys.readouterr().out
    assert "1 audit entries" in text and "Viewed details" in text and people[0].id in text
    out = tmp_path / "log.csv"
    assert main(["audit", path, "--reason", "audit", "--out", str(out), "--json"]) == 0
    # the view, and the read of the log on screen (with its reason)
    assert json.loads(capsys.readouterr().out)["rows"] == 2
    assert out.read_text("utf-8-sig").count("\n") == 3
    assert "reason: audit" in out.read_text("utf-8-sig")
    # without a reason the command line refuses, and nothing is written
    assert main(["audit", path, "--out", str(tmp_path / "no.csv")]) != 0
    assert "--reason" in capsys.readouterr().err and not (tmp_path / "no.csv").exists()
    assert main(["audit", path, "--by-reason", "--reason", "audit", "--json"]) == 0
    groups = json.loads(capsys.readouterr().out)["exports_by_reason"]
    assert {g["reason"]: g["exports"] for g in groups} == {"audit": 2}  # before this read


def test_old_event_file_gets_the_audit_log(tmp_path, clock) -> None:
    path = tmp_path / "old.checkin"
    f = event_mod.create_event(path, name="행사", date="2027-07-14", clock=clock)
    f.execute("DROP TABLE audit_log")
    f.execute("DELETE FROM _sqlite_migrations WHERE name = 'm005_audit'")
    f.close()
    with open_event_file(path) as upgraded:
        assert list(tmp_path.glob("old.checkin.before-m005_audit.bak"))
        audit.record(upgraded, clock, audit.SEARCH, detail={"results": 0})
        assert len(audit.entries(upgraded, Access.for_file(upgraded, clock))) == 1


# --- PIN lockout --------------------------------------------------------------------------


def test_pin_lockout_grows_and_survives_reopening(ef, clock) -> None:
    pin_mod.set_pin(ef, clock, PIN)
    for n in range(1, 5):
        check = pin_mod.check_pin(ef, clock, "0000")
        assert (check.ok, check.locked, check.state.failures) == (False, False, n)
        clock.advance(1000)
    fifth = pin_mod.check_pin(ef, clock, "0000")
    assert fifth.state.remaining_ms(clock.now_ms()) == 30_000
    path = ef.path
    ef.close()
    with open_event_file(path) as again:  # restarting the app does not reset it
        state = pin_mod.pin_state(again)
        assert state.failures == 5 and state.remaining_seconds(clock.now_ms()) == 30
        clock.advance(10_000)
        refused = pin_mod.check_pin(again, clock, PIN)  # even the right PIN is not checked
        assert refused.locked and not refused.ok
        with pytest.raises(errors.PinLocked) as info:
            Access.for_file(again, clock).elevate_or_raise(again, PIN)
        assert info.value.details["seconds"] == 20 and "20초" in info.value.ko
        clock.advance(20_000)
        sixth = pin_mod.check_pin(again, clock, "1111")  # wrong again: a longer lock
        assert sixth.state.remaining_ms(clock.now_ms()) == 60_000
        clock.advance(60_000)
        seventh = pin_mod.check_pin(again, clock, "1111")
        assert seventh.state.remaining_ms(clock.now_ms()) == 300_000
        clock.advance(300_000)
        access = Access.for_file(again, clock)
        assert access.elevate(again, PIN).ok  # a right PIN ends the run
        assert pin_mod.pin_state(again) == pin_mod.PinState(0, 0)
        rows = [(e.action, e.detail) for e in audit.entries(again, access)]
    assert rows[0] == ("pin_success", {})
    assert rows[1:3] == [("pin_lockout", {"failures": 7, "seconds": 300}),
                         ("pin_failure", {"failures": 7})]  # fmt: skip
    assert [r for r in rows if r[0] == "pin_lockout"][-1] == (
        "pin_lockout", {"failures": 5, "seconds": 30},
    )  # fmt: skip
    assert sum(1 for r in rows if r[0] == "pin_failure") == 7  # refused tries are not counted


def test_cli_reports_the_lockout(ef, clock, capsys, monkeypatch) -> None:
    pin_mod.set_pin(ef, clock, PIN)
    monkeypatch.setenv("BAD", "1111")
    codes = [
        main(["audit", str(ef.path), "--reason", "audit", "--pin-env", "BAD", "--json"])
        for _ in range(6)
    ]
    assert codes == [3] * 6
    last = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert last["error"] == "pin_locked" and 0 < last["seconds"] <= 30


def test_search_index_is_not_written_by_audited_search(ef, people, clock) -> None:
    before = ef.execute("SELECT count(*) FROM search_terms").fetchone()[0]
    hits = attendees.search_attendees(ef, clock, "ㄱㅁㅅ")
    with ef.read() as conn:
        assert [h.attendee.id for h in hits] == [
            h.attendee.id for h in search.search(conn, "ㄱㅁㅅ")
        ]
    assert ef.execute("SELECT count(*) FROM search_terms").fetchone()[0] == before


def test_a_file_of_badges_is_an_audited_export_a_printed_badge_is_not(
    ef, people, clock, organizer
) -> None:
    from checkin.badges import service as badges

    badges.record_prints(ef, clock, people[:3], "a4", "pdf", operator="KJ")
    badges.record_prints(ef, clock, people[3:4], "cr80", "printer", operator="KJ")
    (entry,) = audit.entries(ef, organizer, audit.EXPORT)
    assert entry.detail == {"kind": "badges", "format": "pdf", "rows": 3}
    assert entry.operator == "KJ"
    assert entry.describe("ko") == "명찰 · PDF · 3행"
