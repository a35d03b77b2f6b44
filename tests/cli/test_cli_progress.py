"""Progress on a terminal for long CLI work; nothing with --json or without a terminal."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import checkin
from checkin.cli import main
from iofiles import write_csv


def _run_on_terminal(*argv: str, cwd: Path) -> tuple[int, bytes, bytes]:
    """Run ``checkin ARGV`` with standard error on a pseudo-terminal (as in a console)."""
    root = Path(checkin.__file__).resolve().parents[1]
    env = {**os.environ, "CHECKIN_LOG_DIR": str(cwd), "TERM": "xterm-256color",
           "COLUMNS": "100", "PYTHONPATH": str(root)}  # fmt: skip
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "checkin", *argv], stdout=subprocess.PIPE, stderr=slave,
        stdin=subprocess.DEVNULL, env=env, cwd=cwd,
    )  # fmt: skip
    os.close(slave)
    screen = b""
    while True:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            screen += chunk
        elif proc.poll() is not None:
            break
    os.close(master)
    with proc.stdout:
        out = proc.stdout.read()
    return proc.wait(timeout=120), out, screen


def test_import_and_export_show_progress_on_a_terminal_only(tmp_path, capsys):
    event = tmp_path / "ev.db"
    assert main(["init", str(event), "--event-name", "행사", "--date", "2027-07-14",
                 "--no-encryption"]) == 0  # fmt: skip
    rows = [["이름", "연락처"]] + [[f"참가자{i}", f"010-{i // 10000 % 10000:04d}-{i % 10000:04d}"]
                                   for i in range(3000)]  # fmt: skip
    src = write_csv(tmp_path / "명단.csv", rows)
    capsys.readouterr()
    code, out, screen = _run_on_terminal("import", str(event), str(src), "--lang", "en",
                                         cwd=tmp_path)  # fmt: skip
    assert code == 0, out + screen
    assert b"Importing" in screen  # the bar, drawn on the terminal (standard error)
    assert b"Importing" not in out and b"Imported: 3000 added" in out
    code, out, screen = _run_on_terminal("export", str(event), "--reason", "door", "--out", str(tmp_path / "a.csv"),
                                         "--lang", "ko", cwd=tmp_path)  # fmt: skip
    assert code == 0 and "내보내는 중".encode() in screen
    # --json: silent on the terminal too, one JSON object on stdout
    code, out, screen = _run_on_terminal("export", str(event), "--reason", "door", "--out", str(tmp_path / "b.csv"),
                                         "--json", cwd=tmp_path)  # fmt: skip
    assert code == 0 and b"Exporting" not in screen and "내보내는".encode() not in screen
    assert out.count(b"\n") == 1
    # no terminal (a pipe): nothing but the result
    done = subprocess.run(
        [sys.executable, "-m", "checkin", "export", str(event), "--reason", "door", "--out", str(tmp_path / "c.csv"),
         "--lang", "en"],
        capture_output=True, cwd=tmp_path, timeout=120,
        env={**os.environ, "CHECKIN_LOG_DIR": str(tmp_path),
             "PYTHONPATH": str(Path(checkin.__file__).resolve().parents[1])},
    )  # fmt: skip
    assert done.returncode == 0 and done.stderr == b"" and b"Exporting" not in done.stdout
