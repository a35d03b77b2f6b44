"""The command line: encryption by default, changing the passphrase, closing the event."""

from __future__ import annotations

import json

import pytest

from checkin.cli import main
from checkin.db.eventfile import SQLITE_HEADER, open_event_file
from checkin.logs import log_dir
from checkin.ui import preferences


def run_json(capsys, *argv: str) -> tuple[int, dict]:
    code = main([*argv, "--json"])
    out = capsys.readouterr().out.strip().splitlines()
    return code, json.loads(out[-1])


def init(capsys, path, *extra) -> tuple[int, dict]:
    return run_json(capsys, "init", str(path), "--event-name", "북한이탈주민의 날",
                    "--date", "2027-07-14", *extra)  # fmt: skip


def test_init_needs_a_passphrase_or_a_deliberate_no(capsys, tmp_path, monkeypatch):
    path = tmp_path / "e.checkin"
    code, data = init(capsys, path)
    assert code == 1 and data["error"] == "invalid_input"
    assert "--no-encryption" in data["message"] and "--no-encryption" in data["message_ko"]
    assert not path.exists()
    monkeypatch.setenv("EVENT_PASS", "문 앞의 봄 2027")
    code, data = init(capsys, path, "--passphrase-env", "EVENT_PASS")
    assert code == 0 and data["encrypted"] is True
    assert path.read_bytes()[:16] != SQLITE_HEADER
    code, data = init(capsys, tmp_path / "plain.checkin", "--no-encryption")
    assert code == 0 and data["encrypted"] is False
    code, data = init(capsys, tmp_path / "both.checkin", "--no-encryption", "--passphrase-env",
                      "EVENT_PASS")  # fmt: skip
    assert code == 1 and not (tmp_path / "both.checkin").exists()


def test_init_asks_twice_on_a_terminal(capsys, tmp_path, monkeypatch):
    answers = iter(["봄날 2027", "봄날 2027", "하나", "둘"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    path = tmp_path / "e.checkin"
    assert main(["init", str(path), "--event-name", "행사", "--date", "2027-07-14"]) == 0
    open_event_file(path, "봄날 2027").close()
    assert main(["init", str(tmp_path / "f.checkin"), "--event-name", "행사",
                 "--date", "2027-07-14"]) == 1  # fmt: skip
    assert "같지 않습니다" in capsys.readouterr().err or not (tmp_path / "f.checkin").exists()
    assert not (tmp_path / "f.checkin").exists()


def test_passphrase_change_and_removal(capsys, tmp_path, monkeypatch):
    path = tmp_path / "e.checkin"
    monkeypatch.setenv("OLD", "처음 암호 one")
    monkeypatch.setenv("NEW", "두번째 암호 two")
    assert init(capsys, path, "--passphrase-env", "OLD")[0] == 0
    assert (
        run_json(
            capsys, "add", str(path), "--consent", "--name", "김민수", "--passphrase-env", "OLD"
        )[0]
        == 0
    )
    code, data = run_json(capsys, "passphrase", str(path), "--passphrase-env", "NEW",
                          "--new-passphrase-env", "NEW")  # fmt: skip
    assert code == 1 and data["error"] == "wrong_passphrase"
    code, data = run_json(capsys, "passphrase", str(path), "--passphrase-env", "OLD",
                          "--new-passphrase-env", "NEW")  # fmt: skip
    assert code == 0 and data["encrypted"] is True
    code, data = run_json(capsys, "show", str(path), "DD-0001", "--passphrase-env", "NEW")
    assert data["attendee"]["display_name"] == "김민수"
    code, data = run_json(capsys, "passphrase", str(path), "--passphrase-env", "NEW", "--remove")
    assert code == 0 and data["encrypted"] is False
    assert path.read_bytes()[:16] == SQLITE_HEADER
    # plain -> encrypted again
    code, data = run_json(capsys, "passphrase", str(path), "--new-passphrase-env", "OLD")
    assert code == 0 and data["encrypted"] is True
    assert sorted(p.name for p in tmp_path.iterdir()) == ["e.checkin"]


def test_passphrases_are_never_logged_nor_stored(capsys, tmp_path, monkeypatch):
    secret_one, secret_two = "초록 우산 7429", "파란 자전거 1583"
    monkeypatch.setenv("ONE", secret_one)
    monkeypatch.setenv("TWO", secret_two)
    monkeypatch.setenv("CHECKIN_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "e.checkin"
    assert init(capsys, path, "--passphrase-env", "ONE")[0] == 0
    run_json(
        capsys, "add", str(path), "--consent", "--name", "김민수", "--passphrase-env", "TWO"
    )  # wrong
    assert run_json(capsys, "passphrase", str(path), "--passphrase-env", "ONE",
                    "--new-passphrase-env", "TWO")[0] == 0  # fmt: skip
    run_json(capsys, "close", str(path), "--report", str(tmp_path / "r.pdf"), "--yes",
             "--passphrase-env", "TWO")  # fmt: skip
    prefs = preferences.Preferences.load()
    prefs.save()
    places = [*log_dir().rglob("*"), *(tmp_path / "data").rglob("*")]
    assert any(p.is_file() for p in places)
    for place in places:
        if place.is_file():
            data = place.read_bytes()
            for secret in (secret_one, secret_two):
                assert secret.encode() not in data, place


def test_close_needs_the_report_and_a_confirmation(capsys, tmp_path, monkeypatch):
    path = tmp_path / "e.checkin"
    assert init(capsys, path, "--no-encryption")[0] == 0
    assert (
        run_json(
            capsys,
            "add",
            str(path),
            "--consent",
            "--consent-contact",
            "--name",
            "김민수",
            "--phone",
            "010-1234-5678",
        )[0]
        == 0
    )
    code, data = run_json(capsys, "close", str(path), "--report", str(tmp_path / "r.pdf"))
    assert code == 1 and data["field"] == "yes"
    # on a terminal the organizer types the word; anything else changes nothing
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt="": "no")
    assert main(["close", str(path), "--report", str(tmp_path / "r.pdf"), "--lang", "en"]) == 0
    assert not (tmp_path / "r.pdf").exists()
    monkeypatch.setattr("builtins.input", lambda prompt="": "close")
    assert main(["close", str(path), "--report", str(tmp_path / "r.pdf"), "--lang", "en"]) == 0
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    assert "김민수".encode() not in path.read_bytes()
    code, data = run_json(capsys, "add", str(path), "--consent", "--name", "새 사람")
    assert code == 1 and data["error"] == "event_closed"


@pytest.mark.parametrize("flags", [["--remove"], []])
def test_passphrase_without_a_new_one_off_a_terminal(capsys, tmp_path, flags):
    path = tmp_path / "e.checkin"
    assert init(capsys, path, "--no-encryption")[0] == 0
    code, data = run_json(capsys, "passphrase", str(path), *flags)
    if flags:
        assert code == 0 and data["encrypted"] is False
    else:
        assert code == 1 and data["field"] == "passphrase"
