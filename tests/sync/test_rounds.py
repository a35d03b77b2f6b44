"""One sync round (``checkin.sync.rounds``), run by the app's background sync and by
``checkin sync now``: the configured folder, then the hub; offline is an outcome."""

from __future__ import annotations

import json

from checkin.cli import main
from checkin.door.engine import CheckinEngine
from checkin.event import identity as event
from checkin.models import Status
from checkin.sync import rounds
from checkin.sync import status as status_mod
from checkin.sync.status import SyncConfig


def test_a_folder_round_brings_the_other_doors_scans(stations, tmp_path) -> None:
    clock = stations.clock
    shared = tmp_path / "share"
    shared.mkdir()
    door = stations.add("door1", "1번 출입구", role="scan-only")
    code = event.badge_code(stations.org, stations.people[0].id, 1)
    assert CheckinEngine(door, clock).scan(code).ok
    config = SyncConfig(folder=str(shared))
    sent = rounds.run_round(door, config, clock)
    assert sent.ok and sent.online and sent.sent >= 1 and sent.folder is not None
    got = rounds.run_round(stations.org, config, clock)
    assert got.imported >= 1 and got.hub is None
    assert CheckinEngine(stations.org, clock).scan(code).status is Status.ALREADY_IN
    assert rounds.run_round(stations.org, config, clock, push_only=True).folder is None


def test_an_unreachable_hub_is_offline_not_an_error(stations, tmp_path) -> None:
    config = SyncConfig(hub_url="postgresql://nobody@127.0.0.1:1/nothing")
    outcome = rounds.run_round(stations.org, config, stations.clock)
    assert not outcome.online and not outcome.ok and outcome.hub is None
    assert [p.code for p in outcome.problems] == ["hub_unavailable"]
    assert outcome.problem_text("ko") != outcome.problem_text("en")
    assert outcome.to_json()["problems"][0]["error"] == "hub_unavailable"


def test_a_missing_folder_is_offline(stations, tmp_path) -> None:
    config = SyncConfig(folder=str(tmp_path / "not mounted"))
    outcome = rounds.run_round(stations.org, config, stations.clock)
    assert not outcome.online and outcome.problems and outcome.folder is None


def _run(capsys, *argv) -> tuple[int, str]:
    code = main([str(a) for a in argv])
    return code, capsys.readouterr().out


def test_sync_now_runs_the_configured_round(stations, tmp_path, capsys) -> None:
    shared = tmp_path / "share"
    shared.mkdir()
    door = stations.add("door1", "1번 출입구", role="scan-only")
    CheckinEngine(door, stations.clock).check_in(stations.people[1].id)
    for ef in (door, stations.org):
        status_mod.save_config(ef, SyncConfig(folder=str(shared)))
    paths = [door.path, stations.org.path]
    door.close()
    stations.org.close()
    code, out = _run(capsys, "sync", "now", paths[0], "--json")
    assert code == 0 and json.loads(out)["sent"] >= 1
    code, out = _run(capsys, "sync", "now", paths[1], "--lang", "ko")
    assert code == 0 and "폴더" in out and "새 기록 1건" in out


def test_sync_now_without_a_folder_or_hub_says_how_to_set_one(stations, capsys) -> None:
    path = stations.org.path
    stations.org.close()
    code, out = _run(capsys, "sync", "now", path, "--json")
    assert code != 0 and "sync config" in out


def test_sync_now_offline_says_so_and_fails(stations, tmp_path, capsys) -> None:
    status_mod.save_config(stations.org, SyncConfig(folder=str(tmp_path / "gone")))
    path = stations.org.path
    stations.org.close()
    code, out = _run(capsys, "sync", "now", path)
    assert code != 0 and "Offline" in out
