"""The shared folder, and the ``checkin sync`` command line."""

from __future__ import annotations

import json

import pytest

from checkin.cli import main
from checkin.door.engine import CheckinEngine
from checkin.event import identity as event
from checkin.models import Status
from checkin.sync import dump, folder
from checkin.sync.keys import View


def test_folder_sync_converges_and_each_station_writes_only_its_own(stations, tmp_path):
    clock = stations.clock
    shared = tmp_path / "share"
    shared.mkdir()
    doors = [stations.add(f"door{i}", f"{i}번 출입구", role="scan-only") for i in range(3)]
    code = event.badge_code(stations.org, stations.people[0].id, 1)
    assert CheckinEngine(doors[0], clock).scan(code).ok
    CheckinEngine(doors[1], clock).check_in(stations.people[1].id)
    everyone = [stations.org, *doors]
    for _ in range(2):
        for ef in everyone:
            folder.sync_folder(ef, shared, clock)
    names = sorted(p.name for p in shared.iterdir())
    org_id = event.info(stations.org).station.station_id
    # each its own; the organizer also its rows as the door kiosks see them
    assert names == sorted(
        [*(folder.bundle_name(event.info(ef).station.station_id) for ef in everyone),
         folder.bundle_name(org_id, View.DOOR), folder.bundle_name(org_id, View.BARE)]
    )  # fmt: skip
    assert {dump.digest(ef.conn) for ef in doors} == {dump.digest(stations.org.conn, View.DOOR)}
    assert CheckinEngine(doors[2], clock).scan(code).status is Status.ALREADY_IN
    # nothing new: peers' bundles are skipped and ours is not rewritten
    quiet = folder.sync_folder(doors[2], shared, clock)
    assert quiet.imported == 0 and quiet.read == [] and not quiet.wrote
    # a damaged bundle in the folder is reported and does not stop the others
    (shared / "ffffffffffffffff.ckbundle").write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    CheckinEngine(doors[0], clock).check_in(stations.people[2].id)
    folder.sync_folder(doors[0], shared, clock)
    result = folder.sync_folder(doors[2], shared, clock)
    assert result.imported == 1
    assert [r["file"] for r in result.refused] == ["ffffffffffffffff.ckbundle"]
    # ... and still reported while it stays there (it was "Synced", green, a round later)
    again = folder.sync_folder(doors[2], shared, clock)
    assert [r["error"] for r in again.refused] == ["bundle_damaged"]
    assert again.refused[0]["message"] == result.refused[0]["message"]
    assert again.refused[0]["message_ko"] == result.refused[0]["message_ko"]
    (shared / "ffffffffffffffff.ckbundle").unlink()
    assert folder.sync_folder(doors[2], shared, clock).refused == []


def run(capsys, *argv) -> tuple[int, dict]:
    code = main(list(argv))
    out = capsys.readouterr().out.strip().splitlines()
    return code, json.loads(out[-1]) if out else {}


def test_cli_provision_export_import_report_status(stations, tmp_path, capsys):
    org = str(stations.org.path)
    stations.org.close()
    door = str(tmp_path / "door.checkin")
    code, data = run(capsys, "sync", "provision", org, door, "--station", "2번 출입구",
                     "--role", "scan-only", "--no-personal", "--json")  # fmt: skip
    assert code == 0 and data["station_no"] == 1 and data["personal"] is False
    code, data = run(capsys, "checkin", door, "DD-0001", "--json")
    assert code == 0
    code, data = run(capsys, "checkin", org, "DD-0001", "--json")
    assert code == 0
    bundle_path = str(tmp_path / "door.ckbundle")
    code, data = run(capsys, "sync", "export", door, bundle_path, "--json")
    assert code == 0 and data["sent"] >= 1
    code, data = run(capsys, "sync", "import", org, bundle_path, "--json")
    assert code == 0 and data["imported"][0]["imported"] == 1 and data["double_entries"] == 1
    code, data = run(capsys, "sync", "report", org, "--json")
    assert code == 0 and len(data["double_entries"]) == 1
    assert data["double_entries"][0]["second"]["station_name"] in ("2번 출입구", "본부")
    code, data = run(capsys, "sync", "status", org, "--json")
    assert code == 0 and data["double_entries"] == 1 and len(data["stations"]) == 2
    code, data = run(capsys, "sync", "retire", org, "2번 출입구", "--json")
    assert code == 0 and data["retired"] is True
    code, data = run(capsys, "sync", "import", org, bundle_path, "--json")
    assert code == 1 and data["refused"][0]["error"] == "bundle_from_retired_station"
    code, data = run(capsys, "sync", "config", org, "--folder", str(tmp_path), "--interval", "5",
                     "--json")  # fmt: skip
    assert code == 0 and data["interval_s"] == 5


def test_cli_errors_are_clear_and_never_a_traceback(stations, tmp_path, capsys):
    org = str(stations.org.path)
    stations.org.close()
    junk = tmp_path / "junk.ckbundle"
    junk.write_bytes(b"not a bundle at all" * 10)
    code = main(["sync", "import", org, str(junk), "--lang", "ko"])
    captured = capsys.readouterr()
    assert code == 1 and "Traceback" not in captured.out + captured.err
    assert "변경하지 않았습니다" in captured.out
    code = main(["sync", "hub", org, "postgresql://x@127.0.0.1:9/none", "--json"])
    data = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert code == 1 and data["error"] == "hub_unavailable"
    code = main(["sync", "folder", org, str(tmp_path / "missing"), "--json"])
    data = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert code == 1 and data["error"] == "folder_unavailable"
    code = main(["sync", "provision", org, str(tmp_path / "x.checkin"), "--station", "X",
                 "--role", "desk", "--no-personal", "--json"])  # fmt: skip
    data = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert code == 1 and data["error"] == "invalid_input"


def test_cli_folder_every_runs_rounds(stations, tmp_path, capsys):
    org = str(stations.org.path)
    stations.org.close()
    shared = tmp_path / "share"
    shared.mkdir()
    code = main(["sync", "folder", org, str(shared), "--every", "0.01", "--rounds", "2", "--json"])
    lines = [json.loads(x) for x in capsys.readouterr().out.strip().splitlines()]
    assert code == 0 and len(lines) == 2 and lines[0]["wrote"] is True


@pytest.mark.usefixtures("postgres_server")
def test_cli_hub(stations, hub_url, capsys):
    org = str(stations.org.path)
    stations.org.close()
    code, data = run(capsys, "sync", "hub", org, hub_url, "--json")
    assert code == 0 and data["pushed"] > 0 and "@" in data["hub"]


def test_a_retired_station_left_in_the_folder_is_reported_once(stations, tmp_path):
    from checkin.sync import provision

    clock = stations.clock
    shared = tmp_path / "share"
    shared.mkdir()
    lost = stations.add("lost", "분실된 노트북")
    CheckinEngine(lost, clock).check_in(stations.people[0].id)
    provision.retire(stations.org, clock, "분실된 노트북")
    clock.advance(5000)
    CheckinEngine(lost, clock).check_in(stations.people[1].id)
    folder.sync_folder(lost, shared, clock)  # it does not know yet
    first = folder.sync_folder(stations.org, shared, clock)
    assert [r["error"] for r in first.refused] == ["bundle_from_retired_station"]
    assert folder.sync_folder(stations.org, shared, clock).refused == []  # retired on purpose
