"""The PostgreSQL hub, against a real server started by the tests."""

from __future__ import annotations

import threading

import psycopg
import pytest

from checkin.db.schema import SYNCED_LOGS
from checkin.door.engine import CheckinEngine
from checkin.event import identity as event
from checkin.models import Status
from checkin.people import attendees
from checkin.sync import dump, hub, provision
from checkin.sync.errors import HubRefused, HubUnavailable, StationConflict, StationRetired


def test_check_in_at_one_door_is_already_in_at_another_through_the_hub(stations, hub_url):
    clock = stations.clock
    door1 = stations.add("door1", "1번 출입구", role="scan-only")
    door2 = stations.add("door2", "2번 출입구", role="scan-only")
    code = event.badge_code(stations.org, stations.people[0].id, 1)
    clock.advance(1000)
    assert CheckinEngine(door1, clock).scan(code).status is Status.OK
    pushed = hub.sync_hub(door1, hub_url, clock, pull=False)
    assert pushed.pushed >= 1  # its own check-in, and the rows it relays
    pulled = hub.sync_hub(door2, hub_url, clock)
    assert pulled.imported == 1
    result = CheckinEngine(door2, clock).scan(code)
    assert result.status is Status.ALREADY_IN
    assert result.previous.station_name == "1번 출입구"


def test_hub_never_sees_personal_data(stations, hub_url):
    clock = stations.clock
    hub.sync_hub(stations.org, hub_url, clock)
    with psycopg.connect(hub_url) as pg:
        payloads = b"".join(
            bytes(p)
            for row in pg.execute(
                "SELECT full_payload, door_payload, bare_payload FROM checkin_hub_sealed"
            )
            for p in row
            if p is not None
        )
        count = pg.execute("SELECT count(*) FROM checkin_hub_sealed").fetchone()[0]
    assert count > 0
    for secret in ("010-1234-5678", "이영희", "john@example.org", "김민수"):
        assert secret.encode() not in payloads


def test_everyone_converges_through_the_hub(stations, hub_url):
    clock = stations.clock
    desks = [stations.add(f"d{i}", f"Desk {i}") for i in range(3)]
    for i, desk in enumerate(desks):
        engine = CheckinEngine(desk, clock)
        for person in stations.people:
            clock.advance(37)
            engine.check_in(person.id, direction="entry" if i % 2 == 0 else "exit")
        attendees.update(desk, clock, stations.people[0].id, {"organization": f"org {i}"})
        attendees.add_attendee(desk, clock, display_name=f"워크인 {i}")
    for ef in [*desks, stations.org]:
        hub.sync_hub(ef, hub_url, clock)
    for ef in [*desks, stations.org]:
        again = hub.sync_hub(ef, hub_url, clock)
        assert again.pushed == 0
    digests = {dump.digest(ef.conn) for ef in [*desks, stations.org]}
    assert len(digests) == 1
    with psycopg.connect(hub_url) as pg:
        hub_ids = {
            r[0] for r in pg.execute("SELECT station_id || ':' || seq FROM checkin_hub_sealed")
        }
    every_log = " UNION ALL ".join(f"SELECT station_id, seq FROM {t}" for t in SYNCED_LOGS)
    local = {f"{s}:{q}" for s, q in stations.org.conn.execute(every_log)}
    assert hub_ids == local


def test_many_stations_push_and_pull_at_once(stations, hub_url, tmp_path):
    clock = stations.clock
    desks = [stations.add(f"d{i}", f"Door {i}", role="scan-only") for i in range(6)]
    for desk in desks:
        engine = CheckinEngine(desk, clock)
        for person in stations.people:
            engine.check_in(person.id)
            engine.check_in(person.id, direction="exit")
    paths = [(ef.path, None) for ef in desks]
    errors: list[BaseException] = []

    def run(path) -> None:
        from checkin.clock import SYSTEM_CLOCK
        from checkin.db.eventfile import open_event_file

        try:
            with open_event_file(path) as ef:
                for _ in range(3):
                    hub.sync_hub(ef, hub_url, SYSTEM_CLOCK)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(p,)) for p, _ in paths]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    for ef in desks:
        hub.sync_hub(ef, hub_url, clock)
    counts = {ef.conn.execute("SELECT count(*) FROM checkins").fetchone()[0] for ef in desks}
    assert counts == {6 * 8}


def test_unreachable_hub_is_a_clear_error_and_the_kiosk_keeps_working(stations):
    clock = stations.clock
    door = stations.add("door", "Door")
    with pytest.raises(HubUnavailable) as info:
        hub.sync_hub(door, "postgresql://checkin@127.0.0.1:9/none", clock, timeout=1)
    assert "offline" in info.value.en and "오프라인" in info.value.ko
    assert CheckinEngine(door, clock).check_in(stations.people[0].id).ok


def test_wrong_database_is_refused(stations, postgres_server):
    url = postgres_server.url("no_such_database")
    with pytest.raises(HubRefused):
        hub.sync_hub(stations.org, url, stations.clock)


def test_copied_file_pushing_the_same_station_is_refused(stations, hub_url, tmp_path):
    import shutil

    from checkin.db.eventfile import open_event_file

    clock = stations.clock
    desk = stations.add("desk", "Desk")
    desk.close()
    shutil.copy(tmp_path / "desk.checkin", tmp_path / "copy.checkin")
    desk = open_event_file(tmp_path / "desk.checkin")
    copy = open_event_file(tmp_path / "copy.checkin")
    stations.files.update(desk=desk, copy=copy)
    CheckinEngine(desk, clock).check_in(stations.people[0].id)
    CheckinEngine(copy, clock).check_in(stations.people[1].id)
    hub.sync_hub(desk, hub_url, clock)
    with pytest.raises(StationConflict):
        hub.sync_hub(copy, hub_url, clock)
    with psycopg.connect(hub_url) as pg:
        assert (
            pg.execute("SELECT count(*) FROM checkin_hub_sealed WHERE log = 'checkins'").fetchone()[
                0
            ]
            == 1
        )


def test_retired_station_rows_are_ignored_from_the_hub(stations, hub_url):
    clock = stations.clock
    lost = stations.add("lost", "Lost")
    desk = stations.add("desk", "Desk")
    CheckinEngine(lost, clock).check_in(stations.people[0].id)
    hub.sync_hub(lost, hub_url, clock)
    hub.sync_hub(stations.org, hub_url, clock)
    provision.retire(stations.org, clock, "Lost")
    hub.sync_hub(stations.org, hub_url, clock)
    CheckinEngine(lost, clock).check_in(stations.people[1].id)
    with pytest.raises(StationRetired):  # it learns it was retired and stops sending
        hub.sync_hub(lost, hub_url, clock)
    hub.sync_hub(desk, hub_url, clock)
    assert desk.conn.execute("SELECT count(*) FROM checkins").fetchone()[0] == 1
    assert dump.digest(desk.conn) == dump.digest(stations.org.conn)
