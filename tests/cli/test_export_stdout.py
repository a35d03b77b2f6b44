"""``checkin export --out -`` and ``--out /dev/stdout``: written to the stream itself.

The subprocesses write to ``/proc/self/fd/1`` rather than the real ``/dev/stdout``: if
the temp-then-rename ever came back, renaming onto ``/proc`` fails instead of replacing
the machine's ``/dev/stdout`` symlink with a regular file (as root, it would).
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import checkin
from checkin.cli import main
from checkin.lists import pdfdoc
from iofiles import KOREAN_ROWS, write_csv


def _checkin(*argv, stdout=subprocess.PIPE, cwd=None) -> subprocess.CompletedProcess:
    root = Path(checkin.__file__).resolve().parents[1]  # this checkout's checkin
    env = {**os.environ, "CHECKIN_LOG_DIR": str(cwd or "."), "CHECKIN_LANG": "en",
           "PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")])}  # fmt: skip
    return subprocess.run(
        [sys.executable, "-m", "checkin", *map(str, argv)],
        stdout=stdout, stderr=subprocess.PIPE, timeout=120, env=env, cwd=cwd,
    )  # fmt: skip


def _event(tmp_path: Path) -> Path:
    path = tmp_path / "ev.db"
    assert main(["init", str(path), "--event-name", "행사", "--date", "2027-07-14",
                 "--no-encryption"]) == 0  # fmt: skip
    src = write_csv(tmp_path / "명단.csv", KOREAN_ROWS)
    assert main(["import", str(path), str(src)]) == 0
    return path


def test_out_dash_writes_the_export_to_stdout_and_the_message_to_stderr(tmp_path, capsys):
    path = _event(tmp_path)
    capsys.readouterr()
    done = _checkin("export", path, "--reason", "door", "--out", "-", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode("utf-8-sig")
    assert text.splitlines()[0].startswith(("이름", "표시 이름", "Display"))
    assert len(text.strip().splitlines()) == 1 + 5
    assert b"Wrote 5 rows" in done.stderr and b"Wrote" not in done.stdout
    assert not (tmp_path / "-").exists()
    # --json: the data alone on stdout, the JSON result on stderr
    done = _checkin("export", path, "--reason", "door", "--out", "-", "--json", cwd=tmp_path)
    assert done.returncode == 0 and b'"rows": 5' in done.stderr
    assert done.stdout.decode("utf-8-sig").count("\n") == 6
    # xlsx through a pipe is a valid workbook
    done = _checkin(
        "export", path, "--reason", "door", "--out", "-", "--format", "xlsx", cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert zipfile.ZipFile(io.BytesIO(done.stdout)).testzip() is None


def test_out_dev_stdout_is_written_directly_not_replaced(tmp_path, capsys):
    for stream in ("-", "/dev/stdout", "/dev/stderr", "/proc/self/fd/1"):
        assert pdfdoc.is_stream(stream), stream
    assert not pdfdoc.is_stream(tmp_path / "x.csv")
    (tmp_path / "x.csv").write_text("old")
    assert not pdfdoc.is_stream(tmp_path / "x.csv")  # a regular file: temp + rename
    path = _event(tmp_path)
    capsys.readouterr()
    out = "/proc/self/fd/1"  # what /dev/stdout points to
    done = _checkin(
        "export", path, "--reason", "door", "--out", out, "--format", "csv", cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.decode("utf-8-sig").strip().splitlines()) == 6
    # stdout redirected to a regular file: written into it, nothing renamed
    target = tmp_path / "redirected.csv"
    with open(target, "wb") as fh:
        done = _checkin(
            "export",
            path,
            "--reason",
            "door",
            "--out",
            out,
            "--format",
            "csv",
            stdout=fh,
            cwd=tmp_path,
        )
    assert done.returncode == 0, done.stderr
    assert len(target.read_text(encoding="utf-8-sig").strip().splitlines()) == 6
    # a FIFO (a named pipe) is written directly too
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    done = _checkin(
        "export", path, "--reason", "door", "--out", fifo, "--format", "csv", cwd=tmp_path
    )
    got = reader.communicate(timeout=60)[0]
    assert done.returncode == 0, done.stderr
    assert len(got.decode("utf-8-sig").strip().splitlines()) == 6
    assert fifo.is_fifo()


def test_report_and_door_list_to_stdout(tmp_path, capsys):
    path = _event(tmp_path)
    capsys.readouterr()
    for command in ("report", "paper"):
        done = _checkin(command, path, "--reason", "report", "--out", "-", cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith(b"%PDF") and done.stdout.rstrip().endswith(b"%%EOF")
        assert b"Wrote" in done.stderr and b"Wrote" not in done.stdout
        assert not (tmp_path / "-").exists()
