"""Arguments that are not text, and file names too long: clear errors, never exit 70."""

from __future__ import annotations

import json
import os

import pytest

from checkin.cli import main

BAD = os.fsdecode(b"\xff\xfe")  # invalid UTF-8 as Python receives it: lone surrogates
SURROGATE = "a\ud800b"


@pytest.fixture
def event_path(tmp_path, capsys):
    path = tmp_path / "ev.checkin"
    assert main(["init", str(path), "--event-name", "행사", "--date", "2027-07-14",
                 "--no-encryption"]) == 0  # fmt: skip
    capsys.readouterr()
    return path


@pytest.mark.parametrize(
    "argv",
    [
        ["add", "{ev}", "--consent", "--name", BAD],
        ["add", "{ev}", "--consent", f"--name={SURROGATE}"],
        ["search", "{ev}", BAD],
        ["sync", "export", "{ev}", "{tmp}/" + BAD + ".ckbundle"],
        ["stats", "{tmp}/" + BAD + ".checkin"],
    ],
    ids=["option", "option=", "query", "out-file", "file"],
)
def test_text_that_is_not_utf8_is_a_clear_error(event_path, tmp_path, capsys, argv) -> None:
    before = event_path.read_bytes()
    args = [a.replace("{ev}", str(event_path)).replace("{tmp}", str(tmp_path)) for a in argv]
    code = main([*args, "--json"])
    assert code == 1
    reply = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert reply["error"] == "invalid_input"
    assert "UTF-8" in reply["message"] and "UTF-8" in reply["message_ko"]
    assert event_path.read_bytes() == before


@pytest.mark.parametrize("command", ["init", "export", "stats"])
def test_a_file_name_over_255_bytes_is_a_clear_error(event_path, tmp_path, capsys, command):
    long_name = str(tmp_path / ("가" * 90 + ".checkin"))  # 270 bytes
    argv = {
        "init": ["init", long_name, "--event-name", "x", "--date", "2027-07-14",
                 "--no-encryption"],
        "export": ["sync", "export", str(event_path), long_name],
        "stats": ["stats", long_name],
    }[command]  # fmt: skip
    code = main([*argv, "--json"])
    assert code == 1, code
    reply = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert reply["error"] in {"invalid_input", "file_not_found"}
    if command != "stats":
        assert "255" in reply["message"] and "255" in reply["message_ko"]
