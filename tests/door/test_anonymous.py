"""Anonymous admission: a person who will not be registered is let in; only the
category, the time and the station are kept, counted everywhere and synced."""

from __future__ import annotations

import json

import pytest

from checkin import errors
from checkin.cli import main
from checkin.door import stats
from checkin.door.engine import CheckinEngine, anonymous_category
from checkin.lists import report
from checkin.sync import bundle


def test_an_anonymous_admission_counts_and_keeps_nothing_else(ef, engine, people, organizer):
    before = stats.compute(ef)
    result = engine.admit_anonymous("defector", station="1번 출입구", operator="KJ")
    assert result.ok and result.attendee is None and not result.unsynced
    assert result.checkin.method == "anonymous"
    assert anonymous_category(result.attendee_id) == "defector"
    after = stats.compute(ef)
    assert after.checked_in == before.checked_in + 1 and after.anonymous == 1
    assert after.expected == before.expected  # never registered, never expected
    assert after.unsynced == before.unsynced  # not an unknown person either
    cats = {c.category: c.checked_in for c in after.by_category}
    before_cats = {c.category: c.checked_in for c in before.by_category}
    assert cats["defector"] == before_cats.get("defector", 0) + 1
    assert after.by_station["1번 출입구"] == 1
    # no attendee record, nothing personal anywhere
    assert ef.execute("SELECT count(*) FROM attendees WHERE id = ?",
                      (result.attendee_id,)).fetchone()[0] == 0  # fmt: skip
    data = report.collect(ef)
    assert data.anonymous == 1
    with pytest.raises(errors.InvalidInput):
        engine.admit_anonymous("martian")


def test_undo_of_an_anonymous_admission(ef, engine) -> None:
    result = engine.admit_anonymous("press")
    engine.undo(result.attendee_id, reason="잘못 누름")
    assert stats.compute(ef).anonymous == 0


def test_a_scan_only_door_admits_anonymously_and_it_syncs(tmp_path) -> None:
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent.parent))
    from sync_support import EVENT_MORNING_MS, Stations

    from checkin.clock import FixedClock

    made = Stations(tmp_path, FixedClock(EVENT_MORNING_MS))
    try:
        door = made.add("door", "1번 출입구", role="scan-only", personal=False)
        CheckinEngine(door, made.clock).admit_anonymous("family")
        out = tmp_path / "door.ckbundle"
        bundle.export_bundle(door, out, made.clock)
        bundle.import_bundle(made.org, out, made.clock)
        s = stats.compute(made.org)
        assert s.anonymous == 1 and {c.category: c.checked_in for c in s.by_category}["family"] == 1
    finally:
        made.close()


def test_cli_admit_anonymous(ef, capsys) -> None:
    path = str(ef.path)
    ef.close()
    assert main(["admit-anonymous", path, "--category", "guest", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["result"]["ok"]
    assert main(["stats", path, "--lang", "en"]) == 0
    assert "Admitted without registering: 1" in capsys.readouterr().out
    assert main(["admit-anonymous", path, "--category", "nobody"]) != 0
