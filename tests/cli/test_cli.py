from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from checkin.cli import build_parser, main
from checkin.db.eventfile import HAVE_SQLCIPHER


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def run_json(capsys, *argv: str) -> tuple[int, dict]:
    code, out, _err = run(capsys, *argv, "--json")
    lines = [line for line in out.splitlines() if line.strip()]
    assert len(lines) == 1, out  # exactly one JSON object
    return code, json.loads(lines[0])


@pytest.fixture
def event_path(tmp_path, capsys):
    path = tmp_path / "ev.db"
    code, _, _ = run(
        capsys,
        "init",
        path,
        "--event-name",
        "북한이탈주민의 날",
        "--date",
        "2027-07-14",
        "--no-encryption",
    )
    assert code == 0
    return path


def test_every_command_has_help(capsys) -> None:
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name in commands:
        with pytest.raises(SystemExit) as info:
            main([name, "--help"])
        assert info.value.code == 0
        assert "usage: checkin " + name in capsys.readouterr().out


def test_a_day_at_the_door(capsys, event_path) -> None:
    code, added = run_json(
        capsys, "add", event_path, "--name", "김민수", "--category", "defector",
        "--phone", "01012345678", "--no-photo", "--consent", "--consent-contact",
    )  # fmt: skip
    assert code == 0 and added["attendee"]["reg_no"] == "DD-0001"
    badge = added["code"]
    assert badge.startswith("CK") and len(badge) == 130

    code, scanned = run_json(capsys, "scan", event_path, badge, "--station", "1번 출입구")
    assert code == 0 and scanned["result"]["status"] == "ok"
    code, again = run_json(capsys, "scan", event_path, badge)
    assert code == 4 and again["result"]["status"] == "already_in"
    assert again["result"]["previous"]["station_name"] == "1번 출입구"
    # no personal fields beyond the display name in a scan result
    assert "phone" not in again["result"]["attendee"]

    code, out, _ = run(capsys, "stats", event_path)
    assert code == 0 and "1 of 1" in out

    code, undone = run_json(capsys, "undo", event_path, "DD-0001", "--reason", "wrong person")
    assert code == 0 and undone["undo"]["reason"] == "wrong person"
    code, stats = run_json(capsys, "stats", event_path)
    assert stats["stats"]["checked_in"] == 0

    code, reissued = run_json(capsys, "reissue", event_path, "dd-0001")
    assert reissued["attendee"]["badge_version"] == 2
    code, old = run_json(capsys, "scan", event_path, badge)
    assert code == 4 and old["result"]["status"] == "superseded"
    code, fresh = run_json(capsys, "checkin", event_path, "DD-0001")
    assert code == 0 and fresh["result"]["status"] == "ok"

    code, found = run_json(capsys, "search", event_path, "ㄱㅁㅅ")
    assert [r["reg_no"] for r in found["results"]] == ["DD-0001"]
    code, shown = run_json(capsys, "show", event_path, "DD-0001")
    assert [h["action"] for h in shown["history"]] == ["entry", "undo", "entry"]

    code, cancelled = run_json(capsys, "cancel", event_path, "DD-0001")
    assert cancelled["attendee"]["status"] == "cancelled"
    code, restored = run_json(capsys, "restore", event_path, "DD-0001")
    assert restored["attendee"]["status"] == "registered"
    code, edited = run_json(
        capsys, "edit", event_path, "DD-0001", "--organization", "한울", "--photo-ok"
    )
    assert edited["attendee"]["organization"] == "한울" and edited["attendee"]["no_photo"] is False


def test_korean_messages(capsys, event_path) -> None:
    code, out, _ = run(capsys, "scan", event_path, "not-a-badge", "--lang", "ko")
    assert code == 4 and "유효하지 않은 명찰" in out


@pytest.mark.parametrize(
    "argv, error",
    [
        (["add", "{file}", "--name", "x", "--phone", "abc", "--consent"], "invalid_input"),
        (["add", "{dir}/missing.db", "--name", "x", "--consent"], "file_not_found"),
        (["checkin", "{file}", "DD-9999"], "attendee_not_found"),
        (["undo", "{file}", "DD-0001", "--reason", "x"], "attendee_not_found"),
        (
            ["init", "{file}", "--event-name", "x", "--date", "2027-07-14", "--no-encryption"],
            "file_exists",
        ),
        (["scan", "{file}", "x", "--list", "dinner"], "invalid_input"),
        (["search", "{file}", "x", "--limit", "0"], "invalid_input"),
    ],
)
def test_errors_are_clear_and_never_tracebacks(capsys, event_path, argv, error) -> None:
    argv = [a.format(file=event_path, dir=event_path.parent) for a in argv]
    code, _out, err = run(capsys, *argv)
    assert code == 1
    assert err.startswith("Error: ") and "Traceback" not in err
    code, payload = run_json(capsys, *argv)
    assert code == 1 and payload["ok"] is False and payload["error"] == error
    assert payload["message_ko"]


def test_not_an_event_file(capsys, tmp_path) -> None:
    bogus = tmp_path / "list.csv"
    bogus.write_text("이름,연락처\n김민수,010-1234-5678\n", encoding="utf-8")
    code, _out, err = run(capsys, "stats", bogus)
    assert code == 1 and "Traceback" not in err
    assert bogus.read_text(encoding="utf-8").startswith("이름")


def test_unexpected_errors_are_logged_not_dumped(capsys, event_path, mocker, tmp_path) -> None:
    mocker.patch("checkin.door.stats.compute", side_effect=RuntimeError("boom"))
    code, _out, err = run(capsys, "stats", event_path)
    assert code == 70
    assert "Traceback" not in err and "bug" in err
    log = (Path(os.environ["CHECKIN_LOG_DIR"]) / "checkin.log").read_text(encoding="utf-8")
    assert "RuntimeError: boom" in log


@pytest.mark.skipif(not HAVE_SQLCIPHER, reason="no SQLCipher")
def test_passphrase_from_environment(capsys, tmp_path, monkeypatch) -> None:
    path = tmp_path / "secret.db"
    monkeypatch.setenv("EVENT_PASS", "비밀 passphrase")
    code, made = run_json(capsys, "init", path, "--event-name", "x", "--date", "2027-07-14",
                          "--passphrase-env", "EVENT_PASS")  # fmt: skip
    assert code == 0 and made["encrypted"] is True
    code, _added = run_json(
        capsys, "add", path, "--name", "김", "--passphrase-env", "EVENT_PASS", "--consent"
    )
    assert code == 0
    code, payload = run_json(capsys, "stats", path)
    assert code == 1 and payload["error"] == "passphrase_required"
    monkeypatch.setenv("EVENT_PASS", "wrong")
    code, payload = run_json(capsys, "stats", path, "--passphrase-env", "EVENT_PASS")
    assert code == 1 and payload["error"] == "wrong_passphrase"
    code, payload = run_json(capsys, "stats", path, "--passphrase-env", "NOT_SET_ANYWHERE")
    assert code == 1 and payload["error"] == "invalid_input"


def test_demo(capsys, tmp_path) -> None:
    path = tmp_path / "demo.db"
    code, made = run_json(capsys, "demo", path, "--attendees", "300", "--seed", "7")
    assert code == 0 and made["attendees"] == 300 and 60 < made["checked_in"] < 150
    code, payload = run_json(capsys, "demo", path)
    assert code == 1 and payload["error"] == "file_exists"


def test_add_needs_consent_recorded_or_on_file(capsys, event_path) -> None:
    from checkin.protect import consent

    code, refused = run_json(capsys, "add", event_path, "--name", "새봄")
    assert code == 1 and refused["field"] == "consent" and "--consent" in refused["message"]
    code, _out, err = run(capsys, "add", event_path, "--name", "새봄", "--lang", "ko")
    assert code == 1 and "개인정보 이용 동의" in err
    code, shown = run_json(capsys, "stats", event_path)
    assert shown["stats"]["expected"] == 0  # nothing was registered
    code, added = run_json(capsys, "add", event_path, "--name", "새봄", "--consent")
    assert code == 0 and added["attendee"]["consent_version"] == consent.VERSION
    assert added["attendee"]["consent_at"] > 0
    code, pre = run_json(capsys, "add", event_path, "--name", "가람", "--consent-on-file")
    assert code == 0 and pre["attendee"]["consent_at"] is None
    with pytest.raises(SystemExit):
        main(["add", str(event_path), "--name", "x", "--consent", "--consent-on-file"])
    capsys.readouterr()
    with pytest.raises(SystemExit):
        main(["add", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert " ".join(consent.TEXT_KO.split())[:40] in text
    assert " ".join(consent.TEXT_EN.split())[:40] in text


def test_a_reader_that_goes_away_is_not_a_bug(monkeypatch, event_path) -> None:
    """`checkin search FILE 김 | head`: head closes the pipe early; no traceback, no
    "this is a bug" message, and nothing in the log as an error."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    stdout = os.fdopen(write_end, "w", buffering=1)
    monkeypatch.setattr("sys.stdout", stdout)
    try:
        code = main(["search", str(event_path), "김", "--lang", "en"])
    finally:
        stdout.close()
    assert code == 141


def test_search_by_registration_prefix_and_informal_romanization(capsys, event_path) -> None:
    for name in ("김별미", "전명예"):
        assert run(capsys, "add", event_path, "--name", name, "--consent", "--no-photo")[0] == 0
    code, found = run_json(capsys, "search", event_path, "DD")
    assert code == 0 and [r["reg_no"] for r in found["results"]] == ["DD-0001", "DD-0002"]
    code, found = run_json(capsys, "search", event_path, "Kim Byul Mi")
    assert [r["reg_no"] for r in found["results"]][:1] == ["DD-0001"]
    code, found = run_json(capsys, "search", event_path, "jun myungye")
    assert [r["reg_no"] for r in found["results"]][:1] == ["DD-0002"]
