"""A killed passphrase change leaves no copy behind; a concurrent writer is named right."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from checkin import errors
from checkin.clock import FixedClock
from checkin.db import leftovers
from checkin.db.eventfile import open_event_file
from checkin.event import identity as event
from checkin.event import rekey
from checkin.people import attendees
from consents import everything

CLOCK = FixedClock(1_815_613_200_000)


@pytest.fixture
def secret_event(tmp_path):
    path = tmp_path / "event.checkin"
    ef = event.create_event(path, clock=CLOCK, passphrase="old")
    attendees.add_attendee(
        ef, CLOCK, display_name="김비밀", phone="010-9999-8888", consents=everything()
    )
    ef.close()
    return path


def _kill_during_rename(path, new):
    """Run a passphrase change in another process, SIGKILLed just before its rename."""
    script = textwrap.dedent(f"""
        import os, signal
        from checkin.event import rekey
        os.replace = lambda *a: os.kill(os.getpid(), signal.SIGKILL)
        rekey.change_passphrase({str(path)!r}, "old", {new!r})
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120)
    assert done.returncode == -9, done.stderr.decode()


def test_a_killed_change_leaves_a_copy_that_the_next_open_removes(secret_event) -> None:
    _kill_during_rename(secret_event, None)  # `passphrase --remove`, killed
    copies = leftovers.rekey_copies(secret_event)
    assert len(copies) == 1
    assert b"010-9999-8888" in copies[0].read_bytes()  # plaintext: why it must go
    ef = open_event_file(secret_event, "old")  # the original is whole
    ef.close()
    assert leftovers.rekey_copies(secret_event) == []
    assert not list(secret_event.parent.glob(".*rekey*"))


def test_the_next_change_removes_it_too(secret_event) -> None:
    _kill_during_rename(secret_event, "new")
    assert leftovers.rekey_copies(secret_event)
    assert rekey.change_passphrase(secret_event, "old", "new") is True
    assert not list(secret_event.parent.glob(".*rekey*"))
    open_event_file(secret_event, "new").close()


def test_a_copy_in_use_by_a_running_change_is_left_alone(secret_event) -> None:
    copy = secret_event.with_name(f".{secret_event.name}.0000{leftovers.SUFFIX}")
    copy.write_bytes(b"in progress")
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import fcntl, os, sys, time
            fd = os.open({str(copy)!r}, os.O_RDONLY)
            fcntl.flock(fd, fcntl.LOCK_EX)
            print("held", flush=True)
            time.sleep(60)
        """)],
        stdout=subprocess.PIPE,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == b"held"
        assert leftovers.remove_abandoned(secret_event) == 0
        assert copy.exists()
    finally:
        holder.kill()
        holder.communicate()
    assert leftovers.remove_abandoned(secret_event) == 1
    assert not copy.exists()


def test_a_concurrent_writer_is_reported_as_such(secret_event, monkeypatch) -> None:
    real_counts = rekey._counts
    calls = []

    def counts_then_someone_writes(conn):
        result = real_counts(conn)
        if not calls:
            other = open_event_file(secret_event, "old")  # another program, writing
            attendees.add_attendee(other, CLOCK, display_name="늦게 온 사람")
            other.close()
        calls.append(1)
        return result

    monkeypatch.setattr(rekey, "_counts", counts_then_someone_writes)
    with pytest.raises(errors.ChangedWhileRekeying) as info:
        rekey.change_passphrase(secret_event, "old", "new")
    assert ".rekey" not in info.value.en and "NOT changed" in info.value.en
    assert "바뀌지 않았고" in info.value.ko
    ef = open_event_file(secret_event, "old")  # still the old passphrase, both rows
    assert ef.conn.execute("SELECT count(*) FROM attendees").fetchone()[0] == 2
    ef.close()
    assert not list(secret_event.parent.glob(".*rekey*"))
