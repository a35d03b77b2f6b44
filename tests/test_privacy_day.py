"""A scripted day through the command line, logging at DEBUG: no attendee's name,
phone or email in the logs; every file written owner-only; no names in file names or
badge codes."""

from __future__ import annotations

import json
import logging
import os
import re
import stat
import sys

import pytest

from checkin.cli import main
from checkin.door import codes
from checkin.logs import log_dir
from iofiles import KOREAN_ROWS, KOREAN_ROWS_AGREED, write_csv

PASS_VAR = "DAY_PASSPHRASE"
WALK_IN = {"--name": "정다운", "--full-name": "정다운비", "--phone": "010-7777-8888",
           "--email": "dawn@example.kr", "--notes": "동생과 함께"}  # fmt: skip
PERSONAL = [
    *(row[i] for row in KOREAN_ROWS[1:] for i in (0, 1, 2, 4) if row[i]),
    *WALK_IN.values(),
    "5678",  # the end of a phone number (what a search types)
]


def run(capsys, *argv: str) -> dict:
    code = main([*map(str, argv), "--json", "--passphrase-env", PASS_VAR])
    out = capsys.readouterr().out.strip().splitlines()
    data = json.loads(out[-1])
    assert code == 0, data
    return data


@pytest.fixture
def loose_umask():
    """Start from the usual 022: the app itself must make its files private."""
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_day_leaves_no_personal_data_in_logs_and_only_private_files(
    capsys, tmp_path, monkeypatch, loose_umask
):
    monkeypatch.setenv(PASS_VAR, "day passphrase 2027")
    monkeypatch.setenv("CHECKIN_DATA_DIR", str(tmp_path / "appdata"))
    work = tmp_path / "work"
    work.mkdir()
    os.chmod(work, 0o755)
    inputs = work / "inputs"
    inputs.mkdir()
    src = write_csv(inputs / "preregistered.csv", KOREAN_ROWS_AGREED, encoding="cp949")
    event = work / "day.checkin"

    run(capsys, "init", event, "--event-name", "북한이탈주민의 날", "--date", "2027-07-14")
    logging.getLogger("checkin").setLevel(logging.DEBUG)
    run(capsys, "import", event, src)
    walk_in = run(capsys, "add", event, "--consent", "--consent-contact",
                  *[x for kv in WALK_IN.items() for x in kv],
                  "--category", "guest")  # fmt: skip
    code = walk_in["code"]
    run(capsys, "scan", event, code)
    run(capsys, "checkin", event, "DD-0001")
    run(capsys, "search", event, "김민수")
    run(capsys, "search", event, "5678")
    run(capsys, "show", event, "DD-0002")
    run(capsys, "edit", event, "DD-0003", "--phone", "010-4444-3333", "--consent-contact")
    run(capsys, "undo", event, "DD-0001", "--reason", "잘못 누름")
    run(capsys, "badge", event, "DD-0001", "--out", work / "badge.pdf")
    run(
        capsys,
        "badges",
        event,
        "--reason",
        "badges",
        "--out",
        work / "badges.pdf",
        "--workers",
        "1",
    )
    run(
        capsys,
        "export",
        event,
        "--reason",
        "door",
        "--out",
        work / "attendance.csv",
        "--fields",
        "reg_no,display_name,full_name,phone,email,notes",
    )
    run(
        capsys,
        "export",
        event,
        "--reason",
        "door",
        "--out",
        work / "attendance.xlsx",
        "--format",
        "xlsx",
    )
    run(capsys, "report", event, "--reason", "report", "--out", work / "report.pdf")
    run(capsys, "paper", event, "--reason", "door", "--out", work / "door-list.pdf")
    run(capsys, "sync", "provision", event, work / "desk.checkin", "--station", "2번 데스크",
        "--role", "desk")  # fmt: skip
    desk = work / "desk.checkin"
    run(
        capsys,
        "add",
        desk,
        "--consent",
        "--consent-contact",
        "--name",
        "윤하나",
        "--phone",
        "010-9999-0000",
    )
    run(capsys, "sync", "export", desk, work / "desk.ckbundle")
    run(capsys, "sync", "import", event, work / "desk.ckbundle")
    shared = work / "shared"
    shared.mkdir()
    run(capsys, "sync", "folder", event, shared, "--rounds", "1")
    run(capsys, "sync", "folder", desk, shared, "--rounds", "1")
    run(capsys, "close", event, "--report", work / "final-report.pdf", "--yes")

    # 1. the logs: written, at DEBUG, and nothing personal in them
    logs = [p for p in log_dir().rglob("*") if p.is_file()]
    text = "".join(p.read_text(encoding="utf-8", errors="replace") for p in logs)
    assert "imported" in text or "added" in text  # the log really recorded the day
    for value in [*PERSONAL, "윤하나", "010-9999-0000"]:
        assert value not in text, value

    # 2. every file the app wrote is owner-only, every folder it made private
    made = [p for p in work.rglob("*") if inputs not in p.parents and p != inputs]
    made += [p for p in (tmp_path / "appdata").rglob("*")] + logs
    assert len([p for p in made if p.is_file()]) >= 12
    for path in made:
        mode = stat.S_IMODE(path.stat().st_mode)
        if path.is_file():
            assert mode == 0o600, (path.name, oct(mode))
        elif path != shared:  # made by the test
            assert mode == 0o700, (path.name, oct(mode))

    # 3. no names in the names of files the app chose, nor in badge codes
    for path in made:
        for value in PERSONAL:
            assert value not in path.name
    assert re.fullmatch(r"[A-Z0-9]+", code)
    assert codes.parse(code).attendee_id == walk_in["attendee"]["id"]
