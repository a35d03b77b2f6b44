"""Groups and door modes travel like other fields and settings: bundles and the hub."""

from __future__ import annotations

import psycopg

from checkin.door import modes
from checkin.door.engine import CheckinEngine
from checkin.event import identity as event
from checkin.event import settings as settings_mod
from checkin.models import Status
from checkin.people import attendees, groups
from checkin.sync import bundle, hub


def exchange(clock, tmp_path, sender, receiver, name="g.ckbundle"):
    path = tmp_path / name
    if path.exists():
        path.unlink()
    bundle.export_bundle(sender, path, clock)
    return bundle.import_bundle(receiver, path, clock)


def _group(ef):
    return {a.display_name: (a.group_name, a.group_key) for a in attendees.iter_all(ef)}


def test_two_desks_register_one_family_before_syncing(stations, tmp_path) -> None:
    clock = stations.clock
    desk1 = stations.add("d1", "접수 1")
    desk2 = stations.add("d2", "접수 2")
    mom = attendees.add_attendee(desk1, clock, display_name="엄마", group_name="최씨 가족")
    clock.advance(500)
    kid = attendees.add_attendee(desk2, clock, display_name="아이", group_name="최씨가족")
    assert mom.group_key == kid.group_key  # the same key, derived at each desk
    exchange(clock, tmp_path, desk1, stations.org, "1.ckbundle")
    exchange(clock, tmp_path, desk2, stations.org, "2.ckbundle")
    exchange(clock, tmp_path, stations.org, desk1, "3.ckbundle")
    assert [m.display_name for m in groups.members(desk1, mom.id)] == ["엄마", "아이"]


def test_group_edits_merge_last_writer_wins_label_and_key_together(stations, tmp_path) -> None:
    clock = stations.clock
    desk = stations.add("d1", "접수 1")
    person = stations.people[0]
    exchange(clock, tmp_path, stations.org, desk, "0.ckbundle")
    attendees.update(desk, clock, person.id, {"group_name": "통일부 대표단"})
    clock.advance(1000)
    attendees.update(stations.org, clock, person.id, {"group_name": "하나재단 일행"})
    exchange(clock, tmp_path, desk, stations.org, "1.ckbundle")
    exchange(clock, tmp_path, stations.org, desk, "2.ckbundle")
    assert _group(desk) == _group(stations.org)
    name, key = _group(desk)[person.display_name]
    assert name == "하나재단 일행" and key == groups.key_for(desk.conn, name)


def test_a_no_personal_door_checks_a_family_in_without_the_label(stations, tmp_path) -> None:
    clock = stations.clock
    family = attendees.add_attendees(
        stations.org, clock,
        [{"display_name": n, "category": "family", "group_name": "비밀가족모임"}
         for n in ("가", "나", "다")],
    )  # fmt: skip
    gate = stations.add("gate", "Gate", role="scan-only", personal=False)
    late = attendees.add_attendee(stations.org, clock, display_name="라", group_name="비밀가족모임")
    exchange(clock, tmp_path, stations.org, gate)
    labels = {r[0] for r in gate.conn.execute("SELECT group_name FROM attendees")}
    assert labels == {""}
    engine = CheckinEngine(gate, clock)
    first = engine.scan(event.badge_code(stations.org, family[0].id, 1))
    assert first.ok and first.attendee.group_name == ""
    with gate.read() as conn:
        offer = groups.offer(conn, family[0].id, first.attendee.group_key, "main")
    assert [m.display_name for m in offer.waiting] == ["나", "다", "라"]
    results = engine.check_in_group([m.attendee_id for m in offer.waiting])
    assert all(r.status is Status.OK for r in results) and late.id in {
        r.attendee_id for r in results
    }
    gate_path = gate.path
    gate.close()
    del stations.files["gate"]
    assert "비밀가족모임".encode() not in gate_path.read_bytes()


def test_door_mode_reaches_the_station_it_names(stations, tmp_path) -> None:
    clock = stations.clock
    door = stations.add("door2", "2번 출입구", role="scan-only")
    own = event.info(door).station.station_id
    modes.set_mode(stations.org, clock, "2번 출입구", "check-only")
    assert not modes.is_check_only(door)
    exchange(clock, tmp_path, stations.org, door)
    assert modes.is_check_only(door)
    assert modes.mode_of(settings_mod.load(door).extra, own) == modes.CHECK_ONLY
    assert not modes.is_check_only(stations.org)  # the organizer's own door is unchanged


def test_groups_and_modes_through_the_hub_without_the_label_in_clear(stations, hub_url) -> None:
    clock = stations.clock
    desk = stations.add("d1", "접수 1")
    attendees.update(stations.org, clock, stations.people[1].id, {"group_name": "이씨네 일행"})
    attendees.update(stations.org, clock, stations.people[2].id, {"group_name": "이씨네일행"})
    modes.set_mode(stations.org, clock, "접수 1", "check-only")
    hub.sync_hub(stations.org, hub_url, clock)
    hub.sync_hub(desk, hub_url, clock)
    assert _group(desk) == _group(stations.org)
    assert [m.display_name for m in groups.members(desk, stations.people[1].id)] == [
        "한별", "John Smith",
    ]  # fmt: skip
    assert modes.is_check_only(desk)
    with psycopg.connect(hub_url) as pg:
        payloads = b"".join(bytes(r[0]) for r in pg.execute("SELECT payload FROM checkin_hub_row"))
    assert "이씨네".encode() not in payloads
