"""The running app never drops its own SQLite locks on the event file.

On POSIX, closing *any* descriptor of a file releases every fcntl lock the process
holds on it. An idle WAL connection holds a shared lock on the database file for its
whole life: that lock is what stops another SQLite client (an organizer's ``sqlite3``,
a backup tool) from taking the file as unused when it closes, checkpointing, and
deleting the ``-wal``/``-shm`` under the running app. These tests hold a connection,
run every path that opens the file again, and ask the kernel (``/proc/locks``) whether
the process still holds its lock; the crash test shows what losing it costs.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import checkin
from checkin import errors
from checkin.cli import main as cli_main
from checkin.db import eventfile
from checkin.db.schema import MIGRATIONS
from checkin.event import identity as event
from checkin.event import rekey
from checkin.people import attendees
from checkin.sync import bundle, folder

pytestmark = pytest.mark.skipif(not Path("/proc/locks").exists(), reason="needs Linux /proc/locks")

# SQLite's shared-lock range on the database file (os_unix.c: SHARED_FIRST).
SHARED_FIRST = 0x40000002
REPO = Path(checkin.__file__).resolve().parent.parent


def held_locks(path: Path, pid: int | None = None) -> list[tuple[str, int]]:
    """The POSIX locks process ``pid`` holds on ``path``'s file: (mode, start)."""
    pid = os.getpid() if pid is None else pid
    ino = os.stat(path).st_ino
    found = []
    for line in Path("/proc/locks").read_text().splitlines():
        parts = line.split()
        if "->" in parts:  # a waiter, not a holder
            continue
        # "2: POSIX  ADVISORY  READ 1234 fe:00:5678 1073741826 1073742335"
        kind, _adv, mode, lpid, dev_ino, start = parts[1:7]
        if kind == "POSIX" and int(lpid) == pid and int(dev_ino.rsplit(":", 1)[1]) == ino:
            found.append((mode, int(start)))
    return found


def assert_still_locked(path: Path, after: str) -> None:
    locks = held_locks(path)
    assert ("READ", SHARED_FIRST) in locks, f"lock on the event file lost after {after}: {locks}"


def test_probe_sees_a_dropped_lock(ef) -> None:
    """The check itself can fail: a plain open()/close() of the file drops the lock."""
    assert_still_locked(ef.path, "opening")
    with open(ef.path, "rb") as fh:  # the hazard under test
        fh.read(16)
    assert ("READ", SHARED_FIRST) not in held_locks(ef.path)


def _extra_migration(db) -> None:
    db.execute("CREATE TABLE lock_test_extra (x)")


def _every_open_path(path: Path, passphrase: str | None, clock, tmp_path: Path, mocker) -> None:
    # A sync worker, the reopen after the passphrase dialog: another connection.
    second = eventfile.open_event_file(path, passphrase)
    assert_still_locked(path, "a second connection")
    second.close()
    assert_still_locked(path, "closing a second connection")
    # The change-passphrase dialog and `checkin passphrase` ask whether it is encrypted.
    assert eventfile.is_encrypted(path) is (passphrase is not None)
    assert_still_locked(path, "is_encrypted")
    if passphrase:  # told apart from a wiped header by its salt, read without a close
        with pytest.raises(errors.PassphraseRequired):
            eventfile.open_event_file(path)
        assert_still_locked(path, "asking for the passphrase")
    # Sync: a bundle export, a folder round (copies bundles in and out).
    with eventfile.open_event_file(path, passphrase) as worker:
        bundle.export_bundle(worker, tmp_path / "out.bundle", clock, full=True)
        assert_still_locked(path, "a bundle export")
        shared = tmp_path / "shared"
        shared.mkdir(exist_ok=True)
        folder.sync_folder(worker, shared, clock)
        assert_still_locked(path, "a folder sync")
    # The command line beside the app (read-only commands, in this process).
    if passphrase:
        mocker.patch.dict(os.environ, {"CHECKIN_PASSPHRASE": passphrase})
    extra = ["--passphrase-env", "CHECKIN_PASSPHRASE"] if passphrase else []
    out = str(tmp_path / "attendance.csv")
    for command in (
        ["stats"],
        ["search", "김"],
        ["show", "DD-0001"],
        ["export", "--reason", "door", "--out", out],
    ):
        assert cli_main([command[0], str(path), *command[1:], *extra]) == 0
        assert_still_locked(path, f"checkin {command[0]}")
    # A migration on open backs the file up first (a copy of the live file).
    extended = [*MIGRATIONS._migrations, MIGRATIONS._Migration("m999_lock_test", _extra_migration)]
    patch = mocker.patch.object(MIGRATIONS, "_migrations", extended)
    eventfile.open_event_file(path, passphrase).close()
    mocker.stop(patch)
    assert list(tmp_path.glob(f"{path.name}.before-m999_lock_test.bak"))
    assert_still_locked(path, "a migration backup")


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_every_open_path_keeps_the_lock(tmp_path, clock, mocker, capsys, encrypted) -> None:
    if encrypted and not eventfile.HAVE_SQLCIPHER:
        pytest.skip("no SQLCipher")
    passphrase = "correct horse" if encrypted else None
    path = tmp_path / "event.db"
    with event.create_event(path, passphrase=passphrase, clock=clock) as ef:
        attendees.add_attendees(ef, clock, [{"display_name": "김민수"}, {"display_name": "한별"}])
    held = eventfile.open_event_file(path, passphrase)
    try:
        assert_still_locked(path, "opening")
        _every_open_path(path, passphrase, clock, tmp_path, mocker)
        # The held connection still works and still sees the others' writes.
        assert held.conn.execute("SELECT count(*) FROM attendees").fetchone()[0] == 2
    finally:
        held.close()
    capsys.readouterr()


@pytest.mark.skipif(not eventfile.HAVE_SQLCIPHER, reason="no SQLCipher")
def test_reopen_after_rekey_keeps_the_lock(tmp_path, clock) -> None:
    path = tmp_path / "event.db"
    event.create_event(path, clock=clock).close()
    rekey.change_passphrase(path, None, "new secret")
    held = eventfile.open_event_file(path, "new secret")
    try:
        assert_still_locked(path, "reopening after the re-key")
        eventfile.open_event_file(path, "new secret").close()
        assert_still_locked(path, "a second connection after the re-key")
        assert eventfile.is_encrypted(path)
        assert_still_locked(path, "is_encrypted after the re-key")
    finally:
        held.close()


# --- crash: an outside reader beside a stream of scans, then kill -9 ------------------

SCANNER = textwrap.dedent(
    """
    import sys
    from checkin.db.eventfile import open_event_file
    from checkin.door.engine import CheckinEngine

    ef = open_event_file(sys.argv[1])
    engine = CheckinEngine(ef)
    for n, line in enumerate(open(sys.argv[2], encoding="ascii")):
        if n % 5 == 0:
            # What the app does beside its main connection (sync worker, reopen).
            open_event_file(sys.argv[1]).close()
        result = engine.scan(line.strip(), station="lock-test")
        # Only what was returned (and would be painted green) is printed.
        print(result.status.value, result.checkin.id if result.checkin else "-", flush=True)
    """
)

READER = textwrap.dedent(
    """
    import sqlite3, sys, time
    # An organizer's sqlite3 (another SQLite library, another process): open, read,
    # close, again and again. Closing the last connection it sees checkpoints and
    # deletes the -wal/-shm unless someone else holds a lock on the file.
    while True:
        conn = sqlite3.connect(sys.argv[1], timeout=5)
        try:
            conn.execute("SELECT count(*) FROM checkins").fetchone()
        except sqlite3.Error:
            pass
        conn.close()
        time.sleep(0.002)
    """
)


@pytest.mark.slow
def test_outside_reader_and_kill9_lose_no_acknowledged_scan(tmp_path, clock) -> None:
    path = tmp_path / "kiosk.db"
    with event.create_event(path, clock=clock) as ef:
        people = attendees.add_attendees(
            ef, clock, [{"display_name": f"참가자{i}"} for i in range(300)]
        )
        codes = [event.badge_code(ef, a.id, 1) for a in people]
    code_file = tmp_path / "codes.txt"
    code_file.write_text("\n".join(codes) + "\n", encoding="ascii")
    (tmp_path / "scanner.py").write_text(SCANNER, encoding="utf-8")
    (tmp_path / "reader.py").write_text(READER, encoding="utf-8")
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(REPO)}

    reader = subprocess.Popen([sys.executable, str(tmp_path / "reader.py"), str(path)], env=env)
    try:
        time.sleep(0.3)
        scanner = subprocess.Popen(
            [sys.executable, str(tmp_path / "scanner.py"), str(path), str(code_file)],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        returned = []
        assert scanner.stdout is not None
        for line in scanner.stdout:
            status, checkin_id = line.split()
            assert status == "ok"
            returned.append(checkin_id)
            if len(returned) == 20:
                # Mid-stream, the scanning process still holds its lock.
                assert ("READ", SHARED_FIRST) in held_locks(path, scanner.pid)
            if len(returned) >= 250:
                scanner.send_signal(signal.SIGKILL)
                break
        scanner.wait(timeout=30)
        scanner.stdout.close()
        assert scanner.returncode == -signal.SIGKILL
    finally:
        reader.send_signal(signal.SIGKILL)
        reader.wait(timeout=30)
    with contextlib.closing(eventfile.open_event_file(path)) as ef:
        assert ef.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {r[0] for r in ef.conn.execute("SELECT id FROM checkins")}
    missing = [c for c in returned if c not in stored]
    assert missing == [], f"{len(missing)} of {len(returned)} acknowledged scans lost"


def test_closing_the_event_beside_a_held_connection_keeps_the_lock(tmp_path, clock) -> None:
    from checkin.protect import retention

    path = tmp_path / "event.db"
    with event.create_event(path, clock=clock) as ef:
        attendees.add_attendees(ef, clock, [{"display_name": "김민수"}])
    held = eventfile.open_event_file(path)
    try:
        with eventfile.open_event_file(path) as closer:  # wipe, VACUUM, backups removed
            retention.close_event(closer, clock, tmp_path / "report.pdf")
        assert_still_locked(path, "closing the event")
        assert retention.is_closed(held.conn)  # and the held connection sees it
    finally:
        held.close()
