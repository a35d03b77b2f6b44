"""A copied, moved or restored station file sends every row it holds that others lack.

Issue: a no-personal door kiosk's file copied to a spare sent "0 rows": its scans were
written under the identity it had before the copy, and a station without personal
fields sent only rows of its current identity. Now every station type sends them.
"""

from __future__ import annotations

import json
import shutil

import pytest

from checkin import cli
from checkin.db.eventfile import open_event_file
from checkin.door.engine import CheckinEngine
from checkin.sync import bundle


@pytest.mark.parametrize(
    ("role", "personal"),
    [("desk", True), ("scan-only", True), ("scan-only", False)],
    ids=["desk", "scan-only", "scan-only-no-personal"],
)
def test_a_copied_kiosk_file_sends_the_scans_it_holds(stations, tmp_path, role, personal):
    clock = stations.clock
    door = stations.add("door", "Door", role=role, personal=personal)
    bundle.export_bundle(door, tmp_path / "first.ckbundle", clock)  # bound where it lives
    engine = CheckinEngine(door, clock)
    people = stations.people
    for i in range(10):
        clock.advance(1000)
        engine.check_in(people[i % len(people)].id, direction="exit" if (i // 4) % 2 else "entry")
    door.close()
    del stations.files["door"]
    shutil.copy(tmp_path / "door.checkin", tmp_path / "spare.checkin")
    out = tmp_path / "b.ckbundle"
    code = cli.main(["sync", "export", str(tmp_path / "spare.checkin"), str(out), "--full"])
    assert code == 0
    spare = open_event_file(tmp_path / "spare.checkin")
    stations.files["spare"] = spare
    manifest = bundle.read_manifest(stations.org, out)
    assert manifest["tables"]["checkins"]["rows"] == 10
    result = bundle.import_bundle(stations.org, out, clock)
    assert result.imported >= 10
    held = stations.org.conn.execute("SELECT count(*) FROM checkins").fetchone()[0]
    assert held == 10  # nothing lost


def test_the_copy_says_what_it_sent(stations, tmp_path, capsys) -> None:
    clock = stations.clock
    door = stations.add("door", "Door", role="scan-only", personal=False)
    bundle.export_bundle(door, tmp_path / "first.ckbundle", clock)
    for person in stations.people[:3]:
        clock.advance(1000)
        CheckinEngine(door, clock).check_in(person.id)
    door.close()
    del stations.files["door"]
    shutil.copy(tmp_path / "door.checkin", tmp_path / "spare.checkin")
    out = tmp_path / "b.ckbundle"
    for lang, words in (("en", "copied or moved"), ("ko", "복사")):
        if out.exists():
            out.unlink()
        capsys.readouterr()
        assert cli.main(["sync", "export", str(tmp_path / "spare.checkin"), str(out), "--full",
                         "--lang", lang]) == 0  # fmt: skip
        text = capsys.readouterr().out
        assert "3" in text and words in text, text
    assert cli.main(["sync", "export", str(tmp_path / "spare.checkin"), str(out), "--full",
                     "--json"]) == 0  # fmt: skip
    assert json.loads(capsys.readouterr().out)["former_rows"] == 3


def test_a_copied_no_personal_kiosk_pushes_its_scans_to_the_hub(stations, tmp_path, hub_url):
    from checkin.sync import hub

    clock = stations.clock
    door = stations.add("door", "Door", role="scan-only", personal=False)
    bundle.export_bundle(door, tmp_path / "first.ckbundle", clock)  # bound where it lives
    for person in stations.people:
        clock.advance(1000)
        CheckinEngine(door, clock).check_in(person.id)
    door.close()
    del stations.files["door"]
    shutil.copy(tmp_path / "door.checkin", tmp_path / "spare.checkin")
    spare = open_event_file(tmp_path / "spare.checkin")
    stations.files["spare"] = spare
    hub.sync_hub(spare, hub_url, clock, pull=False)
    hub.sync_hub(stations.org, hub_url, clock)
    held = stations.org.conn.execute("SELECT count(*) FROM checkins").fetchone()[0]
    assert held == len(stations.people)
