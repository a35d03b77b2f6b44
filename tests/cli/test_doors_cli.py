"""The command line's groups, check-only scans, door modes and waiting figures."""

from __future__ import annotations

import json

import pytest

from checkin.cli import main
from checkin.cli.common import EXIT_REJECTED


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def run_json(capsys, *argv: str) -> tuple[int, dict]:
    code, out, err = run(capsys, *argv, "--json")
    lines = [line for line in out.splitlines() if line.strip()]
    assert len(lines) == 1, out + err
    return code, json.loads(lines[0])


def _checkins(path) -> int:
    import sqlite3

    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT count(*) FROM checkins").fetchone()[0]


@pytest.fixture
def event_path(tmp_path, capsys):
    path = tmp_path / "ev.db"
    code, _, _ = run(capsys, "init", path, "--event-name", "행사", "--date", "2027-07-14",
                     "--no-encryption")  # fmt: skip
    assert code == 0
    return path


@pytest.fixture
def family(event_path, capsys):
    codes = []
    for name in ("김하나", "김두리", "김세찬"):
        code, added = run_json(capsys, "add", event_path, "--name", name, "--category", "family",
                               "--group", "김씨 가족", "--consent")  # fmt: skip
        assert code == 0 and added["attendee"]["group_name"] == "김씨 가족"
        codes.append(added["code"])
    return codes


def test_scan_with_group_checks_the_family_in(capsys, event_path, family) -> None:
    code, done = run_json(capsys, "scan", event_path, family[0], "--group", "--operator", "KJ")
    assert code == 0 and done["result"]["status"] == "ok"
    assert [r["status"] for r in done["group"]] == ["ok", "ok"]
    assert [r["checkin"]["method"] for r in done["group"]] == ["group", "group"]
    assert _checkins(event_path) == 3
    code, out, _ = run(capsys, "checkin", event_path, "DD-0002", "--group", "--lang", "ko")
    assert code == EXIT_REJECTED and "이미 입장함" in out  # nobody left to check in
    assert _checkins(event_path) == 3
    code, out, _ = run(capsys, "show", event_path, "DD-0001")
    assert "group 김씨 가족 (3): 김두리, 김세찬" in out


def test_validate_only_records_nothing(capsys, event_path, family) -> None:
    code, out, _ = run(capsys, "scan", event_path, family[0], "--validate-only", "--lang", "ko")
    assert code == 0
    assert out.splitlines()[:2] == [
        "[확인 전용 — 입장 기록 안 함]",
        "✔ 유효한 명찰 — 입장 기록 없음",
    ]
    assert _checkins(event_path) == 0
    run(capsys, "scan", event_path, family[0])
    code, checked = run_json(capsys, "scan", event_path, family[0], "--validate-only")
    assert (
        code == 0
        and checked["result"]["check_only"]
        and checked["result"]["status"] == "already_in"
    )
    code, out, _ = run(capsys, "scan", event_path, "not a badge", "--validate-only")
    assert code == EXIT_REJECTED and out.startswith("[Check only — not an entry]\n✖ Not a valid")
    code, _out, err = run(capsys, "scan", event_path, family[1], "--validate-only", "--group")
    assert code != 0 and "--group" in err
    assert _checkins(event_path) == 1


def test_a_station_set_to_check_only_scans_as_a_check(capsys, event_path, family) -> None:
    code, listed = run_json(capsys, "doors", "list", event_path)
    assert [(s["name"], s["mode"], s["own"]) for s in listed["stations"]] == [("HQ", "entry", True)]
    code, out, _ = run(capsys, "doors", "mode", event_path, "HQ", "check-only")
    assert code == 0 and "HQ: Check only — not an entry (now)" in out
    code, out, _ = run(capsys, "scan", event_path, family[0])
    assert code == 0 and out.startswith("[Check only")
    code, _out, err = run(capsys, "checkin", event_path, "DD-0001")
    assert code != 0 and "check only" in err
    assert _checkins(event_path) == 0
    code, out, err = run(capsys, "doors", "mode", event_path, "HQ", "sideways", "--lang", "ko")
    assert code != 0 and "알 수 없는 출입 모드" in err
    run(capsys, "doors", "mode", event_path, "HQ", "entry")
    assert run(capsys, "scan", event_path, family[0])[0] == 0
    assert _checkins(event_path) == 1


def test_waiting_figures_hide_small_counts(capsys, event_path, family) -> None:
    code, out, _ = run(capsys, "doors", "waiting", event_path)
    assert code == 0 and "Nobody was admitted" in out
    run(capsys, "scan", event_path, family[0], "--group", "--station", "정문")
    code, data = run_json(capsys, "doors", "waiting", event_path)
    (door,) = data["doors"]
    assert door["door"] == "정문" and door["total"] == "<5"
    assert door["estimated_wait_minutes"] is None
    assert 3 not in door["per_minute"] and "<5" in door["per_minute"]
    code, out, _ = run(capsys, "doors", "waiting", event_path, "--lang", "ko")
    assert "<5: 5명 미만" in out and "예상 대기" in out
