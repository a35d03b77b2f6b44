"""`checkin badges --printer` on a real CUPS scheduler: recorded only when the job completed."""

from __future__ import annotations

import json

import pytest
from print_support import cups_or_skip

from checkin.cli import main


@pytest.fixture(scope="module")
def cupsd():
    server = cups_or_skip()
    yield server
    server.stop()


def run_json(capsys, *argv: str) -> tuple[int, dict]:
    code = main([str(a) for a in argv] + ["--json"])
    lines = [line for line in capsys.readouterr().out.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    return code, json.loads(lines[0])


@pytest.fixture
def event_path(tmp_path, capsys, cupsd, monkeypatch):
    import cups

    monkeypatch.setenv("CUPS_SERVER", cupsd.server)
    path = tmp_path / "ev.db"
    assert main(["init", str(path), "--event-name", "행사", "--date", "2027-07-14",
                 "--no-encryption"]) == 0  # fmt: skip
    for name in ("김민수", "박지수"):
        assert main(["add", str(path), "--name", name, "--category", "defector",
                     "--consent"]) == 0  # fmt: skip
    capsys.readouterr()
    yield path
    cups.setServer("")


def test_badges_to_a_rejecting_printer_are_not_recorded(event_path, capsys) -> None:
    code, data = run_json(capsys, "badges", event_path, "--printer", "rejecting")
    assert code != 0 and data["error"] == "not_printed_rejected"
    assert "rejecting jobs" in data["message"] and "거부" in data["message_ko"]
    code, data = run_json(capsys, "prints", event_path)
    assert code == 0 and data["summary"]["printed"] == 0 and data["summary"]["unprinted"] == 2


def test_badges_to_a_working_printer_are_recorded(event_path, capsys, cupsd) -> None:
    code, data = run_json(capsys, "badges", event_path, "--printer", "pdfout", "--layout",
                          "custom:70x110", "--mono", "--only-unprinted")  # fmt: skip
    assert code == 0, data
    assert data["state"] == "completed" and data["recorded"] == 2 and data["badges"] == 2
    assert data["layout"] == "custom:70x110"
    assert b'JOB NAME = "' in cupsd.output("pdfout").read_bytes()
    code, data = run_json(capsys, "prints", event_path)
    assert data["summary"]["printed"] == 2
