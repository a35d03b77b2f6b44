"""`checkin badge-settings` for discreet categories and the leave message; an exit scan
on the command line says the leave message."""

from __future__ import annotations

import json

from checkin.cli import main
from checkin.db.eventfile import open_event_file
from checkin.event import identity


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_discreet_categories_and_leave_message(tmp_path, capsys) -> None:
    path = tmp_path / "ev.db"
    assert run(capsys, "init", path, "--event-name", "북한이탈주민의 날", "--date", "2027-07-14",
               "--no-encryption")[0] == 0  # fmt: skip
    code, out, _ = run(capsys, "badge-settings", path, "--discreet-categories",
                       "defector,family", "--json")  # fmt: skip
    data = json.loads(out)
    assert code == 0 and data["discreet_categories"] == ["defector", "family"]
    assert data["leave_message"] == {
        "ko": "명찰을 떼고 가세요",
        "en": "Please take off your badge before you leave",
    }
    code, _, err = run(capsys, "badge-settings", path, "--discreet-categories", "ghosts")
    assert code == 1 and "ghosts" in err
    code, out, _ = run(capsys, "badge-settings", path, "--leave-message-en",
                       "Badge off, please", "--json")  # fmt: skip
    assert json.loads(out)["leave_message"] == {
        "ko": "명찰을 떼고 가세요",
        "en": "Badge off, please",
    }
    assert run(capsys, "add", path, "--name", "김민수", "--category", "defector",
               "--consent")[0] == 0  # fmt: skip
    with open_event_file(path) as ef:
        a_id = ef.execute("SELECT id FROM attendees").fetchone()[0]
        code_text = identity.badge_code(ef, a_id, 1)
    assert run(capsys, "scan", path, code_text, "--lang", "en")[0] == 0
    code, out, _ = run(capsys, "scan", path, code_text, "--exit", "--lang", "en")
    assert code == 0 and "Badge off, please" in out
    code, out, _ = run(capsys, "scan", path, code_text, "--exit", "--lang", "ko")
    assert "명찰을 떼고 가세요" in out
    code, out, _ = run(capsys, "badge-settings", path, "--leave-message-ko", "",
                       "--leave-message-en", "", "--json")  # fmt: skip
    assert json.loads(out)["leave_message"] == {"ko": "", "en": ""}
    code, out, _ = run(capsys, "scan", path, code_text, "--exit", "--lang", "en")
    assert "Badge off" not in out and "badge before" not in out
