"""A database role for door kiosks (``checkin sync hub-setup --door-role``).

The door kiosks' keys open only the door and bare views of the hub's rows; their
database role cannot even select the full rows (nor the rows pushed before views), so
a kiosk's file with its hub password reaches no full name, phone or e-mail, not even as
ciphertext. Against a real PostgreSQL server, with the roles the command makes.
"""

from __future__ import annotations

import json
import os

import psycopg
import pytest

from checkin.cli import main
from checkin.door.engine import CheckinEngine
from checkin.event import identity as event
from checkin.models import Status
from checkin.people import attendees
from checkin.sync import dump, hub
from checkin.sync.keys import View
from consents import everything


def _name(prefix: str) -> str:
    return f"{prefix}_{os.urandom(4).hex()}"


def test_door_kiosks_sync_through_a_role_that_cannot_select_full_rows(
    stations, postgres_server, capsys, monkeypatch
):
    role, door_role, db = _name("hub"), _name("doors"), _name("hubdb")
    monkeypatch.setenv("HUB_PW", "a long hub password 42")
    monkeypatch.setenv("DOOR_PW", "a long door password 42")
    code = main(["sync", "hub-setup", "--role", role, "--database", db, "--password-env",
                 "HUB_PW", "--door-role", door_role, "--door-password-env", "DOOR_PW",
                 "--run", postgres_server.url("postgres"), "--json"])  # fmt: skip
    data = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert code == 0, data
    assert data["door_hub_url"] == f"postgresql://{door_role}@127.0.0.1:{postgres_server.port}/{db}"
    assert "door_password" not in data  # given by the organizer: not echoed
    full_url, door_url = data["hub_url"], data["door_hub_url"]
    clock = stations.clock
    door = stations.add("door", "출입구", role="scan-only")
    bare = stations.add("bare", "2번 출입구", role="scan-only", personal=False)
    desk = stations.add("desk", "접수")
    walk_in = attendees.add_attendee(desk, clock, display_name="워크인", category="guest",
                                     phone="010-2222-3333", access_needs="휠체어 표지",
                                     consents=everything())  # fmt: skip
    for ef, url in ((stations.org, full_url), (desk, full_url), (door, door_url),
                    (bare, door_url), (stations.org, full_url)):  # fmt: skip
        result = hub.sync_hub(ef, url, clock)
        assert result.refused == 0, result.to_json()
    # the doors got what a door shows (the walk-in with its access needs at the door
    # with personal fields, without at the other), and the desk's badge scans
    assert dump.digest(door.conn) == dump.digest(stations.org.conn, View.DOOR)
    assert dump.digest(bare.conn) == dump.digest(stations.org.conn, View.BARE)
    needs = {ef: ef.conn.execute("SELECT access_needs, phone FROM attendees WHERE id = ?",
                                 (walk_in.id,)).fetchone() for ef in (door, bare)}  # fmt: skip
    assert needs[door] == ("휠체어 표지", "") and needs[bare] == ("", "")
    code = event.badge_code(desk, walk_in.id, 1)
    assert CheckinEngine(door, clock).scan(code).status is Status.OK
    hub.sync_hub(door, door_url, clock)
    assert (
        CheckinEngine(bare, clock).scan(code).status is Status.OK
    )  # the other door's entry not here yet
    hub.sync_hub(bare, door_url, clock)
    hub.sync_hub(stations.org, full_url, clock)
    assert stations.org.conn.execute(
        "SELECT count(*) FROM checkins WHERE attendee_id = ?", (walk_in.id,)
    ).fetchone()[0] == 2  # fmt: skip
    # the door role itself: the full rows and the rows from before views are out of reach
    with psycopg.connect(door_url) as pg:
        for sql in ("SELECT full_payload FROM checkin_hub_sealed",
                    "SELECT * FROM checkin_hub_sealed",
                    "SELECT payload FROM checkin_hub_row",
                    "UPDATE checkin_hub_sealed SET bare_payload = bare_payload",
                    "DELETE FROM checkin_hub_sealed"):  # fmt: skip
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                pg.execute(sql)
            pg.rollback()
        assert pg.execute("SELECT count(door_payload) FROM checkin_hub_sealed").fetchone()[0] > 0
    # the hub's own role reads everything (the organizer and desks use it)
    with psycopg.connect(full_url) as pg:
        assert pg.execute("SELECT count(full_payload) FROM checkin_hub_sealed").fetchone()[0] > 0
