"""A kiosk killed mid-stream (power cut, SIGKILL) loses no check-in it has shown."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap

import pytest

from checkin.db.eventfile import open_event_file
from checkin.event import identity as event
from checkin.people import attendees

SCANNER = textwrap.dedent(
    """
    import sys
    from checkin.db.eventfile import open_event_file
    from checkin.door.engine import CheckinEngine

    ef = open_event_file(sys.argv[1])
    engine = CheckinEngine(ef)
    for line in open(sys.argv[2], encoding="ascii"):
        result = engine.scan(line.strip(), station="crash-test")
        # Only what was returned (and would be painted green) is printed.
        print(result.status.value, result.checkin.id if result.checkin else "-", flush=True)
    """
)


@pytest.mark.slow
@pytest.mark.parametrize("round_", range(4))
def test_sigkill_mid_stream_loses_no_returned_checkin(tmp_path, clock, round_) -> None:
    path = tmp_path / "kiosk.db"
    with event.create_event(path, clock=clock) as ef:
        people = attendees.add_attendees(
            ef, clock, [{"display_name": f"참가자{i}"} for i in range(400)]
        )
        codes = [event.badge_code(ef, a.id, 1) for a in people]
    code_file = tmp_path / "codes.txt"
    code_file.write_text("\n".join(codes) + "\n", encoding="ascii")
    script = tmp_path / "scanner.py"
    script.write_text(SCANNER, encoding="utf-8")

    kill_after = random.Random(round_).randrange(20, 300)
    proc = subprocess.Popen(
        [sys.executable, str(script), str(path), str(code_file)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    returned = []
    assert proc.stdout is not None
    for line in proc.stdout:
        status, checkin_id = line.split()
        assert status == "ok"
        returned.append(checkin_id)
        if len(returned) >= kill_after:
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait(timeout=30)
    proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL

    with open_event_file(path) as ef:
        assert ef.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {r[0] for r in ef.conn.execute("SELECT id FROM checkins")}
        inside = ef.conn.execute("SELECT count(*) FROM attendance WHERE inside = 1").fetchone()[0]
    missing = [c for c in returned if c not in stored]
    assert missing == []
    # The log and the derived state agree (committed together).
    assert inside == len(stored)
    assert len(stored) >= kill_after
